//! Rustdoc text for generated items: what a PowerShell user would look up in `Get-Help`, plus
//! the HTTP facts and the Rust spelling of each parameter set.

mod example;
mod parameters;

pub use parameters::{Markup, parameter_description};

use super::names::method_name;
use super::reserved::parameter_setter;
use crate::model::plan::{BuilderPlan, is_switch, powershell_type};
use crate::model::{
    Cmdlet, Deprecation, Module, Operation, OperationDocs, ParameterSet, ResponseShape,
};

/// Full documentation of a builder's `Client` method, laid out like `Get-Help -Full`: the
/// synopsis first, then syntax, parameters, what it returns, errors, examples, and the HTTP,
/// permission and cloud facts. `method` is the Rust method this documents, `main_method` the
/// cmdlet's main one (they differ for the builders of further operations).
pub fn cmdlet(module: &Module, plan: &BuilderPlan, method: &str, main_method: &str) -> Vec<String> {
    let cmdlet = &plan.cmdlet;
    let operation = plan.operation(module);
    let docs = &operation.docs;
    let mut doc = Vec::new();
    let summary = summary(docs);
    let synopsis = docs.description.as_deref().or(summary);
    match synopsis {
        Some(text) => doc.push(text.to_owned()),
        None => doc.push(format!("`{}`.", cmdlet.name)),
    }
    if let (Some(summary), Some(_)) = (summary, &docs.description) {
        paragraph(&mut doc, summary.to_owned());
    }
    paragraph(&mut doc, format!("PowerShell: `{}`.", cmdlet.name));
    if method != main_method {
        let sets: Vec<&str> = cmdlet
            .parameter_sets
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        paragraph(
            &mut doc,
            format!(
                "Parameter sets {} of `{}`: they call another operation than [`Client::{main_method}`](crate::Client::{main_method}).",
                sets.join(", "),
                cmdlet.name,
            ),
        );
    }
    if let Some(deprecation) = &docs.deprecation {
        paragraph(&mut doc, format!("**{}**", deprecation_note(deprecation)));
    }

    section(&mut doc, "Syntax");
    doc.push("```powershell".to_owned());
    for set in &cmdlet.parameter_sets {
        doc.push(syntax_line(module, cmdlet, set, operation));
    }
    doc.push("```".to_owned());
    if !cmdlet.aliases.is_empty() {
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
        paragraph(&mut doc, format!("Aliases: {}.", aliases.join(", ")));
    }

    section(&mut doc, "Parameters");
    doc.extend(parameters::parameters(module, plan));

    section(&mut doc, "Parameter sets");
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

    section(&mut doc, "Returns");
    doc.push(output(operation));

    section(&mut doc, "Errors");
    doc.extend(errors(plan, cmdlet));

    if let Some(crate_path) = &module_path(module) {
        section(&mut doc, "Examples");
        for (i, set) in cmdlet.parameter_sets.iter().enumerate() {
            if i > 0 {
                doc.push(String::new());
            }
            doc.extend(example::example(module, plan, set, method, crate_path));
        }
    }

    section(&mut doc, "HTTP");
    doc.push(format!(
        "`{} /{}{}` (operationId `{}`).",
        operation.method.as_str(),
        module.api_version,
        operation.path,
        operation.operation_id
    ));
    paragraph(
        &mut doc,
        if operation.repeatable {
            "Safe to repeat: transport failures and timeouts are retried under the client's \
             [`RetryPolicy`](crate::RetryPolicy)."
                .to_owned()
        } else {
            "Not safe to repeat: once the request may have reached Graph (a dropped connection, a \
             timeout) it is not sent again; throttling answers (429, 503, 504) are still retried."
                .to_owned()
        },
    );

    if !docs.permissions.is_empty() {
        section(&mut doc, "Permissions");
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
        section(&mut doc, "National clouds");
        let clouds: Vec<String> = docs
            .national_clouds
            .iter()
            .map(|cloud| format!("[`{cloud}`](crate::Environment::{cloud})"))
            .collect();
        doc.push(format!("Available in: {}.", clouds.join(", ")));
    }
    if let Some(url) = &docs.external_docs {
        paragraph(&mut doc, format!("Microsoft Graph documentation: <{url}>"));
    }
    doc
}

fn paragraph(doc: &mut Vec<String>, text: String) {
    doc.push(String::new());
    doc.push(text);
}

fn section(doc: &mut Vec<String>, title: &str) {
    doc.push(String::new());
    doc.push(format!("# {title}"));
    doc.push(String::new());
}

/// The operation's summary, unless it is one of the spec's generated ones.
pub fn summary(docs: &OperationDocs) -> Option<&str> {
    docs.summary
        .as_deref()
        .filter(|s| !is_boilerplate_summary(s))
}

/// The spec's generated summaries (`Invoke action checkMemberGroups`) say nothing a reader
/// needs; `Get-Help` shows the description instead.
fn is_boilerplate_summary(summary: &str) -> bool {
    let words: Vec<&str> = summary.split_whitespace().collect();
    matches!(words.as_slice(), ["Invoke", "action" | "function", _])
}

/// `Deprecated in the spec since …, to be removed on … (version). Description`
pub fn deprecation_note(deprecation: &Deprecation) -> String {
    let mut line = "Deprecated in the spec".to_owned();
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
    line
}

/// The `generated` module the items live in, for examples: `graph_users_actions::beta`.
fn module_path(module: &Module) -> Option<String> {
    module.rust_path.clone()
}

/// What can fail, before sending and after.
fn errors(plan: &BuilderPlan, cmdlet: &Cmdlet) -> Vec<String> {
    let mut before = vec![
        "a parameter the chosen set requires is missing (`ErrorKind::InvalidArgument`)".to_owned(),
    ];
    if !plan.path_keys.is_empty() {
        before.push(
            "a key cannot be one path segment (empty, `.` or `..`) (`InvalidArgument`)".to_owned(),
        );
    }
    if plan.input_object {
        before.push(
            "the identity lacks a key this call needs (`MissingIdentityProperty`)".to_owned(),
        );
    }
    if plan.body.exists && plan.body.expanded {
        before.push(format!(
            "`-{}` is combined with the `…Expanded` parameters (`InvalidArgument`)",
            plan.body
                .whole
                .first()
                .map_or("BodyParameter", String::as_str)
        ));
    }
    if cmdlet.supports_should_process {
        before.push("`.confirm(..)` declines (`ConfirmationDeclined`)".to_owned());
    }
    vec![
        format!(
            "Fails with an [`Error`](crate::Error) before anything is sent when {}.",
            before.join("; ")
        ),
        String::new(),
        "After sending: Graph's error answer (`Api`: status, `code`, `message`, request ids), \
         throttling that outlasts the retries (`Throttled`), sign-in failures (`Auth`), \
         connection failures and timeouts (`Transport`, `Timeout`), and an answer that does not \
         decode (`UnexpectedResponse`); see [`ErrorKind`](crate::ErrorKind)."
            .to_owned(),
    ]
}

fn list_or(items: &[String], empty: &str) -> String {
    if items.is_empty() {
        empty.to_owned()
    } else {
        items.join(", ")
    }
}

/// One `Get-Help` SYNTAX line, with each parameter's type (a switch has none).
fn syntax_line(
    module: &Module,
    cmdlet: &Cmdlet,
    set: &ParameterSet,
    operation: &Operation,
) -> String {
    let mut line = cmdlet.name.clone();
    for parameter in &set.parameters {
        let type_name = powershell_type(module, &parameter.source, operation);
        let text = if is_switch(&type_name) {
            format!("-{}", parameter.name)
        } else {
            format!("-{} <{type_name}>", parameter.name)
        };
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
            let setter = parameter_setter(parameter);
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
        ResponseShape::Pageable { .. } => "`send()` gives every item of the answer's `value`, \
             following `@odata.nextLink` (same host only) until the last page, as the cmdlet \
             does."
            .to_owned(),
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
         skips properties the type does not have (a pasted object or full identity binds by the \
         keys it carries). A call whose identity lacks a key it needs fails before sending \
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
