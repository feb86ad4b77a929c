//! Choosing a parameter set: `.input_object(..)` for the `…ViaIdentity` sets, the path-key
//! setters (`.user_id(..)`) for the others. Each moves the builder into the chosen state.

use proc_macro2::TokenStream;
use quote::quote;

use super::Names;
use crate::emit::docs;
use crate::emit::names::ident;
use crate::emit::reserved::setter_name;
use crate::model::plan::BuilderPlan;

pub(super) fn set_selection(plan: &BuilderPlan, names: &Names) -> TokenStream {
    let input_object = plan.input_object.then(|| input_object(names));
    let path_keys = (!plan.path_keys.is_empty()).then(|| path_key_setters(plan, names));
    quote!(#input_object #path_keys)
}

fn input_object(names: &Names) -> TokenStream {
    let Names {
        builder, identity, ..
    } = names;
    let doc = format!(
        "`-InputObject`: the keys of this call as an [`{identity}`]. Selects the `…ViaIdentity` \
         parameter sets."
    );
    quote! {
        impl<'c> #builder<'c, rt::set::Unselected> {
            #[doc = #doc]
            pub fn input_object(self, identity: #identity) -> #builder<'c, rt::set::ViaIdentity> {
                let mut next = self.retype();
                next.input_object = Some(identity);
                next
            }
        }
    }
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
                let mut next = self.retype();
                next.path[#index] = Some(value.into());
                next
            }
        }
    });
    quote! {
        impl<'c, S: rt::set::AcceptsPathKeys> #builder<'c, S> {
            #(#setters)*
        }
    }
}
