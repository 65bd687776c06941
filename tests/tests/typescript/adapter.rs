//! The JavaScript harness's declarations (`conformance/adapters/ts/harness.d.mts`) against the
//! generated `AgentDesktopClientAPI`: the usage file `ts/adapter/provider.ts` compiles with the
//! pinned `tsc --strict` (and `exactOptionalPropertyTypes`) and its emitted JavaScript passes a
//! case of the reference model under the real harness; `ts/adapter/provider.fail.ts` fails with
//! exactly the error codes its lines announce.
//!
//! The temporary project mirrors the repository's layout (`conformance/adapters/ts/`,
//! `ts/adapter/`), so the usage files' relative imports of the harness are the real ones; only
//! the generated package (`generated/latest/`) exists there alone, as for `ts/usage/`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use adcontract_conformance::process::{Harness, Limits};
use adcontract_conformance::protocol::Role;
use adcontract_conformance::recording::Origin;
use adcontract_conformance::runner::{self, Case, Mode, Step, Verdict};
use adcontract_conformance::spec::{self, Spec};
use adcontract_schema::ir::ApiId;
use serde_json::json;

use super::common::{package, root, run, tsc, view, write_package};

const HARNESS: &str = "conformance/adapters/ts";
const POSITIVE: &str = "ts/adapter/provider.ts";
const NEGATIVE: &str = "ts/adapter/provider.fail.ts";

/// A project with the `latest` package, the harness files and the adapter usage files.
fn project() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    std::fs::write(dir.join("package.json"), "{\"type\": \"module\"}\n").expect("write");
    write_package(
        &dir.join("generated/latest"),
        &package(&view("latest"), "the canonical adcontract schema"),
    );
    for f in ["harness.mjs", "harness.d.mts"] {
        copy(&format!("{HARNESS}/{f}"), dir);
    }
    for f in [POSITIVE, NEGATIVE] {
        copy(f, dir);
    }
    tmp
}

fn copy(rel: &str, to: &Path) {
    let dest = to.join(rel);
    std::fs::create_dir_all(dest.parent().unwrap_or(to)).expect("mkdir");
    std::fs::copy(root().join(rel), &dest).unwrap_or_else(|e| panic!("copy {rel}: {e}"));
}

/// Writes a tsconfig (the options of the `ts/usage/` check) and runs the compiler.
fn compile(
    dir: &Path,
    name: &str,
    file: &str,
    exact: bool,
    out_dir: Option<&str>,
) -> (bool, String) {
    let mut options = json!({
        "strict": true,
        "noEmit": out_dir.is_none(),
        "exactOptionalPropertyTypes": exact,
        "noUncheckedIndexedAccess": true,
        "noImplicitOverride": true,
        "module": "nodenext",
        "moduleResolution": "nodenext",
        "target": "es2022",
        "lib": ["es2022"],
        "types": [],
        "skipLibCheck": false,
        "forceConsistentCasingInFileNames": true,
        "pretty": false
    });
    if let Some(out) = out_dir {
        options["outDir"] = json!(out);
    }
    let config = json!({
        "compilerOptions": options,
        "files": ["generated/latest/index.d.ts", file]
    });
    let path = dir.join(format!("tsconfig.{name}.json"));
    std::fs::write(&path, serde_json::to_string_pretty(&config).expect("json"))
        .expect("write tsconfig");
    let o = run(tsc().arg("-p").arg(&path).current_dir(dir));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    (o.status.success(), text)
}

#[test]
fn a_typed_implementation_compiles_and_passes_under_the_harness() {
    let tmp = project();
    let dir = tmp.path();
    for exact in [false, true] {
        let (ok, out) = compile(dir, &format!("positive-{exact}"), POSITIVE, exact, None);
        assert!(
            ok,
            "{POSITIVE} (exactOptionalPropertyTypes: {exact}) failed:\n{out}"
        );
    }
    let (ok, out) = compile(dir, "emit", POSITIVE, true, Some("out"));
    assert!(ok, "emitting {POSITIVE} failed:\n{out}");
    // The output keeps the source's place relative to the compiled files' common root.
    let js: PathBuf = ["out", "provider.js"].iter().collect();
    assert!(dir.join(&js).is_file(), "no {} after tsc", js.display());

    let spec: &Spec = spec::canonical_source("latest").unwrap_or_else(|e| panic!("{e}"));
    let steps = [
        Step::Call("getLoginState".into(), vec![]),
        Step::Call("getAgentState".into(), vec![]),
        Step::Fixture("login".into(), json!({ "agentId": "jsmith" })),
        Step::Call("getLoginState".into(), vec![]),
        Step::Call(
            "setAgentState".into(),
            vec![json!("not_ready"), json!("Break")],
        ),
        Step::Call("getAgentState".into(), vec![]),
        Step::Call("setAgentState".into(), vec![json!("not_ready")]),
        Step::Call("setAgentState".into(), vec![json!("ready")]),
        Step::Call("getAgentState".into(), vec![]),
    ];
    let recording = runner::record_with_model(
        spec,
        ApiId::Widget,
        "the typed agent-state fake under the JS harness",
        Origin {
            kind: "simulated".into(),
            from: Some("tests/tests/typescript/adapter.rs".into()),
            seed: None,
            rule: None,
        },
        &steps,
    );
    let cmd = format!(
        "exec node '{}' '{}'",
        root().join(HARNESS).join("harness.mjs").display(),
        dir.join(&js).display()
    );
    let limits = Limits {
        message: Duration::from_secs(5),
        startup: Duration::from_secs(15),
        max_restarts: 0,
        stderr_bytes: 4096,
    };
    let mut h = Harness::new(&cmd, Role::Provider, limits);
    let case = Case {
        name: "typed agent state".into(),
        recording,
    };
    let r = runner::run_case(&mut h, spec, &case, Role::Provider, Mode::Model);
    assert_eq!(r.verdict, Verdict::Pass, "{r:#?}");
    let hello = h.hello.as_ref().and_then(|h| h.implementation.as_ref());
    assert_eq!(
        hello.map(|i| i.name.as_str()),
        Some("typed-agent-state"),
        "{hello:?}"
    );
    h.stop();
}

/// `(line, code)` of every `// expect TSnnnn` marker.
fn expected_errors(source: &str) -> BTreeSet<(usize, String)> {
    source
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let code = line.split("// expect ").nth(1)?.trim();
            let digits = code.strip_prefix("TS")?;
            (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()))
                .then(|| (i + 1, code.to_owned()))
        })
        .collect()
}

/// `(line, code)` of every error tsc reported in `file`, and the error lines about other files.
fn reported_errors(output: &str, file: &str) -> (BTreeSet<(usize, String)>, Vec<String>) {
    let mut mine = BTreeSet::new();
    let mut elsewhere = Vec::new();
    for line in output.lines().filter(|l| l.contains(": error TS")) {
        // `path(line,col): error TS1234: message`
        let parsed = line.strip_prefix(file).and_then(|rest| {
            let (pos, rest) = rest.strip_prefix('(')?.split_once(')')?;
            let n: usize = pos.split(',').next()?.parse().ok()?;
            let code = rest.strip_prefix(": error ")?.split(':').next()?;
            Some((n, code.to_owned()))
        });
        match parsed {
            Some(e) => {
                mine.insert(e);
            }
            None => elsewhere.push(line.to_owned()),
        }
    }
    (mine, elsewhere)
}

#[test]
fn wrong_implementations_fail_strict_with_the_announced_errors() {
    let tmp = project();
    let source = std::fs::read_to_string(root().join(NEGATIVE)).expect("read the negative file");
    let want = expected_errors(&source);
    // The file must test what the declarations are for: a wrong method signature, a wrong result
    // type, a misspelt method, the wrong API.
    for code in ["TS2322", "TS2561", "TS2344"] {
        assert!(
            want.iter().any(|(_, c)| c == code),
            "{NEGATIVE} announces no {code}: {want:?}"
        );
    }
    let (ok, out) = compile(tmp.path(), "negative", NEGATIVE, false, None);
    assert!(!ok, "{NEGATIVE} compiled, but must not:\n{out}");
    let (got, elsewhere) = reported_errors(&out, NEGATIVE);
    assert!(
        elsewhere.is_empty(),
        "errors outside {NEGATIVE} (the package or the declarations are broken):\n{out}"
    );
    assert_eq!(
        got, want,
        "tsc reported other errors than announced:\n{out}"
    );
}

#[test]
fn the_markers_and_the_report_are_read_as_intended() {
    let src = "a\nb; // expect TS2322\n// expect TSnnnn\nc // expect TS2344\n";
    let want: BTreeSet<(usize, String)> =
        [(2, "TS2322".to_owned()), (4, "TS2344".to_owned())].into();
    assert_eq!(expected_errors(src), want);
    let out = "f.ts(2,11): error TS2322: Type 'x' is not assignable.\n  Types of property...\n\
               g.ts(1,1): error TS2307: Cannot find module\nf.ts(4,3): error TS2344: Type\n";
    let (mine, elsewhere) = reported_errors(out, "f.ts");
    assert_eq!(mine, want);
    assert_eq!(elsewhere.len(), 1);
}
