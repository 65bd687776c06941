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
use crate::scope::{Collision, Origin, Scope};

mod enums;
mod object;
mod ty;
mod union;

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
            types: Scope::rust("type"),
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
    let found = shape.type_params();
    generics
        .iter()
        .filter(|g| found.contains(&g.as_str()))
        .cloned()
        .collect()
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
