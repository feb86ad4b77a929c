//! The `# Parameters` section: each parameter once, with its `Get-Help` type, the sets that
//! require or accept it, its description and its Rust setter.

use super::sentence;
use crate::emit::reserved::parameter_setter;
use crate::model::plan::{BuilderPlan, powershell_type};
use crate::model::{Module, ParameterSource};

/// One entry per parameter, in the order the sets first name them, as `Get-Help -Parameter *`
/// lists them, plus the common parameters in one line.
pub(super) fn parameters(module: &Module, plan: &BuilderPlan) -> Vec<String> {
    let cmdlet = &plan.cmdlet;
    let operation = plan.operation(module);
    let mut seen: Vec<&str> = Vec::new();
    let mut lines = Vec::new();
    for parameter in cmdlet.parameter_sets.iter().flat_map(|s| &s.parameters) {
        if seen.contains(&parameter.name.as_str()) {
            continue;
        }
        seen.push(&parameter.name);
        let type_name = powershell_type(module, &parameter.source, operation);
        let taken_by = |required: bool| -> Vec<String> {
            cmdlet
                .parameter_sets
                .iter()
                .filter(|s| {
                    s.parameters
                        .iter()
                        .any(|p| p.name == parameter.name && p.required == required)
                })
                .map(|s| format!("`{}`", s.name))
                .collect()
        };
        let mut presence = Vec::new();
        let required = taken_by(true);
        if !required.is_empty() {
            presence.push(format!("required in {}", required.join(", ")));
        }
        let optional = taken_by(false);
        if !optional.is_empty() {
            presence.push(format!("optional in {}", optional.join(", ")));
        }
        let description = parameter_description(module, plan, &parameter.source, Markup::Rustdoc);
        lines.push(format!(
            "- `-{} <{type_name}>` (`.{}(..)`), {}. {description}",
            parameter.name,
            parameter_setter(parameter),
            presence.join("; ")
        ));
    }
    let mut common = vec![
        "`-Headers` (`.header(..)`)",
        "`-ResponseHeadersVariable` (`.send_with_headers()`)",
    ];
    if cmdlet.pass_thru {
        common.push("`-PassThru` (`.pass_thru()`)");
    }
    if cmdlet.supports_should_process {
        common.push("`-WhatIf` (`.what_if()`)");
        common.push("`-Confirm` (`.confirm(..)`)");
    }
    lines.push(format!("- Common: {}.", common.join(", ")));
    lines
}

/// How names in a parameter's description are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    /// In backticks, the identity type linked (the builders' rustdoc).
    Rustdoc,
    /// As they are (the catalog, which `mg Get-Help` prints).
    Plain,
}

/// A parameter's description, as one sentence or empty: the spec's text for keys, query and
/// header parameters and body properties, what the parameter holds for the others.
pub fn parameter_description(
    module: &Module,
    plan: &BuilderPlan,
    source: &ParameterSource,
    markup: Markup,
) -> String {
    let code = |name: &str| match markup {
        Markup::Rustdoc => format!("`{name}`"),
        Markup::Plain => name.to_owned(),
    };
    let operation = plan.operation(module);
    let text = match source {
        ParameterSource::Path { serialized_name } => operation
            .path_parameters
            .iter()
            .find(|p| p.serialized_name == *serialized_name)
            .and_then(|p| p.description.clone()),
        ParameterSource::Query { serialized_name }
        | ParameterSource::Header { serialized_name } => operation
            .other_parameters
            .iter()
            .find(|p| p.serialized_name == *serialized_name)
            .and_then(|p| p.description.clone()),
        ParameterSource::Body => Some(format!(
            "The whole request body as JSON{}",
            operation
                .body
                .as_ref()
                .and_then(|b| b.description.as_deref())
                .map(|d| format!(": {}", d.trim_end_matches('.')))
                .unwrap_or_default()
        )),
        ParameterSource::BodyProperty { json_name } => {
            let description = operation
                .body
                .iter()
                .flat_map(|b| &b.properties)
                .find(|p| p.json_name == *json_name)
                .and_then(|p| p.description.clone());
            Some(match description {
                Some(d) => format!("Body property {}: {d}", code(json_name)),
                None => format!("Body property {}", code(json_name)),
            })
        }
        ParameterSource::AdditionalProperties => {
            Some("Further body properties the schema leaves open".to_owned())
        }
        ParameterSource::InputObject => {
            let keys: Vec<String> = plan
                .path_keys
                .iter()
                .map(|k| code(&k.identity_property))
                .collect();
            let identity = match markup {
                Markup::Rustdoc => format!("a [`{}`]", module.identity.name),
                Markup::Plain => format!("an I{} object", module.identity.name),
            };
            Some(format!(
                "The keys of this call as {identity}; this call needs {}",
                keys.join(", ")
            ))
        }
    };
    text.map(|t| sentence(&t)).unwrap_or_default()
}
