//! The types file as loaded: the JSON value plus where each of its values is written.

use crate::position::Positions;

/// `agent-desktop.types.json` (or any JSON Schema document lowered on its own).
#[derive(Debug, Clone, PartialEq)]
pub struct TypesDocument {
    /// The name other documents use for it (`agent-desktop.types.json`); prefixes every pointer.
    pub name: String,
    pub root: serde_json::Value,
    pub positions: Positions,
}
