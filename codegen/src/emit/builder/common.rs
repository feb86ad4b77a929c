//! What can be set in any state: `-Headers`, `-Confirm`, `-PassThru` and the body parameters.

use proc_macro2::TokenStream;
use quote::quote;

use super::Names;
use super::typed::TypedBody;
use crate::emit::names::ident;
use crate::emit::options::{self, OptionParameter};
use crate::emit::reserved::setter_name;
use crate::model::ValueType;
use crate::model::plan::{BodyPlan, BuilderPlan};

pub(super) fn common_parameters(
    plan: &BuilderPlan,
    names: &Names,
    typed: &TypedBody,
    option_parameters: &[OptionParameter],
    retype: TokenStream,
) -> TokenStream {
    let builder = &names.builder;
    let pass_thru = plan.pass_thru.then(|| {
        quote! {
            /// `-PassThru`: `send()` gives `Some(true)` when the call succeeds (the operation
            /// answers with no content, so without it there is nothing to return).
            pub fn pass_thru(mut self) -> Self {
                self.pass_thru = true;
                self
            }
        }
    });
    let body_setters = body_setters(&plan.body, typed);
    let option_setters = options::setters(option_parameters);
    quote! {
        impl<'c, S> #builder<'c, S> {
            #retype

            /// `-Headers`: adds a header to the request; repeat for more.
            pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
                self.common.add_header(name.into(), value.into());
                self
            }

            /// `-Confirm`: asks `approve` before sending, with the preview `-WhatIf` would show;
            /// `false` sends nothing and `send()` fails with a declined-confirmation error.
            pub fn confirm(mut self, approve: impl Fn(&crate::Preview) -> bool + Send + Sync + 'static) -> Self {
                self.common.set_confirm(::std::sync::Arc::new(approve));
                self
            }

            #pass_thru
            #(#option_setters)*
            #(#body_setters)*
        }
    }
}

fn body_setters(body: &BodyPlan, typed: &TypedBody) -> Vec<TokenStream> {
    let mut setters = Vec::new();
    for name in &body.whole {
        let setter = ident(&setter_name(name));
        if let Some(media_type) = &body.raw_media_type {
            let doc = format!("`-{name}`: the whole request body, sent as `{media_type}` bytes.");
            setters.push(quote! {
                #[doc = #doc]
                pub fn #setter(mut self, body: impl Into<Vec<u8>>) -> Self {
                    self.body = Some(body.into());
                    self
                }
            });
            continue;
        }
        let Some(ty) = &typed.whole else {
            let doc = format!(
                "`-{name}`: the whole request body as JSON. Cannot be combined with the \
                 `…Expanded` parameters."
            );
            setters.push(quote! {
                #[doc = #doc]
                pub fn #setter(mut self, body: impl Into<::serde_json::Value>) -> Self {
                    self.body = Some(body.into());
                    self
                }
            });
            continue;
        };
        let doc = format!(
            "`-{name}`: the whole request body. Cannot be combined with the `…Expanded` \
             parameters; `body_json` takes it as raw JSON."
        );
        setters.push(quote! {
            #[doc = #doc]
            pub fn #setter(mut self, body: #ty) -> Self {
                self.body = Some(rt::to_json(&body));
                self
            }
        });
    }
    if let (Some(_), Some(first), None) = (&typed.whole, body.whole.first(), &body.raw_media_type) {
        let doc = format!(
            "`-{first}` as raw JSON, sent as given (for properties the body type does not know)."
        );
        setters.push(quote! {
            #[doc = #doc]
            pub fn body_json(mut self, body: impl Into<::serde_json::Value>) -> Self {
                self.body = Some(body.into());
                self
            }
        });
    }
    for (name, property) in &body.properties {
        let setter = ident(&setter_name(name));
        let json_name = &property.json_name;
        let doc = format!(
            "`-{name}` (`…Expanded` sets): body property `{json_name}`. {}",
            property.description.clone().unwrap_or_default()
        );
        let (argument, conversion) = typed
            .properties
            .iter()
            .find(|(json, _, _)| json == json_name)
            .map(|(_, argument, conversion)| (argument.clone(), conversion.clone()))
            .unwrap_or_else(|| setter_argument(&property.value_type));
        setters.push(quote! {
            #[doc = #doc]
            pub fn #setter(mut self, value: #argument) -> Self {
                self.expanded.insert(#json_name.to_owned(), #conversion);
                self
            }
        });
    }
    if let Some(name) = &body.additional {
        let setter = ident(&setter_name(name));
        let doc = format!(
            "`-{name}` (`…Expanded` sets): further body properties the schema leaves open."
        );
        setters.push(quote! {
            #[doc = #doc]
            pub fn #setter(mut self, properties: ::serde_json::Map<String, ::serde_json::Value>) -> Self {
                self.expanded.extend(properties);
                self
            }
        });
    }
    setters
}

fn setter_argument(value_type: &ValueType) -> (TokenStream, TokenStream) {
    match value_type {
        ValueType::String => (
            quote!(impl Into<String>),
            quote!(::serde_json::Value::String(value.into())),
        ),
        ValueType::Boolean => (quote!(bool), quote!(::serde_json::Value::Bool(value))),
        ValueType::Integer => (quote!(i64), quote!(::serde_json::Value::from(value))),
        ValueType::Number => (quote!(f64), quote!(::serde_json::Value::from(value))),
        _ => (quote!(impl Into<::serde_json::Value>), quote!(value.into())),
    }
}
