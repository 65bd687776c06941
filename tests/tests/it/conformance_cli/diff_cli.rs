//! `adcontract diff` and `adcontract report` through the real binary: exit codes, formats,
//! the committed reports, `--accept`, and bad input of every kind (exit 2, a clear message).

// A panic is the test's failure report.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use adcontract_tests::{fixture_path, output_text as text, root, run_adcontract as run};

fn code(o: &std::process::Output) -> Option<i32> {
    o.status.code()
}

/// A copy of the `minimal` fixture in a temp dir, with `edit` applied to its types text.
fn minimal_copy(dir: &Path, edit: impl Fn(String) -> String) -> String {
    let src = fixture_path("minimal");
    let types = std::fs::read_to_string(src.with_file_name("minimal.types.json")).unwrap();
    std::fs::copy(&src, dir.join("minimal.api.json")).unwrap();
    std::fs::write(dir.join("minimal.types.json"), edit(types)).unwrap();
    dir.join("minimal.api.json").display().to_string()
}

#[test]
fn the_canonical_history_breaks_and_the_exit_code_says_so() {
    let o = run(&["diff", "5.24", "latest"]);
    assert_eq!(code(&o), Some(1), "{}", text(&o));
    assert!(text(&o).contains("enum-value-removed"));
    let o = run(&["diff", "5.24", "latest", "--fail-on", "none"]);
    assert_eq!(code(&o), Some(0), "{}", text(&o));
    let o = run(&[
        "diff",
        "latest",
        "latest",
        "--fail-on",
        "any",
        "--format",
        "json",
    ]);
    assert_eq!(code(&o), Some(0), "{}", text(&o));
    let last: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&o.stdout).trim()).unwrap();
    assert_eq!(last["summary"]["findings"], 0);
    assert_eq!(last["summary"]["semver"], "none");
}

#[test]
fn json_lines_carry_every_field_and_end_with_the_summary() {
    let o = run(&[
        "diff", "5.19", "latest", "--format", "json", "--role", "provider",
    ]);
    assert_eq!(code(&o), Some(1), "{}", text(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let (summary, findings) = lines.split_last().unwrap();
    assert_eq!(summary["summary"]["findings"], findings.len());
    assert_eq!(summary["summary"]["semver"], "major");
    for f in findings {
        for key in [
            "rule",
            "site",
            "pointer",
            "direction",
            "consumer",
            "provider",
            "planned",
            "message",
            "fingerprint",
        ] {
            assert!(f.get(key).is_some(), "{key} missing in {f}");
        }
        assert!(["out", "in", "both"].contains(&f["direction"].as_str().unwrap()));
        assert_eq!(f["fingerprint"].as_str().unwrap().len(), 12);
    }
    assert!(findings.iter().any(|f| f.get("witness").is_some()));
}

#[test]
fn markdown_and_report_match_the_committed_files() {
    let o = run(&["diff", "5.24", "latest", "--format", "markdown"]);
    let committed =
        std::fs::read_to_string(root().join("docs/diff/reports/5.24-to-latest.md")).unwrap();
    assert_eq!(String::from_utf8_lossy(&o.stdout), committed);
    let o = run(&["report", "--api-version", "5.24"]);
    assert_eq!(code(&o), Some(0), "{}", text(&o));
    let committed = std::fs::read_to_string(root().join("docs/surface/5.24.api.md")).unwrap();
    assert_eq!(String::from_utf8_lossy(&o.stdout), committed);
    let o = run(&["diff", "5.24", "latest", "--format", "junit"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.starts_with("<?xml")
            && out.contains(r#"<testcase classname="adcontract.diff" name="enum-value-removed">"#)
    );
}

#[test]
fn a_file_side_is_the_same_contract_as_the_embedded_one() {
    let file = root()
        .join("schema/canonical/agent-desktop.api.json")
        .display()
        .to_string();
    let o = run(&["diff", "5.24", &format!("{file}@5.24"), "--fail-on", "any"]);
    assert_eq!(code(&o), Some(0), "{}", text(&o));
    let o = run(&["diff", &format!("{file}@5.24"), &file]);
    assert_eq!(code(&o), Some(1), "newest version by default: {}", text(&o));
}

#[test]
fn accepted_breaks_stop_failing_and_stale_ones_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let old_dir = dir.path().join("old");
    std::fs::create_dir_all(&old_dir).unwrap();
    let old = minimal_copy(&old_dir, |t| t);
    let new_dir = dir.path().join("new");
    std::fs::create_dir_all(&new_dir).unwrap();
    let new = minimal_copy(&new_dir, |t| {
        t.replace(r#"["red", "green"]"#, r#"["red", "green", "blue"]"#)
    });
    let o = run(&["diff", &old, &new, "--format", "json"]);
    assert_eq!(code(&o), Some(1), "{}", text(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    let first: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert_eq!(first["rule"], "enum-value-added");
    let accept = dir.path().join("accepted.txt");
    std::fs::write(
        &accept,
        format!(
            "# reviewed\n{}  blue is handled\n0123456789ab  gone\n",
            first["fingerprint"].as_str().unwrap()
        ),
    )
    .unwrap();
    let a = accept.display().to_string();
    let o = run(&["diff", &old, &new, "--accept", &a]);
    assert_eq!(code(&o), Some(0), "{}", text(&o));
    assert!(
        text(&o).contains("accepted fingerprint 0123456789ab (line 3) matches no finding"),
        "{}",
        text(&o)
    );
    std::fs::write(&accept, "not-a-fingerprint reason\n").unwrap();
    let o = run(&["diff", &old, &new, "--accept", &a]);
    assert_eq!(code(&o), Some(2), "{}", text(&o));
    assert!(text(&o).contains("accepted.txt:1: error:"), "{}", text(&o));
}

#[test]
fn bad_input_is_a_clear_usage_error() {
    // An unknown version.
    let o = run(&["diff", "5.20", "latest"]);
    assert_eq!(code(&o), Some(2), "{}", text(&o));
    assert!(
        text(&o)
            .contains("`5.20` is neither a version of the canonical contract (5.19, 5.24, latest)"),
        "{}",
        text(&o)
    );
    let o = run(&[
        "diff",
        "5.24",
        "schema/canonical/agent-desktop.api.json@4.0",
    ]);
    assert_eq!(code(&o), Some(2), "{}", text(&o));
    assert!(text(&o).contains("unknown version `4.0`"), "{}", text(&o));
    let o = run(&["report", "--api-version", "5.20"]);
    assert_eq!(code(&o), Some(2), "{}", text(&o));
    // An unreadable file.
    let o = run(&["diff", "no/such/file.api.json", "latest"]);
    assert_eq!(code(&o), Some(2), "{}", text(&o));
    assert!(text(&o).contains("no/such/file.api.json"), "{}", text(&o));
    // An unresolvable $ref.
    let dir = tempfile::tempdir().unwrap();
    let broken = minimal_copy(dir.path(), |t| t.replace("#/$defs/Color", "#/$defs/Colour"));
    let o = run(&["diff", &broken, &broken]);
    assert_eq!(code(&o), Some(2), "{}", text(&o));
    assert!(text(&o).contains("Colour"), "{}", text(&o));
    // Two files that describe different APIs.
    let minimal = fixture_path("minimal").display().to_string();
    let o = run(&["diff", &minimal, "latest"]);
    assert_eq!(code(&o), Some(2), "{}", text(&o));
    assert!(text(&o).contains("describe different APIs"), "{}", text(&o));
    // Usage.
    let o = run(&["diff", "5.24"]);
    assert_eq!(code(&o), Some(2), "{}", text(&o));
    let o = run(&["diff", "5.24", "latest", "--role", "integrator"]);
    assert_eq!(code(&o), Some(2), "{}", text(&o));
}
