//! Lowering: the loaded documents -> [`crate::ir::Contract`], collecting every problem on the way.
//!
//! Like serde_derive's attribute parsing, lowering never stops at a problem: it records a
//! diagnostic, substitutes something harmless (`Shape::Any`, an empty list) and carries on, so one
//! run reports every mistake. The caller must gate on the accumulator before using the result.
//!
//! Submodules: `keywords` (the accepted subset), `meta` (annotations and version ranges),
//! `shape` (JSON Schema -> [`crate::ir::Shape`]), `api` (the API description), `tags` (union
//! discriminators, found once every type is known).

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::diag::pointer_push;
use crate::ir::{Contract, TypeDef, Version};
use crate::load::Document;
use crate::locate::Sink;
use crate::model::types::TypesDocument;

mod api;
mod keywords;
mod meta;
mod shape;
mod tags;

/// The name of the type a standalone schema's root becomes.
pub const STANDALONE_ROOT: &str = "Root";
/// The one version of a standalone contract.
pub const STANDALONE_VERSION: &str = "standalone";

/// The one version of a contract lowered from a plain types document: the name the canonical
/// schema gives its newest version, so `latest` means the same thing for every schema.
pub const PLAIN_VERSION: &str = "latest";

/// Lowers both documents. Problems go to `sink`; the result is meaningful only if none is an error.
pub fn lower(doc: &Document, sink: Sink<'_>) -> Contract {
    let versions = lower_versions(doc, sink);
    let ids: Vec<String> = versions.iter().map(|v| v.id.clone()).collect();
    let lw = Lowerer::new(sink, &ids, &doc.types, Mode::Types);
    let mut types = lw.lower_all_defs();
    let mut apis = api::lower_apis(&lw, doc);
    tags::detect(&mut types, &mut apis, ids.len());
    Contract {
        versions,
        types,
        apis,
    }
}

/// Lowers a plain JSON Schema 2020-12 types document: every `$defs` entry becomes a type, under
/// the same rules as the canonical types file, in one version [`PLAIN_VERSION`] and with no API.
pub fn lower_plain(doc: &TypesDocument, sink: Sink<'_>) -> Contract {
    let ids = vec![PLAIN_VERSION.to_owned()];
    let lw = Lowerer::new(sink, &ids, doc, Mode::Plain);
    let mut types = lw.lower_all_defs();
    if types.is_empty() && !sink.cx.has_errors() {
        sink.error_hint(
            &lw.at(""),
            "the document defines no types",
            "write each type as an entry of `$defs`: { \"$defs\": { \"MyType\": { \"type\": \"object\", … } } }",
        );
    }
    let mut apis = Vec::new();
    tags::detect(&mut types, &mut apis, 1);
    Contract {
        versions: vec![Version {
            id: PLAIN_VERSION.to_owned(),
            label: PLAIN_VERSION.to_owned(),
            date: None,
            vendor_commit: None,
            description: None,
        }],
        types,
        apis,
    }
}

/// Lowers a bare JSON Schema document: its root becomes the type [`STANDALONE_ROOT`], its
/// `$defs` the other types, in one version [`STANDALONE_VERSION`].
pub fn lower_standalone(doc: &TypesDocument, sink: Sink<'_>) -> Contract {
    let ids = vec![STANDALONE_VERSION.to_owned()];
    let lw = Lowerer::new(sink, &ids, doc, Mode::Standalone);
    let mut types = lw.lower_all_defs();
    if types.contains_key(STANDALONE_ROOT) {
        sink.error_hint(
            &lw.at("/$defs/Root"),
            "`Root` names the root schema of a standalone document",
            "rename this $defs entry",
        );
    }
    let root = lw.lower_root();
    types.insert(STANDALONE_ROOT.to_owned(), root);
    let mut apis = Vec::new();
    tags::detect(&mut types, &mut apis, 1);
    let version = Version {
        id: STANDALONE_VERSION.to_owned(),
        label: STANDALONE_VERSION.to_owned(),
        date: None,
        vendor_commit: None,
        description: None,
    };
    Contract {
        versions: vec![version],
        types,
        apis,
    }
}

fn lower_versions(doc: &Document, sink: Sink<'_>) -> Vec<Version> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    if doc.api.versions.is_empty() {
        sink.error_hint(
            &format!("{}#/versions", doc.api_name),
            "no versions listed",
            "list at least one version",
        );
    }
    for (i, v) in doc.api.versions.iter().enumerate() {
        if !seen.insert(v.id.clone()) {
            sink.error(
                &format!("{}#/versions/{i}/id", doc.api_name),
                format!("version `{}` is listed twice", v.id),
            );
        }
        out.push(Version {
            id: v.id.clone(),
            label: v.label.clone(),
            date: v.date.clone(),
            vendor_commit: v.vendor_commit.clone(),
            description: v.description.clone(),
        });
    }
    out
}

/// Which kind of document the types come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The types file of an API description.
    Types,
    /// A plain types document given on its own (the same rules; other hints).
    Plain,
    /// A bare schema whose root is a type too (JSON-Schema-Test-Suite cases).
    Standalone,
}

/// The state of one lowering run.
pub(crate) struct Lowerer<'a> {
    pub(crate) sink: Sink<'a>,
    /// Version ids, oldest first; ranges are indices into this.
    pub(crate) versions: &'a [String],
    /// The types document's name (prefix of its pointers and of the API file's `$ref`s).
    pub(crate) types_name: &'a str,
    types: &'a TypesDocument,
    /// A standalone document: `#` refers to the root.
    standalone: bool,
    /// A plain types document: root keywords get a hint about `$defs`.
    plain: bool,
    done: RefCell<BTreeMap<String, Option<TypeDef>>>,
    in_progress: RefCell<Vec<String>>,
}

/// Where a subschema is lowered: which file, how its `$ref`s are written, which generic
/// parameters are in scope.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scope<'s> {
    pub(crate) file: &'s str,
    /// `#/$defs/` in the types file, `<types file>#/$defs/` in the API file.
    pub(crate) ref_prefix: &'s str,
    pub(crate) type_params: &'s [String],
}

impl<'a> Lowerer<'a> {
    fn new(sink: Sink<'a>, versions: &'a [String], types: &'a TypesDocument, mode: Mode) -> Self {
        Lowerer {
            sink,
            versions,
            types_name: &types.name,
            types,
            standalone: mode == Mode::Standalone,
            plain: mode == Mode::Plain,
            done: RefCell::new(BTreeMap::new()),
            in_progress: RefCell::new(Vec::new()),
        }
    }

    /// A location in the types file.
    pub(crate) fn at(&self, pointer: &str) -> String {
        format!("{}#{pointer}", self.types_name)
    }

    fn raw_defs(&self) -> Option<&'a Map<String, Value>> {
        self.types.root.get("$defs").and_then(Value::as_object)
    }

    /// Whether the types file defines `name`.
    pub(crate) fn has_def(&self, name: &str) -> bool {
        self.raw_defs().is_some_and(|d| d.contains_key(name))
            || (self.standalone && name == STANDALONE_ROOT)
    }

    fn lower_all_defs(&self) -> BTreeMap<String, TypeDef> {
        let root = &self.types.root;
        let Some(root_obj) = root.as_object() else {
            self.sink.error_hint(
                &self.at(""),
                "the types document must be a JSON object",
                "write `{ \"$defs\": { … } }`",
            );
            return BTreeMap::new();
        };
        if !self.standalone {
            for key in root_obj.keys() {
                let ok = [
                    "$schema",
                    "$id",
                    "$defs",
                    "$comment",
                    "title",
                    "description",
                ]
                .contains(&key.as_str());
                if !ok && self.plain {
                    let hint = if key == "definitions" {
                        "write the types under `$defs` (the 2020-12 name of `definitions`)"
                    } else {
                        "every `$defs` entry becomes a type and the root itself is none: move this into a `$defs` entry (the root may hold only $schema, $id, $defs, $comment, title, description)"
                    };
                    self.sink.error_hint(
                        &self.at(&pointer_push("", key)),
                        format!("unsupported keyword `{key}` at the root of a types document"),
                        hint,
                    );
                } else if !ok {
                    self.sink.error_hint(
                        &self.at(&pointer_push("", key)),
                        format!("unsupported keyword `{key}` at the root of the types file"),
                        "the types file holds only `$defs` (plus $schema, $id, $comment, title, description)",
                    );
                }
            }
        }
        match root_obj.get("$defs") {
            None => {}
            Some(Value::Object(defs)) => {
                for name in defs.keys() {
                    self.def(name, &pointer_push("/$defs", name));
                }
            }
            Some(_) => self
                .sink
                .error(&self.at("/$defs"), "`$defs` must be an object"),
        }
        let done = self.done.borrow();
        done.iter()
            .filter_map(|(k, v)| v.clone().map(|d| (k.clone(), d)))
            .collect()
    }

    /// Lowers (once) the `$defs` entry `name`; `None` if it does not exist or is part of an
    /// `allOf` cycle. `from` is where it was asked for, for the cycle diagnostic.
    pub(crate) fn def(&self, name: &str, from: &str) -> Option<TypeDef> {
        if let Some(d) = self.done.borrow().get(name) {
            return d.clone();
        }
        if self.in_progress.borrow().iter().any(|n| n == name) {
            let chain = self.in_progress.borrow().join(" -> ");
            self.sink.error_hint(
                &self.at(from),
                format!("`allOf` cycle: {chain} -> {name}"),
                "a type cannot extend itself, directly or through other types",
            );
            return None;
        }
        let raw = self.raw_defs().and_then(|d| d.get(name))?;
        self.in_progress.borrow_mut().push(name.to_owned());
        let pointer = pointer_push("/$defs", name);
        let def = self.lower_def(name, raw, &pointer, false);
        self.in_progress.borrow_mut().pop();
        self.done
            .borrow_mut()
            .insert(name.to_owned(), Some(def.clone()));
        Some(def)
    }

    fn lower_root(&self) -> TypeDef {
        self.lower_def(STANDALONE_ROOT, &self.types.root, "", true)
    }

    fn lower_def(&self, name: &str, raw: &Value, pointer: &str, is_root: bool) -> TypeDef {
        let empty = Map::new();
        let obj = raw.as_object().unwrap_or(&empty);
        let (type_params, raw_defaults) = self.type_params(obj, pointer);
        let const_name = match obj.get("x-const-name") {
            None => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                self.sink.error(
                    &self.at(&format!("{pointer}/x-const-name")),
                    "`x-const-name` must be a string",
                );
                None
            }
        };
        let const_widened = match obj.get("x-const-widened") {
            None | Some(Value::Bool(false)) => false,
            Some(Value::Bool(true)) if const_name.is_some() => true,
            Some(Value::Bool(true)) => {
                self.sink.error_hint(
                    &self.at(&format!("{pointer}/x-const-widened")),
                    "`x-const-widened` without `x-const-name`",
                    "it says how the vendor declares the constant `x-const-name` names",
                );
                false
            }
            Some(_) => {
                self.sink.error(
                    &self.at(&format!("{pointer}/x-const-widened")),
                    "`x-const-widened` must be a boolean",
                );
                false
            }
        };
        let meta = self.meta_of(raw, self.types_name, pointer);
        let scope = Scope {
            file: self.types_name,
            ref_prefix: "#/$defs/",
            type_params: &type_params,
        };
        let shape = self.schema(
            raw,
            scope,
            pointer,
            shape::Place {
                is_def: true,
                is_root,
                holds_meta: true,
            },
        );
        // Defaults see every parameter of the def; `check` rejects a default that uses its own
        // parameter or a later one.
        let type_param_defaults = raw_defaults
            .into_iter()
            .map(|d| d.map(|(v, ptr)| self.schema(v, scope, &ptr, shape::Place::INNER)))
            .collect();
        TypeDef {
            name: name.to_owned(),
            meta,
            type_params,
            type_param_defaults,
            const_name,
            const_widened,
            shape,
        }
    }

    /// `x-type-params`: each item a name or `{"name": …, "default": <schema>}`. Returns the
    /// names and, per name, the raw default with its JSON pointer.
    fn type_params<'v>(
        &self,
        obj: &'v Map<String, Value>,
        pointer: &str,
    ) -> (Vec<String>, Vec<RawDefault<'v>>) {
        let Some(v) = obj.get("x-type-params") else {
            return (Vec::new(), Vec::new());
        };
        let at = self.at(&format!("{pointer}/x-type-params"));
        let Some(items) = v.as_array() else {
            self.sink.error_hint(
                &at,
                "`x-type-params` must be an array of names",
                "e.g. [\"T\"] or [{\"name\": \"T\", \"default\": {\"type\": \"null\"}}]",
            );
            return (Vec::new(), Vec::new());
        };
        let mut names = Vec::new();
        let mut defaults = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let item_ptr = format!("{pointer}/x-type-params/{i}");
            match item {
                Value::String(n) => {
                    names.push(n.clone());
                    defaults.push(None);
                }
                Value::Object(o)
                    if o.get("name").is_some_and(Value::is_string)
                        && o.keys().all(|k| k == "name" || k == "default") =>
                {
                    names.push(
                        o.get("name")
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .to_owned(),
                    );
                    defaults.push(o.get("default").map(|d| (d, format!("{item_ptr}/default"))));
                }
                _ => self.sink.error_hint(
                    &self.at(&item_ptr),
                    "a type parameter must be a name or {\"name\": …, \"default\": <schema>}",
                    "e.g. \"T\" or {\"name\": \"T\", \"default\": {\"type\": \"array\"}}",
                ),
            }
        }
        let unique: BTreeSet<&String> = names.iter().collect();
        if unique.len() != names.len() {
            self.sink.error(&at, "a type parameter is listed twice");
        }
        (names, defaults)
    }
}

/// A generic parameter's raw default schema and its JSON pointer, if it declares one.
type RawDefault<'v> = Option<(&'v Value, String)>;

#[cfg(test)]
mod tests;
