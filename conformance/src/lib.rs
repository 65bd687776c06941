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
//!   a provider applies ([`wire::scene`]), the shared event type [`wire::Emitted`], and the
//!   vetting of a recording against its header's contract ([`wire::vet`]).
//! - [`adapter`]: the Rust in-process adapter: a provider or consumer (JSON-level, or typed over
//!   the generated bindings) served as a harness on stdin/stdout; what it can refuse is
//!   [`adapter::HarnessError`].
//! - [`reference`]: the reference lifecycle model ([`reference::model`]) and the harnesses on
//!   it ([`reference::simulate`]: model provider, reference consumer, deliberately broken
//!   mutants).
//! - [`run`]: the supervised implementation process ([`run::process`]; its stdout lines read and
//!   decoded by [`run::stdout_lines`]; [`run::proctree`] for the processes it spawns), one case
//!   through it ([`run::runner`]: drive it, verdicts; [`run::matching`]: recorded and actual
//!   values compared), the rule catalogue ([`run::rules`]) and its stream checker
//!   ([`run::observe`]), and reports ([`run::report`]: human, JSON lines, JUnit, Markdown;
//!   partitioning).
//! - [`generate`]: IR-derived value strategies ([`generate::strategy`]) and the stateful
//!   property tests behind `adcontract check` ([`generate::stateful`]), shrinking to a
//!   recording.
//! - [`import`]: SDK message logs (and recordings made in a page) to recordings (`record
//!   import`): the log read line by line, the recording built, and, beside it, the reference
//!   model in step with the log, which infers the fixtures a provider replay needs; its `//!`
//!   guide maps its modules.
//! - [`cli`]: the work behind `adcontract simulate | replay | check | record import` (and the
//!   `adcontract-simulate` binary), returning exit codes; the CLIs only parse flags.
//!
//! So a dependency points up this list: `cli` -> `import` -> `generate` -> `run` -> `reference`
//! -> `adapter` -> `wire` -> `contract`. (Unit tests may reach further, e.g. an adapter test
//! serves the reference model.) Errors that cross a module are typed (`thiserror`), and their
//! `Display` is the text the CLI and the reports show: [`contract::SpecError`] (what a
//! [`contract::SpecSource`] answers), [`wire::scene::FixtureParseError`],
//! [`wire::protocol::ReplyError`], [`adapter::HarnessError`], [`run::process::Failure`] (and its
//! [`run::stdout_lines::LineError`]), [`run::matching::Mismatch`] and
//! [`run::report::PartitionError`].

pub mod contract;
pub mod wire;

pub mod adapter;
pub mod reference;

pub mod run;

pub mod generate;

pub mod import;

pub mod cli;
