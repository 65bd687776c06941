//! Comparing what an implementation answered with what was recorded: the same JSON, except
//! that volatile values (times, durations, free text) need only be of the same kind, and ids the
//! implementation generates are bound to the recorded ones on first meeting ([`Ids`]) and must
//! then correspond everywhere.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::wire::map_strings;

const ID_KEYS: &[&str] = &["interactionId", "item_id", "id", "activeInteractionId"];
const VOLATILE_KEYS: &[&str] = &[
    "startTime",
    "endTime",
    "duration",
    "timestamp",
    "message",
    "globalInteractionId",
    "global_id",
    "call_id",
    "recording_url",
    "sessionId",
];

/// Recorded-id -> actual-id bindings for ids the implementation generates.
#[derive(Debug, Clone, Default)]
pub struct Ids {
    map: BTreeMap<String, String>,
}

impl Ids {
    /// Bindings known beforehand (recorded id -> actual id), as `record import` knows them from
    /// pairing a log with the model.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a String, &'a String)>) -> Ids {
        Ids {
            map: pairs
                .into_iter()
                .map(|(r, a)| (r.clone(), a.clone()))
                .collect(),
        }
    }

    pub(super) fn translate(&self, v: &Value) -> Value {
        map_strings(v, &|s| self.map.get(s).map_or(s, String::as_str).to_owned())
    }

    fn bind(&mut self, rec: &str, act: &str) -> bool {
        match self.map.get(rec) {
            Some(a) => a == act,
            None => {
                if rec != act && self.map.values().any(|a| a == act) {
                    return false;
                }
                self.map.insert(rec.to_string(), act.to_string());
                true
            }
        }
    }
}

/// Where a recorded value and an actual one first differ, and how.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{at}: {what}")]
pub struct Mismatch {
    /// The place: the `path` given to [`matches`] followed by `/key` and `/index` steps.
    pub at: String,
    /// What differs there (`expected "ready", got "busy"`, `missing (recorded 3)`).
    pub what: String,
}

impl Mismatch {
    fn at(at: impl Into<String>, what: String) -> Mismatch {
        Mismatch {
            at: at.into(),
            what,
        }
    }
}

/// Compares a recorded value with an actual one; `Err` at the first difference.
pub fn matches(
    rec: &Value,
    act: &Value,
    key: &str,
    path: &str,
    ids: &mut Ids,
) -> Result<(), Mismatch> {
    if VOLATILE_KEYS.contains(&key) {
        let same_kind = std::mem::discriminant(rec) == std::mem::discriminant(act)
            || (rec.is_number() && act.is_number());
        return if same_kind {
            Ok(())
        } else {
            Err(Mismatch::at(
                path,
                format!("expected a {} like {rec}, got {act}", kind(rec)),
            ))
        };
    }
    match (rec, act) {
        // A bare string (a positional argument such as ON_ACTIVE_INTERACTION_SWITCHED's id) is an
        // id when it looks like a simulated one or was already seen under an id key: a real
        // desktop's ids (imported logs) look like anything.
        (Value::String(r), Value::String(a))
            if ID_KEYS.contains(&key)
                || key.is_empty() && (r.starts_with("sim-") || ids.map.contains_key(r)) =>
        {
            if ids.bind(r, a) {
                Ok(())
            } else {
                Err(Mismatch::at(
                    path,
                    format!("id {a:?} does not correspond to recorded {r:?}"),
                ))
            }
        }
        (Value::Object(r), Value::Object(a)) => {
            for (k, rv) in r {
                let p = format!("{path}/{k}");
                match a.get(k) {
                    Some(av) => matches(rv, av, k, &p, ids)?,
                    None => return Err(Mismatch::at(p, format!("missing (recorded {rv})"))),
                }
            }
            if let Some(k) = a.keys().find(|k| !r.contains_key(*k)) {
                return Err(Mismatch::at(
                    format!("{path}/{k}"),
                    format!("not in the recording (got {})", a[k]),
                ));
            }
            Ok(())
        }
        (Value::Array(r), Value::Array(a)) => {
            if r.len() != a.len() {
                return Err(Mismatch::at(
                    path,
                    format!("{} items recorded, {} given", r.len(), a.len()),
                ));
            }
            for (i, (rv, av)) in r.iter().zip(a).enumerate() {
                matches(
                    rv,
                    av,
                    if ID_KEYS.contains(&key) { key } else { "" },
                    &format!("{path}/{i}"),
                    ids,
                )?;
            }
            Ok(())
        }
        (Value::Number(r), Value::Number(a)) if r.as_f64() == a.as_f64() => Ok(()),
        (r, a) if r == a => Ok(()),
        (r, a) => Err(Mismatch::at(path, format!("expected {r}, got {a}"))),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_bare_string_is_matched_as_an_id_once_it_was_seen_as_one() {
        let mut ids = Ids::default();
        // A desktop-generated id (an imported log's), first under an id key...
        let rec = json!({ "interactionId": "c0a8-91" });
        let act = json!({ "interactionId": "sim-3" });
        assert!(matches(&rec, &act, "", "", &mut ids).is_ok());
        // ...then as a positional argument: the binding holds, and a wrong id is named.
        assert!(matches(&json!(["c0a8-91"]), &json!(["sim-3"]), "", "", &mut ids).is_ok());
        let e = matches(&json!(["c0a8-91"]), &json!(["sim-4"]), "", "", &mut ids).unwrap_err();
        assert!(e.what.contains("does not correspond"), "{e}");
        // A string never seen as an id is still compared as it is.
        let e = matches(&json!(["ready"]), &json!(["busy"]), "", "", &mut ids).unwrap_err();
        assert_eq!(e.to_string(), "/0: expected \"ready\", got \"busy\"");
    }

    #[test]
    fn the_first_difference_is_named_with_its_place() {
        let mut ids = Ids::default();
        let e = matches(
            &json!({ "a": [1, { "b": true }] }),
            &json!({ "a": [1, { "b": false }] }),
            "",
            "ON_X",
            &mut ids,
        );
        assert_eq!(
            e,
            Err(Mismatch {
                at: "ON_X/a/1/b".into(),
                what: "expected true, got false".into()
            })
        );
        let e = matches(&json!({}), &json!({ "c": 1 }), "", "", &mut ids).unwrap_err();
        assert_eq!(e.to_string(), "/c: not in the recording (got 1)");
        // A volatile value needs only the same kind.
        assert!(matches(&json!(1), &json!(2), "startTime", "", &mut ids).is_ok());
        let e = matches(&json!(1), &json!("x"), "startTime", "/t", &mut ids).unwrap_err();
        assert_eq!(e.to_string(), "/t: expected a number like 1, got \"x\"");
    }
}
