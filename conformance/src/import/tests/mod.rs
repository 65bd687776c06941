//! The import's tests, through [`super::import_with`] as `record import` runs it: transcribing
//! log lines ([`transcribe`]) and inferring fixtures ([`inference`]).

use serde_json::{Value, json};

use super::{Imported, Options, import, import_with};
use crate::contract::Spec;
use crate::wire::recording::{Body, Recording};

mod inference;
mod transcribe;

fn spec() -> &'static Spec {
    crate::contract::canonical_source("latest").unwrap_or_else(|e| panic!("{e}"))
}

/// The calls of an import, as (method, args, interaction).
fn calls(rec: &Recording) -> Vec<(String, Vec<Value>, Option<String>)> {
    rec.entries
        .iter()
        .filter_map(|e| match &e.body {
            Body::Call { method, args } => {
                Some((method.clone(), args.clone(), e.interaction.clone()))
            }
            _ => None,
        })
        .collect()
}

/// An API A log line: an APIPacket as `injectMessageLogger` reports it.
fn packet(ty: &str, uid: &str, params: Value) -> String {
    json!({ "message": "m", "data": { "instanceId": "crm", "type": ty, "uid": uid, "params": params } })
        .to_string()
}

/// `InteractionData` as the reference model writes it for an inbound call or a chat.
fn data(id: &str, kind: &str, state: &str) -> Value {
    let mut d = json!({
        "interactionId": id, "globalInteractionId": format!("G-{id}"), "state": state,
        "type": kind, "subject": "", "associatedObjects": { "list": [], "selected": [] },
        "callParties": [], "callMuted": false, "callRecording": false, "chatParties": [],
        "attachedData": {}, "internal": false,
    });
    if kind == "voice" {
        d["phoneNumber"] = json!("+14155550100");
        d["callDirection"] = json!("inbound");
    }
    d["startTime"] = json!(1_767_225_602_000u64);
    if matches!(state, "wrap_up" | "completed") {
        d["endTime"] = json!(1_767_225_632_000u64);
        d["duration"] = json!(30);
    }
    d["service"] = json!("Support");
    d
}

fn login_lines() -> Vec<String> {
    vec![
        packet(
            "ON_LOGIN",
            "e1",
            json!([{ "isLoggedIn": true, "agentId": "jsmith", "username": "jsmith" }]),
        ),
        packet("ON_AGENT_STATE_CHANGE", "e2", json!(["ready"])),
    ]
}

fn run(log: &[String], options: Options) -> Imported {
    import_with(spec(), &log.join("\n"), "test", options)
}

/// The entries, one short line each: `fixture NAME ARGS`, `call METHOD`, `result re=N`,
/// `EVENT re=N` (or `re=-`), `response re=N`.
fn summary(rec: &Recording) -> Vec<String> {
    rec.entries
        .iter()
        .map(|e| match &e.body {
            Body::Fixture { fixture, args } => format!("{}: fixture {fixture} {args}", e.seq),
            Body::Call { method, .. } => format!("{}: call {method}", e.seq),
            Body::Result { re, .. } => format!("{}: result re={re}", e.seq),
            Body::Event { event, re, .. } => format!(
                "{}: {event} re={}",
                e.seq,
                re.map_or("-".into(), |r| r.to_string())
            ),
            Body::Response { re, .. } => format!("{}: response re={re}", e.seq),
            Body::View { .. } => format!("{}: view", e.seq),
        })
        .collect()
}

fn clean(log: &[String]) -> Vec<String> {
    let out = run(log, Options::default());
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert!(out.warnings.is_empty(), "{:#?}", out.warnings);
    summary(&out.recording.unwrap_or_else(|| panic!("no recording")))
}
