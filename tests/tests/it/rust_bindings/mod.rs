//! End-to-end tests of the Rust bindings: the emitter, the `bindings!` macro, the facade modules
//! (`adcontract::{v5_19, v5_24, latest}`) and `adcontract generate rust`.
//!
//! One test binary (modules below) so the generated facade is linked once.

mod cli;
pub(crate) mod common;
mod compile;
mod external_crate;
mod generic_validate;
mod roundtrip;
mod schemars_agree;
mod snapshots;
mod strategy;
mod vendor;
