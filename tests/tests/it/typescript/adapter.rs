//! The JavaScript harness's declarations (`conformance/adapters/ts/harness.d.mts`) against the
//! generated package, for both APIs:
//!
//! - API A: `ts/adapter/provider.ts` (typed with `AgentDesktopClientAPI` and
//!   `ContractWidgetEventArgs`) compiles with the pinned `tsc --strict` (and
//!   `exactOptionalPropertyTypes`) and its emitted JavaScript passes a case of the reference model
//!   under the real harness;
//! - API B: `ts/adapter/embedded.ts` (typed with `EmbeddedAgentDesktopAPI` and
//!   `ContractEmbeddedEventArgs`, re-exporting the package's `contractEmbeddedCallbacks`)
//!   compiles the same way, replays the committed API B recordings and passes `check`; broken
//!   variants of it fail with their rule;
//! - `ts/adapter/provider.fail.ts` and `ts/adapter/embedded.fail.ts` fail with exactly the error
//!   codes their lines announce.
//!
//! The temporary project mirrors the repository's layout (`conformance/adapters/ts/`,
//! `ts/adapter/`), so the usage files' relative imports of the harness and of the generated
//! package (`generated/latest/`, which exists there alone, as for `ts/usage/`) are the real ones.
//! The compiler writes its JavaScript next to each source, where those imports still resolve.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use adcontract_conformance::contract::{self, Spec};
use adcontract_conformance::generate::stateful::{self, Settings};
use adcontract_conformance::run::process::{Harness, Limits};
use adcontract_conformance::run::runner::{self, Case, CaseResult, Mode, Step, Verdict};
use adcontract_conformance::wire::protocol::Role;
use adcontract_conformance::wire::recording::{self, Origin};
use adcontract_schema::ir::ApiId;
use serde_json::json;

use super::common::{package, root, run, tsc, view, write_package};

const HARNESS: &str = "conformance/adapters/ts";
const POSITIVE: &str = "ts/adapter/provider.ts";
const NEGATIVE: &str = "ts/adapter/provider.fail.ts";
const EMBEDDED: &str = "ts/adapter/embedded.ts";
const EMBEDDED_NEGATIVE: &str = "ts/adapter/embedded.fail.ts";

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
    for f in [POSITIVE, NEGATIVE, EMBEDDED, EMBEDDED_NEGATIVE] {
        copy(f, dir);
    }
    tmp
}

fn copy(rel: &str, to: &Path) {
    let dest = to.join(rel);
    std::fs::create_dir_all(dest.parent().unwrap_or(to)).expect("mkdir");
    std::fs::copy(root().join(rel), &dest).unwrap_or_else(|e| panic!("copy {rel}: {e}"));
}

/// Writes a tsconfig (the options of the `ts/usage/` check) and runs the compiler; with `emit`,
/// the JavaScript goes next to the source.
fn compile(dir: &Path, name: &str, file: &str, exact: bool, emit: bool) -> (bool, String) {
    let options = json!({
        "strict": true,
        "noEmit": !emit,
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

/// Compiles `file` strictly, with and without `exactOptionalPropertyTypes`, then emits it; the
/// path of its JavaScript.
fn compile_positive(dir: &Path, file: &str) -> PathBuf {
    let stem = file.trim_end_matches(".ts").replace('/', "-");
    for exact in [false, true] {
        let (ok, out) = compile(dir, &format!("{stem}-{exact}"), file, exact, false);
        assert!(
            ok,
            "{file} (exactOptionalPropertyTypes: {exact}) failed:\n{out}"
        );
    }
    let (ok, out) = compile(dir, &format!("{stem}-emit"), file, true, true);
    assert!(ok, "emitting {file} failed:\n{out}");
    let js = dir.join(file.replace(".ts", ".js"));
    assert!(js.is_file(), "no {} after tsc", js.display());
    js
}

/// The real harness (not the project's copy) over a module.
fn harness(module: &Path) -> Harness {
    let cmd = format!(
        "exec node '{}' '{}'",
        root().join(HARNESS).join("harness.mjs").display(),
        module.display()
    );
    let limits = Limits {
        message: Duration::from_secs(5),
        startup: Duration::from_secs(15),
        max_restarts: 0,
        stderr_bytes: 4096,
    };
    Harness::new(&cmd, Role::Provider, limits)
}

fn spec_latest() -> &'static Spec {
    contract::canonical_source("latest").unwrap_or_else(|e| panic!("{e}"))
}

/// Replays a committed recording (`conformance/corpus/<file>`) against a module.
fn replay(module: &Path, file: &str) -> CaseResult {
    let path = root().join("conformance/corpus").join(file);
    let rec = recording::read(&path)
        .0
        .unwrap_or_else(|| panic!("cannot read {file}"));
    let spec =
        contract::canonical_source(&rec.header.api_version).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness(module);
    let case = Case {
        name: file.into(),
        recording: rec,
    };
    let r = runner::run_case(&mut h, spec, &case, Role::Provider, Mode::Replay);
    h.stop();
    r
}

#[test]
fn a_typed_implementation_compiles_and_passes_under_the_harness() {
    let tmp = project();
    let dir = tmp.path();
    let js = compile_positive(dir, POSITIVE);

    let spec = spec_latest();
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
            from: Some("tests/tests/it/typescript/adapter.rs".into()),
            seed: None,
            rule: None,
        },
        &steps,
    );
    let mut h = harness(&js);
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

/// Every committed API B recording (by its header, not its name): the scripted scenarios, the
/// coverage recording (every method, callbacks at index 0 and 1, every event) and the imported
/// SDK logs.
fn api_b_recordings() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(root().join("conformance/corpus"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .filter(|p| {
            recording::read(p)
                .0
                .is_some_and(|r| r.header.api == "embedded")
        })
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    files.sort();
    files
}

#[test]
fn a_typed_embedded_implementation_replays_the_api_b_recordings_and_passes_check() {
    let tmp = project();
    let js = compile_positive(tmp.path(), EMBEDDED);
    let files = api_b_recordings();
    for expected in [
        "b01-terminate-complete.jsonl",
        "c02-embedded-coverage.jsonl",
    ] {
        assert!(
            files.iter().any(|f| f == expected),
            "{expected} missing: {files:?}"
        );
    }
    for file in &files {
        let r = replay(&js, file);
        assert_eq!(r.verdict, Verdict::Pass, "{file}: {r:#?}");
    }
    // The module plays API B only: an API A case is not its to answer.
    assert_eq!(replay(&js, "a07-agent-state.jsonl").verdict, Verdict::Skip);

    let mut h = harness(&js);
    let settings = Settings {
        cases: 100,
        seed: 7,
        max_steps: 24,
        api: ApiId::Embedded,
        role: Role::Provider,
    };
    let out = stateful::run(&mut h, spec_latest(), &settings);
    h.stop();
    assert_eq!(out.result.verdict, Verdict::Pass, "{:#?}", out.result);
    // The generated calls reached the methods that answer through a callback.
    let answering: Vec<&str> = spec_latest()
        .api(ApiId::Embedded)
        .map(|a| a.methods.iter().filter(|m| m.result.is_some()))
        .into_iter()
        .flatten()
        .map(|m| m.name.as_str())
        .collect();
    assert!(answering.len() >= 2, "{answering:?}");
    for m in answering {
        assert!(out.coverage.methods.contains(m), "{m} was never called");
    }
}

/// A module that wraps the compiled typed fake and overrides some of its methods.
fn broken(dir: &Path, js: &Path, name: &str, overrides: &str) -> PathBuf {
    let module = format!(
        "import * as fake from {url};\n\
         export const contractEmbeddedCallbacks = fake.contractEmbeddedCallbacks;\n\
         export function createEmbeddedProvider(emit) {{\n\
         \x20 const inner = fake.createEmbeddedProvider(emit);\n\
         \x20 return {{ ...inner, {overrides} }};\n\
         }}\n",
        url = json!(format!("file://{}", js.display())),
    );
    let path = dir.join(format!("{name}.mjs"));
    std::fs::write(&path, module).expect("write the broken module");
    path
}

#[test]
fn broken_embedded_implementations_are_named_by_their_rule() {
    let tmp = project();
    let dir = tmp.path();
    let js = compile_positive(dir, EMBEDDED);

    // terminateInteraction does nothing: the agent never goes to after-call work.
    let no_wrap_up = broken(dir, &js, "no-wrap-up", "terminateInteraction() {}");
    let r = replay(&no_wrap_up, "b01-terminate-complete.jsonl");
    assert_eq!(r.verdict, Verdict::Fail, "{r:#?}");
    assert_eq!(
        r.violations.first().map(|v| v.rule),
        Some("AD-TERMINATE-WRAPUP"),
        "{r:#?}"
    );

    // getState answers after the call completed: the answer cannot be reported with its call,
    // so that call has no result and the next exchange is refused, naming the method.
    let late = broken(
        dir,
        &js,
        "late-answer",
        "getState(callback) { setTimeout(() => inner.getState(callback), 0); }",
    );
    let r = replay(&late, "b01-terminate-complete.jsonl");
    assert_eq!(r.verdict, Verdict::Fail, "{r:#?}");
    let found: Vec<(&str, &str)> = r
        .violations
        .iter()
        .map(|v| (v.rule, v.message.as_str()))
        .collect();
    assert!(
        matches!(found.first(), Some(("AD-REPLAY-RESULT", m)) if m.starts_with("getState: no result")),
        "{found:#?}"
    );
    assert!(
        found.iter().any(|(rule, m)| *rule == "PROTO-ERRORED"
            && m.contains("the callback of getState")
            && m.contains("after the call had completed")),
        "{found:#?}"
    );

    // The callback gets the data instead of the message `{command, data}`.
    let bare = broken(
        dir,
        &js,
        "bare-data",
        "getState(callback) { inner.getState((message) => callback(message.data)); }",
    );
    let r = replay(&bare, "b01-terminate-complete.jsonl");
    assert_eq!(r.verdict, Verdict::Fail, "{r:#?}");
    assert_eq!(
        r.violations.first().map(|v| v.rule),
        Some("PROTO-ERRORED"),
        "{r:#?}"
    );
    assert!(
        r.violations[0]
            .message
            .contains("not a message {command, data}"),
        "{r:#?}"
    );
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

/// Compiles a negative file: it must fail with exactly the errors its markers announce, among
/// them at least `codes`, and with no error anywhere else.
fn fails_as_announced(file: &str, codes: &[&str]) {
    let tmp = project();
    let source = std::fs::read_to_string(root().join(file)).expect("read the negative file");
    let want = expected_errors(&source);
    for code in codes {
        assert!(
            want.iter().any(|(_, c)| c == code),
            "{file} announces no {code}: {want:?}"
        );
    }
    let name = file.trim_end_matches(".ts").replace('/', "-");
    let (ok, out) = compile(tmp.path(), &name, file, false, false);
    assert!(!ok, "{file} compiled, but must not:\n{out}");
    let (got, elsewhere) = reported_errors(&out, file);
    assert!(
        elsewhere.is_empty(),
        "errors outside {file} (the package or the declarations are broken):\n{out}"
    );
    assert_eq!(
        got, want,
        "tsc reported other errors than announced:\n{out}"
    );
}

#[test]
fn wrong_implementations_fail_strict_with_the_announced_errors() {
    // A wrong method signature or result type, a misspelt method, the wrong API, an event with
    // the wrong arguments (TS2345) or the wrong number of them (TS2554).
    fails_as_announced(
        NEGATIVE,
        &["TS2322", "TS2561", "TS2344", "TS2345", "TS2554"],
    );
}

#[test]
fn wrong_embedded_implementations_fail_strict_with_the_announced_errors() {
    // The same for API B, plus callback data of the wrong type (TS2739) and an event
    // registration implemented as if it were a method (TS2353).
    fails_as_announced(
        EMBEDDED_NEGATIVE,
        &[
            "TS2322", "TS2561", "TS2344", "TS2345", "TS2554", "TS2739", "TS2353",
        ],
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
