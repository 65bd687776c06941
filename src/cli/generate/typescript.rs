//! `adcontract generate typescript`: writes (or, with `--check`, verifies) an npm package with the
//! view's types, constants and runtime validators.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use adcontract_codegen::ts::{self, Package, TsSettings};

use super::TsArgs;
use crate::cli::{EXIT_OK, EXIT_USAGE, EXIT_VIOLATIONS};

pub(crate) fn generate_typescript(args: &TsArgs) -> u8 {
    let (ir, source) = match load_view(args.schema.as_deref(), args.api_version.as_deref()) {
        Ok(v) => v,
        Err(msg) => {
            eprintln!("{msg}");
            return EXIT_USAGE;
        }
    };
    let collisions = ts::check(&ir);
    if !collisions.is_empty() {
        for c in &collisions {
            eprintln!("{c}");
        }
        eprintln!(
            "adcontract generate typescript: {} name collision(s); nothing written",
            collisions.len()
        );
        return EXIT_USAGE;
    }
    let settings = TsSettings {
        package_name: None,
        source: Some(source),
    };
    let pkg = ts::generate(&ir, &settings);
    if args.check {
        check(&args.out, &pkg)
    } else {
        write(&args.out, &pkg)
    }
}

/// The view to generate from, and how to name its source in the file headers.
fn load_view(
    schema: Option<&Path>,
    version: Option<&str>,
) -> Result<(adcontract_schema::ir::Ir, String), String> {
    let (contract, source) = match schema {
        None => (
            adcontract_schema::canonical().clone(),
            "the canonical adcontract schema".to_owned(),
        ),
        Some(p) => match adcontract_schema::compile_path(p) {
            Ok(c) => (
                c,
                p.file_name().map_or_else(
                    || p.display().to_string(),
                    |f| f.to_string_lossy().into_owned(),
                ),
            ),
            Err(e) => return Err(format!("{e}")),
        },
    };
    match crate::cli::view_of(&contract, version) {
        Ok(ir) => Ok((ir, source)),
        Err(e) => Err(format!("adcontract generate typescript: {e}")),
    }
}

fn write(out: &Path, pkg: &Package) -> u8 {
    for (rel, contents) in pkg {
        let path = out.join(rel);
        if let Some(parent) = path.parent() {
            if let Err(e) = fs::create_dir_all(parent) {
                eprintln!(
                    "{}: error: cannot create the directory: {e}",
                    parent.display()
                );
                return EXIT_USAGE;
            }
        }
        // Unchanged files are left alone, so tools watching mtimes do not rebuild for nothing.
        if fs::read(&path).ok().as_deref() == Some(contents.as_bytes()) {
            continue;
        }
        if let Err(e) = fs::write(&path, contents) {
            eprintln!("{}: error: cannot write: {e}", path.display());
            return EXIT_USAGE;
        }
    }
    let extra = extra_files(out, pkg);
    for e in &extra {
        eprintln!(
            "{}: warning: not part of the generated package (left in place; `--check` reports it)",
            out.join(e).display()
        );
    }
    eprintln!("wrote {} files to {}", pkg.len(), out.display());
    EXIT_OK
}

fn check(out: &Path, pkg: &Package) -> u8 {
    let mut stale = 0usize;
    for (rel, want) in pkg {
        let path = out.join(rel);
        match fs::read(&path) {
            Err(_) => {
                println!("missing: {}", path.display());
                stale += 1;
            }
            Ok(have) if have == want.as_bytes() => {}
            Ok(have) => {
                stale += 1;
                let have = String::from_utf8_lossy(&have);
                let diff = similar::TextDiff::from_lines(have.as_ref(), want.as_str());
                println!("changed: {}", path.display());
                print!(
                    "{}",
                    diff.unified_diff().context_radius(2).header(
                        &format!("{} (on disk)", path.display()),
                        &format!("{} (generated)", path.display())
                    )
                );
            }
        }
    }
    for e in extra_files(out, pkg) {
        println!("extra: {}", out.join(e).display());
        stale += 1;
    }
    if stale == 0 {
        eprintln!("{} is up to date", out.display());
        EXIT_OK
    } else {
        eprintln!(
            "{} is stale: {stale} file(s) differ; run `adcontract generate typescript` without --check",
            out.display()
        );
        EXIT_VIOLATIONS
    }
}

/// Files under `out` (relative, `/`-separated) that the package does not contain.
fn extra_files(out: &Path, pkg: &Package) -> Vec<String> {
    let mut found = BTreeSet::new();
    collect(out, out, &mut found);
    found.into_iter().filter(|f| !pkg.contains_key(f)).collect()
}

fn collect(root: &Path, dir: &Path, found: &mut BTreeSet<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path: PathBuf = entry.path();
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() {
            // A package folder may be installed into; its dependencies are not ours to judge.
            if entry.file_name() != "node_modules" {
                collect(root, &path, found);
            }
        } else if let Ok(rel) = path.strip_prefix(root) {
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            found.insert(parts.join("/"));
        }
    }
}
