//! # adcontract-conformance
//!
//! Makes the Agent Desktop contract testable against any implementation, in any language:
//!
//! - [`recording`]: the JSONL recording format and its reader;
//! - [`protocol`] and [`process`]: the harness protocol and the supervised implementation process;
//! - [`model`]: the reference lifecycle model; [`simulate`]: it (and a reference consumer)
//!   as harnesses, plus deliberately broken mutants;
//! - [`rules`] and [`observe`]: the rule catalogue and the stream checker;
//! - [`runner`]: one case through a harness (replay with matchers, verdicts);
//! - [`strategy`] and [`check`]: IR-derived property and stateful tests with shrinking;
//! - [`report`]: human, JSON lines, JUnit and Markdown reports; partitioning;
//! - [`import`]: SDK message logs to recordings; [`adapter`]: the Rust in-process adapter.

pub mod adapter;
pub mod check;
pub mod commands;
pub mod fixture;
pub mod fixture_ir;
pub mod import;
pub mod model;
pub mod observe;
pub mod process;
pub mod protocol;
pub mod recording;
pub mod report;
pub mod rules;
pub mod runner;
pub mod simulate;
pub mod spec;
pub mod strategy;
