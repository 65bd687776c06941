//! Pattern translation: a schema's ECMA-262 pattern (as JSON Schema and the Rust validator read
//! it) into the source of a JavaScript `RegExp` with the `u` flag. Kept apart from the emitters
//! so that the one ECMA scanner shared with `adcontract_schema::validate` can replace it in one
//! place; the emitters only ever call [`js_pattern`] and embed its result as a string literal.

/// An ECMA-262 pattern (as JSON Schema and the Rust validator read it: Annex B literals allowed)
/// rewritten for `new RegExp(p, "u")`, whose stricter grammar rejects lone braces and escapes
/// of characters that are not syntax characters. Meaning is unchanged.
pub(crate) fn js_pattern(p: &str) -> String {
    const SYNTAX: &str = "^$\\.*+?()[]{}|/";
    let chars: Vec<char> = p.chars().collect();
    let mut out = String::with_capacity(p.len() + 8);
    let mut in_class = false;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        i += 1;
        match c {
            '\\' => match chars.get(i) {
                None => out.push_str("\\\\"),
                Some(&e) => {
                    i += 1;
                    if matches!(e, 'p' | 'P' | 'u') && chars.get(i) == Some(&'{') {
                        // `\p{…}`, `\u{…}`: the braces belong to the escape.
                        out.push('\\');
                        out.push(e);
                        while let Some(&b) = chars.get(i) {
                            i += 1;
                            out.push(b);
                            if b == '}' {
                                break;
                            }
                        }
                    } else if e.is_ascii_alphanumeric()
                        || SYNTAX.contains(e)
                        || (in_class && e == '-')
                    {
                        out.push('\\');
                        out.push(e);
                    } else {
                        out.push_str(&format!("\\u{{{:X}}}", e as u32));
                    }
                }
            },
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                if chars.get(i) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                if chars.get(i) == Some(&']') {
                    out.push(']');
                    i += 1;
                    in_class = false;
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            ']' => out.push_str("\\]"),
            '{' if !in_class => {
                if let Some(end) = quantifier_end(&chars, i) {
                    out.extend(chars.get(i - 1..end).unwrap_or_default());
                    i = end;
                } else {
                    out.push_str("\\{");
                }
            }
            '}' if !in_class => out.push_str("\\}"),
            c => out.push(c),
        }
    }
    out
}

/// If `chars[i..]` (just after a `{`) is `n}`, `n,}` or `n,m}`, the index after the `}`.
fn quantifier_end(chars: &[char], mut i: usize) -> Option<usize> {
    let start = i;
    while chars.get(i).is_some_and(char::is_ascii_digit) {
        i += 1;
    }
    if i == start {
        return None;
    }
    if chars.get(i) == Some(&',') {
        i += 1;
        while chars.get(i).is_some_and(char::is_ascii_digit) {
            i += 1;
        }
    }
    (chars.get(i) == Some(&'}')).then_some(i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_become_unicode_mode_regexes() {
        assert_eq!(js_pattern("^(0|[1-9][0-9]*)$"), "^(0|[1-9][0-9]*)$");
        assert_eq!(js_pattern("^a{$"), "^a\\{$");
        assert_eq!(js_pattern("^x{1,}}$"), "^x{1,}\\}$");
        assert_eq!(js_pattern("^]$"), "^\\]$");
        assert_eq!(js_pattern("^\\@\\:$"), "^\\u{40}\\u{3A}$");
        assert_eq!(js_pattern("^[\\-a]\\/$"), "^[\\-a]\\/$");
        assert_eq!(js_pattern("^[^]$"), "^[^]$");
        assert_eq!(js_pattern("^\\d{2}\\p{L}$"), "^\\d{2}\\p{L}$");
    }
}
