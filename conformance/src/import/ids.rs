//! The desktop's ids paired with the reference model's. The desktop generates the ids of the
//! interactions a call creates (startCall, dialNumber, consultCall), the model its own `sim-N`:
//! a first meeting of the two, in an event or a result, pairs them, and from then on the log's
//! arguments reach the model translated and messages name the ids as the log does. Two events
//! are the same one when their identity (see [`IDENTITY_KEYS`]) matches under the pairing.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::wire::{Emitted, map_strings};

/// Keys whose values identify an interaction.
const ID_KEYS: [&str; 4] = ["interactionId", "item_id", "id", "activeInteractionId"];

/// The payload keys that tell one event from another of the same name: the interaction, its
/// state, the agent's status, login or logout. The other fields (times, parties, flags) are
/// details a provider replay compares, and the import warns about, but they never make an
/// event a different one.
const IDENTITY_KEYS: [&str; 6] = [
    "interactionId",
    "item_id",
    "state",
    "status",
    "isLoggedIn",
    "login",
];

/// Log id -> model id, where they differ.
#[derive(Debug, Default)]
pub(super) struct IdPairs {
    pub(super) log_to_model: BTreeMap<String, String>,
}

impl IdPairs {
    /// A log value with the ids the model knows under another name translated, as a replay
    /// runner sends a recording's arguments.
    pub(super) fn translate_value(&self, v: &Value) -> Value {
        map_strings(v, &|s| self.to_model(s).to_owned())
    }

    /// The inverse of `translate_value`, for messages: they name the ids as the log does.
    pub(super) fn to_log_value(&self, v: &Value) -> Value {
        map_strings(v, &|s| self.to_log(s).to_owned())
    }

    pub(super) fn translate(&self, args: &[Value]) -> Vec<Value> {
        args.iter().map(|a| self.translate_value(a)).collect()
    }

    pub(super) fn to_model<'a>(&'a self, log_id: &'a str) -> &'a str {
        self.log_to_model.get(log_id).map_or(log_id, String::as_str)
    }

    pub(super) fn to_log<'a>(&'a self, model_id: &'a str) -> &'a str {
        self.log_to_model
            .iter()
            .find(|(_, m)| *m == model_id)
            .map_or(model_id, |(l, _)| l.as_str())
    }

    /// Whether `log` names the model's `model` id; a first meeting of a desktop-generated id
    /// with a model-generated one (`sim-N`, see `Model`) is a new binding, added to `binds`.
    pub(super) fn same_id(
        &self,
        model: &str,
        log: &str,
        binds: &mut Vec<(String, String)>,
    ) -> bool {
        let bound = self
            .log_to_model
            .get(log)
            .or_else(|| binds.iter().find(|(l, _)| l == log).map(|(_, m)| m));
        let taken = |m: &str| {
            self.log_to_model.values().any(|x| x == m) || binds.iter().any(|(_, x)| x == m)
        };
        match bound {
            Some(m) => m == model,
            None if log == model => !taken(model),
            None if model.starts_with("sim-") && !taken(model) => {
                binds.push((log.to_string(), model.to_string()));
                true
            }
            None => false,
        }
    }

    pub(super) fn same_value(
        &self,
        model: &Value,
        log: &Value,
        binds: &mut Vec<(String, String)>,
    ) -> bool {
        match (model, log) {
            (Value::Object(m), Value::Object(l)) => {
                IDENTITY_KEYS.iter().all(|k| match (m.get(*k), l.get(*k)) {
                    (None, None) => true,
                    (Some(Value::String(a)), Some(Value::String(b))) if ID_KEYS.contains(k) => {
                        self.same_id(a, b, binds)
                    }
                    (Some(a), Some(b)) => a == b,
                    _ => false,
                })
            }
            (Value::String(m), Value::String(l)) => self.same_id(m, l, binds),
            (Value::Array(m), Value::Array(l)) => {
                m.len() == l.len() && m.iter().zip(l).all(|(a, b)| self.same_value(a, b, binds))
            }
            (m, l) => m == l,
        }
    }

    /// Whether the model's event is the log's: same name, same identity (see `IDENTITY_KEYS`).
    /// Returns the id bindings the match makes.
    pub(super) fn same(
        &self,
        model: &Emitted,
        event: &str,
        args: &[Value],
    ) -> Option<Vec<(String, String)>> {
        if model.event != event || model.args.len() != args.len() {
            return None;
        }
        let mut binds = Vec::new();
        model
            .args
            .iter()
            .zip(args)
            .all(|(m, l)| self.same_value(m, l, &mut binds))
            .then_some(binds)
    }

    /// Binds the ids a result reports (`startCall` answers `{id}`) to the model's.
    pub(super) fn learn_ids(&mut self, model: &Value, log: &Value, key: &str) {
        match (model, log) {
            (Value::String(m), Value::String(l)) if ID_KEYS.contains(&key) => {
                let mut binds = Vec::new();
                if self.same_id(m, l, &mut binds) {
                    self.log_to_model.extend(binds);
                }
            }
            (Value::Object(m), Value::Object(l)) => {
                for (k, mv) in m {
                    if let Some(lv) = l.get(k) {
                        self.learn_ids(mv, lv, k);
                    }
                }
            }
            (Value::Array(m), Value::Array(l)) if m.len() == l.len() => {
                for (mv, lv) in m.iter().zip(l) {
                    self.learn_ids(mv, lv, key);
                }
            }
            _ => {}
        }
    }
}
