//! Union shapes as Rust enums: tagged unions that dispatch on their tag, untagged ones tried in
//! order, and the `Unrecognized(Value)` fallback.

use super::*;

impl Gen<'_> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn emit_union(
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
        let mut scope = Scope::rust("union variant");
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
