//! The data types of a view: named types, inline types synthesized from fields, and the mapping
//! of every IR shape to a Rust type.
//!
//! Mapping rules (why, in short):
//! - `integer` -> `i64` (JavaScript never sends more than 2^53), `number` -> `serde_json::Number`,
//!   not `f64`: `5` must come back as `5`, not `5.0`, or parse -> serialize is not lossless.
//! - Objects keep undeclared properties in `unknown_fields` (`#[serde(flatten)]`), so a newer Agent
//!   Desktop's extra fields survive a round trip; the validator, not serde, reports them.
//! - required / optional x nullable: `T`, `Option<T>` (must be present, may be null),
//!   `Option<T>` (skipped when absent), `Nullable<T>` (absent / null / value).
//! - String enums get `Unrecognized(String)`; string-tagged unions get `Unrecognized(Value)`: a
//!   value the schema does not know must not make deserialization fail. (Not `Unknown`: the
//!   contract's own `InteractionState` lists the value `"unknown"`.)
//! - Tagged unions dispatch on their tag themselves (a declared tag with the wrong shape is an
//!   error; serde's `untagged` would silently try the next branch).
//! - Every std path is absolute (`::std::string::String`) so schema types named `String`,
//!   `Option` or `Vec` cannot shadow them.

use std::collections::{BTreeMap, BTreeSet};

use adcontract_schema::ir::{
    EnumShape, Ir, Meta, ObjectShape, Shape, TypeDef, UnionShape, UnknownFields,
};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs;
use super::names::{ident, pascal, snake, spelled, type_name};
use super::scope::{Collision, Origin, Scope};

/// Everything an emission pass shares.
pub(crate) struct Gen<'a> {
    pub(crate) ir: &'a Ir,
    /// The runtime support path as tokens (`::adcontract::__private`).
    pub(crate) rt: TokenStream,
    /// The same path as text, for `#[serde(crate = "...")]` and `with`-style attributes.
    pub(crate) rt_str: String,
    pub(crate) collisions: Vec<Collision>,
    /// The declaration generics of the named type being emitted, defaults included
    /// (`<T = ()>`), keyed by its Rust name so that inline types synthesized on the way never
    /// pick them up.
    decl_generics: Option<(String, TokenStream)>,
}

/// One Rust module being filled: the view's root or an API's submodule.
pub(crate) struct Module {
    pub(crate) items: Vec<TokenStream>,
    pub(crate) types: Scope,
    /// How to name the view's root from here (`` or `super::`).
    pub(crate) up: TokenStream,
}

impl Module {
    pub(crate) fn new(up: TokenStream) -> Self {
        Module {
            items: Vec::new(),
            types: Scope::new("type"),
            up,
        }
    }
}

/// Where a shape sits, for naming inline types and for boxing recursive references.
#[derive(Clone, Copy)]
pub(crate) struct TyCx<'c> {
    /// The named type being emitted (a reference back to it must be boxed).
    pub(crate) owner: Option<&'c str>,
    /// The generic parameters in scope.
    pub(crate) generics: &'c [String],
    /// Inside a `Vec`/`BTreeMap` (already on the heap: no `Box` needed).
    pub(crate) indirect: bool,
}

/// How a field or parameter is present on the wire.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Presence {
    Required,
    RequiredNullable,
    Optional,
    OptionalNullable,
}

impl Presence {
    pub(crate) fn of(required: bool, shape: &Shape) -> (Presence, &Shape) {
        match (required, shape) {
            (true, Shape::Nullable { inner }) => (Presence::RequiredNullable, inner),
            (false, Shape::Nullable { inner }) => (Presence::OptionalNullable, inner),
            (true, s) => (Presence::Required, s),
            (false, s) => (Presence::Optional, s),
        }
    }
}

impl<'a> Gen<'a> {
    pub(crate) fn new(ir: &'a Ir, rt: &syn::Path) -> Self {
        let rt_str = path_string(rt);
        Gen {
            ir,
            rt: quote!(#rt),
            rt_str,
            collisions: Vec::new(),
            decl_generics: None,
        }
    }

    /// `<A, B = Default>` for the declaration of `name`: the named type's own parameters with
    /// their defaults when `name` is the type [`Gen::emit_typedef`] is on, else plain `params`.
    fn decl_generics(&mut self, name: &str, params: &[String]) -> TokenStream {
        match self.decl_generics.take() {
            Some((n, g)) if n == name => g,
            other => {
                self.decl_generics = other;
                generic_params(params)
            }
        }
    }

    fn claim(&mut self, scope: &mut Scope, rust: &str, wire: &str, pointer: &str) {
        let origin = Origin {
            wire: wire.to_owned(),
            pointer: pointer.to_owned(),
        };
        scope.claim(&spelled(rust), origin, &mut self.collisions);
    }

    pub(crate) fn claim_type(&mut self, m: &mut Module, rust: &str, wire: &str, pointer: &str) {
        let origin = Origin {
            wire: wire.to_owned(),
            pointer: pointer.to_owned(),
        };
        m.types.claim(&spelled(rust), origin, &mut self.collisions);
    }

    pub(crate) fn claim_in(&mut self, scope: &mut Scope, rust: &str, wire: &str, pointer: &str) {
        self.claim(scope, rust, wire, pointer);
    }

    /// `#[serde(crate = ...)]` and `#[schemars(crate = ...)]` so the derives find the re-exports.
    fn crate_attrs(&self) -> TokenStream {
        let serde = format!("{}::serde", self.rt_str);
        let schemars = format!("{}::schemars", self.rt_str);
        quote! {
            #[serde(crate = #serde)]
            #[schemars(crate = #schemars)]
        }
    }

    /// Emits every named type of the view into the root module.
    pub(crate) fn emit_types(&mut self, m: &mut Module) {
        // Claim all named types first, so an inline type that takes a named type's Rust name is
        // reported against the named type whatever the order.
        for def in self.ir.types.values() {
            let name = type_name(&def.name);
            self.claim_type(m, &name, &def.name, &def.meta.pointer);
        }
        for def in self.ir.types.values() {
            self.emit_typedef(m, def);
        }
    }

    fn emit_typedef(&mut self, m: &mut Module, def: &TypeDef) {
        let name = type_name(&def.name);
        let cx = TyCx {
            owner: Some(&def.name),
            generics: &def.type_params,
            indirect: false,
        };
        let ptr = def.meta.pointer.as_str();
        let rt = self.rt.clone();
        let wire = def.name.as_str();
        if def.type_param_defaults.iter().any(Option::is_some) {
            // A default names no parameter (checked), so it is typed with none in scope.
            let no_generics = TyCx {
                generics: &[],
                ..cx
            };
            let ps: Vec<TokenStream> = def
                .type_params
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let id = param_ident(p);
                    match def.type_param_default(i) {
                        Some(d) => {
                            let hint = format!("{name}{p}Default");
                            let t = self.ty(m, d, &hint, ptr, no_generics);
                            quote!(#id = #t)
                        }
                        None => quote!(#id),
                    }
                })
                .collect();
            self.decl_generics = Some((name.clone(), quote!(<#(#ps),*>)));
        }
        let nominal = match &def.shape {
            Shape::Object(obj) => {
                self.emit_struct(m, &name, obj, Some(&def.meta), &def.type_params, ptr, cx);
                true
            }
            Shape::Enum(e) => {
                self.emit_enum(m, &name, e, Some(&def.meta), ptr);
                true
            }
            Shape::Union(u) => {
                self.emit_union(m, &name, u, Some(&def.meta), &def.type_params, ptr, cx);
                true
            }
            Shape::Const { value } if !value.is_null() => {
                let marker = format!("{name}Value");
                self.claim_type(m, &marker, &format!("{wire} (const marker)"), ptr);
                self.emit_const_marker(m, &marker, value);
                let doc = docs::attrs(def.meta.description.as_deref());
                let dep = deprecated(&def.meta);
                let n = ident(&name);
                let mk = ident(&marker);
                m.items
                    .push(quote! { #doc #dep #[allow(deprecated)] pub type #n = #rt::Const<#mk>; });
                false
            }
            other => {
                let ty = self.ty(m, other, &name, ptr, cx);
                let doc = docs::attrs(def.meta.description.as_deref());
                let dep = deprecated(&def.meta);
                let n = ident(&name);
                let g = self.decl_generics(&name, &def.type_params);
                m.items
                    .push(quote! { #doc #dep #[allow(deprecated)] pub type #n #g = #ty; });
                false
            }
        };
        if nominal {
            let n = ident(&name);
            let g = generic_params(&def.type_params);
            let ps: Vec<Ident> = def.type_params.iter().map(|p| param_ident(p)).collect();
            // A named type is a `Ref` to itself, its arguments being its parameters' shapes.
            m.items.push(quote! {
                #[allow(deprecated)]
                impl #g #rt::ContractShape for #n #g where #(#ps: #rt::ContractShape,)* {
                    fn contract_shape() -> #rt::ir::Shape {
                        #rt::ir::Shape::Ref {
                            name: ::std::string::String::from(#wire),
                            args: ::std::vec![#(<#ps as #rt::ContractShape>::contract_shape()),*],
                        }
                    }
                }
            });
            let (doc, body) = if ps.is_empty() {
                (
                    format!(
                        "Validates this value against `{}` in the contract view these bindings were generated from: every problem, with its JSON pointer and the rule it breaks (the same verdicts as `adcontract validate`).",
                        docs::esc(wire)
                    ),
                    quote!(__ADCONTRACT_VIEW.validate_value(#wire, self)),
                )
            } else {
                (
                    format!(
                        "Validates this value against its instantiation of `{}` in the contract view these bindings were generated from (the generic arguments as the types they are, through `ContractShape`): every problem, with its JSON pointer and the rule it breaks (the same verdicts as `adcontract validate` on the instantiated shape, e.g. a method's result).",
                        docs::esc(wire)
                    ),
                    quote!(__ADCONTRACT_VIEW.validate_instance(self)),
                )
            };
            let doc = docs::own(&doc);
            m.items.push(quote! {
                #[allow(deprecated)]
                impl #g #n #g where #(#ps: #rt::serde::Serialize + #rt::ContractShape,)* {
                    #doc
                    pub fn validate(&self) -> ::core::result::Result<::std::vec::Vec<#rt::Problem>, #rt::ValidateError> {
                        #body
                    }
                }
            });
        }
    }

    /// The Rust type of a shape; inline objects, enums, unions and consts are synthesized as
    /// named items called `hint`.
    pub(crate) fn ty(
        &mut self,
        m: &mut Module,
        shape: &Shape,
        hint: &str,
        ptr: &str,
        cx: TyCx<'_>,
    ) -> TokenStream {
        let rt = self.rt.clone();
        match shape {
            Shape::Any => quote!(#rt::serde_json::Value),
            Shape::Null => quote!(()),
            Shape::Boolean => quote!(bool),
            Shape::Integer(_) => quote!(i64),
            Shape::Number(_) => quote!(#rt::serde_json::Number),
            Shape::String(_) => quote!(::std::string::String),
            Shape::Const { value } if value.is_null() => quote!(()),
            Shape::Const { value } => {
                self.claim_type(m, hint, &format!("const {value}"), ptr);
                self.emit_const_marker(m, hint, value);
                let mk = ident(hint);
                quote!(#rt::Const<#mk>)
            }
            Shape::Ref { name, args } => {
                let up = m.up.clone();
                let n = ident(&type_name(name));
                let args: Vec<TokenStream> = args
                    .iter()
                    .enumerate()
                    .map(|(i, a)| {
                        let h = format!("{hint}Arg{i}");
                        self.ty(
                            m,
                            a,
                            &h,
                            ptr,
                            TyCx {
                                indirect: false,
                                ..cx
                            },
                        )
                    })
                    .collect();
                let base = if args.is_empty() {
                    quote!(#up #n)
                } else {
                    quote!(#up #n<#(#args),*>)
                };
                let cyclic = !cx.indirect && cx.owner.is_some_and(|o| self.reaches(name, o));
                if cyclic {
                    quote!(::std::boxed::Box<#base>)
                } else {
                    base
                }
            }
            Shape::TypeParam { name } => {
                let p = param_ident(name);
                quote!(#p)
            }
            Shape::Nullable { inner } => {
                let t = self.ty(m, inner, hint, ptr, cx);
                quote!(::core::option::Option<#t>)
            }
            Shape::Array(a) => {
                let t = self.ty(
                    m,
                    &a.items,
                    &format!("{hint}Item"),
                    ptr,
                    TyCx {
                        indirect: true,
                        ..cx
                    },
                );
                quote!(::std::vec::Vec<#t>)
            }
            Shape::Map(map) => {
                let t = self.ty(
                    m,
                    &map.values,
                    &format!("{hint}Value"),
                    ptr,
                    TyCx {
                        indirect: true,
                        ..cx
                    },
                );
                quote!(::std::collections::BTreeMap<::std::string::String, #t>)
            }
            Shape::Object(obj) => {
                let params = used_params(shape, cx.generics);
                self.claim_type(m, hint, &format!("inline object at {ptr}"), ptr);
                self.emit_struct(m, hint, obj, None, &params, ptr, cx);
                self.emit_inline_shape(m, hint, shape, &params);
                named_with(hint, &params)
            }
            Shape::Enum(e) => {
                self.claim_type(m, hint, &format!("inline enum at {ptr}"), ptr);
                self.emit_enum(m, hint, e, None, ptr);
                self.emit_inline_shape(m, hint, shape, &[]);
                let n = ident(hint);
                quote!(#n)
            }
            Shape::Union(u) => {
                let params = used_params(shape, cx.generics);
                self.claim_type(m, hint, &format!("inline union at {ptr}"), ptr);
                self.emit_union(m, hint, u, None, &params, ptr, cx);
                self.emit_inline_shape(m, hint, shape, &params);
                named_with(hint, &params)
            }
        }
    }

    /// `ContractShape` for an inline type synthesized from `shape`: the shape itself, embedded as
    /// JSON and read once, with the type's generic parameters (`params`) substituted.
    fn emit_inline_shape(&self, m: &mut Module, name: &str, shape: &Shape, params: &[String]) {
        let rt = self.rt.clone();
        let n = ident(name);
        let g = generic_params(params);
        let ps: Vec<Ident> = params.iter().map(|p| param_ident(p)).collect();
        // Serializing plain data cannot fail; if it ever did, the shape would read as `Any`.
        let json = serde_json::to_string(shape).unwrap_or_default();
        let body = if params.is_empty() {
            quote!(::core::clone::Clone::clone(SHAPE.get()))
        } else {
            let names = params.iter();
            quote!(#rt::instantiate(SHAPE.get(), &[#((#names, <#ps as #rt::ContractShape>::contract_shape())),*]))
        };
        m.items.push(quote! {
            #[allow(deprecated)]
            impl #g #rt::ContractShape for #n #g where #(#ps: #rt::ContractShape,)* {
                fn contract_shape() -> #rt::ir::Shape {
                    static SHAPE: #rt::ShapeCell = #rt::ShapeCell::new(#json);
                    #body
                }
            }
        });
    }

    /// Whether named type `from` reaches named type `to` without passing through a `Vec` or a map
    /// (such a cycle would make a type of infinite size, so the reference is boxed).
    fn reaches(&self, from: &str, to: &str) -> bool {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_owned()];
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if !seen.insert(n.clone()) {
                continue;
            }
            if let Some(def) = self.ir.types.get(&n) {
                direct_refs(&def.shape, &mut stack);
            }
        }
        false
    }

    #[allow(clippy::too_many_arguments)]
    fn emit_struct(
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
        let mut scope = Scope::new("field");
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

    fn emit_enum(
        &mut self,
        m: &mut Module,
        name: &str,
        e: &EnumShape,
        meta: Option<&Meta>,
        ptr: &str,
    ) {
        let rt = self.rt.clone();
        let mut scope = Scope::new("enum variant");
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

    /// A `JsonSchema` impl with an exact, hand-built schema (`body` evaluates to a `Schema`, with
    /// `generator` in scope).
    fn schema_impl(&self, name: &str, params: &[String], body: TokenStream) -> TokenStream {
        let rt = self.rt.clone();
        let n = ident(name);
        let g = generic_params(params);
        let ps: Vec<Ident> = params.iter().map(|p| param_ident(p)).collect();
        let (name_expr, id_expr) = if ps.is_empty() {
            (
                quote!(::std::borrow::Cow::Borrowed(#name)),
                quote!(::std::borrow::Cow::Borrowed(
                    ::core::concat!(::core::module_path!(), "::", #name)
                )),
            )
        } else {
            let fmt_name = format!("{name}{}", "_for_{}".repeat(ps.len()));
            let fmt_id = format!("{{}}::{name}{}", "<{}>".repeat(ps.len()));
            (
                quote!(::std::borrow::Cow::Owned(
                    ::std::format!(#fmt_name, #(<#ps as #rt::schemars::JsonSchema>::schema_name()),*)
                )),
                quote!(::std::borrow::Cow::Owned(
                    ::std::format!(#fmt_id, ::core::module_path!(), #(<#ps as #rt::schemars::JsonSchema>::schema_id()),*)
                )),
            )
        };
        quote! {
            #[allow(deprecated)]
            impl #g #rt::schemars::JsonSchema for #n #g where #(#ps: #rt::schemars::JsonSchema,)* {
                fn schema_name() -> ::std::borrow::Cow<'static, str> { #name_expr }
                fn schema_id() -> ::std::borrow::Cow<'static, str> { #id_expr }
                fn json_schema(generator: &mut #rt::schemars::SchemaGenerator) -> #rt::schemars::Schema {
                    let _ = &generator;
                    #body
                }
            }
        }
    }

    fn emit_const_marker(&mut self, m: &mut Module, name: &str, value: &serde_json::Value) {
        let rt = self.rt.clone();
        let n = ident(name);
        let text = value.to_string();
        let doc = docs::own(&format!(
            "Marker for the constant {}: used as `Const<{name}>`, it serializes to exactly that value and rejects any other.",
            docs::esc(&text)
        ));
        m.items.push(quote! {
            #doc
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
            pub struct #n;
            impl #rt::ConstValue for #n {
                const JSON: &'static str = #text;
            }
        });
    }

    #[allow(clippy::too_many_arguments)]
    fn emit_union(
        &mut self,
        m: &mut Module,
        name: &str,
        u: &UnionShape,
        meta: Option<&Meta>,
        params: &[String],
        ptr: &str,
        cx: TyCx<'_>,
    ) {
        let rt = self.rt.clone();
        let mut scope = Scope::new("union variant");
        let string_tagged = u.tag.is_some()
            && u.variants
                .iter()
                .all(|v| v.tag_value.as_ref().is_some_and(|t| t.is_string()));
        let mut kind_count: BTreeMap<String, usize> = BTreeMap::new();
        for v in &u.variants {
            *kind_count.entry(kind_name(&v.shape)).or_default() += 1;
        }
        let mut kind_seen: BTreeMap<String, usize> = BTreeMap::new();
        struct V {
            id: Ident,
            ty: Option<TokenStream>,
            tag: Option<serde_json::Value>,
            strict: bool,
            doc: TokenStream,
        }
        let mut vs: Vec<V> = Vec::new();
        for v in &u.variants {
            let vptr = if v.meta.pointer.is_empty() {
                ptr.to_owned()
            } else {
                v.meta.pointer.clone()
            };
            let tag = if u.tag.is_some() {
                v.tag_value.clone()
            } else {
                None
            };
            let vname = match (&tag, &v.shape) {
                (Some(serde_json::Value::String(s)), _) => {
                    let n = pascal(s);
                    self.claim(&mut scope, &n, s, &vptr);
                    n
                }
                (_, Shape::Ref { name, .. }) => type_name(name),
                (Some(serde_json::Value::Bool(b)), _) => {
                    (if *b { "True" } else { "False" }).to_owned()
                }
                _ => {
                    let k = kind_name(&v.shape);
                    if kind_count.get(&k).copied().unwrap_or(0) > 1 {
                        let i = kind_seen.entry(k.clone()).or_default();
                        *i += 1;
                        format!("{k}{i}")
                    } else {
                        k
                    }
                }
            };
            // Names not derived from wire strings cannot collide in a way the schema author can
            // fix except through duplicate refs; still go through the scope for uniform reporting.
            if !matches!(tag, Some(serde_json::Value::String(_))) {
                self.claim(&mut scope, &vname, &vname, &vptr);
            }
            let id = ident(&vname);
            let ty = if matches!(v.shape, Shape::Null) {
                None
            } else {
                Some(self.ty(
                    m,
                    &v.shape,
                    &format!("{name}{vname}"),
                    &vptr,
                    TyCx {
                        indirect: false,
                        ..cx
                    },
                ))
            };
            let strict = self.has_is_known(&v.shape);
            let doc = docs::attrs(v.meta.description.as_deref());
            vs.push(V {
                id,
                ty,
                tag,
                strict,
                doc,
            });
        }
        if string_tagged {
            self.claim(
                &mut scope,
                "Unrecognized",
                "(a tag value the schema does not list)",
                ptr,
            );
        }
        let n = ident(name);
        let g = generic_params(params);
        let ps: Vec<Ident> = params.iter().map(|p| param_ident(p)).collect();
        let doc = docs::attrs(meta.and_then(|m| m.description.as_deref()));
        let dep = meta.map(deprecated).unwrap_or_default();
        let decl_variants = vs.iter().map(|v| {
            let (id, d) = (&v.id, &v.doc);
            match &v.ty {
                Some(t) => quote!(#d #id(#t),),
                None => quote!(#d #id,),
            }
        });
        let unknown_variant = if string_tagged {
            let d = docs::own(
                "A tag value this version of the contract does not list: the whole object, kept verbatim.",
            );
            quote!(#d Unrecognized(#rt::serde_json::Value),)
        } else {
            TokenStream::new()
        };
        let ser_arms = vs.iter().map(|v| {
            let id = &v.id;
            match &v.ty {
                Some(_) => quote!(Self::#id(v) => #rt::serde::Serialize::serialize(v, serializer),),
                None => quote!(Self::#id => serializer.serialize_unit(),),
            }
        });
        let ser_unknown = if string_tagged {
            quote!(Self::Unrecognized(v) => #rt::serde::Serialize::serialize(v, serializer),)
        } else {
            TokenStream::new()
        };
        let tag_name = u.tag.clone().unwrap_or_default();
        let de_body = if u.tag.is_some() {
            let arms = vs.iter().map(|v| {
                let id = &v.id;
                let build = match &v.ty {
                    Some(t) => quote!(#rt::from_value::<#t>(value).map(Self::#id).map_err(<D::Error as #rt::serde::de::Error>::custom)),
                    None => quote!(::core::result::Result::Ok(Self::#id)),
                };
                match &v.tag {
                    Some(serde_json::Value::String(s)) => {
                        quote!(::core::option::Option::Some(#rt::serde_json::Value::String(t)) if t == #s => #build,)
                    }
                    Some(serde_json::Value::Bool(b)) => {
                        quote!(::core::option::Option::Some(#rt::serde_json::Value::Bool(#b)) => #build,)
                    }
                    Some(other) => {
                        let text = other.to_string();
                        quote!(::core::option::Option::Some(t) if *t == #rt::value_from_json(#text) => #build,)
                    }
                    None => TokenStream::new(),
                }
            });
            let unknown_arm = if string_tagged {
                quote!(::core::option::Option::Some(#rt::serde_json::Value::String(_)) => ::core::result::Result::Ok(Self::Unrecognized(value)),)
            } else {
                TokenStream::new()
            };
            let msg = format!("`{name}`: missing or invalid tag property `{tag_name}`");
            quote! {
                match #rt::tag_of(&value, #tag_name) {
                    #(#arms)*
                    #unknown_arm
                    _ => ::core::result::Result::Err(<D::Error as #rt::serde::de::Error>::custom(#msg)),
                }
            }
        } else {
            // Two passes: first accept a branch only if it recognises the whole value (an open
            // enum would otherwise swallow every string), then take the first branch that parses.
            let strict = vs.iter().map(|v| {
                let id = &v.id;
                match &v.ty {
                    Some(t) if v.strict => quote! {
                        if let ::core::result::Result::Ok(x) = #rt::from_value::<#t>(value.clone()) {
                            if x.is_known() { return ::core::result::Result::Ok(Self::#id(x)); }
                        }
                    },
                    Some(t) => quote! {
                        if let ::core::result::Result::Ok(x) = #rt::from_value::<#t>(value.clone()) {
                            return ::core::result::Result::Ok(Self::#id(x));
                        }
                    },
                    None => quote! {
                        if value.is_null() { return ::core::result::Result::Ok(Self::#id); }
                    },
                }
            });
            let loose = vs.iter().filter(|v| v.strict).map(|v| {
                let id = &v.id;
                let t = v.ty.clone().unwrap_or_else(|| quote!(()));
                quote! {
                    if let ::core::result::Result::Ok(x) = #rt::from_value::<#t>(value.clone()) {
                        return ::core::result::Result::Ok(Self::#id(x));
                    }
                }
            });
            let msg = format!("data did not match any variant of `{name}`");
            quote! {
                #(#strict)*
                #(#loose)*
                ::core::result::Result::Err(<D::Error as #rt::serde::de::Error>::custom(#msg))
            }
        };
        let is_known = {
            let d = docs::own(
                "Whether the value is one the contract describes (not an `Unrecognized` tag, recursively for plain enums).",
            );
            let arms = vs.iter().map(|v| {
                let id = &v.id;
                match &v.ty {
                    Some(_) if v.strict => quote!(Self::#id(x) => x.is_known(),),
                    Some(_) => quote!(Self::#id(_) => true,),
                    None => quote!(Self::#id => true,),
                }
            });
            let unknown = if string_tagged {
                quote!(Self::Unrecognized(_) => false,)
            } else {
                TokenStream::new()
            };
            quote! {
                #d
                pub fn is_known(&self) -> bool {
                    match self { #(#arms)* #unknown }
                }
            }
        };
        let branch_tys: Vec<TokenStream> = vs
            .iter()
            .map(|v| v.ty.clone().unwrap_or_else(|| quote!(())))
            .collect();
        let combinator = if u.exclusive {
            quote!(one_of)
        } else {
            quote!(any_of)
        };
        let schema_impl = self.schema_impl(
            name,
            params,
            quote!(#rt::#combinator(::std::vec![#(generator.subschema_for::<#branch_tys>()),*])),
        );
        let decl_g = self.decl_generics(name, params);
        m.items.push(quote! {
            #doc #dep
            #[allow(deprecated)]
            #[derive(Debug, Clone, PartialEq)]
            pub enum #n #decl_g {
                #(#decl_variants)*
                #unknown_variant
            }
            #[allow(deprecated)]
            impl #g #n #g {
                #is_known
            }
            #[allow(deprecated)]
            impl #g #rt::serde::Serialize for #n #g where #(#ps: #rt::serde::Serialize,)* {
                fn serialize<S: #rt::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                    match self { #(#ser_arms)* #ser_unknown }
                }
            }
            #[allow(deprecated)]
            impl<'de, #(#ps,)*> #rt::serde::Deserialize<'de> for #n #g where #(#ps: #rt::serde::de::DeserializeOwned,)* {
                fn deserialize<D: #rt::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                    let value = <#rt::serde_json::Value as #rt::serde::Deserialize>::deserialize(deserializer)?;
                    #de_body
                }
            }
            #schema_impl
        });
    }

    /// How a field or parameter is present, with the shape of its value. An optional one whose
    /// shape itself accepts `null` (`{}`, an alias of a nullable type) is three-state too:
    /// `Option<Value>` would read a present `null` as absent and drop it on the way out.
    pub(crate) fn presence<'s>(&self, required: bool, shape: &'s Shape) -> (Presence, &'s Shape) {
        match Presence::of(required, shape) {
            (Presence::Optional, s) if self.accepts_null(s, 0) => (Presence::OptionalNullable, s),
            other => other,
        }
    }

    fn accepts_null(&self, shape: &Shape, depth: usize) -> bool {
        match shape {
            Shape::Any | Shape::Null | Shape::Nullable { .. } => true,
            Shape::Const { value } => value.is_null(),
            Shape::Ref { name, .. } if depth <= self.ir.types.len() => self
                .ir
                .types
                .get(name)
                .is_some_and(|d| self.accepts_null(&d.shape, depth + 1)),
            Shape::Union(u) => u
                .variants
                .iter()
                .any(|v| self.accepts_null(&v.shape, depth + 1)),
            _ => false,
        }
    }

    /// Whether the Rust type of `shape` has an `is_known` method (generated enums, structs are
    /// excluded: an object with extra fields is still that object).
    fn has_is_known(&self, shape: &Shape) -> bool {
        match shape {
            Shape::Enum(_) => true,
            Shape::Union(_) => true,
            Shape::Ref { name, .. } => self
                .ir
                .types
                .get(name)
                .is_some_and(|d| matches!(d.shape, Shape::Enum(_) | Shape::Union(_))),
            _ => false,
        }
    }
}

/// `#[deprecated]` for an item deprecated in this view.
pub(crate) fn deprecated(meta: &Meta) -> TokenStream {
    if meta.deprecated {
        quote!(#[deprecated(note = "deprecated in this version of the Agent Desktop contract")])
    } else {
        TokenStream::new()
    }
}

/// `::a::b` for a path, without the spaces `ToTokens` would put in.
pub(crate) fn path_string(p: &syn::Path) -> String {
    let mut s = String::new();
    if p.leading_colon.is_some() {
        s.push_str("::");
    }
    let segs: Vec<String> = p.segments.iter().map(|seg| seg.ident.to_string()).collect();
    s.push_str(&segs.join("::"));
    s
}

pub(crate) fn param_ident(p: &str) -> Ident {
    ident(&type_name(p))
}

fn generic_params(params: &[String]) -> TokenStream {
    if params.is_empty() {
        TokenStream::new()
    } else {
        let ps = params.iter().map(|p| param_ident(p));
        quote!(<#(#ps),*>)
    }
}

fn named_with(name: &str, params: &[String]) -> TokenStream {
    let n = ident(name);
    let g = generic_params(params);
    quote!(#n #g)
}

/// Generic parameters of `generics` that occur in `shape`, in declaration order (an inline type
/// inside a generic type must not declare a parameter it does not use: E0392).
fn used_params(shape: &Shape, generics: &[String]) -> Vec<String> {
    let mut found = BTreeSet::new();
    collect_params(shape, &mut found);
    generics
        .iter()
        .filter(|g| found.contains(*g))
        .cloned()
        .collect()
}

fn collect_params(shape: &Shape, out: &mut BTreeSet<String>) {
    match shape {
        Shape::TypeParam { name } => {
            out.insert(name.clone());
        }
        Shape::Ref { args, .. } => args.iter().for_each(|a| collect_params(a, out)),
        Shape::Nullable { inner } => collect_params(inner, out),
        Shape::Array(a) => collect_params(&a.items, out),
        Shape::Map(m) => collect_params(&m.values, out),
        Shape::Object(o) => o.fields.iter().for_each(|f| collect_params(&f.shape, out)),
        Shape::Union(u) => u
            .variants
            .iter()
            .for_each(|v| collect_params(&v.shape, out)),
        _ => {}
    }
}

/// Named types a shape contains by value (not behind a `Vec` or a map).
fn direct_refs(shape: &Shape, out: &mut Vec<String>) {
    match shape {
        Shape::Ref { name, args } => {
            out.push(name.clone());
            args.iter().for_each(|a| direct_refs(a, out));
        }
        Shape::Nullable { inner } => direct_refs(inner, out),
        Shape::Object(o) => o.fields.iter().for_each(|f| direct_refs(&f.shape, out)),
        Shape::Union(u) => u.variants.iter().for_each(|v| direct_refs(&v.shape, out)),
        _ => {}
    }
}

/// A variant name for an untagged, unnamed branch.
fn kind_name(shape: &Shape) -> String {
    match shape {
        Shape::Any => "Any",
        Shape::Null => "Null",
        Shape::Boolean => "Boolean",
        Shape::Integer(_) => "Integer",
        Shape::Number(_) => "Number",
        Shape::String(_) => "String",
        Shape::Const { .. } => "Const",
        Shape::Ref { name, .. } => return type_name(name),
        Shape::TypeParam { name } => return type_name(name),
        Shape::Nullable { .. } => "Nullable",
        Shape::Array(_) => "Array",
        Shape::Map(_) => "Map",
        Shape::Object(_) => "Object",
        Shape::Enum(_) => "Enum",
        Shape::Union(_) => "Union",
    }
    .to_owned()
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

/// A type as compact source text, for attributes that take a type in a string
/// (`#[schemars(with = "...")]`): the spaces `TokenStream::to_string` puts around `::` and `<`
/// are dropped, only spaces between two identifier characters are kept.
fn type_string(ty: &TokenStream) -> String {
    let raw = ty.to_string();
    let chars: Vec<char> = raw.chars().collect();
    let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric() || *c == '_');
    let mut out = String::with_capacity(raw.len());
    for (i, c) in chars.iter().enumerate() {
        if *c == ' ' && !(word(chars.get(i.wrapping_sub(1))) && word(chars.get(i + 1))) {
            continue;
        }
        out.push(*c);
    }
    out
}
