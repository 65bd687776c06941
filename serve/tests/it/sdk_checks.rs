//! The page SDK's development-mode checks (the compiled validators of `ts::validators`, served
//! as a classic script) against the Rust validator: every parameter of every method, in every
//! view and both APIs, given wrong values of each JSON type. The SDK must report an argument
//! exactly when the Rust validator finds an error in it, with one of the Rust validator's
//! errors (pointer and message) as the reason.

use adcontract_codegen::browser::sdk::sdk;
use adcontract_schema::ir::{ApiId, Ir};
use adcontract_schema::validate::{Options, Validator};
use serde_json::{Value, json};

use super::support::root;

/// Values every parameter is tried with (`null` and absent arguments are the SDK's own
/// "is required" check, not the validators').
fn wrong_values() -> Vec<Value> {
    vec![
        json!(42),
        json!(2.5),
        json!("wrong"),
        json!(true),
        json!([]),
        json!([1]),
        json!({}),
        json!({"__extra": 1}),
    ]
}

/// The SDK's console lines for each call.
fn run_sdk(script: &str, api: &str, calls: &[Value]) -> Vec<Vec<String>> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sdk.js");
    std::fs::write(&path, script).expect("write sdk");
    let input = json!({ "script": path, "api": api, "calls": calls });
    let input_path = dir.path().join("calls.json");
    std::fs::write(&input_path, input.to_string()).expect("write calls");
    let out = std::process::Command::new("node")
        .arg(root().join("serve/tests/it/sdk_checks.mjs"))
        .stdin(std::fs::File::open(&input_path).expect("open calls"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run node (the test needs it on PATH): {e}"));
    assert!(
        out.status.success(),
        "node failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the runner prints JSON")
}

fn check_view(ir: &Ir) -> usize {
    let validator = Validator::new(
        ir,
        Options {
            deny_unknown: false,
        },
    )
    .expect("validator");
    let mut checked = 0;
    for (id, api_name) in [(ApiId::Widget, "widget"), (ApiId::Embedded, "embedded")] {
        let (Some(api), Some(script)) = (ir.api(id), sdk(ir, id, "ws://127.0.0.1:9")) else {
            continue;
        };
        let mut calls = Vec::new();
        // For each call: the lines the Rust validator allows (any one of its errors).
        let mut expected: Vec<Option<Vec<String>>> = Vec::new();
        for m in api
            .methods
            .iter()
            .filter(|m| id == ApiId::Widget || m.sends_message())
        {
            for (i, p) in m.params.iter().enumerate() {
                for v in wrong_values() {
                    // The other parameters get `null`: a required one is reported as missing,
                    // the same line every time, which is left out below.
                    let mut args = vec![Value::Null; m.params.len()];
                    args[i] = v.clone();
                    calls.push(json!({ "method": m.name, "args": args }));
                    let errors: Vec<String> = validator
                        .validate_shape(&p.shape, &v)
                        .into_iter()
                        .filter(|p| p.is_error())
                        .map(|e| {
                            let at = if e.pointer.is_empty() {
                                "/"
                            } else {
                                &e.pointer
                            };
                            format!(
                                "[adcontract] AD-PAYLOAD-VALID: {}: argument {} ({}) {at}: {}",
                                m.name,
                                i + 1,
                                p.name,
                                e.message
                            )
                        })
                        .collect();
                    expected.push((!errors.is_empty()).then_some(errors));
                }
            }
        }
        let got = run_sdk(&script, api_name, &calls);
        assert_eq!(got.len(), calls.len());
        let mut failures = Vec::new();
        for ((call, want), lines) in calls.iter().zip(&expected).zip(&got) {
            let prefix = format!(
                "[adcontract] AD-PAYLOAD-VALID: {}: argument ",
                call["method"].as_str().unwrap_or_default()
            );
            let reported: Vec<&String> = lines
                .iter()
                .filter(|l| l.starts_with(&prefix) && !l.ends_with(" is required"))
                .collect();
            let ok = match want {
                None => reported.is_empty(),
                Some(errors) => reported.len() == 1 && errors.contains(reported[0]),
            };
            if !ok {
                failures.push(format!(
                    "{api_name} {call}:\n  rust: {want:?}\n  sdk:  {lines:?}"
                ));
            }
            checked += 1;
        }
        assert!(
            failures.is_empty(),
            "{} of {} SDK checks disagree with the Rust validator ({}):\n{}",
            failures.len(),
            calls.len(),
            ir.version.id,
            failures[..failures.len().min(10)].join("\n")
        );
    }
    checked
}

#[test]
fn sdk_checks_agree_with_the_rust_validator_in_every_view() {
    let canonical = adcontract_schema::canonical();
    let mut checked = 0;
    for v in ["5.19", "5.24", "latest"] {
        let ir = canonical
            .view(v)
            .unwrap_or_else(|e| panic!("view {v}: {e}"));
        checked += check_view(&ir);
    }
    // Most parameters take a value: nearly every call must have been compared.
    assert!(checked > 500, "only {checked} calls checked");
}
