//! The smallest valid value of any shape of the contract, deterministic: what the reference
//! consumer answers to an event, and where the strategies of [`crate::generate::strategy`] stop
//! recursing.

use adcontract_schema::ir::{Shape, TypeDef};
use serde_json::{Map, Value, json};

use super::Spec;

pub(crate) type Env = Vec<(String, Shape)>;

pub(crate) fn def<'a>(spec: &'a Spec, name: &str) -> Option<&'a TypeDef> {
    spec.ir.type_def(name)
}

pub(crate) fn bind(d: &TypeDef, args: &[Shape]) -> Env {
    d.type_params
        .iter()
        .cloned()
        .zip(args.iter().cloned())
        .collect()
}

/// The smallest valid value of a shape (strings that must match a pattern try a few
/// candidates; numbers honour bounds).
pub fn minimal(spec: &Spec, shape: &Shape) -> Value {
    minimal_in(spec, shape, &Vec::new(), 0)
}

pub(crate) fn minimal_in(spec: &Spec, shape: &Shape, env: &Env, depth: usize) -> Value {
    if depth > 12 {
        return Value::Null;
    }
    match shape {
        Shape::Any | Shape::Null | Shape::Nullable { .. } => Value::Null,
        Shape::Boolean => json!(false),
        Shape::Integer(r) | Shape::Number(r) => {
            let lo = r
                .minimum
                .or(r.exclusive_minimum.map(|m| m.floor() + 1.0))
                .unwrap_or(0.0);
            json!(lo.max(0.0).min(r.maximum.unwrap_or(f64::MAX)) as i64)
        }
        Shape::String(r) => {
            if r.pattern.is_some() {
                for c in ["0", "1", "a", "2026-01-01 10:00:00", "x@example.com"] {
                    if spec.check(shape, &json!(c)).is_empty() {
                        return json!(c);
                    }
                }
            }
            json!("x".repeat(r.min_length.unwrap_or(0) as usize))
        }
        Shape::Const { value } => value.clone(),
        Shape::Ref { name, args } => match def(spec, name) {
            Some(d) => {
                let args: Vec<Shape> = args.iter().map(|a| subst(a, env)).collect();
                minimal_in(spec, &d.shape, &bind(d, &args), depth + 1)
            }
            None => Value::Null,
        },
        Shape::TypeParam { name } => match env.iter().find(|(n, _)| n == name) {
            Some((_, s)) => minimal_in(spec, &s.clone(), &Vec::new(), depth + 1),
            None => Value::Null,
        },
        Shape::Array(a) => {
            let n = a.min_items.unwrap_or(0) as usize;
            Value::Array(
                (0..n)
                    .map(|_| minimal_in(spec, &a.items, env, depth + 1))
                    .collect(),
            )
        }
        Shape::Map(_) => json!({}),
        Shape::Object(o) => {
            let mut m = Map::new();
            for f in o.fields.iter().filter(|f| f.required) {
                m.insert(f.name.clone(), minimal_in(spec, &f.shape, env, depth + 1));
            }
            Value::Object(m)
        }
        Shape::Enum(e) => e
            .values
            .first()
            .map(|v| v.value.clone())
            .unwrap_or(Value::Null),
        Shape::Union(u) => u
            .variants
            .first()
            .map(|v| minimal_in(spec, &v.shape, env, depth + 1))
            .unwrap_or(Value::Null),
    }
}

/// Replaces type parameters by their arguments.
pub(crate) fn subst(shape: &Shape, env: &Env) -> Shape {
    match shape {
        Shape::TypeParam { name } => env
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, s)| s.clone())
            .unwrap_or(Shape::Any),
        other => other.clone(),
    }
}
