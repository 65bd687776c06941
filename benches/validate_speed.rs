//! `adcontract validate` against the anchors of issue 12, whole process, side by side.
//!
//! `cargo bench --bench validate_speed`. Generates a corpus like the issue's (InteractionData
//! of the 5.19 view, one valid instance per line with 1 to 3 call parties and varied ids,
//! states and times, about 780 bytes a line; 200,000 lines, about 156 MB), then times, in
//! interleaved rounds, each as its own process reading the file:
//!
//! - `adcontract validate` with the default `--jobs` (all cores), and with `--jobs 1`;
//! - jsonschema-rs (the `jsonschema` dev-dependency): this bench re-run as a child that parses
//!   each line with serde_json and validates it against the schema `adcontract schema` prints;
//! - ajv 8 under node: `JSON.parse` and a compiled 2020-12 validator of the same schema,
//!   installed from npm into a temporary folder by this bench.
//!
//! It prints the medians (seconds, MB/s) and the three ratios of the issue against their goals
//! (≥ 3× jsonschema-rs and ≥ 2.5× ajv on all cores, ≥ 1.5× jsonschema-rs on one), then the peak
//! RSS of `adcontract validate` on a 1 GB file (goal: under 64 MB). Each tool must find every
//! line valid, or its time means nothing and the bench says so.
//!
//! Environment: `BENCH_LINES` (default 200000), `BENCH_ROUNDS` (default 5), `BENCH_RSS_MB`
//! (size of the memory test file, default 1024; 0 skips it). Run without `--bench` (as by
//! `cargo test --benches`) it is a one-round smoke run on 2,000 lines without node or the 1 GB
//! file.

use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const CHILD_ENV: &str = "ADCONTRACT_BENCH_JSONSCHEMA";

/// Builds the command line of one measured tool, afresh for each run.
type MakeCommand<'a> = Box<dyn Fn() -> Command + 'a>;
const BIN: &str = env!("CARGO_BIN_EXE_adcontract");

fn main() {
    if let Ok(spec) = std::env::var(CHILD_ENV) {
        std::process::exit(jsonschema_child(&spec));
    }
    let full = std::env::args().any(|a| a == "--bench");
    let env_num = |k: &str, d: usize| {
        std::env::var(k)
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(d)
    };
    let lines = env_num("BENCH_LINES", if full { 200_000 } else { 2_000 });
    let rounds = env_num("BENCH_ROUNDS", if full { 5 } else { 1 }).max(1);
    let rss_mb = env_num("BENCH_RSS_MB", if full { 1024 } else { 0 });

    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => return eprintln!("cannot create a temporary directory: {e}"),
    };
    let corpus = dir.path().join("interactions.jsonl");
    let bytes = match generate(&corpus, lines) {
        Ok(b) => b,
        Err(e) => return eprintln!("cannot write the corpus: {e}"),
    };
    let schema = dir.path().join("schema.json");
    if let Err(e) = write_schema(&schema) {
        return eprintln!("cannot get the schema: {e}");
    }
    let ajv = if full {
        match install_ajv(dir.path(), &schema) {
            Ok(script) => Some(script),
            Err(e) => {
                println!("ajv: not measured ({e})");
                None
            }
        }
    } else {
        None
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "corpus: {lines} InteractionData lines (5.19 view), {:.1} MB, {} bytes/line; {rounds} rounds; {cores} cores; load: {}",
        bytes as f64 / 1e6,
        bytes / lines.max(1) as u64,
        load()
    );

    let file = path_str(&corpus);
    let validate = |jobs: Option<&str>| {
        let mut c = Command::new(BIN);
        c.args([
            "validate",
            "--type",
            "InteractionData",
            "--api-version",
            "5.19",
        ]);
        if let Some(j) = jobs {
            c.args(["--jobs", j]);
        }
        c.arg(&file);
        c
    };
    let exe = std::env::current_exe().unwrap_or_default();
    let jsonschema = || {
        let mut c = Command::new(&exe);
        c.env(CHILD_ENV, format!("{}\n{}", path_str(&schema), file));
        c
    };
    let mut tools: Vec<(&str, MakeCommand<'_>)> = vec![
        (
            "adcontract validate (all cores)",
            Box::new(move || validate(None)),
        ),
        (
            "adcontract validate --jobs 1",
            Box::new(move || validate(Some("1"))),
        ),
        (
            "jsonschema-rs 0.61 (serde_json + validator)",
            Box::new(jsonschema),
        ),
    ];
    if let Some(script) = &ajv {
        let (script, file) = (script.clone(), file.clone());
        let schema = path_str(&schema);
        tools.push((
            "ajv 8 (node, JSON.parse + compiled 2020-12)",
            Box::new(move || {
                let mut c = Command::new("node");
                c.args([script.as_str(), schema.as_str(), file.as_str()]);
                c
            }),
        ));
    }

    let mut times: Vec<Vec<f64>> = vec![Vec::new(); tools.len()];
    let mut cpu: Vec<Vec<f64>> = vec![Vec::new(); tools.len()];
    for _ in 0..rounds {
        for (i, (name, make)) in tools.iter().enumerate() {
            let cpu_before = children_cpu();
            let t = Instant::now();
            let out = make().stdin(Stdio::null()).output();
            let secs = t.elapsed().as_secs_f64();
            let cpu_secs = children_cpu() - cpu_before;
            match out {
                Ok(o) if o.status.success() => {
                    times[i].push(secs);
                    cpu[i].push(cpu_secs);
                }
                Ok(o) => {
                    println!(
                        "{name}: failed ({}): {}{}",
                        o.status,
                        String::from_utf8_lossy(&o.stdout)
                            .lines()
                            .take(3)
                            .collect::<Vec<_>>()
                            .join(" | "),
                        String::from_utf8_lossy(&o.stderr)
                            .lines()
                            .take(3)
                            .collect::<Vec<_>>()
                            .join(" | ")
                    );
                }
                Err(e) => println!("{name}: cannot run: {e}"),
            }
        }
    }
    let mb = bytes as f64 / 1e6;
    let medians: Vec<Option<f64>> = times.iter_mut().map(|t| median(t)).collect();
    for (((name, _), m), c) in tools.iter().zip(&medians).zip(cpu.iter_mut()) {
        match (m, median(c)) {
            (Some(s), Some(c)) => println!(
                "{name:46} median {s:7.3} s wall {:7.1} MB/s | {c:6.2} s CPU {:7.1} MB/CPU-s",
                mb / s,
                mb / c.max(1e-9)
            ),
            _ => println!("{name:46} no successful run"),
        }
    }
    let ratio = |a: usize, b: usize| match (medians.get(a), medians.get(b)) {
        (Some(Some(x)), Some(Some(y))) => Some(y / x),
        _ => None,
    };
    for (label, r, goal) in [
        ("all cores vs jsonschema-rs", ratio(0, 2), 3.0),
        ("all cores vs ajv          ", ratio(0, 3), 2.5),
        ("--jobs 1 vs jsonschema-rs ", ratio(1, 2), 1.5),
    ] {
        match r {
            Some(r) => println!(
                "ratio {label} {r:5.2}x  (goal >= {goal}x: {})",
                if r >= goal { "met" } else { "NOT met" }
            ),
            None => println!("ratio {label}   n/a  (goal >= {goal}x: not measured)"),
        }
    }
    println!("load after timing: {}", load());

    if rss_mb > 0 {
        let big = dir.path().join("big.jsonl");
        match repeat_to(&corpus, &big, (rss_mb as u64) << 20) {
            Ok(size) => {
                let mut c = Command::new(BIN);
                c.args([
                    "validate",
                    "--type",
                    "InteractionData",
                    "--api-version",
                    "5.19",
                ]);
                c.arg(path_str(&big));
                match peak_rss(c) {
                    Ok((kb, secs)) => println!(
                        "peak RSS of adcontract validate (all cores) on {:.2} GB: {:.1} MB in {secs:.2} s (goal: under 64 MB: {})",
                        size as f64 / 1e9,
                        kb as f64 / 1024.0,
                        if kb < 64 * 1024 { "met" } else { "NOT met" }
                    ),
                    Err(e) => println!("peak RSS: not measured ({e})"),
                }
            }
            Err(e) => println!("peak RSS: cannot write the file ({e})"),
        }
    }
}

fn path_str(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn median(ts: &mut [f64]) -> Option<f64> {
    ts.sort_by(f64::total_cmp);
    ts.get(ts.len() / 2).copied()
}

/// CPU seconds (user + system) of every child this process has waited for, from
/// `/proc/self/stat` (`cutime`, `cstime`, in clock ticks of 1/100 s). Wall time is what the
/// goals are about; CPU time says how much of it the tool itself spent on a shared machine.
fn children_cpu() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the `(comm)`, which may hold spaces: state is field 3, cutime 16, cstime 17.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let tick = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (tick(13) + tick(14)) / 100.0
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// The schema `adcontract schema --api-version 5.19` prints, with InteractionData at the root.
fn write_schema(path: &Path) -> Result<(), String> {
    let out = Command::new(BIN)
        .args(["schema", "--api-version", "5.19"])
        .output()
        .map_err(|e| e.to_string())?;
    let mut schema: Value = serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())?;
    if let Some(m) = schema.as_object_mut() {
        m.insert("$ref".into(), json!("#/$defs/InteractionData"));
    }
    std::fs::write(path, schema.to_string()).map_err(|e| e.to_string())
}

/// Child mode: validate every line of the file with jsonschema-rs; exit 0 if all are valid.
fn jsonschema_child(spec: &str) -> i32 {
    let Some((schema, file)) = spec.split_once('\n') else {
        return 2;
    };
    let Some(schema) = std::fs::read(schema)
        .ok()
        .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
    else {
        return 2;
    };
    let validator = match jsonschema::draft202012::new(&schema) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("{e}");
            return 2;
        }
    };
    let Ok(f) = std::fs::File::open(file) else {
        return 2;
    };
    let mut reader = BufReader::with_capacity(1 << 16, f);
    let mut line = Vec::new();
    let mut invalid = 0u64;
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        match serde_json::from_slice::<Value>(&line) {
            Ok(v) if validator.is_valid(&v) => {}
            _ => invalid += 1,
        }
    }
    if invalid > 0 {
        println!("{invalid} invalid lines");
        1
    } else {
        0
    }
}

/// Installs ajv 8 with npm into `dir` and writes the node script that validates a file.
fn install_ajv(dir: &Path, _schema: &Path) -> Result<String, String> {
    let npm = Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--silent", "--prefix"])
        .arg(dir)
        .arg("ajv@8")
        .output()
        .map_err(|e| format!("npm: {e}"))?;
    if !npm.status.success() {
        return Err(format!(
            "npm install ajv@8 failed: {}",
            String::from_utf8_lossy(&npm.stderr)
        ));
    }
    let script = dir.join("ajv-validate.js");
    std::fs::write(
        &script,
        r#"// Validates every line of a JSONL file (read in 1 MiB chunks) with ajv's 2020-12 validator.
const fs = require('fs');
const Ajv2020 = require('ajv/dist/2020').default;
const [schemaPath, file] = process.argv.slice(2);
const ajv = new Ajv2020({ strict: false, allErrors: false });
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
const fd = fs.openSync(file, 'r');
const buf = Buffer.alloc(1 << 20);
let carry = '';
let invalid = 0;
for (;;) {
  const n = fs.readSync(fd, buf, 0, buf.length, null);
  const text = carry + buf.toString('utf8', 0, n);
  const lines = text.split('\n');
  carry = n === 0 ? '' : lines.pop();
  for (const line of lines) {
    if (line.length === 0) continue;
    let ok = false;
    try { ok = validate(JSON.parse(line)); } catch (e) { ok = false; }
    if (!ok) invalid++;
  }
  if (n === 0) break;
}
if (invalid > 0) { console.log(`${invalid} invalid lines`); process.exit(1); }
"#,
    )
    .map_err(|e| e.to_string())?;
    Ok(path_str(&script))
}

/// Runs the command and samples its VmHWM (peak resident set) until it exits; returns the
/// largest value seen, in kB, and the run time. Memory is flat by design, so sampling every
/// 20 ms misses nothing that matters.
fn peak_rss(mut c: Command) -> Result<(u64, f64), String> {
    let t = Instant::now();
    let mut child = c
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(s) = std::fs::read_to_string(&status) {
            if let Some(kb) = s
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse::<u64>().ok())
            {
                peak = peak.max(kb);
            }
        }
        match child.try_wait() {
            Ok(Some(st)) if st.success() => return Ok((peak, t.elapsed().as_secs_f64())),
            Ok(Some(st)) => return Err(format!("adcontract exited with {st}")),
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(e.to_string()),
        }
    }
}

/// Writes `src` again and again until `target` bytes.
fn repeat_to(src: &Path, dst: &Path, target: u64) -> std::io::Result<u64> {
    let mut data = Vec::new();
    std::fs::File::open(src)?.read_to_end(&mut data)?;
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(dst)?);
    let mut written = 0;
    while written < target && !data.is_empty() {
        out.write_all(&data)?;
        written += data.len() as u64;
    }
    out.flush()?;
    Ok(written)
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
    fn hex(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from_digit((self.next() % 16) as u32, 16).unwrap_or('0'))
            .collect()
    }
    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from_digit((self.next() % 10) as u32, 10).unwrap_or('0'))
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
const ORIGINS: [&str; 5] = ["dialpad", "directory", "recent", "auto", "integration-api"];
const SERVICES: [&str; 4] = ["Sales", "Support EMEA", "Billing", "Outbound Collections"];
const NAMES: [&str; 5] = [
    "Ada Lovelace",
    "Grace Hopper",
    "Lee Park",
    "Caller",
    "Supervisor",
];

/// One full, valid 5.19 InteractionData: a voice interaction with 1 to 3 call parties.
fn interaction(r: &mut Rng, i: u64) -> Value {
    let start = 1_700_000_000_000_u64 + i * 1_733 + r.next() % 1_000;
    let parties: Vec<Value> = (0..1 + r.next() % 3)
        .map(|_| {
            json!({"id": r.hex(6), "name": r.pick(&NAMES), "phone": format!("+1415555{}", r.digits(4))})
        })
        .collect();
    json!({
        "interactionId": format!("{}-{}", r.hex(8), r.hex(12)),
        "globalInteractionId": r.hex(32).to_uppercase(),
        "state": r.pick(&STATES),
        "type": "voice",
        "callParties": parties,
        "callMuted": r.next() % 10 == 0,
        "callRecording": r.next() % 10 < 6,
        "attachedData": {"crm_case": format!("CS{}", r.digits(7)), "language": "en"},
        "phoneNumber": format!("+1415555{}", r.digits(4)),
        "email": "customer@example.com",
        "callDirection": if r.next() % 2 == 0 { "inbound" } else { "outbound" },
        "startTime": start,
        "endTime": start + 60_000 + r.next() % 600_000,
        "duration": 60 + r.next() % 600,
        "description": "The customer asked about last month's invoice.",
        "service": r.pick(&SERVICES),
        "origination": r.pick(&ORIGINS),
        "subject": format!("Customer request #{i}"),
        "associatedObjects": {
            "list": [{"id": r.hex(10), "type": "contact", "displayName": r.pick(&NAMES),
                      "displayType": "Contact", "customFields": {}, "source": "crm"}],
            "selected": if r.next() % 2 == 0 { Value::Null } else { json!(r.hex(10)) }
        }
    })
}

/// Writes `lines` instances; returns the file's size.
fn generate(path: &PathBuf, lines: usize) -> std::io::Result<u64> {
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let mut bytes = 0;
    for i in 0..lines {
        let line = interaction(&mut r, i as u64).to_string();
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
        bytes += line.len() as u64 + 1;
    }
    out.flush()?;
    Ok(bytes)
}
