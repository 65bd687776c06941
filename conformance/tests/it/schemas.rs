//! The JSON Schemas of the recording format and the protocol messages are generated from the
//! Rust types and committed in `schema/conformance/`; they must be current, and every line of
//! the committed corpus (and the simulator's traffic) must be valid under them.
//! Regenerate with `ADCONTRACT_BLESS=1 cargo test -p adcontract-conformance --test it schemas::`.

use std::path::{Path, PathBuf};

use adcontract_conformance::wire::{protocol, recording};
use serde_json::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/conformance")
}

fn all() -> Vec<(&'static str, Value)> {
    let mut v = recording::schemas();
    v.extend(protocol::schemas());
    v
}

#[test]
fn committed_schemas_are_current() {
    // Never write in CI: a stale file there must fail, not be quietly regenerated.
    let bless = std::env::var_os("ADCONTRACT_BLESS").is_some() && std::env::var_os("CI").is_none();
    let mut stale = Vec::new();
    for (name, schema) in all() {
        let text = serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n";
        let path = dir().join(name);
        if bless {
            std::fs::create_dir_all(dir()).unwrap_or_else(|e| panic!("{e}"));
            std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{e}"));
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(name);
        }
    }
    assert!(stale.is_empty(), "stale schemas: {stale:?}");
}

fn validator(name: &str) -> jsonschema::Validator {
    let schema = all()
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, s)| s)
        .unwrap_or(Value::Null);
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn every_corpus_line_is_valid_under_the_recording_schemas() {
    let header = validator("recording-header.schema.json");
    let entry = validator("recording-entry.schema.json");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut n = 0;
    for f in std::fs::read_dir(corpus).into_iter().flatten().flatten() {
        let text = std::fs::read_to_string(f.path()).unwrap_or_default();
        for (i, line) in text.lines().enumerate() {
            let v: Value = serde_json::from_str(line).unwrap_or(Value::Null);
            let val = if i == 0 { &header } else { &entry };
            let errors: Vec<String> = val.iter_errors(&v).map(|e| e.to_string()).collect();
            assert!(
                errors.is_empty(),
                "{}:{}: {errors:?}",
                f.path().display(),
                i + 1
            );
            n += 1;
        }
    }
    assert!(n > 100);
}

#[test]
fn simulator_traffic_is_valid_under_the_protocol_schemas() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let req = validator("protocol-request.schema.json");
    let rep = validator("protocol-reply.schema.json");
    let requests = [
        r#"{"id":1,"cmd":"start","protocol":1,"role":"provider"}"#,
        r#"{"id":2,"cmd":"reset","api":"widget","apiVersion":"latest"}"#,
        r#"{"id":3,"cmd":"fixture","fixture":"login","args":{}}"#,
        r#"{"id":4,"cmd":"call","method":"getAgentState","args":[]}"#,
        r#"{"id":5,"cmd":"answer","event":"ON_REQUEST_TRANSFER_DATA","response":{}}"#,
        r#"{"id":6,"cmd":"stop"}"#,
    ];
    for r in requests {
        let v: Value = serde_json::from_str(r).unwrap_or(Value::Null);
        assert!(req.is_valid(&v), "request {r}");
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_adcontract-simulate"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all((requests.join("\n") + "\n").as_bytes());
    }
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.lines().count(), 5);
    for line in text.lines() {
        let v: Value = serde_json::from_str(line).unwrap_or(Value::Null);
        let errors: Vec<String> = rep.iter_errors(&v).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{line}: {errors:?}");
    }
}
