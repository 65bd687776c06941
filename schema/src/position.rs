//! Source positions: an index from JSON pointer to the line and column where that value starts.
//!
//! `serde_json::Value` keeps no positions, and every diagnostic of `lower` and `check` must say
//! `file:line:col`, so `load` scans each document's text once more with the small scanner below.
//! It runs only on text serde_json has already accepted, so it can stay simple; it still never
//! panics and reports what it cannot follow as an error. It also catches the one thing serde_json
//! lets through silently: a key written twice in one object (the last one would win unseen).

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{Position, pointer_push};

/// Where each value of one document starts, keyed by RFC 6901 pointer (`""` is the root).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Positions {
    starts: BTreeMap<String, Position>,
}

/// A problem the scanner found in text serde_json accepted (a duplicate key), or text it
/// could not follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanError {
    pub position: Position,
    pub pointer: String,
    pub message: String,
}

impl Positions {
    /// Scans a JSON text. Lines and columns are 1-based; a column is the Nth byte of its line
    /// (the project's convention, and serde_json's).
    pub fn scan(src: &str) -> Result<Positions, ScanError> {
        let mut scanner = Scanner {
            bytes: src.as_bytes(),
            at: 0,
            line: 1,
            column: 1,
            out: BTreeMap::new(),
        };
        scanner.skip_ws();
        scanner.value(String::new(), 0)?;
        Ok(Positions {
            starts: scanner.out,
        })
    }

    /// Where the value at `pointer` starts, if it exists.
    pub fn get(&self, pointer: &str) -> Option<Position> {
        self.starts.get(pointer).copied()
    }

    /// Where the value at `pointer` starts, or else where its nearest existing ancestor starts
    /// (a diagnostic about a missing key points at the object that lacks it).
    pub fn nearest(&self, pointer: &str) -> Option<Position> {
        let mut p = pointer;
        loop {
            if let Some(pos) = self.starts.get(p) {
                return Some(*pos);
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return None,
            }
        }
    }

    /// How many values were indexed.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }
}

/// serde_json's own nesting limit; the scanner never recurses deeper than text it accepted.
const MAX_DEPTH: usize = 256;

struct Scanner<'s> {
    bytes: &'s [u8],
    at: usize,
    line: usize,
    column: usize,
    out: BTreeMap<String, Position>,
}

impl Scanner<'_> {
    fn position(&self) -> Position {
        Position {
            line: self.line,
            column: self.column,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at += 1;
        if b == b'\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(b)
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.bump();
        }
    }

    fn fail(&self, pointer: &str, message: &str) -> ScanError {
        ScanError {
            position: self.position(),
            pointer: pointer.to_owned(),
            message: message.to_owned(),
        }
    }

    fn expect(&mut self, b: u8, pointer: &str) -> Result<(), ScanError> {
        if self.bump() == Some(b) {
            Ok(())
        } else {
            Err(self.fail(pointer, &format!("expected `{}`", b as char)))
        }
    }

    fn value(&mut self, pointer: String, depth: usize) -> Result<(), ScanError> {
        if depth > MAX_DEPTH {
            return Err(self.fail(&pointer, "nesting too deep"));
        }
        self.out.insert(pointer.clone(), self.position());
        match self.peek() {
            Some(b'{') => self.object(&pointer, depth),
            Some(b'[') => self.array(&pointer, depth),
            Some(b'"') => self.string(&pointer).map(drop),
            Some(_) => {
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.bump();
                }
                Ok(())
            }
            None => Err(self.fail(&pointer, "unexpected end of text")),
        }
    }

    fn object(&mut self, pointer: &str, depth: usize) -> Result<(), ScanError> {
        self.expect(b'{', pointer)?;
        let mut seen = BTreeSet::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.bump();
            return Ok(());
        }
        loop {
            self.skip_ws();
            let key_at = self.position();
            let key = self.string(pointer)?;
            let child = pointer_push(pointer, &key);
            if !seen.insert(key.clone()) {
                return Err(ScanError {
                    position: key_at,
                    pointer: child,
                    message: format!("duplicate key `{key}` (JSON parsers keep only the last one)"),
                });
            }
            self.skip_ws();
            self.expect(b':', &child)?;
            self.skip_ws();
            self.value(child, depth + 1)?;
            self.skip_ws();
            match self.bump() {
                Some(b',') => continue,
                Some(b'}') => return Ok(()),
                _ => return Err(self.fail(pointer, "expected `,` or `}`")),
            }
        }
    }

    fn array(&mut self, pointer: &str, depth: usize) -> Result<(), ScanError> {
        self.expect(b'[', pointer)?;
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.bump();
            return Ok(());
        }
        let mut index = 0usize;
        loop {
            self.skip_ws();
            self.value(format!("{pointer}/{index}"), depth + 1)?;
            index += 1;
            self.skip_ws();
            match self.bump() {
                Some(b',') => continue,
                Some(b']') => return Ok(()),
                _ => return Err(self.fail(pointer, "expected `,` or `]`")),
            }
        }
    }

    /// Reads a string literal and returns its decoded text (keys become pointer tokens).
    fn string(&mut self, pointer: &str) -> Result<String, ScanError> {
        self.expect(b'"', pointer)?;
        let mut raw = Vec::new();
        loop {
            match self.bump() {
                None => return Err(self.fail(pointer, "unterminated string")),
                Some(b'"') => break,
                Some(b'\\') => match self.bump() {
                    Some(b'"') => raw.push(b'"'),
                    Some(b'\\') => raw.push(b'\\'),
                    Some(b'/') => raw.push(b'/'),
                    Some(b'b') => raw.push(0x08),
                    Some(b'f') => raw.push(0x0C),
                    Some(b'n') => raw.push(b'\n'),
                    Some(b'r') => raw.push(b'\r'),
                    Some(b't') => raw.push(b'\t'),
                    Some(b'u') => {
                        let c = self.unicode_escape(pointer)?;
                        let mut buf = [0u8; 4];
                        raw.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                    }
                    _ => return Err(self.fail(pointer, "bad escape")),
                },
                Some(b) => raw.push(b),
            }
        }
        String::from_utf8(raw).map_err(|_| self.fail(pointer, "invalid UTF-8 in string"))
    }

    fn hex4(&mut self, pointer: &str) -> Result<u32, ScanError> {
        let mut n = 0u32;
        for _ in 0..4 {
            let d = self.bump().and_then(|b| (b as char).to_digit(16));
            n = n * 16 + d.ok_or_else(|| self.fail(pointer, "bad \\u escape"))?;
        }
        Ok(n)
    }

    fn unicode_escape(&mut self, pointer: &str) -> Result<char, ScanError> {
        let first = self.hex4(pointer)?;
        if (0xD800..0xDC00).contains(&first) && self.bytes.get(self.at..self.at + 2) == Some(b"\\u")
        {
            self.bump();
            self.bump();
            let second = self.hex4(pointer)?;
            let combined =
                0x10000 + ((first - 0xD800) << 10) + (second.wrapping_sub(0xDC00) & 0x3FF);
            return Ok(char::from_u32(combined).unwrap_or('\u{FFFD}'));
        }
        Ok(char::from_u32(first).unwrap_or('\u{FFFD}'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: usize, column: usize) -> Option<Position> {
        Some(Position { line, column })
    }

    #[test]
    fn indexes_every_value_by_pointer() {
        let src = "{\n  \"a\": [1, {\"b~/\": true}],\n  \"é\": \"x\"\n}";
        let p = Positions::scan(src).unwrap();
        assert_eq!(p.get(""), pos(1, 1));
        assert_eq!(p.get("/a"), pos(2, 8));
        assert_eq!(p.get("/a/0"), pos(2, 9));
        assert_eq!(p.get("/a/1/b~0~1"), pos(2, 20));
        // Columns count bytes: `"é"` is four bytes wide.
        assert_eq!(p.get("/é"), pos(3, 9));
        assert_eq!(p.nearest("/a/1/missing/deeper"), pos(2, 12));
        assert_eq!(p.len(), 6);
    }

    #[test]
    fn decodes_escaped_keys() {
        let p = Positions::scan(r#"{"\u0041\"": 1, "\ud83d\ude00": 2}"#).unwrap();
        assert!(p.get("/A\"").is_some());
        assert!(p.get("/\u{1F600}").is_some());
    }

    fn json() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            "[a-zé~/\"\\\\\n ]{0,6}".prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(4, 40, 5, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..5).prop_map(serde_json::Value::from),
                proptest::collection::vec(("[a-z~/é\"]{0,4}", inner), 0..5)
                    .prop_map(|kv| serde_json::Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    /// Every pointer of the value, with the value it names.
    fn pointers(v: &serde_json::Value, base: String, out: &mut Vec<(String, serde_json::Value)>) {
        out.push((base.clone(), v.clone()));
        match v {
            serde_json::Value::Array(items) => {
                for (i, x) in items.iter().enumerate() {
                    pointers(x, format!("{base}/{i}"), out);
                }
            }
            serde_json::Value::Object(o) => {
                for (k, x) in o {
                    pointers(x, pointer_push(&base, k), out);
                }
            }
            _ => {}
        }
    }

    proptest::proptest! {
        /// The scanner indexes exactly the values serde_json sees, each at its first character.
        #[test]
        fn scanner_agrees_with_serde_json(v in json(), pretty in proptest::bool::ANY) {
            let src = if pretty { serde_json::to_string_pretty(&v) } else { serde_json::to_string(&v) }.unwrap();
            let p = Positions::scan(&src).unwrap();
            let mut all = Vec::new();
            pointers(&v, String::new(), &mut all);
            proptest::prop_assert_eq!(p.len(), all.len());
            let lines: Vec<&[u8]> = src.split('\n').map(str::as_bytes).collect();
            for (ptr, value) in all {
                let at = p.get(&ptr).unwrap();
                let first = serde_json::to_string(&value).unwrap().as_bytes()[0];
                proptest::prop_assert_eq!(lines[at.line - 1][at.column - 1], first, "at {}", ptr);
            }
        }
    }

    #[test]
    fn rejects_duplicate_keys() {
        let err = Positions::scan("{\"x\": 1,\n \"x\": 2}").unwrap_err();
        assert_eq!(err.pointer, "/x");
        assert_eq!(err.position, Position { line: 2, column: 2 });
        assert!(err.message.contains("duplicate key `x`"));
    }
}
