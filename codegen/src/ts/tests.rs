use super::*;
use crate::rust::testutil::mini;
use adcontract_schema::ir::{ApiId, ArrayShape};

#[test]
fn output_is_deterministic_and_complete() {
    let ir = mini();
    let a = generate(&ir, &TsSettings::default());
    let b = generate(&ir, &TsSettings::default());
    assert_eq!(a, b);
    let files: Vec<&str> = a.keys().map(String::as_str).collect();
    assert_eq!(
        files,
        [
            "global.d.ts",
            "global.js",
            "index.d.ts",
            "index.js",
            "package.json",
            "runtime.d.ts",
            "runtime.js",
            "validators.js"
        ]
    );
    let d = &a["index.d.ts"];
    assert!(d.contains("export type OperationResult<T = null> ="), "{d}");
    assert!(d.contains(
        "on(message: \"ON_INTERACTION_REMOVED\", handler: OnInteractionRemovedHandler): void;"
    ));
    assert!(d.contains("export type OnInteractionRemovedHandler = (interaction: InteractionData) => SyncAsyncResult;"));
    assert!(d.contains("activeInteractionId: string | null;"));
    assert!(d.contains("parentId?: string | null;"));
    assert!(d.contains(
        "export declare function isInteractionData(value: unknown): value is InteractionData;"
    ));
    let pj: serde_json::Value = serde_json::from_str(&a["package.json"]).unwrap_or_default();
    assert_eq!(pj["name"], "@adcontract/agent-desktop-latest");
    assert_eq!(pj["type"], "module");
}

#[test]
fn generic_defaults_come_from_the_ir() {
    let mut ir = mini();
    if let Some(op) = ir.types.get_mut("OperationResult") {
        op.type_param_defaults = vec![Some(Shape::Array(Box::new(ArrayShape {
            items: Shape::Any,
            min_items: None,
            max_items: None,
        })))];
    }
    let d = &generate(&ir, &TsSettings::default())["index.d.ts"];
    assert!(
        d.contains("export type OperationResult<T = unknown[]> ="),
        "{d}"
    );
    if let Some(op) = ir.types.get_mut("OperationResult") {
        op.type_param_defaults = Vec::new();
    }
    let d = &generate(&ir, &TsSettings::default())["index.d.ts"];
    assert!(
        d.contains("export type OperationResult<T = unknown> ="),
        "{d}"
    );
}

#[test]
fn an_optional_answer_may_be_left_out() {
    let mut ir = mini();
    let d = &generate(&ir, &TsSettings::default())["index.d.ts"];
    assert!(
        d.contains("=> SyncAsyncResult<ExternalKBItemData[]>;"),
        "{d}"
    );
    for e in ir.apis.iter_mut().flat_map(|a| a.events.iter_mut()) {
        if e.response.is_some() {
            e.response_optional = true;
        }
    }
    let d = &generate(&ir, &TsSettings::default())["index.d.ts"];
    assert!(
        d.contains("=> SyncAsyncResult<ExternalKBItemData[] | undefined | void>;"),
        "{d}"
    );
}

#[test]
fn collisions_are_reported_not_renamed() {
    let mut ir = mini();
    let mut dup = ir.types["AgentState"].clone();
    dup.name = "agent-state".into();
    ir.types.insert("Agent State".into(), {
        let mut d = dup.clone();
        d.name = "Agent State".into();
        d
    });
    ir.types.insert("agent state".into(), dup);
    let cs = check(&ir);
    assert!(!cs.is_empty());
    assert!(cs.iter().any(|c| c.name == "AgentState"), "{cs:?}");
    let pkg = generate(&ir, &TsSettings::default());
    assert!(pkg["index.js"].starts_with("throw new Error("));
}

#[test]
fn helper_names_collide_with_schema_types() {
    let mut ir = mini();
    let mut d = ir.types["AgentState"].clone();
    d.name = "SyncAsyncResult".into();
    ir.types.insert("SyncAsyncResult".into(), d);
    assert!(check(&ir).iter().any(|c| c.name == "SyncAsyncResult"));
}

#[test]
fn versions() {
    let mut ir = mini();
    assert_eq!(package_version(&ir), "0.0.0-latest");
    ir.version.date = Some("2026-07-02".into());
    assert_eq!(package_version(&ir), "0.0.0-latest.20260702");
    ir.version.id = "5.19".into();
    assert_eq!(package_version(&ir), "5.19.0");
    assert_eq!(default_package_name(&ir), "@adcontract/agent-desktop-5.19");
}

fn suffix_constant(name: &str, value: &str) -> adcontract_schema::ir::Constant {
    adcontract_schema::ir::Constant {
        name: name.into(),
        value: value.into(),
        role: Some(adcontract_schema::ir::ConstantRole::ResponseSuffix),
        meta: adcontract_schema::ir::Meta {
            description: Some("The answer suffix.".into()),
            pointer: "agent-desktop.api.json#/apis/0/constants/0".into(),
            ..Default::default()
        },
    }
}

#[test]
fn constants_and_the_answer_suffix_come_from_the_ir() {
    let mut ir = mini();
    ir.apis[0].constants = vec![suffix_constant("responseSuffix", "_ANSWER")];
    let pkg = generate(&ir, &TsSettings::default());
    let (d, j) = (&pkg["index.d.ts"], &pkg["index.js"]);
    assert!(
        d.contains(
            " * The answer suffix.\n */\nexport declare const responseSuffix: \"_ANSWER\";\n"
        ),
        "{d}"
    );
    assert!(!d.contains("RESPONSE_SUFFIX"), "{d}");
    assert!(
        j.contains("export const responseSuffix = \"_ANSWER\";\n"),
        "{j}"
    );
    assert!(!j.contains("RESPONSE_SUFFIX"), "{j}");
    for text in [d, j] {
        assert!(text.contains("\"COMPLETE_INTERACTION_ANSWER\""), "{text}");
        assert!(
            text.contains("\"ON_GET_KNOWLEDGE_BASE_FOLDER_ANSWER\""),
            "{text}"
        );
        assert!(!text.contains("_RESPONSE\""), "{text}");
    }
}

#[test]
fn without_a_suffix_constant_nothing_is_exported_and_answers_keep_the_vendor_suffix() {
    let pkg = generate(&mini(), &TsSettings::default());
    let (d, j) = (&pkg["index.d.ts"], &pkg["index.js"]);
    for text in [d, j] {
        assert!(!text.contains("responseSuffix"), "{text}");
        assert!(!text.contains("RESPONSE_SUFFIX"), "{text}");
        assert!(text.contains("\"COMPLETE_INTERACTION_RESPONSE\""), "{text}");
    }
}

#[test]
fn a_constant_cannot_take_a_generated_name() {
    let mut ir = mini();
    ir.apis[0].constants = vec![suffix_constant("requestMessages", "_R")];
    let cs = check(&ir);
    assert!(
        cs.iter()
            .any(|c| c.name == "requestMessages" && c.second_wire == "requestMessages"),
        "{cs:?}"
    );
}

#[test]
fn a_callback_api_exports_its_constants_too() {
    let mut ir = mini();
    let mut b = ir.apis[0].clone();
    b.id = ApiId::Embedded;
    b.style = CallStyle::Callback;
    b.methods.clear();
    b.events.clear();
    b.constants = vec![adcontract_schema::ir::Constant {
        role: None,
        ..suffix_constant("SDK_NAME", "servicepattern-sdk-v1")
    }];
    ir.apis.push(b);
    let pkg = generate(&ir, &TsSettings::default());
    assert!(
        pkg["index.d.ts"].contains("export declare const SDK_NAME: \"servicepattern-sdk-v1\";\n"),
        "{}",
        pkg["index.d.ts"]
    );
    assert!(
        pkg["index.js"].contains("export const SDK_NAME = \"servicepattern-sdk-v1\";\n"),
        "{}",
        pkg["index.js"]
    );
}

/// `mini()` plus an embedded API: a method whose optional argument comes before its callback,
/// one without an answer, one named `__proto__`, and an event with two arguments.
fn with_embedded() -> Ir {
    let mut ir = mini();
    let mut b = ir.apis[0].clone();
    b.id = ApiId::Embedded;
    b.title = "Embedded Agent Desktop SDK".into();
    b.entry = "window.bpspat.api".into();
    b.style = CallStyle::Callback;
    b.constants.clear();
    let template = b.methods[1].clone();
    let method = |name: &str, optional: &[bool], result: Option<Shape>| {
        let mut m = template.clone();
        m.name = name.into();
        m.wire = name.to_uppercase();
        m.result = result;
        m.params = optional
            .iter()
            .enumerate()
            .map(|(i, &o)| {
                let mut p = template.params[0].clone();
                p.name = format!("p{i}");
                p.optional = o;
                p.shape = Shape::String(Default::default());
                p
            })
            .collect();
        m
    };
    let state = Shape::Ref {
        name: "AgentState".into(),
        args: vec![],
    };
    b.methods = vec![
        method("getState", &[], Some(state.clone())),
        method("report", &[false, true], Some(state.clone())),
        method("setStatus", &[false, true], None),
        method("__proto__", &[], Some(state)),
    ];
    let mut e = b.events[0].clone();
    e.name = "onPair".into();
    e.wire = "PAIR".into();
    e.params = b.methods[2].params.clone();
    b.events = vec![e];
    ir.apis.push(b);
    ir
}

#[test]
fn the_callback_table_comes_from_the_ir() {
    let ir = with_embedded();
    assert!(check(&ir).is_empty(), "{:?}", check(&ir));
    let pkg = generate(&ir, &TsSettings::default());
    let (d, j) = (&pkg["index.d.ts"], &pkg["index.js"]);
    // The callback goes after the declared parameters; an optional one before it must be passed.
    assert!(
        d.contains("  report(p0: string, p1: string | undefined, callback: (message: EmbeddedMessage<AgentState>) => void): void;\n"),
        "{d}"
    );
    assert!(
        d.contains("  setStatus(p0: string, p1?: string): void;\n"),
        "{d}"
    );
    assert!(
        d.contains(
            "export declare const contractEmbeddedCallbacks: {\n  readonly getState: 0;\n  readonly report: 2;\n  readonly setStatus: null;\n  readonly \"__proto__\": 0;\n};\n"
        ),
        "{d}"
    );
    assert!(
        j.contains(
            "export const contractEmbeddedCallbacks = /* @__PURE__ */ $deepFreeze({\n  \"getState\": 0,\n  \"report\": 2,\n  \"setStatus\": null,\n  [\"__proto__\"]: 0,\n});\n"
        ),
        "{j}"
    );
}

#[test]
fn event_argument_maps_come_from_the_ir() {
    let pkg = generate(&with_embedded(), &TsSettings::default());
    let d = &pkg["index.d.ts"];
    assert!(
        d.contains("export type ContractWidgetEventArgs = {\n  ON_INTERACTION_REMOVED: [interaction: InteractionData];\n"),
        "{d}"
    );
    // Keyed by the registration member, written like the handler's parameter list.
    assert!(
        d.contains(
            "export type ContractEmbeddedEventArgs = {\n  onPair: [p0: string, p1?: string | undefined];\n};\n"
        ),
        "{d}"
    );
    let mut empty = mini();
    empty.apis[0].events.clear();
    let d = &generate(&empty, &TsSettings::default())["index.d.ts"];
    assert!(
        d.contains("export type ContractWidgetEventArgs = {};\n"),
        "{d}"
    );
}

#[test]
fn the_added_names_are_claimed() {
    for name in [
        "ContractWidgetEventArgs",
        "ContractEmbeddedEventArgs",
        "contractEmbeddedCallbacks",
    ] {
        let mut ir = with_embedded();
        let mut d = ir.types["AgentState"].clone();
        d.name = name.into();
        d.const_name = Some(name.into());
        ir.types.insert(name.into(), d);
        assert!(
            check(&ir).iter().any(|c| c.name == name),
            "{name}: {:?}",
            check(&ir)
        );
    }
}

fn dom_property(name: &str, nullable: bool) -> adcontract_schema::ir::Property {
    adcontract_schema::ir::Property {
        name: name.into(),
        dom_type: "HTMLIFrameElement".into(),
        nullable,
        meta: adcontract_schema::ir::Meta {
            description: Some("The widget's iframe.".into()),
            pointer: "a.json#/apis/0/properties/0".into(),
            ..Default::default()
        },
    }
}

#[test]
fn dom_members_are_declared_through_the_dom_helper() {
    let ir = mini();
    let d = &generate(&ir, &TsSettings::default())["index.d.ts"];
    assert!(!d.contains("ContractDomType"), "no helper without a member");

    let mut ir = mini();
    ir.apis[0].properties.push(dom_property("adcFrame", true));
    let d = &generate(&ir, &TsSettings::default())["index.d.ts"];
    assert_eq!(
        d.matches("export type ContractDomType<Name extends string> = typeof globalThis extends { [K in Name]: { prototype: infer T } } ? T : unknown;")
            .count(),
        1,
        "{d}"
    );
    let member = "  adcFrame: ContractDomType<\"HTMLIFrameElement\"> | null;\n";
    let (Some(client), Some(at)) = (
        d.find("export interface AgentDesktopClientAPI {"),
        d.find(member),
    ) else {
        panic!("{d}")
    };
    assert!(
        client < at && d[client..at].contains("The widget's iframe."),
        "{d}"
    );
    ir.apis[0].properties[0].nullable = false;
    let d = &generate(&ir, &TsSettings::default())["index.d.ts"];
    assert!(
        d.contains("  adcFrame: ContractDomType<\"HTMLIFrameElement\">;\n"),
        "{d}"
    );
}

#[test]
fn a_dom_member_cannot_take_a_method_name_or_the_helper_name() {
    let mut ir = mini();
    ir.apis[0]
        .properties
        .push(dom_property("completeInteraction", true));
    assert!(
        check(&ir).iter().any(|c| c.name == "completeInteraction"),
        "{:?}",
        check(&ir)
    );
    let mut ir = mini();
    ir.apis[0].properties.push(dom_property("adcFrame", true));
    let mut d = ir.types["AgentState"].clone();
    d.name = "ContractDomType".into();
    ir.types.insert("ContractDomType".into(), d);
    assert!(check(&ir).iter().any(|c| c.name == "ContractDomType"));
}

/// References that fan out level after level expand to more nodes than a `usize` holds; the
/// inlining plan must count that as "too big to check in place", not overflow.
#[test]
fn exponential_fan_out_is_not_inlined_and_does_not_overflow() {
    const LEVELS: usize = 80;
    let mut defs = serde_json::Map::new();
    for i in 0..LEVELS {
        let next = serde_json::json!({ "$ref": format!("#/$defs/T{}", i + 1) });
        defs.insert(
            format!("T{i}"),
            serde_json::json!({
                "type": "object",
                "properties": { "a": next.clone(), "b": next },
            }),
        );
    }
    defs.insert(
        format!("T{LEVELS}"),
        serde_json::json!({ "type": "object" }),
    );
    let schema = serde_json::json!({ "$defs": defs });
    let ir = adcontract_schema::compile_standalone(&schema).unwrap_or_else(|e| panic!("{e:?}"));
    let files = generate(&ir, &TsSettings::default());
    let js = &files["validators.js"];
    // T0 is far too big expanded, so it calls T1's checker by name.
    assert!(js.contains("// T0\n"), "{js}");
    assert!(js.contains("// T1\n"), "{js}");
}

#[test]
fn the_runtime_words_the_rust_checkers_depth_limit() {
    // The generated checkers test the limit against the Rust constant; the runtime's `$deep`
    // message names it, so both must say the same number.
    let limit = adcontract_schema::validate::MAX_DEPTH;
    assert!(
        super::RUNTIME_JS.contains(&format!("const MAX_DEPTH = {limit};")),
        "runtime.js must declare MAX_DEPTH = {limit}"
    );
}
