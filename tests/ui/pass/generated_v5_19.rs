//! The checked-in generated file for `v5_19` compiles under `#![deny(warnings)]`.
#![deny(warnings)]

pub mod generated {
    include!("../../generated/v5_19.rs");
}

fn main() {
    let _ = generated::API_VERSION;
}
