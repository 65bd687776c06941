//! The Rust in-process adapter: a [`Provider`] (or [`Consumer`]) becomes a harness process
//! speaking the protocol on stdin/stdout ([`serve_provider`], [`serve_consumer`], [`serve`]).
//!
//! Two levels:
//! - [`typed`]: implement the generated `AgentDesktop` trait plus a small [`typed::Scene`]
//!   (fixtures, emitted events) and get a harness; arguments and events are the bindings' types.
//! - [`Provider`] / [`Consumer`]: the protocol's own JSON-level operations, for implementations
//!   that are not typed (the reference model, bridges that relay JSON).
//!
//! Both levels fail with a [`HarnessError`], whose text the harness sends to the runner.
//!
//! Depends on [`crate::contract`] and [`crate::wire`].

pub mod typed;

use std::io::{BufRead, Write};

use serde_json::Value;

use crate::contract::SpecError;
use crate::wire::Emitted;
use crate::wire::protocol::{
    ApiSupport, Command, Implementation, PROTOCOL_VERSION, Reply, Request, Role,
};
use crate::wire::scene::FixtureParseError;

/// What a harness says about itself in the handshake.
#[derive(Debug, Clone)]
pub struct About {
    pub implementation: Implementation,
    pub apis: Vec<ApiSupport>,
    pub capabilities: Vec<String>,
}

/// Why a harness did not do what a request asked. Its text goes on the wire: a `reset`'s as the
/// reply's `skip` (the runner skips the case), any other's as the reply's `error` (which counts
/// against the case).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HarnessError {
    /// The harness does not take this case: another API, or another version.
    #[error("{0}")]
    Unsupported(String),
    /// The contract of the case's version cannot be had.
    #[error(transparent)]
    Spec(#[from] SpecError),
    /// A fixture whose arguments do not fit it.
    #[error(transparent)]
    Fixture(#[from] FixtureParseError),
    /// A request that belongs to a case came before any `reset`.
    #[error("no case started (reset first)")]
    NoCase,
    /// The implementation failed, in its own words.
    #[error("{0}")]
    Implementation(String),
}

/// An implementation's own message (`Err("…".into())`, `Err(format!(…).into())`).
impl From<String> for HarnessError {
    fn from(message: String) -> HarnessError {
        HarnessError::Implementation(message)
    }
}

impl From<&str> for HarnessError {
    fn from(message: &str) -> HarnessError {
        HarnessError::Implementation(message.to_string())
    }
}

/// An implementation of the Agent Desktop side.
pub trait Provider {
    fn about(&self) -> About;
    /// Start a new case. `Err` = this harness does not take it (verdict skip): usually
    /// [`HarnessError::Unsupported`] (another API or version).
    fn reset(&mut self, api: &str, api_version: &str) -> Result<(), HarnessError>;
    /// Set the scene. `Err` = the harness could not apply the fixture.
    fn fixture(&mut self, name: &str, args: &Value) -> Result<Vec<Emitted>, HarnessError>;
    /// Call a method: its result (if any) and the events it emitted.
    fn call(
        &mut self,
        method: &str,
        args: &[Value],
    ) -> Result<(Option<Value>, Vec<Emitted>), HarnessError>;
    /// The host's answer to a data-providing event.
    fn answer(&mut self, event: &str, response: &Value) -> Result<Vec<Emitted>, HarnessError>;
}

/// An implementation of the integration side.
pub trait Consumer {
    fn about(&self) -> About;
    /// Start a new case. `Err` = this harness does not take it (verdict skip).
    fn reset(&mut self, api: &str, api_version: &str) -> Result<(), HarnessError>;
    /// Handle an event; `Some` = the answer to a data-providing event.
    fn event(&mut self, event: &str, args: &[Value]) -> Result<Option<Value>, HarnessError>;
    /// The live interactions, in order of appearance: `{"interactions": [ids]}`.
    fn view(&mut self) -> Result<Value, HarnessError>;
}

/// One side or the other, behind one loop.
#[derive(Debug)]
pub enum Side<P, C> {
    Provider(P),
    Consumer(C),
}

/// A hook that may rewrite or drop a reply line (the mutants use it to break the protocol). It
/// returns bytes, not text, so that a mutant can send a line that is not UTF-8.
pub type Tamper<'a> = &'a mut dyn FnMut(&Request, String) -> Option<Vec<u8>>;

fn hello(id: u64, about: About, role: Role) -> Reply {
    Reply {
        id,
        ok: Some(true),
        protocol: Some(PROTOCOL_VERSION),
        implementation: Some(about.implementation),
        role: Some(role),
        apis: Some(about.apis),
        capabilities: Some(about.capabilities),
        ..Reply::default()
    }
}

fn answer<P: Provider, C: Consumer>(side: &mut Side<P, C>, req: &Request) -> Option<Reply> {
    let id = req.id;
    let err = |e: String| Reply {
        id,
        error: Some(e),
        ..Reply::default()
    };
    let events = |r: Result<Vec<Emitted>, HarnessError>| match r {
        Ok(ev) => Reply {
            id,
            events: Some(ev),
            ..Reply::default()
        },
        Err(e) => err(e.to_string()),
    };
    Some(match (&req.command, side) {
        (Command::Stop {}, _) => return None,
        (Command::Start { protocol, role }, side) => {
            if *protocol != PROTOCOL_VERSION {
                return Some(err(format!(
                    "protocol {protocol} not supported; this harness speaks {PROTOCOL_VERSION}"
                )));
            }
            match side {
                Side::Provider(p) if *role == Role::Provider => {
                    hello(id, p.about(), Role::Provider)
                }
                Side::Consumer(c) if *role == Role::Consumer => {
                    hello(id, c.about(), Role::Consumer)
                }
                _ => err(format!("this harness does not play the {role:?} role")),
            }
        }
        (Command::Reset { api, api_version }, side) => {
            let reset = match side {
                Side::Provider(p) => p.reset(api, api_version),
                Side::Consumer(c) => c.reset(api, api_version),
            };
            match reset {
                Ok(()) => Reply {
                    id,
                    ok: Some(true),
                    ..Reply::default()
                },
                // A case this harness does not take (another API or version) is skipped.
                Err(e) => Reply {
                    id,
                    skip: Some(e.to_string()),
                    ..Reply::default()
                },
            }
        }
        (Command::Fixture { fixture, args }, Side::Provider(p)) => events(p.fixture(fixture, args)),
        (Command::Call { method, args }, Side::Provider(p)) => match p.call(method, args) {
            Ok((result, ev)) => Reply {
                id,
                result,
                events: Some(ev),
                ..Reply::default()
            },
            Err(e) => err(e.to_string()),
        },
        (Command::Answer { event, response }, Side::Provider(p)) => {
            events(p.answer(event, response))
        }
        (Command::Event { event, args }, Side::Consumer(c)) => match c.event(event, args) {
            Ok(response) => Reply {
                id,
                response,
                ..Reply::default()
            },
            Err(e) => err(e.to_string()),
        },
        (Command::View {}, Side::Consumer(c)) => match c.view() {
            Ok(v) => Reply {
                id,
                view: Some(v),
                ..Reply::default()
            },
            Err(e) => err(e.to_string()),
        },
        (c, _) => err(format!(
            "command {} does not fit this role",
            crate::wire::protocol::name(c)
        )),
    })
}

/// Runs the harness loop until `stop` or end of input. Lines that are not requests are
/// answered with an error reply (id 0) so the runner sees a protocol error, not a hang.
pub fn serve<P: Provider, C: Consumer>(
    side: &mut Side<P, C>,
    input: impl BufRead,
    mut output: impl Write,
    tamper: Option<Tamper<'_>>,
) -> std::io::Result<()> {
    let mut tamper = tamper;
    // Split on bytes, not `lines()`: a line that is not UTF-8 is answered like any other bad
    // line instead of ending the loop with an I/O error.
    for line in input.split(b'\n') {
        let line = line?;
        if line.trim_ascii().is_empty() {
            continue;
        }
        let req: Result<Request, String> = match std::str::from_utf8(&line) {
            Ok(text) => serde_json::from_str(text).map_err(|e| e.to_string()),
            Err(e) => Err(format!(
                "not UTF-8 (invalid byte at column {})",
                e.valid_up_to() + 1
            )),
        };
        let req: Request = match req {
            Ok(r) => r,
            Err(e) => {
                let r = Reply {
                    id: 0,
                    error: Some(format!("not a request: {e}")),
                    ..Reply::default()
                };
                writeln!(output, "{}", serde_json::to_string(&r).unwrap_or_default())?;
                output.flush()?;
                continue;
            }
        };
        let Some(reply) = answer(side, &req) else {
            return Ok(());
        };
        let text = serde_json::to_string(&reply).unwrap_or_default();
        let line = match tamper.as_mut() {
            Some(t) => match t(&req, text) {
                Some(x) => x,
                None => continue,
            },
            None => text.into_bytes(),
        };
        output.write_all(&line)?;
        output.write_all(b"\n")?;
        output.flush()?;
    }
    Ok(())
}

/// Serves `provider` on this process's stdin/stdout until `stop` or end of input.
pub fn serve_provider<P: Provider>(provider: P) -> std::io::Result<()> {
    let mut side: Side<P, Never> = Side::Provider(provider);
    serve(
        &mut side,
        std::io::stdin().lock(),
        std::io::stdout().lock(),
        None,
    )
}

/// Serves `consumer` on this process's stdin/stdout until `stop` or end of input.
pub fn serve_consumer<C: Consumer>(consumer: C) -> std::io::Result<()> {
    let mut side: Side<Never, C> = Side::Consumer(consumer);
    serve(
        &mut side,
        std::io::stdin().lock(),
        std::io::stdout().lock(),
        None,
    )
}

/// A consumer type for provider-only harnesses (and vice versa): never constructed.
#[derive(Debug)]
pub enum Never {}

impl Provider for Never {
    fn about(&self) -> About {
        match *self {}
    }
    fn reset(&mut self, _: &str, _: &str) -> Result<(), HarnessError> {
        match *self {}
    }
    fn fixture(&mut self, _: &str, _: &Value) -> Result<Vec<Emitted>, HarnessError> {
        match *self {}
    }
    fn call(
        &mut self,
        _: &str,
        _: &[Value],
    ) -> Result<(Option<Value>, Vec<Emitted>), HarnessError> {
        match *self {}
    }
    fn answer(&mut self, _: &str, _: &Value) -> Result<Vec<Emitted>, HarnessError> {
        match *self {}
    }
}

impl Consumer for Never {
    fn about(&self) -> About {
        match *self {}
    }
    fn reset(&mut self, _: &str, _: &str) -> Result<(), HarnessError> {
        match *self {}
    }
    fn event(&mut self, _: &str, _: &[Value]) -> Result<Option<Value>, HarnessError> {
        match *self {}
    }
    fn view(&mut self) -> Result<Value, HarnessError> {
        match *self {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::simulate::ModelProvider;

    fn run(input: &str) -> Vec<Value> {
        let mut side: Side<ModelProvider, Never> =
            Side::Provider(ModelProvider::new(crate::contract::handmade_source, None));
        let mut out = Vec::new();
        let r = serve(&mut side, input.as_bytes(), &mut out, None);
        assert!(r.is_ok());
        String::from_utf8_lossy(&out)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or(Value::Null))
            .collect()
    }

    #[test]
    fn serves_a_provider_in_process() {
        let replies = run(concat!(
            "{\"id\":1,\"cmd\":\"start\",\"protocol\":1,\"role\":\"provider\"}\n",
            "{\"id\":2,\"cmd\":\"reset\",\"api\":\"widget\",\"apiVersion\":\"latest\"}\n",
            "{\"id\":3,\"cmd\":\"call\",\"method\":\"getAgentState\",\"args\":[]}\n",
            "{\"id\":4,\"cmd\":\"stop\"}\n",
            "{\"id\":5,\"cmd\":\"view\"}\n",
        ));
        assert_eq!(replies.len(), 3, "stop ends the loop: {replies:?}");
        assert_eq!(replies[0]["protocol"], 1);
        assert_eq!(replies[1]["ok"], true);
        assert_eq!(replies[2]["result"]["error"]["name"], "not_logged_in");
    }

    #[test]
    fn refuses_other_protocol_versions_roles_and_garbage() {
        let replies = run(concat!(
            "{\"id\":1,\"cmd\":\"start\",\"protocol\":2,\"role\":\"provider\"}\n",
            "{\"id\":2,\"cmd\":\"start\",\"protocol\":1,\"role\":\"consumer\"}\n",
            "garbage\n",
            "{\"id\":3,\"cmd\":\"view\"}\n",
        ));
        assert!(
            replies.iter().all(|r| r["error"].is_string()),
            "{replies:?}"
        );
        assert_eq!(replies[2]["id"], 0);
    }
}
