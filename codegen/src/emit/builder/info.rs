//! The `static` operation descriptor the runtime reads: cmdlet, method, path, the least
//! privileged permissions (for 403 messages) and whether a resend is safe.

use proc_macro2::TokenStream;
use quote::quote;

use super::Names;
use crate::model::Module;
use crate::model::plan::BuilderPlan;

pub(super) fn operation_info(module: &Module, plan: &BuilderPlan, names: &Names) -> TokenStream {
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
    quote! {
        static #name: rt::OperationInfo = rt::OperationInfo {
            cmdlet: #cmdlet_name,
            method: #method,
            api_version: #version,
            path_template: #path,
            least_privileged: &[#(#least),*],
            repeatable: #repeatable,
        };
    }
}
