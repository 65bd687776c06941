//! # adcontract-tests
//!
//! Cross-crate, end-to-end tests of adcontract (`tests/tests/it/`, one test binary). This library holds what several
//! suites share: where the workspace is, the canonical version views and the fixture schemas.

use std::path::{Path, PathBuf};

use adcontract_schema::ir::Ir;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The canonical schema's version views, oldest first.
pub const VIEWS: [&str; 3] = ["5.19", "5.24", "latest"];

/// The schema file of a fixture: `tests/fixtures/<case>/<case>.api.json` (an API description),
/// else `<case>.schema.json` (a plain JSON Schema types document).
pub fn fixture_path(case: &str) -> PathBuf {
    let dir = root().join("tests/fixtures").join(case);
    let api = dir.join(format!("{case}.api.json"));
    if api.is_file() {
        api
    } else {
        dir.join(format!("{case}.schema.json"))
    }
}

/// The IR of a canonical view. Panics (failing the test) on an unknown version.
pub fn view(version: &str) -> Ir {
    match adcontract_schema::canonical().view(version) {
        Ok(ir) => ir,
        Err(e) => panic!("canonical view {version}: {e}"),
    }
}

/// The `latest` view of a fixture schema. Panics (failing the test) if it does not compile.
pub fn fixture(case: &str) -> Ir {
    let contract = match adcontract_schema::compile_path(&fixture_path(case)) {
        Ok(c) => c,
        Err(e) => panic!("fixture {case} does not compile:\n{e}"),
    };
    match contract.view("latest") {
        Ok(ir) => ir,
        Err(e) => panic!("fixture {case}: {e}"),
    }
}

/// A binary of the workspace, built on first use by this process (a test package cannot depend
/// on another package's binary or example): `what` is `["--bin", "adcontract"]` or
/// `["--example", "typed_desktop"]`, `path` its place under `target/debug`.
pub fn built(what: &[&str], path: &str) -> String {
    let status = std::process::Command::new(env!("CARGO"))
        .args(["build", "-q"])
        .args(what)
        .current_dir(root())
        .status()
        .unwrap_or_else(|e| panic!("cargo build {what:?}: {e}"));
    assert!(status.success(), "cargo build {what:?} failed");
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root().join("target"));
    target.join("debug").join(path).display().to_string()
}

/// The `adcontract` binary, built once per test process.
pub fn adcontract_bin() -> &'static str {
    static BIN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    BIN.get_or_init(|| built(&["--bin", "adcontract"], "adcontract"))
}

/// Runs `adcontract ARGS` in the workspace root.
pub fn run_adcontract(args: &[&str]) -> std::process::Output {
    std::process::Command::new(adcontract_bin())
        .args(args)
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| panic!("adcontract {args:?}: {e}"))
}

/// What a process printed, stdout then stderr.
pub fn output_text(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The committed recordings of `conformance/corpus/`, sorted, as paths.
pub fn corpus_files() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root().join("conformance/corpus"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .map(|p| p.display().to_string())
        .collect();
    v.sort();
    v
}

/// Checks `actual` against the committed golden file `path` (relative to the workspace root).
/// With `ADCONTRACT_BLESS` set (and `CI` unset) it writes the file instead; review the diff.
/// A mismatch names the first line that differs, with the committed and the new text.
pub fn golden(path: &str, actual: &str) {
    let file = root().join(path);
    if std::env::var_os("ADCONTRACT_BLESS").is_some() && std::env::var_os("CI").is_none() {
        if let Err(e) = std::fs::write(&file, actual) {
            panic!("write {}: {e}", file.display());
        }
    }
    let committed = std::fs::read_to_string(&file).unwrap_or_default();
    if committed == actual {
        return;
    }
    let (mut old, mut new) = (committed.lines(), actual.lines());
    let mut line = 1;
    loop {
        match (old.next(), new.next()) {
            (a, b) if a == b && a.is_some() => line += 1,
            (None, None) => panic!(
                "{path} is stale: only line endings or the final newline differ; \
                 rerun with ADCONTRACT_BLESS=1 and review the diff"
            ),
            (a, b) => panic!(
                "{path} is stale at line {line}:\n  committed: {}\n  generated: {}\n\
                 rerun with ADCONTRACT_BLESS=1 and review the diff",
                a.unwrap_or("<end of file>"),
                b.unwrap_or("<end of file>"),
            ),
        }
    }
}
