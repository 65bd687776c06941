//! Deep nesting stays bounded in the compiled validators: a value nested far past the depth
//! limit (through a recursive type) gets the Rust validator's `$ref` problem, at the same
//! pointer, instead of a stack overflow; values within the limit are checked all the way down.
//! Nested checkers are inlined, each with its depth check; here too the one type test of a
//! nullable value (`… or null`), before the checks it guards.

use adcontract_schema::ir::{
    ArrayShape, Field, MapShape, Meta, NumberRules, ObjectShape, Shape, StringRules, TypeDef,
    UnknownFields,
};
use adcontract_schema::validate::{Options, Validator};
use serde_json::{Value, json};

use super::common::{self, node, package, run, write_package};

/// `Nest = { next?: Nest | null, n?: integer }`, added to the minimal fixture.
fn ir_with_nest() -> adcontract_schema::ir::Ir {
    let mut ir = common::fixture("minimal");
    let field = |name: &str, shape: Shape| Field {
        name: name.into(),
        required: false,
        shape,
        meta: Meta::default(),
    };
    let shape = Shape::Object(ObjectShape {
        fields: vec![
            field(
                "next",
                Shape::Nullable {
                    inner: Box::new(Shape::Ref {
                        name: "Nest".into(),
                        args: vec![],
                    }),
                },
            ),
            field("n", Shape::Integer(Default::default())),
        ],
        unknown: UnknownFields::Open,
        extends: vec![],
    });
    ir.types.insert("Nest".into(), def("Nest", shape));
    ir
}

/// A plain, non-generic type definition.
fn def(name: &str, shape: Shape) -> TypeDef {
    TypeDef {
        name: name.into(),
        meta: Meta::default(),
        type_params: vec![],
        type_param_defaults: vec![],
        const_name: None,
        const_widened: false,
        shape,
    }
}

/// `{"next": {"next": … {"n": leaf}}}`, `levels` deep.
fn nested(levels: usize, leaf: Value) -> Value {
    let mut v = json!({ "n": leaf });
    for _ in 0..levels {
        v = json!({ "next": v });
    }
    v
}

/// The minimal fixture with a chain of `n` distinct types, none recursive: `Chain0 = { next?:
/// Chain1 }` (or `Chain1 | null` when `nullable`), …, and the last `{ n?: integer }`. A value
/// can follow it `n` levels deep.
fn ir_with_chain(n: usize, nullable: bool) -> adcontract_schema::ir::Ir {
    let mut ir = common::fixture("minimal");
    for i in 0..n {
        let (name, shape) = if i + 1 < n {
            let next = Shape::Ref {
                name: format!("Chain{}", i + 1),
                args: vec![],
            };
            let next = if nullable {
                Shape::Nullable {
                    inner: Box::new(next),
                }
            } else {
                next
            };
            ("next", next)
        } else {
            ("n", Shape::Integer(Default::default()))
        };
        let object = Shape::Object(ObjectShape {
            fields: vec![Field {
                name: name.into(),
                required: false,
                shape,
                meta: Meta::default(),
            }],
            unknown: UnknownFields::Open,
            extends: vec![],
        });
        ir.types
            .insert(format!("Chain{i}"), def(&format!("Chain{i}"), object));
    }
    ir
}

type Row = (String, String, String, String);

#[test]
fn nesting_past_the_limit_is_a_problem_not_a_stack_overflow() {
    let ir = ir_with_nest();
    let values = || {
        vec![
            nested(200, json!(1)),
            nested(200, json!("x")),
            nested(400, json!(1)),
            nested(1500, json!(1)),
        ]
    };
    let ts = same_problems(&ir, "Nest", values);
    assert!(
        ts[0].is_empty(),
        "200 levels are within the limit: {:?}",
        ts[0]
    );
    assert_eq!(ts[1].len(), 1);
    assert_eq!(ts[1][0].1, "type");
    for deep in &ts[2..] {
        assert_eq!(deep.len(), 1, "{deep:?}");
        assert_eq!(deep[0].1, "$ref");
        assert!(
            deep[0].3.contains("nests more than 1024 levels"),
            "{deep:?}"
        );
    }
}

/// The checkers leave out the depth checks of types no value can reach past the limit (no
/// recursion reaches them); a chain of distinct types longer than the limit must keep them
/// where they can fire, and report the limit where the Rust checker does.
#[test]
fn a_chain_of_distinct_types_past_the_limit_keeps_its_depth_checks() {
    // Linked directly, and through nullable references (type-tested once, `… or null`).
    for nullable in [false, true] {
        let ir = ir_with_chain(1100, nullable);
        let values = || {
            vec![
                nested(1099, json!(1)),
                nested(1099, json!("x")),
                nested(100, json!(1)),
                json!({ "next": { "next": null } }),
                json!({ "next": { "next": 3 } }),
            ]
        };
        let ts = same_problems(&ir, "Chain0", values);
        for deep in &ts[..2] {
            assert_eq!(deep.len(), 1, "{deep:?}");
            assert_eq!(deep[0].1, "$ref");
        }
        // Within the limit, checked all the way down: level 100 declares `next`, not `n`.
        assert_eq!(ts[2].len(), 1, "{:?}", ts[2]);
        assert_eq!(ts[2][0].3, "property \"n\" is not declared");
        assert_eq!(ts[3].is_empty(), nullable, "{:?}", ts[3]);
        assert_eq!(ts[4].len(), 1, "{:?}", ts[4]);
        let expected = if nullable {
            "expected object or null; got number 3"
        } else {
            "expected object; got number 3"
        };
        assert_eq!(ts[4][0].3, expected);
        // Where nothing nests that far, the checks are proven unneeded and left out.
        let checks = |ir: &adcontract_schema::ir::Ir| {
            package(ir, "chain")["validators.js"]
                .matches("> 1024")
                .count()
        };
        assert_eq!(
            checks(&ir_with_chain(40, nullable)),
            0,
            "a short chain needs none"
        );
        assert!(checks(&ir) > 0, "a long chain keeps those that can fire");
    }
}

/// A nullable value of each JSON type is tested for its type once, worded `… or null`, and
/// then checked as its type asks (bounds, items, map values, an inlined object's fields, a
/// referenced string's pattern), with the Rust validator's problems.
#[test]
fn a_nullable_value_of_every_kind_is_type_tested_once() {
    let mut ir = ir_with_chain(2, false);
    let nullable = |shape: Shape| Shape::Nullable {
        inner: Box::new(shape),
    };
    let reference = |name: &str| Shape::Ref {
        name: name.into(),
        args: vec![],
    };
    let word = Shape::String(StringRules {
        pattern: Some("^[a-z]+$".into()),
        ..Default::default()
    });
    let fields = [
        (
            "i",
            nullable(Shape::Integer(NumberRules {
                minimum: Some(1.0),
                ..Default::default()
            })),
        ),
        ("b", nullable(Shape::Boolean)),
        (
            "a",
            nullable(Shape::Array(Box::new(ArrayShape {
                items: Shape::String(Default::default()),
                min_items: None,
                max_items: Some(2),
            }))),
        ),
        (
            "m",
            nullable(Shape::Map(Box::new(MapShape {
                values: Shape::Boolean,
                key_pattern: None,
            }))),
        ),
        ("o", nullable(reference("Chain0"))),
        ("w", nullable(reference("Word"))),
    ];
    let shape = Shape::Object(ObjectShape {
        fields: fields
            .into_iter()
            .map(|(name, shape)| Field {
                name: name.into(),
                required: false,
                shape,
                meta: Meta::default(),
            })
            .collect(),
        unknown: UnknownFields::Open,
        extends: vec![],
    });
    ir.types.insert("Word".into(), def("Word", word));
    ir.types.insert("Box".into(), def("Box", shape));
    let values = || {
        vec![
            json!({ "i": null, "b": null, "a": null, "m": null, "o": null, "w": null }),
            json!({ "i": 2, "b": true, "a": ["x"], "m": { "k": false }, "o": { "next": { "n": 1 } }, "w": "abc" }),
            json!({ "i": "2", "b": 0, "a": {}, "m": [], "o": "x", "w": 5 }),
            json!({ "i": 0, "b": false, "a": ["x", 1, "z"], "m": { "k": 1 }, "o": { "next": { "n": "x" }, "extra": 1 }, "w": "ABC" }),
            json!({ "i": 1.5 }),
        ]
    };
    let ts = same_problems(&ir, "Box", values);
    assert!(ts[0].is_empty() && ts[1].is_empty(), "{ts:?}");
    let messages: Vec<&str> = ts[2].iter().map(|p| p.3.as_str()).collect();
    assert_eq!(
        messages,
        [
            "expected integer or null; got \"2\"",
            "expected boolean or null; got number 0",
            "expected array or null; got an object",
            "expected object or null; got an array of 0 items",
            "expected object or null; got \"x\"",
            "expected string or null; got number 5",
        ]
    );
    let keywords: Vec<&str> = ts[3].iter().map(|p| p.1.as_str()).collect();
    assert_eq!(
        keywords,
        [
            "minimum",
            "maxItems",
            "type",
            "type",
            "type",
            "additionalProperties",
            "pattern"
        ],
        "{:?}",
        ts[3]
    );
    assert_eq!(ts[4].len(), 1, "{:?}", ts[4]);
    let code = &package(&ir, "nullables")["validators.js"];
    for field in ["i", "b", "a", "m", "o", "w"] {
        let tests = code
            .matches(&format!("$got(c, \"/{field}\", \"type\""))
            .count();
        assert_eq!(tests, 1, "one type test of /{field}");
    }
}

/// The problems of each of `values()` as type `name`, by the compiled validators, asserted equal
/// to the Rust validator's.
fn same_problems(
    ir: &adcontract_schema::ir::Ir,
    name: &str,
    values: impl Fn() -> Vec<Value> + Send + 'static,
) -> Vec<Vec<Row>> {
    let tmp = tempfile::tempdir().expect("tempdir");
    write_package(tmp.path(), &package(ir, "depth"));
    let input_path = tmp.path().join("cases.json");
    let package_js = tmp.path().join("index.js");
    // Deep values are built, checked by the Rust validator (which recurses once per schema
    // level), written out and dropped on a thread with room for that.
    let rust: Vec<Vec<Row>> = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn({
            let ir = ir.clone();
            let input_path = input_path.clone();
            let name = name.to_owned();
            move || {
                let values = values();
                let v = Validator::new(&ir, Options::default()).expect("validator");
                let out = values
                    .iter()
                    .map(|x| {
                        v.validate(&name, x)
                            .expect("known type")
                            .into_iter()
                            .map(|p| {
                                let sev = if p.is_error() { "error" } else { "warning" };
                                (p.pointer, p.keyword.to_owned(), sev.to_owned(), p.message)
                            })
                            .collect()
                    })
                    .collect();
                // Written as text: `json!` would copy each deep value through serde once more.
                let cases: Vec<String> = values
                    .iter()
                    .map(|v| {
                        format!(
                            "{{\"type\": \"{name}\", \"tsName\": \"{name}\", \"denyUnknown\": false, \"value\": {}}}",
                            serde_json::to_string(v).expect("json")
                        )
                    })
                    .collect();
                let package = serde_json::to_string(&package_js).expect("json");
                let input = format!("{{\"package\": {package}, \"cases\": [{}]}}", cases.join(", "));
                std::fs::write(&input_path, input).expect("write");
                out
            }
        })
        .expect("spawn")
        .join()
        .expect("the Rust validator finished");

    let mut cmd = node();
    cmd.arg(common::ts_dir().join("differential.mjs"))
        .stdin(std::fs::File::open(&input_path).expect("open"));
    let o = run(&mut cmd);
    assert!(
        o.status.success(),
        "node failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out: Vec<Value> = serde_json::from_slice(&o.stdout).expect("runner prints JSON");
    let ts: Vec<Vec<Row>> = out
        .iter()
        .map(|r| {
            r.as_array()
                .unwrap_or_else(|| panic!("the validator threw: {r}"))
                .iter()
                .map(|p| {
                    let s = |k: &str| p[k].as_str().unwrap_or_default().to_owned();
                    (s("path"), s("keyword"), s("severity"), s("message"))
                })
                .collect()
        })
        .collect();
    assert_eq!(ts, rust);
    ts
}
