//! API B (the embedded API): fire-and-forget commands and the callbacks that answer the few that
//! return data.

use adcontract_schema::ir::ApiId;
use serde_json::{Value, json};

use super::{Model, Outcome};
use crate::contract::Spec;

impl Model {
    pub(super) fn call_embedded(&mut self, spec: &Spec, method: &str, args: &[Value]) -> Outcome {
        let mut out = Vec::new();
        let valid = spec.args_valid(ApiId::Embedded, method, args);
        let arg_s = |i: usize| args.get(i).and_then(Value::as_str).map(str::to_string);
        // API B is fire-and-forget: an unusable call has no effect and no answer.
        if !valid || !self.logged_in {
            return Outcome {
                result: None,
                events: out,
            };
        }
        let mut result = None;
        match method {
            "getState" => {
                let list: Vec<Value> = self
                    .interactions
                    .iter()
                    .filter(|i| i.state != "delivery_pending")
                    .map(|i| {
                        let mut item = self.embedded_item(i);
                        if let Some(o) = item.as_object_mut() {
                            o.insert("recording_url".into(), json!(""));
                            o.insert("attached_data".into(), json!({}));
                        }
                        item
                    })
                    .collect();
                result = Some(json!({
                    "agent_id": self.agent_id,
                    "status": self.agent_state,
                    "reason": self.not_ready_reason.clone().unwrap_or_default(),
                    "interactions": list,
                }));
            }
            "setStatus" => {
                let st = arg_s(0).unwrap_or_default().to_ascii_lowercase();
                if (st == "ready" || st == "not_ready") && self.interactions.is_empty() {
                    let reason = if st == "not_ready" {
                        arg_s(1).filter(|r| !r.is_empty())
                    } else {
                        None
                    };
                    self.set_agent(&st, reason, &mut out);
                }
            }
            "dialNumber" => {
                let phone = arg_s(0).unwrap_or_default();
                if !phone.is_empty() {
                    let id = self.new_id();
                    let mut i = self.new_interaction(id.clone(), "voice", "delivered");
                    i.direction = Some("outbound".into());
                    i.phone = Some(phone);
                    self.add(i, &mut out);
                    self.active = Some(id);
                    self.recompute_agent(false, &mut out);
                }
            }
            "terminateInteraction" => {
                if let Some(id) = arg_s(0) {
                    if matches!(self.state_of(&id), Some("delivered" | "hold")) {
                        self.set_state(&id, "wrap_up", &mut out);
                        self.recompute_agent(false, &mut out);
                    }
                }
            }
            "completeInteraction" | "completeInteractionWithDisp" => {
                if let Some(id) = arg_s(0) {
                    if self
                        .find(&id)
                        .is_some_and(|i| i.state != "delivery_pending")
                    {
                        if method == "completeInteractionWithDisp" {
                            if let Some(i) = self.find_mut(&id) {
                                i.disposition = arg_s(1);
                                if let Some(n) = arg_s(2) {
                                    i.notes.push(n);
                                }
                            }
                        }
                        self.remove(&id, &mut out);
                        self.recompute_agent(true, &mut out);
                    }
                }
            }
            "setDisposition" | "setDispositionByName" => {
                if let (Some(id), Some(d)) = (arg_s(0), arg_s(1)) {
                    if let Some(i) = self.find_mut(&id) {
                        i.disposition = Some(d);
                    }
                }
            }
            "singleStepTransfer" => {
                if let Some(id) = self.active.clone() {
                    if self.state_of(&id) == Some("delivered") {
                        self.set_state(&id, "wrap_up", &mut out);
                        self.recompute_agent(false, &mut out);
                    }
                }
            }
            "getCallRecordingStatus"
            | "startCallRecording"
            | "stopCallRecording"
            | "muteCallRecording"
            | "unmuteCallRecording" => {
                if let Some(id) = self.active.clone() {
                    if let Some(i) = self.find_mut(&id) {
                        match method {
                            "startCallRecording" => i.recording = true,
                            "stopCallRecording" => i.recording = false,
                            "muteCallRecording" => i.muted = true,
                            "unmuteCallRecording" => i.muted = false,
                            _ => {}
                        }
                        let (rec, muted) = (i.recording, i.muted);
                        let wire = spec
                            .method(ApiId::Embedded, method)
                            .map(|m| m.wire.clone())
                            .unwrap_or_default();
                        result = Some(json!({
                            "item_id": id,
                            "call_id": format!("{id}/1"),
                            "command": wire,
                            "recording": if rec { "1" } else { "0" },
                            "muted": if muted { "1" } else { "0" },
                        }));
                    }
                }
            }
            _ => {}
        }
        // Only methods whose answer comes back through a callback have a result.
        let has_result = spec
            .method(ApiId::Embedded, method)
            .is_some_and(|m| m.result.is_some());
        if !has_result {
            result = None;
        }
        Outcome {
            result,
            events: out,
        }
    }
}
