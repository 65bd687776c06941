//! Shared helpers: the cases, node and the pinned TypeScript compiler, writing packages.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use adcontract_codegen::ts::{self, Package, TsSettings};
use adcontract_schema::ir::Ir;
pub(crate) use adcontract_tests::{VIEWS, fixture, fixture_path, root, view};

/// The TypeScript test project (`package.json`, lockfile, usage files, node scripts).
pub(crate) fn ts_dir() -> PathBuf {
    root().join("ts")
}

/// Fixture schemas whose packages must type-check: this suite's own hostile fixture and the
/// Rust suite's fixtures (`tests/fixtures/<case>/<case>.api.json`, or a plain types document
/// `<case>.schema.json`).
pub(crate) const FIXTURES: [&str; 5] =
    ["hostile-ts", "hostile", "minimal", "plain", "plain-hostile"];

/// Every case: (name, IR, the header's source) — the views, then the fixtures.
pub(crate) fn cases() -> Vec<(String, Ir, String)> {
    let mut out: Vec<(String, Ir, String)> = VIEWS
        .iter()
        .map(|v| {
            (
                (*v).to_owned(),
                view(v),
                "the canonical adcontract schema".to_owned(),
            )
        })
        .collect();
    for f in FIXTURES {
        let file = fixture_path(f);
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
        out.push((f.to_owned(), fixture(f), name.unwrap_or_default()));
    }
    out
}

/// The package `adcontract generate typescript` writes for a case.
pub(crate) fn package(ir: &Ir, source: &str) -> Package {
    let collisions = ts::check(ir);
    assert!(collisions.is_empty(), "name collisions: {collisions:#?}");
    ts::generate(
        ir,
        &TsSettings {
            package_name: None,
            source: Some(source.to_owned()),
        },
    )
}

pub(crate) fn write_package(dir: &Path, pkg: &Package) {
    for (rel, contents) in pkg {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap_or(dir)).expect("create package dir");
        std::fs::write(&p, contents).expect("write package file");
    }
}

/// Runs a command, failing the test with its output when it cannot be started.
pub(crate) fn run(cmd: &mut Command) -> Output {
    match cmd.output() {
        Ok(o) => o,
        Err(e) => panic!(
            "cannot run {cmd:?}: {e}\nThe TypeScript tests need node and npm on PATH (e.g. `apt-get install nodejs npm`); they never skip."
        ),
    }
}

pub(crate) fn node() -> Command {
    Command::new("node")
}

/// The pinned `typescript` version from `ts/package.json`.
fn pinned_version() -> String {
    let pj: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(ts_dir().join("package.json")).expect("ts/package.json"),
    )
    .expect("ts/package.json is JSON");
    let v = pj["devDependencies"]["typescript"]
        .as_str()
        .expect("typescript is pinned in ts/package.json");
    assert!(
        v.chars().all(|c| c.is_ascii_digit() || c == '.'),
        "typescript must be pinned to an exact version, not {v:?}"
    );
    v.to_owned()
}

/// `node ts/node_modules/typescript/bin/tsc`, installed with `npm ci` from the committed lockfile
/// unless that exact version is already installed. Once per test process.
pub(crate) fn tsc() -> Command {
    static READY: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let ready = READY.get_or_init(|| {
        let dir = ts_dir();
        let installed = dir.join("node_modules/typescript/package.json");
        let version_of = |p: &Path| -> Option<String> {
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(p).ok()?).ok()?;
            v["version"].as_str().map(str::to_owned)
        };
        let want = pinned_version();
        if version_of(&installed).as_deref() != Some(want.as_str()) {
            let o = run(Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--prefer-offline"])
                .current_dir(&dir));
            if !o.status.success() {
                return Err(format!(
                    "npm ci in {} failed:\n{}{}",
                    dir.display(),
                    String::from_utf8_lossy(&o.stdout),
                    String::from_utf8_lossy(&o.stderr)
                ));
            }
        }
        match version_of(&installed) {
            Some(v) if v == want => Ok(dir.join("node_modules/typescript/bin/tsc")),
            other => Err(format!(
                "typescript {want} expected in ts/node_modules, found {other:?}"
            )),
        }
    });
    match ready {
        Ok(bin) => {
            let mut c = node();
            c.arg(bin);
            c
        }
        Err(e) => panic!("{e}"),
    }
}
