//! Object shapes as structs: fields with their presence, serde and schemars attributes, and the
//! `unknown_fields` that keep undeclared properties.

use super::*;

impl Gen<'_> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn emit_struct(
        &mut self,
        m: &mut Module,
        name: &str,
        obj: &ObjectShape,
        meta: Option<&Meta>,
        params: &[String],
        ptr: &str,
        cx: TyCx<'_>,
    ) {
        let rt = self.rt.clone();
        let rt_str = self.rt_str.clone();
        let mut scope = Scope::rust("field");
        let mut fields = Vec::new();
        let inner_cx = TyCx {
            owner: cx.owner,
            generics: cx.generics,
            indirect: cx.indirect,
        };
        for f in &obj.fields {
            let rust = snake(&f.name);
            let fptr = if f.meta.pointer.is_empty() {
                ptr.to_owned()
            } else {
                f.meta.pointer.clone()
            };
            self.claim(&mut scope, &rust, &f.name, &fptr);
            let (presence, inner) = self.presence(f.required, &f.shape);
            let hint = format!("{name}{}", pascal(&f.name));
            let t = self.ty(
                m,
                inner,
                &hint,
                &fptr,
                TyCx {
                    indirect: false,
                    ..inner_cx
                },
            );
            let id = ident(&rust);
            let rename = if spelled(&rust) != f.name {
                let w = &f.name;
                quote!(#[serde(rename = #w)])
            } else {
                TokenStream::new()
            };
            // schemars would describe `Option<T>` as "T or null" and a field with
            // `deserialize_with` as plain `T`; `with` states the exact schema instead.
            let (ty, attrs) = match presence {
                Presence::Required => (t, TokenStream::new()),
                Presence::RequiredNullable => {
                    let de = format!("{rt_str}::de::required_nullable");
                    // `Nullable<T>` describes "T or null" without being an `Option`, so schemars
                    // keeps the field required and the null allowed.
                    let with = type_string(&quote!(#rt::Nullable<#t>));
                    (
                        quote!(::core::option::Option<#t>),
                        quote!(#[serde(deserialize_with = #de)] #[schemars(with = #with)]),
                    )
                }
                Presence::Optional => {
                    let with = type_string(&t);
                    (
                        quote!(::core::option::Option<#t>),
                        quote! {
                            #[serde(default, skip_serializing_if = "::core::option::Option::is_none")]
                            #[schemars(with = #with)]
                        },
                    )
                }
                Presence::OptionalNullable => {
                    let skip = format!("{rt_str}::Nullable::is_absent");
                    (
                        quote!(#rt::Nullable<#t>),
                        quote!(#[serde(default, skip_serializing_if = #skip)]),
                    )
                }
            };
            let doc = docs::attrs(f.meta.description.as_deref());
            let dep = deprecated(&f.meta);
            let rules = schemars_rules(inner);
            fields.push(quote! {
                #doc #dep #rename #attrs #rules
                pub #id: #ty,
            });
        }
        self.claim(
            &mut scope,
            "unknown_fields",
            "(properties the schema does not declare)",
            ptr,
        );
        let unknown_doc = docs::own(match obj.unknown {
            UnknownFields::Open => {
                "Properties this version of the contract does not declare, kept verbatim so that re-serializing loses nothing (validation reports them as warnings)."
            }
            UnknownFields::Closed => {
                "Properties this object must not have (`additionalProperties: false`), kept verbatim so that re-serializing loses nothing; validation reports them as errors."
            }
        });
        let closed = match obj.unknown {
            UnknownFields::Open => TokenStream::new(),
            // The derived schema must reject what the contract rejects; serde still keeps them.
            UnknownFields::Closed => quote!(#[schemars(extend("additionalProperties" = false))]),
        };
        let doc = docs::attrs(meta.and_then(|m| m.description.as_deref()));
        let dep = meta.map(deprecated).unwrap_or_default();
        let n = ident(name);
        let g = self.decl_generics(name, params);
        let crate_attrs = self.crate_attrs();
        // serde's inferred bounds ask `T: Default` of a `#[serde(default)]` field that uses `T`
        // (an optional `Option<T>`), which no schema means: state the bounds instead.
        let bounds = if params.is_empty() {
            TokenStream::new()
        } else {
            let each = |tr: &str| {
                params
                    .iter()
                    .map(|p| format!("{}: {}::serde::{tr}", param_ident(p), self.rt_str))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let (ser, de) = (each("Serialize"), each("Deserialize<'de>"));
            quote!(#[serde(bound(serialize = #ser, deserialize = #de))])
        };
        m.items.push(quote! {
            #doc #dep
            #[allow(deprecated)]
            #[derive(Debug, Clone, PartialEq, #rt::serde::Serialize, #rt::serde::Deserialize, #rt::schemars::JsonSchema)]
            #crate_attrs
            #bounds
            #closed
            pub struct #n #g {
                #(#fields)*
                #unknown_doc
                #[serde(flatten)]
                pub unknown_fields: #rt::serde_json::Map<::std::string::String, #rt::serde_json::Value>,
            }
        });
    }
}

/// `#[schemars(extend(...))]` for the direct constraints of a field's shape, so the schema
/// schemars derives rejects what the contract rejects.
fn schemars_rules(shape: &Shape) -> TokenStream {
    let mut pairs: Vec<(&str, serde_json::Value)> = Vec::new();
    let num = |v: f64| serde_json::Number::from_f64(v).map(serde_json::Value::Number);
    match shape {
        Shape::String(r) => {
            if let Some(v) = r.min_length {
                pairs.push(("minLength", v.into()));
            }
            if let Some(v) = r.max_length {
                pairs.push(("maxLength", v.into()));
            }
            if let Some(v) = &r.pattern {
                pairs.push(("pattern", v.clone().into()));
            }
        }
        Shape::Integer(r) | Shape::Number(r) => {
            for (k, v) in [
                ("minimum", r.minimum),
                ("maximum", r.maximum),
                ("exclusiveMinimum", r.exclusive_minimum),
                ("exclusiveMaximum", r.exclusive_maximum),
            ] {
                if let Some(n) = v.and_then(num) {
                    pairs.push((k, n));
                }
            }
        }
        Shape::Map(m) => {
            if let Some(p) = &m.key_pattern {
                pairs.push(("propertyNames", serde_json::json!({ "pattern": p })));
            }
        }
        Shape::Array(a) => {
            if let Some(v) = a.min_items {
                pairs.push(("minItems", v.into()));
            }
            if let Some(v) = a.max_items {
                pairs.push(("maxItems", v.into()));
            }
        }
        _ => {}
    }
    if pairs.is_empty() {
        return TokenStream::new();
    }
    // The values are written as JSON text and parsed back by `extend`: schemars accepts any
    // expression there, and a string literal of JSON keeps odd patterns token-safe.
    let entries = pairs.iter().map(|(k, v)| {
        let lit: TokenStream = match v {
            serde_json::Value::String(s) => quote!(#s),
            serde_json::Value::Number(n) => n.to_string().parse().unwrap_or_else(|_| quote!(0)),
            serde_json::Value::Object(o) => {
                let kv = o.iter().map(|(k, v)| {
                    let v = v.as_str().unwrap_or_default();
                    quote!(#k: #v)
                });
                quote!({ #(#kv),* })
            }
            _ => quote!(null),
        };
        quote!(#k = #lit)
    });
    quote!(#[schemars(extend(#(#entries),*))])
}
