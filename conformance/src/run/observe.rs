//! The rule checker: watches one case's stream of calls, results, events and responses and
//! reports every rule of the catalogue it breaks. It needs no recording and no model: it only
//! knows the contract (a [`Spec`]) and what it has seen so far in the case.

use std::collections::BTreeMap;

use adcontract_schema::ir::ApiId;
use serde_json::Value;

use crate::contract::Spec;
use crate::run::rules::Violation;
use crate::wire::Emitted;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Life {
    Live { state: String, kind: String },
    Removed,
}

/// Allowed lifecycle steps (inferred; see docs/conformance/rules.md#lifecycle).
pub fn transition_allowed(from: &str, to: &str) -> bool {
    if from == to || from == "unknown" {
        return true;
    }
    let next: &[&str] = match from {
        "queued" => &["ivr", "delivery_pending", "delivered", "completed"],
        "ivr" => &["queued", "delivery_pending", "delivered", "completed"],
        "delivery_pending" => &["delivered", "completed"],
        "delivered" => &["hold", "wrap_up", "completed"],
        "hold" => &["delivered", "wrap_up", "completed"],
        "wrap_up" => &["wrap_up_hold", "completed"],
        "wrap_up_hold" => &["wrap_up", "completed"],
        _ => &[],
    };
    next.contains(&to)
}

/// Watches one case.
#[derive(Debug)]
pub struct Observer<'s> {
    spec: &'s Spec,
    api: ApiId,
    interactions: BTreeMap<String, Life>,
    order: Vec<String>,
    active: Option<String>,
    agent: Option<String>,
    logged_in: bool,
    pub violations: Vec<Violation>,
}

impl<'s> Observer<'s> {
    pub fn new(spec: &'s Spec, api: ApiId) -> Observer<'s> {
        Observer {
            spec,
            api,
            interactions: BTreeMap::new(),
            order: Vec::new(),
            active: None,
            agent: None,
            logged_in: false,
            violations: Vec::new(),
        }
    }

    fn v(&mut self, rule: &'static str, seq: Option<u64>, msg: String) {
        self.violations.push(Violation::new(rule, seq, msg));
    }

    /// Live interactions, in order of appearance (the expected consumer view).
    pub fn live(&self) -> Vec<String> {
        self.order
            .iter()
            .filter(|id| matches!(self.interactions.get(*id), Some(Life::Live { .. })))
            .cloned()
            .collect()
    }

    fn live_state(&self, id: &str) -> Option<&str> {
        match self.interactions.get(id) {
            Some(Life::Live { state, .. }) => Some(state),
            _ => None,
        }
    }

    fn connected_other_than(&self, id: &str) -> bool {
        self.interactions.iter().any(|(k, l)| {
            k != id
                && matches!(l, Life::Live { state, .. } if state == "delivered" || state == "hold")
        })
    }

    fn live_other_than(&self, id: &str) -> bool {
        self.interactions.iter().any(|(k, l)| {
            k != id && matches!(l, Life::Live { state, .. } if state != "delivery_pending")
        })
    }

    /// A method call and what came back.
    pub fn call(
        &mut self,
        seq: Option<u64>,
        method: &str,
        args: &[Value],
        result: Option<&Value>,
        events: &[Emitted],
    ) {
        let Some(m) = self.spec.method(self.api, method) else {
            // A method the version does not have: API A must answer api_method_not_implemented
            // and emit nothing; API B (fire-and-forget) must stay silent.
            let name = result
                .and_then(|r| r.pointer("/error/name"))
                .and_then(Value::as_str);
            let ok = match self.api {
                ApiId::Widget => name == Some("api_method_not_implemented"),
                ApiId::Embedded => result.is_none(),
            };
            if !ok || !events.is_empty() {
                self.v(
                    "AD-ERROR-CODE",
                    seq,
                    format!(
                        "{method} does not exist in {}: expected api_method_not_implemented and no events",
                        self.spec.version()
                    ),
                );
            }
            return;
        };
        let args_ok = self.spec.args_valid(self.api, method, args);
        // Which interaction the call targets, if any (an `interactionId` / `item_id` argument).
        let id_pos = m
            .params
            .iter()
            .position(|p| p.name == "interactionId" || p.name == "item_id");
        let explicit = id_pos
            .and_then(|p| args.get(p))
            .and_then(Value::as_str)
            .map(str::to_string);
        let target = explicit.clone().or_else(|| {
            if id_pos.is_some() {
                self.active.clone()
            } else {
                None
            }
        });
        let target_known = target.as_deref().and_then(|t| self.live_state(t)).is_some();
        let before_state = target
            .as_deref()
            .and_then(|t| self.live_state(t))
            .map(str::to_string);
        let was_logged_in = self.logged_in;
        // No interaction to act on: an unknown explicit id, or no id and nothing active (accept
        // and reject fall back to an offered interaction).
        let offered = self
            .interactions
            .values()
            .any(|l| matches!(l, Life::Live { state, .. } if state == "delivery_pending"));
        let falls_back = matches!(method, "acceptInteraction" | "rejectInteraction") && offered;
        let unknown_target = match &explicit {
            Some(_) => !target_known,
            None => {
                id_pos.is_some() && self.api == ApiId::Widget && target.is_none() && !falls_back
            }
        };

        let mut succeeded = true;
        match self.api {
            ApiId::Widget => {
                match result {
                    None => self.v(
                        "AD-RESULT-SHAPE",
                        seq,
                        format!("{method}: no OperationResult"),
                    ),
                    Some(r) => {
                        if let Some(shape) =
                            crate::contract::operation_result(self.spec.ir, m.result.as_ref())
                        {
                            for p in self.spec.check(&shape, r) {
                                self.v("AD-PAYLOAD-VALID", seq, format!("{method} result: {p}"));
                            }
                        }
                        let status = r.get("status").and_then(Value::as_str);
                        match status {
                            Some("success") => {
                                if r.get("data").is_none() {
                                    self.v(
                                        "AD-RESULT-SHAPE",
                                        seq,
                                        format!("{method}: success without data"),
                                    );
                                }
                                if !args_ok {
                                    self.v("AD-ERROR-CODE", seq, format!("{method}: arguments the schema rejects were accepted (expected invalid_args)"));
                                } else if !was_logged_in
                                    && !["getLoginState", "login", "openLogin"].contains(&method)
                                {
                                    self.v("AD-ERROR-CODE", seq, format!("{method}: succeeded before login (expected not_logged_in)"));
                                } else if unknown_target {
                                    self.v("AD-ERROR-CODE", seq, format!("{method}: succeeded without an interaction to act on ({:?}; expected no_interaction)", explicit.clone().unwrap_or_default()));
                                }
                            }
                            Some("error") => {
                                succeeded = false;
                                self.error_result(
                                    seq,
                                    method,
                                    r,
                                    args_ok,
                                    unknown_target,
                                    was_logged_in,
                                );
                            }
                            _ => self.v(
                                "AD-RESULT-SHAPE",
                                seq,
                                format!("{method}: status is neither success nor error"),
                            ),
                        }
                    }
                }
            }
            ApiId::Embedded => {
                match (&m.result, result) {
                    (Some(shape), Some(r)) => {
                        for p in self.spec.check(shape, r) {
                            self.v(
                                "AD-PAYLOAD-VALID",
                                seq,
                                format!("{method} callback data: {p}"),
                            );
                        }
                    }
                    (None, Some(_)) => self.v(
                        "AD-PAYLOAD-VALID",
                        seq,
                        format!("{method} has no callback, yet a result came back"),
                    ),
                    _ => {}
                }
                succeeded = args_ok && was_logged_in;
            }
        }
        for e in events {
            self.event(seq, &e.event, &e.args);
        }
        if !succeeded {
            return;
        }
        let Some(t) = target else { return };
        let terminate = matches!(
            (self.api, method),
            (ApiId::Widget, "leaveInteraction") | (ApiId::Embedded, "terminateInteraction")
        );
        let connected_before = matches!(before_state.as_deref(), Some("delivered" | "hold"));
        if terminate && connected_before {
            match self.interactions.get(&t) {
                Some(Life::Live { state, .. })
                    if self.api == ApiId::Embedded || state == "wrap_up" => {}
                other => {
                    let got = match other {
                        Some(Life::Live { state, .. }) => state.clone(),
                        Some(Life::Removed) => "removed".into(),
                        None => "unknown".into(),
                    };
                    self.v(
                        "AD-TERMINATE-WRAPUP",
                        seq,
                        format!("{method}({t}): interaction is {got}, not wrap_up"),
                    );
                }
            }
            if !self.connected_other_than(&t) && self.agent.as_deref() != Some("after_call_work") {
                self.v(
                    "AD-TERMINATE-WRAPUP",
                    seq,
                    format!(
                        "{method}({t}): agent is {:?}, not after_call_work",
                        self.agent.clone().unwrap_or_default()
                    ),
                );
            }
        }
        let complete = matches!(
            method,
            "completeInteraction" | "completeInteractionWithDisp" | "leaveAndCompleteInteraction"
        );
        if complete && before_state.is_some() && before_state.as_deref() != Some("delivery_pending")
        {
            if !matches!(self.interactions.get(&t), Some(Life::Removed)) {
                self.v(
                    "AD-COMPLETE-REMOVED",
                    seq,
                    format!("{method}({t}): the interaction was not removed"),
                );
            } else if !self.live_other_than(&t) && self.agent.as_deref() != Some("ready") {
                self.v(
                    "AD-COMPLETE-READY",
                    seq,
                    format!(
                        "{method}({t}): agent is {:?}, not ready",
                        self.agent.clone().unwrap_or_default()
                    ),
                );
            }
        }
    }

    fn error_result(
        &mut self,
        seq: Option<u64>,
        method: &str,
        r: &Value,
        args_ok: bool,
        unknown_id: bool,
        logged_in: bool,
    ) {
        let name = r
            .pointer("/error/name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let code = r.pointer("/error/code").and_then(Value::as_i64);
        match self.spec.error_code(&name) {
            None => self.v(
                "AD-ERROR-CODE",
                seq,
                format!("{method}: unknown error name {name:?}"),
            ),
            Some(c) if Some(c) != code => {
                self.v(
                    "AD-ERROR-CODE",
                    seq,
                    format!("{method}: error {name:?} must have code {c}, got {code:?}"),
                );
            }
            _ => {}
        }
        let expected = if !args_ok {
            Some("invalid_args")
        } else if !logged_in && !["getLoginState", "login", "openLogin"].contains(&method) {
            Some("not_logged_in")
        } else if unknown_id {
            Some("no_interaction")
        } else {
            None
        };
        if let Some(e) = expected {
            if name != e {
                self.v(
                    "AD-ERROR-CODE",
                    seq,
                    format!("{method}: expected error {e}, got {name:?}"),
                );
            }
        }
    }

    /// Interaction id an event refers to, and the InteractionData payload if it carries one.
    fn subject<'a>(&self, event: &str, args: &'a [Value]) -> (Option<String>, Option<&'a Value>) {
        let first = args.first();
        match self.api {
            ApiId::Widget => match event {
                "ON_NEW_INTERACTION" | "ON_INTERACTION_STATE_CHANGE" | "ON_INTERACTION_REMOVED" => {
                    let id = first
                        .and_then(|d| d.get("interactionId"))
                        .and_then(Value::as_str)
                        .map(str::to_string);
                    (id, first)
                }
                "ON_REQUEST_TRANSFER_DATA"
                | "ON_LOAD_TRANSFER_DATA"
                | "ON_WEB_SCREEN_POP_CUSTOM"
                | "ON_SUMMARY_GENERATION_STARTED"
                | "ON_VALIDATE_ASSOCIATED_RECORDS" => {
                    (first.and_then(Value::as_str).map(str::to_string), None)
                }
                "ON_ACTIVE_INTERACTION_SWITCHED" => {
                    (first.and_then(Value::as_str).map(str::to_string), None)
                }
                "ON_OPEN_RECORD" | "ON_SEARCH_RECORDS" | "ON_SHOW_SCREEN" => (
                    args.get(1).and_then(Value::as_str).map(str::to_string),
                    None,
                ),
                _ => (None, None),
            },
            ApiId::Embedded => {
                let id = first
                    .and_then(|d| d.get("item_id"))
                    .and_then(Value::as_str)
                    .map(str::to_string);
                (id, None)
            }
        }
    }

    /// An event the implementation emitted (provider) or was given (consumer).
    pub fn event(&mut self, seq: Option<u64>, event: &str, args: &[Value]) {
        let Some(ev) = self.spec.event(self.api, event) else {
            self.v(
                "AD-EVENT-KNOWN",
                seq,
                format!("event {event:?} does not exist in {}", self.spec.version()),
            );
            return;
        };
        if args.len() > ev.params.len() {
            self.v(
                "AD-PAYLOAD-VALID",
                seq,
                format!(
                    "{event}: {} arguments, at most {} expected",
                    args.len(),
                    ev.params.len()
                ),
            );
        }
        for (i, p) in ev.params.iter().enumerate() {
            match args.get(i) {
                None | Some(Value::Null) if p.optional => {}
                None => self.v(
                    "AD-PAYLOAD-VALID",
                    seq,
                    format!("{event}: missing argument {}", p.name),
                ),
                Some(a) => {
                    for problem in self.spec.check(&p.shape, a) {
                        self.v(
                            "AD-PAYLOAD-VALID",
                            seq,
                            format!("{event} argument {}: {problem}", p.name),
                        );
                    }
                }
            }
        }
        let (id, data) = self.subject(event, args);
        if let Some(d) = data {
            self.interaction_data(seq, event, d);
        }
        match (self.api, event) {
            (ApiId::Widget, "ON_LOGIN") | (ApiId::Embedded, "onAgentLogin") => {
                let login = args
                    .first()
                    .and_then(|a| a.get("login"))
                    .and_then(Value::as_bool)
                    .unwrap_or(true);
                self.logged_in = login;
            }
            (ApiId::Widget, "ON_LOGOUT") => self.logged_in = false,
            (ApiId::Widget, "ON_AGENT_STATE_CHANGE") => {
                self.agent = args.first().and_then(Value::as_str).map(str::to_string)
            }
            (ApiId::Embedded, "onStatusChange") => {
                self.agent = args
                    .first()
                    .and_then(|a| a.get("status"))
                    .and_then(Value::as_str)
                    .map(str::to_string);
            }
            _ => {}
        }
        let Some(id) = id else {
            if event == "ON_ACTIVE_INTERACTION_SWITCHED" {
                self.active = None;
            }
            return;
        };
        let state = data
            .and_then(|d| d.get("state"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let kind = data
            .and_then(|d| d.get("type"))
            .and_then(Value::as_str)
            .unwrap_or("voice")
            .to_string();
        let appears = matches!(
            event,
            "ON_NEW_INTERACTION" | "addInteractionRenderedHandler"
        );
        let removes = matches!(
            event,
            "ON_INTERACTION_REMOVED" | "addInteractionCompletedHandler"
        );
        match (self.interactions.get(&id).cloned(), appears, removes) {
            (None, true, _) => {
                self.order.push(id.clone());
                let st = state.unwrap_or_else(|| "delivered".into());
                self.interactions
                    .insert(id.clone(), Life::Live { state: st, kind });
            }
            (Some(Life::Live { .. }), true, _) => {
                // API B may render an interaction again (e.g. when it becomes active again).
                if self.api == ApiId::Widget {
                    self.v(
                        "AD-NEW-ONCE",
                        seq,
                        format!("{event}: interaction {id} appeared again"),
                    );
                }
            }
            (Some(Life::Removed), _, true) => self.v(
                "AD-REMOVED-ONCE",
                seq,
                format!("{event}: interaction {id} removed again"),
            ),
            (Some(Life::Removed), _, false) => self.v(
                "AD-AFTER-REMOVED",
                seq,
                format!("{event} for interaction {id} after it was removed"),
            ),
            (None, false, _) => self.v(
                "AD-EVENT-UNKNOWN-INTERACTION",
                seq,
                format!("{event} for interaction {id}, which never appeared"),
            ),
            (
                Some(Life::Live {
                    state: old,
                    kind: k,
                }),
                false,
                rm,
            ) => {
                if let Some(new) = &state {
                    if !transition_allowed(&old, new) {
                        self.v(
                            "AD-LIFECYCLE-TRANSITION",
                            seq,
                            format!("{event}: interaction {id} went {old} -> {new}"),
                        );
                    }
                }
                if rm {
                    if self.active.as_deref() == Some(id.as_str()) && self.api == ApiId::Embedded {
                        self.active = None;
                    }
                    self.interactions.insert(id.clone(), Life::Removed);
                } else if event == "ON_ACTIVE_INTERACTION_SWITCHED" {
                    self.active = Some(id.clone());
                } else if let Some(new) = state {
                    self.interactions.insert(
                        id.clone(),
                        Life::Live {
                            state: new,
                            kind: k,
                        },
                    );
                }
            }
        }
        if self.api == ApiId::Embedded && appears {
            self.active = Some(id);
        }
    }

    fn interaction_data(&mut self, seq: Option<u64>, event: &str, d: &Value) {
        let kind = d.get("type").and_then(Value::as_str).unwrap_or_default();
        if kind == "chat" || kind == "email" {
            for flag in ["callMuted", "callRecording"] {
                if d.get(flag).and_then(Value::as_bool) == Some(true) {
                    self.v(
                        "AD-NONVOICE-CALL-FLAGS",
                        seq,
                        format!("{event}: {flag} is true on a {kind} interaction"),
                    );
                }
            }
        }
        let start = d.get("startTime").and_then(Value::as_f64);
        let end = d.get("endTime").and_then(Value::as_f64);
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                self.v(
                    "AD-TIME-ORDER",
                    seq,
                    format!("{event}: endTime {e} is before startTime {s}"),
                );
            } else if let Some(dur) = d.get("duration").and_then(Value::as_f64) {
                if (dur - (e - s) / 1000.0).abs() > 1.0 {
                    self.v(
                        "AD-TIME-ORDER",
                        seq,
                        format!(
                            "{event}: duration {dur} s does not match endTime - startTime = {} ms",
                            e - s
                        ),
                    );
                }
            }
        }
    }

    /// A consumer's answer to an event (`None` = it gave none).
    pub fn response(&mut self, seq: Option<u64>, event: &str, response: Option<&Value>) {
        let Some(ev) = self.spec.event(self.api, event) else {
            return;
        };
        // An answer the contract lets the handler leave out may be absent or `null`.
        let response = response.filter(|r| !(ev.response_optional && r.is_null()));
        match (&ev.response, response) {
            (Some(_), None) if ev.response_optional => {}
            (Some(shape), Some(r)) => {
                for p in self.spec.check(shape, r) {
                    self.v("AD-PAYLOAD-VALID", seq, format!("{event} response: {p}"));
                }
            }
            (Some(_), None) => self.v(
                "AD-RESPONSE-PRESENCE",
                seq,
                format!("{event} expects a response; none was given"),
            ),
            (None, Some(_)) => self.v(
                "AD-RESPONSE-PRESENCE",
                seq,
                format!("{event} expects no response; one was given"),
            ),
            (None, None) => {}
        }
    }
}
