//! The embedded canonical contract compiles, and its views hold what the sources say.

use adcontract_schema::ir::{Ir, Shape};

fn view(v: &str) -> Ir {
    adcontract_schema::canonical().view(v).unwrap()
}

fn enum_strings(ir: &Ir, shape: &Shape) -> Vec<String> {
    match ir.resolve(shape) {
        Shape::Enum(e) => e
            .values
            .iter()
            .filter_map(|v| v.value.as_str().map(str::to_owned))
            .collect(),
        other => panic!("not an enum: {other:?}"),
    }
}

#[test]
fn canonical_compiles() {
    if let Err(e) = adcontract_schema::try_canonical() {
        panic!("{e}");
    }
    let c = adcontract_schema::canonical();
    let ids: Vec<&str> = c.versions.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(ids, ["5.19", "5.24", "latest"]);
}

#[test]
fn unknown_version_lists_the_known_ones() {
    let e = adcontract_schema::canonical().view("6.0").unwrap_err();
    assert_eq!(
        e.to_string(),
        "unknown version `6.0` (known versions: 5.19, 5.24, latest)"
    );
}

#[test]
fn lowering_is_deterministic() {
    let a = adcontract_schema::try_canonical().unwrap();
    let b = adcontract_schema::try_canonical().unwrap();
    assert_eq!(a, b);
}

/// The 5.19 doc page (seed 000) lists InteractionData's 24 fields with this optionality.
#[test]
fn interaction_data_5_19_matches_the_doc_page() {
    let ir = view("5.19");
    let Shape::Object(o) = &ir.type_def("InteractionData").unwrap().shape else {
        panic!()
    };
    let required = [
        "interactionId",
        "state",
        "type",
        "subject",
        "associatedObjects",
        "callParties",
        "callMuted",
        "callRecording",
        "attachedData",
    ];
    let optional = [
        "phoneNumber",
        "email",
        "callDirection",
        "startTime",
        "endTime",
        "duration",
        "description",
        "disposition",
        "globalInteractionId",
        "service",
        "playbackUrl",
        "recordingUrl",
        "DNIS",
        "ANI",
        "origination",
    ];
    assert_eq!(o.fields.len(), 24);
    for name in required {
        assert!(
            o.fields.iter().any(|f| f.name == name && f.required),
            "{name} should be required"
        );
    }
    for name in optional {
        assert!(
            o.fields.iter().any(|f| f.name == name && !f.required),
            "{name} should be optional"
        );
    }
    let field = |n: &str| &o.fields.iter().find(|f| f.name == n).unwrap().shape;
    assert_eq!(enum_strings(&ir, field("type")), ["voice", "chat", "email"]);
    assert_eq!(
        enum_strings(&ir, field("state")),
        [
            "unknown",
            "queued",
            "ivr",
            "wrap_up",
            "wrap_up_hold",
            "delivered",
            "delivery_pending",
            "hold",
            "completed"
        ]
    );
    assert_eq!(
        enum_strings(&ir, field("callDirection")),
        ["inbound", "outbound"]
    );
    assert_eq!(
        enum_strings(&ir, field("origination")),
        [
            "dialpad",
            "dialpad-search",
            "directory",
            "recent",
            "favorites",
            "workitem",
            "interaction",
            "contact-profile",
            "help",
            "conference",
            "auto",
            "integration-api"
        ]
    );
}

#[test]
fn interaction_data_latest_has_the_new_fields() {
    let ir = view("latest");
    let Shape::Object(o) = &ir.type_def("InteractionData").unwrap().shape else {
        panic!()
    };
    for name in ["chatParties", "internal", "interactionKind"] {
        assert!(
            o.fields.iter().any(|f| f.name == name),
            "latest lacks {name}"
        );
    }
    let origination = &o
        .fields
        .iter()
        .find(|f| f.name == "origination")
        .unwrap()
        .shape;
    let values = enum_strings(&ir, origination);
    assert!(!values.iter().any(|v| v == "dialpad-search"), "{values:?}");
    assert!(values.iter().any(|v| v == "dialpad"));
    let old = view("5.19");
    let Shape::Object(o519) = &old.type_def("InteractionData").unwrap().shape else {
        panic!()
    };
    assert!(!o519.fields.iter().any(|f| f.name == "chatParties"));
}

#[test]
fn views_keep_only_what_exists() {
    let c = adcontract_schema::canonical();
    for ir in c.views() {
        let v = ir.version_index;
        for def in ir.types.values() {
            assert!(
                def.meta.availability.contains(v),
                "{} in {}",
                def.name,
                ir.version.id
            );
        }
        for api in &ir.apis {
            for m in &api.methods {
                assert!(m.meta.availability.contains(v));
                assert_eq!(m.meta.deprecated, m.meta.availability.is_deprecated_in(v));
            }
        }
    }
}

/// The widget client's `adcFrame` (a DOM element) is declared by the vendor's 5.19 and 5.24
/// classes and gone from the 2026 one.
#[test]
fn the_client_iframe_member_exists_until_latest() {
    for (v, present) in [("5.19", true), ("5.24", true), ("latest", false)] {
        let ir = view(v);
        let widget = ir
            .apis
            .iter()
            .find(|a| a.id == adcontract_schema::ir::ApiId::Widget)
            .expect("widget API");
        let names: Vec<(&str, &str, bool)> = widget
            .properties
            .iter()
            .map(|p| (p.name.as_str(), p.dom_type.as_str(), p.nullable))
            .collect();
        let want = if present {
            vec![("adcFrame", "HTMLIFrameElement", true)]
        } else {
            vec![]
        };
        assert_eq!(names, want, "{v}");
    }
}

#[test]
fn compiling_from_disk_gives_the_embedded_contract() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("canonical/agent-desktop.api.json");
    let from_disk = adcontract_schema::compile_path(&path).unwrap();
    assert_eq!(&from_disk, adcontract_schema::canonical());
}
