//! `compile_standalone` and the IR-driven validator, against the `jsonschema` oracle; values
//! nested deeper than the limits.

use super::*;

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
