//! Recordings: the JSONL format (header line, then ordered entries) and a reader that reports
//! every bad line with its line number and keeps going. Spec: `docs/conformance/recording.md`;
//! JSON Schema: `schema/conformance/recording-*.schema.json` (generated from these types).

use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The `format` value of every header.
pub const FORMAT: &str = "adcontract-recording";
/// The format version this crate reads and writes.
pub const FORMAT_VERSION: u64 = 1;

/// Where a recording came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Origin {
    /// `simulated` (written by the reference model from a scenario), `imported` (from SDK
    /// message logs), `shrunk` (a minimal failure found by `adcontract check`), `hand-written`.
    pub kind: String,
    /// Free text: the scenario, the imported file, the implementation that failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// `check` seed that found a shrunk failure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// The rule a shrunk failure broke.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// The first line of a recording.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Header {
    /// Always `adcontract-recording`.
    pub format: String,
    /// Format version (1).
    pub version: u64,
    /// `widget` (API A) or `embedded` (API B).
    pub api: String,
    /// The contract version the recording was made against (`5.19`, `5.24`, `latest`).
    pub api_version: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub origin: Origin,
}

/// What an entry is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Body {
    /// Sets the scene (see the fixture list in the docs).
    Fixture { fixture: String, args: Value },
    /// A method call with positional arguments.
    Call { method: String, args: Vec<Value> },
    /// The result of the call `re`: an `OperationResult` (API A) or callback data (API B).
    Result {
        re: u64,
        method: String,
        result: Value,
    },
    /// An event with positional arguments; `re` = the fixture or call that caused it.
    Event {
        event: String,
        args: Vec<Value>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        re: Option<u64>,
    },
    /// The host's answer to the data-providing event `re`.
    Response {
        re: u64,
        event: String,
        response: Value,
    },
    /// The live interactions a consumer should list at this point.
    View { view: Value },
}

/// One entry: a sequence number, a timestamp and the interaction it concerns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Entry {
    /// Strictly increasing within a recording.
    pub seq: u64,
    /// Milliseconds since the start of the recording; never decreasing.
    pub t: u64,
    /// The interaction the entry concerns, when there is one (correlation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interaction: Option<String>,
    #[serde(flatten)]
    pub body: Body,
}

/// A whole recording.
#[derive(Debug, Clone, PartialEq)]
pub struct Recording {
    pub header: Header,
    pub entries: Vec<Entry>,
}

/// A problem in a recording file: where and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Line 0 is the file as a whole (it cannot be read): no line to name.
        if self.line == 0 {
            f.write_str(&self.message)
        } else {
            write!(f, "line {}: {}", self.line, self.message)
        }
    }
}

/// What reading a recording file gave: the recording (when a header was found), every problem
/// (each makes the file an invalid recording), warnings (a value the reader normalised, such as
/// a byte order mark it skipped) and the line of each entry (for problems found later).
#[derive(Debug, Clone, Default)]
pub struct Reading {
    pub recording: Option<Recording>,
    pub errors: Vec<LineError>,
    pub warnings: Vec<LineError>,
    /// `entry_lines[i]` is the 1-based line of `recording.entries[i]`.
    pub entry_lines: Vec<usize>,
    /// The line of the header (the first line with content).
    pub header_line: usize,
}

/// The UTF-8 encoding of U+FEFF, the byte order mark some editors put at the start of a file.
pub const BOM: &str = "\u{FEFF}";

/// Parses a recording. Returns what could be read and every problem found.
pub fn parse(text: &str) -> (Option<Recording>, Vec<LineError>) {
    let (rec, errors, _) = parse_with_lines(text);
    (rec, errors)
}

/// Like [`parse`], also giving the line of each entry.
pub fn parse_with_lines(text: &str) -> (Option<Recording>, Vec<LineError>, Vec<usize>) {
    let mut entry_lines = Vec::new();
    let mut errors = Vec::new();
    let mut header: Option<Header> = None;
    let mut entries: Vec<Entry> = Vec::new();
    let mut last: Option<(u64, u64)> = None;
    let mut tried_header = false;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with(BOM) {
            errors.push(LineError {
                line: n,
                message: "the line starts with a UTF-8 byte order mark (bytes EF BB BF), which is not JSON; line skipped; hint: remove it (only the start of a file may carry one)".into(),
            });
            continue;
        }
        if !tried_header {
            tried_header = true;
            match serde_json::from_str::<Header>(line) {
                Ok(h) => {
                    if h.format != FORMAT {
                        errors.push(LineError {
                            line: n,
                            message: format!(
                                "header format is {:?}, expected {FORMAT:?}",
                                h.format
                            ),
                        });
                    }
                    if h.version != FORMAT_VERSION {
                        errors.push(LineError { line: n, message: format!("format version {} is not supported (this reader knows {FORMAT_VERSION})", h.version) });
                    }
                    if crate::contract::parse_api(&h.api).is_none() {
                        errors.push(LineError {
                            line: n,
                            message: format!("api must be widget or embedded, got {:?}", h.api),
                        });
                    }
                    header = Some(h);
                    continue;
                }
                Err(e) => {
                    errors.push(LineError { line: n, message: format!("expected the header line: {e}; hint: the first line names format, version, api, apiVersion, title, origin") });
                    // Try it as an entry so the rest is still checked.
                }
            }
        }
        match serde_json::from_str::<Entry>(line) {
            Ok(e) => {
                if let Some((seq, t)) = last {
                    if e.seq <= seq {
                        errors.push(LineError {
                            line: n,
                            message: format!("seq {} does not increase (previous {seq})", e.seq),
                        });
                    }
                    if e.t < t {
                        errors.push(LineError {
                            line: n,
                            message: format!("t {} goes back in time (previous {t})", e.t),
                        });
                    }
                }
                let refers = match &e.body {
                    Body::Result { re, .. } | Body::Response { re, .. } => Some(*re),
                    Body::Event { re, .. } => *re,
                    _ => None,
                };
                if let Some(re) = refers {
                    if !entries.iter().any(|p| p.seq == re) {
                        errors.push(LineError {
                            line: n,
                            message: format!("re {re} names no earlier entry"),
                        });
                    }
                }
                last = Some((e.seq, e.t));
                entries.push(e);
                entry_lines.push(n);
            }
            Err(err) => errors.push(LineError {
                line: n,
                message: format!("not an entry: {err}"),
            }),
        }
    }
    let rec = header.map(|header| Recording { header, entries });
    if rec.is_none() && errors.is_empty() {
        errors.push(LineError {
            line: 1,
            message: "empty recording: no header".into(),
        });
    }
    (rec, errors, entry_lines)
}

/// Reads a recording file (see [`read_file`]; warnings are dropped).
pub fn read(path: &Path) -> (Option<Recording>, Vec<LineError>) {
    let r = read_file(path);
    (r.recording, r.errors)
}

/// Reads a recording file: every problem with its line (line 0: the file as a whole, such as a
/// missing file or a directory). A byte order mark at the start of the file is skipped with a
/// warning.
pub fn read_file(path: &Path) -> Reading {
    if path.is_dir() {
        return Reading {
            errors: vec![LineError {
                line: 0,
                message: "is a directory, not a recording; hint: pass the files (dir/*.jsonl)"
                    .into(),
            }],
            ..Reading::default()
        };
    }
    match std::fs::read(path) {
        Ok(bytes) => read_bytes(&bytes),
        Err(e) => Reading {
            errors: vec![LineError {
                line: 0,
                message: format!("cannot read: {e}"),
            }],
            ..Reading::default()
        },
    }
}

/// Reads a recording from the bytes of a file (see [`read_file`]).
pub fn read_bytes(bytes: &[u8]) -> Reading {
    let (bytes, warnings) = strip_bom(bytes);
    let (text, mut bad) = utf8_lines(bytes);
    let (recording, errors, entry_lines) = parse_with_lines(&text);
    let header_line = text
        .lines()
        .position(|l| !l.trim().is_empty())
        .map_or(1, |i| i + 1);
    bad.extend(errors);
    bad.sort_by_key(|e| e.line);
    Reading {
        recording,
        errors: bad,
        warnings,
        entry_lines,
        header_line,
    }
}

/// Skips a UTF-8 byte order mark at the start of a file, with a warning naming it.
pub fn strip_bom(bytes: &[u8]) -> (&[u8], Vec<LineError>) {
    match bytes.strip_prefix(BOM.as_bytes()) {
        Some(rest) => (
            rest,
            vec![LineError {
                line: 1,
                message: "the file starts with a UTF-8 byte order mark (bytes EF BB BF); skipped"
                    .into(),
            }],
        ),
        None => (bytes, Vec::new()),
    }
}

/// The text of a JSON-lines file, with each line that is not UTF-8 reported and blanked (so
/// one bad line does not hide the others, and line numbers stay right).
pub fn utf8_lines(bytes: &[u8]) -> (String, Vec<LineError>) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_owned(), Vec::new());
    }
    let mut errors = Vec::new();
    let lines: Vec<&str> = bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .map(|(i, raw)| match std::str::from_utf8(raw) {
            Ok(line) => line,
            Err(e) => {
                errors.push(LineError {
                    line: i + 1,
                    message: format!(
                        "not UTF-8 (invalid byte at column {}); line skipped",
                        e.valid_up_to() + 1
                    ),
                });
                ""
            }
        })
        .collect();
    (lines.join("\n"), errors)
}

impl Recording {
    /// The JSONL text (header line, one line per entry).
    pub fn to_jsonl(&self) -> String {
        let mut s = serde_json::to_string(&self.header).unwrap_or_default();
        s.push('\n');
        for e in &self.entries {
            s.push_str(&serde_json::to_string(e).unwrap_or_default());
            s.push('\n');
        }
        s
    }

    /// The canonical JSON of the case: keys sorted, no whitespace (the case id hashes it).
    pub fn canonical(&self) -> String {
        let mut v = vec![serde_json::to_value(&self.header).unwrap_or(Value::Null)];
        v.extend(
            self.entries
                .iter()
                .map(|e| serde_json::to_value(e).unwrap_or(Value::Null)),
        );
        canonical_json(&Value::Array(v))
    }
}

/// Serialises a value with object keys sorted (RFC 8785-like; numbers as serde_json writes them).
pub fn canonical_json(v: &Value) -> String {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let parts: Vec<String> = keys
                .into_iter()
                .map(|k| format!("{}:{}", Value::String(k.clone()), canonical_json(&m[k])))
                .collect();
            format!("{{{}}}", parts.join(","))
        }
        Value::Array(a) => format!(
            "[{}]",
            a.iter().map(canonical_json).collect::<Vec<_>>().join(",")
        ),
        other => other.to_string(),
    }
}

/// A stable case id: the first 16 hex digits of SHA-256 over the canonical JSON.
pub fn case_id(canonical: &str) -> String {
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(canonical.as_bytes());
    d.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// JSON Schemas of the header and entry lines.
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![
        (
            "recording-header.schema.json",
            serde_json::to_value(schemars::schema_for!(Header)).unwrap_or(Value::Null),
        ),
        (
            "recording-entry.schema.json",
            serde_json::to_value(schemars::schema_for!(Entry)).unwrap_or(Value::Null),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"format":"adcontract-recording","version":1,"api":"widget","apiVersion":"latest","title":"t","origin":{"kind":"hand-written"}}
{"seq":1,"t":0,"kind":"fixture","fixture":"login","args":{}}
{"seq":2,"t":5,"kind":"call","method":"getAgentState","args":[]}
{"seq":3,"t":6,"kind":"result","re":2,"method":"getAgentState","result":{"status":"success","data":{"state":"ready","reservedForIncomingInteraction":false}}}
"#;

    #[test]
    fn reads_a_good_recording() {
        let (r, errs) = parse(GOOD);
        assert!(errs.is_empty(), "{errs:?}");
        let r = r.map(|r| r.entries.len());
        assert_eq!(r, Some(3));
    }

    #[test]
    fn reports_bad_lines_with_numbers_and_keeps_going() {
        let bad = GOOD.replace(
            r#"{"seq":2,"t":5,"kind":"call""#,
            r#"{"seq":2,"t":5,"kind":"cal""#,
        ) + "{oops\n"
            + r#"{"seq":3,"t":1,"kind":"view","view":{}}"#;
        let (r, errs) = parse(&bad);
        let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 4, 5, 6, 6], "{errs:?}");
        assert!(r.is_some());
    }

    #[test]
    fn case_ids_ignore_key_order() {
        let a: Value =
            serde_json::from_str(r#"{"b":1,"a":[{"y":2,"x":1}]}"#).unwrap_or(Value::Null);
        let b: Value =
            serde_json::from_str(r#"{"a":[{"x":1,"y":2}],"b":1}"#).unwrap_or(Value::Null);
        assert_eq!(case_id(&canonical_json(&a)), case_id(&canonical_json(&b)));
    }
}
