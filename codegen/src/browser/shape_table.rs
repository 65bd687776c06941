//! The page-side SDK's contract check: the view's shapes as a compact JSON table, walked by one
//! interpreter (`shape_runtime.js`, a line-for-line port of the Rust checker).
//!
//! Why the SDK keeps a table while the npm package compiles one function per type: the SDK checks
//! every method's arguments and every event's payload and answer, and most of those are anonymous
//! shapes (inline parameters, tuples of arguments) that have no compiled validator of their own;
//! one generic entry point, `validate(shape, value)`, serves them all, and the whole script is
//! served at once, so tree-shaking has nothing to gain. The table is data, never code, so no name
//! or pattern from a schema can execute. Follow-up: emit the SDK's checks from
//! `ts::validators` too, so the page and the package share one JavaScript checker.

use adcontract_schema::ir::{NumberRules, Shape};
use serde_json::{Value, json};

use crate::ts::pattern::js_pattern;

/// The interpreter embedded in every SDK script.
pub(crate) const RUNTIME_JS: &str = include_str!("shape_runtime.js");
/// Collects the patterns of a view while encoding its shapes.
#[derive(Debug, Default)]
pub(crate) struct Encoder {
    /// (JavaScript source, the schema's pattern), deduplicated.
    pub(crate) patterns: Vec<(String, String)>,
}

impl Encoder {
    fn pattern(&mut self, p: &str) -> Value {
        let i = match self.patterns.iter().position(|(_, q)| q == p) {
            Some(i) => i,
            None => {
                self.patterns.push((js_pattern(p), p.to_owned()));
                self.patterns.len() - 1
            }
        };
        json!(i)
    }

    pub(crate) fn shape(&mut self, s: &Shape) -> Value {
        match s {
            Shape::Any => json!(["any"]),
            Shape::Null => json!(["null"]),
            Shape::Boolean => json!(["bool"]),
            Shape::Integer(r) => numeric("int", r),
            Shape::Number(r) => numeric("num", r),
            Shape::String(r) => {
                let pat = r
                    .pattern
                    .as_deref()
                    .map_or(Value::Null, |p| self.pattern(p));
                trim(vec![
                    json!("str"),
                    opt_u(r.min_length),
                    opt_u(r.max_length),
                    pat,
                ])
            }
            Shape::Const { value } => json!(["const", value]),
            Shape::Ref { name, args } if args.is_empty() => json!(["ref", name]),
            Shape::Ref { name, args } => {
                let a: Vec<Value> = args.iter().map(|a| self.shape(a)).collect();
                json!(["ref", name, a])
            }
            Shape::TypeParam { name } => json!(["tp", name]),
            Shape::Nullable { inner } => json!(["nullable", self.shape(inner)]),
            Shape::Array(a) => {
                let items = self.shape(&a.items);
                trim(vec![
                    json!("arr"),
                    items,
                    opt_u(a.min_items),
                    opt_u(a.max_items),
                ])
            }
            Shape::Map(m) => {
                let v = self.shape(&m.values);
                let k = m
                    .key_pattern
                    .as_deref()
                    .map_or(Value::Null, |p| self.pattern(p));
                trim(vec![json!("map"), v, k])
            }
            Shape::Object(o) => {
                let fields: Vec<Value> = o
                    .fields
                    .iter()
                    .map(|f| json!([f.name, u8::from(f.required), self.shape(&f.shape)]))
                    .collect();
                let closed = u8::from(o.unknown == adcontract_schema::ir::UnknownFields::Closed);
                json!(["obj", fields, closed])
            }
            Shape::Enum(e) => json!([
                "enum",
                e.values.iter().map(|v| v.value.clone()).collect::<Vec<_>>()
            ]),
            Shape::Union(u) => {
                let vs: Vec<Value> = u
                    .variants
                    .iter()
                    .map(|v| {
                        json!([
                            self.shape(&v.shape),
                            v.tag_value.clone().unwrap_or(Value::Null)
                        ])
                    })
                    .collect();
                json!([
                    "union",
                    vs,
                    u.tag.clone().map_or(Value::Null, Value::String),
                    u8::from(u.exclusive)
                ])
            }
        }
    }
}

fn opt_u(n: Option<u64>) -> Value {
    n.map_or(Value::Null, Value::from)
}

fn numeric(kind: &str, r: &NumberRules) -> Value {
    let f = |x: Option<f64>| x.map_or(Value::Null, Value::from);
    trim(vec![
        json!(kind),
        f(r.minimum),
        f(r.maximum),
        f(r.exclusive_minimum),
        f(r.exclusive_maximum),
    ])
}

/// Drops trailing nulls (absent rules) to keep the table short.
fn trim(mut v: Vec<Value>) -> Value {
    while v.len() > 1 && v.last() == Some(&Value::Null) {
        v.pop();
    }
    Value::Array(v)
}
