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
