//! The contract view: what a run checks against. One version of the IR with its validator
//! ([`Spec`]), where specs come from ([`source`]), the vendor's error codes
//! ([`error_codes`]), the smallest valid value of a shape ([`minimal`]), and a small hand-made
//! contract the suite's own tests pin ([`handmade`]).
//!
//! Depends on `adcontract-schema` only; every other part of the crate depends on it.

pub mod error_codes;
pub mod handmade;
pub mod minimal;
pub mod source;
pub mod spec;

pub use source::{SpecSource, canonical_source, handmade_source};
pub use spec::{Spec, SpecError, api_name, operation_result, parse_api};
