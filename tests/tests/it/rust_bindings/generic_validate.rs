//! `validate()` on a value of a generic type checks its generic arguments: the problems (verdicts,
//! pointers, keywords, messages) are exactly those of the IR validator on the instantiated shape
//! (`Ref { name: "OperationResult", args: [Ref LoginStateData] }`), as the conformance suite
//! validates a method's result.

use std::path::Path;

use adcontract::latest::{self, OperationResult};
use adcontract::{ContractShape, Problem};
use adcontract_schema::diag::Severity;
use adcontract_schema::ir::{ArrayShape, Shape};
use adcontract_schema::validate::{Options, Validator};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::common::root;

mod generic {
    adcontract::bindings!(schema = "tests/it/rust_bindings/generic/generic.api.json");
}

fn latest_validator() -> Validator<'static> {
    let ir = latest::contract().expect("the embedded view reads");
    Validator::new(ir, Options::default()).expect("the view's patterns compile")
}

fn r#ref(name: &str, args: Vec<Shape>) -> Shape {
    Shape::Ref {
        name: name.into(),
        args,
    }
}

fn array(items: Shape) -> Shape {
    Shape::Array(Box::new(ArrayShape {
        items,
        min_items: None,
        max_items: None,
    }))
}

fn errors(problems: &[Problem]) -> Vec<String> {
    problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.pointer.clone())
        .collect()
}

fn warnings(problems: &[Problem]) -> Vec<String> {
    problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .map(|p| p.pointer.clone())
        .collect()
}

#[test]
fn operation_result_data_is_validated_as_its_argument() {
    let v = latest_validator();
    let shape = r#ref("OperationResult", vec![r#ref("LoginStateData", Vec::new())]);
    assert_eq!(
        <OperationResult<latest::LoginStateData>>::contract_shape(),
        shape
    );

    // Breaks `LoginStateData` (`sessionId` must be a string) in a way serde cannot see: the
    // property sits in `unknown_fields`, as a typed value built by hand may have it.
    let mut data: latest::LoginStateData =
        serde_json::from_value(json!({ "isLoggedIn": true, "vendorNew": 1 })).expect("parses");
    data.unknown_fields.insert("sessionId".into(), json!(42));
    let typed = OperationResult::Success(latest::OperationResultSuccess {
        status: adcontract::Const::new(),
        data,
        unknown_fields: serde_json::Map::new(),
    });
    let wire = serde_json::to_value(&typed).expect("serializes");
    let problems = typed.validate().expect("validator runs");
    assert_eq!(errors(&problems), ["/data/sessionId"], "{problems:#?}");
    assert_eq!(warnings(&problems), ["/data/vendorNew"]);
    assert_eq!(problems, v.validate_shape(&shape, &wire));
    // Left open (the type by name), the argument is any value: the old behaviour.
    assert!(
        errors(&v.validate("OperationResult", &wire).expect("known")).is_empty(),
        "the open type accepts any data"
    );

    // An unrecognized enum value inside the argument.
    let wire = json!({
        "status": "success",
        "data": { "state": "on_mars", "reservedForIncomingInteraction": false }
    });
    let typed: OperationResult<latest::AgentStateData> =
        serde_json::from_value(wire.clone()).expect("parses");
    let problems = typed.validate().expect("validator runs");
    assert_eq!(errors(&problems), ["/data/state"], "{problems:#?}");
    assert_eq!(
        problems,
        v.validate_shape(
            &r#ref("OperationResult", vec![r#ref("AgentStateData", Vec::new())]),
            &wire
        )
    );

    // Containers: `Vec<T>` is an array of `T`, `Option<T>` is `T | null`.
    let wire = json!({ "status": "success", "data": [
        { "state": "ready", "reservedForIncomingInteraction": false },
        { "state": "on_mars", "reservedForIncomingInteraction": false }
    ] });
    let typed: OperationResult<Vec<latest::AgentStateData>> =
        serde_json::from_value(wire.clone()).expect("parses");
    let problems = typed.validate().expect("validator runs");
    assert_eq!(errors(&problems), ["/data/1/state"], "{problems:#?}");
    let some: OperationResult<Option<latest::AgentStateData>> =
        serde_json::from_value(json!({ "status": "success", "data": wire["data"][1] }))
            .expect("parses");
    assert_eq!(
        errors(&some.validate().expect("validator runs")),
        ["/data/state"]
    );
    let none: OperationResult<Option<latest::LoginStateData>> =
        serde_json::from_value(json!({ "status": "success", "data": null })).expect("parses");
    assert_eq!(none.validate().expect("validator runs"), Vec::new());

    // The default argument (`()`, i.e. `null`) and the error branch.
    let done: OperationResult =
        serde_json::from_value(json!({ "status": "success", "data": null })).expect("parses");
    assert_eq!(done.validate().expect("validator runs"), Vec::new());
    let wire = json!({ "status": "error", "error": { "code": 13, "name": "no_interaction", "message": "none" } });
    let failed: OperationResult<latest::LoginStateData> =
        serde_json::from_value(wire.clone()).expect("parses");
    assert_eq!(
        failed.validate().expect("validator runs"),
        v.validate_shape(
            &r#ref("OperationResult", vec![r#ref("LoginStateData", Vec::new())]),
            &wire
        )
    );
}

#[test]
fn api_packet_default_instantiation_still_validates() {
    let v = latest_validator();
    let wire = json!({
        "instanceId": "broadcast", "type": "GET_AGENT_STATE", "uid": "u1", "params": [1, "two"]
    });
    let packet: latest::APIPacket = serde_json::from_value(wire.clone()).expect("parses");
    let problems = packet.validate().expect("validator runs");
    assert_eq!(problems, Vec::new());
    assert_eq!(
        problems,
        v.validate_shape(&r#ref("APIPacket", vec![array(Shape::Any)]), &wire)
    );
    assert_eq!(problems, v.validate("APIPacket", &wire).expect("known"));

    // Instantiated with a data type, the packet's `params` are that type.
    let mut packet: latest::APIPacket<latest::LoginStateData> = serde_json::from_value(json!({
        "instanceId": "i-1", "type": "LOGIN_STATE", "uid": "u2",
        "params": { "isLoggedIn": false }
    }))
    .expect("parses");
    packet
        .params
        .unknown_fields
        .insert("agentId".into(), json!(false));
    let wire = serde_json::to_value(&packet).expect("serializes");
    let problems = packet.validate().expect("validator runs");
    assert_eq!(errors(&problems), ["/params/agentId"], "{problems:#?}");
    assert_eq!(
        problems,
        v.validate_shape(
            &r#ref("APIPacket", vec![r#ref("LoginStateData", Vec::new())]),
            &wire
        )
    );
}

/// One corpus instance, wrapped in a generic instantiation, validated both ways.
#[derive(Default)]
struct Tally {
    compared: usize,
    parsed_invalid: usize,
    unparsed: usize,
}

/// Validates `wire` as the typed `G` (when it parses) and compares with the IR validator on
/// `shape`: on the input itself when the binding is lossless for it, else on what the binding
/// serializes (the JSON `validate()` sees).
fn compare<G: Serialize + DeserializeOwned + ContractShape>(
    v: &Validator<'_>,
    shape: &Shape,
    wire: &Value,
    validate: impl Fn(&G) -> Vec<Problem>,
    invalid: bool,
    what: &str,
    tally: &mut Tally,
) {
    let Ok(typed) = serde_json::from_value::<G>(wire.clone()) else {
        assert!(invalid, "{what}: a valid instance must parse");
        tally.unparsed += 1;
        return;
    };
    let got = validate(&typed);
    let out = serde_json::to_value(&typed).expect("serializes");
    let on_wire = v.validate_shape(shape, wire);
    if out == *wire {
        assert_eq!(got, on_wire, "{what}");
    } else {
        assert_eq!(got, v.validate_shape(shape, &out), "{what}");
    }
    let has_errors = on_wire.iter().any(Problem::is_error);
    assert_eq!(
        has_errors, invalid,
        "{what}: verdict on the input: {on_wire:#?}"
    );
    if invalid {
        tally.parsed_invalid += 1;
        assert!(
            on_wire
                .iter()
                .filter(|p| p.is_error())
                .all(|p| p.pointer.starts_with("/data") || p.pointer.starts_with("/params")),
            "{what}: {on_wire:#?}"
        );
    }
    tally.compared += 1;
}

/// Every instance of `tests/corpus/instances/<name>` (the `latest` view), with its verdict.
fn instances(name: &str) -> Vec<(String, Value, bool)> {
    let mut out = Vec::new();
    for (dir, invalid) in [("valid", false), ("invalid", true)] {
        let path = root().join("tests/corpus/instances").join(name).join(dir);
        let mut files: Vec<_> = std::fs::read_dir(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .map(|e| e.expect("dir entry").path())
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).expect("readable");
            let label = |i: usize| format!("{}#{i}", display(&f));
            match f.extension().and_then(|x| x.to_str()) {
                Some("json") => {
                    out.push((
                        label(0),
                        serde_json::from_str(&text).expect("JSON"),
                        invalid,
                    ));
                }
                Some("jsonl") => {
                    for (i, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
                        out.push((label(i), serde_json::from_str(line).expect("JSON"), invalid));
                    }
                }
                _ => {}
            }
        }
    }
    out
}

fn display(p: &Path) -> String {
    p.strip_prefix(root()).unwrap_or(p).display().to_string()
}

fn corpus_for<T>(name: &str, v: &Validator<'_>, tally: &mut Tally)
where
    T: Serialize + DeserializeOwned + ContractShape,
{
    let arg = r#ref(name, Vec::new());
    for (what, x, invalid) in instances(name) {
        compare::<OperationResult<T>>(
            v,
            &r#ref("OperationResult", vec![arg.clone()]),
            &json!({ "status": "success", "data": x }),
            |t| t.validate().expect("validator runs"),
            invalid,
            &format!("OperationResult<{name}> {what}"),
            tally,
        );
        compare::<OperationResult<Vec<T>>>(
            v,
            &r#ref("OperationResult", vec![array(arg.clone())]),
            &json!({ "status": "success", "data": [x] }),
            |t| t.validate().expect("validator runs"),
            invalid,
            &format!("OperationResult<Vec<{name}>> {what}"),
            tally,
        );
        compare::<latest::APIPacket<T>>(
            v,
            &r#ref("APIPacket", vec![arg.clone()]),
            &json!({ "instanceId": "i", "type": "T", "uid": "u", "params": x }),
            |t| t.validate().expect("validator runs"),
            invalid,
            &format!("APIPacket<{name}> {what}"),
            tally,
        );
    }
}

#[test]
fn generic_instantiations_agree_with_the_validator_over_the_corpus() {
    let v = latest_validator();
    let mut tally = Tally::default();
    macro_rules! corpus {
        ($($t:ident),* $(,)?) => {
            $(corpus_for::<latest::$t>(stringify!($t), &v, &mut tally);)*
        };
    }
    corpus!(
        AgentStateData,
        CallParty,
        ChatParty,
        DialCandidate,
        EmbeddedAgentState,
        EmbeddedCallRecordingStatus,
        ExternalKBArticleData,
        ExternalKBItemData,
        ExternalKBSearchResultData,
        InitiateResult,
        InteractionAssociatedObjectData,
        InteractionAssociatedObjectsData,
        InteractionData,
        InteractionSummaryResult,
        InteractionsState,
        LoginStateData,
        ResultError,
        ServerErrorData,
        User,
        WebScreenPop,
    );
    assert!(tally.compared > 100, "compared {}", tally.compared);
    assert!(
        tally.parsed_invalid > 0,
        "some invalid instances parse and are caught through the generic argument"
    );
    eprintln!(
        "compared {}, of which invalid {}; {} invalid did not parse",
        tally.compared, tally.parsed_invalid, tally.unparsed
    );
}

#[test]
fn an_inline_argument_and_inline_generic_types_are_validated() {
    use generic::widget::GetWrappedResultArg0;
    let ir = generic::contract().expect("the embedded view reads");
    let v = Validator::new(ir, Options::default()).expect("patterns compile");
    let result = ir.apis[0].methods[0]
        .result
        .clone()
        .expect("getWrapped has a result");
    assert_eq!(
        <generic::Wrap<GetWrappedResultArg0>>::contract_shape(),
        result
    );
    let wire = json!({
        "value": { "id": "x", "item": { "code": "abc", "n": -1 } },
        "more": [{ "id": "ok" }, { "id": "" }],
        "inner": { "v": { "id": "y" } }
    });
    let typed: generic::Wrap<GetWrappedResultArg0> =
        serde_json::from_value(wire.clone()).expect("parses");
    let problems = typed.validate().expect("validator runs");
    assert_eq!(
        errors(&problems),
        [
            "/value/id",
            "/value/item/code",
            "/value/item/n",
            "/more/1/id",
            "/inner/v/id"
        ],
        "{problems:#?}"
    );
    assert_eq!(problems, v.validate_shape(&result, &wire));
    // The inline generic type on its own, instantiated.
    let inner: generic::WrapInner<GetWrappedResultArg0> =
        serde_json::from_value(json!({ "v": { "id": "" } })).expect("parses");
    let shape = <generic::WrapInner<GetWrappedResultArg0>>::contract_shape();
    assert_eq!(
        errors(&v.validate_shape(&shape, &json!({ "v": { "id": "" } }))),
        ["/v/id"]
    );
    assert_eq!(
        serde_json::to_value(&inner).expect("serializes")["v"]["id"],
        ""
    );
}

/// Generated values of a few instantiations (valid for the IR shape, then with the argument
/// replaced by an arbitrary value of another type's shape): the typed `validate()` and the IR
/// validator on the instantiated shape report the same problems.
mod generated {
    use super::*;
    use proptest::prelude::*;

    fn check<G: Serialize + DeserializeOwned>(
        v: &Validator<'_>,
        shape: &Shape,
        wire: &Value,
        validate: impl Fn(&G) -> Vec<Problem>,
    ) -> Result<(), TestCaseError> {
        if let Ok(typed) = serde_json::from_value::<G>(wire.clone()) {
            let out = serde_json::to_value(&typed).expect("serializes");
            prop_assert_eq!(validate(&typed), v.validate_shape(shape, &out));
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn typed_and_ir_validation_agree(
            (result, other) in {
                let ir = latest::contract().expect("the embedded view reads");
                let result = r#ref("OperationResult", vec![r#ref("InteractionData", Vec::new())]);
                (
                    super::super::strategy::value(ir, &result),
                    super::super::strategy::value(ir, &r#ref("User", Vec::new())),
                )
            }
        ) {
            let v = latest_validator();
            let shape = r#ref("OperationResult", vec![r#ref("InteractionData", Vec::new())]);
            let validate = |t: &OperationResult<latest::InteractionData>| {
                t.validate().expect("validator runs")
            };
            check(&v, &shape, &result, validate)?;
            let typed: OperationResult<latest::InteractionData> =
                serde_json::from_value(result.clone()).expect("a valid value parses");
            prop_assert!(!typed.validate().expect("validator runs").iter().any(Problem::is_error));
            if result.get("data").is_some() {
                // Another type's value as `data`: it only parses where the two types overlap.
                let mut swapped = result.clone();
                swapped["data"] = other.clone();
                check(&v, &shape, &swapped, validate)?;
                let users = r#ref("OperationResult", vec![array(r#ref("User", Vec::new()))]);
                let mut listed = result.clone();
                listed["data"] = Value::Array(vec![other]);
                check(&v, &users, &listed, |t: &OperationResult<Vec<latest::User>>| {
                    t.validate().expect("validator runs")
                })?;
            }
        }
    }
}
