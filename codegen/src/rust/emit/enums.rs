//! Enum shapes as Rust enums: string enums with `Unrecognized(String)`, integer enums, codes.

use super::*;

impl Gen<'_> {
    pub(super) fn emit_enum(
        &mut self,
        m: &mut Module,
        name: &str,
        e: &EnumShape,
        meta: Option<&Meta>,
        ptr: &str,
    ) {
        let rt = self.rt.clone();
        let mut scope = Scope::rust("enum variant");
        let all_strings = e.values.iter().all(|v| v.value.is_string());
        let mut variants = Vec::new();
        let mut idents = Vec::new();
        for v in &e.values {
            let vname = match &v.value {
                serde_json::Value::String(s) => pascal(s),
                serde_json::Value::Number(n) => match n.as_i64() {
                    Some(i) if i < 0 => format!("Minus{}", i.unsigned_abs()),
                    _ => format!("N{n}"),
                },
                other => pascal(&other.to_string()),
            };
            let vptr = if v.meta.pointer.is_empty() {
                ptr.to_owned()
            } else {
                v.meta.pointer.clone()
            };
            self.claim(&mut scope, &vname, &v.value.to_string(), &vptr);
            let id = ident(&vname);
            let doc = docs::attrs(v.meta.description.as_deref());
            let dep = deprecated(&v.meta);
            variants.push(quote!(#doc #dep #id,));
            idents.push(id);
        }
        self.claim(
            &mut scope,
            "Unrecognized",
            "(a value the schema does not list)",
            ptr,
        );
        let n = ident(name);
        let doc = docs::attrs(meta.and_then(|m| m.description.as_deref()));
        let dep = meta.map(deprecated).unwrap_or_default();
        let unknown_doc = docs::own(
            "A value this version of the contract does not list, kept verbatim (validation reports it).",
        );
        let schema_text = serde_json::json!({ "enum": e.values.iter().map(|v| v.value.clone()).collect::<Vec<_>>() }).to_string();
        let codes: Vec<TokenStream> = e
            .values
            .iter()
            .zip(&idents)
            .filter_map(|(v, id)| {
                v.code
                    .map(|c| quote!(Self::#id => ::core::option::Option::Some(#c),))
            })
            .collect();
        let code_fn = if codes.is_empty() {
            TokenStream::new()
        } else {
            let d = docs::own(
                "The numeric code of this named code (`x-code`), if the contract gives one.",
            );
            quote! {
                #d
                pub fn code(&self) -> ::core::option::Option<i64> {
                    match self { #(#codes)* _ => ::core::option::Option::None }
                }
            }
        };
        let schema_impl = self.schema_impl(name, &[], quote!(#rt::schema_from_json(#schema_text)));
        if all_strings {
            let lits: Vec<&str> = e.values.iter().filter_map(|v| v.value.as_str()).collect();
            m.items.push(quote! {
                #doc #dep
                #[allow(deprecated)]
                #[derive(Debug, Clone, PartialEq, Eq, Hash)]
                pub enum #n {
                    #(#variants)*
                    #unknown_doc
                    Unrecognized(::std::string::String),
                }
                #[allow(deprecated)]
                impl #n {
                    /// Every value this version of the contract lists, in schema order.
                    pub const KNOWN: &'static [&'static str] = &[#(#lits),*];
                    /// The exact wire string.
                    pub fn as_str(&self) -> &str {
                        match self { #(Self::#idents => #lits,)* Self::Unrecognized(s) => s.as_str() }
                    }
                    /// The value for a wire string; never fails (unlisted strings become `Unrecognized`).
                    pub fn from_wire(s: &str) -> Self {
                        match s { #(#lits => Self::#idents,)* other => Self::Unrecognized(::std::string::String::from(other)) }
                    }
                    /// Whether the value is one the contract lists.
                    pub fn is_known(&self) -> bool {
                        !::core::matches!(self, Self::Unrecognized(_))
                    }
                    #code_fn
                }
                impl ::core::fmt::Display for #n {
                    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(self.as_str())
                    }
                }
                impl #rt::serde::Serialize for #n {
                    fn serialize<S: #rt::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                        serializer.serialize_str(self.as_str())
                    }
                }
                impl<'de> #rt::serde::Deserialize<'de> for #n {
                    fn deserialize<D: #rt::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                        let s = <::std::string::String as #rt::serde::Deserialize>::deserialize(deserializer)?;
                        ::core::result::Result::Ok(Self::from_wire(&s))
                    }
                }
                #schema_impl
            });
        } else {
            let lits: Vec<String> = e.values.iter().map(|v| v.value.to_string()).collect();
            m.items.push(quote! {
                #doc #dep
                #[allow(deprecated)]
                #[derive(Debug, Clone, PartialEq, Eq, Hash)]
                pub enum #n {
                    #(#variants)*
                    #unknown_doc
                    Unrecognized(#rt::serde_json::Value),
                }
                #[allow(deprecated)]
                impl #n {
                    /// The exact wire value.
                    pub fn to_value(&self) -> #rt::serde_json::Value {
                        match self { #(Self::#idents => #rt::value_from_json(#lits),)* Self::Unrecognized(v) => v.clone() }
                    }
                    /// The value for a wire value; never fails (unlisted values become `Unrecognized`).
                    pub fn from_value(v: #rt::serde_json::Value) -> Self {
                        #( if v == #rt::value_from_json(#lits) { return Self::#idents; } )*
                        Self::Unrecognized(v)
                    }
                    /// Whether the value is one the contract lists.
                    pub fn is_known(&self) -> bool {
                        !::core::matches!(self, Self::Unrecognized(_))
                    }
                    #code_fn
                }
                impl #rt::serde::Serialize for #n {
                    fn serialize<S: #rt::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                        #rt::serde::Serialize::serialize(&self.to_value(), serializer)
                    }
                }
                impl<'de> #rt::serde::Deserialize<'de> for #n {
                    fn deserialize<D: #rt::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                        let v = <#rt::serde_json::Value as #rt::serde::Deserialize>::deserialize(deserializer)?;
                        ::core::result::Result::Ok(Self::from_value(v))
                    }
                }
                #schema_impl
            });
        }
    }
}
