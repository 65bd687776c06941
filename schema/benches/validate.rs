//! Throughput of the validator on a large JSONL file of InteractionData events.
//!
//! `cargo bench -p adcontract-schema --bench validate`. Generates ≥ 50 MB of realistic
//! InteractionData (one event per line, ~10% carrying the undeclared `agentId` the real widget
//! sends, ~1% invalid) in a temporary directory, then measures, interleaved over several rounds:
//!
//! - (a) baseline: read each line and parse it with serde_json into a `Value`;
//! - (b) parse + `Validator::validate_shape`;
//! - (c) the streaming engine of `adcontract validate` (`stream::validate_reader`);
//! - (d) `validate_shape` alone on 2,000 pre-parsed values, in µs per instance.
//!
//! It prints the median MB/s of each and its ratio to (a), then runs (c) in a child process on
//! files of two sizes and prints the child's peak RSS (VmHWM), which must not grow with the file.
//!
//! Environment: `BENCH_MB` (file size, default 56), `BENCH_ROUNDS` (default 5). Without
//! `--bench` (run by `cargo test --benches`) it is a 2 MB, one-round smoke run.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;
use std::time::Instant;

use adcontract_schema::ir::{self, Shape};
use adcontract_schema::validate::{Options, Validator, has_errors, stream};
use serde_json::{Value, json};

const CHILD_ENV: &str = "ADCONTRACT_BENCH_CHILD";

fn main() {
    if let Ok(path) = std::env::var(CHILD_ENV) {
        child(Path::new(&path));
        return;
    }
    // `cargo bench` passes `--bench`; run as a test (`cargo test --benches`) it only smoke-tests.
    let full = std::env::args().any(|a| a == "--bench");
    let mb: usize = std::env::var("BENCH_MB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(if full { 56 } else { 2 });
    let rounds: usize = std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(if full { 5 } else { 1 })
        .max(1);
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => return eprintln!("cannot create a temporary directory: {e}"),
    };
    let big = dir.path().join("interactions.jsonl");
    let small = dir.path().join("small.jsonl");
    let (bytes, lines) =
        match generate(&big, mb << 20).and_then(|b| generate(&small, (mb << 20) / 8).map(|_| b)) {
            Ok(x) => x,
            Err(e) => return eprintln!("cannot write the input: {e}"),
        };
    let ir = view();
    let validator = match Validator::new(&ir, Options::default()) {
        Ok(v) => v,
        Err(e) => return eprintln!("{e}"),
    };
    let shape = Shape::Ref {
        name: "InteractionData".into(),
        args: vec![],
    };
    println!(
        "input: {:.1} MB, {lines} lines ({} bytes/line), {rounds} rounds",
        bytes as f64 / 1e6,
        bytes / lines.max(1)
    );

    let mut times: [Vec<f64>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    let mut checks = (0, 0, 0);
    for _ in 0..rounds {
        let t = Instant::now();
        checks.0 = for_each_line(&big, |_| true);
        times[0].push(t.elapsed().as_secs_f64());

        let t = Instant::now();
        checks.1 = for_each_line(&big, |v| !has_errors(&validator.validate_shape(&shape, v)));
        times[1].push(t.elapsed().as_secs_f64());

        let t = Instant::now();
        let tally = match File::open(&big) {
            Ok(f) => stream::validate_reader(
                &validator,
                &shape,
                stream::Layout::JsonLines,
                BufReader::with_capacity(1 << 16, f),
                stream::DEFAULT_MAX_BYTES,
                &mut |_, _| {},
            ),
            Err(e) => return eprintln!("{e}"),
        };
        times[2].push(t.elapsed().as_secs_f64());
        match tally {
            Ok(t) => checks.2 = t.instances - t.invalid,
            Err(e) => return eprintln!("{e}"),
        }
    }
    println!(
        "valid lines: parse-only {} (all parsed), validate {}, stream {}",
        checks.0, checks.1, checks.2
    );
    let mbps = |ts: &mut Vec<f64>| {
        ts.sort_by(f64::total_cmp);
        let median = ts.get(ts.len() / 2).copied().unwrap_or(f64::NAN);
        bytes as f64 / 1e6 / median
    };
    let base = mbps(&mut times[0]);
    let labels = [
        "(a) serde_json parse only  ",
        "(b) parse + validate_shape ",
        "(c) stream::validate_reader",
    ];
    for (label, ts) in labels.iter().zip(times.iter_mut()) {
        let m = mbps(ts);
        let per_line_us = bytes as f64 / 1e6 / m / lines as f64 * 1e6;
        println!(
            "{label} median {m:8.1} MB/s  {per_line_us:6.2} µs/line  ratio to (a) {:.2}",
            m / base
        );
    }

    // Validation alone, on pre-parsed values (how jsonschema-rs measures): µs per instance.
    let mut sample = Vec::new();
    for_each_line(&big, |v| {
        if sample.len() < 2000 {
            sample.push(v.clone());
        }
        true
    });
    let mut per_instance = Vec::new();
    for _ in 0..rounds {
        let t = Instant::now();
        let mut problems = 0;
        for _ in 0..10 {
            for v in &sample {
                problems += validator.validate_shape(&shape, v).len();
            }
        }
        per_instance.push(t.elapsed().as_secs_f64() / (10 * sample.len().max(1)) as f64 * 1e6);
        std::hint::black_box(problems);
    }
    per_instance.sort_by(f64::total_cmp);
    println!(
        "(d) validate_shape alone, pre-parsed: median {:.2} µs/instance ({} instances x 10 per round)",
        per_instance
            .get(per_instance.len() / 2)
            .copied()
            .unwrap_or(f64::NAN),
        sample.len()
    );

    // Peak memory of the streaming engine alone, in a fresh process per file size.
    for path in [&small, &big] {
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        match std::env::current_exe().and_then(|exe| {
            std::process::Command::new(exe)
                .env(CHILD_ENV, path)
                .output()
        }) {
            Ok(out) => println!(
                "peak RSS of the streaming engine on {:.1} MB: {}",
                size as f64 / 1e6,
                String::from_utf8_lossy(&out.stdout).trim()
            ),
            Err(e) => println!("cannot run the child: {e}"),
        }
    }
}

/// Child mode: build the validator, stream the file, print VmHWM before and after.
fn child(path: &Path) {
    let ir = view();
    let Ok(validator) = Validator::new(&ir, Options::default()) else {
        return;
    };
    let shape = Shape::Ref {
        name: "InteractionData".into(),
        args: vec![],
    };
    let before = vm_hwm();
    let Ok(f) = File::open(path) else { return };
    let reader = BufReader::with_capacity(1 << 16, f);
    let tally = stream::validate_reader(
        &validator,
        &shape,
        stream::Layout::JsonLines,
        reader,
        stream::DEFAULT_MAX_BYTES,
        &mut |_, _| {},
    );
    let after = vm_hwm();
    println!(
        "{after} (before streaming: {before}; {} instances)",
        tally.map(|t| t.instances).unwrap_or(0)
    );
}

fn vm_hwm() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".into())
}

/// Reads the file line by line into a reused buffer and parses each line; `f` sees the value.
/// Returns how many lines `f` accepted.
fn for_each_line(path: &Path, mut f: impl FnMut(&Value) -> bool) -> usize {
    let Ok(file) = File::open(path) else { return 0 };
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let mut line = String::new();
    let mut accepted = 0;
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        if let Ok(v) = serde_json::from_str::<Value>(line.trim_end()) {
            accepted += usize::from(f(&v));
        }
    }
    accepted
}

/// A small deterministic generator (xorshift), so every run measures the same input.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs.get((self.next() % xs.len() as u64) as usize)
            .copied()
            .unwrap_or("")
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn hex(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from_digit((self.next() % 16) as u32, 16).unwrap_or('0'))
            .collect()
    }
}

const STATES: [&str; 9] = [
    "unknown",
    "queued",
    "ivr",
    "wrap_up",
    "wrap_up_hold",
    "delivered",
    "delivery_pending",
    "hold",
    "completed",
];
const KINDS: [&str; 5] = ["unknown", "direct_call", "outbound", "scenario", "chat"];
const ORIGINS: [&str; 4] = ["dialpad", "chat-center", "integration-api", "topbar"];
const TYPES: [&str; 3] = ["voice", "chat", "email"];
const SERVICES: [&str; 4] = ["Sales", "Support EMEA", "Billing", "Outbound Collections"];

/// One realistic InteractionData event.
fn interaction(r: &mut Rng, i: u64) -> Value {
    let ty = r.pick(&TYPES);
    let start = 1_700_000_000_000_u64 + i * 1_733 + r.next() % 1_000;
    let mut v = json!({
        "interactionId": format!("{}-{}", r.hex(8), r.hex(12)),
        "globalInteractionId": format!("{}{}", r.hex(16), r.hex(16)).to_uppercase(),
        "state": r.pick(&STATES),
        "type": ty,
        "subject": format!("Customer request #{i}"),
        "associatedObjects": {
            "list": [{
                "id": r.hex(10), "type": "contact", "displayName": "Ada Lovelace", "displayType": "Contact",
                "customFields": {}, "source": "crm"
            }],
            "selected": [],
        },
        "callParties": if ty == "voice" {
            json!([{"id": r.hex(6), "name": "Caller", "phone": "+14155550123"}])
        } else {
            json!([])
        },
        "chatParties": if ty == "chat" {
            json!([{"id": r.hex(6), "type": "external", "name": "Visitor"}, {"id": r.hex(6), "type": "internal", "name": "Lee Park", "userId": r.hex(8)}])
        } else {
            json!([])
        },
        "callMuted": r.chance(10),
        "callRecording": r.chance(60),
        "internal": r.chance(5),
        "interactionKind": r.pick(&KINDS),
        "origination": r.pick(&ORIGINS),
        "attachedData": { "crm_case": format!("CS{:07}", r.next() % 10_000_000), "language": "en", "priority": (r.next() % 5).to_string() },
        "phoneNumber": "+14155550123",
        "email": "customer@example.com",
        "callDirection": if r.chance(50) { "inbound" } else { "outbound" },
        "startTime": start,
        "endTime": start + 60_000 + r.next() % 600_000,
        "duration": 60 + r.next() % 600,
        "description": "The customer asked about the invoice of last month and a refund.",
        "disposition": "Resolved",
        "service": r.pick(&SERVICES),
        "playbackUrl": format!("https://example.com/playback/{}", r.hex(24)),
        "recordingUrl": format!("https://example.com/recording/{}", r.hex(24)),
        "DNIS": "+18005550100",
        "ANI": "+14155550123",
    });
    if let Some(m) = v.as_object_mut() {
        if r.chance(10) {
            m.insert("agentId".into(), json!(format!("agent{}", r.next() % 500)));
        }
        if r.chance(1) {
            m.insert("state".into(), json!("fax"));
        }
    }
    v
}

/// Writes InteractionData lines until the file reaches `target` bytes.
fn generate(path: &Path, target: usize) -> std::io::Result<(usize, usize)> {
    let mut out = BufWriter::new(File::create(path)?);
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut bytes, mut lines) = (0, 0);
    while bytes < target {
        let line = interaction(&mut r, lines as u64).to_string();
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
        bytes += line.len() + 1;
        lines += 1;
    }
    out.flush()?;
    Ok((bytes, lines))
}

/// The canonical `latest` view, which holds InteractionData.
fn view() -> ir::Ir {
    match adcontract_schema::canonical().view("latest") {
        Ok(ir) => ir,
        Err(e) => panic!("the canonical contract has no latest view: {e}"),
    }
}
