//! Every bound of the server in one place: a page (or anything else on the machine) can make it
//! do only a bounded amount of work and hold a bounded amount of memory.

/// Largest WebSocket message (a call with its arguments, an answer) and fixture body.
pub const MAX_FRAME_BYTES: usize = 256 * 1024;
/// Largest recording accepted by `POST /control/recordings`.
pub const MAX_RECORDING_BYTES: usize = 16 * 1024 * 1024;
/// Sessions held at once; a page beyond it gets an error reply to its `reset`.
pub const MAX_SESSIONS: usize = 1024;
/// Frames queued towards one connection before it is closed as too slow.
pub const MAX_QUEUED_FRAMES: usize = 1024;
/// Entries one session records; past it the session goes on and its recording says it was cut.
pub const MAX_ENTRIES: usize = 100_000;
/// Violations one session keeps.
pub const MAX_VIOLATIONS: usize = 1000;
/// Panels attached to one session.
pub const MAX_PANELS: usize = 16;
/// How long the page has to answer an event that expects a response.
pub const ANSWER_TIMEOUT_MS: u64 = 5000;
/// Events awaiting the page's answer, per session.
pub const MAX_PENDING_ANSWERS: usize = 256;
