//! A compiled (`no_run`) example per parameter set: the `Client` method, the setters the set
//! takes (with placeholder values of the right type), `send()`.

use crate::emit::names::field_name;
use crate::emit::reserved::parameter_setter;
use crate::model::plan::BuilderPlan;
use crate::model::{Module, ParameterSet, ParameterSource, TypeRef, ValueType};

/// A compiled (`no_run`) example of one parameter set.
pub(super) fn example(
    module: &Module,
    plan: &BuilderPlan,
    set: &ParameterSet,
    method: &str,
    crate_path: &str,
) -> Vec<String> {
    let crate_name = crate_path.split("::").next().unwrap_or(crate_path);
    let operation = plan.operation(module);
    let typed_body = module
        .models
        .operations
        .get(plan.operation)
        .and_then(|t| t.body.as_ref());
    let mut calls = Vec::new();
    for parameter in set.parameters.iter() {
        let setter = parameter_setter(parameter);
        let argument = match &parameter.source {
            ParameterSource::Path { serialized_name } => format!("{serialized_name:?}"),
            ParameterSource::InputObject => {
                let fields: Vec<String> = plan
                    .path_keys
                    .iter()
                    .map(|k| {
                        format!(
                            "{}: Some({:?}.into())",
                            field_name(&k.identity_property),
                            k.serialized_name
                        )
                    })
                    .collect();
                format!(
                    "{crate_path}::{} {{ {}, ..Default::default() }}",
                    module.identity.name,
                    fields.join(", ")
                )
            }
            ParameterSource::Body if plan.body.is_raw() => "b\"bytes\".to_vec()".to_owned(),
            // A typed body: its type's default shows the call without guessing values.
            ParameterSource::Body if typed_body.is_some() => "Default::default()".to_owned(),
            ParameterSource::Body => {
                let members: Vec<String> = operation
                    .body
                    .iter()
                    .flat_map(|b| &b.properties)
                    .map(|p| format!("{:?}: {}", p.json_name, json_sample(&p.value_type)))
                    .collect();
                format!("serde_json::json!({{ {} }})", members.join(", "))
            }
            ParameterSource::BodyProperty { json_name } => {
                let Some(property) = operation
                    .body
                    .iter()
                    .flat_map(|b| &b.properties)
                    .find(|p| p.json_name == *json_name)
                else {
                    continue;
                };
                let typed = typed_body.map(|b| b.property(&module.models, json_name));
                match typed {
                    Some(TypeRef::String) => format!("{json_name:?}"),
                    Some(TypeRef::Bool) => "true".to_owned(),
                    Some(TypeRef::Int32 | TypeRef::Int64) => "1".to_owned(),
                    Some(TypeRef::Array(item)) if *item == TypeRef::String => {
                        "[\"text\"]".to_owned()
                    }
                    Some(TypeRef::Json) | None => match &property.value_type {
                        ValueType::String => format!("{json_name:?}"),
                        ValueType::Boolean => "true".to_owned(),
                        ValueType::Integer => "1".to_owned(),
                        ValueType::Number => "1.0".to_owned(),
                        other => format!("serde_json::json!({})", json_sample(other)),
                    },
                    Some(_) => "Default::default()".to_owned(),
                }
            }
            // Optional and open-ended: left out of the example.
            ParameterSource::AdditionalProperties
            | ParameterSource::Query { .. }
            | ParameterSource::Header { .. } => continue,
        };
        calls.push(format!("    .{setter}({argument})"));
    }
    let mut lines = vec![
        format!("`{}`:", set.name),
        String::new(),
        "```no_run".to_owned(),
        "# #[allow(deprecated)]".to_owned(),
        format!(
            "# async fn example(client: {crate_name}::Client) -> Result<(), {crate_name}::Error> {{"
        ),
        format!("let answer = client.{method}()"),
    ];
    lines.extend(calls);
    lines.push("    .send()".to_owned());
    lines.push("    .await?;".to_owned());
    lines.push("# let _ = answer;".to_owned());
    lines.push("# Ok(())".to_owned());
    lines.push("# }".to_owned());
    lines.push("```".to_owned());
    lines
}

fn json_sample(value_type: &ValueType) -> String {
    match value_type {
        ValueType::String => "\"text\"".to_owned(),
        ValueType::Boolean => "true".to_owned(),
        ValueType::Integer => "1".to_owned(),
        ValueType::Number => "1.0".to_owned(),
        ValueType::Array(item) => format!("[{}]", json_sample(item)),
        ValueType::Object(_) | ValueType::Any => "{}".to_owned(),
    }
}
