//! `compile_standalone` over the JSON-Schema-Test-Suite: never panics, compiles what is inside
//! the supported subset, and rejects the rest with diagnostics.

use std::path::PathBuf;

use serde_json::Value;

fn suite_dir() -> Option<PathBuf> {
    // shared/ sits beside the repository (CI clones main next to it).
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/jsonschema-test-suite/tests/draft2020-12");
    dir.is_dir().then_some(dir)
}

#[test]
fn test_suite_schemas_compile_or_are_rejected_with_diagnostics() {
    let Some(dir) = suite_dir() else {
        panic!(
            "JSON-Schema-Test-Suite not found beside the repository (shared/jsonschema-test-suite)"
        );
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let (mut compiled, mut rejected) = (0usize, 0usize);
    for file in &files {
        let groups: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        for group in groups.as_array().unwrap() {
            match adcontract_schema::compile_standalone(&group["schema"]) {
                Ok(ir) => {
                    assert!(ir.types.contains_key("Root"));
                    compiled += 1;
                }
                Err(e) => {
                    assert!(!e.0.is_empty());
                    assert!(e.0.iter().all(|d| !d.message.is_empty()));
                    rejected += 1;
                }
            }
        }
    }
    println!("test suite groups: {compiled} compiled, {rejected} rejected");
    // The supported subset covers a good part of the suite, and unsupported keywords are refused.
    assert!(compiled > 100, "{compiled} compiled");
    assert!(rejected > 100, "{rejected} rejected");
}

#[test]
fn standalone_accepts_plain_keywords_and_refuses_others() {
    let ok = serde_json::json!({"type": "object", "properties": {"a": {"type": "integer", "minimum": 1}}, "required": ["a"]});
    assert!(adcontract_schema::compile_standalone(&ok).is_ok());
    let not = serde_json::json!({"not": {"type": "string"}});
    let e = adcontract_schema::compile_standalone(&not).unwrap_err();
    assert_eq!(e.0.len(), 1);
    assert_eq!(e.0[0].pointer, "/not");
    assert!(e.0[0].message.contains("unsupported keyword `not`"));
}
