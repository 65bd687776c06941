//! IR view -> the API description of one version, self-describing (`$defs` included).

use serde_json::{Map, Value, json};

use super::schema::{annotations, defs, shape_schema, version};
use crate::ir::{Api, Constant, Event, Ir, Meta, Method, Param, Property, WireData};

/// The view's APIs with their methods and events; schemas refer to `#/$defs/…` of the same
/// document, which carries the view's types.
pub fn api_description(ir: &Ir) -> Value {
    let mut doc = Map::new();
    doc.insert("format".into(), 1.into());
    doc.insert("version".into(), version(ir));
    doc.insert(
        "apis".into(),
        Value::Array(ir.apis.iter().map(api).collect()),
    );
    doc.insert("$defs".into(), defs(ir));
    Value::Object(doc)
}

fn with_meta(mut o: Map<String, Value>, meta: &Meta) -> Value {
    for (k, v) in annotations(meta) {
        o.insert(k, v);
    }
    Value::Object(o)
}

fn api(a: &Api) -> Value {
    let mut o = Map::new();
    o.insert(
        "id".into(),
        serde_json::to_value(a.id).unwrap_or(Value::Null),
    );
    o.insert("title".into(), a.title.clone().into());
    o.insert("entry".into(), a.entry.clone().into());
    o.insert(
        "style".into(),
        serde_json::to_value(a.style).unwrap_or(Value::Null),
    );
    if !a.constants.is_empty() {
        o.insert(
            "constants".into(),
            Value::Array(a.constants.iter().map(constant).collect()),
        );
    }
    if let Some(m) = &a.untyped_answer_lists {
        o.insert("untypedAnswerLists".into(), with_meta(Map::new(), m));
    }
    if !a.properties.is_empty() {
        o.insert(
            "properties".into(),
            Value::Array(a.properties.iter().map(property).collect()),
        );
    }
    o.insert(
        "methods".into(),
        Value::Array(a.methods.iter().map(method).collect()),
    );
    o.insert(
        "events".into(),
        Value::Array(a.events.iter().map(event).collect()),
    );
    with_meta(o, &a.meta)
}

fn constant(c: &Constant) -> Value {
    let mut o = Map::new();
    o.insert("name".into(), c.name.clone().into());
    o.insert("value".into(), c.value.clone().into());
    if let Some(r) = c.role {
        o.insert(
            "role".into(),
            serde_json::to_value(r).unwrap_or(Value::Null),
        );
    }
    with_meta(o, &c.meta)
}

fn property(p: &Property) -> Value {
    let mut o = Map::new();
    o.insert("name".into(), p.name.clone().into());
    o.insert("domType".into(), p.dom_type.clone().into());
    if p.nullable {
        o.insert("nullable".into(), true.into());
    }
    with_meta(o, &p.meta)
}

fn method(m: &Method) -> Value {
    let mut o = Map::new();
    o.insert("name".into(), m.name.clone().into());
    o.insert("wire".into(), m.wire.clone().into());
    o.insert("params".into(), params(&m.params));
    if let Some(r) = &m.result {
        o.insert("result".into(), shape_schema(r));
    }
    match &m.wire_data {
        None => {}
        Some(WireData::Param(p)) => {
            o.insert("wireData".into(), p.clone().into());
        }
        Some(w @ (WireData::Object(pairs) | WireData::Message(pairs))) => {
            let map: Map<String, Value> = pairs
                .iter()
                .map(|(k, v)| (k.clone(), v.clone().into()))
                .collect();
            o.insert("wireData".into(), Value::Object(map));
            if matches!(w, WireData::Message(_)) {
                o.insert("wireDataIn".into(), "message".into());
            }
        }
    }
    if !m.errors.is_empty() {
        o.insert("errors".into(), json!(m.errors));
    }
    with_meta(o, &m.meta)
}

fn event(e: &Event) -> Value {
    let mut o = Map::new();
    o.insert("name".into(), e.name.clone().into());
    if let Some(h) = &e.handler {
        o.insert("handler".into(), h.clone().into());
    }
    if let Some(h) = &e.handler_type {
        o.insert("handlerType".into(), h.clone().into());
    }
    o.insert("wire".into(), e.wire.clone().into());
    o.insert("params".into(), params(&e.params));
    if let Some(r) = &e.response {
        o.insert("response".into(), shape_schema(r));
        if e.response_optional {
            o.insert("responseOptional".into(), true.into());
        }
    }
    with_meta(o, &e.meta)
}

fn params(ps: &[Param]) -> Value {
    Value::Array(
        ps.iter()
            .map(|p| {
                let mut o = Map::new();
                o.insert("name".into(), p.name.clone().into());
                if p.optional {
                    o.insert("optional".into(), true.into());
                }
                o.insert("schema".into(), shape_schema(&p.shape));
                with_meta(o, &p.meta)
            })
            .collect(),
    )
}
