//! Shared helpers: the cases (canonical views and fixture schemas) and where things live.

use adcontract_codegen::Settings;
use adcontract_schema::ir::Ir;
pub(crate) use adcontract_tests::{VIEWS, fixture, fixture_path, root, view};

/// Fixture schemas that must generate (each `tests/fixtures/<case>/<case>.api.json`, or a plain
/// types document `<case>.schema.json`).
pub(crate) const FIXTURES: [&str; 4] = ["minimal", "hostile", "plain", "plain-hostile"];

/// File stem of a generated case: `v5_19`, `latest`, `hostile`, `plain_hostile`.
pub(crate) fn stem(case: &str) -> String {
    if case.starts_with(|c: char| c.is_ascii_digit()) {
        format!("v{}", case.replace('.', "_"))
    } else {
        case.replace('-', "_")
    }
}

/// Settings as `adcontract generate rust` uses them for each case (the source in the header).
pub(crate) fn settings(source: &str) -> Settings {
    let mut s = Settings::default();
    s.with_source(source);
    s
}

/// Every case: (stem, IR, the header's source).
pub(crate) fn cases() -> Vec<(String, Ir, String)> {
    let mut out: Vec<(String, Ir, String)> = VIEWS
        .iter()
        .map(|v| {
            (
                stem(v),
                view(v),
                "the canonical adcontract schema".to_owned(),
            )
        })
        .collect();
    for f in FIXTURES {
        let file = fixture_path(f);
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
        out.push((
            stem(f),
            fixture(f),
            format!("tests/fixtures/{f}/{}", name.unwrap_or_default()),
        ));
    }
    out
}

/// The JSON Schema view the schema crate emits for `ir` (independent of the Rust emitter).
pub(crate) fn emitted_schema(ir: &Ir) -> serde_json::Value {
    adcontract_schema::emit::types_schema(ir)
}

/// A `jsonschema` validator for one `$defs` entry of an emitted schema document.
pub(crate) fn compile_def(schema: &serde_json::Value, name: &str) -> Option<jsonschema::Validator> {
    let mut root = schema.clone();
    let obj = root.as_object_mut()?;
    obj.insert(
        "$ref".into(),
        serde_json::Value::String(format!("#/$defs/{}", pointer_token(name))),
    );
    jsonschema::validator_for(&root).ok()
}

fn pointer_token(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}
