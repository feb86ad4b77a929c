//! The module's catalog, `pub static CATALOG: rt::catalog::Module`: every cmdlet with its
//! parameter sets, parameters, answer and help text, as plain static data written from the same
//! plans as the builders. Each set points at its builder's `static` operation descriptor, so the
//! command line and the library cannot disagree on a method or a path.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::builder::{builder_method, operation_info_name};
use super::docs::{self, Markup, parameter_description};
use crate::error::{Error, Result};
use crate::model::plan::{self, BuilderPlan, output_type, powershell_type};
use crate::model::{
    Cmdlet, Module, Operation, ParameterLocation, ParameterSource, ResponseShape, ValueType,
    VariantParameter,
};

/// The `CATALOG` static of one module.
pub fn catalog(module: &Module) -> Result<TokenStream> {
    let mut commands = Vec::new();
    for cmdlet in &module.cmdlets {
        commands.extend(command(module, cmdlet)?);
    }
    let rust_module = module
        .rust_path
        .as_deref()
        .and_then(|path| path.rsplit("::").next())
        .map_or_else(|| module.api_version.replace('.', "_"), str::to_owned);
    let api_version = &module.api_version;
    let service_name = &module.service_name;
    let powershell_module = match module.subject_prefix.as_str() {
        "" => format!("Microsoft.Graph.{service_name}"),
        prefix => format!("Microsoft.Graph.{prefix}.{service_name}"),
    };
    let identity = format!("I{}", module.identity.name);
    let keys = module.identity.properties.iter().map(|property| {
        let name = &property.name;
        let serialized_name = &property.serialized_name;
        let description = property.description.as_deref().unwrap_or_default();
        quote! {
            rt::catalog::IdentityKey {
                name: #name,
                serialized_name: #serialized_name,
                description: #description,
            },
        }
    });
    Ok(quote! {
        /// Every cmdlet of this module as data (names, sets, parameters, help text), for tools
        /// such as the `mg` command line; see `mg_runtime::catalog`. Behind the crate's
        /// `catalog` feature: a library user does not compile it.
        #[cfg(feature = "catalog")]
        pub static CATALOG: rt::catalog::Module = rt::catalog::Module {
            rust_module: #rust_module,
            api_version: #api_version,
            service_name: #service_name,
            powershell_module: #powershell_module,
            identity: rt::catalog::Identity {
                name: #identity,
                keys: &[#(#keys)*],
            },
            commands: &[#(#commands)*],
        };
    })
}

/// One cmdlet's entry; `None` for a cmdlet without parameter sets (it has no builder either).
fn command(module: &Module, cmdlet: &Cmdlet) -> Result<Option<TokenStream>> {
    let plans = plan::builders(module, cmdlet)?;
    let Some(main) = plans.first() else {
        return Ok(None);
    };
    let plan_of = |operation: usize| -> &BuilderPlan {
        plans
            .iter()
            .find(|plan| plan.operation == operation)
            .unwrap_or(main)
    };

    // Each parameter once, described from the operation of the first set naming it.
    let mut parameters: Vec<(&VariantParameter, &BuilderPlan)> = Vec::new();
    for set in &cmdlet.parameter_sets {
        for parameter in &set.parameters {
            if !parameters
                .iter()
                .any(|(seen, _)| seen.name == parameter.name)
            {
                parameters.push((parameter, plan_of(set.operation)));
            }
        }
    }
    if parameters.len() > usize::from(u16::MAX) {
        return Err(Error::Naming {
            location: format!("cmdlet {}", cmdlet.name),
            message: "has more parameters than the catalog can index".to_owned(),
        });
    }
    let sets = cmdlet.parameter_sets.iter().map(|set| {
        let plan = plan_of(set.operation);
        let info = operation_info_name(plan);
        let name = &set.name;
        let via_identity = set.via_identity;
        let expanded = set.expanded;
        let entries = set.parameters.iter().map(|parameter| {
            let index = parameters
                .iter()
                .position(|(known, _)| known.name == parameter.name)
                .unwrap_or_default();
            let index = Literal::u16_unsuffixed(u16::try_from(index).unwrap_or(u16::MAX));
            let required = parameter.required;
            quote! { rt::catalog::SetParameter { parameter: #index, required: #required }, }
        });
        quote! {
            rt::catalog::ParameterSet {
                name: #name,
                operation: &#info.info,
                via_identity: #via_identity,
                expanded: #expanded,
                parameters: &[#(#entries)*],
            },
        }
    });
    let parameters = parameters
        .iter()
        .map(|(parameter, plan)| parameter_entry(module, plan, parameter));

    let operation = main.operation(module);
    let help = &operation.docs;
    let name = &cmdlet.name;
    let aliases = &cmdlet.aliases;
    let rust_method = builder_method(main);
    let synopsis = docs::summary(help)
        .or(help.description.as_deref())
        .unwrap_or_default();
    let description = help
        .description
        .as_deref()
        .or(docs::summary(help))
        .unwrap_or_default();
    let default_set = &cmdlet.default_parameter_set;
    let answer = answer(&operation.response);
    let output_type = output_type(module, operation);
    let pass_thru = cmdlet.pass_thru;
    let should_process = cmdlet.supports_should_process;
    let permissions = help.permissions.iter().map(|row| {
        let kind = &row.permission_type;
        let least = &row.least_privileged;
        let higher = &row.higher_privileged;
        quote! {
            rt::catalog::Permission {
                kind: #kind,
                least_privileged: &[#(#least),*],
                higher_privileged: &[#(#higher),*],
            },
        }
    });
    let clouds = &help.national_clouds;
    let doc_url = help.external_docs.as_deref().unwrap_or_default();
    let deprecation = help
        .deprecation
        .as_ref()
        .map(docs::deprecation_note)
        .unwrap_or_default();
    Ok(Some(quote! {
        rt::catalog::Command {
            name: #name,
            aliases: &[#(#aliases),*],
            rust_method: #rust_method,
            synopsis: #synopsis,
            description: #description,
            default_set: #default_set,
            sets: &[#(#sets)*],
            parameters: &[#(#parameters)*],
            answer: #answer,
            output_type: #output_type,
            pass_thru: #pass_thru,
            supports_should_process: #should_process,
            permissions: &[#(#permissions)*],
            national_clouds: &[#(#clouds),*],
            doc_url: #doc_url,
            deprecation: #deprecation,
        },
    }))
}

fn parameter_entry(
    module: &Module,
    plan: &BuilderPlan,
    parameter: &VariantParameter,
) -> TokenStream {
    let operation = plan.operation(module);
    let name = &parameter.name;
    let aliases = &parameter.aliases;
    let type_name = powershell_type(module, &parameter.source, operation);
    let description = parameter_description(module, plan, &parameter.source, Markup::Plain);
    let source = match &parameter.source {
        ParameterSource::Path { serialized_name } => {
            quote!(rt::catalog::ParameterSource::Path { serialized_name: #serialized_name })
        }
        ParameterSource::Query { serialized_name } => {
            quote!(rt::catalog::ParameterSource::Query { serialized_name: #serialized_name })
        }
        ParameterSource::Header { serialized_name } => {
            quote!(rt::catalog::ParameterSource::Header { serialized_name: #serialized_name })
        }
        ParameterSource::Body => quote!(rt::catalog::ParameterSource::Body),
        ParameterSource::BodyProperty { json_name } => {
            quote!(rt::catalog::ParameterSource::BodyProperty { json_name: #json_name })
        }
        ParameterSource::AdditionalProperties => {
            quote!(rt::catalog::ParameterSource::AdditionalProperties)
        }
        ParameterSource::InputObject => quote!(rt::catalog::ParameterSource::InputObject),
    };
    let value = value_kind_of(&parameter.source, operation);
    // As the SDK declares them: the identity and the whole body come from the pipeline by
    // value; keys are bound from a piped object's properties by name.
    let by_value = matches!(
        parameter.source,
        ParameterSource::InputObject | ParameterSource::Body
    );
    let by_property_name = matches!(parameter.source, ParameterSource::Path { .. });
    quote! {
        rt::catalog::Parameter {
            name: #name,
            aliases: &[#(#aliases),*],
            type_name: #type_name,
            description: #description,
            source: #source,
            value: #value,
            pipeline_by_value: #by_value,
            pipeline_by_property_name: #by_property_name,
        },
    }
}

/// What text given for the parameter becomes on the wire.
fn value_kind_of(source: &ParameterSource, operation: &Operation) -> TokenStream {
    match source {
        ParameterSource::Path { .. } => value_kind(&ValueType::String),
        ParameterSource::Query { serialized_name }
        | ParameterSource::Header { serialized_name } => {
            let location = match source {
                ParameterSource::Query { .. } => ParameterLocation::Query,
                _ => ParameterLocation::Header,
            };
            operation
                .other_parameters
                .iter()
                .find(|p| p.location == location && p.serialized_name == *serialized_name)
                .and_then(|p| p.value_type.as_ref())
                .map_or_else(|| value_kind(&ValueType::Any), value_kind)
        }
        ParameterSource::Body => match &operation.body {
            Some(body) if body.raw_media_type.is_some() => quote!(rt::catalog::ValueKind::Bytes),
            Some(body) if body.is_object => value_kind(&ValueType::Object(None)),
            _ => value_kind(&ValueType::Any),
        },
        ParameterSource::BodyProperty { json_name } => operation
            .body
            .iter()
            .flat_map(|b| &b.properties)
            .find(|p| p.json_name == *json_name)
            .map_or_else(
                || value_kind(&ValueType::Any),
                |p| value_kind(&p.value_type),
            ),
        ParameterSource::AdditionalProperties | ParameterSource::InputObject => {
            value_kind(&ValueType::Object(None))
        }
    }
}

fn value_kind(value_type: &ValueType) -> TokenStream {
    match value_type {
        ValueType::String => quote!(rt::catalog::ValueKind::String),
        ValueType::Boolean => quote!(rt::catalog::ValueKind::Boolean),
        ValueType::Integer => quote!(rt::catalog::ValueKind::Integer),
        ValueType::Number => quote!(rt::catalog::ValueKind::Number),
        ValueType::Object(_) => quote!(rt::catalog::ValueKind::Object),
        ValueType::Any => quote!(rt::catalog::ValueKind::Any),
        ValueType::Array(item) => {
            let scalar = match item.as_ref() {
                ValueType::String => quote!(String),
                ValueType::Boolean => quote!(Boolean),
                ValueType::Integer => quote!(Integer),
                ValueType::Number => quote!(Number),
                ValueType::Object(_) => quote!(Object),
                ValueType::Array(_) | ValueType::Any => quote!(Any),
            };
            quote!(rt::catalog::ValueKind::Array(rt::catalog::Scalar::#scalar))
        }
    }
}

fn answer(response: &ResponseShape) -> TokenStream {
    match response {
        ResponseShape::NoContent => quote!(rt::catalog::Answer::NoContent),
        ResponseShape::SingleValue {
            property,
            value_type,
        } => {
            let value = value_kind(value_type);
            quote!(rt::catalog::Answer::SingleValue { property: #property, value: #value })
        }
        ResponseShape::Model(_) => quote!(rt::catalog::Answer::Json),
        ResponseShape::Pageable { .. } => quote!(rt::catalog::Answer::Pageable),
        ResponseShape::Binary => quote!(rt::catalog::Answer::Binary),
    }
}
