//! Differential test on the committed instance corpus: the IR-driven validator against the
//! `jsonschema` crate on the emitted JSON Schema view, and both against the corpus's intent.
//!
//! Layout: `tests/corpus/instances/<Type>[@<version>]/{valid,invalid}/*.json` (one instance per
//! file; `*.jsonl`: one per line). Without `@<version>` the view is `latest`.
//!
//! For every instance:
//! - our verdict (errors or not; warnings do not count) equals the oracle's verdict, where the
//!   oracle is `jsonschema` on `emit::types_schema(view)` with `$ref: "#/$defs/<Type>"` at the
//!   root, and both equal the directory's intent;
//! - for an invalid instance, the error pointers correspond: every instance path the oracle
//!   reports is an ancestor-or-self of one of our error pointers, and each of our error pointers
//!   has an ancestor-or-self among the oracle's. (Exact equality is not expected: we report a
//!   closed object's extra property at the property and a tagged union's problems inside the
//!   selected variant, where the oracle reports the object or the union.)

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use adcontract_schema::validate::{Options, Validator, has_errors};
use serde_json::Value;

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/instances")
}

fn is_ancestor_or_self(a: &str, b: &str) -> bool {
    b == a || (b.starts_with(a) && b.as_bytes().get(a.len()) == Some(&b'/'))
}

/// `(file:line, instance)` of every instance in a directory, in name order.
fn instances(dir: &Path) -> Vec<(String, Value)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        match f.extension().and_then(|x| x.to_str()) {
            Some("json") => {
                let v =
                    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
                out.push((f.display().to_string(), v));
            }
            Some("jsonl") => {
                for (i, line) in text
                    .lines()
                    .enumerate()
                    .filter(|(_, l)| !l.trim().is_empty())
                {
                    let v = serde_json::from_str(line)
                        .unwrap_or_else(|e| panic!("{}:{}: {e}", f.display(), i + 1));
                    out.push((format!("{}:{}", f.display(), i + 1), v));
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn corpus_verdicts_match_the_oracle_and_the_intent() {
    let root = corpus_dir();
    let mut type_dirs: Vec<PathBuf> = match std::fs::read_dir(&root) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .collect(),
        Err(e) => panic!("corpus not found at {}: {e}", root.display()),
    };
    type_dirs.sort();
    let contract = adcontract_schema::canonical();
    let mut views = BTreeMap::new();
    let mut checked = BTreeMap::<&str, usize>::new();
    let mut failures = Vec::new();
    for dir in &type_dirs {
        let dir_name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (ty, version) = dir_name
            .split_once('@')
            .unwrap_or((dir_name.as_str(), "latest"));
        let ir = views.entry(version.to_owned()).or_insert_with(|| {
            contract
                .view(version)
                .unwrap_or_else(|e| panic!("{dir_name}: view {version}: {e}"))
        });
        let validator = Validator::new(ir, Options::default()).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            ir.type_def(ty).is_some(),
            "{dir_name}: no type {ty} in view {version}"
        );
        let mut doc = adcontract_schema::emit::types_schema(ir);
        if let Some(m) = doc.as_object_mut() {
            m.insert("$ref".into(), Value::String(format!("#/$defs/{ty}")));
        }
        let oracle = jsonschema::validator_for(&doc)
            .unwrap_or_else(|e| panic!("oracle rejects the emitted {version} view: {e}"));
        for (intent, want_valid) in [("valid", true), ("invalid", false)] {
            for (at, value) in instances(&dir.join(intent)) {
                *checked.entry(intent).or_default() += 1;
                let problems = validator
                    .validate(ty, &value)
                    .unwrap_or_else(|e| panic!("{e}"));
                let ours = !has_errors(&problems);
                let theirs = oracle.is_valid(&value);
                if ours != theirs || ours != want_valid {
                    failures.push(format!(
                        "{at}: intent {intent}, ours valid={ours}, jsonschema valid={theirs}\n  ours: {problems:?}\n  jsonschema: {:?}",
                        oracle.iter_errors(&value).map(|e| format!("{}: {e}", e.instance_path().as_str())).collect::<Vec<_>>()
                    ));
                    continue;
                }
                if want_valid {
                    continue;
                }
                let their_paths: Vec<String> = oracle
                    .iter_errors(&value)
                    .map(|e| e.instance_path().as_str().to_owned())
                    .collect();
                let our_paths: Vec<&str> = problems
                    .iter()
                    .filter(|p| p.is_error())
                    .map(|p| p.pointer.as_str())
                    .collect();
                let uncovered: Vec<&String> = their_paths
                    .iter()
                    .filter(|t| !our_paths.iter().any(|m| is_ancestor_or_self(t, m)))
                    .collect();
                let stray: Vec<&&str> = our_paths
                    .iter()
                    .filter(|m| !their_paths.iter().any(|t| is_ancestor_or_self(t, m)))
                    .collect();
                if !uncovered.is_empty() || !stray.is_empty() {
                    failures.push(format!(
                        "{at}: pointers differ: oracle {their_paths:?}, ours {our_paths:?}"
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} corpus instances disagree:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        checked.get("valid").copied().unwrap_or(0) > 0
            && checked.get("invalid").copied().unwrap_or(0) > 0,
        "empty corpus: {checked:?}"
    );
    eprintln!(
        "corpus: {checked:?} instances checked in {} type directories",
        type_dirs.len()
    );
}
