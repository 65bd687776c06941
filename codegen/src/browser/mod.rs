//! The page-side scripts of `adcontract serve`, emitted from one IR view: the fake desktop's
//! SDKs at the vendor's script paths ([`sdk`]) and its own UI, the panel ([`panel`]).
//!
//! Like the TypeScript package, every output is plain text, byte-identical on every run for the
//! same inputs, and nothing from the schema is spliced into code except as JSON data.

pub mod panel;
pub mod sdk;
