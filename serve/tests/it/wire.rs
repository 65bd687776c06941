//! The server in-process, spoken to over real WebSockets and HTTP: the protocol, the control
//! endpoints, `--play`, `--record-dir`, and bad input of every kind.

use std::io::{Read, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use adcontract_serve::{Config, Server};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async};

type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

async fn start(play: Option<PathBuf>, record_dir: Option<PathBuf>) -> Server {
    let config = Config {
        api_version: "latest".into(),
        listen: SocketAddr::from(([127, 0, 0, 1], 0)),
        play,
        record_dir,
        source: adcontract_conformance::contract::canonical_source,
    };
    match Server::start(config).await {
        Ok(s) => s,
        Err(e) => panic!("server: {e}"),
    }
}

/// A minimal HTTP/1.1 client for the control endpoints (test-only; `Connection: close`).
fn http(addr: SocketAddr, method: &str, path: &str, body: &str) -> (u16, String) {
    let mut s = std::net::TcpStream::connect(addr).unwrap_or_else(|e| panic!("connect: {e}"));
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes())
        .unwrap_or_else(|e| panic!("write: {e}"));
    let mut out = String::new();
    s.read_to_string(&mut out)
        .unwrap_or_else(|e| panic!("read: {e}"));
    let status = out
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = out.split("\r\n\r\n").nth(1).unwrap_or_default().to_string();
    // Chunked bodies (axum's JSON) come as `len\r\ndata\r\n0\r\n\r\n`.
    let body = if out
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(&body)
    } else {
        body
    };
    (status, body)
}

fn dechunk(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some((len, tail)) = rest.split_once("\r\n") {
        let n = usize::from_str_radix(len.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(tail.get(..n).unwrap_or(tail));
        rest = tail.get(n + 2..).unwrap_or("");
    }
    out
}

async fn connect(addr: SocketAddr) -> Ws {
    match connect_async(format!("ws://{addr}/adcontract/ws")).await {
        Ok((ws, _)) => ws,
        Err(e) => panic!("ws connect: {e}"),
    }
}

async fn send(ws: &mut Ws, v: Value) {
    use futures_util::SinkExt;
    ws.send(Message::Text(v.to_string().into()))
        .await
        .unwrap_or_else(|e| panic!("ws send: {e}"));
}

async fn recv(ws: &mut Ws) -> Value {
    use futures_util::StreamExt;
    loop {
        let m = tokio::time::timeout(Duration::from_secs(10), ws.next())
            .await
            .unwrap_or_else(|_| panic!("no frame in 10 s"));
        match m {
            Some(Ok(Message::Text(t))) => {
                return serde_json::from_str(t.as_str()).unwrap_or_else(|e| panic!("{e}: {t}"));
            }
            Some(Ok(_)) => {}
            other => panic!("connection ended: {other:?}"),
        }
    }
}

/// `start` + `reset`; returns the session id.
async fn handshake(ws: &mut Ws, api: &str) -> String {
    send(
        ws,
        json!({"id": 1, "cmd": "start", "protocol": 1, "role": "provider"}),
    )
    .await;
    let hello = recv(ws).await;
    assert_eq!(hello["ok"], true, "{hello}");
    assert_eq!(hello["implementation"]["name"], "adcontract-serve");
    send(
        ws,
        json!({"id": 2, "cmd": "reset", "api": api, "apiVersion": "latest"}),
    )
    .await;
    assert_eq!(recv(ws).await, json!({"id": 2, "ok": true}));
    let s = recv(ws).await;
    s["session"]
        .as_str()
        .unwrap_or_else(|| panic!("{s}"))
        .to_string()
}

/// A call's reply, with the event frames that follow it (answering each without a response).
async fn call(ws: &mut Ws, id: u64, method: &str, args: Value) -> (Value, Vec<Value>) {
    send(
        ws,
        json!({"id": id, "cmd": "call", "method": method, "args": args}),
    )
    .await;
    let reply = recv(ws).await;
    assert_eq!(reply["id"], id, "{reply}");
    let n = reply["events"].as_array().map_or(0, Vec::len);
    let mut events = Vec::new();
    for _ in 0..n {
        let e = recv(ws).await;
        send(ws, json!({"id": e["id"]})).await;
        events.push(e);
    }
    (reply, events)
}

fn fixture(addr: SocketAddr, sid: &str, body: Value) -> (u16, Value) {
    let (code, text) = http(
        addr,
        "POST",
        &format!("/control/sessions/{sid}/fixture"),
        &body.to_string(),
    );
    (
        code,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_results_and_events_travel_as_protocol_messages() {
    let server = start(None, None).await;
    let addr = server.addr;
    let mut ws = connect(addr).await;
    let sid = handshake(&mut ws, "widget").await;
    let (code, list) =
        tokio::task::spawn_blocking(move || http(addr, "GET", "/control/sessions", ""))
            .await
            .unwrap_or_default();
    assert_eq!(code, 200);
    let list: Value = serde_json::from_str(&list).unwrap_or_default();
    assert_eq!(list[0]["id"], sid.as_str());
    assert_eq!(list[0]["api"], "widget");
    assert_eq!(list[0]["apiVersion"], "latest");
    assert!(
        list[0]["connectedAt"]
            .as_str()
            .unwrap_or_default()
            .ends_with('Z')
    );

    let s2 = sid.clone();
    let (code, body) = tokio::task::spawn_blocking(move || {
        fixture(addr, &s2, json!({"fixture": "login", "args": {}}))
    })
    .await
    .unwrap_or_default();
    assert_eq!(code, 200, "{body}");
    let names: Vec<&str> = body["events"]
        .as_array()
        .map(|a| a.iter().filter_map(|e| e["event"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(names, ["ON_LOGIN", "ON_AGENT_STATE_CHANGE"]);
    // The same events reach the page as event frames.
    let e1 = recv(&mut ws).await;
    assert_eq!(e1["cmd"], "event");
    assert_eq!(e1["event"], "ON_LOGIN");
    send(&mut ws, json!({"id": e1["id"]})).await;
    let e2 = recv(&mut ws).await;
    assert_eq!(e2["args"], json!(["ready"]));
    send(&mut ws, json!({"id": e2["id"]})).await;

    let (reply, _) = call(&mut ws, 3, "getAgentState", json!([])).await;
    assert_eq!(reply["result"]["status"], "success", "{reply}");
    assert_eq!(reply["result"]["data"]["state"], "ready");

    let (code, rec) = tokio::task::spawn_blocking(move || {
        http(
            addr,
            "GET",
            &format!("/control/sessions/{sid}/recording"),
            "",
        )
    })
    .await
    .unwrap_or_default();
    assert_eq!(code, 200);
    let (rec, errors) = adcontract_conformance::wire::recording::parse(&rec);
    assert!(errors.is_empty(), "{errors:?}");
    let kinds: Vec<String> = rec
        .map(|r| {
            r.entries
                .iter()
                .map(|e| {
                    serde_json::to_value(&e.body).unwrap_or_default()["kind"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string()
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(kinds, ["fixture", "event", "event", "call", "result"]);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_gets_an_answer_and_never_stops_the_server() {
    let server = start(None, None).await;
    let addr = server.addr;
    let mut other = connect(addr).await;
    let other_sid = handshake(&mut other, "widget").await;
    let mut ws = connect(addr).await;
    // Before the handshake.
    send(
        &mut ws,
        json!({"id": 5, "cmd": "call", "method": "getAgentState", "args": []}),
    )
    .await;
    assert!(
        recv(&mut ws).await["error"]
            .as_str()
            .unwrap_or_default()
            .contains("start and reset")
    );
    let sid = handshake(&mut ws, "widget").await;
    // Not JSON; a binary frame; not a request; a command a page never sends.
    ws_send_raw(&mut ws, Message::Text("{not json".into())).await;
    assert!(
        recv(&mut ws).await["error"]
            .as_str()
            .unwrap_or_default()
            .starts_with("not JSON")
    );
    ws_send_raw(&mut ws, Message::Binary(vec![0xff, 0x00].into())).await;
    assert!(
        recv(&mut ws).await["error"]
            .as_str()
            .unwrap_or_default()
            .contains("binary")
    );
    send(&mut ws, json!({"id": 6, "cmd": "dance"})).await;
    assert!(
        recv(&mut ws).await["error"]
            .as_str()
            .unwrap_or_default()
            .contains("not a protocol request")
    );
    send(&mut ws, json!({"id": 7, "cmd": "view"})).await;
    assert!(
        recv(&mut ws).await["error"]
            .as_str()
            .unwrap_or_default()
            .contains("`view`")
    );
    send(
        &mut ws,
        json!({"id": 8, "cmd": "call", "method": 12, "args": "x"}),
    )
    .await;
    assert_eq!(recv(&mut ws).await["id"], 8);
    // Unknown methods and wrong argument types get the desktop's OperationResult errors.
    let (r, _) = call(&mut ws, 9, "makeCoffee", json!([])).await;
    assert_eq!(
        r["result"]["error"],
        json!({"code": 14, "name": "api_method_not_implemented", "message": "api method not implemented"})
    );
    let (r, _) = call(&mut ws, 10, "setAgentState", json!([42])).await;
    assert_eq!(r["result"]["error"]["code"], 3, "{r}");
    let s = sid.clone();
    let v = tokio::task::spawn_blocking(move || {
        http(
            addr,
            "GET",
            &format!("/control/sessions/{s}/violations"),
            "",
        )
        .1
    })
    .await
    .unwrap_or_default();
    assert!(
        v.contains("\"rule\":\"AD-PAYLOAD-VALID\"")
            && v.contains("setAgentState: argument 1 (state)"),
        "{v}"
    );
    // A reply to an event frame that was never sent is ignored (one log line).
    send(&mut ws, json!({"id": 999, "response": 1})).await;
    let (r, _) = call(&mut ws, 11, "getLoginState", json!([])).await;
    assert_eq!(r["result"]["status"], "success");
    // A frame beyond the bound closes that connection only.
    let big = "x".repeat(adcontract_serve::limits::MAX_FRAME_BYTES + 10);
    ws_send_raw(&mut ws, Message::Text(big.into())).await;
    // Disconnect in the middle of a call.
    let mut mid = connect(addr).await;
    handshake(&mut mid, "embedded").await;
    send(
        &mut mid,
        json!({"id": 3, "cmd": "call", "method": "getState", "args": []}),
    )
    .await;
    drop(mid);
    // The other session carries on, untouched by all of it.
    let (r, _) = call(&mut other, 3, "getLoginState", json!([])).await;
    assert_eq!(r["result"]["data"]["isLoggedIn"], false, "{r}");
    let list = tokio::task::spawn_blocking(move || http(addr, "GET", "/control/sessions", "").1)
        .await
        .unwrap_or_default();
    assert!(list.contains(&other_sid), "{list}");
    server.stop().await;
}

async fn ws_send_raw(ws: &mut Ws, m: Message) {
    use futures_util::SinkExt;
    let _ = ws.send(m).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_reconnects_leave_no_session_behind() {
    let server = start(None, None).await;
    let addr = server.addr;
    for i in 0..1000 {
        let mut ws = connect(addr).await;
        if i % 2 == 0 {
            handshake(&mut ws, if i % 4 == 0 { "widget" } else { "embedded" }).await;
        }
        drop(ws);
    }
    // Sessions end when their page goes; give the server a moment to see the last closes.
    let mut left = String::new();
    for _ in 0..100 {
        left = tokio::task::spawn_blocking(move || http(addr, "GET", "/control/sessions", "").1)
            .await
            .unwrap_or_default();
        if left == "[]" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(left, "[]");
    let mut ws = connect(addr).await;
    handshake(&mut ws, "widget").await;
    let (r, _) = call(&mut ws, 3, "getLoginState", json!([])).await;
    assert_eq!(r["result"]["status"], "success");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_are_isolated() {
    let server = start(None, None).await;
    let addr = server.addr;
    let mut a = connect(addr).await;
    let sa = handshake(&mut a, "widget").await;
    let mut b = connect(addr).await;
    let sb = handshake(&mut b, "widget").await;
    assert_ne!(sa, sb);
    let s = sa.clone();
    tokio::task::spawn_blocking(move || fixture(addr, &s, json!({"fixture": "login"})))
        .await
        .unwrap_or_default();
    let (r, _) = call(&mut b, 3, "getLoginState", json!([])).await;
    assert_eq!(
        r["result"]["data"]["isLoggedIn"], false,
        "b must not see a's login: {r}"
    );
    let (code, body) =
        tokio::task::spawn_blocking(move || fixture(addr, "s-999", json!({"fixture": "login"})))
            .await
            .unwrap_or_default();
    assert_eq!(code, 404, "{body}");
    let (code, body) = tokio::task::spawn_blocking(move || {
        fixture(addr, &sb, json!({"fixture": "offer", "args": {}}))
    })
    .await
    .unwrap_or_default();
    assert_eq!(code, 400);
    assert!(
        body["error"]
            .as_str()
            .unwrap_or_default()
            .contains("not logged in"),
        "{body}"
    );
    server.stop().await;
}

const PLAYED: &str = r#"{"format":"adcontract-recording","version":1,"api":"widget","apiVersion":"latest","title":"played","origin":{"kind":"hand-written"}}
{"seq":1,"t":0,"kind":"fixture","fixture":"login","args":{}}
{"seq":2,"t":0,"kind":"event","event":"ON_LOGIN","args":[{"isLoggedIn":true,"agentId":"agent.one","username":"agent.one"}],"re":1}
{"seq":3,"t":0,"kind":"call","method":"getAgentState","args":[]}
{"seq":4,"t":0,"kind":"result","re":3,"method":"getAgentState","result":{"status":"success","data":{"state":"busy","reservedForIncomingInteraction":false}}}
{"seq":5,"t":0,"kind":"call","method":"setAgentState","args":["ready"]}
{"seq":6,"t":0,"kind":"result","re":5,"method":"setAgentState","result":{"status":"success","data":null}}
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn play_answers_as_the_recording_says_and_names_the_expected_step() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("played.jsonl");
    std::fs::write(&file, PLAYED).unwrap_or_else(|e| panic!("{e}"));
    let server = start(Some(file), None).await;
    let mut ws = connect(server.addr).await;
    handshake(&mut ws, "widget").await;
    let e = recv(&mut ws).await;
    assert_eq!(
        e["event"], "ON_LOGIN",
        "the recording's scene plays first: {e}"
    );
    send(&mut ws, json!({"id": e["id"]})).await;
    // The recorded answer, not the model's (which would say "ready").
    let (r, _) = call(&mut ws, 3, "getAgentState", json!([])).await;
    assert_eq!(r["result"]["data"]["state"], "busy", "{r}");
    send(
        &mut ws,
        json!({"id": 4, "cmd": "call", "method": "setAgentState", "args": ["not_ready", "Lunch"]}),
    )
    .await;
    let r = recv(&mut ws).await;
    let err = r["error"].as_str().unwrap_or_default();
    assert!(err.contains("expects step 5, setAgentState"), "{err}");
    assert!(
        err.contains("-    \"ready\"") && err.contains("+    \"not_ready\""),
        "{err}"
    );
    // Fixtures are the recording's to set.
    let mut ws2 = connect(server.addr).await;
    let sid = handshake(&mut ws2, "widget").await;
    let addr = server.addr;
    let (code, body) =
        tokio::task::spawn_blocking(move || fixture(addr, &sid, json!({"fixture": "login"})))
            .await
            .unwrap_or_default();
    assert_eq!(code, 400);
    assert!(
        body["error"]
            .as_str()
            .unwrap_or_default()
            .contains("--play"),
        "{body}"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recordings_are_posted_checked_and_saved_and_sessions_saved_at_the_end() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let server = start(None, Some(dir.path().to_path_buf())).await;
    let addr = server.addr;
    let (code, body) =
        tokio::task::spawn_blocking(move || http(addr, "POST", "/control/recordings", PLAYED))
            .await
            .unwrap_or_default();
    assert_eq!(code, 200, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap_or_default();
    let path = PathBuf::from(v["path"].as_str().unwrap_or_default());
    assert!(path.starts_with(dir.path()), "{path:?}");
    assert_eq!(std::fs::read_to_string(&path).unwrap_or_default(), PLAYED);
    let bad = PLAYED.replace("\"seq\":4", "\"seq\":2");
    let (code, body) =
        tokio::task::spawn_blocking(move || http(addr, "POST", "/control/recordings", &bad))
            .await
            .unwrap_or_default();
    assert_eq!(code, 400, "{body}");
    assert!(
        body.contains("not a valid recording") && body.contains("line 5"),
        "{body}"
    );
    let (code, _) =
        tokio::task::spawn_blocking(move || http(addr, "POST", "/control/recordings", "hello"))
            .await
            .unwrap_or_default();
    assert_eq!(code, 400);
    // A session is saved when its page goes.
    let mut ws = connect(addr).await;
    let sid = handshake(&mut ws, "embedded").await;
    drop(ws);
    let mut saved = None;
    for _ in 0..100 {
        saved = std::fs::read_dir(dir.path())
            .ok()
            .and_then(|d| {
                d.filter_map(|e| e.ok()).find(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .starts_with(&format!("session-{sid}-"))
                })
            })
            .map(|e| e.path());
        if saved.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let saved = saved.unwrap_or_else(|| panic!("session {sid} not saved"));
    let (rec, errors) = adcontract_conformance::wire::recording::read(&saved);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(rec.map(|r| r.header.api), Some("embedded".to_string()));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_record_dir_posted_recordings_are_refused_with_a_hint() {
    let server = start(None, None).await;
    let addr = server.addr;
    let (code, body) =
        tokio::task::spawn_blocking(move || http(addr, "POST", "/control/recordings", PLAYED))
            .await
            .unwrap_or_default();
    assert_eq!(code, 409);
    assert!(body.contains("--record-dir"), "{body}");
    server.stop().await;
}

/// Every view's SDKs and the panel are scripts a browser parses (`node --check` on each).
#[test]
fn every_view_gets_sdks_that_parse() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for version in ["5.19", "5.24", "latest"] {
        let spec = adcontract_conformance::contract::canonical_source(version)
            .unwrap_or_else(|e| panic!("{e}"));
        for api in [
            adcontract_schema::ir::ApiId::Widget,
            adcontract_schema::ir::ApiId::Embedded,
        ] {
            let js = adcontract_codegen::browser::sdk::sdk(spec.ir, api, "ws://127.0.0.1:1")
                .unwrap_or_else(|| panic!("{version} has no {api:?} API"));
            let file = dir.path().join(format!("{version}-{api:?}.js"));
            std::fs::write(&file, js).unwrap_or_else(|e| panic!("{e}"));
            let o = std::process::Command::new("node")
                .arg("--check")
                .arg(&file)
                .output()
                .unwrap_or_else(|e| panic!("node: {e}"));
            assert!(
                o.status.success(),
                "{version} {api:?}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
    }
    let panel = adcontract_codegen::browser::panel::panel("ws://127.0.0.1:1");
    let script = panel
        .split("<script>")
        .nth(1)
        .and_then(|s| s.split("</script>").next())
        .unwrap_or_default();
    let file = dir.path().join("panel.js");
    std::fs::write(&file, script).unwrap_or_else(|e| panic!("{e}"));
    let o = std::process::Command::new("node")
        .arg("--check")
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("node: {e}"));
    assert!(
        o.status.success(),
        "panel: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}
