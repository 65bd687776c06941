//! The arguments of `bindings!(...)`: `schema = "path.json"`, `api_version = "5.19"` and
//! `runtime = "::adcontract_schema::runtime"`, all optional.
//!
//! Every problem with the arguments is collected (serde's `Ctxt` policy), so a call with two bad
//! arguments shows two errors at once, each under its own token.

use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, LitStr, Token};

/// Parsed, validated arguments.
#[derive(Debug, Default)]
pub(crate) struct Args {
    /// The schema file (an API description or a plain types document), relative to
    /// `CARGO_MANIFEST_DIR`; `None` = the canonical schema.
    pub(crate) schema: Option<LitStr>,
    /// The version view; `None` = the schema's newest version.
    pub(crate) api_version: Option<LitStr>,
    /// Where the expansion finds its runtime support; `None` = `::adcontract::__private`.
    pub(crate) runtime: Option<LitStr>,
}

impl Args {
    /// The `runtime` argument as a path, if it was given.
    pub(crate) fn runtime_path(&self) -> syn::Result<Option<syn::Path>> {
        self.runtime
            .as_ref()
            .map(|l| l.parse::<syn::Path>())
            .transpose()
    }
}

struct Arg {
    name: Ident,
    value: LitStr,
}

impl Parse for Arg {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let name: Ident = input.parse()?;
        input.parse::<Token![=]>()?;
        let value: LitStr = input.parse()?;
        Ok(Arg { name, value })
    }
}

impl Parse for Args {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let list = Punctuated::<Arg, Token![,]>::parse_terminated(input)?;
        let mut args = Args::default();
        let mut errors: Option<syn::Error> = None;
        let mut push = |e: syn::Error| match &mut errors {
            Some(all) => all.combine(e),
            None => errors = Some(e),
        };
        for arg in list {
            let slot = match arg.name.to_string().as_str() {
                "schema" => &mut args.schema,
                "api_version" => &mut args.api_version,
                "runtime" => {
                    if let Err(e) = arg.value.parse::<syn::Path>() {
                        push(syn::Error::new(
                            arg.value.span(),
                            format!(
                                "`runtime` must be a path such as \"::adcontract_schema::runtime\": {e}"
                            ),
                        ));
                    }
                    &mut args.runtime
                }
                other => {
                    push(syn::Error::new(
                        arg.name.span(),
                        format!(
                            "unknown argument `{other}`; expected `schema = \"path.json\"`, `api_version = \"5.19\"` or `runtime = \"::adcontract_schema::runtime\"`"
                        ),
                    ));
                    continue;
                }
            };
            if slot.is_some() {
                push(syn::Error::new(
                    arg.name.span(),
                    format!("duplicate argument `{}`", arg.name),
                ));
            } else {
                *slot = Some(arg.value);
            }
        }
        match errors {
            Some(e) => Err(e),
            None => Ok(args),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn parses_all_forms_and_reports_every_bad_argument() {
        let a: Args = syn::parse_str("").unwrap();
        assert!(a.schema.is_none() && a.api_version.is_none());
        let a: Args = syn::parse_str(r#"schema = "s.json", api_version = "5.19","#).unwrap();
        assert_eq!(a.schema.unwrap().value(), "s.json");
        assert_eq!(a.api_version.unwrap().value(), "5.19");
        let e = syn::parse_str::<Args>(r#"shema = "x", version = "y""#).unwrap_err();
        assert_eq!(e.into_iter().count(), 2);
        let e = syn::parse_str::<Args>(r#"api_version = "x", api_version = "y""#).unwrap_err();
        assert!(e.to_string().contains("duplicate"));
        let a: Args = syn::parse_str(r#"runtime = "::adcontract_schema::runtime""#).unwrap();
        assert!(a.runtime_path().unwrap().is_some());
        let e = syn::parse_str::<Args>(r#"runtime = "not a path!""#).unwrap_err();
        assert!(e.to_string().contains("must be a path"));
    }
}
