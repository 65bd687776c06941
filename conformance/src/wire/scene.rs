//! The fixtures a provider must apply, typed: what a recording's `fixture` entry or the protocol's
//! `fixture` request asks for, parsed once, so that a Rust implementation matches on variants
//! instead of reading JSON. The names and arguments are those of [`crate::reference::model::FIXTURES`] and
//! `docs/conformance/recording.md`; the reference model reads the same JSON.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// The channel of an offered interaction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Channel {
    #[default]
    Voice,
    Chat,
    Email,
}

/// One fixture with its arguments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "fixture", content = "args", rename_all = "camelCase")]
pub enum Fixture {
    /// The agent logs in through the desktop's own UI and becomes ready.
    Login(Login),
    /// An interaction is offered to the agent (an inbound call, chat or email).
    Offer(Offer),
    /// The agent accepts an offered interaction in the desktop's UI.
    Accept(Target),
    /// The other party ends a voice call or a chat: the interaction goes to wrap-up.
    RemoteEnd(Target),
    /// The desktop emits an event with the given arguments (notifications, data requests).
    Emit(Emit),
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Login {
    /// The agent's id; the implementation picks one when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Offer {
    pub interaction_id: String,
    #[serde(default, rename = "type")]
    pub channel: Channel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Target {
    pub interaction_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Emit {
    /// The event's wire name (`ON_GET_KNOWLEDGE_BASE_ARTICLE`).
    pub event: String,
    /// Its positional arguments.
    #[serde(default)]
    pub args: Vec<Value>,
}

/// A fixture that does not parse: an unknown name, or arguments that do not fit it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("fixture {name:?}: {problem}")]
pub struct FixtureParseError {
    /// The fixture's name as given.
    pub name: String,
    /// What is wrong, in serde's words (`unknown variant`, `missing field`).
    pub problem: String,
}

impl Fixture {
    /// Parses a fixture from its name and JSON arguments (an absent `args` is `{}`). The error
    /// names the fixture and what is wrong with its arguments.
    pub fn parse(name: &str, args: &Value) -> Result<Fixture, FixtureParseError> {
        let args = if args.is_null() {
            json!({})
        } else {
            args.clone()
        };
        serde_json::from_value(json!({ "fixture": name, "args": args })).map_err(|e| {
            FixtureParseError {
                name: name.to_string(),
                problem: e.to_string(),
            }
        })
    }

    /// The fixture's name, as recordings and the protocol write it.
    pub fn name(&self) -> &'static str {
        match self {
            Fixture::Login(_) => "login",
            Fixture::Offer(_) => "offer",
            Fixture::Accept(_) => "accept",
            Fixture::RemoteEnd(_) => "remoteEnd",
            Fixture::Emit(_) => "emit",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::model::FIXTURES;

    #[test]
    fn parses_every_documented_fixture_and_round_trips() {
        let cases = [
            ("login", json!({ "agentId": "jsmith" })),
            ("login", Value::Null),
            (
                "offer",
                json!({ "interactionId": "c-1", "type": "chat", "service": "Support" }),
            ),
            ("accept", json!({ "interactionId": "c-1" })),
            ("remoteEnd", json!({ "interactionId": "c-1" })),
            ("emit", json!({ "event": "ON_LOGOUT", "args": [] })),
        ];
        for (name, args) in cases {
            let f = Fixture::parse(name, &args).unwrap();
            assert_eq!(f.name(), name);
            let back = serde_json::to_value(&f).unwrap();
            assert_eq!(back["fixture"], name);
            if !args.is_null() {
                assert_eq!(back["args"], args, "{name}");
            }
        }
        let documented: Vec<&str> = FIXTURES.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            documented,
            ["login", "offer", "accept", "remoteEnd", "emit"],
            "a fixture was added to the model: add it to `Fixture` too"
        );
    }

    #[test]
    fn an_offer_defaults_to_voice_and_rejects_other_channels() {
        let f = Fixture::parse("offer", &json!({ "interactionId": "v" })).unwrap();
        assert!(matches!(
            f,
            Fixture::Offer(Offer {
                channel: Channel::Voice,
                ..
            })
        ));
        let e = Fixture::parse("offer", &json!({ "interactionId": "v", "type": "fax" }));
        assert!(e.unwrap_err().problem.contains("fax"));
        let e = Fixture::parse("accept", &json!({})).unwrap_err();
        assert!(e.problem.contains("interactionId"), "{e}");
        assert!(e.to_string().starts_with("fixture \"accept\": "), "{e}");
        let e = Fixture::parse("teleport", &json!({}));
        assert!(e.unwrap_err().problem.contains("teleport"));
    }
}
