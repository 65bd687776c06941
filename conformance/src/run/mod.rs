//! Running cases: the supervised implementation process ([`process`]; its stdout read as
//! numbered, bounded lines and decoded by [`stdout_lines`]; the processes it spawns traced by
//! [`proctree`]), one case through it ([`runner`]: drive it, give a verdict; [`matching`]:
//! recorded and actual values compared, volatile values and generated ids aside), the rule
//! catalogue ([`rules`]) and the stream checker that applies it ([`observe`]), and the reports of
//! a run ([`report`]).
//!
//! Depends on [`crate::contract`], [`crate::wire`] and [`crate::reference`] (the model writes a
//! generated case's expected stream).

pub mod matching;
pub mod observe;
pub mod process;
pub mod proctree;
pub mod report;
pub mod rules;
pub mod runner;
pub mod stdout_lines;
