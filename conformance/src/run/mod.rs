//! Running cases: the supervised implementation process ([`process`]), one case through it
//! ([`runner`]: replay with matchers, verdicts), the rule catalogue ([`rules`]) and the stream
//! checker that applies it ([`observe`]), and the reports of a run ([`report`]).
//!
//! Depends on [`crate::contract`], [`crate::wire`] and [`crate::reference`] (the model writes a
//! generated case's expected stream).

pub mod observe;
pub mod process;
pub mod proctree;
pub mod report;
pub mod rules;
pub mod runner;
