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

// ---------------------------------------------------------------------------------------------
// load / compile
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(48))]

    /// Arbitrary text as the API document and as the types document.
    #[test]
    fn compile_str_arbitrary_text(api in "\\PC{0,60}", types in "\\PC{0,60}") {
        check_compile_result(&compile(&api, CANONICAL_TYPES))?;
        check_compile_result(&compile(CANONICAL_API, &types))?;
        check_compile_result(&compile(&api, &types))?;
    }

    /// Arbitrary bytes through the file route (invalid UTF-8 included).
    #[test]
    fn compile_path_arbitrary_bytes(
        api in prop::collection::vec(any::<u8>(), 0..80),
        types in prop::collection::vec(any::<u8>(), 0..80),
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        check_compile_result(&compile_files(dir.path(), &api, CANONICAL_TYPES.as_bytes()))?;
        check_compile_result(&compile_files(dir.path(), CANONICAL_API.as_bytes(), &types))?;
    }

    /// Arbitrary JSON values as either document.
    #[test]
    fn compile_str_arbitrary_json(api in arb_json(), types in arb_json()) {
        check_compile_result(&compile(&api.to_string(), CANONICAL_TYPES))?;
        check_compile_result(&compile(CANONICAL_API, &types.to_string()))?;
    }
}

proptest! {
    #![proptest_config(config(24))]

    /// The real API description, mutated (a key deleted or a subtree replaced).
    #[test]
    fn mutated_canonical_api(m in arb_mutation()) {
        let api = serde_json::to_string_pretty(&apply(canonical_api_json(), &m)).expect("ser");
        check_compile_result(&compile(&api, CANONICAL_TYPES))?;
    }

    /// The real types document, mutated.
    #[test]
    fn mutated_canonical_types(m in arb_mutation()) {
        let types = serde_json::to_string_pretty(&apply(canonical_types_json(), &m)).expect("ser");
        check_compile_result(&compile(CANONICAL_API, &types))?;
    }

    /// The real documents cut at a random byte: a syntax error with line and column (or, when
    /// the cut leaves only whitespace behind the value, a complete document).
    #[test]
    fn truncated_canonical_files(at in any::<prop::sample::Index>(), which in any::<bool>()) {
        let (api, types) = if which {
            (truncate(CANONICAL_API, at), CANONICAL_TYPES)
        } else {
            (CANONICAL_API, truncate(CANONICAL_TYPES, at))
        };
        let r = compile(api, types);
        check_compile_result(&r)?;
        if api.trim_end() != CANONICAL_API.trim_end() || types.trim_end() != CANONICAL_TYPES.trim_end() {
            match &r {
                Err(adcontract_schema::Error::Load(e)) => prop_assert!(e.position.is_some(), "{e}"),
                other => prop_assert!(false, "a truncated document compiled: {:?}", other.as_ref().err()),
            }
        }
    }

    /// Invalid UTF-8 inserted into the real files: a load error that says where.
    #[test]
    fn canonical_files_with_invalid_utf8(
        at in any::<prop::sample::Index>(),
        junk in bad_utf8(),
        which in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let (api, types) = if which {
            (with_bad_utf8(CANONICAL_API, at, &junk), CANONICAL_TYPES.as_bytes().to_vec())
        } else {
            (CANONICAL_API.as_bytes().to_vec(), with_bad_utf8(CANONICAL_TYPES, at, &junk))
        };
        let r = compile_files(dir.path(), &api, &types);
        check_compile_result(&r)?;
        match &r {
            Err(adcontract_schema::Error::Load(e)) => {
                prop_assert!(e.message.contains("UTF-8"), "{e}");
                prop_assert!(e.position.is_some(), "invalid UTF-8 reported without a line: {e}");
            }
            other => prop_assert!(false, "invalid UTF-8 was accepted: {:?}", other.as_ref().err()),
        }
    }
}

/// The canonical documents still compile through both routes (the mutation tests are only
/// meaningful if the unmutated input is accepted).
#[test]
fn unmutated_canonical_compiles() {
    compile(CANONICAL_API, CANONICAL_TYPES).expect("canonical compiles from memory");
    let dir = tempfile::tempdir().expect("tempdir");
    compile_files(
        dir.path(),
        CANONICAL_API.as_bytes(),
        CANONICAL_TYPES.as_bytes(),
    )
    .expect("canonical compiles from files");
}

/// A syntax error in the middle of the real file is reported at the right line.
#[test]
fn syntax_error_in_the_real_file_has_its_line() {
    let line = 40;
    let mut lines: Vec<&str> = CANONICAL_TYPES.lines().collect();
    lines.insert(line - 1, "  ,,");
    let types = lines.join("\n");
    match compile(CANONICAL_API, &types) {
        Err(adcontract_schema::Error::Load(e)) => {
            assert_eq!(e.position.map(|p| p.line), Some(line), "{e}");
            assert!(e.hint.is_some(), "{e}");
        }
        other => panic!("expected a load error, got {:?}", other.err()),
    }
}

// ---------------------------------------------------------------------------------------------
// compile_standalone and the validator, with the jsonschema oracle
// ---------------------------------------------------------------------------------------------

/// Checks the validator on `ty` of `ir` against the oracle for `value`, and determinism.
fn agree(
    validator: &Validator<'_>,
    oracle: &jsonschema::Validator,
    ty: &str,
    value: &Value,
) -> Result<(), String> {
    let first = validator.validate(ty, value).map_err(|e| e.to_string())?;
    let second = validator.validate(ty, value).map_err(|e| e.to_string())?;
    if first != second {
        return Err(format!("{ty}: not deterministic on {value}"));
    }
    let verdict = validator.is_valid(ty, value).map_err(|e| e.to_string())?;
    let ours = !has_errors(&first);
    if verdict != ours {
        return Err(format!(
            "{ty}: is_valid={verdict} but validate found {first:?} on {value}"
        ));
    }
    let theirs = oracle.is_valid(value);
    if ours != theirs {
        return Err(format!(
            "{ty}: ours valid={ours} {first:?}, jsonschema valid={theirs} {:?} on {value}",
            oracle
                .iter_errors(value)
                .map(|e| format!("{}: {e}", e.instance_path().as_str()))
                .collect::<Vec<_>>()
        ));
    }
    for p in &first {
        if p.message.trim().is_empty() {
            return Err(format!("{ty}: a problem without a message: {p:?}"));
        }
        if !p.pointer.is_empty() && value.pointer(&p.pointer).is_none() && p.keyword != "required" {
            return Err(format!(
                "{ty}: problem pointer {:?} is not in the instance {value}",
                p.pointer
            ));
        }
    }
    Ok(())
}

/// The oracle for one type: the emitted view with a root `$ref` to the type.
fn oracle_for(ir: &Ir, ty: &str) -> Result<jsonschema::Validator, String> {
    let mut doc = adcontract_schema::emit::types_schema(ir);
    if let Some(m) = doc.as_object_mut() {
        m.insert("$ref".into(), Value::String(format!("#/$defs/{ty}")));
    }
    jsonschema::validator_for(&doc).map_err(|e| format!("oracle rejects the emitted view: {e}"))
}

fn standalone_case(schema: &Value, instances: &[Value]) -> Result<(), TestCaseError> {
    let once = adcontract_schema::compile_standalone(schema);
    let twice = adcontract_schema::compile_standalone(schema);
    prop_assert_eq!(&once, &twice, "compile_standalone is not deterministic");
    let ir = match once {
        Ok(ir) => ir,
        Err(errs) => {
            prop_assert!(!errs.0.is_empty());
            for d in errs.iter() {
                prop_assert!(!d.message.trim().is_empty(), "empty diagnostic {:?}", d);
            }
            return Ok(());
        }
    };
    // Emitters never fail; the API view of a types-only contract is still a document.
    let _ = adcontract_schema::emit::api_description(&ir);
    let Ok(validator) = Validator::new(&ir, Options::default()) else {
        return Ok(());
    };
    for ty in ir.types.keys() {
        let oracle = oracle_for(&ir, ty).map_err(TestCaseError::fail)?;
        for v in instances {
            agree(&validator, &oracle, ty, v).map_err(TestCaseError::fail)?;
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(64))]

    /// Any JSON value as a standalone schema: no panic, deterministic, diagnostics with text.
    #[test]
    fn compile_standalone_arbitrary_json(
        schema in arb_json(),
        instances in prop::collection::vec(arb_json(), 1..4),
    ) {
        standalone_case(&schema, &instances)?;
    }

    /// Schema-like JSON: compiles more often, so the validator meets the oracle on every type.
    #[test]
    fn compile_standalone_schema_like(
        schema in arb_schema(),
        instances in prop::collection::vec(arb_json(), 1..6),
    ) {
        standalone_case(&schema, &instances)?;
    }
}

/// Every view of the canonical contract, with its validator and a `Spec` for contract-valid
/// instance generation.
fn canonical_specs() -> &'static Vec<&'static Spec> {
    static S: OnceLock<Vec<&'static Spec>> = OnceLock::new();
    S.get_or_init(|| {
        adcontract_schema::canonical()
            .versions
            .iter()
            .map(|v| canonical_source(&v.id).expect("canonical view"))
            .collect()
    })
}

fn canonical_oracles() -> &'static Vec<BTreeMap<String, jsonschema::Validator>> {
    static O: OnceLock<Vec<BTreeMap<String, jsonschema::Validator>>> = OnceLock::new();
    O.get_or_init(|| {
        canonical_specs()
            .iter()
            .map(|s| {
                s.ir.types
                    .keys()
                    .map(|ty| {
                        let o = oracle_for(s.ir, ty).unwrap_or_else(|e| panic!("{ty}: {e}"));
                        (ty.clone(), o)
                    })
                    .collect()
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(config(64))]

    /// Arbitrary instances against every type of every canonical view.
    #[test]
    fn validator_arbitrary_instances_every_type(value in arb_json()) {
        for (spec, oracles) in canonical_specs().iter().zip(canonical_oracles()) {
            for (ty, oracle) in oracles {
                agree(&spec.validator, oracle, ty, &value).map_err(TestCaseError::fail)?;
            }
        }
    }
}

/// Contract-valid and targeted invalid instances of every type of every view: the oracle
/// agrees both ways (random JSON is almost never valid, so this covers the other side).
#[test]
fn validator_generated_instances_every_type() {
    let per_type = config(3).cases.max(1);
    let mut checked = 0usize;
    let mut valid = 0usize;
    let mut failures = Vec::new();
    for (spec, oracles) in canonical_specs().iter().zip(canonical_oracles()) {
        for (ty, oracle) in oracles {
            let Some(def) = spec.ir.type_def(ty) else {
                continue;
            };
            if !def.type_params.is_empty() {
                // A generic's parameters are unbound here: the strategy has nothing to fill them.
                continue;
            }
            let mut strategies = vec![adcontract_conformance::generate::strategy::valid(
                spec, &def.shape,
            )];
            if let Some(bad) = adcontract_conformance::generate::strategy::invalid(spec, &def.shape)
            {
                strategies.push(bad);
            }
            for strategy in strategies {
                let mut runner = TestRunner::new_with_rng(
                    Config {
                        cases: per_type,
                        failure_persistence: None,
                        ..Config::default()
                    },
                    proptest::test_runner::TestRng::deterministic_rng(
                        proptest::test_runner::RngAlgorithm::ChaCha,
                    ),
                );
                for _ in 0..per_type {
                    let Ok(tree) = strategy.new_tree(&mut runner) else {
                        continue;
                    };
                    let value = tree.current();
                    checked += 1;
                    if oracle.is_valid(&value) {
                        valid += 1;
                    }
                    if let Err(e) = agree(&spec.validator, oracle, ty, &value) {
                        failures.push(format!("{}: {e}", spec.version()));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("generated instances: {checked} checked, {valid} valid per the oracle");
    assert!(valid > 0 && valid < checked, "{valid} valid of {checked}");
}

/// An unknown type name is an error with a suggestion, not a panic.
#[test]
fn unknown_type_is_an_error() {
    let spec = canonical_specs()[0];
    let e = spec
        .validator
        .validate("InteractionDat", &json!({}))
        .expect_err("unknown type");
    assert_eq!(e.suggestion.as_deref(), Some("InteractionData"), "{e}");
}

// ---------------------------------------------------------------------------------------------
// The streaming engine of `adcontract validate`
// ---------------------------------------------------------------------------------------------

/// Instances of the canonical `CallParty` (required `id`, `name`, `phone`; open object).
const GOOD: &str = r#"{"id":"p1","name":"Ada","phone":"+14155550123"}"#;
const INVALID: &str = r#"{"id":5,"name":"Cy"}"#;
/// The configured line limit in these tests.
const MAX: usize = 200_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Good,
    Invalid,
    Malformed,
    BadUtf8,
    Blank,
    Deep,
    TooLong,
}

impl Kind {
    fn bytes(self) -> Vec<u8> {
        match self {
            Kind::Good => GOOD.as_bytes().to_vec(),
            Kind::Invalid => INVALID.as_bytes().to_vec(),
            Kind::Malformed => br#"{"id":"p1","name":"#.to_vec(),
            Kind::BadUtf8 => b"{\"id\":\"p\xff1\",\"name\":\"A\",\"phone\":\"1\"}".to_vec(),
            Kind::Blank => b"  \t\r".to_vec(),
            Kind::Deep => "[".repeat(100_000).into_bytes(),
            Kind::TooLong => {
                let mut v = b"{\"id\":\"".to_vec();
                v.extend(std::iter::repeat_n(b'x', MAX + 10));
                v.extend(b"\"}");
                v
            }
        }
    }

    /// Whether the line is reported, and with which keyword.
    fn expected(self) -> Option<&'static str> {
        match self {
            Kind::Good | Kind::Blank => None,
            Kind::Invalid => Some("schema"),
            Kind::Malformed | Kind::BadUtf8 | Kind::Deep | Kind::TooLong => Some("parse"),
        }
    }
}

fn arb_kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        6 => Just(Kind::Good),
        3 => Just(Kind::Invalid),
        2 => Just(Kind::Malformed),
        2 => Just(Kind::BadUtf8),
        2 => Just(Kind::Blank),
        1 => Just(Kind::Deep),
        1 => Just(Kind::TooLong),
    ]
}

fn call_party() -> (&'static Spec, Shape) {
    let spec = canonical_source("latest").expect("latest");
    let def = spec.ir.type_def("CallParty").expect("CallParty in latest");
    (spec, def.shape.clone())
}

fn jsonl(kinds: &[Kind], crlf: bool, final_newline: bool) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, k) in kinds.iter().enumerate() {
        out.extend(k.bytes());
        if i + 1 < kinds.len() || final_newline {
            out.extend(if crlf { &b"\r\n"[..] } else { &b"\n"[..] });
        }
    }
    out
}

/// Checks a stream's report against the kinds of its lines.
fn check_stream(
    kinds: &[Kind],
    tally: stream::Tally,
    seen: &[(u64, Problem)],
) -> Result<(), TestCaseError> {
    let counted = kinds.iter().filter(|k| **k != Kind::Blank).count() as u64;
    prop_assert_eq!(
        tally.instances,
        counted,
        "every non-blank line is an instance"
    );
    let bad_lines: BTreeSet<u64> = seen
        .iter()
        .filter(|(_, p)| p.is_error())
        .map(|(l, _)| *l)
        .collect();
    for (i, k) in kinds.iter().enumerate() {
        let n = i as u64 + 1;
        match k.expected() {
            None => prop_assert!(
                !bad_lines.contains(&n),
                "line {} ({:?}) reported: {:?}",
                n,
                k,
                seen
            ),
            Some(kw) => {
                prop_assert!(
                    bad_lines.contains(&n),
                    "line {} ({:?}) not reported: {:?}",
                    n,
                    k,
                    seen
                );
                let on_line: Vec<&Problem> = seen
                    .iter()
                    .filter(|(l, _)| *l == n)
                    .map(|(_, p)| p)
                    .collect();
                if kw == "parse" {
                    prop_assert!(
                        on_line.len() == 1 && on_line[0].keyword == "parse",
                        "line {} ({:?}): {:?}",
                        n,
                        k,
                        on_line
                    );
                } else {
                    prop_assert!(
                        on_line.iter().all(|p| p.keyword != "parse"),
                        "{:?}",
                        on_line
                    );
                }
                for p in on_line {
                    prop_assert!(!p.message.trim().is_empty());
                }
            }
        }
    }
    prop_assert_eq!(
        tally.invalid,
        kinds.iter().filter(|k| k.expected().is_some()).count() as u64
    );
    prop_assert!(
        seen.iter()
            .all(|(l, _)| *l >= 1 && *l <= kinds.len() as u64)
    );
    Ok(())
}

proptest! {
    #![proptest_config(config(24))]

    /// Random mixes of good and bad lines through `validate_reader`.
    #[test]
    fn stream_reports_each_bad_line_and_checks_every_good_one(
        kinds in prop::collection::vec(arb_kind(), 0..14),
        crlf in any::<bool>(),
        final_newline in any::<bool>(),
        capacity in prop::sample::select(&[1usize, 7, 64, 1 << 16][..]),
    ) {
        let (spec, shape) = call_party();
        let input = jsonl(&kinds, crlf, final_newline);
        let mut seen = Vec::new();
        let tally = stream::validate_reader(
            &spec.validator,
            &shape,
            Layout::JsonLines,
            BufReader::with_capacity(capacity, &input[..]),
            MAX,
            &mut |l, p| seen.push((l, p.clone())),
        )
        .expect("in-memory input cannot fail to read");
        check_stream(&kinds, tally, &seen)?;
    }

    /// The same through `validate_files` (what the CLI calls): files on disk, the JSON report
    /// format, and the documented exit codes (0 clean, 1 an instance has an error, 2 an input
    /// could not be read, the other inputs still validated).
    #[test]
    fn validate_files_exit_codes_and_line_numbers(
        kinds in prop::collection::vec(arb_kind(), 0..10),
        with_missing in any::<bool>(),
    ) {
        let (spec, shape) = call_party();
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("in.jsonl");
        std::fs::write(&path, jsonl(&kinds, false, true)).expect("write");
        let mut paths = vec![path];
        if with_missing {
            paths.insert(0, dir.path().join("missing.jsonl"));
        }
        let mut out = Vec::new();
        let mut err = Vec::new();
        let outcome = stream::validate_files(
            &spec.validator, &shape, &paths, Format::Json, MAX, &mut out, &mut err,
        );
        let mut seen = Vec::new();
        for line in String::from_utf8_lossy(&out).lines() {
            let rec: Value = serde_json::from_str(line).expect("report lines are JSON");
            let n = rec["line"].as_u64().expect("line number");
            prop_assert!(rec["file"].as_str().is_some_and(|f| f.ends_with("in.jsonl")));
            let p = Problem {
                pointer: rec["pointer"].as_str().unwrap_or_default().to_owned(),
                keyword: if rec["keyword"] == "parse" { "parse" } else { "schema" },
                message: rec["message"].as_str().unwrap_or_default().to_owned(),
                severity: if rec["severity"] == "error" {
                    adcontract_schema::diag::Severity::Error
                } else {
                    adcontract_schema::diag::Severity::Warning
                },
            };
            seen.push((n, p));
        }
        check_stream(&kinds, outcome.tally, &seen)?;
        let want = if with_missing {
            2
        } else if kinds.iter().any(|k| k.expected().is_some()) {
            1
        } else {
            0
        };
        prop_assert_eq!(outcome.exit_code(), want, "{:?}", String::from_utf8_lossy(&err));
        prop_assert_eq!(outcome.input_errors, u64::from(with_missing));
        if with_missing {
            prop_assert!(String::from_utf8_lossy(&err).contains("missing.jsonl"));
        }
    }

    /// Arbitrary bytes: no panic; problems only on lines that exist.
    #[test]
    fn stream_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400), max in 1usize..64) {
        let (spec, shape) = call_party();
        let lines = bytes.split(|b| *b == b'\n').count() as u64;
        for layout in [Layout::JsonLines, Layout::Json] {
            let mut seen = Vec::new();
            let tally = stream::validate_reader(
                &spec.validator, &shape, layout, &bytes[..], max, &mut |l, p| seen.push((l, p.clone())),
            )
            .expect("in-memory input");
            prop_assert!(seen.iter().all(|(l, _)| *l >= 1 && *l <= lines), "{:?}", seen);
            prop_assert!(tally.errors as usize <= seen.len());
        }
    }
}

/// A `.json` file holding one 100k-deep value, and one over the limit: each one reported
/// problem, no panic, no stack overflow.
#[test]
fn stream_json_file_deep_and_too_large() {
    let (spec, shape) = call_party();
    for (input, max, needle) in [
        (
            "[".repeat(100_000).into_bytes(),
            MAX,
            "recursion limit exceeded",
        ),
        (Kind::TooLong.bytes(), MAX, "larger than the limit"),
    ] {
        let mut seen = Vec::new();
        let tally = stream::validate_reader(
            &spec.validator,
            &shape,
            Layout::Json,
            &input[..],
            max,
            &mut |l, p| seen.push((l, p.clone())),
        )
        .expect("in-memory input");
        assert_eq!(tally.instances, 1);
        assert_eq!(tally.errors, 1, "{seen:?}");
        assert!(seen[0].1.message.contains(needle), "{seen:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Conformance: recordings, import, the harness protocol
// ---------------------------------------------------------------------------------------------

fn corpus() -> &'static Vec<(PathBuf, String)> {
    static C: OnceLock<Vec<(PathBuf, String)>> = OnceLock::new();
    C.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance/corpus");
        let mut out = Vec::new();
        let mut dirs = vec![root];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).expect("corpus dir").flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "jsonl") {
                    let text = std::fs::read_to_string(&p).expect("corpus file");
                    out.push((p, text));
                }
            }
        }
        out.sort();
        assert!(out.len() >= 10, "corpus not found");
        out
    })
}

/// The real recordings read cleanly (so any error in the mutated ones comes from the mutation).
#[test]
fn corpus_recordings_read_cleanly() {
    for (path, text) in corpus() {
        let (rec, errors) = recording::parse(text);
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        let rec = rec.expect("a header");
        assert_eq!(
            rec.entries.len(),
            text.lines().filter(|l| !l.trim().is_empty()).count() - 1
        );
    }
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

proptest! {
    #![proptest_config(config(48))]

    /// One line of a real recording replaced by garbage: that line is reported by number, every
    /// other entry is kept.
    #[test]
    fn recording_with_a_garbage_line(
        file in any::<prop::sample::Index>(),
        line in any::<prop::sample::Index>(),
        garbage in arb_garbage(),
    ) {
        let (path, text) = &corpus()[file.index(corpus().len())];
        let mut lines: Vec<&str> = text.lines().collect();
        let k = line.index(lines.len());
        let was_entry = k > 0 && !lines[k].trim().is_empty();
        lines[k] = &garbage;
        let (_, original_errors) = recording::parse(text);
        let (orig, _) = recording::parse(text);
        let before = orig.map_or(0, |r| r.entries.len());
        let (rec, errors) = recording::parse(&lines.join("\n"));
        prop_assert!(original_errors.is_empty());
        prop_assert!(
            errors.iter().any(|e| e.line == k + 1),
            "{}: garbage on line {} not reported: {:?}", path.display(), k + 1, errors
        );
        prop_assert!(errors.iter().all(|e| e.line >= 1 && e.line <= lines.len() && !e.message.is_empty()));
        let after = rec.as_ref().map_or(0, |r| r.entries.len());
        if k > 0 {
            prop_assert_eq!(after, before - usize::from(was_entry), "entries lost");
        } else {
            // Without a header there is no recording, but the lines were all still checked:
            // nothing but the header line is reported unless it was reported before.
            prop_assert!(rec.is_none());
            prop_assert!(errors.iter().all(|e| e.line == 1), "{:?}", errors);
        }
    }

    /// A real recording, mutated as JSON (a key deleted or a subtree replaced on one line):
    /// no panic, errors only on existing lines, the unchanged entry lines all kept.
    #[test]
    fn recording_with_a_mutated_line(
        file in any::<prop::sample::Index>(),
        line in any::<prop::sample::Index>(),
        m in arb_mutation(),
    ) {
        let (_, text) = &corpus()[file.index(corpus().len())];
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        let k = line.index(lines.len());
        let v: Value = serde_json::from_str(&lines[k]).expect("corpus lines are JSON");
        lines[k] = apply(&v, &m).to_string();
        let (rec, errors) = recording::parse(&lines.join("\n"));
        let (orig, _) = recording::parse(text);
        let before = orig.map_or(0, |r| r.entries.len());
        prop_assert!(errors.iter().all(|e| e.line >= 1 && e.line <= lines.len() && !e.message.is_empty()));
        if let Some(rec) = rec {
            prop_assert!(rec.entries.len() + 1 >= before, "more than the mutated entry lost");
        }
    }

    /// Arbitrary lines, and invalid UTF-8 through `read`.
    #[test]
    fn recording_arbitrary_lines(
        lines in prop::collection::vec(prop_oneof![arb_json().prop_map(|v| v.to_string()), "\\PC{0,20}"], 0..8),
    ) {
        let text = lines.join("\n");
        let (_, errors) = recording::parse(&text);
        let n = text.lines().count().max(1);
        prop_assert!(errors.iter().all(|e| e.line >= 1 && e.line <= n), "{:?}", errors);
        let spec = handmade_source("latest").map_err(TestCaseError::fail)?;
        let (_, errors) = adcontract_conformance::import::import(spec, &text, "robustness");
        // Line 0 is the whole input ("nothing to import"), and only alone with line errors.
        prop_assert!(errors.iter().all(|e| e.line <= n && !e.message.is_empty()), "{:?}", errors);
        prop_assert!(errors.iter().filter(|e| e.line == 0).count() <= 1, "{:?}", errors);
    }

    /// Invalid UTF-8 on one line of a real recording file: that line is reported, the others kept.
    #[test]
    fn recording_file_with_invalid_utf8(
        file in any::<prop::sample::Index>(),
        line in 1usize..usize::MAX,
        junk in bad_utf8(),
    ) {
        let (_, text) = &corpus()[file.index(corpus().len())];
        let lines: Vec<&str> = text.lines().collect();
        // Not the header: the rest of the file needs one to be kept.
        let k = 1 + line % (lines.len() - 1);
        let mut bytes = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            if i == k {
                bytes.extend(&junk);
            }
            bytes.extend(l.as_bytes());
            bytes.push(b'\n');
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("r.jsonl");
        std::fs::write(&path, &bytes).expect("write");
        let (rec, errors) = recording::read(&path);
        prop_assert!(errors.iter().any(|e| e.line == k + 1), "line {} not reported: {:?}", k + 1, errors);
        let rec = rec.expect("the header is intact");
        prop_assert_eq!(rec.entries.len(), lines.len() - 2, "the other entries are kept");
    }
}

fn requests() -> Vec<Request> {
    [
        Command::Start {
            protocol: 1,
            role: Role::Provider,
        },
        Command::Reset {
            api: "widget".into(),
            api_version: "latest".into(),
        },
        Command::Fixture {
            fixture: "login".into(),
            args: json!({}),
        },
        Command::Call {
            method: "getAgentState".into(),
            args: vec![],
        },
        Command::Answer {
            event: "ON_X".into(),
            response: json!(null),
        },
        Command::Event {
            event: "ON_X".into(),
            args: vec![],
        },
        Command::View {},
        Command::Stop {},
    ]
    .into_iter()
    .enumerate()
    .map(|(i, command)| Request {
        id: i as u64 + 1,
        command,
    })
    .collect()
}

proptest! {
    #![proptest_config(config(64))]

    /// Any line as a reply to any request: `Ok` or an error message, never a panic.
    #[test]
    fn check_reply_arbitrary_lines(
        line in prop_oneof![
            arb_json().prop_map(|v| v.to_string()),
            "\\PC{0,30}",
            (0u64..10, arb_json()).prop_map(|(id, v)| json!({"id": id, "result": v, "events": []}).to_string()),
        ],
    ) {
        for req in requests() {
            if let Err(e) = check_reply(&line, &req) {
                prop_assert!(!e.trim().is_empty());
            }
        }
    }

    /// The harness loop on a mix of good requests, garbage and invalid UTF-8: every non-blank
    /// line gets exactly one reply (an error for a bad one) until `stop`, and no panic.
    #[test]
    fn serve_answers_every_line(
        lines in prop::collection::vec(prop_oneof![
            3 => prop::sample::select(vec![
                r#"{"id":1,"cmd":"start","protocol":1,"role":"provider"}"#,
                r#"{"id":2,"cmd":"reset","api":"widget","apiVersion":"latest"}"#,
                r#"{"id":3,"cmd":"call","method":"getAgentState","args":[]}"#,
                r#"{"id":4,"cmd":"fixture","fixture":"login","args":{"agentId":"a"}}"#,
                r#"{"id":5,"cmd":"view"}"#,
            ]).prop_map(|s| s.as_bytes().to_vec()),
            1 => arb_json().prop_map(|v| v.to_string().into_bytes()),
            1 => arb_garbage().prop_map(String::into_bytes),
            1 => bad_utf8(),
        ], 0..10),
    ) {
        let mut input = Vec::new();
        for l in &lines {
            input.extend(l);
            input.push(b'\n');
        }
        let mut side: Side<ModelProvider, Never> =
            Side::Provider(ModelProvider::new(handmade_source, None));
        let mut out = Vec::new();
        let r = serve(&mut side, &input[..], &mut out, None);
        prop_assert!(r.is_ok(), "serve stopped on bad input: {:?}", r);
        let replies: Vec<Value> = String::from_utf8_lossy(&out)
            .lines()
            .map(|l| serde_json::from_str(l).expect("replies are JSON"))
            .collect();
        // `stop` (possible from arbitrary JSON) ends the loop early, so count up to it.
        let answered = lines
            .iter()
            .take_while(|l| {
                serde_json::from_slice::<Request>(l).map_or(true, |r| r.command != Command::Stop {})
            })
            .filter(|l| !String::from_utf8_lossy(l).trim().is_empty())
            .count();
        prop_assert_eq!(replies.len(), answered, "{:?}", replies);
    }
}

/// The example's typed desktop, so the typed adapter is swept over real generated bindings.
#[allow(dead_code)]
#[path = "../../examples/typed_desktop/desktop.rs"]
mod desktop;

fn typed_provider() -> impl adcontract_conformance::adapter::Provider {
    use adcontract::latest::{embedded, widget};
    use adcontract_conformance::adapter::typed::{Pair, TypedProvider};
    use adcontract_schema::ir::ApiId;
    Pair::new(
        TypedProvider::new(widget::Binding, desktop::Desktop::new(ApiId::Widget, false)),
        TypedProvider::new(
            embedded::Binding,
            desktop::Desktop::new(ApiId::Embedded, false),
        ),
    )
}

/// A call of the latest view: a real method with contract-valid arguments (most of the time,
/// so the calls reach the generated traits), or any name with junk arguments.
fn arb_call() -> BoxedStrategy<Command> {
    let Ok(spec) = canonical_source("latest") else {
        return Just(Command::View {}).boxed();
    };
    let methods: Vec<&'static adcontract_schema::ir::Method> =
        spec.ir.apis.iter().flat_map(|a| a.methods.iter()).collect();
    let valid = prop::sample::select(methods).prop_flat_map(move |m| {
        let args: Vec<BoxedStrategy<Value>> = m
            .params
            .iter()
            .map(|p| adcontract_conformance::generate::strategy::valid(spec, &p.shape))
            .collect();
        (Just(m.name.clone()), args)
    });
    let junk = (
        prop_oneof![
            Just("noSuchMethod".to_string()),
            prop::sample::select(
                spec.ir
                    .apis
                    .iter()
                    .flat_map(|a| a.methods.iter().map(|m| m.name.clone()))
                    .collect::<Vec<_>>()
            ),
        ],
        prop::collection::vec(arb_json(), 0..3),
    );
    prop_oneof![
        3 => valid.prop_map(|(method, args)| Command::Call { method, args }),
        1 => junk.prop_map(|(method, args)| Command::Call { method, args }),
    ]
    .boxed()
}

proptest! {
    #![proptest_config(config(48))]

    /// Arbitrary calls (real method names, junk arguments), fixtures and answers through the
    /// typed adapter: every request gets a reply, nothing panics. Junk arguments stop at the
    /// SDK boundary (`invalid_args`); the rest reaches the generated traits.
    #[test]
    fn the_typed_adapter_answers_arbitrary_requests(
        api in prop::sample::select(vec!["widget", "embedded"]),
        steps in prop::collection::vec(prop_oneof![
            4 => arb_call(),
            1 => (prop::sample::select(vec!["login", "offer", "accept", "remoteEnd", "emit", "nope"]), arb_json())
                .prop_map(|(f, args)| Command::Fixture { fixture: f.into(), args }),
            1 => Just(Command::Fixture { fixture: "login".into(), args: json!({}) }),
            1 => (prop::sample::select(vec!["ON_GET_KNOWLEDGE_BASE_ARTICLE", "ON_REQUEST_TRANSFER_DATA", "ON_X"]), arb_json())
                .prop_map(|(e, response)| Command::Answer { event: e.into(), response }),
        ], 0..16),
    ) {
        let mut commands = vec![
            Command::Start { protocol: 1, role: Role::Provider },
            Command::Reset { api: api.into(), api_version: "latest".into() },
        ];
        commands.extend(steps);
        let mut input = Vec::new();
        for (i, command) in commands.into_iter().enumerate() {
            let line = serde_json::to_string(&Request { id: i as u64 + 1, command }).expect("a request serializes");
            input.extend(line.into_bytes());
            input.push(b'\n');
        }
        let mut side: Side<_, Never> = Side::Provider(typed_provider());
        let mut out = Vec::new();
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| serve(&mut side, &input[..], &mut out, None)));
        prop_assert!(r.is_ok(), "the typed adapter panicked on {}", String::from_utf8_lossy(&input));
        let replies = String::from_utf8_lossy(&out).lines().count();
        prop_assert_eq!(replies, input.iter().filter(|&&b| b == b'\n').count());
    }
}

/// `record import` (the library function the CLI calls) on an SDK log with a line of invalid
/// UTF-8 inserted: the exit code says a line was bad, and the recording written holds exactly
/// what the clean log gives.
#[test]
fn record_import_skips_a_non_utf8_line() {
    let log = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../conformance/testdata/widget-message-log.jsonl");
    let clean = std::fs::read(&log).expect("the committed SDK log");
    let dir = tempfile::tempdir().expect("tempdir");
    let import = |input: &[u8], name: &str| {
        let inp = dir.path().join(format!("{name}.in.jsonl"));
        let out = dir.path().join(format!("{name}.out.jsonl"));
        std::fs::write(&inp, input).expect("write");
        let code = adcontract_conformance::cli::import(
            &inp,
            "latest",
            Some(&out),
            canonical_source,
            adcontract_conformance::import::Options::default(),
        );
        (code, std::fs::read_to_string(&out).unwrap_or_default())
    };
    let (code, want) = import(&clean, "clean");
    assert_eq!(code, 0);
    assert!(want.lines().count() > 2, "{want}");
    let mut dirty = b"\xff\xfe not text\n".to_vec();
    dirty.extend(&clean);
    let (code, got) = import(&dirty, "dirty");
    assert_ne!(code, 0, "a bad line must show in the exit code");
    // The header names the input file; compare the entries.
    let entries = |s: &str| s.lines().skip(1).map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(entries(&got), entries(&want));
}

/// A value nested `depth` deep: `[[[…]]]` or `{"a":{"a":…}}`.
fn nested(depth: usize, object: bool) -> Value {
    let mut v = if object { json!({}) } else { json!([]) };
    for _ in 1..depth {
        v = if object {
            json!({ "a": v })
        } else {
            json!([v])
        };
    }
    v
}

/// Deep text as either document: the parser's depth limit is a syntax error with a position.
#[test]
fn deeply_nested_documents_are_syntax_errors() {
    let deep = "[".repeat(100_000);
    for (api, types) in [
        (deep.as_str(), CANONICAL_TYPES),
        (CANONICAL_API, deep.as_str()),
    ] {
        match compile(api, types) {
            Err(adcontract_schema::Error::Load(e)) => {
                assert!(e.position.is_some(), "{e}");
                assert!(e.message.contains("recursion limit"), "{e}");
            }
            other => panic!("expected a load error, got {:?}", other.err()),
        }
    }
}

/// Deep values built in memory (they never went through the parser's depth limit) as a
/// standalone schema: refused with a diagnostic at the first too-deep pointer, no stack
/// overflow. (Up to 1000 levels: much deeper and a debug build's test thread overflows in
/// serde_json's own recursive `Drop` of the value, before our code is involved.)
#[test]
fn deeply_nested_standalone_schema_in_memory() {
    let max = adcontract_schema::STANDALONE_MAX_DEPTH;
    // The limit is exactly the parser's: the deepest text serde_json reads is accepted.
    let deepest = format!("{}{}", "[".repeat(max), "]".repeat(max));
    assert!(serde_json::from_str::<Value>(&deepest).is_ok());
    let over = format!("[{deepest}]");
    assert!(serde_json::from_str::<Value>(&over).is_err());
    for object in [false, true] {
        let at_limit = adcontract_schema::compile_standalone(&nested(max, object));
        if let Err(errs) = &at_limit {
            assert!(
                errs.iter().all(|d| !d.message.contains("nests deeper")),
                "{errs}"
            );
        }
        for depth in [max + 1, 200, 1_000] {
            let errs = adcontract_schema::compile_standalone(&nested(depth, object))
                .expect_err("too deep");
            assert_eq!(errs.0.len(), 1, "{errs}");
            let d = &errs.0[0];
            assert!(d.message.contains("nests deeper than 127"), "{d}");
            assert!(d.hint.is_some());
            let token = if object { "/a" } else { "/0" };
            assert_eq!(
                d.pointer,
                token.repeat(max),
                "object {object}, depth {depth}"
            );
        }
    }
}

/// Deep instances built in memory against a recursive type: every level is checked and the
/// problem reported at its pointer; past the validator's documented bound (1024 schema levels;
/// parsed instances nest at most 127 deep) one clear problem instead of a stack overflow.
#[test]
fn deeply_nested_instances_in_memory() {
    let ir = adcontract_schema::compile_standalone(&json!({
        "$ref": "#/$defs/A",
        "$defs": { "A": { "type": "array", "items": { "$ref": "#/$defs/A" } } }
    }))
    .unwrap_or_else(|e| panic!("{e}"));
    let v = Validator::new(&ir, Options::default()).expect("validator");
    let depth = 200;
    let good = nested(depth, false);
    let mut bad = good.clone();
    if let Some(slot) = bad.pointer_mut(&"/0".repeat(depth - 1)) {
        *slot = json!("x");
    }
    for ty in ["A", "Root"] {
        let problems = v.validate(ty, &good).expect("known type");
        assert!(!has_errors(&problems), "{ty}: {:?}", problems.first());
        let problems = v.validate(ty, &bad).expect("known type");
        assert_eq!(problems.len(), 1, "{ty}");
        assert_eq!(problems[0].pointer, "/0".repeat(depth - 1));
    }
    let deep = nested(1_000, false);
    for ty in ["A", "Root"] {
        let problems = v.validate(ty, &deep).expect("known type");
        assert_eq!(problems.len(), 1, "{ty}: {problems:?}");
        assert!(
            problems[0].message.contains("nests more than 1024 levels"),
            "{:?}",
            problems[0]
        );
        assert_eq!(v.is_valid(ty, &deep), Ok(false));
    }
}
