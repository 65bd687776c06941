//! Test helpers: compile small fixture documents and find the diagnostics they produce.

use crate::diag::{Diagnostic, Severity};

/// An API description with versions `a`, `b`, `c` and the given `apis` entries, line by line.
pub(crate) fn api_doc(apis: &str) -> String {
    format!(
        "{{\n\"format\": 1,\n\"types\": \"t.json\",\n\"versions\": [{{\"id\": \"a\", \"label\": \"A\"}}, {{\"id\": \"b\", \"label\": \"B\"}}, {{\"id\": \"c\", \"label\": \"C\"}}],\n\"apis\": [\n{apis}\n]\n}}"
    )
}

/// A types file whose `$defs` body is `defs` (starting on line 3).
pub(crate) fn types_doc(defs: &str) -> String {
    format!("{{\n\"$defs\": {{\n{defs}\n}}\n}}")
}

/// Every diagnostic of compiling the two documents (empty when they compile).
pub(crate) fn diagnostics(api_src: &str, types_src: &str) -> Vec<Diagnostic> {
    let doc = match crate::load::load_str("a.json", api_src, "t.json", types_src) {
        Ok(d) => d,
        Err(e) => panic!("fixture does not load: {e}"),
    };
    match crate::compile_document_with_warnings(&doc) {
        Ok((_, warnings)) => warnings,
        Err(e) => e.0,
    }
}

/// The diagnostics of a types file used with an API description without APIs.
pub(crate) fn types_diagnostics(defs: &str) -> Vec<Diagnostic> {
    diagnostics(&api_doc(""), &types_doc(defs))
}

/// Asserts that exactly one error was found, with this message fragment, pointer and line.
#[track_caller]
pub(crate) fn assert_one(
    diags: &[Diagnostic],
    message: &str,
    pointer: &str,
    line: usize,
) -> Diagnostic {
    let errors: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(
        errors.len(),
        1,
        "expected one error, got:\n{}",
        render(diags)
    );
    let d = errors[0];
    assert!(
        d.message.contains(message),
        "message {:?} lacks {message:?}",
        d.message
    );
    assert_eq!(d.pointer, pointer, "{d}");
    assert_eq!(d.position.map(|p| p.line), Some(line), "{d}");
    d.clone()
}

pub(crate) fn render(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}
