//! The JavaScript/TypeScript adapter (`conformance/adapters/ts/harness.mjs`) run under node.
//!
//! - API A against a small fake desktop: the conforming fake passes, the broken one fails with
//!   its rule.
//! - API B at the protocol level, against a module with a made-up API and callback table: where
//!   callbacks go, what a reply's `result` is, and what happens when an implementation answers
//!   twice, with something that is not a message, or too late. (A typed API B implementation
//!   over a real generated package replays the committed API B recordings in
//!   `tests/tests/it/typescript/adapter.rs`, which has the package generator and the compiler.)

use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::time::Duration;

use adcontract_conformance::contract::handmade_source;
use adcontract_conformance::run::process::{Failure, Harness, Limits};
use adcontract_conformance::run::runner::{self, Case, CaseResult, Mode, Verdict};
use adcontract_conformance::wire::protocol::{Command, Reply, Role};
use adcontract_conformance::wire::recording;
use serde_json::{Value, json};

/// Whether node runs here. A developer's `cargo test -p adcontract-conformance` without node skips
/// these tests with a notice; under `CI` a missing node is a failure, so the suite can never pass
/// there without having run.
fn node_available() -> bool {
    let ok = Process::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok || std::env::var_os("CI").is_none(),
        "node is required when CI is set (scripts/test-all.sh checks for it)"
    );
    ok
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("adapters/ts")
}

fn limits() -> Limits {
    Limits {
        message: Duration::from_secs(5),
        startup: Duration::from_secs(15),
        max_restarts: 1,
        stderr_bytes: 4096,
    }
}

fn run(env: &str, file: &str) -> CaseResult {
    let cmd = format!(
        "cd '{}' && {env} node harness.mjs fake-desktop.mjs",
        dir().display()
    );
    let mut h = Harness::new(&cmd, Role::Provider, limits());
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(file);
    let rec = recording::read(&path).0.unwrap_or_else(|| panic!("{file}"));
    let spec = handmade_source(&rec.header.api_version).unwrap_or_else(|e| panic!("{e}"));
    runner::run_case(
        &mut h,
        spec,
        &Case {
            name: file.into(),
            recording: rec,
        },
        Role::Provider,
        Mode::Replay,
    )
}

#[test]
fn the_js_adapter_runs_a_conforming_fake() {
    if !node_available() {
        eprintln!("node not found: the JS adapter test did not run");
        return;
    }
    let r = run("", "a10-basic-voice.jsonl");
    assert_eq!(r.verdict, Verdict::Pass, "{r:#?}");
    // The fake plays API A only (it exports no `createEmbeddedProvider`): skip, not fail.
    assert_eq!(
        run("", "b01-terminate-complete.jsonl").verdict,
        Verdict::Skip
    );
}

#[test]
fn the_js_adapter_reports_a_broken_fake() {
    if !node_available() {
        eprintln!("node not found: the JS adapter test did not run");
        return;
    }
    let r = run("FAKE_BROKEN=1", "a10-basic-voice.jsonl");
    assert_eq!(r.verdict, Verdict::Fail);
    assert_eq!(
        r.violations.first().map(|v| v.rule),
        Some("AD-COMPLETE-REMOVED"),
        "{r:#?}"
    );
}

/// An API B implementation of a made-up API: each method shows one way of answering. The table
/// is written here as the generator would write it for such an API (`index: callback parameter`).
const PROBE: &str = r#"
export const name = "api-b-probe";
export const contractEmbeddedCallbacks = {
  place: 2, quiet: null, silent: 0, twice: 0, bare: 0, undefinedData: 0, late: 0, slow: 0,
  lateEvent: null, log: 0, toString: null,
};
export function createEmbeddedProvider(emit) {
  const seen = [];
  return {
    reset(api, version) { seen.length = 0; return version === "5.19" ? "not 5.19" : undefined; },
    fixture(name, args) {
      if (name === "emit") emit.raw(args.event, args.args);
      else throw new Error(`no fixture ${name}`);
    },
    place(a, b, callback) {
      emit("onPlaced", a, undefined);
      callback({ command: "PLACE", data: { a, b: b === undefined ? "(undefined)" : b, callback: typeof callback } });
    },
    quiet(...args) { seen.push(`quiet/${args.length}`); emit("onQuiet", args.length); },
    silent() {},
    twice(callback) { callback({ command: "T", data: 1 }); callback({ command: "T", data: 2 }); },
    bare(callback) { callback(42); },
    undefinedData(callback) { callback({ command: "U", data: undefined }); },
    late(callback) { setTimeout(() => callback({ command: "L", data: "late" }), 0); },
    async slow(callback) {
      await new Promise((done) => setTimeout(done, 20));
      callback({ command: "S", data: "after a promise" });
    },
    lateEvent() { setTimeout(() => emit("onLate"), 0); },
    log(callback) { callback({ command: "LOG", data: seen }); },
    notInTheTable(callback) { seen.push("notInTheTable"); callback({ command: "N", data: 1 }); },
  };
}
"#;

struct Probe {
    _dir: tempfile::TempDir,
    h: Harness,
}

impl Probe {
    fn start(module: &str) -> Probe {
        let tmp = tempfile::tempdir().expect("tempdir");
        let file = tmp.path().join("probe.mjs");
        std::fs::write(&file, module).expect("write the probe module");
        let cmd = format!(
            "exec node '{}' '{}'",
            dir().join("harness.mjs").display(),
            file.display()
        );
        let mut h = Harness::new(&cmd, Role::Provider, limits());
        let r = h.exchange(Command::Reset {
            api: "embedded".into(),
            api_version: "latest".into(),
        });
        assert_eq!(r.map(|r| r.ok), Ok(Some(true)));
        Probe { _dir: tmp, h }
    }

    fn call(&mut self, method: &str, args: Value) -> Result<Reply, Failure> {
        let args = args.as_array().cloned().unwrap_or_default();
        self.h.exchange(Command::Call {
            method: method.into(),
            args,
        })
    }

    /// The reply to a call that must succeed: (result, events as `[name, args]`).
    fn ok(&mut self, method: &str, args: Value) -> (Option<Value>, Value) {
        let r = self
            .call(method, args)
            .unwrap_or_else(|f| panic!("{method}: {f}"));
        let events = r
            .events
            .unwrap_or_default()
            .into_iter()
            .map(|e| json!([e.event, e.args]))
            .collect();
        (r.result, events)
    }
}

impl Probe {
    /// The error of the first exchange after something late happened in the process (a timer
    /// fires when node gets to it, so the exchanges before it may still succeed).
    fn next_error(&mut self) -> String {
        for _ in 0..200 {
            std::thread::sleep(Duration::from_millis(10));
            match self.call("log", json!([])) {
                Ok(_) => continue,
                r => return errored(r),
            }
        }
        panic!("nothing late was reported");
    }
}

fn errored(r: Result<Reply, Failure>) -> String {
    match r {
        Err(Failure::Errored { message, .. }) => message,
        other => panic!("expected an error reply, got {other:?}"),
    }
}

#[test]
fn api_b_callbacks_go_where_the_table_says_and_answer_with_the_message_data() {
    if !node_available() {
        eprintln!("node not found: the JS adapter test did not run");
        return;
    }
    let mut p = Probe::start(PROBE);
    let hello = p.h.hello.clone().and_then(|h| h.apis).unwrap_or_default();
    let apis: Vec<&str> = hello.iter().map(|a| a.api.as_str()).collect();
    assert_eq!(apis, ["embedded"], "only the factories the module exports");

    // A missing optional argument is passed as `undefined` so that the callback keeps its place;
    // the trailing `undefined` of an event is left out, as if the handler got one argument.
    let (result, events) = p.ok("place", json!(["x"]));
    assert_eq!(
        result,
        Some(json!({"a": "x", "b": "(undefined)", "callback": "function"}))
    );
    assert_eq!(events, json!([["onPlaced", ["x"]]]));
    assert_eq!(
        p.ok("place", json!(["x", "y"])).0,
        Some(json!({"a": "x", "b": "y", "callback": "function"}))
    );

    // No callback in the table: the arguments go as they are, and there is no result.
    assert_eq!(
        p.ok("quiet", json!([1, 2, 3])),
        (None, json!([["onQuiet", [3]]]))
    );
    // A callback that is not called before the call completes: no result either.
    assert_eq!(p.ok("silent", json!([])), (None, json!([])));
    // A method that answers after awaiting returns a promise; the harness waits for it.
    assert_eq!(p.ok("slow", json!([])).0, Some(json!("after a promise")));
    // A message whose data is `undefined` still answered: JSON says `null`.
    assert_eq!(p.ok("undefinedData", json!([])).0, Some(Value::Null));

    // Calls that cannot reach a method of the table have no effect and no answer (API B is
    // fire-and-forget): a method the table does not list, an inherited one, one whose callback
    // place an argument would take.
    for (method, args) in [
        ("notInTheTable", json!([])),
        ("toString", json!([])),
        ("reset", json!(["embedded", "latest"])),
        ("place", json!(["x", "y", "z"])),
    ] {
        assert_eq!(p.ok(method, args), (None, json!([])), "{method}");
    }
    assert_eq!(p.ok("log", json!([])).0, Some(json!(["quiet/3"])));
    p.h.stop();
}

#[test]
fn api_b_answers_the_harness_cannot_report_are_errors() {
    if !node_available() {
        eprintln!("node not found: the JS adapter test did not run");
        return;
    }
    let mut p = Probe::start(PROBE);
    let e = errored(p.call("twice", json!([])));
    assert!(e.contains("called 2 times"), "{e}");
    let e = errored(p.call("bare", json!([])));
    assert!(e.contains("received 42, not a message"), "{e}");

    // Too late for its own reply, the answer fails the next exchange of the case, by name.
    assert_eq!(p.ok("late", json!([])), (None, json!([])));
    let e = p.next_error();
    assert!(
        e.contains("the callback of late") && e.contains("after the call had completed"),
        "{e}"
    );
    assert_eq!(p.ok("log", json!([])).0, Some(json!([])), "reported once");

    // The same for an event emitted between requests.
    assert_eq!(p.ok("lateEvent", json!([])), (None, json!([])));
    let e = p.next_error();
    assert!(
        e.contains("event onLate was emitted between requests"),
        "{e}"
    );

    // A recorded event passes through `emit.raw` as is.
    let r =
        p.h.exchange(Command::Fixture {
            fixture: "emit".into(),
            args: json!({"event": "onNow", "args": [null, 1]}),
        })
        .unwrap_or_else(|f| panic!("{f}"));
    let events = r.events.unwrap_or_default();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].event, "onNow");
    assert_eq!(events[0].args, [Value::Null, json!(1)]);

    // `reset` declines with the implementation's reason, and nothing carries over to a new case.
    let r =
        p.h.exchange(Command::Reset {
            api: "embedded".into(),
            api_version: "5.19".into(),
        })
        .unwrap_or_else(|f| panic!("{f}"));
    assert_eq!(r.skip.as_deref(), Some("not 5.19"));
    p.h.stop();
}

#[test]
fn an_api_b_module_without_its_callback_table_is_refused_at_the_handshake() {
    if !node_available() {
        eprintln!("node not found: the JS adapter test did not run");
        return;
    }
    let module = PROBE.replace(
        "export const contractEmbeddedCallbacks",
        "const contractEmbeddedCallbacks",
    );
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("probe.mjs");
    std::fs::write(&file, module).expect("write the probe module");
    let cmd = format!(
        "exec node '{}' '{}'",
        dir().join("harness.mjs").display(),
        file.display()
    );
    let mut h = Harness::new(&cmd, Role::Provider, limits());
    let e = errored(h.exchange(Command::Reset {
        api: "embedded".into(),
        api_version: "latest".into(),
    }));
    assert!(e.contains("no contractEmbeddedCallbacks table"), "{e}");
}
