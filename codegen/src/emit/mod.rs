//! Rust tokens for a module model, one emitter per concern: the identity type, the builders
//! (with their `Client` methods and operation descriptors), and their docs.

pub mod builder;
pub mod docs;
pub mod identity;
pub mod names;
pub mod types;

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::error::{Error, Result};
use crate::model::Module;

/// Every item of one module, to be included as a module of the `graph-users-actions` crate.
pub fn module(module: &Module) -> Result<TokenStream> {
    check_method_names(module)?;
    let identity = identity::identity(module);
    let cmdlets = module
        .cmdlets
        .iter()
        .map(|cmdlet| builder::cmdlet(module, cmdlet))
        .collect::<Result<Vec<_>>>()?;
    Ok(quote! {
        use crate::__private as rt;

        #identity
        #(#cmdlets)*
    })
}

/// Cmdlet and alias names that differ only in case or punctuation would become one Rust method.
fn check_method_names(module: &Module) -> Result<()> {
    let mut seen: HashMap<String, &str> = HashMap::new();
    for cmdlet in &module.cmdlets {
        for name in std::iter::once(&cmdlet.name).chain(&cmdlet.aliases) {
            let method = names::method_name(name);
            if let Some(previous) = seen.insert(method.clone(), name)
                && previous != name
            {
                return Err(Error::Naming {
                    location: format!("cmdlet {name}"),
                    message: format!("its Rust method `{method}` is also the method of {previous}"),
                });
            }
        }
    }
    Ok(())
}
