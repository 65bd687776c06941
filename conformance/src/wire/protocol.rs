//! The harness protocol: JSON lines between the runner and the implementation under test.
//!
//! The runner writes one [`Request`] per line on the implementation's stdin and reads exactly one
//! [`Reply`] line per request from its stdout, correlated by `id`. Every reply is checked
//! ([`check_reply`]) before it is used; a line that is not a well-formed reply to the pending
//! request is a protocol error. The full specification is `docs/conformance/protocol.md`; the
//! JSON Schemas in `schema/conformance/` are generated from these types.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Emitted;

/// The protocol version this runner speaks.
pub const PROTOCOL_VERSION: u64 = 1;

/// Which side of the contract the implementation plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Plays the Agent Desktop: answers calls, emits events.
    Provider,
    /// Integration code: receives events, answers data requests, reports its view.
    Consumer,
}

impl Role {
    /// The wire name (`provider`, `consumer`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Provider => "provider",
            Role::Consumer => "consumer",
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A message from the runner to the implementation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "cmd", rename_all = "camelCase")]
pub enum Command {
    /// First message: protocol version and role. The implementation must refuse (reply `error`)
    /// a version it does not speak.
    Start { protocol: u64, role: Role },
    /// Start a new case from a fresh state for one API and version.
    #[serde(rename_all = "camelCase")]
    Reset { api: String, api_version: String },
    /// Provider: set the scene (see the fixture list in the docs).
    Fixture { fixture: String, args: Value },
    /// Provider: call a method with positional arguments.
    Call { method: String, args: Vec<Value> },
    /// Provider: the answer of the host to a data-providing event the provider emitted.
    Answer { event: String, response: Value },
    /// Consumer: deliver an event with positional arguments.
    Event { event: String, args: Vec<Value> },
    /// Consumer: report your view (the live interactions, in order of appearance).
    View {},
    /// Last message; no reply. The implementation exits.
    Stop {},
}

/// One request line: an id the reply must echo, and the command.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Request {
    pub id: u64,
    #[serde(flatten)]
    pub command: Command,
}

/// Who the implementation is (the `start` reply).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Implementation {
    pub name: String,
    pub version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub homepage: Option<String>,
}

/// The APIs and versions an implementation supports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ApiSupport {
    /// `widget` (API A) or `embedded` (API B).
    pub api: String,
    /// Version ids (`5.19`, `5.24`, `latest`).
    pub versions: Vec<String>,
}

/// An event in a reply: name and positional arguments.
pub type EventOut = Emitted;

/// A reply line. Exactly the fields that fit the request are present (see [`check_reply`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Reply {
    pub id: u64,
    /// `start`, `reset`: acknowledged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ok: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implementation: Option<Implementation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apis: Option<Vec<ApiSupport>>,
    /// Free-form capability names (`fixtures`, `consultTransfer`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capabilities: Option<Vec<String>>,
    /// `call`: the method's result (API A: an `OperationResult`; API B: the callback data, or
    /// absent when the method has no callback).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub result: Option<Value>,
    /// `fixture`, `call`, `answer`: the events emitted, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<Emitted>>,
    /// `event` (consumer): the handler's answer, present only for data-providing events.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub response: Option<Value>,
    /// `view` (consumer).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub view: Option<Value>,
    /// `reset`: the implementation cannot run this case (unsupported API/version): verdict skip.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip: Option<String>,
    /// Any request: the implementation failed to handle it (its own error, not a contract
    /// answer). Counts against the case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// A present field is `Some`, even when it is `null` (absent stays `None` through `default`).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

/// Why a reply line is a protocol error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplyError {
    /// Not JSON, or not a reply's fields (serde's words).
    #[error("not a reply line ({0})")]
    NotAReply(String),
    /// A reply to another request than the pending one.
    #[error("reply id {got} does not answer request id {expected} (out of order?)")]
    WrongId { got: u64, expected: u64 },
    /// A field the command's reply requires is missing (or one it forbids is present).
    #[error("a reply to `{command}` must carry {what}")]
    Missing {
        command: &'static str,
        what: &'static str,
    },
}

/// Parses and checks one reply line against the pending request. `Err` = protocol error.
pub fn check_reply(line: &str, req: &Request) -> Result<Reply, ReplyError> {
    let reply: Reply =
        serde_json::from_str(line).map_err(|e| ReplyError::NotAReply(e.to_string()))?;
    if reply.id != req.id {
        return Err(ReplyError::WrongId {
            got: reply.id,
            expected: req.id,
        });
    }
    if reply.error.is_some() || reply.skip.is_some() {
        return Ok(reply);
    }
    let need = |ok: bool, what: &'static str| {
        if ok {
            Ok(())
        } else {
            Err(ReplyError::Missing {
                command: name(&req.command),
                what,
            })
        }
    };
    match &req.command {
        Command::Start { .. } => {
            need(reply.ok == Some(true), "\"ok\": true")?;
            need(reply.protocol.is_some(), "\"protocol\"")?;
            need(reply.implementation.is_some(), "\"implementation\"")?;
            need(reply.role.is_some(), "\"role\"")?;
            need(reply.apis.is_some(), "\"apis\"")?;
        }
        Command::Reset { .. } => need(reply.ok == Some(true), "\"ok\": true")?,
        Command::Fixture { .. } | Command::Answer { .. } => {
            need(reply.events.is_some(), "\"events\"")?
        }
        Command::Call { .. } => need(reply.events.is_some(), "\"events\"")?,
        Command::Event { .. } => need(
            reply.events.is_none() && reply.result.is_none(),
            "only \"response\"",
        )?,
        Command::View {} => need(reply.view.is_some(), "\"view\"")?,
        Command::Stop {} => {}
    }
    Ok(reply)
}

/// The `cmd` name of a command.
pub fn name(c: &Command) -> &'static str {
    match c {
        Command::Start { .. } => "start",
        Command::Reset { .. } => "reset",
        Command::Fixture { .. } => "fixture",
        Command::Call { .. } => "call",
        Command::Answer { .. } => "answer",
        Command::Event { .. } => "event",
        Command::View {} => "view",
        Command::Stop {} => "stop",
    }
}

/// The JSON Schemas of the protocol messages (request, reply), as committed in
/// `schema/conformance/`.
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![
        (
            "protocol-request.schema.json",
            serde_json::to_value(schemars::schema_for!(Request)).unwrap_or(Value::Null),
        ),
        (
            "protocol-reply.schema.json",
            serde_json::to_value(schemars::schema_for!(Reply)).unwrap_or(Value::Null),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(c: Command) -> Request {
        Request { id: 7, command: c }
    }

    #[test]
    fn requests_serialise_flat() {
        let r = req(Command::Call {
            method: "getAgentState".into(),
            args: vec![],
        });
        let s = serde_json::to_string(&r).unwrap_or_default();
        assert_eq!(
            s,
            r#"{"id":7,"cmd":"call","method":"getAgentState","args":[]}"#
        );
        let back: Request = serde_json::from_str(&s).unwrap_or_else(|_| req(Command::Stop {}));
        assert_eq!(back, r);
    }

    #[test]
    fn replies_are_checked() {
        let call = req(Command::Call {
            method: "x".into(),
            args: vec![],
        });
        assert!(check_reply(r#"{"id":7,"result":null,"events":[]}"#, &call).is_ok());
        let e = check_reply(r#"{"id":6,"result":null,"events":[]}"#, &call);
        assert_eq!(
            e,
            Err(ReplyError::WrongId {
                got: 6,
                expected: 7
            })
        );
        assert!(
            e.err()
                .is_some_and(|e| e.to_string().contains("out of order")),
        );
        assert_eq!(
            check_reply(r#"{"id":7,"result":null}"#, &call),
            Err(ReplyError::Missing {
                command: "call",
                what: "\"events\""
            })
        );
        assert!(matches!(
            check_reply(r#"{"id":7,"bogus":1,"events":[]}"#, &call),
            Err(ReplyError::NotAReply(_))
        ));
        assert!(matches!(
            check_reply("hello", &call),
            Err(ReplyError::NotAReply(_))
        ));
    }
}
