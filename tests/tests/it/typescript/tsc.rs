//! The pinned TypeScript compiler over every generated package and the integrator-style files
//! in `ts/usage/` (`--strict`, then again with `exactOptionalPropertyTypes`), and the hostile
//! fixture's output scanned for anything that escaped a comment or a string.
//!
//! The vendor-shaped declarations (`ts/usage/<view>/vendor.d.ts`) and their checks
//! (`vendor-compat.ts`) are compiled in programs of their own with the DOM library, because the
//! vendor's file names DOM types (`HTMLIFrameElement`); everything else compiles without it, as a
//! node program would.

use std::path::{Path, PathBuf};

use super::common::{self, cases, node, package, run, tsc, write_package};

/// Views whose `global.d.ts` declare the same `Window` members with other types: each is
/// checked in a program of its own.
const SEPARATE_GLOBALS: [&str; 2] = ["5.19", "5.24"];

/// Copies `from` into `to` (files only, recursively).
fn copy_dir(from: &Path, to: &Path) {
    let Ok(entries) = std::fs::read_dir(from) else {
        return;
    };
    std::fs::create_dir_all(to).expect("mkdir");
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).expect("copy usage file");
        }
    }
}

fn files_under(dir: &Path, base: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_under(&p, base, out);
        } else if let Ok(rel) = p.strip_prefix(base) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// Whether a usage file belongs to the vendor-shaped programs, which have the DOM library.
fn needs_dom(file: &str) -> bool {
    file.ends_with("/vendor.d.ts") || file.ends_with("/vendor-compat.ts")
}

/// Writes a tsconfig over `files` and runs the compiler; the test fails with its output.
fn compile(dir: &Path, name: &str, files: &[String], exact: bool, dom: bool) {
    let lib: &[&str] = if dom { &["es2022", "dom"] } else { &["es2022"] };
    let config = serde_json::json!({
        "compilerOptions": {
            "strict": true,
            "noEmit": true,
            "exactOptionalPropertyTypes": exact,
            "noUncheckedIndexedAccess": true,
            "noImplicitOverride": true,
            "module": "nodenext",
            "moduleResolution": "nodenext",
            "target": "es2022",
            "lib": lib,
            "types": [],
            "skipLibCheck": false,
            "forceConsistentCasingInFileNames": true
        },
        "files": files
    });
    let path = dir.join(format!("tsconfig.{name}.json"));
    std::fs::write(&path, serde_json::to_string_pretty(&config).expect("json"))
        .expect("write tsconfig");
    let o = run(tsc().arg("-p").arg(&path).current_dir(dir));
    assert!(
        o.status.success(),
        "tsc -p {name} failed:\n{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn packages_and_usage_files_typecheck_strict_and_exact() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    std::fs::write(dir.join("package.json"), "{\"type\": \"module\"}\n").expect("write");
    let mut all: Vec<String> = Vec::new();
    let mut separate: Vec<(String, Vec<String>)> = Vec::new();
    for (name, ir, source) in cases() {
        let pkg = package(&ir, &source);
        write_package(&dir.join("generated").join(&name), &pkg);
        let usage_src = common::ts_dir().join("usage").join(&name);
        copy_dir(&usage_src, &dir.join("usage").join(&name));
        for f in pkg.keys().filter(|f| f.ends_with(".d.ts")) {
            let rel = format!("generated/{name}/{f}");
            if f == "global.d.ts" && SEPARATE_GLOBALS.contains(&name.as_str()) {
                separate.push((name.clone(), vec![rel]));
            } else {
                all.push(rel);
            }
        }
    }
    let mut usage = Vec::new();
    files_under(&dir.join("usage"), dir, &mut usage);
    assert!(
        usage.iter().any(|u| u.ends_with("latest/integrator.ts")),
        "usage files missing: {usage:?}"
    );
    for f in [
        "latest/vendor-compat.ts",
        "latest/contract-maps.ts",
        "5.24/vendor-compat.ts",
        "5.19/vendor-compat.ts",
    ] {
        assert!(
            usage.iter().any(|u| u.ends_with(f)),
            "usage files missing: {usage:?}"
        );
    }
    let strict: Vec<String> = all
        .iter()
        .cloned()
        .chain(
            usage
                .iter()
                .filter(|u| u.ends_with(".ts") && !u.ends_with(".exact.ts") && !needs_dom(u))
                .cloned(),
        )
        .collect();
    let exact: Vec<String> = all
        .iter()
        .cloned()
        .chain(
            usage
                .iter()
                .filter(|u| u.ends_with(".ts") && !needs_dom(u))
                .cloned(),
        )
        .collect();
    // Each vendor-compat file pulls in its vendor.d.ts and its view's package by import.
    let vendor: Vec<String> = usage
        .iter()
        .filter(|u| u.ends_with("/vendor-compat.ts"))
        .cloned()
        .collect();
    assert_eq!(vendor.len(), 3, "one vendor-compat.ts per view: {vendor:?}");
    compile(dir, "strict", &strict, false, false);
    compile(dir, "exact", &exact, true, false);
    compile(dir, "vendor-strict", &vendor, false, true);
    compile(dir, "vendor-exact", &vendor, true, true);
    for (name, files) in separate {
        compile(dir, &format!("global-{name}"), &files, true, false);
    }
}

/// Every package's `index.js` loads under node as an ES module and validates each of its types.
#[test]
fn packages_load_and_run_under_node() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for (name, ir, source) in cases() {
        let d = tmp.path().join(&name);
        write_package(&d, &package(&ir, &source));
        let script = "const m = await import(process.argv[1]);\n\
            let n = 0;\n\
            for (const t of m.typeNames) { if (!Array.isArray(m.validate(t, {}))) throw new Error(t); n++; }\n\
            if (n !== m.typeNames.length || typeof m.API_VERSION !== 'string') throw new Error('incomplete');\n\
            const g = await import(process.argv[2]);\n\
            console.log(n, Object.keys(g).length);";
        let url = |f: &str| format!("file://{}", d.join(f).display());
        let o = run(node()
            .args(["--input-type=module", "-e", script])
            .arg(url("index.js"))
            .arg(url("global.js")));
        assert!(
            o.status.success(),
            "{name}: node failed:\n{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let out = String::from_utf8_lossy(&o.stdout);
        assert_eq!(out.trim(), format!("{} 0", ir.types.len()), "{name}");
    }
}

/// Descriptions, names and values of the hostile fixture stay inside their comments and strings.
#[test]
fn hostile_text_cannot_escape_comments_or_strings() {
    let ir = common::fixture("hostile-ts");
    let pkg = package(&ir, "hostile-ts.api.json");
    for (file, text) in &pkg {
        for bad in ['\u{2028}', '\u{2029}', '\u{85}'] {
            assert!(!text.contains(bad), "{file} contains U+{:04X}", bad as u32);
        }
        // Files that may be inlined into a page never hold `</script` (comments in .d.ts may).
        if !file.ends_with(".d.ts") {
            assert!(!text.contains("</script"), "{file} contains </script");
        }
        if !file.ends_with(".d.ts") {
            continue;
        }
        // Every block comment opens with `/**` and its first `*/` is a line of its own.
        let mut in_comment = false;
        for (i, line) in text.lines().enumerate() {
            let t = line.trim_start();
            if in_comment {
                assert!(
                    !t.contains("*/") || t == "*/",
                    "{file}:{}: comment closed early: {line}",
                    i + 1
                );
                assert!(
                    t.starts_with('*'),
                    "{file}:{}: comment line without `*`: {line}",
                    i + 1
                );
                assert!(
                    !t.starts_with("* @deprecated fake") && !t.starts_with("* @param x injected"),
                    "{file}:{}: {line}",
                    i + 1
                );
                in_comment = t != "*/";
            } else if let Some(rest) = t.strip_prefix("/**") {
                in_comment = !rest.ends_with("*/");
                if !in_comment {
                    assert_eq!(rest.matches("*/").count(), 1, "{file}:{}: {line}", i + 1);
                }
            } else if !t.starts_with("//") {
                let code = strip_strings(t);
                assert!(
                    !code.contains("/*") && !code.contains("*/"),
                    "{file}:{}: comment token outside a comment: {line}",
                    i + 1
                );
            }
        }
        assert!(!in_comment, "{file}: unterminated comment");
    }
    let d = &pkg["index.d.ts"];
    assert!(
        d.contains("\\@deprecated fake tag"),
        "the fake tag is neutralised"
    );
    assert!(d.contains("*\\/ then opens"), "`*/` in prose is broken up");
    assert!(
        d.contains("export type Class = {"),
        "reserved word type name: {d}"
    );
    assert!(
        d.contains("export type Promise_ = {"),
        "global type names are not shadowed"
    );
    assert!(d.contains("\"__proto__\": number;") && d.contains("\"quote\\\"unquote\"?: string;"));
    assert!(
        d.contains("\"delete\"(class_: Class, function_?: "),
        "reserved method and parameter names: {d}"
    );
    assert!(
        d.contains("(a: string | undefined, b: number) => SyncAsyncResult"),
        "optional before required: {d}"
    );
}

/// A line of code without the contents of its double-quoted string literals.
fn strip_strings(line: &str) -> String {
    let mut out = String::new();
    let mut in_str = false;
    let mut escaped = false;
    for c in line.chars() {
        if in_str {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => {
                    in_str = false;
                    out.push('"');
                }
                _ => {}
            }
        } else {
            if c == '"' {
                in_str = true;
            }
            out.push(c);
        }
    }
    out
}
