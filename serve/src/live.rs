//! The live side of sessions: each session's connections (the page's SDK, its panels), the
//! events awaiting the page's answer, and delivery. Frames are queued to a connection without
//! waiting (a bounded channel per connection), so no lock is ever held across an `.await`.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::sync::mpsc;

use crate::limits;
use crate::session::{Seen, Session, Step};

/// A connection's outgoing queue.
pub type Outbox = mpsc::Sender<String>;

/// One session and its connections.
#[derive(Debug)]
pub struct Live {
    inner: Mutex<Inner>,
}

#[derive(Debug)]
pub struct Inner {
    pub session: Session,
    pub sdk: Option<Outbox>,
    pub panels: Vec<Outbox>,
    /// Event frame id -> (event, its recording entry).
    pub pending: BTreeMap<u64, (String, u64)>,
    next_frame: u64,
}

/// Queues a frame; a full queue drops it with one log line (the page is not reading).
pub fn send(out: &Outbox, session: &str, frame: String) {
    if let Err(mpsc::error::TrySendError::Full(_)) = out.try_send(frame) {
        eprintln!(
            "adcontract serve: session {session}: a connection is not reading its messages ({} queued); frame dropped",
            limits::MAX_QUEUED_FRAMES
        );
    }
}

impl Live {
    pub fn new(session: Session, sdk: Option<Outbox>) -> Arc<Live> {
        Arc::new(Live {
            inner: Mutex::new(Inner {
                session,
                sdk,
                panels: Vec::new(),
                pending: BTreeMap::new(),
                next_frame: 0,
            }),
        })
    }

    /// The session's state; a poisoned lock is recovered (a panic elsewhere must not take every
    /// other request of this session down with it).
    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Sends a step's events to the page (answers awaited for those that expect one) and the new
    /// picture to the panels.
    pub fn deliver(self: &Arc<Live>, step: &Step) {
        let mut timeouts = Vec::new();
        {
            let mut g = self.lock();
            let inner = &mut *g;
            for (ev, seq) in step.events.iter().zip(&step.event_seqs) {
                let Some(sdk) = inner.sdk.clone() else { break };
                inner.next_frame += 1;
                let id = inner.next_frame;
                let frame = json!({ "id": id, "cmd": "event", "event": ev.event, "args": ev.args });
                send(&sdk, &inner.session.id, frame.to_string());
                if inner.pending.len() >= limits::MAX_PENDING_ANSWERS {
                    inner.pending.pop_first();
                }
                inner.pending.insert(id, (ev.event.clone(), *seq));
                if inner.session.needs_response(&ev.event) {
                    timeouts.push(id);
                }
            }
            inner.panels_update();
        }
        for id in timeouts {
            let live = Arc::clone(self);
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(limits::ANSWER_TIMEOUT_MS)).await;
                let mut g = live.lock();
                if let Some((event, seq)) = g.pending.remove(&id) {
                    let v = g.session.unanswered(
                        seq,
                        &event,
                        &format!("did not answer within {} ms", limits::ANSWER_TIMEOUT_MS),
                    );
                    g.tell(&v, true);
                }
            });
        }
    }
}

impl Inner {
    /// Sends the panel's picture to every panel of the session.
    pub fn panels_update(&mut self) {
        let frame = json!({ "panel": self.session.panel() }).to_string();
        self.panels.retain(|p| !p.is_closed());
        for p in &self.panels {
            send(p, &self.session.id, frame.clone());
        }
    }

    /// Reports a violation: one log line, and (`to_page`) the page's console. The page's SDK
    /// checks arguments and answers itself with the generated validators, so only what it cannot
    /// see (an answer that never came) is pushed to it.
    pub fn tell(&self, v: &Seen, to_page: bool) {
        eprintln!(
            "adcontract serve: session {}: {}: {}",
            self.session.id, v.rule, v.message
        );
        if let (true, Some(sdk)) = (to_page, &self.sdk) {
            send(sdk, &self.session.id, json!({ "violation": v }).to_string());
        }
    }

    /// The page's reply to event frame `id`.
    pub fn answered(&mut self, id: u64, response: Option<&Value>) -> Result<(), String> {
        let Some((event, seq)) = self.pending.remove(&id) else {
            return Err(format!(
                "a reply to event frame {id}, which is not awaiting an answer"
            ));
        };
        let seen = self.session.answer(seq, &event, response);
        for v in &seen {
            self.tell(v, false);
        }
        Ok(())
    }

    /// The page left: every answer it owed is a violation.
    pub fn left(&mut self) {
        let owed: Vec<(String, u64)> = std::mem::take(&mut self.pending).into_values().collect();
        for (event, seq) in owed {
            if self.session.needs_response(&event) {
                let v = self
                    .session
                    .unanswered(seq, &event, "disconnected before answering");
                eprintln!(
                    "adcontract serve: session {}: {}: {}",
                    self.session.id, v.rule, v.message
                );
            }
        }
        self.sdk = None;
    }
}
