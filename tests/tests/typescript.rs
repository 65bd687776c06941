//! End-to-end tests of the TypeScript bindings (`adcontract_codegen::ts`,
//! `adcontract generate typescript`): the pinned TypeScript compiler over every generated package
//! and the integrator-style files in `ts/usage/`, the validators under node against the Rust
//! validator, snapshots, and the CLI's `--check`.
//!
//! These tests need `node` and `npm`; without them they fail (never skip). The compiler is
//! installed from `ts/package-lock.json` by the tests themselves.

mod typescript {
    mod cli;
    pub(crate) mod common;
    mod differential;
    mod snapshots;
    mod tsc;
}
