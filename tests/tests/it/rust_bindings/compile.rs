//! trybuild: every generated file compiles under `#![deny(warnings)]` (pass), and every macro
//! error is a spanned `compile_error!` listing all problems (fail, with reviewed `.stderr`).
//!
//! The fail cases name their schema relative to `CARGO_MANIFEST_DIR`, which for trybuild is the
//! project it generates under `target/tests/trybuild/adcontract-tests/`; hence the `../../../../`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/fail/*.rs");
}
