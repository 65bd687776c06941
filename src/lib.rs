//! # adcontract
//!
//! The executable contract of Bright Pattern's Agent Desktop browser APIs.
//!
//! - [`schema`]: the canonical, versioned schema and its typed IR (re-export of `adcontract-schema`).
//! - `v5_19`, `v5_24`, `latest`: Rust bindings generated at build time from the canonical schema.
//! - [`bindings!`]: the same generator for your own schema file.
//! - `cli` (feature `cli`, on by default): the `adcontract` command.

// Generated code names its runtime support `::adcontract::__private`; inside this crate that path
// must resolve too, so the facade modules below are expanded exactly like a user's would be.
extern crate self as adcontract;

pub use adcontract_schema as schema;

pub use adcontract_macros::bindings;
pub use adcontract_schema::runtime::{
    ApiBinding, ApiModule, Const, ConstValue, ContractShape, DispatchError, Nullable, ValidateError,
};
pub use adcontract_schema::validate::Problem;

/// Runtime support for generated bindings. Not a public API: only generated code uses it, and it
/// may change in any release. It is `adcontract_schema::runtime`, so bindings expanded here and
/// in a user's crate share one `Nullable`, one `ApiBinding`, and so on.
#[doc(hidden)]
pub use adcontract_schema::runtime as __private;

/// Bindings for the canonical contract's `5.19` view (`5.19.99 Carina`).
pub mod v5_19 {
    adcontract_macros::bindings!(api_version = "5.19");
}

/// Bindings for the canonical contract's `5.24` view (`5.24.1`).
pub mod v5_24 {
    adcontract_macros::bindings!(api_version = "5.24");
}

/// Bindings for the canonical contract's newest view.
pub mod latest {
    adcontract_macros::bindings!();
}

#[cfg(feature = "cli")]
pub mod cli;
