//! Witnesses: concrete JSON values that tell the two sides of a data change apart.
//!
//! Each change records how to make candidates ([`Candidates`]); [`find`] materialises them
//! against both views and keeps the first value that the IR validator accepts on the side the
//! effect says and rejects on the other. A breaking data finding without a witness is a bug in
//! the diff (the tests prove there are none for the canonical history), so the value printed is
//! never a guess.

use adcontract_schema::ir::{Field, Ir, Shape};
use adcontract_schema::validate::Validator;
use serde_json::{Map, Value, json};

use crate::model::{Effect, Side, Witness};
use crate::walk::resolve;

/// How to make candidate witnesses for one change, between the old and new shapes of the node
/// where it happened.
#[derive(Debug, Clone)]
pub(crate) struct Candidates {
    /// The node the values are checked against (`InteractionData`, `InteractionOrigination`).
    pub against: String,
    old: Shape,
    new: Shape,
    how: How,
}

#[derive(Debug, Clone)]
enum How {
    Values(Vec<Value>),
    Samples,
    ExtraProperty,
    PropertyRemoved { name: String, shape: Shape },
    Minimal,
    PropertyAdded { name: String, shape: Shape },
    Boundaries,
    Variant { shape: Shape, from_new: bool },
}

impl Candidates {
    pub(crate) fn new(old: &Shape, new: &Shape, values: Vec<Value>) -> Self {
        Self::with(old, new, How::Values(values))
    }
    pub(crate) fn samples(old: &Shape, new: &Shape) -> Self {
        Self::with(old, new, How::Samples)
    }
    pub(crate) fn extra_property(old: &Shape, new: &Shape, _effect: Effect) -> Self {
        Self::with(old, new, How::ExtraProperty)
    }
    pub(crate) fn property_removed(old: &Shape, new: &Shape, f: &Field, _effect: Effect) -> Self {
        let how = How::PropertyRemoved {
            name: f.name.clone(),
            shape: f.shape.clone(),
        };
        Self::with(old, new, how)
    }
    pub(crate) fn minimal_of(old: &Shape, new: &Shape, _effect: Effect) -> Self {
        Self::with(old, new, How::Minimal)
    }
    pub(crate) fn property_added(old: &Shape, new: &Shape, f: &Field) -> Self {
        let how = How::PropertyAdded {
            name: f.name.clone(),
            shape: f.shape.clone(),
        };
        Self::with(old, new, how)
    }
    pub(crate) fn boundaries(old: &Shape, new: &Shape) -> Self {
        Self::with(old, new, How::Boundaries)
    }
    pub(crate) fn variant(old: &Shape, new: &Shape, shape: &Shape, from_new: bool) -> Self {
        let how = How::Variant {
            shape: shape.clone(),
            from_new,
        };
        Self::with(old, new, how)
    }
    fn with(old: &Shape, new: &Shape, how: How) -> Self {
        Candidates {
            against: String::new(),
            old: old.clone(),
            new: new.clone(),
            how,
        }
    }

    /// The candidate values, most specific first.
    fn values(&self, old: &Ir, new: &Ir) -> Vec<Value> {
        let mo = minimal(old, &self.old, 0);
        let mn = minimal(new, &self.new, 0);
        let mut out = Vec::new();
        match &self.how {
            How::Values(v) => out.extend(v.iter().cloned()),
            How::Samples => {}
            How::ExtraProperty => {
                for m in [&mo, &mn].into_iter().flatten() {
                    out.push(with_key(m, "x-undeclared", json!(0)));
                }
            }
            How::PropertyRemoved { name, shape } => {
                if let Some(m) = &mn {
                    for s in samples() {
                        out.push(with_key(m, name, s));
                    }
                    out.push(m.clone());
                }
                if let Some(m) = &mo {
                    out.push(m.clone());
                    if let Some(v) = minimal(old, shape, 0) {
                        out.push(with_key(m, name, v));
                    }
                }
            }
            How::Minimal => out.extend(mo.iter().chain(&mn).cloned()),
            How::PropertyAdded { name, shape } => {
                if let (Some(m), Some(v)) = (&mo, minimal(new, shape, 0)) {
                    out.push(with_key(m, name, v));
                }
            }
            How::Boundaries => out.extend(boundary_values(&self.old, &self.new, old, new)),
            How::Variant { shape, from_new } => {
                let ir = if *from_new { new } else { old };
                out.extend(minimal(ir, shape, 0));
            }
        }
        out.extend(mo.iter().chain(&mn).cloned());
        out.extend(samples());
        out
    }

    /// Names the node the values are checked against.
    pub(crate) fn at(mut self, anchor: &str) -> Self {
        self.against = anchor.to_owned();
        self
    }
}

/// The first candidate that the validators accept on the side `effect` says and reject on
/// the other; `None` for effects that need no witness, or when no candidate qualifies.
pub(crate) fn find(
    c: &Candidates,
    effect: Effect,
    old: &Validator<'_>,
    new: &Validator<'_>,
) -> Option<Witness> {
    let want: &dyn Fn(bool, bool) -> Option<Side> = match effect {
        Effect::Narrows => &|o, n| (o && !n).then_some(Side::Old),
        Effect::Widens => &|o, n| (!o && n).then_some(Side::New),
        Effect::Incomparable => &|o, n| match (o, n) {
            (true, false) => Some(Side::Old),
            (false, true) => Some(Side::New),
            _ => None,
        },
        Effect::Unknown | Effect::None => return None,
    };
    for v in c.values(old.ir(), new.ir()) {
        let o = old.is_valid_shape(&c.old, &v);
        let n = new.is_valid_shape(&c.new, &v);
        if let Some(side) = want(o, n) {
            return Some(Witness {
                value: v,
                valid_in: side,
                against: c.against.clone(),
            });
        }
    }
    None
}

fn with_key(base: &Value, key: &str, v: Value) -> Value {
    let mut m = base.as_object().cloned().unwrap_or_default();
    m.insert(key.to_owned(), v);
    Value::Object(m)
}

/// One value of each JSON kind.
fn samples() -> Vec<Value> {
    vec![
        json!(null),
        json!(true),
        json!(0),
        json!(0.5),
        json!(""),
        json!("x"),
        json!([]),
        json!({}),
    ]
}

/// A small valid value of `shape` (required properties only, first enum value, first union
/// branch), or `None` if none is found within a small depth.
pub(crate) fn minimal(ir: &Ir, shape: &Shape, depth: usize) -> Option<Value> {
    if depth > 24 {
        return None;
    }
    let next = |s: &Shape| minimal(ir, s, depth + 1);
    Some(match shape {
        Shape::Any | Shape::Null | Shape::Nullable { .. } | Shape::TypeParam { .. } => Value::Null,
        Shape::Boolean => json!(false),
        Shape::Integer(r) | Shape::Number(r) => {
            let mut v: f64 = 0.0;
            if let Some(m) = r.minimum {
                v = v.max(m.ceil());
            }
            if let Some(m) = r.exclusive_minimum {
                v = v.max(m.floor() + 1.0);
            }
            if let Some(m) = r.maximum {
                v = v.min(m.floor());
            }
            if let Some(m) = r.exclusive_maximum {
                v = v.min(m.ceil() - 1.0);
            }
            number(v)
        }
        Shape::String(r) => {
            let len = r
                .min_length
                .unwrap_or(0)
                .max(1)
                .min(r.max_length.unwrap_or(u64::MAX));
            json!("x".repeat(usize::try_from(len).unwrap_or(1)))
        }
        Shape::Const { value } => value.clone(),
        Shape::Ref { .. } => next(&resolve(ir, shape).0)?,
        Shape::Array(a) => {
            let n = a.min_items.unwrap_or(0);
            let item = if n > 0 { next(&a.items)? } else { Value::Null };
            Value::Array(vec![item; usize::try_from(n).unwrap_or(0)])
        }
        Shape::Map(_) => json!({}),
        Shape::Object(o) => {
            let mut m = Map::new();
            for f in o.fields.iter().filter(|f| f.required) {
                m.insert(f.name.clone(), next(&f.shape)?);
            }
            Value::Object(m)
        }
        Shape::Enum(e) => e.values.first()?.value.clone(),
        Shape::Union(u) => u.variants.iter().find_map(|v| next(&v.shape))?,
    })
}

fn number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        #[allow(clippy::cast_possible_truncation)]
        let i = v as i64;
        json!(i)
    } else {
        json!(v)
    }
}

/// Values at and around every bound of either shape.
fn boundary_values(o: &Shape, n: &Shape, old: &Ir, new: &Ir) -> Vec<Value> {
    let mut out = Vec::new();
    for (s, ir) in [(o, old), (n, new)] {
        match s {
            Shape::String(r) => {
                for b in [r.min_length, r.max_length].into_iter().flatten() {
                    for len in [b.saturating_sub(1), b, b + 1] {
                        out.push(json!(
                            "x".repeat(usize::try_from(len.min(4096)).unwrap_or(0))
                        ));
                    }
                }
            }
            Shape::Integer(r) | Shape::Number(r) => {
                for b in [
                    r.minimum,
                    r.maximum,
                    r.exclusive_minimum,
                    r.exclusive_maximum,
                ]
                .into_iter()
                .flatten()
                {
                    for v in [b - 1.0, b - 0.5, b, b + 0.5, b + 1.0] {
                        out.push(number(v));
                    }
                }
            }
            Shape::Array(a) => {
                let item = minimal(ir, &a.items, 0).unwrap_or(Value::Null);
                for b in [a.min_items, a.max_items].into_iter().flatten() {
                    for len in [b.saturating_sub(1), b, b + 1] {
                        let len = usize::try_from(len.min(4096)).unwrap_or(0);
                        out.push(Value::Array(vec![item.clone(); len]));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_values_are_valid() {
        let contract = adcontract_schema::canonical();
        for ir in contract.views() {
            let v = Validator::new(&ir, Default::default()).unwrap();
            for (name, def) in &ir.types {
                if !def.type_params.is_empty() {
                    continue;
                }
                let value = minimal(&ir, &def.shape, 0).unwrap();
                assert!(
                    v.is_valid(name, &value).unwrap(),
                    "{} {name}: {value}",
                    ir.version.id
                );
            }
        }
    }
}
