//! Cross-cutting checks over a lowered [`Contract`]: rules that need more than one subschema at
//! a time (the types a `$ref` names, the versions an item and its parent exist in, all values
//! of an enum). Rules about a single subschema are enforced while lowering.
//!
//! Each rule is one small function; all of them run and every problem is recorded.
//!
//! Regular expressions must be non-empty and within the ECMA-262 subset that
//! [`crate::pattern`] defines (the same scanner the validator and the TypeScript emitter use),
//! so a pattern refused anywhere is refused here first, with its pointer.

use std::collections::BTreeSet;

use crate::ir::{Availability, Constant, ConstantRole, Contract, Meta, Shape};
use crate::locate::Sink;

/// Runs every check; problems go to `sink`.
pub fn check(contract: &Contract, sink: Sink<'_>) {
    let cx = Cx {
        contract,
        sink,
        count: contract.versions.len(),
    };
    cx.version_ranges();
    cx.duplicates();
    cx.shapes();
    cx.alias_cycles();
    cx.method_errors();
    cx.constant_roles();
}

struct Cx<'a> {
    contract: &'a Contract,
    sink: Sink<'a>,
    count: usize,
}

/// Where a shape sits: the nearest item's location, the versions it exists in, the generic
/// parameters in scope.
#[derive(Clone)]
struct Place<'a> {
    at: &'a str,
    live: Vec<bool>,
    params: &'a [String],
}

impl<'a> Place<'a> {
    fn within(&self, meta: &'a Meta) -> Place<'a> {
        let live = self
            .live
            .iter()
            .enumerate()
            .map(|(v, l)| *l && meta.availability.contains(v))
            .collect();
        Place {
            at: &meta.pointer,
            live,
            params: self.params,
        }
    }
}

impl Cx<'_> {
    fn vid(&self, v: usize) -> &str {
        self.contract.versions.get(v).map_or("?", |x| x.id.as_str())
    }

    fn everywhere(&self) -> Vec<bool> {
        vec![true; self.count]
    }

    /// Calls `f(meta, parent availability)` for every item that carries a [`Meta`].
    fn each_meta(&self, f: &mut dyn FnMut(&Meta, Option<&Availability>)) {
        fn shape(
            s: &Shape,
            parent: &Availability,
            f: &mut dyn FnMut(&Meta, Option<&Availability>),
        ) {
            match s {
                Shape::Ref { args, .. } => args.iter().for_each(|a| shape(a, parent, f)),
                Shape::Nullable { inner } => shape(inner, parent, f),
                Shape::Array(a) => shape(&a.items, parent, f),
                Shape::Map(m) => shape(&m.values, parent, f),
                Shape::Object(o) => o.fields.iter().for_each(|x| {
                    f(&x.meta, Some(parent));
                    shape(&x.shape, &x.meta.availability, f);
                }),
                Shape::Enum(e) => e.values.iter().for_each(|x| f(&x.meta, Some(parent))),
                Shape::Union(u) => u.variants.iter().for_each(|x| {
                    f(&x.meta, Some(parent));
                    shape(&x.shape, &x.meta.availability, f);
                }),
                _ => {}
            }
        }
        for d in self.contract.types.values() {
            f(&d.meta, None);
            shape(&d.shape, &d.meta.availability, f);
        }
        for a in &self.contract.apis {
            f(&a.meta, None);
            for c in &a.constants {
                f(&c.meta, Some(&a.meta.availability));
            }
            for m in &a.methods {
                f(&m.meta, Some(&a.meta.availability));
                for p in &m.params {
                    f(&p.meta, Some(&m.meta.availability));
                    shape(&p.shape, &p.meta.availability, f);
                }
                if let Some(r) = &m.result {
                    shape(r, &m.meta.availability, f);
                }
            }
            for e in &a.events {
                f(&e.meta, Some(&a.meta.availability));
                for p in &e.params {
                    f(&p.meta, Some(&e.meta.availability));
                    shape(&p.shape, &p.meta.availability, f);
                }
                if let Some(r) = &e.response {
                    shape(r, &e.meta.availability, f);
                }
            }
        }
    }

    /// `since < until`, deprecation inside the range, children inside their parent's range.
    fn version_ranges(&self) {
        self.each_meta(&mut |meta, parent| {
            let a = meta.availability;
            if let (Some(s), Some(u)) = (a.since, a.until) {
                if s >= u {
                    self.sink.error_hint(
                        &meta.pointer,
                        format!(
                            "empty version range: since `{}` is not before until `{}`",
                            self.vid(s),
                            self.vid(u)
                        ),
                        "`until` is the first version in which the item is gone",
                    );
                }
            }
            if let Some(d) = a.deprecated {
                if a.since.is_some_and(|s| d < s) || a.until.is_some_and(|u| d >= u) {
                    self.sink.error(
                        &meta.pointer,
                        format!(
                            "deprecated from `{}`, outside the versions it exists in",
                            self.vid(d)
                        ),
                    );
                }
            }
            let Some(p) = parent else { return };
            if let Some(s) = a.since {
                if p.since.is_some_and(|ps| s < ps) {
                    self.sink.error_hint(
                        &meta.pointer,
                        format!(
                            "exists from `{}`, before its parent (from `{}`)",
                            self.vid(s),
                            self.vid(p.since.unwrap_or(0))
                        ),
                        "a child's range must lie within its parent's; drop the child's `since`",
                    );
                }
            }
            if let (Some(u), Some(pu)) = (a.until, p.until) {
                if u > pu {
                    self.sink.error_hint(
                        &meta.pointer,
                        format!(
                            "exists until `{}`, after its parent is gone (at `{}`)",
                            self.vid(u),
                            self.vid(pu)
                        ),
                        "a child's range must lie within its parent's; drop the child's `until`",
                    );
                }
            }
        });
    }

    /// Two items of the same name (or enum values) that exist in a common version.
    fn duplicates(&self) {
        for a in &self.contract.apis {
            let constants: Vec<(&str, &Meta)> = a
                .constants
                .iter()
                .map(|c| (c.name.as_str(), &c.meta))
                .collect();
            self.overlapping("constant", &constants);
            let methods: Vec<(&str, &Meta)> = a
                .methods
                .iter()
                .map(|m| (m.name.as_str(), &m.meta))
                .collect();
            self.overlapping("method", &methods);
            let events: Vec<(&str, &Meta)> = a
                .events
                .iter()
                .map(|e| (e.name.as_str(), &e.meta))
                .collect();
            self.overlapping("event", &events);
        }
        for d in self.contract.types.values() {
            self.duplicates_in(&d.shape);
        }
        for a in &self.contract.apis {
            for s in a
                .methods
                .iter()
                .flat_map(|m| m.params.iter().map(|p| &p.shape).chain(m.result.iter()))
            {
                self.duplicates_in(s);
            }
            for s in a
                .events
                .iter()
                .flat_map(|e| e.params.iter().map(|p| &p.shape).chain(e.response.iter()))
            {
                self.duplicates_in(s);
            }
        }
    }

    fn duplicates_in(&self, s: &Shape) {
        match s {
            Shape::Ref { args, .. } => args.iter().for_each(|a| self.duplicates_in(a)),
            Shape::Nullable { inner } => self.duplicates_in(inner),
            Shape::Array(a) => self.duplicates_in(&a.items),
            Shape::Map(m) => self.duplicates_in(&m.values),
            Shape::Object(o) => {
                let fields: Vec<(&str, &Meta)> = o
                    .fields
                    .iter()
                    .map(|f| (f.name.as_str(), &f.meta))
                    .collect();
                self.overlapping("field", &fields);
                o.fields.iter().for_each(|f| self.duplicates_in(&f.shape));
            }
            Shape::Enum(e) => {
                let texts: Vec<String> = e.values.iter().map(|v| v.value.to_string()).collect();
                let values: Vec<(&str, &Meta)> = texts
                    .iter()
                    .map(String::as_str)
                    .zip(e.values.iter().map(|v| &v.meta))
                    .collect();
                self.overlapping("enum value", &values);
            }
            Shape::Union(u) => u.variants.iter().for_each(|v| self.duplicates_in(&v.shape)),
            _ => {}
        }
    }

    fn overlapping(&self, what: &str, items: &[(&str, &Meta)]) {
        // Grouped by name first: an enum may have 100k values, and comparing each with every
        // earlier one made `generate` quadratic in its size.
        let mut earlier: std::collections::HashMap<&str, Vec<&Meta>> =
            std::collections::HashMap::new();
        for (name, meta) in items {
            let same = earlier.entry(name).or_default();
            if let Some(first) = same
                .iter()
                .find(|m| m.availability.overlaps(&meta.availability, self.count))
            {
                let shared = (0..self.count)
                    .find(|v| first.availability.contains(*v) && meta.availability.contains(*v))
                    .map_or("?", |v| self.vid(v));
                self.sink.error_hint(
                    &meta.pointer,
                    format!(
                        "{what} `{name}` is declared twice for version `{shared}` (first at {})",
                        first.pointer
                    ),
                    "give the two declarations disjoint version ranges",
                );
            }
            same.push(meta);
        }
    }

    /// Rules on shapes in context: references, generics, tags, enums, patterns, empty unions.
    fn shapes(&self) {
        for d in self.contract.types.values() {
            let place = Place {
                at: &d.meta.pointer,
                live: self.everywhere(),
                params: &d.type_params,
            };
            let place = place.within(&d.meta);
            self.shape(&d.shape, &place);
            self.type_param_defaults(d, &place);
        }
        for a in &self.contract.apis {
            let top = Place {
                at: &a.meta.pointer,
                live: self.everywhere(),
                params: &[],
            }
            .within(&a.meta);
            for m in &a.methods {
                let mp = top.within(&m.meta);
                m.params
                    .iter()
                    .for_each(|p| self.shape(&p.shape, &mp.within(&p.meta)));
                if let Some(r) = &m.result {
                    self.shape(r, &mp);
                }
            }
            for e in &a.events {
                let ep = top.within(&e.meta);
                e.params
                    .iter()
                    .for_each(|p| self.shape(&p.shape, &ep.within(&p.meta)));
                if let Some(r) = &e.response {
                    self.shape(r, &ep);
                }
            }
        }
    }

    fn shape(&self, s: &Shape, place: &Place<'_>) {
        match s {
            Shape::Ref { name, args } => {
                self.reference(name, args.len(), place);
                args.iter().for_each(|a| self.shape(a, place));
            }
            Shape::TypeParam { name } => {
                if !place.params.contains(name) {
                    self.sink.error(
                        place.at,
                        format!("type parameter `{name}` is not declared here"),
                    );
                }
            }
            Shape::String(r) => self.pattern(r.pattern.as_deref(), place),
            Shape::Nullable { inner } => self.shape(inner, place),
            Shape::Array(a) => self.shape(&a.items, place),
            Shape::Map(m) => {
                self.pattern(m.key_pattern.as_deref(), place);
                self.shape(&m.values, place);
            }
            Shape::Object(o) => o
                .fields
                .iter()
                .for_each(|f| self.shape(&f.shape, &place.within(&f.meta))),
            Shape::Enum(e) => {
                self.enum_values(e);
                self.not_empty("enum", e.values.iter().map(|v| &v.meta), place);
            }
            Shape::Union(u) => {
                self.not_empty("union", u.variants.iter().map(|v| &v.meta), place);
                self.tags(u, place);
                u.variants
                    .iter()
                    .for_each(|v| self.shape(&v.shape, &place.within(&v.meta)));
            }
            Shape::Any
            | Shape::Null
            | Shape::Boolean
            | Shape::Integer(_)
            | Shape::Number(_)
            | Shape::Const { .. } => {}
        }
    }

    /// Generic defaults: one per parameter (or none at all), each using only the parameters
    /// declared before it, and no parameter without a default after one with (as TypeScript
    /// requires).
    fn type_param_defaults(&self, d: &crate::ir::TypeDef, place: &Place<'_>) {
        let ds = &d.type_param_defaults;
        if ds.is_empty() {
            return;
        }
        if ds.len() != d.type_params.len() {
            self.sink.error(
                place.at,
                format!(
                    "`{}` has {} type parameter(s) but {} default slot(s)",
                    d.name,
                    d.type_params.len(),
                    ds.len()
                ),
            );
            return;
        }
        let mut seen_default = false;
        for (i, (p, dflt)) in d.type_params.iter().zip(ds).enumerate() {
            let Some(s) = dflt else {
                if seen_default {
                    self.sink.error_hint(
                        place.at,
                        format!("type parameter `{p}` has no default but follows one that has"),
                        "give it a default or move it before the defaulted ones",
                    );
                }
                continue;
            };
            seen_default = true;
            self.shape(s, place);
            let mut used = Vec::new();
            type_params_in(s, &mut used);
            let earlier = d.type_params.get(..i).unwrap_or_default();
            for u in used {
                if !earlier.contains(&u) {
                    self.sink.error_hint(
                        place.at,
                        format!("the default of type parameter `{p}` uses `{u}`"),
                        "a default may use only the parameters declared before it",
                    );
                }
            }
        }
    }

    /// The target exists, in every version the reference does, with the right number of
    /// generic arguments.
    fn reference(&self, name: &str, args: usize, place: &Place<'_>) {
        let Some(target) = self.contract.types.get(name) else {
            self.sink.error_hint(
                place.at,
                format!("unknown type `{name}`"),
                "define it in the types file's `$defs`",
            );
            return;
        };
        let missing: Vec<&str> = (0..self.count)
            .filter(|v| {
                place.live.get(*v).copied().unwrap_or(false)
                    && !target.meta.availability.contains(*v)
            })
            .map(|v| self.vid(v))
            .collect();
        if !missing.is_empty() {
            self.sink.error_hint(
                place.at,
                format!(
                    "refers to `{name}`, which does not exist in version {}",
                    quote_list(&missing)
                ),
                "narrow the referring item's range (x-since/x-until) or widen the type's",
            );
        }
        if args != target.type_params.len() {
            self.sink.error_hint(
                place.at,
                format!(
                    "`{name}` takes {} type argument(s), {args} given",
                    target.type_params.len()
                ),
                "list one schema per parameter in `x-type-args`",
            );
        }
    }

    /// A pattern must be non-empty and in the subset of [`crate::pattern`], the one test the
    /// validator and both emitters share, so no output reads a pattern another way.
    fn pattern(&self, pattern: Option<&str>, place: &Place<'_>) {
        match pattern {
            Some("") => self.sink.error_hint(
                place.at,
                "empty `pattern`",
                "remove it: an empty pattern matches everything",
            ),
            Some(p) => {
                if let Err(e) = crate::pattern::check(p) {
                    self.sink.error_hint(
                        place.at,
                        e.to_string(),
                        "rewrite it within the supported ECMA-262 subset (docs/validate.md, \"Patterns\"): no look-around, back-references or inline flags, repeat counts up to 1000",
                    );
                }
            }
            None => {}
        }
    }

    /// A union or enum must keep at least one branch in every version its holder exists in.
    fn not_empty<'m>(
        &self,
        what: &str,
        metas: impl Iterator<Item = &'m Meta> + Clone,
        place: &Place<'_>,
    ) {
        let empty: Vec<&str> = (0..self.count)
            .filter(|v| place.live.get(*v).copied().unwrap_or(false))
            .filter(|v| !metas.clone().any(|m| m.availability.contains(*v)))
            .map(|v| self.vid(v))
            .collect();
        if !empty.is_empty() {
            self.sink.error_hint(
                place.at,
                format!(
                    "this {what} has nothing left in version {}",
                    quote_list(&empty)
                ),
                "every version in which the item exists needs at least one branch or value",
            );
        }
    }

    fn enum_values(&self, e: &crate::ir::EnumShape) {
        for v in &e.values {
            if !(v.value.is_string() || v.value.is_i64() || v.value.is_u64()) {
                self.sink.error_hint(
                    &v.meta.pointer,
                    format!("enum value {} is neither a string nor an integer", v.value),
                    "model booleans and objects with `const` branches of a union",
                );
            }
        }
        let coded = e.values.iter().filter(|v| v.code.is_some()).count();
        if coded != 0 && coded != e.values.len() {
            for v in e.values.iter().filter(|v| v.code.is_none()) {
                self.sink.error_hint(
                    &v.meta.pointer,
                    format!(
                        "enum value {} has no `x-code`, but other values of this enum do",
                        v.value
                    ),
                    "give every value an `x-code`, or none",
                );
            }
        }
    }

    fn tags(&self, u: &crate::ir::UnionShape, place: &Place<'_>) {
        let Some(tag) = &u.tag else { return };
        for (i, v) in u.variants.iter().enumerate() {
            let Some(value) = &v.tag_value else {
                self.sink.error(
                    place.at,
                    format!("a variant of a union tagged by `{tag}` has no tag value"),
                );
                continue;
            };
            let clash = u.variants[..i].iter().find(|w| {
                w.tag_value.as_ref() == Some(value)
                    && w.meta
                        .availability
                        .overlaps(&v.meta.availability, self.count)
            });
            if clash.is_some() {
                self.sink.error_hint(
                    &v.meta.pointer,
                    format!("tag `{tag}` = {value} is used by two variants of this union"),
                    "tag values must be distinct among variants that exist in a common version",
                );
            }
        }
    }

    /// A type that is (through `$ref` and nullability) an alias of itself has no shape.
    fn alias_cycles(&self) {
        let mut reported = BTreeSet::new();
        for (start, def) in &self.contract.types {
            let mut seen = vec![start.as_str()];
            let mut shape = &def.shape;
            loop {
                let next = match shape {
                    Shape::Ref { name, .. } => name.as_str(),
                    Shape::Nullable { inner } => {
                        shape = inner;
                        continue;
                    }
                    _ => break,
                };
                if next == start {
                    let mut cycle = seen.clone();
                    cycle.sort_unstable();
                    if reported.insert(cycle) {
                        self.sink.error_hint(
                            &def.meta.pointer,
                            format!("alias cycle: {} -> {start}", seen.join(" -> ")),
                            "a type must not be defined as itself; give one of them a real shape",
                        );
                    }
                    break;
                }
                if seen.contains(&next) {
                    break; // a cycle not through `start`: reported from one of its members
                }
                seen.push(next);
                match self.contract.types.get(next) {
                    Some(d) => shape = &d.shape,
                    None => break,
                }
            }
        }
    }

    /// Method `errors` name values of `ResultErrorName`, when the contract defines it.
    fn method_errors(&self) {
        let Some(def) = self.contract.types.get("ResultErrorName") else {
            return;
        };
        let Shape::Enum(e) = &def.shape else { return };
        let known: BTreeSet<&str> = e.values.iter().filter_map(|v| v.value.as_str()).collect();
        for a in &self.contract.apis {
            for m in &a.methods {
                for (i, name) in m.errors.iter().enumerate() {
                    if !known.contains(name.as_str()) {
                        self.sink.error_hint(
                            &format!("{}/errors/{i}", m.meta.pointer),
                            format!("`{name}` is not a `ResultErrorName` value"),
                            "list only values of the ResultErrorName enum",
                        );
                    }
                }
            }
        }
    }

    /// A role names one value per version: never two constants for it in one version, and
    /// none missing from a version of the API once any version declares one (a view without
    /// it would silently fall back to a default).
    fn constant_roles(&self) {
        for a in &self.contract.apis {
            let mut roles: Vec<ConstantRole> = a.constants.iter().filter_map(|c| c.role).collect();
            roles.sort_unstable();
            roles.dedup();
            for role in roles {
                let with: Vec<&Constant> = a
                    .constants
                    .iter()
                    .filter(|c| c.role == Some(role))
                    .collect();
                let role_name = role_text(role);
                for (i, c) in with.iter().enumerate() {
                    let Some(first) = with[..i].iter().find(|f| {
                        f.meta
                            .availability
                            .overlaps(&c.meta.availability, self.count)
                    }) else {
                        continue;
                    };
                    let shared = (0..self.count)
                        .find(|v| {
                            first.meta.availability.contains(*v) && c.meta.availability.contains(*v)
                        })
                        .map_or("?", |v| self.vid(v));
                    self.sink.error_hint(
                        &c.meta.pointer,
                        format!(
                            "constants `{}` and `{}` both have role `{role_name}` in version `{shared}`",
                            first.name, c.name
                        ),
                        "a role names one value per version: give them disjoint version ranges",
                    );
                }
                let missing: Vec<&str> = (0..self.count)
                    .filter(|v| a.meta.availability.contains(*v))
                    .filter(|v| !with.iter().any(|c| c.meta.availability.contains(*v)))
                    .map(|v| self.vid(v))
                    .collect();
                if !missing.is_empty() {
                    self.sink.error_hint(
                        with.first().map_or(a.meta.pointer.as_str(), |c| &c.meta.pointer),
                        format!(
                            "no constant has role `{role_name}` in version {}, though other versions have one",
                            quote_list(&missing)
                        ),
                        "extend the ranges of the role's constants over every version of the API",
                    );
                }
            }
        }
    }
}

/// The format's spelling of a role.
fn role_text(role: ConstantRole) -> &'static str {
    match role {
        ConstantRole::ResponseSuffix => "responseSuffix",
    }
}

/// Every generic parameter a shape uses, in first-use order.
fn type_params_in(s: &Shape, out: &mut Vec<String>) {
    match s {
        Shape::TypeParam { name } => {
            if !out.contains(name) {
                out.push(name.clone());
            }
        }
        Shape::Ref { args, .. } => args.iter().for_each(|a| type_params_in(a, out)),
        Shape::Nullable { inner } => type_params_in(inner, out),
        Shape::Array(a) => type_params_in(&a.items, out),
        Shape::Map(m) => type_params_in(&m.values, out),
        Shape::Object(o) => o.fields.iter().for_each(|f| type_params_in(&f.shape, out)),
        Shape::Union(u) => u
            .variants
            .iter()
            .for_each(|v| type_params_in(&v.shape, out)),
        Shape::Any
        | Shape::Null
        | Shape::Boolean
        | Shape::Integer(_)
        | Shape::Number(_)
        | Shape::String(_)
        | Shape::Const { .. }
        | Shape::Enum(_) => {}
    }
}

fn quote_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Diagnostic, Diagnostics};
    use crate::ir::{Field, Meta, Shape};
    use crate::test_util::{api_doc, assert_one, diagnostics, types_diagnostics, types_doc};

    /// Compiles a fixture, changes the contract in a way no source document can, and checks it.
    fn check_changed(defs: &str, change: impl FnOnce(&mut Contract)) -> Vec<Diagnostic> {
        let doc =
            crate::load::load_str("a.json", &api_doc(""), "t.json", &types_doc(defs)).unwrap();
        let mut contract = crate::compile_document(&doc).unwrap();
        change(&mut contract);
        let map = doc.source_map();
        let cx = Diagnostics::new("a.json");
        check(
            &contract,
            Sink {
                cx: &cx,
                map: &map,
                default_file: "a.json",
            },
        );
        cx.finish().err().map(|e| e.0).unwrap_or_default()
    }

    const WIDGET: &str = r#"{"id": "widget", "title": "W", "entry": "e", "style": "promise","#;

    #[test]
    fn empty_version_range() {
        let d = types_diagnostics(
            "\"A\": {\"type\": \"string\", \"x-since\": \"b\", \"x-until\": \"b\"}",
        );
        assert_one(
            &d,
            "empty version range: since `b` is not before until `b`",
            "/$defs/A",
            3,
        );
    }

    #[test]
    fn deprecated_outside_the_range() {
        let d = types_diagnostics("\"A\": {\"x-since\": \"b\", \"x-deprecated\": \"a\"}");
        assert_one(
            &d,
            "deprecated from `a`, outside the versions it exists in",
            "/$defs/A",
            3,
        );
    }

    #[test]
    fn child_before_its_parent() {
        let d = types_diagnostics(
            "\"A\": {\"x-since\": \"b\", \"type\": \"object\", \"properties\": {\n\"p\": {\"x-since\": \"a\"}}}",
        );
        assert_one(
            &d,
            "exists from `a`, before its parent (from `b`)",
            "/$defs/A/properties/p",
            4,
        );
    }

    #[test]
    fn child_after_its_parent() {
        let d = types_diagnostics(
            "\"A\": {\"x-until\": \"b\", \"type\": \"object\", \"properties\": {\n\"p\": {\"x-until\": \"c\"}}}",
        );
        assert_one(
            &d,
            "exists until `c`, after its parent is gone (at `b`)",
            "/$defs/A/properties/p",
            4,
        );
    }

    #[test]
    fn overlapping_methods() {
        let api = format!(
            "{WIDGET} \"methods\": [\n{{\"name\": \"m\", \"wire\": \"M\"}},\n{{\"name\": \"m\", \"wire\": \"M2\", \"since\": \"b\"}}]}}"
        );
        let d = diagnostics(&api_doc(&api), &types_doc(""));
        let e = assert_one(
            &d,
            "method `m` is declared twice for version `b`",
            "/apis/0/methods/1",
            8,
        );
        assert!(
            e.message.contains("first at a.json#/apis/0/methods/0"),
            "{e}"
        );
    }

    #[test]
    fn disjoint_duplicates_are_fine() {
        let api = format!(
            "{WIDGET} \"methods\": [\n{{\"name\": \"m\", \"wire\": \"M\", \"until\": \"b\"}},\n{{\"name\": \"m\", \"wire\": \"M2\", \"since\": \"b\"}}]}}"
        );
        assert!(diagnostics(&api_doc(&api), &types_doc("")).is_empty());
    }

    #[test]
    fn duplicate_enum_value() {
        let d = types_diagnostics("\"A\": {\"enum\": [\"a\", \"a\"]}");
        assert_one(
            &d,
            "enum value `\"a\"` is declared twice for version `a`",
            "/$defs/A/enum/1",
            3,
        );
    }

    #[test]
    fn duplicate_field() {
        let d = check_changed(
            "\"A\": {\"type\": \"object\", \"properties\": {\"p\": {}}}",
            |c| {
                if let Some(Shape::Object(o)) = c.types.get_mut("A").map(|d| &mut d.shape) {
                    let mut again: Field = o.fields[0].clone();
                    again.meta = Meta {
                        pointer: "t.json#/$defs/A".into(),
                        ..Meta::default()
                    };
                    o.fields.push(again);
                }
            },
        );
        assert_one(
            &d,
            "field `p` is declared twice for version `a`",
            "/$defs/A",
            3,
        );
    }

    #[test]
    fn unknown_type() {
        let d = types_diagnostics("\"A\": {\"$ref\": \"#/$defs/Nope\"}");
        assert_one(&d, "unknown type `Nope`", "/$defs/A", 3);
    }

    #[test]
    fn reference_to_a_type_missing_in_a_version() {
        let d = types_diagnostics(
            "\"A\": {\"type\": \"object\", \"properties\": {\n\"p\": {\"$ref\": \"#/$defs/B\"}}},\n\"B\": {\"type\": \"string\", \"x-since\": \"b\"}",
        );
        assert_one(
            &d,
            "refers to `B`, which does not exist in version `a`",
            "/$defs/A/properties/p",
            4,
        );
    }

    #[test]
    fn versioned_reference_is_fine() {
        let d = types_diagnostics(
            "\"A\": {\"type\": \"object\", \"properties\": {\"p\": {\"$ref\": \"#/$defs/B\", \"x-since\": \"b\"}}},\n\"B\": {\"type\": \"string\", \"x-since\": \"b\"}",
        );
        assert!(d.is_empty(), "{}", crate::test_util::render(&d));
    }

    #[test]
    fn generic_arity() {
        let d = types_diagnostics(
            "\"G\": {\"x-type-params\": [\"T\"], \"type\": \"array\", \"items\": {\"x-type-param\": \"T\"}},\n\"U\": {\"$ref\": \"#/$defs/G\"}",
        );
        assert_one(&d, "`G` takes 1 type argument(s), 0 given", "/$defs/U", 4);
    }

    #[test]
    fn default_uses_its_own_parameter() {
        let d = types_diagnostics(
            "\"G\": {\"x-type-params\": [{\"name\": \"T\", \"default\": {\"type\": \"array\", \"items\": {\"x-type-param\": \"T\"}}}], \"type\": \"array\", \"items\": {\"x-type-param\": \"T\"}}",
        );
        assert_one(
            &d,
            "the default of type parameter `T` uses `T`",
            "/$defs/G",
            3,
        );
    }

    #[test]
    fn default_may_use_an_earlier_parameter() {
        let d = types_diagnostics(
            "\"G\": {\"x-type-params\": [\"K\", {\"name\": \"T\", \"default\": {\"x-type-param\": \"K\"}}], \"type\": \"array\", \"items\": {\"x-type-param\": \"T\"}}",
        );
        assert!(d.is_empty(), "{}", crate::test_util::render(&d));
    }

    #[test]
    fn required_parameter_after_a_defaulted_one() {
        let d = types_diagnostics(
            "\"G\": {\"x-type-params\": [{\"name\": \"T\", \"default\": {}}, \"U\"], \"type\": \"array\"}",
        );
        assert_one(
            &d,
            "type parameter `U` has no default but follows one that has",
            "/$defs/G",
            3,
        );
    }

    #[test]
    fn default_slots_must_match_the_parameters() {
        let d = check_changed(
            "\"G\": {\"x-type-params\": [\"T\"], \"type\": \"array\"}",
            |c| {
                if let Some(g) = c.types.get_mut("G") {
                    g.type_param_defaults = vec![None, Some(Shape::Null)];
                }
            },
        );
        assert_one(
            &d,
            "`G` has 1 type parameter(s) but 2 default slot(s)",
            "/$defs/G",
            3,
        );
    }

    #[test]
    fn undeclared_type_parameter() {
        let d = check_changed("\"A\": {\"type\": \"array\"}", |c| {
            if let Some(Shape::Array(a)) = c.types.get_mut("A").map(|d| &mut d.shape) {
                a.items = Shape::TypeParam { name: "T".into() };
            }
        });
        assert_one(&d, "type parameter `T` is not declared here", "/$defs/A", 3);
    }

    #[test]
    fn tag_values_must_be_distinct() {
        let defs = "\"X\": {\"properties\": {\"k\": {\"const\": \"x\"}}, \"required\": [\"k\"]},\n\"Y\": {\"properties\": {\"k\": {\"const\": \"y\"}}, \"required\": [\"k\"]},\n\"U\": {\"oneOf\": [{\"$ref\": \"#/$defs/X\"},\n{\"$ref\": \"#/$defs/Y\"}]}";
        let d = check_changed(defs, |c| {
            if let Some(Shape::Union(u)) = c.types.get_mut("U").map(|d| &mut d.shape) {
                assert_eq!(u.tag.as_deref(), Some("k"));
                u.variants[1].tag_value = Some(serde_json::json!("x"));
            }
        });
        assert_one(
            &d,
            "tag `k` = \"x\" is used by two variants",
            "/$defs/U/oneOf/1",
            6,
        );
    }

    #[test]
    fn x_code_on_some_values_only() {
        let d = types_diagnostics(
            "\"A\": {\"enum\": [\"a\", \"b\"], \"x-enum\": {\"a\": {\"x-code\": 1}}}",
        );
        assert_one(
            &d,
            "enum value \"b\" has no `x-code`, but other values of this enum do",
            "/$defs/A/enum/1",
            3,
        );
    }

    #[test]
    fn enum_value_of_wrong_type() {
        let d = types_diagnostics("\"A\": {\"enum\": [\"a\", true]}");
        assert_one(
            &d,
            "enum value true is neither a string nor an integer",
            "/$defs/A/enum/1",
            3,
        );
    }

    #[test]
    fn alias_cycle() {
        let d = types_diagnostics(
            "\"A\": {\"$ref\": \"#/$defs/B\"},\n\"B\": {\"anyOf\": [{\"$ref\": \"#/$defs/A\"}, {\"type\": \"null\"}]}",
        );
        assert_one(&d, "alias cycle: A -> B -> A", "/$defs/A", 3);
    }

    #[test]
    fn recursion_through_an_object_is_not_a_cycle() {
        let d = types_diagnostics(
            "\"A\": {\"type\": \"object\", \"properties\": {\"next\": {\"$ref\": \"#/$defs/A\"}}}",
        );
        assert!(d.is_empty(), "{}", crate::test_util::render(&d));
    }

    #[test]
    fn method_error_names() {
        let api = format!(
            "{WIDGET} \"methods\": [\n{{\"name\": \"m\", \"wire\": \"M\", \"errors\": [\"no_interaction\"]}}]}}"
        );
        let d = diagnostics(
            &api_doc(&api),
            &types_doc("\"ResultErrorName\": {\"enum\": [\"not_ready\"]}"),
        );
        assert_one(
            &d,
            "`no_interaction` is not a `ResultErrorName` value",
            "/apis/0/methods/0/errors/0",
            7,
        );
    }

    #[test]
    fn unsupported_patterns_are_refused_with_their_pointer() {
        let d = types_diagnostics(
            "\"A\": {\"type\": \"string\", \"pattern\": \"^(?=a)\"},\n\"B\": {\"type\": \"object\", \"properties\": {\"x\": {\"type\": \"string\", \"pattern\": \"^[0-9]{99999999}$\"}}}",
        );
        let texts: Vec<String> = d.iter().map(ToString::to_string).collect();
        assert_eq!(d.len(), 2, "{texts:#?}");
        assert!(
            texts[0].contains("/$defs/A") && texts[0].contains("look-around assertion"),
            "{}",
            texts[0]
        );
        assert!(
            texts[1].contains("/$defs/B/properties/x")
                && texts[1].contains("the repeat count 99999999 is larger than 1000")
                && texts[1].contains("hint: "),
            "{}",
            texts[1]
        );
    }

    #[test]
    fn empty_pattern() {
        let d = types_diagnostics("\"A\": {\"type\": \"string\", \"pattern\": \"\"}");
        assert_one(&d, "empty `pattern`", "/$defs/A", 3);
    }

    #[test]
    fn union_with_nothing_left() {
        let d = types_diagnostics(
            "\"A\": {\"anyOf\": [{\"type\": \"string\", \"x-until\": \"b\"}, {\"type\": \"number\", \"x-until\": \"b\"}]}",
        );
        assert_one(
            &d,
            "this union has nothing left in version `b`, `c`",
            "/$defs/A",
            3,
        );
    }

    #[test]
    fn enum_with_nothing_left() {
        let d = types_diagnostics(
            "\"A\": {\"enum\": [\"a\"], \"x-enum\": {\"a\": {\"x-since\": \"c\"}}}",
        );
        assert_one(
            &d,
            "this enum has nothing left in version `a`, `b`",
            "/$defs/A",
            3,
        );
    }

    /// A widget API on line 6 whose constants are on lines 7 onwards, one per line.
    fn with_constants(constants: &[&str]) -> Vec<Diagnostic> {
        let api = format!("{WIDGET} \"constants\": [\n{}]}}", constants.join(",\n"));
        diagnostics(&api_doc(&api), &types_doc(""))
    }

    #[test]
    fn constants_may_rename_between_versions() {
        let d = with_constants(&[
            r#"{"name": "responseSuffix", "value": "_R", "role": "responseSuffix", "until": "b"}"#,
            r#"{"name": "RESPONSE_SUFFIX", "value": "_R", "role": "responseSuffix", "since": "b"}"#,
        ]);
        assert!(d.is_empty(), "{}", crate::test_util::render(&d));
    }

    #[test]
    fn two_constants_with_one_role_in_a_version() {
        let d = with_constants(&[
            r#"{"name": "responseSuffix", "value": "_R", "role": "responseSuffix"}"#,
            r#"{"name": "RESPONSE_SUFFIX", "value": "_R", "role": "responseSuffix", "since": "c"}"#,
        ]);
        assert_one(
            &d,
            "constants `responseSuffix` and `RESPONSE_SUFFIX` both have role `responseSuffix` in version `c`",
            "/apis/0/constants/1",
            8,
        );
    }

    #[test]
    fn a_role_must_cover_every_version() {
        let d = with_constants(&[
            r#"{"name": "responseSuffix", "value": "_R", "role": "responseSuffix", "until": "b"}"#,
        ]);
        assert_one(
            &d,
            "no constant has role `responseSuffix` in version `b`, `c`",
            "/apis/0/constants/0",
            7,
        );
    }

    #[test]
    fn constant_declared_twice() {
        let d = with_constants(&[
            r#"{"name": "K", "value": "1"}"#,
            r#"{"name": "K", "value": "2", "since": "b"}"#,
        ]);
        assert_one(
            &d,
            "constant `K` is declared twice for version `b`",
            "/apis/0/constants/1",
            8,
        );
    }

    #[test]
    fn constant_outside_its_api() {
        let api = r#"{"id": "widget", "title": "W", "entry": "e", "style": "promise", "since": "b", "constants": [
{"name": "K", "value": "1", "since": "a"}]}"#;
        let d = diagnostics(&api_doc(api), &types_doc(""));
        assert_one(
            &d,
            "exists from `a`, before its parent (from `b`)",
            "/apis/0/constants/0",
            7,
        );
    }
}
