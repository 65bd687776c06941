//! IR shapes -> TypeScript type expressions, and the declaration of each named type.
//!
//! Mapping (the optional/nullable matrix is kept apart): a required field `f: T`, an optional one
//! `f?: T`, a nullable one `T | null` — `exactOptionalPropertyTypes` holds because `undefined`
//! never stands in for "absent". Enums with a vendor constant become `typeof xs[number]` over an
//! `as const` array (or, for named codes, `keyof typeof codes`), exactly as the vendor writes them.

use adcontract_schema::ir::{EnumShape, Field, MapShape, ObjectShape, Shape, TypeDef, UnionShape};
use serde_json::Value;

use super::Gen;
use super::names::{property_key, upper_first};
use super::text::{doc_lines, js_string, js_value, jsdoc};

/// How tightly a rendered type binds, for parentheses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Prec {
    Union,
    Intersection,
    Primary,
}

/// The `propertyNames` pattern of a JSON object used as an array-like map (`{ [key: number]: T }`).
const INDEX_KEYS: &str = "^(0|[1-9][0-9]*)$";

impl Gen<'_> {
    /// A type expression for `shape`; `indent` is the indentation of the line it starts on.
    pub(crate) fn ty(&self, shape: &Shape, indent: &str) -> String {
        self.ty_prec(shape, indent).0
    }

    fn wrap(&self, shape: &Shape, indent: &str, min: Prec) -> String {
        let (s, p) = self.ty_prec(shape, indent);
        if p < min { format!("({s})") } else { s }
    }

    pub(crate) fn ty_prec(&self, shape: &Shape, indent: &str) -> (String, Prec) {
        match shape {
            // `any`, as the vendor writes `IntegrationConfig` and the logger's `data`.
            Shape::Any => ("any".into(), Prec::Primary),
            Shape::Null => ("null".into(), Prec::Primary),
            Shape::Boolean => ("boolean".into(), Prec::Primary),
            Shape::Integer(_) | Shape::Number(_) => ("number".into(), Prec::Primary),
            Shape::String(_) => ("string".into(), Prec::Primary),
            Shape::Const { value } => literal_type(value),
            Shape::Ref { name, args } => (self.ref_type(name, args, indent), Prec::Primary),
            Shape::TypeParam { name } => (self.type_param_name(name), Prec::Primary),
            Shape::Nullable { inner } => {
                // `|` is associative: a union inside needs no parentheses.
                let s = self.wrap(inner, indent, Prec::Union);
                (format!("{s} | null"), Prec::Union)
            }
            Shape::Array(a) => (
                format!("{}[]", self.wrap(&a.items, indent, Prec::Primary)),
                Prec::Primary,
            ),
            Shape::Map(m) => (self.map_type(m, indent), Prec::Primary),
            Shape::Object(o) => self.object_decl(o, indent),
            Shape::Enum(e) => enum_union(e),
            Shape::Union(u) => self.union_type(u, indent),
        }
    }

    /// A generic default: "any JSON value" is `unknown` there (the vendor's `T = unknown[]`), not
    /// the `any` fields use; everything else as usual.
    fn default_type(&self, shape: &Shape) -> String {
        match shape {
            Shape::Any => "unknown".to_owned(),
            Shape::Array(a) if matches!(a.items, Shape::Any | Shape::Array(_)) => {
                format!("{}[]", self.default_type(&a.items))
            }
            _ => self.ty(shape, ""),
        }
    }

    fn ref_type(&self, name: &str, args: &[Shape], indent: &str) -> String {
        let ts = self
            .type_names
            .get(name)
            .cloned()
            .unwrap_or_else(|| "unknown".to_owned());
        if args.is_empty()
            || self
                .ir
                .types
                .get(name)
                .is_none_or(|d| d.type_params.is_empty())
        {
            return ts;
        }
        let args: Vec<String> = args.iter().map(|a| self.ty(a, indent)).collect();
        format!("{ts}<{}>", args.join(", "))
    }

    pub(crate) fn type_param_name(&self, name: &str) -> String {
        super::names::type_name(name)
    }

    fn map_type(&self, m: &MapShape, indent: &str) -> String {
        let mut v = self.ty(&m.values, indent);
        // A record value of `undefined` is what JSON calls absent (JSON.stringify drops it), which a
        // map always allows; where the schema already admits "no value" (null), say so, as the
        // vendor does (`InteractionScreen`, `CustomTransferData`).
        if self.admits_null(&m.values) {
            v = format!("{v} | undefined");
        }
        if m.key_pattern.as_deref() == Some(INDEX_KEYS) {
            format!("{{ [key: number]: {v} }}")
        } else {
            format!("Record<string, {v}>")
        }
    }

    fn admits_null(&self, shape: &Shape) -> bool {
        match self.ir.resolve(shape) {
            Shape::Null | Shape::Nullable { .. } => true,
            Shape::Union(u) => u.variants.iter().any(|v| self.admits_null(&v.shape)),
            _ => false,
        }
    }

    fn union_type(&self, u: &UnionShape, indent: &str) -> (String, Prec) {
        if u.variants.is_empty() {
            return ("never".into(), Prec::Primary);
        }
        let parts: Vec<String> = u
            .variants
            .iter()
            .map(|v| self.wrap(&v.shape, indent, Prec::Intersection))
            .collect();
        if parts.len() == 1 {
            return self.ty_prec(&u.variants[0].shape, indent);
        }
        (parts.join(" | "), Prec::Union)
    }

    /// `{ … }` with one field per line, each with its JSDoc.
    pub(crate) fn object_literal(&self, fields: &[Field], indent: &str) -> String {
        if fields.is_empty() {
            return "{}".into();
        }
        let inner = format!("{indent}  ");
        let mut out = String::from("{\n");
        for f in fields {
            let mut tags = Vec::new();
            if f.meta.deprecated {
                tags.push("@deprecated".to_owned());
            }
            out.push_str(&jsdoc(&inner, &self.prose(&f.meta), &tags));
            let opt = if f.required { "" } else { "?" };
            out.push_str(&format!(
                "{inner}{}{opt}: {};\n",
                property_key(&f.name),
                self.ty(&f.shape, &inner)
            ));
        }
        out.push_str(indent);
        out.push('}');
        out
    }

    /// Prose lines for an item's description and notes.
    pub(crate) fn prose(&self, meta: &adcontract_schema::ir::Meta) -> Vec<String> {
        meta.description
            .as_deref()
            .map(doc_lines)
            .unwrap_or_default()
    }

    /// The declaration(s) of one named type.
    pub(crate) fn type_decl(&self, def: &TypeDef, d: &mut String) {
        let name = self
            .type_names
            .get(&def.name)
            .cloned()
            .unwrap_or_else(|| def.name.clone());
        let mut tags = Vec::new();
        if def.meta.deprecated {
            tags.push("@deprecated".to_owned());
        }
        let prose = self.prose(&def.meta);
        // Enums the vendor exports a constant for.
        if let (Some(cn), Shape::Enum(e)) = (&def.const_name, &def.shape) {
            let cn = &super::names::const_name(cn);
            let codes = e
                .values
                .iter()
                .all(|v| v.code.is_some() && v.value.is_string())
                && !e.values.is_empty();
            if codes {
                let alias = upper_first(cn);
                let body: Vec<String> = e
                    .values
                    .iter()
                    .map(|v| {
                        let key = v.value.as_str().unwrap_or_default();
                        format!(
                            "  readonly {}: {};",
                            property_key(key),
                            v.code.unwrap_or_default()
                        )
                    })
                    .collect();
                d.push_str(&jsdoc("", &prose, &[]));
                d.push_str(&format!(
                    "export declare const {cn}: {{\n{}\n}};\n",
                    body.join("\n")
                ));
                if alias != name && !self.schema_type_ts_names.contains(&alias) {
                    d.push_str(&format!("export type {alias} = typeof {cn};\n"));
                }
                d.push_str(&jsdoc("", &prose, &tags));
                d.push_str(&format!("export type {name} = keyof typeof {cn};\n\n"));
            } else if def.const_widened {
                // The vendor's quirk, kept so that code written against its file compiles: the
                // array is declared without `as const`. The listed values stay available as
                // `Contract<Name>` (and are what the validators check).
                let items: Vec<String> =
                    e.values.iter().map(|v| literal_type(&v.value).0).collect();
                d.push_str(&jsdoc("", &prose, &[]));
                d.push_str(&format!("export declare const {cn}: string[];\n"));
                d.push_str(&jsdoc("", &prose, &tags));
                d.push_str(&format!("export type {name} = typeof {cn}[number];\n"));
                d.push_str(&jsdoc(
                    "",
                    &[format!(
                        "The values of `{name}` the contract lists (the vendor declares `{name}` as `string`)."
                    )],
                    &tags,
                ));
                d.push_str(&format!(
                    "export type {} = {};\n\n",
                    widened_narrow_name(&name),
                    items.join(" | ")
                ));
            } else {
                let items: Vec<String> =
                    e.values.iter().map(|v| literal_type(&v.value).0).collect();
                d.push_str(&jsdoc("", &prose, &[]));
                d.push_str(&format!(
                    "export declare const {cn}: readonly [{}];\n",
                    items.join(", ")
                ));
                d.push_str(&jsdoc("", &prose, &tags));
                d.push_str(&format!("export type {name} = typeof {cn}[number];\n\n"));
            }
            return;
        }
        let params = self.type_params_decl(def);
        d.push_str(&jsdoc("", &prose, &tags));
        let body = self.ty(&def.shape, "");
        d.push_str(&format!("export type {name}{params} = {body};\n\n"));
    }

    fn type_params_decl(&self, def: &TypeDef) -> String {
        if def.type_params.is_empty() {
            return String::new();
        }
        let ps: Vec<String> = def
            .type_params
            .iter()
            .enumerate()
            .map(|(i, p)| {
                // TypeScript lets a generic be used without arguments only when every
                // parameter has a default; an undeclared one becomes `unknown`.
                let dflt = def
                    .type_param_default(i)
                    .map_or_else(|| "unknown".to_owned(), |s| self.default_type(s));
                format!("{} = {dflt}", self.type_param_name(p))
            })
            .collect();
        format!("<{}>", ps.join(", "))
    }

    /// An object def: `Base & { own fields }` when it was flattened from named bases whose fields
    /// it repeats unchanged, else the flat literal.
    fn object_decl(&self, o: &ObjectShape, indent: &str) -> (String, Prec) {
        if !o.extends.is_empty() {
            let mut inherited: Vec<&Field> = Vec::new();
            let mut ok = true;
            for b in &o.extends {
                match self.ir.types.get(b).map(|d| self.ir.resolve(&d.shape)) {
                    Some(Shape::Object(bo))
                        if self
                            .ir
                            .types
                            .get(b)
                            .is_some_and(|d| d.type_params.is_empty()) =>
                    {
                        inherited.extend(bo.fields.iter())
                    }
                    _ => ok = false,
                }
            }
            let own: Vec<Field> = o
                .fields
                .iter()
                .filter(|f| !inherited.iter().any(|i| i.name == f.name))
                .cloned()
                .collect();
            let consistent = inherited.iter().all(|i| {
                o.fields
                    .iter()
                    .any(|f| f.name == i.name && f.required == i.required && f.shape == i.shape)
            });
            if ok && consistent {
                let mut parts: Vec<String> = o
                    .extends
                    .iter()
                    .map(|b| self.ref_type(b, &[], indent))
                    .collect();
                if !own.is_empty() {
                    parts.push(self.object_literal(&own, indent));
                }
                let prec = if parts.len() > 1 {
                    Prec::Intersection
                } else {
                    Prec::Primary
                };
                return (parts.join(" & "), prec);
            }
        }
        (self.object_literal(&o.fields, indent), Prec::Primary)
    }
}

/// A literal type for a JSON value.
pub(crate) fn literal_type(v: &Value) -> (String, Prec) {
    match v {
        Value::Null => ("null".into(), Prec::Primary),
        Value::Bool(b) => (b.to_string(), Prec::Primary),
        Value::Number(n) => (n.to_string(), Prec::Primary),
        Value::String(s) => (js_string(s), Prec::Primary),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(|i| literal_type(i).0).collect();
            (format!("[{}]", parts.join(", ")), Prec::Primary)
        }
        Value::Object(map) => {
            let parts: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", property_key(k), literal_type(v).0))
                .collect();
            (format!("{{ {} }}", parts.join("; ")), Prec::Primary)
        }
    }
}

fn enum_union(e: &EnumShape) -> (String, Prec) {
    match e.values.as_slice() {
        [] => ("never".into(), Prec::Primary),
        [one] => literal_type(&one.value),
        many => (
            many.iter()
                .map(|v| literal_type(&v.value).0)
                .collect::<Vec<_>>()
                .join(" | "),
            Prec::Union,
        ),
    }
}

/// The runtime value of an enum constant (`as const` array, or a name -> code object).
pub(crate) fn enum_const_js(e: &EnumShape) -> String {
    let codes = !e.values.is_empty()
        && e.values
            .iter()
            .all(|v| v.code.is_some() && v.value.is_string());
    if codes {
        let mut map = serde_json::Map::new();
        for v in &e.values {
            map.insert(
                v.value.as_str().unwrap_or_default().to_owned(),
                Value::from(v.code.unwrap_or_default()),
            );
        }
        js_value(&Value::Object(map))
    } else {
        js_value(&Value::Array(
            e.values.iter().map(|v| v.value.clone()).collect(),
        ))
    }
}

/// adcontract's own name for the listed values of an enum whose vendor constant is declared
/// without `as const` (`UserState` -> `ContractUserState`).
pub(crate) fn widened_narrow_name(name: &str) -> String {
    format!("Contract{name}")
}
