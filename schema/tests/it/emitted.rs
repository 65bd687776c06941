//! Emitted views: reviewed snapshots, valid against the official 2020-12 meta-schema, every
//! `$ref` resolvable, byte-identical when emitted twice.

use adcontract_schema::emit;
use serde_json::{Value, json};

const VERSIONS: [&str; 3] = ["5.19", "5.24", "latest"];

fn types_view(v: &str) -> Value {
    emit::types_schema(&adcontract_schema::canonical().view(v).unwrap())
}

fn api_view(v: &str) -> Value {
    emit::api_description(&adcontract_schema::canonical().view(v).unwrap())
}

#[test]
fn view_snapshots() {
    for v in VERSIONS {
        insta::assert_snapshot!(format!("types_{v}"), emit::to_pretty(&types_view(v)));
        insta::assert_snapshot!(format!("api_{v}"), emit::to_pretty(&api_view(v)));
    }
}

#[test]
fn emitting_twice_is_byte_identical() {
    for v in VERSIONS {
        assert_eq!(
            emit::to_pretty(&types_view(v)),
            emit::to_pretty(&types_view(v))
        );
        assert_eq!(emit::to_pretty(&api_view(v)), emit::to_pretty(&api_view(v)));
    }
}

#[track_caller]
fn assert_meta_valid(what: &str, schema: &Value) {
    if let Err(e) = jsonschema::draft202012::meta::validate(schema) {
        panic!(
            "{what} is not a valid 2020-12 schema: {e} at {}",
            e.instance_path()
        );
    }
}

#[test]
fn canonical_types_file_is_valid_2020_12() {
    let raw: Value = serde_json::from_str(adcontract_schema::CANONICAL_TYPES).unwrap();
    assert_meta_valid("agent-desktop.types.json", &raw);
}

#[test]
fn emitted_views_are_valid_2020_12() {
    for v in VERSIONS {
        assert_meta_valid(&format!("types view {v}"), &types_view(v));
    }
}

/// Compiling a validator resolves every `$ref` it can reach; one per `$defs` entry reaches all.
#[test]
fn every_ref_of_every_view_resolves() {
    for v in VERSIONS {
        let doc = types_view(v);
        jsonschema::draft202012::new(&doc).unwrap_or_else(|e| panic!("{v}: {e}"));
        let defs = doc["$defs"].as_object().unwrap();
        assert!(!defs.is_empty());
        for name in defs.keys() {
            let mut entry = doc.clone();
            entry["$ref"] = json!(format!("#/$defs/{name}"));
            jsonschema::draft202012::new(&entry).unwrap_or_else(|e| panic!("{v} {name}: {e}"));
        }
        // The API view carries the same $defs, so its method and event schemas resolve in it.
        let api = api_view(v);
        for a in api["apis"].as_array().unwrap() {
            for item in a["methods"]
                .as_array()
                .unwrap()
                .iter()
                .chain(a["events"].as_array().unwrap())
            {
                let mut schemas: Vec<&Value> = item["params"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| &p["schema"])
                    .collect();
                schemas.extend(item.get("result"));
                schemas.extend(item.get("response"));
                for s in schemas {
                    let standalone = json!({ "$defs": api["$defs"], "allOf": [s] });
                    jsonschema::draft202012::new(&standalone)
                        .unwrap_or_else(|e| panic!("{v} {}: {e}", item["name"]));
                }
            }
        }
    }
}

#[test]
fn emitted_view_accepts_the_seed_interaction() {
    let doc = types_view("5.19");
    let mut schema = doc.clone();
    schema["$ref"] = json!("#/$defs/InteractionData");
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let good = json!({
        "interactionId": "i1", "state": "delivered", "type": "voice", "subject": "s",
        "associatedObjects": {"list": [], "selected": null}, "callParties": [], "callMuted": false, "callRecording": false,
        "attachedData": {}, "origination": "dialpad-search"
    });
    let errors: Vec<String> = validator
        .iter_errors(&good)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let mut bad = good.clone();
    bad["type"] = json!("fax");
    assert!(!validator.is_valid(&bad));
    // 5.19 selects one record (or none); from 5.24 on, a list.
    let mut listed = good.clone();
    listed["associatedObjects"]["selected"] = json!(["r1"]);
    assert!(!validator.is_valid(&listed));
    let latest = types_view("latest");
    let mut schema = latest.clone();
    schema["$ref"] = json!("#/$defs/InteractionData/properties/origination");
    assert!(
        !jsonschema::draft202012::new(&schema)
            .unwrap()
            .is_valid(&json!("dialpad-search"))
    );
}
