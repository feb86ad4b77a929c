//! The builder type: what a call has collected so far, and the parameter-set state `S` that
//! decides which methods exist. Choosing a set moves every field into the retyped builder
//! (`retype`, emitted into the builder's `impl<'c, S>` block with the common parameters).

use proc_macro2::TokenStream;
use quote::quote;

use super::Names;
use crate::emit::options::{self, OptionParameter};
use crate::model::plan::BuilderPlan;

pub(super) fn builder_type(
    plan: &BuilderPlan,
    names: &Names,
    option_parameters: &[OptionParameter],
) -> (TokenStream, TokenStream) {
    let Names {
        builder,
        method,
        identity,
        initial_state,
        ..
    } = names;
    let doc = format!(
        "Builder of `{}`, started by [`Client::{method}`](crate::Client::{method}); see there \
         for the cmdlet's documentation. Nothing is sent until `.send()`.",
        plan.cmdlet.name
    );
    let key_count = proc_macro2::Literal::usize_unsuffixed(plan.path_keys.len());
    let has_keys = !plan.path_keys.is_empty();
    let path = has_keys.then(|| quote!(path: [Option<String>; #key_count],));
    let input_object = plan
        .input_object
        .then(|| quote!(input_object: Option<#identity>,));
    let body_type = body_type(plan);
    let body = plan.body.exists.then(|| quote!(body: Option<#body_type>,));
    let (options, _, options_move) = options::field(option_parameters);
    let expanded = plan
        .body
        .expanded
        .then(|| quote!(expanded: ::serde_json::Map<String, ::serde_json::Value>,));
    let pass_thru = plan.pass_thru.then(|| quote!(pass_thru: bool,));
    // Without path keys there is no set to switch to: no retyping.
    let retype = has_keys.then(|| retype(plan, names, options_move));
    let builder_type = quote! {
        #[doc = #doc]
        #[must_use = "nothing is sent until `.send()` is awaited"]
        pub struct #builder<'c, S = #initial_state> {
            client: &'c crate::Client,
            #path
            #input_object
            #options
            #body
            #expanded
            #pass_thru
            common: rt::CommonParameters,
            state: ::std::marker::PhantomData<fn() -> S>,
        }
    };
    (builder_type, retype.unwrap_or_default())
}

/// The type of the whole body: bytes for a body that is not JSON.
pub(super) fn body_type(plan: &BuilderPlan) -> TokenStream {
    if plan.body.is_raw() {
        quote!(Vec<u8>)
    } else {
        quote!(::serde_json::Value)
    }
}

fn retype(plan: &BuilderPlan, names: &Names, options_move: TokenStream) -> TokenStream {
    let builder = &names.builder;
    let input_object = plan
        .input_object
        .then(|| quote!(input_object: self.input_object,));
    let body = plan.body.exists.then(|| quote!(body: self.body,));
    let expanded = plan.body.expanded.then(|| quote!(expanded: self.expanded,));
    let pass_thru = plan.pass_thru.then(|| quote!(pass_thru: self.pass_thru,));
    quote! {
            fn retype<T>(self) -> #builder<'c, T> {
                #builder {
                    client: self.client,
                    path: self.path,
                    #input_object
                    #options_move
                    #body
                    #expanded
                    #pass_thru
                    common: self.common,
                    state: ::std::marker::PhantomData,
                }
            }
    }
}
