//! Integration tests of adcontract-schema, one binary: the canonical contract, its views and
//! emitted documents; the validator against the committed instance corpus, against the
//! `jsonschema` oracle, and on the JSON-Schema-Test-Suite.

// Tests may unwrap: a panic there is the failure report.
#![allow(clippy::unwrap_used)]

mod canonical;
mod emitted;
mod fixtures;
mod standalone;
mod validate_corpus;
mod validate_oracle;
mod validate_suite;
