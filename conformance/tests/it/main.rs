//! Integration tests of adcontract-conformance, one binary: the committed corpus, the rules
//! page, the mutants the runner must catch, non-UTF-8 input, reports, the generated protocol and
//! recording schemas, and the TypeScript adapter.

mod common;
mod corpus;
mod docs;
mod mutants;
mod not_utf8;
mod reports;
mod schemas;
mod ts_adapter;
