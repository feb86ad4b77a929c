//! What `send()` gives for an operation's answer, and the runtime's decoding that makes it: the
//! `Output` and `answer()` of the cmdlet's `rt::CmdletOp` impl. (`what_if`, `send`,
//! `send_with_headers` and `send_stream` themselves are shared, `super::shared`.) `-PassThru`
//! is applied by the shared builder.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::types::rust_type;
use crate::model::{ResponseShape, ValueType};

/// What `send()` gives and the runtime's decoding that makes it from the 2xx answer.
pub(crate) fn output(
    response: &ResponseShape,
    typed: Option<(TokenStream, bool)>,
) -> (TokenStream, TokenStream) {
    let (typed, whole_model) = match typed {
        Some((ty, whole)) => (Some(ty), whole),
        None => (None, false),
    };
    match response {
        ResponseShape::NoContent => (quote!(Option<bool>), quote!(rt::Answer::no_content())),
        // An empty 2xx answer (204, or beta's other success codes) means it worked.
        ResponseShape::SingleValue {
            property,
            value_type: ValueType::Boolean,
        } => (quote!(bool), quote!(rt::Answer::boolean(#property))),
        ResponseShape::SingleValue {
            property,
            value_type,
        } => {
            let ty = typed.unwrap_or_else(|| rust_type(value_type));
            (quote!(Option<#ty>), quote!(rt::Answer::single(#property)))
        }
        ResponseShape::Binary => (quote!(Vec<u8>), quote!(rt::Answer::bytes())),
        // Like the cmdlet: every item of `value`, following `@odata.nextLink`.
        ResponseShape::Pageable { item_type } => {
            let item = typed.unwrap_or_else(|| rust_type(item_type));
            (quote!(Vec<#item>), quote!(rt::Answer::pages()))
        }
        ResponseShape::Model(_) if whole_model => {
            let ty = typed.unwrap_or_else(|| quote!(::serde_json::Value));
            (quote!(Option<#ty>), quote!(rt::Answer::model()))
        }
        ResponseShape::Model(_) => (quote!(::serde_json::Value), quote!(rt::Answer::json())),
    }
}
