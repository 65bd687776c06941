//! End-to-end tests of the TypeScript bindings (`adcontract_codegen::ts`,
//! `adcontract generate typescript`): the pinned TypeScript compiler over every generated package
//! and the integrator-style files in `ts/usage/`, the validators under node against the Rust
//! validator, snapshots, the CLI's `--check`, and the conformance harness's declarations
//! (`conformance/adapters/ts/harness.d.mts`) with the files in `ts/adapter/`.
//!
//! These tests need `node` and `npm`; without them they fail (never skip). The compiler is
//! installed from `ts/package-lock.json` by the tests themselves.

mod adapter;
mod cli;
pub(crate) mod common;
mod differential;
mod snapshots;
mod tsc;
