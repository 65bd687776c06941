//! Property tests: valid JSON generated from the IR goes through the generated types of every
//! canonical view and comes back value-equal; what comes back is valid per the `jsonschema` crate
//! on the emitted JSON Schema view (an independent validator), and parsing it again is stable.

use adcontract_schema::ir::Shape;
use adcontract_schema::validate::{Options, Validator};
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::Value;

type Reserialize = fn(&str, &Value) -> Option<Result<Value, serde_json::Error>>;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(24)
}

fn check_view(version: &str, reserialize: Reserialize) {
    let ir = super::common::view(version);
    let validator = Validator::new(&ir, Options::default()).expect("validator");
    let schema = super::common::emitted_schema(&ir);
    let mut failures = Vec::new();
    for name in ir.types.keys() {
        let shape = Shape::Ref {
            name: name.clone(),
            args: vec![],
        };
        let strategy = super::strategy::value(&ir, &shape);
        let independent = super::common::compile_def(&schema, name);
        let mut runner = TestRunner::new(Config {
            cases: cases(),
            failure_persistence: None,
            ..Config::default()
        });
        let result = runner.run(&strategy, |v| {
            // The strategy aims at valid values; the IR validator is the referee for the rare miss
            // (an `exclusive` union whose branches overlap, a pattern the generator approximates).
            if !validator.is_valid(name, &v).unwrap_or(false) {
                return Ok(());
            }
            let out = reserialize(name, &v)
                .ok_or_else(|| {
                    TestCaseError::fail(format!("{name}: no such type in the bindings"))
                })?
                .map_err(|e| TestCaseError::fail(format!("{name}: does not parse: {e}\n{v}")))?;
            if out != v {
                return Err(TestCaseError::fail(format!(
                    "{name}: not lossless\n in: {v}\nout: {out}"
                )));
            }
            if let Some(js) = &independent {
                if !js.is_valid(&out) {
                    return Err(TestCaseError::fail(format!(
                        "{name}: jsonschema rejects {out}"
                    )));
                }
            }
            let again = reserialize(name, &out).and_then(Result::ok);
            if again.as_ref() != Some(&out) {
                return Err(TestCaseError::fail(format!(
                    "{name}: second round trip differs"
                )));
            }
            Ok(())
        });
        if let Err(e) = result {
            failures.push(format!("{version}/{name}: {e}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing types:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn latest_round_trips() {
    check_view("latest", adcontract::latest::reserialize);
}

#[test]
fn v5_24_round_trips() {
    check_view("5.24", adcontract::v5_24::reserialize);
}

#[test]
fn v5_19_round_trips() {
    check_view("5.19", adcontract::v5_19::reserialize);
}
