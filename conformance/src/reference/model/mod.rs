//! The reference lifecycle model of the Agent Desktop: an executable statement of what each
//! fixture and method does to the agent and its interactions, and which events it emits.
//!
//! Facts come from the doc pages and the vendor types (brightpattern-api.md §1.2, §1.7, §2 and
//! the "Complete an Interaction" use case); everything the sources do not state is marked
//! *inferred* in `docs/conformance/rules.md` (e.g. which states a method is allowed in).
//!
//! The model is deterministic: ids it generates are `sim-1`, `sim-2`, …, and its clock starts at
//! a fixed instant and advances one second per operation.
//!
//! This module keeps the state, the fixtures and what both APIs share; each API's methods are a
//! module of their own (`widget` for API A, `embedded` for API B), which depend on this one.

use std::collections::BTreeMap;

use adcontract_schema::ir::ApiId;
use serde_json::{Value, json};

use crate::contract::Spec;
use crate::wire::Emitted;

mod embedded;
mod widget;

/// What a call did: its result (`OperationResult` for API A, callback data or `None` for API B)
/// and the events it caused, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub result: Option<Value>,
    pub events: Vec<Emitted>,
}

/// A fixture the model cannot apply (a usage error of the recording or the runner).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("fixture {fixture}: {message}")]
pub struct FixtureError {
    pub fixture: String,
    pub message: String,
}

/// The fixtures the model understands, with a one-line statement each (also in the docs).
pub const FIXTURES: &[(&str, &str)] = &[
    (
        "login",
        "the agent logs in (through the desktop UI) and becomes ready",
    ),
    (
        "offer",
        "an interaction is offered to the agent (inbound call, chat or email)",
    ),
    (
        "accept",
        "the agent accepts an offered interaction in the desktop UI",
    ),
    (
        "remoteEnd",
        "the other party ends a voice call or chat: the interaction goes to wrap-up",
    ),
    (
        "emit",
        "the desktop emits an event with the given arguments (notifications, data requests)",
    ),
];

/// Interaction states in which the agent is working on it.
const LIVE_STATES: &[&str] = &["delivered", "hold"];
const WRAP_STATES: &[&str] = &["wrap_up", "wrap_up_hold"];

#[derive(Debug, Clone, PartialEq)]
struct Interaction {
    id: String,
    kind: String,
    state: String,
    direction: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    service: Option<String>,
    muted: bool,
    recording: bool,
    start: u64,
    end: Option<u64>,
    disposition: Option<String>,
    notes: Vec<String>,
    variables: BTreeMap<String, String>,
    consult_of: Option<String>,
}

/// The model's state.
#[derive(Debug, Clone)]
pub struct Model {
    api: ApiId,
    version: String,
    clock: u64,
    logged_in: bool,
    agent_id: String,
    agent_state: String,
    not_ready_reason: Option<String>,
    /// Live (not yet removed) interactions, in order of appearance.
    interactions: Vec<Interaction>,
    active: Option<String>,
    next_id: u32,
    widget_minimized: bool,
}

/// First instant of the model's clock (2026-01-01T00:00:00Z, in ms).
pub const EPOCH_MS: u64 = 1_767_225_600_000;

fn s(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

impl Model {
    pub fn new(api: ApiId, version: &str) -> Model {
        Model {
            api,
            version: version.to_string(),
            clock: EPOCH_MS,
            logged_in: false,
            agent_id: "agent.one".into(),
            agent_state: "not_ready".into(),
            not_ready_reason: None,
            interactions: Vec::new(),
            active: None,
            next_id: 1,
            widget_minimized: false,
        }
    }

    pub fn api(&self) -> ApiId {
        self.api
    }

    fn v519(&self) -> bool {
        self.version == "5.19"
    }

    fn tick(&mut self) {
        self.clock += 1000;
    }

    /// Ids of the live interactions, in order of appearance (what a consumer's list shows).
    pub fn live_ids(&self) -> Vec<String> {
        self.interactions.iter().map(|i| i.id.clone()).collect()
    }

    pub fn is_logged_in(&self) -> bool {
        self.logged_in
    }

    pub fn agent_state(&self) -> &str {
        &self.agent_state
    }

    /// The state of a live interaction.
    pub fn state_of(&self, id: &str) -> Option<&str> {
        self.find(id).map(|i| i.state.as_str())
    }

    pub fn kind_of(&self, id: &str) -> Option<&str> {
        self.find(id).map(|i| i.kind.as_str())
    }

    fn find(&self, id: &str) -> Option<&Interaction> {
        self.interactions.iter().find(|i| i.id == id)
    }

    fn find_mut(&mut self, id: &str) -> Option<&mut Interaction> {
        self.interactions.iter_mut().find(|i| i.id == id)
    }

    // ----- payloads -------------------------------------------------------------------------

    fn interaction_data(&self, i: &Interaction) -> Value {
        let mut o = serde_json::Map::new();
        o.insert("interactionId".into(), json!(i.id));
        o.insert("globalInteractionId".into(), json!(format!("G-{}", i.id)));
        o.insert("state".into(), json!(i.state));
        o.insert("type".into(), json!(i.kind));
        o.insert("subject".into(), json!(""));
        let selected = if self.v519() { Value::Null } else { json!([]) };
        o.insert(
            "associatedObjects".into(),
            json!({ "list": [], "selected": selected }),
        );
        o.insert("callParties".into(), json!([]));
        o.insert("callMuted".into(), json!(i.muted));
        o.insert("callRecording".into(), json!(i.recording));
        if !self.v519() {
            o.insert("chatParties".into(), json!([]));
        }
        o.insert("attachedData".into(), json!({}));
        if self.version == "latest" {
            o.insert("internal".into(), json!(false));
        }
        if let Some(p) = &i.phone {
            o.insert("phoneNumber".into(), json!(p));
        }
        if let Some(e) = &i.email {
            o.insert("email".into(), json!(e));
        }
        if let Some(d) = &i.direction {
            o.insert("callDirection".into(), json!(d));
        }
        o.insert("startTime".into(), json!(i.start));
        if let Some(end) = i.end {
            o.insert("endTime".into(), json!(end));
            o.insert("duration".into(), json!((end - i.start) / 1000));
        }
        if let Some(d) = &i.disposition {
            o.insert("disposition".into(), json!(d));
        }
        if let Some(sv) = &i.service {
            o.insert("service".into(), json!(sv));
        }
        Value::Object(o)
    }

    fn embedded_item(&self, i: &Interaction) -> Value {
        json!({
            "item_id": i.id,
            "global_id": format!("G-{}", i.id),
            "phone_number": i.phone.clone().or_else(|| i.email.clone()).unwrap_or_default(),
            "service": i.service.clone().unwrap_or_default(),
            "screenpop_data": "",
        })
    }

    fn ev(event: &str, args: Vec<Value>) -> Emitted {
        Emitted {
            event: event.into(),
            args,
        }
    }

    fn state_change(&self, id: &str, out: &mut Vec<Emitted>) {
        if self.api == ApiId::Widget {
            if let Some(i) = self.find(id) {
                out.push(Self::ev(
                    "ON_INTERACTION_STATE_CHANGE",
                    vec![self.interaction_data(i)],
                ));
            }
        }
    }

    fn set_agent(&mut self, state: &str, reason: Option<String>, out: &mut Vec<Emitted>) {
        if self.agent_state == state && self.not_ready_reason == reason {
            return;
        }
        self.agent_state = state.into();
        self.not_ready_reason = reason.clone();
        match self.api {
            ApiId::Widget => {
                let mut args = vec![json!(state)];
                if let Some(r) = reason {
                    args.push(json!(r));
                }
                out.push(Self::ev("ON_AGENT_STATE_CHANGE", args));
            }
            ApiId::Embedded => out.push(Self::ev(
                "onStatusChange",
                vec![json!({ "status": state, "reason": reason.unwrap_or_default() })],
            )),
        }
    }

    /// Agent state follows the interactions: busy while one is being handled, after-call work
    /// while one is in wrap-up, ready once the last one is gone (the seed use case).
    fn recompute_agent(&mut self, finished: bool, out: &mut Vec<Emitted>) {
        if !self.logged_in {
            return;
        }
        let live = self
            .interactions
            .iter()
            .any(|i| LIVE_STATES.contains(&i.state.as_str()));
        let wrap = self
            .interactions
            .iter()
            .any(|i| WRAP_STATES.contains(&i.state.as_str()));
        if live {
            self.set_agent("busy", None, out);
        } else if wrap {
            self.set_agent("after_call_work", None, out);
        } else if finished || self.agent_state == "busy" || self.agent_state == "after_call_work" {
            self.set_agent("ready", None, out);
        }
    }

    fn set_active(&mut self, id: Option<String>, out: &mut Vec<Emitted>) {
        if self.active == id {
            return;
        }
        self.active = id.clone();
        if self.api == ApiId::Widget {
            out.push(Self::ev("ON_ACTIVE_INTERACTION_SWITCHED", vec![json!(id)]));
        }
    }

    fn add(&mut self, i: Interaction, out: &mut Vec<Emitted>) {
        self.interactions.push(i.clone());
        match self.api {
            ApiId::Widget => out.push(Self::ev(
                "ON_NEW_INTERACTION",
                vec![self.interaction_data(&i)],
            )),
            ApiId::Embedded => {
                if i.state == "delivered" {
                    out.push(Self::ev(
                        "addInteractionRenderedHandler",
                        vec![self.embedded_item(&i)],
                    ));
                }
            }
        }
    }

    fn set_state(&mut self, id: &str, state: &str, out: &mut Vec<Emitted>) {
        let now = self.clock;
        if let Some(i) = self.find_mut(id) {
            i.state = state.into();
            if WRAP_STATES.contains(&state) && i.end.is_none() {
                i.end = Some(now);
            }
        }
        self.state_change(id, out);
    }

    fn remove(&mut self, id: &str, out: &mut Vec<Emitted>) {
        let now = self.clock;
        let Some(pos) = self.interactions.iter().position(|i| i.id == id) else {
            return;
        };
        let mut i = self.interactions.remove(pos);
        i.state = "completed".into();
        if i.end.is_none() {
            i.end = Some(now);
        }
        match self.api {
            ApiId::Widget => out.push(Self::ev(
                "ON_INTERACTION_REMOVED",
                vec![self.interaction_data(&i)],
            )),
            ApiId::Embedded => {
                let mut item = self.embedded_item(&i);
                if let Some(o) = item.as_object_mut() {
                    o.insert(
                        "disposition".into(),
                        json!(i.disposition.clone().unwrap_or_default()),
                    );
                    o.insert("notes".into(), json!(i.notes.join("\n")));
                    o.insert("recording_url".into(), json!(""));
                }
                out.push(Self::ev("addInteractionCompletedHandler", vec![item]));
            }
        }
        for other in &mut self.interactions {
            if other.consult_of.as_deref() == Some(id) {
                other.consult_of = None;
            }
        }
        if self.active.as_deref() == Some(id) {
            let next = self
                .interactions
                .iter()
                .find(|x| LIVE_STATES.contains(&x.state.as_str()))
                .map(|x| x.id.clone());
            self.set_active(next, out);
        }
    }

    fn new_id(&mut self) -> String {
        let id = format!("sim-{}", self.next_id);
        self.next_id += 1;
        id
    }

    fn new_interaction(&self, id: String, kind: &str, state: &str) -> Interaction {
        Interaction {
            id,
            kind: kind.into(),
            state: state.into(),
            direction: (kind == "voice").then(|| "inbound".to_string()),
            phone: None,
            email: None,
            service: None,
            muted: false,
            recording: false,
            start: self.clock,
            end: None,
            disposition: None,
            notes: Vec::new(),
            variables: BTreeMap::new(),
            consult_of: None,
        }
    }

    // ----- fixtures -------------------------------------------------------------------------

    /// Applies a fixture (see [`FIXTURES`]).
    pub fn fixture(&mut self, name: &str, args: &Value) -> Result<Vec<Emitted>, FixtureError> {
        let fail = |m: &str| FixtureError {
            fixture: name.into(),
            message: m.into(),
        };
        self.tick();
        let mut out = Vec::new();
        match name {
            "login" => {
                if self.logged_in {
                    return Err(fail("the agent is already logged in"));
                }
                if let Some(a) = args.get("agentId").and_then(Value::as_str) {
                    self.agent_id = a.into();
                }
                self.logged_in = true;
                match self.api {
                    ApiId::Widget => out.push(Self::ev("ON_LOGIN", vec![self.login_state()])),
                    ApiId::Embedded => out.push(Self::ev(
                        "onAgentLogin",
                        vec![json!({ "agent_id": self.agent_id, "login": true })],
                    )),
                }
                self.agent_state = String::new();
                self.set_agent("ready", None, &mut out);
            }
            "offer" => {
                if !self.logged_in {
                    return Err(fail("the agent is not logged in"));
                }
                let id = args
                    .get("interactionId")
                    .and_then(Value::as_str)
                    .ok_or_else(|| fail("needs a string interactionId"))?
                    .to_string();
                if self.find(&id).is_some() {
                    return Err(fail("an interaction with that id is live"));
                }
                let kind = args.get("type").and_then(Value::as_str).unwrap_or("voice");
                if !["voice", "chat", "email"].contains(&kind) {
                    return Err(fail("type must be voice, chat or email"));
                }
                let mut i = self.new_interaction(id, kind, "delivery_pending");
                i.phone = args.get("phoneNumber").and_then(s);
                i.email = args.get("email").and_then(s);
                i.service = args.get("service").and_then(s);
                self.add(i, &mut out);
            }
            "accept" => {
                let id = args
                    .get("interactionId")
                    .and_then(Value::as_str)
                    .ok_or_else(|| fail("needs a string interactionId"))?
                    .to_string();
                if self.state_of(&id) != Some("delivery_pending") {
                    return Err(fail("no offered interaction with that id"));
                }
                self.accept(&id, &mut out);
            }
            "remoteEnd" => {
                let id = args
                    .get("interactionId")
                    .and_then(Value::as_str)
                    .ok_or_else(|| fail("needs a string interactionId"))?
                    .to_string();
                if !matches!(self.state_of(&id), Some("delivered" | "hold")) {
                    return Err(fail("no connected interaction with that id"));
                }
                self.set_state(&id, "wrap_up", &mut out);
                self.recompute_agent(false, &mut out);
            }
            "emit" => {
                let event = args
                    .get("event")
                    .and_then(Value::as_str)
                    .ok_or_else(|| fail("needs a string event"))?;
                let eargs = args
                    .get("args")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                out.push(Self::ev(event, eargs));
            }
            other => return Err(fail(&format!("unknown fixture {other:?}"))),
        }
        Ok(out)
    }

    fn accept(&mut self, id: &str, out: &mut Vec<Emitted>) {
        self.set_state(id, "delivered", out);
        if self.api == ApiId::Embedded {
            if let Some(i) = self.find(id) {
                out.push(Self::ev(
                    "addInteractionRenderedHandler",
                    vec![self.embedded_item(i)],
                ));
            }
        }
        self.set_active(Some(id.to_string()), out);
        self.recompute_agent(false, out);
    }

    fn login_state(&self) -> Value {
        if self.logged_in {
            json!({ "isLoggedIn": true, "agentId": self.agent_id, "username": self.agent_id })
        } else {
            json!({ "isLoggedIn": false })
        }
    }

    // ----- calls ----------------------------------------------------------------------------

    /// Applies a method call. `spec` validates the arguments (`invalid_args`) and tells which
    /// methods exist in the version (`api_method_not_implemented`).
    pub fn call(&mut self, spec: &Spec, method: &str, args: &[Value]) -> Outcome {
        self.tick();
        match self.api {
            ApiId::Widget => self.call_widget(spec, method, args),
            ApiId::Embedded => self.call_embedded(spec, method, args),
        }
    }

    fn ok(data: Value) -> Value {
        json!({ "status": "success", "data": data })
    }

    /// The interaction a method targets: argument `pos` when given, else the active one.
    fn target(&self, args: &[Value], pos: usize) -> Result<String, &'static str> {
        match args.get(pos).and_then(Value::as_str) {
            Some(id) => self.find(id).map(|i| i.id.clone()).ok_or("no_interaction"),
            None => self
                .active
                .clone()
                .filter(|a| self.find(a).is_some())
                .ok_or("no_interaction"),
        }
    }

    /// What the reference consumer would list: the live interactions, in order of appearance.
    pub fn view(&self) -> Value {
        json!({ "interactions": self.live_ids() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_and_ids_are_deterministic() {
        let mut a = Model::new(ApiId::Widget, "latest");
        let mut b = Model::new(ApiId::Widget, "latest");
        let ea = a.fixture("login", &json!({})).ok();
        let eb = b.fixture("login", &json!({})).ok();
        assert_eq!(ea, eb);
        assert_eq!(a.agent_state(), "ready");
        assert_eq!(a.new_id(), "sim-1");
        assert_eq!(a.new_id(), "sim-2");
    }

    #[test]
    fn offer_needs_login() {
        let mut m = Model::new(ApiId::Widget, "latest");
        let e = m.fixture("offer", &json!({"interactionId": "x"}));
        assert!(e.is_err());
    }
}
