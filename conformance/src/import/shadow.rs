//! The reference model in step with the log. Every call is applied to it; each event of the
//! log is matched with one the latest step made the model emit (its cause, `re`); what the model
//! emitted that the log does not show, events in another order, and results that differ are
//! warnings that say what a provider replay will report.

use std::collections::BTreeMap;

use adcontract_schema::ir::ApiId;
use serde_json::Value;

use super::ids::IdPairs;
use crate::reference::model::Model;
use crate::run::matching::{Ids, matches};
use crate::wire::Emitted;
use crate::wire::recording::LineError;

/// The model's answer to a call, kept until the log's answer is seen.
#[derive(Debug)]
pub(super) struct Answer {
    pub(super) line: usize,
    pub(super) method: String,
    pub(super) result: Option<Value>,
}

/// The events the model emitted for the latest step, which the log's next events should show.
#[derive(Debug)]
pub(super) struct Pending {
    pub(super) seq: u64,
    pub(super) line: usize,
    pub(super) cause: String,
    pub(super) events: Vec<Emitted>,
    /// The log line that showed each predicted event, if one did.
    pub(super) seen: Vec<Option<usize>>,
    /// Indices into `events`, in the order the log showed them.
    pub(super) order: Vec<usize>,
}

impl Pending {
    pub(super) fn new(seq: u64, line: usize, cause: String, events: Vec<Emitted>) -> Pending {
        let seen = vec![None; events.len()];
        Pending {
            seq,
            line,
            cause,
            events,
            seen,
            order: Vec::new(),
        }
    }
}

/// The reference model in step with the log, and what it predicted for the latest step.
#[derive(Debug)]
pub(super) struct Shadow {
    pub(super) model: Model,
    pub(super) ids: IdPairs,
    pub(super) pending: Option<Pending>,
    pub(super) answers: BTreeMap<u64, Answer>,
    pub(super) fixtures: usize,
}

impl Shadow {
    pub(super) fn new(api: ApiId, version: &str) -> Shadow {
        Shadow {
            model: Model::new(api, version),
            ids: IdPairs::default(),
            pending: None,
            answers: BTreeMap::new(),
            fixtures: 0,
        }
    }

    /// A model event for messages (see `describe`), with the log's ids.
    pub(super) fn show(&self, e: &Emitted) -> String {
        describe(&Emitted {
            event: e.event.clone(),
            args: e.args.iter().map(|a| self.ids.to_log_value(a)).collect(),
        })
    }

    /// Links the log's event to the pending step that predicted it, if one did.
    pub(super) fn explain(
        &mut self,
        n: usize,
        event: &str,
        args: &[Value],
        warnings: &mut Vec<LineError>,
    ) -> Option<u64> {
        let p = self.pending.as_ref()?;
        let (i, binds) = p
            .events
            .iter()
            .enumerate()
            .filter(|(i, _)| p.seen[*i].is_none())
            .find_map(|(i, e)| self.ids.same(e, event, args).map(|b| (i, b)))?;
        let (seq, predicted, cause) = (p.seq, p.events[i].clone(), p.cause.clone());
        if let Some(p) = self.pending.as_mut() {
            p.seen[i] = Some(n);
            p.order.push(i);
        }
        self.ids.log_to_model.extend(binds);
        // A replay's own comparison (recorded = the log, actual = the model), so the warning
        // says what a provider replay will report.
        let (log, model) = (Value::Array(args.to_vec()), Value::Array(predicted.args));
        // The ids paired so far are paired in a replay too, by the time it gets here.
        if let Err(d) = matches(
            &log,
            &model,
            "",
            event,
            &mut Ids::from_pairs(&self.ids.log_to_model),
        ) {
            let hint = "the desktop sends a payload the reference model does not (volatile values such as times are never compared)";
            warnings.push(LineError {
                line: n,
                message: format!(
                    "{event} differs from the one the reference model emits after {cause}; a provider replay will report AD-REPLAY-EVENTS at seq {seq}: {d}; hint: {hint}"
                ),
            });
        }
        Some(seq)
    }

    /// Ends the pending step: the events it predicted that the log did not show are reported.
    pub(super) fn flush(&mut self, next: Option<usize>, warnings: &mut Vec<LineError>) {
        let Some(p) = self.pending.take() else { return };
        let missing: Vec<String> = p
            .events
            .iter()
            .zip(&p.seen)
            .filter(|(_, seen)| seen.is_none())
            .map(|(e, _)| self.show(e))
            .collect();
        // Judged once the step is over: an event that is missing is not also out of order.
        if missing.is_empty() {
            if let Some(w) = p.order.windows(2).find(|w| w[0] > w[1]) {
                let (early, late) = (w[0], w[1]);
                warnings.push(LineError {
                    line: p.seen[early].unwrap_or(p.line),
                    message: format!(
                        "{} comes before {}, which the reference model emits first after {}: a provider replay will report AD-REPLAY-EVENTS at seq {}; hint: the desktop orders these events differently from the reference model",
                        self.show(&p.events[early]),
                        self.show(&p.events[late]),
                        p.cause,
                        p.seq
                    ),
                });
            }
            return;
        }
        let until = next.map_or("by its end".to_string(), |n| format!("before line {n}"));
        warnings.push(LineError {
            line: p.line,
            message: format!(
                "the reference model emits {} after {}, which the log does not show {until}: a provider replay will report AD-REPLAY-EVENTS at seq {}; hint: the logger may have missed them, or the desktop differs from the reference model here",
                missing.join(", "),
                p.cause,
                p.seq
            ),
        });
    }

    pub(super) fn check_result(
        &mut self,
        n: usize,
        re: u64,
        method: &str,
        log: &Value,
        warnings: &mut Vec<LineError>,
    ) {
        let Some(a) = self.answers.remove(&re) else {
            return;
        };
        let Some(model) = a.result else {
            warnings.push(LineError {
                line: n,
                message: format!(
                    "the reference model gives {method} (line {}) no answer here (an API B call it cannot use has no effect and no callback): a provider replay will report AD-REPLAY-RESULT at seq {re}; hint: the model is out of step with the desktop, e.g. the agent is not logged in there",
                    a.line
                ),
            });
            return;
        };
        self.ids.learn_ids(&model, log, "");
        if let Err(d) = matches(
            log,
            &model,
            "",
            "",
            &mut Ids::from_pairs(&self.ids.log_to_model),
        ) {
            warnings.push(LineError {
                line: n,
                message: format!(
                    "the result of {method} (line {}) differs from the reference model's; a provider replay will report AD-REPLAY-RESULT at seq {re}: {d}; hint: the model is out of step with the desktop here, or the desktop answers differently",
                    a.line
                ),
            });
        }
    }

    /// API B calls the model answers through their callback, but whose answer the log lacks (a
    /// replay compares the callback data whenever the provider gives some).
    pub(super) fn unanswered(&mut self, warnings: &mut Vec<LineError>) {
        if self.model.api() != ApiId::Embedded {
            return;
        }
        for (seq, a) in std::mem::take(&mut self.answers) {
            if a.result.is_some() {
                warnings.push(LineError {
                    line: a.line,
                    message: format!(
                        "the reference model answers {} through its callback, but the log has no answer with its request_id: a provider replay will report AD-REPLAY-RESULT at seq {seq}; hint: log the callback's message too",
                        a.method
                    ),
                });
            }
        }
    }
}

/// An event for messages: its name, and the interaction and state or status it reports.
pub(super) fn describe(e: &Emitted) -> String {
    let first = e.args.first();
    let field = |k: &str| first.and_then(|a| a.get(k)).and_then(Value::as_str);
    let detail: Vec<&str> = [
        field("interactionId").or_else(|| field("item_id")),
        field("state").or_else(|| field("status")),
        first.and_then(Value::as_str),
    ]
    .into_iter()
    .flatten()
    .collect();
    if detail.is_empty() {
        e.event.clone()
    } else {
        format!("{} ({})", e.event, detail.join(" "))
    }
}
