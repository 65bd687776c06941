//! # adcontract
//!
//! The executable contract of Bright Pattern's Agent Desktop browser APIs.
//!
//! - [`schema`]: the canonical, versioned schema and its typed IR (re-export of `adcontract-schema`).
//! - `v5_19`, `v5_24`, `latest`: Rust bindings generated at build time from the canonical schema.
//! - [`bindings!`]: the same generator for your own schema file.
//! - `cli` (feature `cli`, on by default): the `adcontract` command.

pub use adcontract_schema as schema;

#[cfg(feature = "cli")]
pub mod cli;
