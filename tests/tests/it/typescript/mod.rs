//! End-to-end tests of the TypeScript bindings (`adcontract_codegen::ts`,
//! `adcontract generate typescript`): the pinned TypeScript compiler over every generated package
//! and the integrator-style files in `ts/usage/`, the validators under node against the Rust
//! validator, snapshots, the CLI's `--check`, the conformance harness's declarations
//! (`conformance/adapters/ts/harness.d.mts`) with the files in `ts/adapter/`, the hostile
//! fixture's names and patterns as data (never code), the vendor-shaped declarations of every
//! view checked name by name against the package, and the package in headless Chromium under
//! `Content-Security-Policy: script-src 'self'`.
//!
//! These tests need `node` and `npm`; without them they fail (never skip). The compiler is
//! installed from `ts/package-lock.json` by the tests themselves.

mod adapter;
mod cli;
pub(crate) mod common;
mod csp;
mod depth;
mod differential;
mod injection;
mod recorder;
mod snapshots;
mod tsc;
mod vendor_names;
