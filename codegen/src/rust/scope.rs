//! Name scopes and the collision report: the codegen's only way to fail.
//!
//! Every place that hands out Rust names (a module's types, a struct's fields, an enum's variants,
//! a trait's methods, a method's parameters) registers each name with the JSON pointer of what it
//! was derived from. Two different origins with one Rust name are a [`Collision`]; the generator
//! never renames to work around one.

use std::collections::BTreeMap;

use adcontract_schema::diag::{Diagnostic, Severity};

/// Where a Rust name came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    /// The wire/schema name (or a description of a generated name).
    pub(crate) wire: String,
    /// The schema pointer (`file#/pointer`) of the item.
    pub(crate) pointer: String,
}

/// Two schema items that map to one Rust name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collision {
    /// What kind of name (`type`, `field`, `variant`, ...).
    pub what: &'static str,
    /// The Rust name both map to.
    pub rust: String,
    pub first_wire: String,
    pub first_pointer: String,
    pub second_wire: String,
    pub second_pointer: String,
}

impl Collision {
    /// The collision as a schema diagnostic at the second item, naming both pointers.
    pub fn to_diagnostic(&self) -> Diagnostic {
        let (file, pointer) = split_pointer(&self.second_pointer);
        Diagnostic {
            severity: Severity::Error,
            file: file.to_owned(),
            position: None,
            pointer: pointer.to_owned(),
            message: format!(
                "Rust {} name `{}` of `{}` ({}) collides with `{}` ({})",
                self.what,
                self.rust,
                self.second_wire,
                self.second_pointer,
                self.first_wire,
                self.first_pointer
            ),
            hint: Some("rename one of them in the schema; adcontract never invents `Foo2`".into()),
        }
    }
}

impl std::fmt::Display for Collision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.to_diagnostic())
    }
}

/// `file.json#/a/b` -> (`file.json`, `/a/b`); a pointer without a file goes to `<input>`.
pub(crate) fn split_pointer(p: &str) -> (&str, &str) {
    match p.split_once('#') {
        Some((file, ptr)) => (if file.is_empty() { "<input>" } else { file }, ptr),
        None => ("<input>", p),
    }
}

/// One namespace.
#[derive(Debug, Default)]
pub(crate) struct Scope {
    what: &'static str,
    taken: BTreeMap<String, Origin>,
}

impl Scope {
    pub(crate) fn new(what: &'static str) -> Self {
        Scope {
            what,
            taken: BTreeMap::new(),
        }
    }

    /// Claims `rust` for `origin`; a second, different origin is recorded in `out`. Claiming the
    /// same name twice for the same origin is fine (the generator may revisit a shape).
    pub(crate) fn claim(&mut self, rust: &str, origin: Origin, out: &mut Vec<Collision>) {
        match self.taken.get(rust) {
            Some(first) if *first == origin => {}
            Some(first) => out.push(Collision {
                what: self.what,
                rust: rust.to_owned(),
                first_wire: first.wire.clone(),
                first_pointer: first.pointer.clone(),
                second_wire: origin.wire,
                second_pointer: origin.pointer,
            }),
            None => {
                self.taken.insert(rust.to_owned(), origin);
            }
        }
    }
}
