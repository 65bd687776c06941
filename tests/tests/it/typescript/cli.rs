//! `adcontract generate typescript`: writes the package the emitter generates; `--check` is 0 when
//! the folder is fresh and 1 with a diff when a file is changed, missing or extra; output is
//! byte-identical between runs; bad input is exit 2.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::common::{fixture_path, root, run};

/// The `adcontract` binary, built on demand (the tests crate cannot name another package's bin).
fn binary() -> PathBuf {
    let r = root();
    let o = run(Command::new(env!("CARGO"))
        .args(["build", "-q", "-p", "adcontract", "--bin", "adcontract"])
        .current_dir(&r));
    assert!(
        o.status.success(),
        "cargo build failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| r.join("target"), PathBuf::from);
    target
        .join("debug")
        .join(format!("adcontract{}", std::env::consts::EXE_SUFFIX))
}

fn generate(bin: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    run(Command::new(bin)
        .args(["generate", "typescript", "--out"])
        .arg(out)
        .args(extra))
}

fn read_all(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn generate_then_check_every_view() {
    let bin = binary();
    let tmp = tempfile::tempdir().expect("tempdir");
    for v in super::common::VIEWS {
        let out = tmp.path().join(v).join("pkg");
        let o = generate(&bin, &out, &["--api-version", v]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{v}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        // What the CLI writes is what the emitter generates.
        let pkg =
            super::common::package(&super::common::view(v), "the canonical adcontract schema");
        let written = read_all(&out);
        let expected: Vec<(String, Vec<u8>)> = pkg
            .iter()
            .map(|(k, v)| (k.clone(), v.clone().into_bytes()))
            .collect();
        assert_eq!(written, expected, "{v}");
        // Deterministic: a second run into another folder is byte-identical.
        let again = tmp.path().join(v).join("again");
        assert_eq!(
            generate(&bin, &again, &["--api-version", v]).status.code(),
            Some(0)
        );
        assert_eq!(read_all(&again), written, "{v}: two runs differ");
        let o = generate(&bin, &out, &["--api-version", v, "--check"]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{v}: fresh folder reported stale:\n{}",
            String::from_utf8_lossy(&o.stdout)
        );
    }
}

#[test]
fn check_reports_changed_missing_and_extra_files() {
    let bin = binary();
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("pkg");
    assert_eq!(generate(&bin, &out, &[]).status.code(), Some(0));
    let check = || generate(&bin, &out, &["--check"]);
    assert_eq!(check().status.code(), Some(0));

    // Changed: exit 1 with a unified diff naming the line.
    let d = out.join("index.d.ts");
    let text = std::fs::read_to_string(&d).expect("read");
    std::fs::write(
        &d,
        text.replacen(
            "export type InteractionData = {",
            "export type InteractionData = { stale: 1;",
            1,
        ),
    )
    .expect("write");
    let o = check();
    assert_eq!(o.status.code(), Some(1));
    let diff = String::from_utf8_lossy(&o.stdout);
    assert!(
        diff.contains("changed:")
            && diff.contains("-export type InteractionData = { stale: 1;")
            && diff.contains("+export type InteractionData = {"),
        "{diff}"
    );
    // Regenerating repairs it.
    assert_eq!(generate(&bin, &out, &[]).status.code(), Some(0));
    assert_eq!(check().status.code(), Some(0));

    // Missing.
    std::fs::remove_file(out.join("runtime.js")).expect("rm");
    let o = check();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("missing:"));
    assert_eq!(generate(&bin, &out, &[]).status.code(), Some(0));

    // Extra (left in place by `generate`, reported by `--check`).
    std::fs::write(out.join("leftover.d.ts"), "export {};\n").expect("write");
    let o = check();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("extra:"));
    std::fs::remove_file(out.join("leftover.d.ts")).expect("rm");
    assert_eq!(check().status.code(), Some(0));

    // A folder that does not exist is stale, not an error.
    assert_eq!(
        generate(&bin, &tmp.path().join("nothing"), &["--check"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn schema_option_and_bad_input() {
    let bin = binary();
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("hostile");
    let schema = fixture_path("hostile-ts");
    let o = generate(
        &bin,
        &out,
        &["--schema", schema.to_str().expect("utf-8 path")],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let d = std::fs::read_to_string(out.join("index.d.ts")).expect("written");
    assert!(
        d.contains("from hostile-ts.api.json"),
        "the header names the schema file"
    );

    let o = generate(&bin, &out, &["--api-version", "9.99"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("latest"),
        "known versions are listed"
    );

    let o = generate(
        &bin,
        &out,
        &[
            "--schema",
            fixture_path("ts-collision").to_str().expect("utf-8"),
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("MyType") && err.contains("/$defs/my-type") && err.contains("/$defs/MyType"),
        "{err}"
    );
}

/// A plain JSON Schema types document: the package has its `$defs` as types, no API section,
/// and is the one `ts::generate` builds; `--check` then finds it fresh.
#[test]
fn generate_typescript_from_a_plain_types_document() {
    let bin = binary();
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("crm");
    let schema = super::common::fixture_path("plain");
    let generate = |extra: &[&str]| {
        std::process::Command::new(&bin)
            .args(["generate", "typescript", "--schema"])
            .arg(&schema)
            .arg("--out")
            .arg(&out)
            .args(extra)
            .output()
            .expect("runs")
    };
    let o = generate(&[]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let pkg = super::common::package(&super::common::fixture("plain"), "plain.schema.json");
    for (rel, want) in &pkg {
        let have = std::fs::read_to_string(out.join(rel)).expect("written");
        assert_eq!(&have, want, "{rel}");
    }
    let d = &pkg["index.d.ts"];
    assert!(d.contains("export type Customer = {") && !d.contains("AgentDesktopClientAPI"));
    assert_eq!(generate(&["--check"]).status.code(), Some(0));
}

/// Without `--api-version`, the schema's newest version, whatever it is called: `2.0` here, where
/// `size` exists; `--api-version 1.0` gives the older view without it.
#[test]
fn generate_defaults_to_the_newest_version() {
    let bin = binary();
    let tmp = tempfile::tempdir().expect("tempdir");
    let schema = fixture_path("versioned");
    let schema = schema.to_str().expect("utf-8 path");
    let newest = tmp.path().join("newest");
    let o = generate(&bin, &newest, &["--schema", schema]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let d = std::fs::read_to_string(newest.join("index.d.ts")).expect("written");
    assert!(
        d.contains("export declare const API_VERSION: \"2.0\";"),
        "{d}"
    );
    assert!(d.contains("  size: number;"), "{d}");
    let older = tmp.path().join("older");
    let o = generate(&bin, &older, &["--schema", schema, "--api-version", "1.0"]);
    assert_eq!(o.status.code(), Some(0));
    let d = std::fs::read_to_string(older.join("index.d.ts")).expect("written");
    assert!(
        d.contains("export declare const API_VERSION: \"1.0\";") && !d.contains("  size: number;"),
        "{d}"
    );
}
