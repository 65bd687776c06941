//! Name scopes and the collision report, shared by both emitters: the codegen's only way to fail.
//!
//! Every place that hands out target-language names (a module's types, a struct's fields, an
//! enum's variants, a trait's methods, a method's parameters, a package's exports) registers each
//! name with the JSON pointer of what it was derived from. Two different origins with one name
//! are a [`Collision`]; the generators never rename to work around one.

use std::collections::BTreeMap;

use adcontract_schema::diag::{Diagnostic, Severity};

/// The language a name is handed out in, as the collision report names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Rust,
    TypeScript,
}

impl Language {
    fn label(self) -> &'static str {
        match self {
            Language::Rust => "Rust",
            Language::TypeScript => "TypeScript",
        }
    }
}

/// Where a name came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    /// The wire/schema name (or a description of a generated name).
    pub(crate) wire: String,
    /// The schema pointer (`file#/pointer`) of the item, or `(generated)`.
    pub(crate) pointer: String,
}

impl Origin {
    pub(crate) fn new(wire: impl Into<String>, pointer: impl Into<String>) -> Self {
        Origin {
            wire: wire.into(),
            pointer: pointer.into(),
        }
    }
}

/// Two schema items (or a schema item and a generated helper) that map to one name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collision {
    pub language: Language,
    /// What kind of name (`type`, `field`, `variant`, `value`, `parameter`, ...).
    pub what: &'static str,
    /// The name both map to.
    pub name: String,
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
                "{} {} name `{}` of `{}` ({}) collides with `{}` ({})",
                self.language.label(),
                self.what,
                self.name,
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
#[derive(Debug)]
pub(crate) struct Scope {
    language: Language,
    what: &'static str,
    taken: BTreeMap<String, Origin>,
}

impl Scope {
    pub(crate) fn new(language: Language, what: &'static str) -> Self {
        Scope {
            language,
            what,
            taken: BTreeMap::new(),
        }
    }

    /// A namespace of Rust names.
    pub(crate) fn rust(what: &'static str) -> Self {
        Scope::new(Language::Rust, what)
    }

    /// A namespace of TypeScript names.
    pub(crate) fn typescript(what: &'static str) -> Self {
        Scope::new(Language::TypeScript, what)
    }

    /// Claims `name` for `origin`; a second, different origin is recorded in `out`. Claiming the
    /// same name twice for the same origin is fine (a generator may revisit a shape).
    pub(crate) fn claim(&mut self, name: &str, origin: Origin, out: &mut Vec<Collision>) {
        match self.taken.get(name) {
            Some(first) if *first == origin => {}
            Some(first) => out.push(Collision {
                language: self.language,
                what: self.what,
                name: name.to_owned(),
                first_wire: first.wire.clone(),
                first_pointer: first.pointer.clone(),
                second_wire: origin.wire,
                second_pointer: origin.pointer,
            }),
            None => {
                self.taken.insert(name.to_owned(), origin);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collisions_are_reported_once_per_second_origin_in_one_format() {
        for language in [Language::Rust, Language::TypeScript] {
            let mut s = Scope::new(language, "type");
            let mut out = Vec::new();
            s.claim("MyType", Origin::new("my-type", "a.json#/1"), &mut out);
            s.claim("MyType", Origin::new("my-type", "a.json#/1"), &mut out);
            assert!(out.is_empty());
            s.claim("MyType", Origin::new("my_type", "a.json#/2"), &mut out);
            assert_eq!(out.len(), 1);
            let label = language.label();
            assert_eq!(
                out[0].to_string(),
                format!(
                    "a.json: /2: error: {label} type name `MyType` of `my_type` (a.json#/2) collides \
                     with `my-type` (a.json#/1) (hint: rename one of them in the schema; adcontract \
                     never invents `Foo2`)"
                )
            );
        }
    }
}
