//! Schema prose -> `#[doc = "..."]` attributes that rustdoc reads as plain text.
//!
//! The text is passed as string literals built by `quote`, so it can never end a comment or inject
//! tokens. That is not enough: rustdoc interprets the text as Markdown, where a code fence or an
//! indented block becomes a doctest, `[x]` an intra-doc link (a warning when unresolved), `<x>` an
//! HTML tag; and rustc itself rejects bare CRs and bidi control characters in doc comments. So
//! every description is cut into lines (one attribute per line, so no attribute contains a
//! newline and prettyplease always prints `///` lines), and each line is neutralised.

use proc_macro2::TokenStream;
use quote::quote;

/// Characters that end a line for some reader (Unicode line/paragraph separators, NEL, VT, FF).
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Bidi controls: rustc's `text_direction_codepoint_in_comment` is deny-by-default.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// One neutralised line: Markdown metacharacters escaped, leading indentation dropped (no
/// indented code block can survive), trailing spaces dropped (prettyplease would drop them, and
/// the macro and the file must carry the same tokens).
fn neutralise(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.trim().chars() {
        match c {
            '\\' | '`' | '[' | ']' | '*' | '_' | '~' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c if is_bidi_control(c) => out.push_str(&format!("U+{:04X}", c as u32)),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.trim_end().to_owned()
}

/// The lines of a description, blank runs collapsed, leading/trailing blank lines dropped.
pub(crate) fn lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in text.replace("\r\n", "\n").split(is_line_break) {
        let line = neutralise(raw);
        if line.is_empty() {
            if out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
        } else {
            out.push(line);
        }
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

/// `#[doc = " line"]` attributes for an optional description.
pub(crate) fn attrs(text: Option<&str>) -> TokenStream {
    let Some(text) = text else {
        return TokenStream::new();
    };
    lines_to_attrs(&lines(text))
}

/// Doc attributes for lines that are already safe (written by the generator itself).
pub(crate) fn lines_to_attrs(lines: &[String]) -> TokenStream {
    let docs = lines.iter().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote! { #( #[doc = #docs] )* }
}

/// A sentence written by the generator itself (trusted Markdown: inline code stays code). Any
/// schema-supplied text inside it must go through [`esc`] first.
pub(crate) fn own(text: &str) -> TokenStream {
    let lines: Vec<String> = text.lines().map(|l| l.trim().to_owned()).collect();
    lines_to_attrs(&lines)
}

/// A schema-supplied fragment (a name, a value) to embed in an [`own`] sentence.
pub(crate) fn esc(text: &str) -> String {
    text.split(is_line_break)
        .map(neutralise)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn nothing_markdown_survives() {
        let l = lines(
            "Use ```rust\nfn main() {}\n```\n    indented code\n*/ #[x] <b>ok</b> a\u{2028}b\u{202E}c\r\nd",
        );
        assert_eq!(
            l,
            [
                "Use \\`\\`\\`rust",
                "fn main() {}",
                "\\`\\`\\`",
                "indented code",
                "\\*/ \\#\\[x\\] &lt;b&gt;ok&lt;/b&gt; a",
                "bU+202Ec",
                "d",
            ]
        );
        assert!(l.iter().all(|l| !l.contains('\n') && !l.contains('\r')));
    }

    #[test]
    fn blank_runs_collapse() {
        assert_eq!(lines("\n\na\n\n\n b \n\n"), ["a", "", "b"]);
    }
}
