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

/// `--format json` on the committed instance corpus, one run per corpus directory (its type and
/// view, every file of it), as one text: a `#` line per run with its exit code and summary,
/// then the run's report.
fn corpus_report(jobs: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("tests/corpus/instances");
    let mut dirs: Vec<String> = std::fs::read_dir(&corpus)
        .expect("corpus")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    let mut text = String::new();
    for dir in dirs {
        let (ty, version) = dir.split_once('@').unwrap_or((&dir, "latest"));
        let mut files = Vec::new();
        for kind in ["valid", "invalid"] {
            let mut fs: Vec<String> = std::fs::read_dir(corpus.join(&dir).join(kind))
                .map(|rd| {
                    rd.filter_map(|e| e.ok())
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .map(|f| format!("tests/corpus/instances/{dir}/{kind}/{f}"))
                        .collect()
                })
                .unwrap_or_default();
            fs.sort();
            files.extend(fs);
        }
        let out = Command::new(env!("CARGO_BIN_EXE_adcontract"))
            .current_dir(root)
            .args(["validate", "--type", ty, "--api-version", version])
            .args(["--format", "json", "--jobs", jobs])
            .args(&files)
            .output()
            .expect("run adcontract");
        text.push_str(&format!(
            "# {dir} --type {ty} --api-version {version}: exit {}, {}\n",
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
        text.push_str(&String::from_utf8_lossy(&out.stdout));
    }
    text
}

/// The report is byte-identical to the one the validator printed before it had a fast path
/// and threads (`tests/corpus/validate-report.txt`, written by that version), on one thread and
/// on two.
#[test]
fn json_report_on_the_corpus_is_unchanged_with_any_jobs() {
    let golden = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/validate-report.txt"),
    )
    .expect("golden report");
    assert!(
        golden.lines().count() > 100,
        "the golden report is complete"
    );
    for jobs in ["1", "2"] {
        let now = corpus_report(jobs);
        if now != golden {
            let first = now
                .lines()
                .zip(golden.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            panic!(
                "--jobs {jobs}: the report differs from the golden one at line {}:\n  now:    {:?}\n  golden: {:?}",
                first + 1,
                now.lines().nth(first),
                golden.lines().nth(first)
            );
        }
    }
}

/// Many blocks on many threads: one large file of good, warned, bad and malformed lines gives
/// the same report with every `--jobs`, and the report of each line is the one it gets alone.
#[test]
fn large_inputs_report_the_same_in_file_order_with_any_jobs() {
    let d = dir("jobs");
    let kinds = [GOOD, EXTRA, BAD, "{oops", "", "[[[[", "\u{feff}5"];
    let mut text = String::new();
    let mut n = 0u64;
    while text.len() < 3 << 20 {
        text.push_str(kinds[(n * 7 % 11 % 7) as usize]);
        text.push('\n');
        n += 1;
    }
    let f = write(&d, "big.jsonl", text.as_bytes());
    let runs: Vec<(i32, String, String)> = ["1", "2", "3"]
        .iter()
        .map(|j| {
            run(&[
                "--type",
                "CallParty",
                "--format",
                "json",
                "--jobs",
                j,
                p(&f),
            ])
        })
        .collect();
    assert_eq!(runs[0].0, 1);
    assert!(runs[0].1.lines().count() > 10_000, "{}", runs[0].2);
    for r in &runs[1..] {
        assert!(r == &runs[0], "--jobs changes the report");
    }
    // Spot-check line numbers: each problem sits on a line of the kind that produces it.
    let lines: Vec<&str> = text.lines().collect();
    for rec in runs[0].1.lines().step_by(997) {
        let v: Value = serde_json::from_str(rec).expect("json record");
        let line = v["line"].as_u64().expect("line") as usize;
        let src = lines[line - 1];
        assert!(
            src != GOOD && !src.is_empty(),
            "line {line} ({src:?}) cannot have {rec}"
        );
    }
    let (code, _, err) = run(&["--type", "CallParty", "--jobs", "0", p(&f)]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn a_byte_order_mark_is_named() {
    let d = dir("bom");
    let f = write(
        &d,
        "bom.jsonl",
        format!("\u{feff}{GOOD}\n\u{feff}{GOOD}\n").as_bytes(),
    );
    let (code, out, _) = run(&["--type", "CallParty", p(&f)]);
    assert_eq!(code, 1);
    let name = p(&f);
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            format!(
                "{name}:1: /: warning: the file starts with a UTF-8 byte order mark (U+FEFF, bytes EF BB BF); skipped"
            ),
            format!(
                "{name}:2: /: error: malformed JSON: a UTF-8 byte order mark (U+FEFF, bytes EF BB BF) is not allowed here (column 1)"
            ),
        ]
    );
    let f = write(&d, "bom.json", format!("\u{feff}{GOOD}").as_bytes());
    let (code, out, err) = run(&["--type", "CallParty", p(&f)]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(":1: /: warning: the file starts with a UTF-8 byte order mark"),
        "{out}"
    );
    assert_eq!(err.trim(), "1 instances, 0 errors, 1 warnings");
}

#[test]
fn file_names_cannot_forge_output_lines() {
    let d = dir("names");
    let forged = write(
        &d,
        "x.jsonl:1: error: forged\nreal.jsonl",
        format!("{BAD}\n").as_bytes(),
    );
    let (code, out, _) = run(&["--type", "CallParty", p(&forged)]);
    assert_eq!(code, 1);
    let escaped = serde_json::to_string(p(&forged)).expect("json string");
    assert!(!out.lines().any(|l| l.starts_with("real.jsonl")), "{out}");
    assert!(
        out.lines()
            .all(|l| l.starts_with(&format!("{escaped}:1: "))),
        "{out}"
    );
    // Ordinary names are printed as they are; the JSON report carries the raw name.
    let (_, out, _) = run(&["--type", "CallParty", "--format", "json", p(&forged)]);
    let v: Value = serde_json::from_str(out.lines().next().expect("a record")).expect("json");
    assert_eq!(v["file"], p(&forged));
    // Names in messages on standard error too.
    let missing = d.join("gone\n.jsonl");
    let (_, _, err) = run(&["--type", "CallParty", p(&missing)]);
    assert!(err.contains("gone\\n.jsonl\": error: cannot read"), "{err}");
}

#[test]
fn nesting_of_127_levels_is_read_and_128_refused() {
    let d = dir("depth");
    let nest = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    let f = write(
        &d,
        "deep.jsonl",
        format!("{}\n{}\n", nest(127), nest(128)).as_bytes(),
    );
    let (code, out, _) = run(&["--type", "CallParty", p(&f)]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].contains(":1: /: error: expected object; got an array of 1 item"),
        "{out}"
    );
    assert!(
        lines[1].contains(":2: /: error: malformed JSON: recursion limit exceeded (column 128)"),
        "{out}"
    );
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

/// Without `--api-version`, `--schema` validates against the schema's newest version (`2.0`,
/// where `size` is required), not a version called `latest`, which this schema does not have.
#[test]
fn validates_against_the_newest_version_by_default() {
    let d = dir("versioned");
    let schema =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/versioned/versioned.api.json");
    let input = write(&d, "things.jsonl", b"{\"id\":\"t\"}\n");
    let (code, out, err) = run(&["--schema", p(&schema), "--type", "Thing", p(&input)]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains(":1: /: error:") && out.contains("size"),
        "{out}"
    );
    let (code, out, err) = run(&[
        "--schema",
        p(&schema),
        "--api-version",
        "1.0",
        "--type",
        "Thing",
        p(&input),
    ]);
    assert_eq!(code, 0, "{out}{err}");
}
