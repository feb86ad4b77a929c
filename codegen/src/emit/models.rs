//! `pub mod models { … }`: one struct per model schema, one enum per enum schema, in modules
//! for Graph's sub-namespaces (`microsoft.graph.security.alert` → `models::security::Alert`).
//!
//! Structs: every property an `Option` (Graph leaves out what `$select` did not ask for), read
//! and written under its wire name, with a map that keeps everything else. Enums: a variant
//! per member plus `Undeclared(String)`. No serde derives: each struct gets one line per
//! property in `rt::types::Fields`, and its serde, `Debug` and `PartialEq` impls are one-line
//! calls from `rt::types::model_impls!`, as derived code for two thousand types would be most of
//! a full module's compile time.

use std::collections::BTreeMap;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::names::ident;
use super::types::type_tokens;
use crate::model::{EnumModel, Field, ModelKind, ModelType, Models, StructModel};

/// The `models` module of one version module; empty when the operations reach no model.
pub fn models(models: &Models) -> TokenStream {
    if models.types.is_empty() {
        return quote!();
    }
    let mut tree = Tree::default();
    for model in &models.types {
        let mut node = &mut tree;
        for module in &model.modules {
            node = node.children.entry(module.clone()).or_default();
        }
        node.types.push(model);
    }
    let body = tree.emit(models, 0);
    quote! {
        /// The Graph types the cmdlets of this module send and answer with.
        ///
        /// Every property is optional; properties the type does not declare (and annotations
        /// such as `@odata.type`) are kept in its `additional` map, so a value read from Graph
        /// serializes back to what Graph sent. A derived type that arrives where its base is
        /// declared keeps its own properties there too; `rt::types::Model::downcast` (in
        /// `mg_runtime::types`) gives it back as the derived type.
        pub mod models {
            #body
        }
    }
}

#[derive(Default)]
struct Tree<'m> {
    types: Vec<&'m ModelType>,
    children: BTreeMap<String, Tree<'m>>,
}

impl Tree<'_> {
    fn emit(&self, models: &Models, depth: usize) -> TokenStream {
        let root = match depth {
            0 => quote!(self),
            _ => {
                let supers = std::iter::repeat_n(quote!(super), depth);
                quote!(#(#supers)::*)
            }
        };
        let types = self.types.iter().map(|model| match &model.kind {
            ModelKind::Struct(s) => structure(model, s, models, &root),
            ModelKind::Enum(e) => enumeration(model, e),
        });
        let children = self.children.iter().map(|(name, child)| {
            let module = ident(name);
            let body = child.emit(models, depth + 1);
            let doc = format!("Types of the `{name}` namespace.");
            quote! {
                #[doc = #doc]
                pub mod #module {
                    #body
                }
            }
        });
        quote! {
            #[allow(unused_imports)]
            use ::mg_runtime::support as rt;
            #(#types)*
            #(#children)*
        }
    }
}

/// A description as one line: Graph's texts carry no rustdoc structure, and a stray indented
/// line would become a doctest.
fn doc_line(text: Option<&str>) -> Option<String> {
    let text = text?.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then(|| super::docs::sentence(&text))
}

fn structure(
    model: &ModelType,
    s: &StructModel,
    models: &Models,
    root: &TokenStream,
) -> TokenStream {
    let name = ident(&model.name);
    let wire = &model.wire_name;
    let mut doc = vec![format!("`{wire}`.")];
    doc.extend(doc_line(model.description.as_deref()));
    if !s.bases.is_empty() {
        doc.push(format!(
            "\nInherits the properties of `{}`.",
            s.bases.join("`, `")
        ));
    }
    if !s.derived.is_empty() {
        doc.push(format!(
            "\nGraph may send a derived type here ({} known); `Model::downcast` gives it.",
            s.derived.len()
        ));
    }
    let fields = s.fields.iter().map(|f| field(f, models, root));
    let additional = ident(&s.additional);
    let serde_impls = wire_impls(&name, &s.fields, &additional);
    let odata_type = format!("#{wire}");
    let derived = s.derived.iter().map(|d| format!("#{d}"));
    quote! {
        #(#[doc = #doc])*
        #[derive(Clone, Default)]
        pub struct #name {
            #(#fields)*
            /// Properties this type does not declare, and instance annotations (`@odata.type`,
            /// `@odata.context`, …), as Graph sent them.
            pub #additional: ::serde_json::Map<String, ::serde_json::Value>,
        }

        #serde_impls

        impl rt::types::Model for #name {
            const ODATA_TYPE: &'static str = #odata_type;
            const DERIVED: &'static [&'static str] = &[#(#derived),*];
        }
    }
}

fn field(f: &Field, models: &Models, root: &TokenStream) -> TokenStream {
    let name = ident(&f.rust_name);
    let mut ty = type_tokens(&f.ty, models, root);
    if f.boxed {
        ty = quote!(Box<#ty>);
    }
    let wire = &f.wire_name;
    let doc = match doc_line(f.description.as_deref()) {
        Some(text) => format!("`{wire}`: {text}"),
        None => format!("`{wire}`."),
    };
    quote! {
        #[doc = #doc]
        pub #name: Option<#ty>,
    }
}

/// `rt::types::Fields` (a line per property: taken from, or put in, the JSON object under its
/// wire name; the rest is the additional map) and the serde impls built on it.
fn wire_impls(name: &Ident, fields: &[Field], additional: &Ident) -> TokenStream {
    let names: Vec<_> = fields.iter().map(|f| ident(&f.rust_name)).collect();
    let wires: Vec<&String> = fields.iter().map(|f| &f.wire_name).collect();
    quote! {
        impl rt::types::Fields for #name {
            #[inline]
            fn read_fields(input: &mut rt::types::ObjectReader) -> Self {
                #name {
                    #(#names: input.take(#wires),)*
                    #additional: input.rest(),
                }
            }

            #[inline]
            fn write_fields<'a>(&'a self, out: &mut rt::types::ObjectWriter<'a>) {
                #(out.put(#wires, &self.#names);)*
                out.rest(&self.#additional);
            }
        }

        rt::types::model_impls!(#name);
    }
}

fn enumeration(model: &ModelType, e: &EnumModel) -> TokenStream {
    let name = ident(&model.name);
    let mut doc = vec![format!("`{}`.", model.wire_name)];
    doc.extend(doc_line(model.description.as_deref()));
    if e.flags {
        doc.push("\nA flag enum: values are `rt::types::Flags` of these members.".to_owned());
    }
    let variants: Vec<_> = e.members.iter().map(|(_, v)| ident(v)).collect();
    let wires: Vec<&String> = e.members.iter().map(|(w, _)| w).collect();
    let variant_docs = wires.iter().map(|w| format!("`{w}`"));
    quote! {
        #(#[doc = #doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#[doc = #variant_docs] #variants,)*
            /// A member this spec does not declare (or the empty string), kept as sent.
            Undeclared(String),
        }

        impl Default for #name {
            /// The empty string.
            fn default() -> Self {
                #name::Undeclared(String::new())
            }
        }

        impl rt::types::GraphEnum for #name {
            #[inline]
            fn as_str(&self) -> &str {
                match self {
                    #(#name::#variants => #wires,)*
                    #name::Undeclared(text) => text,
                }
            }
        }

        impl From<&str> for #name {
            #[inline]
            fn from(text: &str) -> Self {
                match text {
                    #(#wires => #name::#variants,)*
                    other => #name::Undeclared(other.to_owned()),
                }
            }
        }

        rt::types::enum_impls!(#name);
    }
}

/// `<Builder>Body`: the inline object body of one cmdlet, next to its builder.
pub fn body_struct(name: &str, cmdlet: &str, fields: &[Field], models: &Models) -> TokenStream {
    let name = ident(name);
    let doc = format!(
        "The request body of `{cmdlet}` (`-BodyParameter`). Properties it does not declare go \
         in `additional`."
    );
    let root = quote!(models);
    // The same spelling rule as model structs: `additional`, or the first free `additionalN`.
    let taken = |candidate: &str| fields.iter().any(|f| f.rust_name == candidate);
    let additional = std::iter::once("additional".to_owned())
        .chain((2..).map(|n| format!("additional{n}")))
        .find(|candidate| !taken(candidate))
        .unwrap_or_default();
    let additional = ident(&additional);
    let serde_impls = wire_impls(&name, fields, &additional);
    let fields = fields.iter().map(|f| field(f, models, &root));
    quote! {
        #[doc = #doc]
        #[derive(Clone, Default)]
        pub struct #name {
            #(#fields)*
            /// Further body properties, sent as given.
            pub #additional: ::serde_json::Map<String, ::serde_json::Value>,
        }

        #serde_impls
    }
}
