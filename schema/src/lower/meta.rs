//! Annotations -> [`Meta`]: description, version range, deprecation, notes, source.

use serde_json::{Map, Value};

use super::Lowerer;
use crate::ir::{Availability, Meta, Note, NoteKind, Source};
use crate::model::api::{NoteEntry, NoteKindEntry, SourceEntry};

impl Lowerer<'_> {
    /// The index of version `id`, or a diagnostic at `at`.
    pub(crate) fn version(&self, id: &str, at: &str) -> Option<usize> {
        let found = self.versions.iter().position(|v| v == id);
        if found.is_none() {
            self.sink.error_hint(
                at,
                format!("unknown version `{id}`"),
                format!("known versions: {}", self.versions.join(", ")),
            );
        }
        found
    }

    fn version_value(&self, v: Option<&Value>, at: &str) -> Option<usize> {
        match v? {
            Value::String(s) => self.version(s, at),
            _ => {
                self.sink
                    .error(at, "a version must be a string naming a listed version");
                None
            }
        }
    }

    /// The [`Meta`] of a subschema (`x-since`, `description`, …) written at `file#pointer`.
    pub(crate) fn meta_of(&self, raw: &Value, file: &str, pointer: &str) -> Meta {
        let at = |key: &str| format!("{file}#{pointer}/{key}");
        let empty = Map::new();
        let obj = raw.as_object().unwrap_or(&empty);
        let since = self.version_value(obj.get("x-since"), &at("x-since"));
        let until = self.version_value(obj.get("x-until"), &at("x-until"));
        let mut deprecated = self.version_value(obj.get("x-deprecated"), &at("x-deprecated"));
        match obj.get("deprecated") {
            None | Some(Value::Bool(false)) => {}
            // Plain JSON Schema `deprecated: true`: deprecated for as long as it exists.
            Some(Value::Bool(true)) => deprecated = deprecated.or(Some(since.unwrap_or(0))),
            Some(_) => self
                .sink
                .error(&at("deprecated"), "`deprecated` must be a boolean"),
        }
        let description = match obj.get("description") {
            None => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                self.sink
                    .error(&at("description"), "`description` must be a string");
                None
            }
        };
        let notes = match obj.get("x-notes") {
            None => Vec::new(),
            Some(v) => match serde_json::from_value::<Vec<NoteEntry>>(v.clone()) {
                Ok(n) => notes(&n),
                Err(e) => {
                    self.sink.error_hint(
                        &at("x-notes"),
                        format!("malformed `x-notes`: {e}"),
                        "write [{\"kind\": \"disagreement\" | \"inferred\" | \"quirk\", \"text\": \"…\", \"decision\": \"…\"}]",
                    );
                    Vec::new()
                }
            },
        };
        let source = match obj.get("x-source") {
            None => None,
            Some(v) => match serde_json::from_value::<SourceEntry>(v.clone()) {
                Ok(s) => Some(source(s)),
                Err(_) => {
                    self.sink.error_hint(
                        &at("x-source"),
                        format!("unknown `x-source` {v}"),
                        "one of \"doc\", \"types\", \"doc+types\", \"inferred\"",
                    );
                    None
                }
            },
        };
        Meta {
            description,
            availability: Availability {
                since,
                until,
                deprecated,
            },
            deprecated: false,
            source,
            notes,
            pointer: format!("{file}#{pointer}"),
        }
    }

    /// The [`Meta`] of an API-file item, from its model fields.
    pub(crate) fn meta_api(&self, m: ApiMeta<'_>, file: &str, pointer: &str) -> Meta {
        let at = |key: &str| format!("{file}#{pointer}/{key}");
        let since = m.since.and_then(|s| self.version(s, &at("since")));
        let until = m.until.and_then(|s| self.version(s, &at("until")));
        let deprecated = m
            .deprecated
            .and_then(|s| self.version(s, &at("deprecated")));
        Meta {
            description: m.description.cloned(),
            availability: Availability {
                since,
                until,
                deprecated,
            },
            deprecated: false,
            source: m.source.map(source),
            notes: notes(m.notes),
            pointer: format!("{file}#{pointer}"),
        }
    }
}

/// The annotation fields every API-file item has.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ApiMeta<'m> {
    pub(crate) description: Option<&'m String>,
    pub(crate) since: Option<&'m str>,
    pub(crate) until: Option<&'m str>,
    pub(crate) deprecated: Option<&'m str>,
    pub(crate) notes: &'m [NoteEntry],
    pub(crate) source: Option<SourceEntry>,
}

fn notes(entries: &[NoteEntry]) -> Vec<Note> {
    entries
        .iter()
        .map(|n| Note {
            kind: match n.kind {
                NoteKindEntry::Disagreement => NoteKind::Disagreement,
                NoteKindEntry::Inferred => NoteKind::Inferred,
                NoteKindEntry::Quirk => NoteKind::Quirk,
            },
            text: n.text.clone(),
            decision: n.decision.clone(),
        })
        .collect()
}

fn source(s: SourceEntry) -> Source {
    match s {
        SourceEntry::Doc => Source::Doc,
        SourceEntry::Types => Source::Types,
        SourceEntry::DocTypes => Source::DocTypes,
        SourceEntry::Inferred => Source::Inferred,
    }
}
