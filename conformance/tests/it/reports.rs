//! Snapshots of every report format over a fixed set of results (one of each verdict).

use adcontract_conformance::run::report;
use adcontract_conformance::run::rules::Violation;
use adcontract_conformance::run::runner::{CaseResult, Verdict};
use serde_json::json;

fn results() -> Vec<CaseResult> {
    let case = |id: &str, name: &str, verdict: Verdict| CaseResult {
        id: id.into(),
        name: name.into(),
        verdict,
        violations: vec![],
        message: None,
        stderr: None,
        exchanges: 3,
        millis: 0,
        problems: Vec::new(),
    };
    let mut fail = case(
        "b24c6bf1098c58b4",
        "corpus/a01-inbound-voice-lifecycle.jsonl",
        Verdict::Fail,
    );
    fail.violations = vec![
        Violation::new("AD-COMPLETE-REMOVED", Some(14), "completeInteraction(call-1001): the interaction was not removed"),
        Violation::new("AD-REPLAY-EVENTS", Some(14), "3 events recorded [ON_INTERACTION_REMOVED, ON_ACTIVE_INTERACTION_SWITCHED, ON_AGENT_STATE_CHANGE], 0 emitted []")
            .diff(&json!([{ "event": "ON_AGENT_STATE_CHANGE", "args": ["ready"] }]), &json!([])),
    ];
    let mut crash = case(
        "572dcc5204f153e5",
        "corpus/a02-consult-transfer.jsonl",
        Verdict::Crash,
    );
    crash.violations = vec![Violation::new(
        "PROTO-CRASH",
        None,
        "the implementation exited (exit status: 3) before answering `call`",
    )];
    crash.stderr = Some("loading\nmutant crash-mid-run: exiting after 7 requests\n".into());
    let mut timeout = case(
        "7528521b14e9cb3c",
        "corpus/a03 <blind> & \"transfer\"",
        Verdict::Timeout,
    );
    timeout.violations = vec![Violation::new(
        "PROTO-TIMEOUT",
        None,
        "no reply to `call` within 400 ms",
    )];
    let mut skip = case(
        "062bf4990fa22195",
        "corpus/b01-terminate-complete.jsonl",
        Verdict::Skip,
    );
    skip.message = Some("the implementation does not support embedded latest".into());
    let mut proto = case(
        "c747424821753eaf",
        "corpus/a06-errors.jsonl",
        Verdict::ProtocolError,
    );
    proto.violations = vec![Violation::new(
        "PROTO-REPLY",
        None,
        "protocol error answering `call`: not a reply line (expected value at line 1 column 1)",
    )];
    vec![
        case(
            "6245e4917a3afd7b",
            "corpus/a07-agent-state.jsonl",
            Verdict::Pass,
        ),
        fail,
        crash,
        timeout,
        skip,
        proto,
    ]
}

#[test]
fn human_report() {
    insta::assert_snapshot!(report::human(&results(), "replay"));
}

#[test]
fn junit_report() {
    insta::assert_snapshot!(report::junit(&results(), "adcontract replay", false));
}

#[test]
fn markdown_report() {
    insta::assert_snapshot!(report::markdown(&results(), "adcontract replay"));
}

#[test]
fn json_lines_report() {
    insta::assert_snapshot!(report::json_lines(&results()));
}
