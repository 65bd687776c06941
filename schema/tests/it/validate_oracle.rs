//! Differential property test: the IR-driven validator against the `jsonschema` crate.
//!
//! Random shapes (with named types, refs, nullable, arrays, maps, open and closed objects,
//! enums, consts, tagged and untagged `anyOf`/`oneOf`) are written as JSON Schema 2020-12 by a
//! small, obviously-correct writer in this file, and random instances are checked by both
//! validators. The verdicts must be equal, and on failure the error pointers must correspond:
//! every pointer the oracle reports is an ancestor-or-self of one of ours and every one of ours
//! has an ancestor-or-self among the oracle's (we report a closed object's extra property at
//! the property and a tagged union's problems inside the selected variant, where the oracle
//! reports the object or the union). Warnings (undeclared properties of open objects) are
//! ignored by the verdict, as JSON Schema accepts those properties.
//!
//! The writer here is independent of `emit` on purpose: this test pins the validator's
//! semantics; `validate_corpus.rs` checks it against the real emitted views.

use std::collections::BTreeMap;

use adcontract_schema::ir::{
    ArrayShape, EnumShape, EnumValue, Field, Ir, MapShape, Meta, NumberRules, ObjectShape, Shape,
    StringRules, TypeDef, UnionShape, UnknownFields, Variant, Version,
};
use adcontract_schema::validate::{Options, Validator, has_errors};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

const KEYS: [&str; 4] = ["a", "b", "type", "x/y"];
const PATTERNS: [&str; 6] = ["^a", "b$", "^[a-c]+$", r"\d", "^.$", r"^\w+$"];

fn write_shape(shape: &Shape) -> Value {
    let bounds = |kind: &str, r: &NumberRules| {
        let mut m = Map::new();
        m.insert("type".into(), json!(kind));
        for (k, v) in [
            ("minimum", r.minimum),
            ("maximum", r.maximum),
            ("exclusiveMinimum", r.exclusive_minimum),
            ("exclusiveMaximum", r.exclusive_maximum),
        ] {
            if let Some(v) = v {
                m.insert(k.into(), json!(v));
            }
        }
        Value::Object(m)
    };
    match shape {
        Shape::Any | Shape::TypeParam { .. } => json!({}),
        Shape::Null => json!({"type": "null"}),
        Shape::Boolean => json!({"type": "boolean"}),
        Shape::Integer(r) => bounds("integer", r),
        Shape::Number(r) => bounds("number", r),
        Shape::String(r) => {
            let mut m = Map::new();
            m.insert("type".into(), json!("string"));
            if let Some(v) = r.min_length {
                m.insert("minLength".into(), json!(v));
            }
            if let Some(v) = r.max_length {
                m.insert("maxLength".into(), json!(v));
            }
            if let Some(p) = &r.pattern {
                m.insert("pattern".into(), json!(p));
            }
            Value::Object(m)
        }
        Shape::Const { value } => json!({ "const": value }),
        Shape::Ref { name, .. } => json!({ "$ref": format!("#/$defs/{name}") }),
        Shape::Nullable { inner } => json!({ "anyOf": [write_shape(inner), {"type": "null"}] }),
        Shape::Array(a) => {
            let mut m = Map::new();
            m.insert("type".into(), json!("array"));
            m.insert("items".into(), write_shape(&a.items));
            if let Some(v) = a.min_items {
                m.insert("minItems".into(), json!(v));
            }
            if let Some(v) = a.max_items {
                m.insert("maxItems".into(), json!(v));
            }
            Value::Object(m)
        }
        Shape::Map(mp) => {
            let mut m = Map::new();
            m.insert("type".into(), json!("object"));
            m.insert("additionalProperties".into(), write_shape(&mp.values));
            if let Some(p) = &mp.key_pattern {
                m.insert("propertyNames".into(), json!({ "pattern": p }));
            }
            Value::Object(m)
        }
        Shape::Object(o) => {
            let props: Map<String, Value> = o
                .fields
                .iter()
                .map(|f| (f.name.clone(), write_shape(&f.shape)))
                .collect();
            let required: Vec<&str> = o
                .fields
                .iter()
                .filter(|f| f.required)
                .map(|f| f.name.as_str())
                .collect();
            let mut m = Map::new();
            m.insert("type".into(), json!("object"));
            m.insert("properties".into(), Value::Object(props));
            m.insert("required".into(), json!(required));
            if o.unknown == UnknownFields::Closed {
                m.insert("additionalProperties".into(), json!(false));
            }
            Value::Object(m)
        }
        Shape::Enum(e) => {
            json!({ "enum": e.values.iter().map(|v| v.value.clone()).collect::<Vec<_>>() })
        }
        Shape::Union(u) => {
            let kw = if u.exclusive { "oneOf" } else { "anyOf" };
            json!({ kw: u.variants.iter().map(|v| write_shape(&v.shape)).collect::<Vec<_>>() })
        }
    }
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!(null)),
        any::<bool>().prop_map(Value::Bool),
        prop::sample::select(vec![
            json!(0),
            json!(1),
            json!(1.0),
            json!(1.5),
            json!(-1),
            json!(2),
            json!(10),
            json!(2.5)
        ]),
        prop::sample::select(vec![
            "", "a", "ab", "abc", "é", "1", "x1", "b", "chat", "call", "a b"
        ])
        .prop_map(|s| json!(s)),
    ]
}

fn instance() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(3, 24, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS.to_vec()), inner), 0..4).prop_map(
                |kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            ),
        ]
    })
}

/// Values aimed at a shape: mostly close to conforming, with noise at every level, so both
/// verdicts are common.
fn value_for(shape: &Shape) -> BoxedStrategy<Value> {
    let numbers = prop::sample::select(vec![
        json!(0),
        json!(1),
        json!(1.0),
        json!(2),
        json!(2.0),
        json!(-1),
        json!(1.5),
        json!(2.5),
        json!(10),
    ]);
    let aimed: BoxedStrategy<Value> = match shape {
        Shape::Any | Shape::TypeParam { .. } | Shape::Ref { .. } => instance().boxed(),
        Shape::Null => Just(json!(null)).boxed(),
        Shape::Boolean => any::<bool>().prop_map(Value::Bool).boxed(),
        Shape::Integer(_) | Shape::Number(_) => numbers.boxed(),
        Shape::String(_) => prop::sample::select(vec![
            "", "a", "ab", "abc", "abcd", "é", "1", "x1", "b", "cab", "a b", "\n",
        ])
        .prop_map(|s| json!(s))
        .boxed(),
        Shape::Const { value } => {
            let twin = match value.as_f64() {
                Some(f) if value.is_i64() || value.is_u64() => json!(f),
                _ => value.clone(),
            };
            prop::sample::select(vec![value.clone(), twin]).boxed()
        }
        Shape::Enum(e) if !e.values.is_empty() => {
            prop::sample::select(e.values.iter().map(|v| v.value.clone()).collect::<Vec<_>>())
                .boxed()
        }
        Shape::Enum(_) => instance().boxed(),
        Shape::Nullable { inner } => prop_oneof![Just(json!(null)), value_for(inner)].boxed(),
        Shape::Array(a) => prop::collection::vec(value_for(&a.items), 0..4)
            .prop_map(Value::Array)
            .boxed(),
        Shape::Map(m) => prop::collection::vec(
            (
                prop::sample::select(vec!["a", "ab", "B", "1"]),
                value_for(&m.values),
            ),
            0..3,
        )
        .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()))
        .boxed(),
        Shape::Object(o) => {
            let fields: Vec<BoxedStrategy<Option<(String, Value)>>> = o
                .fields
                .iter()
                .map(|f| {
                    prop::option::weighted(
                        0.85,
                        value_for(&f.shape).prop_map({
                            let n = f.name.clone();
                            move |v| (n.clone(), v)
                        }),
                    )
                    .boxed()
                })
                .collect();
            let extra =
                prop::option::weighted(0.2, (prop::sample::select(KEYS.to_vec()), scalar()));
            (fields, extra)
                .prop_map(|(fs, extra)| {
                    let mut m: Map<String, Value> = fs.into_iter().flatten().collect();
                    if let Some((k, v)) = extra {
                        m.entry(k.to_owned()).or_insert(v);
                    }
                    Value::Object(m)
                })
                .boxed()
        }
        Shape::Union(u) if u.tag.is_some() => (
            prop::sample::select(vec!["chat", "call", "fax"]),
            prop::option::of(prop::sample::select(vec![json!("s"), json!(1)])),
            prop::option::of(prop::sample::select(vec![json!("s"), json!(1)])),
        )
            .prop_map(|(t, a, b)| {
                let mut m = Map::new();
                m.insert("type".into(), json!(t));
                if let Some(a) = a {
                    m.insert("a".into(), a);
                }
                if let Some(b) = b {
                    m.insert("b".into(), b);
                }
                Value::Object(m)
            })
            .boxed(),
        Shape::Union(u) => {
            let branches: Vec<BoxedStrategy<Value>> =
                u.variants.iter().map(|v| value_for(&v.shape)).collect();
            prop::strategy::Union::new(branches).boxed()
        }
    };
    prop_oneof![6 => aimed, 1 => instance()].boxed()
}

fn opt_f64() -> impl Strategy<Value = Option<f64>> {
    prop::option::weighted(0.3, prop::sample::select(vec![0.0, 1.0, 1.5, 2.0, -1.0]))
}

fn leaf() -> impl Strategy<Value = Shape> {
    prop_oneof![
        Just(Shape::Any),
        Just(Shape::Null),
        Just(Shape::Boolean),
        (opt_f64(), opt_f64(), opt_f64(), opt_f64()).prop_map(|(a, b, c, d)| Shape::Integer(
            NumberRules {
                minimum: a,
                maximum: b,
                exclusive_minimum: c,
                exclusive_maximum: d
            }
        )),
        (opt_f64(), opt_f64()).prop_map(|(a, b)| Shape::Number(NumberRules {
            minimum: a,
            exclusive_maximum: b,
            ..NumberRules::default()
        })),
        (
            prop::option::weighted(0.3, 0..3u64),
            prop::option::weighted(0.3, 0..3u64),
            prop::option::weighted(0.3, prop::sample::select(PATTERNS.to_vec()))
        )
            .prop_map(|(a, b, p)| Shape::String(StringRules {
                min_length: a,
                max_length: b,
                pattern: p.map(str::to_owned),
                format: None,
                personal: None,
            })),
        scalar().prop_map(|value| Shape::Const { value }),
        prop::collection::vec(scalar(), 0..4).prop_map(|vs| Shape::Enum(EnumShape {
            values: vs
                .into_iter()
                .map(|value| EnumValue {
                    value,
                    code: None,
                    meta: Meta::default()
                })
                .collect()
        })),
        prop::sample::select(vec!["Chat", "Call", "Name"]).prop_map(|n| Shape::Ref {
            name: n.into(),
            args: vec![]
        }),
    ]
}

fn field(name: &str, required: bool, shape: Shape) -> Field {
    Field {
        name: name.to_owned(),
        required,
        shape,
        meta: Meta::default(),
    }
}

fn shape() -> impl Strategy<Value = Shape> {
    leaf().prop_recursive(3, 16, 3, |inner| {
        prop_oneof![
            inner
                .clone()
                .prop_map(|s| Shape::Nullable { inner: Box::new(s) }),
            (
                inner.clone(),
                prop::option::of(0..2u64),
                prop::option::of(1..3u64)
            )
                .prop_map(|(items, min_items, max_items)| Shape::Array(Box::new(
                    ArrayShape {
                        items,
                        min_items,
                        max_items
                    }
                ))),
            (
                inner.clone(),
                prop::option::of(prop::sample::select(vec!["^a", "^[a-z]+$"]))
            )
                .prop_map(|(values, p)| Shape::Map(Box::new(MapShape {
                    values,
                    key_pattern: p.map(str::to_owned)
                }))),
            (
                prop::collection::vec(
                    (
                        prop::sample::select(KEYS.to_vec()),
                        any::<bool>(),
                        inner.clone()
                    ),
                    0..3
                ),
                any::<bool>()
            )
                .prop_map(|(fs, closed)| {
                    let mut seen = Vec::new();
                    let fields = fs
                        .into_iter()
                        .filter(|(k, _, _)| {
                            if seen.contains(k) {
                                false
                            } else {
                                seen.push(*k);
                                true
                            }
                        })
                        .map(|(k, r, s)| field(k, r, s))
                        .collect();
                    Shape::Object(ObjectShape {
                        fields,
                        unknown: if closed {
                            UnknownFields::Closed
                        } else {
                            UnknownFields::Open
                        },
                        extends: vec![],
                    })
                }),
            (prop::collection::vec(inner, 1..4), any::<bool>()).prop_map(|(vs, exclusive)| {
                Shape::Union(UnionShape {
                    variants: vs
                        .into_iter()
                        .map(|shape| Variant {
                            shape,
                            tag_value: None,
                            meta: Meta::default(),
                        })
                        .collect(),
                    tag: None,
                    exclusive,
                })
            }),
            // A tagged union over the two named tagged objects.
            any::<bool>().prop_map(|exclusive| Shape::Union(UnionShape {
                variants: ["Chat", "Call"]
                    .iter()
                    .map(|n| Variant {
                        shape: Shape::Ref {
                            name: (*n).into(),
                            args: vec![]
                        },
                        tag_value: Some(json!(n.to_lowercase())),
                        meta: Meta::default()
                    })
                    .collect(),
                tag: Some("type".into()),
                exclusive
            })),
        ]
    })
}

fn view(root: Shape, name_shape: Shape) -> Ir {
    let tagged = |tag: &str, other: &str, closed: bool| {
        Shape::Object(ObjectShape {
            fields: vec![
                field("type", true, Shape::Const { value: json!(tag) }),
                field(other, true, Shape::String(StringRules::default())),
            ],
            unknown: if closed {
                UnknownFields::Closed
            } else {
                UnknownFields::Open
            },
            extends: vec![],
        })
    };
    let mut types = BTreeMap::new();
    for (name, shape) in [
        ("Root", root),
        ("Chat", tagged("chat", "a", false)),
        ("Call", tagged("call", "b", true)),
        ("Name", name_shape),
    ] {
        types.insert(
            name.to_owned(),
            TypeDef {
                name: name.to_owned(),
                meta: Meta::default(),
                type_params: vec![],
                type_param_defaults: Vec::new(),
                const_name: None,
                const_widened: false,
                shape,
            },
        );
    }
    Ir {
        version: Version {
            id: "t".into(),
            label: "t".into(),
            date: None,
            vendor_commit: None,
            description: None,
        },
        version_index: 0,
        types,
        apis: vec![],
    }
}

fn document(ir: &Ir) -> Value {
    let defs: Map<String, Value> = ir
        .types
        .iter()
        .map(|(k, d)| (k.clone(), write_shape(&d.shape)))
        .collect();
    json!({ "$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": "#/$defs/Root", "$defs": defs })
}

fn is_ancestor_or_self(a: &str, b: &str) -> bool {
    b == a || (b.starts_with(a) && b.as_bytes().get(a.len()) == Some(&b'/'))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn verdicts_and_pointers_match_the_jsonschema_crate(
        (root, name_shape, value) in (shape(), leaf().prop_filter("no self-reference", |s| !matches!(s, Shape::Ref { .. })))
            .prop_flat_map(|(root, name)| { let v = value_for(&root); (Just(root), Just(name), v) }),
    ) {
        let ir = view(root, name_shape);
        let schema = document(&ir);
        let oracle = jsonschema::validator_for(&schema).map_err(|e| TestCaseError::fail(format!("oracle: {e}")))?;
        let ours = Validator::new(&ir, Options::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let problems = ours.validate("Root", &value).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let expected = oracle.is_valid(&value);
        prop_assert_eq!(!has_errors(&problems), expected, "schema {} value {} problems {:?}", schema, value, problems);
        prop_assert_eq!(ours.is_valid("Root", &value).ok(), Some(expected));
        if !expected {
            let theirs: Vec<String> = oracle.iter_errors(&value).map(|e| e.instance_path().as_str().to_owned()).collect();
            let mine: Vec<&str> = problems.iter().filter(|p| p.is_error()).map(|p| p.pointer.as_str()).collect();
            for t in &theirs {
                prop_assert!(mine.iter().any(|m| is_ancestor_or_self(t, m)), "oracle pointer {} not covered by {:?} (schema {} value {})", t, mine, schema, value);
            }
            for m in &mine {
                prop_assert!(theirs.iter().any(|t| is_ancestor_or_self(t, m)), "our pointer {} not under {:?} (schema {} value {})", m, theirs, schema, value);
            }
        }
    }
}
