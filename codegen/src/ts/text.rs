//! Text that goes into generated files: JSDoc comments that cannot be broken out of, and
//! string literals that are valid JavaScript, JSON and HTML-embeddable at once.

/// A JavaScript string literal for `s`: JSON escaping, plus U+2028/U+2029 (line terminators in
/// older parsers) and `<` (so `</script>` or `<!--` can never appear inside an inline script).
pub(crate) fn js_string(s: &str) -> String {
    harden(&serde_json::Value::String(s.to_owned()).to_string())
}

/// JSON text of any value, hardened the same way (valid JavaScript expression and valid JSON).
pub(crate) fn js_value(v: &serde_json::Value) -> String {
    harden(&v.to_string())
}

/// Escapes, inside already-valid JSON text, the characters JSON leaves raw but embedding
/// contexts do not tolerate. Only string contents can hold them, where `\uXXXX` means the same.
pub(crate) fn harden(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            c => out.push(c),
        }
    }
    out
}

/// Makes prose safe for a `/** … */` block, as a list of lines (without the ` * ` prefix):
/// - every line terminator (CR, LF, CRLF, NEL, U+2028, U+2029) ends a line; other control
///   characters are dropped;
/// - `*/` can never appear (it becomes `*\/`);
/// - a line that would start with `@` (a JSDoc tag) gets a backslash (`\@`), and inline tags
///   `{@` are broken the same way, so prose can never add `@deprecated` or `{@link}`.
pub(crate) fn doc_lines(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                lines.push(std::mem::take(&mut cur));
            }
            '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => lines.push(std::mem::take(&mut cur)),
            '\t' => cur.push(' '),
            c if c.is_control() => {}
            c => cur.push(c),
        }
    }
    lines.push(cur);
    let lines: Vec<String> = lines
        .into_iter()
        .map(|l| neutralise(l.trim_end()))
        .collect();
    // Drop leading and trailing blank lines; keep inner ones (paragraphs).
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let last = lines.iter().rposition(|l| !l.trim().is_empty());
    match (first, last) {
        (Some(a), Some(b)) => lines.get(a..=b).map(<[String]>::to_vec).unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn neutralise(line: &str) -> String {
    let mut out = line.replace("*/", "*\\/").replace("{@", "{\\@");
    let trimmed = out.trim_start();
    if trimmed.starts_with('@') {
        let indent = out.len() - trimmed.len();
        out.insert(indent, '\\');
    }
    out
}

/// A JSDoc block at `indent`, from prose lines and tag lines. Every line is made safe here, so no
/// caller can forget: prose goes through [`doc_lines`] again (idempotent), and tags — written by
/// the emitter, starting with their `@` — lose line breaks and can neither close the comment
/// nor open an inline tag. Empty when there is nothing to say.
pub(crate) fn jsdoc(indent: &str, prose: &[String], tags: &[String]) -> String {
    let prose: Vec<String> = prose
        .iter()
        .flat_map(|l| {
            if l.is_empty() {
                vec![String::new()]
            } else {
                doc_lines(l)
            }
        })
        .collect();
    let tags: Vec<String> = tags
        .iter()
        .map(|t| one_line(t).replace("*/", "*\\/").replace("{@", "{\\@"))
        .collect();
    if prose.is_empty() && tags.is_empty() {
        return String::new();
    }
    let mut out = format!("{indent}/**\n");
    for l in &prose {
        if l.is_empty() {
            out.push_str(&format!("{indent} *\n"));
        } else {
            out.push_str(&format!("{indent} * {l}\n"));
        }
    }
    if !prose.is_empty() && !tags.is_empty() {
        out.push_str(&format!("{indent} *\n"));
    }
    for t in &tags {
        out.push_str(&format!("{indent} * {t}\n"));
    }
    out.push_str(&format!("{indent} */\n"));
    out
}

/// Text for a `//` line comment: line breaks and controls become spaces.
pub(crate) fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_cannot_be_closed_or_tagged() {
        let l = doc_lines(
            "evil */ x\n@deprecated no\r\n  @param x\u{2028}/* y {@link z}\u{2029}`code`",
        );
        assert_eq!(
            l,
            [
                "evil *\\/ x",
                "\\@deprecated no",
                "  \\@param x",
                "/* y {\\@link z}",
                "`code`"
            ]
        );
        let block = jsdoc("", &l, &["@param x */ {@link y}\n@evil".into()]);
        assert_eq!(block.matches("*/").count(), 1, "{block}");
        assert!(
            block.contains(" * @param x *\\/ {\\@link y} @evil\n"),
            "{block}"
        );
        assert!(!block.contains('\u{2028}') && !block.contains('\u{2029}'));
    }

    #[test]
    fn star_slash_across_pieces_is_still_broken() {
        // `*` at the end of one replacement and `/` after it: `**/` -> `**\/`.
        assert_eq!(doc_lines("a **/ b"), ["a **\\/ b"]);
        assert_eq!(doc_lines("*/*/"), ["*\\/*\\/"]);
    }

    #[test]
    fn strings_are_embeddable() {
        assert_eq!(
            js_string("a\"b\\c\u{2028}</script>"),
            "\"a\\\"b\\\\c\\u2028\\u003c/script\\u003e\""
        );
        assert_eq!(js_string("é"), "\"é\"");
    }

    #[test]
    fn blank_edges_are_trimmed() {
        assert_eq!(doc_lines("\n\n a \n\n b \n"), [" a", "", " b"]);
        assert!(doc_lines(" \n ").is_empty());
    }
}
