//! `record import`: turns SDK message logs into a recording.
//!
//! Input is JSON lines, each one of:
//! - what API A's `injectMessageLogger(message, data)` hook reports, as `{"message": …, "data":
//!   APIPacket}` where `APIPacket = {instanceId, type, uid, params}`: a request (`type` = a
//!   method's wire name) becomes a call, `<WIRE>_RESPONSE` its result, `ON_…` an event and
//!   `ON_…_RESPONSE` the host's response (the suffix is the view's `responseSuffix` constant);
//! - an API B message `{command, data, request_id}` (optionally with `"direction": "out"|"in"`):
//!   an outgoing one becomes a call, an incoming one with a known `request_id` its result, any
//!   other incoming one an event. A call's arguments are rebuilt from `wireData`: from `data`, or
//!   from the message's top-level keys for the commands that send them beside `command`; keys in
//!   the other place make the line an error.
//!
//! An optional `t` (ms) on a line becomes the entry's timestamp.
//!
//! By default the import also makes the recording replayable against a **provider** (a fake
//! Agent Desktop): the reference model ([`crate::reference::model`]) runs alongside the log, and every event
//! the calls so far do not explain (an inbound chat was offered, the agent logged in through the
//! desktop UI, the customer hung up, the desktop asked the host for an article) gets, just before
//! it, the fixture that makes a desktop produce it. Events are linked to the step that caused
//! them with `re`. Where a provider replay will still differ from the log (an event no fixture
//! produces, an event or result the model does not give) the import warns, keeps the line, and
//! goes on; [`Options::fixtures`] off gives the plain transcription. The rules are in
//! `docs/conformance/recording.md` ("Importing SDK logs").
//!
//! The folder follows the data; each module depends only on those listed after it:
//! - `log`: reading a log: API A packets and API B messages, their times, their arguments
//!   rebuilt from `wireData`; every usable line becomes a step of the builder.
//! - `page`: a recording made in a page (no fixtures yet) taken through the same steps.
//! - `builder`: the recording being built ([`Options`], [`Imported`]): entries, line errors and
//!   warnings, the header; with inference on, each step also goes to the shadow model.
//! - `infer`: the fixtures that make a desktop produce an event that no step explains.
//! - `shadow`: the reference model in step with the log: which step explains an event, what the
//!   model predicted that the log does not show, results that differ.
//! - `ids`: the desktop's ids paired with the model's, and when two events are the same one.

mod builder;
mod ids;
mod infer;
mod log;
mod page;
mod shadow;
#[cfg(test)]
mod tests;

pub use builder::{Imported, Options};

use crate::contract::Spec;
use crate::wire::recording::{FORMAT, Header, LineError, Recording};

/// Imports a log with fixture inference (see [`import_with`]). Lines that cannot be used are
/// reported with their numbers; the rest is kept. Warnings are not returned: callers that show
/// them use [`import_with`].
pub fn import(spec: &Spec, text: &str, from: &str) -> (Option<Recording>, Vec<LineError>) {
    let out = import_with(spec, text, from, Options::default());
    (out.recording, out.errors)
}

/// Imports a log. Lines that cannot be used are reported with their numbers; the rest is kept.
///
/// With [`Options::fixtures`] the reference model runs alongside the log: every call is applied
/// to it, and every event is checked against what the steps so far make the model emit. An
/// event they explain gets `re` = its step. An event they do not explain was produced by the
/// desktop on its own; the fixture that makes a desktop produce it (login, offer, accept,
/// remoteEnd, emit) is inserted just before it, applied to the model, and explains it and its
/// follow-on events. An event no fixture can produce is kept without `re`, with a warning.
pub fn import_with(spec: &Spec, text: &str, from: &str, options: Options) -> Imported {
    if recording_header(text).is_some() {
        return page::import_recording(spec, text, from, options);
    }
    log::import_log(spec, text, from, options)
}

/// The header of `text` when it is a recording rather than a log (its first line says
/// `"format": "adcontract-recording"`).
pub fn recording_header(text: &str) -> Option<Header> {
    let first = text.lines().find(|l| !l.trim().is_empty())?;
    serde_json::from_str::<Header>(first)
        .ok()
        .filter(|h| h.format == FORMAT)
}
