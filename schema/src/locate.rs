//! Turning an IR location (`file#/pointer`) into a full diagnostic with `file:line:col`.
//!
//! `lower` and `check` speak in [`crate::ir::SchemaPointer`]s; this module owns the position
//! indexes of the loaded documents and the [`Sink`] that records diagnostics through them, so no
//! phase has to know how positions are found.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::position::Positions;

/// The position indexes of every loaded document, by file name.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: BTreeMap<String, Positions>,
}

impl SourceMap {
    pub fn new() -> Self {
        SourceMap::default()
    }

    pub fn add(&mut self, file: impl Into<String>, positions: Positions) {
        self.files.insert(file.into(), positions);
    }

    /// Builds a diagnostic for the item at `at` (`file#/pointer`, or a bare pointer in `default_file`).
    pub fn diagnostic(
        &self,
        default_file: &str,
        severity: Severity,
        at: &str,
        message: String,
        hint: Option<String>,
    ) -> Diagnostic {
        let (file, pointer) = split(at, default_file);
        let position = self.files.get(file).and_then(|p| p.nearest(pointer));
        Diagnostic {
            severity,
            file: file.to_owned(),
            position,
            pointer: pointer.to_owned(),
            message,
            hint,
        }
    }
}

/// Splits `file#/pointer` into its parts; a string without `#` is a pointer into `default_file`.
pub fn split<'a>(at: &'a str, default_file: &'a str) -> (&'a str, &'a str) {
    match at.split_once('#') {
        Some((file, pointer)) => (file, pointer),
        None => (default_file, at),
    }
}

/// Records diagnostics located through a [`SourceMap`].
#[derive(Debug, Clone, Copy)]
pub struct Sink<'a> {
    pub cx: &'a Diagnostics,
    pub map: &'a SourceMap,
    /// The file of locations written without `file#`.
    pub default_file: &'a str,
}

impl Sink<'_> {
    pub fn error(&self, at: &str, message: impl Into<String>) {
        self.push(Severity::Error, at, message.into(), None);
    }

    pub fn error_hint(&self, at: &str, message: impl Into<String>, hint: impl Into<String>) {
        self.push(Severity::Error, at, message.into(), Some(hint.into()));
    }

    pub fn warning(&self, at: &str, message: impl Into<String>) {
        self.push(Severity::Warning, at, message.into(), None);
    }

    pub fn warning_hint(&self, at: &str, message: impl Into<String>, hint: impl Into<String>) {
        self.push(Severity::Warning, at, message.into(), Some(hint.into()));
    }

    fn push(&self, severity: Severity, at: &str, message: String, hint: Option<String>) {
        self.cx.push_diagnostic(self.map.diagnostic(
            self.default_file,
            severity,
            at,
            message,
            hint,
        ));
    }
}
