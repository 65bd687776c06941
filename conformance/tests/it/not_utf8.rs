//! A reply line that is not UTF-8 is a protocol error of the exchange it answers, naming the
//! line of the implementation's stdout, the byte (1-based) and a hint — never a crash — and the
//! other cases of the run keep their results. Also: the mutant table of
//! `docs/conformance/README.md` lists every mutant with the verdict or rule that catches it.

use std::path::Path;
use std::time::Duration;

use adcontract_conformance::contract::handmade_source;
use adcontract_conformance::reference::simulate::MUTANTS;
use adcontract_conformance::run::process::{Harness, Limits};
use adcontract_conformance::run::runner::{self, Case, CaseResult, Mode, Verdict};
use adcontract_conformance::wire::protocol::Role;

use crate::common;
use common::{scripted_corpus as corpus, simulator};

fn run(cmd: &str, cases: &[Case]) -> Vec<CaseResult> {
    // Enough restarts for every case that meets the fault: this test is about what each of them
    // reports and that the others pass, not about the restart budget.
    let limits = Limits {
        message: Duration::from_millis(2000),
        startup: Duration::from_millis(5000),
        max_restarts: 20,
        stderr_bytes: 2048,
    };
    let mut h = Harness::new(cmd, Role::Provider, limits);
    let spec = handmade_source("latest").unwrap_or_else(|e| panic!("{e}"));
    cases
        .iter()
        .map(|c| runner::run_case(&mut h, spec, c, Role::Provider, Mode::Replay))
        .collect()
}

#[test]
fn a_latin1_reply_is_a_protocol_error_naming_line_byte_and_hint() {
    let cases = corpus();
    let results = run(&format!("{} --mutant not-utf8", simulator()), &cases);
    assert_eq!(results.len(), cases.len(), "every case gets a result");
    let bad: Vec<&CaseResult> = results
        .iter()
        .filter(|r| r.verdict != Verdict::Pass)
        .collect();
    assert!(!bad.is_empty(), "the mutant was not caught: {results:#?}");
    for r in &bad {
        assert_eq!(r.verdict, Verdict::ProtocolError, "{r:#?}");
        let [v] = r.violations.as_slice() else {
            panic!("one violation expected: {r:#?}");
        };
        assert_eq!(v.rule, "PROTO-REPLY", "{r:#?}");
        let m = &v.message;
        // The mutant answers `{"id":N,"error":"r\xE9ponse …`: the bad byte follows the id.
        let line = m
            .split("stdout line ")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .and_then(|n| n.parse::<u64>().ok());
        // Line 1 is the handshake; the fault strikes on a later request of the same process.
        assert!(line.is_some_and(|n| n >= 2), "{m}");
        assert!(
            m.contains("is not UTF-8: invalid byte 0xE9 at byte "),
            "{m}"
        );
        assert!(m.contains(" of the line (after \"{\\\"id\\\":"), "{m}");
        assert!(m.contains("\\\"error\\\":\\\"r\")"), "{m}");
        assert!(m.contains("hint: the protocol is UTF-8 JSON lines"), "{m}");
        let byte = m
            .split("at byte ")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .and_then(|n| n.parse::<usize>().ok());
        let id_digits = m
            .split("{\\\"id\\\":")
            .nth(1)
            .map(|s| s.chars().take_while(char::is_ascii_digit).count());
        // 1-based: the bad byte is the one after the valid prefix.
        assert_eq!(
            byte,
            id_digits.map(|d| "{\"id\":".len() + d + ",\"error\":\"r".len() + 1),
            "{m}"
        );
    }
    // Cases that never reach the faulty call are untouched by it.
    let passed = results
        .iter()
        .filter(|r| r.verdict == Verdict::Pass)
        .count();
    assert!(passed > 0, "{results:#?}");
    assert!(
        results
            .iter()
            .all(|r| matches!(r.verdict, Verdict::Pass | Verdict::ProtocolError)),
        "{results:#?}"
    );
}

#[test]
fn the_mutant_table_lists_every_mutant_with_what_catches_it() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/conformance/README.md");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    let rows: Vec<(&str, &str)> = text
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            // | `name` | breaks | caught as |
            let name = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            Some((name, *cells.get(3)?))
        })
        .collect();
    let mut missing = Vec::new();
    for (name, _, expect) in MUTANTS {
        match rows.iter().find(|(n, _)| n == name) {
            Some((_, caught)) if caught.starts_with(&format!("`{expect}`")) => {}
            other => missing.push(format!("{name} (caught as `{expect}`): {other:?}")),
        }
    }
    assert!(
        missing.is_empty(),
        "docs/conformance/README.md's mutant table is stale:\n{missing:#?}"
    );
    assert_eq!(rows.len(), MUTANTS.len(), "{rows:?}");
}
