//! JSON Schema subschema -> [`Shape`].
//!
//! The kind of shape is chosen by the first of these keywords present: `x-type-param`, `$ref`,
//! `allOf`, `anyOf`/`oneOf`, `enum`, `const`, `type` (or the type implied by type-specific
//! keywords). Each kind accepts only the sibling keywords that make sense with it; any other is
//! an error, so no keyword is ever dropped on the floor.
//!
//! Unions (`anyOf`/`oneOf`):
//! - a branch that is exactly `{"type": "null"}` (with no version range) makes the union
//!   [`Shape::Nullable`];
//! - one remaining branch without a version range collapses to that branch;
//! - when every remaining branch is a literal (a string or integer `const`, or an inline `enum`)
//!   the union becomes one [`Shape::Enum`] whose values keep each branch's version range: emitters
//!   then see a single closed set, exactly what `type A = "x" | "y"` means;
//! - a `$ref` to an enum type is *not* a literal: flattening it would lose the type's name, which
//!   generated code uses (`InteractionState | "gone"` stays a union of a named type and a literal).

use serde_json::{Map, Value};

use super::keywords::{self, ANNOTATIONS, DEF_ONLY, ROOT_ONLY};
use super::{Lowerer, STANDALONE_ROOT, Scope};
use crate::diag::pointer_push;
use crate::ir::{
    ArrayShape, Availability, EnumShape, EnumValue, Field, MapShape, Meta, NumberRules,
    ObjectShape, PersonalKind, Shape, StringRules, UnionShape, UnknownFields, Variant,
};

/// What the subschema being lowered is, which decides the keywords it may carry.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place {
    /// A `$defs` entry (`x-type-params`, `x-const-name`).
    pub(crate) is_def: bool,
    /// A document root (`$schema`, `$id`, `$defs`).
    pub(crate) is_root: bool,
    /// Its annotations land in an IR [`Meta`], so a version range is meaningful.
    pub(crate) holds_meta: bool,
}

impl Place {
    pub(crate) const INNER: Place = Place {
        is_def: false,
        is_root: false,
        holds_meta: false,
    };
    pub(crate) const HOLDER: Place = Place {
        is_def: false,
        is_root: false,
        holds_meta: true,
    };
}

/// Wraps a shape as nullable, without nesting or wrapping what already accepts `null`.
pub(crate) fn nullable(shape: Shape) -> Shape {
    match shape {
        Shape::Null | Shape::Any | Shape::Nullable { .. } => shape,
        other => Shape::Nullable {
            inner: Box::new(other),
        },
    }
}

/// Decodes one RFC 6901 reference token.
fn unescape_token(t: &str) -> String {
    t.replace("~1", "/").replace("~0", "~")
}

impl Lowerer<'_> {
    /// Lowers the subschema `raw` written at `scope.file#pointer`.
    pub(crate) fn schema(
        &self,
        raw: &Value,
        scope: Scope<'_>,
        pointer: &str,
        place: Place,
    ) -> Shape {
        match raw {
            Value::Bool(true) => Shape::Any,
            Value::Object(o) => self.object_schema(o, scope, pointer, place),
            Value::Bool(false) => {
                self.sink.error_hint(
                    &format!("{}#{pointer}", scope.file),
                    "the `false` schema is not supported",
                    "a value that can never be valid is not part of any contract; remove it",
                );
                Shape::Any
            }
            other => {
                self.sink.error(
                    &format!("{}#{pointer}", scope.file),
                    format!("a schema must be an object or `true`, found {other}"),
                );
                Shape::Any
            }
        }
    }

    fn object_schema(
        &self,
        o: &Map<String, Value>,
        scope: Scope<'_>,
        pointer: &str,
        place: Place,
    ) -> Shape {
        let at = |k: &str| format!("{}#{}", scope.file, pointer_push(pointer, k));
        for k in o.keys() {
            if !keywords::is_known(k, place.is_def, place.is_root) {
                self.sink.error_hint(
                    &at(k),
                    format!("unsupported keyword `{k}`"),
                    keywords::unknown_hint(k),
                );
            } else if keywords::RANGE.contains(&k.as_str()) && !place.holds_meta {
                self.sink.error_hint(
                    &at(k),
                    format!("`{k}` has no effect here"),
                    "a version range goes on a $defs entry, a property, an anyOf/oneOf branch, an x-enum value entry or an API item",
                );
            }
        }
        if let Some(p) = o.get("x-type-param") {
            self.siblings(o, "x-type-param", &[], scope, pointer);
            return self.type_param(p, scope, &pointer_push(pointer, "x-type-param"));
        }
        if o.contains_key("$ref") {
            self.siblings(o, "$ref", &["x-type-args"], scope, pointer);
            return self.reference(o, scope, pointer);
        }
        if o.contains_key("x-type-args") {
            self.sink.error_hint(
                &at("x-type-args"),
                "`x-type-args` without `$ref`",
                "put it next to the `$ref` of a generic type",
            );
        }
        if o.contains_key("allOf") {
            self.siblings(
                o,
                "allOf",
                &["type", "properties", "required", "additionalProperties"],
                scope,
                pointer,
            );
            return self.all_of(o, scope, pointer);
        }
        match (o.get("anyOf"), o.get("oneOf")) {
            (Some(_), Some(_)) => {
                self.sink.error_hint(
                    &at("oneOf"),
                    "`anyOf` and `oneOf` together",
                    "nest one inside a branch of the other",
                );
                return Shape::Any;
            }
            (Some(b), None) => {
                self.siblings(o, "anyOf", &[], scope, pointer);
                return self.union(b, false, scope, &pointer_push(pointer, "anyOf"));
            }
            (None, Some(b)) => {
                self.siblings(o, "oneOf", &[], scope, pointer);
                return self.union(b, true, scope, &pointer_push(pointer, "oneOf"));
            }
            (None, None) => {}
        }
        if o.contains_key("enum") {
            self.siblings(o, "enum", &["type", "x-enum"], scope, pointer);
            return self.enumeration(o, scope, pointer);
        }
        if o.contains_key("x-enum") {
            self.sink.error_hint(
                &at("x-enum"),
                "`x-enum` without `enum`",
                "`x-enum` describes the values of an `enum`",
            );
        }
        if let Some(v) = o.get("const") {
            self.siblings(o, "const", &["type"], scope, pointer);
            return if v.is_null() {
                Shape::Null
            } else {
                Shape::Const { value: v.clone() }
            };
        }
        self.typed(o, scope, pointer)
    }

    /// Reports the structural keywords that cannot accompany `main`.
    fn siblings(
        &self,
        o: &Map<String, Value>,
        main: &str,
        allowed: &[&str],
        scope: Scope<'_>,
        pointer: &str,
    ) {
        for k in o.keys() {
            let k = k.as_str();
            let fine = k == main
                || allowed.contains(&k)
                || ANNOTATIONS.contains(&k)
                || DEF_ONLY.contains(&k)
                || ROOT_ONLY.contains(&k)
                || !keywords::is_known(k, true, true);
            if !fine {
                let hint = match main {
                    _ if k == "x-personal" => keywords::PERSONAL_PLACE_HINT,
                    "$ref" => "put the extra constraints in an `allOf` next to the `$ref`",
                    "anyOf" | "oneOf" => "move it into each branch",
                    _ => "this keyword does not combine with the one that decides the shape here",
                };
                self.sink.error_hint(
                    &format!("{}#{}", scope.file, pointer_push(pointer, k)),
                    format!("`{k}` cannot be combined with `{main}`"),
                    hint,
                );
            }
        }
    }

    fn type_param(&self, v: &Value, scope: Scope<'_>, pointer: &str) -> Shape {
        let at = format!("{}#{pointer}", scope.file);
        match v.as_str() {
            Some(name) if scope.type_params.iter().any(|p| p == name) => Shape::TypeParam {
                name: name.to_owned(),
            },
            Some(name) => {
                self.sink.error_hint(
                    &at,
                    format!("unknown type parameter `{name}`"),
                    "declare it in `x-type-params` of the enclosing $defs entry",
                );
                Shape::Any
            }
            None => {
                self.sink
                    .error(&at, "`x-type-param` must be a parameter name");
                Shape::Any
            }
        }
    }

    fn reference(&self, o: &Map<String, Value>, scope: Scope<'_>, pointer: &str) -> Shape {
        let at = format!("{}#{}", scope.file, pointer_push(pointer, "$ref"));
        let Some(r) = o.get("$ref").and_then(Value::as_str) else {
            self.sink.error(&at, "`$ref` must be a string");
            return Shape::Any;
        };
        let name = if let Some(rest) = r
            .strip_prefix(scope.ref_prefix)
            .filter(|r| !r.is_empty() && !r.contains('/'))
        {
            unescape_token(rest)
        } else if self.standalone && r == "#" {
            STANDALONE_ROOT.to_owned()
        } else {
            self.sink.error_hint(
                &at,
                format!("unsupported `$ref` `{r}`"),
                format!("refer to a named type as `{}Name`", scope.ref_prefix),
            );
            return Shape::Any;
        };
        let args = match o.get("x-type-args") {
            None => Vec::new(),
            Some(Value::Array(items)) => {
                let base = pointer_push(pointer, "x-type-args");
                items
                    .iter()
                    .enumerate()
                    .map(|(i, a)| self.schema(a, scope, &format!("{base}/{i}"), Place::INNER))
                    .collect()
            }
            Some(_) => {
                self.sink.error(
                    &format!("{}#{}", scope.file, pointer_push(pointer, "x-type-args")),
                    "`x-type-args` must be an array of schemas",
                );
                Vec::new()
            }
        };
        Shape::Ref { name, args }
    }

    /// `allOf` of objects, flattened: fields of each part in order, a later part's field
    /// replacing an earlier one of the same name (a derived type narrowing a base field).
    /// The result is closed only if an inline part (or the `allOf` node itself) says
    /// `additionalProperties: false`; a closed base does not close the types built on it.
    fn all_of(&self, o: &Map<String, Value>, scope: Scope<'_>, pointer: &str) -> Shape {
        let base = pointer_push(pointer, "allOf");
        let Some(parts) = o
            .get("allOf")
            .and_then(Value::as_array)
            .filter(|p| !p.is_empty())
        else {
            self.sink.error(
                &format!("{}#{base}", scope.file),
                "`allOf` must be a non-empty array",
            );
            return Shape::Any;
        };
        let mut merged = ObjectShape {
            fields: Vec::new(),
            unknown: UnknownFields::Open,
            extends: Vec::new(),
        };
        let mut pending: Vec<(String, String)> = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            let p = format!("{base}/{i}");
            let at = format!("{}#{p}", scope.file);
            let is_ref = part.get("$ref").is_some();
            if is_ref {
                if let Shape::Ref { name, args } = self.schema(part, scope, &p, Place::INNER) {
                    if !args.is_empty() {
                        self.sink
                            .error(&at, "a generic type cannot be extended through `allOf`");
                    }
                    match self.def(&name, &p).map(|d| self.object_of(d.shape, &p)) {
                        Some(Some(obj)) => {
                            merge(&mut merged, obj);
                            merged.extends.push(name);
                        }
                        Some(None) => self.sink.error_hint(
                            &at,
                            format!("`allOf` part `{name}` is not an object type"),
                            "only objects can be flattened through `allOf`",
                        ),
                        None if !self.has_def(&name) => {
                            self.sink.error(&at, format!("unknown type `{name}`"));
                        }
                        None => {}
                    }
                }
            } else if let Some(po) = part.as_object() {
                self.check_keywords_object_part(po, scope, &p);
                let (obj, req) = self.fields(po, scope, &p);
                merge(&mut merged, obj);
                pending.extend(req);
            } else {
                self.sink
                    .error(&at, "an `allOf` part must be an object schema");
            }
        }
        // Sibling object keywords act as one more part.
        if keywords::OBJECT.iter().any(|k| o.contains_key(*k)) {
            let (obj, req) = self.fields(o, scope, pointer);
            merge(&mut merged, obj);
            pending.extend(req);
        }
        if let Some(t) = o.get("type").filter(|t| t.as_str() != Some("object")) {
            self.sink.error(
                &format!("{}#{}", scope.file, pointer_push(pointer, "type")),
                format!("an `allOf` of objects cannot have type {t}"),
            );
        }
        self.resolve_required(&mut merged, pending);
        Shape::Object(merged)
    }

    /// An inline `allOf` part: object keywords and annotations only.
    fn check_keywords_object_part(&self, o: &Map<String, Value>, scope: Scope<'_>, pointer: &str) {
        for k in o.keys() {
            let k = k.as_str();
            if !keywords::is_known(k, false, false) {
                self.sink.error_hint(
                    &format!("{}#{}", scope.file, pointer_push(pointer, k)),
                    format!("unsupported keyword `{k}`"),
                    keywords::unknown_hint(k),
                );
            } else if !(keywords::OBJECT.contains(&k) || ANNOTATIONS.contains(&k) || k == "type")
                || RANGE_KEYS.contains(&k)
            {
                self.sink.error_hint(
                    &format!("{}#{}", scope.file, pointer_push(pointer, k)),
                    format!("`{k}` is not allowed in an inline `allOf` part"),
                    "an inline part declares properties only (type, properties, required, additionalProperties)",
                );
            }
        }
        if let Some(t) = o.get("type").filter(|t| t.as_str() != Some("object")) {
            self.sink.error(
                &format!("{}#{}", scope.file, pointer_push(pointer, "type")),
                format!("an `allOf` part must be an object, not {t}"),
            );
        }
    }

    /// The object a type's shape is, following plain aliases.
    fn object_of(&self, shape: Shape, from: &str) -> Option<ObjectShape> {
        let mut current = shape;
        for _ in 0..=self.versions.len() + 64 {
            match current {
                Shape::Object(o) => return Some(o),
                Shape::Ref { name, .. } => current = self.def(&name, from)?.shape,
                _ => return None,
            }
        }
        None
    }

    fn union(&self, raw: &Value, exclusive: bool, scope: Scope<'_>, pointer: &str) -> Shape {
        let Some(branches) = raw.as_array().filter(|b| !b.is_empty()) else {
            self.sink.error(
                &format!("{}#{pointer}", scope.file),
                "a union must be a non-empty array of schemas",
            );
            return Shape::Any;
        };
        let mut variants = Vec::new();
        let mut has_null = false;
        for (i, b) in branches.iter().enumerate() {
            let p = format!("{pointer}/{i}");
            let meta = self.meta_of(b, scope.file, &p);
            let shape = self.schema(b, scope, &p, Place::HOLDER);
            if shape == Shape::Null && meta.availability == Availability::default() {
                has_null = true;
                continue;
            }
            variants.push(Variant {
                shape,
                tag_value: None,
                meta,
            });
        }
        let single_unversioned =
            variants.len() == 1 && variants[0].meta.availability == Availability::default();
        let inner = if variants.is_empty() {
            Shape::Null
        } else if single_unversioned {
            variants.remove(0).shape
        } else if variants.iter().all(|v| is_literal(&v.shape)) {
            Shape::Enum(flatten_literals(variants))
        } else {
            Shape::Union(UnionShape {
                variants,
                tag: None,
                exclusive,
            })
        };
        if has_null { nullable(inner) } else { inner }
    }

    fn enumeration(&self, o: &Map<String, Value>, scope: Scope<'_>, pointer: &str) -> Shape {
        let at = |k: &str| format!("{}#{}", scope.file, pointer_push(pointer, k));
        let Some(values) = o
            .get("enum")
            .and_then(Value::as_array)
            .filter(|v| !v.is_empty())
        else {
            self.sink
                .error(&at("enum"), "`enum` must be a non-empty array");
            return Shape::Any;
        };
        let empty = Map::new();
        let entries = match o.get("x-enum") {
            None => &empty,
            Some(Value::Object(e)) => e,
            Some(_) => {
                self.sink.error_hint(
                    &at("x-enum"),
                    "`x-enum` must be an object",
                    "map each value to its metadata: {\"value\": {\"x-since\": \"…\"}}",
                );
                &empty
            }
        };
        let mut out = Vec::new();
        let mut has_null = false;
        let mut described = Vec::new();
        for (i, v) in values.iter().enumerate() {
            let key = match v {
                Value::Null => {
                    has_null = true;
                    continue;
                }
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let entry_pointer = pointer_push(&pointer_push(pointer, "x-enum"), &key);
            let (meta, code) = match entries.get(&key) {
                Some(entry) => {
                    described.push(key.clone());
                    self.enum_entry(entry, scope, &entry_pointer)
                }
                None => (
                    Meta {
                        pointer: format!("{}#{pointer}/enum/{i}", scope.file),
                        ..Meta::default()
                    },
                    None,
                ),
            };
            out.push(EnumValue {
                value: v.clone(),
                code,
                meta,
            });
        }
        for key in entries.keys() {
            if !described.contains(key) {
                self.sink.error_hint(
                    &format!(
                        "{}#{}",
                        scope.file,
                        pointer_push(&pointer_push(pointer, "x-enum"), key)
                    ),
                    format!("`x-enum` describes `{key}`, which is not in `enum`"),
                    "add the value to `enum` or remove the entry",
                );
            }
        }
        self.enum_fits_type(o, values, scope, pointer);
        let shape = if out.is_empty() {
            Shape::Null
        } else {
            Shape::Enum(EnumShape { values: out })
        };
        if has_null { nullable(shape) } else { shape }
    }

    /// With a `type` beside `enum`, every value must be of that type (or JSON Schema would
    /// reject it while the IR kept it).
    fn enum_fits_type(
        &self,
        o: &Map<String, Value>,
        values: &[Value],
        scope: Scope<'_>,
        pointer: &str,
    ) {
        let types: Vec<&str> = match o.get("type") {
            None => return,
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            Some(_) => {
                self.sink.error(
                    &format!("{}#{}", scope.file, pointer_push(pointer, "type")),
                    "`type` must be a type name or a non-empty array of names",
                );
                return;
            }
        };
        for (i, v) in values.iter().enumerate() {
            let fits = types.iter().any(|t| match *t {
                "string" => v.is_string(),
                "integer" => v.is_i64() || v.is_u64(),
                "number" => v.is_number(),
                "boolean" => v.is_boolean(),
                "null" => v.is_null(),
                "array" => v.is_array(),
                "object" => v.is_object(),
                _ => false,
            });
            if !fits {
                self.sink.error_hint(
                    &format!("{}#{pointer}/enum/{i}", scope.file),
                    format!("enum value {v} is not of type {}", types.join(" | ")),
                    "fix the value or the `type`",
                );
            }
        }
    }

    fn enum_entry(&self, entry: &Value, scope: Scope<'_>, pointer: &str) -> (Meta, Option<i64>) {
        let at = format!("{}#{pointer}", scope.file);
        let Some(obj) = entry.as_object() else {
            self.sink.error(&at, "an `x-enum` entry must be an object");
            return (
                Meta {
                    pointer: at,
                    ..Meta::default()
                },
                None,
            );
        };
        for k in obj.keys() {
            if !keywords::ENUM_ENTRY.contains(&k.as_str()) {
                self.sink.error_hint(
                    &format!("{}#{}", scope.file, pointer_push(pointer, k)),
                    format!("unsupported key `{k}` in an `x-enum` entry"),
                    format!("an entry may hold {}", keywords::ENUM_ENTRY.join(", ")),
                );
            }
        }
        let code = match obj.get("x-code") {
            None => None,
            Some(v) => match v.as_i64() {
                Some(c) => Some(c),
                None => {
                    self.sink.error(
                        &format!("{}#{}", scope.file, pointer_push(pointer, "x-code")),
                        "`x-code` must be an integer",
                    );
                    None
                }
            },
        };
        (self.meta_of(entry, scope.file, pointer), code)
    }

    fn typed(&self, o: &Map<String, Value>, scope: Scope<'_>, pointer: &str) -> Shape {
        let at = |k: &str| format!("{}#{}", scope.file, pointer_push(pointer, k));
        let names: Vec<String> = match o.get("type") {
            None => {
                let implied: Vec<&str> = ["object", "array", "string", "number"]
                    .into_iter()
                    .filter(|t| keywords::applicable(t).iter().any(|k| o.contains_key(*k)))
                    .collect();
                if self.standalone && !implied.is_empty() {
                    return self.implied_union(&implied, o, scope, pointer);
                }
                match implied.as_slice() {
                    [] => return Shape::Any,
                    [one] => vec![(*one).to_owned()],
                    _ => {
                        self.sink.error_hint(
                            pointer_at(scope, pointer).as_str(),
                            format!(
                                "keywords of several types ({}) without `type`",
                                implied.join(", ")
                            ),
                            "state the `type`",
                        );
                        return Shape::Any;
                    }
                }
            }
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(items))
                if !items.is_empty() && items.iter().all(Value::is_string) =>
            {
                items
                    .iter()
                    .filter_map(|s| s.as_str().map(str::to_owned))
                    .collect()
            }
            Some(_) => {
                self.sink.error(
                    &at("type"),
                    "`type` must be a type name or a non-empty array of names",
                );
                return Shape::Any;
            }
        };
        for n in &names {
            if !keywords::TYPE_NAMES.contains(&n.as_str()) {
                self.sink.error_hint(
                    &at("type"),
                    format!("unknown type `{n}`"),
                    format!("one of {}", keywords::TYPE_NAMES.join(", ")),
                );
                return Shape::Any;
            }
        }
        let non_null: Vec<&str> = names
            .iter()
            .map(String::as_str)
            .filter(|n| *n != "null")
            .collect();
        for k in o.keys() {
            if keywords::is_type_specific(k)
                && !non_null
                    .iter()
                    .any(|t| keywords::applicable(t).contains(&k.as_str()))
            {
                self.sink.error_hint(
                    &at(k),
                    format!("`{k}` does not apply to type {}", names.join(" | ")),
                    if k == "x-personal" {
                        keywords::PERSONAL_PLACE_HINT
                    } else {
                        "remove it or fix `type`"
                    },
                );
            }
        }
        let shapes: Vec<Shape> = non_null
            .iter()
            .map(|t| self.typed_one(t, o, scope, pointer))
            .collect();
        let inner = match shapes.len() {
            0 => return Shape::Null,
            1 => shapes.into_iter().next().unwrap_or(Shape::Any),
            _ => Shape::Union(UnionShape {
                variants: shapes
                    .into_iter()
                    .map(|shape| Variant {
                        shape,
                        tag_value: None,
                        meta: Meta {
                            pointer: at("type"),
                            ..Meta::default()
                        },
                    })
                    .collect(),
                tag: None,
                exclusive: false,
            }),
        };
        if names.iter().any(|n| n == "null") {
            nullable(inner)
        } else {
            inner
        }
    }

    /// A bare JSON Schema's type-specific keywords without `type` constrain only values of
    /// that type and let every other value through; the canonical documents always state
    /// `type`, but a standalone schema (the JSON-Schema-Test-Suite) must mean exactly that.
    fn implied_union(
        &self,
        implied: &[&str],
        o: &Map<String, Value>,
        scope: Scope<'_>,
        pointer: &str,
    ) -> Shape {
        let mut shapes: Vec<Shape> = implied
            .iter()
            .map(|t| self.typed_one(t, o, scope, pointer))
            .collect();
        for t in ["null", "boolean", "object", "array", "string", "number"] {
            if !implied.contains(&t) {
                shapes.push(match t {
                    "null" => Shape::Null,
                    "boolean" => Shape::Boolean,
                    "object" => Shape::Object(ObjectShape {
                        fields: Vec::new(),
                        unknown: UnknownFields::Open,
                        extends: Vec::new(),
                    }),
                    "array" => Shape::Array(Box::new(ArrayShape {
                        items: Shape::Any,
                        min_items: None,
                        max_items: None,
                    })),
                    "string" => Shape::String(StringRules::default()),
                    _ => Shape::Number(NumberRules::default()),
                });
            }
        }
        let meta = Meta {
            pointer: format!("{}#{pointer}", scope.file),
            ..Meta::default()
        };
        Shape::Union(UnionShape {
            variants: shapes
                .into_iter()
                .map(|shape| Variant {
                    shape,
                    tag_value: None,
                    meta: meta.clone(),
                })
                .collect(),
            tag: None,
            exclusive: false,
        })
    }

    fn typed_one(&self, t: &str, o: &Map<String, Value>, scope: Scope<'_>, pointer: &str) -> Shape {
        match t {
            "boolean" => Shape::Boolean,
            "integer" => Shape::Integer(self.number_rules(o, scope, pointer)),
            "number" => Shape::Number(self.number_rules(o, scope, pointer)),
            "string" => Shape::String(StringRules {
                min_length: self.count(o, "minLength", scope, pointer),
                max_length: self.count(o, "maxLength", scope, pointer),
                pattern: self.text(o, "pattern", scope, pointer),
                format: self.text(o, "format", scope, pointer),
                personal: self.personal(o, scope, pointer),
            }),
            "array" => Shape::Array(Box::new(ArrayShape {
                items: match o.get("items") {
                    Some(items) => {
                        self.schema(items, scope, &pointer_push(pointer, "items"), Place::INNER)
                    }
                    None => Shape::Any,
                },
                min_items: self.count(o, "minItems", scope, pointer),
                max_items: self.count(o, "maxItems", scope, pointer),
            })),
            "object" => self.object(o, scope, pointer),
            _ => Shape::Null,
        }
    }

    fn object(&self, o: &Map<String, Value>, scope: Scope<'_>, pointer: &str) -> Shape {
        let at = |k: &str| format!("{}#{}", scope.file, pointer_push(pointer, k));
        let has_props = o.contains_key("properties");
        let map_values = o.get("additionalProperties").filter(|v| !v.is_boolean());
        match map_values {
            Some(values) if !has_props => {
                let values = self.schema(values, scope, &pointer_push(pointer, "additionalProperties"), Place::INNER);
                let key_pattern = o.get("propertyNames").and_then(|p| self.key_pattern(p, scope, &pointer_push(pointer, "propertyNames")));
                if o.contains_key("required") {
                    self.sink.error_hint(&at("required"), "`required` on a map", "a map (additionalProperties schema) declares no properties");
                }
                return Shape::Map(Box::new(MapShape { values, key_pattern }));
            }
            Some(_) => self.sink.error_hint(
                &at("additionalProperties"),
                "an object with both `properties` and an `additionalProperties` schema is not supported",
                "use `additionalProperties: false`, leave it out (open object), or make the object a map without `properties`",
            ),
            None => {}
        }
        if o.contains_key("propertyNames") {
            self.sink.error_hint(
                &at("propertyNames"),
                "`propertyNames` is supported only on a map",
                "add an `additionalProperties` schema and no `properties`",
            );
        }
        let (obj, pending) = self.fields(o, scope, pointer);
        let mut obj = obj;
        self.resolve_required(&mut obj, pending);
        Shape::Object(obj)
    }

    fn key_pattern(&self, raw: &Value, scope: Scope<'_>, pointer: &str) -> Option<String> {
        let ok = raw.as_object().is_some_and(|o| {
            o.keys()
                .all(|k| ["pattern", "$comment", "description"].contains(&k.as_str()))
        });
        match raw.get("pattern").and_then(Value::as_str) {
            Some(p) if ok => Some(p.to_owned()),
            _ => {
                self.sink.error_hint(
                    &format!("{}#{pointer}", scope.file),
                    "`propertyNames` supports only `pattern`",
                    "write {\"pattern\": \"^…$\"}",
                );
                None
            }
        }
    }

    /// The declared fields of an object, plus the `required` names it does not declare itself
    /// (with where they are written): an `allOf` may find them in another part.
    fn fields(
        &self,
        o: &Map<String, Value>,
        scope: Scope<'_>,
        pointer: &str,
    ) -> (ObjectShape, Vec<(String, String)>) {
        let at = |k: &str| format!("{}#{}", scope.file, pointer_push(pointer, k));
        let mut required: Vec<(String, String)> = Vec::new();
        match o.get("required") {
            None => {}
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    let p = format!("{}/{i}", at("required"));
                    match item.as_str() {
                        Some(s) if required.iter().any(|(r, _)| r == s) => {
                            self.sink
                                .error(&p, format!("`{s}` is listed twice in `required`"));
                        }
                        Some(s) => required.push((s.to_owned(), p)),
                        None => self.sink.error(&p, "`required` must list property names"),
                    }
                }
            }
            Some(_) => self.sink.error(
                &at("required"),
                "`required` must be an array of property names",
            ),
        }
        let unknown = match o.get("additionalProperties") {
            Some(Value::Bool(false)) => UnknownFields::Closed,
            _ => UnknownFields::Open,
        };
        let mut fields = Vec::new();
        match o.get("properties") {
            None => {}
            Some(Value::Object(props)) => {
                let base = pointer_push(pointer, "properties");
                for (name, raw) in props {
                    let p = pointer_push(&base, name);
                    let is_required = required.iter().any(|(r, _)| r == name);
                    let meta = self.meta_of(raw, scope.file, &p);
                    let shape = self.schema(raw, scope, &p, Place::HOLDER);
                    fields.push(Field {
                        name: name.clone(),
                        required: is_required,
                        shape,
                        meta,
                    });
                }
            }
            Some(_) => self
                .sink
                .error(&at("properties"), "`properties` must be an object"),
        }
        let pending = required
            .into_iter()
            .filter(|(r, _)| !fields.iter().any(|f| &f.name == r))
            .collect();
        (
            ObjectShape {
                fields,
                unknown,
                extends: Vec::new(),
            },
            pending,
        )
    }

    fn resolve_required(&self, obj: &mut ObjectShape, pending: Vec<(String, String)>) {
        for (name, at) in pending {
            match obj.fields.iter_mut().find(|f| f.name == name) {
                Some(f) => f.required = true,
                None => self.sink.error_hint(
                    &at,
                    format!("`required` names `{name}`, which is not a property"),
                    "declare it in `properties` or remove it from `required`",
                ),
            }
        }
    }

    fn number_rules(&self, o: &Map<String, Value>, scope: Scope<'_>, pointer: &str) -> NumberRules {
        let num = |k: &str| match o.get(k) {
            None => None,
            Some(v) => {
                let n = v.as_f64();
                if n.is_none() {
                    self.sink.error(
                        &format!("{}#{}", scope.file, pointer_push(pointer, k)),
                        format!("`{k}` must be a number"),
                    );
                }
                n
            }
        };
        NumberRules {
            minimum: num("minimum"),
            maximum: num("maximum"),
            exclusive_minimum: num("exclusiveMinimum"),
            exclusive_maximum: num("exclusiveMaximum"),
        }
    }

    fn count(
        &self,
        o: &Map<String, Value>,
        k: &str,
        scope: Scope<'_>,
        pointer: &str,
    ) -> Option<u64> {
        let v = o.get(k)?;
        // JSON Schema counts `2.0` as the integer 2.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let n = v.as_u64().or_else(|| {
            v.as_f64()
                .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < 9.0e15)
                .map(|f| f as u64)
        });
        if n.is_none() {
            self.sink.error(
                &format!("{}#{}", scope.file, pointer_push(pointer, k)),
                format!("`{k}` must be a non-negative integer"),
            );
        }
        n
    }

    /// `x-personal`: one of the known kinds.
    fn personal(
        &self,
        o: &Map<String, Value>,
        scope: Scope<'_>,
        pointer: &str,
    ) -> Option<PersonalKind> {
        let v = o.get("x-personal")?;
        let kind = v.as_str().and_then(PersonalKind::parse);
        if kind.is_none() {
            let known: Vec<&str> = PersonalKind::ALL.iter().map(|k| k.as_str()).collect();
            self.sink.error_hint(
                &format!("{}#{}", scope.file, pointer_push(pointer, "x-personal")),
                format!("unknown `x-personal` kind {v}"),
                format!("one of {}", known.join(", ")),
            );
        }
        kind
    }

    fn text(
        &self,
        o: &Map<String, Value>,
        k: &str,
        scope: Scope<'_>,
        pointer: &str,
    ) -> Option<String> {
        let v = o.get(k)?;
        let s = v.as_str().map(str::to_owned);
        if s.is_none() {
            self.sink.error(
                &format!("{}#{}", scope.file, pointer_push(pointer, k)),
                format!("`{k}` must be a string"),
            );
        }
        s
    }
}

const RANGE_KEYS: &[&str] = keywords::RANGE;

fn pointer_at(scope: Scope<'_>, pointer: &str) -> String {
    format!("{}#{pointer}", scope.file)
}

fn merge(into: &mut ObjectShape, part: ObjectShape) {
    for f in part.fields {
        match into.fields.iter_mut().find(|e| e.name == f.name) {
            Some(existing) => {
                let required = existing.required || f.required;
                *existing = Field { required, ..f };
            }
            None => into.fields.push(f),
        }
    }
    if part.unknown == UnknownFields::Closed {
        into.unknown = UnknownFields::Closed;
    }
    into.extends.extend(part.extends);
}

fn is_literal(shape: &Shape) -> bool {
    match shape {
        Shape::Const { value } => value.is_string() || value.is_i64() || value.is_u64(),
        Shape::Enum(_) => true,
        _ => false,
    }
}

fn flatten_literals(variants: Vec<Variant>) -> EnumShape {
    let mut values = Vec::new();
    for v in variants {
        match v.shape {
            Shape::Const { value } => values.push(EnumValue {
                value,
                code: None,
                meta: v.meta,
            }),
            Shape::Enum(e) => {
                for mut value in e.values {
                    if value.meta.availability == Availability::default() {
                        value.meta.availability = v.meta.availability;
                    }
                    values.push(value);
                }
            }
            _ => {}
        }
    }
    EnumShape { values }
}
