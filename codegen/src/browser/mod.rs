//! Page-side scripts emitted from one IR view.

pub mod recorder;
