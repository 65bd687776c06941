//! The canonical history 5.19 → 5.24 → latest agrees with the vendor's version history
//! (`../shared/reference/brightpattern-api.md`); every breaking data finding has a witness
//! that the validator confirms. Where the diff and the history seem to disagree, `docs/diff.md`
//! explains why.

use adcontract_diff::{Diff, Finding, Verdict, diff};
use adcontract_schema::validate::{Options, Validator};

use crate::side;

fn run(old: &str, new: &str) -> Diff {
    diff(&side(old), &side(new)).unwrap()
}

/// The finding of `rule` whose site ends with `at` (and whose message mentions `what`).
fn find<'a>(d: &'a Diff, rule: &str, at: &str, what: &str) -> &'a Finding {
    d.findings
        .iter()
        .find(|f| {
            f.rule == rule && f.sites.iter().any(|s| s.ends_with(at)) && f.message.contains(what)
        })
        .unwrap_or_else(|| {
            panic!(
                "{} → {}: no {rule} at …{at} mentioning {what:?}",
                d.old, d.new
            )
        })
}

#[test]
fn from_5_19_to_5_24() {
    let d = run("5.19", "5.24");
    // Types 2024-02-23 ("Support for API v 5.24.1"): reserved and ringing agent states.
    for v in ["reserved", "ringing"] {
        let f = find(
            &d,
            "enum-value-added",
            "AgentStateData.state → AgentState",
            v,
        );
        assert_eq!(
            (f.consumer, f.provider),
            (Verdict::Breaking, Verdict::Breaking),
            "reached from in and out"
        );
    }
    find(&d, "enum-value-added", "ChatChannelType", "whatsapp");
    find(
        &d,
        "enum-value-added",
        "InteractionOrigination",
        "chat-center",
    );
    for m in [
        "inviteToChatConference",
        "removeFromChatConference",
        "activatePage",
        "getInteractionsState",
        "setCallRecordingMute",
        "setDialCandidates",
    ] {
        let f = find(&d, "method-added", &format!("methods.{m}"), m);
        assert_eq!(
            (f.consumer, f.provider),
            (Verdict::Compatible, Verdict::Breaking)
        );
    }
    for e in [
        "ON_GET_KNOWLEDGE_BASE_FOLDER",
        "ON_VALIDATE_ASSOCIATED_RECORDS",
        "ON_REQUEST_RECORD_INFO",
    ] {
        find(&d, "event-added", &format!("events.{e}"), e);
    }
    // chatParties (Apr-2023) is required: old providers do not send it.
    let f = find(
        &d,
        "property-added-required",
        "InteractionData.chatParties",
        "chatParties",
    );
    assert_eq!(f.provider, Verdict::Breaking);
    // selected: string | null became string[] (2024 types).
    find(
        &d,
        "became-non-nullable",
        "InteractionAssociatedObjectsData.selected",
        "null",
    );
    find(
        &d,
        "type-changed",
        "InteractionAssociatedObjectsData.selected",
        "string[]",
    );
    find(
        &d,
        "param-appended-optional",
        "ON_SEARCH_RECORDS.params[2]",
        "inNewTab",
    );
    find(
        &d,
        "param-appended-optional",
        "ON_OPEN_RECORD.params[2]",
        "options",
    );
    find(&d, "deprecated", "InteractionData.subject", "subject");
    find(
        &d,
        "constant-removed",
        "constants.responseSuffix",
        "responseSuffix",
    );
}

#[test]
fn from_5_24_to_latest() {
    let d = run("5.24", "latest");
    // The example of the issue: dialpad-search leaves InteractionOrigination.
    let f = find(
        &d,
        "enum-value-removed",
        "InteractionData.origination → JSAPI_InteractionOrigination (was InteractionOrigination)",
        "dialpad-search",
    );
    assert!(
        f.sites
            .iter()
            .any(|s| s.starts_with("widget.events.ON_INTERACTION_REMOVED.params[0]"))
    );
    assert!(!f.planned, "dialpad-search was never deprecated");
    for v in [
        "internal-chat-page",
        "topbar",
        "supervisor-screen",
        "transfer-panel",
    ] {
        find(&d, "enum-value-added", "(was InteractionOrigination)", v);
    }
    find(&d, "enum-value-added", "ChatChannelType", "ms_teams");
    find(&d, "method-added", "methods.openLogin", "openLogin");
    find(
        &d,
        "event-added",
        "events.ON_SUMMARY_GENERATION_STARTED",
        "STARTED",
    );
    find(
        &d,
        "event-added",
        "events.ON_SUMMARY_GENERATION_COMPLETED",
        "COMPLETED",
    );
    find(
        &d,
        "property-added-required",
        "InteractionData.internal",
        "internal",
    );
    find(
        &d,
        "property-added-optional",
        "InteractionData.interactionKind",
        "interactionKind",
    );
    // needResponse became true in Jul-2026; the answer may be omitted.
    let f = find(
        &d,
        "event-answer-added-optional",
        "ON_SAVE_ACTIVITY_RECORD.response",
        "may now answer",
    );
    assert_eq!(
        (f.consumer, f.provider),
        (Verdict::Compatible, Verdict::Breaking)
    );
    // login: removed in Feb-2026 and restored in Jul-2026, so present on both sides.
    assert!(
        !d.findings.iter().any(|f| f.site.contains("methods.login")),
        "login is in both"
    );
    // sessionId: removed in Feb-2026 and restored in Jul-2026.
    assert!(!d.findings.iter().any(|f| f.site.contains("sessionId")));
}

#[test]
fn from_5_19_to_latest_composes_the_two_steps() {
    let d = run("5.19", "latest");
    find(
        &d,
        "enum-value-removed",
        "(was InteractionOrigination)",
        "dialpad-search",
    );
    find(&d, "method-added", "methods.openLogin", "openLogin");
    find(
        &d,
        "method-added",
        "methods.setDialCandidates",
        "setDialCandidates",
    );
    // customFields was string[] in 5.24 only: 5.19 and latest agree.
    assert!(!d.findings.iter().any(|f| f.site.ends_with("customFields")));
}

#[test]
fn every_breaking_data_finding_has_a_witness_the_validator_confirms() {
    let mut checked = 0;
    for (a, b) in [
        ("5.19", "5.24"),
        ("5.24", "latest"),
        ("5.19", "latest"),
        ("latest", "5.19"),
    ] {
        let (old, new) = (side(a), side(b));
        let d = diff(&old, &new).unwrap();
        assert!(
            d.missing_witnesses.is_empty(),
            "{a} → {b}: {:?}",
            d.missing_witnesses
        );
        let vo = Validator::new(&old.ir, Options::default()).unwrap();
        let vn = Validator::new(&new.ir, Options::default()).unwrap();
        for f in &d.findings {
            let Some(w) = &f.witness else { continue };
            // Re-check independently where the witness is checked against a named type.
            let (Ok(o), Ok(n)) = (
                vo.is_valid(&w.against, &w.value),
                vn.is_valid(&w.against, &w.value),
            ) else {
                continue;
            };
            let valid_old = w.valid_in == adcontract_diff::model::Side::Old;
            assert_eq!(
                (o, n),
                (valid_old, !valid_old),
                "{a} → {b}: {} {}: {}",
                f.rule,
                f.site,
                w.value
            );
            checked += 1;
        }
    }
    assert!(checked > 10, "only {checked} witnesses re-checked");
}

#[test]
fn a_view_diffed_with_itself_has_no_findings() {
    for v in ["5.19", "5.24", "latest"] {
        assert!(run(v, v).findings.is_empty(), "{v}");
    }
}

#[test]
fn reversing_a_diff_swaps_additions_and_removals() {
    let swap = |rule: &str| -> Option<&'static str> {
        Some(match rule {
            "method-added" => "method-removed",
            "method-removed" => "method-added",
            "event-added" => "event-removed",
            "event-removed" => "event-added",
            "type-added" => "type-removed",
            "type-removed" => "type-added",
            "enum-value-added" => "enum-value-removed",
            "enum-value-removed" => "enum-value-added",
            "constant-added" => "constant-removed",
            "constant-removed" => "constant-added",
            _ => return None,
        })
    };
    for (a, b) in [("5.19", "5.24"), ("5.24", "latest"), ("5.19", "latest")] {
        let (fwd, back) = (run(a, b), run(b, a));
        for f in &fwd.findings {
            let Some(other) = swap(f.rule) else { continue };
            let name = |m: &str| m.split('`').nth(1).map(str::to_owned);
            let twin = back
                .findings
                .iter()
                .any(|g| g.rule == other && name(&g.message) == name(&f.message));
            assert!(
                twin,
                "{a} → {b}: {} {} has no {other} back",
                f.rule, f.message
            );
        }
    }
}
