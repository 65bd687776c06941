//! The checked-in generated file for `hostile` compiles under `#![deny(warnings)]`.
#![deny(warnings)]

pub mod generated {
    include!("../../generated/hostile.rs");
}

fn main() {
    let _ = generated::API_VERSION;
}
