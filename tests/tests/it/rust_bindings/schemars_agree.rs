//! The JSON Schema schemars derives from the generated types agrees with the canonical schema's
//! emitted JSON Schema view on the whole corpus (`tests/corpus/instances/<Type>[@<version>]/
//! {valid,invalid}/*.json`): both are compiled with the `jsonschema` crate and must give the same
//! accept/reject verdict on every instance.

use std::path::Path;

use serde_json::Value;

type Derive = fn(&str) -> Option<schemars::Schema>;

fn module(version: &str) -> Option<Derive> {
    match version {
        "5.19" => Some(adcontract::v5_19::json_schema),
        "5.24" => Some(adcontract::v5_24::json_schema),
        "latest" => Some(adcontract::latest::json_schema),
        _ => None,
    }
}

#[test]
fn derived_schemas_agree_with_the_canonical_schema_on_the_corpus() {
    let dir = super::common::root().join("tests/corpus/instances");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    let mut checked = 0;
    let mut disagreements = Vec::new();
    for case in entries {
        if !case.is_dir() {
            continue;
        }
        let Some(label) = case.file_name().and_then(|n| n.to_str()).map(str::to_owned) else {
            continue;
        };
        let (ty, version) = label.split_once('@').unwrap_or((label.as_str(), "latest"));
        let Some(derive) = module(version) else {
            continue;
        };
        let ir = super::common::view(version);
        let canonical = super::common::compile_def(&super::common::emitted_schema(&ir), ty)
            .unwrap_or_else(|| panic!("{label}: the emitted schema does not compile"));
        let derived_schema =
            derive(ty).unwrap_or_else(|| panic!("{label}: no Rust binding for {ty}"));
        let derived = jsonschema::validator_for(derived_schema.as_value())
            .unwrap_or_else(|e| panic!("{label}: the derived schema does not compile: {e}"));
        for file in instances(&case) {
            let text = std::fs::read_to_string(&file).expect("read");
            let Ok(instance) = serde_json::from_str::<Value>(&text) else {
                continue;
            };
            checked += 1;
            let (c, d) = (canonical.is_valid(&instance), derived.is_valid(&instance));
            if c != d {
                disagreements.push(format!("{}: canonical {c}, derived {d}", file.display()));
            }
        }
    }
    assert!(checked > 0, "no corpus instances found");
    assert!(
        disagreements.is_empty(),
        "{} of {checked} disagree:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}

fn instances(case: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for sub in ["valid", "invalid"] {
        if let Ok(rd) = std::fs::read_dir(case.join(sub)) {
            out.extend(
                rd.flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "json")),
            );
        }
    }
    out.sort();
    out
}
