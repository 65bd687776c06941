//! The contract a run checks against: one version view of the IR plus its validator.
//!
//! Everything that validates payloads or derives strategies goes through [`Spec`]. A `Spec` is
//! built once per (process, version) and leaked so that the validator can borrow the view for
//! `'static`; a run touches at most a handful of versions, so the leak is bounded.

use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};

use adcontract_schema::ir::{Api, ApiId, Event, Ir, Method, Shape};
use adcontract_schema::validate::{self, Options, Validator};
use serde_json::Value;

/// One version view and its validator.
#[derive(Debug)]
pub struct Spec {
    pub ir: &'static Ir,
    pub validator: Validator<'static>,
}

/// Why a spec could not be built (what a [`super::SpecSource`] answers for a version it cannot
/// give).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpecError {
    #[error("the contract has no version {0:?}")]
    UnknownVersion(String),
    #[error("the validator could not be built: {0}")]
    Validator(String),
    /// The canonical contract itself does not load (a broken build of adcontract).
    #[error("the canonical contract does not compile: {0}")]
    Canonical(String),
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
        super::error_codes::builtin_error_code(name)
    }

    /// Whether an `OperationResult` error name is known to the contract.
    pub fn knows_error(&self, name: &str) -> bool {
        self.error_code(name).is_some()
    }

    /// Whether the arguments fit the method's parameters in the view.
    pub fn args_valid(&self, api: ApiId, method: &str, args: &[Value]) -> bool {
        let Some(m) = self.method(api, method) else {
            return false;
        };
        if args.len() > m.params.len() {
            return false;
        }
        for (i, p) in m.params.iter().enumerate() {
            match args.get(i) {
                None => {
                    if !p.optional {
                        return false;
                    }
                }
                Some(Value::Null) if p.optional => {}
                Some(v) => {
                    if !self.check(&p.shape, v).is_empty() {
                        return false;
                    }
                }
            }
        }
        true
    }
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

/// The `OperationResult<T>` shape for a method's result (API A wraps every result in it).
pub fn operation_result(ir: &Ir, result: Option<&Shape>) -> Option<Shape> {
    ir.type_def("OperationResult")?;
    Some(Shape::Ref {
        name: "OperationResult".into(),
        args: vec![result.cloned().unwrap_or(Shape::Null)],
    })
}
