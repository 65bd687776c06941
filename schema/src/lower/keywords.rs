//! The JSON Schema subset the loader accepts, as tables: anything else is an error, so no
//! emitter can silently ignore a keyword another one honours.

/// Keywords that only annotate; allowed on every subschema.
pub(super) const ANNOTATIONS: &[&str] = &[
    "$comment",
    "title",
    "description",
    "deprecated",
    "examples",
    "default",
    "x-since",
    "x-until",
    "x-deprecated",
    "x-notes",
    "x-source",
];

/// The version-range annotations, allowed only where the IR keeps a [`crate::ir::Meta`].
pub(super) const RANGE: &[&str] = &["x-since", "x-until", "x-deprecated"];

/// Allowed on a `$defs` entry only.
pub(super) const DEF_ONLY: &[&str] = &["x-type-params", "x-const-name", "x-const-widened"];

/// Allowed on a document root only.
pub(super) const ROOT_ONLY: &[&str] = &["$schema", "$id", "$defs"];

pub(super) const OBJECT: &[&str] = &[
    "properties",
    "required",
    "additionalProperties",
    "propertyNames",
];
pub(super) const ARRAY: &[&str] = &["items", "minItems", "maxItems"];
pub(super) const STRING: &[&str] = &["minLength", "maxLength", "pattern", "format", "x-personal"];
pub(super) const NUMBER: &[&str] = &["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"];

/// Keywords that choose the kind of shape.
pub(super) const COMBINATORS: &[&str] = &[
    "type",
    "enum",
    "const",
    "anyOf",
    "oneOf",
    "allOf",
    "$ref",
    "x-enum",
    "x-type-param",
    "x-type-args",
];

/// The keys of an `x-enum` value entry.
pub(super) const ENUM_ENTRY: &[&str] = &[
    "$comment",
    "description",
    "deprecated",
    "x-since",
    "x-until",
    "x-deprecated",
    "x-code",
    "x-notes",
    "x-source",
];

/// The JSON Schema type names.
pub(super) const TYPE_NAMES: &[&str] = &[
    "null", "boolean", "object", "array", "number", "integer", "string",
];

/// Whether `keyword` belongs to the subset at this place.
pub(super) fn is_known(keyword: &str, is_def: bool, is_root: bool) -> bool {
    [ANNOTATIONS, OBJECT, ARRAY, STRING, NUMBER, COMBINATORS]
        .iter()
        .any(|t| t.contains(&keyword))
        || (is_def && DEF_ONLY.contains(&keyword))
        || (is_root && ROOT_ONLY.contains(&keyword))
}

/// The type-specific keywords that apply to `type_name`.
pub(super) fn applicable(type_name: &str) -> &'static [&'static str] {
    match type_name {
        "object" => OBJECT,
        "array" => ARRAY,
        "string" => STRING,
        "number" | "integer" => NUMBER,
        _ => &[],
    }
}

/// Whether `keyword` is specific to some type (so it must fit the schema's `type`).
pub(super) fn is_type_specific(keyword: &str) -> bool {
    [OBJECT, ARRAY, STRING, NUMBER]
        .iter()
        .any(|t| t.contains(&keyword))
}

/// The hint for an unknown keyword.
pub(super) fn unknown_hint(keyword: &str) -> String {
    if keyword.starts_with("x-") {
        "adcontract annotations are x-since, x-until, x-deprecated, x-enum, x-code, x-const-name, \
         x-const-widened, x-type-params, x-type-param, x-type-args, x-notes, x-source and \
         x-personal (x-const-name, x-const-widened and x-type-params only on a $defs entry)"
            .to_owned()
    } else if ROOT_ONLY.contains(&keyword) || DEF_ONLY.contains(&keyword) {
        format!("`{keyword}` is allowed only at the document root or on a $defs entry")
    } else {
        "only the JSON Schema subset listed in docs/schema-format.md is accepted; express it with \
         those keywords or extend the format (loader, IR and every emitter) first"
            .to_owned()
    }
}

/// The hint for `x-personal` where it cannot go.
pub(super) const PERSONAL_PLACE_HINT: &str = "`x-personal` marks a string that holds personal \
     data or a secret: put it on the string's own schema (a property, an array's `items`, a \
     parameter), not on an object, a number, a `$ref`, an `enum` or a union";
