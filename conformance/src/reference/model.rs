//! The reference lifecycle model of the Agent Desktop: an executable statement of what each
//! fixture and method does to the agent and its interactions, and which events it emits.
//!
//! Facts come from the doc pages and the vendor types (brightpattern-api.md §1.2, §1.7, §2 and
//! the "Complete an Interaction" use case); everything the sources do not state is marked
//! *inferred* in `docs/conformance/rules.md` (e.g. which states a method is allowed in).
//!
//! The model is deterministic: ids it generates are `sim-1`, `sim-2`, …, and its clock starts at
//! a fixed instant and advances one second per operation.

use std::collections::BTreeMap;

use adcontract_schema::ir::ApiId;
use serde_json::{Value, json};

use crate::contract::Spec;
use crate::contract::error_codes::error_result;
use crate::wire::Emitted;

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

    fn call_widget(&mut self, spec: &Spec, method: &str, args: &[Value]) -> Outcome {
        let mut out = Vec::new();
        let r = self.widget_inner(spec, method, args, &mut out);
        let result = match r {
            Ok(v) => Self::ok(v),
            Err(name) => {
                out.clear();
                error_result(name)
            }
        };
        Outcome {
            result: Some(result),
            events: out,
        }
    }

    fn widget_inner(
        &mut self,
        spec: &Spec,
        method: &str,
        args: &[Value],
        out: &mut Vec<Emitted>,
    ) -> Result<Value, &'static str> {
        if spec.method(ApiId::Widget, method).is_none() {
            return Err("api_method_not_implemented");
        }
        if !spec.args_valid(ApiId::Widget, method, args) {
            return Err("invalid_args");
        }
        let pre_login = ["getLoginState", "login", "openLogin"];
        if !self.logged_in && !pre_login.contains(&method) {
            return Err("not_logged_in");
        }
        let arg_s = |i: usize| args.get(i).and_then(Value::as_str).map(str::to_string);
        let arg_b = |i: usize| args.get(i).and_then(Value::as_bool).unwrap_or(false);
        match method {
            "getLoginState" => Ok(self.login_state()),
            "login" => {
                if self.logged_in {
                    return Ok(Value::Null);
                }
                self.agent_id = args
                    .first()
                    .and_then(|d| d.get("username"))
                    .and_then(Value::as_str)
                    .unwrap_or("agent.one")
                    .to_string();
                self.logged_in = true;
                out.push(Self::ev("ON_LOGIN", vec![self.login_state()]));
                self.agent_state = String::new();
                self.set_agent("not_ready", Some("Login".into()), out);
                Ok(Value::Null)
            }
            "openLogin" => Ok(Value::Null),
            "logout" => {
                if !self.interactions.is_empty() {
                    return Err("not_suitable_state");
                }
                self.logged_in = false;
                self.active = None;
                out.push(Self::ev("ON_LOGOUT", vec![]));
                Ok(Value::Null)
            }
            "getAgentState" => {
                let mut o =
                    json!({ "state": self.agent_state, "reservedForIncomingInteraction": false });
                if let (Some(r), Some(m)) = (&self.not_ready_reason, o.as_object_mut()) {
                    m.insert("notReadyReason".into(), json!(r));
                }
                Ok(o)
            }
            "setAgentState" => {
                let st = arg_s(0).unwrap_or_default();
                let reason = arg_s(1);
                match st.as_str() {
                    "ready" => {}
                    "not_ready" if reason.is_some() => {}
                    _ => return Err("invalid_args"),
                }
                if !self.interactions.is_empty() {
                    return Err("not_suitable_state");
                }
                let reason = if st == "not_ready" { reason } else { None };
                self.set_agent(&st, reason, out);
                Ok(Value::Null)
            }
            "getAgentNotReadyReasons" => Ok(json!(["Break", "Lunch", "Training"])),
            "acceptInteraction" => {
                let id = self.offered_target(args)?;
                if self.state_of(&id) != Some("delivery_pending") {
                    return Err("not_suitable_state");
                }
                self.accept(&id, out);
                Ok(Value::Null)
            }
            "rejectInteraction" => {
                let id = self.offered_target(args)?;
                if self.state_of(&id) != Some("delivery_pending") {
                    return Err("not_suitable_state");
                }
                self.remove(&id, out);
                Ok(Value::Null)
            }
            "startCall" | "startChat" | "startEmail" => {
                let (kind, addr) = match method {
                    "startCall" => ("voice", arg_s(0)),
                    "startChat" => ("chat", arg_s(1)),
                    _ => ("email", arg_s(0)),
                };
                let addr = addr.unwrap_or_default();
                if addr.is_empty() {
                    return Err("empty_number");
                }
                let id = self.new_id();
                let mut i = self.new_interaction(id.clone(), kind, "delivered");
                if kind == "voice" {
                    i.direction = Some("outbound".into());
                }
                if kind == "email" {
                    i.email = Some(addr);
                } else {
                    i.phone = Some(addr);
                }
                self.add(i, out);
                self.set_active(Some(id.clone()), out);
                self.recompute_agent(false, out);
                Ok(json!({ "id": id }))
            }
            "leaveInteraction" => {
                let id = self.target(args, 0)?;
                if !matches!(self.state_of(&id), Some("delivered" | "hold")) {
                    return Err("not_suitable_state");
                }
                self.set_state(&id, "wrap_up", out);
                self.recompute_agent(false, out);
                Ok(Value::Null)
            }
            "completeInteraction" => {
                let id = self.target(args, 0)?;
                if !matches!(self.state_of(&id), Some("wrap_up" | "wrap_up_hold")) {
                    return Err("not_suitable_state");
                }
                self.remove(&id, out);
                self.recompute_agent(true, out);
                Ok(Value::Null)
            }
            "leaveAndCompleteInteraction" => {
                let id = self.target(args, 2)?;
                if !matches!(
                    self.state_of(&id),
                    Some("delivered" | "hold" | "wrap_up" | "wrap_up_hold")
                ) {
                    return Err("not_suitable_state");
                }
                if let Some(i) = self.find_mut(&id) {
                    i.disposition = arg_s(0).or(i.disposition.take());
                    if let Some(n) = arg_s(1) {
                        i.notes.push(n);
                    }
                }
                self.remove(&id, out);
                self.recompute_agent(true, out);
                Ok(Value::Null)
            }
            "switchActiveInteraction" => {
                let id = self.target(args, 0)?;
                if !matches!(
                    self.state_of(&id),
                    Some("delivered" | "hold" | "wrap_up" | "wrap_up_hold")
                ) {
                    return Err("not_suitable_state");
                }
                self.set_active(Some(id), out);
                Ok(Value::Null)
            }
            "setCallHold" => {
                let id = self.voice_target(args, 1)?;
                let want = arg_b(0);
                match (self.state_of(&id), want) {
                    (Some("delivered"), true) => self.set_state(&id, "hold", out),
                    (Some("hold"), false) => self.set_state(&id, "delivered", out),
                    (Some("delivered"), false) | (Some("hold"), true) => {}
                    _ => return Err("not_suitable_state"),
                }
                Ok(Value::Null)
            }
            "setCallMute" | "setCallRecording" => {
                let id = self.voice_target(args, 1)?;
                if !matches!(self.state_of(&id), Some("delivered" | "hold")) {
                    return Err("not_suitable_state");
                }
                let want = arg_b(0);
                let changed = match self.find_mut(&id) {
                    Some(i) if method == "setCallMute" => {
                        std::mem::replace(&mut i.muted, want) != want
                    }
                    Some(i) => std::mem::replace(&mut i.recording, want) != want,
                    None => false,
                };
                if changed {
                    self.state_change(&id, out);
                }
                Ok(Value::Null)
            }
            "setCallRecordingMute" | "sendDtmf" => {
                let pos = 1;
                let id = self.voice_target(args, pos)?;
                if !matches!(self.state_of(&id), Some("delivered" | "hold")) {
                    return Err("not_suitable_state");
                }
                Ok(Value::Null)
            }
            "blindTransfer" => {
                let id = self.voice_target(args, 2)?;
                if self.state_of(&id) != Some("delivered") {
                    return Err("not_suitable_state");
                }
                if arg_s(0).unwrap_or_default().is_empty() {
                    return Err("empty_number");
                }
                self.set_state(&id, "wrap_up", out);
                self.recompute_agent(false, out);
                Ok(Value::Null)
            }
            "consultCall" => {
                let main = self.voice_target(args, usize::MAX)?;
                if self.state_of(&main) != Some("delivered") {
                    return Err("not_suitable_state");
                }
                let phone = arg_s(0).unwrap_or_default();
                if phone.is_empty() {
                    return Err("empty_number");
                }
                self.set_state(&main, "hold", out);
                let id = self.new_id();
                let mut i = self.new_interaction(id.clone(), "voice", "delivered");
                i.direction = Some("outbound".into());
                i.phone = Some(phone);
                i.consult_of = Some(main);
                self.add(i, out);
                self.set_active(Some(id), out);
                Ok(Value::Null)
            }
            "transfer" => {
                let Some(consult) = self
                    .interactions
                    .iter()
                    .find(|i| i.consult_of.is_some())
                    .cloned()
                else {
                    return Err("not_suitable_state");
                };
                let main = consult.consult_of.clone().unwrap_or_default();
                out.push(Self::ev("ON_REQUEST_TRANSFER_DATA", vec![json!(main)]));
                self.set_state(&main, "wrap_up", out);
                self.set_state(&consult.id, "wrap_up", out);
                self.set_active(Some(main), out);
                self.recompute_agent(false, out);
                Ok(Value::Null)
            }
            "inviteToCallConference" => {
                let id = self.voice_target(args, 2)?;
                if self.state_of(&id) != Some("delivered") {
                    return Err("not_suitable_state");
                }
                Ok(Value::Null)
            }
            "removeFromCallConference" | "destroyCallConference" => {
                let pos = if method == "destroyCallConference" {
                    0
                } else {
                    1
                };
                let id = self.voice_target(args, pos)?;
                if self.state_of(&id) != Some("delivered") {
                    return Err("not_suitable_state");
                }
                Ok(Value::Null)
            }
            "mergeAllCallsIntoConference" => {
                let n = self
                    .interactions
                    .iter()
                    .filter(|i| i.kind == "voice")
                    .count();
                if n < 2 {
                    return Err("not_suitable_state");
                }
                Ok(Value::Null)
            }
            "inviteToChatConference" | "removeFromChatConference" | "sendChatMessage" => {
                let id = self.target(args, 1)?;
                if self.kind_of(&id) != Some("chat") || self.state_of(&id) != Some("delivered") {
                    return Err("not_suitable_state");
                }
                Ok(Value::Null)
            }
            "suggestChatMessage" => {
                let id = self.target(args, 2)?;
                if self.kind_of(&id) != Some("chat") || self.state_of(&id) != Some("delivered") {
                    return Err("not_suitable_state");
                }
                Ok(Value::Null)
            }
            "addNote" | "updateNote" | "replaceNote" => {
                let id = self.target(args, 1)?;
                let note = arg_s(0).unwrap_or_default();
                if let Some(i) = self.find_mut(&id) {
                    if method == "replaceNote" {
                        i.notes.clear();
                    }
                    i.notes.push(note);
                }
                Ok(Value::Null)
            }
            "setDisposition" => {
                let id = self.target(args, 1)?;
                if let Some(i) = self.find_mut(&id) {
                    i.disposition = arg_s(0);
                }
                Ok(Value::Null)
            }
            "getDispositionsList" => {
                let iid = args
                    .first()
                    .and_then(|t| t.get("interactionId"))
                    .and_then(Value::as_str);
                if let Some(i) = iid {
                    if self.find(i).is_none() {
                        return Err("no_interaction");
                    }
                }
                Ok(json!([
                    { "id": "d1", "code": "100", "name": "Resolved", "type": "SUCCESS" },
                    { "id": "d2", "code": "200", "name": "Call back", "type": "CONTINUE" }
                ]))
            }
            "setRescheduleWindow"
            | "addInteractionAssociatedObject"
            | "setInteractionActiveScreen" => {
                self.target(args, 1)?;
                Ok(Value::Null)
            }
            "setVariable" => {
                let id = self.target(args, 2)?;
                let (k, v) = (arg_s(0).unwrap_or_default(), arg_s(1).unwrap_or_default());
                if let Some(i) = self.find_mut(&id) {
                    i.variables.insert(k, v);
                }
                Ok(Value::Null)
            }
            "getVariables" => {
                let id = self.target(args, 1)?;
                let keys: Vec<String> = args
                    .first()
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(s).collect())
                    .unwrap_or_default();
                let vars = self
                    .find(&id)
                    .map(|i| i.variables.clone())
                    .unwrap_or_default();
                let m: serde_json::Map<String, Value> = keys
                    .into_iter()
                    .filter_map(|k| vars.get(&k).map(|v| (k, json!(v))))
                    .collect();
                Ok(Value::Object(m))
            }
            "getInteractionsState" => {
                let list: Vec<Value> = self
                    .interactions
                    .iter()
                    .map(|i| self.interaction_data(i))
                    .collect();
                Ok(json!({ "activeInteractionId": self.active, "interactions": list }))
            }
            "setWidgetMinimized" => {
                let m = arg_b(0);
                if self.widget_minimized != m {
                    self.widget_minimized = m;
                    out.push(Self::ev("ON_WIDGET_MINIMIZED_CHANGE", vec![json!(m)]));
                }
                Ok(Value::Null)
            }
            "getTeams" | "getServicesList" | "getDIDNumbersList" => Ok(json!([])),
            "getTeamMembers" => Ok(json!([])),
            "getService" | "getDIDNumber" => Ok(Value::Null),
            "getConfig" => Ok(json!({})),
            "getPhoneDevicesList" => Ok(json!(["phone_type_browser", "phone_type_external"])),
            "getPhoneDevice" => Ok(json!({ "type": "phone_type_browser" })),
            "getScreenRecordingState" => {
                Ok(json!({ "allowed": true, "active": false, "muted": false }))
            }
            "setService"
            | "setDIDNumber"
            | "setPhoneDevice"
            | "setScreenRecordingMute"
            | "activatePage"
            | "setDialCandidates" => Ok(Value::Null),
            _ => Err("api_method_not_implemented"),
        }
    }

    /// The interaction accept/reject targets: the given id, else the active one, else the
    /// first offered one (inferred: the ringing interaction is the one to answer).
    fn offered_target(&self, args: &[Value]) -> Result<String, &'static str> {
        match self.target(args, 0) {
            Ok(id) => Ok(id),
            Err(e) if args.first().is_none_or(Value::is_null) => self
                .interactions
                .iter()
                .find(|i| i.state == "delivery_pending")
                .map(|i| i.id.clone())
                .ok_or(e),
            Err(e) => Err(e),
        }
    }

    /// Like [`Model::target`], and the interaction must be a voice call (`not_suitable_state`).
    fn voice_target(&self, args: &[Value], pos: usize) -> Result<String, &'static str> {
        let id = self.target(args, pos)?;
        if self.kind_of(&id) != Some("voice") {
            return Err("not_suitable_state");
        }
        Ok(id)
    }

    fn call_embedded(&mut self, spec: &Spec, method: &str, args: &[Value]) -> Outcome {
        let mut out = Vec::new();
        let valid = spec.args_valid(ApiId::Embedded, method, args);
        let arg_s = |i: usize| args.get(i).and_then(Value::as_str).map(str::to_string);
        // API B is fire-and-forget: an unusable call has no effect and no answer.
        if !valid || !self.logged_in {
            return Outcome {
                result: None,
                events: out,
            };
        }
        let mut result = None;
        match method {
            "getState" => {
                let list: Vec<Value> = self
                    .interactions
                    .iter()
                    .filter(|i| i.state != "delivery_pending")
                    .map(|i| {
                        let mut item = self.embedded_item(i);
                        if let Some(o) = item.as_object_mut() {
                            o.insert("recording_url".into(), json!(""));
                            o.insert("attached_data".into(), json!({}));
                        }
                        item
                    })
                    .collect();
                result = Some(json!({
                    "agent_id": self.agent_id,
                    "status": self.agent_state,
                    "reason": self.not_ready_reason.clone().unwrap_or_default(),
                    "interactions": list,
                }));
            }
            "setStatus" => {
                let st = arg_s(0).unwrap_or_default().to_ascii_lowercase();
                if (st == "ready" || st == "not_ready") && self.interactions.is_empty() {
                    let reason = if st == "not_ready" {
                        arg_s(1).filter(|r| !r.is_empty())
                    } else {
                        None
                    };
                    self.set_agent(&st, reason, &mut out);
                }
            }
            "dialNumber" => {
                let phone = arg_s(0).unwrap_or_default();
                if !phone.is_empty() {
                    let id = self.new_id();
                    let mut i = self.new_interaction(id.clone(), "voice", "delivered");
                    i.direction = Some("outbound".into());
                    i.phone = Some(phone);
                    self.add(i, &mut out);
                    self.active = Some(id);
                    self.recompute_agent(false, &mut out);
                }
            }
            "terminateInteraction" => {
                if let Some(id) = arg_s(0) {
                    if matches!(self.state_of(&id), Some("delivered" | "hold")) {
                        self.set_state(&id, "wrap_up", &mut out);
                        self.recompute_agent(false, &mut out);
                    }
                }
            }
            "completeInteraction" | "completeInteractionWithDisp" => {
                if let Some(id) = arg_s(0) {
                    if self
                        .find(&id)
                        .is_some_and(|i| i.state != "delivery_pending")
                    {
                        if method == "completeInteractionWithDisp" {
                            if let Some(i) = self.find_mut(&id) {
                                i.disposition = arg_s(1);
                                if let Some(n) = arg_s(2) {
                                    i.notes.push(n);
                                }
                            }
                        }
                        self.remove(&id, &mut out);
                        self.recompute_agent(true, &mut out);
                    }
                }
            }
            "setDisposition" | "setDispositionByName" => {
                if let (Some(id), Some(d)) = (arg_s(0), arg_s(1)) {
                    if let Some(i) = self.find_mut(&id) {
                        i.disposition = Some(d);
                    }
                }
            }
            "singleStepTransfer" => {
                if let Some(id) = self.active.clone() {
                    if self.state_of(&id) == Some("delivered") {
                        self.set_state(&id, "wrap_up", &mut out);
                        self.recompute_agent(false, &mut out);
                    }
                }
            }
            "getCallRecordingStatus"
            | "startCallRecording"
            | "stopCallRecording"
            | "muteCallRecording"
            | "unmuteCallRecording" => {
                if let Some(id) = self.active.clone() {
                    if let Some(i) = self.find_mut(&id) {
                        match method {
                            "startCallRecording" => i.recording = true,
                            "stopCallRecording" => i.recording = false,
                            "muteCallRecording" => i.muted = true,
                            "unmuteCallRecording" => i.muted = false,
                            _ => {}
                        }
                        let (rec, muted) = (i.recording, i.muted);
                        let wire = spec
                            .method(ApiId::Embedded, method)
                            .map(|m| m.wire.clone())
                            .unwrap_or_default();
                        result = Some(json!({
                            "item_id": id,
                            "call_id": format!("{id}/1"),
                            "command": wire,
                            "recording": if rec { "1" } else { "0" },
                            "muted": if muted { "1" } else { "0" },
                        }));
                    }
                }
            }
            _ => {}
        }
        // Only methods whose answer comes back through a callback have a result.
        let has_result = spec
            .method(ApiId::Embedded, method)
            .is_some_and(|m| m.result.is_some());
        if !has_result {
            result = None;
        }
        Outcome {
            result,
            events: out,
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
