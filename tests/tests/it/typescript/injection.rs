//! The hostile fixture's names, enum values and patterns reach the compiled validators only as
//! escaped literals: under node (with traps for `alert` and for anything added to
//! `Object.prototype`) each hostile property and value is validated as the Rust validator
//! validates it, at the right JSON pointer, and nothing from the schema runs.

use adcontract_schema::validate::{Options, Validator};
use serde_json::{Value, json};

use super::common::{self, node, package, run, write_package};

/// The hostile names of `class` (see `tests/fixtures/hostile-ts/hostile-ts.types.json`).
const BREAKOUT: &str = "\"];alert(1)//";
const LINE_SEP: &str = "line\u{2028}sep\u{2029}end";
const SLASHED: &str = "a/b~c";

/// A valid `class`: every required property, and each hostile optional one.
fn valid_class() -> Value {
    let mut v = json!({
        "class": "c",
        "__proto__": 3,
        "default": null,
        "constructor": "made here",
        "a-b": true,
        "": "empty",
        "1": "one",
        "quote\"unquote": "q",
        "größe": 9.5,
    });
    if let Value::Object(m) = &mut v {
        m.insert(BREAKOUT.into(), json!("x"));
        m.insert(LINE_SEP.into(), json!(4));
        m.insert(SLASHED.into(), json!("ab/cd\n/\n"));
    }
    v
}

fn with(key: &str, value: Option<Value>) -> Value {
    let mut v = valid_class();
    if let Value::Object(m) = &mut v {
        match value {
            Some(x) => {
                m.insert(key.into(), x);
            }
            None => {
                m.shift_remove(key);
            }
        }
    }
    v
}

/// A type, a value, and the (pointer, keyword) of every error expected.
type Case = (&'static str, Value, Vec<(&'static str, &'static str)>);

fn cases() -> Vec<Case> {
    vec![
        ("class", valid_class(), vec![]),
        // `__proto__` is an own property once parsed, checked like any other.
        (
            "class",
            with("__proto__", Some(json!(-1))),
            vec![("/__proto__", "minimum")],
        ),
        (
            "class",
            with("__proto__", Some(json!({"polluted": 1}))),
            vec![("/__proto__", "type")],
        ),
        ("class", with("__proto__", None), vec![("", "required")]),
        // `constructor` is optional: the inherited one never counts as present.
        ("class", with("constructor", None), vec![]),
        (
            "class",
            with("constructor", Some(json!(5))),
            vec![("/constructor", "type")],
        ),
        (
            "class",
            with(BREAKOUT, Some(json!(1))),
            vec![("/\"];alert(1)~1~1", "type")],
        ),
        ("class", with(BREAKOUT, None), vec![("", "required")]),
        (
            "class",
            with(LINE_SEP, Some(json!("x"))),
            vec![("/line\u{2028}sep\u{2029}end", "type")],
        ),
        ("class", with(SLASHED, Some(json!("ab/cd/\n"))), vec![]),
        (
            "class",
            with(SLASHED, Some(json!("ab/cd/x"))),
            vec![("/a~1b~0c", "pattern")],
        ),
        (
            "class",
            with(SLASHED, Some(json!("abcd"))),
            vec![("/a~1b~0c", "pattern")],
        ),
        ("default", json!(BREAKOUT), vec![]),
        ("default", json!("\u{2028}"), vec![]),
        ("default", json!("${alert(1)}"), vec![]),
        ("default", json!("alert(1)"), vec![("", "enum")]),
        ("default", json!("__proto__"), vec![]),
        ("Codes", json!("__proto__"), vec![]),
        ("Codes", json!("constructor"), vec![("", "enum")]),
    ]
}

#[test]
fn hostile_names_values_and_patterns_are_data_not_code() {
    let ir = common::fixture("hostile-ts");
    let tmp = tempfile::tempdir().expect("tempdir");
    write_package(tmp.path(), &package(&ir, "hostile-ts.api.json"));
    let cases = cases();
    let ts_name = |n: &str| adcontract_codegen::ts::exported_type_name(&ir, n).expect("type");
    let input = json!({
        "package": tmp.path().join("index.js"),
        "cases": cases.iter().map(|(t, v, _)| json!({"type": t, "tsName": ts_name(t), "value": v})).collect::<Vec<_>>(),
    });
    let input_path = tmp.path().join("cases.json");
    std::fs::write(&input_path, serde_json::to_vec(&input).expect("json")).expect("write");
    let mut cmd = node();
    cmd.arg(common::ts_dir().join("injection.mjs"))
        .stdin(std::fs::File::open(&input_path).expect("open"));
    let o = run(&mut cmd);
    assert!(
        o.status.success(),
        "the hostile package failed under node:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out: Value = serde_json::from_slice(&o.stdout).expect("runner prints JSON");
    assert_eq!(out["executed"], json!([]), "schema text ran as code");
    assert_eq!(out["polluted"], json!([]), "Object.prototype was changed");

    let rust = Validator::new(&ir, Options::default()).expect("validator");
    for ((t, value, expected), got) in cases
        .iter()
        .zip(out["results"].as_array().expect("results"))
    {
        let problems: Vec<(String, String, String, String)> = got["problems"]
            .as_array()
            .expect("problems")
            .iter()
            .map(|p| {
                let s = |k: &str| p[k].as_str().unwrap_or_default().to_owned();
                (s("path"), s("keyword"), s("severity"), s("message"))
            })
            .collect();
        let errors: Vec<(&str, &str)> = problems
            .iter()
            .filter(|p| p.2 == "error")
            .map(|p| (p.0.as_str(), p.1.as_str()))
            .collect();
        assert_eq!(&errors, expected, "{t} {value}: {problems:?}");
        assert_eq!(got["is"], json!(expected.is_empty()), "is{t} on {value}");
        let mut theirs: Vec<(String, String, String, String)> = rust
            .validate(t, value)
            .expect("known type")
            .into_iter()
            .map(|p| {
                let sev = if p.is_error() { "error" } else { "warning" };
                (p.pointer, p.keyword.to_owned(), sev.to_owned(), p.message)
            })
            .collect();
        let mut ours = problems.clone();
        theirs.sort();
        ours.sort();
        assert_eq!(ours, theirs, "{t} {value}: TypeScript vs Rust");
    }
}
