//! Running one case (a recording) through a harness: drive it, compare what comes back with
//! what was recorded (matchers for volatile values), check the rules, and give a verdict.
//!
//! `replay` runs committed recordings this way; `check` writes the reference model's behaviour
//! for a generated sequence as a recording and runs that, so a shrunk failure *is* a recording.

use std::collections::BTreeMap;
use std::time::Instant;

use adcontract_schema::ir::ApiId;
use serde::Serialize;
use serde_json::{Value, json};

use crate::contract::{Spec, api_name, parse_api};
use crate::reference::model::Model;
use crate::run::matching::{Ids, matches};
use crate::run::observe::Observer;
use crate::run::process::{Failure, Harness};
use crate::run::rules::Violation;
use crate::wire::Emitted;
use crate::wire::protocol::{Command, Role};
use crate::wire::recording::{
    Body, Entry, FORMAT, FORMAT_VERSION, Header, Origin, Recording, case_id,
};

/// A case's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Pass,
    Fail,
    Timeout,
    Crash,
    ProtocolError,
    Skip,
    /// The recording itself is broken (unreadable, a refused line, or names what its API and
    /// version do not have): the case did not run, and the input is to blame (exit code 2).
    InvalidRecording,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::Timeout => "timeout",
            Verdict::Crash => "crash",
            Verdict::ProtocolError => "protocol-error",
            Verdict::Skip => "skip",
            Verdict::InvalidRecording => "invalid-recording",
        }
    }

    /// Whether the verdict makes the run fail (an invalid recording does too, with exit code 2).
    pub fn is_failure(self) -> bool {
        !matches!(self, Verdict::Pass | Verdict::Skip)
    }
}

/// The result of one case.
#[derive(Debug, Clone, Serialize)]
pub struct CaseResult {
    pub id: String,
    pub name: String,
    pub verdict: Verdict,
    pub violations: Vec<Violation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stderr: Option<String>,
    pub exchanges: usize,
    pub millis: u128,
    /// Problems of the input itself (`FILE:line N: /pointer: what; hint: …`), in line order:
    /// errors make the verdict `invalid-recording`; warnings (`… warning: …`) leave it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
}

impl CaseResult {
    /// The result of an input that could not be run: its problems, no exchange.
    pub fn invalid_input(name: String, id: String, problems: Vec<String>) -> CaseResult {
        CaseResult {
            id,
            name,
            verdict: Verdict::InvalidRecording,
            violations: Vec::new(),
            message: Some(format!(
                "not run: the input has {} problem(s)",
                problems.len()
            )),
            stderr: None,
            exchanges: 0,
            millis: 0,
            problems,
        }
    }
}

/// Which rules a mismatch with the recording breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The recording was captured from a real implementation (AD-REPLAY-*).
    Replay,
    /// The recording was written by the reference model (AD-MODEL-*).
    Model,
}

/// One case to run.
#[derive(Debug, Clone)]
pub struct Case {
    pub name: String,
    pub recording: Recording,
}

impl Case {
    pub fn id(&self) -> String {
        case_id(&self.recording.canonical())
    }
}

fn events_value(ev: &[Emitted]) -> Value {
    serde_json::to_value(ev).unwrap_or(Value::Null)
}

pub(crate) fn failure_verdict(f: &Failure) -> (Verdict, &'static str) {
    match f {
        Failure::Timeout { .. } => (Verdict::Timeout, "PROTO-TIMEOUT"),
        Failure::Crash { .. } | Failure::Unavailable(_) => (Verdict::Crash, "PROTO-CRASH"),
        Failure::Protocol { cmd, .. } | Failure::Unreadable { cmd, .. } if cmd == "start" => {
            (Verdict::ProtocolError, "PROTO-HANDSHAKE")
        }
        Failure::Protocol { .. } | Failure::Unreadable { .. } => {
            (Verdict::ProtocolError, "PROTO-REPLY")
        }
        Failure::Errored { .. } => (Verdict::Fail, "PROTO-ERRORED"),
    }
}

/// The result of the handshake alone, when it failed: `check` reports it as its own case
/// instead of shrinking a generated sequence that never reached the implementation.
pub fn handshake_case(h: &mut Harness, name: &str) -> Option<CaseResult> {
    let t0 = Instant::now();
    let f = h.handshake().err()?;
    let (verdict, rule) = failure_verdict(&f);
    let tail = h.stderr_tail();
    Some(CaseResult {
        id: case_id(name),
        name: name.to_owned(),
        verdict,
        violations: vec![Violation::new(rule, None, f.to_string())],
        message: Some("no case ran: the implementation did not complete the handshake".into()),
        stderr: (!tail.is_empty()).then_some(tail),
        exchanges: 1,
        millis: t0.elapsed().as_millis(),
        problems: Vec::new(),
    })
}

/// Runs one case.
pub fn run_case(h: &mut Harness, spec: &Spec, case: &Case, role: Role, mode: Mode) -> CaseResult {
    let t0 = Instant::now();
    let id = case.id();
    let mut res = CaseResult {
        id,
        name: case.name.clone(),
        verdict: Verdict::Pass,
        violations: Vec::new(),
        message: None,
        stderr: None,
        exchanges: 0,
        millis: 0,
        problems: Vec::new(),
    };
    let rec = &case.recording;
    let Some(api) = parse_api(&rec.header.api) else {
        res.verdict = Verdict::Skip;
        res.message = Some(format!("unknown api {:?}", rec.header.api));
        return res;
    };
    let outcome = drive(h, spec, rec, api, role, mode, &mut res);
    if let Err(f) = outcome {
        let (v, rule) = failure_verdict(&f);
        res.verdict = v;
        let seq = None;
        res.violations
            .push(Violation::new(rule, seq, f.to_string()));
        let tail = h.stderr_tail();
        if !tail.is_empty() {
            res.stderr = Some(tail);
        }
    } else if res.verdict == Verdict::Pass && !res.violations.is_empty() {
        res.verdict = Verdict::Fail;
    }
    res.millis = t0.elapsed().as_millis();
    res
}

fn drive(
    h: &mut Harness,
    spec: &Spec,
    rec: &Recording,
    api: ApiId,
    role: Role,
    mode: Mode,
    res: &mut CaseResult,
) -> Result<(), Failure> {
    if !h.supports(&rec.header.api, &rec.header.api_version) && h.hello.is_some() {
        res.verdict = Verdict::Skip;
        res.message = Some(format!(
            "the implementation does not support {} {}",
            rec.header.api, rec.header.api_version
        ));
        return Ok(());
    }
    let reset = h.exchange(Command::Reset {
        api: rec.header.api.clone(),
        api_version: rec.header.api_version.clone(),
    })?;
    res.exchanges += 1;
    if let Some(why) = reset.skip {
        res.verdict = Verdict::Skip;
        res.message = Some(why);
        return Ok(());
    }
    let mut obs = Observer::new(spec, api);
    let mut ids = Ids::default();
    let (r_result, r_events) = match mode {
        Mode::Replay => ("AD-REPLAY-RESULT", "AD-REPLAY-EVENTS"),
        Mode::Model => ("AD-MODEL-RESULT", "AD-MODEL-EVENTS"),
    };
    let entries = &rec.entries;
    for (i, e) in entries.iter().enumerate() {
        let seq = Some(e.seq);
        // Events recorded for this step: entries with `re` = this seq, or (without `re`) the
        // event entries that directly follow.
        let recorded_events = || -> Vec<Emitted> {
            let mut out = Vec::new();
            for later in &entries[i + 1..] {
                match &later.body {
                    Body::Event { event, args, re } if re.is_none_or(|r| r == e.seq) => {
                        out.push(Emitted {
                            event: event.clone(),
                            args: args.clone(),
                        });
                    }
                    Body::Event { .. } | Body::Result { .. } => {}
                    _ => break,
                }
            }
            out
        };
        match (role, &e.body) {
            (Role::Provider, Body::Fixture { fixture, args }) => {
                let r = h.exchange(Command::Fixture {
                    fixture: fixture.clone(),
                    args: ids.translate(args),
                })?;
                res.exchanges += 1;
                let got = r.events.unwrap_or_default();
                for ev in &got {
                    obs.event(seq, &ev.event, &ev.args);
                }
                compare_events(
                    &recorded_events(),
                    &got,
                    &mut ids,
                    seq,
                    r_events,
                    &mut res.violations,
                );
            }
            (Role::Provider, Body::Call { method, args }) => {
                let args: Vec<Value> = args.iter().map(|a| ids.translate(a)).collect();
                let r = h.exchange(Command::Call {
                    method: method.clone(),
                    args: args.clone(),
                })?;
                res.exchanges += 1;
                let got = r.events.unwrap_or_default();
                // Bind generated ids from the result before comparing events.
                let recorded_result = entries[i + 1..].iter().find_map(|x| match &x.body {
                    Body::Result { re, result, .. } if *re == e.seq => Some(result.clone()),
                    _ => None,
                });
                match (&recorded_result, &r.result) {
                    (Some(want), Some(have)) => {
                        if let Err(d) = matches(want, have, "", "", &mut ids) {
                            res.violations.push(
                                Violation::new(r_result, seq, format!("{method}: {d}"))
                                    .diff(want, have),
                            );
                        }
                    }
                    (Some(want), None) => res.violations.push(
                        Violation::new(
                            r_result,
                            seq,
                            format!("{method}: no result, one was recorded"),
                        )
                        .diff(want, &Value::Null),
                    ),
                    (None, Some(have)) if api == ApiId::Embedded => {
                        res.violations.push(
                            Violation::new(
                                r_result,
                                seq,
                                format!("{method}: a result came back, none was recorded"),
                            )
                            .diff(&Value::Null, have),
                        );
                    }
                    _ => {}
                }
                obs.call(seq, method, &args, r.result.as_ref(), &got);
                compare_events(
                    &recorded_events(),
                    &got,
                    &mut ids,
                    seq,
                    r_events,
                    &mut res.violations,
                );
            }
            (
                Role::Provider,
                Body::Response {
                    event, response, ..
                },
            ) => {
                let r = h.exchange(Command::Answer {
                    event: event.clone(),
                    response: ids.translate(response),
                })?;
                res.exchanges += 1;
                let got = r.events.unwrap_or_default();
                for ev in &got {
                    obs.event(seq, &ev.event, &ev.args);
                }
                compare_events(
                    &recorded_events(),
                    &got,
                    &mut ids,
                    seq,
                    r_events,
                    &mut res.violations,
                );
            }
            (Role::Consumer, Body::Event { event, args, .. }) => {
                obs.event(seq, event, args);
                let r = h.exchange(Command::Event {
                    event: event.clone(),
                    args: args.clone(),
                })?;
                res.exchanges += 1;
                obs.response(seq, event, r.response.as_ref());
            }
            (Role::Consumer, Body::View { view }) => {
                let r = h.exchange(Command::View {})?;
                res.exchanges += 1;
                let got = r.view.unwrap_or(Value::Null);
                if got != *view {
                    res.violations.push(
                        Violation::new(
                            "AD-CONSUMER-VIEW",
                            seq,
                            "the consumer's view differs from the recorded one",
                        )
                        .diff(view, &got),
                    );
                }
            }
            _ => {}
        }
    }
    if role == Role::Consumer {
        let r = h.exchange(Command::View {})?;
        res.exchanges += 1;
        let want = json!({ "interactions": obs.live() });
        let got = r.view.unwrap_or(Value::Null);
        if got != want {
            res.violations.push(Violation::new("AD-CONSUMER-VIEW", None, "at the end, the consumer's list of live interactions differs from the events it was given").diff(&want, &got));
        }
    }
    // The rules the observer names are more specific than "differs from the recording":
    // list them first, so the first violation is the one to read.
    let mut compared = std::mem::take(&mut res.violations);
    res.violations.append(&mut obs.violations);
    res.violations.append(&mut compared);
    Ok(())
}

impl Entry {
    /// Fixtures, calls and responses are steps the runner drives; the rest is what came back.
    pub fn body_is_step(&self) -> bool {
        matches!(
            self.body,
            Body::Fixture { .. } | Body::Call { .. } | Body::Response { .. } | Body::View { .. }
        )
    }
}

fn compare_events(
    want: &[Emitted],
    got: &[Emitted],
    ids: &mut Ids,
    seq: Option<u64>,
    rule: &'static str,
    out: &mut Vec<Violation>,
) {
    let (w, g) = (events_value(want), events_value(got));
    if want.len() != got.len() {
        let names = |e: &[Emitted]| {
            e.iter()
                .map(|x| x.event.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push(
            Violation::new(
                rule,
                seq,
                format!(
                    "{} events recorded [{}], {} emitted [{}]",
                    want.len(),
                    names(want),
                    got.len(),
                    names(got)
                ),
            )
            .diff(&w, &g),
        );
        return;
    }
    for (i, (a, b)) in want.iter().zip(got).enumerate() {
        if a.event != b.event {
            out.push(
                Violation::new(
                    rule,
                    seq,
                    format!("event {i}: recorded {}, emitted {}", a.event, b.event),
                )
                .diff(&w, &g),
            );
            return;
        }
        let (ra, rb) = (Value::Array(a.args.clone()), Value::Array(b.args.clone()));
        if let Err(d) = matches(&ra, &rb, "", &a.event.to_string(), ids) {
            out.push(Violation::new(rule, seq, format!("event {i} {d}")).diff(&w, &g));
            return;
        }
    }
}

/// A step of a generated or scripted case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Step {
    Fixture(String, Value),
    Call(String, Vec<Value>),
    /// Answer the last data-providing event of this name.
    Answer(String, Value),
    /// Ask the consumer for its view.
    View,
}

/// Writes the reference model's behaviour for `steps` as a recording (what a conforming
/// provider must do). Fixtures the model refuses are dropped (they cannot set the scene).
pub fn record_with_model(
    spec: &Spec,
    api: ApiId,
    title: &str,
    origin: Origin,
    steps: &[Step],
) -> Recording {
    let mut model = Model::new(api, spec.version());
    let mut entries = Vec::new();
    let mut seq = 0u64;
    let mut t = 0u64;
    let mut push = |entries: &mut Vec<Entry>, interaction: Option<String>, body: Body| -> u64 {
        seq += 1;
        t += 1000;
        entries.push(Entry {
            seq,
            t,
            interaction,
            body,
        });
        seq
    };
    let iid = |v: &Value| -> Option<String> {
        v.get("interactionId")
            .or_else(|| v.get("item_id"))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let mut last_request: BTreeMap<String, u64> = BTreeMap::new();
    for step in steps {
        match step {
            Step::Fixture(name, args) => {
                let mut probe = model.clone();
                if probe.fixture(name, args).is_err() {
                    continue;
                }
                let events = model.fixture(name, args).unwrap_or_default();
                let s = push(
                    &mut entries,
                    iid(args),
                    Body::Fixture {
                        fixture: name.clone(),
                        args: args.clone(),
                    },
                );
                for ev in events {
                    let i = ev.args.first().and_then(iid);
                    let name = ev.event.clone();
                    let es = push(
                        &mut entries,
                        i,
                        Body::Event {
                            event: ev.event,
                            args: ev.args,
                            re: Some(s),
                        },
                    );
                    last_request.insert(name, es);
                }
            }
            Step::Call(method, args) => {
                let target = args.iter().find_map(|a| {
                    a.as_str()
                        .filter(|s| model.state_of(s).is_some())
                        .map(str::to_string)
                });
                let out = model.call(spec, method, args);
                let s = push(
                    &mut entries,
                    target.clone(),
                    Body::Call {
                        method: method.clone(),
                        args: args.clone(),
                    },
                );
                if let Some(r) = out.result {
                    push(
                        &mut entries,
                        target,
                        Body::Result {
                            re: s,
                            method: method.clone(),
                            result: r,
                        },
                    );
                }
                for ev in out.events {
                    let i = ev
                        .args
                        .first()
                        .and_then(|a| iid(a).or_else(|| a.as_str().map(str::to_string)));
                    let name = ev.event.clone();
                    let es = push(
                        &mut entries,
                        i,
                        Body::Event {
                            event: ev.event,
                            args: ev.args,
                            re: Some(s),
                        },
                    );
                    last_request.insert(name, es);
                }
            }
            Step::Answer(event, response) => {
                if let Some(re) = last_request.get(event).copied() {
                    push(
                        &mut entries,
                        None,
                        Body::Response {
                            re,
                            event: event.clone(),
                            response: response.clone(),
                        },
                    );
                }
            }
            Step::View => {
                push(&mut entries, None, Body::View { view: model.view() });
            }
        }
    }
    Recording {
        header: Header {
            format: FORMAT.into(),
            version: FORMAT_VERSION,
            api: api_name(api).into(),
            api_version: spec.version().into(),
            title: title.into(),
            description: None,
            origin,
            redaction: None,
        },
        entries,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::process::LineError;

    #[test]
    fn an_unreadable_reply_is_a_protocol_error_of_its_exchange() {
        let unreadable = |cmd: &str| Failure::Unreadable {
            cmd: cmd.into(),
            error: LineError::NotUtf8 {
                line: 4,
                byte: 10,
                problem: "invalid byte 0xE9".into(),
                before: "{\"id\":4,".into(),
            },
        };
        assert_eq!(
            failure_verdict(&unreadable("call")),
            (Verdict::ProtocolError, "PROTO-REPLY")
        );
        // The handshake's reply is judged as the handshake, as for any other bad reply to it.
        assert_eq!(
            failure_verdict(&unreadable("start")),
            (Verdict::ProtocolError, "PROTO-HANDSHAKE")
        );
        let message = unreadable("call").to_string();
        assert!(
            message.starts_with(
                "protocol error answering `call`: stdout line 4 is not UTF-8: invalid byte 0xE9 at byte 10 of the line"
            ),
            "{message}"
        );
    }
}
