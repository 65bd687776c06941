//! The page-side recorder (`adcontract generate recorder`) in real Chromium, wrapping the fake
//! desktop of `adcontract serve` (`recorder.mjs`, page `pages/recorded.html`): the recording the
//! page makes equals, kind by kind and value by value, the server's own recording of the session
//! redacted under the same key; nothing personal is in it; the copy POSTed to
//! `/control/recordings` is saved byte for byte; and its import replays green against
//! `adcontract simulate`.

use std::process::Command;

use serde_json::Value;

use crate::support::{adcontract, browser_ready, replay, root};

/// `(kind, method or event, payload)` of every call, result, event and answer, in order.
fn comparable(entries: &[Value], kind: &str) -> Vec<(String, Value)> {
    entries
        .iter()
        .filter(|e| e["kind"] == kind)
        .map(|e| {
            let (name, payload) = match kind {
                "call" => (&e["method"], &e["args"]),
                "result" => (&e["method"], &e["result"]),
                "event" => (&e["event"], &e["args"]),
                _ => (&e["event"], &e["response"]),
            };
            (
                name.as_str().unwrap_or_default().to_owned(),
                payload.clone(),
            )
        })
        .collect()
}

fn entries(text: &str) -> Vec<Value> {
    text.lines()
        .skip(1)
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn the_recorder_in_chromium_records_what_the_server_saw_less_redaction() {
    if !browser_ready("recorder in Chromium") {
        return;
    }
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let script = root().join("serve/tests/it/recorder.mjs");
    let o = Command::new("node")
        .arg(&script)
        .arg(adcontract())
        .arg(out.path())
        .output()
        .unwrap_or_else(|e| panic!("node {}: {e}", script.display()));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "recorder in Chromium failed:\n{stderr}");
    let stdout = String::from_utf8_lossy(&o.stdout);
    let r: Value = serde_json::from_str(stdout.lines().last().unwrap_or_default())
        .unwrap_or_else(|e| panic!("not a JSON result ({e}):\n{stdout}\n{stderr}"));

    let recorded = r["recorded"][0].as_str().expect("one recording");
    assert_eq!(r["recorded"].as_array().map(Vec::len), Some(1), "{r:#}");
    let server = r["server"].as_str().expect("the server's recording");
    let header: Value =
        serde_json::from_str(recorded.lines().next().unwrap_or_default()).expect("header");
    assert_eq!(header["origin"]["kind"], "recorded");
    assert_eq!(header["redaction"]["policy"], "adcontract-pseudonym-1");

    // Less redaction, the page's recording is the server's: compare every kind in order.
    let mine = entries(recorded);
    let theirs: Vec<Value> = r["redactedServer"].as_array().cloned().unwrap_or_default();
    for kind in ["call", "result", "event", "response"] {
        assert_eq!(
            comparable(&mine, kind),
            comparable(&theirs, kind),
            "{kind} entries differ"
        );
    }
    assert!(comparable(&mine, "call").len() >= 4 && comparable(&mine, "event").len() >= 10);

    // The server saw the personal values; the page's recording has none of them.
    for secret in [
        "+1 (555) 010-4477",
        "jane.agent",
        "Jane Roe asked about invoice 4471",
    ] {
        assert!(server.contains(secret), "the server saw {secret:?}");
        assert!(!recorded.contains(secret), "{secret:?} left the page");
    }
    assert!(!recorded.contains("crm-secret-integration-key"));
    assert!(!recorded.contains(r["key"].as_str().expect("key")));

    // The sink: the POSTed recording is what the server saved.
    let saved = r["saved"][0].as_str().expect("a saved recording");
    assert_eq!(
        std::fs::read_to_string(saved).expect("saved file"),
        recorded
    );

    // The redacted recording, its fixtures inferred, replays green against the reference model.
    let imported = out.path().join("recorded-imported.jsonl");
    let o = Command::new(adcontract())
        .args(["record", "import", saved, "-o"])
        .arg(&imported)
        .output()
        .expect("record import");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (code, report) = replay(&[imported]);
    assert_eq!(code, 0, "replay against adcontract simulate:\n{report}");
    assert!(report.contains("1 pass"), "{report}");
}
