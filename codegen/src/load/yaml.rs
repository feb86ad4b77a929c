//! Reading YAML values the way AutoRest's JavaScript reads the parsed configuration:
//! truthiness, scalars as strings, tags ignored.

use serde_yaml::Value;

pub(crate) fn key_text(key: &Value) -> String {
    scalar_text(key).unwrap_or_else(|| kind(key).to_owned())
}

pub(crate) fn untag(value: &Value) -> &Value {
    match value {
        Value::Tagged(tagged) => untag(&tagged.value),
        other => other,
    }
}

pub(crate) fn kind(value: &Value) -> &'static str {
    match untag(value) {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

/// JavaScript truthiness of an optional YAML value.
pub(crate) fn truthy(value: Option<&Value>) -> bool {
    match value.map(untag) {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0 && !f.is_nan()),
        Some(Value::String(s)) => !s.is_empty(),
        Some(_) => true,
    }
}

/// A scalar as JS would stringify it; None for null and collections.
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    match untag(value) {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}
