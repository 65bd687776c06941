//! # adcontract-schema
//!
//! The single source of truth of adcontract: the canonical, versioned description of Bright
//! Pattern's two Agent Desktop browser APIs, and the pipeline that turns it into a typed IR.
//!
//! ```text
//! files -> load (stops at the first parse error) -> model
//!       -> lower (collects every problem) -> ir::Contract
//!       -> check (collects every problem) -> ir::Contract::view(version) -> ir::Ir
//! ```
//!
//! The canonical documents are embedded in the crate; see `docs/schema-format.md` for the format.

pub mod diag;
pub mod ir;
