//! Every IR shape as a Rust type (the mapping the crate guide of [`super`] states), with the
//! inline types a shape needs named and emitted next to it.

use super::*;

impl Gen<'_> {
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
    pub(super) fn emit_inline_shape(
        &self,
        m: &mut Module,
        name: &str,
        shape: &Shape,
        params: &[String],
    ) {
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
    pub(super) fn reaches(&self, from: &str, to: &str) -> bool {
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
}
