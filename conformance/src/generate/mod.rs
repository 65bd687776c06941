//! Generating cases from the IR: value strategies ([`strategy`]) and the stateful property
//! tests behind `adcontract check` ([`stateful`]), with the reference model as the oracle and
//! the runner executing each case.
//!
//! Depends on [`crate::contract`], [`crate::wire`], [`crate::reference`] and [`crate::run`].

pub mod stateful;
pub mod strategy;
