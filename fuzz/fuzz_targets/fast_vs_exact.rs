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

fuzz_target!(|data: &[u8]| {
    let serde_ok = serde_json::from_slice::<Value>(data).ok();
    for ir in views() {
        for deny_unknown in [false, true] {
            let Ok(v) = Validator::new(ir, Options { deny_unknown }) else {
                return;
            };
            for shape in shapes(ir) {
                let fast = Program::new(&v, &shape).is_clean(data);
                let exact = serde_ok
                    .as_ref()
                    .is_some_and(|value| v.validate_shape(&shape, value).is_empty());
                assert_eq!(fast, exact, "{shape:?} in {}", ir.version.id);
            }
        }
    }
});
