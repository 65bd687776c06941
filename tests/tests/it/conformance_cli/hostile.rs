//! Hostile input to `replay`, `check` and `record import`, through the binary: the input is
//! blamed (verdict `invalid-recording`, exit 2), every input is a case of every report, and an
//! import drops nothing silently.

use std::path::Path;

use proptest::prelude::*;
use serde_json::Value;

use super::{SIM, bin};
use adcontract_tests::{output_text as text, root, run_adcontract as run};

const GOOD: &str = "conformance/corpus/a01-inbound-voice-lifecycle.jsonl";

fn good_text() -> String {
    std::fs::read_to_string(root().join(GOOD)).unwrap_or_else(|e| panic!("{GOOD}: {e}"))
}

/// Replaces line `k` (0-based) of `text`.
fn with_line(text: &str, k: usize, f: impl Fn(&str) -> String) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[k] = f(&lines[k]);
    lines.join("\n") + "\n"
}

/// The hostile inputs of issue 15 (name, bytes; `None` = not written, `Some(b"")` with a name
/// ending in `/` = a directory), and whether each is still a runnable recording.
fn hostile_inputs() -> Vec<(&'static str, Option<Vec<u8>>, bool)> {
    let good = good_text();
    let mut bom = "\u{FEFF}".as_bytes().to_vec();
    bom.extend(good.as_bytes());
    let mut inserted: Vec<String> = good.lines().map(str::to_owned).collect();
    inserted.insert(
        3,
        r#"{"seq":99,"t":1,"kind":"call","method":"launchMissiles","args":[]}"#.into(),
    );
    vec![
        ("good.jsonl", Some(good.clone().into_bytes()), true),
        ("bom.jsonl", Some(bom), true),
        ("empty.jsonl", Some(Vec::new()), false),
        (
            "truncated.jsonl",
            Some(good.as_bytes()[..60].to_vec()),
            false,
        ),
        ("array-header.jsonl", Some(b"[1, 2]\n".to_vec()), false),
        (
            "api-version-9.9.jsonl",
            Some(with_line(&good, 0, |l| l.replace("\"latest\"", "\"9.9\"")).into_bytes()),
            false,
        ),
        ("missing.jsonl", None, false),
        ("a-directory/", Some(Vec::new()), false),
        (
            "format.jsonl",
            Some(
                with_line(&good, 0, |l| {
                    l.replace("adcontract-recording", "something-else")
                })
                .into_bytes(),
            ),
            false,
        ),
        (
            "version-2.jsonl",
            Some(with_line(&good, 0, |l| l.replace("\"version\":1", "\"version\":2")).into_bytes()),
            false,
        ),
        (
            "teleport.jsonl",
            Some(with_line(&good, 1, |l| l.replace("\"login\"", "\"teleport\"")).into_bytes()),
            false,
        ),
        (
            "missiles.jsonl",
            Some((inserted.join("\n") + "\n").into_bytes()),
            false,
        ),
        (
            "other-api.jsonl",
            Some(with_line(&good, 0, |l| l.replace("\"widget\"", "\"embedded\"")).into_bytes()),
            false,
        ),
        (
            "seq-out-of-order.jsonl",
            Some(with_line(&good, 3, |l| l.replace("\"seq\":3", "\"seq\":1")).into_bytes()),
            false,
        ),
    ]
}

/// Writes the inputs into `dir` and returns their paths (as given to the command).
fn write_inputs(dir: &Path, inputs: &[(&str, Option<Vec<u8>>, bool)]) -> Vec<String> {
    inputs
        .iter()
        .map(|(name, bytes, _)| {
            let path = dir.join(name.trim_end_matches('/'));
            match bytes {
                Some(_) if name.ends_with('/') => {
                    std::fs::create_dir_all(&path).unwrap_or_else(|e| panic!("{name}: {e}"))
                }
                Some(b) => std::fs::write(&path, b).unwrap_or_else(|e| panic!("{name}: {e}")),
                None => {}
            }
            path.display().to_string()
        })
        .collect()
}

/// Runs `replay` on `paths` with all three report files; returns (exit code, human output,
/// JSON lines, JUnit text, Markdown text).
fn replay_reports(
    dir: &Path,
    paths: &[String],
) -> (Option<i32>, String, Vec<Value>, String, String) {
    let (json, junit, md) = (dir.join("r.json"), dir.join("r.xml"), dir.join("r.md"));
    let mut args = vec![
        "replay".to_owned(),
        "--impl".to_owned(),
        SIM.clone(),
        "--json".to_owned(),
        json.display().to_string(),
        "--junit".to_owned(),
        junit.display().to_string(),
        "--markdown".to_owned(),
        md.display().to_string(),
    ];
    args.extend(paths.iter().cloned());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = run(&args);
    let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
    let lines = read(&json)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or(Value::Null))
        .collect();
    (o.status.code(), text(&o), lines, read(&junit), read(&md))
}

fn xml_escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

#[test]
fn broken_recordings_are_invalid_in_every_report_and_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inputs = hostile_inputs();
    let paths = write_inputs(dir.path(), &inputs);
    let (code, out, json, junit, md) = replay_reports(dir.path(), &paths);
    assert_eq!(code, Some(2), "{out}");
    assert_eq!(json.len(), inputs.len(), "{out}");
    assert_eq!(junit.matches("<testcase ").count(), inputs.len(), "{junit}");
    for ((name, _, runnable), (path, line)) in inputs.iter().zip(paths.iter().zip(&json)) {
        assert_eq!(
            line["name"],
            path.as_str(),
            "the reports keep the input order"
        );
        let want = if *runnable {
            "pass"
        } else {
            "invalid-recording"
        };
        assert_eq!(line["verdict"], want, "{name}: {line}");
        assert!(
            junit.contains(&xml_escaped(path)),
            "{name} missing from JUnit"
        );
        assert!(
            out.contains(path.as_str()),
            "{name} missing from the console"
        );
        if !runnable {
            // Its problems, each placed in its file, in every report.
            let problems = line["problems"].as_array().cloned().unwrap_or_default();
            assert!(!problems.is_empty(), "{name}: {line}");
            let first = problems[0].as_str().unwrap_or_default();
            assert!(first.starts_with(path.as_str()), "{name}: {first}");
            assert!(junit.contains(&xml_escaped(first)), "{name}: {first}");
            assert!(md.contains(path.as_str()), "{name} missing from Markdown");
        }
    }
    assert!(
        junit.contains("<error type=\"invalid-recording\""),
        "{junit}"
    );
    assert!(md.contains("| invalid-recording | 12 |"), "{md}");
    // The named problems of issue 15.
    for fragment in [
        "missiles.jsonl:line 4: /method: method \"launchMissiles\" is not in the widget API of version latest",
        "teleport.jsonl:line 2: /fixture: fixture \"teleport\"",
        "other-api.jsonl:line 3: /event: event \"ON_LOGIN\" is not in the embedded API of version latest: it belongs to the widget API",
        "api-version-9.9.jsonl:line 1: /apiVersion: ",
        "format.jsonl:line 1: header format is \"something-else\"",
        "version-2.jsonl:line 1: format version 2 is not supported",
        "seq-out-of-order.jsonl:line 4: seq 1 does not increase",
        "a-directory: is a directory, not a recording",
        "missing.jsonl: cannot read: ",
        "bom.jsonl:line 1: warning: the file starts with a UTF-8 byte order mark (bytes EF BB BF); skipped",
    ] {
        assert!(out.contains(fragment), "{fragment:?} not in:\n{out}");
    }
    // Only the good recordings were run: the broken ones never reached the implementation.
    let ran: Vec<u64> = json
        .iter()
        .filter_map(|l| l["exchanges"].as_u64())
        .collect();
    assert_eq!(ran.iter().filter(|n| **n > 0).count(), 2, "{ran:?}");
}

#[test]
fn a_broken_recording_among_good_ones_still_exits_2_and_one_failure_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inputs: Vec<_> = hostile_inputs()
        .into_iter()
        .filter(|(n, ..)| ["good.jsonl", "teleport.jsonl"].contains(n))
        .collect();
    let paths = write_inputs(dir.path(), &inputs);
    assert_eq!(replay_reports(dir.path(), &paths).0, Some(2));
    assert_eq!(replay_reports(dir.path(), &paths[..1]).0, Some(0));
    // A failing implementation alone: exit 1.
    let o = run(&[
        "replay",
        "--impl",
        &format!("{} simulate --mutant no-removed", bin()),
        GOOD,
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
}

#[test]
fn a_closed_stdout_through_sh_c_is_a_crash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let script = dir.path().join("closer.sh");
    std::fs::write(
        &script,
        "read line\necho '{\"id\":1,\"ok\":true,\"protocol\":1,\"role\":\"provider\",\"implementation\":{\"name\":\"closer\",\"version\":\"1\"},\"apis\":[],\"capabilities\":[]}'\nexec >&-\nsleep 30\n",
    )
    .expect("write");
    let s = script.display();
    // A timeout would be `TIMEOUT`/`PROTO-TIMEOUT`: the verdict alone tells the two apart.
    for cmd in [
        format!("sh {s}"),
        format!("sh -c 'sh {s}'"),
        format!("sh {s}; echo done"),
    ] {
        let o = run(&[
            "replay",
            "--impl",
            &cmd,
            "--timeout-ms",
            "5000",
            "--max-restarts",
            "0",
            GOOD,
        ]);
        let out = text(&o);
        assert_eq!(o.status.code(), Some(1), "{cmd}: {out}");
        assert!(
            out.contains("CRASH")
                && out.contains("[PROTO-CRASH] the implementation closed its stdout"),
            "{cmd}: {out}"
        );
    }
}

#[test]
fn check_reports_a_bad_handshake_as_a_case() {
    let dir = tempfile::tempdir().expect("tempdir");
    let json = dir.path().join("c.json");
    let junit = dir.path().join("c.xml");
    let o = run(&[
        "check",
        "--impl",
        "read l; echo '{\"id\":1,\"ok\":true,\"protocol\":2,\"role\":\"provider\",\"implementation\":{\"name\":\"x\",\"version\":\"1\"},\"apis\":[],\"capabilities\":[]}'; sleep 5",
        "--cases",
        "2",
        "--seed",
        "1",
        "--json",
        &json.display().to_string(),
        "--junit",
        &junit.display().to_string(),
    ]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("[PROTO-HANDSHAKE] protocol error answering `start`: the handshake names protocol 2; the runner speaks protocol 1"),
        "{out}"
    );
    assert!(!out.contains("Some("), "no Rust debug text: {out}");
    let lines = std::fs::read_to_string(&json).unwrap_or_default();
    assert_eq!(lines.lines().count(), 1, "{lines}");
    assert!(lines.contains("\"name\":\"check handshake\""), "{lines}");
    let xml = std::fs::read_to_string(&junit).unwrap_or_default();
    assert!(
        xml.contains("check handshake") && xml.contains("PROTO-HANDSHAKE"),
        "{xml}"
    );
}

#[test]
fn record_import_reports_every_line_it_cannot_transcribe() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = std::fs::read_to_string(root().join("conformance/testdata/widget-voice-log.jsonl"))
        .expect("log");
    let mut lines: Vec<String> = log.lines().map(str::to_owned).collect();
    lines[1] = lines[1].replacen("\"t\":1767265200040", "\"t\":\"yesterday\"", 1);
    lines.push(r#"{"message":"outgoing","data":{"instanceId":"crm-1","type":"SET_CALL_HOLD","uid":"r-9","params":{"hold":true}}}"#.into());
    let path = dir.path().join("log.jsonl");
    let mut bytes = "\u{FEFF}".as_bytes().to_vec();
    bytes.extend((lines.join("\n") + "\n").as_bytes());
    std::fs::write(&path, bytes).expect("write");
    let out_path = dir.path().join("out.jsonl");
    let o = run(&[
        "record",
        "import",
        &path.display().to_string(),
        "--output",
        &out_path.display().to_string(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(2), "{err}");
    let p = path.display();
    for fragment in [
        format!("{p}:line 1: warning: the file starts with a UTF-8 byte order mark"),
        format!("{p}:line 2: /t: \"yesterday\" is not a time"),
        format!(
            "{p}:line {}: /data/params: an object {{\"hold\":true}}, not an array",
            lines.len()
        ),
    ] {
        assert!(err.contains(&fragment), "{fragment:?} not in:\n{err}");
    }
    // The other lines are still imported.
    let rec = std::fs::read_to_string(&out_path).unwrap_or_default();
    assert!(rec.lines().count() > 10, "{rec}");
    // The refused line is not transcribed as a call without arguments (what it used to be).
    assert!(
        !rec.contains(r#""method":"setCallHold","args":[]"#),
        "{rec}"
    );
}

fn arb_breakage() -> impl Strategy<Value = (usize, String)> {
    (
        0usize..64,
        prop_oneof![
            Just("{".to_owned()),
            Just("not json".to_owned()),
            Just("\u{FEFF}{}".to_owned()),
            Just(r#"{"seq":1,"t":0,"kind":"call","method":"nope","args":[]}"#.to_owned()),
            Just(
                r#"{"seq":1000,"t":0,"kind":"fixture","fixture":"teleport","args":{}}"#.to_owned()
            ),
            Just(String::new()),
        ],
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, failure_persistence: None, ..ProptestConfig::default() })]

    /// Corpus recordings with one line broken (or left alone), replayed together: the exit
    /// code is 2 exactly when some input is invalid, and every input is one case of the JSON
    /// and JUnit reports, whatever was broken.
    #[test]
    fn every_input_is_a_case_and_the_exit_code_blames_the_input(
        breaks in prop::collection::vec(arb_breakage(), 1..4),
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let good = good_text();
        let n = good.lines().count();
        let mut paths = Vec::new();
        for (i, (line, garbage)) in breaks.iter().enumerate() {
            let text = if garbage.is_empty() { good.clone() } else { with_line(&good, line % n, |_| garbage.clone()) };
            let p = dir.path().join(format!("r{i}.jsonl"));
            std::fs::write(&p, text).expect("write");
            paths.push(p.display().to_string());
        }
        let (code, out, json, junit, _) = replay_reports(dir.path(), &paths);
        prop_assert_eq!(json.len(), paths.len(), "{}", out);
        prop_assert_eq!(junit.matches("<testcase ").count(), paths.len());
        let invalid = json.iter().filter(|l| l["verdict"] == "invalid-recording").count();
        let failed = json.iter().filter(|l| !["pass", "skip", "invalid-recording"].contains(&l["verdict"].as_str().unwrap_or(""))).count();
        let want = if invalid > 0 { 2 } else if failed > 0 { 1 } else { 0 };
        prop_assert_eq!(code, Some(want), "{}", out);
        for (p, l) in paths.iter().zip(&json) {
            prop_assert_eq!(l["name"].as_str(), Some(p.as_str()));
        }
    }
}
