//! Turning the text of a command-line value into what goes on the wire, by the parameter's
//! [`ValueKind`]: numbers, booleans (`$true`, `true`), arrays (JSON or `a,b,c`), objects as JSON
//! (also from `@file`, `-` for stdin, or a hashtable literal), identities for `-InputObject`.

use std::io::Read;

use mg_runtime::catalog::{Identity, Parameter, ParameterSource, Scalar, ValueKind};
use serde_json::{Map, Value};

use super::args::parse_hashtable;

/// A converted value.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// JSON (path keys and query values are JSON strings, numbers, booleans or arrays).
    Json(Value),
    /// The bytes of a body that is not JSON.
    Bytes(Vec<u8>),
}

/// Converts `text` for `param`; errors say which parameter and what was expected.
pub fn convert(param: &Parameter, text: &str) -> Result<Arg, String> {
    let bad = |why: String| format!("cannot bind parameter '{}': {why}", param.name);
    if param.value == ValueKind::Bytes {
        return read_source(text).map(Arg::Bytes).map_err(bad);
    }
    let takes_documents = matches!(
        param.source,
        ParameterSource::Body
            | ParameterSource::AdditionalProperties
            | ParameterSource::InputObject
    ) || matches!(param.value, ValueKind::Object | ValueKind::Any);
    if takes_documents {
        let value = document(text).map_err(bad)?;
        let is_object_param = param.source == ParameterSource::InputObject
            || param.source == ParameterSource::AdditionalProperties
            || param.value == ValueKind::Object;
        if is_object_param && !value.is_object() {
            return Err(bad(format!(
                "expected a JSON object ({{\"name\": …}}), got {}",
                shape(&value)
            )));
        }
        return Ok(Arg::Json(value));
    }
    kind_value(param.value, text).map(Arg::Json).map_err(bad)
}

/// A JSON document given as text, `@file`, `-` (stdin) or a hashtable literal. Text that is not
/// JSON is taken as a JSON string, as PowerShell passes a bare word.
fn document(text: &str) -> Result<Value, String> {
    let trimmed = text.trim_start();
    if trimmed.starts_with("@{") {
        let entries = parse_hashtable(trimmed)?;
        let map: Map<String, Value> = entries
            .into_iter()
            .map(|(k, v)| (k, powershell_scalar(&v)))
            .collect();
        return Ok(Value::Object(map));
    }
    let (raw, from) = if text == "-" || text.starts_with('@') {
        let bytes = read_source(text)?;
        let what = if text == "-" {
            "stdin".to_owned()
        } else {
            format!("file {:?}", &text[1..])
        };
        (
            String::from_utf8(bytes).map_err(|_| format!("{what} is not UTF-8 text"))?,
            Some(what),
        )
    } else {
        (text.to_owned(), None)
    };
    let looks_json = raw.trim_start().starts_with(['{', '[', '"']);
    match serde_json::from_str::<Value>(&raw) {
        Ok(value) => Ok(value),
        Err(e) if looks_json || from.is_some() => Err(format!(
            "{} is not valid JSON: {e}",
            from.unwrap_or_else(|| "the value".to_owned())
        )),
        Err(_) => Ok(Value::String(raw)),
    }
}

/// Reads `@file` or `-` (stdin); other text is its own bytes.
fn read_source(text: &str) -> Result<Vec<u8>, String> {
    if text == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("could not read stdin: {e}"))?;
        return Ok(bytes);
    }
    match text.strip_prefix('@') {
        Some(path) => std::fs::read(path).map_err(|e| format!("could not read {path:?}: {e}")),
        None => Ok(text.as_bytes().to_vec()),
    }
}

/// `$true`, `$false`, `$null` as PowerShell reads them; anything else stays text.
fn powershell_scalar(text: &str) -> Value {
    match text.to_ascii_lowercase().as_str() {
        "$true" => Value::Bool(true),
        "$false" => Value::Bool(false),
        "$null" => Value::Null,
        _ => Value::String(text.to_owned()),
    }
}

fn kind_value(kind: ValueKind, text: &str) -> Result<Value, String> {
    match kind {
        ValueKind::String => Ok(Value::String(text.to_owned())),
        ValueKind::Boolean => scalar(Scalar::Boolean, text),
        ValueKind::Integer => scalar(Scalar::Integer, text),
        ValueKind::Number => scalar(Scalar::Number, text),
        ValueKind::Array(item) => {
            if text.trim_start().starts_with('[') {
                let value: Value = serde_json::from_str(text)
                    .map_err(|e| format!("{text:?} is not a JSON array: {e}"))?;
                return Ok(value);
            }
            if text.is_empty() {
                return Ok(Value::Array(Vec::new()));
            }
            text.split(',')
                .map(|part| scalar(item, part.trim()))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array)
        }
        ValueKind::Object | ValueKind::Any => document(text),
        ValueKind::Bytes => Ok(Value::String(text.to_owned())),
    }
}

fn scalar(item: Scalar, text: &str) -> Result<Value, String> {
    match item {
        Scalar::String => Ok(Value::String(text.to_owned())),
        Scalar::Boolean => match text.trim().to_ascii_lowercase().as_str() {
            "$true" | "true" | "1" => Ok(Value::Bool(true)),
            "$false" | "false" | "0" => Ok(Value::Bool(false)),
            _ => Err(format!("{text:?} is not a boolean: use $true or $false")),
        },
        Scalar::Integer => text
            .trim()
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| format!("{text:?} is not a whole number")),
        Scalar::Number => serde_json::from_str::<serde_json::Number>(text.trim())
            .map(Value::Number)
            .map_err(|_| format!("{text:?} is not a number")),
        Scalar::Object | Scalar::Any => document(text),
    }
}

fn shape(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Reads an identity object as PowerShell's converter does: keys in any case, keys the identity
/// type does not have ignored (a pasted user object carries many), values as text. The result
/// has one slot per key of `identity`, in its order.
pub fn identity(identity: &Identity, value: &Value) -> Result<Vec<Option<String>>, String> {
    let Value::Object(map) = value else {
        return Err(format!(
            "-InputObject: expected a JSON object with keys such as {}, got {}",
            key_list(identity),
            shape(value)
        ));
    };
    let mut slots: Vec<Option<String>> = vec![None; identity.keys.len()];
    for (key, value) in map {
        let Some(slot) = identity
            .keys
            .iter()
            .position(|k| k.name.eq_ignore_ascii_case(key))
        else {
            continue;
        };
        let text = match value {
            Value::Null => continue,
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            other => {
                return Err(format!(
                    "-InputObject: {} must be text, got {}",
                    identity.keys[slot].name,
                    shape(other)
                ));
            }
        };
        if slots[slot].is_some() {
            return Err(format!(
                "-InputObject: {} is given twice (keys are case-insensitive)",
                identity.keys[slot].name
            ));
        }
        slots[slot] = Some(text);
    }
    Ok(slots)
}

/// `UserId, EventId, …` for messages.
pub fn key_list(identity: &Identity) -> String {
    let names: Vec<&str> = identity.keys.iter().map(|k| k.name).collect();
    names.join(", ")
}

/// The text a path key, query or header value is sent as.
pub fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mg_runtime::catalog::IdentityKey;

    fn param(value: ValueKind, source: ParameterSource) -> Parameter {
        Parameter {
            name: "P",
            aliases: &[],
            type_name: "",
            description: "",
            source,
            value,
            pipeline_by_value: false,
            pipeline_by_property_name: false,
        }
    }

    const PROP: ParameterSource = ParameterSource::BodyProperty { json_name: "p" };

    #[test]
    fn scalars_arrays_and_objects() {
        let cases: [(ValueKind, &str, Value); 8] = [
            (ValueKind::Boolean, "$true", Value::Bool(true)),
            (ValueKind::Boolean, "False", Value::Bool(false)),
            (ValueKind::Integer, "42", Value::from(42)),
            (ValueKind::Number, "1.5", serde_json::json!(1.5)),
            (
                ValueKind::Array(Scalar::String),
                "a, b",
                serde_json::json!(["a", "b"]),
            ),
            (
                ValueKind::Array(Scalar::Integer),
                "[1,2]",
                serde_json::json!([1, 2]),
            ),
            (ValueKind::Object, r#"{"a":1}"#, serde_json::json!({"a": 1})),
            (
                ValueKind::Object,
                "@{ a = $true; b = x }",
                serde_json::json!({"a": true, "b": "x"}),
            ),
        ];
        for (kind, text, want) in cases {
            assert_eq!(
                convert(&param(kind, PROP), text),
                Ok(Arg::Json(want)),
                "{text}"
            );
        }
        let err = convert(&param(ValueKind::Integer, PROP), "ten")
            .err()
            .unwrap_or_default();
        assert!(err.contains("'P'") && err.contains("whole number"), "{err}");
        let err = convert(&param(ValueKind::Object, PROP), "{oops")
            .err()
            .unwrap_or_default();
        assert!(err.contains("not valid JSON"), "{err}");
        let err = convert(&param(ValueKind::Object, PROP), "[1]")
            .err()
            .unwrap_or_default();
        assert!(err.contains("an array"), "{err}");
    }

    #[test]
    fn identity_ignores_unknown_keys_and_case() {
        static KEYS: [IdentityKey; 2] = [
            IdentityKey {
                name: "UserId",
                serialized_name: "user-id",
                description: "",
            },
            IdentityKey {
                name: "EventId",
                serialized_name: "event-id",
                description: "",
            },
        ];
        let identity = Identity {
            name: "IUsersActionsIdentity",
            keys: &KEYS,
        };
        let value = serde_json::json!({"userid": "a", "displayName": "A", "nested": {"x": 1}});
        assert_eq!(
            identity_slots(&identity, &value),
            Ok(vec![Some("a".into()), None])
        );
        let twice = serde_json::json!({"userid": "a", "UserId": "b"});
        assert!(identity_slots(&identity, &twice).is_err());
    }

    fn identity_slots(id: &Identity, value: &Value) -> Result<Vec<Option<String>>, String> {
        identity(id, value)
    }
}
