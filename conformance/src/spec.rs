//! The contract a run checks against: one version view of the IR plus its validator.
//!
//! Everything that validates payloads or derives strategies goes through [`Spec`]. A `Spec` is
//! built once per (process, version) and leaked so that the validator can borrow the view for
//! `'static`; a run touches at most a handful of versions, so the leak is bounded.

use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};

use adcontract_schema::ir::{self, Api, ApiId, Event, Ir, Method, Shape};
use adcontract_schema::validate::{self, Options, Validator};
use serde_json::Value;

/// One version view and its validator.
#[derive(Debug)]
pub struct Spec {
    pub ir: &'static Ir,
    pub validator: Validator<'static>,
}

/// Why a spec could not be built.
#[derive(Debug, thiserror::Error)]
pub enum SpecError {
    #[error("the contract has no version {0:?}")]
    UnknownVersion(String),
    #[error("the validator could not be built: {0}")]
    Validator(String),
}

impl Spec {
    /// Wraps a view (leaked: see the module comment).
    pub fn new(ir: Ir) -> Result<&'static Spec, SpecError> {
        let ir: &'static Ir = Box::leak(Box::new(ir));
        let validator = Validator::new(ir, Options::default())
            .map_err(|e| SpecError::Validator(format!("{e:?}")))?;
        Ok(Box::leak(Box::new(Spec { ir, validator })))
    }

    /// The spec of a version from a named source, cached per process; `build` makes the view
    /// on first use.
    pub fn cached(
        source: &str,
        version: &str,
        build: impl FnOnce(&str) -> Result<Ir, SpecError>,
    ) -> Result<&'static Spec, SpecError> {
        static CACHE: OnceLock<Mutex<BTreeMap<String, &'static Spec>>> = OnceLock::new();
        let cache = CACHE.get_or_init(|| Mutex::new(BTreeMap::new()));
        let mut guard = cache.lock().unwrap_or_else(|p| p.into_inner());
        let key = format!("{source}:{version}");
        if let Some(s) = guard.get(&key) {
            return Ok(s);
        }
        let spec = Spec::new(build(version)?)?;
        guard.insert(key, spec);
        Ok(spec)
    }

    pub fn version(&self) -> &str {
        &self.ir.version.id
    }

    pub fn api(&self, id: ApiId) -> Option<&'static Api> {
        self.ir.api(id)
    }

    pub fn method(&self, api: ApiId, name: &str) -> Option<&'static Method> {
        self.api(api)?.methods.iter().find(|m| m.name == name)
    }

    pub fn event(&self, api: ApiId, name: &str) -> Option<&'static Event> {
        self.api(api)?
            .events
            .iter()
            .find(|e| e.name == name || e.wire == name)
    }

    /// Error messages (empty = valid; warnings about undeclared fields are not errors).
    pub fn check(&self, shape: &Shape, value: &Value) -> Vec<String> {
        self.validator
            .validate_shape(shape, value)
            .into_iter()
            .filter(validate::Problem::is_error)
            .map(|p| p.to_string())
            .collect()
    }

    /// The numeric code of a `ResultErrorName`, from the contract when it lists one.
    pub fn error_code(&self, name: &str) -> Option<i64> {
        for def in self.ir.types.values() {
            if let Shape::Enum(e) = &def.shape {
                if let Some(v) = e
                    .values
                    .iter()
                    .find(|v| v.value == name && v.code.is_some())
                {
                    if def.name.contains("Error") && !def.name.contains("Server") {
                        return v.code;
                    }
                }
            }
        }
        builtin_error_code(name)
    }

    /// Whether an `OperationResult` error name is known to the contract.
    pub fn knows_error(&self, name: &str) -> bool {
        self.error_code(name).is_some()
    }
}

/// A spec source over the canonical contract (`adcontract_schema::try_canonical`), compiled
/// once per process.
pub fn canonical_source(version: &str) -> Result<&'static Spec, String> {
    static CONTRACT: OnceLock<Result<ir::Contract, String>> = OnceLock::new();
    let contract =
        CONTRACT.get_or_init(|| adcontract_schema::try_canonical().map_err(|e| e.to_string()));
    let contract = contract
        .as_ref()
        .map_err(|e| format!("the canonical contract does not compile: {e}"))?;
    Spec::cached("canonical", version, |v| {
        contract
            .view(v)
            .map_err(|_| SpecError::UnknownVersion(v.to_string()))
    })
    .map_err(|e| e.to_string())
}

/// A spec source over the hand-made subset view ([`crate::fixture_ir`]): versions `5.19`,
/// `5.24`, `latest`.
pub fn fixture_source(version: &str) -> Result<&'static Spec, String> {
    Spec::cached("fixture", version, |v| {
        if ["5.19", "5.24", "latest"].contains(&v) {
            Ok(crate::fixture_ir::view(v))
        } else {
            Err(SpecError::UnknownVersion(v.to_string()))
        }
    })
    .map_err(|e| e.to_string())
}

/// `ResultErrorCodes` as the vendor types list them: the fallback when a view has no coded
/// `ResultErrorName` enum, and the table of the suite's own small test view.
pub(crate) const RESULT_ERROR_CODES: &[(&str, i64)] = &[
    ("not_enough_privileges", 1),
    ("not_logged_in", 2),
    ("invalid_args", 3),
    ("logged_without_phone", 4),
    ("banned", 5),
    ("api_not_answer", 6),
    ("invalid_request", 7),
    ("timeout", 8),
    ("no_chat_in_service", 9),
    ("empty_number", 10),
    ("no_service", 11),
    ("self_call", 12),
    ("no_interaction", 13),
    ("api_method_not_implemented", 14),
    ("not_suitable_state", 15),
    ("no_disposition", 16),
    ("object_not_found", 17),
    ("no_permissions_did_sms", 18),
    ("no_permissions_did_call", 19),
    ("no_channel_in_service", 20),
    ("unknown_error", 99),
];

/// The vendor's code for a `ResultErrorCodes` name.
pub fn builtin_error_code(name: &str) -> Option<i64> {
    RESULT_ERROR_CODES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, c)| *c)
}

/// Parses `widget` / `embedded`.
pub fn parse_api(s: &str) -> Option<ApiId> {
    match s {
        "widget" | "A" | "a" => Some(ApiId::Widget),
        "embedded" | "B" | "b" => Some(ApiId::Embedded),
        _ => None,
    }
}

pub fn api_name(id: ApiId) -> &'static str {
    match id {
        ApiId::Widget => "widget",
        ApiId::Embedded => "embedded",
    }
}

/// Whether `shape` (after following refs) names a type parameter-free object type `name`.
pub fn is_ref_to(shape: &Shape, name: &str) -> bool {
    matches!(shape, Shape::Ref { name: n, .. } if n == name)
}

/// The `OperationResult<T>` shape for a method's result (API A wraps every result in it).
pub fn operation_result(ir: &Ir, result: Option<&Shape>) -> Option<Shape> {
    ir.type_def("OperationResult")?;
    Some(Shape::Ref {
        name: "OperationResult".into(),
        args: vec![result.cloned().unwrap_or(Shape::Null)],
    })
}

/// Re-exported for callers that only need the IR module.
pub use ir::Ir as View;
