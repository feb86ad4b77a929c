//! Rust types for the JSON shapes of the spec.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::ValueType;

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
