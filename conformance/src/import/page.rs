//! Re-importing a recording made in a page by the recorder: its calls, results, events and
//! answers are the log's steps, renumbered, and the header's title and redaction policy are kept.

use std::collections::BTreeMap;

use adcontract_schema::ir::ApiId;

use super::builder::{Imported, Importer, Options};
use crate::contract::Spec;
use crate::wire::recording::{Body, LineError};

/// Imports a recording made in a page by the recorder (`docs/conformance/recording.md`,
/// "Recording a real session"): it holds the page's calls, results, events and answers but no
/// fixtures, like a log. They go through the same inference as a log's lines, and the header's
/// redaction policy is kept, so the import of a redacted recording says it is redacted.
pub(super) fn import_recording(spec: &Spec, text: &str, from: &str, options: Options) -> Imported {
    let (rec, errors) = crate::wire::recording::parse(text);
    let mut im = Importer::new(spec, options);
    im.errors.extend(errors);
    let Some(rec) = rec else {
        return im.finish(from);
    };
    let api = crate::contract::parse_api(&rec.header.api).unwrap_or(ApiId::Widget);
    im.set_api(api, 1);
    // The line of each entry, for messages: non-blank lines after the header, in order.
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, _)| i + 1)
        .skip(1)
        .collect();
    let mut seqs: BTreeMap<u64, u64> = BTreeMap::new();
    for (i, e) in rec.entries.into_iter().enumerate() {
        let n = lines.get(i).copied().unwrap_or(0);
        let mapped = |re: u64, seqs: &BTreeMap<u64, u64>| seqs.get(&re).copied();
        match e.body {
            Body::Call { method, args } => {
                let seq = im.call(n, e.t, e.interaction, method, args);
                seqs.insert(e.seq, seq);
            }
            Body::Event { event, args, .. } => {
                let seq = im.event(n, e.t, e.interaction, event, args);
                seqs.insert(e.seq, seq);
            }
            Body::Result { re, method, result } => match mapped(re, &seqs) {
                Some(re) => im.result(n, e.t, re, method, result),
                None => im.error(n, format!("result of {method} for seq {re}, which is no call")),
            },
            Body::Response {
                re,
                event,
                response,
            } => match mapped(re, &seqs) {
                Some(re) => im.response(n, e.t, re, event, response),
                None => im.error(n, format!("answer to {event} for seq {re}, which is no event")),
            },
            Body::Fixture { fixture, .. } => im.warnings.push(LineError {
                line: n,
                message: format!("the recording already has a `{fixture}` fixture; it is left out and fixtures are inferred anew; hint: a recording with fixtures replays as it is, without import"),
            }),
            Body::View { .. } => {}
        }
    }
    let mut out = im.finish(from);
    if let Some(r) = out.recording.as_mut() {
        r.header.redaction = rec.header.redaction;
        r.header.title = rec.header.title;
    }
    out
}
