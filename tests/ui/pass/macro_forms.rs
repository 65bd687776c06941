//! Every form of the macro compiles under `#![deny(warnings)]`, next to the facade.
#![deny(warnings)]

pub mod canonical_latest {
    adcontract::bindings!();
}

pub mod canonical_5_24 {
    adcontract::bindings!(api_version = "5.24");
}

pub mod own {
    adcontract::bindings!(schema = "../../../../tests/fixtures/hostile/hostile.api.json", api_version = "1.0");
}

/// Without `api_version`: the schema's newest version, here `2.0` (a schema need not call any
/// version `latest`), with the field that arrived in it.
pub mod versioned {
    adcontract::bindings!(schema = "../../../../tests/fixtures/versioned/versioned.api.json");
}

/// Expanded against `adcontract_schema::runtime` itself, as a crate without `adcontract` would:
/// the same module as `adcontract::__private`, so the runtime types are the facade's.
pub mod via_schema_runtime {
    adcontract::bindings!(api_version = "5.19", runtime = "::adcontract_schema::runtime");
}

fn api_of<M: adcontract::ApiModule>() -> &'static str {
    M::API
}

fn takes_facade_nullable(n: adcontract::Nullable<u8>) -> bool {
    n.is_absent()
}

fn main() {
    assert_eq!(canonical_latest::API_VERSION, adcontract::latest::API_VERSION);
    assert_eq!(own::API_VERSION, "1.0");
    assert_eq!(versioned::API_VERSION, "2.0");
    let thing: versioned::Thing =
        serde_json::from_value(serde_json::json!({"id": "t", "size": 3})).expect("parses");
    assert_eq!(thing.size, 3);
    assert_eq!(via_schema_runtime::API_VERSION, "5.19");
    assert_eq!(api_of::<via_schema_runtime::embedded::Binding>(), "embedded");
    assert!(takes_facade_nullable(adcontract_schema::runtime::Nullable::Absent));
}
