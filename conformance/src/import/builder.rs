//! The recording being built: entries numbered as they are added, the errors and warnings
//! naming their lines, and the header. With fixture inference, every step also goes to the
//! [`Shadow`] model, and an event no step explains gets the fixtures [`Shadow::infer`] finds.

use adcontract_schema::ir::ApiId;
use serde_json::Value;

use super::shadow::{Answer, Pending, Shadow};
use crate::contract::{Spec, api_name};
use crate::wire::recording::{
    Body, Entry, FORMAT, FORMAT_VERSION, Header, LineError, Origin, Recording,
};

/// What `import` does beyond transcribing the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Infer the fixtures that make a provider produce the events the desktop produced on its
    /// own, and link every explained event to its cause (`re`). Without them the recording
    /// holds the log's calls, results, events and responses only, which is all a consumer
    /// replay uses.
    pub fixtures: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options { fixtures: true }
    }
}

/// What an import gives.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Imported {
    /// `None` when no line could be used.
    pub recording: Option<Recording>,
    /// Lines that could not be used: they are left out, the others are kept.
    pub errors: Vec<LineError>,
    /// Lines that are kept, but where a provider replay of the recording will not reproduce the
    /// log (an event nothing explains, or the reference model disagreeing with the desktop).
    pub warnings: Vec<LineError>,
}

fn api_label(api: ApiId) -> &'static str {
    match api {
        ApiId::Widget => "API A (widget)",
        ApiId::Embedded => "API B (embedded)",
    }
}

fn push(entries: &mut Vec<Entry>, t: u64, interaction: Option<String>, body: Body) -> u64 {
    let seq = entries.len() as u64 + 1;
    entries.push(Entry {
        seq,
        t,
        interaction,
        body,
    });
    seq
}

/// The recording being built, and (with fixture inference) the model running alongside it.
pub(super) struct Importer<'s> {
    spec: &'s Spec,
    options: Options,
    api: Option<ApiId>,
    entries: Vec<Entry>,
    pub(super) errors: Vec<LineError>,
    pub(super) warnings: Vec<LineError>,
    shadow: Option<Shadow>,
}

impl<'s> Importer<'s> {
    pub(super) fn new(spec: &'s Spec, options: Options) -> Importer<'s> {
        Importer {
            spec,
            options,
            api: None,
            entries: Vec::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
            shadow: None,
        }
    }

    /// A value kept but changed (clamped, normalised): the recording differs from the log there.
    pub(super) fn warn(&mut self, line: usize, message: String) {
        self.warnings.push(LineError { line, message });
    }

    pub(super) fn error(&mut self, line: usize, message: String) {
        self.errors.push(LineError { line, message });
    }

    /// The first usable line decides the API; a line of the other one cannot join the same
    /// recording (its header names one API, and the model plays one).
    pub(super) fn set_api(&mut self, api: ApiId, n: usize) -> bool {
        match self.api {
            None => {
                self.api = Some(api);
                if self.options.fixtures {
                    self.shadow = Some(Shadow::new(api, self.spec.version()));
                }
                true
            }
            Some(a) if a == api => true,
            Some(a) => {
                self.error(
                    n,
                    format!(
                        "a message of {} in a log of {} (its first message); hint: a recording holds one API, so import each API's log on its own",
                        api_label(api),
                        api_label(a)
                    ),
                );
                false
            }
        }
    }

    pub(super) fn call(
        &mut self,
        n: usize,
        t: u64,
        interaction: Option<String>,
        method: String,
        args: Vec<Value>,
    ) -> u64 {
        let spec = self.spec;
        let Importer {
            entries,
            warnings,
            shadow,
            ..
        } = self;
        let Some(shadow) = shadow else {
            return push(entries, t, interaction, Body::Call { method, args });
        };
        shadow.flush(Some(n), warnings);
        let out = shadow
            .model
            .call(spec, &method, &shadow.ids.translate(&args));
        let seq = push(
            entries,
            t,
            interaction,
            Body::Call {
                method: method.clone(),
                args,
            },
        );
        shadow.answers.insert(
            seq,
            Answer {
                line: n,
                method: method.clone(),
                result: out.result,
            },
        );
        shadow.pending = Some(Pending::new(
            seq,
            n,
            format!("the {method} call on line {n}"),
            out.events,
        ));
        seq
    }

    pub(super) fn result(&mut self, n: usize, t: u64, re: u64, method: String, result: Value) {
        if let Some(shadow) = self.shadow.as_mut() {
            shadow.check_result(n, re, &method, &result, &mut self.warnings);
        }
        push(
            &mut self.entries,
            t,
            None,
            Body::Result { re, method, result },
        );
    }

    pub(super) fn response(&mut self, n: usize, t: u64, re: u64, event: String, response: Value) {
        if let Some(shadow) = self.shadow.as_mut() {
            shadow.flush(Some(n), &mut self.warnings);
        }
        push(
            &mut self.entries,
            t,
            None,
            Body::Response {
                re,
                event,
                response,
            },
        );
    }

    pub(super) fn event(
        &mut self,
        n: usize,
        t: u64,
        interaction: Option<String>,
        event: String,
        args: Vec<Value>,
    ) -> u64 {
        let Importer {
            entries,
            warnings,
            shadow,
            ..
        } = self;
        let Some(shadow) = shadow else {
            return push(
                entries,
                t,
                interaction,
                Body::Event {
                    event,
                    args,
                    re: None,
                },
            );
        };
        let mut re = shadow.explain(n, &event, &args, warnings);
        if re.is_none() {
            match shadow.infer(&event, &args) {
                Ok(fixtures) => {
                    shadow.flush(Some(n), warnings);
                    let count = fixtures.len();
                    for (k, (fixture, fargs)) in fixtures.into_iter().enumerate() {
                        // `infer` applied the same fixtures to a copy of the model: they apply.
                        let emitted = shadow
                            .model
                            .fixture(fixture, &shadow.ids.translate_value(&fargs))
                            .unwrap_or_default();
                        shadow.fixtures += 1;
                        let at = fargs
                            .get("interactionId")
                            .and_then(Value::as_str)
                            .map(str::to_string);
                        let seq = push(
                            entries,
                            t,
                            at,
                            Body::Fixture {
                                fixture: fixture.into(),
                                args: fargs,
                            },
                        );
                        if k + 1 == count {
                            shadow.pending = Some(Pending::new(
                                seq,
                                n,
                                format!("the {fixture} fixture inferred for line {n}"),
                                emitted,
                            ));
                        }
                    }
                    re = shadow.explain(n, &event, &args, warnings);
                }
                Err(why) => warnings.push(LineError {
                    line: n,
                    message: format!(
                        "{event} is not explained by the calls before it, and no fixture produces it here: {why}; it is kept without `re`, so a provider replay will not reproduce it (a consumer replay is unaffected){}",
                        if !shadow.model.is_logged_in() {
                            "; hint: the log seems to start after the agent logged in: attach the message logger before login, so that the login sets the scene"
                        } else {
                            "; hint: replay this recording against consumers only, or log a session where a call causes it"
                        }
                    ),
                }),
            }
        }
        push(entries, t, interaction, Body::Event { event, args, re })
    }

    pub(super) fn finish(mut self, from: &str) -> Imported {
        let mut fixtures = 0;
        if let Some(shadow) = self.shadow.as_mut() {
            shadow.flush(None, &mut self.warnings);
            shadow.unanswered(&mut self.warnings);
            fixtures = shadow.fixtures;
        }
        // Stable: problems found later about an earlier line stay after that line's others.
        self.warnings.sort_by_key(|w| w.line);
        let Some(api) = self.api else {
            if self.errors.is_empty() {
                self.error(0, "nothing to import".into());
            }
            return Imported {
                recording: None,
                errors: self.errors,
                warnings: self.warnings,
            };
        };
        let header = Header {
            format: FORMAT.into(),
            version: FORMAT_VERSION,
            api: api_name(api).into(),
            api_version: self.spec.version().into(),
            title: format!("imported from {from}"),
            description: (fixtures > 0).then(|| {
                format!(
                    "{fixtures} fixture(s) inferred by the reference model for the events the desktop produced on its own."
                )
            }),
            origin: Origin {
                kind: "imported".into(),
                from: Some(from.into()),
                seed: None,
                rule: None,
            },
            redaction: None,
        };
        Imported {
            recording: Some(Recording {
                header,
                entries: self.entries,
            }),
            errors: self.errors,
            warnings: self.warnings,
        }
    }
}
