//! One builder per cmdlet (or per operation of a cmdlet that calls several), written from its
//! [`BuilderPlan`], one emitter per item: the operation descriptor, the `Client` method, the
//! builder type, the parameter-set setters, the common parameters, `send()`, and the builder's
//! `BatchItem` impl (`super::batch`). What a call does lives in the runtime, driven by the
//! operation's table: per cmdlet only the fields, the setters and one-line delegations remain.

mod client;
mod common;
mod info;
mod select;
mod send;
mod shared;
mod state;
mod typed;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

pub(crate) use send::output as answer;
pub(crate) use shared::cmdlet_type;
pub use typed::BodyStructs;

use super::names::{field_name, ident, is_identifier, method_name, type_name};
use super::options::{self, OptionParameter};
use super::reserved::{RESERVED, setter_name};
use crate::error::{Error, Result};
use crate::model::plan::{self, BuilderPlan};
use crate::model::{Cmdlet, Module};

/// The Rust names one builder's items share.
struct Names {
    /// `RevokeMgUserSignInSession`.
    builder: Ident,
    /// `revoke_mg_user_sign_in_session`, or `…_<set>` for a secondary builder.
    method: Ident,
    method_text: String,
    /// The method of the cmdlet's main builder.
    main_method: String,
    /// The `static` operation descriptor.
    info: Ident,
    /// The state a new builder starts in.
    initial_state: TokenStream,
}

/// The `Client` method of a builder: the cmdlet's, or `…_<set>` for a secondary builder.
pub fn builder_method(plan: &BuilderPlan) -> String {
    let main_method = method_name(&plan.cmdlet.name);
    match &plan.secondary_set {
        Some(set) => format!("{main_method}_{}", field_name(set)),
        None => main_method,
    }
}

/// The name of a builder's `static` operation descriptor (the catalog points at it too).
pub fn operation_info_name(plan: &BuilderPlan) -> Ident {
    format_ident!("{}", builder_method(plan).to_uppercase())
}

impl Names {
    fn of(plan: &BuilderPlan) -> Names {
        let main_method = method_name(&plan.cmdlet.name);
        let method_text = builder_method(plan);
        // Without path keys there is no set to choose (no `…ViaIdentity` either): start ready.
        let initial_state = if plan.path_keys.is_empty() {
            quote!(rt::set::Path)
        } else {
            quote!(rt::set::Unselected)
        };
        Names {
            builder: format_ident!("{}", type_name(&method_text)),
            method: ident(&method_text),
            info: operation_info_name(plan),
            method_text,
            main_method,
            initial_state,
        }
    }
}

/// Every builder of one cmdlet, the `Client` method of each included.
pub fn cmdlet(module: &Module, cmdlet: &Cmdlet, bodies: &BodyStructs) -> Result<TokenStream> {
    let mut tokens = TokenStream::new();
    for plan in plan::builders(module, cmdlet)? {
        let options = options::of(&plan.cmdlet, plan.operation(module))?;
        check_names(&plan, &options)?;
        let names = Names::of(&plan);
        let body = typed::body(module, &plan, bodies);
        let operation = plan.operation(module);
        tokens.extend([
            body.item.clone(),
            info::operation_info(module, &plan, &names, &options),
            client::client_methods(module, &plan, &names),
            state::builder_type(module, &plan, &names, &options),
            select::set_selection(&plan, &names),
            common::common_parameters(&plan, &names, &body, &options),
            super::batch::batch_item(operation, &names.method_text),
        ]);
    }
    Ok(tokens)
}

/// `pub mod cmdlets`: the marker type of every builder of the module, the `Op` of its
/// `Cmdlet<'c, Op, S>` alias.
pub fn markers(module: &Module) -> Result<TokenStream> {
    let mut markers = Vec::new();
    for cmdlet in &module.cmdlets {
        for plan in plan::builders(module, cmdlet)? {
            let name = format_ident!("{}", type_name(&builder_method(&plan)));
            let doc = format!(
                "`{}`, as the `Op` of [`Cmdlet`](super::Cmdlet).",
                cmdlet.name
            );
            markers.push(quote! {
                #[doc = #doc]
                #[derive(Debug)]
                pub enum #name {}
            });
        }
    }
    if markers.is_empty() {
        return Ok(quote!());
    }
    Ok(quote! {
        /// The cmdlets of this module as types: the `Op` of each builder's [`Cmdlet`] alias.
        pub mod cmdlets {
            #(#markers)*
        }
    })
}

/// Every setter name must be a distinct identifier that does not shadow a builder method.
fn check_names(plan: &BuilderPlan, options: &[OptionParameter]) -> Result<()> {
    let mut seen: Vec<String> = Vec::new();
    let names = plan
        .path_keys
        .iter()
        .map(|k| &k.parameter)
        .chain(plan.body.parameter_names())
        .chain(options.iter().map(|o| &o.name));
    for parameter in names {
        let setter = setter_name(parameter);
        let clash = RESERVED.contains(&setter.as_str()) || seen.contains(&setter);
        if clash || !is_identifier(&setter) {
            return Err(Error::Naming {
                location: format!("cmdlet {}, parameter -{parameter}", plan.cmdlet.name),
                message: format!(
                    "its Rust setter `{setter}` collides with another method or is not an identifier"
                ),
            });
        }
        seen.push(setter);
    }
    Ok(())
}
