//! What can be set in any state: `-PassThru`, the query and header parameters and the body
//! parameters (`-Headers` and `-Confirm` are shared by every builder, `super::shared`).

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
) -> TokenStream {
    let builder = &names.builder;
    let pass_thru = plan.pass_thru.then(|| {
        quote! {
            /// `-PassThru`: `send()` gives `Some(true)` when the call succeeds (the operation
            /// answers with no content, so without it there is nothing to return).
            pub fn pass_thru(self) -> Self {
                self.cmdlet_pass_thru()
            }
        }
    });
    let body_setters = body_setters(&plan.body, typed);
    let option_setters = options::setters(option_parameters);
    if pass_thru.is_none() && option_setters.is_empty() && body_setters.is_empty() {
        return quote!();
    }
    quote! {
        impl<'c, S> #builder<'c, S> {
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
                pub fn #setter(self, body: impl Into<Vec<u8>>) -> Self {
                    self.cmdlet_bytes(body.into())
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
                pub fn #setter(self, body: impl Into<::serde_json::Value>) -> Self {
                    self.cmdlet_body(body.into())
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
            pub fn #setter(self, body: #ty) -> Self {
                self.cmdlet_body(rt::to_json(&body))
            }
        });
    }
    if let (Some(_), Some(first), None) = (&typed.whole, body.whole.first(), &body.raw_media_type) {
        let doc = format!(
            "`-{first}` as raw JSON, sent as given (for properties the body type does not know)."
        );
        setters.push(quote! {
            #[doc = #doc]
            pub fn body_json(self, body: impl Into<::serde_json::Value>) -> Self {
                self.cmdlet_body(body.into())
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
            pub fn #setter(self, value: #argument) -> Self {
                self.cmdlet_property(#json_name, #conversion)
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
            pub fn #setter(self, properties: ::serde_json::Map<String, ::serde_json::Value>) -> Self {
                self.cmdlet_properties(properties)
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
