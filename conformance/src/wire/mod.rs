//! The wire: what crosses between the suite and an implementation. Recordings (the JSONL
//! format, [`recording`]) and their vetting against the contract their header names ([`vet`]),
//! the harness protocol ([`protocol`]), the typed scene fixtures a provider applies ([`scene`])
//! and the event type they all carry ([`Emitted`]).
//!
//! Depends on [`crate::contract`] only.

pub mod emitted;
pub mod protocol;
pub mod recording;
pub mod scene;
pub mod vet;

pub use emitted::Emitted;

use serde_json::Value;

/// `v` with every string value (keys stay) replaced by `f` of it: how ids are renamed in
/// arguments and answers between a log's, the model's and an implementation's names for them.
pub(crate) fn map_strings(v: &Value, f: &impl Fn(&str) -> String) -> Value {
    match v {
        Value::String(s) => Value::String(f(s)),
        Value::Array(a) => Value::Array(a.iter().map(|x| map_strings(x, f)).collect()),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| (k.clone(), map_strings(x, f)))
                .collect(),
        ),
        other => other.clone(),
    }
}
