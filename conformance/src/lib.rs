//! # adcontract-conformance
//!
//! Makes the Agent Desktop contract testable against any implementation, in any language. The
//! folders are the crate's map, listed from the bottom up: each one depends only on those above
//! it (and on `adcontract-schema`), never on one below.
//!
//! - [`contract`]: the contract view a run checks against: [`contract::Spec`] (one version of
//!   the IR with its validator), where specs come from ([`contract::source`]), the vendor error
//!   codes, the smallest valid value of a shape, and a small hand-made contract
//!   ([`contract::handmade`]) that the suite's own tests pin.
//! - [`wire`]: what crosses to an implementation: the JSONL recording format and its reader
//!   ([`wire::recording`]), the harness protocol ([`wire::protocol`]), the typed scene fixtures
//!   a provider applies ([`wire::scene`]), and the shared event type [`wire::Emitted`].
//! - [`adapter`]: the Rust in-process adapter: a provider or consumer (JSON-level, or typed over
//!   the generated bindings) served as a harness on stdin/stdout.
//! - [`reference`]: the reference lifecycle model ([`reference::model`]) and the harnesses on
//!   it ([`reference::simulate`]: model provider, reference consumer, deliberately broken
//!   mutants).
//! - [`run`]: the supervised implementation process ([`run::process`]), one case through it
//!   ([`run::runner`]: replay with matchers, verdicts), the rule catalogue ([`run::rules`]) and
//!   its stream checker ([`run::observe`]), and reports ([`run::report`]: human, JSON lines,
//!   JUnit, Markdown; partitioning).
//! - [`generate`]: IR-derived value strategies ([`generate::strategy`]) and the stateful
//!   property tests behind `adcontract check` ([`generate::stateful`]), shrinking to a
//!   recording.
//! - [`import`]: SDK message logs to recordings (`record import`).
//! - [`cli`]: the work behind `adcontract simulate | replay | check | record import` (and the
//!   `adcontract-simulate` binary), returning exit codes; the CLIs only parse flags.
//!
//! So a dependency points up this list: `cli` -> `import` -> `generate` -> `run` -> `reference`
//! -> `adapter` -> `wire` -> `contract`. (Unit tests may reach further, e.g. an adapter test
//! serves the reference model.)

pub mod contract;
pub mod wire;

pub mod adapter;
pub mod reference;

pub mod run;

pub mod generate;

pub mod import;

pub mod cli;
