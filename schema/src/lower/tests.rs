//! Lowering tests: one per diagnostic (message, pointer, line), plus the shapes the rules produce.
//! Fixture `$defs` start on line 3 (see `test_util::types_doc`).

use crate::ir::{Shape, UnknownFields};
use crate::test_util::{api_doc, assert_one, diagnostics, types_diagnostics, types_doc};

fn lowered(defs: &str) -> crate::ir::Contract {
    match crate::compile_str("a.json", &api_doc(""), "t.json", &types_doc(defs)) {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    }
}

const WIDGET: &str = r##"{"id": "widget", "title": "W", "entry": "e", "style": "promise","##;
const EMBEDDED: &str = r##"{"id": "embedded", "title": "E", "entry": "e", "style": "callback","##;

// ---- shapes -------------------------------------------------------------------------------

#[test]
fn nullable_type_lists_and_null_branches() {
    let c = lowered(
        r##""A": {"type": ["string", "null"]},
"B": {"anyOf": [{"$ref": "#/$defs/A"}, {"type": "null"}]},
"C": {"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]}"##,
    );
    assert!(
        matches!(&c.types["A"].shape, Shape::Nullable { inner } if matches!(inner.as_ref(), Shape::String(_)))
    );
    assert!(
        matches!(&c.types["B"].shape, Shape::Nullable { inner } if matches!(inner.as_ref(), Shape::Ref { .. }))
    );
    assert!(
        matches!(&c.types["C"].shape, Shape::Nullable { inner } if matches!(inner.as_ref(), Shape::Union(_)))
    );
}

#[test]
fn literal_unions_flatten_to_enums_and_refs_stay_unions() {
    let c = lowered(
        r##""E": {"enum": ["x", "y"]},
"L": {"anyOf": [{"const": "a"}, {"enum": ["b", "c"], "x-since": "b"}]},
"R": {"anyOf": [{"$ref": "#/$defs/E"}, {"const": "z"}]}"##,
    );
    let Shape::Enum(e) = &c.types["L"].shape else {
        panic!("{:?}", c.types["L"].shape)
    };
    let values: Vec<_> = e
        .values
        .iter()
        .map(|v| v.value.as_str().unwrap_or(""))
        .collect();
    assert_eq!(values, ["a", "b", "c"]);
    assert_eq!(e.values[1].meta.availability.since, Some(1));
    assert_eq!(e.values[0].meta.availability.since, None);
    assert!(
        matches!(&c.types["R"].shape, Shape::Union(u) if u.variants.len() == 2 && u.tag.is_none())
    );
}

#[test]
fn all_of_flattens_and_records_the_base() {
    let c = lowered(
        r##""Base": {"type": "object", "properties": {"id": {"type": "string"}, "kind": {"type": "string"}}, "required": ["id"]},
"Derived": {"allOf": [{"$ref": "#/$defs/Base"}, {"properties": {"kind": {"const": "d"}, "extra": {"type": "number"}}, "required": ["kind"]}]}"##,
    );
    let Shape::Object(o) = &c.types["Derived"].shape else {
        panic!()
    };
    let names: Vec<_> = o
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.required))
        .collect();
    assert_eq!(names, [("id", true), ("kind", true), ("extra", false)]);
    assert!(matches!(o.fields[1].shape, Shape::Const { .. }));
    assert_eq!(o.extends, ["Base"]);
    assert_eq!(o.unknown, UnknownFields::Open);
}

#[test]
fn tagged_unions_are_detected_through_refs() {
    let c = lowered(
        r##""Ok": {"type": "object", "properties": {"success": {"const": true}, "data": {}}, "required": ["success"]},
"Err": {"type": "object", "properties": {"success": {"const": false}}, "required": ["success"], "additionalProperties": false},
"Res": {"oneOf": [{"$ref": "#/$defs/Ok"}, {"$ref": "#/$defs/Err"}]},
"Untagged": {"anyOf": [{"$ref": "#/$defs/Ok"}, {"$ref": "#/$defs/Ok"}]}"##,
    );
    let Shape::Union(u) = &c.types["Res"].shape else {
        panic!()
    };
    assert_eq!(u.tag.as_deref(), Some("success"));
    assert!(u.exclusive);
    assert_eq!(u.variants[1].tag_value, Some(serde_json::json!(false)));
    assert!(matches!(&c.types["Untagged"].shape, Shape::Union(u) if u.tag.is_none()));
    assert!(
        matches!(&c.types["Err"].shape, Shape::Object(o) if o.unknown == UnknownFields::Closed)
    );
}

#[test]
fn maps_generics_and_enum_metadata() {
    let c = lowered(
        r##""M": {"type": "object", "additionalProperties": {"type": "string"}, "propertyNames": {"pattern": "^[0-9]+$"}},
"G": {"type": "object", "x-type-params": ["T"], "properties": {"data": {"x-type-param": "T"}}},
"U": {"$ref": "#/$defs/G", "x-type-args": [{"type": "null"}]},
"N": {"enum": ["a", "b"], "x-const-name": "names", "x-enum": {"a": {"x-code": 1, "x-until": "c", "description": "A."}, "b": {"x-code": 2}}}"##,
    );
    assert!(
        matches!(&c.types["M"].shape, Shape::Map(m) if m.key_pattern.as_deref() == Some("^[0-9]+$"))
    );
    assert_eq!(c.types["G"].type_params, ["T"]);
    assert!(
        matches!(&c.types["U"].shape, Shape::Ref { name, args } if name == "G" && args == &[Shape::Null])
    );
    let Shape::Enum(e) = &c.types["N"].shape else {
        panic!()
    };
    assert_eq!(e.values[0].code, Some(1));
    assert_eq!(e.values[0].meta.availability.until, Some(2));
    assert_eq!(e.values[0].meta.description.as_deref(), Some("A."));
    assert_eq!(c.types["N"].const_name.as_deref(), Some("names"));
}

#[test]
fn type_parameter_defaults() {
    let c = lowered(
        r##""G": {"type": "object", "x-type-params": ["K", {"name": "T", "default": {"type": "array"}}], "properties": {"k": {"x-type-param": "K"}, "data": {"x-type-param": "T"}}},
"H": {"x-type-params": ["T"], "x-type-param": "T"}"##,
    );
    let g = &c.types["G"];
    assert_eq!(g.type_params, ["K", "T"]);
    assert_eq!(g.type_param_default(0), None);
    assert!(matches!(g.type_param_default(1), Some(Shape::Array(a)) if a.items == Shape::Any));
    assert_eq!(c.types["H"].type_param_defaults, [None]);
}

#[test]
fn malformed_type_parameter_entry() {
    let d = types_diagnostics("\"A\": {\"x-type-params\": [{\"name\": \"T\", \"dflt\": {}}]}");
    assert_one(
        &d,
        "a type parameter must be a name or",
        "/$defs/A/x-type-params/0",
        3,
    );
}

#[test]
fn pointers_name_the_file_and_the_place() {
    let c = lowered(r##""A": {"type": "object", "properties": {"x~y/z": {"type": "string"}}}"##);
    let Shape::Object(o) = &c.types["A"].shape else {
        panic!()
    };
    assert_eq!(c.types["A"].meta.pointer, "t.json#/$defs/A");
    assert_eq!(
        o.fields[0].meta.pointer,
        "t.json#/$defs/A/properties/x~0y~1z"
    );
}

#[test]
fn api_items_are_lowered() {
    let api = format!(
        "{WIDGET}\n\"methods\": [{{\"name\": \"m\", \"wire\": \"M\", \"since\": \"b\", \"params\": [{{\"name\": \"p\", \"optional\": true, \"schema\": {{\"$ref\": \"t.json#/$defs/A\"}}}}], \"result\": {{\"type\": \"null\"}}}}],\n\"events\": [{{\"name\": \"ON_X\", \"params\": []}}]}},\n{EMBEDDED}\n\"methods\": [{{\"name\": \"s\", \"wire\": \"S\", \"params\": [{{\"name\": \"a\", \"schema\": {{}}}}, {{\"name\": \"b\", \"schema\": {{}}}}], \"wireData\": {{\"y\": \"b\", \"x\": \"a\"}}}}]}}"
    );
    let c = crate::compile_str(
        "a.json",
        &api_doc(&api),
        "t.json",
        &types_doc(r##""A": {"type": "string"}"##),
    )
    .unwrap();
    let m = &c.apis[0].methods[0];
    assert_eq!(m.meta.availability.since, Some(1));
    assert_eq!(m.meta.pointer, "a.json#/apis/0/methods/0");
    assert!(m.params[0].optional);
    assert_eq!(
        m.params[0].shape,
        Shape::Ref {
            name: "A".into(),
            args: vec![]
        }
    );
    assert_eq!(c.apis[0].events[0].wire, "ON_X");
    assert_eq!(
        c.apis[1].methods[0].wire_data,
        Some(crate::ir::WireData::Object(vec![
            ("y".into(), "b".into()),
            ("x".into(), "a".into())
        ]))
    );
}

#[test]
fn lowering_twice_gives_equal_contracts() {
    let defs =
        r##""A": {"anyOf": [{"const": "a"}, {"$ref": "#/$defs/B"}]}, "B": {"type": "object"}"##;
    assert_eq!(lowered(defs), lowered(defs));
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let d = types_diagnostics(
        r##""A": {"type": "string", "minItems": 1},
"B": {"oneOf": [], "x-since": "z"}"##,
    );
    assert_eq!(d.len(), 3, "{}", crate::test_util::render(&d));
}

// ---- diagnostics: one test each -------------------------------------------------------------

#[test]
fn unsupported_keyword() {
    let d = types_diagnostics("\"A\": {\"type\": \"object\",\n \"patternProperties\": {}}");
    let e = assert_one(
        &d,
        "unsupported keyword `patternProperties`",
        "/$defs/A/patternProperties",
        4,
    );
    assert!(e.hint.unwrap_or_default().contains("subset"));
}

#[test]
fn unknown_annotation() {
    let d = types_diagnostics("\"A\": {\"x-sinse\": \"b\"}");
    let e = assert_one(&d, "unsupported keyword `x-sinse`", "/$defs/A/x-sinse", 3);
    assert!(e.hint.unwrap_or_default().contains("x-since"));
}

#[test]
fn def_only_keyword_elsewhere() {
    let d = types_diagnostics(
        "\"A\": {\"type\": \"object\", \"properties\": {\"p\": {\"x-const-name\": \"k\"}}}",
    );
    assert_one(
        &d,
        "unsupported keyword `x-const-name`",
        "/$defs/A/properties/p/x-const-name",
        3,
    );
}

#[test]
fn version_range_without_effect() {
    let d = types_diagnostics(
        "\"A\": {\"type\": \"array\", \"items\": {\"type\": \"string\", \"x-since\": \"b\"}}",
    );
    assert_one(
        &d,
        "`x-since` has no effect here",
        "/$defs/A/items/x-since",
        3,
    );
}

#[test]
fn unknown_version() {
    let d = types_diagnostics("\"A\": {\"type\": \"string\",\n\"x-until\": \"9.9\"}");
    let e = assert_one(&d, "unknown version `9.9`", "/$defs/A/x-until", 4);
    assert_eq!(e.hint.as_deref(), Some("known versions: a, b, c"));
}

#[test]
fn version_not_a_string() {
    let d = types_diagnostics("\"A\": {\"x-since\": 2}");
    assert_one(&d, "a version must be a string", "/$defs/A/x-since", 3);
}

#[test]
fn false_schema() {
    let d = types_diagnostics("\"A\": false");
    assert_one(&d, "the `false` schema is not supported", "/$defs/A", 3);
}

#[test]
fn schema_of_wrong_json_type() {
    let d = types_diagnostics("\"A\": {\"type\": \"array\", \"items\": 3}");
    assert_one(
        &d,
        "a schema must be an object or `true`",
        "/$defs/A/items",
        3,
    );
}

#[test]
fn unknown_type_parameter() {
    let d = types_diagnostics(
        "\"A\": {\"x-type-params\": [\"T\"], \"type\": \"array\", \"items\": {\"x-type-param\": \"U\"}}",
    );
    assert_one(
        &d,
        "unknown type parameter `U`",
        "/$defs/A/items/x-type-param",
        3,
    );
}

#[test]
fn malformed_type_params() {
    let d = types_diagnostics("\"A\": {\"x-type-params\": \"T\"}");
    assert_one(
        &d,
        "`x-type-params` must be an array of names",
        "/$defs/A/x-type-params",
        3,
    );
}

#[test]
fn const_name_not_a_string() {
    let d = types_diagnostics("\"A\": {\"enum\": [\"a\"], \"x-const-name\": 1}");
    assert_one(
        &d,
        "`x-const-name` must be a string",
        "/$defs/A/x-const-name",
        3,
    );
}

#[test]
fn external_ref() {
    let d = types_diagnostics("\"A\": {\"$ref\": \"other.json#/$defs/B\"}");
    let e = assert_one(
        &d,
        "unsupported `$ref` `other.json#/$defs/B`",
        "/$defs/A/$ref",
        3,
    );
    assert_eq!(
        e.hint.as_deref(),
        Some("refer to a named type as `#/$defs/Name`")
    );
}

#[test]
fn api_ref_must_name_the_types_file() {
    let api = format!(
        "{WIDGET}\n\"methods\": [{{\"name\": \"m\", \"wire\": \"M\", \"result\": {{\"$ref\": \"#/$defs/A\"}}}}]}}"
    );
    let d = diagnostics(&api_doc(&api), &types_doc("\"A\": {}"));
    let e = assert_one(
        &d,
        "unsupported `$ref` `#/$defs/A`",
        "/apis/0/methods/0/result/$ref",
        7,
    );
    assert_eq!(e.file, "a.json");
    assert_eq!(
        e.hint.as_deref(),
        Some("refer to a named type as `t.json#/$defs/Name`")
    );
}

#[test]
fn type_args_without_ref() {
    let d = types_diagnostics("\"A\": {\"type\": \"object\", \"x-type-args\": []}");
    assert_one(
        &d,
        "`x-type-args` without `$ref`",
        "/$defs/A/x-type-args",
        3,
    );
}

#[test]
fn ref_with_constraints() {
    let d = types_diagnostics(
        "\"A\": {\"$ref\": \"#/$defs/B\", \"minLength\": 1},\n\"B\": {\"type\": \"string\"}",
    );
    let e = assert_one(
        &d,
        "`minLength` cannot be combined with `$ref`",
        "/$defs/A/minLength",
        3,
    );
    assert!(e.hint.unwrap_or_default().contains("allOf"));
}

#[test]
fn all_of_non_object_part() {
    let d = types_diagnostics(
        "\"A\": {\"allOf\": [{\"$ref\": \"#/$defs/S\"}]},\n\"S\": {\"type\": \"string\"}",
    );
    assert_one(
        &d,
        "`allOf` part `S` is not an object type",
        "/$defs/A/allOf/0",
        3,
    );
}

#[test]
fn all_of_cycle() {
    let d = types_diagnostics(
        "\"A\": {\"allOf\": [{\"$ref\": \"#/$defs/B\"}]},\n\"B\": {\"allOf\": [{\"$ref\": \"#/$defs/A\"}]}",
    );
    assert_one(&d, "`allOf` cycle: A -> B -> A", "/$defs/B/allOf/0", 4);
}

#[test]
fn all_of_unknown_type() {
    let d = types_diagnostics("\"A\": {\"allOf\": [{\"$ref\": \"#/$defs/Nope\"}]}");
    assert_one(&d, "unknown type `Nope`", "/$defs/A/allOf/0", 3);
}

#[test]
fn all_of_inline_part_with_other_keywords() {
    let d = types_diagnostics("\"A\": {\"allOf\": [{\"type\": \"object\", \"items\": {}}]}");
    assert_one(
        &d,
        "`items` is not allowed in an inline `allOf` part",
        "/$defs/A/allOf/0/items",
        3,
    );
}

#[test]
fn any_of_with_one_of() {
    let d = types_diagnostics("\"A\": {\"anyOf\": [{}], \"oneOf\": [{}]}");
    assert_one(&d, "`anyOf` and `oneOf` together", "/$defs/A/oneOf", 3);
}

#[test]
fn union_with_siblings() {
    let d = types_diagnostics(
        "\"A\": {\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"number\"}], \"minimum\": 1}",
    );
    assert_one(
        &d,
        "`minimum` cannot be combined with `anyOf`",
        "/$defs/A/minimum",
        3,
    );
}

#[test]
fn empty_union() {
    let d = types_diagnostics("\"A\": {\"oneOf\": []}");
    assert_one(&d, "a union must be a non-empty array", "/$defs/A/oneOf", 3);
}

#[test]
fn x_enum_without_enum() {
    let d = types_diagnostics("\"A\": {\"type\": \"string\", \"x-enum\": {}}");
    assert_one(&d, "`x-enum` without `enum`", "/$defs/A/x-enum", 3);
}

#[test]
fn x_enum_names_a_missing_value() {
    let d = types_diagnostics("\"A\": {\"enum\": [\"a\"],\n\"x-enum\": {\"b\": {}}}");
    assert_one(
        &d,
        "`x-enum` describes `b`, which is not in `enum`",
        "/$defs/A/x-enum/b",
        4,
    );
}

#[test]
fn x_code_not_an_integer() {
    let d =
        types_diagnostics("\"A\": {\"enum\": [\"a\"], \"x-enum\": {\"a\": {\"x-code\": \"13\"}}}");
    assert_one(
        &d,
        "`x-code` must be an integer",
        "/$defs/A/x-enum/a/x-code",
        3,
    );
}

#[test]
fn unknown_key_in_x_enum_entry() {
    let d =
        types_diagnostics("\"A\": {\"enum\": [\"a\"], \"x-enum\": {\"a\": {\"title\": \"t\"}}}");
    assert_one(
        &d,
        "unsupported key `title` in an `x-enum` entry",
        "/$defs/A/x-enum/a/title",
        3,
    );
}

#[test]
fn enum_value_of_another_type() {
    let d = types_diagnostics("\"A\": {\"type\": \"string\", \"enum\": [\"a\", 1]}");
    assert_one(
        &d,
        "enum value 1 is not of type string",
        "/$defs/A/enum/1",
        3,
    );
}

#[test]
fn empty_enum() {
    let d = types_diagnostics("\"A\": {\"enum\": []}");
    assert_one(&d, "`enum` must be a non-empty array", "/$defs/A/enum", 3);
}

#[test]
fn keyword_for_another_type() {
    let d = types_diagnostics("\"A\": {\"type\": \"string\", \"minItems\": 1}");
    assert_one(
        &d,
        "`minItems` does not apply to type string",
        "/$defs/A/minItems",
        3,
    );
}

#[test]
fn unknown_type_name() {
    let d = types_diagnostics("\"A\": {\"type\": \"int\"}");
    assert_one(&d, "unknown type `int`", "/$defs/A/type", 3);
}

#[test]
fn keywords_of_several_types() {
    let d = types_diagnostics("\"A\": {\"minLength\": 1, \"minItems\": 1}");
    assert_one(
        &d,
        "keywords of several types (array, string) without `type`",
        "/$defs/A",
        3,
    );
}

#[test]
fn map_with_properties() {
    let d = types_diagnostics(
        "\"A\": {\"type\": \"object\", \"properties\": {}, \"additionalProperties\": {\"type\": \"string\"}}",
    );
    assert_one(
        &d,
        "both `properties` and an `additionalProperties` schema",
        "/$defs/A/additionalProperties",
        3,
    );
}

#[test]
fn property_names_without_map() {
    let d =
        types_diagnostics("\"A\": {\"type\": \"object\", \"propertyNames\": {\"pattern\": \"x\"}}");
    assert_one(
        &d,
        "`propertyNames` is supported only on a map",
        "/$defs/A/propertyNames",
        3,
    );
}

#[test]
fn property_names_beyond_pattern() {
    let d = types_diagnostics(
        "\"A\": {\"additionalProperties\": {}, \"propertyNames\": {\"maxLength\": 3}}",
    );
    assert_one(
        &d,
        "`propertyNames` supports only `pattern`",
        "/$defs/A/propertyNames",
        3,
    );
}

#[test]
fn required_names_a_missing_property() {
    let d = types_diagnostics(
        "\"A\": {\"type\": \"object\", \"properties\": {\"a\": {}},\n\"required\": [\"a\", \"b\"]}",
    );
    assert_one(
        &d,
        "`required` names `b`, which is not a property",
        "/$defs/A/required/1",
        4,
    );
}

#[test]
fn required_listed_twice() {
    let d = types_diagnostics("\"A\": {\"properties\": {\"a\": {}}, \"required\": [\"a\", \"a\"]}");
    assert_one(
        &d,
        "`a` is listed twice in `required`",
        "/$defs/A/required/1",
        3,
    );
}

#[test]
fn malformed_notes() {
    let d = types_diagnostics("\"A\": {\"x-notes\": [{\"kind\": \"rumour\", \"text\": \"t\"}]}");
    assert_one(&d, "malformed `x-notes`", "/$defs/A/x-notes", 3);
}

#[test]
fn unknown_source() {
    let d = types_diagnostics("\"A\": {\"x-source\": \"blog\"}");
    assert_one(&d, "unknown `x-source` \"blog\"", "/$defs/A/x-source", 3);
}

#[test]
fn bad_number_bound() {
    let d = types_diagnostics("\"A\": {\"type\": \"integer\", \"minimum\": \"0\"}");
    assert_one(&d, "`minimum` must be a number", "/$defs/A/minimum", 3);
}

#[test]
fn bad_length() {
    let d = types_diagnostics("\"A\": {\"type\": \"string\", \"maxLength\": -1}");
    assert_one(
        &d,
        "`maxLength` must be a non-negative integer",
        "/$defs/A/maxLength",
        3,
    );
}

#[test]
fn types_root_keyword() {
    let d = diagnostics(&api_doc(""), "{\"$defs\": {},\n\"definitions\": {}}");
    assert_one(
        &d,
        "unsupported keyword `definitions` at the root of the types file",
        "/definitions",
        2,
    );
}

#[test]
fn duplicate_version() {
    let api = api_doc("").replace("\"id\": \"c\"", "\"id\": \"a\"");
    let d = diagnostics(&api, &types_doc(""));
    assert_one(&d, "version `a` is listed twice", "/versions/2/id", 4);
}

#[test]
fn api_described_twice() {
    let api = format!("{WIDGET} \"methods\": []}},\n{WIDGET} \"methods\": []}}");
    let d = diagnostics(&api_doc(&api), &types_doc(""));
    assert_one(&d, "is described twice", "/apis/1/id", 7);
}

#[test]
fn wire_data_names_a_missing_parameter() {
    let api = format!(
        "{EMBEDDED}\n\"methods\": [{{\"name\": \"s\", \"wire\": \"S\", \"params\": [], \"wireData\": \"item\"}}]}}"
    );
    let d = diagnostics(&api_doc(&api), &types_doc(""));
    assert_one(
        &d,
        "`wireData` names parameter `item`",
        "/apis/0/methods/0/wireData",
        7,
    );
}

/// One embedded method on line 7 with the given `wireData` / `wireDataIn` JSON members.
fn embedded_method(wire_members: &str) -> String {
    api_doc(&format!(
        "{EMBEDDED}\n\"methods\": [{{\"name\": \"s\", \"wire\": \"S\", \"params\": [{{\"name\": \"a\", \"schema\": {{}}}}, {{\"name\": \"b\", \"schema\": {{}}}}], {wire_members}}}]}}"
    ))
}

#[test]
fn wire_data_in_says_where_the_keys_travel() {
    let lower = |members: &str| match crate::compile_str(
        "a.json",
        &embedded_method(members),
        "t.json",
        &types_doc(""),
    ) {
        Ok(c) => c.apis[0].methods[0].wire_data.clone(),
        Err(e) => panic!("{e}"),
    };
    let pairs = vec![
        ("y".to_owned(), "b".to_owned()),
        ("x".to_owned(), "a".to_owned()),
    ];
    assert_eq!(
        lower(r#""wireData": {"y": "b", "x": "a"}, "wireDataIn": "message""#),
        Some(crate::ir::WireData::Message(pairs.clone()))
    );
    assert_eq!(
        lower(r#""wireData": {"y": "b", "x": "a"}, "wireDataIn": "data""#),
        Some(crate::ir::WireData::Object(pairs.clone()))
    );
    assert_eq!(
        lower(r#""wireData": {"y": "b", "x": "a"}"#),
        Some(crate::ir::WireData::Object(pairs))
    );
}

#[test]
fn wire_data_in_message_needs_an_object() {
    let d = diagnostics(
        &embedded_method(r#""wireData": "a", "wireDataIn": "message""#),
        &types_doc(""),
    );
    let e = assert_one(
        &d,
        "`wireDataIn: \"message\"` needs an object `wireData`",
        "/apis/0/methods/0/wireDataIn",
        7,
    );
    assert!(e.hint.is_some(), "{e}");
}

#[test]
fn wire_data_in_without_wire_data() {
    let d = diagnostics(
        &embedded_method(r#""wireDataIn": "message""#),
        &types_doc(""),
    );
    assert_one(
        &d,
        "`wireDataIn` without `wireData` on `s`",
        "/apis/0/methods/0/wireDataIn",
        7,
    );
}

#[test]
fn top_level_keys_keep_clear_of_the_envelope() {
    let d = diagnostics(
        &embedded_method(
            r#""wireData": {"item_id": "a", "request_id": "b"}, "wireDataIn": "message""#,
        ),
        &types_doc(""),
    );
    assert_one(
        &d,
        "top-level key `request_id` is a key of the message envelope",
        "/apis/0/methods/0/wireData/request_id",
        7,
    );
    // Inside `data` the same key is harmless.
    let d = diagnostics(
        &embedded_method(r#""wireData": {"item_id": "a", "request_id": "b"}"#),
        &types_doc(""),
    );
    assert!(d.is_empty(), "{}", crate::test_util::render(&d));
}

#[test]
fn promise_method_without_wire() {
    let api =
        format!("{WIDGET}\n\"methods\": [{{\"name\": \"m\", \"wire\": \"\", \"params\": []}}]}}");
    let d = diagnostics(&api_doc(&api), &types_doc(""));
    assert_one(
        &d,
        "method `m` has an empty `wire`",
        "/apis/0/methods/0/wire",
        7,
    );
    // API B's `init` sends no message: an empty `wire` is how that is said.
    let api = format!(
        "{EMBEDDED}\n\"methods\": [{{\"name\": \"init\", \"wire\": \"\", \"params\": []}}]}}"
    );
    let c = crate::compile_str("a.json", &api_doc(&api), "t.json", &types_doc("")).unwrap();
    assert!(!c.apis[0].methods[0].sends_message());
}

#[test]
fn constants_are_lowered_with_role_and_range() {
    let api = format!(
        "{WIDGET}\n\"constants\": [{{\"name\": \"old\", \"value\": \"_R\", \"role\": \"responseSuffix\", \"until\": \"b\"}}, {{\"name\": \"NEW\", \"value\": \"_R\", \"role\": \"responseSuffix\", \"since\": \"b\", \"description\": \"d\"}}, {{\"name\": \"plain\", \"value\": \"v\"}}]}}"
    );
    let c = crate::compile_str("a.json", &api_doc(&api), "t.json", &types_doc("")).unwrap();
    let cs = &c.apis[0].constants;
    assert_eq!(cs.len(), 3);
    assert_eq!(cs[0].name, "old");
    assert_eq!(cs[0].role, Some(crate::ir::ConstantRole::ResponseSuffix));
    assert_eq!(cs[0].meta.availability.until, Some(1));
    assert_eq!(cs[1].meta.availability.since, Some(1));
    assert_eq!(cs[1].meta.description.as_deref(), Some("d"));
    assert_eq!(cs[1].meta.pointer, "a.json#/apis/0/constants/1");
    assert_eq!((cs[2].role, cs[2].value.as_str()), (None, "v"));
}

#[test]
fn properties_are_lowered_with_dom_type_and_range() {
    let api = format!(
        "{WIDGET}\n\"properties\": [{{\"name\": \"frame\", \"domType\": \"HTMLIFrameElement\", \"nullable\": true, \"until\": \"b\", \"description\": \"d\"}}]}}"
    );
    let c = crate::compile_str("a.json", &api_doc(&api), "t.json", &types_doc("")).unwrap();
    let p = &c.apis[0].properties[0];
    assert_eq!(
        (p.name.as_str(), p.dom_type.as_str(), p.nullable),
        ("frame", "HTMLIFrameElement", true)
    );
    assert_eq!(p.meta.availability.until, Some(1));
    assert_eq!(p.meta.pointer, "a.json#/apis/0/properties/0");
    let late = c.view("b").unwrap();
    assert!(late.apis[0].properties.is_empty(), "gone from `b` on");
}

#[test]
fn property_named_like_a_method() {
    let api = format!(
        "{WIDGET}\n\"methods\": [{{\"name\": \"m\", \"wire\": \"M\"}}], \"properties\": [{{\"name\": \"m\", \"domType\": \"HTMLElement\"}}]}}"
    );
    let d = diagnostics(&api_doc(&api), &types_doc(""));
    assert_one(
        &d,
        "API member `m` is described twice",
        "/apis/0/properties/0/name",
        7,
    );
}

#[test]
fn property_with_bad_names() {
    let api = format!(
        "{WIDGET}\n\"properties\": [{{\"name\": \"a-b\", \"domType\": \"HTMLIFrameElement\"}}, {{\"name\": \"f\", \"domType\": \"HTML Element\"}}]}}"
    );
    let d = diagnostics(&api_doc(&api), &types_doc(""));
    let text = crate::test_util::render(&d);
    let errors = d
        .iter()
        .filter(|x| x.severity == crate::diag::Severity::Error)
        .count();
    assert_eq!(errors, 2, "{text}");
    assert!(
        text.contains("property name `a-b` is not a JavaScript identifier"),
        "{text}"
    );
    assert!(
        text.contains("`HTML Element` is not the name of a DOM interface"),
        "{text}"
    );
    assert!(text.contains("/apis/0/properties/1/domType"), "{text}");
}

#[test]
fn empty_response_suffix() {
    let api = format!(
        "{WIDGET}\n\"constants\": [{{\"name\": \"S\", \"value\": \"\", \"role\": \"responseSuffix\"}}]}}"
    );
    let d = diagnostics(&api_doc(&api), &types_doc(""));
    assert_one(
        &d,
        "the `responseSuffix` constant is empty",
        "/apis/0/constants/0/value",
        7,
    );
}

#[test]
fn callback_event_without_wire() {
    let api = format!("{EMBEDDED}\n\"events\": [{{\"name\": \"onX\"}}]}}");
    let d = diagnostics(&api_doc(&api), &types_doc(""));
    assert_one(
        &d,
        "event `onX` of a callback API has no `wire`",
        "/apis/0/events/0",
        7,
    );
}

#[test]
fn duplicate_parameter() {
    let api = format!(
        "{WIDGET}\n\"methods\": [{{\"name\": \"m\", \"wire\": \"M\", \"params\": [{{\"name\": \"p\", \"schema\": {{}}}}, {{\"name\": \"p\", \"schema\": {{}}}}]}}]}}"
    );
    let d = diagnostics(&api_doc(&api), &types_doc(""));
    assert_one(
        &d,
        "parameter `p` is declared twice",
        "/apis/0/methods/0/params/1/name",
        7,
    );
}

#[test]
fn unknown_api_version() {
    let api = format!(
        "{WIDGET}\n\"methods\": [{{\"name\": \"m\", \"wire\": \"M\", \"until\": \"d\"}}]}}"
    );
    let d = diagnostics(&api_doc(&api), &types_doc(""));
    assert_one(&d, "unknown version `d`", "/apis/0/methods/0/until", 7);
}

#[test]
fn standalone_root_name_is_reserved() {
    let e = crate::compile_standalone(&serde_json::json!({"$defs": {"Root": {}}})).unwrap_err();
    assert_eq!(e.0.len(), 1, "{e}");
    assert!(e.0[0].message.contains("`Root` names the root schema"));
    assert_eq!(e.0[0].pointer, "/$defs/Root");
    assert_eq!(e.0[0].position.map(|p| p.line), Some(3));
}

#[test]
fn standalone_schema_compiles() {
    let ir = crate::compile_standalone(&serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {"next": {"$ref": "#"}, "leaf": {"$ref": "#/$defs/Leaf"}},
        "$defs": {"Leaf": {"type": "integer", "minimum": 0}}
    }))
    .unwrap();
    assert_eq!(ir.version.id, "standalone");
    assert_eq!(ir.types.keys().collect::<Vec<_>>(), ["Leaf", "Root"]);
    let Shape::Object(o) = &ir.types["Root"].shape else {
        panic!()
    };
    assert_eq!(
        o.fields[0].shape,
        Shape::Ref {
            name: "Root".into(),
            args: vec![]
        }
    );
}

/// The remaining malformed-value diagnostics, one row each: (`$defs` body, message, pointer).
/// Every fixture is one line, so every diagnostic is on line 3.
#[test]
fn malformed_values() {
    let rows: &[(&str, &str, &str)] = &[
        (
            r#""A": {"enum": ["a"], "x-enum": []}"#,
            "`x-enum` must be an object",
            "/$defs/A/x-enum",
        ),
        (
            r#""A": {"enum": ["a"], "x-enum": {"a": 1}}"#,
            "an `x-enum` entry must be an object",
            "/$defs/A/x-enum/a",
        ),
        (
            r#""A": {"description": 5}"#,
            "`description` must be a string",
            "/$defs/A/description",
        ),
        (
            r#""A": {"deprecated": "yes"}"#,
            "`deprecated` must be a boolean",
            "/$defs/A/deprecated",
        ),
        (
            r#""A": {"$ref": 5}"#,
            "`$ref` must be a string",
            "/$defs/A/$ref",
        ),
        (
            r#""A": {"$ref": "x", "x-type-args": {}}"#,
            "unsupported `$ref` `x`",
            "/$defs/A/$ref",
        ),
        (
            r#""A": {"allOf": []}"#,
            "`allOf` must be a non-empty array",
            "/$defs/A/allOf",
        ),
        (
            r#""A": {"allOf": [3]}"#,
            "an `allOf` part must be an object schema",
            "/$defs/A/allOf/0",
        ),
        (
            r#""A": {"allOf": [{"properties": {}}], "type": "string"}"#,
            "an `allOf` of objects cannot have type \"string\"",
            "/$defs/A/type",
        ),
        (
            r#""A": {"allOf": [{"type": "array"}]}"#,
            "an `allOf` part must be an object, not \"array\"",
            "/$defs/A/allOf/0/type",
        ),
        (
            r#""A": {"x-type-params": ["T"], "properties": {"d": {"x-type-param": 1}}}"#,
            "`x-type-param` must be a parameter name",
            "/$defs/A/properties/d/x-type-param",
        ),
        (
            r#""A": {"x-type-params": ["T", "T"]}"#,
            "a type parameter is listed twice",
            "/$defs/A/x-type-params",
        ),
        (
            r#""A": {"type": 7}"#,
            "`type` must be a type name or a non-empty array of names",
            "/$defs/A/type",
        ),
        (
            r#""A": {"type": "object", "properties": []}"#,
            "`properties` must be an object",
            "/$defs/A/properties",
        ),
        (
            r#""A": {"type": "object", "required": "a"}"#,
            "`required` must be an array of property names",
            "/$defs/A/required",
        ),
        (
            r#""A": {"type": "object", "required": [1]}"#,
            "`required` must list property names",
            "/$defs/A/required/0",
        ),
        (
            r#""A": {"additionalProperties": {}, "required": ["a"]}"#,
            "`required` on a map",
            "/$defs/A/required",
        ),
        (
            r#""A": {"type": "string", "pattern": 1}"#,
            "`pattern` must be a string",
            "/$defs/A/pattern",
        ),
        (
            r##""A": {"$ref": "#/$defs/B", "x-type-args": 1}, "B": {}"##,
            "`x-type-args` must be an array of schemas",
            "/$defs/A/x-type-args",
        ),
    ];
    for (defs, message, pointer) in rows {
        let d = types_diagnostics(defs);
        assert_one(&d, message, pointer, 3);
    }
}

#[test]
fn generic_base_in_all_of() {
    let d = types_diagnostics(
        r##""G": {"x-type-params": ["T"], "type": "object"}, "A": {"allOf": [{"$ref": "#/$defs/G", "x-type-args": [{}]}]}"##,
    );
    assert_one(
        &d,
        "a generic type cannot be extended through `allOf`",
        "/$defs/A/allOf/0",
        3,
    );
}

#[test]
fn types_document_shape() {
    let d = diagnostics(&api_doc(""), "[]");
    assert_one(&d, "the types document must be a JSON object", "", 1);
    let d = diagnostics(&api_doc(""), "{\"$defs\": []}");
    assert_one(&d, "`$defs` must be an object", "/$defs", 1);
}

#[test]
fn no_versions() {
    let api = api_doc("").replace(
        r#"[{"id": "a", "label": "A"}, {"id": "b", "label": "B"}, {"id": "c", "label": "C"}]"#,
        "[]",
    );
    let d = diagnostics(&api, &types_doc(""));
    assert_one(&d, "no versions listed", "/versions", 4);
}

#[test]
fn standalone_implied_type_constrains_only_that_type() {
    let ir = crate::compile_standalone(&serde_json::json!({"minLength": 2})).unwrap();
    let Shape::Union(u) = &ir.types["Root"].shape else {
        panic!("{:?}", ir.types["Root"].shape)
    };
    assert_eq!(u.variants.len(), 6);
    assert!(matches!(&u.variants[0].shape, Shape::String(r) if r.min_length == Some(2)));
    assert!(
        u.variants
            .iter()
            .any(|v| matches!(v.shape, Shape::Number(_)))
    );
    // The canonical documents state `type`; there an implied type is taken as the type.
    let c = lowered(r#""A": {"minLength": 2}"#);
    assert!(matches!(&c.types["A"].shape, Shape::String(_)));
}

/// A plain types document lowers under the types file's rules: one version, no API, every
/// `$defs` entry a type; what the IR cannot express is reported, each problem with a hint.
#[test]
fn plain_types_documents() {
    let src = r##"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$defs": {
    "Tier": {"enum": ["a", "b"]},
    "C": {"type": "object", "properties": {"tier": {"$ref": "#/$defs/Tier"}}, "required": ["tier"]}
  }
}"##;
    let c = crate::compile_plain_str("crm.schema.json", src).unwrap();
    assert_eq!(c.versions.len(), 1);
    assert_eq!(
        c.latest().map(|v| v.id.as_str()),
        Some(super::PLAIN_VERSION)
    );
    assert!(c.apis.is_empty());
    assert_eq!(c.types.keys().collect::<Vec<_>>(), ["C", "Tier"]);

    let bad = r##"{
  "type": "object",
  "definitions": {},
  "$defs": {"A": {"type": "object", "patternProperties": {"^x": {}}}}
}"##;
    let errs = crate::compile_plain_str("bad.json", bad)
        .unwrap_err()
        .to_string();
    assert!(errs.contains("bad.json:2:11: /type: error: unsupported keyword `type` at the root of a types document (hint: every `$defs` entry becomes a type"), "{errs}");
    assert!(
        errs.contains("/definitions: error:") && errs.contains("the 2020-12 name of `definitions`"),
        "{errs}"
    );
    assert!(
        errs.contains("/$defs/A/patternProperties: error: unsupported keyword"),
        "{errs}"
    );

    let empty = crate::compile_plain_str("e.json", "{}")
        .unwrap_err()
        .to_string();
    assert!(empty.contains("defines no types"), "{empty}");
}
