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
//!
//! By default the import also makes the recording replayable against a **provider** (a fake
//! Agent Desktop): the reference model ([`crate::reference::model`]) runs alongside the log, and every event
//! the calls so far do not explain (an inbound chat was offered, the agent logged in through the
//! desktop UI, the customer hung up, the desktop asked the host for an article) gets, just before
//! it, the fixture that makes a desktop produce it. Events are linked to the step that caused
//! them with `re`. Where a provider replay will still differ from the log (an event no fixture
//! produces, an event or result the model does not give) the import warns, keeps the line, and
//! goes on; [`Options::fixtures`] off gives the plain transcription. The rules are in
//! `docs/conformance/recording.md` ("Importing SDK logs").

use std::collections::BTreeMap;

use adcontract_schema::ir::{ApiId, DEFAULT_RESPONSE_SUFFIX, Method, WireData};
use serde_json::{Value, json};

use crate::contract::{Spec, api_name};
use crate::reference::model::Model;
use crate::run::runner::{Ids, matches};
use crate::wire::Emitted;
use crate::wire::recording::{
    Body, Entry, FORMAT, FORMAT_VERSION, Header, LineError, Origin, Recording,
};

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

/// What `import` does beyond transcribing the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Infer the fixtures that make a provider produce the events the desktop produced on its
    /// own, and link every explained event to its cause (`re`). Without them the recording
    /// holds the log's calls, results, events and responses only, which is all a consumer
    /// replay uses.
    pub fixtures: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options { fixtures: true }
    }
}

/// What an import gives.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Imported {
    /// `None` when no line could be used.
    pub recording: Option<Recording>,
    /// Lines that could not be used: they are left out, the others are kept.
    pub errors: Vec<LineError>,
    /// Lines that are kept, but where a provider replay of the recording will not reproduce the
    /// log (an event nothing explains, or the reference model disagreeing with the desktop).
    pub warnings: Vec<LineError>,
}

/// Imports a log with fixture inference (see [`import_with`]). Lines that cannot be used are
/// reported with their numbers; the rest is kept. Warnings are not returned: callers that show
/// them use [`import_with`].
pub fn import(spec: &Spec, text: &str, from: &str) -> (Option<Recording>, Vec<LineError>) {
    let out = import_with(spec, text, from, Options::default());
    (out.recording, out.errors)
}

/// Imports a log. Lines that cannot be used are reported with their numbers; the rest is kept.
///
/// With [`Options::fixtures`] the reference model runs alongside the log: every call is applied
/// to it, and every event is checked against what the steps so far make the model emit. An
/// event they explain gets `re` = its step. An event they do not explain was produced by the
/// desktop on its own; the fixture that makes a desktop produce it (login, offer, accept,
/// remoteEnd, emit) is inserted just before it, applied to the model, and explains it and its
/// follow-on events. An event no fixture can produce is kept without `re`, with a warning.
pub fn import_with(spec: &Spec, text: &str, from: &str, options: Options) -> Imported {
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

fn api_label(api: ApiId) -> &'static str {
    match api {
        ApiId::Widget => "API A (widget)",
        ApiId::Embedded => "API B (embedded)",
    }
}

fn push(entries: &mut Vec<Entry>, t: u64, interaction: Option<String>, body: Body) -> u64 {
    let seq = entries.len() as u64 + 1;
    entries.push(Entry {
        seq,
        t,
        interaction,
        body,
    });
    seq
}

/// The recording being built, and (with fixture inference) the model running alongside it.
struct Importer<'s> {
    spec: &'s Spec,
    options: Options,
    api: Option<ApiId>,
    entries: Vec<Entry>,
    errors: Vec<LineError>,
    warnings: Vec<LineError>,
    scene: Option<Scene>,
}

impl<'s> Importer<'s> {
    fn new(spec: &'s Spec, options: Options) -> Importer<'s> {
        Importer {
            spec,
            options,
            api: None,
            entries: Vec::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
            scene: None,
        }
    }

    /// A value kept but changed (clamped, normalised): the recording differs from the log there.
    fn warn(&mut self, line: usize, message: String) {
        self.warnings.push(LineError { line, message });
    }

    fn error(&mut self, line: usize, message: String) {
        self.errors.push(LineError { line, message });
    }

    /// The first usable line decides the API; a line of the other one cannot join the same
    /// recording (its header names one API, and the model plays one).
    fn set_api(&mut self, api: ApiId, n: usize) -> bool {
        match self.api {
            None => {
                self.api = Some(api);
                if self.options.fixtures {
                    self.scene = Some(Scene::new(api, self.spec.version()));
                }
                true
            }
            Some(a) if a == api => true,
            Some(a) => {
                self.error(
                    n,
                    format!(
                        "a message of {} in a log of {} (its first message); hint: a recording holds one API, so import each API's log on its own",
                        api_label(api),
                        api_label(a)
                    ),
                );
                false
            }
        }
    }

    fn call(
        &mut self,
        n: usize,
        t: u64,
        interaction: Option<String>,
        method: String,
        args: Vec<Value>,
    ) -> u64 {
        let spec = self.spec;
        let Importer {
            entries,
            warnings,
            scene,
            ..
        } = self;
        let Some(scene) = scene else {
            return push(entries, t, interaction, Body::Call { method, args });
        };
        scene.flush(Some(n), warnings);
        let out = scene.model.call(spec, &method, &scene.translate(&args));
        let seq = push(
            entries,
            t,
            interaction,
            Body::Call {
                method: method.clone(),
                args,
            },
        );
        scene.answers.insert(
            seq,
            Answer {
                line: n,
                method: method.clone(),
                result: out.result,
            },
        );
        scene.pending = Some(Pending::new(
            seq,
            n,
            format!("the {method} call on line {n}"),
            out.events,
        ));
        seq
    }

    fn result(&mut self, n: usize, t: u64, re: u64, method: String, result: Value) {
        if let Some(scene) = self.scene.as_mut() {
            scene.check_result(n, re, &method, &result, &mut self.warnings);
        }
        push(
            &mut self.entries,
            t,
            None,
            Body::Result { re, method, result },
        );
    }

    fn response(&mut self, n: usize, t: u64, re: u64, event: String, response: Value) {
        if let Some(scene) = self.scene.as_mut() {
            scene.flush(Some(n), &mut self.warnings);
        }
        push(
            &mut self.entries,
            t,
            None,
            Body::Response {
                re,
                event,
                response,
            },
        );
    }

    fn event(
        &mut self,
        n: usize,
        t: u64,
        interaction: Option<String>,
        event: String,
        args: Vec<Value>,
    ) -> u64 {
        let Importer {
            entries,
            warnings,
            scene,
            ..
        } = self;
        let Some(scene) = scene else {
            return push(
                entries,
                t,
                interaction,
                Body::Event {
                    event,
                    args,
                    re: None,
                },
            );
        };
        let mut re = scene.explain(n, &event, &args, warnings);
        if re.is_none() {
            match scene.infer(&event, &args) {
                Ok(fixtures) => {
                    scene.flush(Some(n), warnings);
                    let count = fixtures.len();
                    for (k, (fixture, fargs)) in fixtures.into_iter().enumerate() {
                        // `infer` applied the same fixtures to a copy of the model: they apply.
                        let emitted = scene
                            .model
                            .fixture(fixture, &scene.translate_value(&fargs))
                            .unwrap_or_default();
                        scene.fixtures += 1;
                        let at = fargs
                            .get("interactionId")
                            .and_then(Value::as_str)
                            .map(str::to_string);
                        let seq = push(
                            entries,
                            t,
                            at,
                            Body::Fixture {
                                fixture: fixture.into(),
                                args: fargs,
                            },
                        );
                        if k + 1 == count {
                            scene.pending = Some(Pending::new(
                                seq,
                                n,
                                format!("the {fixture} fixture inferred for line {n}"),
                                emitted,
                            ));
                        }
                    }
                    re = scene.explain(n, &event, &args, warnings);
                }
                Err(why) => warnings.push(LineError {
                    line: n,
                    message: format!(
                        "{event} is not explained by the calls before it, and no fixture produces it here: {why}; it is kept without `re`, so a provider replay will not reproduce it (a consumer replay is unaffected){}",
                        if !scene.model.is_logged_in() {
                            "; hint: the log seems to start after the agent logged in: attach the message logger before login, so that the login sets the scene"
                        } else {
                            "; hint: replay this recording against consumers only, or log a session where a call causes it"
                        }
                    ),
                }),
            }
        }
        push(entries, t, interaction, Body::Event { event, args, re })
    }

    fn finish(mut self, from: &str) -> Imported {
        let mut fixtures = 0;
        if let Some(scene) = self.scene.as_mut() {
            scene.flush(None, &mut self.warnings);
            scene.unanswered(&mut self.warnings);
            fixtures = scene.fixtures;
        }
        // Stable: problems found later about an earlier line stay after that line's others.
        self.warnings.sort_by_key(|w| w.line);
        let Some(api) = self.api else {
            if self.errors.is_empty() {
                self.error(0, "nothing to import".into());
            }
            return Imported {
                recording: None,
                errors: self.errors,
                warnings: self.warnings,
            };
        };
        let header = Header {
            format: FORMAT.into(),
            version: FORMAT_VERSION,
            api: api_name(api).into(),
            api_version: self.spec.version().into(),
            title: format!("imported from {from}"),
            description: (fixtures > 0).then(|| {
                format!(
                    "{fixtures} fixture(s) inferred by the reference model for the events the desktop produced on its own."
                )
            }),
            origin: Origin {
                kind: "imported".into(),
                from: Some(from.into()),
                seed: None,
                rule: None,
            },
        };
        Imported {
            recording: Some(Recording {
                header,
                entries: self.entries,
            }),
            errors: self.errors,
            warnings: self.warnings,
        }
    }
}

/// The model's answer to a call, kept until the log's answer is seen.
#[derive(Debug)]
struct Answer {
    line: usize,
    method: String,
    result: Option<Value>,
}

/// The events the model emitted for the latest step, which the log's next events should show.
#[derive(Debug)]
struct Pending {
    seq: u64,
    line: usize,
    cause: String,
    events: Vec<Emitted>,
    /// The log line that showed each predicted event, if one did.
    seen: Vec<Option<usize>>,
    /// Indices into `events`, in the order the log showed them.
    order: Vec<usize>,
}

impl Pending {
    fn new(seq: u64, line: usize, cause: String, events: Vec<Emitted>) -> Pending {
        let seen = vec![None; events.len()];
        Pending {
            seq,
            line,
            cause,
            events,
            seen,
            order: Vec::new(),
        }
    }
}

/// Fixture inference: the reference model in step with the log.
#[derive(Debug)]
struct Scene {
    model: Model,
    /// Log id -> model id where they differ: the desktop generates ids for the interactions
    /// a call creates (startCall, dialNumber, consultCall), the model its own `sim-N`.
    ids: BTreeMap<String, String>,
    pending: Option<Pending>,
    answers: BTreeMap<u64, Answer>,
    fixtures: usize,
}

/// Keys whose values identify an interaction.
const ID_KEYS: [&str; 4] = ["interactionId", "item_id", "id", "activeInteractionId"];

/// The payload keys that tell one event from another of the same name: the interaction, its
/// state, the agent's status, login or logout. The other fields (times, parties, flags) are
/// details a provider replay compares, and the import warns about, but they never make an
/// event a different one.
const IDENTITY_KEYS: [&str; 6] = [
    "interactionId",
    "item_id",
    "state",
    "status",
    "isLoggedIn",
    "login",
];

impl Scene {
    fn new(api: ApiId, version: &str) -> Scene {
        Scene {
            model: Model::new(api, version),
            ids: BTreeMap::new(),
            pending: None,
            answers: BTreeMap::new(),
            fixtures: 0,
        }
    }

    /// A log value with the ids the model knows under another name translated, as a replay
    /// runner sends a recording's arguments.
    fn translate_value(&self, v: &Value) -> Value {
        match v {
            Value::String(s) => Value::String(self.to_model(s).to_string()),
            Value::Array(a) => Value::Array(a.iter().map(|x| self.translate_value(x)).collect()),
            Value::Object(o) => Value::Object(
                o.iter()
                    .map(|(k, x)| (k.clone(), self.translate_value(x)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    /// The inverse of `translate_value`, for messages: they name the ids as the log does.
    fn to_log_value(&self, v: &Value) -> Value {
        match v {
            Value::String(s) => Value::String(self.to_log(s).to_string()),
            Value::Array(a) => Value::Array(a.iter().map(|x| self.to_log_value(x)).collect()),
            Value::Object(o) => Value::Object(
                o.iter()
                    .map(|(k, x)| (k.clone(), self.to_log_value(x)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    /// A model event for messages (see `describe`), with the log's ids.
    fn show(&self, e: &Emitted) -> String {
        describe(&Emitted {
            event: e.event.clone(),
            args: e.args.iter().map(|a| self.to_log_value(a)).collect(),
        })
    }

    fn translate(&self, args: &[Value]) -> Vec<Value> {
        args.iter().map(|a| self.translate_value(a)).collect()
    }

    fn to_model<'a>(&'a self, log_id: &'a str) -> &'a str {
        self.ids.get(log_id).map_or(log_id, String::as_str)
    }

    fn to_log<'a>(&'a self, model_id: &'a str) -> &'a str {
        self.ids
            .iter()
            .find(|(_, m)| *m == model_id)
            .map_or(model_id, |(l, _)| l.as_str())
    }

    /// Whether `log` names the model's `model` id; a first meeting of a desktop-generated id
    /// with a model-generated one (`sim-N`, see `Model`) is a new binding, added to `binds`.
    fn same_id(&self, model: &str, log: &str, binds: &mut Vec<(String, String)>) -> bool {
        let bound = self
            .ids
            .get(log)
            .or_else(|| binds.iter().find(|(l, _)| l == log).map(|(_, m)| m));
        let taken =
            |m: &str| self.ids.values().any(|x| x == m) || binds.iter().any(|(_, x)| x == m);
        match bound {
            Some(m) => m == model,
            None if log == model => !taken(model),
            None if model.starts_with("sim-") && !taken(model) => {
                binds.push((log.to_string(), model.to_string()));
                true
            }
            None => false,
        }
    }

    fn same_value(&self, model: &Value, log: &Value, binds: &mut Vec<(String, String)>) -> bool {
        match (model, log) {
            (Value::Object(m), Value::Object(l)) => {
                IDENTITY_KEYS.iter().all(|k| match (m.get(*k), l.get(*k)) {
                    (None, None) => true,
                    (Some(Value::String(a)), Some(Value::String(b))) if ID_KEYS.contains(k) => {
                        self.same_id(a, b, binds)
                    }
                    (Some(a), Some(b)) => a == b,
                    _ => false,
                })
            }
            (Value::String(m), Value::String(l)) => self.same_id(m, l, binds),
            (Value::Array(m), Value::Array(l)) => {
                m.len() == l.len() && m.iter().zip(l).all(|(a, b)| self.same_value(a, b, binds))
            }
            (m, l) => m == l,
        }
    }

    /// Whether the model's event is the log's: same name, same identity (see `IDENTITY_KEYS`).
    /// Returns the id bindings the match makes.
    fn same(&self, model: &Emitted, event: &str, args: &[Value]) -> Option<Vec<(String, String)>> {
        if model.event != event || model.args.len() != args.len() {
            return None;
        }
        let mut binds = Vec::new();
        model
            .args
            .iter()
            .zip(args)
            .all(|(m, l)| self.same_value(m, l, &mut binds))
            .then_some(binds)
    }

    /// Binds the ids a result reports (`startCall` answers `{id}`) to the model's.
    fn learn_ids(&mut self, model: &Value, log: &Value, key: &str) {
        match (model, log) {
            (Value::String(m), Value::String(l)) if ID_KEYS.contains(&key) => {
                let mut binds = Vec::new();
                if self.same_id(m, l, &mut binds) {
                    self.ids.extend(binds);
                }
            }
            (Value::Object(m), Value::Object(l)) => {
                for (k, mv) in m {
                    if let Some(lv) = l.get(k) {
                        self.learn_ids(mv, lv, k);
                    }
                }
            }
            (Value::Array(m), Value::Array(l)) if m.len() == l.len() => {
                for (mv, lv) in m.iter().zip(l) {
                    self.learn_ids(mv, lv, key);
                }
            }
            _ => {}
        }
    }

    /// Links the log's event to the pending step that predicted it, if one did.
    fn explain(
        &mut self,
        n: usize,
        event: &str,
        args: &[Value],
        warnings: &mut Vec<LineError>,
    ) -> Option<u64> {
        let p = self.pending.as_ref()?;
        let (i, binds) = p
            .events
            .iter()
            .enumerate()
            .filter(|(i, _)| p.seen[*i].is_none())
            .find_map(|(i, e)| self.same(e, event, args).map(|b| (i, b)))?;
        let (seq, predicted, cause) = (p.seq, p.events[i].clone(), p.cause.clone());
        if let Some(p) = self.pending.as_mut() {
            p.seen[i] = Some(n);
            p.order.push(i);
        }
        self.ids.extend(binds);
        // A replay's own comparison (recorded = the log, actual = the model), so the warning
        // says what a provider replay will report.
        let (log, model) = (Value::Array(args.to_vec()), Value::Array(predicted.args));
        // The ids paired so far are paired in a replay too, by the time it gets here.
        if let Err(d) = matches(&log, &model, "", event, &mut Ids::from_pairs(&self.ids)) {
            let hint = "the desktop sends a payload the reference model does not (volatile values such as times are never compared)";
            warnings.push(LineError {
                line: n,
                message: format!(
                    "{event} differs from the one the reference model emits after {cause}; a provider replay will report AD-REPLAY-EVENTS at seq {seq}: {d}; hint: {hint}"
                ),
            });
        }
        Some(seq)
    }

    /// Ends the pending step: the events it predicted that the log did not show are reported.
    fn flush(&mut self, next: Option<usize>, warnings: &mut Vec<LineError>) {
        let Some(p) = self.pending.take() else { return };
        let missing: Vec<String> = p
            .events
            .iter()
            .zip(&p.seen)
            .filter(|(_, seen)| seen.is_none())
            .map(|(e, _)| self.show(e))
            .collect();
        // Judged once the step is over: an event that is missing is not also out of order.
        if missing.is_empty() {
            if let Some(w) = p.order.windows(2).find(|w| w[0] > w[1]) {
                let (early, late) = (w[0], w[1]);
                warnings.push(LineError {
                    line: p.seen[early].unwrap_or(p.line),
                    message: format!(
                        "{} comes before {}, which the reference model emits first after {}: a provider replay will report AD-REPLAY-EVENTS at seq {}; hint: the desktop orders these events differently from the reference model",
                        self.show(&p.events[early]),
                        self.show(&p.events[late]),
                        p.cause,
                        p.seq
                    ),
                });
            }
            return;
        }
        let until = next.map_or("by its end".to_string(), |n| format!("before line {n}"));
        warnings.push(LineError {
            line: p.line,
            message: format!(
                "the reference model emits {} after {}, which the log does not show {until}: a provider replay will report AD-REPLAY-EVENTS at seq {}; hint: the logger may have missed them, or the desktop differs from the reference model here",
                missing.join(", "),
                p.cause,
                p.seq
            ),
        });
    }

    fn check_result(
        &mut self,
        n: usize,
        re: u64,
        method: &str,
        log: &Value,
        warnings: &mut Vec<LineError>,
    ) {
        let Some(a) = self.answers.remove(&re) else {
            return;
        };
        let Some(model) = a.result else {
            warnings.push(LineError {
                line: n,
                message: format!(
                    "the reference model gives {method} (line {}) no answer here (an API B call it cannot use has no effect and no callback): a provider replay will report AD-REPLAY-RESULT at seq {re}; hint: the model is out of step with the desktop, e.g. the agent is not logged in there",
                    a.line
                ),
            });
            return;
        };
        self.learn_ids(&model, log, "");
        if let Err(d) = matches(log, &model, "", "", &mut Ids::from_pairs(&self.ids)) {
            warnings.push(LineError {
                line: n,
                message: format!(
                    "the result of {method} (line {}) differs from the reference model's; a provider replay will report AD-REPLAY-RESULT at seq {re}: {d}; hint: the model is out of step with the desktop here, or the desktop answers differently",
                    a.line
                ),
            });
        }
    }

    /// API B calls the model answers through their callback, but whose answer the log lacks (a
    /// replay compares the callback data whenever the provider gives some).
    fn unanswered(&mut self, warnings: &mut Vec<LineError>) {
        if self.model.api() != ApiId::Embedded {
            return;
        }
        for (seq, a) in std::mem::take(&mut self.answers) {
            if a.result.is_some() {
                warnings.push(LineError {
                    line: a.line,
                    message: format!(
                        "the reference model answers {} through its callback, but the log has no answer with its request_id: a provider replay will report AD-REPLAY-RESULT at seq {seq}; hint: log the callback's message too",
                        a.method
                    ),
                });
            }
        }
    }

    /// The fixtures that make a desktop produce `event` on its own, applied to a copy of the
    /// model to check that they do; `Err` says why none does.
    fn infer(&self, event: &str, args: &[Value]) -> Result<Vec<(&'static str, Value)>, String> {
        let mut refusals = Vec::new();
        for candidate in self.candidates(event, args)? {
            let mut probe = self.model.clone();
            let mut emitted = Vec::new();
            let mut applied = true;
            for (k, (fixture, fargs)) in candidate.iter().enumerate() {
                match probe.fixture(fixture, &self.translate_value(fargs)) {
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
            if emitted.iter().any(|e| self.same(e, event, args).is_some()) {
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
        Err(refusals.join("; "))
    }

    /// The fixture sequences that could produce `event`, most likely first.
    #[allow(clippy::type_complexity)]
    fn candidates(
        &self,
        event: &str,
        args: &[Value],
    ) -> Result<Vec<Vec<(&'static str, Value)>>, String> {
        let first = args.first().unwrap_or(&Value::Null);
        let raw = |k: &str| first.get(k).and_then(Value::as_str);
        let text = |k: &str| raw(k).filter(|s| !s.is_empty());
        let id = |k: &str| {
            raw(k)
                .map(str::to_string)
                .ok_or_else(|| format!("its payload has no string {k}"))
        };
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
            "ON_LOGOUT" | "onAgentLogin" => {
                Err("no fixture logs the agent out (a logout in the desktop UI)".into())
            }
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
                    state => Err(format!(
                        "no fixture puts an interaction in state {} (e.g. hold or retrieve in the desktop UI)",
                        state.unwrap_or("(none)")
                    )),
                }
            }
            // API B shows an inbound interaction only once it is accepted.
            "addInteractionRenderedHandler" => {
                let iid = id("item_id")?;
                let accept = ("accept", json!({ "interactionId": iid }));
                if self.model.state_of(self.to_model(&iid)) == Some("delivery_pending") {
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
                    .map(|i| vec![("remoteEnd", json!({ "interactionId": self.to_log(i) }))])
                    .collect();
                if ends.is_empty() {
                    Err("no interaction is connected, so no remoteEnd puts the agent in after-call work".into())
                } else {
                    Ok(ends)
                }
            }
            "ON_AGENT_STATE_CHANGE" | "onStatusChange" => Err(
                "no fixture changes the agent's state (a change in the desktop UI); setAgentState (API A) or setStatus (API B) calls do"
                    .into(),
            ),
            "ON_INTERACTION_REMOVED" | "addInteractionCompletedHandler" => Err(
                "no fixture removes an interaction (completed in the desktop UI, or withdrawn while offered)".into(),
            ),
            "ON_ACTIVE_INTERACTION_SWITCHED" => Err(
                "no fixture switches the active interaction (a click in the desktop UI)".into(),
            ),
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

/// An event for messages: its name, and the interaction and state or status it reports.
fn describe(e: &Emitted) -> String {
    let first = e.args.first();
    let field = |k: &str| first.and_then(|a| a.get(k)).and_then(Value::as_str);
    let detail: Vec<&str> = [
        field("interactionId").or_else(|| field("item_id")),
        field("state").or_else(|| field("status")),
        first.and_then(Value::as_str),
    ]
    .into_iter()
    .flatten()
    .collect();
    if detail.is_empty() {
        e.event.clone()
    } else {
        format!("{} ({})", e.event, detail.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
    fn lines_that_cannot_be_transcribed_are_errors_and_clamped_times_are_warnings() {
        let log = [
            r#"{"t":1000,"direction":"out","command":"DIAL_NUMBER","number":"1"}"#,
            r#"{"t":"yesterday","direction":"out","command":"DIAL_NUMBER","number":"2"}"#,
            r#"{"t":-5,"direction":"out","command":"DIAL_NUMBER","number":"3"}"#,
            r#"{"t":900,"direction":"out","command":"DIAL_NUMBER","number":"4"}"#,
            r#"{"direction":"sideways","command":"DIAL_NUMBER","number":"5"}"#,
            r#"{"direction":"out","command":"DIAL_NUMBER","number":"6","request_id":{"a":1}}"#,
            "\u{FEFF}{\"direction\":\"out\",\"command\":\"DIAL_NUMBER\",\"number\":\"7\"}",
        ]
        .join("\n");
        let out = import_with(spec(), &log, "test", Options { fixtures: false });
        let errors: Vec<(usize, &str)> = out
            .errors
            .iter()
            .map(|e| (e.line, e.message.split(':').next().unwrap_or("")))
            .collect();
        assert_eq!(
            errors,
            [
                (2, "/t"),
                (3, "/t"),
                (5, "/direction"),
                (6, "/request_id"),
                (
                    7,
                    "the line starts with a UTF-8 byte order mark (bytes EF BB BF), which is not JSON; line skipped; hint"
                )
            ],
            "{:#?}",
            out.errors
        );
        assert!(
            out.errors.iter().all(|e| e.message.contains("hint: ")),
            "{:#?}",
            out.errors
        );
        let warnings: Vec<usize> = out.warnings.iter().map(|w| w.line).collect();
        assert_eq!(warnings, [4], "{:#?}", out.warnings);
        assert!(out.warnings[0].message.contains("goes back in time"));
        // The other lines are still imported, in order, with their times.
        let rec = out.recording.unwrap_or_else(|| panic!("no recording"));
        let numbers: Vec<(Value, u64)> = rec
            .entries
            .iter()
            .filter_map(|e| match &e.body {
                Body::Call { args, .. } => Some((args[0].clone(), e.t)),
                _ => None,
            })
            .collect();
        assert_eq!(numbers, [(json!("1"), 0), (json!("4"), 0)]);

        // API A: params that are not positional arguments.
        let log = packet("SET_CALL_HOLD", "u-1", json!({ "hold": true }));
        let out = import_with(spec(), &log, "test", Options { fixtures: false });
        assert_eq!(out.errors.len(), 1, "{:#?}", out.errors);
        assert!(
            out.errors[0].message.starts_with("/data/params: an object"),
            "{}",
            out.errors[0]
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

    // ----- fixture inference -----------------------------------------------------------------

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

    #[test]
    fn a_login_in_the_desktop_is_a_login_fixture_explaining_its_follow_on_events() {
        assert_eq!(
            clean(&login_lines()),
            [
                r#"1: fixture login {"agentId":"jsmith"}"#,
                "2: ON_LOGIN re=1",
                "3: ON_AGENT_STATE_CHANGE re=1",
            ]
        );
    }

    #[test]
    fn an_inbound_interaction_is_an_offer_with_what_the_fixture_accepts() {
        let mut log = login_lines();
        log.push(packet(
            "ON_NEW_INTERACTION",
            "e3",
            json!([data("call-7", "voice", "delivery_pending")]),
        ));
        let mut chat = data("chat-8", "chat", "delivery_pending");
        chat["service"] = json!("Web chat");
        log.push(packet("ON_NEW_INTERACTION", "e4", json!([chat])));
        assert_eq!(
            clean(&log)[3..],
            [
                r#"4: fixture offer {"interactionId":"call-7","type":"voice","service":"Support","phoneNumber":"+14155550100"}"#,
                "5: ON_NEW_INTERACTION re=4",
                r#"6: fixture offer {"interactionId":"chat-8","type":"chat","service":"Web chat"}"#,
                "7: ON_NEW_INTERACTION re=6",
            ]
        );
    }

    /// Accepted in the desktop UI: `accept`, whose follow-on events are not given fixtures of
    /// their own; ended by the customer: `remoteEnd`; completed by a call, which explains the rest.
    #[test]
    fn accept_and_remote_end_fixtures_and_a_call_explaining_its_events() {
        let mut log = login_lines();
        log.extend([
            packet(
                "ON_NEW_INTERACTION",
                "e3",
                json!([data("c1", "voice", "delivery_pending")]),
            ),
            packet(
                "ON_INTERACTION_STATE_CHANGE",
                "e4",
                json!([data("c1", "voice", "delivered")]),
            ),
            packet("ON_ACTIVE_INTERACTION_SWITCHED", "e5", json!(["c1"])),
            packet("ON_AGENT_STATE_CHANGE", "e6", json!(["busy"])),
            packet(
                "ON_INTERACTION_STATE_CHANGE",
                "e7",
                json!([data("c1", "voice", "wrap_up")]),
            ),
            packet("ON_AGENT_STATE_CHANGE", "e8", json!(["after_call_work"])),
            packet("COMPLETE_INTERACTION", "r1", json!(["c1"])),
            packet(
                "ON_INTERACTION_REMOVED",
                "e9",
                json!([data("c1", "voice", "completed")]),
            ),
            packet("ON_ACTIVE_INTERACTION_SWITCHED", "e10", json!([null])),
            packet("ON_AGENT_STATE_CHANGE", "e11", json!(["ready"])),
            packet(
                "COMPLETE_INTERACTION_RESPONSE",
                "r1",
                json!([{ "status": "success", "data": null }]),
            ),
        ]);
        assert_eq!(
            clean(&log)[3..],
            [
                r#"4: fixture offer {"interactionId":"c1","type":"voice","service":"Support","phoneNumber":"+14155550100"}"#,
                "5: ON_NEW_INTERACTION re=4",
                r#"6: fixture accept {"interactionId":"c1"}"#,
                "7: ON_INTERACTION_STATE_CHANGE re=6",
                "8: ON_ACTIVE_INTERACTION_SWITCHED re=6",
                "9: ON_AGENT_STATE_CHANGE re=6",
                r#"10: fixture remoteEnd {"interactionId":"c1"}"#,
                "11: ON_INTERACTION_STATE_CHANGE re=10",
                "12: ON_AGENT_STATE_CHANGE re=10",
                "13: call completeInteraction",
                "14: ON_INTERACTION_REMOVED re=13",
                "15: ON_ACTIVE_INTERACTION_SWITCHED re=13",
                "16: ON_AGENT_STATE_CHANGE re=13",
                "17: result re=13",
            ]
        );
    }

    #[test]
    fn calls_explain_their_events_so_no_fixture_is_inferred() {
        let mut log = login_lines();
        log.extend([
            packet(
                "ON_NEW_INTERACTION",
                "e3",
                json!([data("c1", "voice", "delivery_pending")]),
            ),
            packet("ACCEPT_INTERACTION", "r1", json!(["c1"])),
            packet(
                "ON_INTERACTION_STATE_CHANGE",
                "e4",
                json!([data("c1", "voice", "delivered")]),
            ),
            packet("ON_ACTIVE_INTERACTION_SWITCHED", "e5", json!(["c1"])),
            packet("ON_AGENT_STATE_CHANGE", "e6", json!(["busy"])),
            packet(
                "ACCEPT_INTERACTION_RESPONSE",
                "r1",
                json!([{ "status": "success", "data": null }]),
            ),
            packet("LEAVE_INTERACTION", "r2", json!(["c1"])),
            packet(
                "LEAVE_INTERACTION_RESPONSE",
                "r2",
                json!([{ "status": "success", "data": null }]),
            ),
            packet(
                "ON_INTERACTION_STATE_CHANGE",
                "e7",
                json!([data("c1", "voice", "wrap_up")]),
            ),
            packet("ON_AGENT_STATE_CHANGE", "e8", json!(["after_call_work"])),
        ]);
        assert_eq!(
            clean(&log)[5..],
            [
                "6: call acceptInteraction",
                "7: ON_INTERACTION_STATE_CHANGE re=6",
                "8: ON_ACTIVE_INTERACTION_SWITCHED re=6",
                "9: ON_AGENT_STATE_CHANGE re=6",
                "10: result re=6",
                "11: call leaveInteraction",
                "12: result re=11",
                "13: ON_INTERACTION_STATE_CHANGE re=11",
                "14: ON_AGENT_STATE_CHANGE re=11",
            ]
        );
    }

    #[test]
    fn data_requests_and_notifications_are_emitted_and_answers_keep_their_link() {
        let mut log = login_lines();
        log.extend([
            packet("ON_GET_KNOWLEDGE_BASE_ARTICLE", "e3", json!(["kb-1"])),
            packet(
                "ON_GET_KNOWLEDGE_BASE_ARTICLE_RESPONSE",
                "e3",
                json!([null]),
            ),
            packet("ON_WIDGET_MINIMIZED_CHANGE", "e4", json!([true])),
        ]);
        assert_eq!(
            clean(&log)[3..],
            [
                r#"4: fixture emit {"event":"ON_GET_KNOWLEDGE_BASE_ARTICLE","args":["kb-1"]}"#,
                "5: ON_GET_KNOWLEDGE_BASE_ARTICLE re=4",
                "6: response re=5",
                r#"7: fixture emit {"event":"ON_WIDGET_MINIMIZED_CHANGE","args":[true]}"#,
                "8: ON_WIDGET_MINIMIZED_CHANGE re=7",
            ]
        );
    }

    /// An agent-state change made in the desktop UI: no fixture produces one, so the event is
    /// kept as logged, without `re`, and the warning names its line and gives a hint.
    #[test]
    fn an_event_no_fixture_explains_is_kept_with_a_warning() {
        let mut log = login_lines();
        log.push(packet(
            "ON_AGENT_STATE_CHANGE",
            "e3",
            json!(["not_ready", "Lunch"]),
        ));
        log.push(packet("ON_WIDGET_MINIMIZED_CHANGE", "e4", json!([true])));
        let out = run(&log, Options::default());
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        let rec = out.recording.unwrap_or_else(|| panic!("no recording"));
        assert_eq!(
            summary(&rec)[3..],
            [
                "4: ON_AGENT_STATE_CHANGE re=-",
                r#"5: fixture emit {"event":"ON_WIDGET_MINIMIZED_CHANGE","args":[true]}"#,
                "6: ON_WIDGET_MINIMIZED_CHANGE re=5",
            ]
        );
        assert_eq!(out.warnings.len(), 1, "{:#?}", out.warnings);
        let w = &out.warnings[0];
        assert_eq!(w.line, 3);
        assert!(
            w.message.starts_with(
                "ON_AGENT_STATE_CHANGE is not explained by the calls before it, and no fixture produces it here: no fixture changes the agent's state"
            ),
            "{w}"
        );
        assert!(w.message.contains("kept without `re`"), "{w}");
        assert!(w.message.contains("hint: "), "{w}");
    }

    #[test]
    fn a_log_that_starts_after_login_gets_a_hint_to_attach_the_logger_earlier() {
        let out = run(
            &[packet(
                "ON_NEW_INTERACTION",
                "e1",
                json!([data("c1", "voice", "delivery_pending")]),
            )],
            Options::default(),
        );
        assert_eq!(out.warnings.len(), 1, "{:#?}", out.warnings);
        let w = &out.warnings[0].message;
        assert!(
            w.contains("the offer fixture refused: the agent is not logged in"),
            "{w}"
        );
        assert!(w.contains("attach the message logger before login"), "{w}");
    }

    /// Where the log and the reference model disagree, the import says what a provider replay
    /// will report: an event the model emits that the log lacks, a payload that differs.
    #[test]
    fn disagreements_with_the_model_are_warnings_naming_the_replay_rule() {
        let log = [
            packet(
                "ON_LOGIN",
                "e1",
                json!([{ "isLoggedIn": true, "agentId": "5f1c", "username": "jsmith" }]),
            ),
            packet("GET_AGENT_STATE", "r1", json!([])),
        ];
        let out = run(&log, Options::default());
        let w: Vec<(usize, &str)> = out
            .warnings
            .iter()
            .map(|w| (w.line, w.message.as_str()))
            .collect();
        assert_eq!(w.len(), 2, "{w:#?}");
        assert_eq!(w[0].0, 1);
        assert!(w[0].1.starts_with("ON_LOGIN differs from the one the reference model emits after the login fixture inferred for line 1; a provider replay will report AD-REPLAY-EVENTS at seq 1: ON_LOGIN/0/username: expected \"jsmith\", got \"5f1c\""), "{}", w[0].1);
        assert_eq!(w[1].0, 1);
        assert!(w[1].1.starts_with("the reference model emits ON_AGENT_STATE_CHANGE (ready) after the login fixture inferred for line 1, which the log does not show before line 2"), "{}", w[1].1);
        // Warnings are no errors: the recording is complete.
        assert!(out.errors.is_empty());
        assert_eq!(out.recording.map(|r| r.entries.len()), Some(3));
    }

    #[test]
    fn without_fixtures_the_log_is_only_transcribed() {
        let mut log = login_lines();
        log.push(packet(
            "ON_GET_KNOWLEDGE_BASE_ARTICLE",
            "e3",
            json!(["kb-1"]),
        ));
        let plain = run(&log, Options { fixtures: false });
        assert!(plain.warnings.is_empty() && plain.errors.is_empty());
        let rec = plain.recording.unwrap_or_else(|| panic!("no recording"));
        assert_eq!(rec.header.description, None);
        assert_eq!(
            summary(&rec),
            [
                "1: ON_LOGIN re=-",
                "2: ON_AGENT_STATE_CHANGE re=-",
                "3: ON_GET_KNOWLEDGE_BASE_ARTICLE re=-",
            ]
        );
    }

    #[test]
    fn api_b_fixtures_login_render_and_remote_end_and_a_dialled_id_bound_to_the_models() {
        let log = [
            r#"{"direction":"in","command":"LOGIN_CHANGED","data":{"agent_id":"mgarcia","login":true}}"#,
            r#"{"direction":"in","command":"STATE_CHANGED","data":{"status":"ready","reason":""}}"#,
            r#"{"direction":"in","command":"INTERACTION_RENDERED","data":{"item_id":"B-1","global_id":"G-B-1","phone_number":"+14155550142","service":"Claims","screenpop_data":""}}"#,
            r#"{"direction":"in","command":"STATE_CHANGED","data":{"status":"busy","reason":""}}"#,
            r#"{"direction":"in","command":"_CALL_HELD","data":{"item_id":"B-1"}}"#,
            r#"{"direction":"in","command":"STATE_CHANGED","data":{"status":"after_call_work","reason":""}}"#,
            r#"{"direction":"out","command":"COMPLETE_INTERACTION_FROM_API","data":"B-1"}"#,
            r#"{"direction":"in","command":"INTERACTION_COMPLETED","data":{"item_id":"B-1","global_id":"G-B-1","phone_number":"+14155550142","service":"Claims","screenpop_data":"","disposition":"","notes":"","recording_url":""}}"#,
            r#"{"direction":"in","command":"STATE_CHANGED","data":{"status":"ready","reason":""}}"#,
            r#"{"direction":"out","command":"DIAL_NUMBER","number":"+14155550177"}"#,
            r#"{"direction":"in","command":"INTERACTION_RENDERED","data":{"item_id":"B-2","global_id":"G-B-2","phone_number":"+14155550177","service":"","screenpop_data":""}}"#,
            r#"{"direction":"in","command":"STATE_CHANGED","data":{"status":"busy","reason":""}}"#,
            r#"{"direction":"out","command":"GET_STATE","request_id":9}"#,
            r#"{"direction":"in","command":"GET_STATE","request_id":9,"data":{"agent_id":"mgarcia","status":"busy","reason":"","interactions":[{"item_id":"B-2","global_id":"G-B-2","phone_number":"+14155550177","service":"","screenpop_data":"","recording_url":"","attached_data":{}}]}}"#,
            r#"{"direction":"out","command":"TERMINATE_INTERACTION_FROM_API","data":"B-2"}"#,
            r#"{"direction":"in","command":"STATE_CHANGED","data":{"status":"after_call_work","reason":""}}"#,
        ]
        .map(String::from);
        let out = run(&log, Options::default());
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        // B-2 is the model's sim-1: the result and the terminate's event match only through it.
        assert!(out.warnings.is_empty(), "{:#?}", out.warnings);
        let rec = out.recording.unwrap_or_else(|| panic!("no recording"));
        assert_eq!(rec.header.api, "embedded");
        assert_eq!(
            summary(&rec),
            [
                r#"1: fixture login {"agentId":"mgarcia"}"#,
                "2: onAgentLogin re=1",
                "3: onStatusChange re=1",
                r#"4: fixture offer {"interactionId":"B-1","type":"voice","service":"Claims","phoneNumber":"+14155550142"}"#,
                r#"5: fixture accept {"interactionId":"B-1"}"#,
                "6: addInteractionRenderedHandler re=5",
                "7: onStatusChange re=5",
                r#"8: fixture emit {"event":"addCallHeldHandler","args":[{"item_id":"B-1"}]}"#,
                "9: addCallHeldHandler re=8",
                r#"10: fixture remoteEnd {"interactionId":"B-1"}"#,
                "11: onStatusChange re=10",
                "12: call completeInteraction",
                "13: addInteractionCompletedHandler re=12",
                "14: onStatusChange re=12",
                "15: call dialNumber",
                "16: addInteractionRenderedHandler re=15",
                "17: onStatusChange re=15",
                "18: call getState",
                "19: result re=18",
                "20: call terminateInteraction",
                "21: onStatusChange re=20",
            ]
        );
    }

    #[test]
    fn api_b_unexplained_events_keep_their_place_and_name_their_line() {
        let log = [
            r#"{"direction":"in","command":"LOGIN_CHANGED","data":{"agent_id":"mgarcia","login":true}}"#,
            r#"{"direction":"in","command":"STATE_CHANGED","data":{"status":"ready","reason":""}}"#,
            r#"{"direction":"in","command":"INTERACTION_COMPLETED","data":{"item_id":"B-9","global_id":"G-B-9","phone_number":"","service":""}}"#,
            r#"{"direction":"in","command":"STATE_CHANGED","data":{"status":"after_call_work","reason":""}}"#,
        ]
        .map(String::from);
        let out = run(&log, Options::default());
        let lines: Vec<usize> = out.warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines, [3, 4], "{:#?}", out.warnings);
        assert!(
            out.warnings[0]
                .message
                .contains("no fixture removes an interaction")
        );
        assert!(
            out.warnings[1]
                .message
                .contains("no interaction is connected")
        );
        let rec = out.recording.unwrap_or_else(|| panic!("no recording"));
        assert_eq!(
            summary(&rec)[3..],
            [
                "4: addInteractionCompletedHandler re=-",
                "5: onStatusChange re=-"
            ]
        );
    }

    #[test]
    fn a_message_of_the_other_api_is_an_error_and_the_rest_is_kept() {
        let mut log = login_lines();
        log.insert(
            1,
            r#"{"direction":"out","command":"CHANGE_STATE","data":{"state":"ready"}}"#.into(),
        );
        for options in [Options::default(), Options { fixtures: false }] {
            let out = run(&log, options);
            assert_eq!(out.errors.len(), 1, "{:?}", out.errors);
            assert_eq!(out.errors[0].line, 2);
            assert!(
                out.errors[0]
                    .message
                    .starts_with("a message of API B (embedded) in a log of API A (widget)")
            );
            assert_eq!(
                out.recording.map(|r| r.entries.len()),
                Some(2 + usize::from(options.fixtures))
            );
        }
    }

    #[test]
    fn an_answer_to_a_request_that_could_not_be_imported_says_so() {
        let log = r#"{"direction":"out","command":"START_CALL_RECORDING","data":{"item_id":"B-1"},"request_id":"7"}
{"direction":"in","command":"START_CALL_RECORDING","request_id":"7","data":{}}"#;
        let (_, errors) = import(spec(), log, "test");
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[1].line, 2);
        assert!(
            errors[1]
                .message
                .starts_with("START_CALL_RECORDING answers request_id \"7\", which no earlier startCallRecording call had"),
            "{}",
            errors[1]
        );
    }

    #[test]
    fn the_same_log_gives_the_same_recording() {
        let mut log = login_lines();
        log.push(packet(
            "ON_GET_KNOWLEDGE_BASE_ARTICLE",
            "e3",
            json!(["kb-1"]),
        ));
        let a = run(&log, Options::default());
        let b = run(&log, Options::default());
        let text = |i: &Imported| i.recording.as_ref().map(Recording::to_jsonl);
        assert_eq!(text(&a), text(&b));
        assert_eq!(a, b);
    }

    /// A call that creates an interaction: the desktop's id is paired with the model's `sim-1`
    /// through the result and the events, so later calls and events line up, a bare id argument
    /// included (a replay pairs it too).
    #[test]
    fn a_generated_id_is_paired_with_the_models_bare_ones_included() {
        let mut out = data("x-77", "voice", "delivered");
        out["callDirection"] = json!("outbound");
        out["phoneNumber"] = json!("+14155550199");
        if let Some(o) = out.as_object_mut() {
            o.remove("service");
        }
        let mut log = login_lines();
        log.extend([
            packet("START_CALL", "r1", json!(["+14155550199"])),
            packet(
                "START_CALL_RESPONSE",
                "r1",
                json!([{ "status": "success", "data": { "id": "x-77" } }]),
            ),
            packet("ON_NEW_INTERACTION", "e3", json!([out])),
            packet("ON_ACTIVE_INTERACTION_SWITCHED", "e4", json!(["x-77"])),
            packet("ON_AGENT_STATE_CHANGE", "e5", json!(["busy"])),
            packet("LEAVE_INTERACTION", "r2", json!(["x-77"])),
        ]);
        let imported = run(&log, Options::default());
        let rec = imported.recording.unwrap_or_else(|| panic!("no recording"));
        assert_eq!(
            summary(&rec)[3..],
            [
                "4: call startCall",
                "5: result re=4",
                "6: ON_NEW_INTERACTION re=4",
                "7: ON_ACTIVE_INTERACTION_SWITCHED re=4",
                "8: ON_AGENT_STATE_CHANGE re=4",
                "9: call leaveInteraction",
            ]
        );
        let w: Vec<(usize, &str)> = imported
            .warnings
            .iter()
            .map(|w| (w.line, w.message.as_str()))
            .collect();
        assert_eq!(w.len(), 1, "{w:#?}");
        // The leave did happen on the model's sim-1 (it answered no `no_interaction`), and the
        // message names the interaction as the log does.
        assert_eq!(w[0].0, 8);
        assert!(w[0].1.starts_with("the reference model emits ON_INTERACTION_STATE_CHANGE (x-77 wrap_up), ON_AGENT_STATE_CHANGE (after_call_work) after the leaveInteraction call on line 8, which the log does not show by its end"), "{}", w[0].1);
    }

    #[test]
    fn events_in_another_order_than_the_models_are_one_warning_once_the_step_is_over() {
        let mut log = login_lines();
        log.extend([
            packet(
                "ON_NEW_INTERACTION",
                "e3",
                json!([data("c1", "voice", "delivery_pending")]),
            ),
            packet(
                "ON_INTERACTION_STATE_CHANGE",
                "e4",
                json!([data("c1", "voice", "delivered")]),
            ),
            packet("ON_AGENT_STATE_CHANGE", "e5", json!(["busy"])),
            packet("ON_ACTIVE_INTERACTION_SWITCHED", "e6", json!(["c1"])),
        ]);
        let out = run(&log, Options::default());
        let w: Vec<(usize, &str)> = out
            .warnings
            .iter()
            .map(|w| (w.line, w.message.as_str()))
            .collect();
        assert_eq!(w.len(), 1, "{w:#?}");
        assert_eq!(w[0].0, 5);
        assert!(w[0].1.starts_with("ON_AGENT_STATE_CHANGE (busy) comes before ON_ACTIVE_INTERACTION_SWITCHED (c1), which the reference model emits first after the accept fixture inferred for line 4"), "{}", w[0].1);
        // All three are still the accept's.
        let rec = out.recording.unwrap_or_else(|| panic!("no recording"));
        assert_eq!(
            summary(&rec)[6..],
            [
                "7: ON_INTERACTION_STATE_CHANGE re=6",
                "8: ON_AGENT_STATE_CHANGE re=6",
                "9: ON_ACTIVE_INTERACTION_SWITCHED re=6"
            ]
        );

        // Missing, not out of order: one warning, about the missing event.
        log.pop();
        let out = run(&log, Options::default());
        assert_eq!(out.warnings.len(), 1, "{:#?}", out.warnings);
        assert!(out.warnings[0].message.starts_with("the reference model emits ON_ACTIVE_INTERACTION_SWITCHED (c1) after the accept fixture inferred for line 4, which the log does not show by its end"), "{}", out.warnings[0]);
    }
}
