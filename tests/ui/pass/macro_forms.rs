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

fn main() {
    assert_eq!(canonical_latest::API_VERSION, adcontract::latest::API_VERSION);
    assert_eq!(own::API_VERSION, "1.0");
}
