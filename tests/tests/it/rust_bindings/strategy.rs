//! An IR-driven proptest strategy: JSON values that a view's validator accepts for a shape.
//!
//! Written against the IR, not the generated types, so it is an independent source of valid
//! instances: whatever it makes must go through the generated types unchanged. Open objects
//! sometimes get an undeclared property (`x-extra`), to prove unknown fields survive.

use std::collections::BTreeMap;

use adcontract_schema::ir::{Ir, Shape, UnknownFields};
use proptest::prelude::*;
use serde_json::{Map, Number, Value};

/// Depth after which optional parts are left out and arrays are empty (keeps values finite).
const MAX_DEPTH: u32 = 4;

/// Values valid for `shape` in `ir`.
pub(crate) fn value(ir: &Ir, shape: &Shape) -> BoxedStrategy<Value> {
    values_of(ir, shape, &BTreeMap::new(), 0)
}

fn subst(shape: &Shape, env: &BTreeMap<String, Shape>) -> Shape {
    match shape {
        Shape::TypeParam { name } => env.get(name).cloned().unwrap_or(Shape::Any),
        Shape::Ref { name, args } => Shape::Ref {
            name: name.clone(),
            args: args.iter().map(|a| subst(a, env)).collect(),
        },
        other => other.clone(),
    }
}

fn any_small() -> BoxedStrategy<Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-1000i64..1000).prop_map(Value::from),
        "[a-z]{0,6}".prop_map(Value::String),
    ]
    .boxed()
}

fn values_of(
    ir: &Ir,
    shape: &Shape,
    env: &BTreeMap<String, Shape>,
    depth: u32,
) -> BoxedStrategy<Value> {
    match shape {
        Shape::Any => any_small(),
        Shape::Null => Just(Value::Null).boxed(),
        Shape::Boolean => any::<bool>().prop_map(Value::Bool).boxed(),
        Shape::Integer(r) => {
            let lo = r
                .minimum
                .or(r.exclusive_minimum.map(|x| x + 1.0))
                .unwrap_or(-100_000.0)
                .ceil() as i64;
            let hi = r
                .maximum
                .or(r.exclusive_maximum.map(|x| x - 1.0))
                .unwrap_or(100_000.0)
                .floor() as i64;
            (lo..=hi.max(lo)).prop_map(Value::from).boxed()
        }
        Shape::Number(r) => {
            let lo = r.minimum.or(r.exclusive_minimum).unwrap_or(-1.0e6);
            let hi = r.maximum.or(r.exclusive_maximum).unwrap_or(1.0e6);
            prop_oneof![
                ((lo.ceil() as i64)..=(hi.floor() as i64).max(lo.ceil() as i64))
                    .prop_map(Value::from),
                (lo..=hi).prop_map(|f| Number::from_f64(f).map_or(Value::Null, Value::Number)),
            ]
            .boxed()
        }
        Shape::String(r) => {
            if let Some(p) = &r.pattern {
                if let Ok(s) = proptest::string::string_regex(p) {
                    return s.prop_map(Value::String).boxed();
                }
            }
            let min = r.min_length.unwrap_or(0) as usize;
            let max = r.max_length.map_or(min + 8, |m| m as usize).min(min + 8);
            proptest::collection::vec(
                prop_oneof![
                    Just('a'),
                    Just('Z'),
                    Just('7'),
                    Just(' '),
                    Just('é'),
                    Just('"')
                ],
                min..=max,
            )
            .prop_map(|cs| Value::String(cs.into_iter().collect()))
            .boxed()
        }
        Shape::Const { value } => Just(value.clone()).boxed(),
        Shape::Ref { name, args } => match ir.types.get(name) {
            Some(def) => {
                let inner_env: BTreeMap<String, Shape> = def
                    .type_params
                    .iter()
                    .cloned()
                    .zip(args.iter().map(|a| subst(a, env)))
                    .collect();
                values_of(ir, &def.shape, &inner_env, depth + 1)
            }
            None => any_small(),
        },
        Shape::TypeParam { name } => match env.get(name) {
            Some(s) => values_of(ir, s, &BTreeMap::new(), depth),
            None => any_small(),
        },
        Shape::Nullable { inner } => {
            prop_oneof![1 => Just(Value::Null), 3 => values_of(ir, inner, env, depth)].boxed()
        }
        Shape::Array(a) => {
            let min = a.min_items.unwrap_or(0) as usize;
            let max = if depth >= MAX_DEPTH {
                min
            } else {
                a.max_items.map_or(min + 3, |m| m as usize).min(min + 3)
            };
            proptest::collection::vec(values_of(ir, &a.items, env, depth + 1), min..=max)
                .prop_map(Value::Array)
                .boxed()
        }
        Shape::Map(m) => {
            let key: BoxedStrategy<String> =
                match m.key_pattern.as_deref().map(proptest::string::string_regex) {
                    Some(Ok(s)) => s.boxed(),
                    _ => "[a-z]{1,5}".boxed(),
                };
            let max = if depth >= MAX_DEPTH { 0 } else { 3 };
            proptest::collection::btree_map(key, values_of(ir, &m.values, env, depth + 1), 0..=max)
                .prop_map(|m| Value::Object(m.into_iter().collect()))
                .boxed()
        }
        Shape::Object(o) => {
            let mut parts: Vec<BoxedStrategy<Option<(String, Value)>>> = Vec::new();
            for f in &o.fields {
                let name = f.name.clone();
                let v = values_of(ir, &f.shape, env, depth + 1);
                if f.required {
                    parts.push(v.prop_map(move |v| Some((name.clone(), v))).boxed());
                } else if depth < MAX_DEPTH {
                    parts
                        .push(proptest::option::of(v.prop_map(move |v| (name.clone(), v))).boxed());
                }
            }
            if o.unknown == UnknownFields::Open && !o.fields.iter().any(|f| f.name == "x-extra") {
                parts.push(
                    proptest::option::of(any_small().prop_map(|v| ("x-extra".to_owned(), v)))
                        .boxed(),
                );
            }
            parts
                .prop_map(|kvs| {
                    Value::Object(kvs.into_iter().flatten().collect::<Map<String, Value>>())
                })
                .boxed()
        }
        Shape::Enum(e) => {
            let values: Vec<Value> = e.values.iter().map(|v| v.value.clone()).collect();
            proptest::sample::select(values).boxed()
        }
        Shape::Union(u) => {
            let branches: Vec<BoxedStrategy<Value>> = u
                .variants
                .iter()
                .map(|v| values_of(ir, &v.shape, env, depth + 1))
                .collect();
            if depth >= MAX_DEPTH {
                if let Some(first) = branches.into_iter().next() {
                    return first;
                }
                return any_small();
            }
            proptest::strategy::Union::new(branches).boxed()
        }
    }
}
