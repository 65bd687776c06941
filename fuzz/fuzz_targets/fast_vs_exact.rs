//! Arbitrary bytes through the fast path, the exact path and serde_json: the fast path says
//! "clean" exactly when the exact validator reports nothing, never on text serde_json refuses,
//! and nothing panics.
#![no_main]

use std::sync::OnceLock;

use adcontract_schema::ir::{Ir, Shape};
use adcontract_schema::validate::fast::Program;
use adcontract_schema::validate::{Options, Validator};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// Views and shapes worth fuzzing: the benchmark's type, a small open object, a tagged union,
/// a generic result, anything.
fn views() -> &'static [Ir] {
    static VIEWS: OnceLock<Vec<Ir>> = OnceLock::new();
    VIEWS.get_or_init(|| {
        ["5.19", "latest"]
            .iter()
            .filter_map(|v| adcontract_schema::canonical().view(v).ok())
            .collect()
    })
}

fn shapes(ir: &Ir) -> Vec<Shape> {
    let mut out = vec![Shape::Any];
    for name in [
        "InteractionData",
        "CallParty",
        "OperationResult",
        "EmbeddedMessage",
        "InitiateResult",
    ] {
        if ir.types.contains_key(name) {
            out.push(Shape::Ref {
                name: name.into(),
                args: vec![],
            });
        }
    }
    for api in &ir.apis {
        for m in api.methods.iter().take(3) {
            out.extend(m.result.clone());
        }
    }
    out
}

/// Each view's validators (without and with `--deny-unknown`) and their compiled programs,
/// built once: building them per input would leave the fuzzer a few runs a second.
type Checks = Vec<(&'static Ir, Validator<'static>, Vec<(Shape, Program)>)>;

fn checks() -> &'static Checks {
    static CHECKS: OnceLock<Checks> = OnceLock::new();
    CHECKS.get_or_init(|| {
        let mut out = Vec::new();
        for ir in views() {
            for deny_unknown in [false, true] {
                let Ok(v) = Validator::new(ir, Options { deny_unknown }) else {
                    continue;
                };
                let programs = shapes(ir)
                    .into_iter()
                    .map(|s| {
                        let p = Program::new(&v, &s);
                        (s, p)
                    })
                    .collect();
                out.push((ir, v, programs));
            }
        }
        out
    })
}

fuzz_target!(|data: &[u8]| {
    let serde_ok = serde_json::from_slice::<Value>(data).ok();
    for (ir, v, programs) in checks() {
        for (shape, program) in programs {
            let fast = program.is_clean(data);
            let exact = serde_ok
                .as_ref()
                .is_some_and(|value| v.validate_shape(shape, value).is_empty());
            assert_eq!(fast, exact, "{shape:?} in {}", ir.version.id);
        }
    }
});
