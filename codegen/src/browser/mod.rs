//! The page-side scripts, emitted from one IR view: the fake desktop's SDKs at the vendor's
//! script paths ([`sdk`]) and its own UI, the panel ([`panel`]), for `adcontract serve`; and the
//! recorder of real sessions ([`recorder`]).
//!
//! Like the TypeScript package, every output is plain text, byte-identical on every run for the
//! same inputs, and nothing from the schema is spliced into code except as JSON data.

pub mod panel;
pub mod recorder;
pub mod sdk;
