//! Cross-crate end-to-end tests of adcontract, one binary (each test binary links the whole
//! workspace, so one is much cheaper to build than several): the conformance CLI, the robustness
//! sweeps, the Rust bindings, the typed Rust adapter and the TypeScript bindings.

mod conformance_cli;
mod robustness;
mod rust_bindings;
mod typed_adapter;
mod typescript;
