//! The IR-driven validator: checks JSON instances against a view ([`ir::Ir`]) of the contract.
//!
//! The verdict is exactly JSON Schema 2020-12's for the schema the view emits, with one
//! addition: a property an *open* object does not declare is reported as a
//! [`Severity::Warning`] (or an error with [`Options::deny_unknown`]). Warnings never make an
//! instance invalid.
//!
//! Every problem in an instance is reported, in a deterministic order (instance order of object
//! keys, index order of array items, missing required properties before the properties of their
//! object). Tagged unions report the problems of the variant the tag selects; untagged unions
//! report one summary at the union's pointer. Patterns are ECMA-262 ([`crate::pattern`] documents the
//! supported subset); an unsupported one makes [`Validator::new`] fail.
//!
//! [`stream`] runs the validator over `.json` / `.jsonl` input for `adcontract validate`.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::diag::Severity;
use crate::ir::{self, Shape};

mod check;
pub mod fast;
pub mod json;
pub mod split;
pub mod stream;

pub use crate::pattern::PatternError;
pub use check::MAX_DEPTH;

/// How strict to be beyond JSON Schema.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Report undeclared properties of open objects as errors instead of warnings.
    pub deny_unknown: bool,
}

/// One thing wrong with an instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// RFC 6901 pointer into the instance; `""` is the instance itself.
    pub pointer: String,
    /// The JSON Schema keyword the instance breaks (`type`, `required`, `enum`, ...). The
    /// streaming engine adds `parse` for input that is not a JSON value at all.
    pub keyword: &'static str,
    /// What is wrong, e.g. `expected one of "voice", "chat", "email"; got "fax"`.
    pub message: String,
    pub severity: Severity,
}

impl Problem {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    /// `/pointer: error: message`; the root pointer is shown as `/`, as diagnostics do.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        let sev = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{pointer}: {sev}: {}", self.message)
    }
}

/// Whether a list of problems contains an error (warnings alone leave an instance valid).
pub fn has_errors(problems: &[Problem]) -> bool {
    problems.iter().any(Problem::is_error)
}

/// The type asked for is not in the view.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown type {name:?} in version {version}{}", suggestion.as_ref().map(|s| format!("; did you mean {s:?}?")).unwrap_or_default())]
pub struct UnknownType {
    pub name: String,
    pub version: String,
    /// The closest known type name, if one is close.
    pub suggestion: Option<String>,
}

/// Why a validator could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BuildError {
    /// Patterns outside the supported ECMA-262 subset, with where they are written.
    #[error("{}", .0.iter().map(|(at, e)| format!("{at}: {e}")).collect::<Vec<_>>().join("\n"))]
    Patterns(Vec<(String, PatternError)>),
}

/// A validator for one view of the contract. Cheap to share (`Sync`): validation takes `&self`.
#[derive(Debug)]
pub struct Validator<'ir> {
    ir: &'ir ir::Ir,
    options: Options,
    /// Compiled `pattern` / `propertyNames.pattern`, by their ECMA-262 source.
    regexes: HashMap<&'ir str, regex::Regex>,
    /// Field index of larger objects, keyed by the address of their [`ir::ObjectShape`] in the
    /// view (stable: the view is borrowed immutably for `'ir`).
    field_index: FastMap<usize, FastMap<&'ir str, usize>>,
    /// The definition each `Ref` node of the view names, keyed by the node's address (spares a
    /// by-name lookup per `Ref` on the hot path).
    refs: FastMap<usize, &'ir ir::TypeDef>,
}

impl<'ir> Validator<'ir> {
    /// Precompiles every pattern and indexes every object of the view (types, method
    /// parameters and results, event payloads and responses).
    pub fn new(ir: &'ir ir::Ir, options: Options) -> Result<Self, BuildError> {
        let mut v = Validator {
            ir,
            options,
            regexes: HashMap::new(),
            field_index: FastMap::default(),
            refs: FastMap::default(),
        };
        let mut bad = Vec::new();
        for def in ir.types.values() {
            v.prepare(&def.shape, &def.meta.pointer, &mut bad);
        }
        for api in &ir.apis {
            for m in &api.methods {
                for p in &m.params {
                    v.prepare(&p.shape, &p.meta.pointer, &mut bad);
                }
                if let Some(r) = &m.result {
                    v.prepare(r, &m.meta.pointer, &mut bad);
                }
            }
            for e in &api.events {
                for p in &e.params {
                    v.prepare(&p.shape, &p.meta.pointer, &mut bad);
                }
                if let Some(r) = &e.response {
                    v.prepare(r, &e.meta.pointer, &mut bad);
                }
            }
        }
        if bad.is_empty() {
            Ok(v)
        } else {
            Err(BuildError::Patterns(bad))
        }
    }

    /// The view this validator checks against.
    pub fn ir(&self) -> &'ir ir::Ir {
        self.ir
    }

    pub fn options(&self) -> Options {
        self.options
    }

    /// Validates `value` against the named type. `Ok` with every problem found (possibly only
    /// warnings: use [`has_errors`] for the verdict).
    pub fn validate(&self, type_name: &str, value: &Value) -> Result<Vec<Problem>, UnknownType> {
        let def = self.type_def(type_name)?;
        Ok(self.validate_shape(&def.shape, value))
    }

    /// Whether `value` is valid (no errors) against the named type; faster than
    /// [`Validator::validate`] as it stops at the first error.
    pub fn is_valid(&self, type_name: &str, value: &Value) -> Result<bool, UnknownType> {
        let def = self.type_def(type_name)?;
        Ok(self.is_valid_shape(&def.shape, value))
    }

    /// Validates `value` against any shape: a method's parameter or result, an event payload.
    /// `Ref`s with generic arguments substitute their `TypeParam`s; an unbound `TypeParam`
    /// accepts anything (as the emitted JSON Schema does).
    pub fn validate_shape(&self, shape: &Shape, value: &Value) -> Vec<Problem> {
        check::run(self, shape, value, true).1
    }

    /// The verdict alone for `value` against `shape`.
    pub fn is_valid_shape(&self, shape: &Shape, value: &Value) -> bool {
        check::run(self, shape, value, false).0
    }

    /// The named type, or an [`UnknownType`] error suggesting the closest name.
    pub fn type_def(&self, type_name: &str) -> Result<&'ir ir::TypeDef, UnknownType> {
        self.ir.types.get(type_name).ok_or_else(|| UnknownType {
            name: type_name.to_owned(),
            version: self.ir.version.id.clone(),
            suggestion: closest(type_name, self.ir.types.keys()),
        })
    }

    fn prepare(&mut self, shape: &'ir Shape, at: &str, bad: &mut Vec<(String, PatternError)>) {
        let mut pattern = |p: &'ir str, bad: &mut Vec<(String, PatternError)>| {
            if !self.regexes.contains_key(p) {
                match crate::pattern::compile(p) {
                    Ok(r) => {
                        self.regexes.insert(p, r);
                    }
                    Err(e) => bad.push((at.to_owned(), e)),
                }
            }
        };
        match shape {
            Shape::String(r) => {
                if let Some(p) = &r.pattern {
                    pattern(p, bad);
                }
            }
            Shape::Map(m) => {
                if let Some(p) = &m.key_pattern {
                    pattern(p, bad);
                }
                self.prepare(&m.values, at, bad);
            }
            Shape::Ref { name, args } => {
                if let Some(def) = self.ir.types.get(name) {
                    self.refs.insert(std::ptr::from_ref(shape) as usize, def);
                }
                args.iter().for_each(|a| self.prepare(a, at, bad));
            }
            Shape::Nullable { inner } => self.prepare(inner, at, bad),
            Shape::Array(a) => self.prepare(&a.items, at, bad),
            Shape::Object(o) => {
                if o.fields.len() > 6 {
                    let index = o
                        .fields
                        .iter()
                        .enumerate()
                        .map(|(i, f)| (f.name.as_str(), i))
                        .collect();
                    self.field_index
                        .insert(std::ptr::from_ref(o) as usize, index);
                }
                for f in &o.fields {
                    self.prepare(&f.shape, &f.meta.pointer, bad);
                }
            }
            Shape::Union(u) => u
                .variants
                .iter()
                .for_each(|v| self.prepare(&v.shape, at, bad)),
            Shape::Any
            | Shape::Null
            | Shape::Boolean
            | Shape::Integer(_)
            | Shape::Number(_)
            | Shape::Const { .. }
            | Shape::TypeParam { .. }
            | Shape::Enum(_) => {}
        }
    }
}

/// FNV-1a: the validator's internal maps are keyed by addresses and short field names, where
/// SipHash's DoS resistance buys nothing (the keys come from the schema, not the instance)
/// and costs a large share of validation time.
#[derive(Debug, Clone, Copy)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

/// The known name closest to `name` (case-insensitive edit distance ≤ 3), for "did you mean".
fn closest<'a>(name: &str, known: impl Iterator<Item = &'a String>) -> Option<String> {
    let lower = name.to_lowercase();
    let mut best: BTreeMap<usize, &String> = BTreeMap::new();
    for k in known {
        let d = edit_distance(&lower, &k.to_lowercase());
        best.entry(d).or_insert(k);
    }
    best.into_iter()
        .next()
        .filter(|(d, _)| *d <= 3)
        .map(|(_, k)| k.clone())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != *cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            if let Some(c) = cur.get_mut(j + 1) {
                *c = sub.min(del).min(ins);
            }
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests;
