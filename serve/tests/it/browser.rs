//! Integrator pages in real Chromium against `adcontract serve`: the seed 000 example (API A, an
//! `interactionsList` kept by `ON_INTERACTION_REMOVED`), the seed 003 sample (API B: Get State,
//! Terminate, Complete and a log), and two broken pages.

use std::path::PathBuf;

use serde_json::Value;

use crate::support::{browser_ready, chromium, replay};

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Both the session the page fetched and the one the server saved on its own replay green.
fn replays_green(out: &std::path::Path, name: &str) {
    let dir = out.join("recordings");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    assert!(files.iter().any(|f| f.ends_with(name)), "{files:?}");
    assert!(
        files.iter().any(|f| f
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("session-"))),
        "--record-dir saved no session: {files:?}"
    );
    let (code, report) = replay(&files);
    assert_eq!(code, 0, "replay against adcontract simulate:\n{report}");
    assert!(
        report.contains(&format!("{} pass", files.len())),
        "{report}"
    );
}

fn screenshots(out: &std::path::Path, names: &[&str]) {
    for n in names {
        let p = out.join("screenshots").join(n);
        let len = std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0);
        assert!(len > 1000, "screenshot {} missing or empty", p.display());
        if let Some(dir) = std::env::var_os("ADCONTRACT_SCREENSHOTS") {
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::copy(&p, PathBuf::from(dir).join(n));
        }
    }
}

#[test]
fn seed_000_page_keeps_its_list_through_the_whole_lifecycle() {
    if !browser_ready("seed 000 in Chromium") {
        return;
    }
    let (r, out) = chromium("seed000");
    assert_eq!(
        strings(&r["agentStates"]),
        ["ready", "busy", "after_call_work", "ready"],
        "{r:#}"
    );
    assert_eq!(
        r["empty"], true,
        "the list must be empty after Complete: {r:#}"
    );
    assert_eq!(
        strings(&r["log"]),
        [
            "agent ready",
            "acceptInteraction voice-1: success",
            "agent busy",
            "leaveInteraction voice-1: success",
            "agent after_call_work",
            "completeInteraction voice-1: success",
            "removed voice-1",
            "agent ready"
        ],
        "{r:#}"
    );
    assert_eq!(r["violations"], Value::Array(vec![]), "{r:#}");
    assert_eq!(r["console"], Value::Array(vec![]), "{r:#}");
    screenshots(out.path(), &["api-a-panel.png", "api-a-offered.png"]);
    replays_green(out.path(), "seed000.jsonl");
    // The SDK's message logger speaks the vendor's format: `record import` reads it, and the
    // imported recording replays green too.
    let messages = r["messages"].as_str().unwrap_or_default();
    let imported = out.path().join("imported.jsonl");
    let o = std::process::Command::new(crate::support::adcontract())
        .args(["record", "import", messages, "-o"])
        .arg(&imported)
        .output()
        .unwrap_or_else(|e| panic!("record import: {e}"));
    assert!(
        o.status.success(),
        "record import of the page's message log:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let (code, report) = replay(&[imported]);
    assert_eq!(code, 0, "the imported log replays:\n{report}");
}

#[test]
fn seed_003_sample_shows_terminate_after_call_work_complete_ready() {
    if !browser_ready("seed 003 in Chromium") {
        return;
    }
    let (r, out) = chromium("seed003");
    assert_eq!(
        strings(&r["states"]),
        ["busy", "after_call_work", "ready"],
        "{r:#}"
    );
    assert_eq!(r["itemId"], "voice-1");
    assert_eq!(r["interactionsAfter"], Value::Array(vec![]));
    let log = strings(&r["log"]);
    let statuses: Vec<String> = log
        .iter()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|m| m["command"] == "STATE_CHANGED")
        .map(|m| m["data"]["status"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        statuses,
        ["ready", "busy", "after_call_work", "ready"],
        "{log:#?}"
    );
    assert_eq!(r["violations"], Value::Array(vec![]), "{r:#}");
    screenshots(out.path(), &["api-b-repeater.png", "api-b-page.png"]);
    replays_green(out.path(), "seed003.jsonl");
}

#[test]
fn broken_pages_are_named_by_rule() {
    if !browser_ready("broken pages in Chromium") {
        return;
    }
    let (r, _out) = chromium("broken");
    let rules = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x["rule"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    // Never answering an event that expects a response.
    assert_eq!(
        rules(&r["answer"]["violations"]),
        ["AD-RESPONSE-PRESENCE"],
        "{r:#}"
    );
    let msg = r["answer"]["violations"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(msg.contains("ON_REQUEST_TRANSFER_DATA"), "{msg}");
    assert!(
        strings(&r["answer"]["console"])
            .iter()
            .any(|l| l.contains("[adcontract] AD-RESPONSE-PRESENCE: ON_REQUEST_TRANSFER_DATA")),
        "{r:#}"
    );
    // A number where a string is wanted: the page gets invalid_args (3), as from the desktop.
    assert_eq!(r["type"]["result"]["status"], "error", "{r:#}");
    assert_eq!(
        r["type"]["result"]["error"]["name"], "invalid_args",
        "{r:#}"
    );
    assert_eq!(r["type"]["result"]["error"]["code"], 3, "{r:#}");
    assert_eq!(
        rules(&r["type"]["violations"]),
        ["AD-PAYLOAD-VALID"],
        "{r:#}"
    );
    let msg = r["type"]["violations"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(
        msg.starts_with("setAgentState: argument 1 (state)"),
        "{msg}"
    );
    assert!(
        strings(&r["type"]["console"]).iter().any(|l| l.contains("[adcontract] AD-PAYLOAD-VALID: setAgentState: argument 1 (state)")),
        "the page's own (generated) validators report it too: {r:#}"
    );
}

/// The README's front-end example, exactly as printed there, run as a user would have it
/// installed (`playwright-core` and `@adcontract/playwright` in `node_modules`, `adcontract` on
/// `PATH`).
#[test]
fn the_readme_example_works_as_written() {
    if !browser_ready("README example in Chromium") {
        return;
    }
    let root = crate::support::root();
    let example = std::fs::read_to_string(root.join("serve/playwright/example.mjs"))
        .unwrap_or_else(|e| panic!("example: {e}"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap_or_default();
    assert!(
        readme.contains(&format!("```js\n{example}```")),
        "README.md must quote serve/playwright/example.mjs exactly"
    );
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let nm = dir.path().join("node_modules");
    std::fs::create_dir_all(nm.join("@adcontract")).unwrap_or_else(|e| panic!("{e}"));
    let link = |from: PathBuf, to: PathBuf| {
        std::os::unix::fs::symlink(&from, &to)
            .unwrap_or_else(|e| panic!("{} -> {}: {e}", to.display(), from.display()))
    };
    link(
        root.join("ts/node_modules/playwright-core"),
        nm.join("playwright-core"),
    );
    link(
        root.join("serve/playwright"),
        nm.join("@adcontract/playwright"),
    );
    std::fs::write(dir.path().join("example.mjs"), &example).unwrap_or_else(|e| panic!("{e}"));
    let bin = PathBuf::from(crate::support::adcontract());
    let path = format!(
        "{}:{}",
        bin.parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        std::env::var("PATH").unwrap_or_default()
    );
    let _one_at_a_time = crate::support::browser_lock();
    let o = std::process::Command::new("node")
        .arg("example.mjs")
        .current_dir(dir.path())
        .env("PATH", path)
        .output()
        .unwrap_or_else(|e| panic!("node example.mjs: {e}"));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "the README example failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        stdout.contains("\"format\":\"adcontract-recording\""),
        "{stdout}"
    );
}
