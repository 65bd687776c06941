//! Where a run gets the [`Spec`] of a version: the canonical contract, or the suite's own small
//! hand-made view ([`super::handmade`]). The CLI's `--contract canonical|fixture` picks one.

use std::sync::OnceLock;

use adcontract_schema::ir;

use super::spec::{Spec, SpecError};

/// Builds the spec of a version (the CLI passes the canonical contract's views).
pub type SpecSource = fn(&str) -> Result<&'static Spec, SpecError>;

/// A spec source over the canonical contract (`adcontract_schema::try_canonical`), compiled
/// once per process.
pub fn canonical_source(version: &str) -> Result<&'static Spec, SpecError> {
    static CONTRACT: OnceLock<Result<ir::Contract, SpecError>> = OnceLock::new();
    let contract = CONTRACT.get_or_init(|| {
        adcontract_schema::try_canonical().map_err(|e| SpecError::Canonical(e.to_string()))
    });
    let contract = contract.as_ref().map_err(SpecError::clone)?;
    Spec::cached("canonical", version, |v| {
        contract
            .view(v)
            .map_err(|_| SpecError::UnknownVersion(v.to_string()))
    })
}

/// A spec source over the hand-made subset view ([`super::handmade`]): versions `5.19`,
/// `5.24`, `latest`.
pub fn handmade_source(version: &str) -> Result<&'static Spec, SpecError> {
    Spec::cached("fixture", version, |v| {
        if ["5.19", "5.24", "latest"].contains(&v) {
            Ok(super::handmade::view(v))
        } else {
            Err(SpecError::UnknownVersion(v.to_string()))
        }
    })
}
