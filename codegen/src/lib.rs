//! # adcontract-codegen
//!
//! Emitters that read only the typed IR (`adcontract_schema::ir::Ir`, one version view):
//!
//! - [`rust`]: Rust tokens (for the `bindings!` macro) and a formatted file (for
//!   `adcontract generate rust`), from one engine.
//! - [`ts`]: the TypeScript package.
//! - [`browser`]: page-side scripts: the SDKs and panel of `adcontract serve`'s fake desktop, and
//!   the recorder of real sessions.
//!
//! [`Settings`] is shared by every front end; [`scope`] (name scopes and the [`Collision`]
//! report, one format for both languages) by both emitters.

pub mod browser;
pub mod rust;
pub mod scope;
pub mod settings;
pub mod ts;

pub use scope::{Collision, Language};
pub use settings::Settings;
