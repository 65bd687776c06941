//! The checked-in generated file for the plain types document `plain` compiles under `#![deny(warnings)]`.
#![deny(warnings)]

pub mod generated {
    include!("../../generated/plain.rs");
}

fn main() {
    let _ = generated::API_VERSION;
}
