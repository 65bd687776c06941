//! Vendor-shaped data through the facade modules: unknown fields and an unknown `state` parse,
//! re-serialize value-equal, and validation reports them with JSON pointers.

use adcontract_schema::diag::Severity;
use serde_json::{Value, json};

pub(crate) fn latest_sample() -> Value {
    json!({
        "interactionId": "int-1",
        "globalInteractionId": "g-1",
        "state": "transferring_to_mars",
        "type": "voice",
        "callParties": [{ "id": "p1", "name": "Ann", "phone": "+15550100" }],
        "callMuted": false,
        "callRecording": true,
        "chatParties": [],
        "attachedData": { "crm": "x" },
        "internal": false,
        "subject": "",
        "associatedObjects": { "list": [], "selected": [] },
        "DNIS": "5550100",
        "startTime": 1700000000000u64,
        "duration": 12.5,
        "agentId": "agent-7",
        "vendorNew": { "nested": [1, 2.5, null] }
    })
}

pub(crate) fn v5_19_sample() -> Value {
    json!({
        "interactionId": "int-2",
        "state": "delivered",
        "type": "fax",
        "callParties": [],
        "callMuted": true,
        "callRecording": false,
        "attachedData": {},
        "subject": "Hello",
        "associatedObjects": { "list": [], "selected": null },
        "agentId": "agent-7"
    })
}

/// The pointers of errors and warnings.
fn pointers(problems: &[adcontract::Problem], sev: Severity) -> Vec<String> {
    problems
        .iter()
        .filter(|p| p.severity == sev)
        .map(|p| p.pointer.clone())
        .collect()
}

#[test]
fn latest_interaction_data_is_lossless_and_validates_with_pointers() {
    let input = latest_sample();
    let data: adcontract::latest::InteractionData =
        serde_json::from_value(input.clone()).expect("parses");
    assert_eq!(data.state.as_str(), "transferring_to_mars");
    assert!(!data.state.is_known());
    assert!(data.unknown_fields.contains_key("agentId"));
    assert_eq!(serde_json::to_value(&data).expect("serializes"), input);
    let problems = data.validate().expect("validator runs");
    assert_eq!(
        pointers(&problems, Severity::Error),
        ["/state"],
        "{problems:#?}"
    );
    let warnings = pointers(&problems, Severity::Warning);
    assert!(
        warnings.contains(&"/agentId".to_owned()) && warnings.contains(&"/vendorNew".to_owned()),
        "{problems:#?}"
    );
    // Same verdicts as the view-level validator `adcontract validate` uses.
    assert_eq!(
        adcontract::latest::validate("InteractionData", &input).expect("runs"),
        problems
    );
}

#[test]
fn v5_19_interaction_data_is_lossless_and_validates_with_pointers() {
    let input = v5_19_sample();
    let data: adcontract::v5_19::InteractionData =
        serde_json::from_value(input.clone()).expect("parses");
    assert_eq!(serde_json::to_value(&data).expect("serializes"), input);
    let problems = data.validate().expect("validator runs");
    assert_eq!(
        pointers(&problems, Severity::Error),
        ["/type"],
        "{problems:#?}"
    );
    assert_eq!(
        pointers(&problems, Severity::Warning),
        ["/agentId"],
        "{problems:#?}"
    );
}

#[test]
fn absent_null_and_value_stay_distinct() {
    // A required property missing is a parse error even when it may be null.
    let mut v = latest_sample();
    if let Some(o) = v.as_object_mut() {
        o.remove("interactionId");
    }
    assert!(serde_json::from_value::<adcontract::latest::InteractionData>(v).is_err());
    // An optional property that is absent stays absent (not written as null).
    let mut v = latest_sample();
    if let Some(o) = v.as_object_mut() {
        o.remove("DNIS");
    }
    let d: adcontract::latest::InteractionData = serde_json::from_value(v.clone()).expect("parses");
    assert!(d.dnis.is_none());
    assert_eq!(serde_json::to_value(&d).expect("serializes"), v);
}

/// The vendor's generic defaults carry over: `OperationResult` alone is `OperationResult<()>`
/// (`T = void`), `APIPacket` alone carries `unknown[]`.
#[test]
fn generic_parameter_defaults_follow_the_vendor() {
    let done: adcontract::latest::OperationResult =
        serde_json::from_value(json!({ "status": "success", "data": null })).unwrap();
    assert!(matches!(
        done,
        adcontract::latest::OperationResult::Success(_)
    ));
    let with_data: adcontract::latest::OperationResult<String> =
        serde_json::from_value(json!({ "status": "success", "data": "x" })).unwrap();
    assert_eq!(serde_json::to_value(&with_data).unwrap()["data"], "x");

    fn params_of(p: &adcontract::latest::APIPacket) -> &Vec<Value> {
        &p.params
    }
    let packet: adcontract::latest::APIPacket = serde_json::from_value(json!({
        "instanceId": "broadcast", "type": "GET_AGENT_STATE", "uid": "u1", "params": [1, "two"]
    }))
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(params_of(&packet).len(), 2);
}
