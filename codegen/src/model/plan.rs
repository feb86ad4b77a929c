//! How each cmdlet is called from Rust, decided before any token is written: which builders it
//! becomes, which path keys each one takes and where the `…ViaIdentity` sets find them, which
//! body parameters exist, and how a call tells its parameter set. The emitters only write this
//! down.

use super::command::ParameterSource;
use super::module::{Cmdlet, Module, ParameterSet};
use super::operation::{BodyProperty, Operation, ResponseShape, ValueType};
use crate::error::{Error, Result};

/// One builder: a cmdlet, or the part of it whose parameter sets call one operation.
#[derive(Debug, Clone)]
pub struct BuilderPlan {
    /// The cmdlet as this builder exposes it: only the sets calling [`Self::operation`]; no
    /// aliases unless it is the cmdlet's main builder.
    pub cmdlet: Cmdlet,
    /// Set when this is not the cmdlet's main builder: the first of its sets, which names its
    /// `Client` method (`stop_mg_beta_user_cloud_pc_power_off`).
    pub secondary_set: Option<String>,
    /// Index into `Module::operations`.
    pub operation: usize,
    /// The operation's path keys, in template order.
    pub path_keys: Vec<PathKey>,
    /// Some set is a `…ViaIdentity` set (`-InputObject`).
    pub input_object: bool,
    pub body: BodyPlan,
    /// `-PassThru`: the operation answers with no content.
    pub pass_thru: bool,
    pub set_choice: SetChoice,
}

/// A path key as the builder handles it.
#[derive(Debug, Clone)]
pub struct PathKey {
    /// The name in the template (`user-id`).
    pub serialized_name: String,
    /// The PowerShell parameter, as the directives left it (`UserId`).
    pub parameter: String,
    pub description: Option<String>,
    /// The identity property that carries it in the `…ViaIdentity` sets.
    pub identity_property: String,
}

/// The request-body parameters of a builder across its sets.
#[derive(Debug, Clone)]
pub struct BodyPlan {
    /// The operation takes a body.
    pub exists: bool,
    /// The body is required by the operation.
    pub required: bool,
    /// Some set is an `…Expanded` set.
    pub expanded: bool,
    /// Names of the whole-body parameter (`Body` in some sets, `BodyParameter` in others).
    pub whole: Vec<String>,
    /// Expanded properties: PowerShell name and schema.
    pub properties: Vec<(String, BodyProperty)>,
    /// `-AdditionalProperties`, when the body schema is open.
    pub additional: Option<String>,
    /// The media type of a body sent as bytes (not JSON: `application/octet-stream` uploads).
    pub raw_media_type: Option<String>,
}

impl BodyPlan {
    /// The body is sent as bytes rather than JSON.
    pub fn is_raw(&self) -> bool {
        self.raw_media_type.is_some()
    }

    /// Every body parameter name, for collision checks.
    pub fn parameter_names(&self) -> impl Iterator<Item = &String> {
        self.whole
            .iter()
            .chain(self.properties.iter().map(|(name, _)| name))
            .chain(self.additional.iter())
    }
}

/// How a call names its parameter set: by whether `-InputObject` was given, whether the whole
/// body was, or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetChoice {
    Fixed(String),
    ByIdentity {
        path: String,
        via_identity: String,
    },
    ByBody {
        whole: String,
        expanded: String,
    },
    ByBoth {
        path: String,
        path_expanded: String,
        via_identity: String,
        via_identity_expanded: String,
    },
}

impl BuilderPlan {
    pub fn operation<'m>(&self, module: &'m Module) -> &'m Operation {
        &module.operations[self.operation]
    }
}

/// The builders of one cmdlet. Most cmdlets call one operation; a cmdlet whose parameter sets
/// call several (`Stop-MgBetaUserCloudPc`: `powerOff` and `stop`) gets one builder per
/// operation, the one of the default set first.
pub fn builders(module: &Module, cmdlet: &Cmdlet) -> Result<Vec<BuilderPlan>> {
    let mut operations: Vec<usize> = Vec::new();
    for set in &cmdlet.parameter_sets {
        if !operations.contains(&set.operation) {
            operations.push(set.operation);
        }
    }
    let Some(&first) = operations.first() else {
        return Ok(Vec::new());
    };
    let primary = cmdlet
        .parameter_sets
        .iter()
        .find(|s| s.name == cmdlet.default_parameter_set)
        .map_or(first, |s| s.operation);
    operations.sort_by_key(|operation| *operation != primary);
    operations
        .into_iter()
        .map(|operation| {
            let mut part = cmdlet.clone();
            part.parameter_sets.retain(|s| s.operation == operation);
            let mut secondary_set = None;
            if operation != primary {
                part.aliases.clear();
                part.default_parameter_set = part.parameter_sets[0].name.clone();
                secondary_set = Some(part.parameter_sets[0].name.clone());
            }
            plan(module, part, secondary_set, operation)
        })
        .collect()
}

fn plan(
    module: &Module,
    cmdlet: Cmdlet,
    secondary_set: Option<String>,
    operation: usize,
) -> Result<BuilderPlan> {
    let op = &module.operations[operation];
    let path_keys = path_keys(module, &cmdlet, op)?;
    let body = body(&cmdlet, op);
    let input_object = cmdlet.parameter_sets.iter().any(|s| s.via_identity);
    let set_choice = set_choice(&cmdlet, &body);
    Ok(BuilderPlan {
        secondary_set,
        operation,
        path_keys,
        input_object,
        pass_thru: matches!(op.response, ResponseShape::NoContent),
        set_choice,
        body,
        cmdlet,
    })
}

fn path_keys(module: &Module, cmdlet: &Cmdlet, operation: &Operation) -> Result<Vec<PathKey>> {
    let path_set = cmdlet.parameter_sets.iter().find(|s| !s.via_identity);
    operation
        .path_parameters
        .iter()
        .map(|key| {
            let property = module
                .identity
                .properties
                .iter()
                .find(|p| p.path_keys.contains(&key.serialized_name))
                .ok_or_else(|| Error::Naming {
                    location: format!("operation {}", operation.operation_id),
                    message: format!(
                        "path key `{}` is missing from the identity type",
                        key.serialized_name
                    ),
                })?;
            let parameter = path_set
                .and_then(|set| {
                    set.parameters.iter().find(|p| {
                        matches!(&p.source, ParameterSource::Path { serialized_name } if *serialized_name == key.serialized_name)
                    })
                })
                .map_or_else(|| property.name.clone(), |p| p.name.clone());
            Ok(PathKey {
                serialized_name: key.serialized_name.clone(),
                parameter,
                description: key.description.clone(),
                identity_property: property.name.clone(),
            })
        })
        .collect()
}

fn body(cmdlet: &Cmdlet, operation: &Operation) -> BodyPlan {
    let mut plan = BodyPlan {
        exists: operation.body.is_some(),
        required: operation.body.as_ref().is_some_and(|b| b.required),
        expanded: cmdlet.parameter_sets.iter().any(|s| s.expanded),
        whole: Vec::new(),
        properties: Vec::new(),
        additional: None,
        raw_media_type: operation
            .body
            .as_ref()
            .and_then(|b| b.raw_media_type.clone()),
    };
    for parameter in cmdlet.parameter_sets.iter().flat_map(|s| &s.parameters) {
        match &parameter.source {
            ParameterSource::Body if !plan.whole.contains(&parameter.name) => {
                plan.whole.push(parameter.name.clone());
            }
            ParameterSource::BodyProperty { json_name } => {
                let known = plan
                    .properties
                    .iter()
                    .any(|(_, p)| p.json_name == *json_name);
                let property = operation
                    .body
                    .iter()
                    .flat_map(|b| &b.properties)
                    .find(|p| p.json_name == *json_name);
                if let (false, Some(property)) = (known, property) {
                    plan.properties
                        .push((parameter.name.clone(), property.clone()));
                }
            }
            ParameterSource::AdditionalProperties => plan.additional = Some(parameter.name.clone()),
            _ => {}
        }
    }
    plan
}

fn set_choice(cmdlet: &Cmdlet, body: &BodyPlan) -> SetChoice {
    let name = |identity: bool, expanded: bool| -> String {
        let find = |expanded: bool| {
            cmdlet
                .parameter_sets
                .iter()
                .find(|s| s.via_identity == identity && s.expanded == expanded)
        };
        find(expanded)
            .or_else(|| find(!expanded))
            .or_else(|| cmdlet.parameter_sets.first())
            .map(|s: &ParameterSet| s.name.clone())
            .unwrap_or_default()
    };
    let has_identity = cmdlet.parameter_sets.iter().any(|s| s.via_identity);
    let expands = body.expanded && body.exists;
    match (has_identity, expands) {
        (false, false) => SetChoice::Fixed(name(false, false)),
        (true, false) => SetChoice::ByIdentity {
            path: name(false, false),
            via_identity: name(true, false),
        },
        (false, true) => SetChoice::ByBody {
            whole: name(false, false),
            expanded: name(false, true),
        },
        (true, true) => SetChoice::ByBoth {
            path: name(false, false),
            path_expanded: name(false, true),
            via_identity: name(true, false),
            via_identity_expanded: name(true, true),
        },
    }
}

/// The type `Get-Help` shows for a parameter: `String`, `SwitchParameter`, `String[]`,
/// `IMicrosoftGraphAttendee`, … Path, query and header keys are strings.
pub fn powershell_type(module: &Module, source: &ParameterSource, operation: &Operation) -> String {
    match source {
        ParameterSource::InputObject => format!("I{}", module.identity.name),
        // The SDK's body interfaces are named after a hash of the path; a hashtable fits them.
        ParameterSource::Body => "IDictionary".to_owned(),
        ParameterSource::AdditionalProperties => "Hashtable".to_owned(),
        ParameterSource::BodyProperty { json_name } => operation
            .body
            .iter()
            .flat_map(|b| &b.properties)
            .find(|p| p.json_name == *json_name)
            .map_or_else(|| "Object".to_owned(), |p| value_type_name(&p.value_type)),
        ParameterSource::Path { .. }
        | ParameterSource::Query { .. }
        | ParameterSource::Header { .. } => "String".to_owned(),
    }
}

/// The type `Get-Help` names under OUTPUTS: `System.Boolean`, `System.String`,
/// `Microsoft.Graph.Beta.PowerShell.Models.IMicrosoftGraphMessage`. An operation without
/// content writes `true` with `-PassThru`; a collection is written one item at a time.
pub fn output_type(module: &Module, operation: &Operation) -> String {
    fn of(models: &str, value_type: &ValueType) -> String {
        match value_type {
            ValueType::String => "System.String".to_owned(),
            ValueType::Boolean => "System.Boolean".to_owned(),
            ValueType::Integer => "System.Int32".to_owned(),
            ValueType::Number => "System.Double".to_owned(),
            ValueType::Array(item) => of(models, item),
            ValueType::Object(Some(_)) => format!("{models}.{}", value_type_name(value_type)),
            ValueType::Object(None) => "System.Collections.Hashtable".to_owned(),
            ValueType::Any => "System.Object".to_owned(),
        }
    }
    let models = match module.subject_prefix.as_str() {
        "" => "Microsoft.Graph.PowerShell.Models".to_owned(),
        prefix => format!("Microsoft.Graph.{prefix}.PowerShell.Models"),
    };
    match &operation.response {
        ResponseShape::NoContent => "System.Boolean".to_owned(),
        ResponseShape::Binary => "System.Byte[]".to_owned(),
        ResponseShape::SingleValue { value_type, .. }
        | ResponseShape::Pageable {
            item_type: value_type,
        }
        | ResponseShape::Model(value_type) => of(&models, value_type),
    }
}

/// A switch is written without a value (`[-SendResponse]`).
pub fn is_switch(type_name: &str) -> bool {
    type_name == "SwitchParameter"
}

fn value_type_name(value_type: &ValueType) -> String {
    match value_type {
        ValueType::String => "String".to_owned(),
        ValueType::Boolean => "SwitchParameter".to_owned(),
        // The model does not keep `format`; Graph's integers are int32 unless marked int64.
        ValueType::Integer => "Int32".to_owned(),
        ValueType::Number => "Double".to_owned(),
        ValueType::Array(item) => {
            let item = match item.as_ref() {
                // An array of booleans is not a switch.
                ValueType::Boolean => "Boolean".to_owned(),
                other => value_type_name(other),
            };
            format!("{item}[]")
        }
        ValueType::Object(Some(name)) => {
            let pascal: String = name
                .split(['.', '_', '-'])
                .map(|part| {
                    let mut chars = part.chars();
                    chars.next().map_or_else(String::new, |first| {
                        first.to_uppercase().chain(chars).collect()
                    })
                })
                .collect();
            format!("I{pascal}")
        }
        ValueType::Object(None) => "Hashtable".to_owned(),
        ValueType::Any => "Object".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn powershell_types_of_body_properties() {
        assert_eq!(value_type_name(&ValueType::Boolean), "SwitchParameter");
        assert_eq!(
            value_type_name(&ValueType::Array(Box::new(ValueType::String))),
            "String[]"
        );
        assert_eq!(
            value_type_name(&ValueType::Array(Box::new(ValueType::Boolean))),
            "Boolean[]"
        );
        assert_eq!(
            value_type_name(&ValueType::Object(Some("microsoft.graph.attendee".into()))),
            "IMicrosoftGraphAttendee"
        );
        assert_eq!(value_type_name(&ValueType::Object(None)), "Hashtable");
    }
}
