//! End-to-end tests of `adcontract simulate | replay | check | record import` through the real
//! binary: exit codes, verdicts, determinism, saved failures that replay reproduces.

use std::path::PathBuf;
use std::process::Output;
use std::time::{Duration, Instant};

use adcontract_tests::{corpus_files as corpus, output_text as text, root, run_adcontract as run};

mod hostile;

fn bin() -> String {
    adcontract_tests::adcontract_bin().to_owned()
}

fn simulate() -> String {
    format!("{} simulate", bin())
}

/// `adcontract simulate` (the reference provider) as an `--impl` command.
static SIM: std::sync::LazyLock<String> = std::sync::LazyLock::new(simulate);

#[test]
fn the_corpus_replays_green_against_the_simulator() {
    let sim = simulate();
    let mut args = vec!["replay", "--impl", sim.as_str()];
    let files = corpus();
    args.extend(files.iter().map(String::as_str));
    let o = run(&args);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        text(&o).contains(&format!("{} cases: {} pass", files.len(), files.len())),
        "{}",
        text(&o)
    );
}

/// The SDK logs of `conformance/testdata/` and the recordings `adcontract record import` makes
/// of them, committed to the provider corpus. Regenerate with `ADCONTRACT_BLESS=1 cargo test -p
/// adcontract-tests --test it conformance_cli::record_import` and review the diff.
const IMPORTS: [(&str, &str); 4] = [
    (
        "conformance/testdata/widget-message-log.jsonl",
        "conformance/corpus/i01-imported-widget-chat.jsonl",
    ),
    (
        "conformance/testdata/widget-voice-log.jsonl",
        "conformance/corpus/i02-imported-widget-voice.jsonl",
    ),
    (
        "conformance/testdata/embedded-messages.jsonl",
        "conformance/corpus/i03-imported-embedded-terminate.jsonl",
    ),
    (
        "conformance/testdata/embedded-voice-log.jsonl",
        "conformance/corpus/i04-imported-embedded-voice.jsonl",
    ),
];

#[test]
fn record_import_reproduces_the_committed_imports() {
    // Never write in CI: a stale file there must fail, not be quietly regenerated.
    let bless = std::env::var_os("ADCONTRACT_BLESS").is_some() && std::env::var_os("CI").is_none();
    let mut stale = Vec::new();
    for (log, committed) in IMPORTS {
        let o = run(&["record", "import", log]);
        assert_eq!(o.status.code(), Some(0), "{log}: {}", text(&o));
        // The samples agree with the reference model: no line needs a warning.
        assert_eq!(String::from_utf8_lossy(&o.stderr), "", "{log}");
        let path = root().join(committed);
        if bless {
            std::fs::write(&path, &o.stdout).unwrap_or_else(|e| panic!("{committed}: {e}"));
        } else if std::fs::read(&path).ok().as_deref() != Some(o.stdout.as_slice()) {
            stale.push(committed);
        }
    }
    assert!(
        stale.is_empty(),
        "stale imports (regenerate with ADCONTRACT_BLESS=1 and review): {stale:?}"
    );
    // Every imported recording in the corpus comes from a committed log.
    for f in corpus() {
        let rec = std::fs::read_to_string(&f).unwrap_or_default();
        if rec
            .lines()
            .next()
            .is_some_and(|h| h.contains(r#""kind":"imported""#))
        {
            assert!(
                IMPORTS.iter().any(|(_, c)| f.ends_with(c)),
                "{f} is imported but not regenerated here"
            );
        }
    }
}

#[test]
fn imported_recordings_replay_green_against_the_reference_provider() {
    let mut args = vec!["replay", "--impl", &*SIM];
    args.extend(IMPORTS.iter().map(|(_, c)| *c));
    let o = run(&args);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("4 cases: 4 pass"), "{}", text(&o));
}

#[test]
fn imported_recordings_replay_green_against_the_reference_consumer() {
    let sim = format!("{} simulate --role consumer", bin());
    let mut args = vec!["replay", "--role", "consumer", "--impl", &sim];
    args.extend(IMPORTS.iter().map(|(_, c)| *c));
    args.push("conformance/corpus/a01-inbound-voice-lifecycle.jsonl");
    let o = run(&args);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("5 cases: 5 pass"), "{}", text(&o));
}

/// The imports hold the logs' values as they are: every call's arguments, result, event
/// argument and host answer must be valid under the canonical contract.
#[test]
fn imported_values_are_valid_under_the_canonical_schema() {
    use adcontract_conformance::contract::{canonical_source, operation_result, parse_api};
    use adcontract_conformance::wire::recording::{self, Body};
    use adcontract_schema::ir::{ApiId, Shape};
    let mut bad = Vec::new();
    for (_, committed) in IMPORTS {
        let (rec, errors) = recording::read(&root().join(committed));
        assert!(errors.is_empty(), "{committed}: {errors:?}");
        let Some(rec) = rec else { continue };
        let spec = canonical_source(&rec.header.api_version).unwrap_or_else(|e| panic!("{e}"));
        let Some(api) = parse_api(&rec.header.api) else {
            panic!("{committed}: api {}", rec.header.api)
        };
        let check = |seq: u64, what: &str, shape: Option<&Shape>, v: &serde_json::Value| match shape
        {
            Some(shape) => spec
                .check(shape, v)
                .into_iter()
                .map(|p| format!("{committed} seq {seq} {what}: {p}"))
                .collect(),
            None => vec![format!("{committed} seq {seq} {what}: not in the contract")],
        };
        for e in &rec.entries {
            match &e.body {
                Body::Call { method, args } if !spec.args_valid(api, method, args) => {
                    bad.push(format!(
                        "{committed} seq {}: {method} arguments {args:?}",
                        e.seq
                    ));
                }
                Body::Result { method, result, .. } => {
                    let m = spec.method(api, method);
                    let shape = match (api, m) {
                        (ApiId::Widget, Some(m)) => operation_result(spec.ir, m.result.as_ref()),
                        (_, m) => m.and_then(|m| m.result.clone()),
                    };
                    bad.extend(check(e.seq, method, shape.as_ref(), result));
                }
                Body::Event { event, args, .. } => {
                    let ev = spec.event(api, event);
                    for (i, a) in args.iter().enumerate() {
                        let shape = ev.and_then(|ev| ev.params.get(i)).map(|p| &p.shape);
                        bad.extend(check(e.seq, &format!("{event} argument {i}"), shape, a));
                    }
                }
                Body::Response {
                    event, response, ..
                } => {
                    let ev = spec.event(api, event);
                    if response.is_null() && ev.is_some_and(|ev| ev.response_optional) {
                        continue;
                    }
                    let shape = ev.and_then(|ev| ev.response.as_ref());
                    bad.extend(check(e.seq, &format!("{event} answer"), shape, response));
                }
                _ => {}
            }
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}

/// Import a log the reference model cannot fully explain: the fixtures it can infer are there,
/// the event it cannot is kept with a warning naming its line, a provider replay reports
/// exactly that step and a consumer replay passes; `--no-fixtures` transcribes only.
#[test]
fn record_import_infers_fixtures_and_warns_about_what_no_fixture_explains() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let offered = r#"{"interactionId":"c-1","globalInteractionId":"G-1","state":"delivery_pending","type":"voice","subject":"","associatedObjects":{"list":[],"selected":[]},"callParties":[],"callMuted":false,"callRecording":false,"chatParties":[],"attachedData":{},"internal":false,"phoneNumber":"+14155550100","callDirection":"inbound","startTime":1767261610000,"service":"Support"}"#;
    let delivered = offered.replace("delivery_pending", "delivered");
    let packet = |ty: &str, uid: &str, params: &str| {
        format!(
            r#"{{"message":"m","data":{{"instanceId":"crm","type":"{ty}","uid":"{uid}","params":{params}}}}}"#
        )
    };
    let log = [
        packet(
            "ON_LOGIN",
            "e1",
            r#"[{"isLoggedIn":true,"agentId":"jsmith","username":"jsmith"}]"#,
        ),
        packet("ON_AGENT_STATE_CHANGE", "e2", r#"["ready"]"#),
        packet("ON_NEW_INTERACTION", "e3", &format!("[{offered}]")),
        // The desktop reports the ringing; the reference model has no such step.
        packet("ON_AGENT_STATE_CHANGE", "e4", r#"["ringing"]"#),
        packet("ACCEPT_INTERACTION", "r1", r#"["c-1"]"#),
        packet(
            "ON_INTERACTION_STATE_CHANGE",
            "e5",
            &format!("[{delivered}]"),
        ),
        packet("ON_ACTIVE_INTERACTION_SWITCHED", "e6", r#"["c-1"]"#),
        packet("ON_AGENT_STATE_CHANGE", "e7", r#"["busy"]"#),
        packet(
            "ACCEPT_INTERACTION_RESPONSE",
            "r1",
            r#"[{"status":"success","data":null}]"#,
        ),
    ];
    let log_path = dir.path().join("ringing.jsonl");
    std::fs::write(&log_path, log.join("\n")).unwrap_or_else(|e| panic!("{e}"));
    let log_arg = log_path.display().to_string();
    let rec_path = dir.path().join("ringing.rec.jsonl");
    let rec_arg = rec_path.display().to_string();

    let o = run(&["record", "import", &log_arg, "-o", &rec_arg]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "warnings are no input errors: {}",
        text(&o)
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "{log_arg}:line 4: warning: ON_AGENT_STATE_CHANGE is not explained by the calls before it, and no fixture produces it here"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("hint: "), "{stderr}");
    let rec = std::fs::read_to_string(&rec_path).unwrap_or_default();
    let entries: Vec<serde_json::Value> = rec
        .lines()
        .skip(1)
        .map(|l| serde_json::from_str(l).unwrap_or_default())
        .collect();
    let fixtures: Vec<&str> = entries
        .iter()
        .filter_map(|e| e["fixture"].as_str())
        .collect();
    assert_eq!(fixtures, ["login", "offer"]);
    let ringing = entries
        .iter()
        .find(|e| e["args"] == serde_json::json!(["ringing"]))
        .unwrap_or_else(|| panic!("the ringing event was dropped: {rec}"));
    assert!(ringing.get("re").is_none(), "{ringing}");

    let o = run(&["replay", "--impl", &*SIM, &rec_arg]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("[AD-REPLAY-EVENTS] (at seq 4) 2 events recorded [ON_NEW_INTERACTION, ON_AGENT_STATE_CHANGE], 1 emitted [ON_NEW_INTERACTION]"),
        "{}",
        text(&o)
    );
    let consumer = format!("{} simulate --role consumer", bin());
    let o = run(&[
        "replay", "--role", "consumer", "--impl", &consumer, &rec_arg,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));

    let o = run(&["record", "import", "--no-fixtures", &log_arg]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert_eq!(String::from_utf8_lossy(&o.stderr), "");
    let plain = String::from_utf8_lossy(&o.stdout);
    assert!(!plain.contains(r#""kind":"fixture""#), "{plain}");
    // Events stand as logged, linked to nothing (results and answers keep their `re`).
    assert!(
        plain
            .lines()
            .filter(|l| l.contains(r#""kind":"event""#))
            .all(|l| !l.contains(r#""re":"#)),
        "{plain}"
    );
    assert_eq!(plain.lines().count(), 1 + log.len());
}

/// A bad line is an input error naming file and line, with a hint, and the others are kept.
#[test]
fn record_import_reports_a_bad_line_and_keeps_the_others() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let good = std::fs::read_to_string(root().join(IMPORTS[0].0)).unwrap_or_default();
    let mut lines: Vec<&str> = good.lines().collect();
    lines.insert(2, "{\"t\": 1767261600060, oops");
    let path = dir.path().join("bad-log.jsonl");
    std::fs::write(&path, lines.join("\n")).unwrap_or_else(|e| panic!("{e}"));
    let o = run(&["record", "import", &path.display().to_string()]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.starts_with(&format!("{}:line 3: not JSON: ", path.display())),
        "{stderr}"
    );
    assert!(stderr.contains("; hint: "), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    // The header names the input file; the entries are the clean log's.
    let clean = std::fs::read_to_string(root().join(IMPORTS[0].1)).unwrap_or_default();
    let body = |s: &str| s.lines().skip(1).map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(body(&String::from_utf8_lossy(&o.stdout)), body(&clean));
}

#[test]
fn impl_false_is_a_crash_and_exit_1() {
    let t = Instant::now();
    let o = run(&[
        "replay",
        "--impl",
        "false",
        "conformance/corpus/a01-inbound-voice-lifecycle.jsonl",
        "conformance/corpus/a04-chat.jsonl",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert_eq!(text(&o).matches("CRASH ").count(), 2, "{}", text(&o));
    assert!(t.elapsed() < Duration::from_secs(20));
}

#[test]
fn impl_sleep_is_a_timeout_within_the_configured_limit() {
    let t = Instant::now();
    let o = run(&[
        "replay",
        "--impl",
        "sleep 600",
        "--timeout-ms",
        "300",
        "--startup-timeout-ms",
        "300",
        "--max-restarts",
        "0",
        "conformance/corpus/a01-inbound-voice-lifecycle.jsonl",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("TIMEOUT"), "{}", text(&o));
    assert!(
        t.elapsed() < Duration::from_secs(5),
        "took {:?}",
        t.elapsed()
    );
}

#[test]
fn a_bad_recording_line_is_an_input_error_with_its_line_number() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let good = std::fs::read_to_string(root().join("conformance/corpus/a07-agent-state.jsonl"))
        .unwrap_or_default();
    let mut lines: Vec<&str> = good.lines().collect();
    lines.insert(3, "{not json");
    let path = dir.path().join("bad.jsonl");
    std::fs::write(&path, lines.join("\n")).unwrap_or_else(|e| panic!("{e}"));
    let o = run(&["replay", "--impl", &simulate(), &path.display().to_string()]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("bad.jsonl:line 4:"), "{}", text(&o));
}

#[test]
fn partitions_split_the_corpus_without_overlap() {
    let sim = simulate();
    let files = corpus();
    let mut seen = Vec::new();
    for m in 1..=3 {
        let part = format!("hash:{m}/3");
        let mut args = vec![
            "replay",
            "--impl",
            sim.as_str(),
            "--partition",
            part.as_str(),
        ];
        args.extend(files.iter().map(String::as_str));
        let o = run(&args);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        seen.extend(
            text(&o)
                .lines()
                .filter(|l| l.starts_with("PASS"))
                .map(str::to_string),
        );
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), files.len());
}

#[test]
fn check_passes_the_simulator_and_is_deterministic_per_seed() {
    let sim = simulate();
    let a = run(&["check", "--impl", &sim, "--cases", "60", "--seed", "9"]);
    let b = run(&["check", "--impl", &sim, "--cases", "60", "--seed", "9"]);
    assert_eq!(a.status.code(), Some(0), "{}", text(&a));
    let strip = |o: &Output| {
        text(o)
            .lines()
            .filter(|l| !l.contains("cases/s"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(&a), strip(&b));
}

#[test]
fn check_shrinks_a_mutant_failure_into_a_recording_replay_reproduces() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mutant = format!("{} simulate --mutant stay-acw", bin());
    let d = dir.path().display().to_string();
    let o = run(&[
        "check",
        "--impl",
        &mutant,
        "--cases",
        "300",
        "--seed",
        "4",
        "--api",
        "widget",
        "--save-failures",
        &d,
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("AD-COMPLETE-READY"), "{}", text(&o));
    let saved: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(saved.len(), 1);
    let f = saved[0].display().to_string();
    let header = std::fs::read_to_string(&saved[0]).unwrap_or_default();
    assert!(header.contains("\"seed\":4"), "{header}");
    let again = run(&["replay", "--impl", &mutant, &f]);
    assert_eq!(again.status.code(), Some(1), "{}", text(&again));
    assert!(
        text(&again).contains("AD-COMPLETE-READY"),
        "{}",
        text(&again)
    );
    let fixed = run(&["replay", "--impl", &simulate(), &f]);
    assert_eq!(fixed.status.code(), Some(0), "{}", text(&fixed));
}

#[test]
fn reports_are_written() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let p = |n: &str| dir.path().join(n).display().to_string();
    let o = run(&[
        "replay",
        "--impl",
        &simulate(),
        "--junit",
        &p("r.xml"),
        "--json",
        &p("r.jsonl"),
        "--markdown",
        &p("r.md"),
        "conformance/corpus/a04-chat.jsonl",
        "conformance/corpus/b01-terminate-complete.jsonl",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let jsonl = std::fs::read_to_string(p("r.jsonl")).unwrap_or_default();
    assert_eq!(jsonl.lines().count(), 2);
    for l in jsonl.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap_or_default();
        assert_eq!(v["verdict"], "pass");
    }
    assert!(
        std::fs::read_to_string(p("r.xml"))
            .unwrap_or_default()
            .contains("tests=\"2\" failures=\"0\"")
    );
    assert!(
        std::fs::read_to_string(p("r.md"))
            .unwrap_or_default()
            .contains("All cases conform.")
    );
}

#[test]
fn a_non_utf8_reply_is_a_protocol_error_and_the_other_cases_still_run() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let json = dir.path().join("r.jsonl").display().to_string();
    let mutant = format!("{} simulate --mutant not-utf8", bin());
    // a02 and b01 reach the faulty calls (`transfer`, `terminateInteraction`); a07 and a10 do not.
    let o = run(&[
        "replay",
        "--impl",
        &mutant,
        "--json",
        &json,
        "conformance/corpus/a02-consult-transfer.jsonl",
        "conformance/corpus/a07-agent-state.jsonl",
        "conformance/corpus/b01-terminate-complete.jsonl",
        "conformance/corpus/a10-basic-voice.jsonl",
    ]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(!out.contains("CRASH"), "{out}");
    assert!(
        out.contains("replay: 4 cases: 2 pass, 2 protocol-error"),
        "{out}"
    );
    assert_eq!(
        out.matches("[PROTO-REPLY] protocol error answering `call`: stdout line ")
            .count(),
        2,
        "{out}"
    );
    assert!(
        out.contains("is not UTF-8: invalid byte 0xE9 at byte "),
        "{out}"
    );
    assert!(out.contains("; hint: "), "{out}");
    let verdicts: Vec<(String, String)> = std::fs::read_to_string(&json)
        .unwrap_or_default()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap_or_default();
            let name = v["name"].as_str().unwrap_or_default();
            let file = name.rsplit('/').next().unwrap_or_default().to_owned();
            (file, v["verdict"].as_str().unwrap_or_default().to_owned())
        })
        .collect();
    let want: Vec<(String, String)> = [
        ("a02-consult-transfer.jsonl", "protocol-error"),
        ("a07-agent-state.jsonl", "pass"),
        ("b01-terminate-complete.jsonl", "protocol-error"),
        ("a10-basic-voice.jsonl", "pass"),
    ]
    .iter()
    .map(|(f, v)| ((*f).to_owned(), (*v).to_owned()))
    .collect();
    assert_eq!(verdicts, want, "{out}");
}

#[test]
fn any_implementation_printing_invalid_utf8_gets_line_and_byte() {
    // Not the simulator: a shell one-liner whose handshake reply has a raw 0xFF byte on its
    // second stdout line (the first is blank; lines count as the implementation printed them).
    let o = run(&[
        "replay",
        "--impl",
        "printf '\\n{\"id\":1,\\377}\\n'; sleep 5",
        "--max-restarts",
        "0",
        "conformance/corpus/a07-agent-state.jsonl",
    ]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("PROTOCOL-ERROR"), "{out}");
    assert!(
        out.contains(
            "[PROTO-HANDSHAKE] protocol error answering `start`: stdout line 2 is not UTF-8: \
             invalid byte 0xFF at byte 9 of the line (after \"{\\\"id\\\":1,\"); hint: "
        ),
        "{out}"
    );
}
