//! The integration tests of `adcontract-serve`: the server in-process over real WebSockets
//! (`wire`), the `adcontract serve` command driven by real Chromium (`browser`), and the page
//! SDK's checks under node against the Rust validator (`sdk_checks`).

mod browser;
mod recorder;
mod sdk_checks;
mod support;
mod wire;
