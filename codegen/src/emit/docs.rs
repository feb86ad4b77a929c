//! Rustdoc text for generated items: what a PowerShell user would look up in `Get-Help`, plus
//! the HTTP facts and the Rust spelling of each parameter set.

use super::names::method_name;
use super::reserved::setter_name;
use crate::model::{Cmdlet, Module, Operation, ParameterSet, ParameterSource, ResponseShape};

/// Full documentation of a cmdlet, for its `Client` method.
pub fn cmdlet(module: &Module, cmdlet: &Cmdlet, operation: &Operation) -> Vec<String> {
    let mut doc = Vec::new();
    let docs = &operation.docs;
    doc.push(format!("`{}`", cmdlet.name));
    if let Some(summary) = &docs.summary {
        doc.push(String::new());
        doc.push(summary.clone());
    }
    if let Some(description) = &docs.description {
        doc.push(String::new());
        doc.push(description.clone());
    }
    if let Some(deprecation) = &docs.deprecation {
        doc.push(String::new());
        let mut line = "**Deprecated** in the spec".to_owned();
        if let Some(date) = &deprecation.date {
            line.push_str(&format!(" since {date}"));
        }
        if let Some(removal) = &deprecation.removal_date {
            line.push_str(&format!(", to be removed on {removal}"));
        }
        if let Some(version) = &deprecation.version {
            line.push_str(&format!(" ({version})"));
        }
        line.push('.');
        if let Some(description) = &deprecation.description {
            line.push(' ');
            line.push_str(description);
        }
        doc.push(line);
    }

    doc.push(String::new());
    doc.push("# PowerShell".to_owned());
    doc.push(String::new());
    doc.push("```powershell".to_owned());
    for set in &cmdlet.parameter_sets {
        doc.push(syntax_line(module, cmdlet, set));
    }
    doc.push("```".to_owned());
    if !cmdlet.aliases.is_empty() {
        doc.push(String::new());
        let aliases: Vec<String> = cmdlet
            .aliases
            .iter()
            .map(|alias| {
                format!(
                    "`{alias}` ([`Client::{}`](crate::Client::{0}))",
                    method_name(alias)
                )
            })
            .collect();
        doc.push(format!("Aliases: {}.", aliases.join(", ")));
    }

    doc.push(String::new());
    doc.push("# Parameter sets".to_owned());
    doc.push(String::new());
    for set in &cmdlet.parameter_sets {
        let default = if set.name == cmdlet.default_parameter_set {
            " (default)"
        } else {
            ""
        };
        doc.push(format!(
            "- `{}`{default}: {}",
            set.name,
            rust_parameters(set)
        ));
    }

    doc.push(String::new());
    doc.push("# HTTP".to_owned());
    doc.push(String::new());
    doc.push(format!(
        "`{} /{}{}` (operationId `{}`).",
        operation.method.as_str(),
        module.api_version,
        operation.path,
        operation.operation_id
    ));
    doc.push(String::new());
    doc.push(output(operation));
    doc.push(String::new());
    doc.push(if operation.repeatable {
        "Safe to repeat: transport failures and timeouts are retried under the client's \
         [`RetryPolicy`](crate::RetryPolicy)."
            .to_owned()
    } else {
        "Not safe to repeat: once the request may have reached Graph (a dropped connection, a \
         timeout) it is not sent again; throttling answers (429, 503, 504) are still retried."
            .to_owned()
    });

    if !docs.permissions.is_empty() {
        doc.push(String::new());
        doc.push("# Permissions".to_owned());
        doc.push(String::new());
        doc.push("| Permission type | Least privileged | Higher privileged |".to_owned());
        doc.push("|---|---|---|".to_owned());
        for row in &docs.permissions {
            doc.push(format!(
                "| {} | {} | {} |",
                row.permission_type,
                list_or(&row.least_privileged, "Not supported."),
                list_or(&row.higher_privileged, "Not available.")
            ));
        }
    }
    if !docs.national_clouds.is_empty() {
        doc.push(String::new());
        doc.push("# National clouds".to_owned());
        doc.push(String::new());
        let clouds: Vec<String> = docs
            .national_clouds
            .iter()
            .map(|cloud| format!("[`{cloud}`](crate::Environment::{cloud})"))
            .collect();
        doc.push(format!("Available in: {}.", clouds.join(", ")));
    }
    if let Some(url) = &docs.external_docs {
        doc.push(String::new());
        doc.push(format!("Microsoft Graph documentation: <{url}>"));
    }
    doc
}

fn list_or(items: &[String], empty: &str) -> String {
    if items.is_empty() {
        empty.to_owned()
    } else {
        items.join(", ")
    }
}

/// One `Get-Help` SYNTAX line.
fn syntax_line(module: &Module, cmdlet: &Cmdlet, set: &ParameterSet) -> String {
    let mut line = cmdlet.name.clone();
    for parameter in &set.parameters {
        let kind = match &parameter.source {
            ParameterSource::InputObject => format!("I{}", module.identity.name),
            ParameterSource::Body => "IDictionary".to_owned(),
            ParameterSource::AdditionalProperties => "Hashtable".to_owned(),
            _ => "String".to_owned(),
        };
        let text = format!("-{} <{kind}>", parameter.name);
        if parameter.required {
            line.push_str(&format!(" {text}"));
        } else {
            line.push_str(&format!(" [{text}]"));
        }
    }
    line.push_str(" [-ResponseHeadersVariable <String>] [-Headers <IDictionary>]");
    if cmdlet.pass_thru {
        line.push_str(" [-PassThru]");
    }
    if cmdlet.supports_should_process {
        line.push_str(" [-WhatIf] [-Confirm]");
    }
    line
}

fn rust_parameters(set: &ParameterSet) -> String {
    let calls: Vec<String> = set
        .parameters
        .iter()
        .map(|parameter| {
            let setter = match parameter.source {
                ParameterSource::InputObject => "input_object".to_owned(),
                _ => setter_name(&parameter.name),
            };
            let call = format!("`.{setter}(..)`");
            if parameter.required {
                call
            } else {
                format!("optional {call}")
            }
        })
        .collect();
    if calls.is_empty() {
        "no parameters".to_owned()
    } else {
        calls.join(", ")
    }
}

fn output(operation: &Operation) -> String {
    match &operation.response {
        ResponseShape::NoContent => "Answers with no content: `send()` gives `Some(true)` after \
             `.pass_thru()` (`-PassThru`), `None` otherwise."
            .to_owned(),
        ResponseShape::SingleValue {
            property,
            value_type,
        } => {
            if matches!(value_type, crate::model::ValueType::Boolean) {
                format!(
                    "`send()` gives the `{property}` of the response (`System.Boolean`); an empty 2xx \
                     answer counts as `true`."
                )
            } else {
                format!(
                    "`send()` gives the `{property}` of the response, `None` for an empty answer."
                )
            }
        }
        ResponseShape::Pageable { .. } => {
            "`send()` gives the first page of results as JSON (`value` and `@odata.nextLink`)."
                .to_owned()
        }
        ResponseShape::Binary => "`send()` gives the response body as bytes.".to_owned(),
        ResponseShape::Model(_) => "`send()` gives the response body as JSON.".to_owned(),
    }
}

/// Documentation of the identity type.
pub fn identity(module: &Module) -> Vec<String> {
    let name = &module.identity.name;
    let mut doc = vec![
        format!(
            "The counterpart of the PowerShell SDK's `I{name}`: every path key of the {} {} \
             module, for the `…ViaIdentity` parameter sets (`-InputObject`).",
            module.service_name, module.api_version
        ),
        String::new(),
        "Serializes with the SDK's PascalCase keys; deserializing accepts them in any case \
         (`{\"UserId\": \"…\"}`, `{\"userid\": \"…\"}`), as a PowerShell hashtable would, and \
         refuses unknown keys. A call whose identity lacks a key it needs fails before sending \
         with `InputObject has null value for InputObject.<Property>`."
            .to_owned(),
    ];
    if module.identity.properties.is_empty() {
        doc.push(String::new());
        doc.push("This module has no path keys.".to_owned());
    }
    doc
}

/// `text` as a sentence: trimmed, ending in a full stop.
pub fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() || text.ends_with(['.', '!', '?']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}
