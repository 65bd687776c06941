//! Every kind of schema edit maps to a rule or to a documented waiver.
//!
//! The IR is destructured below without `..`: a field added to any IR struct stops this test
//! from compiling until someone decides which rule watches it (or why none does).

use adcontract_diff::rules::{RULES, WAIVERS, rule};
use adcontract_schema::ir::{
    Api, ArrayShape, Availability, Constant, EnumValue, Event, Field, MapShape, Meta, Method,
    NumberRules, ObjectShape, Param, Property, Shape, StringRules, TypeDef, UnionShape, Variant,
};

/// (what can be edited, the rules that report it, or the waiver that explains why not).
fn edits() -> Vec<(&'static str, &'static [&'static str], Option<&'static str>)> {
    // Mention every field, so the compiler tracks new ones.
    #[allow(unused_variables, clippy::too_many_arguments)]
    fn fields(
        api: Api,
        m: Method,
        e: Event,
        p: Param,
        c: Constant,
        prop: Property,
        t: TypeDef,
        f: Field,
        v: EnumValue,
        var: Variant,
        meta: Meta,
        a: Availability,
        o: ObjectShape,
        arr: ArrayShape,
        map: MapShape,
        u: UnionShape,
        s: StringRules,
        n: NumberRules,
    ) {
        let Api {
            id,
            title,
            entry,
            style,
            meta,
            constants,
            methods,
            events,
            untyped_answer_lists,
            properties,
        } = api;
        let Property {
            name,
            dom_type,
            nullable,
            meta,
        } = prop;
        let Method {
            name,
            wire,
            params,
            result,
            wire_data,
            errors,
            meta,
        } = m;
        let Event {
            name,
            handler,
            handler_type,
            wire,
            params,
            response,
            response_optional,
            meta,
        } = e;
        let Param {
            name,
            optional,
            shape,
            meta,
        } = p;
        let Constant {
            name,
            value,
            role,
            meta,
        } = c;
        let TypeDef {
            name,
            meta,
            type_params,
            type_param_defaults,
            const_name,
            const_widened,
            shape,
        } = t;
        let Field {
            name,
            required,
            shape,
            meta,
        } = f;
        let EnumValue { value, code, meta } = v;
        let Variant {
            shape,
            tag_value,
            meta,
        } = var;
        let Meta {
            description,
            availability,
            deprecated,
            source,
            notes,
            pointer,
        } = meta;
        let Availability {
            since,
            until,
            deprecated,
        } = a;
        let ObjectShape {
            fields,
            unknown,
            extends,
        } = o;
        let ArrayShape {
            items,
            min_items,
            max_items,
        } = arr;
        let MapShape {
            values,
            key_pattern,
        } = map;
        let UnionShape {
            variants,
            tag,
            exclusive,
        } = u;
        let StringRules {
            min_length,
            max_length,
            pattern,
            format,
            personal,
        } = s;
        let NumberRules {
            minimum,
            maximum,
            exclusive_minimum,
            exclusive_maximum,
        } = n;
    }
    let _ = fields;
    let shape_kinds = |s: &Shape| match s {
        Shape::Any
        | Shape::Null
        | Shape::Boolean
        | Shape::Integer(_)
        | Shape::Number(_)
        | Shape::String(_)
        | Shape::Const { .. }
        | Shape::Ref { .. }
        | Shape::TypeParam { .. }
        | Shape::Nullable { .. }
        | Shape::Array(_)
        | Shape::Map(_)
        | Shape::Object(_)
        | Shape::Enum(_)
        | Shape::Union(_) => "type-changed",
    };
    let _ = shape_kinds;
    vec![
        ("Api added/removed", &["api-added", "api-removed"], None),
        (
            "Api.entry, Api.title, Api.style",
            &[],
            Some("handler, handler type"),
        ),
        (
            "Api.constants (name, value, role)",
            &[
                "constant-added",
                "constant-removed",
                "constant-value-changed",
            ],
            None,
        ),
        (
            "Method added/removed",
            &["method-added", "method-removed"],
            None,
        ),
        ("Method.wire, Event.wire", &["wire-name-changed"], None),
        ("Method.wire_data", &["wire-layout-changed"], None),
        (
            "Method.params / Event.params: appended",
            &["param-appended-optional", "param-appended-required"],
            None,
        ),
        (
            "Method.params / Event.params: removed, reordered",
            &["param-removed", "params-reordered"],
            None,
        ),
        (
            "Param.optional",
            &["param-became-required", "param-became-optional"],
            None,
        ),
        ("Param.name", &[], Some("parameter renamed")),
        (
            "Param.shape, Method.result, Event.response shape",
            &["type-changed"],
            None,
        ),
        ("Method.errors", &[], Some("method errors list changed")),
        (
            "Event added/removed",
            &["event-added", "event-removed"],
            None,
        ),
        (
            "Event.handler, Event.handler_type, TypeDef.const_name",
            &[],
            Some("handler, handler type"),
        ),
        (
            "Event.response present",
            &[
                "event-answer-added",
                "event-answer-added-optional",
                "event-answer-removed",
            ],
            None,
        ),
        (
            "Event.response_optional",
            &[
                "event-answer-became-optional",
                "event-answer-became-required",
            ],
            None,
        ),
        (
            "TypeDef added/removed (also renamed)",
            &["type-added", "type-removed"],
            None,
        ),
        (
            "TypeDef.type_params, type_param_defaults, Shape::Ref args",
            &["type-changed"],
            None,
        ),
        (
            "Field added",
            &["property-added-optional", "property-added-required"],
            None,
        ),
        ("Field removed", &["property-removed"], None),
        (
            "Field.required",
            &["property-became-required", "property-became-optional"],
            None,
        ),
        (
            "Field.name",
            &[
                "property-removed",
                "property-added-optional",
                "property-added-required",
            ],
            None,
        ),
        (
            "EnumValue added/removed (also a union of literals)",
            &["enum-value-added", "enum-value-removed"],
            None,
        ),
        ("EnumValue.code", &[], Some("enum value `x-code` changed")),
        ("Shape::Const value", &["const-changed"], None),
        ("Shape kind (Any … Union)", &["type-changed"], None),
        (
            "Shape::Nullable",
            &["became-nullable", "became-non-nullable"],
            None,
        ),
        (
            "Variant added/removed",
            &["union-variant-added", "union-variant-removed"],
            None,
        ),
        (
            "UnionShape.tag, UnionShape.exclusive, Variant.tag_value",
            &[],
            Some("union tag"),
        ),
        (
            "ObjectShape.unknown",
            &["object-closed", "object-opened"],
            None,
        ),
        (
            "ObjectShape.extends, Shape::Ref name",
            &[],
            Some("`$ref` target renamed"),
        ),
        (
            "StringRules, NumberRules, ArrayShape bounds",
            &["constraint-tightened", "constraint-loosened"],
            None,
        ),
        (
            "StringRules.pattern, MapShape.key_pattern",
            &["pattern-changed"],
            None,
        ),
        (
            "StringRules.format, Meta.description, source, notes, pointer",
            &[],
            Some("description, title"),
        ),
        (
            "TypeDef.const_widened, Api.untyped_answer_lists",
            &[],
            Some("vendor TypeScript quirks"),
        ),
        ("StringRules.personal", &[], Some("`x-personal`")),
        (
            "Api.properties, Property.name, dom_type, nullable",
            &[],
            Some("API members holding DOM objects"),
        ),
        (
            "Meta.deprecated, Availability.deprecated",
            &["deprecated", "undeprecated"],
            None,
        ),
        (
            "Availability.until",
            &[
                "removal-scheduled",
                "removal-moved-earlier",
                "method-removed",
            ],
            None,
        ),
        (
            "Availability.since",
            &[
                "method-added",
                "event-added",
                "type-added",
                "property-added-optional",
            ],
            None,
        ),
    ]
}

#[test]
fn every_edit_maps_to_a_rule_or_a_waiver() {
    let table = edits();
    let mut used = std::collections::BTreeSet::new();
    for (edit, rules, waiver) in &table {
        assert!(
            !rules.is_empty() || waiver.is_some(),
            "{edit}: neither a rule nor a waiver"
        );
        for r in *rules {
            assert!(rule(r).is_some(), "{edit}: unknown rule {r}");
            used.insert(*r);
        }
        if let Some(w) = waiver {
            assert!(
                WAIVERS.iter().any(|(e, _)| e.contains(w)),
                "{edit}: waiver {w:?} is not documented in rules::WAIVERS"
            );
        }
    }
    for r in RULES {
        assert!(
            used.contains(r.id),
            "rule {} watches no edit of the table",
            r.id
        );
    }
}
