//! `impl crate::Client`: the method that starts the builder, with the cmdlet's documentation,
//! and one method per alias.
//!
//! The methods are `#[inline]`, like each cmdlet's `answer()`: the crate then hands them over as
//! MIR, and a program compiles the cmdlets it calls and the models their answers reach, not
//! all of them (a non-generic method would be a root of code generation in this crate).

use proc_macro2::TokenStream;
use quote::quote;

use super::Names;
use crate::emit::docs;
use crate::emit::names::{ident, method_name};
use crate::model::Module;
use crate::model::plan::BuilderPlan;

pub(super) fn client_methods(module: &Module, plan: &BuilderPlan, names: &Names) -> TokenStream {
    let Names {
        builder,
        method,
        initial_state,
        ..
    } = names;
    let cmdlet = &plan.cmdlet;
    let method_docs = docs::cmdlet(module, plan, names.method_text.as_str(), &names.main_method);
    let cmdlet_name = &cmdlet.name;
    let deprecated = plan.operation(module).docs.deprecation.as_ref().map(|d| {
        let note = docs::deprecation_note(d);
        quote!(#[deprecated(note = #note)])
    });
    let aliases = cmdlet
        .aliases
        .iter()
        .map(|alias| {
            let alias_method = ident(&method_name(alias));
            let doc = format!(
                "`{alias}`: alias of `{}`, see [`Client::{method}`](crate::Client::{method}).",
                cmdlet.name
            );
            // An alias of a deprecated cmdlet is deprecated too; calling the cmdlet is not a use.
            let allow = deprecated.as_ref().map(|_| quote!(#[allow(deprecated)]));
            quote! {
                #[doc = #doc]
                #[doc(alias = #alias)]
                #deprecated
                #allow
                #[inline]
                pub fn #alias_method(&self) -> #builder<'_, #initial_state> {
                    self.#method()
                }
            }
        })
        .collect::<Vec<_>>();
    quote! {
        impl crate::Client {
            #(#[doc = #method_docs])*
            #[doc(alias = #cmdlet_name)]
            #deprecated
            #[inline]
            pub fn #method(&self) -> #builder<'_, #initial_state> {
                Cmdlet::cmdlet_new(self)
            }
            #(#aliases)*
        }
    }
}
