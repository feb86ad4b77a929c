//! The identity type (`IUsersActionsIdentity`): one optional string per path key of the module,
//! readable by property name for the runtime (`rt::Identity`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use super::names::{field_name, ident};
use crate::model::Module;

pub fn identity(module: &Module) -> TokenStream {
    let name = format_ident!("{}", module.identity.name);
    let doc = docs::identity(module);
    let properties = &module.identity.properties;
    let fields = properties.iter().map(|property| {
        let field = ident(&field_name(&property.name));
        let key = &property.name;
        let description = property
            .description
            .clone()
            .unwrap_or_else(|| format!("Path key `{}`.", property.serialized_name));
        let doc = format!(
            "`{key}`: {description} (path key `{{{}}}`).",
            property.serialized_name
        );
        quote! {
            #[doc = #doc]
            #[serde(rename = #key, skip_serializing_if = "Option::is_none")]
            pub #field: Option<String>,
        }
    });
    let names = properties.iter().map(|p| p.name.as_str());
    let count = proc_macro2::Literal::usize_unsuffixed(properties.len());
    let reads: Vec<TokenStream> = properties
        .iter()
        .map(|property| {
            let field = ident(&field_name(&property.name));
            quote! { #field: values.next().flatten(), }
        })
        .collect();
    // A module without path keys still reads (and checks) the map, but has nothing to fill.
    let body = if reads.is_empty() {
        quote! {
            rt::deserialize_identity(deserializer, &Self::PROPERTIES)?;
            Ok(Self {})
        }
    } else {
        quote! {
            let mut values = rt::deserialize_identity(deserializer, &Self::PROPERTIES)?.into_iter();
            Ok(Self { #(#reads)* })
        }
    };
    // The runtime reads path keys by property name (`UserId`) when `-InputObject` is given.
    let lookups = properties.iter().map(|property| {
        let field = ident(&field_name(&property.name));
        let key = &property.name;
        quote! { #key => self.#field.as_deref(), }
    });
    let lookup = if properties.is_empty() {
        quote! {
            let _ = property;
            None
        }
    } else {
        quote! {
            match property {
                #(#lookups)*
                _ => None,
            }
        }
    };
    let doc = doc.iter();
    quote! {
        #(#[doc = #doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, ::serde::Serialize)]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            /// The SDK's property names, in the type's order.
            pub const PROPERTIES: [&'static str; #count] = [#(#names),*];
        }

        impl rt::Identity for #name {
            fn property(&self, property: &str) -> Option<&str> {
                #lookup
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #body
            }
        }
    }
}
