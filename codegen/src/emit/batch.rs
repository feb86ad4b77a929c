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

/// The impl for the builder started by the `Client` method `method_text`.
pub fn batch_item(operation: &Operation, method_text: &str) -> TokenStream {
    let builder = format_ident!("{}", type_name(method_text));
    let info = format_ident!("{}", method_text.to_uppercase());
    let mut variant = quote!();
    if operation
        .body
        .as_ref()
        .is_some_and(|b| b.raw_media_type.is_some())
    {
        return TokenStream::new();
    }
    let (output, setup, decode) = match &operation.response {
        ResponseShape::Pageable { .. } | ResponseShape::Binary => return TokenStream::new(),
        ResponseShape::NoContent => (
            quote!(Option<bool>),
            {
                // `-PassThru` changes the answer, not the request: repeats differ by it.
                variant = quote!(.answer_variant(u64::from(pass_thru)));
                quote!(let pass_thru = self.pass_thru;)
            },
            quote!(move |_: &rt::RawResponse| Ok(pass_thru.then_some(true))),
        ),
        ResponseShape::SingleValue {
            property,
            value_type: ValueType::Boolean,
        } => (
            quote!(bool),
            quote!(),
            // As `send()`: an empty 2xx answer means it worked.
            quote! {
                |raw: &rt::RawResponse| Ok(rt::decode_single_value::<bool>(&#info, raw, #property)?.unwrap_or(true))
            },
        ),
        ResponseShape::SingleValue {
            property,
            value_type,
        } => {
            let ty = rust_type(value_type);
            (
                quote!(Option<#ty>),
                quote!(),
                quote!(|raw: &rt::RawResponse| rt::decode_single_value::<#ty>(&#info, raw, #property)),
            )
        }
        ResponseShape::Model(_) => (
            quote!(::serde_json::Value),
            quote!(),
            quote!(|raw: &rt::RawResponse| rt::decode_json(&#info, raw)),
        ),
    };
    let body = if operation.body.is_some() {
        quote!(self.request_body()?)
    } else {
        quote!(None)
    };
    quote! {
        /// One call of `Client::batch`: the request `send()` would make, answered like `send()`.
        impl<S: rt::set::Chosen> rt::BatchItem for #builder<'_, S> {
            type Output = #output;

            fn prepare(self) -> Result<rt::Prepared<#output>, crate::Error> {
                let path = self.render_path()?;
                let parameter_set = self.parameter_set();
                let body = #body;
                #setup
                Ok(rt::Prepared::new(&#info, parameter_set, path, body, self.common, #decode)#variant)
            }
        }
    }
}
