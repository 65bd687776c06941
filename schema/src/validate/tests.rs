//! Unit tests of the validator on hand-built views: every keyword, every problem kind.

use serde_json::{Value, json};

use super::*;
use crate::ir::{ArrayShape, Field, Ir, MapShape, NumberRules, Shape, StringRules, UnknownFields};
use crate::ir_builder::{
    enumeration, field, generic_def, object_with as object, reference, string, union,
};

fn view(types: Vec<(&str, Vec<&str>, Shape)>) -> Ir {
    let defs = types
        .into_iter()
        .map(|(name, params, shape)| generic_def(name, &params, shape));
    crate::ir_builder::view("latest", defs, Vec::new())
}

/// `(pointer, keyword, severity)` of every problem, and the messages.
fn check_shape(shape: Shape, value: Value) -> Vec<(String, &'static str, Severity, String)> {
    let ir = view(vec![("T", vec![], shape)]);
    check_in(&ir, "T", value, Options::default())
}

fn check_in(
    ir: &Ir,
    ty: &str,
    value: Value,
    options: Options,
) -> Vec<(String, &'static str, Severity, String)> {
    let v = Validator::new(ir, options).expect("validator builds");
    let problems = v.validate(ty, &value).expect("type exists");
    // The verdict-only path must always agree with the collecting one.
    assert_eq!(
        v.is_valid(ty, &value).expect("type exists"),
        !has_errors(&problems),
        "verdicts disagree on {value}"
    );
    problems
        .into_iter()
        .map(|p| (p.pointer, p.keyword, p.severity, p.message))
        .collect()
}

fn keywords(shape: Shape, value: Value) -> Vec<(String, &'static str)> {
    check_shape(shape, value)
        .into_iter()
        .map(|(p, k, _, _)| (p, k))
        .collect()
}

fn ok(shape: Shape, value: Value) {
    let found = check_shape(shape, value.clone());
    assert!(found.is_empty(), "{value} should be valid: {found:?}");
}

fn e(p: &str, k: &'static str) -> (String, &'static str) {
    (p.to_owned(), k)
}

#[test]
fn type_keyword_for_every_scalar() {
    for (shape, good, bad, expected) in [
        (Shape::Null, json!(null), json!(0), "null"),
        (Shape::Boolean, json!(true), json!("true"), "boolean"),
        (
            Shape::Integer(NumberRules::default()),
            json!(1.0),
            json!(1.5),
            "integer",
        ),
        (
            Shape::Number(NumberRules::default()),
            json!(1.5),
            json!("1"),
            "number",
        ),
        (string(), json!(""), json!(null), "string"),
        (
            Shape::Array(Box::new(ArrayShape {
                items: Shape::Any,
                min_items: None,
                max_items: None,
            })),
            json!([]),
            json!({}),
            "array",
        ),
        (
            object(vec![], UnknownFields::Open),
            json!({}),
            json!([]),
            "object",
        ),
    ] {
        ok(shape.clone(), good);
        let found = check_shape(shape, bad.clone());
        assert_eq!(found.len(), 1, "{bad}");
        assert_eq!((found[0].0.as_str(), found[0].1), ("", "type"));
        assert!(
            found[0]
                .3
                .starts_with(&format!("expected {expected}; got ")),
            "{}",
            found[0].3
        );
    }
    ok(Shape::Any, json!({"anything": [1, null]}));
    assert_eq!(
        check_shape(Shape::Integer(NumberRules::default()), json!(1.5))[0].3,
        "expected integer; got number 1.5"
    );
}

#[test]
fn number_bounds() {
    let r = NumberRules {
        minimum: Some(1.0),
        maximum: Some(10.0),
        exclusive_minimum: None,
        exclusive_maximum: None,
    };
    ok(Shape::Number(r.clone()), json!(1));
    ok(Shape::Number(r.clone()), json!(10.0));
    assert_eq!(
        keywords(Shape::Number(r.clone()), json!(0.5)),
        [e("", "minimum")]
    );
    assert_eq!(
        keywords(Shape::Integer(r.clone()), json!(11)),
        [e("", "maximum")]
    );
    let x = NumberRules {
        minimum: None,
        maximum: None,
        exclusive_minimum: Some(0.0),
        exclusive_maximum: Some(2.5),
    };
    ok(Shape::Number(x.clone()), json!(2.4));
    assert_eq!(
        keywords(Shape::Number(x.clone()), json!(0)),
        [e("", "exclusiveMinimum")]
    );
    assert_eq!(
        keywords(Shape::Number(x.clone()), json!(2.5)),
        [e("", "exclusiveMaximum")]
    );
    let msg = &check_shape(Shape::Number(x), json!(3))[0].3;
    assert_eq!(msg, "expected less than 2.5; got 3");
    // Every broken bound is reported, not just the first.
    let both = NumberRules {
        minimum: Some(5.0),
        maximum: Some(1.0),
        ..NumberRules::default()
    };
    assert_eq!(
        keywords(Shape::Integer(both), json!(3)),
        [e("", "minimum"), e("", "maximum")]
    );
    // Large integers compare exactly.
    let big = NumberRules {
        maximum: Some(9_007_199_254_740_992.0),
        ..NumberRules::default()
    };
    assert_eq!(
        keywords(Shape::Integer(big), json!(9_007_199_254_740_993_u64)),
        [e("", "maximum")]
    );
}

#[test]
fn string_lengths_count_code_points_and_patterns_search() {
    let r = StringRules {
        min_length: Some(2),
        max_length: Some(3),
        pattern: Some("^[a-zé]+$".into()),
        format: None,
    };
    ok(Shape::String(r.clone()), json!("éé"));
    ok(Shape::String(r.clone()), json!("ééé"));
    assert_eq!(
        keywords(Shape::String(r.clone()), json!("é")),
        [e("", "minLength")]
    );
    assert_eq!(
        keywords(Shape::String(r.clone()), json!("abcd")),
        [e("", "maxLength")]
    );
    assert_eq!(
        keywords(Shape::String(r.clone()), json!("AB")),
        [e("", "pattern")]
    );
    assert_eq!(
        keywords(Shape::String(r.clone()), json!("ABCD")),
        [e("", "maxLength"), e("", "pattern")]
    );
    let found = check_shape(Shape::String(r), json!("x"));
    assert_eq!(found[0].3, "expected at least 2 characters; got 1");
    // 4-byte code points: "😀😀" is 8 bytes, 2 characters.
    let emoji = StringRules {
        max_length: Some(2),
        ..StringRules::default()
    };
    ok(Shape::String(emoji), json!("😀😀"));
    let unanchored = StringRules {
        pattern: Some("b".into()),
        ..StringRules::default()
    };
    ok(Shape::String(unanchored), json!("abc"));
    let fmt = StringRules {
        format: Some("date-time".into()),
        ..StringRules::default()
    };
    ok(
        Shape::String(fmt),
        json!("not a date: format is an annotation"),
    );
}

#[test]
fn enum_and_const_use_json_equality() {
    let media = enumeration(&[json!("voice"), json!("chat"), json!("email")]);
    ok(media.clone(), json!("chat"));
    let found = check_shape(media, json!("fax"));
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].1, found[0].3.as_str()),
        (
            "enum",
            "expected one of \"voice\", \"chat\", \"email\"; got \"fax\""
        )
    );
    ok(enumeration(&[json!(1), json!(2)]), json!(1.0));
    assert_eq!(
        keywords(enumeration(&[json!(1)]), json!(true)),
        [e("", "enum")]
    );
    assert_eq!(keywords(enumeration(&[]), json!(1)), [e("", "enum")]);
    ok(
        Shape::Const {
            value: json!({"a": [1, 2.0]}),
        },
        json!({"a": [1.0, 2]}),
    );
    let found = check_shape(
        Shape::Const {
            value: json!(false),
        },
        json!(0),
    );
    assert_eq!(
        (found[0].1, found[0].3.as_str()),
        ("const", "expected false; got number 0")
    );
}

#[test]
fn arrays_report_every_item() {
    let a = Shape::Array(Box::new(ArrayShape {
        items: string(),
        min_items: Some(1),
        max_items: Some(2),
    }));
    ok(a.clone(), json!(["a"]));
    assert_eq!(keywords(a.clone(), json!([])), [e("", "minItems")]);
    assert_eq!(
        keywords(a.clone(), json!(["a", 1, 2])),
        [e("", "maxItems"), e("/1", "type"), e("/2", "type")]
    );
    assert_eq!(
        check_shape(a, json!([]))
            .first()
            .map(|p| p.3.clone())
            .unwrap_or_default(),
        "expected at least 1 item; got 0"
    );
}

#[test]
fn objects_required_unknown_and_nested_pointers() {
    let inner = object(
        vec![field("a/b", true, string()), field("c~d", false, string())],
        UnknownFields::Closed,
    );
    let outer = object(
        vec![
            field("id", true, string()),
            field(
                "state",
                false,
                Shape::Nullable {
                    inner: Box::new(string()),
                },
            ),
            field("inner", false, inner),
        ],
        UnknownFields::Open,
    );
    ok(
        outer.clone(),
        json!({"id": "1", "state": null, "inner": {"a/b": "x"}}),
    );
    let found = check_shape(
        outer.clone(),
        json!({"state": 3, "agentId": "x", "inner": {"c~d": 1, "zz": 1}}),
    );
    let summary: Vec<_> = found
        .iter()
        .map(|(p, k, s, _)| (p.as_str(), *k, *s))
        .collect();
    assert_eq!(
        summary,
        [
            ("", "required", Severity::Error),
            ("/state", "type", Severity::Error),
            ("/agentId", "additionalProperties", Severity::Warning),
            ("/inner", "required", Severity::Error),
            ("/inner/c~0d", "type", Severity::Error),
            ("/inner/zz", "additionalProperties", Severity::Error),
        ]
    );
    assert_eq!(found[0].3, "missing required property \"id\"");
    assert_eq!(found[1].3, "expected string or null; got number 3");
    assert_eq!(found[2].3, "property \"agentId\" is not declared");
    assert_eq!(found[5].3, "property \"zz\" is not allowed here");
    // Warnings alone leave an instance valid; deny_unknown makes them errors.
    let ir = view(vec![("T", vec![], outer)]);
    let relaxed = check_in(&ir, "T", json!({"id": "1", "extra": 1}), Options::default());
    assert_eq!(relaxed.len(), 1);
    assert_eq!(relaxed[0].2, Severity::Warning);
    let strict = check_in(
        &ir,
        "T",
        json!({"id": "1", "extra": 1}),
        Options { deny_unknown: true },
    );
    assert_eq!(strict[0].2, Severity::Error);
}

#[test]
fn large_objects_use_the_field_index() {
    let fields: Vec<Field> = (0..20)
        .map(|i| {
            field(
                &format!("f{i}"),
                i == 0,
                Shape::Integer(NumberRules::default()),
            )
        })
        .collect();
    let shape = object(fields, UnknownFields::Open);
    ok(shape.clone(), json!({"f0": 1, "f19": 2}));
    assert_eq!(
        keywords(shape, json!({"f19": "x", "g": 1})),
        [
            e("", "required"),
            e("/f19", "type"),
            e("/g", "additionalProperties")
        ]
    );
}

#[test]
fn maps_check_keys_and_values() {
    let m = Shape::Map(Box::new(MapShape {
        values: Shape::Integer(NumberRules::default()),
        key_pattern: Some("^(0|[1-9][0-9]*)$".into()),
    }));
    ok(m.clone(), json!({"0": 1, "12": 2}));
    assert_eq!(
        keywords(m.clone(), json!({"01": 1, "3": "x"})),
        [e("/01", "propertyNames"), e("/3", "type")]
    );
    assert_eq!(keywords(m, json!([])), [e("", "type")]);
}

#[test]
fn refs_and_generics() {
    let ir = view(vec![
        (
            "OperationResult",
            vec!["T"],
            object(
                vec![
                    field("success", true, Shape::Boolean),
                    field("data", false, Shape::TypeParam { name: "T".into() }),
                ],
                UnknownFields::Open,
            ),
        ),
        (
            "Wrapper",
            vec!["U"],
            object(
                vec![field(
                    "inner",
                    true,
                    Shape::Ref {
                        name: "OperationResult".into(),
                        args: vec![Shape::TypeParam { name: "U".into() }],
                    },
                )],
                UnknownFields::Open,
            ),
        ),
        ("Name", vec![], string()),
        (
            "Uses",
            vec![],
            Shape::Ref {
                name: "Wrapper".into(),
                args: vec![reference("Name")],
            },
        ),
    ]);
    let o = Options::default();
    assert!(
        check_in(
            &ir,
            "Uses",
            json!({"inner": {"success": true, "data": "x"}}),
            o
        )
        .is_empty()
    );
    let found = check_in(
        &ir,
        "Uses",
        json!({"inner": {"success": true, "data": 5}}),
        o,
    );
    assert_eq!(
        found
            .iter()
            .map(|p| (p.0.as_str(), p.1))
            .collect::<Vec<_>>(),
        [("/inner/data", "type")]
    );
    // Asked for directly, an unbound parameter accepts anything (as the emitted schema does).
    assert!(
        check_in(
            &ir,
            "OperationResult",
            json!({"success": false, "data": [1]}),
            o
        )
        .is_empty()
    );
    // validate_shape with explicit args.
    let v = Validator::new(&ir, o).expect("builds");
    let shape = Shape::Ref {
        name: "OperationResult".into(),
        args: vec![Shape::Null],
    };
    assert!(
        v.validate_shape(&shape, &json!({"success": true, "data": null}))
            .is_empty()
    );
    assert_eq!(
        v.validate_shape(&shape, &json!({"success": true, "data": 1}))[0].pointer,
        "/data"
    );
    let dangling = reference("Nope");
    assert_eq!(v.validate_shape(&dangling, &json!(1))[0].keyword, "$ref");
}

#[test]
fn unknown_types_suggest_the_closest_name() {
    let ir = view(vec![("InteractionData", vec![], Shape::Any)]);
    let v = Validator::new(&ir, Options::default()).expect("builds");
    let err = v
        .validate("interactiondata", &json!(1))
        .expect_err("unknown");
    assert_eq!(err.suggestion.as_deref(), Some("InteractionData"));
    assert_eq!(
        err.to_string(),
        "unknown type \"interactiondata\" in version latest; did you mean \"InteractionData\"?"
    );
    assert_eq!(
        v.validate("Zzzzzzzzzzzz", &json!(1))
            .expect_err("unknown")
            .suggestion,
        None
    );
}

fn tagged_ir(exclusive: bool) -> Ir {
    let chat = object(
        vec![
            field(
                "type",
                true,
                Shape::Const {
                    value: json!("chat"),
                },
            ),
            field("text", true, string()),
        ],
        UnknownFields::Open,
    );
    let call = object(
        vec![
            field(
                "type",
                true,
                Shape::Const {
                    value: json!("call"),
                },
            ),
            field("number", true, string()),
        ],
        UnknownFields::Open,
    );
    view(vec![
        ("Chat", vec![], chat),
        ("Call", vec![], call),
        (
            "Item",
            vec![],
            union(
                vec![reference("Chat"), reference("Call")],
                Some(("type", vec![json!("chat"), json!("call")])),
                exclusive,
            ),
        ),
    ])
}

#[test]
fn tagged_unions_report_the_selected_variant() {
    for exclusive in [true, false] {
        let ir = tagged_ir(exclusive);
        let o = Options::default();
        assert!(check_in(&ir, "Item", json!({"type": "chat", "text": "hi"}), o).is_empty());
        let found = check_in(&ir, "Item", json!({"type": "call", "number": 5, "x": 1}), o);
        let got: Vec<_> = found.iter().map(|p| (p.0.as_str(), p.1, p.2)).collect();
        assert_eq!(
            got,
            [
                ("/number", "type", Severity::Error),
                ("/x", "additionalProperties", Severity::Warning)
            ]
        );
        let kw = if exclusive { "oneOf" } else { "anyOf" };
        let found = check_in(&ir, "Item", json!({"type": "fax"}), o);
        assert_eq!((found[0].0.as_str(), found[0].1), ("", kw));
        assert_eq!(
            found[0].3,
            "property \"type\" is \"fax\"; expected one of \"chat\", \"call\""
        );
        let found = check_in(&ir, "Item", json!({}), o);
        assert_eq!(
            found[0].3,
            "missing the discriminating property \"type\" (one of \"chat\", \"call\")"
        );
        let found = check_in(&ir, "Item", json!("chat"), o);
        assert_eq!(
            found[0].3,
            "expected an object (Chat or Call); got \"chat\""
        );
    }
}

#[test]
fn tagged_union_verdict_follows_json_schema_even_when_tags_lie() {
    // Both variants accept any object: the tag selects the first, but `oneOf` sees two matches.
    let loose = object(vec![], UnknownFields::Open);
    let shape = union(
        vec![loose.clone(), loose],
        Some(("k", vec![json!("a"), json!("b")])),
        true,
    );
    let found = keywords(shape.clone(), json!({"k": "a"}));
    assert_eq!(found, [e("/k", "additionalProperties"), e("", "oneOf")]);
    // Tag selects a failing variant while another one matches: `anyOf` is satisfied.
    let strict = object(
        vec![field("n", true, Shape::Integer(NumberRules::default()))],
        UnknownFields::Open,
    );
    let any = object(vec![], UnknownFields::Open);
    let shape = union(
        vec![strict, any],
        Some(("k", vec![json!("a"), json!("b")])),
        false,
    );
    let found = check_shape(shape, json!({"k": "a"}));
    assert!(found.iter().all(|p| p.2 == Severity::Warning), "{found:?}");
}

#[test]
fn untagged_unions_summarise_at_the_union() {
    let shape = union(
        vec![
            string(),
            Shape::Integer(NumberRules {
                minimum: Some(0.0),
                ..NumberRules::default()
            }),
        ],
        None,
        false,
    );
    ok(shape.clone(), json!("x"));
    ok(shape.clone(), json!(3));
    let found = check_shape(shape.clone(), json!(-1));
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].0.as_str(), found[0].1), ("", "anyOf"));
    assert_eq!(
        found[0].3,
        "expected string or integer; got number -1; closest is integer: /: error: expected at least 0; got -1"
    );
    let found = check_shape(shape, json!(null));
    assert_eq!(found[0].3, "expected string or integer; got null");
    // oneOf: exactly one.
    let one = union(
        vec![
            Shape::Number(NumberRules::default()),
            Shape::Integer(NumberRules::default()),
        ],
        None,
        true,
    );
    ok(one.clone(), json!(1.5));
    let found = check_shape(one, json!(2));
    assert_eq!(
        (found[0].1, found[0].3.as_str()),
        (
            "oneOf",
            "matches more than one alternative (number and integer); exactly one must match"
        )
    );
    // Nested: the pointer is the union's own.
    let o = object(
        vec![field(
            "v",
            true,
            union(vec![Shape::Null, Shape::Boolean], None, false),
        )],
        UnknownFields::Open,
    );
    assert_eq!(keywords(o, json!({"v": 1})), [e("/v", "anyOf")]);
}

#[test]
fn union_branch_warnings_come_from_the_matching_branch() {
    let a = object(vec![field("a", true, string())], UnknownFields::Open);
    let b = object(vec![field("b", true, string())], UnknownFields::Open);
    let shape = union(vec![a, b], None, false);
    let found = check_shape(shape.clone(), json!({"b": "x", "c": 1}));
    let got: Vec<_> = found.iter().map(|p| (p.0.as_str(), p.2)).collect();
    assert_eq!(got, [("/c", Severity::Warning)]);
    // With deny_unknown the extra property makes the branch fail, and so the union.
    let ir = view(vec![("T", vec![], shape)]);
    let strict = check_in(
        &ir,
        "T",
        json!({"b": "x", "c": 1}),
        Options { deny_unknown: true },
    );
    assert_eq!(strict.iter().map(|p| p.1).collect::<Vec<_>>(), ["anyOf"]);
}

#[test]
fn self_referential_aliases_stop_with_a_problem() {
    let ir = view(vec![(
        "Loop",
        vec![],
        Shape::Nullable {
            inner: Box::new(reference("Loop")),
        },
    )]);
    let found = check_in(&ir, "Loop", json!(1), Options::default());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, "$ref");
    // A recursive type with a base case validates deep values.
    let list = object(
        vec![field(
            "next",
            false,
            Shape::Nullable {
                inner: Box::new(reference("List")),
            },
        )],
        UnknownFields::Closed,
    );
    let ir = view(vec![("List", vec![], list)]);
    let mut value = json!({});
    for _ in 0..100 {
        value = json!({ "next": value });
    }
    assert!(check_in(&ir, "List", value, Options::default()).is_empty());
}

#[test]
fn loops_through_unions_are_reported_not_followed() {
    // Two self-references: following them would take time exponential in the depth limit.
    let ir = view(vec![(
        "U",
        vec![],
        union(
            vec![reference("U"), reference("U"), Shape::Null],
            None,
            false,
        ),
    )]);
    let found = check_in(&ir, "U", json!(1), Options::default());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "anyOf");
    assert!(check_in(&ir, "U", json!(null), Options::default()).is_empty());
    // A generic wrapper applied twice at the same value is not a loop.
    let ir = view(vec![
        ("Id", vec!["T"], Shape::TypeParam { name: "T".into() }),
        (
            "Twice",
            vec![],
            Shape::Ref {
                name: "Id".into(),
                args: vec![Shape::Ref {
                    name: "Id".into(),
                    args: vec![string()],
                }],
            },
        ),
    ]);
    assert!(check_in(&ir, "Twice", json!("s"), Options::default()).is_empty());
    assert_eq!(
        check_in(&ir, "Twice", json!(1), Options::default())[0].1,
        "type"
    );
}

#[test]
fn unsupported_patterns_fail_the_build() {
    let ir = view(vec![(
        "P",
        vec![],
        Shape::String(StringRules {
            pattern: Some("(?=x)".into()),
            ..StringRules::default()
        }),
    )]);
    let err = Validator::new(&ir, Options::default()).expect_err("look-ahead is refused");
    assert!(err.to_string().contains("look-around"), "{err}");
    // A shape outside the view is compiled on the spot; a bad pattern there is a problem.
    let ok_ir = view(vec![]);
    let v = Validator::new(&ok_ir, Options::default()).expect("builds");
    let shape = Shape::String(StringRules {
        pattern: Some(r"(a)\1".into()),
        ..StringRules::default()
    });
    let found = v.validate_shape(&shape, &json!("aa"));
    assert_eq!(found.len(), 1);
    assert!(
        found[0].message.contains("back-reference"),
        "{}",
        found[0].message
    );
}

#[test]
fn problems_display_and_serialize() {
    let p = Problem {
        pointer: "/a~1b".into(),
        keyword: "enum",
        message: "m".into(),
        severity: Severity::Warning,
    };
    assert_eq!(p.to_string(), "/a~1b: warning: m");
    let root = Problem {
        pointer: String::new(),
        ..p.clone()
    };
    assert_eq!(root.to_string(), "/: warning: m");
    assert_eq!(
        serde_json::to_value(&p).expect("serializes"),
        json!({"pointer": "/a~1b", "keyword": "enum", "message": "m", "severity": "warning"})
    );
}

#[test]
fn validator_is_shareable_across_threads() {
    fn sync<T: Sync + Send>() {}
    sync::<Validator<'static>>();
}
