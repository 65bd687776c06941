//! The checked-in generated file for `latest` compiles under `#![deny(warnings)]`.
#![deny(warnings)]

pub mod generated {
    include!("../../generated/latest.rs");
}

fn main() {
    let _ = generated::API_VERSION;
}
