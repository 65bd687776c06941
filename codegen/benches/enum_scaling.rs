//! How `generate` scales with the size of one enum: the whole pipeline the CLI runs (load, lower,
//! check, view; then the Rust emitter's collision check and rendering, and the TypeScript
//! package) on a schema whose only large part is an enum of 25,000 and of 100,000 values.
//!
//! `cargo bench -p adcontract-codegen --bench enum_scaling`. Prints the median time of each step
//! for both sizes and the ratio 100k / 25k: linear cost gives about 4 (it was ~12 before the
//! duplicate-value check grouped values by name). Not asserted anywhere: the machine is noisy.
//!
//! Environment: `BENCH_ROUNDS` (default 3). Without `--bench` (`cargo test --benches`) it is a
//! one-round smoke run on 2,500 and 10,000 values.

use std::time::{Duration, Instant};

use adcontract_codegen::Settings;
use adcontract_codegen::ts::{self, TsSettings};

const API: &str = r#"{
  "format": 1,
  "types": "big.types.json",
  "versions": [{ "id": "latest", "label": "latest" }],
  "apis": [{
    "id": "widget", "title": "Bench", "entry": "new Bench()", "style": "callback",
    "methods": [{ "name": "getColor", "wire": "GET_COLOR", "params": [],
                  "result": { "$ref": "big.types.json#/$defs/Color" } }],
    "events": []
  }]
}"#;

fn types(n: usize) -> String {
    let values: Vec<String> = (0..n).map(|i| format!("\"value-{i}\"")).collect();
    format!(
        r#"{{"$schema": "https://json-schema.org/draft/2020-12/schema", "$defs": {{"Color": {{"enum": [{}]}}}}}}"#,
        values.join(", ")
    )
}

/// Median durations of (compile + view, Rust check + render, TypeScript package).
fn measure(n: usize, rounds: usize) -> Option<[Duration; 3]> {
    let types = types(n);
    let mut samples: [Vec<Duration>; 3] = Default::default();
    for _ in 0..rounds {
        let t = Instant::now();
        let contract =
            match adcontract_schema::compile_str("big.api.json", API, "big.types.json", &types) {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("the bench schema does not compile: {e}");
                    return None;
                }
            };
        let ir = contract.view("latest").ok()?;
        samples[0].push(t.elapsed());

        let t = Instant::now();
        let settings = Settings::default();
        let collisions = adcontract_codegen::rust::check(&ir, &settings);
        let code = adcontract_codegen::rust::render(&ir, &settings);
        samples[1].push(t.elapsed());
        assert!(
            collisions.is_empty() && code.len() > n,
            "the Rust output is missing"
        );

        let t = Instant::now();
        let collisions = ts::check(&ir);
        let pkg = ts::generate(&ir, &TsSettings::default());
        samples[2].push(t.elapsed());
        assert!(
            collisions.is_empty() && !pkg.is_empty(),
            "the package is missing"
        );
    }
    Some(samples.map(|mut s| {
        s.sort();
        s[s.len() / 2]
    }))
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let rounds: usize = std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(if full { 3 } else { 1 })
        .max(1);
    let (small, large) = if full {
        (25_000, 100_000)
    } else {
        (2_500, 10_000)
    };
    let (Some(a), Some(b)) = (measure(small, rounds), measure(large, rounds)) else {
        return;
    };
    println!(
        "enum scaling, median of {rounds} round(s); ratio = {large} values / {small} values (linear = {:.1})",
        large as f64 / small as f64
    );
    for (i, step) in [
        "compile + view",
        "rust check + render",
        "typescript package",
    ]
    .iter()
    .enumerate()
    {
        println!(
            "  {step:<22} {small:>7}: {:>8.3} s   {large:>7}: {:>8.3} s   ratio {:.2}",
            a[i].as_secs_f64(),
            b[i].as_secs_f64(),
            b[i].as_secs_f64() / a[i].as_secs_f64().max(1e-9)
        );
    }
    let total = |d: &[Duration; 3]| d.iter().map(Duration::as_secs_f64).sum::<f64>();
    println!(
        "  {:<22} {small:>7}: {:>8.3} s   {large:>7}: {:>8.3} s   ratio {:.2}",
        "total",
        total(&a),
        total(&b),
        total(&b) / total(&a).max(1e-9)
    );
}
