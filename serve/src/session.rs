//! One desktop: a session of the reference model (or of a recording, under `--play`), what it
//! has recorded so far, and the contract violations seen. Pure logic, no I/O: the WebSocket and
//! HTTP layers call in with the page's messages and send out what comes back.

use std::time::Instant;

use adcontract_conformance::contract::{Spec, api_name};
use adcontract_conformance::reference::model::Model;
use adcontract_conformance::wire::Emitted;
use adcontract_conformance::wire::recording::{
    Body, Entry, FORMAT, FORMAT_VERSION, Header, Origin, Recording,
};
use adcontract_schema::ir::ApiId;
use serde::Serialize;
use serde_json::{Value, json};

use crate::limits;
use crate::play::Player;

/// A contract violation the fake saw: the rule and what happened.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Seen {
    pub rule: &'static str,
    pub message: String,
    /// The recording entry it concerns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seq: Option<u64>,
}

/// What a call or fixture gave: the harness reply's `result` and `events`, or an error for the
/// page (an `error` reply).
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub result: Option<Value>,
    pub events: Vec<Emitted>,
    /// The recording entries of the events, parallel to `events` (so an answer can name its
    /// event).
    pub event_seqs: Vec<u64>,
}

/// Who answers a session's calls.
#[derive(Debug)]
enum Engine {
    Model(Box<Model>),
    Play(Box<Player>),
}

/// One session.
#[derive(Debug)]
pub struct Session {
    pub id: String,
    pub api: ApiId,
    pub spec: &'static Spec,
    /// Milliseconds since the Unix epoch.
    pub connected_at_ms: u64,
    started: Instant,
    engine: Engine,
    entries: Vec<Entry>,
    truncated: bool,
    pub violations: Vec<Seen>,
}

impl Session {
    pub fn new(
        id: String,
        api: ApiId,
        spec: &'static Spec,
        connected_at_ms: u64,
        player: Option<Player>,
    ) -> Session {
        let engine = match player {
            Some(p) => Engine::Play(Box::new(p)),
            None => Engine::Model(Box::new(Model::new(api, spec.version()))),
        };
        Session {
            id,
            api,
            spec,
            connected_at_ms,
            started: Instant::now(),
            engine,
            entries: Vec::new(),
            truncated: false,
            violations: Vec::new(),
        }
    }

    /// The `GET /control/sessions` row.
    pub fn summary(&self) -> Value {
        json!({
            "id": self.id,
            "api": api_name(self.api),
            "apiVersion": self.spec.version(),
            "connectedAt": crate::time::iso8601(self.connected_at_ms),
        })
    }

    fn push(&mut self, interaction: Option<String>, body: Body) -> u64 {
        let seq = self.entries.last().map_or(1, |e| e.seq + 1);
        if self.entries.len() >= limits::MAX_ENTRIES {
            // Bounded memory: the session keeps running, its recording stops growing.
            self.truncated = true;
            return seq;
        }
        let t = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        let t = t.max(self.entries.last().map_or(0, |e| e.t));
        self.entries.push(Entry {
            seq,
            t,
            interaction,
            body,
        });
        seq
    }

    fn push_events(&mut self, re: u64, events: &[Emitted]) -> Vec<u64> {
        events
            .iter()
            .map(|e| {
                let i = e.args.first().and_then(interaction_of);
                self.push(
                    i,
                    Body::Event {
                        event: e.event.clone(),
                        args: e.args.clone(),
                        re: Some(re),
                    },
                )
            })
            .collect()
    }

    fn violation(&mut self, rule: &'static str, seq: Option<u64>, message: String) -> Seen {
        let v = Seen { rule, message, seq };
        if self.violations.len() < limits::MAX_VIOLATIONS {
            self.violations.push(v.clone());
        }
        v
    }

    /// Events a `--play` session emits on its own before the page's next call (the recording's
    /// fixtures: the agent logged in, a call came in).
    pub fn scene(&mut self) -> Step {
        let Engine::Play(p) = &mut self.engine else {
            return Step::empty();
        };
        let scenes = p.pending_scene();
        let mut step = Step::empty();
        for (fixture, args, events) in scenes {
            let s = self.push(
                interaction_of(&args),
                Body::Fixture {
                    fixture,
                    args: args.clone(),
                },
            );
            step.event_seqs.extend(self.push_events(s, &events));
            step.events.extend(events);
        }
        step
    }

    /// Applies a fixture (panel buttons, `POST /control/sessions/ID/fixture`).
    pub fn fixture(&mut self, name: &str, args: &Value) -> Result<Step, String> {
        let Engine::Model(model) = &mut self.engine else {
            return Err("this server plays a recording (--play): the recording sets the scene, fixtures are refused".into());
        };
        let events = model.fixture(name, args).map_err(|e| e.to_string())?;
        let s = self.push(
            interaction_of(args),
            Body::Fixture {
                fixture: name.into(),
                args: args.clone(),
            },
        );
        let event_seqs = self.push_events(s, &events);
        Ok(Step {
            result: None,
            events,
            event_seqs,
        })
    }

    /// A call from the page. Dev mode: arguments the contract rejects are a violation
    /// (AD-PAYLOAD-VALID) besides the `invalid_args` answer the desktop gives.
    pub fn call(&mut self, method: &str, args: &[Value]) -> Result<(Step, Vec<Seen>), String> {
        let mut seen = Vec::new();
        let target = args
            .iter()
            .find_map(|a| a.as_str().map(str::to_string))
            .filter(|s| self.is_interaction(s));
        let problems = self.arg_problems(method, args);
        let (result, events) = match &mut self.engine {
            Engine::Model(model) => {
                let out = model.call(self.spec, method, args);
                (out.result, out.events)
            }
            Engine::Play(p) => p.call(method, args)?,
        };
        let s = self.push(
            target.clone(),
            Body::Call {
                method: method.into(),
                args: args.to_vec(),
            },
        );
        for p in problems {
            seen.push(self.violation("AD-PAYLOAD-VALID", Some(s), format!("{method}: {p}")));
        }
        if let Some(r) = &result {
            self.push(
                target,
                Body::Result {
                    re: s,
                    method: method.into(),
                    result: r.clone(),
                },
            );
        }
        let event_seqs = self.push_events(s, &events);
        Ok((
            Step {
                result,
                events,
                event_seqs,
            },
            seen,
        ))
    }

    fn is_interaction(&self, id: &str) -> bool {
        match &self.engine {
            Engine::Model(m) => m.state_of(id).is_some(),
            Engine::Play(_) => false,
        }
    }

    /// What is wrong with the arguments of a known method (unknown methods are answered
    /// `api_method_not_implemented` by the desktop; that is not the page's contract breach).
    fn arg_problems(&self, method: &str, args: &[Value]) -> Vec<String> {
        let Some(m) = self.spec.method(self.api, method) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if args.len() > m.params.len() {
            out.push(format!(
                "takes {} argument(s), got {}",
                m.params.len(),
                args.len()
            ));
        }
        for (i, p) in m.params.iter().enumerate() {
            match args.get(i) {
                None | Some(Value::Null) if p.optional => {}
                None | Some(Value::Null) => {
                    out.push(format!("argument {} ({}) is required", i + 1, p.name))
                }
                Some(v) => {
                    if let Some(e) = self.spec.check(&p.shape, v).into_iter().next() {
                        out.push(format!("argument {} ({}): {e}", i + 1, p.name));
                    }
                }
            }
        }
        out
    }

    /// The page's answer to the event recorded as `re`. `None` = the handler gave nothing.
    pub fn answer(&mut self, re: u64, event: &str, response: Option<&Value>) -> Vec<Seen> {
        let mut seen = Vec::new();
        let Some(ev) = self.spec.event(self.api, event) else {
            return seen;
        };
        match (&ev.response, response) {
            (None, None) => {}
            (None, Some(_)) => seen.push(self.violation(
                "AD-RESPONSE-PRESENCE",
                Some(re),
                format!("{event} expects no response, but the page answered it"),
            )),
            (Some(_), None | Some(Value::Null)) if ev.response_optional => {
                self.push(
                    None,
                    Body::Response {
                        re,
                        event: event.into(),
                        response: Value::Null,
                    },
                );
            }
            (Some(_), None) => seen.push(self.violation(
                "AD-RESPONSE-PRESENCE",
                Some(re),
                format!(
                    "{event} expects a response (needResponse), but the page's handler gave none"
                ),
            )),
            (Some(shape), Some(r)) => {
                let s = self.push(
                    None,
                    Body::Response {
                        re,
                        event: event.into(),
                        response: r.clone(),
                    },
                );
                if let Some(e) = self.spec.check(shape, r).into_iter().next() {
                    seen.push(self.violation(
                        "AD-PAYLOAD-VALID",
                        Some(s),
                        format!("the answer to {event}: {e}"),
                    ));
                }
            }
        }
        seen
    }

    /// An event that expects a response was never answered (the page timed out or left).
    pub fn unanswered(&mut self, re: u64, event: &str, why: &str) -> Seen {
        self.violation(
            "AD-RESPONSE-PRESENCE",
            Some(re),
            format!("{event} expects a response (needResponse), but the page {why}"),
        )
    }

    /// Whether an event expects an answer from the page.
    pub fn needs_response(&self, event: &str) -> bool {
        self.spec
            .event(self.api, event)
            .is_some_and(|e| e.response.is_some() && !e.response_optional)
    }

    /// The panel's picture of the desktop.
    pub fn panel(&self) -> Value {
        match &self.engine {
            Engine::Model(m) => {
                let list: Vec<Value> = m
                    .live_ids()
                    .iter()
                    .map(|id| {
                        json!({
                            "id": id,
                            "type": m.kind_of(id).unwrap_or(""),
                            "state": m.state_of(id).unwrap_or(""),
                        })
                    })
                    .collect();
                json!({
                    "loggedIn": m.is_logged_in(),
                    "agentState": m.agent_state(),
                    "interactions": list,
                    "playing": false,
                })
            }
            Engine::Play(p) => json!({
                "loggedIn": true,
                "agentState": format!("playing {}", p.title()),
                "interactions": [],
                "playing": true,
            }),
        }
    }

    /// The session so far, as a recording `adcontract replay` plays. Violations are listed in
    /// the header's description, by rule, so the file says what the fake saw.
    pub fn recording(&self) -> Recording {
        let mut description = format!(
            "Recorded by adcontract serve, session {} ({}).",
            self.id,
            crate::time::iso8601(self.connected_at_ms)
        );
        if self.truncated {
            description.push_str(&format!(
                " Truncated after {} entries.",
                limits::MAX_ENTRIES
            ));
        }
        for v in &self.violations {
            let at = v.seq.map(|s| format!(" (seq {s})")).unwrap_or_default();
            description.push_str(&format!("\nviolation {}{at}: {}", v.rule, v.message));
        }
        Recording {
            header: Header {
                format: FORMAT.into(),
                version: FORMAT_VERSION,
                api: api_name(self.api).into(),
                api_version: self.spec.version().into(),
                title: format!("adcontract serve session {}", self.id),
                description: Some(description),
                origin: Origin {
                    kind: "served".into(),
                    from: Some(format!("adcontract serve, session {}", self.id)),
                    seed: None,
                    rule: None,
                },
                redaction: None,
            },
            entries: self.entries.clone(),
        }
    }
}

impl Step {
    fn empty() -> Step {
        Step {
            result: None,
            events: Vec::new(),
            event_seqs: Vec::new(),
        }
    }
}

/// The interaction an argument concerns (API A `interactionId`, API B `item_id`).
pub(crate) fn interaction_of(v: &Value) -> Option<String> {
    v.get("interactionId")
        .or_else(|| v.get("item_id"))
        .and_then(Value::as_str)
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use adcontract_conformance::contract::canonical_source;
    use proptest::prelude::*;

    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| json!(n)),
            "[a-z_]{0,12}".prop_map(Value::String),
            Just(json!("voice-1")),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map("[a-zA-Z]{1,12}", inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    fn method_name() -> impl Strategy<Value = String> {
        let spec = canonical_source("latest").unwrap_or_else(|e| panic!("{e}"));
        let mut names: Vec<String> = spec
            .ir
            .apis
            .iter()
            .flat_map(|a| a.methods.iter().map(|m| m.name.clone()))
            .collect();
        names.push("makeCoffee".into());
        names.push(String::new());
        prop::sample::select(names)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Whatever a page calls, with whatever arguments, API A answers an OperationResult
        /// (never a panic), and arguments the contract rejects are a named violation.
        #[test]
        fn any_call_gets_an_operation_result(
            steps in prop::collection::vec((method_name(), prop::collection::vec(json_value(), 0..4)), 1..12)
        ) {
            let spec = canonical_source("latest").unwrap_or_else(|e| panic!("{e}"));
            let mut s = Session::new("p".into(), ApiId::Widget, spec, 0, None);
            let _ = s.fixture("login", &json!({}));
            let _ = s.fixture("offer", &json!({"interactionId": "voice-1"}));
            for (method, args) in &steps {
                let (step, seen) = match s.call(method, args) {
                    Ok(x) => x,
                    Err(e) => panic!("a model session refused a call: {e}"),
                };
                let r = step.result.unwrap_or(Value::Null);
                let status = r["status"].as_str().unwrap_or_default();
                prop_assert!(status == "success" || status == "error", "{r}");
                if spec.method(ApiId::Widget, method).is_none() {
                    prop_assert_eq!(&r["error"]["code"], &json!(14));
                } else if r["error"]["name"] == "invalid_args" && args.iter().all(|a| !a.is_null()) {
                    prop_assert!(seen.iter().any(|v| v.rule == "AD-PAYLOAD-VALID") || args.is_empty(), "{method} {args:?}: {r}");
                }
                prop_assert!(seen.iter().all(|v| v.rule == "AD-PAYLOAD-VALID"));
            }
            let rec = s.recording();
            let (back, errors) = adcontract_conformance::wire::recording::parse(&rec.to_jsonl());
            prop_assert!(errors.is_empty(), "{errors:?}");
            prop_assert_eq!(back.map(|r| r.entries.len()), Some(rec.entries.len()));
        }
    }

    #[test]
    fn an_unanswered_event_is_named_by_its_rule() {
        let spec = canonical_source("latest").unwrap_or_else(|e| panic!("{e}"));
        let mut s = Session::new("p".into(), ApiId::Widget, spec, 0, None);
        let seen = s.answer(3, "ON_REQUEST_TRANSFER_DATA", None);
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].rule, "AD-RESPONSE-PRESENCE");
        let seen = s.answer(4, "ON_REQUEST_TRANSFER_DATA", Some(&json!(12)));
        assert_eq!(
            seen.iter().map(|v| v.rule).collect::<Vec<_>>(),
            ["AD-PAYLOAD-VALID"]
        );
        assert!(
            s.recording()
                .header
                .description
                .unwrap_or_default()
                .contains("violation AD-RESPONSE-PRESENCE (seq 3)")
        );
    }
}
