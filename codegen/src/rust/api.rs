//! The API surface of a view: one module per API (`widget`, `embedded`) with
//!
//! - `Call`: every method with its arguments; on the wire `{"name": "<wire>", "args": [...]}`
//!   (positional arguments; trailing absent optional arguments are left out, an absent one
//!   before a present one is written as `null`, as JavaScript's `undefined` would be);
//! - `AgentDesktop`: a trait an implementation of the Agent Desktop implements, one method per
//!   call, plus a provided `dispatch(Call)` that calls it and serializes the result;
//! - `Event`: every event with its arguments, same envelope `{"name": "ON_…", "args": [...]}`;
//! - `EventResponse`: the answer of an event whose handler must respond,
//!   `{"name": "<event wire>", "response": <value>}`.
//!
//! Each enum has an `Unknown` variant so a newer peer's call or event does not fail to parse.

use adcontract_schema::ir::{Api, ApiId, CallStyle, Param};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs;
use super::emit::{Gen, Module, Presence, TyCx, deprecated};
use super::names::{ident, pascal, snake, spelled};
use crate::scope::Scope;

/// The module name of an API.
pub(crate) fn module_name(id: ApiId) -> &'static str {
    match id {
        ApiId::Widget => "widget",
        ApiId::Embedded => "embedded",
    }
}

/// One parameter, ready for the templates.
struct P {
    id: Ident,
    ty: TokenStream,
    presence: Presence,
    wire: String,
    doc: TokenStream,
}

impl Gen<'_> {
    pub(crate) fn emit_api(&mut self, api: &Api) -> TokenStream {
        let rt = self.rt.clone();
        let mut m = Module::new(quote!(super::));
        let ptr = api.meta.pointer.clone();
        for fixed in ["Call", "Event", "EventResponse", "AgentDesktop", "Binding"] {
            self.claim_type(&mut m, fixed, &format!("(generated `{fixed}`)"), &ptr);
        }
        let cx = TyCx {
            owner: None,
            generics: &[],
            indirect: false,
        };

        // Calls.
        let mut variants_scope = Scope::rust("method");
        let mut fn_scope = Scope::rust("trait method");
        self.claim_in(
            &mut fn_scope,
            "dispatch",
            "(provided method `dispatch`)",
            &ptr,
        );
        self.claim_in(&mut variants_scope, "Unknown", "(unknown method)", &ptr);
        let op = self
            .ir
            .types
            .get("OperationResult")
            .filter(|d| d.type_params.len() == 1);
        let mut call_variants = Vec::new();
        let mut ser_arms = Vec::new();
        let mut de_arms = Vec::new();
        let mut wire_arms = Vec::new();
        let mut trait_fns = Vec::new();
        let mut dispatch_arms = Vec::new();
        let mut binding_arms = Vec::new();
        for method in &api.methods {
            let vname = pascal(&method.name);
            let mptr = method.meta.pointer.clone();
            self.claim_in(&mut variants_scope, &vname, &method.name, &mptr);
            let fname = snake(&method.name);
            self.claim_in(&mut fn_scope, &fname, &method.name, &mptr);
            let ps = self.params(&mut m, &method.params, &vname, &mptr, cx);
            let v = ident(&vname);
            let f = ident(&fname);
            let wire = &method.wire;
            let doc = docs::attrs(method.meta.description.as_deref());
            let dep = deprecated(&method.meta);
            let ids: Vec<&Ident> = ps.iter().map(|p| &p.id).collect();
            let tys: Vec<&TokenStream> = ps.iter().map(|p| &p.ty).collect();
            let pdocs: Vec<&TokenStream> = ps.iter().map(|p| &p.doc).collect();
            call_variants.push(quote!(#doc #dep #v { #(#pdocs #ids: #tys,)* },));
            wire_arms.push(quote!(Self::#v { .. } => #wire,));
            ser_arms.push(ser_arm(&rt, &v, wire, &ps));
            de_arms.push(de_arm(&rt, &v, wire, &ps));
            let result = match &method.result {
                Some(s) => self.ty(&mut m, s, &format!("{vname}Result"), &mptr, cx),
                None => quote!(()),
            };
            // A callback method's answer is a message that may never come (API B answers
            // nothing when the agent is logged out, for instance): `None` = no callback.
            let ret = match (api.style, op, &method.result) {
                (CallStyle::Promise, Some(_), _) => quote!(super::OperationResult<#result>),
                (CallStyle::Callback, _, Some(_)) => quote!(::core::option::Option<#result>),
                _ => result,
            };
            // No `-> ()` (clippy's `unused_unit` in a checked-in file).
            let arrow = if ret.to_string() == "()" {
                TokenStream::new()
            } else {
                quote!(-> #ret)
            };
            trait_fns.push(quote! {
                #doc #dep
                fn #f(&mut self, #(#ids: #tys),*) #arrow;
            });
            dispatch_arms.push(quote! {
                Call::#v { #(#ids),* } => #rt::to_result(self.#f(#(#ids),*)),
            });
            let js_name = &method.name;
            // A method returning nothing answers no callback: the harness must see no result,
            // not a `null` one.
            let answer = if arrow.is_empty() {
                quote!(|_| ::core::option::Option::None)
            } else if api.style == CallStyle::Callback {
                // `None` (no callback) serializes as `null`; API B's answers are objects.
                quote!(|v: #rt::serde_json::Value| if v.is_null() { ::core::option::Option::None } else { ::core::option::Option::Some(v) })
            } else {
                quote!(::core::option::Option::Some)
            };
            binding_arms.push(quote! {
                #js_name => {
                    let call = #rt::call_from_args::<Call>(#js_name, #wire, args)?;
                    <T as AgentDesktop>::dispatch(target, call).map(#answer)
                }
            });
        }

        // Events and their responses.
        let mut ev_scope = Scope::rust("event");
        self.claim_in(&mut ev_scope, "Unknown", "(unknown event)", &ptr);
        let mut ev_variants = Vec::new();
        let mut ev_ser = Vec::new();
        let mut ev_de = Vec::new();
        let mut ev_wire = Vec::new();
        let mut ev_needs = Vec::new();
        let mut resp_variants = Vec::new();
        let mut resp_ser = Vec::new();
        let mut resp_de = Vec::new();
        for event in &api.events {
            let vname = pascal(&event.name);
            let eptr = event.meta.pointer.clone();
            self.claim_in(&mut ev_scope, &vname, &event.name, &eptr);
            let ps = self.params(&mut m, &event.params, &vname, &eptr, cx);
            let v = ident(&vname);
            let wire = &event.wire;
            let mut doc_lines = Vec::new();
            if let Some(h) = &event.handler {
                doc_lines.push(format!("Documented handler: {h}."));
            }
            let doc = docs::attrs(event.meta.description.as_deref());
            let extra = docs::attrs(Some(&doc_lines.join("\n")));
            let dep = deprecated(&event.meta);
            let ids: Vec<&Ident> = ps.iter().map(|p| &p.id).collect();
            let tys: Vec<&TokenStream> = ps.iter().map(|p| &p.ty).collect();
            let pdocs: Vec<&TokenStream> = ps.iter().map(|p| &p.doc).collect();
            ev_variants.push(quote!(#doc #extra #dep #v { #(#pdocs #ids: #tys,)* },));
            ev_wire.push(quote!(Self::#v { .. } => #wire,));
            ev_ser.push(ser_arm(&rt, &v, wire, &ps));
            ev_de.push(de_arm(&rt, &v, wire, &ps));
            let needs = event.response.is_some();
            ev_needs.push(quote!(Self::#v { .. } => #needs,));
            if let Some(resp) = &event.response {
                let t = self.ty(&mut m, resp, &format!("{vname}Response"), &eptr, cx);
                // An answer that may be left out: `None` is sent as (and read from) `null`.
                let t = if event.response_optional {
                    quote!(::core::option::Option<#t>)
                } else {
                    t
                };
                resp_variants.push(quote!(#doc #dep #v(#t),));
                resp_ser.push(quote! {
                    Self::#v(r) => #rt::ResponseEnvelope {
                        name: ::std::string::String::from(#wire),
                        response: #rt::serde_json::to_value(r).map_err(<S::Error as #rt::serde::ser::Error>::custom)?,
                    },
                });
                resp_de.push(quote! {
                    #wire => #rt::from_value(env.response).map(Self::#v).map_err(<D::Error as #rt::serde::de::Error>::custom),
                });
            }
        }

        // The vendor's exported constants, in Rust's constant case (`responseSuffix` and
        // `RESPONSE_SUFFIX` are one `RESPONSE_SUFFIX`); the doc keeps the vendor's spelling.
        let mut const_scope = Scope::rust("constant");
        let constants: Vec<TokenStream> = api
            .constants
            .iter()
            .map(|c| {
                let rust = snake(&c.name).to_uppercase();
                self.claim_in(&mut const_scope, &rust, &c.name, &c.meta.pointer);
                let id = ident(&rust);
                let value = &c.value;
                let doc = docs::attrs(c.meta.description.as_deref());
                let vendor = docs::own(&format!(
                    "The vendor exports it as `{}`.",
                    docs::esc(&c.name)
                ));
                let dep = deprecated(&c.meta);
                quote!(#doc #vendor #dep pub const #id: &str = #value;)
            })
            .collect();

        let api_doc = docs::attrs(Some(&format!(
            "{}\n\nObtained with: {}",
            api.title, api.entry
        )));
        let api_desc = docs::attrs(api.meta.description.as_deref());
        let mod_name = ident(module_name(api.id));
        let api_id = module_name(api.id);
        let version_id = &self.ir.version.id;
        let items = std::mem::take(&mut m.items);
        quote! {
            #api_doc
            #api_desc
            // Calls and events may use deprecated types; the module itself must not warn.
            #[allow(deprecated)]
            pub mod #mod_name {
                #(#constants)*

                /// A method call with its arguments; on the wire `{"name": "<wire name>", "args": [...]}`.
                #[derive(Debug, Clone, PartialEq)]
                pub enum Call {
                    #(#call_variants)*
                    /// A method this version of the contract does not list, kept verbatim.
                    Unknown { name: ::std::string::String, args: ::std::vec::Vec<#rt::serde_json::Value> },
                }
                #[allow(deprecated)]
                impl Call {
                    /// The wire name of the call.
                    pub fn wire_name(&self) -> &str {
                        match self { #(#wire_arms)* Self::Unknown { name, .. } => name.as_str() }
                    }
                }
                #[allow(deprecated)]
                impl #rt::serde::Serialize for Call {
                    fn serialize<S: #rt::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                        let env = match self {
                            #(#ser_arms)*
                            Self::Unknown { name, args } => #rt::Envelope { name: name.clone(), args: args.clone() },
                        };
                        #rt::serde::Serialize::serialize(&env, serializer)
                    }
                }
                #[allow(deprecated)]
                impl<'de> #rt::serde::Deserialize<'de> for Call {
                    fn deserialize<D: #rt::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                        let env = <#rt::Envelope as #rt::serde::Deserialize>::deserialize(deserializer)?;
                        let args = env.args.as_slice();
                        let _ = args;
                        match env.name.as_str() {
                            #(#de_arms)*
                            _ => ::core::result::Result::Ok(Self::Unknown { name: env.name, args: env.args }),
                        }
                    }
                }

                /// What an implementation of the Agent Desktop answers, one method per call.
                pub trait AgentDesktop {
                    #(#trait_fns)*

                    /// Calls the method `call` names and serializes its result (an `Unknown` call is
                    /// an error).
                    #[allow(deprecated)]
                    fn dispatch(&mut self, call: Call) -> ::core::result::Result<#rt::serde_json::Value, #rt::DispatchError> {
                        match call {
                            #(#dispatch_arms)*
                            Call::Unknown { name, .. } => ::core::result::Result::Err(#rt::DispatchError::UnknownMethod(name)),
                        }
                    }
                }

                /// This module as a whole, for a harness that cannot name its types: through
                /// `ApiModule` and `ApiBinding`, adcontract-conformance's Rust adapter serves
                /// any [`AgentDesktop`] implementation over the harness protocol.
                #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
                pub struct Binding;
                impl #rt::ApiModule for Binding {
                    const API: &'static str = #api_id;
                    const VERSION: &'static str = #version_id;
                    type Event = Event;
                    type EventResponse = EventResponse;
                }
                #[allow(deprecated)]
                impl<T: AgentDesktop + ?::core::marker::Sized> #rt::ApiBinding<T> for Binding {
                    fn call(
                        target: &mut T,
                        method: &str,
                        args: ::std::vec::Vec<#rt::serde_json::Value>,
                    ) -> ::core::result::Result<::core::option::Option<#rt::serde_json::Value>, #rt::DispatchError> {
                        let _ = &args;
                        match method {
                            #(#binding_arms)*
                            _ => ::core::result::Result::Err(#rt::DispatchError::UnknownMethod(::std::string::String::from(method))),
                        }
                    }
                }

                /// An event with its arguments; on the wire `{"name": "<wire name>", "args": [...]}`.
                #[derive(Debug, Clone, PartialEq)]
                pub enum Event {
                    #(#ev_variants)*
                    /// An event this version of the contract does not list, kept verbatim.
                    Unknown { name: ::std::string::String, args: ::std::vec::Vec<#rt::serde_json::Value> },
                }
                #[allow(deprecated)]
                impl Event {
                    /// The wire name of the event.
                    pub fn wire_name(&self) -> &str {
                        match self { #(#ev_wire)* Self::Unknown { name, .. } => name.as_str() }
                    }
                    /// Whether the handler must answer with an [`EventResponse`].
                    pub fn needs_response(&self) -> bool {
                        match self { #(#ev_needs)* Self::Unknown { .. } => false }
                    }
                }
                #[allow(deprecated)]
                impl #rt::serde::Serialize for Event {
                    fn serialize<S: #rt::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                        let env = match self {
                            #(#ev_ser)*
                            Self::Unknown { name, args } => #rt::Envelope { name: name.clone(), args: args.clone() },
                        };
                        #rt::serde::Serialize::serialize(&env, serializer)
                    }
                }
                #[allow(deprecated)]
                impl<'de> #rt::serde::Deserialize<'de> for Event {
                    fn deserialize<D: #rt::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                        let env = <#rt::Envelope as #rt::serde::Deserialize>::deserialize(deserializer)?;
                        let args = env.args.as_slice();
                        let _ = args;
                        match env.name.as_str() {
                            #(#ev_de)*
                            _ => ::core::result::Result::Ok(Self::Unknown { name: env.name, args: env.args }),
                        }
                    }
                }

                /// The answer to an event whose handler must respond; on the wire
                /// `{"name": "<event wire name>", "response": <value>}`.
                #[derive(Debug, Clone, PartialEq)]
                pub enum EventResponse {
                    #(#resp_variants)*
                    /// A response to an event this version of the contract does not list.
                    Unknown { name: ::std::string::String, response: #rt::serde_json::Value },
                }
                #[allow(deprecated)]
                impl #rt::serde::Serialize for EventResponse {
                    fn serialize<S: #rt::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                        let env = match self {
                            #(#resp_ser)*
                            Self::Unknown { name, response } => #rt::ResponseEnvelope { name: name.clone(), response: response.clone() },
                        };
                        #rt::serde::Serialize::serialize(&env, serializer)
                    }
                }
                #[allow(deprecated)]
                impl<'de> #rt::serde::Deserialize<'de> for EventResponse {
                    fn deserialize<D: #rt::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                        let env = <#rt::ResponseEnvelope as #rt::serde::Deserialize>::deserialize(deserializer)?;
                        match env.name.as_str() {
                            #(#resp_de)*
                            _ => ::core::result::Result::Ok(Self::Unknown { name: env.name, response: env.response }),
                        }
                    }
                }

                #(#items)*
            }
        }
    }

    fn params(
        &mut self,
        m: &mut Module,
        params: &[Param],
        owner: &str,
        ptr: &str,
        cx: TyCx<'_>,
    ) -> Vec<P> {
        let mut scope = Scope::rust("parameter");
        let mut out = Vec::new();
        for p in params {
            let rust = snake(&p.name);
            let pptr = if p.meta.pointer.is_empty() {
                ptr.to_owned()
            } else {
                p.meta.pointer.clone()
            };
            self.claim_in(&mut scope, &rust, &p.name, &pptr);
            let (presence, inner) = self.presence(!p.optional, &p.shape);
            let t = self.ty(m, inner, &format!("{owner}{}", pascal(&p.name)), &pptr, cx);
            let rt = self.rt.clone();
            let ty = match presence {
                Presence::Required => t,
                Presence::RequiredNullable | Presence::Optional => {
                    quote!(::core::option::Option<#t>)
                }
                Presence::OptionalNullable => quote!(#rt::Nullable<#t>),
            };
            let mut lines = Vec::new();
            if spelled(&rust) != p.name {
                lines.push(format!("Wire name: {}.", p.name));
            }
            if let Some(d) = &p.meta.description {
                lines.push(d.clone());
            }
            out.push(P {
                id: ident(&rust),
                ty,
                presence,
                wire: p.name.clone(),
                doc: docs::attrs(Some(&lines.join("\n"))),
            });
        }
        out
    }
}

/// `Self::V { a, b } => Envelope { name, args }` for a call or an event.
fn ser_arm(rt: &TokenStream, v: &Ident, wire: &str, ps: &[P]) -> TokenStream {
    let ids: Vec<&Ident> = ps.iter().map(|p| &p.id).collect();
    let pushes = ps.iter().map(|p| {
        let id = &p.id;
        let f = match p.presence {
            Presence::Required => quote!(required),
            Presence::RequiredNullable => quote!(required),
            Presence::Optional => quote!(optional),
            Presence::OptionalNullable => quote!(nullable),
        };
        quote!(args.#f(#id).map_err(<S::Error as #rt::serde::ser::Error>::custom)?;)
    });
    let binding = if ps.is_empty() {
        quote!(let args)
    } else {
        quote!(let mut args)
    };
    quote! {
        Self::#v { #(#ids),* } => {
            #binding = #rt::Args::new();
            #(#pushes)*
            #rt::Envelope { name: ::std::string::String::from(#wire), args: args.finish() }
        }
    }
}

/// `"WIRE" => Ok(Self::V { a: arg(...)?, ... })` for a call or an event.
fn de_arm(rt: &TokenStream, v: &Ident, wire: &str, ps: &[P]) -> TokenStream {
    let fields = ps.iter().enumerate().map(|(i, p)| {
        let id = &p.id;
        let w = &p.wire;
        let f = match p.presence {
            Presence::Required => quote!(arg_required),
            Presence::RequiredNullable => quote!(arg_required_nullable),
            Presence::Optional => quote!(arg_optional),
            Presence::OptionalNullable => quote!(arg_nullable),
        };
        quote!(#id: #rt::#f(args, #i, #w).map_err(<D::Error as #rt::serde::de::Error>::custom)?,)
    });
    quote! {
        #wire => ::core::result::Result::Ok(Self::#v { #(#fields)* }),
    }
}
