//! The one event type the whole crate shares: what an implementation (or the reference model)
//! emitted, as the protocol's `emit` replies and the adapters carry it. (Its doc comment
//! speaks of the model because it is the description in the generated protocol schema.)

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// An event the model emits: its name (API A `ON_…`, API B registration name) and arguments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Emitted {
    pub event: String,
    pub args: Vec<Value>,
}

impl Emitted {
    pub fn new(event: impl Into<String>, args: Vec<Value>) -> Emitted {
        Emitted {
            event: event.into(),
            args,
        }
    }
}
