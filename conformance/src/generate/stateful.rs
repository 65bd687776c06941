//! `check`: property tests (every method with IR-derived valid and targeted invalid arguments)
//! and stateful tests (proptest-state-machine sequences of fixtures, calls and answers), run
//! through the harness with the reference model as the oracle.
//!
//! Each generated case is written as the recording the model would produce and run with
//! [`runner::run_case`]; a failing case is shrunk by proptest (transition deletion, then value
//! shrinking) and the minimal one is returned as a recording that `replay` reproduces.

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use adcontract_schema::ir::ApiId;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};
use proptest_state_machine::ReferenceStateMachine;
use serde_json::{Value, json};

use crate::contract::Spec;
use crate::contract::minimal;
use crate::generate::strategy;
use crate::reference::model::Model;
use crate::run::process::Harness;
use crate::run::runner::{self, Case, CaseResult, Mode, Step, Verdict};
use crate::wire::protocol::Role;
use crate::wire::recording::{Origin, Recording};

thread_local! {
    static CTX: Cell<Option<(&'static Spec, ApiId)>> = const { Cell::new(None) };
}

fn ctx() -> Option<(&'static Spec, ApiId)> {
    CTX.with(Cell::get)
}

/// The generator's view of the world: the model, plus a counter for fresh fixture ids.
#[derive(Debug, Clone)]
pub struct GenState {
    model: Model,
    offered: u32,
}

/// The reference state machine driving generation (the model is the oracle).
#[derive(Debug)]
pub struct AgentDesktop;

const WIDGET_FLOW: &[&str] = &[
    "acceptInteraction",
    "rejectInteraction",
    "leaveInteraction",
    "completeInteraction",
    "leaveAndCompleteInteraction",
    "switchActiveInteraction",
    "setCallHold",
    "setCallMute",
    "setCallRecording",
    "addNote",
    "setDisposition",
    "sendChatMessage",
    "consultCall",
    "transfer",
    "blindTransfer",
];
const WIDGET_PLAIN: &[&str] = &[
    "getAgentState",
    "getInteractionsState",
    "getLoginState",
    "setAgentState",
    "startCall",
    "startChat",
    "startEmail",
    "logout",
];
const EMBEDDED_FLOW: &[&str] = &[
    "terminateInteraction",
    "completeInteraction",
    "completeInteractionWithDisp",
    "setDisposition",
];

fn flow_args(method: &str, id: Value, flag: bool) -> Vec<Value> {
    match method {
        "setCallHold" | "setCallMute" | "setCallRecording" => vec![json!(flag), id],
        "addNote" | "sendChatMessage" => vec![json!("note"), id],
        "setDisposition" => vec![json!("d1"), id],
        "leaveAndCompleteInteraction" => vec![json!("d1"), json!("done"), id],
        "consultCall" => vec![json!("2001")],
        "transfer" => vec![],
        "blindTransfer" => vec![json!("2002"), json!({}), id],
        "terminateInteraction" | "completeInteraction" if id.is_string() => vec![id],
        "completeInteractionWithDisp" => vec![id, json!("100"), json!("ok")],
        _ => vec![id],
    }
}

fn plain_args(method: &str, flag: bool) -> Vec<Value> {
    match method {
        "setAgentState" => {
            if flag {
                vec![json!("ready")]
            } else {
                vec![json!("not_ready"), json!("Break")]
            }
        }
        "startCall" => vec![json!("5551234")],
        "startChat" => vec![json!("sms"), json!("5551234")],
        "startEmail" => vec![json!("a@example.com")],
        _ => vec![],
    }
}

impl ReferenceStateMachine for AgentDesktop {
    type State = GenState;
    type Transition = Step;

    fn init_state() -> BoxedStrategy<GenState> {
        let (spec, api) = ctx().unwrap_or_else(unreachable_ctx);
        Just(GenState {
            model: Model::new(api, spec.version()),
            offered: 0,
        })
        .boxed()
    }

    fn transitions(state: &GenState) -> BoxedStrategy<Step> {
        let Some((spec, api)) = ctx() else {
            return Just(Step::View).boxed();
        };
        let m = &state.model;
        if !m.is_logged_in() {
            return prop_oneof![9 => Just(Step::Fixture("login".into(), json!({}))), 1 => Just(Step::Call(if api == ApiId::Widget { "getAgentState" } else { "getState" }.into(), vec![]))].boxed();
        }
        let next = format!("i{}", state.offered + 1);
        let mut ids: Vec<Value> = m.live_ids().into_iter().map(Value::String).collect();
        ids.push(json!("nope-1"));
        let live = m.live_ids();
        let offer = prop_oneof![Just("voice"), Just("chat"), Just("email")]
            .prop_map(move |k| Step::Fixture("offer".into(), json!({ "interactionId": next, "type": k, "phoneNumber": "5550100", "service": "Support" })));
        let fixture_on = |name: &'static str, states: &[&str]| -> Option<BoxedStrategy<Step>> {
            let ok: Vec<String> = live
                .iter()
                .filter(|i| m.state_of(i).is_some_and(|s| states.contains(&s)))
                .cloned()
                .collect();
            (!ok.is_empty()).then(|| {
                proptest::sample::select(ok)
                    .prop_map(move |i| Step::Fixture(name.into(), json!({ "interactionId": i })))
                    .boxed()
            })
        };
        let mut options: Vec<(u32, BoxedStrategy<Step>)> = vec![(3, offer.boxed())];
        if let Some(s) = fixture_on("accept", &["delivery_pending"]) {
            options.push((3, s));
        }
        if let Some(s) = fixture_on("remoteEnd", &["delivered", "hold"]) {
            options.push((1, s));
        }
        let flow: &'static [&'static str] = if api == ApiId::Widget {
            WIDGET_FLOW
        } else {
            EMBEDDED_FLOW
        };
        let ids2 = ids.clone();
        options.push((
            8,
            (
                proptest::sample::select(existing(spec, api, flow)),
                proptest::sample::select(ids2),
                any::<bool>(),
            )
                .prop_map(|(meth, id, flag)| Step::Call(meth.into(), flow_args(meth, id, flag)))
                .boxed(),
        ));
        if api == ApiId::Widget {
            options.push((
                2,
                (
                    proptest::sample::select(existing(spec, api, WIDGET_PLAIN)),
                    any::<bool>(),
                )
                    .prop_map(|(meth, f)| Step::Call(meth.into(), plain_args(meth, f)))
                    .boxed(),
            ));
            options.push((
                1,
                Just(Step::Answer(
                    "ON_REQUEST_TRANSFER_DATA".into(),
                    json!({ "crmCase": "CASE-9" }),
                ))
                .boxed(),
            ));
        } else {
            options.push((
                2,
                prop_oneof![
                    Just(Step::Call("getState".into(), vec![])),
                    Just(Step::Call(
                        "setStatus".into(),
                        vec![json!("not_ready"), json!("Lunch")]
                    )),
                    Just(Step::Call("setStatus".into(), vec![json!("ready")])),
                    Just(Step::Call("dialNumber".into(), vec![json!("2001")])),
                ]
                .boxed(),
            ));
        }
        // Any method of the API with schema-derived arguments, valid or deliberately not.
        if let Some(a) = spec.api(api) {
            let methods: Vec<usize> = (0..a.methods.len()).collect();
            if !methods.is_empty() {
                options.push((
                    2,
                    proptest::sample::select(methods)
                        .prop_flat_map(move |i| method_case(spec, api, i))
                        .boxed(),
                ));
            }
        }
        // Notifications and data requests the desktop emits, with schema-derived arguments
        // that refer to a live interaction; data requests are then answered.
        if let Some(a) = spec.api(api) {
            let events: Vec<usize> = (0..a.events.len())
                .filter(|i| {
                    a.events
                        .get(*i)
                        .is_some_and(|e| !LIFECYCLE_EVENTS.contains(&e.name.as_str()))
                })
                .collect();
            let target = m.live_ids().into_iter().find(|i| visible(m, api, i));
            if !events.is_empty() {
                options.push((
                    1,
                    proptest::sample::select(events)
                        .prop_flat_map(move |i| event_case(spec, api, i, target.clone()))
                        .boxed(),
                ));
            }
        }
        proptest::strategy::Union::new_weighted(options).boxed()
    }

    fn apply(mut state: GenState, t: &Step) -> GenState {
        let Some((spec, _)) = ctx() else { return state };
        match t {
            Step::Fixture(name, args) => {
                if name == "offer" {
                    state.offered += 1;
                }
                let _ = state.model.fixture(name, args);
            }
            Step::Call(method, args) => {
                let _ = state.model.call(spec, method, args);
            }
            Step::Answer(..) | Step::View => {}
        }
        state
    }

    fn preconditions(state: &GenState, t: &Step) -> bool {
        match t {
            Step::Fixture(name, args) if name == "emit" => {
                // Shrinking may delete the steps that made the interaction appear: an event
                // about it is then no longer a valid thing for the desktop to emit.
                let Some((spec, api)) = ctx() else {
                    return false;
                };
                let mut ids = Vec::new();
                referenced_ids(spec, api, args, &mut ids);
                ids.iter().all(|i| visible(&state.model, api, i))
            }
            Step::Fixture(name, args) => state.model.clone().fixture(name, args).is_ok(),
            _ => true,
        }
    }
}

/// Whether the host has seen interaction `id` (API B shows an offered one only once accepted).
fn visible(m: &Model, api: ApiId, id: &str) -> bool {
    match m.state_of(id) {
        Some("delivery_pending") => api == ApiId::Widget,
        Some(_) => true,
        None => false,
    }
}

/// The interaction ids an `emit` fixture's event refers to.
fn referenced_ids(spec: &Spec, api: ApiId, args: &Value, out: &mut Vec<String>) {
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    match x.as_str() {
                        Some(id) if is_id_name(k) => out.push(id.to_string()),
                        _ => walk(x, out),
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let event = args
        .get("event")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let list = args
        .get("args")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if let Some(e) = spec.event(api, event) {
        let named = e
            .params
            .iter()
            .filter(|p| !p.optional || is_id_name(&p.name));
        for (p, a) in named.zip(&list) {
            match a.as_str() {
                Some(id) if is_id_name(&p.name) => out.push(id.to_string()),
                _ => walk(a, out),
            }
        }
    }
}

/// The names of `list` that exist in the view (never empty: falls back to the whole list,
/// whose missing methods then check the `api_method_not_implemented` answer).
fn existing(spec: &Spec, api: ApiId, list: &'static [&'static str]) -> Vec<&'static str> {
    let v: Vec<&'static str> = list
        .iter()
        .copied()
        .filter(|m| spec.method(api, m).is_some())
        .collect();
    if v.is_empty() { list.to_vec() } else { v }
}

fn unreachable_ctx() -> (&'static Spec, ApiId) {
    // Generation only runs inside `run`, which sets the context first.
    panic!("check: generation context not set")
}

/// Events that carry the lifecycle: only the model emits them (a generated one would contradict
/// the model's own stream).
const LIFECYCLE_EVENTS: &[&str] = &[
    "ON_LOGIN",
    "ON_LOGOUT",
    "ON_NEW_INTERACTION",
    "ON_INTERACTION_STATE_CHANGE",
    "ON_INTERACTION_REMOVED",
    "ON_ACTIVE_INTERACTION_SWITCHED",
    "ON_AGENT_STATE_CHANGE",
    "onAgentLogin",
    "onStatusChange",
    "addInteractionRenderedHandler",
    "addInteractionCompletedHandler",
];

fn is_id_name(n: &str) -> bool {
    matches!(
        n,
        "interactionId" | "item_id" | "itemId" | "activatedInteractionId"
    )
}

/// Points every interaction id in a generated payload at `id`.
fn point_at(v: &mut Value, id: &str) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                if is_id_name(k) && x.is_string() {
                    *x = json!(id);
                } else {
                    point_at(x, id);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| point_at(x, id)),
        _ => {}
    }
}

/// The desktop emits event `i` (valid, schema-derived arguments about interaction `target`), or,
/// for a data-providing event, the host answers it.
fn event_case(
    spec: &'static Spec,
    api: ApiId,
    i: usize,
    target: Option<String>,
) -> BoxedStrategy<Step> {
    let Some(e) = spec.api(api).and_then(|a| a.events.get(i)) else {
        return Just(Step::View).boxed();
    };
    let needs_id = e.params.iter().any(|p| is_id_name(&p.name));
    if needs_id && target.is_none() {
        return Just(Step::View).boxed();
    }
    let id = target.unwrap_or_default();
    let name = e.name.clone();
    let params: Vec<BoxedStrategy<Value>> = e
        .params
        .iter()
        .filter(|p| !p.optional || is_id_name(&p.name))
        .map(|p| {
            if is_id_name(&p.name) {
                Just(json!(id)).boxed()
            } else {
                strategy::valid(spec, &p.shape)
            }
        })
        .collect();
    let emit = params
        .prop_map(move |mut args| {
            if !id.is_empty() {
                args.iter_mut().for_each(|v| point_at(v, &id));
            }
            Step::Fixture("emit".into(), json!({ "event": name, "args": args }))
        })
        .boxed();
    match &e.response {
        Some(r) => {
            let n2 = e.name.clone();
            prop_oneof![2 => emit, 1 => strategy::valid(spec, r).prop_map(move |v| Step::Answer(n2.clone(), v))].boxed()
        }
        None => emit,
    }
}

/// A call of method `i` of the API with valid (mostly) or targeted invalid arguments.
fn method_case(spec: &'static Spec, api: ApiId, i: usize) -> BoxedStrategy<Step> {
    let Some(m) = spec.api(api).and_then(|a| a.methods.get(i)) else {
        return Just(Step::View).boxed();
    };
    let name = m.name.clone();
    let valid: Vec<BoxedStrategy<Value>> = m
        .params
        .iter()
        .filter(|p| !p.optional)
        .map(|p| strategy::valid(spec, &p.shape))
        .collect();
    let n2 = name.clone();
    let good = valid
        .prop_map(move |args| Step::Call(n2.clone(), args))
        .boxed();
    let bad = m.params.iter().enumerate().find_map(|(pi, p)| {
        let before: Vec<Value> = m
            .params
            .iter()
            .take(pi)
            .map(|q| minimal::minimal(spec, &q.shape))
            .collect();
        strategy::invalid(spec, &p.shape).map(|inv| {
            let n3 = name.clone();
            inv.prop_map(move |v| {
                let mut args = before.clone();
                args.push(v);
                Step::Call(n3.clone(), args)
            })
            .boxed()
        })
    });
    match bad {
        Some(b) => prop_oneof![3 => good, 1 => b].boxed(),
        None => good,
    }
}

/// Settings of a check run.
#[derive(Debug, Clone)]
pub struct Settings {
    pub cases: u32,
    pub seed: u64,
    pub max_steps: usize,
    pub api: ApiId,
    pub role: Role,
}

/// What a check run found.
#[derive(Debug)]
pub struct Outcome {
    /// Cases run (generated), including those spent shrinking.
    pub executed: usize,
    pub result: CaseResult,
    /// The minimal failing case, as a recording (with the seed in its origin).
    pub failure: Option<Recording>,
    /// Schema coverage: how many of the API's methods were called and events seen, out of all.
    pub coverage: Coverage,
}

/// Which methods and events of the API the generated cases exercised.
#[derive(Debug, Clone, Default)]
pub struct Coverage {
    pub methods: BTreeSet<String>,
    pub events: BTreeSet<String>,
    pub all_methods: usize,
    pub all_events: usize,
}

impl Coverage {
    /// `methods 58/60, events 20/29`, plus what was never exercised.
    pub fn summary(&self, spec: &Spec, api: ApiId) -> String {
        let missing: Vec<String> = spec
            .api(api)
            .map(|a| {
                a.methods
                    .iter()
                    .map(|m| &m.name)
                    .filter(|n| !self.methods.contains(*n))
                    .chain(
                        a.events
                            .iter()
                            .map(|e| &e.name)
                            .filter(|n| !self.events.contains(*n)),
                    )
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        let mut s = format!(
            "methods {}/{}, events {}/{}",
            self.methods.len(),
            self.all_methods,
            self.events.len(),
            self.all_events
        );
        if !missing.is_empty() {
            s.push_str(&format!("; not exercised: {}", missing.join(", ")));
        }
        s
    }
}

fn seed_rng(seed: u64) -> TestRng {
    let mut bytes = [0u8; 32];
    for (i, b) in seed.to_le_bytes().iter().enumerate() {
        bytes[i] = *b;
        bytes[i + 8] = b.rotate_left(3);
    }
    TestRng::from_seed(RngAlgorithm::ChaCha, &bytes)
}

/// Runs the stateful check (property cases are part of the transition mix: any method with
/// valid or invalid arguments) and returns the summary case and the shrunk failure, if any.
pub fn run(h: &mut Harness, spec: &'static Spec, s: &Settings) -> Outcome {
    CTX.with(|c| c.set(Some((spec, s.api))));
    let config = Config {
        cases: s.cases,
        failure_persistence: None,
        max_shrink_iters: 2048,
        max_global_rejects: 100_000,
        ..Config::default()
    };
    let mut runner = TestRunner::new_with_rng(config, seed_rng(s.seed));
    let harness = RefCell::new(h);
    let executed = Cell::new(0usize);
    let coverage: RefCell<Coverage> = RefCell::new(Coverage::default());
    let infra: RefCell<Option<CaseResult>> = RefCell::new(None);
    let last_fail: RefCell<Option<CaseResult>> = RefCell::new(None);
    let title = format!("check seed {}", s.seed);
    let strategy = AgentDesktop::sequential_strategy(1..s.max_steps.max(2));
    let result = runner.run(
        &strategy,
        |(_, steps, seen): (GenState, Vec<Step>, Option<Arc<AtomicUsize>>)| {
            if let Some(seen) = &seen {
                seen.store(steps.len(), Ordering::SeqCst);
            }
            if infra.borrow().is_some() {
                // The implementation is gone: keep the original failure instead of "shrinking" it.
                return Ok(());
            }
            executed.set(executed.get() + 1);
            let rec = runner::record_with_model(
                spec,
                s.api,
                &title,
                Origin {
                    kind: "shrunk".into(),
                    from: None,
                    seed: Some(s.seed),
                    rule: None,
                },
                &steps,
            );
            {
                let mut cov = coverage.borrow_mut();
                for e in &rec.entries {
                    match &e.body {
                        crate::wire::recording::Body::Call { method, .. }
                            if spec.method(s.api, method).is_some() =>
                        {
                            cov.methods.insert(method.clone());
                        }
                        crate::wire::recording::Body::Event { event, .. } => {
                            cov.events.insert(event.clone());
                        }
                        _ => {}
                    }
                }
            }
            let case = Case {
                name: title.clone(),
                recording: rec,
            };
            let mut h = harness.borrow_mut();
            let r = runner::run_case(&mut h, spec, &case, s.role, Mode::Model);
            match r.verdict {
                Verdict::Pass | Verdict::Skip => Ok(()),
                Verdict::Fail => {
                    let msg = r
                        .violations
                        .first()
                        .map(|v| format!("[{}] {}", v.rule, v.message))
                        .unwrap_or_default();
                    *last_fail.borrow_mut() = Some(r);
                    Err(TestCaseError::fail(msg))
                }
                _ => {
                    let msg = format!(
                        "{}: {}",
                        r.verdict.as_str(),
                        r.violations
                            .first()
                            .map(|v| v.message.clone())
                            .unwrap_or_default()
                    );
                    *infra.borrow_mut() = Some(r);
                    Err(TestCaseError::fail(msg))
                }
            }
        },
    );
    let executed = executed.get();
    let mut coverage = coverage.into_inner();
    coverage.all_methods = spec.api(s.api).map_or(0, |a| a.methods.len());
    coverage.all_events = spec.api(s.api).map_or(0, |a| a.events.len());
    CTX.with(|c| c.set(None));
    let name = format!(
        "check {} seed={} cases={}",
        crate::contract::api_name(s.api),
        s.seed,
        s.cases
    );
    let base = CaseResult {
        id: crate::wire::recording::case_id(&name),
        name,
        verdict: Verdict::Pass,
        violations: vec![],
        message: None,
        stderr: None,
        exchanges: 0,
        millis: 0,
        problems: Vec::new(),
    };
    match result {
        Ok(()) => Outcome {
            coverage: coverage.clone(),
            executed,
            result: base,
            failure: None,
        },
        Err(TestError::Abort(why)) => {
            let mut r = base;
            r.verdict = Verdict::Fail;
            r.message = Some(format!("generation aborted: {why}"));
            Outcome {
                coverage: coverage.clone(),
                executed,
                result: r,
                failure: None,
            }
        }
        Err(TestError::Fail(_, (_, steps, _))) => {
            let infra_result = infra.borrow_mut().take();
            let (mut r, steps) = match infra_result {
                Some(r) => (r, steps),
                None => {
                    // Re-run the minimal case so the report shows exactly its violations.
                    let rec_case = runner::record_with_model(
                        spec,
                        s.api,
                        &title,
                        Origin {
                            kind: "shrunk".into(),
                            from: None,
                            seed: Some(s.seed),
                            rule: None,
                        },
                        &steps,
                    );
                    let case = Case {
                        name: title.clone(),
                        recording: rec_case,
                    };
                    let mut hh = harness.borrow_mut();
                    let r = runner::run_case(&mut hh, spec, &case, s.role, Mode::Model);
                    let r = if r.verdict == Verdict::Pass {
                        last_fail.borrow_mut().take().unwrap_or(r)
                    } else {
                        r
                    };
                    (r, steps)
                }
            };
            let rule = r.violations.first().map(|v| v.rule.to_string());
            let mut rec = runner::record_with_model(
                spec,
                s.api,
                &format!("minimal failure found by check (seed {})", s.seed),
                Origin {
                    kind: "shrunk".into(),
                    from: Some("adcontract check".into()),
                    seed: Some(s.seed),
                    rule: rule.clone(),
                },
                &steps,
            );
            rec.header.description = Some(format!(
                "{} steps after shrinking; replay it with `adcontract replay --impl CMD FILE`",
                steps.len()
            ));
            r.name = format!("{} (shrunk to {} steps)", base.name, steps.len());
            r.id = crate::wire::recording::case_id(&rec.canonical());
            Outcome {
                coverage: coverage.clone(),
                executed,
                result: r,
                failure: Some(rec),
            }
        }
    }
}
