//! The Rust emitter: one IR view -> Rust tokens (for the `bindings!` macro) or a formatted file
//! (for `adcontract generate rust`). Both front ends call [`try_generate`]; [`render`] only
//! formats its tokens, so the macro and the file can never differ.
//!
//! ## Failure
//! Emitters never fail on a checked IR, with one exception that only the Rust emitter can see:
//! two wire names that map to one Rust name. That is decided by the same pass that emits (so the
//! check and the emission cannot disagree), and reported by [`try_generate`] / [`check`] as every
//! [`Collision`] at once, each naming both JSON pointers. [`generate`] keeps the fixed infallible
//! signature: on collisions it returns `compile_error!` invocations instead of code, so even an
//! unchecked IR can never become silently renamed code or a panic.
//!
//! ## Output layout
//! The view's named types (and the inline types synthesized from them) at the top level, one
//! module per API (`widget`, `embedded`) with `Call`, `AgentDesktop`, `Event`, `EventResponse`,
//! all inside a private module re-exported with `pub use __adcontract::*` (see below),
//! and the view itself embedded as JSON (`__ADCONTRACT_VIEW`) so that `value.validate()` runs
//! the same validator over the same IR as `adcontract validate`.

mod api;
mod docs;
mod emit;
mod names;
#[cfg(test)]
pub(crate) mod testutil;

use adcontract_schema::ir::Ir;
use proc_macro2::TokenStream;
use quote::quote;

use crate::Settings;
pub use crate::scope::Collision;

/// The tokens for one view, or every name collision found.
pub fn try_generate(ir: &Ir, settings: &Settings) -> Result<TokenStream, Vec<Collision>> {
    let mut g = emit::Gen::new(ir, settings.runtime_path());
    let mut root = emit::Module::new(TokenStream::new());
    g.emit_types(&mut root);
    let apis: Vec<TokenStream> = ir.apis.iter().map(|a| g.emit_api(a)).collect();
    if !g.collisions.is_empty() {
        return Err(g.collisions);
    }
    let rt = &g.rt;
    // Serializing plain data cannot fail; if it ever did, the view would be empty and every
    // `validate()` would report that instead of panicking at build time.
    let view_json = serde_json::to_string(ir).unwrap_or_default();
    let version = &ir.version.id;
    let label = &ir.version.label;
    let version_doc = docs::own(&format!(
        "The contract version these bindings were generated for ({}).",
        docs::esc(label)
    ));
    let items = &root.items;
    // Every named type, generic arguments set to `serde_json::Value`: the table behind
    // `reserialize`, which lets tests and the conformance suite push JSON through any type.
    let rows = ir.types.values().map(|def| {
        let n = names::ident(&names::type_name(&def.name));
        let wire = &def.name;
        let args = def
            .type_params
            .iter()
            .map(|_| quote!(#rt::serde_json::Value));
        let ty = if def.type_params.is_empty() {
            quote!(#n)
        } else {
            quote!(#n<#(#args),*>)
        };
        quote!(#wire => ::core::option::Option::Some(#rt::reserialize::<#ty>(value)),)
    });
    let schema_rows = ir.types.values().map(|def| {
        let n = names::ident(&names::type_name(&def.name));
        let wire = &def.name;
        let args = def.type_params.iter().map(|_| quote!(#rt::serde_json::Value));
        let ty = if def.type_params.is_empty() { quote!(#n) } else { quote!(#n<#(#args),*>) };
        quote!(#wire => ::core::option::Option::Some(#rt::schemars::SchemaGenerator::default().into_root_schema_for::<#ty>()),)
    });
    // Everything sits in one private module with `allow(deprecated)`, re-exported by a glob:
    // derives (schemars, serde) name a deprecated type in their impls, and only an enclosing
    // module's lint level reaches into derive expansions. Users naming a deprecated item through
    // the re-export still get the warning.
    Ok(quote! {
        #[allow(deprecated)]
        mod __adcontract {
        #(#items)*
        #(#apis)*

        #version_doc
        pub const API_VERSION: &str = #version;

        #[doc(hidden)]
        pub static __ADCONTRACT_VIEW: #rt::View = #rt::View::new(#view_json);

        /// The IR view these bindings were generated from.
        pub fn contract() -> ::core::result::Result<&'static #rt::ir::Ir, #rt::ValidateError> {
            __ADCONTRACT_VIEW.ir()
        }

        /// Parses `value` as the named type and serializes it again (`None` for an unknown name;
        /// generic arguments are `serde_json::Value`). Lossless bindings give back an equal value.
        #[allow(deprecated)]
        pub fn reserialize(
            type_name: &str,
            value: &#rt::serde_json::Value,
        ) -> ::core::option::Option<::core::result::Result<#rt::serde_json::Value, #rt::serde_json::Error>> {
            match type_name {
                #(#rows)*
                _ => ::core::option::Option::None,
            }
        }

        /// The JSON Schema that schemars derives from the named type's Rust binding (`None` for an
        /// unknown name); it accepts and rejects what the contract does.
        #[allow(deprecated)]
        pub fn json_schema(type_name: &str) -> ::core::option::Option<#rt::schemars::Schema> {
            match type_name {
                #(#schema_rows)*
                _ => ::core::option::Option::None,
            }
        }

        /// Validates any JSON value against a named type of this view: every problem, with its JSON
        /// pointer (the same verdicts as `adcontract validate`).
        pub fn validate(
            type_name: &str,
            value: &#rt::serde_json::Value,
        ) -> ::core::result::Result<::std::vec::Vec<#rt::Problem>, #rt::ValidateError> {
            __ADCONTRACT_VIEW.validate(type_name, value)
        }
        }
        pub use self::__adcontract::*;
    })
}

/// The tokens for one view; on name collisions, one `compile_error!` per collision.
pub fn generate(ir: &Ir, settings: &Settings) -> TokenStream {
    match try_generate(ir, settings) {
        Ok(t) => t,
        Err(cs) => {
            let msgs = cs.iter().map(|c| c.to_string());
            quote!(#(::core::compile_error!(#msgs);)*)
        }
    }
}

/// Every name collision of a view (empty when the view can be generated).
pub fn check(ir: &Ir, settings: &Settings) -> Vec<Collision> {
    try_generate(ir, settings).err().unwrap_or_default()
}

/// The generated code as a formatted file with a header saying what it was generated from.
pub fn render(ir: &Ir, settings: &Settings) -> String {
    let tokens = generate(ir, settings);
    let body = match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => prettyplease::unparse(&file),
        // Cannot happen for tokens built with quote; degrade to unformatted code, never panic.
        Err(_) => tokens.to_string(),
    };
    format!(
        "// @generated by adcontract-codegen {} from {}, API version `{}` ({}).\n\
         // Do not edit: regenerate with `adcontract generate rust`; `--check` reports drift.\n\n{}",
        env!("CARGO_PKG_VERSION"),
        one_line(settings.source()),
        one_line(&ir.version.id),
        one_line(&ir.version.label),
        body
    )
}

/// Text safe inside a `//` line comment: every line break and control character becomes a space.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::testutil::*;
    use super::*;
    use adcontract_schema::ir::Shape;

    #[test]
    fn mini_view_renders_as_valid_rust_and_is_deterministic() {
        let ir = mini();
        let s = Settings::default();
        let a = render(&ir, &s);
        let b = render(&ir, &s);
        assert_eq!(a, b);
        assert!(syn::parse_file(&a).is_ok());
        // The macro's tokens and the file's tokens are the same tokens: the file, parsed back and
        // printed again, is exactly what printing the macro's tokens gives.
        let body = a.split_once("\n\n").map(|x| x.1).unwrap_or(&a);
        let reparsed = prettyplease::unparse(&syn::parse_str::<syn::File>(body).unwrap());
        let direct = prettyplease::unparse(&syn::parse2::<syn::File>(generate(&ir, &s)).unwrap());
        assert_eq!(reparsed, direct);
        assert_eq!(body, direct);
        insta::assert_snapshot!("mini", a);
    }

    #[test]
    fn an_optional_answer_is_an_option() {
        let mut ir = mini();
        let plain = render(&ir, &Settings::default());
        assert!(
            plain.contains("OnGetKnowledgeBaseFolder(::std::vec::Vec<super::ExternalKBItemData>),")
        );
        for e in ir.apis.iter_mut().flat_map(|a| a.events.iter_mut()) {
            e.response_optional = e.response.is_some();
        }
        let a = render(&ir, &Settings::default());
        assert!(syn::parse_file(&a).is_ok());
        let flat: String = a.split_whitespace().collect();
        assert!(
            flat.contains(
                "OnGetKnowledgeBaseFolder(::core::option::Option<::std::vec::Vec<super::ExternalKBItemData>>,),"
            ),
            "{a}"
        );
    }

    #[test]
    fn collisions_name_both_pointers_and_all_are_reported() {
        let mut ir = mini();
        if let Some(Shape::Object(o)) = ir.types.get_mut("InteractionData").map(|d| &mut d.shape) {
            o.fields
                .push(field("InteractionData", "dnis", false, string()));
            o.fields.push(field(
                "InteractionData",
                "active-interaction-id",
                false,
                string(),
            ));
        }
        ir.types
            .insert("agent_state".into(), def("agent_state", string()));
        let cs = check(&ir, &Settings::default());
        let text: Vec<String> = cs.iter().map(|c| c.to_string()).collect();
        assert_eq!(cs.len(), 3, "{text:#?}");
        assert!(
            text.iter()
                .any(|t| t.contains("/$defs/InteractionData/properties/DNIS")
                    && t.contains("/$defs/InteractionData/properties/dnis"))
        );
        assert!(
            text.iter()
                .any(|t| t.contains("`AgentState`") && t.contains("/$defs/agent_state"))
        );
        let out = generate(&ir, &Settings::default()).to_string();
        assert!(out.starts_with(":: core :: compile_error !"), "{out}");
    }
}
