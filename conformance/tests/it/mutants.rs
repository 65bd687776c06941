//! The suite must reject every deliberately broken implementation and name the right rule or
//! verdict; and a runner must never hang on, or lose results to, a misbehaving process.

use std::time::{Duration, Instant};

use adcontract_conformance::contract::handmade_source;
use adcontract_conformance::reference::simulate::MUTANTS;
use adcontract_conformance::run::process::{Harness, Limits};
use adcontract_conformance::run::runner::{self, CaseResult, Mode, Verdict};
use adcontract_conformance::wire::protocol::Role;

use crate::common;
use common::{scripted_corpus as corpus, simulator};

fn run(cmd: &str, limits: Limits) -> Vec<CaseResult> {
    let mut h = Harness::new(cmd, Role::Provider, limits);
    let spec = handmade_source("latest").unwrap_or_else(|e| panic!("{e}"));
    corpus()
        .iter()
        .map(|c| runner::run_case(&mut h, spec, c, Role::Provider, Mode::Replay))
        .collect()
}

fn quick() -> Limits {
    Limits {
        message: Duration::from_millis(400),
        startup: Duration::from_millis(2000),
        max_restarts: 2,
        stderr_bytes: 2048,
    }
}

#[test]
fn every_mutant_is_rejected_with_its_rule_or_verdict() {
    assert!(MUTANTS.len() >= 12);
    let mut report = Vec::new();
    for (name, _, expect) in MUTANTS {
        let results = run(&format!("{} --mutant {name}", simulator()), quick());
        let caught = results.iter().any(|r| {
            r.verdict.as_str() == *expect
                || (r.verdict == Verdict::Fail && r.violations.iter().any(|v| v.rule == *expect))
        });
        let seen: Vec<String> = results
            .iter()
            .filter(|r| r.verdict != Verdict::Pass)
            .map(|r| {
                format!(
                    "{}: {:?}",
                    r.verdict.as_str(),
                    r.violations.iter().map(|v| v.rule).collect::<Vec<_>>()
                )
            })
            .collect();
        if !caught {
            report.push(format!(
                "mutant {name} not caught as {expect}; saw {seen:?}"
            ));
        }
        // Every case still gets a result, whatever the mutant does.
        assert_eq!(results.len(), corpus().len(), "{name}");
    }
    assert!(report.is_empty(), "{report:#?}");
}

#[test]
fn impl_false_is_a_crash_for_every_case_without_hanging() {
    let t = Instant::now();
    let results = run("false", quick());
    assert!(!results.is_empty());
    assert!(
        results.iter().all(|r| r.verdict == Verdict::Crash),
        "{results:#?}"
    );
    assert!(t.elapsed() < Duration::from_secs(10));
}

#[test]
fn impl_sleep_is_a_timeout_within_the_limit() {
    let t = Instant::now();
    let limits = Limits {
        message: Duration::from_millis(300),
        startup: Duration::from_millis(300),
        max_restarts: 1,
        stderr_bytes: 256,
    };
    let results = run("sleep 600", limits);
    let timeouts = results
        .iter()
        .filter(|r| r.verdict == Verdict::Timeout)
        .count();
    // Two starts (first + one restart) time out; the rest are reported as crash (not run:
    // the restart budget is used up), none is lost.
    assert_eq!(timeouts, 2, "{results:#?}");
    assert!(results.iter().all(|r| r.verdict.is_failure()));
    assert!(
        t.elapsed() < Duration::from_secs(5),
        "took {:?}",
        t.elapsed()
    );
}

#[test]
fn a_crash_mid_run_keeps_the_other_cases_and_the_stderr_tail() {
    let results = run(&format!("{} --mutant crash-mid-run", simulator()), quick());
    let crashed: Vec<&CaseResult> = results
        .iter()
        .filter(|r| r.verdict == Verdict::Crash)
        .collect();
    assert!(!crashed.is_empty());
    assert!(
        crashed.iter().any(|r| r
            .stderr
            .as_deref()
            .is_some_and(|s| s.contains("mutant crash-mid-run"))),
        "{crashed:#?}"
    );
    // Restarts let later cases run: some pass after the crash.
    assert!(results.iter().any(|r| r.verdict == Verdict::Pass));
}

#[test]
fn check_finds_and_shrinks_every_mutant_with_its_rule_or_verdict() {
    use adcontract_conformance::generate::stateful::{self, Settings};
    use adcontract_schema::ir::ApiId;
    let spec = handmade_source("latest").unwrap_or_else(|e| panic!("{e}"));
    let mut missed = Vec::new();
    for (name, _, expect) in MUTANTS {
        let mut h = Harness::new(
            &format!("{} --mutant {name}", simulator()),
            Role::Provider,
            quick(),
        );
        let settings = Settings {
            cases: 300,
            seed: 1,
            max_steps: 24,
            api: ApiId::Widget,
            role: Role::Provider,
        };
        let o = stateful::run(&mut h, spec, &settings);
        let r = &o.result;
        let first = r.violations.first().map(|v| v.rule).unwrap_or_default();
        let ok = r.verdict.as_str() == *expect || (r.verdict == Verdict::Fail && first == *expect);
        if !ok {
            missed.push(format!(
                "{name}: expected {expect}, got {} {first}",
                r.verdict.as_str()
            ));
        }
        // A rule failure comes back as a recording small enough to read.
        if r.verdict == Verdict::Fail {
            let steps = o
                .failure
                .as_ref()
                .map_or(0, |f| f.entries.iter().filter(|e| e.body_is_step()).count());
            assert!((1..=8).contains(&steps), "{name}: shrunk to {steps} steps");
        }
    }
    assert!(missed.is_empty(), "{missed:#?}");
}
