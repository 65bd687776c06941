//! Version views: [`Contract::view`] cuts the all-versions contract down to one version.
//!
//! In the view everything present exists in that version: absent types, fields, enum values,
//! union branches, constants, methods, events and parameters are dropped (a dropped field is
//! thereby no longer required), a union left with one branch becomes that branch, and
//! [`Meta::deprecated`] says whether the item is deprecated in that version. Order is kept.

use crate::ir::{
    Api, Constant, Contract, Event, Ir, Meta, Method, Param, Property, Shape, TypeDef,
};

/// A version id the contract does not list.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown version `{requested}` (known versions: {})", known.join(", "))]
pub struct UnknownVersion {
    pub requested: String,
    pub known: Vec<String>,
}

impl Contract {
    /// The view of version `id` (`"latest"` is an ordinary id, listed in the API description).
    pub fn view(&self, id: &str) -> Result<Ir, UnknownVersion> {
        let Some(v) = self.version_index(id) else {
            return Err(UnknownVersion {
                requested: id.to_owned(),
                known: self.versions.iter().map(|v| v.id.clone()).collect(),
            });
        };
        let version = self.versions[v].clone();
        let types = self
            .types
            .iter()
            .filter(|(_, d)| d.meta.availability.contains(v))
            .map(|(name, d)| {
                let def = TypeDef {
                    name: d.name.clone(),
                    meta: meta(&d.meta, v),
                    type_params: d.type_params.clone(),
                    type_param_defaults: d
                        .type_param_defaults
                        .iter()
                        .map(|s| s.as_ref().map(|s| shape(s, v)))
                        .collect(),
                    const_name: d.const_name.clone(),
                    const_widened: d.const_widened,
                    shape: shape(&d.shape, v),
                };
                (name.clone(), def)
            })
            .collect();
        let apis = self
            .apis
            .iter()
            .filter(|a| a.meta.availability.contains(v))
            .map(|a| api(a, v))
            .collect();
        Ok(Ir {
            version,
            version_index: v,
            types,
            apis,
        })
    }

    /// The view of each version, oldest first.
    pub fn views(&self) -> Vec<Ir> {
        self.versions
            .iter()
            .filter_map(|ver| self.view(&ver.id).ok())
            .collect()
    }
}

fn meta(m: &Meta, v: usize) -> Meta {
    Meta {
        deprecated: m.availability.is_deprecated_in(v),
        ..m.clone()
    }
}

fn api(a: &Api, v: usize) -> Api {
    let present = |m: &Meta| m.availability.contains(v);
    Api {
        id: a.id,
        title: a.title.clone(),
        entry: a.entry.clone(),
        style: a.style,
        meta: meta(&a.meta, v),
        untyped_answer_lists: a
            .untyped_answer_lists
            .as_ref()
            .filter(|m| present(m))
            .map(|m| meta(m, v)),
        properties: a
            .properties
            .iter()
            .filter(|p| present(&p.meta))
            .map(|p| Property {
                meta: meta(&p.meta, v),
                ..p.clone()
            })
            .collect(),
        constants: a
            .constants
            .iter()
            .filter(|c| present(&c.meta))
            .map(|c| Constant {
                meta: meta(&c.meta, v),
                ..c.clone()
            })
            .collect(),
        methods: a
            .methods
            .iter()
            .filter(|m| present(&m.meta))
            .map(|m| Method {
                name: m.name.clone(),
                wire: m.wire.clone(),
                params: params(&m.params, v),
                result: m.result.as_ref().map(|r| shape(r, v)),
                wire_data: m.wire_data.clone(),
                errors: m.errors.clone(),
                meta: meta(&m.meta, v),
            })
            .collect(),
        events: a
            .events
            .iter()
            .filter(|e| present(&e.meta))
            .map(|e| Event {
                name: e.name.clone(),
                handler: e.handler.clone(),
                handler_type: e.handler_type.clone(),
                wire: e.wire.clone(),
                params: params(&e.params, v),
                response: e.response.as_ref().map(|r| shape(r, v)),
                response_optional: e.response_optional,
                meta: meta(&e.meta, v),
            })
            .collect(),
    }
}

fn params(ps: &[Param], v: usize) -> Vec<Param> {
    ps.iter()
        .filter(|p| p.meta.availability.contains(v))
        .map(|p| Param {
            name: p.name.clone(),
            optional: p.optional,
            shape: shape(&p.shape, v),
            meta: meta(&p.meta, v),
        })
        .collect()
}

/// The shape as it is in version `v`.
pub(crate) fn shape(s: &Shape, v: usize) -> Shape {
    match s {
        Shape::Ref { name, args } => Shape::Ref {
            name: name.clone(),
            args: args.iter().map(|a| shape(a, v)).collect(),
        },
        Shape::Nullable { inner } => match shape(inner, v) {
            // A collapsed union may itself be nullable: never nest `Nullable`s.
            inner @ (Shape::Nullable { .. } | Shape::Null | Shape::Any) => inner,
            inner => Shape::Nullable {
                inner: Box::new(inner),
            },
        },
        Shape::Array(a) => {
            let mut a = a.clone();
            a.items = shape(&a.items, v);
            Shape::Array(a)
        }
        Shape::Map(m) => {
            let mut m = m.clone();
            m.values = shape(&m.values, v);
            Shape::Map(m)
        }
        Shape::Object(o) => {
            let mut o = o.clone();
            o.fields = o
                .fields
                .into_iter()
                .filter(|f| f.meta.availability.contains(v))
                .map(|mut f| {
                    f.shape = shape(&f.shape, v);
                    f.meta = meta(&f.meta, v);
                    f
                })
                .collect();
            Shape::Object(o)
        }
        Shape::Enum(e) => {
            let mut e = e.clone();
            e.values = e
                .values
                .into_iter()
                .filter(|x| x.meta.availability.contains(v))
                .map(|mut x| {
                    x.meta = meta(&x.meta, v);
                    x
                })
                .collect();
            Shape::Enum(e)
        }
        Shape::Union(u) => {
            let mut u = u.clone();
            u.variants = u
                .variants
                .into_iter()
                .filter(|x| x.meta.availability.contains(v))
                .map(|mut x| {
                    x.shape = shape(&x.shape, v);
                    x.meta = meta(&x.meta, v);
                    x
                })
                .collect();
            if u.variants.len() == 1 {
                return u.variants.remove(0).shape;
            }
            if u.variants.len() < 2 {
                u.tag = None;
            }
            Shape::Union(u)
        }
        Shape::Any
        | Shape::Null
        | Shape::Boolean
        | Shape::Integer(_)
        | Shape::Number(_)
        | Shape::String(_)
        | Shape::Const { .. }
        | Shape::TypeParam { .. } => s.clone(),
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::{Contract, Shape};
    use crate::test_util::{api_doc, types_doc};

    fn contract(defs: &str, apis: &str) -> Contract {
        crate::compile_str("a.json", &api_doc(apis), "t.json", &types_doc(defs)).unwrap()
    }

    const DEFS: &str = r##""A": {"type": "object", "properties": {
  "old": {"type": "string", "x-until": "b"},
  "kept": {"type": "string", "x-deprecated": "c"},
  "sel": {"anyOf": [{"type": ["string", "null"], "x-until": "b"}, {"type": "array", "items": {"type": "string"}, "x-since": "b"}]},
  "e": {"enum": ["x", "y"], "x-enum": {"y": {"x-since": "c"}}}
}, "required": ["old", "kept", "sel"]},
"B": {"type": "string", "x-since": "b"}"##;

    #[test]
    fn drops_absent_items_and_their_required_flags() {
        let c = contract(DEFS, "");
        let a = c.view("a").unwrap();
        let b = c.view("b").unwrap();
        let Shape::Object(oa) = &a.types["A"].shape else {
            panic!()
        };
        let Shape::Object(ob) = &b.types["A"].shape else {
            panic!()
        };
        let names = |o: &crate::ir::ObjectShape| {
            o.fields.iter().map(|f| f.name.clone()).collect::<Vec<_>>()
        };
        assert_eq!(names(oa), ["old", "kept", "sel", "e"]);
        assert_eq!(names(ob), ["kept", "sel", "e"]);
        assert!(ob.fields.iter().all(|f| f.name != "old"));
        assert!(!a.types.contains_key("B"));
        assert!(b.types.contains_key("B"));
        assert_eq!(b.version_index, 1);
    }

    #[test]
    fn versioned_unions_collapse_to_the_surviving_branch() {
        let c = contract(DEFS, "");
        let field = |v: &str, n: &str| {
            let ir = c.view(v).unwrap();
            let Shape::Object(o) = &ir.types["A"].shape else {
                panic!()
            };
            o.fields.iter().find(|f| f.name == n).unwrap().shape.clone()
        };
        assert!(matches!(field("a", "sel"), Shape::Nullable { .. }));
        assert!(matches!(field("c", "sel"), Shape::Array(_)));
        let Shape::Enum(e) = field("b", "e") else {
            panic!()
        };
        assert_eq!(e.values.len(), 1);
        let Shape::Enum(e) = field("c", "e") else {
            panic!()
        };
        assert_eq!(e.values.len(), 2);
    }

    #[test]
    fn deprecation_is_per_view() {
        let c = contract(DEFS, "");
        let deprecated = |v: &str| {
            let ir = c.view(v).unwrap();
            let Shape::Object(o) = &ir.types["A"].shape else {
                panic!()
            };
            o.fields
                .iter()
                .find(|f| f.name == "kept")
                .unwrap()
                .meta
                .deprecated
        };
        assert!(!deprecated("b"));
        assert!(deprecated("c"));
        let Shape::Object(o) = &c.types["A"].shape else {
            panic!()
        };
        assert!(
            o.fields.iter().all(|f| !f.meta.deprecated),
            "the contract itself never says deprecated"
        );
    }

    #[test]
    fn methods_and_params_are_filtered() {
        let apis = r#"{"id": "widget", "title": "W", "entry": "e", "style": "promise", "methods": [
{"name": "m", "wire": "M", "params": [{"name": "p", "schema": {}}, {"name": "q", "since": "c", "schema": {}}]},
{"name": "n", "wire": "N", "until": "b"}]}"#;
        let c = contract("", apis);
        let a = c.view("a").unwrap();
        let z = c.view("c").unwrap();
        assert_eq!(a.apis[0].methods.len(), 2);
        assert_eq!(a.apis[0].methods[0].params.len(), 1);
        assert_eq!(z.apis[0].methods.len(), 1);
        assert_eq!(z.apis[0].methods[0].params.len(), 2);
    }

    #[test]
    fn constants_are_filtered_and_found_by_role() {
        let apis = r#"{"id": "widget", "title": "W", "entry": "e", "style": "promise", "constants": [
{"name": "responseSuffix", "value": "_RESPONSE", "role": "responseSuffix", "until": "b"},
{"name": "RESPONSE_SUFFIX", "value": "_ANSWER", "role": "responseSuffix", "since": "b"},
{"name": "K", "value": "k", "since": "c"}]}"#;
        let c = contract("", apis);
        let names = |v: &str| {
            let ir = c.view(v).unwrap();
            let api = &ir.apis[0];
            let names: Vec<String> = api.constants.iter().map(|k| k.name.clone()).collect();
            (names, api.response_suffix().to_owned())
        };
        assert_eq!(
            names("a"),
            (vec!["responseSuffix".into()], "_RESPONSE".into())
        );
        assert_eq!(
            names("b"),
            (vec!["RESPONSE_SUFFIX".into()], "_ANSWER".into())
        );
        assert_eq!(
            names("c"),
            (vec!["RESPONSE_SUFFIX".into(), "K".into()], "_ANSWER".into())
        );
        // Without a declared suffix, answers keep the vendor's spelling.
        let c = contract(
            "",
            r#"{"id": "widget", "title": "W", "entry": "e", "style": "promise"}"#,
        );
        assert_eq!(
            c.view("a").unwrap().apis[0].response_suffix(),
            crate::ir::DEFAULT_RESPONSE_SUFFIX
        );
    }

    #[test]
    fn unknown_version() {
        let e = contract("", "").view("d").unwrap_err();
        assert_eq!(e.known, ["a", "b", "c"]);
    }
}
