//! The module's identity type (`I<ServiceName>Identity`): every distinct path key of the
//! operations left after `remove-path-by-operation`, first occurrence wins.

use super::style::camel_parameter_name;
use super::variants::parameter_name;
use super::words::pascal_case;
use crate::model::{IdentityProperty, IdentityType, Operation};

/// `Users.Actions` → `UsersActionsIdentity`.
pub fn identity_type_name(service_name: &str) -> String {
    format!("{}Identity", pascal_case(service_name))
}

/// Walks `operations` in code-model order; keys are compared by camelCase name, ignoring case,
/// so `event-id` and `eventId` are one property.
pub fn identity_type(service_name: &str, operations: &[Operation]) -> IdentityType {
    let mut seen: Vec<String> = Vec::new();
    let mut properties = Vec::new();
    for key in operations.iter().flat_map(|o| &o.path_parameters) {
        let camel = camel_parameter_name(&key.serialized_name).to_lowercase();
        if let Some(index) = seen.iter().position(|known| *known == camel) {
            let property: &mut IdentityProperty = &mut properties[index];
            if !property.path_keys.contains(&key.serialized_name) {
                property.path_keys.push(key.serialized_name.clone());
            }
            continue;
        }
        seen.push(camel);
        properties.push(IdentityProperty {
            name: parameter_name(&key.serialized_name),
            serialized_name: key.serialized_name.clone(),
            description: key.description.clone(),
            path_keys: vec![key.serialized_name.clone()],
        });
    }
    IdentityType {
        name: identity_type_name(service_name),
        properties,
    }
}
