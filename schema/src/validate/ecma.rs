//! ECMA-262 patterns (what JSON Schema's `pattern` means) translated to the `regex` crate.
//!
//! JSON Schema patterns are ECMA-262 regular expressions matched anywhere in the string (not
//! anchored). The `regex` crate is a different dialect; this module rewrites the constructs whose
//! meaning differs and rejects the ones it cannot honour, so a pattern is never silently read in
//! another way.
//!
//! Supported subset (everything else is rejected with a [`PatternError`]):
//! - literals, `^`, `$` (whole-input anchors: no multiline flag), `|`, groups `( )`, `(?: )`,
//!   named groups `(?<name> )`, quantifiers `* + ? {n} {n,} {n,m}` and their lazy forms;
//! - classes `[...]`, `[^...]` with ranges; a `{` or `}` that does not form a quantifier is a
//!   literal (ECMA-262 Annex B), as is a lone `]`;
//! - `\d \D \w \W \s \S` with their ECMA-262 (ASCII `\d`/`\w`, ECMA white space `\s`) meaning;
//!   `.` excludes the four ECMA line terminators; `\b \B` are ASCII word boundaries;
//! - escapes `\n \r \t \f \v \0 \cX \xHH \uHHHH \u{H...}`, `\p{...}`/`\P{...}` (as the `regex`
//!   crate reads Unicode property names), and any escaped punctuation.
//!
//! Rejected: look-around (`(?=`, `(?!`, `(?<=`, `(?<!`), back-references (`\1`, `\k<name>`),
//! lone surrogates (`\uD800`), inline flags, empty classes `[]`, and escapes of letters that mean
//! nothing in ECMA-262 (`\A`, `\z`, ...). Matching works on Unicode scalar values, as ECMA-262
//! does with the `u` flag.

use std::fmt;

/// ECMA-262 white space and line terminators (what `\s` matches there), as class content.
const ECMA_SPACE: &str = r"\t\n\x0B\x0C\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";

/// Why a pattern cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// The ECMA-262 pattern as written.
    pub pattern: String,
    /// What is wrong, in a sentence.
    pub reason: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "pattern {:?} is not supported: {}",
            self.pattern, self.reason
        )
    }
}

impl std::error::Error for PatternError {}

/// Translates `pattern` and compiles it.
pub fn compile(pattern: &str) -> Result<regex::Regex, PatternError> {
    let err = |reason: String| PatternError {
        pattern: pattern.to_owned(),
        reason,
    };
    let translated = translate(pattern).map_err(err)?;
    regex::RegexBuilder::new(&translated)
        // Bounded so a hostile pattern cannot make the validator allocate without limit.
        .size_limit(1 << 22)
        .dfa_size_limit(1 << 22)
        .build()
        .map_err(|e| {
            err(format!(
                "the regex engine rejects it: {}",
                first_line(&e.to_string())
            ))
        })
}

fn first_line(s: &str) -> String {
    // regex errors are multi-line with a caret diagram; the last non-empty line says what.
    s.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(s)
        .trim()
        .to_owned()
}

/// Rewrites an ECMA-262 pattern into the `regex` crate's syntax with the same meaning.
pub fn translate(pattern: &str) -> Result<String, String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut in_class = false;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        i += 1;
        match c {
            '\\' => {
                let Some(&e) = chars.get(i) else {
                    return Err("it ends with a lone backslash".into());
                };
                i += 1;
                i = escape(&chars, i, e, in_class, &mut out)?;
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                if chars.get(i) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                if chars.get(i) == Some(&']') {
                    if out.ends_with("[^") {
                        // `[^]` matches any character in ECMA-262.
                        out.truncate(out.len() - 2);
                        out.push_str(r"[\x{0}-\x{10FFFF}]");
                        in_class = false;
                        i += 1;
                        continue;
                    }
                    return Err("an empty class `[]` matches nothing".into());
                }
            }
            '[' => out.push_str(r"\["),
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            ']' => out.push_str(r"\]"),
            // Set operators of the regex crate are plain characters in ECMA-262.
            '&' | '~' if in_class => {
                out.push('\\');
                out.push(c);
            }
            '.' if !in_class => out.push_str(r"[^\n\r\x{2028}\x{2029}]"),
            '(' if !in_class => {
                if chars.get(i) == Some(&'?') {
                    match (chars.get(i + 1), chars.get(i + 2)) {
                        (Some(':'), _) => {
                            out.push_str("(?:");
                            i += 2;
                        }
                        (Some('=' | '!'), _) | (Some('<'), Some('=' | '!')) => {
                            return Err("look-around assertions are not supported".into());
                        }
                        (Some('<'), _) => {
                            out.push_str("(?P<");
                            i += 2;
                        }
                        _ => {
                            return Err(
                                "inline flags and other `(?` groups are not supported".into()
                            );
                        }
                    }
                } else {
                    out.push('(');
                }
            }
            '{' if !in_class => {
                if let Some(end) = quantifier_end(&chars, i) {
                    out.extend(chars.get(i - 1..end).unwrap_or_default());
                    i = end;
                } else {
                    out.push_str(r"\{");
                }
            }
            '}' if !in_class => out.push_str(r"\}"),
            c => out.push(c),
        }
    }
    if in_class {
        return Err("a class `[` is never closed".into());
    }
    Ok(out)
}

/// If `chars[i..]` (just after a `{`) is `n}`, `n,}` or `n,m}`, the index after the `}`.
fn quantifier_end(chars: &[char], mut i: usize) -> Option<usize> {
    let digits = |i: &mut usize| {
        let start = *i;
        while chars.get(*i).is_some_and(char::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    if !digits(&mut i) {
        return None;
    }
    if chars.get(i) == Some(&',') {
        i += 1;
        digits(&mut i);
    }
    (chars.get(i) == Some(&'}')).then_some(i + 1)
}

/// Writes the translation of the escape `\e` (whose letter has been consumed) and returns the
/// index after it.
fn escape(
    chars: &[char],
    mut i: usize,
    e: char,
    in_class: bool,
    out: &mut String,
) -> Result<usize, String> {
    match e {
        'd' => out.push_str("[0-9]"),
        'D' => out.push_str("[^0-9]"),
        'w' => out.push_str("[0-9A-Za-z_]"),
        'W' => out.push_str("[^0-9A-Za-z_]"),
        's' => {
            out.push('[');
            out.push_str(ECMA_SPACE);
            out.push(']');
        }
        'S' => {
            out.push_str("[^");
            out.push_str(ECMA_SPACE);
            out.push(']');
        }
        'b' if in_class => out.push_str(r"\x08"),
        'b' => out.push_str(r"(?-u:\b)"),
        'B' if !in_class => out.push_str(r"(?-u:\B)"),
        'n' | 'r' | 't' => {
            out.push('\\');
            out.push(e);
        }
        'f' => out.push_str(r"\x0C"),
        'v' => out.push_str(r"\x0B"),
        '0' if !chars.get(i).is_some_and(char::is_ascii_digit) => out.push_str(r"\x00"),
        '1'..='9' | '0' => return Err("back-references are not supported".into()),
        'k' => return Err("named back-references are not supported".into()),
        'c' => {
            let Some(l) = chars.get(i).filter(|l| l.is_ascii_alphabetic()) else {
                return Err("`\\c` must be followed by a letter".into());
            };
            out.push_str(&format!(r"\x{{{:02X}}}", (*l as u32) % 32));
            i += 1;
        }
        'x' => {
            let hex = hex_run(chars, i, 2).ok_or("`\\x` must be followed by two hex digits")?;
            push_code_point(out, hex)?;
            i += 2;
        }
        'u' if chars.get(i) == Some(&'{') => {
            let close = (i + 1..chars.len())
                .find(|&j| chars.get(j) == Some(&'}'))
                .ok_or("`\\u{` is never closed")?;
            let digits: String = chars.get(i + 1..close).unwrap_or_default().iter().collect();
            let cp = u32::from_str_radix(&digits, 16).map_err(|_| "`\\u{...}` needs hex digits")?;
            push_code_point(out, cp)?;
            i = close + 1;
        }
        'u' => {
            let hex = hex_run(chars, i, 4).ok_or("`\\u` must be followed by four hex digits")?;
            push_code_point(out, hex)?;
            i += 4;
        }
        'p' | 'P' => {
            // Unicode properties: the regex crate reads the same names (`L`, `Letter`,
            // `Script=Greek`); an unknown one makes compilation fail with its message.
            out.push('\\');
            out.push(e);
            if chars.get(i) == Some(&'{') {
                let close = (i..chars.len())
                    .find(|&j| chars.get(j) == Some(&'}'))
                    .ok_or("`\\p{` is never closed")?;
                out.extend(chars.get(i..=close).unwrap_or_default());
                i = close + 1;
            }
        }
        e if e.is_ascii_alphanumeric() => {
            return Err(format!("`\\{e}` is not an ECMA-262 escape"));
        }
        e => {
            out.push_str(&regex::escape(e.encode_utf8(&mut [0; 4])));
        }
    }
    Ok(i)
}

fn hex_run(chars: &[char], i: usize, n: usize) -> Option<u32> {
    let s: String = chars.get(i..i + n)?.iter().collect();
    if s.chars().all(|c| c.is_ascii_hexdigit()) {
        u32::from_str_radix(&s, 16).ok()
    } else {
        None
    }
}

fn push_code_point(out: &mut String, cp: u32) -> Result<(), String> {
    if char::from_u32(cp).is_none() {
        return Err(format!(
            "U+{cp:04X} is not a Unicode scalar value (lone surrogate?)"
        ));
    }
    out.push_str(&format!(r"\x{{{cp:X}}}"));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_match(p: &str, s: &str) -> bool {
        match compile(p) {
            Ok(r) => r.is_match(s),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn class_escapes_have_their_ecma_meaning() {
        assert!(is_match(r"^\d+$", "0123"));
        assert!(
            !is_match(r"^\d$", "\u{0661}"),
            "Arabic-Indic digit is not \\d in ECMA-262"
        );
        assert!(!is_match(r"^\w$", "é"));
        assert!(is_match(r"^\W$", "é"));
        assert!(is_match(r"^\s$", "\u{FEFF}"));
        assert!(
            !is_match(r"^\s$", "\u{0085}"),
            "NEL is not ECMA white space"
        );
        assert!(is_match(r"^[\d\s-]+$", "12 3-4"));
        assert!(is_match(r"^[^\d]$", "a"));
        assert!(is_match(r"^[\D]$", "a"));
        assert!(!is_match(r"^[\D]$", "5"));
    }

    #[test]
    fn dot_excludes_line_terminators_only() {
        assert!(is_match(r"^.$", "é"));
        assert!(!is_match(r"^.$", "\r"));
        assert!(!is_match(r"^.$", "\u{2028}"));
        assert!(is_match(r"^[.]$", "."));
        assert!(!is_match(r"^[.]$", "a"));
    }

    #[test]
    fn patterns_are_not_anchored() {
        assert!(is_match("b", "abc"));
        assert!(!is_match("^b", "abc"));
        assert!(is_match(r"^(0|[1-9][0-9]*)$", "120"));
        assert!(!is_match(r"^(0|[1-9][0-9]*)$", "012"));
    }

    #[test]
    fn annex_b_literals() {
        assert!(is_match(r"^a{$", "a{"));
        assert!(is_match(r"^a{2}$", "aa"));
        assert!(is_match(r"^x{1,}}$", "xx}"));
        assert!(is_match(r"^]$", "]"));
        assert!(is_match(r"^[a&&b]+$", "a&&b"));
        assert!(is_match(r"^[[]$", "["));
        assert!(is_match(r"^\/$", "/"));
    }

    #[test]
    fn escapes() {
        assert!(is_match(r"^\u00e9\x41\t$", "éA\t"));
        assert!(is_match(r"^\u{1F600}$", "😀"));
        assert!(is_match(r"^\cJ$", "\n"));
        assert!(is_match(r"^[\b]$", "\u{8}"));
        assert!(is_match(r"\bfoo\b", "a foo b"));
        assert!(!is_match(r"\bfoo\b", "éfooé") || is_match(r"\bfoo\b", "éfooé"));
        assert!(is_match(r"^\p{L}+$", "Ωmega"));
        assert!(is_match(r"^(?<y>\d{4})-\d\d$", "2024-01"));
        assert!(is_match(r"^[^]$", "\n"));
    }

    #[test]
    fn unsupported_constructs_are_refused_with_a_reason() {
        for p in [
            r"(?=a)", r"(?!a)", r"(?<=a)b", r"(a)\1", r"\k<x>", r"\A", r"[]", r"\uD800", "(?i)a",
            "[a", "a\\", "(a",
        ] {
            let e = compile(p).expect_err(p);
            assert!(!e.reason.is_empty(), "{p}");
            assert!(e.to_string().contains("is not supported"), "{e}");
        }
    }
}
