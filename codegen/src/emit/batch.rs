//! `BatchItem` for each builder: how a builder in a chosen parameter set becomes one call of
//! `Client::batch` (the request `send()` would make, and the decoding of its sub-response).
//! Pageable operations get none: their later pages are separate requests, so a batch of them
//! does not compile. Nor do operations that send or answer bytes (not JSON): a batch carries
//! JSON bodies only.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::names::type_name;
use crate::model::{Operation, ResponseShape};

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
    if matches!(
        operation.response,
        ResponseShape::Pageable { .. } | ResponseShape::Binary
    ) {
        return TokenStream::new();
    }
    // A batch answers with the untyped values (JSON for a model answer): `send()`'s answer
    // without the models.
    let (output, answer) = super::builder::answer(&operation.response, None);
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
