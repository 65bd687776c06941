//! The reference implementations behind `adcontract simulate`: the model as a provider, and a
//! reference consumer; plus the deliberately broken variants (mutants) the test-suite uses to
//! prove that the runner catches each kind of fault.

use adcontract_schema::ir::ApiId;
use serde_json::{Value, json};

use crate::adapter::{About, Consumer, HarnessError, Provider};
use crate::contract::minimal::minimal;
use crate::contract::{Spec, SpecSource, parse_api};
use crate::reference::model::Model;
use crate::wire::Emitted;
use crate::wire::protocol::{ApiSupport, Command, Implementation, Request};

/// A deliberately broken behaviour. Each breaks one rule or one protocol property.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mutant {
    WrongEnum,
    RemovedTwice,
    EventAfterRemoval,
    ChatMuted,
    WrongErrorCode,
    WrongCodeNumber,
    SuccessForUnknown,
    NoWrapup,
    StayAcw,
    NoRemoved,
    BadTime,
    UnknownInteraction,
    IllegalTransition,
    Hang,
    CrashMidRun,
    Garbage,
    NotUtf8,
    OutOfOrder,
    BadHandshake,
}

/// Every mutant, its name, and the rule (or verdict) that must catch it.
pub const MUTANTS: &[(&str, Mutant, &str)] = &[
    ("wrong-enum", Mutant::WrongEnum, "AD-PAYLOAD-VALID"),
    ("removed-twice", Mutant::RemovedTwice, "AD-REMOVED-ONCE"),
    (
        "event-after-removal",
        Mutant::EventAfterRemoval,
        "AD-AFTER-REMOVED",
    ),
    ("chat-muted", Mutant::ChatMuted, "AD-NONVOICE-CALL-FLAGS"),
    ("wrong-error-code", Mutant::WrongErrorCode, "AD-ERROR-CODE"),
    (
        "wrong-code-number",
        Mutant::WrongCodeNumber,
        "AD-ERROR-CODE",
    ),
    (
        "success-for-unknown",
        Mutant::SuccessForUnknown,
        "AD-ERROR-CODE",
    ),
    ("no-wrapup", Mutant::NoWrapup, "AD-TERMINATE-WRAPUP"),
    ("stay-acw", Mutant::StayAcw, "AD-COMPLETE-READY"),
    ("no-removed", Mutant::NoRemoved, "AD-COMPLETE-REMOVED"),
    ("bad-time", Mutant::BadTime, "AD-TIME-ORDER"),
    (
        "unknown-interaction",
        Mutant::UnknownInteraction,
        "AD-EVENT-UNKNOWN-INTERACTION",
    ),
    (
        "illegal-transition",
        Mutant::IllegalTransition,
        "AD-LIFECYCLE-TRANSITION",
    ),
    ("hang", Mutant::Hang, "timeout"),
    ("crash-mid-run", Mutant::CrashMidRun, "crash"),
    ("garbage", Mutant::Garbage, "protocol-error"),
    ("not-utf8", Mutant::NotUtf8, "protocol-error"),
    ("out-of-order", Mutant::OutOfOrder, "protocol-error"),
    ("bad-handshake", Mutant::BadHandshake, "protocol-error"),
];

pub fn mutant(name: &str) -> Option<Mutant> {
    MUTANTS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, m, _)| *m)
}

fn about(role: &str) -> About {
    About {
        implementation: Implementation {
            name: format!("adcontract-simulate-{role}"),
            version: env!("CARGO_PKG_VERSION").into(),
            language: Some("rust".into()),
            homepage: None,
        },
        apis: vec![
            ApiSupport {
                api: "widget".into(),
                versions: vec![],
            },
            ApiSupport {
                api: "embedded".into(),
                versions: vec![],
            },
        ],
        capabilities: vec!["fixtures".into(), "consultTransfer".into()],
    }
}

/// The model speaking the protocol as a provider.
#[derive(Debug)]
pub struct ModelProvider {
    source: SpecSource,
    spec: Option<&'static Spec>,
    model: Option<Model>,
    mutant: Option<Mutant>,
}

impl ModelProvider {
    pub fn new(source: SpecSource, mutant: Option<Mutant>) -> ModelProvider {
        ModelProvider {
            source,
            spec: None,
            model: None,
            mutant,
        }
    }

    fn parts(&mut self) -> Result<(&'static Spec, &mut Model), HarnessError> {
        match (self.spec, self.model.as_mut()) {
            (Some(s), Some(m)) => Ok((s, m)),
            _ => Err(HarnessError::NoCase),
        }
    }

    fn mutate_events(&self, method: &str, events: &mut Vec<Emitted>) {
        let Some(m) = self.mutant else { return };
        let mut extra: Vec<(usize, Emitted)> = Vec::new();
        for (i, e) in events.iter_mut().enumerate() {
            let is_data = matches!(
                e.event.as_str(),
                "ON_NEW_INTERACTION" | "ON_INTERACTION_STATE_CHANGE" | "ON_INTERACTION_REMOVED"
            );
            let Some(d) = e.args.first_mut().filter(|_| is_data) else {
                continue;
            };
            match m {
                Mutant::WrongEnum if d["state"] == "delivered" => d["state"] = json!("connected"),
                Mutant::ChatMuted if d["type"] == "chat" => d["callMuted"] = json!(true),
                Mutant::BadTime if d.get("endTime").is_some() => {
                    let start = d["startTime"].as_u64().unwrap_or(0);
                    d["endTime"] = json!(start.saturating_sub(5000));
                }
                Mutant::IllegalTransition if d["state"] == "hold" => d["state"] = json!("queued"),
                Mutant::UnknownInteraction if e.event == "ON_INTERACTION_STATE_CHANGE" => {
                    let mut ghost = d.clone();
                    ghost["interactionId"] = json!("ghost-1");
                    extra.push((
                        i + 1,
                        Emitted::new("ON_INTERACTION_STATE_CHANGE", vec![ghost]),
                    ));
                }
                Mutant::RemovedTwice if e.event == "ON_INTERACTION_REMOVED" => {
                    extra.push((i + 1, e.clone()))
                }
                Mutant::EventAfterRemoval if e.event == "ON_INTERACTION_REMOVED" => {
                    extra.push((
                        i + 1,
                        Emitted::new("ON_INTERACTION_STATE_CHANGE", e.args.clone()),
                    ));
                }
                _ => {}
            }
        }
        for (pos, e) in extra.into_iter().rev() {
            events.insert(pos, e);
        }
        let terminate = matches!(method, "leaveInteraction" | "terminateInteraction");
        let complete = matches!(
            method,
            "completeInteraction" | "completeInteractionWithDisp" | "leaveAndCompleteInteraction"
        );
        match m {
            Mutant::NoWrapup if terminate => events.clear(),
            Mutant::StayAcw if complete => {
                events.retain(|e| {
                    !matches!(e.event.as_str(), "ON_AGENT_STATE_CHANGE" | "onStatusChange")
                });
            }
            Mutant::NoRemoved if complete => {
                events.retain(|e| {
                    !matches!(
                        e.event.as_str(),
                        "ON_INTERACTION_REMOVED" | "addInteractionCompletedHandler"
                    )
                });
            }
            _ => {}
        }
    }

    fn mutate_result(&self, result: &mut Option<Value>) {
        let Some(r) = result.as_mut() else { return };
        if r.pointer("/error/name").and_then(Value::as_str) != Some("no_interaction") {
            return;
        }
        match self.mutant {
            Some(Mutant::WrongErrorCode) => {
                r["error"] = json!({ "code": 15, "name": "not_suitable_state" })
            }
            Some(Mutant::WrongCodeNumber) => r["error"]["code"] = json!(14),
            Some(Mutant::SuccessForUnknown) => *r = json!({ "status": "success", "data": null }),
            _ => {}
        }
    }
}

impl Provider for ModelProvider {
    fn about(&self) -> About {
        about("provider")
    }

    fn reset(&mut self, api: &str, api_version: &str) -> Result<(), HarnessError> {
        let id = parse_api(api)
            .ok_or_else(|| HarnessError::Unsupported(format!("unknown api {api:?}")))?;
        let spec = (self.source)(api_version)?;
        if spec.api(id).is_none() {
            return Err(HarnessError::Unsupported(format!(
                "version {api_version} has no {api} API"
            )));
        }
        self.spec = Some(spec);
        self.model = Some(Model::new(id, &spec.ir.version.id));
        Ok(())
    }

    fn fixture(&mut self, name: &str, args: &Value) -> Result<Vec<Emitted>, HarnessError> {
        let (_, model) = self.parts()?;
        let mut ev = model
            .fixture(name, args)
            .map_err(|e| HarnessError::Implementation(e.to_string()))?;
        self.mutate_events(name, &mut ev);
        Ok(ev)
    }

    fn call(
        &mut self,
        method: &str,
        args: &[Value],
    ) -> Result<(Option<Value>, Vec<Emitted>), HarnessError> {
        let (spec, model) = self.parts()?;
        let out = model.call(spec, method, args);
        let (mut result, mut events) = (out.result, out.events);
        self.mutate_result(&mut result);
        self.mutate_events(method, &mut events);
        Ok((result, events))
    }

    fn answer(&mut self, _event: &str, _response: &Value) -> Result<Vec<Emitted>, HarnessError> {
        // The desktop takes the host's data and moves on; nothing observable follows.
        Ok(Vec::new())
    }
}

/// Protocol-level mutants, applied to each reply line. Returns `None` to send nothing.
pub fn tamper(mutant: Option<Mutant>) -> impl FnMut(&Request, String) -> Option<Vec<u8>> {
    let mut n = 0u32;
    move |req, line| {
        n += 1;
        // The process-level faults strike on one particular call, so the other cases of a run
        // still pass after a restart (which is what the runner must show).
        let trigger = matches!(&req.command, Command::Call { method, .. }
            if method == "transfer" || method == "terminateInteraction");
        match mutant {
            Some(Mutant::BadHandshake) if n == 1 => Some(
                line.replacen("\"protocol\":1", "\"protocol\":2", 1)
                    .into_bytes(),
            ),
            Some(Mutant::Hang) if trigger => {
                std::thread::sleep(std::time::Duration::from_secs(600));
                None
            }
            Some(Mutant::CrashMidRun) if trigger => {
                eprintln!("mutant crash-mid-run: exiting after {} requests", n - 1);
                std::process::exit(3)
            }
            Some(Mutant::Garbage) if trigger => Some(b"<<garbage>> this is not JSON".to_vec()),
            Some(Mutant::NotUtf8) if trigger => {
                // A reply that would be well-formed (an `error` for the request's id) had it
                // been encoded in UTF-8 rather than Latin-1.
                let mut bytes = format!("{{\"id\":{},\"error\":\"r", req.id).into_bytes();
                bytes.extend_from_slice(b"\xE9ponse en Latin-1\"}");
                Some(bytes)
            }
            Some(Mutant::OutOfOrder) if n > 6 => Some(
                line.replacen(
                    &format!("\"id\":{}", req.id),
                    &format!("\"id\":{}", req.id + 1000),
                    1,
                )
                .into_bytes(),
            ),
            _ => Some(line.into_bytes()),
        }
    }
}

/// The reference consumer: keeps the list of live interactions as the seed example does, and
/// answers every data-providing event with a valid, neutral value.
#[derive(Debug)]
pub struct ReferenceConsumer {
    source: SpecSource,
    spec: Option<&'static Spec>,
    api: ApiId,
    list: Vec<String>,
}

impl ReferenceConsumer {
    pub fn new(source: SpecSource) -> ReferenceConsumer {
        ReferenceConsumer {
            source,
            spec: None,
            api: ApiId::Widget,
            list: Vec::new(),
        }
    }
}

impl Consumer for ReferenceConsumer {
    fn about(&self) -> About {
        about("consumer")
    }

    fn reset(&mut self, api: &str, api_version: &str) -> Result<(), HarnessError> {
        self.api = parse_api(api)
            .ok_or_else(|| HarnessError::Unsupported(format!("unknown api {api:?}")))?;
        self.spec = Some((self.source)(api_version)?);
        self.list.clear();
        Ok(())
    }

    fn event(&mut self, event: &str, args: &[Value]) -> Result<Option<Value>, HarnessError> {
        let spec = self.spec.ok_or(HarnessError::NoCase)?;
        let id_of = |key: &str| {
            args.first()
                .and_then(|d| d.get(key))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        match event {
            "ON_NEW_INTERACTION" | "addInteractionRenderedHandler" => {
                let key = if event == "ON_NEW_INTERACTION" {
                    "interactionId"
                } else {
                    "item_id"
                };
                if let Some(id) = id_of(key) {
                    if !self.list.contains(&id) {
                        self.list.push(id);
                    }
                }
            }
            "ON_INTERACTION_REMOVED" | "addInteractionCompletedHandler" => {
                let key = if event == "ON_INTERACTION_REMOVED" {
                    "interactionId"
                } else {
                    "item_id"
                };
                if let Some(id) = id_of(key) {
                    self.list.retain(|x| *x != id);
                }
            }
            _ => {}
        }
        let Some(ev) = spec.event(self.api, event) else {
            return Ok(None);
        };
        Ok(ev.response.as_ref().map(|shape| match event {
            "ON_VALIDATE_ASSOCIATED_RECORDS" => json!({ "valid": true }),
            "ON_WEB_SCREEN_POP_CUSTOM" => json!(false),
            "ON_REQUEST_TRANSFER_DATA" => json!({ "crmCase": "CASE-1" }),
            // The smallest answer to an event that may go unanswered is none (`null`).
            _ if ev.response_optional => Value::Null,
            _ => minimal(spec, shape),
        }))
    }

    fn view(&mut self) -> Result<Value, HarnessError> {
        Ok(json!({ "interactions": self.list }))
    }
}
