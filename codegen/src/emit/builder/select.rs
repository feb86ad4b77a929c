//! Choosing a parameter set: the path-key setters (`.user_id(..)`) move the builder into the
//! sets that take path keys. `.input_object(..)`, for the `…ViaIdentity` sets, is shared by every
//! cmdlet that has them (`super::shared`).

use proc_macro2::TokenStream;
use quote::quote;

use super::Names;
use crate::emit::docs;
use crate::emit::names::ident;
use crate::emit::reserved::setter_name;
use crate::model::plan::BuilderPlan;

pub(super) fn set_selection(plan: &BuilderPlan, names: &Names) -> TokenStream {
    if plan.path_keys.is_empty() {
        return quote!();
    }
    path_key_setters(plan, names)
}

fn path_key_setters(plan: &BuilderPlan, names: &Names) -> TokenStream {
    let builder = &names.builder;
    let setters = plan.path_keys.iter().enumerate().map(|(index, key)| {
        let index = proc_macro2::Literal::usize_unsuffixed(index);
        let setter = ident(&setter_name(&key.parameter));
        let description = key
            .description
            .as_deref()
            .map(docs::sentence)
            .unwrap_or_default();
        let doc = format!(
            "`-{}`: {description} Selects the parameter sets that take path keys.",
            key.parameter
        );
        quote! {
            #[doc = #doc]
            pub fn #setter(self, value: impl Into<String>) -> #builder<'c, rt::set::Path> {
                self.cmdlet_key(#index, value.into())
            }
        }
    });
    quote! {
        impl<'c, S: rt::set::AcceptsPathKeys> #builder<'c, S> {
            #(#setters)*
        }
    }
}
