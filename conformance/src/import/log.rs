//! Reading an SDK message log, line by line: an API A `APIPacket` or an API B message, its time
//! (`t`), and a call's arguments rebuilt from where the method's `wireData` says they travel.
//! Every usable line becomes a step of the `Importer`; a line that cannot be used is an error
//! naming it, and the other lines are still read.

use std::collections::BTreeMap;

use adcontract_schema::ir::{ApiId, DEFAULT_RESPONSE_SUFFIX, Method, WireData};
use serde_json::Value;

use super::builder::{Imported, Importer, Options};
use crate::contract::Spec;

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

/// Imports the lines of a log (see [`super::import_with`]).
pub(super) fn import_log(spec: &Spec, text: &str, from: &str, options: Options) -> Imported {
    let mut im = Importer::new(spec, options);
    let mut calls_by_uid: BTreeMap<String, (u64, String)> = BTreeMap::new();
    let mut events_by_uid: BTreeMap<String, (u64, String)> = BTreeMap::new();
    let mut t0: Option<u64> = None;
    let mut last_t = 0u64;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with(crate::wire::recording::BOM) {
            im.error(n, "the line starts with a UTF-8 byte order mark (bytes EF BB BF), which is not JSON; line skipped; hint: remove it (only the start of a file may carry one, and it is skipped there)".into());
            continue;
        }
        let v: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                im.error(
                    n,
                    format!("not JSON: {e}; hint: a log has one JSON object per line"),
                );
                continue;
            }
        };
        let raw_t = match v.get("t") {
            None | Some(Value::Null) => None,
            Some(x) => match x.as_u64() {
                Some(t) => Some(t),
                None => {
                    im.error(
                        n,
                        format!(
                            "/t: {x} is not a time: `t` is whole milliseconds, 0 or more; line skipped; hint: write the logger's timestamp as a number (Date.now()), or leave `t` out"
                        ),
                    );
                    continue;
                }
            },
        };
        let t = match (raw_t, t0) {
            (Some(t), None) => {
                t0 = Some(t);
                0
            }
            (Some(t), Some(base)) => {
                let since = t.saturating_sub(base);
                if t < base || since < last_t {
                    im.warn(
                        n,
                        format!(
                            "/t: {t} goes back in time (the line before is at {}); kept in log order with t = {last_t} ms",
                            base + last_t
                        ),
                    );
                }
                since.max(last_t)
            }
            (None, _) => last_t,
        };
        last_t = t;
        if let Some(packet) = v
            .get("data")
            .filter(|d| d.get("type").is_some() && d.get("uid").is_some())
        {
            if !im.set_api(ApiId::Widget, n) {
                continue;
            }
            let ty = packet
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let Some(uid) = packet.get("uid").and_then(Value::as_str).map(str::to_owned) else {
                im.error(
                    n,
                    format!(
                        "/data/uid: {} is not a string; line skipped; hint: the SDK's uid pairs a request with its _RESPONSE and is a string",
                        packet.get("uid").unwrap_or(&Value::Null)
                    ),
                );
                continue;
            };
            let params: Vec<Value> = match packet.get("params") {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::Array(a)) => a.clone(),
                Some(other) => {
                    im.error(
                        n,
                        format!(
                            "/data/params: {} {}, not an array: the arguments cannot be transcribed; line skipped; hint: the SDK sends positional arguments, e.g. \"params\": [true] for {ty}",
                            kind_of(other),
                            other
                        ),
                    );
                    continue;
                }
            };
            let a = spec.api(ApiId::Widget);
            let suffix = a.map_or(DEFAULT_RESPONSE_SUFFIX, |a| a.response_suffix());
            if let Some(base) = ty.strip_suffix(suffix) {
                let first = params.first().cloned().unwrap_or(Value::Null);
                if let Some((re, method)) = calls_by_uid.get(&uid).cloned() {
                    im.result(n, t, re, method, first);
                } else if let Some((re, event)) = events_by_uid.get(&uid).cloned() {
                    im.response(n, t, re, event, first);
                } else {
                    im.error(n, format!("{ty} answers uid {uid:?}, which no earlier request or event had ({base}); hint: the request or event must come before its answer, so a log that starts mid-exchange loses the first answers"));
                }
            } else if let Some(m) = a.and_then(|a| a.methods.iter().find(|m| m.wire == ty)) {
                let seq = im.call(n, t, interaction_of(&params), m.name.clone(), params);
                calls_by_uid.insert(uid, (seq, m.name.clone()));
            } else if let Some(e) = a.and_then(|a| a.events.iter().find(|e| e.wire == ty)) {
                let seq = im.event(n, t, interaction_of(&params), e.name.clone(), params);
                events_by_uid.insert(uid, (seq, e.name.clone()));
            } else {
                im.error(
                    n,
                    format!(
                        "packet type {ty:?} is neither a method nor an event of API A in {}; hint: check the spelling, or --api-version for a method or event of another version",
                        spec.version()
                    ),
                );
            }
            continue;
        }
        if let Some(command) = v.get("command").and_then(Value::as_str) {
            if !im.set_api(ApiId::Embedded, n) {
                continue;
            }
            let data = v.get("data").cloned().unwrap_or(Value::Null);
            let rid = match v.get("request_id") {
                None | Some(Value::Null) => None,
                Some(r @ (Value::String(_) | Value::Number(_))) => Some(r.to_string()),
                Some(other) => {
                    im.error(
                        n,
                        format!(
                            "/request_id: {} {other} cannot pair a request with its answer; line skipped; hint: API B's request_id is a string or a number",
                            kind_of(other)
                        ),
                    );
                    continue;
                }
            };
            let dir = match v.get("direction") {
                None | Some(Value::Null) => "",
                Some(Value::String(d)) if d == "in" || d == "out" => d.as_str(),
                Some(other) => {
                    im.error(
                        n,
                        format!(
                            "/direction: {other} is neither \"in\" nor \"out\"; line skipped; hint: \"out\" is a message the page sends, \"in\" one it receives; leave it out to let the importer decide"
                        ),
                    );
                    continue;
                }
            };
            let b = spec.api(ApiId::Embedded);
            let method = b.and_then(|b| {
                b.methods
                    .iter()
                    .find(|m| m.sends_message() && m.wire == command)
            });
            let known_rid = rid.as_ref().and_then(|r| calls_by_uid.get(r).cloned());
            if let (Some((re, name)), true) = (known_rid, dir != "out") {
                im.result(n, t, re, name, data);
            } else if let Some(m) = method.filter(|_| dir != "in") {
                let args = match embedded_args(m, &v) {
                    Ok(args) => args,
                    Err(message) => {
                        im.error(n, message);
                        continue;
                    }
                };
                let interaction = interaction_of(&args).or_else(|| item_id_arg(m, &args));
                let seq = im.call(n, t, interaction, m.name.clone(), args);
                if let Some(r) = rid {
                    calls_by_uid.insert(r, (seq, m.name.clone()));
                }
            } else if let Some(e) = b.and_then(|b| {
                b.events
                    .iter()
                    .find(|e| e.wire == command || e.wire.eq_ignore_ascii_case(command))
            }) {
                let args = vec![data];
                im.event(n, t, interaction_of(&args), e.name.clone(), args);
            } else if let (Some(r), Some(m)) = (&rid, method) {
                im.error(n, format!("{command} answers request_id {r}, which no earlier {} call had; hint: an answer follows its request (`\"direction\": \"out\"`) with the same request_id", m.name));
            } else {
                im.error(
                    n,
                    format!(
                        "command {command:?} is neither a method nor an event of API B in {}; hint: check the spelling, or --api-version for a command of another version",
                        spec.version()
                    ),
                );
            }
            continue;
        }
        im.error(n, "neither an APIPacket log line ({message, data: {type, uid, params}}) nor an API B message ({command, data, request_id}); hint: log what injectMessageLogger reports (API A) or the messages API B posts".into());
    }
    im.finish(from)
}

/// "an object", "a string", ...: for messages about a value of the wrong kind.
fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
