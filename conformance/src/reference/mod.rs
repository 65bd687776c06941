//! The reference: the executable lifecycle model of the Agent Desktop ([`model`]) and the
//! harnesses built on it ([`simulate`]: the model as a provider, a reference consumer, and the
//! deliberately broken mutants).
//!
//! Depends on [`crate::contract`], [`crate::wire`] and [`crate::adapter`] (whose provider and
//! consumer traits the simulators implement).

pub mod model;
pub mod simulate;
