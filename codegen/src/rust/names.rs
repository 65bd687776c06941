//! Wire names -> Rust identifiers: word splitting, case mapping, keywords, non-ASCII.
//!
//! The mapping is a pure function of the wire name, so it is deterministic; it is not injective
//! (`fooBar` and `foo_bar` both become `foo_bar`), which is why every scope of names goes through
//! [`crate::scope::Scope`] and a collision is a hard error, never a silent `Foo2`.

use proc_macro2::{Ident, Span};

/// Keywords that cannot be raw identifiers: they get a trailing `_` instead (`self_`, `Self_`).
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Strict, reserved and edition-2024 keywords: these become raw identifiers (`r#type`).
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "else", "enum", "extern", "false", "fn", "for", "if",
    "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static",
    "struct", "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn",
    "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized",
    "virtual", "yield", "try", "gen",
];

/// Splits a wire name into words: at every non-alphanumeric ASCII character, at lower->upper and
/// digit->upper transitions, and before the last capital of an acronym (`KBItem` -> `KB`, `Item`).
/// Non-ASCII characters become words of their own, spelled `u00f6`: identifiers stay ASCII so the
/// output never trips `uncommon_codepoints`/`confusable_idents` under `#![deny(warnings)]`, and the
/// spelling stays injective and readable enough to find in the schema.
pub(crate) fn words(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        if !cur.is_empty() {
            out.push(std::mem::take(cur));
        }
    };
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii() {
            flush(&mut cur, &mut out);
            out.push(format!("u{:04x}", c as u32));
            continue;
        }
        if !c.is_ascii_alphanumeric() {
            flush(&mut cur, &mut out);
            continue;
        }
        if c.is_ascii_uppercase() {
            let prev = cur.chars().last();
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            let boundary = match prev {
                Some(p) if p.is_ascii_lowercase() || p.is_ascii_digit() => true,
                Some(p) if p.is_ascii_uppercase() => next_lower,
                _ => false,
            };
            if boundary {
                flush(&mut cur, &mut out);
            }
        }
        cur.push(c);
    }
    flush(&mut cur, &mut out);
    out
}

/// `snake_case` for fields, parameters and trait methods.
pub(crate) fn snake(s: &str) -> String {
    let w = words(s);
    if w.is_empty() {
        return "empty".to_owned();
    }
    let joined = w
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    if joined.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{joined}")
    } else {
        joined
    }
}

/// `PascalCase` for variants and synthesized type names.
pub(crate) fn pascal(s: &str) -> String {
    let w = words(s);
    if w.is_empty() {
        return "Empty".to_owned();
    }
    let mut out = String::new();
    for word in &w {
        let mut cs = word.chars();
        if let Some(first) = cs.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(cs.map(|c| c.to_ascii_lowercase()));
        }
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("N{out}")
    } else {
        out
    }
}

/// A type name: schema type names that already are valid upper-camel identifiers are kept as
/// written (`ExternalKBItemData`, so users find them in the vendor docs); others are Pascal-cased.
pub(crate) fn type_name(s: &str) -> String {
    let ok = s.starts_with(|c: char| c.is_ascii_uppercase())
        && s.chars().all(|c| c.is_ascii_alphanumeric())
        && !NOT_RAW.contains(&s);
    if ok { s.to_owned() } else { pascal(s) }
}

/// The identifier for a mapped name, raw or suffixed when it is a keyword.
pub(crate) fn ident(name: &str) -> Ident {
    if NOT_RAW.contains(&name) {
        Ident::new(&format!("{name}_"), Span::call_site())
    } else if KEYWORDS.contains(&name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// The spelling a Rust user sees for a mapped name (what [`ident`] prints), used in collision keys
/// so that `self` (-> `self_`) and `self_` are recognised as the same Rust name.
pub(crate) fn spelled(name: &str) -> String {
    if NOT_RAW.contains(&name) {
        format!("{name}_")
    } else {
        name.to_owned()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn splits_like_a_human_would() {
        assert_eq!(
            words("ExternalKBItemData"),
            ["External", "KB", "Item", "Data"]
        );
        assert_eq!(
            words("ON_INTERACTION_REMOVED"),
            ["ON", "INTERACTION", "REMOVED"]
        );
        assert_eq!(words("dialpad-search"), ["dialpad", "search"]);
        assert_eq!(
            words("activeInteractionId"),
            ["active", "Interaction", "Id"]
        );
        assert_eq!(words("größe"), ["gr", "u00f6", "u00df", "e"]);
    }

    #[test]
    fn case_mapping() {
        assert_eq!(snake("DNIS"), "dnis");
        assert_eq!(snake("activeInteractionId"), "active_interaction_id");
        assert_eq!(pascal("not_ready"), "NotReady");
        assert_eq!(pascal("dialpad-search"), "DialpadSearch");
        assert_eq!(pascal("5.19"), "N519");
        assert_eq!(snake(""), "empty");
        assert_eq!(type_name("ExternalKBItemData"), "ExternalKBItemData");
        assert_eq!(type_name("my-type"), "MyType");
        assert_eq!(type_name("Self"), "Self");
    }

    #[test]
    fn keywords_become_usable_identifiers() {
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("self").to_string(), "self_");
        assert_eq!(ident("Self").to_string(), "Self_");
        assert_eq!(ident("crate").to_string(), "crate_");
        assert_eq!(ident("async").to_string(), "r#async");
        assert_eq!(spelled("self"), "self_");
    }
}
