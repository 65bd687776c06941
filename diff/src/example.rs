//! Expands a rule's example (a *mini spec*, see [`crate::rules`]) into a full API description
//! and types document, compiled through the ordinary public schema pipeline.
//!
//! The examples are the catalogue's illustrations and the rules' test fixtures at once, so a
//! catalogue example that stops showing its rule fails a test.

use serde_json::{Map, Value, json};

use crate::model::Direction;
use crate::rules::Rule;
use crate::{Side, SideError};

const TYPES_NAME: &str = "example.types.json";
const API_NAME: &str = "example.api.json";

/// The old and new sides of a rule's example. A data example yields one pair per direction
/// (`T` used as a method argument, then as an event argument); any other example one pair.
pub fn sides(rule: &Rule) -> Result<Vec<(Option<Direction>, Side, Side)>, SideError> {
    let parse = |s: &str| {
        serde_json::from_str::<Value>(s).map_err(|e| SideError::Input(format!("{}: {e}", rule.id)))
    };
    let (old, new) = (parse(rule.example.old)?, parse(rule.example.new)?);
    if rule.is_data() {
        let mut out = Vec::new();
        for d in [Direction::In, Direction::Out] {
            out.push((
                Some(d),
                side(&data_spec(&old, d), "old")?,
                side(&data_spec(&new, d), "new")?,
            ));
        }
        Ok(out)
    } else {
        Ok(vec![(None, side(&old, "old")?, side(&new, "new")?)])
    }
}

/// A mini spec using `T` once, at a site of `direction`.
fn data_spec(t: &Value, direction: Direction) -> Value {
    let param = json!([{"name": "value", "schema": {"$ref": format!("{TYPES_NAME}#/$defs/T")}}]);
    match direction {
        Direction::In => json!({"defs": {"T": t}, "methods": [{"name": "send", "params": param}]}),
        _ => json!({"defs": {"T": t}, "events": [{"name": "ON_RECEIVE", "params": param}]}),
    }
}

/// Compiles a mini spec and cuts its view.
fn side(spec: &Value, label: &str) -> Result<Side, SideError> {
    let (api, types) = expand(spec);
    let contract =
        adcontract_schema::compile_str(API_NAME, &api.to_string(), TYPES_NAME, &types.to_string())
            .map_err(|e| SideError::Input(e.to_string()))?;
    let view = spec["view"]
        .as_str()
        .map(str::to_owned)
        .or_else(|| contract.latest().map(|v| v.id.clone()))
        .unwrap_or_default();
    Side::of(&contract, &view, format!("{label}@{view}"))
}

/// The API description and the types document of a mini spec.
pub fn expand(spec: &Value) -> (Value, Value) {
    let versions: Vec<Value> = spec["versions"]
        .as_array()
        .cloned()
        .unwrap_or_else(|| vec![json!("1")])
        .into_iter()
        .map(|id| json!({"id": id, "label": id}))
        .collect();
    let embedded_only = spec["embedded"].as_bool().unwrap_or(false);
    let methods = list(spec, "methods", !embedded_only);
    let events = list(spec, "events", false);
    let mut widget = json!({
        "id": "widget",
        "title": "Example widget API",
        "entry": "new Example()",
        "style": "promise",
        "methods": if embedded_only { json!([]) } else { methods.clone() },
        "events": events,
    });
    if let Some(c) = spec.get("constants") {
        widget["constants"] = c.clone();
    }
    let mut apis = vec![widget];
    if embedded_only || spec["alsoEmbedded"].as_bool().unwrap_or(false) {
        apis.push(json!({
            "id": "embedded",
            "title": "Example embedded API",
            "entry": "window.example",
            "style": "callback",
            "methods": if embedded_only { methods } else { json!([]) },
            "events": [],
        }));
    }
    let api = json!({"format": 1, "types": TYPES_NAME, "versions": versions, "apis": apis});
    let defs = spec.get("defs").cloned().unwrap_or_else(|| json!({}));
    let types = json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "$defs": defs});
    (api, types)
}

/// The `key` list of a mini spec with defaults filled in: `wire` is the upper-cased name, a
/// promise-style method's `result` is null, `params` is empty.
fn list(spec: &Value, key: &str, promise: bool) -> Value {
    let items = spec[key].as_array().cloned().unwrap_or_default();
    Value::Array(
        items
            .into_iter()
            .map(|item| {
                let mut m: Map<String, Value> = item.as_object().cloned().unwrap_or_default();
                let name = m
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("x")
                    .to_owned();
                m.entry("wire")
                    .or_insert_with(|| json!(name.to_uppercase()));
                m.entry("params").or_insert_with(|| json!([]));
                if promise && key == "methods" {
                    m.entry("result").or_insert_with(|| json!({"type": "null"}));
                }
                Value::Object(m)
            })
            .collect(),
    )
}
