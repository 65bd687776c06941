//! What the typed Rust adapter costs (a benchmark, not a test): the committed provider corpus as a
//! stream of protocol requests, served in-process by
//! - the baseline: the reference model behind the JSON-level `Provider` (`simulate::ModelProvider`);
//! - typed: `examples/typed_desktop`, the generated `AgentDesktop` traits over the same model,
//!   behind `adapter::typed::TypedProvider`; every call, event and answer is converted into the
//!   bindings' types and back.
//!
//! Both run the same model, so the ratio is the price of the typed layer (argument checks at the
//! boundary, parsing into `Call`, serializing results and events). Medians of interleaved rounds,
//! because the machine is shared.
//!
//! Run: `cargo bench --bench typed_adapter`.

#[allow(dead_code)]
#[path = "../examples/typed_desktop/desktop.rs"]
mod desktop;

use std::path::Path;
use std::time::Instant;

use adcontract::latest::{embedded, widget};
use adcontract::schema::ir::ApiId;
use adcontract_conformance::adapter::typed::{Pair, TypedProvider};
use adcontract_conformance::adapter::{Never, Provider, Side, serve};
use adcontract_conformance::contract::canonical_source;
use adcontract_conformance::reference::simulate::ModelProvider;
use adcontract_conformance::wire::protocol::{Command, Request, Role};
use adcontract_conformance::wire::recording::{self, Body};
use desktop::Desktop;

const ROUNDS: usize = 7;

fn main() {
    let (input, requests) = request_stream();
    let mb = input.len() as f64 / 1e6;
    println!("typed adapter: {requests} requests ({mb:.2} MB) per pass, {ROUNDS} rounds, medians");

    let mut baseline = Vec::new();
    let mut typed = Vec::new();
    for _ in 0..ROUNDS {
        baseline.push(time(&input, || ModelProvider::new(canonical_source, None)));
        typed.push(time(&input, || {
            Pair::new(
                TypedProvider::new(widget::Binding, Desktop::new(ApiId::Widget, false)),
                TypedProvider::new(embedded::Binding, Desktop::new(ApiId::Embedded, false)),
            )
        }));
    }
    let b = median(&mut baseline);
    let t = median(&mut typed);
    let rate = |secs: f64| requests as f64 / secs;
    println!(
        "  baseline (JSON-level model provider): {:>10.0} requests/s",
        rate(b)
    );
    println!(
        "  typed (generated traits over the model): {:>7.0} requests/s",
        rate(t)
    );
    println!("  typed / baseline time: {:.2}x", t / b);
}

/// Serves the whole stream once with a fresh provider; seconds.
fn time<P: Provider>(input: &[u8], make: impl Fn() -> P) -> f64 {
    let mut side: Side<P, Never> = Side::Provider(make());
    let mut out = Vec::with_capacity(input.len() * 4);
    let t = Instant::now();
    let served = serve(&mut side, input, &mut out, None);
    let secs = t.elapsed().as_secs_f64();
    // A broken stream would make the figures meaningless: say so rather than print them.
    if let Err(e) = served {
        eprintln!("serving failed: {e}");
        std::process::exit(1);
    }
    let failed = out.split(|&b| b == b'\n').find(|line| {
        serde_json::from_slice::<serde_json::Value>(line)
            .is_ok_and(|reply| reply.get("error").is_some_and(serde_json::Value::is_string))
    });
    if let Some(line) = failed {
        eprintln!(
            "a request failed, so the stream does not fit this provider: {}",
            String::from_utf8_lossy(line)
        );
        std::process::exit(1);
    }
    secs
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The provider corpus as protocol requests: one `reset` per recording, then its fixtures, calls
/// and answers in order, repeated until the stream is long enough to time.
fn request_stream() -> (Vec<u8>, usize) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("conformance/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut commands = vec![Command::Start {
        protocol: adcontract_conformance::wire::protocol::PROTOCOL_VERSION,
        role: Role::Provider,
    }];
    let mut pass = Vec::new();
    for f in &files {
        let Some(rec) = recording::read(f).0 else {
            continue;
        };
        pass.push(Command::Reset {
            api: rec.header.api.clone(),
            api_version: rec.header.api_version.clone(),
        });
        for e in rec.entries {
            match e.body {
                Body::Fixture { fixture, args } => pass.push(Command::Fixture { fixture, args }),
                Body::Call { method, args } => pass.push(Command::Call { method, args }),
                Body::Response {
                    event, response, ..
                } => pass.push(Command::Answer { event, response }),
                _ => {}
            }
        }
    }
    for _ in 0..40 {
        commands.extend(pass.iter().cloned());
    }
    let mut input = Vec::new();
    for (i, command) in commands.into_iter().enumerate() {
        let line = serde_json::to_string(&Request {
            id: i as u64 + 1,
            command,
        })
        .unwrap_or_default();
        input.extend_from_slice(line.as_bytes());
        input.push(b'\n');
    }
    let n = input.iter().filter(|&&b| b == b'\n').count();
    (input, n)
}
