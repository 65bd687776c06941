//! Reading the two documents: JSON syntax, the API description's shape, position indexes.
//!
//! Loading stops at the first problem (a document that does not parse cannot be lowered), and
//! says where: `file:line:col`, the JSON pointer when the text is well-formed but does not fit the
//! model, and a hint.

use std::fmt;
use std::path::{Path, PathBuf};

use serde_path_to_error::Segment;

use crate::diag::{Position, pointer_push};
use crate::locate::SourceMap;
use crate::model::DocumentKind;
use crate::model::api::ApiDocument;
use crate::model::types::TypesDocument;
use crate::position::Positions;

/// Both documents, parsed, with their position indexes.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The API description's file name (`agent-desktop.api.json`).
    pub api_name: String,
    pub api: ApiDocument,
    pub api_positions: Positions,
    pub types: TypesDocument,
}

impl Document {
    /// The position indexes of both documents, for locating diagnostics.
    pub fn source_map(&self) -> SourceMap {
        let mut map = SourceMap::new();
        map.add(self.api_name.clone(), self.api_positions.clone());
        map.add(self.types.name.clone(), self.types.positions.clone());
        map
    }
}

/// A schema file of either kind (see [`DocumentKind`]), loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// An API description and the types file it names.
    Api(Document),
    /// A plain JSON Schema 2020-12 types document: its `$defs` are the types; no API.
    Types(TypesDocument),
}

impl Input {
    /// The file names read, the given file first (an API description's types file second).
    pub fn file_names(&self) -> Vec<&str> {
        match self {
            Input::Api(d) => vec![d.api_name.as_str(), d.api.types.as_str()],
            Input::Types(t) => vec![t.name.as_str()],
        }
    }
}

/// Why a document could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadError {
    /// The file, as named by the caller.
    pub file: String,
    pub position: Option<Position>,
    /// The offending value, when the text is well-formed JSON.
    pub pointer: Option<String>,
    pub message: String,
    pub hint: Option<String>,
}

impl fmt::Display for LoadError {
    /// `file:line:col: /pointer: message (hint: …)`, like [`crate::diag::Diagnostic`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(p) = self.position {
            write!(f, ":{}:{}", p.line, p.column)?;
        }
        if let Some(ptr) = &self.pointer {
            write!(f, ": {}", if ptr.is_empty() { "/" } else { ptr })?;
        }
        write!(f, ": error: {}", self.message)?;
        if let Some(h) = &self.hint {
            write!(f, " (hint: {h})")?;
        }
        Ok(())
    }
}

const FORMAT_HINT: &str =
    "the API file's format is described in docs/schema-format.md and by `adcontract schema --meta`";

/// The `$schema` a plain types document may name (with or without the empty fragment).
pub const DIALECT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

/// Loads a schema file of either kind, told apart by its content ([`DocumentKind::of`]): an API
/// description together with the types file it names, or a plain JSON Schema 2020-12 types
/// document on its own.
pub fn load_any_path(path: &Path) -> Result<Input, LoadError> {
    let name = display_name(path);
    let src = read(path, &name)?;
    let (root, positions) = parse_json(&name, &src)?;
    match DocumentKind::of(&root) {
        DocumentKind::Api => {
            if root.get("$defs").is_some() {
                return Err(LoadError {
                    file: name,
                    position: positions.get("/$defs"),
                    pointer: Some("/$defs".to_owned()),
                    message: "an API description cannot hold `$defs`".to_owned(),
                    hint: Some(format!(
                        "keep the types in the file its `types` key names; or, for a plain JSON Schema types document, remove the API description's keys ({})",
                        crate::model::API_MARKERS.join(", ")
                    )),
                });
            }
            load_api_src(path, name, &src).map(Input::Api)
        }
        DocumentKind::Types => plain_document(name, root, positions).map(Input::Types),
    }
}

/// Loads a plain JSON Schema 2020-12 types document from memory (an API description is refused:
/// it needs its types file, which [`load_str`] takes).
pub fn load_plain_str(name: &str, src: &str) -> Result<TypesDocument, LoadError> {
    let (root, positions) = parse_json(name, src)?;
    if DocumentKind::of(&root) == DocumentKind::Api {
        return Err(LoadError {
            file: name.to_owned(),
            position: Some(Position { line: 1, column: 1 }),
            pointer: Some(String::new()),
            message: "this is an API description, not a plain types document".to_owned(),
            hint: Some(format!(
                "an object with any of the keys {} is read as an API description; load it with its types file",
                crate::model::API_MARKERS.join(", ")
            )),
        });
    }
    plain_document(name.to_owned(), root, positions)
}

/// A plain types document, after the one check that must come before lowering: it is written
/// in the 2020-12 dialect, because other drafts give the same keywords other meanings.
fn plain_document(
    name: String,
    root: serde_json::Value,
    positions: Positions,
) -> Result<TypesDocument, LoadError> {
    match root.get("$schema") {
        None => {}
        Some(serde_json::Value::String(s)) if s.trim_end_matches('#') == DIALECT_2020_12 => {}
        Some(other) => {
            return Err(LoadError {
                position: positions.get("/$schema"),
                file: name,
                pointer: Some("/$schema".to_owned()),
                message: format!("unsupported JSON Schema dialect {other}"),
                hint: Some(format!(
                    "adcontract reads JSON Schema 2020-12 (`\"$schema\": \"{DIALECT_2020_12}\"`, or no `$schema`); port the document (e.g. `definitions` -> `$defs`)"
                )),
            });
        }
    }
    Ok(TypesDocument {
        name,
        root,
        positions,
    })
}

/// Loads an API description and the types file it names (relative to the API file).
pub fn load_path(api_path: &Path) -> Result<Document, LoadError> {
    let api_name = display_name(api_path);
    let api_src = read(api_path, &api_name)?;
    load_api_src(api_path, api_name, &api_src)
}

/// The API description `api_src` (read from `api_path`) and its types file.
fn load_api_src(api_path: &Path, api_name: String, api_src: &str) -> Result<Document, LoadError> {
    let (api, api_positions) = parse_api(&api_name, api_src)?;
    let types_path: PathBuf = api_path
        .parent()
        .unwrap_or_else(|| Path::new(""))
        .join(&api.types);
    let types_src = read(&types_path, &api.types)?;
    let types = parse_types(&api.types, &types_src)?;
    Ok(Document {
        api_name,
        api,
        api_positions,
        types,
    })
}

/// Loads both documents from memory (the embedded canonical copy, tests). `types_name` must be
/// the name the API description gives in `types`.
pub fn load_str(
    api_name: &str,
    api_src: &str,
    types_name: &str,
    types_src: &str,
) -> Result<Document, LoadError> {
    let (api, api_positions) = parse_api(api_name, api_src)?;
    if api.types != types_name {
        return Err(LoadError {
            file: api_name.to_owned(),
            position: api_positions.get("/types"),
            pointer: Some("/types".to_owned()),
            message: format!(
                "names types file `{}`, but `{types_name}` was given",
                api.types
            ),
            hint: Some("the `types` key must name the types document loaded with it".to_owned()),
        });
    }
    let types = parse_types(types_name, types_src)?;
    Ok(Document {
        api_name: api_name.to_owned(),
        api,
        api_positions,
        types,
    })
}

/// Parses one JSON Schema document (a types file, or a standalone schema).
pub fn parse_types(name: &str, src: &str) -> Result<TypesDocument, LoadError> {
    let (root, positions) = parse_json(name, src)?;
    Ok(TypesDocument {
        name: name.to_owned(),
        root,
        positions,
    })
}

fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn read(path: &Path, name: &str) -> Result<String, LoadError> {
    let bytes = std::fs::read(path).map_err(|e| LoadError {
        file: name.to_owned(),
        position: None,
        pointer: None,
        message: format!("cannot read {}: {e}", path.display()),
        hint: None,
    })?;
    // Read as bytes so that text which is not UTF-8 is reported where it is, like a syntax error.
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let before = bytes.get(..at).unwrap_or_default();
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = 1 + String::from_utf8_lossy(before.get(line_start..).unwrap_or_default())
            .chars()
            .count();
        LoadError {
            file: name.to_owned(),
            position: Some(Position {
                line: 1 + before.iter().filter(|&&b| b == b'\n').count(),
                column,
            }),
            pointer: None,
            message: format!("invalid UTF-8 at byte {}", at + 1),
            hint: Some("save the file as UTF-8".to_owned()),
        }
    })
}

/// JSON syntax and the position index; the first syntax error stops loading.
fn parse_json(name: &str, src: &str) -> Result<(serde_json::Value, Positions), LoadError> {
    // serde_json counts columns in bytes, the position index in characters: the two differ only
    // on lines with non-ASCII text before the position.
    let value: serde_json::Value = serde_json::from_str(src).map_err(|e| LoadError {
        file: name.to_owned(),
        position: Some(Position {
            line: e.line(),
            column: e.column(),
        }),
        pointer: None,
        message: format!("invalid JSON: {e}"),
        hint: Some("check for a missing comma, quote or bracket near that position".to_owned()),
    })?;
    let positions = Positions::scan(src).map_err(|e| LoadError {
        file: name.to_owned(),
        position: Some(e.position),
        pointer: Some(e.pointer),
        message: e.message,
        hint: Some("remove one of the two entries".to_owned()),
    })?;
    Ok((value, positions))
}

fn parse_api(name: &str, src: &str) -> Result<(ApiDocument, Positions), LoadError> {
    let (_, positions) = parse_json(name, src)?;
    let de = &mut serde_json::Deserializer::from_str(src);
    let api: ApiDocument = serde_path_to_error::deserialize(de).map_err(|e| {
        let pointer = path_to_pointer(e.path());
        let inner = e.inner();
        let position = positions.get(&pointer).or_else(|| {
            (inner.line() > 0).then(|| Position {
                line: inner.line(),
                column: inner.column(),
            })
        });
        // serde_json appends " at line L column C" to its messages; the position is reported apart.
        let message = inner.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_owned();
        LoadError {
            file: name.to_owned(),
            position,
            pointer: Some(pointer),
            message: format!("does not fit the API description format: {message}"),
            hint: Some(FORMAT_HINT.to_owned()),
        }
    })?;
    Ok((api, positions))
}

/// serde_path_to_error's path (`apis[0].methods[2].name`) as an RFC 6901 pointer.
fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out = format!("{out}/{index}"),
            Segment::Map { key } => out = pointer_push(&out, key),
            Segment::Enum { variant } => out = pointer_push(&out, variant),
            Segment::Unknown => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TYPES: &str = r#"{"$defs": {}}"#;

    fn api(body: &str) -> String {
        format!(
            "{{\n  \"format\": 1,\n  \"types\": \"t.json\",\n  \"versions\": [{{\"id\": \"1\", \"label\": \"one\"}}],\n  \"apis\": [{body}]\n}}"
        )
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let err = load_str("a.json", "{\n  \"format\": 1,,\n}", "t.json", TYPES).unwrap_err();
        assert_eq!(err.file, "a.json");
        assert_eq!(
            err.position,
            Some(Position {
                line: 2,
                column: 15
            })
        );
        assert!(err.message.starts_with("invalid JSON"), "{err}");
        assert!(err.hint.is_some());
    }

    #[test]
    fn model_error_has_pointer_and_position() {
        let src = api(
            "{\"id\": \"widget\", \"title\": \"W\", \"entry\": \"e\", \"style\": \"promise\",\n    \"methods\": [{\"name\": \"m\", \"wire\": \"M\", \"bogus\": 1}]}",
        );
        let err = load_str("a.json", &src, "t.json", TYPES).unwrap_err();
        assert_eq!(err.pointer.as_deref(), Some("/apis/0/methods/0/bogus"));
        assert!(err.message.contains("unknown field `bogus`"), "{err}");
        assert_eq!(err.position.map(|p| p.line), Some(6));
        assert!(err.to_string().starts_with("a.json:6:"), "{err}");
    }

    #[test]
    fn wrong_type_names_the_value() {
        let src =
            api("{\"id\": \"widget\", \"title\": 5, \"entry\": \"e\", \"style\": \"promise\"}");
        let err = load_str("a.json", &src, "t.json", TYPES).unwrap_err();
        assert_eq!(err.pointer.as_deref(), Some("/apis/0/title"));
        assert!(err.message.contains("invalid type: integer `5`"), "{err}");
        assert_eq!(
            err.position,
            Some(Position {
                line: 5,
                column: 38
            })
        );
    }

    #[test]
    fn duplicate_key_is_a_load_error() {
        let err = load_str(
            "a.json",
            &api(""),
            "t.json",
            "{\"$defs\": {},\n \"$defs\": {}}",
        )
        .unwrap_err();
        assert_eq!(err.file, "t.json");
        assert_eq!(err.pointer.as_deref(), Some("/$defs"));
        assert_eq!(err.position, Some(Position { line: 2, column: 2 }));
    }

    #[test]
    fn types_name_must_match() {
        let err = load_str("a.json", &api(""), "other.json", TYPES).unwrap_err();
        assert_eq!(err.pointer.as_deref(), Some("/types"));
        assert!(err.message.contains("`t.json`"));
    }

    #[test]
    fn invalid_utf8_has_line_and_column() {
        let dir = std::env::temp_dir().join(format!("adcontract-utf8-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.json");
        std::fs::write(&path, b"{\n  \"format\": \"\xc3\xa9\xff\"\n}").unwrap();
        let err = load_path(&path).unwrap_err();
        assert_eq!(
            err.position,
            Some(Position {
                line: 2,
                column: 15
            }),
            "{err}"
        );
        assert!(err.message.contains("invalid UTF-8 at byte 18"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn missing_types_file_is_reported() {
        let dir = std::env::temp_dir().join(format!("adcontract-load-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.json");
        std::fs::write(&path, api("")).unwrap();
        let err = load_path(&path).unwrap_err();
        assert_eq!(err.file, "t.json");
        assert!(err.message.starts_with("cannot read"), "{err}");
        std::fs::write(dir.join("t.json"), TYPES).unwrap();
        let doc = load_path(&path).unwrap();
        assert_eq!(doc.api_name, "a.json");
        assert_eq!(doc.types.name, "t.json");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn plain_documents_are_told_from_api_descriptions() {
        let dir = std::env::temp_dir().join(format!("adcontract-any-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let plain = dir.join("crm.json");
        std::fs::write(&plain, r#"{"$defs": {"A": {"type": "string"}}}"#).unwrap();
        assert!(matches!(load_any_path(&plain), Ok(Input::Types(t)) if t.name == "crm.json"));
        let api_path = dir.join("a.json");
        std::fs::write(&api_path, api("")).unwrap();
        std::fs::write(dir.join("t.json"), TYPES).unwrap();
        let input = load_any_path(&api_path).unwrap();
        assert_eq!(input.file_names(), ["a.json", "t.json"]);
        // An API description with `$defs` is refused with a pointer and a hint.
        std::fs::write(&api_path, r#"{"format": 1, "$defs": {}}"#).unwrap();
        let err = load_any_path(&api_path).unwrap_err();
        assert_eq!(err.pointer.as_deref(), Some("/$defs"));
        assert!(err.hint.is_some_and(|h| h.contains("plain JSON Schema")));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn plain_documents_must_be_2020_12() {
        let ok = load_plain_str(
            "p.json",
            r#"{"$schema": "https://json-schema.org/draft/2020-12/schema#", "$defs": {}}"#,
        );
        assert!(ok.is_ok());
        let err = load_plain_str(
            "p.json",
            "{\n  \"$schema\": \"http://json-schema.org/draft-07/schema#\",\n  \"definitions\": {}\n}",
        )
        .unwrap_err();
        assert_eq!(err.pointer.as_deref(), Some("/$schema"));
        assert_eq!(err.position.map(|p| p.line), Some(2));
        assert!(
            err.to_string().contains("unsupported JSON Schema dialect"),
            "{err}"
        );
        assert!(
            err.hint
                .is_some_and(|h| h.contains("`definitions` -> `$defs`"))
        );
        let api_err = load_plain_str("a.json", &api("")).unwrap_err();
        assert!(api_err.message.contains("API description"), "{api_err}");
    }
}
