//! Variants (parameter sets) of each inferred command (`addVariants`): `X`, `XExpanded`,
//! `XViaIdentity`, `XViaIdentityExpanded`, numbered when two operations collide.

use std::collections::HashSet;

use super::infer::{InferredCommand, infer_commands};
use super::style::{camel_parameter_name, pascal_operation_names};
use super::words::{pascal_case, pascal_case_words};
use crate::error::{Error, Result};
use crate::model::{
    CommandVariant, HttpMethod, Operation, ParameterLocation, ParameterSource, VariantParameter,
};

/// Variant names longer than this are shortened from the front (`addVariant`).
const MAX_VARIANT_LENGTH: usize = 64;

/// The PowerShell name of a path, query or header key: `user-id` → `UserId`,
/// `cloudPC-id` → `CloudPcId`.
pub fn parameter_name(serialized_name: &str) -> String {
    pascal_case(&camel_parameter_name(serialized_name))
}

/// All command variants of the module, operations taken in code-model order.
pub fn command_variants(
    operations: &[Operation],
    subject_prefix: &str,
) -> Result<Vec<CommandVariant>> {
    let mut taken = HashSet::new();
    let mut variants = Vec::new();
    let styled = styled_operation_names(operations);
    for (index, operation) in operations.iter().enumerate() {
        let commands =
            infer_commands(&operation.group, &styled[index]).ok_or_else(|| Error::Naming {
                location: format!("operation {}", operation.operation_id),
                message: "the operation name has no words to build a cmdlet name from".to_owned(),
            })?;
        for command in commands {
            add_variants(
                &mut variants,
                &mut taken,
                index,
                operation,
                &command,
                subject_prefix,
            );
        }
    }
    Ok(variants)
}

/// Operation names styled group by group (operations arrive grouped, in code-model order):
/// modelerfour keeps a name's repeated words when its shorter form is taken in the group.
fn styled_operation_names(operations: &[Operation]) -> Vec<String> {
    let mut styled = Vec::with_capacity(operations.len());
    for group in operations.chunk_by(|a, b| a.group == b.group) {
        let members: Vec<&str> = group.iter().map(|o| o.member.as_str()).collect();
        styled.extend(pascal_operation_names(&members));
    }
    styled
}

fn add_variants(
    variants: &mut Vec<CommandVariant>,
    taken: &mut HashSet<String>,
    index: usize,
    operation: &Operation,
    command: &InferredCommand,
    subject_prefix: &str,
) {
    let mut verb = command.verb.clone();
    if verb == "Update" && operation.method == HttpMethod::Put {
        verb = "Set".to_owned();
    }
    let base = shorten(&pascal_case_words(std::slice::from_ref(&command.action)));
    let object_body = operation.body.as_ref().is_some_and(|body| body.is_object);
    let has_path = !operation.path_parameters.is_empty();
    let via_identity = has_path && !command.action.eq_ignore_ascii_case("list");

    let mut shapes = vec![(false, false)];
    if object_body {
        shapes.push((false, true));
    }
    if via_identity {
        shapes.push((true, false));
        if object_body {
            shapes.push((true, true));
        }
    }
    for (identity, expanded) in shapes {
        let mut name = base.clone();
        if identity {
            name.push_str("ViaIdentity");
        }
        if expanded {
            name.push_str("Expanded");
        }
        let name = number(taken, &verb, &command.subject, name);
        variants.push(CommandVariant {
            verb: verb.clone(),
            subject_prefix: subject_prefix.to_owned(),
            subject: command.subject.clone(),
            variant: name,
            operation: index,
            via_identity: identity,
            expanded,
            parameters: parameters(operation, identity, expanded),
            aliases: Vec::new(),
            hidden: false,
        });
    }
}

/// While `verb-subject-variant` is taken, strip trailing digits and append 1, 2, …
fn number(taken: &mut HashSet<String>, verb: &str, subject: &str, variant: String) -> String {
    let key = |variant: &str| format!("{verb}-{subject}-{variant}");
    if taken.insert(key(&variant)) {
        return variant;
    }
    let stem = variant
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .to_owned();
    (1u32..)
        .map(|counter| format!("{stem}{counter}"))
        .find(|candidate| taken.insert(key(candidate)))
        .unwrap_or(variant)
}

/// Keeps variant names within the SDK's length limit by dropping leading characters at word
/// boundaries.
fn shorten(name: &str) -> String {
    if name.len() <= MAX_VARIANT_LENGTH {
        return name.to_owned();
    }
    let boundaries = name
        .char_indices()
        .filter(|(i, c)| *i > 0 && c.is_ascii_uppercase())
        .map(|(i, _)| i);
    for start in boundaries {
        if name.len() - start <= MAX_VARIANT_LENGTH - 4 {
            return name[start..].to_owned();
        }
    }
    let keep_from = name.len() - (MAX_VARIANT_LENGTH - 4);
    let start = (keep_from..name.len())
        .find(|&index| name.is_char_boundary(index))
        .unwrap_or(name.len());
    name[start..].to_owned()
}

fn parameters(operation: &Operation, via_identity: bool, expanded: bool) -> Vec<VariantParameter> {
    let mut list = Vec::new();
    let push = |list: &mut Vec<VariantParameter>, name: String, source, required| {
        // A later parameter whose name is taken gets a number, as the SDK's conflict resolver does.
        let mut unique = name.clone();
        let mut counter = 1;
        while list
            .iter()
            .any(|p: &VariantParameter| p.name.eq_ignore_ascii_case(&unique))
        {
            unique = format!("{name}{counter}");
            counter += 1;
        }
        list.push(VariantParameter {
            name: unique,
            aliases: Vec::new(),
            source,
            required,
        });
    };
    if via_identity {
        push(
            &mut list,
            "InputObject".to_owned(),
            ParameterSource::InputObject,
            true,
        );
    } else {
        for key in &operation.path_parameters {
            let source = ParameterSource::Path {
                serialized_name: key.serialized_name.clone(),
            };
            push(
                &mut list,
                parameter_name(&key.serialized_name),
                source,
                true,
            );
        }
    }
    for other in &operation.other_parameters {
        let serialized_name = other.serialized_name.clone();
        let source = match other.location {
            ParameterLocation::Query => ParameterSource::Query { serialized_name },
            ParameterLocation::Header => ParameterSource::Header { serialized_name },
        };
        push(
            &mut list,
            parameter_name(&other.serialized_name),
            source,
            other.required,
        );
    }
    if let Some(body) = &operation.body {
        if expanded {
            for property in &body.properties {
                let source = ParameterSource::BodyProperty {
                    json_name: property.json_name.clone(),
                };
                push(&mut list, pascal_case(&property.json_name), source, false);
            }
            if body.additional_properties {
                let source = ParameterSource::AdditionalProperties;
                push(&mut list, "AdditionalProperties".to_owned(), source, false);
            }
        } else {
            push(&mut list, "Body".to_owned(), ParameterSource::Body, true);
        }
    }
    list
}
