//! # adcontract-macros
//!
//! `bindings!`: Rust bindings for one version view of an Agent Desktop contract, expanded at
//! compile time. A thin shell: arguments (the `args` module) -> `adcontract-schema` (load, lower,
//! check, view) -> `adcontract_codegen::rust::try_generate`, the same engine `adcontract generate
//! rust` uses. Every failure becomes `compile_error!`s spanned at the macro's arguments, one per schema
//! problem (each with its file, JSON pointer and line), and nothing else, so no secondary errors
//! cascade from half-generated code.

use std::path::{Path, PathBuf};

use adcontract_codegen::Settings;
use proc_macro2::{Span, TokenStream};
use quote::quote;

mod args;

/// Generates the bindings of one contract version view.
///
/// - `bindings!()`: the canonical schema's `latest` view.
/// - `bindings!(api_version = "5.19")`: another view of the canonical schema.
/// - `bindings!(schema = "contract/my.api.json", api_version = "1.0")`: your own API
///   description (its types file is found through its `"types"` key), the path relative to
///   your crate's `CARGO_MANIFEST_DIR`. Editing either file rebuilds the crate.
/// - `bindings!(schema = "contract/crm.schema.json")`: a plain JSON Schema 2020-12 document;
///   every `$defs` entry becomes a type (no API modules). Which kind a file is is told from its
///   content (docs/schema-format.md).
/// - Without `api_version`, the schema's newest version.
///
/// - `runtime = "::adcontract_schema::runtime"`: where the expansion finds its runtime support.
///   The default, `::adcontract::__private`, needs a dependency on `adcontract`; a crate that
///   depends only on `adcontract-schema` names its `runtime` module instead (the same items).
#[proc_macro]
pub fn bindings(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    expand(input.into()).into()
}

fn expand(input: TokenStream) -> TokenStream {
    let args: args::Args = match syn::parse2(input) {
        Ok(a) => a,
        Err(e) => return e.to_compile_error(),
    };
    let at = args
        .schema
        .as_ref()
        .or(args.api_version.as_ref())
        .map_or_else(Span::call_site, |l| l.span());
    let (contract, tracked, source) = match &args.schema {
        // `try_canonical`, not `canonical`: a broken embedded contract must become a compile
        // error here, not a panic inside rustc. The canonical files need no `include_bytes!`:
        // they are embedded in adcontract-schema, and editing them rebuilds it and its dependents.
        None => match adcontract_schema::try_canonical() {
            Ok(c) => (c, Vec::new(), "the canonical adcontract schema".to_owned()),
            Err(e) => return errors_at(at, &messages(&e)),
        },
        Some(lit) => {
            let path = manifest_dir().join(lit.value());
            let mut tracked = vec![path.clone()];
            // Either kind of schema file: an API description or a plain types document.
            let input = match adcontract_schema::load::load_any_path(&path) {
                Ok(input) => input,
                Err(e) => return with_tracking(errors_at(lit.span(), &[e.to_string()]), &tracked),
            };
            if let adcontract_schema::Input::Api(doc) = &input {
                tracked.push(
                    path.parent()
                        .unwrap_or_else(|| Path::new(""))
                        .join(&doc.api.types),
                );
            }
            match adcontract_schema::compile_input(&input) {
                Ok(c) => (c, tracked, path.display().to_string()),
                Err(errors) => {
                    let msgs = errors.iter().map(|d| d.to_string()).collect::<Vec<_>>();
                    return with_tracking(errors_at(lit.span(), &msgs), &tracked);
                }
            }
        }
    };
    // Without `api_version`, the schema's newest version (`latest` for the canonical schema
    // and for a plain types document).
    let version = match &args.api_version {
        Some(l) => l.value(),
        None => contract
            .latest()
            .map_or_else(|| "latest".to_owned(), |v| v.id.clone()),
    };
    let vspan = args.api_version.as_ref().map_or(at, |l| l.span());
    let ir = match contract.view(&version) {
        Ok(ir) => ir,
        Err(e) => return with_tracking(errors_at(vspan, &[e.to_string()]), &tracked),
    };
    let mut settings = Settings::default();
    settings.with_source(source);
    // Already checked by the parser; a failure here would only repeat that error.
    if let Ok(Some(path)) = args.runtime_path() {
        settings.with_runtime_path(path);
    }
    match adcontract_codegen::rust::try_generate(&ir, &settings) {
        Ok(tokens) => with_tracking(tokens, &tracked),
        Err(cs) => {
            let msgs = cs.iter().map(|c| c.to_string()).collect::<Vec<_>>();
            with_tracking(errors_at(at, &msgs), &tracked)
        }
    }
}

/// Every diagnostic of a failed compilation, one message each.
fn messages(e: &adcontract_schema::Error) -> Vec<String> {
    match e {
        adcontract_schema::Error::Load(l) => vec![l.to_string()],
        adcontract_schema::Error::Invalid(errors) => errors.iter().map(|d| d.to_string()).collect(),
    }
}

/// Where relative schema paths start: the calling crate's manifest directory.
fn manifest_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_default()
}

/// One `compile_error!` per message, all at `span`.
fn errors_at(span: Span, msgs: &[String]) -> TokenStream {
    let mut all: Option<syn::Error> = None;
    for m in msgs {
        let e = syn::Error::new(span, m);
        match &mut all {
            Some(a) => a.combine(e),
            None => all = Some(e),
        }
    }
    all.map(|e| e.to_compile_error()).unwrap_or_default()
}

/// `const _: &[u8] = include_bytes!("<abs path>");` for every schema file that exists, so that
/// cargo rebuilds the crate when one changes (a missing file is left out: `include_bytes!` on it
/// would only add a second error).
fn with_tracking(tokens: TokenStream, files: &[PathBuf]) -> TokenStream {
    let includes = files.iter().filter(|p| Path::new(p).is_file()).map(|p| {
        let s = p.display().to_string();
        quote!(
            const _: &[u8] = include_bytes!(#s);
        )
    });
    quote!(#tokens #(#includes)*)
}
