//! # adcontract-diff
//!
//! What breaks, and for whom, between two versions of an Agent Desktop contract; and the API
//! surface report that makes a contract change visible in a pull request's diff.
//!
//! ```text
//! Side (a view of a compiled contract) × Side -> walk (every change at every use site)
//!     -> group (one finding per change, all its sites, verdicts per role, witness, fingerprint)
//!     -> render (human, json lines, markdown, junit)
//! Side -> surface::report (declaration-like listing, no descriptions)
//! ```
//!
//! Both sides are IR views ([`adcontract_schema::Ir`]); nothing here reads schema JSON. The
//! model (directions, effects, verdicts) is in [`model`], the rules in [`rules`] (also the
//! catalogue page `docs/diff/rules.md`), the user's guide in `docs/diff.md`.
//!
//! ```
//! let c = adcontract_schema::canonical();
//! let old = adcontract_diff::Side::of(c, "5.24", "5.24".into()).unwrap();
//! let new = adcontract_diff::Side::of(c, "latest", "latest".into()).unwrap();
//! let diff = adcontract_diff::diff(&old, &new).unwrap();
//! assert!(diff.findings.iter().any(|f| f.rule == "enum-value-removed"
//!     && f.message.contains("dialpad-search")));
//! ```

#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod accept;
pub mod example;
pub mod model;
pub mod render;
pub mod rules;
pub mod surface;
mod walk;
mod witness;

use std::collections::BTreeMap;

use adcontract_schema::Contract;
use adcontract_schema::ir::Ir;
use adcontract_schema::validate::{Options, Validator};
use sha2::{Digest, Sha256};

pub use model::{Direction, Effect, Finding, Role, Semver, Verdict, Witness};

/// One side of a diff: a version view of a compiled contract.
#[derive(Debug, Clone)]
pub struct Side {
    pub ir: Ir,
    /// The contract's version ids, oldest first (availability indices refer to them).
    pub versions: Vec<String>,
    /// How the user named this side (`5.19`, `my.api.json@2`).
    pub label: String,
}

/// Why a side could not be built or two sides cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SideError {
    #[error(transparent)]
    UnknownVersion(#[from] adcontract_schema::UnknownVersion),
    /// The two sides describe different APIs.
    #[error("{0}")]
    DifferentApis(String),
    /// Bad input (a broken example, an unreadable schema).
    #[error("{0}")]
    Input(String),
}

impl Side {
    /// The view `version` of `contract`.
    pub fn of(contract: &Contract, version: &str, label: String) -> Result<Side, SideError> {
        Ok(Side {
            ir: contract.view(version)?,
            versions: contract.versions.iter().map(|v| v.id.clone()).collect(),
            label,
        })
    }
}

/// Everything a diff found.
#[derive(Debug, Clone)]
pub struct Diff {
    pub old: String,
    pub new: String,
    /// In contract order (APIs, their constants, methods, events; then named types).
    pub findings: Vec<Finding>,
    /// Breaking data findings for which no witness was found: always a bug in the diff, kept
    /// here so tests can prove there are none.
    pub missing_witnesses: Vec<String>,
}

/// Compares two sides. Fails only when they describe different APIs: no API in common, or an
/// API whose entry point differs.
pub fn diff(old: &Side, new: &Side) -> Result<Diff, SideError> {
    same_apis(old, new)?;
    let mut w = walk::Walker::new(old, new);
    w.run();
    let raws = std::mem::take(&mut w.raws);
    // The views passed `check`, so their patterns compile; an error here means a view that
    // did not come through the pipeline, and witnesses are then not checked (reported below).
    let vo = Validator::new(&old.ir, Options::default()).ok();
    let vn = Validator::new(&new.ir, Options::default()).ok();
    let mut order: Vec<(String, walk::Raw)> = Vec::new();
    let mut groups: BTreeMap<String, (usize, Vec<String>, Direction)> = BTreeMap::new();
    for raw in raws {
        let key = format!(
            "{}\u{0}{}\u{0}{}",
            raw.rule,
            raw.anchor,
            raw.args.join("\u{1}")
        );
        match groups.get_mut(&key) {
            Some((_, sites, d)) => {
                if !sites.contains(&raw.site) {
                    sites.push(raw.site.clone());
                }
                *d = d.union(raw.direction);
            }
            None => {
                groups.insert(
                    key.clone(),
                    (order.len(), vec![raw.site.clone()], raw.direction),
                );
                order.push((key, raw));
            }
        }
    }
    let mut findings = Vec::new();
    let mut missing = Vec::new();
    for (key, raw) in order {
        let Some((_, sites, direction)) = groups.remove(&key) else {
            continue;
        };
        let Some(rule) = rules::rule(raw.rule) else {
            continue;
        };
        let (consumer, provider) = rule.verdicts(direction, raw.effect);
        let breaking = consumer == Verdict::Breaking || provider == Verdict::Breaking;
        let witness = match (&raw.witness, &vo, &vn, raw.effect) {
            (Some(c), Some(vo), Some(vn), Some(effect)) if breaking => {
                witness::find(c, effect, vo, vn)
            }
            _ => None,
        };
        if breaking && raw.witness.is_some() && witness.is_none() {
            missing.push(format!("{} at {}", raw.rule, raw.site));
        }
        findings.push(Finding {
            rule: rule.id,
            site: raw.site.clone(),
            sites,
            pointer: raw.pointer,
            direction,
            effect: raw.effect,
            consumer,
            provider,
            bindings: rule.bindings.map(|(v, _)| v),
            planned: raw.planned,
            message: raw.message,
            witness,
            fingerprint: fingerprint(rule.id, &raw.anchor, &raw.args),
            minor: rule.minor,
        });
    }
    Ok(Diff {
        old: old.label.clone(),
        new: new.label.clone(),
        findings,
        missing_witnesses: missing,
    })
}

/// `rule`, the type-relative place and the arguments, hashed: stable across unrelated edits
/// and across new use sites of the same change. 12 hex digits.
pub fn fingerprint(rule: &str, anchor: &str, args: &[String]) -> String {
    let mut h = Sha256::new();
    h.update(rule.as_bytes());
    h.update([0]);
    h.update(anchor.as_bytes());
    for a in args {
        h.update([0]);
        h.update(a.as_bytes());
    }
    h.finalize()
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn same_apis(old: &Side, new: &Side) -> Result<(), SideError> {
    let mut shared = 0;
    for o in &old.ir.apis {
        if let Some(n) = new.ir.api(o.id) {
            shared += 1;
            if o.entry != n.entry {
                return Err(SideError::DifferentApis(format!(
                    "{} and {} describe different APIs: `{:?}` is `{}` in one and `{}` in the other",
                    old.label, new.label, o.id, o.entry, n.entry
                )));
            }
        }
    }
    if shared == 0 && !(old.ir.apis.is_empty() && new.ir.apis.is_empty()) {
        return Err(SideError::DifferentApis(format!(
            "{} and {} describe different APIs: they have no API in common",
            old.label, new.label
        )));
    }
    Ok(())
}

/// Counts for the summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub findings: usize,
    pub breaking_consumer: usize,
    pub breaking_provider: usize,
    pub semver: Semver,
}

impl Diff {
    /// The findings not accepted, judged for `role`.
    pub fn summary<'a>(
        &self,
        findings: impl IntoIterator<Item = &'a Finding>,
        role: Role,
    ) -> Summary {
        let mut s = Summary {
            findings: 0,
            breaking_consumer: 0,
            breaking_provider: 0,
            semver: Semver::None,
        };
        for f in findings {
            s.findings += 1;
            s.breaking_consumer += usize::from(f.consumer == Verdict::Breaking);
            s.breaking_provider += usize::from(f.provider == Verdict::Breaking);
            s.semver = s.semver.max(f.semver(role));
        }
        s
    }
}

/// Resolves a side as the user names it: a version of the embedded canonical contract
/// (`5.19`, `5.24`, `latest`), or `PATH[@VERSION]`, an API description file of the canonical
/// format (its newest version by default). Loading goes through the public schema pipeline
/// ([`adcontract_schema::compile_path`]), so a file gets the same diagnostics as everywhere.
pub fn resolve_side(arg: &str) -> Result<Side, SideError> {
    let canonical = adcontract_schema::canonical();
    if canonical.version_index(arg).is_some() {
        return Side::of(canonical, arg, arg.to_owned());
    }
    let (path, version) = match arg.rsplit_once('@') {
        Some((p, v)) if !p.is_empty() && !v.contains('/') => (p, Some(v)),
        _ => (arg, None),
    };
    let looks_like_file = path.contains('/') || path.contains('\\') || path.ends_with(".json");
    if !looks_like_file && !std::path::Path::new(path).exists() {
        // Neither a canonical version nor a file: say both.
        let known: Vec<&str> = canonical.versions.iter().map(|v| v.id.as_str()).collect();
        return Err(SideError::Input(format!(
            "`{arg}` is neither a version of the canonical contract ({}) nor an API description file",
            known.join(", ")
        )));
    }
    let contract = adcontract_schema::compile_path(std::path::Path::new(path))
        .map_err(|e| SideError::Input(e.to_string()))?;
    let version = match version {
        Some(v) => v.to_owned(),
        None => contract
            .latest()
            .map(|v| v.id.clone())
            .ok_or_else(|| SideError::Input(format!("{path}: the file lists no versions")))?,
    };
    Side::of(&contract, &version, format!("{path}@{version}"))
}
