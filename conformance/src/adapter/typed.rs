//! The typed Rust adapter: an implementation of a generated `AgentDesktop` trait (from the
//! `adcontract` facade, e.g. `adcontract::latest::widget`, or from any `bindings!` expansion)
//! becomes a harness process.
//!
//! The generated trait says what every method answers. A harness needs two more things the trait
//! cannot say: how to set the scene of a case (fixtures) and which events the implementation
//! emitted. That is [`Scene`]; on the consumer side, [`Handler`] receives typed events. The
//! generated module's `Binding` ([`ApiBinding`]) connects them to the protocol without this crate
//! naming the user's types, so bindings expanded in any crate work.
//!
//! ```ignore
//! use adcontract::latest::widget;
//! use adcontract_conformance::adapter::{self, typed::{Scene, TypedProvider}};
//!
//! impl widget::AgentDesktop for MyDesktop { /* one method per call */ }
//! impl Scene<widget::Binding> for MyDesktop { /* fixtures, emitted events */ }
//!
//! fn main() -> std::io::Result<()> {
//!     adapter::serve_provider(TypedProvider::new(widget::Binding, MyDesktop::default()))
//! }
//! ```
//!
//! The adapter stands where the vendor's SDK stands, so calls outside the contract never reach
//! the implementation. A method that the version does not list is answered
//! `api_method_not_implemented`, and arguments that do not fit are answered `invalid_args`. (API B
//! answers neither: it is fire-and-forget.) The reference model answers the same way, so the rules
//! judge what the implementation does with the calls its types can express.

use std::marker::PhantomData;

use adcontract_schema::ir::ApiId;
use adcontract_schema::runtime::{ApiBinding, ApiModule, DispatchError, Envelope};
use serde_json::{Value, json};

use super::{About, Consumer, HarnessError, Provider};
use crate::contract::SpecSource;
use crate::contract::error_codes::error_result;
use crate::contract::{Spec, canonical_source, parse_api};
use crate::wire::Emitted;
use crate::wire::protocol::{ApiSupport, Implementation};
use crate::wire::scene::Fixture;

/// What a provider implementation adds to its generated `AgentDesktop` trait so that a harness
/// can drive it: a fresh start, fixtures, and the events it emitted.
pub trait Scene<B: ApiModule> {
    /// Forget everything: a new case starts (logged out, no interactions).
    fn reset(&mut self) -> Result<(), HarnessError>;

    /// Set the scene: the agent logs in, a call is offered, the customer hangs up, ... (see
    /// [`Fixture`] and `docs/conformance/recording.md`). `Err` = this implementation cannot
    /// apply it (`Err("why".into())`).
    fn fixture(&mut self, fixture: &Fixture) -> Result<(), HarnessError>;

    /// The events emitted since the last call, in order (the adapter asks after every reset,
    /// fixture, call and answer).
    fn take_events(&mut self) -> Vec<B::Event>;

    /// The host's answer to an event that expects one. Most implementations only record it.
    fn answer(&mut self, response: B::EventResponse) -> Result<(), HarnessError> {
        let _ = response;
        Ok(())
    }
}

/// A typed `AgentDesktop` implementation as a [`Provider`].
pub struct TypedProvider<B, T> {
    target: T,
    about: About,
    source: SpecSource,
    spec: Option<&'static Spec>,
    binding: PhantomData<fn() -> B>,
}

impl<B, T> std::fmt::Debug for TypedProvider<B, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TypedProvider")
            .field("about", &self.about)
            .finish_non_exhaustive()
    }
}

impl<B: ApiBinding<T>, T: Scene<B>> TypedProvider<B, T> {
    /// Serves `target` through the generated module `binding` (e.g. `widget::Binding`). The
    /// handshake names it `rust-typed-<api>` until [`TypedProvider::named`] says otherwise.
    pub fn new(binding: B, target: T) -> Self {
        let _ = binding;
        TypedProvider {
            target,
            about: about(B::API, B::VERSION, vec!["fixtures".into()]),
            source: canonical_source,
            spec: None,
            binding: PhantomData,
        }
    }

    /// The implementation's name and version, for the handshake and the reports.
    pub fn named(mut self, name: impl Into<String>, version: impl Into<String>) -> Self {
        self.about.implementation.name = name.into();
        self.about.implementation.version = version.into();
        self
    }

    /// The capabilities announced in the handshake (default: `fixtures`).
    pub fn with_capabilities(mut self, capabilities: Vec<String>) -> Self {
        self.about.capabilities = capabilities;
        self
    }

    /// Where the contract checked at the boundary comes from (default: the canonical one; a
    /// binding generated from another schema file needs that schema's spec).
    pub fn with_spec_source(mut self, source: SpecSource) -> Self {
        self.source = source;
        self
    }

    pub fn target(&self) -> &T {
        &self.target
    }

    pub fn target_mut(&mut self) -> &mut T {
        &mut self.target
    }

    fn events(&mut self) -> Result<Vec<Emitted>, HarnessError> {
        self.target
            .take_events()
            .iter()
            .map(|e| envelope(e).map(|(event, args)| Emitted { event, args }))
            .collect()
    }

    /// What the SDK boundary answers for a call that cannot reach the implementation.
    fn refused(name: &str) -> Option<Value> {
        match parse_api(B::API) {
            Some(ApiId::Widget) => Some(error_result(name)),
            _ => None,
        }
    }
}

impl<B: ApiBinding<T>, T: Scene<B>> Provider for TypedProvider<B, T> {
    fn about(&self) -> About {
        self.about.clone()
    }

    fn reset(&mut self, api: &str, api_version: &str) -> Result<(), HarnessError> {
        if api != B::API {
            return Err(HarnessError::Unsupported(format!(
                "this harness serves the {} API only",
                B::API
            )));
        }
        if api_version != B::VERSION {
            return Err(HarnessError::Unsupported(format!(
                "these bindings were generated for version {}, not {api_version}",
                B::VERSION
            )));
        }
        self.spec = Some((self.source)(api_version)?);
        self.target.reset()?;
        // Whatever the reset itself emitted belongs to no case.
        self.target.take_events();
        Ok(())
    }

    fn fixture(&mut self, name: &str, args: &Value) -> Result<Vec<Emitted>, HarnessError> {
        self.target.fixture(&Fixture::parse(name, args)?)?;
        self.events()
    }

    fn call(
        &mut self,
        method: &str,
        args: &[Value],
    ) -> Result<(Option<Value>, Vec<Emitted>), HarnessError> {
        let spec = self.spec.ok_or(HarnessError::NoCase)?;
        let api = parse_api(B::API)
            .ok_or_else(|| HarnessError::Implementation(format!("unknown API {:?}", B::API)))?;
        if spec.method(api, method).is_none() {
            return Ok((Self::refused("api_method_not_implemented"), Vec::new()));
        }
        if !spec.args_valid(api, method, args) {
            return Ok((Self::refused("invalid_args"), Vec::new()));
        }
        match B::call(&mut self.target, method, args.to_vec()) {
            Ok(result) => Ok((result, self.events()?)),
            Err(DispatchError::UnknownMethod(_)) => {
                Ok((Self::refused("api_method_not_implemented"), Vec::new()))
            }
            // The contract accepted the arguments but the Rust types did not: a disagreement
            // between the bindings and the spec, which the runner must see, not a refusal.
            Err(e) => Err(HarnessError::Implementation(format!("{method}: {e}"))),
        }
    }

    fn answer(&mut self, event: &str, response: &Value) -> Result<Vec<Emitted>, HarnessError> {
        let typed: B::EventResponse = serde_json::from_value(
            json!({ "name": event, "response": response }),
        )
        .map_err(|e| {
            HarnessError::Implementation(format!(
                "the answer to {event} does not fit its type: {e}"
            ))
        })?;
        self.target.answer(typed)?;
        self.events()
    }
}

/// What a consumer implementation (integration code) does with typed events.
pub trait Handler<B: ApiModule> {
    /// Forget everything: a new case starts.
    fn reset(&mut self) -> Result<(), HarnessError> {
        Ok(())
    }

    /// Handle one event; `Some` answers an event that expects a response.
    fn on_event(&mut self, event: B::Event) -> Result<Option<B::EventResponse>, HarnessError>;

    /// The live interactions as this consumer sees them, in order of appearance.
    fn interactions(&self) -> Vec<String>;
}

/// A typed [`Handler`] as a [`Consumer`].
pub struct TypedConsumer<B, H> {
    handler: H,
    about: About,
    binding: PhantomData<fn() -> B>,
}

impl<B, H> std::fmt::Debug for TypedConsumer<B, H> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TypedConsumer")
            .field("about", &self.about)
            .finish_non_exhaustive()
    }
}

impl<B: ApiModule, H: Handler<B>> TypedConsumer<B, H> {
    pub fn new(binding: B, handler: H) -> Self {
        let _ = binding;
        TypedConsumer {
            handler,
            about: about(B::API, B::VERSION, Vec::new()),
            binding: PhantomData,
        }
    }

    /// The implementation's name and version, for the handshake and the reports.
    pub fn named(mut self, name: impl Into<String>, version: impl Into<String>) -> Self {
        self.about.implementation.name = name.into();
        self.about.implementation.version = version.into();
        self
    }

    pub fn handler(&self) -> &H {
        &self.handler
    }
}

impl<B: ApiModule, H: Handler<B>> Consumer for TypedConsumer<B, H> {
    fn about(&self) -> About {
        self.about.clone()
    }

    fn reset(&mut self, api: &str, api_version: &str) -> Result<(), HarnessError> {
        if api != B::API || api_version != B::VERSION {
            return Err(HarnessError::Unsupported(format!(
                "this harness handles the {} API at version {} only",
                B::API,
                B::VERSION
            )));
        }
        self.handler.reset()
    }

    fn event(&mut self, event: &str, args: &[Value]) -> Result<Option<Value>, HarnessError> {
        let typed: B::Event = serde_json::from_value(json!({ "name": event, "args": args }))
            .map_err(|e| {
                HarnessError::Implementation(format!("{event} does not fit its type: {e}"))
            })?;
        match self.handler.on_event(typed)? {
            None => Ok(None),
            Some(r) => {
                let mut v = serde_json::to_value(&r)
                    .map_err(|e| HarnessError::Implementation(e.to_string()))?;
                Ok(Some(
                    v.get_mut("response")
                        .map(Value::take)
                        .unwrap_or(Value::Null),
                ))
            }
        }
    }

    fn view(&mut self) -> Result<Value, HarnessError> {
        Ok(json!({ "interactions": self.handler.interactions() }))
    }
}

fn about(api: &str, version: &str, capabilities: Vec<String>) -> About {
    About {
        implementation: Implementation {
            name: format!("rust-typed-{api}"),
            version: "0.0.0".into(),
            language: Some("rust".into()),
            homepage: None,
        },
        apis: vec![ApiSupport {
            api: api.into(),
            versions: vec![version.into()],
        }],
        capabilities,
    }
}

/// A generated `Event`'s wire name and arguments.
fn envelope<E: serde::Serialize>(event: &E) -> Result<(String, Vec<Value>), HarnessError> {
    let v = serde_json::to_value(event)
        .map_err(|e| HarnessError::Implementation(format!("cannot serialize an event: {e}")))?;
    let env: Envelope = serde_json::from_value(v)
        .map_err(|e| HarnessError::Implementation(format!("an event is not an envelope: {e}")))?;
    Ok((env.name, env.args))
}

/// Two providers behind one harness (say, typed implementations of API A and of API B): each
/// case goes to the first one whose `reset` accepts its API and version.
#[derive(Debug)]
pub struct Pair<P, Q> {
    first: P,
    second: Q,
    /// Which one has the current case: `Some(true)` = first.
    current: Option<bool>,
}

impl<P: Provider, Q: Provider> Pair<P, Q> {
    pub fn new(first: P, second: Q) -> Self {
        Pair {
            first,
            second,
            current: None,
        }
    }

    fn current(&mut self) -> Result<&mut dyn Provider, HarnessError> {
        match self.current {
            Some(true) => Ok(&mut self.first),
            Some(false) => Ok(&mut self.second),
            None => Err(HarnessError::NoCase),
        }
    }
}

impl<P: Provider, Q: Provider> Provider for Pair<P, Q> {
    fn about(&self) -> About {
        let mut about = self.first.about();
        let other = self.second.about();
        about.apis.extend(other.apis);
        for c in other.capabilities {
            if !about.capabilities.contains(&c) {
                about.capabilities.push(c);
            }
        }
        about
    }

    fn reset(&mut self, api: &str, api_version: &str) -> Result<(), HarnessError> {
        self.current = None;
        let first = match self.first.reset(api, api_version) {
            Ok(()) => {
                self.current = Some(true);
                return Ok(());
            }
            Err(e) => e,
        };
        match self.second.reset(api, api_version) {
            Ok(()) => {
                self.current = Some(false);
                Ok(())
            }
            Err(second) => Err(HarnessError::Unsupported(format!("{first}; {second}"))),
        }
    }

    fn fixture(&mut self, name: &str, args: &Value) -> Result<Vec<Emitted>, HarnessError> {
        self.current()?.fixture(name, args)
    }

    fn call(
        &mut self,
        method: &str,
        args: &[Value],
    ) -> Result<(Option<Value>, Vec<Emitted>), HarnessError> {
        self.current()?.call(method, args)
    }

    fn answer(&mut self, event: &str, response: &Value) -> Result<Vec<Emitted>, HarnessError> {
        self.current()?.answer(event, response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::handmade_source;

    /// A hand-written binding standing in for a generated one: calls are recorded, events are
    /// plain JSON envelopes.
    struct Widget;

    #[derive(Default)]
    struct Fake {
        calls: Vec<String>,
        pending: Vec<Value>,
        answers: Vec<Value>,
    }

    impl ApiModule for Widget {
        const API: &'static str = "widget";
        const VERSION: &'static str = "latest";
        type Event = Value;
        type EventResponse = Value;
    }

    impl ApiBinding<Fake> for Widget {
        fn call(
            target: &mut Fake,
            method: &str,
            _args: Vec<Value>,
        ) -> Result<Option<Value>, DispatchError> {
            target.calls.push(method.into());
            target
                .pending
                .push(json!({"name": "ON_AGENT_STATE_CHANGE", "args": ["ready"]}));
            Ok(Some(json!({"status": "success"})))
        }
    }

    impl Scene<Widget> for Fake {
        fn reset(&mut self) -> Result<(), HarnessError> {
            self.pending.push(json!({"name": "ON_LOGOUT", "args": []}));
            Ok(())
        }
        fn fixture(&mut self, fixture: &Fixture) -> Result<(), HarnessError> {
            Err(format!("no fixture {}", fixture.name()).into())
        }
        fn take_events(&mut self) -> Vec<Value> {
            std::mem::take(&mut self.pending)
        }
        fn answer(&mut self, response: Value) -> Result<(), HarnessError> {
            self.answers.push(response);
            Ok(())
        }
    }

    fn provider() -> TypedProvider<Widget, Fake> {
        TypedProvider::new(Widget, Fake::default()).with_spec_source(handmade_source)
    }

    #[test]
    fn reset_accepts_only_the_bindings_api_and_version() {
        let mut p = provider();
        let e = p.reset("embedded", "latest").unwrap_err();
        assert!(
            matches!(&e, HarnessError::Unsupported(m) if m.contains("widget API only")),
            "{e:?}"
        );
        let e = p.reset("widget", "5.19").unwrap_err();
        assert!(
            matches!(&e, HarnessError::Unsupported(m) if m.contains("for version latest")),
            "{e:?}"
        );
        assert_eq!(p.call("getAgentState", &[]), Err(HarnessError::NoCase));
        p.reset("widget", "latest").unwrap();
        // What the reset emitted belongs to no case.
        assert!(p.call("getAgentState", &[]).unwrap().1.len() == 1);
    }

    #[test]
    fn calls_outside_the_contract_never_reach_the_implementation() {
        let mut p = provider();
        p.reset("widget", "latest").unwrap();
        let (r, ev) = p.call("noSuchMethod", &[]).unwrap();
        assert_eq!(r.unwrap()["error"]["name"], "api_method_not_implemented");
        assert!(ev.is_empty());
        let (r, _) = p.call("setAgentState", &[json!(42)]).unwrap();
        assert_eq!(r.unwrap()["error"]["name"], "invalid_args");
        assert!(p.target().calls.is_empty());

        let (r, ev) = p.call("getAgentState", &[]).unwrap();
        assert_eq!(r.unwrap()["status"], "success");
        assert_eq!(
            ev,
            vec![Emitted {
                event: "ON_AGENT_STATE_CHANGE".into(),
                args: vec![json!("ready")]
            }]
        );
        assert_eq!(p.target().calls, ["getAgentState"]);
    }

    #[test]
    fn fixtures_and_answers_pass_through() {
        let mut p = provider();
        p.reset("widget", "latest").unwrap();
        let offer = json!({ "interactionId": "c-1" });
        assert_eq!(
            p.fixture("offer", &offer),
            Err(HarnessError::Implementation("no fixture offer".into()))
        );
        // A fixture the adapter cannot type never reaches the implementation.
        let bad = p.fixture("offer", &json!({})).unwrap_err();
        assert!(
            matches!(&bad, HarnessError::Fixture(f) if f.problem.contains("interactionId")),
            "{bad}"
        );
        p.answer("ON_REQUEST_TRANSFER_DATA", &json!({"x": 1}))
            .unwrap();
        assert_eq!(
            p.target().answers,
            [json!({"name": "ON_REQUEST_TRANSFER_DATA", "response": {"x": 1}})]
        );
    }

    #[test]
    fn a_pair_routes_each_case_to_the_provider_that_accepts_it() {
        struct Embedded;
        impl ApiModule for Embedded {
            const API: &'static str = "embedded";
            const VERSION: &'static str = "latest";
            type Event = Value;
            type EventResponse = Value;
        }
        impl ApiBinding<Fake> for Embedded {
            fn call(_: &mut Fake, _: &str, _: Vec<Value>) -> Result<Option<Value>, DispatchError> {
                Ok(None)
            }
        }
        impl Scene<Embedded> for Fake {
            fn reset(&mut self) -> Result<(), HarnessError> {
                Ok(())
            }
            fn fixture(&mut self, _: &Fixture) -> Result<(), HarnessError> {
                Ok(())
            }
            fn take_events(&mut self) -> Vec<Value> {
                Vec::new()
            }
        }
        let embedded =
            TypedProvider::new(Embedded, Fake::default()).with_spec_source(handmade_source);
        let mut pair = Pair::new(provider(), embedded);
        assert_eq!(pair.about().apis.len(), 2);
        pair.reset("embedded", "latest").unwrap();
        assert_eq!(pair.call("getState", &[]).unwrap().0, None);
        pair.reset("widget", "latest").unwrap();
        assert!(pair.call("getAgentState", &[]).unwrap().0.is_some());
        let e = pair.reset("widget", "5.19").unwrap_err().to_string();
        assert!(
            e.contains("not 5.19") && e.contains("embedded API only"),
            "{e}"
        );
        assert!(pair.call("getAgentState", &[]).is_err());
    }
}
