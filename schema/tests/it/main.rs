//! Integration tests of adcontract-schema: the canonical contract, its views and emitted documents.

// Tests may unwrap: a panic there is the failure report.
#![allow(clippy::unwrap_used)]

mod canonical;
mod emitted;
mod fast_path;
mod fixtures;
mod fuzz_regressions;
mod standalone;
