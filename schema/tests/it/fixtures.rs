//! Fixture documents under tests/fixtures/ compiled from disk (the path entry point).

use std::path::Path;

use adcontract_schema::ir::Shape;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn small_contract_compiles_from_disk() {
    let c = adcontract_schema::compile_path(&fixture("small/api.json")).unwrap();
    assert_eq!(c.versions.len(), 2);
    let v1 = c.view("1").unwrap();
    let v2 = c.view("2").unwrap();
    // The versioned anyOf collapses to its one surviving branch in each view.
    let selected = |ir: &adcontract_schema::Ir| match &ir.type_def("Pick").unwrap().shape {
        Shape::Object(o) => o.fields[0].shape.clone(),
        other => panic!("{other:?}"),
    };
    assert!(matches!(selected(&v1), Shape::Nullable { .. }));
    assert!(matches!(selected(&v2), Shape::Array(_)));
    assert!(v1.type_def("New").is_none());
    assert!(v2.type_def("New").is_some());
    assert_eq!(v1.apis[0].methods.len(), 1);
    assert_eq!(v2.apis[0].methods.len(), 2);
}

#[test]
fn broken_fixture_reports_every_problem_with_positions() {
    let err = adcontract_schema::compile_path(&fixture("broken/api.json")).unwrap_err();
    let text = err.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("types.json:5:"), "{text}");
    assert!(text.contains("unsupported keyword `not`"), "{text}");
    assert!(text.contains("unknown version `9`"), "{text}");
    assert!(text.contains("api.json:"), "{text}");
}
