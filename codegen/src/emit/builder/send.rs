//! What exists once a parameter set is chosen (`S: Chosen`): naming the set, rendering the
//! path, building the body, `-WhatIf`, and sending with the response decoded as the cmdlet
//! writes it.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::Names;
use crate::emit::names::{field_name, ident};
use crate::emit::options::{self, OptionParameter};
use crate::emit::types::rust_type;
use crate::model::plan::{BodyPlan, BuilderPlan, SetChoice};
use crate::model::{Module, ResponseShape, ValueType};

pub(super) fn sending(
    module: &Module,
    plan: &BuilderPlan,
    names: &Names,
    option_parameters: &[OptionParameter],
) -> TokenStream {
    let builder = &names.builder;
    let info = &names.info;
    let operation = plan.operation(module);
    let set_choice = set_choice(&plan.set_choice);
    let render_path = options::render(option_parameters, info, render_path(plan, info));
    let request_body = request_body(plan, info);
    let (body_check, body_value) = if plan.body.exists {
        (
            quote! { self.request_body()?; },
            quote! { let body = self.request_body()?; },
        )
    } else {
        (quote! {}, quote! { let body = None; })
    };
    let (output_type, decode) = output(
        &operation.response,
        info,
        super::typed::answer(module, plan),
    );
    // Later pages of a pageable answer are fetched with the same headers.
    let common = if matches!(operation.response, ResponseShape::Pageable { .. }) {
        quote!(self.common.clone())
    } else {
        quote!(self.common)
    };
    // A body that is not JSON is sent as bytes, with its media type.
    let (execute, media_type) = match &plan.body.raw_media_type {
        Some(media_type) => (quote!(rt::execute_bytes), quote!(#media_type,)),
        None => (quote!(rt::execute), quote!()),
    };
    let typed_item = super::typed::answer(module, plan).map(|(ty, _)| ty);
    let stream_method = stream_method(&operation.response, info, &body_value, typed_item);
    let what_if_doc = "`-WhatIf`: what `send()` would do (cmdlet, parameter set, method and \
                       full URL), without sending anything.";
    quote! {
        impl<S: rt::set::Chosen> #builder<'_, S> {
            fn parameter_set(&self) -> &'static str {
                #set_choice
            }

            fn render_path(&self) -> Result<String, crate::Error> {
                #render_path
            }

            #request_body

            #[doc = #what_if_doc]
            pub fn what_if(&self) -> Result<crate::Preview, crate::Error> {
                let path = self.render_path()?;
                #body_check
                Ok(rt::preview(self.client, &#info, self.parameter_set(), &path))
            }

            /// Sends the request; see the `Client` method for what it answers with.
            pub async fn send(self) -> Result<#output_type, crate::Error> {
                Ok(self.send_with_headers().await?.value)
            }

            /// `-ResponseHeadersVariable`: like `send()`, with the response status and headers.
            pub async fn send_with_headers(self) -> Result<crate::Response<#output_type>, crate::Error> {
                let path = self.render_path()?;
                let parameter_set = self.parameter_set();
                #body_value
                let raw = #execute(self.client, &#info, parameter_set, path, body, #media_type #common)
                    .await?;
                #decode
            }

            #stream_method
        }
    }
}

/// `send_stream()` of a pageable operation: the items one at a time, one page held at a time.
fn stream_method(
    response: &ResponseShape,
    info: &Ident,
    body_value: &TokenStream,
    typed_item: Option<TokenStream>,
) -> TokenStream {
    let ResponseShape::Pageable { item_type } = response else {
        return quote! {};
    };
    let item = typed_item.unwrap_or_else(|| rust_type(item_type));
    quote! {
        /// Like `send()`, but gives the items one at a time, fetching the next page only when
        /// the items of the last one are used up: memory stays flat however many pages come,
        /// and no cap on collected items applies. Nothing is sent until the stream is polled.
        pub fn send_stream(self) -> rt::ItemStream<#item> {
            let request = self.stream_request();
            rt::stream_pages(self.client, &#info, self.parameter_set(), request, self.common)
        }

        fn stream_request(&self) -> Result<(String, Option<::serde_json::Value>), crate::Error> {
            let path = self.render_path()?;
            #body_value
            Ok((path, body))
        }
    }
}

/// The runtime test that names the parameter set of a call.
fn set_choice(choice: &SetChoice) -> TokenStream {
    let identity_test = quote!(self.input_object.is_some());
    let expanded_test = quote!(self.body.is_none());
    match choice {
        SetChoice::Fixed(name) => quote!(#name),
        SetChoice::ByIdentity { path, via_identity } => {
            quote! { if #identity_test { #via_identity } else { #path } }
        }
        SetChoice::ByBody { whole, expanded } => {
            quote! { if #expanded_test { #expanded } else { #whole } }
        }
        SetChoice::ByBoth {
            path,
            path_expanded,
            via_identity,
            via_identity_expanded,
        } => quote! {
            match (#identity_test, #expanded_test) {
                (false, false) => #path,
                (false, true) => #path_expanded,
                (true, false) => #via_identity,
                (true, true) => #via_identity_expanded,
            }
        },
    }
}

fn render_path(plan: &BuilderPlan, info: &Ident) -> TokenStream {
    let path_values = plan.path_keys.iter().enumerate().map(|(index, key)| {
        let index = proc_macro2::Literal::usize_unsuffixed(index);
        let serialized = &key.serialized_name;
        let parameter = &key.parameter;
        let label = format!("-{parameter}");
        quote! {
            (#serialized, #label, self.path[#index].as_deref().ok_or_else(|| rt::missing_parameter(&#info, #parameter))?)
        }
    });
    if !plan.input_object {
        return quote! { rt::render_path(&#info, &[#(#path_values),*]) };
    }
    let identity_values = plan.path_keys.iter().map(|key| {
        let serialized = &key.serialized_name;
        let field = ident(&field_name(&key.identity_property));
        let property = &key.identity_property;
        let label = format!("InputObject.{property}");
        quote! { (#serialized, #label, rt::identity_value(identity.#field.as_deref(), #property)?) }
    });
    quote! {
        match &self.input_object {
            Some(identity) => rt::render_path(&#info, &[#(#identity_values),*]),
            None => rt::render_path(&#info, &[#(#path_values),*]),
        }
    }
}

/// `request_body()`: the JSON to send, or why the parameters given cannot make one.
fn request_body(plan: &BuilderPlan, info: &Ident) -> TokenStream {
    let body: &BodyPlan = &plan.body;
    if !body.exists {
        return quote! {};
    }
    let whole_name = body
        .whole
        .first()
        .cloned()
        .unwrap_or_else(|| "Body".to_owned());
    let value = match body.expanded {
        true => {
            let message = format!(
                "-{whole_name} cannot be combined with the parameters of the Expanded sets ({{}})"
            );
            quote! {
                match (&self.body, self.expanded.is_empty()) {
                    (Some(_), false) => {
                        let given: Vec<&str> = self.expanded.keys().map(String::as_str).collect();
                        Err(rt::conflicting_parameters(&#info, format!(#message, given.join(", "))))
                    }
                    (Some(body), true) => Ok(Some(body.clone())),
                    (None, _) => Ok(Some(::serde_json::Value::Object(self.expanded.clone()))),
                }
            }
        }
        false if body.required => quote! {
            self.body.clone().map(Some).ok_or_else(|| rt::missing_parameter(&#info, #whole_name))
        },
        false => quote! { Ok(self.body.clone()) },
    };
    let body_type = super::state::body_type(plan);
    quote! {
        fn request_body(&self) -> Result<Option<#body_type>, crate::Error> {
            #value
        }
    }
}

/// What `send()` gives and how the raw response becomes it.
fn output(
    response: &ResponseShape,
    info: &Ident,
    typed: Option<(TokenStream, bool)>,
) -> (TokenStream, TokenStream) {
    let (typed, whole_model) = match typed {
        Some((ty, whole)) => (Some(ty), whole),
        None => (None, false),
    };
    match response {
        ResponseShape::NoContent => (
            quote!(Option<bool>),
            quote! { Ok(rt::into_response(&raw, self.pass_thru.then_some(true))) },
        ),
        ResponseShape::SingleValue {
            property,
            value_type: ValueType::Boolean,
        } => (
            quote!(bool),
            quote! {
                // An empty 2xx answer (204, or beta's other success codes) means it worked.
                let value = rt::decode_single_value::<bool>(&#info, &raw, #property)?.unwrap_or(true);
                Ok(rt::into_response(&raw, value))
            },
        ),
        ResponseShape::SingleValue {
            property,
            value_type,
        } => {
            let ty = typed.unwrap_or_else(|| rust_type(value_type));
            (
                quote!(Option<#ty>),
                quote! {
                    let value = rt::decode_single_value::<#ty>(&#info, &raw, #property)?;
                    Ok(rt::into_response(&raw, value))
                },
            )
        }
        ResponseShape::Binary => (
            quote!(Vec<u8>),
            quote! { Ok(rt::into_response(&raw, raw.body.clone())) },
        ),
        ResponseShape::Pageable { item_type } => {
            let item = typed.unwrap_or_else(|| rust_type(item_type));
            (
                quote!(Vec<#item>),
                quote! {
                    // Like the cmdlet: every item of `value`, following `@odata.nextLink`.
                    let value = rt::collect_pages::<#item>(self.client, &#info, &raw, &self.common).await?;
                    Ok(rt::into_response(&raw, value))
                },
            )
        }
        ResponseShape::Model(_) if whole_model => {
            let ty = typed.unwrap_or_else(|| quote!(::serde_json::Value));
            (
                quote!(Option<#ty>),
                quote! {
                    let value = rt::decode_model::<#ty>(&#info, &raw)?;
                    Ok(rt::into_response(&raw, value))
                },
            )
        }
        ResponseShape::Model(_) => (
            quote!(::serde_json::Value),
            quote! {
                let value = rt::decode_json(&#info, &raw)?;
                Ok(rt::into_response(&raw, value))
            },
        ),
    }
}
