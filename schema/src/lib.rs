//! # adcontract-schema
//!
//! The single source of truth of adcontract: the canonical, versioned description of Bright
//! Pattern's two Agent Desktop browser APIs, and the pipeline that turns it into a typed IR.
//!
//! ```text
//! files -> load (stops at the first parse error) -> model
//!       -> lower (collects every problem) -> ir::Contract
//!       -> check (collects every problem) -> ir::Contract::view(version) -> ir::Ir
//! ```
//!
//! The canonical documents are embedded in the crate; see `docs/schema-format.md` for the format.
//!
//! ```
//! let contract = adcontract_schema::canonical();
//! let latest = contract.view("latest").unwrap();
//! assert!(latest.type_def("InteractionData").is_some());
//! ```

// Tests may unwrap: a panic there is the failure report (the lint guards library code paths).
#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod check;
pub mod diag;
pub mod emit;
pub mod ir;
#[cfg(any(test, feature = "test-util"))]
pub mod ir_builder;
pub mod load;
pub mod locate;
pub mod lower;
pub mod model;
pub mod pattern;
pub mod position;
pub mod runtime;
pub mod validate;
pub mod view;

#[cfg(test)]
mod test_util;

use std::path::Path;
use std::sync::OnceLock;

pub use ir::{Contract, Ir};
pub use load::{Document, Input, LoadError};
pub use view::UnknownVersion;

/// Why a contract could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A document could not be read or parsed (first problem only).
    #[error(transparent)]
    Load(#[from] LoadError),
    /// Lowering or checking found problems (all of them).
    #[error("{0}")]
    Invalid(#[from] diag::Errors),
}

/// Loads, lowers and checks the schema file at `path`: an API description (with the types file
/// it names) or a plain JSON Schema 2020-12 types document, told apart by its content
/// ([`model::DocumentKind`]).
pub fn compile_path(path: &Path) -> Result<Contract, Error> {
    let input = load::load_any_path(path)?;
    Ok(compile_input(&input)?)
}

/// Lowers and checks a loaded schema file of either kind; every problem found is returned.
pub fn compile_input(input: &Input) -> Result<Contract, diag::Errors> {
    match input {
        Input::Api(doc) => compile_document(doc),
        Input::Types(doc) => compile_plain(doc),
    }
}

/// Like [`compile_path`], for a plain types document in memory.
pub fn compile_plain_str(name: &str, src: &str) -> Result<Contract, Error> {
    let doc = load::load_plain_str(name, src)?;
    Ok(compile_plain(&doc)?)
}

/// Lowers and checks a plain types document: every `$defs` entry becomes a type, in one
/// version ([`lower::PLAIN_VERSION`]), with no API. Warnings are dropped.
pub fn compile_plain(doc: &model::types::TypesDocument) -> Result<Contract, diag::Errors> {
    let mut map = locate::SourceMap::new();
    map.add(doc.name.clone(), doc.positions.clone());
    let cx = diag::Diagnostics::new(doc.name.clone());
    let sink = locate::Sink {
        cx: &cx,
        map: &map,
        default_file: &doc.name,
    };
    let contract = lower::lower_plain(doc, sink);
    if !cx.has_errors() {
        check::check(&contract, sink);
    }
    cx.finish()?;
    Ok(contract)
}

/// Like [`compile_path`], from in-memory documents.
pub fn compile_str(
    api_name: &str,
    api_src: &str,
    types_name: &str,
    types_src: &str,
) -> Result<Contract, Error> {
    let doc = load::load_str(api_name, api_src, types_name, types_src)?;
    Ok(compile_document(&doc)?)
}

/// Lowers and checks loaded documents; every problem found is returned, warnings dropped.
pub fn compile_document(doc: &Document) -> Result<Contract, diag::Errors> {
    compile_document_with_warnings(doc).map(|(c, _)| c)
}

/// Like [`compile_document`], also returning the warnings.
pub fn compile_document_with_warnings(
    doc: &Document,
) -> Result<(Contract, Vec<diag::Diagnostic>), diag::Errors> {
    let map = doc.source_map();
    let cx = diag::Diagnostics::new(doc.api_name.clone());
    let sink = locate::Sink {
        cx: &cx,
        map: &map,
        default_file: &doc.api_name,
    };
    let contract = lower::lower(doc, sink);
    // Checks run on a lowered contract only: on a broken one they would mostly repeat lowering's
    // complaints in other words.
    if !cx.has_errors() {
        check::check(&contract, sink);
    }
    let warnings = cx.finish()?;
    Ok((contract, warnings))
}

/// Compiles a bare JSON Schema document (e.g. a JSON-Schema-Test-Suite case): its root becomes
/// the type `Root` (next to its `$defs`), in a single version `standalone`. Diagnostics are in
/// file `<standalone>`; their lines refer to the schema as `serde_json::to_string_pretty` writes it.
///
/// One rule differs from the canonical documents, to keep JSON Schema's meaning: type-specific
/// keywords without `type` (`{"minLength": 2}`) constrain only values of that type.
pub fn compile_standalone(schema: &serde_json::Value) -> Result<Ir, diag::Errors> {
    const NAME: &str = "<standalone>";
    // A value built in memory never met the parser's depth limit; deeper ones would overflow
    // the stack of the recursive steps below (cloning, lowering), so refuse them first.
    if let Some(pointer) = deeper_than(schema, STANDALONE_MAX_DEPTH) {
        return Err(diag::Errors(vec![diag::Diagnostic {
            severity: diag::Severity::Error,
            file: NAME.to_owned(),
            position: None,
            pointer,
            message: format!("the schema nests deeper than {STANDALONE_MAX_DEPTH} levels"),
            hint: Some(
                "no schema read from text can be deeper (the JSON parser's limit); name inner schemas in `$defs` and use `$ref`".to_owned(),
            ),
        }]));
    }
    let src = serde_json::to_string_pretty(schema).unwrap_or_default();
    let positions = position::Positions::scan(&src).unwrap_or_default();
    let doc = model::types::TypesDocument {
        name: NAME.to_owned(),
        root: schema.clone(),
        positions,
    };
    let mut map = locate::SourceMap::new();
    map.add(NAME, doc.positions.clone());
    let cx = diag::Diagnostics::new(NAME);
    let sink = locate::Sink {
        cx: &cx,
        map: &map,
        default_file: NAME,
    };
    let contract = lower::lower_standalone(&doc, sink);
    if !cx.has_errors() {
        check::check(&contract, sink);
    }
    cx.finish()?;
    contract.view(lower::STANDALONE_VERSION).map_err(|e| {
        diag::Errors(vec![diag::Diagnostic {
            severity: diag::Severity::Error,
            file: NAME.to_owned(),
            position: None,
            pointer: String::new(),
            message: e.to_string(),
            hint: None,
        }])
    })
}

/// How deeply [`compile_standalone`] lets a schema nest: serde_json's parser limit, so every
/// schema that can be read from text is accepted.
pub const STANDALONE_MAX_DEPTH: usize = 127;

/// The pointer of the first value nested deeper than `max` arrays/objects, found without
/// recursion (the point is not to overflow the stack on such a value).
fn deeper_than(root: &serde_json::Value, max: usize) -> Option<String> {
    let mut stack = vec![(root, 0usize, String::new())];
    while let Some((v, depth, at)) = stack.pop() {
        let children: Vec<(String, &serde_json::Value)> = match v {
            serde_json::Value::Array(a) => a
                .iter()
                .enumerate()
                .map(|(i, c)| (format!("{at}/{i}"), c))
                .collect(),
            serde_json::Value::Object(o) => o
                .iter()
                .map(|(k, c)| (diag::pointer_push(&at, k), c))
                .collect(),
            _ => continue,
        };
        if depth >= max {
            return Some(at);
        }
        for (p, c) in children.into_iter().rev() {
            stack.push((c, depth + 1, p));
        }
    }
    None
}

/// The file names of the embedded canonical documents.
pub const CANONICAL_API_NAME: &str = "agent-desktop.api.json";
pub const CANONICAL_TYPES_NAME: &str = "agent-desktop.types.json";
/// The embedded canonical documents.
pub const CANONICAL_API: &str = include_str!("../canonical/agent-desktop.api.json");
pub const CANONICAL_TYPES: &str = include_str!("../canonical/agent-desktop.types.json");

/// Compiles the embedded canonical contract (each call compiles anew; see [`canonical`]).
pub fn try_canonical() -> Result<Contract, Error> {
    compile_str(
        CANONICAL_API_NAME,
        CANONICAL_API,
        CANONICAL_TYPES_NAME,
        CANONICAL_TYPES,
    )
}

/// The canonical contract, compiled once.
///
/// # Panics
///
/// Only if the embedded documents do not compile, which is a bug in this crate, not a condition
/// callers can cause or handle: the embedded documents are fixed at build time and the test
/// `canonical_compiles` proves they compile.
pub fn canonical() -> &'static Contract {
    static CANONICAL: OnceLock<Contract> = OnceLock::new();
    CANONICAL.get_or_init(|| match try_canonical() {
        Ok(c) => c,
        Err(e) => panic!(
            "internal invariant violated: the embedded canonical contract does not compile:\n{e}"
        ),
    })
}
