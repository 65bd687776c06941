//! The source documents as `load` reads them, before lowering.
//!
//! The API description has a fixed shape, so it is a set of Rust types ([`api`]) from which its
//! meta-schema is generated. The types file is JSON Schema, whose keywords `lower` interprets one
//! by one, so it stays a `serde_json::Value` with a position index ([`types`]).
//!
//! A schema file given by a user is either an API description (which names its types file) or a
//! plain JSON Schema 2020-12 types document on its own; [`DocumentKind::of`] tells them apart
//! from the content, never from the file name.

pub mod api;
pub mod types;

use serde_json::Value;

/// What a schema file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// An API description (`agent-desktop.api.json`): versions, APIs, and the name of its types
    /// file.
    Api,
    /// A plain JSON Schema 2020-12 document whose `$defs` are the types (no API, one version).
    Types,
}

/// Top-level keys of an API description. None of them is a keyword a JSON Schema document has
/// at its root (`format` only ever constrains a string instance, and the root of a types
/// document describes no instance), so their presence decides.
pub const API_MARKERS: &[&str] = &["format", "types", "versions", "apis"];

impl DocumentKind {
    /// The kind of the parsed document `root`: an object with any of [`API_MARKERS`] is an API
    /// description; everything else is read as a types document (whose lowering reports what
    /// does not fit, such as a root that is not an object).
    pub fn of(root: &Value) -> DocumentKind {
        match root.as_object() {
            Some(o) if API_MARKERS.iter().any(|k| o.contains_key(*k)) => DocumentKind::Api,
            _ => DocumentKind::Types,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn kind_is_told_from_the_content() {
        let api = json!({"format": 1, "types": "t.json", "versions": [], "apis": []});
        assert_eq!(DocumentKind::of(&api), DocumentKind::Api);
        // A half-written API description is still one, so its errors speak of the API format.
        assert_eq!(DocumentKind::of(&json!({"apis": []})), DocumentKind::Api);
        let types = json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "$defs": {}});
        assert_eq!(DocumentKind::of(&types), DocumentKind::Types);
        assert_eq!(DocumentKind::of(&json!({})), DocumentKind::Types);
        assert_eq!(DocumentKind::of(&json!([1])), DocumentKind::Types);
        // Property names inside `$defs` are not markers.
        let tricky = json!({"$defs": {"apis": {"type": "object", "properties": {"format": {}}}}});
        assert_eq!(DocumentKind::of(&tricky), DocumentKind::Types);
    }
}
