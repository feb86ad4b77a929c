//! `BatchItem` for each builder: how a builder in a chosen parameter set becomes one call of
//! `Client::batch` (the request `send()` would make, and the decoding of its sub-response).
//! Pageable operations get none: their later pages are separate requests, so a batch of them
//! does not compile. Nor do operations that send or answer bytes (not JSON): a batch carries
//! JSON bodies only.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::names::type_name;
use super::types::rust_type;
use crate::model::{Operation, ResponseShape, ValueType};

/// The `rt::Batched` impl of the cmdlet marker of the builder started by the `Client` method
/// `method_text` (the shared builder's `BatchItem` impl reads it).
pub fn batch_item(operation: &Operation, method_text: &str) -> TokenStream {
    let builder = format_ident!("{}", type_name(method_text));
    if operation
        .body
        .as_ref()
        .is_some_and(|b| b.raw_media_type.is_some())
    {
        return TokenStream::new();
    }
    // A batch answers with the untyped values (JSON for a model answer).
    let (output, answer) = match &operation.response {
        ResponseShape::Pageable { .. } | ResponseShape::Binary => return TokenStream::new(),
        ResponseShape::NoContent => (quote!(Option<bool>), quote!(rt::Answer::no_content(false))),
        ResponseShape::SingleValue {
            property,
            value_type: ValueType::Boolean,
        } => (quote!(bool), quote!(rt::Answer::boolean(#property))),
        ResponseShape::SingleValue {
            property,
            value_type,
        } => {
            let ty = rust_type(value_type);
            (quote!(Option<#ty>), quote!(rt::Answer::single(#property)))
        }
        ResponseShape::Model(_) => (quote!(::serde_json::Value), quote!(rt::Answer::json())),
    };
    quote! {
        impl rt::Batched for cmdlets::#builder {
            type BatchOutput = #output;

            #[inline]
            fn batch_answer() -> rt::Answer<#output> {
                #answer
            }
        }
    }
}
