//! `adcontract generate rust`: writes what the emitter renders; `--check` is 0 when fresh, 1 with
//! a unified diff when stale; 2 on input errors with every diagnostic printed.

use std::path::PathBuf;
use std::process::Command;

/// The `adcontract` binary, built on demand (shared with the other end-to-end suites).
fn binary() -> PathBuf {
    PathBuf::from(adcontract_tests::adcontract_bin())
}

#[test]
fn generate_rust_then_check() {
    let bin = binary();
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("nested/bindings.rs");
    let fixture = super::common::fixture_path("minimal");
    let run = |extra: &[&str]| {
        let mut c = Command::new(&bin);
        c.args(["generate", "rust", "--schema"])
            .arg(&fixture)
            .arg("--out")
            .arg(&out)
            .args(extra);
        c.output().expect("runs")
    };
    let o = run(&[]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let written = std::fs::read_to_string(&out).expect("written");
    let ir = super::common::fixture("minimal");
    let expected = adcontract_codegen::rust::render(
        &ir,
        &super::common::settings(&fixture.display().to_string()),
    );
    assert_eq!(written, expected);

    assert_eq!(run(&["--check"]).status.code(), Some(0));
    std::fs::write(
        &out,
        written.replace("Returns a thing.", "Returns a stale thing."),
    )
    .expect("write");
    let o = run(&["--check"]);
    assert_eq!(o.status.code(), Some(1));
    let diff = String::from_utf8_lossy(&o.stdout);
    let removed = diff.lines().any(|l| {
        l.starts_with('-') && l.trim_start_matches('-').trim() == "/// Returns a stale thing."
    });
    let added = diff
        .lines()
        .any(|l| l.starts_with('+') && l.trim_start_matches('+').trim() == "/// Returns a thing.");
    assert!(removed && added && diff.starts_with("---"), "{diff}");

    let o = Command::new(&bin)
        .args(["generate", "rust", "--api-version", "9.99", "--out"])
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    let o = Command::new(&bin)
        .args(["generate", "rust", "--schema"])
        .arg(super::common::fixture_path("collision"))
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("/$defs/Data/properties/DNIS") && err.contains("/$defs/Data/properties/dnis"),
        "{err}"
    );
}

/// `--runtime` names the runtime support path of the written file; a bad path is a usage error.
#[test]
fn generate_rust_with_another_runtime_path() {
    let bin = binary();
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("bindings.rs");
    let o = Command::new(&bin)
        .args([
            "generate",
            "rust",
            "--runtime",
            "::adcontract_schema::runtime",
            "--out",
        ])
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let written = std::fs::read_to_string(&out).expect("written");
    assert!(written.contains("::adcontract_schema::runtime::serde"));
    assert!(!written.contains("__private"));

    let o = Command::new(&bin)
        .args(["generate", "rust", "--runtime", "not a path", "--out"])
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a Rust path"));
}

/// A plain JSON Schema types document: generated without `--api-version` (its one version),
/// identical to what the emitter renders; a document with keywords the IR cannot express is
/// refused with every problem (pointer and hint) and exit 2, writing nothing.
#[test]
fn generate_rust_from_a_plain_types_document() {
    let bin = binary();
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("crm.rs");
    let fixture = super::common::fixture_path("plain");
    let o = Command::new(&bin)
        .args(["generate", "rust", "--schema"])
        .arg(&fixture)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let written = std::fs::read_to_string(&out).expect("written");
    let expected = adcontract_codegen::rust::render(
        &super::common::fixture("plain"),
        &super::common::settings(&fixture.display().to_string()),
    );
    assert_eq!(written, expected);
    assert!(written.contains("pub struct Customer") && !written.contains("pub mod widget"));

    let bad = dir.path().join("bad.rs");
    let o = Command::new(&bin)
        .args(["generate", "rust", "--schema"])
        .arg(super::common::fixture_path("plain-unsupported"))
        .arg("--out")
        .arg(&bad)
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    for ptr in [
        ": /type: error:",
        ": /$defs/Loose/patternProperties: error:",
        ": /$defs/Conditional/if: error:",
        ": /$defs/Conditional/then: error:",
        ": /$defs/Remote/$ref: error:",
        ": /$defs/Odd/multipleOf: error:",
    ] {
        assert!(err.contains(ptr), "missing {ptr}:\n{err}");
    }
    assert_eq!(
        err.lines().filter(|l| l.contains("(hint: ")).count(),
        6,
        "{err}"
    );
    assert!(!bad.exists());
}
