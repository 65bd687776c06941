//! The TypeScript validators (under node) against the Rust validator (`adcontract_schema::validate`):
//! on every instance of the committed corpus, and on instances synthesized from each view's
//! types with systematic mutations, the verdict and every problem's pointer, keyword and
//! severity must agree (messages are compared too, and must agree except where JavaScript
//! cannot tell `1.0` from `1`).

use std::path::{Path, PathBuf};

use adcontract_schema::ir::{Ir, Shape};
use adcontract_schema::validate::{Options, Validator};
use serde_json::{Value, json};

use super::common::{self, node, package, run, write_package};

/// One check: a type, a value, and whether undeclared properties are errors.
#[derive(Debug, Clone)]
struct Case {
    origin: String,
    type_name: String,
    value: Value,
    deny: bool,
}

/// (pointer, keyword, severity, message) as both sides report it.
type Row = (String, String, String, String);

fn rust_side(ir: &Ir, cases: &[Case]) -> Vec<Vec<Row>> {
    let lax = Validator::new(
        ir,
        Options {
            deny_unknown: false,
        },
    )
    .expect("validator");
    let strict = Validator::new(ir, Options { deny_unknown: true }).expect("validator");
    cases
        .iter()
        .map(|c| {
            let v = if c.deny { &strict } else { &lax };
            let problems = v.validate(&c.type_name, &c.value).expect("known type");
            problems
                .into_iter()
                .map(|p| {
                    let sev = if p.is_error() { "error" } else { "warning" };
                    (p.pointer, p.keyword.to_owned(), sev.to_owned(), p.message)
                })
                .collect()
        })
        .collect()
}

fn ts_side(pkg_dir: &Path, ir: &Ir, cases: &[Case]) -> Vec<Vec<Row>> {
    let ts_name = |n: &str| -> String {
        // The package's own mapping: the name `validate<X>` uses.
        adcontract_codegen::ts::exported_type_name(ir, n).unwrap_or_else(|| n.to_owned())
    };
    let input = json!({
        "package": pkg_dir.join("index.js"),
        "cases": cases.iter().map(|c| json!({"type": c.type_name, "tsName": ts_name(&c.type_name), "value": c.value, "denyUnknown": c.deny})).collect::<Vec<_>>(),
    });
    let input_path = pkg_dir.join("cases.json");
    std::fs::write(&input_path, serde_json::to_vec(&input).expect("json")).expect("write cases");
    let mut cmd = node();
    cmd.arg(common::ts_dir().join("differential.mjs"))
        .stdin(std::fs::File::open(&input_path).expect("open cases"));
    let o = run(&mut cmd);
    assert!(
        o.status.success(),
        "node differential runner failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out: Vec<Value> = serde_json::from_slice(&o.stdout).expect("runner prints JSON");
    assert_eq!(out.len(), cases.len());
    out.into_iter()
        .zip(cases)
        .map(|(r, c)| match r {
            Value::Array(ps) => ps
                .into_iter()
                .map(|p| {
                    let s = |k: &str| p[k].as_str().unwrap_or_default().to_owned();
                    (s("path"), s("keyword"), s("severity"), s("message"))
                })
                .collect(),
            other => panic!("{}: the TS validator failed: {other}", c.origin),
        })
        .collect()
}

/// Whether the JSON text of `v` has a float that JavaScript prints as an integer (`1.0`), where
/// messages may legitimately differ.
fn has_whole_float(v: &Value) -> bool {
    match v {
        Value::Number(n) => n.is_f64() && n.as_f64().is_some_and(|f| f.fract() == 0.0),
        Value::Array(a) => a.iter().any(has_whole_float),
        Value::Object(o) => o.values().any(has_whole_float),
        _ => false,
    }
}

/// Compares both sides case by case; returns (cases, problems compared, the TypeScript rows).
fn compare(name: &str, ir: &Ir, cases: &[Case]) -> (usize, usize, Vec<Vec<Row>>) {
    let tmp = tempfile::tempdir().expect("tempdir");
    write_package(tmp.path(), &package(ir, "differential"));
    let rust = rust_side(ir, cases);
    let ts = ts_side(tmp.path(), ir, cases);
    let mut failures = Vec::new();
    let mut compared = 0;
    for ((c, r), t) in cases.iter().zip(&rust).zip(&ts) {
        compared += r.len();
        // Verdict first (the most important agreement), then problems; JavaScript orders integer-like
        // keys first in objects, so problems are compared as sorted lists.
        let verdict = |rows: &[Row]| !rows.iter().any(|p| p.2 == "error");
        let key = |rows: &[Row]| {
            let mut k: Vec<(String, String, String)> = rows
                .iter()
                .map(|p| (p.0.clone(), p.1.clone(), p.2.clone()))
                .collect();
            k.sort();
            k
        };
        let msgs = |rows: &[Row]| {
            let mut k: Vec<&Row> = rows.iter().collect();
            k.sort();
            k.into_iter().map(|p| p.3.clone()).collect::<Vec<_>>()
        };
        if verdict(r) != verdict(t)
            || key(r) != key(t)
            || (!has_whole_float(&c.value) && msgs(r) != msgs(t))
        {
            failures.push(format!(
                "{name} {} (deny={}) as {}:\n  value: {}\n  rust: {r:?}\n  ts:   {t:?}",
                c.origin, c.deny, c.type_name, c.value
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} disagreements of {}:\n{}",
        failures.len(),
        cases.len(),
        failures
            .iter()
            .take(15)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    (cases.len(), compared, ts)
}

// ---- Synthesized instances ----

/// A plausible value of `shape` (every field filled), bounded in depth.
fn sample(ir: &Ir, shape: &Shape, depth: usize) -> Value {
    if depth > 6 {
        return Value::Null;
    }
    match shape {
        Shape::Any => json!({"any": [1, "x"]}),
        Shape::Null => Value::Null,
        Shape::Boolean => json!(true),
        Shape::Integer(r) => json!(
            r.minimum
                .or(r.exclusive_minimum.map(|m| m.floor() + 1.0))
                .map_or(3, |m| m as i64)
        ),
        Shape::Number(r) => json!(r.minimum.unwrap_or(1.5)),
        Shape::String(r) => json!("s".repeat(r.min_length.unwrap_or(1).max(1) as usize)),
        Shape::Const { value } => value.clone(),
        Shape::Ref { name, .. } => ir
            .types
            .get(name)
            .map_or(Value::Null, |d| sample(ir, &d.shape, depth + 1)),
        Shape::TypeParam { .. } => json!(["param"]),
        Shape::Nullable { inner } => sample(ir, inner, depth + 1),
        Shape::Array(a) => {
            let n = a.min_items.unwrap_or(1).max(1) as usize;
            Value::Array((0..n).map(|_| sample(ir, &a.items, depth + 1)).collect())
        }
        Shape::Map(m) => {
            json!({"7": sample(ir, &m.values, depth + 1), "key": sample(ir, &m.values, depth + 1)})
        }
        Shape::Object(o) => Value::Object(
            o.fields
                .iter()
                .map(|f| (f.name.clone(), sample(ir, &f.shape, depth + 1)))
                .collect(),
        ),
        Shape::Enum(e) => e.values.first().map_or(Value::Null, |v| v.value.clone()),
        Shape::Union(u) => u
            .variants
            .first()
            .map_or(Value::Null, |v| sample(ir, &v.shape, depth + 1)),
    }
}

/// Wrong values of every JSON type, and a few edge cases.
fn wrong_values() -> Vec<Value> {
    vec![
        Value::Null,
        json!(true),
        json!(0),
        json!(-1),
        json!(2.5),
        json!(""),
        json!("wrong"),
        json!([]),
        json!([null]),
        json!({}),
        json!({"__extra": 1}),
    ]
}

/// The value, then mutations of it: every top-level and second-level member replaced by each
/// wrong value, removed, or joined by an undeclared property.
fn mutations(v: &Value) -> Vec<(String, Value)> {
    let mut out = vec![("sample".to_owned(), v.clone())];
    for w in wrong_values() {
        out.push((format!("whole={w}"), w));
    }
    fn members(v: &Value, path: &str, depth: usize, out: &mut Vec<(String, Value)>, root: &Value) {
        let set = |p: &str, new: Option<Value>| -> Value {
            let mut r = root.clone();
            let tokens: Vec<&str> = p.split('/').skip(1).collect();
            let mut cur = &mut r;
            for (i, t) in tokens.iter().enumerate() {
                let last = i + 1 == tokens.len();
                match cur {
                    Value::Object(m) if last => {
                        match &new {
                            Some(n) => m.insert((*t).to_owned(), n.clone()),
                            None => m.shift_remove(*t),
                        };
                        return r;
                    }
                    Value::Array(a) if last => {
                        if let (Ok(i), Some(n)) = (t.parse::<usize>(), &new) {
                            if let Some(slot) = a.get_mut(i) {
                                *slot = n.clone();
                            }
                        }
                        return r;
                    }
                    Value::Object(m) => match m.get_mut(*t) {
                        Some(next) => cur = next,
                        None => return r,
                    },
                    Value::Array(a) => match t.parse::<usize>().ok().and_then(|i| a.get_mut(i)) {
                        Some(next) => cur = next,
                        None => return r,
                    },
                    _ => return r,
                }
            }
            r
        };
        let children: Vec<(String, Value)> = match v {
            Value::Object(m) => m.iter().map(|(k, c)| (k.clone(), c.clone())).collect(),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .take(2)
                .map(|(i, c)| (i.to_string(), c.clone()))
                .collect(),
            _ => Vec::new(),
        };
        if let Value::Object(_) = v {
            out.push((
                format!("{path}/+__extra"),
                set(&format!("{path}/__extra"), Some(json!("x"))),
            ));
        }
        for (k, c) in children {
            let p = format!("{path}/{k}");
            if v.is_object() {
                out.push((format!("{p} removed"), set(&p, None)));
            }
            for w in [
                Value::Null,
                json!(17),
                json!("zz"),
                json!([{}]),
                json!({"q": 1}),
            ] {
                out.push((format!("{p}={w}"), set(&p, Some(w))));
            }
            if depth < 2 {
                members(&c, &p, depth + 1, out, root);
            }
        }
    }
    members(v, "", 0, &mut out, v);
    out
}

fn synthesized(ir: &Ir) -> Vec<Case> {
    let mut cases = Vec::new();
    for def in ir.types.values() {
        let v = sample(ir, &def.shape, 0);
        for (what, value) in mutations(&v) {
            for deny in [false, true] {
                cases.push(Case {
                    origin: format!("synth {}: {what}", def.name),
                    type_name: def.name.clone(),
                    value: value.clone(),
                    deny,
                });
            }
        }
    }
    cases
}

#[test]
fn synthesized_instances_agree_in_every_view_and_fixture() {
    let mut total = 0;
    for (name, ir, _) in common::cases() {
        let cases = synthesized(&ir);
        assert!(cases.len() > ir.types.len() * 10, "{name}: too few cases");
        let (n, compared, _) = compare(&name, &ir, &cases);
        total += n;
        eprintln!("{name}: {n} synthesized cases, {compared} problems compared");
    }
    assert!(total > 1000);
}

// ---- The committed corpus ----

fn corpus_dir() -> PathBuf {
    common::root().join("tests/corpus/instances")
}

/// One corpus instance: its type, the view its directory names (`T@5.19`; none = latest), the
/// directory's verdict, and the value.
#[derive(Debug)]
struct Instance {
    type_name: String,
    view: String,
    origin: String,
    valid: bool,
    value: Value,
}

/// Every `tests/corpus/instances/<Type>[@<view>]/{valid,invalid}/*.json` (and `.jsonl`, one per line).
fn corpus() -> Vec<Instance> {
    let mut out = Vec::new();
    let dir = corpus_dir();
    let types = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (the instance corpus is required)", dir.display()));
    let mut types: Vec<PathBuf> = types
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    types.sort();
    for t in types {
        let dir_name = t
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (type_name, view) = match dir_name.split_once('@') {
            Some((t, v)) => (t.to_owned(), v.to_owned()),
            None => (dir_name.clone(), "latest".to_owned()),
        };
        for (kind, valid) in [("valid", true), ("invalid", false)] {
            let Ok(files) = std::fs::read_dir(t.join(kind)) else {
                continue;
            };
            let mut files: Vec<PathBuf> = files.flatten().map(|e| e.path()).collect();
            files.sort();
            for f in files {
                let text = std::fs::read_to_string(&f).unwrap_or_default();
                let rel = f.strip_prefix(&dir).unwrap_or(&f).display().to_string();
                let ext = f.extension().and_then(|e| e.to_str()).unwrap_or_default();
                let values: Vec<(String, Value)> = match ext {
                    "json" => vec![(
                        rel.clone(),
                        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}")),
                    )],
                    "jsonl" => text
                        .lines()
                        .enumerate()
                        .filter(|(_, l)| !l.trim().is_empty())
                        .map(|(i, l)| {
                            (
                                format!("{rel}:{}", i + 1),
                                serde_json::from_str(l)
                                    .unwrap_or_else(|e| panic!("{rel}:{}: {e}", i + 1)),
                            )
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                for (origin, value) in values {
                    out.push(Instance {
                        type_name: type_name.clone(),
                        view: view.clone(),
                        origin,
                        valid,
                        value,
                    });
                }
            }
        }
    }
    out
}

/// Every instance is checked in every view that has its type (agreement does not depend on the
/// verdict), and in the view its directory names the TypeScript verdict is the directory's.
#[test]
fn corpus_instances_agree() {
    let corpus = corpus();
    assert!(
        !corpus.is_empty(),
        "no instances under {}",
        corpus_dir().display()
    );
    let mut in_own_view = 0;
    for v in common::VIEWS {
        let ir = common::view(v);
        let mut cases = Vec::new();
        let mut own = Vec::new();
        for inst in corpus
            .iter()
            .filter(|i| ir.types.contains_key(&i.type_name))
        {
            for deny in [false, true] {
                if !deny && inst.view == v {
                    own.push((cases.len(), inst));
                }
                cases.push(Case {
                    origin: inst.origin.clone(),
                    type_name: inst.type_name.clone(),
                    value: inst.value.clone(),
                    deny,
                });
            }
        }
        let (n, compared, ts) = compare(v, &ir, &cases);
        let wrong: Vec<String> = own
            .iter()
            .filter(|(i, inst)| {
                ts.get(*i)
                    .is_some_and(|rows| rows.iter().any(|p| p.2 == "error"))
                    == inst.valid
            })
            .map(|(i, inst)| {
                format!(
                    "{} (expected {}): {:?}",
                    inst.origin,
                    if inst.valid { "valid" } else { "invalid" },
                    ts.get(*i)
                )
            })
            .collect();
        assert!(
            wrong.is_empty(),
            "{v}: the TypeScript verdict is not the corpus's:\n{}",
            wrong.join("\n")
        );
        in_own_view += own.len();
        eprintln!(
            "{v}: {n} corpus cases, {compared} problems compared, {} in their own view",
            own.len()
        );
    }
    assert_eq!(
        in_own_view,
        corpus.len(),
        "every instance is checked in the view its directory names"
    );
}
