//! The wire: what crosses between the suite and an implementation. Recordings (the JSONL
//! format, [`recording`]) and their vetting against the contract their header names ([`vet`]),
//! the harness protocol ([`protocol`]), the typed scene fixtures a provider applies ([`scene`])
//! and the event type they all carry ([`Emitted`]).
//!
//! Depends on [`crate::contract`] only.

pub mod emitted;
pub mod protocol;
pub mod recording;
pub mod scene;
pub mod vet;

pub use emitted::Emitted;
