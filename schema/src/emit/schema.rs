//! IR shapes -> JSON Schema 2020-12.
//!
//! Annotations kept: `description`, `deprecated: true` (deprecated in this view), `x-notes`,
//! `x-source`; and, where JSON Schema has no word for it, `x-type-params` / `x-type-param` /
//! `x-type-args` (generics: a parameter accepts any value), `x-const-name`, `x-const-widened`,
//! `x-extends`, `x-tag`
//! and `x-enum` (per-value description, deprecation and code). Version ranges are not emitted: a
//! view holds one version.

use serde_json::{Map, Value, json};

use super::{DIALECT, view_id};
use crate::ir::{EnumShape, Ir, Meta, NumberRules, Shape, TypeDef, UnknownFields};

/// The view's types as one JSON Schema document.
pub fn types_schema(ir: &Ir) -> Value {
    let mut doc = Map::new();
    doc.insert("$schema".into(), DIALECT.into());
    doc.insert("$id".into(), view_id(&ir.version.id).into());
    doc.insert(
        "title".into(),
        format!("Agent Desktop types, version {}", ir.version.id).into(),
    );
    doc.insert("x-version".into(), version(ir));
    doc.insert("$defs".into(), defs(ir));
    Value::Object(doc)
}

pub(super) fn version(ir: &Ir) -> Value {
    serde_json::to_value(&ir.version).unwrap_or(Value::Null)
}

pub(super) fn defs(ir: &Ir) -> Value {
    Value::Object(
        ir.types
            .iter()
            .map(|(name, def)| (name.clone(), def_schema(def)))
            .collect(),
    )
}

fn def_schema(def: &TypeDef) -> Value {
    let mut s = shape_schema(&def.shape);
    if !def.type_params.is_empty() {
        let params: Vec<Value> = def
            .type_params
            .iter()
            .enumerate()
            .map(|(i, p)| match def.type_param_default(i) {
                Some(d) => json!({"name": p, "default": shape_schema(d)}),
                None => json!(p),
            })
            .collect();
        insert(&mut s, "x-type-params", Value::Array(params));
    }
    if let Some(c) = &def.const_name {
        insert(&mut s, "x-const-name", c.clone().into());
        if def.const_widened {
            insert(&mut s, "x-const-widened", true.into());
        }
    }
    annotate(&mut s, &def.meta);
    s
}

/// Adds a key to a schema object (every schema emitted here is an object).
fn insert(schema: &mut Value, key: &str, value: Value) {
    if let Value::Object(o) = schema {
        o.insert(key.to_owned(), value);
    }
}

/// Adds an item's annotations to the schema that describes it.
pub(super) fn annotate(schema: &mut Value, meta: &Meta) {
    for (key, value) in annotations(meta) {
        insert(schema, &key, value);
    }
}

/// An item's annotations as schema keywords, in a fixed order.
pub(super) fn annotations(meta: &Meta) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    if let Some(d) = &meta.description {
        out.push(("description".to_owned(), d.clone().into()));
    }
    if meta.deprecated {
        out.push(("deprecated".to_owned(), true.into()));
    }
    if let Some(src) = meta.source {
        out.push(("x-source".to_owned(), source_text(src).into()));
    }
    if !meta.notes.is_empty() {
        let notes = meta
            .notes
            .iter()
            .map(|n| {
                let mut o = Map::new();
                o.insert(
                    "kind".into(),
                    serde_json::to_value(n.kind).unwrap_or(Value::Null),
                );
                o.insert("text".into(), n.text.clone().into());
                if let Some(d) = &n.decision {
                    o.insert("decision".into(), d.clone().into());
                }
                Value::Object(o)
            })
            .collect();
        out.push(("x-notes".to_owned(), Value::Array(notes)));
    }
    out
}

/// The format's spelling (`doc+types`), not the IR's serde spelling.
fn source_text(s: crate::ir::Source) -> &'static str {
    match s {
        crate::ir::Source::Doc => "doc",
        crate::ir::Source::Types => "types",
        crate::ir::Source::DocTypes => "doc+types",
        crate::ir::Source::Inferred => "inferred",
    }
}

/// One shape as a JSON Schema; `$ref`s point at `#/$defs/Name`.
pub fn shape_schema(shape: &Shape) -> Value {
    match shape {
        Shape::Any => json!({}),
        Shape::Null => json!({ "type": "null" }),
        Shape::Boolean => json!({ "type": "boolean" }),
        Shape::Integer(r) => numeric("integer", r),
        Shape::Number(r) => numeric("number", r),
        Shape::String(r) => {
            let mut o = Map::new();
            o.insert("type".into(), "string".into());
            if let Some(n) = r.min_length {
                o.insert("minLength".into(), n.into());
            }
            if let Some(n) = r.max_length {
                o.insert("maxLength".into(), n.into());
            }
            if let Some(p) = &r.pattern {
                o.insert("pattern".into(), p.clone().into());
            }
            if let Some(f) = &r.format {
                o.insert("format".into(), f.clone().into());
            }
            // Kept in the views on purpose: a tool reading a view can redact what the
            // recorder redacts, and an `x-` keyword is an annotation every validator ignores.
            if let Some(k) = r.personal {
                o.insert("x-personal".into(), k.as_str().into());
            }
            Value::Object(o)
        }
        Shape::Const { value } => json!({ "const": value }),
        Shape::Ref { name, args } => {
            let mut o = Map::new();
            o.insert("$ref".into(), format!("#/$defs/{}", ref_token(name)).into());
            if !args.is_empty() {
                o.insert(
                    "x-type-args".into(),
                    Value::Array(args.iter().map(shape_schema).collect()),
                );
            }
            Value::Object(o)
        }
        Shape::TypeParam { name } => json!({ "x-type-param": name }),
        Shape::Nullable { inner } => nullable(shape_schema(inner)),
        Shape::Array(a) => {
            let mut o = Map::new();
            o.insert("type".into(), "array".into());
            if a.items != Shape::Any {
                o.insert("items".into(), shape_schema(&a.items));
            }
            if let Some(n) = a.min_items {
                o.insert("minItems".into(), n.into());
            }
            if let Some(n) = a.max_items {
                o.insert("maxItems".into(), n.into());
            }
            Value::Object(o)
        }
        Shape::Map(m) => {
            let mut o = Map::new();
            o.insert("type".into(), "object".into());
            if let Some(p) = &m.key_pattern {
                o.insert("propertyNames".into(), json!({ "pattern": p }));
            }
            o.insert("additionalProperties".into(), shape_schema(&m.values));
            Value::Object(o)
        }
        Shape::Object(obj) => {
            let mut o = Map::new();
            o.insert("type".into(), "object".into());
            if !obj.extends.is_empty() {
                o.insert("x-extends".into(), json!(obj.extends));
            }
            let props: Map<String, Value> = obj
                .fields
                .iter()
                .map(|f| {
                    let mut s = shape_schema(&f.shape);
                    annotate(&mut s, &f.meta);
                    (f.name.clone(), s)
                })
                .collect();
            o.insert("properties".into(), Value::Object(props));
            let required: Vec<Value> = obj
                .fields
                .iter()
                .filter(|f| f.required)
                .map(|f| f.name.clone().into())
                .collect();
            if !required.is_empty() {
                o.insert("required".into(), Value::Array(required));
            }
            if obj.unknown == UnknownFields::Closed {
                o.insert("additionalProperties".into(), false.into());
            }
            Value::Object(o)
        }
        Shape::Enum(e) => enumeration(e),
        Shape::Union(u) => {
            let mut o = Map::new();
            if let Some(tag) = &u.tag {
                o.insert("x-tag".into(), tag.clone().into());
            }
            let branches = u
                .variants
                .iter()
                .map(|v| {
                    let mut s = shape_schema(&v.shape);
                    annotate(&mut s, &v.meta);
                    s
                })
                .collect::<Vec<Value>>();
            // `type: ["string", "number"]` rather than an `anyOf` of bare types; but JSON Schema
            // wants the names of a `type` list unique, so an `anyOf` naming one twice stays one.
            let bare: Option<Vec<Value>> = branches.iter().map(bare_type).collect();
            let distinct = |types: &[Value]| {
                types
                    .iter()
                    .enumerate()
                    .all(|(i, t)| !types[..i].contains(t))
            };
            if let (Some(types), false) = (bare, u.exclusive)
                && distinct(&types)
            {
                o.insert("type".into(), Value::Array(types));
                return Value::Object(o);
            }
            o.insert(
                if u.exclusive { "oneOf" } else { "anyOf" }.into(),
                Value::Array(branches),
            );
            Value::Object(o)
        }
    }
}

/// Escapes a type name as a JSON pointer token (and the `%` of a URI fragment).
fn ref_token(name: &str) -> String {
    name.replace('~', "~0")
        .replace('/', "~1")
        .replace('%', "%25")
}

fn numeric(ty: &str, r: &NumberRules) -> Value {
    let mut o = Map::new();
    o.insert("type".into(), ty.into());
    for (k, v) in [
        ("minimum", r.minimum),
        ("maximum", r.maximum),
        ("exclusiveMinimum", r.exclusive_minimum),
        ("exclusiveMaximum", r.exclusive_maximum),
    ] {
        if let Some(n) = v.and_then(number) {
            o.insert(k.into(), n);
        }
    }
    Value::Object(o)
}

/// Writes whole numbers as integers (`0`, not `0.0`), as the sources do.
fn number(n: f64) -> Option<Value> {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        #[allow(clippy::cast_possible_truncation)]
        return Some(Value::from(n as i64));
    }
    serde_json::Number::from_f64(n).map(Value::Number)
}

/// `T | null`: a `type` list when the inner schema is a plain typed schema, else an `anyOf`.
fn nullable(inner: Value) -> Value {
    let Value::Object(mut o) = inner else {
        return json!({ "anyOf": [inner, { "type": "null" }] });
    };
    let literal = o.contains_key("enum") || o.contains_key("const");
    match o.get_mut("type") {
        Some(Value::String(t)) if !literal => {
            let t = std::mem::take(t);
            o.insert("type".into(), json!([t, "null"]));
            return Value::Object(o);
        }
        Some(Value::Array(ts)) if !literal => {
            ts.push("null".into());
            return Value::Object(o);
        }
        _ => {}
    }
    // An untagged `anyOf` (and nothing else) takes `null` as one more branch.
    if o.len() == 1 {
        if let Some(Value::Array(branches)) = o.get_mut("anyOf") {
            branches.push(json!({ "type": "null" }));
            return Value::Object(o);
        }
    }
    json!({ "anyOf": [Value::Object(o), { "type": "null" }] })
}

/// The type name of a schema that is exactly `{"type": "<name>"}`.
fn bare_type(schema: &Value) -> Option<Value> {
    let o = schema.as_object()?;
    match o.get("type") {
        Some(t @ Value::String(_)) if o.len() == 1 => Some(t.clone()),
        _ => None,
    }
}

fn enumeration(e: &EnumShape) -> Value {
    let mut o = Map::new();
    if !e.values.is_empty() && e.values.iter().all(|v| v.value.is_string()) {
        o.insert("type".into(), "string".into());
    } else if !e.values.is_empty()
        && e.values
            .iter()
            .all(|v| v.value.is_i64() || v.value.is_u64())
    {
        o.insert("type".into(), "integer".into());
    }
    o.insert(
        "enum".into(),
        Value::Array(e.values.iter().map(|v| v.value.clone()).collect()),
    );
    let described: Map<String, Value> = e
        .values
        .iter()
        .filter_map(|v| {
            let mut entry: Map<String, Value> = annotations(&v.meta).into_iter().collect();
            if let Some(c) = v.code {
                entry.insert("x-code".into(), c.into());
            }
            if entry.is_empty() {
                return None;
            }
            let key = v
                .value
                .as_str()
                .map_or_else(|| v.value.to_string(), str::to_owned);
            Some((key, Value::Object(entry)))
        })
        .collect();
    if !described.is_empty() {
        o.insert("x-enum".into(), Value::Object(described));
    }
    Value::Object(o)
}
