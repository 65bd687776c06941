//! The generated package under a strict Content-Security-Policy in real Chromium: pages served
//! from a loopback server with `script-src 'self'` import the 5.19 package and validate the
//! corpus's `InteractionData@5.19` instances exactly as the Rust validator does, while a page
//! under the same policy cannot `eval` (and can without it, so the policy is known to be on).
//!
//! Needs Debian's `/usr/bin/chromium` (installed by `scripts/test-all.sh`) and the pinned
//! `playwright-core` from `ts/package-lock.json`; fails, never skips, without them.

use std::path::Path;

use adcontract_schema::validate::{Options, Validator};
use serde_json::{Value, json};

use super::common::{self, node, package, run, write_package};

const VIEW: &str = "5.19";
const TYPE: &str = "InteractionData";

/// The corpus instances of `InteractionData@5.19` (valid and invalid).
fn instances() -> Vec<Value> {
    let dir = common::root().join(format!("tests/corpus/instances/{TYPE}@{VIEW}"));
    let mut files = Vec::new();
    for kind in ["valid", "invalid"] {
        let entries =
            std::fs::read_dir(dir.join(kind)).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        files.extend(entries.flatten().map(|e| e.path()));
    }
    files.sort();
    files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("read instance");
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        })
        .collect()
}

/// `ts/node_modules` with the lockfile's `playwright-core` (installs with `npm ci` if missing).
fn playwright_ready() {
    // `tsc()` runs `npm ci` when the pinned compiler is missing; playwright-core comes with it.
    let _ = common::tsc();
    let pw = common::ts_dir().join("node_modules/playwright-core/package.json");
    if !pw.exists() {
        let o = run(std::process::Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--prefer-offline"])
            .current_dir(common::ts_dir()));
        assert!(
            o.status.success(),
            "npm ci failed: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    assert!(
        pw.exists(),
        "playwright-core is not in ts/node_modules after npm ci"
    );
    assert!(
        Path::new("/usr/bin/chromium").exists(),
        "/usr/bin/chromium is missing: `apt-get install chromium` (scripts/test-all.sh does)"
    );
}

#[test]
fn validators_work_in_chromium_under_script_src_self() {
    playwright_ready();
    let ir = common::view(VIEW);
    let tmp = tempfile::tempdir().expect("tempdir");
    let pkg_dir = tmp.path().join("pkg");
    write_package(&pkg_dir, &package(&ir, "the canonical adcontract schema"));
    let values = instances();
    assert!(values.len() >= 4, "too few corpus instances");
    let ts_name = adcontract_codegen::ts::exported_type_name(&ir, TYPE).expect("type");
    let cases_path = tmp.path().join("cases.json");
    std::fs::write(
        &cases_path,
        serde_json::to_vec(&json!({"type": TYPE, "tsName": ts_name, "values": values}))
            .expect("json"),
    )
    .expect("write cases");

    let mut cmd = node();
    cmd.arg(common::ts_dir().join("csp.mjs"))
        .arg(&pkg_dir)
        .arg(&cases_path);
    let o = run(&mut cmd);
    assert!(
        o.status.success(),
        "the Chromium run failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out: Value = serde_json::from_slice(&o.stdout).expect("runner prints JSON");

    // The policy is in force: eval and new Function are refused under it, allowed without it.
    assert_eq!(
        out["eval"],
        json!("eval blocked: EvalError; Function blocked: EvalError"),
        "{out}"
    );
    assert_eq!(
        out["control"],
        json!("eval ran: 2; Function ran: 2"),
        "{out}"
    );

    let results = out["app"]
        .as_array()
        .unwrap_or_else(|| panic!("the app page did not validate: {out}"));
    assert_eq!(results.len(), values.len());
    let rust = Validator::new(&ir, Options::default()).expect("validator");
    let mut invalid = 0;
    for (value, got) in values.iter().zip(results) {
        let mut expected: Vec<Value> = rust
            .validate(TYPE, value)
            .expect("known type")
            .into_iter()
            .map(|p| {
                let sev = if p.is_error() { "error" } else { "warning" };
                json!({"path": p.pointer, "keyword": p.keyword, "message": p.message, "severity": sev})
            })
            .collect();
        let mut problems = got["problems"].as_array().cloned().unwrap_or_default();
        let key = |v: &Value| v.to_string();
        expected.sort_by_key(key);
        problems.sort_by_key(key);
        assert_eq!(problems, expected, "{value}");
        let valid = !expected.iter().any(|p| p["severity"] == "error");
        invalid += usize::from(!valid);
        assert_eq!(got["is"], json!(valid), "is{ts_name} on {value}");
    }
    assert!(
        invalid > 0 && invalid < values.len(),
        "need valid and invalid cases"
    );
    // Only the eval page may have complained (its refusals are logged as errors).
    let unexpected: Vec<&Value> = out["violations"]
        .as_array()
        .map(|v| {
            v.iter()
                .filter(|m| !m.as_str().unwrap_or("").starts_with("eval:"))
                .collect()
        })
        .unwrap_or_default();
    assert!(unexpected.is_empty(), "{unexpected:?}");
}
