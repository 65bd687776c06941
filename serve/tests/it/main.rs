//! The integration tests of `adcontract-serve`: the server in-process over real WebSockets
//! (`wire`), and the `adcontract serve` command driven by real Chromium (`browser`).

mod browser;
mod recorder;
mod support;
mod wire;
