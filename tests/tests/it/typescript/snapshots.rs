//! insta snapshots of every generated package (all files), per view and fixture. The runtime is
//! the same file in every package, so it is snapshotted once.

use super::common::{fixture, package, view};

fn render(pkg: &adcontract_codegen::ts::Package) -> String {
    let mut out = String::new();
    for (file, text) in pkg.iter().filter(|(f, _)| f.as_str() != "runtime.js") {
        out.push_str(&format!("======== {file} ========\n{text}"));
        if !text.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

#[test]
fn canonical_views() {
    let mut runtime = None;
    for v in super::common::VIEWS {
        let pkg = package(&view(v), "the canonical adcontract schema");
        insta::assert_snapshot!(format!("ts_package_{}", v.replace('.', "_")), render(&pkg));
        let rt = pkg.get("runtime.js").cloned().unwrap_or_default();
        if let Some(prev) = &runtime {
            assert_eq!(prev, &rt, "runtime.js differs between views");
        }
        runtime = Some(rt);
    }
    insta::assert_snapshot!("ts_runtime_js", runtime.unwrap_or_default());
}

#[test]
fn hostile_fixture() {
    let pkg = package(&fixture("hostile-ts"), "hostile-ts.api.json");
    insta::assert_snapshot!("ts_package_hostile_ts", render(&pkg));
}

/// Plain JSON Schema types documents: one type per `$defs` entry, no API section. Only the
/// declarations are pinned here (the validators are the runtime's business, snapshotted above).
#[test]
fn plain_types_documents() {
    for f in ["plain", "plain-hostile"] {
        let pkg = package(&fixture(f), &format!("{f}.schema.json"));
        let d = pkg.get("index.d.ts").cloned().unwrap_or_default();
        assert!(
            !d.contains("AgentDesktopClientAPI"),
            "{f}: API section without an API"
        );
        insta::assert_snapshot!(format!("ts_plain_{}", f.replace('-', "_")), d);
    }
}

#[test]
fn generation_is_deterministic() {
    for v in super::common::VIEWS {
        let ir = view(v);
        let a = package(&ir, "x");
        let b = package(&ir.clone(), "x");
        assert_eq!(a, b, "{v}");
    }
}
