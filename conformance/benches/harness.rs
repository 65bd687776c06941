//! Throughput of the conformance runner (a benchmark, not a test): prints figures and ratios
//! against a baseline measured in the same run.
//!
//! - baseline: the reference model applying the corpus steps in-process (no protocol, no process);
//! - replay: the same corpus through the harness protocol against the simulator subprocess
//!   (messages = request/reply exchanges per second);
//! - check: generated property/stateful cases per second against the simulator.
//!
//! Run: `cargo bench -p adcontract-conformance --bench harness` (release build).

use std::path::Path;
use std::time::{Duration, Instant};

use adcontract_conformance::contract::{canonical_source, parse_api};
use adcontract_conformance::generate::stateful::{self, Settings};
use adcontract_conformance::reference::model::Model;
use adcontract_conformance::run::process::{Harness, Limits};
use adcontract_conformance::run::runner::{self, Case, Mode, Verdict};
use adcontract_conformance::wire::protocol::Role;
use adcontract_conformance::wire::recording::{self, Body};
use adcontract_schema::ir::ApiId;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let cases: Vec<Case> = files
        .iter()
        .filter_map(|f| {
            recording::read(f).0.map(|r| Case {
                name: f.display().to_string(),
                recording: r,
            })
        })
        .collect();
    let Ok(spec) = canonical_source("latest") else {
        return;
    };
    let steps: usize = cases
        .iter()
        .map(|c| {
            c.recording
                .entries
                .iter()
                .filter(|e| e.body_is_step())
                .count()
                + 1
        })
        .sum();

    // Baseline: the model alone.
    let t = Instant::now();
    let mut rounds = 0u64;
    while t.elapsed() < Duration::from_secs(2) {
        for c in &cases {
            let api = parse_api(&c.recording.header.api).unwrap_or(ApiId::Widget);
            let mut m = Model::new(api, "latest");
            for e in &c.recording.entries {
                match &e.body {
                    Body::Fixture { fixture, args } => {
                        let _ = m.fixture(fixture, args);
                    }
                    Body::Call { method, args } => {
                        let _ = m.call(spec, method, args);
                    }
                    _ => {}
                }
            }
        }
        rounds += 1;
    }
    let base = (rounds as f64 * steps as f64) / t.elapsed().as_secs_f64();
    println!("baseline  in-process model: {base:>12.0} steps/s");

    // Replay through the protocol.
    let cmd = format!(
        "{} --contract canonical",
        env!("CARGO_BIN_EXE_adcontract-simulate")
    );
    let mut h = Harness::new(&cmd, Role::Provider, Limits::default());
    let t = Instant::now();
    let mut exchanges = 0usize;
    let mut rounds = 0u64;
    while t.elapsed() < Duration::from_secs(3) {
        for c in &cases {
            let r = runner::run_case(&mut h, spec, c, Role::Provider, Mode::Replay);
            assert_eq!(r.verdict, Verdict::Pass, "{}", r.name);
            exchanges += r.exchanges;
        }
        rounds += 1;
    }
    let secs = t.elapsed().as_secs_f64();
    let mps = exchanges as f64 / secs;
    println!(
        "replay    through harness : {mps:>12.0} messages/s ({} corpus passes, {:.0} cases/s); {:.1}x slower than the baseline",
        rounds,
        rounds as f64 * cases.len() as f64 / secs,
        base / mps
    );

    // Generated cases.
    for api in [ApiId::Widget, ApiId::Embedded] {
        let t = Instant::now();
        let o = stateful::run(
            &mut h,
            spec,
            &Settings {
                cases: 300,
                seed: 1,
                max_steps: 24,
                api,
                role: Role::Provider,
            },
        );
        let secs = t.elapsed().as_secs_f64();
        assert_eq!(o.result.verdict, Verdict::Pass);
        println!(
            "check     {:<8} stateful   : {:>12.0} cases/s ({} cases in {secs:.2} s)",
            adcontract_conformance::contract::api_name(api),
            o.executed as f64 / secs,
            o.executed
        );
    }
    h.stop();
}
