//! Fixture inference: the fixtures (login, offer, accept, remoteEnd, emit) that make a desktop
//! produce, on its own, an event that no call explains. The candidates for an event are tried on
//! a copy of the model, and the first whose events include it wins; when none does, the error
//! says why each was refused.

use serde_json::{Value, json};

use super::shadow::{Shadow, describe};
use crate::wire::Emitted;

/// Why no fixture explains an event: the desktop did something that no fixture reproduces, or
/// every candidate was tried and refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(super) enum NoFixture {
    /// The event does not name the interaction a fixture would need.
    #[error("its payload has no string {0}")]
    NoId(&'static str),
    #[error("no fixture logs the agent out (a logout in the desktop UI)")]
    Logout,
    #[error(
        "no fixture puts an interaction in state {0} (e.g. hold or retrieve in the desktop UI)"
    )]
    State(String),
    #[error("no interaction is connected, so no remoteEnd puts the agent in after-call work")]
    NothingConnected,
    #[error(
        "no fixture changes the agent's state (a change in the desktop UI); setAgentState (API A) or setStatus (API B) calls do"
    )]
    AgentState,
    #[error(
        "no fixture removes an interaction (completed in the desktop UI, or withdrawn while offered)"
    )]
    Removal,
    #[error("no fixture switches the active interaction (a click in the desktop UI)")]
    Switch,
    /// Each candidate, with why it does not produce the event.
    #[error("{}", .0.join("; "))]
    Refused(Vec<String>),
}

impl Shadow {
    /// The fixtures that make a desktop produce `event` on its own, applied to a copy of the
    /// model to check that they do; `Err` says why none does.
    pub(super) fn infer(
        &self,
        event: &str,
        args: &[Value],
    ) -> Result<Vec<(&'static str, Value)>, NoFixture> {
        let mut refusals = Vec::new();
        for candidate in self.candidates(event, args)? {
            let mut probe = self.model.clone();
            let mut emitted = Vec::new();
            let mut applied = true;
            for (k, (fixture, fargs)) in candidate.iter().enumerate() {
                match probe.fixture(fixture, &self.ids.translate_value(fargs)) {
                    // A replay compares each step's events with the ones recorded right after
                    // it, so only the last fixture of a sequence may emit any.
                    Ok(evs) if k + 1 < candidate.len() && !evs.is_empty() => {
                        refusals.push(format!(
                            "{fixture} would emit {} before the event",
                            evs.iter()
                                .map(|e| self.show(e))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ));
                        applied = false;
                        break;
                    }
                    Ok(evs) => emitted = evs,
                    Err(e) => {
                        refusals.push(format!("the {} fixture refused: {}", e.fixture, e.message));
                        applied = false;
                        break;
                    }
                }
            }
            if !applied {
                continue;
            }
            if emitted
                .iter()
                .any(|e| self.ids.same(e, event, args).is_some())
            {
                return Ok(candidate);
            }
            let names: Vec<&str> = candidate.iter().map(|(f, _)| *f).collect();
            let shown: Vec<String> = emitted.iter().map(|e| self.show(e)).collect();
            refusals.push(format!(
                "{} would emit [{}], not this {}",
                names.join(" + "),
                shown.join(", "),
                describe(&Emitted {
                    event: event.into(),
                    args: args.to_vec()
                })
            ));
        }
        Err(NoFixture::Refused(refusals))
    }

    /// The fixture sequences that could produce `event`, most likely first.
    #[allow(clippy::type_complexity)]
    fn candidates(
        &self,
        event: &str,
        args: &[Value],
    ) -> Result<Vec<Vec<(&'static str, Value)>>, NoFixture> {
        let first = args.first().unwrap_or(&Value::Null);
        let raw = |k: &str| first.get(k).and_then(Value::as_str);
        let text = |k: &str| raw(k).filter(|s| !s.is_empty());
        let id = |k: &'static str| raw(k).map(str::to_string).ok_or(NoFixture::NoId(k));
        let one = |fixture: &'static str, a: Value| Ok(vec![vec![(fixture, a)]]);
        match event {
            "ON_LOGIN" => {
                let mut a = serde_json::Map::new();
                if let Some(agent) = text("agentId").or_else(|| text("username")) {
                    a.insert("agentId".into(), json!(agent));
                }
                one("login", Value::Object(a))
            }
            "onAgentLogin" if first.get("login") == Some(&Value::Bool(true)) => {
                let mut a = serde_json::Map::new();
                if let Some(agent) = text("agent_id") {
                    a.insert("agentId".into(), json!(agent));
                }
                one("login", Value::Object(a))
            }
            "ON_LOGOUT" | "onAgentLogin" => Err(NoFixture::Logout),
            "ON_NEW_INTERACTION" => one(
                "offer",
                offer_args(
                    &id("interactionId")?,
                    raw("type"),
                    raw("service"),
                    raw("phoneNumber"),
                    raw("email"),
                ),
            ),
            "ON_INTERACTION_STATE_CHANGE" => {
                let iid = id("interactionId")?;
                match raw("state") {
                    Some("delivered") => one("accept", json!({ "interactionId": iid })),
                    Some("wrap_up") => one("remoteEnd", json!({ "interactionId": iid })),
                    state => Err(NoFixture::State(state.unwrap_or("(none)").to_string())),
                }
            }
            // API B shows an inbound interaction only once it is accepted.
            "addInteractionRenderedHandler" => {
                let iid = id("item_id")?;
                let accept = ("accept", json!({ "interactionId": iid }));
                if self.model.state_of(self.ids.to_model(&iid)) == Some("delivery_pending") {
                    return Ok(vec![vec![accept]]);
                }
                // API B does not say the interaction's type: an address is an email's.
                let address = text("phone_number");
                let email = address.filter(|a| a.contains('@'));
                let (kind, phone) = match email {
                    Some(_) => ("email", None),
                    None => ("voice", address),
                };
                Ok(vec![vec![
                    (
                        "offer",
                        offer_args(&iid, Some(kind), text("service"), phone, email),
                    ),
                    accept,
                ]])
            }
            // API B shows the other party ending an interaction only through the agent's
            // status: any connected interaction may be the one.
            "onStatusChange" if text("status") == Some("after_call_work") => {
                let ends: Vec<Vec<(&'static str, Value)>> = self
                    .model
                    .live_ids()
                    .iter()
                    .filter(|i| matches!(self.model.state_of(i), Some("delivered" | "hold")))
                    .map(|i| vec![("remoteEnd", json!({ "interactionId": self.ids.to_log(i) }))])
                    .collect();
                if ends.is_empty() {
                    Err(NoFixture::NothingConnected)
                } else {
                    Ok(ends)
                }
            }
            "ON_AGENT_STATE_CHANGE" | "onStatusChange" => Err(NoFixture::AgentState),
            "ON_INTERACTION_REMOVED" | "addInteractionCompletedHandler" => Err(NoFixture::Removal),
            "ON_ACTIVE_INTERACTION_SWITCHED" => Err(NoFixture::Switch),
            // Notifications and data requests change nothing the model keeps.
            _ => one("emit", json!({ "event": event, "args": args })),
        }
    }
}

/// The `offer` fixture's arguments, in the order the simulated corpus writes them.
fn offer_args(
    id: &str,
    kind: Option<&str>,
    service: Option<&str>,
    phone: Option<&str>,
    email: Option<&str>,
) -> Value {
    let mut a = serde_json::Map::new();
    a.insert("interactionId".into(), json!(id));
    a.insert("type".into(), json!(kind.unwrap_or("voice")));
    for (k, v) in [
        ("service", service),
        ("phoneNumber", phone),
        ("email", email),
    ] {
        if let Some(v) = v {
            a.insert(k.into(), json!(v));
        }
    }
    Value::Object(a)
}
