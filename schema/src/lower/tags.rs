//! Union discriminators, found after every type is lowered (a variant is often a `$ref`).
//!
//! A union is tagged by property `P` when every variant is an object (inline or through `$ref`s)
//! in which `P` is required and holds one literal (`const`, or an `enum` of one value), and no two
//! variants that exist in a common version hold the same literal. The first such property in the
//! first variant's field order wins. Otherwise the union stays untagged (`tag: None`): emitters
//! then try the variants in order.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::ir::{Api, Shape, TypeDef, UnionShape};

pub(super) fn detect(types: &mut BTreeMap<String, TypeDef>, apis: &mut [Api], versions: usize) {
    let snapshot = types.clone();
    let cx = Cx {
        types: &snapshot,
        versions,
    };
    for def in types.values_mut() {
        cx.walk(&mut def.shape);
    }
    for api in apis {
        for m in &mut api.methods {
            m.params.iter_mut().for_each(|p| cx.walk(&mut p.shape));
            if let Some(r) = &mut m.result {
                cx.walk(r);
            }
        }
        for e in &mut api.events {
            e.params.iter_mut().for_each(|p| cx.walk(&mut p.shape));
            if let Some(r) = &mut e.response {
                cx.walk(r);
            }
        }
    }
}

struct Cx<'a> {
    types: &'a BTreeMap<String, TypeDef>,
    versions: usize,
}

impl Cx<'_> {
    fn walk(&self, shape: &mut Shape) {
        match shape {
            Shape::Ref { args, .. } => args.iter_mut().for_each(|a| self.walk(a)),
            Shape::Nullable { inner } => self.walk(inner),
            Shape::Array(a) => self.walk(&mut a.items),
            Shape::Map(m) => self.walk(&mut m.values),
            Shape::Object(o) => o.fields.iter_mut().for_each(|f| self.walk(&mut f.shape)),
            Shape::Union(u) => {
                u.variants.iter_mut().for_each(|v| self.walk(&mut v.shape));
                self.tag(u);
            }
            _ => {}
        }
    }

    /// The object a variant is, following `$ref`s (bounded: alias cycles are `check`'s to report).
    fn object<'s>(&'s self, mut shape: &'s Shape) -> Option<&'s crate::ir::ObjectShape> {
        for _ in 0..=self.types.len() {
            match shape {
                Shape::Object(o) => return Some(o),
                Shape::Ref { name, .. } => shape = &self.types.get(name)?.shape,
                _ => return None,
            }
        }
        None
    }

    fn tag(&self, u: &mut UnionShape) {
        if u.tag.is_some() || u.variants.len() < 2 {
            return;
        }
        let objects: Option<Vec<_>> = u.variants.iter().map(|v| self.object(&v.shape)).collect();
        let Some(objects) = objects else { return };
        let Some(first) = objects.first() else { return };
        for candidate in first.fields.iter().map(|f| f.name.as_str()) {
            let values: Option<Vec<Value>> = objects
                .iter()
                .map(|o| {
                    let f = o
                        .fields
                        .iter()
                        .find(|f| f.name == candidate && f.required)?;
                    literal(&f.shape)
                })
                .collect();
            let Some(values) = values else { continue };
            let clash = (0..values.len()).any(|i| {
                (i + 1..values.len()).any(|j| {
                    values[i] == values[j]
                        && u.variants[i]
                            .meta
                            .availability
                            .overlaps(&u.variants[j].meta.availability, self.versions)
                })
            });
            if clash {
                continue;
            }
            u.tag = Some(candidate.to_owned());
            for (v, value) in u.variants.iter_mut().zip(values) {
                v.tag_value = Some(value);
            }
            return;
        }
    }
}

fn literal(shape: &Shape) -> Option<Value> {
    match shape {
        Shape::Const { value } => Some(value.clone()),
        Shape::Enum(e) if e.values.len() == 1 => e.values.first().map(|v| v.value.clone()),
        _ => None,
    }
}
