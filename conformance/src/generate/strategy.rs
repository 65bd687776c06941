//! Values derived from the IR: proptest strategies for valid values (the deterministic minimal
//! one is [`crate::contract::minimal`]), and targeted invalid ones (wrong type, missing required field,
//! value outside an enum). Every generated value is checked against the validator, so a shape
//! the generator gets wrong shows up as a rejected value, never as a false failure.

use adcontract_schema::ir::Shape;
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::contract::Spec;
use crate::contract::minimal::{Env, bind, def, minimal, minimal_in, subst};

/// A strategy for valid values of `shape`.
pub fn valid(spec: &'static Spec, shape: &Shape) -> BoxedStrategy<Value> {
    let s = shape.clone();
    valid_in(spec, &s, &Vec::new(), 0)
        .prop_filter("valid per the contract", move |v| {
            spec.check(&s, v).is_empty()
        })
        .boxed()
}

fn short_string() -> BoxedStrategy<String> {
    prop_oneof![
        Just(String::new()),
        "[a-z]{1,6}",
        "[0-9]{1,5}",
        Just("sim-1".to_string()),
        Just("chat-1".to_string()),
    ]
    .boxed()
}

fn valid_in(spec: &'static Spec, shape: &Shape, env: &Env, depth: usize) -> BoxedStrategy<Value> {
    if depth > 5 {
        return Just(minimal_in(spec, shape, env, 0)).boxed();
    }
    match shape {
        Shape::Any => prop_oneof![
            Just(Value::Null),
            Just(json!(1)),
            Just(json!("a")),
            Just(json!({}))
        ]
        .boxed(),
        Shape::Null => Just(Value::Null).boxed(),
        Shape::Boolean => any::<bool>().prop_map(Value::Bool).boxed(),
        Shape::Integer(r) | Shape::Number(r) => {
            let lo = r
                .minimum
                .or(r.exclusive_minimum.map(|m| m.floor() + 1.0))
                .unwrap_or(-1000.0) as i64;
            let hi = r
                .maximum
                .or(r.exclusive_maximum.map(|m| m.ceil() - 1.0))
                .unwrap_or(10_000.0) as i64;
            let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
            (lo..=hi).prop_map(|n| json!(n)).boxed()
        }
        Shape::String(r) => {
            if r.pattern.is_some() || r.min_length.is_some() || r.max_length.is_some() {
                Just(minimal_in(spec, shape, env, 0)).boxed()
            } else {
                short_string().prop_map(Value::String).boxed()
            }
        }
        Shape::Const { value } => Just(value.clone()).boxed(),
        Shape::Ref { name, args } => match def(spec, name) {
            Some(d) => {
                let args: Vec<Shape> = args.iter().map(|a| subst(a, env)).collect();
                let env2 = bind(d, &args);
                valid_in(spec, &d.shape, &env2, depth + 1)
            }
            None => Just(Value::Null).boxed(),
        },
        Shape::TypeParam { name } => match env.iter().find(|(n, _)| n == name) {
            Some((_, s)) => valid_in(spec, &s.clone(), &Vec::new(), depth + 1),
            None => Just(Value::Null).boxed(),
        },
        Shape::Nullable { inner } => {
            prop_oneof![1 => Just(Value::Null), 3 => valid_in(spec, inner, env, depth + 1)].boxed()
        }
        Shape::Array(a) => {
            let min = a.min_items.unwrap_or(0) as usize;
            let max = a.max_items.map(|m| m as usize).unwrap_or(min + 2).max(min);
            proptest::collection::vec(valid_in(spec, &a.items, env, depth + 1), min..=max)
                .prop_map(Value::Array)
                .boxed()
        }
        Shape::Map(m) => {
            let key = if m.key_pattern.is_some() {
                "[1-9]".boxed()
            } else {
                "[a-z]{1,4}".boxed()
            };
            proptest::collection::btree_map(key, valid_in(spec, &m.values, env, depth + 1), 0..3)
                .prop_map(|b| Value::Object(b.into_iter().collect()))
                .boxed()
        }
        Shape::Object(o) => {
            let fields: Vec<BoxedStrategy<Option<(String, Value)>>> = o
                .fields
                .iter()
                .map(|f| {
                    let name = f.name.clone();
                    let inner = valid_in(spec, &f.shape, env, depth + 1);
                    if f.required {
                        inner.prop_map(move |v| Some((name.clone(), v))).boxed()
                    } else {
                        proptest::option::weighted(0.5, inner)
                            .prop_map(move |v| v.map(|v| (name.clone(), v)))
                            .boxed()
                    }
                })
                .collect();
            fields
                .prop_map(|kv| Value::Object(kv.into_iter().flatten().collect()))
                .boxed()
        }
        Shape::Enum(e) => {
            let values: Vec<Value> = e.values.iter().map(|v| v.value.clone()).collect();
            if values.is_empty() {
                Just(Value::Null).boxed()
            } else {
                proptest::sample::select(values).boxed()
            }
        }
        Shape::Union(u) => {
            let vs: Vec<BoxedStrategy<Value>> = u
                .variants
                .iter()
                .map(|v| valid_in(spec, &v.shape, env, depth + 1))
                .collect();
            if vs.is_empty() {
                Just(Value::Null).boxed()
            } else {
                proptest::strategy::Union::new(vs).boxed()
            }
        }
    }
}

/// Targeted invalid values of `shape`: each breaks exactly one constraint at the top or one
/// level down. `None` when the shape accepts anything.
pub fn invalid(spec: &'static Spec, shape: &Shape) -> Option<BoxedStrategy<Value>> {
    let resolved = spec.ir.resolve(shape).clone();
    let mut options: Vec<Value> = vec![
        json!(12345),
        json!("not-valid"),
        json!(true),
        json!([]),
        json!({}),
    ];
    match &resolved {
        Shape::Object(o) => {
            let base = minimal(spec, shape);
            for f in o.fields.iter().filter(|f| f.required) {
                let mut missing = base.clone();
                if let Some(m) = missing.as_object_mut() {
                    m.remove(&f.name);
                }
                options.push(missing);
                let mut wrong = base.clone();
                wrong[f.name.as_str()] = json!({ "wrong": "type" });
                options.push(wrong);
            }
        }
        Shape::Enum(_) => options.push(json!("no-such-value")),
        _ => {}
    }
    let s = shape.clone();
    let bad: Vec<Value> = options
        .into_iter()
        .filter(|v| !spec.check(&s, v).is_empty())
        .collect();
    if bad.is_empty() {
        None
    } else {
        Some(proptest::sample::select(bad).boxed())
    }
}
