//! `record import`: turns SDK message logs into a recording.
//!
//! Input is JSON lines, each one of:
//! - what API A's `injectMessageLogger(message, data)` hook reports, as `{"message": …, "data":
//!   APIPacket}` where `APIPacket = {instanceId, type, uid, params}`: a request (`type` = a
//!   method's wire name) becomes a call, `<WIRE>_RESPONSE` its result, `ON_…` an event and
//!   `ON_…_RESPONSE` the host's response;
//! - an API B message `{command, data, request_id}` (optionally with `"direction": "out"|"in"`):
//!   an outgoing one becomes a call (arguments rebuilt from `wireData`), an incoming one with a
//!   known `request_id` its result, any other incoming one an event.
//!
//! An optional `t` (ms) on a line becomes the entry's timestamp.

use std::collections::BTreeMap;

use adcontract_schema::ir::{ApiId, WireData};
use serde_json::Value;

use crate::recording::{Body, Entry, FORMAT, FORMAT_VERSION, Header, LineError, Origin, Recording};
use crate::spec::{Spec, api_name};

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
            if let Some(base) = ty.strip_suffix("_RESPONSE") {
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
            let method = b.and_then(|b| b.methods.iter().find(|m| m.wire == command));
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
                let args: Vec<Value> = match &m.wire_data {
                    None => vec![],
                    Some(WireData::Param(p)) => m
                        .params
                        .iter()
                        .map(|q| {
                            if &q.name == p {
                                data.clone()
                            } else {
                                Value::Null
                            }
                        })
                        .collect(),
                    Some(WireData::Object(map)) => m
                        .params
                        .iter()
                        .map(|q| {
                            map.iter()
                                .find(|(_, pn)| *pn == q.name)
                                .and_then(|(k, _)| data.get(k).cloned())
                                .unwrap_or(Value::Null)
                        })
                        .collect(),
                };
                let mut args = args;
                while args.last() == Some(&Value::Null) {
                    args.pop();
                }
                if let Some(r) = rid {
                    calls_by_uid.insert(r, (seq, m.name.clone()));
                }
                push(
                    interaction_of(&args).or_else(|| data.as_str().map(str::to_string)),
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
