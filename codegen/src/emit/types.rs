//! Rust types for the JSON shapes of the spec.

use proc_macro2::TokenStream;
use quote::quote;

use super::names::ident;
use crate::model::{ModelKind, ModelType, Models, TypeRef, ValueType};

pub fn rust_type(value_type: &ValueType) -> TokenStream {
    match value_type {
        ValueType::String => quote!(String),
        ValueType::Boolean => quote!(bool),
        ValueType::Integer => quote!(i64),
        ValueType::Number => quote!(f64),
        ValueType::Array(item) => {
            let item = rust_type(item);
            quote!(Vec<#item>)
        }
        // Models stay JSON: the client's job is the cmdlet surface, not Graph's type system.
        ValueType::Object(_) | ValueType::Any => quote!(::serde_json::Value),
    }
}

/// The Rust type of a model field, body property or answer. `models` is the path from the
/// place of use to the `models` module (`models`, `self`, `super`, `super::super`).
pub fn type_tokens(ty: &TypeRef, models: &Models, root: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Bool => quote!(bool),
        TypeRef::Int32 => quote!(i32),
        TypeRef::Int64 => quote!(i64),
        TypeRef::Double => quote!(rt::types::Double),
        TypeRef::Decimal => quote!(rt::types::Decimal),
        TypeRef::DateTime => quote!(rt::types::DateTime),
        TypeRef::Date => quote!(rt::types::Date),
        TypeRef::TimeOfDay => quote!(rt::types::TimeOfDay),
        TypeRef::Duration => quote!(rt::types::Duration),
        TypeRef::Uuid => quote!(rt::types::Uuid),
        TypeRef::Bytes => quote!(rt::types::Bytes),
        TypeRef::Array(item) => {
            let item = type_tokens(item, models, root);
            quote!(Vec<#item>)
        }
        TypeRef::Model(name) => match models.get(name) {
            Some(model) => {
                let path = model_path(model);
                let path = quote!(#root::#path);
                match &model.kind {
                    ModelKind::Enum(e) if e.flags => quote!(rt::types::Flags<#path>),
                    _ => path,
                }
            }
            None => quote!(::serde_json::Value),
        },
        TypeRef::Json => quote!(::serde_json::Value),
    }
}

/// `security::Alert`, relative to `models`.
pub fn model_path(model: &ModelType) -> TokenStream {
    let modules = model.modules.iter().map(|m| ident(m));
    let name = ident(&model.name);
    quote!(#(#modules::)* #name)
}

/// A setter's argument type and the JSON it stores: strings take `impl Into<String>` (lists of
/// them any iterator of such), open JSON `impl Into<Value>`, everything else its own type.
pub fn setter_argument(ty: &TypeRef, models: &Models) -> (TokenStream, TokenStream) {
    match ty {
        TypeRef::String => (
            quote!(impl Into<String>),
            quote!(::serde_json::Value::String(value.into())),
        ),
        TypeRef::Json => (quote!(impl Into<::serde_json::Value>), quote!(value.into())),
        TypeRef::Array(item) if **item == TypeRef::String => (
            quote!(impl IntoIterator<Item = impl Into<String>>),
            quote!(::serde_json::Value::Array(
                value
                    .into_iter()
                    .map(|v| ::serde_json::Value::String(v.into()))
                    .collect()
            )),
        ),
        _ => (
            type_tokens(ty, models, &quote!(models)),
            quote!(rt::to_json(&value)),
        ),
    }
}
