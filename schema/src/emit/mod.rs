//! Emitters: an IR view -> self-contained JSON documents (`adcontract schema`).
//!
//! - [`types_schema`]: one JSON Schema 2020-12 document with every type of the view in `$defs`;
//! - [`api_description`]: the view's APIs, methods and events, with their schemas, plus the
//!   same `$defs`, so every `$ref` (`#/$defs/Name`) resolves inside the document itself.
//!
//! Emitters never fail, and their output is deterministic: types in name order, everything else
//! in source order, object keys in insertion order.

mod api;
mod schema;

pub use api::api_description;
pub use schema::{shape_schema, types_schema};

/// The JSON Schema dialect of every emitted schema.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The `$id` of a view's types document.
pub fn view_id(version: &str) -> String {
    format!("https://adcontract.invalid/schema/{version}/agent-desktop.types.json")
}

/// Pretty JSON with a trailing newline, as `adcontract schema` prints it.
pub fn to_pretty(value: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::test_util::{api_doc, types_doc};

    fn emitted(defs: &str, version: &str) -> serde_json::Value {
        let c = crate::compile_str("a.json", &api_doc(""), "t.json", &types_doc(defs)).unwrap();
        types_schema(&c.view(version).unwrap())
    }

    #[test]
    fn nullable_forms() {
        let d = emitted(
            r##""S": {"type": ["string", "null"], "minLength": 1},
"R": {"anyOf": [{"$ref": "#/$defs/S"}, {"type": "null"}]},
"E": {"enum": ["a", null]},
"U": {"type": ["string", "number", "null"]}"##,
            "a",
        );
        assert_eq!(
            d["$defs"]["S"],
            json!({"type": ["string", "null"], "minLength": 1})
        );
        assert_eq!(
            d["$defs"]["R"],
            json!({"anyOf": [{"$ref": "#/$defs/S"}, {"type": "null"}]})
        );
        assert_eq!(
            d["$defs"]["E"],
            json!({"anyOf": [{"type": "string", "enum": ["a"]}, {"type": "null"}]})
        );
        assert_eq!(
            d["$defs"]["U"],
            json!({"type": ["string", "number", "null"]})
        );
    }

    /// A `type` list must name each type once, so an `anyOf` naming one twice is kept as written
    /// (found by the standalone-schema property test against the `jsonschema` oracle).
    #[test]
    fn an_any_of_naming_a_type_twice_is_not_a_type_list() {
        let d = emitted(
            r#""D": {"anyOf": [{"type": "string"}, {"type": "string"}]}"#,
            "a",
        );
        assert_eq!(
            d["$defs"]["D"],
            json!({"anyOf": [{"type": "string"}, {"type": "string"}]})
        );
        jsonschema::meta::validate(&d).unwrap();
    }

    #[test]
    fn annotations_and_codes() {
        let d = emitted(
            r##""N": {"enum": [1, 2], "x-enum": {"1": {"x-code": 10, "description": "one"}, "2": {"x-code": 20, "x-deprecated": "b"}}, "x-const-name": "codes"},
"G": {"x-type-params": ["T"], "type": "object", "properties": {"data": {"x-type-param": "T"}}, "additionalProperties": false, "x-notes": [{"kind": "quirk", "text": "t"}]}"##,
            "c",
        );
        assert_eq!(
            d["$defs"]["N"],
            json!({"type": "integer", "enum": [1, 2], "x-enum": {"1": {"description": "one", "x-code": 10}, "2": {"deprecated": true, "x-code": 20}}, "x-const-name": "codes"})
        );
        assert_eq!(
            d["$defs"]["G"],
            json!({"type": "object", "properties": {"data": {"x-type-param": "T"}}, "additionalProperties": false, "x-type-params": ["T"], "x-notes": [{"kind": "quirk", "text": "t"}]})
        );
        assert_eq!(d["$id"], view_id("c"));
        assert_eq!(d["$schema"], DIALECT);
    }

    #[test]
    fn api_description_is_self_describing() {
        let apis = r#"{"id": "embedded", "title": "E", "entry": "e", "style": "callback", "methods": [
{"name": "s", "wire": "S", "params": [{"name": "a", "schema": {"$ref": "t.json#/$defs/A"}}], "wireData": {"k": "a"}}], "events": []}"#;
        let c = crate::compile_str(
            "a.json",
            &api_doc(apis),
            "t.json",
            &types_doc(r#""A": {"type": "string"}"#),
        )
        .unwrap();
        let d = api_description(&c.view("a").unwrap());
        let m = &d["apis"][0]["methods"][0];
        assert_eq!(m["params"][0]["schema"], json!({"$ref": "#/$defs/A"}));
        assert_eq!(m["wireData"], json!({"k": "a"}));
        assert_eq!(d["$defs"]["A"], json!({"type": "string"}));
        assert_eq!(d["apis"][0]["style"], "callback");
        assert!(to_pretty(&d).ends_with("}\n"));
    }

    #[test]
    fn api_description_carries_constants_and_top_level_keys() {
        let apis = r#"{"id": "widget", "title": "W", "entry": "e", "style": "promise", "constants": [
{"name": "old", "value": "_R", "role": "responseSuffix", "until": "b"},
{"name": "NEW", "value": "_R", "role": "responseSuffix", "since": "b", "description": "d"}]},
{"id": "embedded", "title": "E", "entry": "e", "style": "callback", "methods": [
{"name": "s", "wire": "S", "params": [{"name": "a", "schema": {}}], "wireData": {"k": "a"}, "wireDataIn": "message"},
{"name": "t", "wire": "T", "params": [{"name": "a", "schema": {}}], "wireData": {"k": "a"}, "wireDataIn": "data"}]}"#;
        let c = crate::compile_str("a.json", &api_doc(apis), "t.json", &types_doc("")).unwrap();
        let a = api_description(&c.view("a").unwrap());
        assert_eq!(
            a["apis"][0]["constants"],
            json!([{"name": "old", "value": "_R", "role": "responseSuffix"}])
        );
        let methods = &a["apis"][1]["methods"];
        assert_eq!(methods[0]["wireData"], json!({"k": "a"}));
        assert_eq!(methods[0]["wireDataIn"], "message");
        // `data` is the default and is not written.
        assert_eq!(methods[1].get("wireDataIn"), None);
        assert_eq!(a["apis"][1].get("constants"), None);
        let c_view = api_description(&c.view("c").unwrap());
        assert_eq!(
            c_view["apis"][0]["constants"],
            json!([{"name": "NEW", "value": "_R", "role": "responseSuffix", "description": "d"}])
        );
    }
}
