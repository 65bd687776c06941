//! JSON-Schema-Test-Suite (draft 2020-12, required tests) through `compile_standalone` and the
//! IR-driven validator.
//!
//! Every case whose schema compiles (and whose patterns the validator supports) is run; our
//! verdict must equal the suite's `valid` for every test. Cases that do not compile are skipped
//! and counted by reason. The per-file counts (run / passed / skipped) and the skip reasons are
//! snapshotted, so a change of coverage is reviewed like any other change.
//!
//! Known disagreements are listed in [`XFAIL`] with their cause: they come from how
//! `compile_standalone` lowers a schema, not from the validator (an `allOf` is flattened into
//! one object type). They are counted as
//! `xfail` in the snapshot, and a listed case that stops disagreeing fails the test, so the list
//! only ever shrinks.
//!
//! The suite lives in the shared directory beside the repository (`<repo>/../shared`), as on
//! developers' machines and in CI; the test fails if it is missing rather than passing empty.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use adcontract_schema::validate::{Options, Validator, has_errors};
use serde_json::Value;

fn suite_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/jsonschema-test-suite/tests/draft2020-12")
}

/// Cases (file, case description; `*` = every case of the file) whose disagreement is known,
/// with the reason.
const XFAIL: &[(&str, &str, &str)] = &[
    (
        "additionalProperties.json",
        "additionalProperties does not look in applicators",
        "`allOf` is flattened into one object, so its properties become declared",
    ),
    (
        "allOf.json",
        "allOf with one empty schema",
        "`allOf` lowers to an object type",
    ),
    (
        "allOf.json",
        "allOf with two empty schemas",
        "`allOf` lowers to an object type",
    ),
];

fn xfail(file: &str, case: &str) -> bool {
    XFAIL
        .iter()
        .any(|(f, c, _)| *f == file && (*c == "*" || *c == case))
}

#[derive(Default)]
struct Counts {
    run: usize,
    passed: usize,
    xfail: usize,
    skipped: usize,
}

/// A short reason for a skipped case: the first line of the first error, cut to 90 characters.
fn reason(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message).trim();
    let cut: String = first.chars().take(90).collect();
    if cut.len() < first.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

#[test]
fn draft2020_12_required_tests() {
    let dir = suite_dir();
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect(),
        Err(e) => panic!("JSON-Schema-Test-Suite not found at {}: {e}", dir.display()),
    };
    files.sort();
    assert!(files.len() > 30, "too few suite files in {}", dir.display());

    let mut table: BTreeMap<String, Counts> = BTreeMap::new();
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut xfail_hit = std::collections::BTreeSet::new();
    for file in &files {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text =
            std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let cases: Vec<Value> =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let counts = table.entry(name.clone()).or_default();
        for case in &cases {
            let tests = case
                .get("tests")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or_default();
            let schema = case.get("schema").cloned().unwrap_or(Value::Null);
            let ir = match adcontract_schema::compile_standalone(&schema) {
                Ok(ir) => ir,
                Err(errors) => {
                    let first = errors
                        .iter()
                        .find(|d| d.severity == adcontract_schema::diag::Severity::Error);
                    *reasons
                        .entry(reason(
                            &first.map(|d| d.message.clone()).unwrap_or_default(),
                        ))
                        .or_default() += tests.len();
                    counts.skipped += tests.len();
                    continue;
                }
            };
            let validator = match Validator::new(&ir, Options::default()) {
                Ok(v) => v,
                Err(e) => {
                    *reasons
                        .entry(format!("validator: {}", reason(&e.to_string())))
                        .or_default() += tests.len();
                    counts.skipped += tests.len();
                    continue;
                }
            };
            let description = case
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or("");
            for test in tests {
                let data = test.get("data").cloned().unwrap_or(Value::Null);
                let expected = test.get("valid").and_then(Value::as_bool).unwrap_or(false);
                counts.run += 1;
                match validator.validate("Root", &data) {
                    Ok(problems) if has_errors(&problems) != expected => counts.passed += 1,
                    Ok(_) if xfail(&name, description) => {
                        counts.xfail += 1;
                        xfail_hit.insert((name.clone(), description.to_owned()));
                    }
                    outcome => failures.push(format!(
                        "{name}: {:?} / {:?}: expected valid={expected}, got {outcome:?}\n  schema: {schema}\n  data: {data}",
                        case.get("description").and_then(Value::as_str).unwrap_or(""),
                        test.get("description").and_then(Value::as_str).unwrap_or(""),
                    )),
                }
            }
        }
    }

    let mut report = String::new();
    let (mut run, mut passed, mut xfails, mut skipped) = (0, 0, 0, 0);
    for (file, c) in &table {
        let _ = writeln!(
            report,
            "{file:<32} run {:>3}  passed {:>3}  xfail {:>3}  skipped {:>3}",
            c.run, c.passed, c.xfail, c.skipped
        );
        run += c.run;
        passed += c.passed;
        xfails += c.xfail;
        skipped += c.skipped;
    }
    let _ = writeln!(
        report,
        "{:<32} run {run:>3}  passed {passed:>3}  xfail {xfails:>3}  skipped {skipped:>3}",
        "TOTAL"
    );
    let _ = writeln!(report, "\nskipped tests by reason:");
    for (r, n) in &reasons {
        let _ = writeln!(report, "{n:>4}  {r}");
    }
    let stale: Vec<String> = XFAIL
        .iter()
        .filter(|(f, c, _)| {
            !xfail_hit
                .iter()
                .any(|(hf, hc)| hf == f && (*c == "*" || hc == c))
        })
        .map(|(f, c, _)| format!("{f} / {c}"))
        .collect();
    assert!(
        stale.is_empty(),
        "XFAIL entries that no longer disagree (remove them): {stale:?}"
    );
    assert!(
        failures.is_empty(),
        "{} suite tests disagree:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(run > 0, "no suite test ran");
    insta::assert_snapshot!("draft2020_12_counts", report);
}
