//! The checked-in generated file for `minimal` compiles under `#![deny(warnings)]`.
#![deny(warnings)]

pub mod generated {
    include!("../../generated/minimal.rs");
}

fn main() {
    let _ = generated::API_VERSION;
}
