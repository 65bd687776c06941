//! Diagnostics: where, what and a hint, collected rather than thrown.
//!
//! `lower` and `check` never stop at the first problem. They push every problem into a
//! [`Diagnostics`] accumulator (serde_derive's `Ctxt` pattern) and the pipeline stops at the gate
//! ([`Diagnostics::finish`]) before any emitter runs. Forgetting the gate is a bug, so dropping an
//! unfinished accumulator panics in debug builds, as `Ctxt` does.

use std::cell::RefCell;
use std::fmt;

use serde::{Deserialize, Serialize};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// A position in a source file, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// One problem found in a schema document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The document's file name (or `<input>`).
    pub file: String,
    /// Where in the document, when known.
    pub position: Option<Position>,
    /// RFC 6901 pointer into the document (`/$defs/InteractionData/properties/state`).
    pub pointer: String,
    pub message: String,
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    /// `file:line:col: /pointer: error: message (hint: …)`, the format the CLI prints.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(p) = self.position {
            write!(f, ":{}:{}", p.line, p.column)?;
        }
        let sev = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, ": {pointer}: {sev}: {}", self.message)?;
        if let Some(h) = &self.hint {
            write!(f, " (hint: {h})")?;
        }
        Ok(())
    }
}

/// Every problem found by a phase, in the order found. Never empty.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Errors(pub Vec<Diagnostic>);

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl Errors {
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
}

/// The accumulator. Methods take `&self` so it can be threaded through recursive lowering
/// without fighting the borrow checker.
#[derive(Debug)]
pub struct Diagnostics {
    file: String,
    found: RefCell<Option<Vec<Diagnostic>>>,
}

impl Diagnostics {
    /// A fresh accumulator for problems in `file`.
    pub fn new(file: impl Into<String>) -> Self {
        Diagnostics {
            file: file.into(),
            found: RefCell::new(Some(Vec::new())),
        }
    }

    /// Records an error at `pointer`.
    pub fn error(&self, pointer: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Error, pointer.into(), message.into(), None);
    }

    /// Records an error with a hint on how to fix it.
    pub fn error_hint(
        &self,
        pointer: impl Into<String>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.push(
            Severity::Error,
            pointer.into(),
            message.into(),
            Some(hint.into()),
        );
    }

    /// Records a warning; warnings never stop the pipeline.
    pub fn warning(&self, pointer: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Warning, pointer.into(), message.into(), None);
    }

    /// Records a fully formed diagnostic (e.g. one from another file).
    pub fn push_diagnostic(&self, d: Diagnostic) {
        if let Some(v) = self.found.borrow_mut().as_mut() {
            v.push(d);
        }
    }

    fn push(&self, severity: Severity, pointer: String, message: String, hint: Option<String>) {
        self.push_diagnostic(Diagnostic {
            severity,
            file: self.file.clone(),
            position: None,
            pointer,
            message,
            hint,
        });
    }

    /// Whether an error (not a warning) has been recorded so far.
    pub fn has_errors(&self) -> bool {
        self.found
            .borrow()
            .as_ref()
            .is_some_and(|v| v.iter().any(|d| d.severity == Severity::Error))
    }

    /// The gate: `Err` with everything found if any error was recorded, otherwise `Ok` with the
    /// warnings.
    pub fn finish(self) -> Result<Vec<Diagnostic>, Errors> {
        let found = self.found.borrow_mut().take().unwrap_or_default();
        if found.iter().any(|d| d.severity == Severity::Error) {
            Err(Errors(found))
        } else {
            Ok(found)
        }
    }
}

impl Drop for Diagnostics {
    fn drop(&mut self) {
        if !std::thread::panicking() && self.found.borrow().is_some() {
            debug_assert!(false, "Diagnostics dropped without calling finish()");
        }
    }
}

/// Appends one reference token to a JSON pointer, escaping `~` and `/` (RFC 6901).
pub fn pointer_push(base: &str, token: &str) -> String {
    let mut out = String::with_capacity(base.len() + token.len() + 1);
    out.push_str(base);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_every_problem_before_the_gate() {
        let d = Diagnostics::new("t.json");
        d.error("/a", "first");
        d.warning("/b", "just a warning");
        d.error_hint("/c", "second", "do this");
        let errs = d.finish().unwrap_err();
        assert_eq!(errs.0.len(), 3);
        assert_eq!(
            errs.0[2].to_string(),
            "t.json: /c: error: second (hint: do this)"
        );
    }

    #[test]
    fn warnings_alone_pass_the_gate() {
        let d = Diagnostics::new("t.json");
        d.warning("", "w");
        assert_eq!(d.finish().map(|w| w.len()), Ok(1));
    }

    #[test]
    fn pointer_tokens_are_escaped() {
        assert_eq!(pointer_push("/x", "a/b~c"), "/x/a~1b~0c");
    }
}
