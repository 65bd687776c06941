//! Speed and memory of `adcontract serve` (a benchmark, not a test): prints figures, and ratios
//! against a baseline measured in the same run. Nothing is asserted.
//!
//! - baseline: the reference model answering `getAgentState` in-process (one session, no
//!   transport);
//! - round trips over the WebSocket from Rust, from node and from a page in Chromium: calls per
//!   second, p50 and p99 latency;
//! - sessions held at once and the server's memory per session (its resident set, read from
//!   `/proc`, before and after opening them).
//!
//! The server runs in a child process (this binary, re-executed) so that its memory is its own.
//! Run: `cargo bench -p adcontract-serve --bench serve` (release build; Chromium and node parts
//! run when `/usr/bin/chromium` and `ts/node_modules` are there).

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use adcontract_conformance::contract::canonical_source;
use adcontract_schema::ir::ApiId;
use adcontract_serve::session::Session;
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::connect_async_with_config;
use tokio_tungstenite::tungstenite::Message;

const CHILD: &str = "ADCONTRACT_BENCH_SERVER";

fn main() {
    if std::env::var_os(CHILD).is_some() {
        std::process::exit(i32::from(adcontract_serve::run(adcontract_serve::Config {
            api_version: "latest".into(),
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            play: None,
            record_dir: None,
            source: canonical_source,
        })));
    }
    let base = baseline();
    println!(
        "baseline (model in-process): {:.0} calls/s, median {:.2} µs per call",
        1e6 / base,
        base
    );
    let (mut child, addr) = spawn_server();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("runtime: {e}"));
    let rust = rt.block_on(round_trips(addr, 5000));
    print_rt("Rust client (tokio-tungstenite)", &rust, base);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    match node(&root, addr) {
        Some(v) => print_rt("node client", &v, base),
        None => println!("node client: not run (node unavailable)"),
    }
    match chromium(&root, addr) {
        Some(v) => print_rt("Chromium page (AdApi.getAgentState)", &v, base),
        None => println!("Chromium: not run (needs /usr/bin/chromium and ts/node_modules)"),
    }
    rt.block_on(sessions(addr, child.id()));
    let _ = child.kill();
    let _ = child.wait();
}

/// Median microseconds per in-process call over 20 batches of 1000.
fn baseline() -> f64 {
    let spec = canonical_source("latest").unwrap_or_else(|e| panic!("{e}"));
    let mut s = Session::new("b".into(), ApiId::Widget, spec, 0, None);
    let _ = s.fixture("login", &json!({}));
    let mut per = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        for _ in 0..1000 {
            let _ = s.call("getAgentState", &[]);
        }
        per.push(t.elapsed().as_secs_f64() * 1e6 / 1000.0);
    }
    per.sort_by(f64::total_cmp);
    per[per.len() / 2]
}

fn spawn_server() -> (Child, SocketAddr) {
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    let mut child = Command::new(exe)
        .env(CHILD, "1")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("server: {e}"));
    let stderr = child.stderr.take().unwrap_or_else(|| panic!("no stderr"));
    let mut lines = BufReader::new(stderr).lines();
    let addr = loop {
        let line = lines
            .next()
            .and_then(Result::ok)
            .unwrap_or_else(|| panic!("server ended before listening"));
        if let Some(a) = line.strip_prefix("listening on http://") {
            break a.parse().unwrap_or_else(|e| panic!("{a}: {e}"));
        }
    };
    // Keep draining the server's log so it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines.by_ref() {});
    (child, addr)
}

async fn handshake(
    addr: SocketAddr,
) -> tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>> {
    let (mut ws, _) = connect_async_with_config(format!("ws://{addr}/adcontract/ws"), None, true)
        .await
        .unwrap_or_else(|e| panic!("connect: {e}"));
    for (i, c) in [
        json!({"cmd": "start", "protocol": 1, "role": "provider"}),
        json!({"cmd": "reset", "api": "widget", "apiVersion": "latest"}),
        json!({"cmd": "fixture", "fixture": "login", "args": {}}),
    ]
    .into_iter()
    .enumerate()
    {
        let mut c = c;
        c["id"] = json!(i + 1);
        let _ = ws.send(Message::Text(c.to_string().into())).await;
        // The reply (and, for reset and login, the frames after it).
        let want = i as u64 + 1;
        loop {
            let Some(Ok(Message::Text(t))) = ws.next().await else {
                panic!("connection ended in the handshake")
            };
            let f: Value = serde_json::from_str(t.as_str()).unwrap_or_default();
            if f["cmd"] == "event" {
                let _ = ws
                    .send(Message::Text(json!({"id": f["id"]}).to_string().into()))
                    .await;
            } else if f["id"] == want {
                break;
            }
        }
    }
    ws
}

struct Rt {
    per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
}

async fn round_trips(addr: SocketAddr, n: usize) -> Rt {
    let mut ws = handshake(addr).await;
    // Drain the login's event frames.
    while let Ok(Some(Ok(Message::Text(t)))) =
        tokio::time::timeout(Duration::from_millis(200), ws.next()).await
    {
        let f: Value = serde_json::from_str(t.as_str()).unwrap_or_default();
        let _ = ws
            .send(Message::Text(json!({"id": f["id"]}).to_string().into()))
            .await;
    }
    let mut each = Vec::with_capacity(n);
    let t0 = Instant::now();
    for i in 0..n {
        let id = 100 + i;
        let s = Instant::now();
        let _ = ws
            .send(Message::Text(
                json!({"id": id, "cmd": "call", "method": "getAgentState", "args": []})
                    .to_string()
                    .into(),
            ))
            .await;
        loop {
            let Some(Ok(Message::Text(t))) = ws.next().await else {
                panic!("connection ended")
            };
            let f: Value = serde_json::from_str(t.as_str()).unwrap_or_default();
            if f["id"] == id && f.get("cmd").is_none() {
                break;
            }
        }
        each.push(s.elapsed().as_secs_f64() * 1e3);
    }
    let total = t0.elapsed().as_secs_f64();
    each.sort_by(f64::total_cmp);
    Rt {
        per_second: n as f64 / total,
        p50_ms: each[n / 2],
        p99_ms: each[n * 99 / 100],
    }
}

fn print_rt(what: &str, r: &Rt, base_us: f64) {
    println!(
        "{what}: {:.0} calls/s, p50 {:.3} ms, p99 {:.3} ms ({:.0}x the in-process call)",
        r.per_second,
        r.p50_ms,
        r.p99_ms,
        r.p50_ms * 1000.0 / base_us
    );
}

fn parse_rt(stdout: &[u8]) -> Option<Rt> {
    let text = String::from_utf8_lossy(stdout);
    let v: Value = serde_json::from_str(text.lines().last()?).ok()?;
    Some(Rt {
        per_second: v["perSecond"].as_f64()?,
        p50_ms: v["p50"].as_f64()?,
        p99_ms: v["p99"].as_f64()?,
    })
}

fn node(root: &Path, addr: SocketAddr) -> Option<Rt> {
    let o = Command::new("node")
        .arg("--experimental-websocket")
        .arg(root.join("serve/benches/node_client.mjs"))
        .arg(format!("ws://{addr}"))
        .arg("5000")
        .stderr(Stdio::null())
        .output()
        .ok()?;
    parse_rt(&o.stdout)
}

fn chromium(root: &Path, addr: SocketAddr) -> Option<Rt> {
    if !Path::new("/usr/bin/chromium").exists()
        || !root.join("ts/node_modules/playwright-core").exists()
    {
        return None;
    }
    let out = tempfile::tempdir().ok()?;
    let o = Command::new("node")
        .arg(root.join("serve/tests/it/chromium.mjs"))
        .arg("-")
        .arg("bench")
        .arg(out.path())
        .env("ADCONTRACT_SERVE_URL", format!("http://{addr}"))
        .stderr(Stdio::null())
        .output()
        .ok()?;
    parse_rt(&o.stdout)
}

fn rss_kib(pid: u32) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    s.lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

async fn sessions(addr: SocketAddr, pid: u32) {
    let before = rss_kib(pid);
    let n = 1000;
    let t = Instant::now();
    let mut held = Vec::with_capacity(n);
    for _ in 0..n {
        held.push(handshake(addr).await);
    }
    let opened = t.elapsed();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let after = rss_kib(pid);
    match (before, after) {
        (Some(b), Some(a)) => println!(
            "sessions: {n} held at once (logged in), opened in {:.2} s; server RSS {b} KiB -> {a} KiB, {:.1} KiB per session",
            opened.as_secs_f64(),
            a.saturating_sub(b) as f64 / n as f64
        ),
        _ => println!("sessions: {n} held at once; memory not measured (no /proc)"),
    }
    drop(held);
}
