//! Settings shared by every front end of the emitters (the `bindings!` macro, the CLI, build.rs).
//!
//! One type with `with_*` builders, so the macro and the CLI cannot drift apart: each converts its
//! own syntax into a [`Settings`] and hands it to the same engine.

/// How to generate.
#[derive(Debug, Clone)]
pub struct Settings {
    runtime_path: syn::Path,
    source: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            runtime_path: syn::parse_quote!(::adcontract::__private),
            source: "the canonical adcontract schema".to_owned(),
        }
    }
}

impl Settings {
    /// The default settings: runtime support at `::adcontract::__private`.
    pub fn new() -> Self {
        Settings::default()
    }

    /// Where generated code finds its runtime support (serde, serde_json, schemars, `Nullable`,
    /// the validator and the IR). Default `::adcontract::__private`.
    pub fn with_runtime_path(&mut self, path: syn::Path) -> &mut Self {
        self.runtime_path = path;
        self
    }

    /// What the code is generated from, for the header of a rendered file.
    pub fn with_source(&mut self, source: impl Into<String>) -> &mut Self {
        self.source = source.into();
        self
    }

    pub fn runtime_path(&self) -> &syn::Path {
        &self.runtime_path
    }

    pub fn source(&self) -> &str {
        &self.source
    }
}
