//! `record import`: turns SDK message logs into a recording.
//!
//! Input is JSON lines, each one of:
//! - what API A's `injectMessageLogger(message, data)` hook reports, as `{"message": …, "data":
//!   APIPacket}` where `APIPacket = {instanceId, type, uid, params}`: a request (`type` = a
//!   method's wire name) becomes a call, `<WIRE>_RESPONSE` its result, `ON_…` an event and
//!   `ON_…_RESPONSE` the host's response (the suffix is the view's `responseSuffix` constant);
//! - an API B message `{command, data, request_id}` (optionally with `"direction": "out"|"in"`):
//!   an outgoing one becomes a call, an incoming one with a known `request_id` its result, any
//!   other incoming one an event. A call's arguments are rebuilt from `wireData`: from `data`, or
//!   from the message's top-level keys for the commands that send them beside `command`; keys in
//!   the other place make the line an error.
//!
//! An optional `t` (ms) on a line becomes the entry's timestamp.

use std::collections::BTreeMap;

use adcontract_schema::ir::{ApiId, DEFAULT_RESPONSE_SUFFIX, Method, WireData};
use serde_json::Value;

use crate::recording::{Body, Entry, FORMAT, FORMAT_VERSION, Header, LineError, Origin, Recording};
use crate::spec::{Spec, api_name};

/// Top-level keys of an API B log line that are never arguments: the envelope's own and this
/// importer's annotations.
const NOT_ARGUMENTS: [&str; 5] = ["command", "data", "request_id", "direction", "t"];

/// A method's positional arguments, read from where its `wireData` says they travel. Trailing
/// absent arguments are left out; an absent one before a present one is `null`, as JavaScript's
/// `undefined` would be.
fn embedded_args(m: &Method, message: &Value) -> Result<Vec<Value>, String> {
    let data = message.get("data").unwrap_or(&Value::Null);
    let (pairs, from, other, top_level) = match &m.wire_data {
        None => return Ok(Vec::new()),
        Some(WireData::Param(p)) => {
            let mut args: Vec<Value> = m
                .params
                .iter()
                .map(|q| {
                    if &q.name == p {
                        data.clone()
                    } else {
                        Value::Null
                    }
                })
                .collect();
            trim_absent(&mut args);
            return Ok(args);
        }
        Some(WireData::Object(pairs)) => (pairs, data, message, false),
        Some(WireData::Message(pairs)) => (pairs, message, data, true),
    };
    let misplaced: Vec<String> = pairs
        .iter()
        .map(|(k, _)| k.as_str())
        .filter(|k| other.get(k).is_some() && (top_level || !NOT_ARGUMENTS.contains(k)))
        .map(|k| format!("`{k}`"))
        .collect();
    if !misplaced.is_empty() {
        let (found, expected) = if top_level {
            (
                "inside `data`",
                "at the top level of the message, beside `command`",
            )
        } else {
            ("at the top level of the message", "inside `data`")
        };
        let keys: Vec<String> = pairs.iter().map(|(k, _)| format!("\"{k}\": …")).collect();
        let example = if top_level {
            format!("{{\"command\": \"{}\", {}}}", m.wire, keys.join(", "))
        } else {
            format!(
                "{{\"command\": \"{}\", \"data\": {{{}}}}}",
                m.wire,
                keys.join(", ")
            )
        };
        return Err(format!(
            "{} ({}) has {} {found}, but its arguments travel {expected}; hint: the SDK writes {example}",
            m.wire,
            m.name,
            misplaced.join(", ")
        ));
    }
    let mut args: Vec<Value> = m
        .params
        .iter()
        .map(|q| {
            pairs
                .iter()
                .find(|(_, pn)| *pn == q.name)
                .and_then(|(k, _)| from.get(k).cloned())
                .unwrap_or(Value::Null)
        })
        .collect();
    trim_absent(&mut args);
    Ok(args)
}

/// API B names the interaction `item_id`, as a parameter wherever its argument travels.
fn item_id_arg(m: &Method, args: &[Value]) -> Option<String> {
    let i = m.params.iter().position(|p| p.name == "item_id")?;
    args.get(i)?.as_str().map(str::to_string)
}

fn trim_absent(args: &mut Vec<Value>) {
    while args.last() == Some(&Value::Null) {
        args.pop();
    }
}

fn interaction_of(args: &[Value]) -> Option<String> {
    args.iter().find_map(|a| {
        a.get("interactionId")
            .or_else(|| a.get("item_id"))
            .and_then(Value::as_str)
            .map(str::to_string)
    })
}

/// Imports a log. Lines that cannot be used are reported with their numbers; the rest is kept.
pub fn import(spec: &Spec, text: &str, from: &str) -> (Option<Recording>, Vec<LineError>) {
    let mut errors = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    let mut api: Option<ApiId> = None;
    let mut calls_by_uid: BTreeMap<String, (u64, String)> = BTreeMap::new();
    let mut events_by_uid: BTreeMap<String, (u64, String)> = BTreeMap::new();
    let mut t0: Option<u64> = None;
    let mut last_t = 0u64;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                errors.push(LineError {
                    line: n,
                    message: format!("not JSON: {e}"),
                });
                continue;
            }
        };
        let raw_t = v.get("t").and_then(Value::as_u64);
        let t = match (raw_t, t0) {
            (Some(t), None) => {
                t0 = Some(t);
                0
            }
            (Some(t), Some(base)) => t.saturating_sub(base).max(last_t),
            (None, _) => last_t,
        };
        last_t = t;
        let seq = entries.len() as u64 + 1;
        let mut push = |interaction: Option<String>, body: Body| {
            entries.push(Entry {
                seq,
                t,
                interaction,
                body,
            })
        };
        if let Some(packet) = v
            .get("data")
            .filter(|d| d.get("type").is_some() && d.get("uid").is_some())
        {
            api.get_or_insert(ApiId::Widget);
            let ty = packet
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let uid = packet
                .get("uid")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let params: Vec<Value> = packet
                .get("params")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let a = spec.api(ApiId::Widget);
            let suffix = a.map_or(DEFAULT_RESPONSE_SUFFIX, |a| a.response_suffix());
            if let Some(base) = ty.strip_suffix(suffix) {
                if let Some((re, method)) = calls_by_uid.get(&uid).cloned() {
                    let result = params.first().cloned().unwrap_or(Value::Null);
                    push(None, Body::Result { re, method, result });
                } else if let Some((re, event)) = events_by_uid.get(&uid).cloned() {
                    push(
                        None,
                        Body::Response {
                            re,
                            event,
                            response: params.first().cloned().unwrap_or(Value::Null),
                        },
                    );
                } else {
                    errors.push(LineError { line: n, message: format!("{ty} answers uid {uid:?}, which no earlier request or event had ({base})") });
                }
            } else if let Some(m) = a.and_then(|a| a.methods.iter().find(|m| m.wire == ty)) {
                calls_by_uid.insert(uid, (seq, m.name.clone()));
                push(
                    interaction_of(&params),
                    Body::Call {
                        method: m.name.clone(),
                        args: params,
                    },
                );
            } else if let Some(e) = a.and_then(|a| a.events.iter().find(|e| e.wire == ty)) {
                events_by_uid.insert(uid, (seq, e.name.clone()));
                push(
                    interaction_of(&params),
                    Body::Event {
                        event: e.name.clone(),
                        args: params,
                        re: None,
                    },
                );
            } else {
                errors.push(LineError {
                    line: n,
                    message: format!(
                        "packet type {ty:?} is neither a method nor an event of API A in {}",
                        spec.version()
                    ),
                });
            }
            continue;
        }
        if let Some(command) = v.get("command").and_then(Value::as_str) {
            api.get_or_insert(ApiId::Embedded);
            let data = v.get("data").cloned().unwrap_or(Value::Null);
            let rid = v.get("request_id").map(|r| r.to_string());
            let dir = v.get("direction").and_then(Value::as_str).unwrap_or("");
            let b = spec.api(ApiId::Embedded);
            let method = b.and_then(|b| {
                b.methods
                    .iter()
                    .find(|m| m.sends_message() && m.wire == command)
            });
            let known_rid = rid.as_ref().and_then(|r| calls_by_uid.get(r).cloned());
            if let (Some((re, name)), true) = (known_rid, dir != "out") {
                push(
                    None,
                    Body::Result {
                        re,
                        method: name,
                        result: data,
                    },
                );
            } else if let Some(m) = method.filter(|_| dir != "in") {
                let args = match embedded_args(m, &v) {
                    Ok(args) => args,
                    Err(message) => {
                        errors.push(LineError { line: n, message });
                        continue;
                    }
                };
                if let Some(r) = rid {
                    calls_by_uid.insert(r, (seq, m.name.clone()));
                }
                push(
                    interaction_of(&args).or_else(|| item_id_arg(m, &args)),
                    Body::Call {
                        method: m.name.clone(),
                        args,
                    },
                );
            } else if let Some(e) = b.and_then(|b| {
                b.events
                    .iter()
                    .find(|e| e.wire == command || e.wire.eq_ignore_ascii_case(command))
            }) {
                let args = vec![data];
                push(
                    interaction_of(&args),
                    Body::Event {
                        event: e.name.clone(),
                        args,
                        re: None,
                    },
                );
            } else {
                errors.push(LineError {
                    line: n,
                    message: format!(
                        "command {command:?} is neither a method nor an event of API B in {}",
                        spec.version()
                    ),
                });
            }
            continue;
        }
        errors.push(LineError { line: n, message: "neither an APIPacket log line ({message, data: {type, uid, params}}) nor an API B message ({command, data, request_id})".into() });
    }
    let Some(api) = api else {
        if errors.is_empty() {
            errors.push(LineError {
                line: 0,
                message: "nothing to import".into(),
            });
        }
        return (None, errors);
    };
    let header = Header {
        format: FORMAT.into(),
        version: FORMAT_VERSION,
        api: api_name(api).into(),
        api_version: spec.version().into(),
        title: format!("imported from {from}"),
        description: None,
        origin: Origin {
            kind: "imported".into(),
            from: Some(from.into()),
            seed: None,
            rule: None,
        },
    };
    (Some(Recording { header, entries }), errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn spec() -> &'static Spec {
        crate::spec::canonical_source("latest").unwrap_or_else(|e| panic!("{e}"))
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

    #[test]
    fn arguments_inside_data_are_rebuilt() {
        let log = r#"{"direction":"out","command":"CHANGE_STATE","data":{"state":"not_ready","reason":"Lunch"},"request_id":"1"}
{"direction":"out","command":"CHANGE_STATE","data":{"state":"ready"}}
{"direction":"out","command":"TERMINATE_INTERACTION_FROM_API","data":"7C1D0A","request_id":"2"}"#;
        let (rec, errors) = import(spec(), log, "test");
        assert!(errors.is_empty(), "{errors:?}");
        let rec = rec.unwrap_or_else(|| panic!("no recording"));
        assert_eq!(
            calls(&rec),
            [
                (
                    "setStatus".into(),
                    vec![json!("not_ready"), json!("Lunch")],
                    None
                ),
                ("setStatus".into(), vec![json!("ready")], None),
                (
                    "terminateInteraction".into(),
                    vec![json!("7C1D0A")],
                    Some("7C1D0A".into())
                ),
            ]
        );
    }

    #[test]
    fn arguments_beside_command_are_rebuilt() {
        // Written in the SDK's key order, which differs from the parameters' order.
        let log = r#"{"direction":"out","command":"SET_DISPOSITION","item_id":"7C1D0A","code":"42","request_id":"5"}
{"direction":"out","command":"COMPLETE_INTERACTION_WITH_DISPOSITION","item_id":"7C1D0A","code":"42"}
{"direction":"out","command":"SET_RESCHEDULE_WINDOW","item_id":"7C1D0A","from_date":"2026-01-01 09:00:00","to_date":"2026-01-01 17:00:00","phone_number":"+14155550100"}
{"direction":"out","command":"DIAL_NUMBER","number":"1234"}"#;
        let (rec, errors) = import(spec(), log, "test");
        assert!(errors.is_empty(), "{errors:?}");
        let rec = rec.unwrap_or_else(|| panic!("no recording"));
        let item = Some("7C1D0A".to_owned());
        assert_eq!(
            calls(&rec),
            [
                (
                    "setDisposition".into(),
                    vec![json!("7C1D0A"), json!("42")],
                    item.clone()
                ),
                // The absent optional `notes` is left out, as JSON.stringify drops `undefined`.
                (
                    "completeInteractionWithDisp".into(),
                    vec![json!("7C1D0A"), json!("42")],
                    item.clone()
                ),
                (
                    "setRescheduleWindow".into(),
                    vec![
                        json!("7C1D0A"),
                        json!("+14155550100"),
                        json!("2026-01-01 09:00:00"),
                        json!("2026-01-01 17:00:00")
                    ],
                    item
                ),
                ("dialNumber".into(), vec![json!("1234")], None),
            ]
        );
    }

    #[test]
    fn arguments_in_the_wrong_place_are_reported_and_the_rest_is_kept() {
        let log = r#"{"direction":"out","command":"DIAL_NUMBER","number":"1234"}
{"direction":"out","command":"SET_DISPOSITION","data":{"item_id":"7C1D0A","code":"42"},"request_id":"5"}
{"direction":"out","command":"CHANGE_STATE","state":"ready"}
{"direction":"out","command":"CHANGE_STATE","data":{"state":"ready"}}"#;
        let (rec, errors) = import(spec(), log, "test");
        let rec = rec.unwrap_or_else(|| panic!("no recording"));
        assert_eq!(
            calls(&rec).iter().map(|c| c.0.as_str()).collect::<Vec<_>>(),
            ["dialNumber", "setStatus"]
        );
        assert_eq!(errors.len(), 2, "{errors:?}");
        let (top, data) = (&errors[0], &errors[1]);
        assert_eq!(top.line, 2);
        assert!(
            top.message.starts_with(
                "SET_DISPOSITION (setDisposition) has `item_id`, `code` inside `data`, but its arguments travel at the top level of the message, beside `command`; hint: "
            ),
            "{top}"
        );
        assert!(
            top.message
                .ends_with(r#"{"command": "SET_DISPOSITION", "item_id": …, "code": …}"#),
            "{top}"
        );
        assert_eq!(data.line, 3);
        assert!(
            data.message.starts_with(
                "CHANGE_STATE (setStatus) has `state` at the top level of the message, but its arguments travel inside `data`; hint: "
            ),
            "{data}"
        );
        assert!(
            data.message
                .ends_with(r#"{"command": "CHANGE_STATE", "data": {"state": …, "reason": …}}"#),
            "{data}"
        );
    }

    #[test]
    fn an_empty_command_is_not_init() {
        let (_, errors) = import(spec(), r#"{"direction":"out","command":""}"#, "test");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].message.contains("neither a method nor an event"));
    }
}
