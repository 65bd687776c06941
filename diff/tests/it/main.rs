//! Integration tests of adcontract-diff: the catalogue page, every rule's example as a fixture,
//! the coverage of every kind of edit, the canonical history, and the committed reports.

// A panic is a test's failure report.
#![allow(clippy::unwrap_used)]

mod catalogue;
mod coverage;
mod examples;
mod golden;
mod history;

use std::path::{Path, PathBuf};

/// The workspace root.
pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Whether to rewrite golden files: `ADCONTRACT_BLESS` set and `CI` not.
pub(crate) fn bless() -> bool {
    std::env::var_os("ADCONTRACT_BLESS").is_some() && std::env::var_os("CI").is_none()
}

/// Compares `want` with the committed file at `rel` (or rewrites it when blessing).
pub(crate) fn golden(rel: &str, want: &str) {
    let path = root().join(rel);
    if bless() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(&path, want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{rel} is stale: rerun with ADCONTRACT_BLESS=1 and review the diff"
    );
}

/// A canonical side.
pub(crate) fn side(version: &str) -> adcontract_diff::Side {
    adcontract_diff::Side::of(adcontract_schema::canonical(), version, version.to_owned()).unwrap()
}
