//! End-to-end tests of `adcontract simulate | replay | check | record import` through the real
//! binary: exit codes, verdicts, determinism, saved failures that replay reproduces.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The `adcontract` binary (built on first use: a test package cannot depend on a binary).
fn bin() -> String {
    static BIN: OnceLock<String> = OnceLock::new();
    BIN.get_or_init(|| {
        let status = Command::new(env!("CARGO"))
            .args(["build", "-q", "--bin", "adcontract"])
            .current_dir(root())
            .status()
            .unwrap_or_else(|e| panic!("cargo build: {e}"));
        assert!(status.success());
        let target = std::env::var("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|_| root().join("target"));
        target.join("debug/adcontract").display().to_string()
    })
    .clone()
}

fn run(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn corpus() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root().join("conformance/corpus"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .map(|p| p.display().to_string())
        .collect();
    v.sort();
    v
}

fn simulate() -> String {
    format!("{} simulate", bin())
}

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

#[test]
fn imported_recordings_replay_green_against_the_reference_consumer() {
    let sim = format!("{} simulate --role consumer", bin());
    let o = run(&[
        "replay",
        "--role",
        "consumer",
        "--impl",
        &sim,
        "conformance/corpus/consumer/imported-widget-chat.jsonl",
        "conformance/corpus/consumer/imported-embedded-terminate.jsonl",
        "conformance/corpus/a01-inbound-voice-lifecycle.jsonl",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
}

#[test]
fn record_import_reproduces_the_committed_imports() {
    let o = run(&[
        "record",
        "import",
        "conformance/testdata/widget-message-log.jsonl",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let committed = std::fs::read_to_string(
        root().join("conformance/corpus/consumer/imported-widget-chat.jsonl"),
    )
    .unwrap_or_default();
    assert_eq!(String::from_utf8_lossy(&o.stdout), committed);
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
        out.contains("is not UTF-8: invalid byte 0xE9 at byte offset "),
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
fn any_implementation_printing_invalid_utf8_gets_line_and_offset() {
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
             invalid byte 0xFF at byte offset 8 (0-based, after \"{\\\"id\\\":1,\"); hint: "
        ),
        "{out}"
    );
}
