//! # adcontract-serve
//!
//! `adcontract serve`: a fake Agent Desktop for web pages. It serves the page-side SDKs at the
//! vendor's script paths (so a page that loads `https://<tenant>/agent/communicator/adapters/api.js`
//! works unchanged when that URL is routed here), and each desktop a page opens is one session of
//! the reference model (`adcontract_conformance::reference::model`, the very model behind `adcontract
//! simulate`). Calls, results, events and event answers travel over a WebSocket as the harness
//! protocol's messages.
//!
//! ## Why a crate of its own
//! The server needs an async stack (tokio, axum with its WebSocket support, hyper). Library users
//! of `adcontract-schema` and `adcontract-codegen` must never compile it, and `conformance`
//! stays a synchronous library any harness can embed. So the server is a transport over
//! `conformance` (model, protocol, recordings) and `codegen::browser` (the page-side scripts),
//! and only the root package's `cli` feature depends on it.
//!
//! ## Modules
//! - [`session`]: one desktop as pure logic (model or recording, the recording so far,
//!   violations); [`play`]: `--play`;
//! - [`live`]: a session's connections, event delivery and answers awaited;
//! - [`app`]: HTTP routes, the two WebSockets, the control endpoints;
//! - [`limits`]: every bound in one place; [`time`]: timestamps.
//!
//! ## The wire
//! Page -> server: `start`, `reset`, `call`, `fixture` requests (`docs/conformance/protocol.md`)
//! and `{"id": N, "response": …}` replies to event frames. Server -> page: the replies, event
//! frames `{"id": N, "cmd": "event", "event": …, "args": […]}` (the protocol's consumer-side
//! request), and two notices outside the protocol: `{"session": ID}` after `reset` and
//! `{"violation": {rule, message, seq}}` in development mode.

pub mod app;
pub mod limits;
pub mod live;
pub mod play;
pub mod session;
pub mod time;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use adcontract_codegen::browser;
use adcontract_conformance::contract::SpecSource;
use adcontract_conformance::wire::recording;
use adcontract_schema::ir::ApiId;
use axum::serve::ListenerExt;
use tokio::sync::watch;

/// How to run the server.
#[derive(Debug, Clone)]
pub struct Config {
    /// The view whose SDKs are served (and the default of sessions).
    pub api_version: String,
    pub listen: SocketAddr,
    pub play: Option<PathBuf>,
    pub record_dir: Option<PathBuf>,
    pub source: SpecSource,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Version(#[from] adcontract_conformance::contract::SpecError),
    #[error("--play {path}: {message}")]
    Play { path: String, message: String },
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
}

/// A running server.
#[derive(Debug)]
pub struct Server {
    pub addr: SocketAddr,
    app: Arc<App>,
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

use app::{App, Scripts};

impl Server {
    /// Binds and starts serving (on the current tokio runtime).
    pub async fn start(config: Config) -> Result<Server, ServeError> {
        let spec = (config.source)(&config.api_version).map_err(ServeError::Version)?;
        let play = match &config.play {
            None => None,
            Some(p) => {
                let (rec, errors) = recording::read(p);
                let path = p.display().to_string();
                if let Some(e) = errors.first() {
                    return Err(ServeError::Play {
                        path,
                        message: format!("{e} (and {} more problems)", errors.len() - 1),
                    });
                }
                let rec = rec.ok_or_else(|| ServeError::Play {
                    path: path.clone(),
                    message: "no recording in the file".into(),
                })?;
                Some(rec)
            }
        };
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|source| ServeError::Bind {
                addr: config.listen,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| ServeError::Bind {
            addr: config.listen,
            source,
        })?;
        let ws = format!("ws://{addr}");
        let scripts = Scripts {
            widget: browser::sdk::sdk(spec.ir, ApiId::Widget, &ws)
                .unwrap_or_else(|| missing_api(spec.version(), "widget")),
            embedded: browser::sdk::sdk(spec.ir, ApiId::Embedded, &ws)
                .unwrap_or_else(|| missing_api(spec.version(), "embedded")),
            panel: browser::panel::panel(&ws),
        };
        let (stop, stopping) = watch::channel(false);
        let app = Arc::new(App::new(
            config.source,
            spec.version().to_string(),
            scripts,
            play,
            config.record_dir.clone(),
            stopping.clone(),
        ));
        let router = app::router(Arc::clone(&app));
        // Small frames both ways: without TCP_NODELAY a reply followed by an event frame can
        // wait on the peer's delayed ACK (tens of milliseconds).
        let listener = listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let mut until = stopping;
        let task = tokio::spawn(async move {
            let serve = axum::serve(listener, router).with_graceful_shutdown(async move {
                let _ = until.wait_for(|s| *s).await;
            });
            if let Err(e) = serve.await {
                eprintln!("adcontract serve: {e}");
            }
        });
        Ok(Server {
            addr,
            app,
            stop,
            task,
        })
    }

    /// Ends every connection, saves the live sessions (with `--record-dir`) and stops.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        // Upgraded WebSockets end on the same signal; give them a moment, then go.
        let _ = tokio::time::timeout(std::time::Duration::from_secs(3), self.task).await;
        self.app.close_all();
    }
}

fn missing_api(version: &str, api: &str) -> String {
    format!(
        "console.error({});\n",
        serde_json::Value::String(format!(
            "[adcontract] version {version} of the contract has no {api} API"
        ))
    )
}

/// Whether an address may be listened on without the user naming it (loopback only).
pub fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}

/// `adcontract serve`: runs until Ctrl-C or SIGTERM. Returns the exit code.
pub fn run(config: Config) -> u8 {
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("adcontract serve: cannot start the runtime: {e}");
            return 2;
        }
    };
    rt.block_on(async move {
        let server = match Server::start(config).await {
            Ok(s) => s,
            Err(e) => {
                eprintln!("adcontract serve: {e}");
                return 2;
            }
        };
        if !is_loopback(&server.addr) {
            eprintln!(
                "adcontract serve: warning: listening on {}, which is not a loopback address: anyone who can reach it can drive the fake desktop",
                server.addr
            );
        }
        eprintln!("listening on http://{}", server.addr);
        shutdown_signal().await;
        server.stop().await;
        0
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
