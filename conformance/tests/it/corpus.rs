//! The committed corpus (`conformance/corpus/*.jsonl`): written from scenario scripts by the
//! reference model, checked to be current, and replayed green against both reference
//! implementations. Regenerate with `ADCONTRACT_BLESS=1 cargo test -p adcontract-conformance
//! --test it corpus::` and review the diff.

use std::path::{Path, PathBuf};
use std::time::Duration;

use adcontract_conformance::contract::minimal::minimal;
use adcontract_conformance::contract::{Spec, canonical_source};
use adcontract_conformance::run::process::{Harness, Limits};
use adcontract_conformance::run::runner::{self, Case, Mode, Step, Verdict};
use adcontract_conformance::wire::protocol::Role;
use adcontract_conformance::wire::recording::{self, Origin, Recording};
use adcontract_schema::ir::ApiId;
use serde_json::{Value, json};

fn fx(name: &str, args: Value) -> Step {
    Step::Fixture(name.into(), args)
}

fn call(method: &str, args: Value) -> Step {
    Step::Call(method.into(), args.as_array().cloned().unwrap_or_default())
}

fn offer(id: &str, kind: &str) -> Step {
    let mut a = json!({ "interactionId": id, "type": kind, "service": "Support" });
    match kind {
        "email" => a["email"] = json!("customer@example.com"),
        _ => a["phoneNumber"] = json!("+14155550100"),
    }
    fx("offer", a)
}

fn emit(event: &str, args: Value) -> Step {
    fx("emit", json!({ "event": event, "args": args }))
}

struct Scenario {
    file: &'static str,
    api: ApiId,
    title: &'static str,
    description: &'static str,
    steps: Vec<Step>,
}

fn scenarios() -> Vec<Scenario> {
    use ApiId::{Embedded, Widget};
    let login = || fx("login", json!({ "agentId": "jsmith" }));
    vec![
        Scenario {
            file: "a01-inbound-voice-lifecycle.jsonl",
            api: Widget,
            title: "Inbound voice call: offered, accepted, held, retrieved, muted, recorded, terminated, wrapped up, completed",
            description: "The basic lifecycle of an inbound call, ending with ON_INTERACTION_REMOVED and the agent ready.",
            steps: vec![
                login(),
                offer("call-1001", "voice"),
                Step::View,
                call("acceptInteraction", json!(["call-1001"])),
                call("setCallHold", json!([true, "call-1001"])),
                call("setCallHold", json!([false, "call-1001"])),
                call("setCallMute", json!([true])),
                call("setCallMute", json!([false])),
                call("setCallRecording", json!([true, "call-1001"])),
                call("sendDtmf", json!(["1", "call-1001"])),
                call("getInteractionsState", json!([])),
                call("leaveInteraction", json!(["call-1001"])),
                call("getAgentState", json!([])),
                call(
                    "addNote",
                    json!(["Customer asked about billing", "call-1001"]),
                ),
                call("setDisposition", json!(["d1", "call-1001"])),
                call("completeInteraction", json!(["call-1001"])),
                call("getAgentState", json!([])),
                Step::View,
            ],
        },
        Scenario {
            file: "a02-consult-transfer.jsonl",
            api: Widget,
            title: "Consult call then transfer, with transfer data requested from the host",
            description: "consultCall holds the main call and dials a consult leg; transfer asks for ON_REQUEST_TRANSFER_DATA and both legs go to wrap-up.",
            steps: vec![
                login(),
                offer("call-2001", "voice"),
                call("acceptInteraction", json!([])),
                call("consultCall", json!(["2001"])),
                call("getInteractionsState", json!([])),
                call("transfer", json!([{ "crmCase": "CASE-77" }])),
                Step::Answer(
                    "ON_REQUEST_TRANSFER_DATA".into(),
                    json!({ "crmCase": "CASE-77", "priority": 2 }),
                ),
                call("completeInteraction", json!(["sim-1"])),
                call("completeInteraction", json!(["call-2001"])),
                Step::View,
            ],
        },
        Scenario {
            file: "a03-blind-transfer.jsonl",
            api: Widget,
            title: "Blind transfer of an inbound call",
            description: "blindTransfer ends the agent's leg: wrap-up, after-call work, then complete.",
            steps: vec![
                login(),
                offer("call-3001", "voice"),
                call("acceptInteraction", json!(["call-3001"])),
                call(
                    "blindTransfer",
                    json!(["2002", { "crmCase": "CASE-9" }, "call-3001"]),
                ),
                call("completeInteraction", json!([])),
            ],
        },
        Scenario {
            file: "a04-chat.jsonl",
            api: Widget,
            title: "Inbound chat: accepted, messages sent, ended by the customer, completed",
            description: "Chat interactions never have callMuted or callRecording set; hold and mute are refused.",
            steps: vec![
                login(),
                offer("chat-4001", "chat"),
                call("acceptInteraction", json!(["chat-4001"])),
                call(
                    "sendChatMessage",
                    json!(["Hello, how can I help?", "chat-4001"]),
                ),
                call("setCallHold", json!([true, "chat-4001"])),
                call("setCallMute", json!([true, "chat-4001"])),
                fx("remoteEnd", json!({ "interactionId": "chat-4001" })),
                call("completeInteraction", json!(["chat-4001"])),
                Step::View,
            ],
        },
        Scenario {
            file: "a05-email-outbound.jsonl",
            api: Widget,
            title: "Outbound email and outbound call started by the agent",
            description: "startEmail/startCall create interactions with generated ids; leaveAndCompleteInteraction ends one in one step.",
            steps: vec![
                login(),
                call("startEmail", json!(["customer@example.com"])),
                call("leaveInteraction", json!(["sim-1"])),
                call("completeInteraction", json!(["sim-1"])),
                call("startCall", json!(["+14155550199"])),
                call(
                    "leaveAndCompleteInteraction",
                    json!(["d1", "Left a voicemail"]),
                ),
                call("startChat", json!(["sms", "+14155550123"])),
                call("leaveAndCompleteInteraction", json!([])),
                Step::View,
            ],
        },
        Scenario {
            file: "a06-errors.jsonl",
            api: Widget,
            title: "Error results: not_logged_in, no_interaction, invalid_args, not_suitable_state, empty_number",
            description: "Each refused call answers an OperationResult with the right error name and code and emits nothing.",
            steps: vec![
                call("getAgentState", json!([])),
                call("getLoginState", json!([])),
                login(),
                call("completeInteraction", json!(["does-not-exist"])),
                call("acceptInteraction", json!([])),
                call("acceptInteraction", json!([42])),
                call("setAgentState", json!(["busy"])),
                call("setAgentState", json!(["not_ready"])),
                offer("call-6001", "voice"),
                call("completeInteraction", json!(["call-6001"])),
                call("setCallHold", json!([true, "call-6001"])),
                call("startCall", json!([""])),
                call("transfer", json!([])),
                call("rejectInteraction", json!(["call-6001"])),
                call("rejectInteraction", json!(["call-6001"])),
                Step::View,
            ],
        },
        Scenario {
            file: "a07-agent-state.jsonl",
            api: Widget,
            title: "Agent state and session: not ready with a reason, ready, widget, logout",
            description: "Agent state changes are announced with ON_AGENT_STATE_CHANGE; logout emits ON_LOGOUT.",
            steps: vec![
                login(),
                call("getLoginState", json!([])),
                call("getAgentState", json!([])),
                call("getAgentNotReadyReasons", json!([])),
                call("setAgentState", json!(["not_ready", "Break"])),
                call("getAgentState", json!([])),
                call("setAgentState", json!(["ready"])),
                call("setWidgetMinimized", json!([true])),
                call("setWidgetMinimized", json!([false])),
                call("getTeams", json!([])),
                call("logout", json!([])),
                call(
                    "login",
                    json!([{ "username": "jsmith", "password": "secret", "tenant": "example" }]),
                ),
            ],
        },
        Scenario {
            file: "a08-two-interactions.jsonl",
            api: Widget,
            title: "Two interactions at once: the agent stays busy until the last one is done",
            description: "A voice call and a chat; switching the active one; completing one keeps the agent busy.",
            steps: vec![
                login(),
                offer("call-8001", "voice"),
                call("acceptInteraction", json!(["call-8001"])),
                offer("chat-8002", "chat"),
                fx("accept", json!({ "interactionId": "chat-8002" })),
                Step::View,
                call("switchActiveInteraction", json!(["call-8001"])),
                call("leaveInteraction", json!(["chat-8002"])),
                call("completeInteraction", json!(["chat-8002"])),
                call("getAgentState", json!([])),
                call("leaveInteraction", json!([])),
                call("completeInteraction", json!(["call-8001"])),
                Step::View,
            ],
        },
        Scenario {
            file: "a09-data-requests.jsonl",
            api: Widget,
            title: "Data-providing events answered by the host; notifications",
            description: "The desktop asks the host for data (knowledge base article) and announces widget changes.",
            steps: vec![
                login(),
                emit("ON_GET_KNOWLEDGE_BASE_ARTICLE", json!(["kb-42"])),
                Step::Answer(
                    "ON_GET_KNOWLEDGE_BASE_ARTICLE".into(),
                    json!({
                        "id": "kb-42",
                        "title": "Refunds",
                        "keywords": "refund return",
                        "answer": "<p>Refunds take five working days.</p>",
                        "notes": "",
                        "language": "en",
                        "createdByUser": "kb-admin",
                        "lastEditedByUser": "kb-admin",
                        "customFields": {}
                    }),
                ),
                emit("ON_WIDGET_MINIMIZED_CHANGE", json!([true])),
                offer("call-9001", "voice"),
                call("acceptInteraction", json!(["call-9001"])),
                emit("ON_REQUEST_TRANSFER_DATA", json!(["call-9001"])),
                Step::Answer("ON_REQUEST_TRANSFER_DATA".into(), json!({})),
                fx("remoteEnd", json!({ "interactionId": "call-9001" })),
                call("completeInteraction", json!(["call-9001"])),
            ],
        },
        Scenario {
            file: "a10-basic-voice.jsonl",
            api: Widget,
            title: "Basic inbound voice call (the smallest end-to-end case; used by the JS adapter test)",
            description: "offer, accept, hold, retrieve, leave (wrap-up, after-call work), complete (removed, ready), then no_interaction for the completed id.",
            steps: vec![
                login(),
                offer("call-10", "voice"),
                call("acceptInteraction", json!(["call-10"])),
                call("setCallHold", json!([true, "call-10"])),
                call("setCallHold", json!([false])),
                call("leaveInteraction", json!([])),
                call("getAgentState", json!([])),
                call("completeInteraction", json!(["call-10"])),
                call("getAgentState", json!([])),
                call("completeInteraction", json!(["call-10"])),
            ],
        },
        Scenario {
            file: "b01-terminate-complete.jsonl",
            api: Embedded,
            title: "API B: the CompleteInteraction use case (getState, terminateInteraction, completeInteraction)",
            description: "From the seed: terminate places the agent in after-call work, complete places the agent in Ready.",
            steps: vec![
                login(),
                offer("1001-abc", "voice"),
                fx("accept", json!({ "interactionId": "1001-abc" })),
                call("getState", json!([])),
                call("terminateInteraction", json!(["1001-abc"])),
                call("getState", json!([])),
                call("completeInteraction", json!(["1001-abc"])),
                call("getState", json!([])),
                Step::View,
            ],
        },
        Scenario {
            file: "b02-dial-disposition.jsonl",
            api: Embedded,
            title: "API B: agent status, dialling, disposition and completion with disposition",
            description: "setStatus with a reason; dialNumber renders an interaction; completeInteractionWithDisp finishes it.",
            steps: vec![
                login(),
                call("setStatus", json!(["not_ready", "Lunch"])),
                call("setStatus", json!(["ready"])),
                call("dialNumber", json!(["2001"])),
                call("setDisposition", json!(["sim-1", "100"])),
                call("terminateInteraction", json!(["sim-1"])),
                call(
                    "completeInteractionWithDisp",
                    json!(["sim-1", "100", "Resolved on first call"]),
                ),
                call("getState", json!([])),
                Step::View,
            ],
        },
    ]
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn canonical() -> &'static Spec {
    canonical_source("latest").unwrap_or_else(|e| panic!("{e}"))
}

fn build(s: &Scenario) -> Recording {
    let origin = Origin {
        kind: "simulated".into(),
        from: Some(format!("conformance/tests/it/corpus.rs: {}", s.file)),
        seed: None,
        rule: None,
    };
    let mut rec = runner::record_with_model(canonical(), s.api, s.title, origin, &s.steps);
    rec.header.description = Some(s.description.into());
    rec
}

/// Replaces every `interactionId` / `item_id` string (at any depth) by `id`, so generated
/// payloads refer to the live interaction.
fn point_at(v: &mut Value, id: &str) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                if (k == "interactionId" || k == "item_id") && x.is_string() {
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

/// The coverage scenarios: every method and event of the canonical view that the scripted
/// scenarios do not exercise, with the smallest valid arguments, around one live interaction.
fn coverage(api: ApiId, covered: &std::collections::BTreeSet<String>) -> Scenario {
    let spec = canonical();
    let live = if api == ApiId::Widget {
        "cov-1"
    } else {
        "cov-b"
    };
    let mut steps = vec![
        fx("login", json!({ "agentId": "jsmith" })),
        offer(live, "voice"),
        fx("accept", json!({ "interactionId": live })),
    ];
    let Some(a) = spec.api(api) else {
        panic!("no {api:?} API")
    };
    let is_id = |n: &str| n == "interactionId" || n == "item_id";
    for m in a.methods.iter().filter(|m| !covered.contains(&m.name)) {
        let last = m
            .params
            .iter()
            .rposition(|p| !p.optional || is_id(&p.name))
            .map_or(0, |i| i + 1);
        let mut args: Vec<Value> = m.params[..last]
            .iter()
            .map(|p| {
                if is_id(&p.name) {
                    json!(live)
                } else {
                    minimal(spec, &p.shape)
                }
            })
            .collect();
        args.iter_mut().for_each(|v| point_at(v, live));
        steps.push(Step::Call(m.name.clone(), args));
    }
    for e in a.events.iter().filter(|e| !covered.contains(&e.name)) {
        let mut args: Vec<Value> = e
            .params
            .iter()
            .filter(|p| !p.optional || is_id(&p.name))
            .map(|p| {
                if is_id(&p.name) {
                    json!(live)
                } else {
                    minimal(spec, &p.shape)
                }
            })
            .collect();
        args.iter_mut().for_each(|v| point_at(v, live));
        steps.push(emit(&e.name, json!(args)));
        if let Some(r) = &e.response {
            // An answer that may be left out is left out (`null`), the smallest answer.
            let answer = if e.response_optional {
                Value::Null
            } else {
                minimal(spec, r)
            };
            steps.push(Step::Answer(e.name.clone(), answer));
        }
    }
    steps.push(Step::View);
    let (file, title, description) = match api {
        ApiId::Widget => (
            "c01-widget-coverage.jsonl",
            "API A coverage: every method and event the scripted scenarios do not exercise",
            "Generated from the canonical view: each method with its smallest valid arguments on one live call; each event emitted once, data-providing ones answered.",
        ),
        ApiId::Embedded => (
            "c02-embedded-coverage.jsonl",
            "API B coverage: every method and event the scripted scenarios do not exercise",
            "Generated from the canonical view: each method with its smallest valid arguments on one live call; each event emitted once.",
        ),
    };
    Scenario {
        file,
        api,
        title,
        description,
        steps,
    }
}

fn all_scenarios() -> Vec<Scenario> {
    let mut v = scenarios();
    for api in [ApiId::Widget, ApiId::Embedded] {
        let mut covered = std::collections::BTreeSet::new();
        for s in v.iter().filter(|s| s.api == api) {
            for e in build(s).entries {
                match e.body {
                    recording::Body::Call { method, .. } => {
                        covered.insert(method);
                    }
                    recording::Body::Event { event, .. } => {
                        covered.insert(event);
                    }
                    _ => {}
                }
            }
        }
        v.push(coverage(api, &covered));
    }
    v
}

#[test]
fn the_committed_corpus_is_what_the_scenarios_produce() {
    // Never write in CI: a stale file there must fail, not be quietly regenerated.
    let bless = std::env::var_os("ADCONTRACT_BLESS").is_some() && std::env::var_os("CI").is_none();
    let mut stale = Vec::new();
    for s in all_scenarios() {
        let text = build(&s).to_jsonl();
        let path = corpus_dir().join(s.file);
        if bless {
            std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(s.file);
        }
    }
    assert!(
        stale.is_empty(),
        "stale corpus files (regenerate with ADCONTRACT_BLESS=1 and review): {stale:?}"
    );
}

#[test]
fn every_method_and_event_of_the_canonical_view_is_covered() {
    let spec = canonical();
    let mut seen_methods = std::collections::BTreeSet::new();
    let mut seen_events = std::collections::BTreeSet::new();
    for s in all_scenarios() {
        let rec = build(&s);
        for e in rec.entries {
            match e.body {
                recording::Body::Call { method, .. } => {
                    seen_methods.insert((s.api, method));
                }
                recording::Body::Event { event, .. } => {
                    seen_events.insert((s.api, event));
                }
                _ => {}
            }
        }
    }
    let mut missing = Vec::new();
    for api in &spec.ir.apis {
        for m in &api.methods {
            if !seen_methods.contains(&(api.id, m.name.clone())) {
                missing.push(format!("{:?} method {}", api.id, m.name));
            }
        }
        for e in &api.events {
            if !seen_events.contains(&(api.id, e.name.clone())) {
                missing.push(format!("{:?} event {}", api.id, e.name));
            }
        }
    }
    assert!(missing.is_empty(), "not covered by the corpus: {missing:?}");
}

/// The host's answers are the recording's own input: one that breaks its schema would blame a
/// typed implementation for refusing it (which is how this test came about).
#[test]
fn every_recorded_answer_fits_its_events_response_schema() {
    let mut bad = Vec::new();
    for s in all_scenarios() {
        let rec = build(&s);
        let spec = canonical_source(&rec.header.api_version).unwrap_or_else(|e| panic!("{e}"));
        for e in rec.entries {
            if let recording::Body::Response {
                event, response, ..
            } = e.body
            {
                let Some(shape) = spec
                    .event(s.api, &event)
                    .and_then(|ev| ev.response.as_ref())
                else {
                    bad.push(format!("{}: {event} expects no answer", s.file));
                    continue;
                };
                if response.is_null()
                    && spec
                        .event(s.api, &event)
                        .is_some_and(|ev| ev.response_optional)
                {
                    continue;
                }
                for problem in spec.check(shape, &response) {
                    bad.push(format!("{} seq {}: {event}: {problem}", s.file, e.seq));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}

fn simulator() -> String {
    format!(
        "{} --contract canonical",
        env!("CARGO_BIN_EXE_adcontract-simulate")
    )
}

fn limits() -> Limits {
    Limits {
        message: Duration::from_secs(5),
        startup: Duration::from_secs(10),
        max_restarts: 1,
        stderr_bytes: 4096,
    }
}

fn replay_all(cmd: &str, role: Role) -> Vec<(String, Verdict, Vec<String>)> {
    let mut h = Harness::new(cmd, role, limits());
    let mut out = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    assert!(files.len() >= 12, "corpus files: {files:?}");
    for f in files {
        let (rec, errors) = recording::read(&f);
        assert!(errors.is_empty(), "{}: {errors:?}", f.display());
        let Some(rec) = rec else { continue };
        let spec = canonical_source(&rec.header.api_version).unwrap_or_else(|e| panic!("{e}"));
        let case = Case {
            name: f.display().to_string(),
            recording: rec,
        };
        let r = runner::run_case(&mut h, spec, &case, role, Mode::Replay);
        out.push((
            case.name,
            r.verdict,
            r.violations
                .iter()
                .map(|v| format!("[{}] {}", v.rule, v.message))
                .collect(),
        ));
    }
    out
}

#[test]
fn the_corpus_replays_green_against_the_reference_provider() {
    for (name, verdict, v) in replay_all(&simulator(), Role::Provider) {
        assert_eq!(verdict, Verdict::Pass, "{name}: {v:#?}");
    }
}

#[test]
fn the_corpus_replays_green_against_the_reference_consumer() {
    let cmd = format!("{} --role consumer", simulator());
    for (name, verdict, v) in replay_all(&cmd, Role::Consumer) {
        assert_eq!(verdict, Verdict::Pass, "{name}: {v:#?}");
    }
}
