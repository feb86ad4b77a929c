//! What exists once a parameter set is chosen (`S: Chosen`): `runtime_call()`, which lends the
//! builder's fields to the runtime together with the decoding of the answer, and `what_if`,
//! `send`, `send_with_headers` (and `send_stream`) as one-line calls of the runtime's generic
//! functions, which render the path, check the parameters and send from the operation's table.

use proc_macro2::TokenStream;
use quote::quote;

use super::Names;
use crate::emit::types::rust_type;
use crate::model::plan::BuilderPlan;
use crate::model::{Module, ResponseShape, ValueType};

pub(super) fn sending(
    module: &Module,
    plan: &BuilderPlan,
    names: &Names,
    has_options: bool,
) -> TokenStream {
    let builder = &names.builder;
    let info = &names.info;
    let operation = plan.operation(module);
    let (output_type, answer) = output(&operation.response, super::typed::answer(module, plan));
    let keys = if plan.path_keys.is_empty() {
        quote!(&[])
    } else {
        quote!(&self.path)
    };
    let identity = if plan.input_object {
        quote!(rt::identity(&self.input_object))
    } else {
        quote!(None)
    };
    let options = if has_options {
        quote!(&self.options)
    } else {
        quote!(&[])
    };
    let body = match (&plan.body, plan.body.is_raw()) {
        (body, _) if !body.exists => quote!(rt::Body::None),
        (_, true) => quote!(rt::Body::Bytes(self.body.as_ref())),
        (body, false) if body.expanded => {
            quote!(rt::Body::Expanded(self.body.as_ref(), &self.expanded))
        }
        _ => quote!(rt::Body::Json(self.body.as_ref())),
    };
    let stream_method = match &operation.response {
        ResponseShape::Pageable { item_type } => {
            let item = super::typed::answer(module, plan)
                .map(|(ty, _)| ty)
                .unwrap_or_else(|| rust_type(item_type));
            quote! {
                /// Like `send()`, but gives the items one at a time, fetching the next page only
                /// when the items of the last one are used up: memory stays flat however many
                /// pages come, and no cap on collected items applies. Nothing is sent until the
                /// stream is polled.
                pub fn send_stream(self) -> rt::ItemStream<#item> {
                    rt::stream(self.runtime_call())
                }
            }
        }
        _ => quote!(),
    };
    let what_if_doc = "`-WhatIf`: what `send()` would do (cmdlet, parameter set, method and \
                       full URL), without sending anything.";
    quote! {
        impl<'c, S: rt::set::Chosen> #builder<'c, S> {
            fn runtime_call(&self) -> rt::Call<'_, 'c, #output_type> {
                rt::Call {
                    client: self.client,
                    op: &#info,
                    keys: #keys,
                    identity: #identity,
                    options: #options,
                    body: #body,
                    common: &self.common,
                    answer: #answer,
                }
            }

            #[doc = #what_if_doc]
            pub fn what_if(&self) -> Result<crate::Preview, crate::Error> {
                rt::what_if(self.runtime_call())
            }

            /// Sends the request; see the `Client` method for what it answers with.
            pub fn send(self) -> rt::Sending<'c, #output_type> {
                rt::send(self.runtime_call())
            }

            /// `-ResponseHeadersVariable`: like `send()`, with the response status and headers.
            pub fn send_with_headers(self) -> rt::Sending<'c, crate::Response<#output_type>> {
                rt::send_with_headers(self.runtime_call())
            }

            #stream_method
        }
    }
}

/// What `send()` gives and the runtime's decoding that makes it from the 2xx answer.
pub(super) fn output(
    response: &ResponseShape,
    typed: Option<(TokenStream, bool)>,
) -> (TokenStream, TokenStream) {
    let (typed, whole_model) = match typed {
        Some((ty, whole)) => (Some(ty), whole),
        None => (None, false),
    };
    match response {
        ResponseShape::NoContent => (
            quote!(Option<bool>),
            quote!(rt::Answer::no_content(self.pass_thru)),
        ),
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
