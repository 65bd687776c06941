//! The rule catalogue: every check the suite makes, with a stable ID, a one-line statement,
//! where the rule comes from, and a severity. A failure always names its rule.

use serde::Serialize;
use serde_json::Value;

/// Where a rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// A help.brightpattern.com page.
    Doc,
    /// The vendor's TypeScript types.
    Types,
    /// The contract's schema (which itself cites doc/types per item).
    Schema,
    /// Deduced by adcontract; stated nowhere. Said as such.
    Inferred,
    /// The harness protocol (adcontract's own).
    Protocol,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One rule.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Rule {
    pub id: &'static str,
    pub statement: &'static str,
    pub origin: Origin,
    /// The page or file the rule is drawn from, when there is one.
    pub reference: &'static str,
    pub severity: Severity,
}

const fn r(
    id: &'static str,
    statement: &'static str,
    origin: Origin,
    reference: &'static str,
) -> Rule {
    Rule {
        id,
        statement,
        origin,
        reference,
        severity: Severity::Error,
    }
}

use Origin::{Doc, Inferred, Protocol, Schema, Types};

/// The catalogue, in the order of `docs/conformance/rules.md`.
pub const RULES: &[Rule] = &[
    r(
        "AD-PAYLOAD-VALID",
        "Every method argument, result, event argument and event response is valid in the chosen API version.",
        Schema,
        "schema/canonical",
    ),
    r(
        "AD-EVENT-KNOWN",
        "Every emitted event exists in the chosen API and version.",
        Schema,
        "schema/canonical",
    ),
    r(
        "AD-EVENT-UNKNOWN-INTERACTION",
        "No event refers to an interaction that has not appeared (ON_NEW_INTERACTION / INTERACTION_RENDERED).",
        Inferred,
        "onNewInteraction, onInteractionStateChange",
    ),
    r(
        "AD-NEW-ONCE",
        "An interaction id appears (ON_NEW_INTERACTION) at most once.",
        Inferred,
        "onNewInteraction",
    ),
    r(
        "AD-REMOVED-ONCE",
        "ON_INTERACTION_REMOVED comes exactly once per interaction, after it appeared.",
        Doc,
        "5.19 onInteractionEnd",
    ),
    r(
        "AD-AFTER-REMOVED",
        "Nothing refers to an interaction after its ON_INTERACTION_REMOVED.",
        Inferred,
        "5.19 onInteractionEnd",
    ),
    r(
        "AD-LIFECYCLE-TRANSITION",
        "Interaction states change only along the lifecycle (offered -> delivered <-> hold -> wrap_up -> completed).",
        Inferred,
        "InteractionState (types), docs/conformance/rules.md#lifecycle",
    ),
    r(
        "AD-TERMINATE-WRAPUP",
        "A successful terminate (API B terminateInteraction, API A leaveInteraction) puts the interaction in wrap_up and the agent in after_call_work when nothing else is connected.",
        Doc,
        "5.19 Embedded SDK UseCases/CompleteInteraction; leaveInteraction inferred",
    ),
    r(
        "AD-COMPLETE-REMOVED",
        "A successful completeInteraction removes the interaction (ON_INTERACTION_REMOVED / INTERACTION_COMPLETED) in the same exchange.",
        Doc,
        "5.19 Embedded SDK UseCases/CompleteInteraction",
    ),
    r(
        "AD-COMPLETE-READY",
        "After completeInteraction, the agent is ready when no other interaction is live.",
        Doc,
        "5.19 Embedded SDK UseCases/CompleteInteraction",
    ),
    r(
        "AD-NONVOICE-CALL-FLAGS",
        "callMuted and callRecording are false on chat and email interactions.",
        Inferred,
        "InteractionData",
    ),
    r(
        "AD-TIME-ORDER",
        "endTime >= startTime, and duration (seconds) = (endTime - startTime) / 1000 within one second.",
        Inferred,
        "InteractionData; units inferred from BP's ServiceNow adapter",
    ),
    r(
        "AD-ERROR-CODE",
        "Error results carry the right name and its code: no_interaction for an unknown interaction id, invalid_args for arguments the schema rejects, not_logged_in before login.",
        Types,
        "ResultErrorCodes; APIMethods",
    ),
    r(
        "AD-RESULT-SHAPE",
        "API A results are OperationResults: status success with data, or status error with error.",
        Doc,
        "5.19 APIMethods",
    ),
    r(
        "AD-RESPONSE-PRESENCE",
        "A consumer answers exactly the events that expect a response (needResponse).",
        Types,
        "callbackMessages.needResponse",
    ),
    r(
        "AD-CONSUMER-VIEW",
        "A consumer's list of live interactions matches the events it was given (seed example: interactionsList).",
        Inferred,
        "seeds/003 (CompleteInteraction use case)",
    ),
    r(
        "AD-REPLAY-RESULT",
        "Replaying a recording, each result matches the recorded one (volatile values aside).",
        Protocol,
        "docs/conformance/recording.md",
    ),
    r(
        "AD-REPLAY-EVENTS",
        "Replaying a recording, each exchange emits the recorded events, in order (volatile values aside).",
        Protocol,
        "docs/conformance/recording.md",
    ),
    r(
        "AD-MODEL-RESULT",
        "In generated tests, each result matches the reference model's (volatile values aside).",
        Inferred,
        "conformance/src/reference/model/",
    ),
    r(
        "AD-MODEL-EVENTS",
        "In generated tests, each exchange emits the reference model's events, in order.",
        Inferred,
        "conformance/src/reference/model/",
    ),
    r(
        "PROTO-HANDSHAKE",
        "The implementation answers start with the protocol version, its name and version, role and APIs.",
        Protocol,
        "docs/conformance/protocol.md",
    ),
    r(
        "PROTO-REPLY",
        "Every reply is one JSON line with the request's id and the fields its command requires.",
        Protocol,
        "docs/conformance/protocol.md",
    ),
    r(
        "PROTO-TIMEOUT",
        "Every request is answered within the configured deadline.",
        Protocol,
        "docs/conformance/protocol.md",
    ),
    r(
        "PROTO-CRASH",
        "The implementation stays alive until it is told to stop.",
        Protocol,
        "docs/conformance/protocol.md",
    ),
    r(
        "PROTO-ERRORED",
        "The implementation handles every request it accepted (no `error` replies).",
        Protocol,
        "docs/conformance/protocol.md",
    ),
];

/// Looks a rule up by id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    pub rule: &'static str,
    pub message: String,
    /// The recording entry or step (sequence number) where it was seen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seq: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<Value>,
}

impl Violation {
    pub fn new(rule: &'static str, seq: Option<u64>, message: impl Into<String>) -> Violation {
        debug_assert!(self::rule(rule).is_some(), "unknown rule {rule}");
        Violation {
            rule,
            message: message.into(),
            seq,
            expected: None,
            actual: None,
        }
    }

    pub fn diff(mut self, expected: &Value, actual: &Value) -> Violation {
        self.expected = Some(expected.clone());
        self.actual = Some(actual.clone());
        self
    }
}

/// The catalogue as Markdown (the body of `docs/conformance/rules.md`'s table).
pub fn markdown_table() -> String {
    let mut s =
        String::from("| ID | statement | source | reference | severity |\n|---|---|---|---|---|\n");
    for r in RULES {
        let origin = match r.origin {
            Doc => "doc",
            Types => "vendor types",
            Schema => "schema",
            Inferred => "inferred",
            Protocol => "protocol",
        };
        let sev = match r.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        s.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            r.id, r.statement, origin, r.reference, sev
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_well_formed() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(n, ids.len());
        assert!(
            RULES
                .iter()
                .all(|r| r.id.chars().all(|c| c.is_ascii_uppercase() || c == '-'))
        );
    }
}
