//! The two source documents as `load` reads them, before lowering.
//!
//! The API description has a fixed shape, so it is a set of Rust types ([`api`]) from which its
//! meta-schema is generated. The types file is JSON Schema, whose keywords `lower` interprets one
//! by one, so it stays a `serde_json::Value` with a position index ([`types`]).

pub mod api;
pub mod types;
