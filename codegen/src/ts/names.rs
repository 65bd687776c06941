//! Schema names -> TypeScript names: identifiers and quoted property keys.
//!
//! A schema name that already is a usable TypeScript identifier is kept as written, so the
//! vendor's own spellings survive (`JSAPI_InteractionOrigination`, `DNIS`). Anything else is
//! rewritten by a pure function of the name (deterministic); the rewrite is not injective, so
//! every namespace goes through [`crate::scope::Scope`] and two origins with one TypeScript name
//! are a [`crate::scope::Collision`] — never a silent `Foo2`.

/// ECMAScript reserved words (strict mode included): never usable as binding names.
const RESERVED: &[&str] = &[
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "new",
    "null",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
    "implements",
    "interface",
    "let",
    "package",
    "private",
    "protected",
    "public",
    "static",
    "arguments",
    "eval",
];

/// Names a type alias may not take (TypeScript's predefined types and type-level keywords).
const TYPE_RESERVED: &[&str] = &[
    "any",
    "unknown",
    "never",
    "object",
    "string",
    "number",
    "boolean",
    "symbol",
    "bigint",
    "undefined",
    "void",
    "null",
    "this",
    "keyof",
    "infer",
    "is",
    "asserts",
    "readonly",
    "unique",
    "type",
    "declare",
    "module",
    "namespace",
    "abstract",
    "as",
    "satisfies",
    "of",
    "global",
    "require",
    "accessor",
    "out",
    "intrinsic",
    // Global types the generated declarations use: a schema type must not shadow them.
    "Record",
    "Promise",
];

/// Whether `s` is an identifier by ECMAScript's grammar (Unicode ID_Start / ID_Continue, `$`, `_`).
/// We accept ASCII letters, digits, `_`, `$` and alphabetic non-ASCII characters, which is a
/// subset of the grammar (so a name we keep is always valid), never a superset.
pub(crate) fn is_identifier(s: &str) -> bool {
    let mut cs = s.chars();
    let Some(first) = cs.next() else { return false };
    let start = |c: char| {
        c == '_' || c == '$' || c.is_ascii_alphabetic() || (!c.is_ascii() && c.is_alphabetic())
    };
    start(first) && cs.all(|c| start(c) || c.is_ascii_digit())
}

/// Whether `s` may name an exported type alias, interface or const.
pub(crate) fn is_declarable(s: &str) -> bool {
    is_identifier(s) && !RESERVED.contains(&s) && !TYPE_RESERVED.contains(&s)
}

/// Splits a name into words at non-alphanumeric characters and case transitions.
fn words(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if c.is_uppercase() {
            let prev = cur.chars().last();
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            let boundary = match prev {
                Some(p) if p.is_lowercase() || p.is_numeric() => true,
                Some(p) if p.is_uppercase() => next_lower,
                _ => false,
            };
            if boundary && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn capitalise(w: &str) -> String {
    let mut cs = w.chars();
    match cs.next() {
        Some(f) => f
            .to_uppercase()
            .chain(cs.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// `PascalCase` of a name's words; a leading digit gets an `N`, nothing at all becomes `Empty`.
pub(crate) fn pascal(s: &str) -> String {
    let out: String = words(s).iter().map(|w| capitalise(w)).collect();
    let out: String = out
        .chars()
        .filter(|&c| is_identifier(&format!("a{c}")))
        .collect();
    if out.is_empty() {
        "Empty".to_owned()
    } else if out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("N{out}")
    } else {
        out
    }
}

/// `camelCase` of a name's words, for parameters.
fn camel(s: &str) -> String {
    let p = pascal(s);
    let mut cs = p.chars();
    match cs.next() {
        Some(f) => f.to_lowercase().chain(cs).collect(),
        None => "empty".to_owned(),
    }
}

/// The exported name of a schema type: kept when declarable, else Pascal-cased (and suffixed
/// with `_` if that is still a reserved word).
pub(crate) fn type_name(s: &str) -> String {
    if is_declarable(s) {
        return s.to_owned();
    }
    let p = pascal(s);
    if is_declarable(&p) {
        p
    } else {
        format!("{p}_")
    }
}

/// A parameter name: kept when it is a usable binding name, else camel-cased / suffixed.
pub(crate) fn param_name(s: &str) -> String {
    if is_identifier(s) && !RESERVED.contains(&s) {
        return s.to_owned();
    }
    let c = camel(s);
    if is_identifier(&c) && !RESERVED.contains(&c.as_str()) {
        c
    } else {
        format!("{c}_")
    }
}

/// A property key as written in a type literal or an interface: bare when it is a plain
/// identifier that is not a reserved word, otherwise a quoted string literal.
pub(crate) fn property_key(s: &str) -> String {
    if is_identifier(s) && !RESERVED.contains(&s) && s != "__proto__" && s != "constructor" {
        s.to_owned()
    } else {
        super::text::js_string(s)
    }
}

/// The exported name of a vendor constant (`x-const-name`): kept when declarable.
pub(crate) fn const_name(s: &str) -> String {
    if is_declarable(s) {
        s.to_owned()
    } else {
        param_name(s)
    }
}

/// Upper-cases the first character (`resultErrorCodes` -> `ResultErrorCodes`).
pub(crate) fn upper_first(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendor_spellings_are_kept() {
        assert_eq!(
            type_name("JSAPI_InteractionOrigination"),
            "JSAPI_InteractionOrigination"
        );
        assert_eq!(type_name("ExternalKBItemData"), "ExternalKBItemData");
        assert_eq!(type_name("DIDNumber"), "DIDNumber");
        assert_eq!(type_name("Größe"), "Größe");
    }

    #[test]
    fn unusable_names_are_rewritten() {
        assert_eq!(type_name("my-type"), "MyType");
        assert_eq!(type_name("class"), "Class");
        assert_eq!(type_name("string"), "String");
        assert_eq!(type_name("5.19"), "N519");
        assert_eq!(type_name("*/"), "Empty");
        assert_eq!(param_name("default"), "default_");
        assert_eq!(param_name("item-id"), "itemId");
        assert_eq!(param_name("interactionId"), "interactionId");
    }

    #[test]
    fn keys_are_quoted_when_needed() {
        assert_eq!(property_key("DNIS"), "DNIS");
        assert_eq!(property_key("dialpad-search"), "\"dialpad-search\"");
        assert_eq!(property_key("class"), "\"class\"");
        assert_eq!(property_key("__proto__"), "\"__proto__\"");
        assert_eq!(property_key("a\u{2028}b"), "\"a\\u2028b\"");
    }
}
