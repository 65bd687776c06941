//! API A (the widget API): every method's effect on the model, grouped by what it acts on.

use adcontract_schema::ir::ApiId;
use serde_json::{Value, json};

use super::{Model, Outcome, s};
use crate::contract::Spec;
use crate::contract::error_codes::error_result;
use crate::wire::Emitted;

/// The answer to a method the view does not list (and the "not this group" answer below).
const NOT_IMPLEMENTED: &str = "api_method_not_implemented";

impl Model {
    pub(super) fn call_widget(&mut self, spec: &Spec, method: &str, args: &[Value]) -> Outcome {
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
        // Each group answers the methods it lists and NOT_IMPLEMENTED for the others; the names
        // are disjoint, so trying them in turn is one `match` split along its seams.
        for group in [
            Self::session,
            Self::interactions,
            Self::calls,
            Self::interaction_content,
            Self::desktop,
        ] {
            match group(self, method, args, out) {
                Err(NOT_IMPLEMENTED) => continue,
                answer => return answer,
            }
        }
        Err(NOT_IMPLEMENTED)
    }

    /// Login, logout and the agent's state.
    fn session(
        &mut self,
        method: &str,
        args: &[Value],
        out: &mut Vec<Emitted>,
    ) -> Result<Value, &'static str> {
        let arg_s = |i: usize| args.get(i).and_then(Value::as_str).map(str::to_string);
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
            _ => Err(NOT_IMPLEMENTED),
        }
    }

    /// Offered, started, left, completed and switched interactions.
    fn interactions(
        &mut self,
        method: &str,
        args: &[Value],
        out: &mut Vec<Emitted>,
    ) -> Result<Value, &'static str> {
        let arg_s = |i: usize| args.get(i).and_then(Value::as_str).map(str::to_string);
        match method {
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
            _ => Err(NOT_IMPLEMENTED),
        }
    }

    /// Voice call controls: hold, mute, recording, DTMF, transfers and conferences.
    fn calls(
        &mut self,
        method: &str,
        args: &[Value],
        out: &mut Vec<Emitted>,
    ) -> Result<Value, &'static str> {
        let arg_s = |i: usize| args.get(i).and_then(Value::as_str).map(str::to_string);
        let arg_b = |i: usize| args.get(i).and_then(Value::as_bool).unwrap_or(false);
        match method {
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
            _ => Err(NOT_IMPLEMENTED),
        }
    }

    /// What is attached to an interaction: chat, notes, dispositions, variables.
    fn interaction_content(
        &mut self,
        method: &str,
        args: &[Value],
        _out: &mut Vec<Emitted>,
    ) -> Result<Value, &'static str> {
        let arg_s = |i: usize| args.get(i).and_then(Value::as_str).map(str::to_string);
        match method {
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
            _ => Err(NOT_IMPLEMENTED),
        }
    }

    /// The desktop around the interactions: the widget, directories, devices, screen recording.
    fn desktop(
        &mut self,
        method: &str,
        args: &[Value],
        out: &mut Vec<Emitted>,
    ) -> Result<Value, &'static str> {
        let arg_b = |i: usize| args.get(i).and_then(Value::as_bool).unwrap_or(false);
        match method {
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
            _ => Err(NOT_IMPLEMENTED),
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
}
