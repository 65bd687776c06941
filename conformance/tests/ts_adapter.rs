//! The JavaScript/TypeScript adapter (`conformance/adapters/ts/harness.mjs`) run under node
//! against a small fake desktop: the conforming fake passes, the broken one fails with its rule.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use adcontract_conformance::process::{Harness, Limits};
use adcontract_conformance::protocol::Role;
use adcontract_conformance::recording;
use adcontract_conformance::runner::{self, Case, CaseResult, Mode, Verdict};
use adcontract_conformance::spec::fixture_source;

fn node_available() -> bool {
    Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("adapters/ts")
}

fn run(env: &str, file: &str) -> CaseResult {
    let cmd = format!(
        "cd '{}' && {env} node harness.mjs fake-desktop.mjs",
        dir().display()
    );
    let limits = Limits {
        message: Duration::from_secs(5),
        startup: Duration::from_secs(15),
        max_restarts: 1,
        stderr_bytes: 4096,
    };
    let mut h = Harness::new(&cmd, Role::Provider, limits);
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(file);
    let rec = recording::read(&path).0.unwrap_or_else(|| panic!("{file}"));
    let spec = fixture_source(&rec.header.api_version).unwrap_or_else(|e| panic!("{e}"));
    runner::run_case(
        &mut h,
        spec,
        &Case {
            name: file.into(),
            recording: rec,
        },
        Role::Provider,
        Mode::Replay,
    )
}

#[test]
fn the_js_adapter_runs_a_conforming_fake() {
    if !node_available() {
        eprintln!("node not found: the JS adapter test did not run");
        return;
    }
    let r = run("", "a10-basic-voice.jsonl");
    assert_eq!(r.verdict, Verdict::Pass, "{r:#?}");
    // API B is declined by the adapter: skip, not fail.
    assert_eq!(
        run("", "b01-terminate-complete.jsonl").verdict,
        Verdict::Skip
    );
}

#[test]
fn the_js_adapter_reports_a_broken_fake() {
    if !node_available() {
        eprintln!("node not found: the JS adapter test did not run");
        return;
    }
    let r = run("FAKE_BROKEN=1", "a10-basic-voice.jsonl");
    assert_eq!(r.verdict, Verdict::Fail);
    assert_eq!(
        r.violations.first().map(|v| v.rule),
        Some("AD-COMPLETE-REMOVED"),
        "{r:#?}"
    );
}
