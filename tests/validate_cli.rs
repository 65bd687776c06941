//! `adcontract validate` end to end: output formats, bad input of every kind, exit codes.
//!
//! (A test of the root package: it runs the `adcontract` binary.) Instances are `CallParty`
//! values (required `id`, `name`, `phone`; open object) of the canonical contract.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const GOOD: &str = r#"{"id":"p1","name":"Ada","phone":"+14155550123"}"#;
const EXTRA: &str = r#"{"id":"p2","name":"Bob","phone":"+1","agentId":"a7"}"#;
const BAD: &str = r#"{"id":5,"name":"Cy"}"#;

fn dir(test: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("validate_cli")
        .join(test);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("create temp dir");
    d
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write input");
    p
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out: Output = Command::new(env!("CARGO_BIN_EXE_adcontract"))
        .arg("validate")
        .args(args)
        .output()
        .expect("run adcontract");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 temp path")
}

#[test]
fn human_output_one_line_per_problem_with_summary() {
    let d = dir("human");
    let f = write(
        &d,
        "calls.jsonl",
        format!("{GOOD}\n\n{EXTRA}\n{BAD}\n").as_bytes(),
    );
    let (code, out, err) = run(&["--type", "CallParty", p(&f)]);
    assert_eq!(code, 1, "{out}\n{err}");
    let name = p(&f);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            format!("{name}:3: /agentId: warning: property \"agentId\" is not declared"),
            format!("{name}:4: /: error: missing required property \"phone\""),
            format!("{name}:4: /id: error: expected string; got number 5"),
        ]
    );
    assert_eq!(err.trim(), "3 instances, 2 errors, 1 warnings");
}

#[test]
fn warnings_alone_exit_zero_and_deny_unknown_makes_them_errors() {
    let d = dir("warnings");
    let f = write(&d, "calls.jsonl", format!("{GOOD}\n{EXTRA}\n").as_bytes());
    let (code, out, err) = run(&["--type", "CallParty", p(&f)]);
    assert_eq!((code, out.lines().count()), (0, 1), "{out}\n{err}");
    let (code, out, _) = run(&["--type", "CallParty", "--deny-unknown", p(&f)]);
    assert_eq!(code, 1);
    assert!(
        out.contains("/agentId: error: property \"agentId\" is not declared"),
        "{out}"
    );
    let (code, out, err) = run(&[
        "--type",
        "CallParty",
        p(&write(&d, "ok.jsonl", GOOD.as_bytes())),
    ]);
    assert_eq!(
        (code, out.as_str(), err.trim()),
        (0, "", "1 instances, 0 errors, 0 warnings")
    );
}

#[test]
fn json_output_is_one_object_per_problem() {
    let d = dir("json");
    let f = write(
        &d,
        "calls.jsonl",
        format!("{EXTRA}\n{BAD}\n{{oops\n").as_bytes(),
    );
    let (code, out, _) = run(&["--type", "CallParty", "--format", "json", p(&f)]);
    assert_eq!(code, 1);
    let records: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(records.len(), 4, "{out}");
    assert_eq!(
        records[0],
        serde_json::json!({"file": p(&f), "line": 1, "pointer": "/agentId", "keyword": "additionalProperties",
            "severity": "warning", "message": "property \"agentId\" is not declared"})
    );
    assert_eq!(
        (records[1]["line"].as_u64(), records[1]["keyword"].as_str()),
        (Some(2), Some("required"))
    );
    assert_eq!(
        (
            records[2]["pointer"].as_str(),
            records[2]["keyword"].as_str()
        ),
        (Some("/id"), Some("type"))
    );
    assert_eq!(
        (records[3]["line"].as_u64(), records[3]["keyword"].as_str()),
        (Some(3), Some("parse"))
    );
    assert_eq!(records[3]["severity"], "error");
}

#[test]
fn malformed_lines_utf8_and_deep_nesting_are_reported_and_the_rest_still_validated() {
    let d = dir("malformed");
    let mut input = Vec::new();
    input.extend(b"{\"id\": \"x\",\n"); // line 1: cut short
    input.extend(b"{\"id\":\"\xff\",\"name\":\"a\",\"phone\":\"b\"}\n"); // line 2: invalid UTF-8
    input.extend("[".repeat(100_000).as_bytes()); // line 3: nested far too deep
    input.push(b'\n');
    input.extend(format!("{BAD}\n{GOOD}").as_bytes()); // lines 4, 5
    let f = write(&d, "mixed.jsonl", &input);
    let (code, out, err) = run(&["--type", "CallParty", p(&f)]);
    assert_eq!(code, 1, "{err}");
    let name = p(&f);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "{out}");
    assert!(
        lines[0].starts_with(&format!(
            "{name}:1: /: error: malformed JSON: EOF while parsing a value (column 11)"
        )),
        "{out}"
    );
    assert!(
        lines[1].starts_with(&format!(
            "{name}:2: /: error: invalid UTF-8 at byte 8 (of 33)"
        )),
        "{out}"
    );
    assert!(
        lines[2].starts_with(&format!(
            "{name}:3: /: error: malformed JSON: recursion limit exceeded"
        )),
        "{out}"
    );
    assert!(lines[3].starts_with(&format!("{name}:4: ")), "{out}");
    assert_eq!(err.trim(), "5 instances, 5 errors, 0 warnings");
}

#[test]
fn over_long_lines_are_skipped_under_the_limit() {
    let d = dir("long");
    let long = format!(
        "{{\"id\":\"{}\",\"name\":\"n\",\"phone\":\"p\"}}",
        "x".repeat(500)
    );
    let f = write(
        &d,
        "long.jsonl",
        format!("{GOOD}\n{long}\n{BAD}\n").as_bytes(),
    );
    let (code, out, err) = run(&["--type", "CallParty", "--max-line-bytes", "200", p(&f)]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "{}:2: /: error: line is {} bytes long, over the limit of 200 bytes; skipped",
            p(&f),
            long.len()
        )
    );
    assert!(lines[1].starts_with(&format!("{}:3: ", p(&f))), "{out}");
    assert_eq!(err.trim(), "3 instances, 3 errors, 0 warnings");
    // The same line is fine under the default limit.
    let (code, _, _) = run(&[
        "--type",
        "CallParty",
        p(&write(&d, "one.jsonl", long.as_bytes())),
    ]);
    assert_eq!(code, 0);
}

#[test]
fn json_files_are_one_value_and_large_ones_are_refused() {
    let d = dir("json_files");
    let good = write(&d, "good.json", format!("\n{GOOD}\n").as_bytes());
    let bad = write(
        &d,
        "bad.json",
        b"{\n  \"id\": 1,\n  \"name\": \"n\",\n  \"phone\": \"p\"\n}\n",
    );
    let broken = write(&d, "broken.json", b"{\n  \"id\": 1,\n  \"name\" \"n\"\n}\n");
    let (code, out, err) = run(&["--type", "CallParty", p(&good), p(&bad), p(&broken)]);
    assert_eq!(code, 1, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        format!("{}:1: /id: error: expected string; got number 1", p(&bad))
    );
    assert_eq!(
        lines[1],
        format!(
            "{}:3: /: error: malformed JSON: expected `:` (column 10)",
            p(&broken)
        )
    );
    assert_eq!(err.trim(), "3 instances, 2 errors, 0 warnings");
    let (code, out, _) = run(&["--type", "CallParty", "--max-line-bytes", "10", p(&good)]);
    assert_eq!(code, 1);
    assert!(
        out.contains("the file is larger than the limit of 10 bytes"),
        "{out}"
    );
}

#[test]
fn usage_and_input_errors_exit_two() {
    let d = dir("usage");
    let f = write(&d, "ok.jsonl", GOOD.as_bytes());
    let (code, _, err) = run(&["--type", "CallPartyy", p(&f)]);
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown type \"CallPartyy\"") && err.contains("did you mean \"CallParty\""),
        "{err}"
    );
    let (code, _, err) = run(&["--type", "CallParty", "--api-version", "9.99", p(&f)]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("9.99"), "{err}");
    // A missing file is an input error, but the other files are still validated.
    let bad = write(&d, "bad.jsonl", BAD.as_bytes());
    let missing = d.join("missing.jsonl");
    let (code, out, err) = run(&["--type", "CallParty", p(&missing), p(&bad)]);
    assert_eq!(code, 2);
    assert!(err.contains("missing.jsonl: error: cannot read"), "{err}");
    assert!(out.contains("bad.jsonl:1:"), "{out}");
    let (code, _, err) = run(&[
        "--type",
        "CallParty",
        p(&write(&d, "x.txt", GOOD.as_bytes())),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown file kind"), "{err}");
    // The 5.19 view is available too.
    let (code, _, err) = run(&["--type", "CallParty", "--api-version", "5.19", p(&f)]);
    assert_eq!(code, 0, "{err}");
}

/// `--schema` with a plain JSON Schema types document: its `$defs` are the types, its one
/// version the default; verdicts carry JSON pointers; an unknown type is a usage error.
#[test]
fn validates_against_a_plain_types_document() {
    let d = dir("plain");
    let schema =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plain/plain.schema.json");
    let input = write(
        &d,
        "customers.jsonl",
        concat!(
            r#"{"customerId":"c1","name":"Ada","tier":"gold","balance":null}"#,
            "\n",
            r#"{"customerId":"c2","name":"Bob","tier":"platinum","balance":"x","legacy":1}"#,
            "\n"
        )
        .as_bytes(),
    );
    let (code, out, err) = run(&["--schema", p(&schema), "--type", "Customer", p(&input)]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains(":2: /tier: error:"), "{out}");
    assert!(out.contains(":2: /balance: error:"), "{out}");
    assert!(out.contains(":2: /legacy: warning:"), "{out}");
    assert!(!out.contains(":1: "), "{out}");
    let (code, _, err) = run(&[
        "--schema",
        p(&schema),
        "--type",
        "InteractionData",
        p(&input),
    ]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(&[
        "--schema",
        p(&schema),
        "--api-version",
        "5.19",
        "--type",
        "Customer",
        p(&input),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("known versions: latest"), "{err}");
}
