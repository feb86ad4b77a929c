//! The `static` operation table the runtime reads: cmdlet, method, path, the least privileged
//! permissions (for 403 messages), whether a resend is safe, and what the builder's arrays and
//! parameter sets mean (path keys, set names, query and header parameters, body parameter).
//! The builder's code passes its fields; the runtime does the rest from this table.

use proc_macro2::TokenStream;
use quote::quote;

use super::Names;
use crate::emit::options::{self, OptionParameter};
use crate::model::Module;
use crate::model::plan::{BuilderPlan, SetChoice};

pub(super) fn operation_info(
    module: &Module,
    plan: &BuilderPlan,
    names: &Names,
    option_parameters: &[OptionParameter],
) -> TokenStream {
    let operation = plan.operation(module);
    let name = &names.info;
    let cmdlet_name = &plan.cmdlet.name;
    let method = operation.method.as_str();
    let version = &module.api_version;
    let path = &operation.path;
    let repeatable = operation.repeatable;
    let mut least: Vec<&str> = Vec::new();
    for permission in operation
        .docs
        .permissions
        .iter()
        .flat_map(|row| row.least_privileged.iter().map(String::as_str))
    {
        if !least.contains(&permission) {
            least.push(permission);
        }
    }
    let keys = plan.path_keys.iter().map(|key| {
        let template = &key.serialized_name;
        let parameter = &key.parameter;
        let property = &key.identity_property;
        quote!(rt::PathKey { template: #template, parameter: #parameter, property: #property })
    });
    let sets = sets(&plan.set_choice);
    let options = options::table(option_parameters);
    let body = if plan.body.exists {
        let parameter = plan.body.whole.first().map_or("Body", String::as_str);
        let required = plan.body.required;
        let media_type = match &plan.body.raw_media_type {
            Some(media_type) => quote!(Some(#media_type)),
            None => quote!(None),
        };
        quote! {
            Some(rt::BodyParameter { parameter: #parameter, required: #required, media_type: #media_type })
        }
    } else {
        quote!(None)
    };
    quote! {
        static #name: rt::Operation = rt::Operation {
            info: rt::OperationInfo {
                cmdlet: #cmdlet_name,
                method: #method,
                api_version: #version,
                path_template: #path,
                least_privileged: &[#(#least),*],
                repeatable: #repeatable,
            },
            keys: &[#(#keys),*],
            sets: #sets,
            options: #options,
            body: #body,
        };
    }
}

/// The parameter-set names by (`-InputObject` given, body given as expanded properties).
fn sets(choice: &SetChoice) -> TokenStream {
    let [path, path_expanded, via_identity, via_identity_expanded] = match choice {
        SetChoice::Fixed(name) => [name; 4],
        SetChoice::ByIdentity { path, via_identity } => [path, path, via_identity, via_identity],
        SetChoice::ByBody { whole, expanded } => [whole, expanded, whole, expanded],
        SetChoice::ByBoth {
            path,
            path_expanded,
            via_identity,
            via_identity_expanded,
        } => [path, path_expanded, via_identity, via_identity_expanded],
    };
    quote! {
        rt::ParameterSets {
            path: #path,
            path_expanded: #path_expanded,
            via_identity: #via_identity,
            via_identity_expanded: #via_identity_expanded,
        }
    }
}
