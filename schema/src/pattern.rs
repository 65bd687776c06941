//! ECMA-262 patterns (what JSON Schema's `pattern` means): the one scanner that decides which
//! patterns adcontract supports, and their two translations.
//!
//! JSON Schema patterns are ECMA-262 regular expressions matched anywhere in the string (not
//! anchored). Two consumers read them in other dialects: the Rust validator (the `regex` crate)
//! and the generated TypeScript validators (`new RegExp(source, "u")`, whose grammar is stricter
//! than the Annex B grammar JSON Schema uses). [`scan`] walks a pattern once and writes both
//! translations, so "supported" means the same thing to `check` (which refuses the rest with a
//! pointer), to the validator and to the TypeScript emitter; a pattern is never silently read in
//! another way.
//!
//! Supported subset (everything else is refused with a [`PatternError`]):
//! - literals, `^`, `$` (whole-input anchors: no multiline flag), `|`, groups `( )`, `(?: )`,
//!   named groups `(?<name> )`, quantifiers `* + ? {n} {n,} {n,m}` and their lazy forms, with
//!   counts up to [`MAX_REPEAT`];
//! - classes `[...]`, `[^...]` with ranges; a `{` or `}` that does not form a quantifier is a
//!   literal (ECMA-262 Annex B), as is a lone `]`;
//! - `\d \D \w \W \s \S` with their ECMA-262 (ASCII `\d`/`\w`, ECMA white space `\s`) meaning;
//!   `.` excludes the four ECMA line terminators; `\b \B` are ASCII word boundaries;
//! - escapes `\n \r \t \f \v \0 \cX \xHH \uHHHH \u{H...}`, `\p{...}`/`\P{...}` (as the `regex`
//!   crate reads Unicode property names), and any escaped punctuation.
//!
//! Refused: look-around (`(?=`, `(?!`, `(?<=`, `(?<!`), back-references (`\1`, `\k<name>`),
//! lone surrogates (`\uD800`), inline flags, empty classes `[]`, escapes of letters that mean
//! nothing in ECMA-262 (`\A`, `\z`, ...), repeat counts above [`MAX_REPEAT`] (`{99999999}`), and
//! anything the regex engine cannot build within its size limit. Matching works on Unicode
//! scalar values, as ECMA-262 does with the `u` flag.

use std::fmt;

/// The largest repeat count a quantifier may give (`{n}`, `{n,}`, `{n,m}`). The regex engines
/// unroll counted repeats, so a count like `{99999999}` costs memory in proportion; nothing in
/// the contract needs more than a few dozen.
pub const MAX_REPEAT: u32 = 1000;

/// ECMA-262 white space and line terminators (what `\s` matches there), as class content.
const ECMA_SPACE: &str = r"\t\n\x0B\x0C\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";

/// Characters that `new RegExp(p, "u")` lets a backslash escape (besides letters and digits
/// with a meaning, and `-` inside a class).
const JS_SYNTAX: &str = "^$\\.*+?()[]{}|/";

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

/// A supported pattern in both dialects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translated {
    /// The `regex` crate's syntax, with the ECMA-262 meaning.
    pub regex: String,
    /// The source for JavaScript's `new RegExp(source, "u")`, with the same meaning.
    pub js: String,
}

/// Whether `pattern` is in the supported subset: it scans and the regex engine builds it.
/// This is the test `check` applies to every pattern of a contract.
pub fn check(pattern: &str) -> Result<(), PatternError> {
    compile(pattern).map(|_| ())
}

/// Translates `pattern` and compiles it for the `regex` crate.
pub fn compile(pattern: &str) -> Result<regex::Regex, PatternError> {
    let t = scan(pattern)?;
    regex::RegexBuilder::new(&t.regex)
        // Bounded so a hostile pattern cannot make the validator allocate without limit.
        .size_limit(1 << 22)
        .dfa_size_limit(1 << 22)
        .build()
        .map_err(|e| PatternError {
            pattern: pattern.to_owned(),
            reason: format!(
                "the regex engine rejects it: {}",
                first_line(&e.to_string())
            ),
        })
}

/// The `regex` crate's rewrite of an ECMA-262 pattern (same meaning).
pub fn translate(pattern: &str) -> Result<String, PatternError> {
    scan(pattern).map(|t| t.regex)
}

/// The `new RegExp(source, "u")` source of an ECMA-262 pattern (same meaning): Annex B literals
/// (lone braces and brackets) and identity escapes of non-syntax characters, which the `u` flag
/// rejects, are written as escapes it accepts.
pub fn js_source(pattern: &str) -> Result<String, PatternError> {
    scan(pattern).map(|t| t.js)
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

/// Both translations being written.
struct Out {
    re: String,
    js: String,
}

impl Out {
    /// The same text in both dialects.
    fn both(&mut self, s: &str) {
        self.re.push_str(s);
        self.js.push_str(s);
    }
}

/// Walks an ECMA-262 pattern once: refuses what is outside the subset and writes both
/// translations.
pub fn scan(pattern: &str) -> Result<Translated, PatternError> {
    scan_inner(pattern).map_err(|reason| PatternError {
        pattern: pattern.to_owned(),
        reason,
    })
}

fn scan_inner(pattern: &str) -> Result<Translated, String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut o = Out {
        re: String::with_capacity(pattern.len() + 16),
        js: String::with_capacity(pattern.len() + 8),
    };
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
                i = escape(&chars, i, e, in_class, &mut o)?;
            }
            '[' if !in_class => {
                in_class = true;
                o.both("[");
                if chars.get(i) == Some(&'^') {
                    o.both("^");
                    i += 1;
                }
                if chars.get(i) == Some(&']') {
                    if o.re.ends_with("[^") {
                        // `[^]` matches any character in ECMA-262.
                        o.re.truncate(o.re.len() - 2);
                        o.re.push_str(r"[\x{0}-\x{10FFFF}]");
                        o.js.push(']');
                        in_class = false;
                        i += 1;
                        continue;
                    }
                    return Err("an empty class `[]` matches nothing".into());
                }
            }
            '[' => {
                o.re.push_str(r"\[");
                o.js.push('[');
            }
            ']' if in_class => {
                in_class = false;
                o.both("]");
            }
            ']' => o.both(r"\]"),
            // Set operators of the regex crate are plain characters in ECMA-262.
            '&' | '~' if in_class => {
                o.re.push('\\');
                o.re.push(c);
                o.js.push(c);
            }
            '.' if !in_class => {
                o.re.push_str(r"[^\n\r\x{2028}\x{2029}]");
                o.js.push('.');
            }
            '(' if !in_class => {
                if chars.get(i) == Some(&'?') {
                    match (chars.get(i + 1), chars.get(i + 2)) {
                        (Some(':'), _) => {
                            o.both("(?:");
                            i += 2;
                        }
                        (Some('=' | '!'), _) | (Some('<'), Some('=' | '!')) => {
                            return Err(
                                "it uses a look-around assertion (`(?=`, `(?!`, `(?<=`, `(?<!`)"
                                    .into(),
                            );
                        }
                        (Some('<'), _) => {
                            o.re.push_str("(?P<");
                            o.js.push_str("(?<");
                            i += 2;
                        }
                        _ => {
                            return Err("it uses an inline flag or another `(?` group".into());
                        }
                    }
                } else {
                    o.both("(");
                }
            }
            '{' if !in_class => {
                if let Some((end, counts)) = quantifier_end(&chars, i) {
                    if let Some(&n) = counts.iter().find(|n| **n > u64::from(MAX_REPEAT)) {
                        return Err(format!("the repeat count {n} is larger than {MAX_REPEAT}"));
                    }
                    if let [min, max] = counts[..] {
                        if min > max {
                            return Err(format!(
                                "the repeat counts {{{min},{max}}} are out of order"
                            ));
                        }
                    }
                    let q: String = chars.get(i - 1..end).unwrap_or_default().iter().collect();
                    o.both(&q);
                    i = end;
                } else {
                    o.both(r"\{");
                }
            }
            '}' if !in_class => o.both(r"\}"),
            c => {
                let mut buf = [0; 4];
                o.both(c.encode_utf8(&mut buf));
            }
        }
    }
    if in_class {
        return Err("a class `[` is never closed".into());
    }
    Ok(Translated {
        regex: o.re,
        js: o.js,
    })
}

/// If `chars[i..]` (just after a `{`) is `n}`, `n,}` or `n,m}`: the index after the `}` and the
/// counts written (saturated: a count too large for `u64` is still too large).
fn quantifier_end(chars: &[char], mut i: usize) -> Option<(usize, Vec<u64>)> {
    let digits = |i: &mut usize| {
        let start = *i;
        let mut n = 0u64;
        while let Some(d) = chars.get(*i).and_then(|c| c.to_digit(10)) {
            n = n.saturating_mul(10).saturating_add(u64::from(d));
            *i += 1;
        }
        (*i > start).then_some(n)
    };
    let mut counts = vec![digits(&mut i)?];
    if chars.get(i) == Some(&',') {
        i += 1;
        counts.extend(digits(&mut i));
    }
    (chars.get(i) == Some(&'}')).then_some((i + 1, counts))
}

/// Writes the translations of the escape `\e` (whose letter has been consumed) and returns the
/// index after it.
fn escape(
    chars: &[char],
    mut i: usize,
    e: char,
    in_class: bool,
    o: &mut Out,
) -> Result<usize, String> {
    // What JavaScript gets for escapes whose ECMA-262 meaning it reads the same way.
    let js_same = |o: &mut Out| {
        o.js.push('\\');
        o.js.push(e);
    };
    match e {
        'd' | 'D' | 'w' | 'W' | 's' | 'S' | 'n' | 'r' | 't' | 'f' | 'v' => {
            js_same(o);
            match e {
                'd' => o.re.push_str("[0-9]"),
                'D' => o.re.push_str("[^0-9]"),
                'w' => o.re.push_str("[0-9A-Za-z_]"),
                'W' => o.re.push_str("[^0-9A-Za-z_]"),
                's' => {
                    o.re.push('[');
                    o.re.push_str(ECMA_SPACE);
                    o.re.push(']');
                }
                'S' => {
                    o.re.push_str("[^");
                    o.re.push_str(ECMA_SPACE);
                    o.re.push(']');
                }
                'f' => o.re.push_str(r"\x0C"),
                'v' => o.re.push_str(r"\x0B"),
                _ => {
                    o.re.push('\\');
                    o.re.push(e);
                }
            }
        }
        'b' if in_class => {
            js_same(o);
            o.re.push_str(r"\x08");
        }
        'b' => {
            js_same(o);
            o.re.push_str(r"(?-u:\b)");
        }
        'B' if !in_class => {
            js_same(o);
            o.re.push_str(r"(?-u:\B)");
        }
        '0' if !chars.get(i).is_some_and(char::is_ascii_digit) => {
            js_same(o);
            o.re.push_str(r"\x00");
        }
        '1'..='9' | '0' => return Err("it uses a back-reference".into()),
        'k' => return Err("it uses a named back-reference".into()),
        'c' => {
            let Some(l) = chars.get(i).filter(|l| l.is_ascii_alphabetic()) else {
                return Err("`\\c` must be followed by a letter".into());
            };
            o.re.push_str(&format!(r"\x{{{:02X}}}", (*l as u32) % 32));
            o.js.push_str(&format!(r"\c{l}"));
            i += 1;
        }
        'x' => {
            let hex = hex_run(chars, i, 2).ok_or("`\\x` must be followed by two hex digits")?;
            push_code_point(o, hex)?;
            o.js.push_str(&written(chars, i - 2, i + 2));
            i += 2;
        }
        'u' if chars.get(i) == Some(&'{') => {
            let close = (i + 1..chars.len())
                .find(|&j| chars.get(j) == Some(&'}'))
                .ok_or("`\\u{` is never closed")?;
            let digits: String = chars.get(i + 1..close).unwrap_or_default().iter().collect();
            let cp = u32::from_str_radix(&digits, 16).map_err(|_| "`\\u{...}` needs hex digits")?;
            push_code_point(o, cp)?;
            o.js.push_str(&written(chars, i - 2, close + 1));
            i = close + 1;
        }
        'u' => {
            let hex = hex_run(chars, i, 4).ok_or("`\\u` must be followed by four hex digits")?;
            push_code_point(o, hex)?;
            o.js.push_str(&written(chars, i - 2, i + 4));
            i += 4;
        }
        'p' | 'P' => {
            // Unicode properties: the regex crate reads the same names (`L`, `Letter`,
            // `Script=Greek`); an unknown one makes compilation fail with its message.
            let Some(close) = (chars.get(i) == Some(&'{'))
                .then(|| (i..chars.len()).find(|&j| chars.get(j) == Some(&'}')))
                .flatten()
            else {
                return Err(format!(
                    "`\\{e}` must be followed by a property in braces, as `\\{e}{{L}}`"
                ));
            };
            let prop: String = chars.get(i..=close).unwrap_or_default().iter().collect();
            o.both(&format!("\\{e}{prop}"));
            i = close + 1;
        }
        e if e.is_ascii_alphanumeric() => {
            return Err(format!("`\\{e}` is not an ECMA-262 escape"));
        }
        e => {
            o.re.push_str(&regex::escape(e.encode_utf8(&mut [0; 4])));
            if JS_SYNTAX.contains(e) || (in_class && e == '-') {
                js_same(o);
            } else {
                o.js.push_str(&format!("\\u{{{:X}}}", e as u32));
            }
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

/// A code point escape for the regex crate (JavaScript reads the escape as written).
fn push_code_point(o: &mut Out, cp: u32) -> Result<(), String> {
    if char::from_u32(cp).is_none() {
        return Err(format!(
            "U+{cp:04X} is not a Unicode scalar value (lone surrogate?)"
        ));
    }
    o.re.push_str(&format!(r"\x{{{cp:X}}}"));
    Ok(())
}

/// The pattern's own text from `from` to `to`.
fn written(chars: &[char], from: usize, to: usize) -> String {
    chars.get(from..to).unwrap_or_default().iter().collect()
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
            r"(?=a)",
            r"(?!a)",
            r"(?<=a)b",
            r"(a)\1",
            r"\k<x>",
            r"\A",
            r"[]",
            r"\uD800",
            "(?i)a",
            "[a",
            "a\\",
            "(a",
            "a{99999999}",
            "a{1001}",
            "a{2,99999999999999999999999}",
            "a{3,2}",
            r"\pL",
        ] {
            let e = compile(p).expect_err(p);
            assert!(!e.reason.is_empty(), "{p}");
            assert!(e.to_string().contains("is not supported"), "{e}");
        }
    }

    #[test]
    fn repeat_counts_are_bounded_and_named() {
        assert!(is_match(r"^a{1000}$", &"a".repeat(1000)));
        let e = check("^[0-9]{99999999}$").unwrap_err();
        assert_eq!(e.reason, "the repeat count 99999999 is larger than 1000");
        // Not a quantifier (Annex B literal): no count to bound.
        assert!(is_match(r"^a{99999999$", "a{99999999"));
    }

    #[test]
    fn patterns_become_unicode_mode_regexes() {
        let js = |p: &str| js_source(p).unwrap();
        assert_eq!(js("^(0|[1-9][0-9]*)$"), "^(0|[1-9][0-9]*)$");
        assert_eq!(js("^a{$"), "^a\\{$");
        assert_eq!(js("^x{1,}}$"), "^x{1,}\\}$");
        assert_eq!(js("^]$"), "^\\]$");
        assert_eq!(js("^\\@\\:$"), "^\\u{40}\\u{3A}$");
        assert_eq!(js("^[\\-a]\\/$"), "^[\\-a]\\/$");
        assert_eq!(js("^[^]$"), "^[^]$");
        assert_eq!(js("^\\d{2}\\p{L}.\\s$"), "^\\d{2}\\p{L}.\\s$");
        assert_eq!(
            js("^(?<y>a)\\x41\\cJ\\u00e9\\u{1F600}$"),
            "^(?<y>a)\\x41\\cJ\\u00e9\\u{1F600}$"
        );
        assert_eq!(js("^[a&&b~]$"), "^[a&&b~]$");
    }

    #[test]
    fn one_verdict_for_both_dialects() {
        // Whatever the scanner refuses, neither translation exists; whatever it accepts has both.
        for p in [r"(?=a)", "a{99999999}", r"^\d+$", r"^\w{2,5}?$", "[^]"] {
            match scan(p) {
                Ok(t) => assert!(!t.regex.is_empty() && !t.js.is_empty(), "{p}"),
                Err(e) => {
                    assert_eq!(translate(p).unwrap_err(), e);
                    assert_eq!(js_source(p).unwrap_err(), e);
                }
            }
        }
    }
}
