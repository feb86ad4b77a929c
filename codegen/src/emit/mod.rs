//! Rust tokens for a module model, one emitter per concern: the identity type, the builders
//! (with their `Client` methods and operation descriptors), their `BatchItem` impls, their
//! docs, and the module's catalog of cmdlets.

pub mod batch;
pub mod builder;
pub mod catalog;
pub mod docs;
pub mod identity;
pub mod models;
pub mod names;
pub mod options;
pub mod reserved;
pub mod spelling;
pub mod types;

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::error::{Error, Result};
use crate::model::Module;

/// Every item of one module, to be included as a module of a generated crate (which depends on
/// `mg-runtime` and defines `crate::Client`).
pub fn module(module: &Module) -> Result<TokenStream> {
    check(module)?;
    let prelude = prelude(module)?;
    let bodies = builder::BodyStructs::of(module)?;
    let cmdlets = module
        .cmdlets
        .iter()
        .map(|cmdlet| builder::cmdlet(module, cmdlet, &bodies))
        .collect::<Result<Vec<_>>>()?;
    let catalog = catalog::catalog(module)?;
    let models = models::models(&module.models);
    Ok(quote! {
        #prelude
        #(#cmdlets)*
        #catalog
        #models
    })
}

/// The checks every module passes before any token is emitted.
pub fn check(module: &Module) -> Result<()> {
    check_identifiers(module)?;
    check_method_names(module)?;
    spelling::check_cmdlet_names(module)
}

/// What comes before the cmdlets: the runtime import, the identity type, the builder type the
/// cmdlets share and their marker types.
pub fn prelude(module: &Module) -> Result<TokenStream> {
    let identity = identity::identity(module);
    let shared = builder::cmdlet_type(module);
    let markers = builder::markers(module)?;
    Ok(quote! {
        use ::mg_runtime::support as rt;

        #identity
        #shared
        #markers
    })
}

/// Every name that becomes a Rust identifier must be one: a spec with unusual characters in an
/// operationId or a path key gets an error naming it, never a panic in the token builder.
fn check_identifiers(module: &Module) -> Result<()> {
    let refuse = |location: String, name: &str| Error::Naming {
        location: crate::text::shown(&location),
        message: format!(
            "`{}` cannot be a Rust identifier (ASCII letters, digits and `_` only)",
            crate::text::shown(name)
        ),
    };
    if !names::is_identifier(&module.identity.name) {
        return Err(refuse("identity type".to_owned(), &module.identity.name));
    }
    for property in &module.identity.properties {
        if !names::is_identifier(&names::field_name(&property.name)) {
            let location = format!(
                "identity property from path key `{}`",
                property.serialized_name
            );
            return Err(refuse(location, &property.name));
        }
    }
    for cmdlet in &module.cmdlets {
        for name in std::iter::once(&cmdlet.name).chain(&cmdlet.aliases) {
            let method = names::method_name(name);
            if !names::is_identifier(&method) || !names::is_identifier(&names::type_name(name)) {
                return Err(refuse(format!("cmdlet {}", cmdlet.name), name));
            }
        }
        for set in &cmdlet.parameter_sets {
            if !names::is_identifier(&names::field_name(&set.name)) {
                return Err(refuse(
                    format!("cmdlet {}, parameter set", cmdlet.name),
                    &set.name,
                ));
            }
        }
    }
    Ok(())
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
