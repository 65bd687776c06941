//! Plain JSON Schema 2020-12 types documents through the macro: every `$defs` entry becomes a
//! type, there are no API modules, `api_version` defaults to the document's one version, round
//! trips are lossless (unknown values and fields kept) and hostile names compile.
#![deny(warnings)]

pub mod crm {
    adcontract::bindings!(schema = "../../../../tests/fixtures/plain/plain.schema.json");
}

pub mod hostile {
    adcontract::bindings!(schema = "../../../../tests/fixtures/plain-hostile/plain-hostile.schema.json");
}

pub mod hostile_latest {
    adcontract::bindings!(
        schema = "../../../../tests/fixtures/plain-hostile/plain-hostile.schema.json",
        api_version = "latest"
    );
}

fn main() {
    assert_eq!(crm::API_VERSION, "latest");
    assert_eq!(hostile_latest::API_VERSION, hostile::API_VERSION);

    // Unknown enum value, unknown union branch, unknown fields at two levels: all kept.
    let input = serde_json::json!({
        "customerId": "c-1",
        "name": "Ada",
        "tier": "platinum",
        "balance": null,
        "address": {"city": "Paris", "floor": 3},
        "about": {"kind": "ticket", "ticketId": "T-9"},
        "legacyId": 17
    });
    let c: crm::Customer = serde_json::from_value(input.clone()).expect("parses");
    assert!(matches!(&c.tier, crm::Tier::Unrecognized(s) if s == "platinum"));
    assert_eq!(serde_json::to_value(&c).expect("serializes"), input);
    let problems: Vec<String> = c
        .validate()
        .expect("validates")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(problems.iter().any(|p| p.starts_with("/tier: error:")), "{problems:?}");
    assert!(problems.iter().any(|p| p.starts_with("/legacyId: warning:")), "{problems:?}");

    // Keywords and odd characters as property names survive the round trip under their wire names.
    let odd = serde_json::json!({
        "type": "t", "self": "s", "enum": "*/", "fn": 1, "async": true, "$ref": "r",
        "properties": "p", "r#raw": "x", "quote\"unquote": "q", "": "empty", "1st": "1",
        "größe": 1.5, "grosse": 2.5, "__proto__": 3, "extra": [1, 2]
    });
    let t: hostile::Type = serde_json::from_value(odd.clone()).expect("parses");
    assert_eq!(serde_json::to_value(&t).expect("serializes"), odd);
    assert_eq!(hostile::reserialize("type", &odd).and_then(Result::ok), Some(odd.clone()));
    let list: hostile::Self_ = vec![t];
    assert_eq!(list.len(), 1);
    assert!(hostile::validate("type", &odd).expect("validates").iter().all(|p| !p.is_error()));
}
