//! Robustness sweep: no input makes adcontract panic, and every bad input is reported with where
//! (file:line / JSON pointer / line number), what, and a hint, while the rest is still checked.
//!
//! Entry points covered (found by reading the crates, not guessed):
//! - `adcontract_schema::load::{load_str, load_path}`, `compile_str`, `compile_path`: arbitrary
//!   text and JSON as either document, and mutations of the real canonical files;
//! - `compile_standalone` on arbitrary JSON (and on schema-like JSON), then the IR-driven
//!   validator on every type of the result, checked against the `jsonschema` crate on the view
//!   `emit::types_schema` writes;
//! - the validator on every type of every canonical view, with random and contract-valid
//!   instances, against the same oracle;
//! - `validate::stream::{validate_reader, validate_files}` (the engine of `adcontract
//!   validate`): random mixes of good, invalid, malformed, non-UTF-8, blank, 100k-deep and
//!   over-long lines;
//! - `adcontract_conformance::wire::recording::{parse, read}`, `import::import`,
//!   `protocol::check_reply` and `adapter::serve` on arbitrary lines and mutated recordings of
//!   `conformance/corpus/`;
//! - the typed Rust adapter (`adapter::typed`, over the generated `latest` traits of
//!   `examples/typed_desktop`) on arbitrary calls, fixtures and answers.
//!
//! Case counts are modest and follow `PROPTEST_CASES` when it is set.

use std::collections::{BTreeMap, BTreeSet};
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use adcontract_conformance::adapter::{Never, Side, serve};
use adcontract_conformance::contract::{Spec, canonical_source, handmade_source};
use adcontract_conformance::reference::simulate::ModelProvider;
use adcontract_conformance::wire::protocol::{Command, Request, Role, check_reply};
use adcontract_conformance::wire::recording;
use adcontract_schema::ir::{Ir, Shape};
use adcontract_schema::validate::stream::{self, Format, Layout};
use adcontract_schema::validate::{Options, Problem, Validator, has_errors};
use adcontract_schema::{CANONICAL_API, CANONICAL_API_NAME, CANONICAL_TYPES, CANONICAL_TYPES_NAME};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Value, json};

mod load;
mod protocol;
mod recordings;
mod typed_adapter;
mod validate_stream;
mod validator;

// ---------------------------------------------------------------------------------------------
// Shared strategies and helpers
// ---------------------------------------------------------------------------------------------

/// `cases` unless `PROPTEST_CASES` says otherwise.
fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(cases);
    Config {
        cases,
        ..Config::default()
    }
}

/// Keys that make random JSON look like the documents the loaders read.
const KEYS: &[&str] = &[
    "type",
    "properties",
    "required",
    "items",
    "$ref",
    "$defs",
    "enum",
    "const",
    "anyOf",
    "oneOf",
    "allOf",
    "additionalProperties",
    "propertyNames",
    "pattern",
    "minimum",
    "maximum",
    "minLength",
    "maxItems",
    "description",
    "deprecated",
    "x-since",
    "x-until",
    "format",
    "types",
    "versions",
    "apis",
    "id",
    "methods",
    "events",
    "name",
    "wire",
    "a",
    "b",
];

/// Strings that are meaningful inside schemas.
const WORDS: &[&str] = &[
    "object",
    "string",
    "integer",
    "number",
    "boolean",
    "null",
    "array",
    "#/$defs/A",
    "#/$defs/Root",
    "#/$defs/Missing",
    "#",
    "^a+$",
    "(",
    "\\",
    "",
    "5.19",
    "latest",
    "widget",
];

fn arb_key() -> BoxedStrategy<String> {
    prop_oneof![
        3 => prop::sample::select(KEYS).prop_map(str::to_owned),
        1 => "[a-zA-Z$~/]{0,6}",
    ]
    .boxed()
}

fn arb_leaf() -> BoxedStrategy<Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (-3i64..20).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        prop::sample::select(WORDS).prop_map(Value::from),
        "\\PC{0,8}".prop_map(Value::from),
    ]
    .boxed()
}

/// Any JSON value, biased towards schema vocabulary.
fn arb_json() -> BoxedStrategy<Value> {
    arb_leaf()
        .prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::btree_map(arb_key(), inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
        .boxed()
}

/// Schema-like JSON: mostly well-formed JSON Schema, so that compiling often succeeds and the
/// validator and oracle have something to compare.
fn arb_schema() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        prop::sample::select(&["string", "integer", "number", "boolean", "null"][..])
            .prop_map(|t| json!({ "type": t })),
        Just(json!({})),
        Just(json!({ "$ref": "#/$defs/A" })),
        (0u64..4).prop_map(|n| json!({ "type": "string", "minLength": n })),
        (-5i64..5).prop_map(|n| json!({ "type": "integer", "minimum": n })),
        prop::sample::select(&["^a", "b$", "^[a-c]+$", "\\d"][..])
            .prop_map(|p| json!({ "type": "string", "pattern": p })),
        prop::collection::vec(arb_leaf(), 1..4).prop_map(|v| json!({ "enum": v })),
        arb_leaf().prop_map(|v| json!({ "const": v })),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            inner
                .clone()
                .prop_map(|i| json!({ "type": "array", "items": i })),
            (
                prop::collection::btree_map("[a-c]", inner.clone(), 0..4),
                any::<bool>(),
                any::<bool>()
            )
                .prop_map(|(props, closed, req)| {
                    let required: Vec<&String> = if req { props.keys().collect() } else { vec![] };
                    let mut o =
                        json!({ "type": "object", "properties": props, "required": required });
                    if closed {
                        o["additionalProperties"] = json!(false);
                    }
                    o
                }),
            prop::collection::vec(inner.clone(), 1..3).prop_map(|v| json!({ "anyOf": v })),
            prop::collection::vec(inner.clone(), 1..3).prop_map(|v| json!({ "oneOf": v })),
            inner.prop_map(|i| json!({ "type": "object", "additionalProperties": i })),
        ]
    })
    .prop_flat_map(|root| {
        prop_oneof![
            Just(json!({ "type": "integer" })),
            Just(json!({ "type": "string" }))
        ]
        .prop_map(move |a| {
            let mut r = root.clone();
            if let Value::Object(o) = &mut r {
                o.insert("$defs".into(), json!({ "A": a }));
            }
            r
        })
    })
    .boxed()
}

/// Every JSON pointer of a value (the root is `""`).
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                let tok = k.replace('~', "~0").replace('/', "~1");
                pointers(c, format!("{at}/{tok}"), out);
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                pointers(c, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// A mutation of a JSON document.
#[derive(Debug, Clone)]
enum Mutation {
    /// Delete the key (or array item) at the pointer picked by the index.
    Delete(prop::sample::Index),
    /// Replace the subtree at the pointer picked by the index.
    Replace(prop::sample::Index, Value),
}

fn arb_mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<prop::sample::Index>().prop_map(Mutation::Delete),
        (any::<prop::sample::Index>(), arb_json()).prop_map(|(i, v)| Mutation::Replace(i, v)),
    ]
}

fn apply(doc: &Value, m: &Mutation) -> Value {
    let mut doc = doc.clone();
    let mut all = Vec::new();
    pointers(&doc, String::new(), &mut all);
    match m {
        Mutation::Delete(i) => {
            // Never the root: deleting it is the same as an empty document, tested elsewhere.
            let Some(ptr) = all.get(1 + i.index(all.len().saturating_sub(1).max(1))) else {
                return doc;
            };
            let (parent, last) = ptr.rsplit_once('/').unwrap_or(("", ptr));
            let last = last.replace("~1", "/").replace("~0", "~");
            match doc.pointer_mut(parent) {
                Some(Value::Object(o)) => {
                    o.remove(&last);
                }
                Some(Value::Array(a)) => {
                    if let Ok(n) = last.parse::<usize>() {
                        if n < a.len() {
                            a.remove(n);
                        }
                    }
                }
                _ => {}
            }
        }
        Mutation::Replace(i, v) => {
            let ptr = &all[i.index(all.len())];
            if let Some(slot) = doc.pointer_mut(ptr) {
                *slot = v.clone();
            }
        }
    }
    doc
}

fn canonical_api_json() -> &'static Value {
    static V: OnceLock<Value> = OnceLock::new();
    V.get_or_init(|| serde_json::from_str(CANONICAL_API).expect("canonical API parses"))
}

fn canonical_types_json() -> &'static Value {
    static V: OnceLock<Value> = OnceLock::new();
    V.get_or_init(|| serde_json::from_str(CANONICAL_TYPES).expect("canonical types parse"))
}

/// The verdict every compile must meet: `Ok`, or an error that says what (a non-empty message,
/// on every diagnostic) and, for a syntax error, where (line and column).
fn check_compile_result(
    r: &Result<adcontract_schema::Contract, adcontract_schema::Error>,
) -> Result<(), TestCaseError> {
    match r {
        Ok(_) => {}
        Err(adcontract_schema::Error::Load(e)) => {
            prop_assert!(!e.message.trim().is_empty(), "empty load message: {e:?}");
            prop_assert!(!e.file.is_empty(), "load error names no file: {e:?}");
            if e.message.starts_with("invalid JSON") || e.message.contains("UTF-8") {
                let p = e.position;
                prop_assert!(
                    p.is_some_and(|p| p.line >= 1),
                    "parse error without line/column: {e}"
                );
            }
        }
        Err(adcontract_schema::Error::Invalid(errs)) => {
            prop_assert!(!errs.0.is_empty(), "Invalid with no diagnostic");
            for d in errs.iter() {
                prop_assert!(!d.message.trim().is_empty(), "empty diagnostic: {d:?}");
                prop_assert!(!d.file.is_empty(), "diagnostic names no file: {d:?}");
            }
        }
    }
    Ok(())
}

fn compile(
    api: &str,
    types: &str,
) -> Result<adcontract_schema::Contract, adcontract_schema::Error> {
    adcontract_schema::compile_str(CANONICAL_API_NAME, api, CANONICAL_TYPES_NAME, types)
}

/// Writes both documents as files and compiles them through `compile_path` (the route that
/// reads bytes, so invalid UTF-8 can reach it).
fn compile_files(
    dir: &Path,
    api: &[u8],
    types: &[u8],
) -> Result<adcontract_schema::Contract, adcontract_schema::Error> {
    let api_path = dir.join(CANONICAL_API_NAME);
    std::fs::write(&api_path, api).expect("write api");
    std::fs::write(dir.join(CANONICAL_TYPES_NAME), types).expect("write types");
    adcontract_schema::compile_path(&api_path)
}

/// Cuts `src` at a byte (on a char boundary at or before it).
fn truncate(src: &str, at: prop::sample::Index) -> &str {
    let mut n = at.index(src.len() + 1);
    while !src.is_char_boundary(n) {
        n -= 1;
    }
    &src[..n]
}

/// `src` with an invalid UTF-8 byte sequence inserted at a byte.
fn with_bad_utf8(src: &str, at: prop::sample::Index, junk: &[u8]) -> Vec<u8> {
    let n = at.index(src.len() + 1);
    let mut out = src.as_bytes()[..n].to_vec();
    out.extend_from_slice(junk);
    out.extend_from_slice(&src.as_bytes()[n..]);
    out
}

fn bad_utf8() -> impl Strategy<Value = Vec<u8>> {
    const JUNK: &[&[u8]] = &[
        b"\xff",
        b"\xfe\xfe",
        b"\xc3",
        b"\xe2\x82",
        b"\xed\xa0\x80",
        b"\x80",
    ];
    prop::sample::select(JUNK).prop_map(<[u8]>::to_vec)
}

/// Garbage that is never a JSON value.
fn arb_garbage() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("{".to_owned()),
        Just("{\"seq\":".to_owned()),
        Just("not json".to_owned()),
        "[a-z ]{1,10}\\{",
        Just("[".repeat(10_000)),
        Just("}{".to_owned()),
    ]
}
