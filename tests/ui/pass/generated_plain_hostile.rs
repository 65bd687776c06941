//! The checked-in generated file for the plain types document `plain_hostile` compiles under `#![deny(warnings)]`.
#![deny(warnings)]

pub mod generated {
    include!("../../generated/plain_hostile.rs");
}

fn main() {
    let _ = generated::API_VERSION;
}
