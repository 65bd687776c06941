//! Builders for hand-made IR views, so tests (here, in the emitters, in the conformance suite)
//! can state a small contract without going through `load` and `lower`. Compiled for this
//! crate's tests and, for other crates, with the `test-util` feature.
//!
//! Every builder leaves [`Meta`] at its default (no description, no pointer); a test that needs
//! a pointer or a description sets it on the result ([`at`] for the pointer).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::ir::{
    Api, ArrayShape, EnumShape, EnumValue, Event, Field, Ir, Meta, Method, NumberRules,
    ObjectShape, Param, Shape, StringRules, TypeDef, UnionShape, UnknownFields, Variant, Version,
};

/// A [`Meta`] whose pointer is `pointer` (verbatim).
pub fn at(pointer: &str) -> Meta {
    Meta {
        pointer: pointer.to_owned(),
        ..Meta::default()
    }
}

/// A string without rules.
pub fn string() -> Shape {
    Shape::String(StringRules::default())
}

/// A number without bounds.
pub fn number() -> Shape {
    Shape::Number(NumberRules::default())
}

/// `shape | null`.
pub fn nullable(shape: Shape) -> Shape {
    Shape::Nullable {
        inner: Box::new(shape),
    }
}

/// A reference to the named type, without type arguments.
pub fn reference(name: &str) -> Shape {
    Shape::Ref {
        name: name.to_owned(),
        args: Vec::new(),
    }
}

/// The constant `value`.
pub fn constant(value: Value) -> Shape {
    Shape::Const { value }
}

/// An array of `items` without length bounds.
pub fn array(items: Shape) -> Shape {
    Shape::Array(Box::new(ArrayShape {
        items,
        min_items: None,
        max_items: None,
    }))
}

/// An object that allows unknown fields.
pub fn object(fields: Vec<Field>) -> Shape {
    object_with(fields, UnknownFields::Open)
}

/// An object with the given policy for unknown fields.
pub fn object_with(fields: Vec<Field>, unknown: UnknownFields) -> Shape {
    Shape::Object(ObjectShape {
        fields,
        unknown,
        extends: Vec::new(),
    })
}

/// A field of an object.
pub fn field(name: &str, required: bool, shape: Shape) -> Field {
    Field {
        name: name.to_owned(),
        required,
        shape,
        meta: Meta::default(),
    }
}

/// An enum of JSON values, without codes.
pub fn enumeration(values: &[Value]) -> Shape {
    Shape::Enum(EnumShape {
        values: values
            .iter()
            .map(|v| EnumValue {
                value: v.clone(),
                code: None,
                meta: Meta::default(),
            })
            .collect(),
    })
}

/// An enum of strings.
pub fn string_enum(values: &[&str]) -> Shape {
    let values: Vec<Value> = values.iter().map(|v| Value::from(*v)).collect();
    enumeration(&values)
}

/// A union of `variants`; with `tag`, the tag field's name and each variant's tag value.
pub fn union(variants: Vec<Shape>, tag: Option<(&str, Vec<Value>)>, exclusive: bool) -> Shape {
    let (tag, values) = match tag {
        Some((t, vs)) => (Some(t.to_owned()), vs.into_iter().map(Some).collect()),
        None => (None, vec![None; variants.len()]),
    };
    Shape::Union(UnionShape {
        variants: variants
            .into_iter()
            .zip(values)
            .map(|(shape, tag_value)| Variant {
                shape,
                tag_value,
                meta: Meta::default(),
            })
            .collect(),
        tag,
        exclusive,
    })
}

/// A named type without type parameters.
pub fn def(name: &str, shape: Shape) -> TypeDef {
    generic_def(name, &[], shape)
}

/// A named type with type parameters (no defaults).
pub fn generic_def(name: &str, params: &[&str], shape: Shape) -> TypeDef {
    TypeDef {
        name: name.to_owned(),
        meta: Meta::default(),
        type_params: params.iter().map(|p| (*p).to_owned()).collect(),
        type_param_defaults: Vec::new(),
        const_name: None,
        const_widened: false,
        shape,
    }
}

/// A parameter of a method or an event.
pub fn param(name: &str, optional: bool, shape: Shape) -> Param {
    Param {
        name: name.to_owned(),
        optional,
        shape,
        meta: Meta::default(),
    }
}

/// A method with its wire name, without wire data or declared errors.
pub fn method(name: &str, wire: &str, params: Vec<Param>, result: Option<Shape>) -> Method {
    Method {
        name: name.to_owned(),
        wire: wire.to_owned(),
        params,
        result,
        wire_data: None,
        errors: Vec::new(),
        meta: Meta::default(),
    }
}

/// An event whose wire name is its name, without handler names.
pub fn event(name: &str, params: Vec<Param>, response: Option<Shape>) -> Event {
    Event {
        name: name.to_owned(),
        handler: None,
        handler_type: None,
        wire: name.to_owned(),
        params,
        response,
        response_optional: false,
        meta: Meta::default(),
    }
}

/// The view of version `id` (its label too) holding `types` and `apis`.
pub fn view(id: &str, types: impl IntoIterator<Item = TypeDef>, apis: Vec<Api>) -> Ir {
    Ir {
        version: Version {
            id: id.to_owned(),
            label: id.to_owned(),
            date: None,
            vendor_commit: None,
            description: None,
        },
        version_index: 0,
        types: types
            .into_iter()
            .map(|d| (d.name.clone(), d))
            .collect::<BTreeMap<_, _>>(),
        apis,
    }
}
