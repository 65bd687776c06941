//! The HTTP surface: the vendor's script paths, the panel and repeater pages, the two
//! WebSockets (the page's SDK, the panel) and the control endpoints for tests.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use adcontract_conformance::contract::SpecSource;
use adcontract_conformance::contract::parse_api;
use adcontract_conformance::wire::protocol::{
    ApiSupport, Command, Implementation, PROTOCOL_VERSION, Reply, Request, Role,
};
use adcontract_conformance::wire::recording::{self, Recording};
use axum::Router;
use axum::body::Bytes;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};
use tokio::sync::{mpsc, watch};

use crate::limits;
use crate::live::{Live, Outbox, send};
use crate::play::Player;
use crate::session::Session;

/// What every handler shares.
#[derive(Debug)]
pub struct App {
    pub source: SpecSource,
    pub default_version: String,
    pub scripts: Scripts,
    pub sessions: Mutex<BTreeMap<String, Arc<Live>>>,
    next_session: AtomicU64,
    pub play: Option<Recording>,
    pub record_dir: Option<PathBuf>,
    next_file: AtomicU64,
    /// Flips to `true` when the server stops: every WebSocket loop ends.
    pub stopping: watch::Receiver<bool>,
}

/// The page-side files, generated once at start for this server's address.
#[derive(Debug, Clone)]
pub struct Scripts {
    pub widget: String,
    pub embedded: String,
    pub panel: String,
}

impl App {
    pub fn new(
        source: SpecSource,
        default_version: String,
        scripts: Scripts,
        play: Option<Recording>,
        record_dir: Option<PathBuf>,
        stopping: watch::Receiver<bool>,
    ) -> App {
        App {
            source,
            default_version,
            scripts,
            sessions: Mutex::new(BTreeMap::new()),
            next_session: AtomicU64::new(1),
            play,
            record_dir,
            next_file: AtomicU64::new(1),
            stopping,
        }
    }

    fn sessions(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, Arc<Live>>> {
        self.sessions.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn find(&self, id: &str) -> Option<Arc<Live>> {
        self.sessions().get(id).cloned()
    }

    /// A new session for a page's `reset`.
    fn open(&self, api: &str, version: &str, sdk: Outbox) -> Result<Arc<Live>, String> {
        let id = parse_api(api).ok_or_else(|| {
            format!("unknown api {api:?}; hint: widget (API A) or embedded (API B)")
        })?;
        let spec = (self.source)(version).map_err(|e| e.to_string())?;
        if spec.api(id).is_none() {
            return Err(format!("version {version} has no {api} API"));
        }
        let player = match &self.play {
            Some(rec) if rec.header.api != api => {
                return Err(format!(
                    "this server plays a recording of the {} API, not {api}",
                    rec.header.api
                ));
            }
            Some(rec) => Some(Player::new(rec.clone())),
            None => None,
        };
        let mut sessions = self.sessions();
        if sessions.len() >= limits::MAX_SESSIONS {
            return Err(format!(
                "too many sessions ({}); close a page first",
                limits::MAX_SESSIONS
            ));
        }
        let n = self.next_session.fetch_add(1, Ordering::Relaxed);
        let sid = format!("s-{n}");
        let session = Session::new(sid.clone(), id, spec, crate::time::now_ms(), player);
        let live = Live::new(session, Some(sdk));
        sessions.insert(sid, Arc::clone(&live));
        Ok(live)
    }

    /// The session's page left: it is saved (with `--record-dir`) and forgotten.
    pub fn close(&self, id: &str) {
        let Some(live) = self.sessions().remove(id) else {
            return;
        };
        let rec = {
            let mut g = live.lock();
            g.left();
            g.panels_update();
            g.session.recording()
        };
        if let Some(dir) = &self.record_dir {
            match self.save(dir, &format!("session-{id}"), &rec.to_jsonl()) {
                Ok(p) => eprintln!("adcontract serve: session {id} saved to {}", p.display()),
                Err(e) => eprintln!("adcontract serve: session {id} could not be saved: {e}"),
            }
        }
    }

    /// Writes a recording into `dir` under a generated name (never one the caller chose).
    fn save(&self, dir: &std::path::Path, stem: &str, text: &str) -> std::io::Result<PathBuf> {
        std::fs::create_dir_all(dir)?;
        let n = self.next_file.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!("{stem}-{}-{n}.jsonl", crate::time::now_ms()));
        std::fs::write(&path, text)?;
        Ok(path)
    }

    /// Every live session is saved (the server is stopping).
    pub fn close_all(&self) {
        let ids: Vec<String> = self.sessions().keys().cloned().collect();
        for id in ids {
            self.close(&id);
        }
    }
}

/// The router.
pub fn router(app: Arc<App>) -> Router {
    let widget = get(|State(app): State<Arc<App>>| async move { js(app.scripts.widget.clone()) });
    let embedded =
        get(|State(app): State<Arc<App>>| async move { js(app.scripts.embedded.clone()) });
    let panel = get(|State(app): State<Arc<App>>| async move { html(app.scripts.panel.clone()) });
    Router::new()
        .route("/agent/communicator/adapters/api.js", widget.clone())
        .route("/agent/crmembedded/adapters/api.js", widget)
        .route(
            "/agentdesktop/libs/servicepattern-sdk-v1.js",
            embedded.clone(),
        )
        .route("/agentdesktop/app/lib/servicepattern-sdk-v1.js", embedded)
        .route("/agentdesktop/UniversalRepeater.jsp", panel.clone())
        .route("/adcontract/panel", panel)
        .route("/adcontract/ws", get(sdk_ws))
        .route("/adcontract/panel-ws", get(panel_ws))
        .route("/control/sessions", get(list_sessions))
        .route(
            "/control/sessions/{id}/fixture",
            post(fixture).layer(DefaultBodyLimit::max(limits::MAX_FRAME_BYTES)),
        )
        .route("/control/sessions/{id}/recording", get(session_recording))
        .route("/control/sessions/{id}/violations", get(session_violations))
        .route(
            "/control/recordings",
            post(post_recording).layer(DefaultBodyLimit::max(limits::MAX_RECORDING_BYTES)),
        )
        .with_state(app)
}

fn js(body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            // The vendor script is loaded from any integrator's page.
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        ],
        body,
    )
        .into_response()
}

fn html(body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

fn problem(status: StatusCode, message: String) -> Response {
    (
        status,
        [(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")],
        axum::Json(json!({ "error": message })),
    )
        .into_response()
}

fn ok_json(v: Value) -> Response {
    ([(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")], axum::Json(v)).into_response()
}

// ----- WebSockets ---------------------------------------------------------------------------

async fn sdk_ws(State(app): State<Arc<App>>, ws: WebSocketUpgrade) -> Response {
    ws.max_message_size(limits::MAX_FRAME_BYTES)
        .max_frame_size(limits::MAX_FRAME_BYTES)
        .on_upgrade(move |socket| sdk_loop(app, socket))
}

/// A page's connection: what it has said so far.
#[derive(Debug, Default)]
struct Page {
    started: bool,
    live: Option<Arc<Live>>,
}

impl Page {
    fn label(&self) -> String {
        match &self.live {
            Some(l) => format!("session {}", l.lock().session.id),
            None => "a page".into(),
        }
    }
}

async fn sdk_loop(app: Arc<App>, mut socket: WebSocket) {
    let (tx, mut rx) = mpsc::channel::<String>(limits::MAX_QUEUED_FRAMES);
    let mut page = Page::default();
    let mut stopping = app.stopping.clone();
    loop {
        tokio::select! {
            msg = socket.recv() => match msg {
                Some(Ok(Message::Text(t))) => on_page_frame(&app, &mut page, &tx, t.as_str()),
                Some(Ok(Message::Binary(_))) => {
                    eprintln!("adcontract serve: {}: a binary frame (the protocol is JSON text); ignored", page.label());
                    send(&tx, "", error_reply(0, "binary frames are not part of the protocol; send JSON text".into()));
                }
                Some(Ok(Message::Close(_))) | None => break,
                Some(Ok(_)) => {}
                Some(Err(e)) => {
                    eprintln!("adcontract serve: {}: connection error: {e}", page.label());
                    break;
                }
            },
            out = rx.recv() => match out {
                Some(text) => if socket.send(Message::Text(text.into())).await.is_err() { break },
                None => break,
            },
            _ = stopping.changed() => break,
        }
    }
    if let Some(live) = page.live {
        let id = live.lock().session.id.clone();
        app.close(&id);
    }
}

fn error_reply(id: u64, message: String) -> String {
    serde_json::to_string(&Reply {
        id,
        error: Some(message),
        ..Reply::default()
    })
    .unwrap_or_default()
}

fn reply_text(r: &Reply) -> String {
    serde_json::to_string(r).unwrap_or_default()
}

/// One frame from a page: a protocol request (`start`, `reset`, `call`, `fixture`, `answer`) or
/// the reply to an event frame. Anything else gets an `error` reply and one log line.
fn on_page_frame(app: &Arc<App>, page: &mut Page, tx: &Outbox, text: &str) {
    let v: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("adcontract serve: {}: malformed frame: {e}", page.label());
            send(tx, "", error_reply(0, format!("not JSON: {e}")));
            return;
        }
    };
    let id = v.get("id").and_then(Value::as_u64).unwrap_or(0);
    if v.get("cmd").is_none() {
        // The page's reply to an event frame.
        let Some(live) = &page.live else {
            send(
                tx,
                "",
                error_reply(id, "no session yet: send start and reset first".into()),
            );
            return;
        };
        let response = v.get("response");
        let mut g = live.lock();
        if let Err(e) = g.answered(id, response) {
            eprintln!("adcontract serve: session {}: {e}", g.session.id);
        }
        return;
    }
    let req: Request = match serde_json::from_value(v) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("adcontract serve: {}: malformed request: {e}", page.label());
            send(
                tx,
                "",
                error_reply(id, format!("not a protocol request: {e}")),
            );
            return;
        }
    };
    match req.command {
        Command::Start { protocol, role } => {
            let r = if protocol != PROTOCOL_VERSION {
                error_reply(
                    id,
                    format!(
                        "protocol {protocol} not supported; this server speaks {PROTOCOL_VERSION}"
                    ),
                )
            } else if role != Role::Provider {
                error_reply(
                    id,
                    "this server plays the provider (the desktop) only".into(),
                )
            } else {
                page.started = true;
                reply_text(&hello(id))
            };
            send(tx, "", r);
        }
        Command::Reset { api, api_version } => {
            if !page.started {
                send(tx, "", error_reply(id, "send start before reset".into()));
                return;
            }
            if page.live.is_some() {
                send(tx, "", error_reply(id, "this connection has its session; open a new connection for another desktop".into()));
                return;
            }
            match app.open(&api, &api_version, tx.clone()) {
                Ok(live) => {
                    let sid = live.lock().session.id.clone();
                    send(
                        tx,
                        &sid,
                        reply_text(&Reply {
                            id,
                            ok: Some(true),
                            ..Reply::default()
                        }),
                    );
                    send(tx, &sid, json!({ "session": sid }).to_string());
                    let scene = live.lock().session.scene();
                    live.deliver(&scene);
                    page.live = Some(live);
                }
                Err(e) => {
                    eprintln!("adcontract serve: a page's reset was refused: {e}");
                    send(tx, "", error_reply(id, e));
                }
            }
        }
        Command::Call { method, args } => {
            let Some(live) = page.live.clone() else {
                send(
                    tx,
                    "",
                    error_reply(id, "no session yet: send start and reset first".into()),
                );
                return;
            };
            let outcome = live.lock().session.call(&method, &args);
            match outcome {
                Ok((step, seen)) => {
                    let sid = live.lock().session.id.clone();
                    send(
                        tx,
                        &sid,
                        reply_text(&Reply {
                            id,
                            result: step.result.clone(),
                            events: Some(step.events.clone()),
                            ..Reply::default()
                        }),
                    );
                    {
                        let g = live.lock();
                        for v in &seen {
                            g.tell(v, false);
                        }
                    }
                    live.deliver(&step);
                    if app.play.is_some() {
                        let scene = live.lock().session.scene();
                        live.deliver(&scene);
                    }
                }
                Err(e) => {
                    eprintln!("adcontract serve: {}: {e}", page.label());
                    send(tx, "", error_reply(id, e));
                }
            }
        }
        Command::Fixture { fixture, args } => {
            let Some(live) = page.live.clone() else {
                send(
                    tx,
                    "",
                    error_reply(id, "no session yet: send start and reset first".into()),
                );
                return;
            };
            apply_fixture(&live, tx, id, &fixture, &args);
        }
        Command::Answer { .. } => {
            // Answers travel as replies to the event frames (so each names its event); an
            // `answer` request has nothing to pair with.
            send(tx, "", error_reply(id, "answer an event by replying to its event frame: {\"id\": <the event's id>, \"response\": …}".into()));
        }
        other => {
            let name = adcontract_conformance::wire::protocol::name(&other);
            eprintln!(
                "adcontract serve: {}: unexpected `{name}` request",
                page.label()
            );
            send(
                tx,
                "",
                error_reply(
                    id,
                    format!("`{name}` is not something a page sends to the desktop"),
                ),
            );
        }
    }
}

fn apply_fixture(live: &Arc<Live>, tx: &Outbox, id: u64, fixture: &str, args: &Value) {
    let r = live.lock().session.fixture(fixture, args);
    let sid = live.lock().session.id.clone();
    match r {
        Ok(step) => {
            send(
                tx,
                &sid,
                reply_text(&Reply {
                    id,
                    events: Some(step.events.clone()),
                    ..Reply::default()
                }),
            );
            live.deliver(&step);
        }
        Err(e) => send(tx, &sid, error_reply(id, e)),
    }
}

fn hello(id: u64) -> Reply {
    Reply {
        id,
        ok: Some(true),
        protocol: Some(PROTOCOL_VERSION),
        implementation: Some(Implementation {
            name: "adcontract-serve".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            language: Some("rust".into()),
            homepage: None,
        }),
        role: Some(Role::Provider),
        apis: Some(vec![
            ApiSupport {
                api: "widget".into(),
                versions: vec![],
            },
            ApiSupport {
                api: "embedded".into(),
                versions: vec![],
            },
        ]),
        capabilities: Some(vec!["fixtures".into()]),
        ..Reply::default()
    }
}

#[derive(Debug, serde::Deserialize)]
struct PanelQuery {
    session: String,
}

async fn panel_ws(
    State(app): State<Arc<App>>,
    Query(q): Query<PanelQuery>,
    ws: WebSocketUpgrade,
) -> Response {
    let Some(live) = app.find(&q.session) else {
        return problem(StatusCode::NOT_FOUND, format!("no session {:?}", q.session));
    };
    ws.max_message_size(limits::MAX_FRAME_BYTES)
        .on_upgrade(move |socket| panel_loop(app, live, socket))
}

async fn panel_loop(app: Arc<App>, live: Arc<Live>, mut socket: WebSocket) {
    let (tx, mut rx) = mpsc::channel::<String>(limits::MAX_QUEUED_FRAMES);
    {
        let mut g = live.lock();
        if g.panels.len() >= limits::MAX_PANELS {
            return;
        }
        g.panels.push(tx.clone());
        g.panels_update();
    }
    let mut stopping = app.stopping.clone();
    loop {
        tokio::select! {
            msg = socket.recv() => match msg {
                Some(Ok(Message::Text(t))) => {
                    match serde_json::from_str::<Request>(t.as_str()) {
                        Ok(Request { id, command: Command::Fixture { fixture, args } }) => apply_fixture(&live, &tx, id, &fixture, &args),
                        Ok(r) => send(&tx, "", error_reply(r.id, "a panel sends fixtures only".into())),
                        Err(e) => send(&tx, "", error_reply(0, format!("not a fixture request: {e}"))),
                    }
                }
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                Some(Ok(_)) => {}
            },
            out = rx.recv() => match out {
                Some(text) => if socket.send(Message::Text(text.into())).await.is_err() { break },
                None => break,
            },
            _ = stopping.changed() => break,
        }
    }
}

// ----- control ------------------------------------------------------------------------------

async fn list_sessions(State(app): State<Arc<App>>) -> Response {
    let lives: Vec<Arc<Live>> = app.sessions().values().cloned().collect();
    let mut rows: Vec<(u64, Value)> = lives
        .iter()
        .map(|l| {
            let g = l.lock();
            let n = g.session.id.trim_start_matches("s-").parse().unwrap_or(0);
            (n, g.session.summary())
        })
        .collect();
    rows.sort_by_key(|(n, _)| *n);
    ok_json(Value::Array(rows.into_iter().map(|(_, v)| v).collect()))
}

#[derive(Debug, serde::Deserialize)]
struct FixtureBody {
    fixture: String,
    #[serde(default)]
    args: Value,
}

async fn fixture(State(app): State<Arc<App>>, Path(id): Path<String>, body: Bytes) -> Response {
    let Some(live) = app.find(&id) else {
        return problem(StatusCode::NOT_FOUND, format!("no session {id:?}"));
    };
    let b: FixtureBody = match serde_json::from_slice(&body) {
        Ok(b) => b,
        Err(e) => {
            return problem(
                StatusCode::BAD_REQUEST,
                format!("expected {{\"fixture\": NAME, \"args\": {{…}}}}: {e}"),
            );
        }
    };
    let args = if b.args.is_null() { json!({}) } else { b.args };
    let r = live.lock().session.fixture(&b.fixture, &args);
    match r {
        Ok(step) => {
            live.deliver(&step);
            ok_json(json!({ "events": step.events }))
        }
        Err(e) => problem(StatusCode::BAD_REQUEST, e),
    }
}

async fn session_recording(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    let Some(live) = app.find(&id) else {
        return problem(StatusCode::NOT_FOUND, format!("no session {id:?}"));
    };
    let text = live.lock().session.recording().to_jsonl();
    (
        [
            (header::CONTENT_TYPE, "application/x-ndjson"),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        ],
        text,
    )
        .into_response()
}

async fn session_violations(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    let Some(live) = app.find(&id) else {
        return problem(StatusCode::NOT_FOUND, format!("no session {id:?}"));
    };
    let v = serde_json::to_value(&live.lock().session.violations).unwrap_or(Value::Null);
    ok_json(v)
}

/// `POST /control/recordings`: a finished recording (JSONL) from the page-side recorder.
async fn post_recording(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let Some(dir) = app.record_dir.clone() else {
        return problem(
            StatusCode::CONFLICT,
            "this server keeps no recordings; hint: start it with --record-dir DIR".into(),
        );
    };
    let (text, mut errors) = recording::utf8_lines(&body);
    let (rec, more) = recording::parse(&text);
    errors.extend(more);
    if rec.is_none() || !errors.is_empty() {
        let lines: Vec<String> = errors.iter().take(20).map(|e| e.to_string()).collect();
        return problem(
            StatusCode::BAD_REQUEST,
            format!("not a valid recording: {}", lines.join("; ")),
        );
    }
    match app.save(&dir, "recorded", &text) {
        Ok(p) => ok_json(json!({ "path": p.display().to_string() })),
        Err(e) => problem(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("could not save the recording: {e}"),
        ),
    }
}
