//! What the tests share: the workspace's `adcontract` binary and the browser prerequisites.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The `adcontract` binary, built once per test process (a package cannot depend on another
/// package's binary).
pub(crate) fn adcontract() -> &'static str {
    static BIN: OnceLock<String> = OnceLock::new();
    BIN.get_or_init(|| {
        let status = Command::new(env!("CARGO"))
            .args(["build", "-q", "--bin", "adcontract"])
            .current_dir(root())
            .status()
            .unwrap_or_else(|e| panic!("cargo build --bin adcontract: {e}"));
        assert!(status.success(), "cargo build --bin adcontract failed");
        let target = std::env::var("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|_| root().join("target"));
        target.join("debug/adcontract").display().to_string()
    })
}

/// Whether Chromium and playwright-core are there. Under CI their absence fails the test (the
/// test command installs both); elsewhere the test says it did not run.
pub(crate) fn browser_ready(test: &str) -> bool {
    let chromium =
        std::env::var("ADCONTRACT_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let pw = root().join("ts/node_modules/playwright-core/package.json");
    let missing: Vec<String> = [
        (!Path::new(&chromium).exists()).then(|| format!("{chromium} (apt-get install chromium)")),
        (!pw.exists()).then(|| "ts/node_modules/playwright-core (cd ts && npm ci)".to_string()),
    ]
    .into_iter()
    .flatten()
    .collect();
    if missing.is_empty() {
        return true;
    }
    let msg = format!(
        "{test}: missing {}; scripts/test-all.sh installs them",
        missing.join(" and ")
    );
    assert!(std::env::var_os("CI").is_none(), "{msg}");
    eprintln!("NOT RUN: {msg}");
    false
}

/// Runs a scenario of `chromium.mjs`; returns its JSON result and where its files are.
pub(crate) fn chromium(scenario: &str) -> (serde_json::Value, tempfile::TempDir) {
    let _one_at_a_time = browser_lock();
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let script = root().join("serve/tests/it/chromium.mjs");
    let o = Command::new("node")
        .arg(&script)
        .arg(adcontract())
        .arg(scenario)
        .arg(out.path())
        .output()
        .unwrap_or_else(|e| panic!("node {}: {e}", script.display()));
    let stdout = String::from_utf8_lossy(&o.stdout);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        o.status.success(),
        "{scenario} failed in Chromium:\n{stderr}"
    );
    let line = stdout.lines().last().unwrap_or_default();
    let v = serde_json::from_str(line)
        .unwrap_or_else(|e| panic!("{scenario}: not a JSON result ({e}):\n{stdout}\n{stderr}"));
    (v, out)
}

/// `adcontract replay --impl "adcontract simulate" FILES`: exit code and report.
pub(crate) fn replay(files: &[PathBuf]) -> (i32, String) {
    let bin = adcontract();
    let o = Command::new(bin)
        .arg("replay")
        .arg("--impl")
        .arg(format!("{bin} simulate"))
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("adcontract replay: {e}"));
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    (o.status.code().unwrap_or(-1), report)
}

/// One Chromium at a time: the machine has two cores, and parallel browsers only make every
/// scenario's timeouts tighter.
pub(crate) fn browser_lock() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    LOCK.lock().unwrap_or_else(|p| p.into_inner())
}
