//! Graph's doubles and decimals: a JSON number, or text (`"INF"`, `"-INF"`, `"NaN"`, or a
//! number the service wrote as a string), kept exactly as sent.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::wire::{FieldError, Out, Wire};

/// A double as Graph sends it. `From<f64>` writes finite values as numbers and infinities and
/// NaN as Graph's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Double {
    /// A JSON number (an integer stays an integer).
    Number(serde_json::Number),
    /// A string: `"INF"`, `"-INF"`, `"NaN"`, or a number in text.
    Text(String),
}

/// Graph's `decimal`: the same representation as [`Double`] (a number beyond `f64`'s
/// precision is rounded when read, as `serde_json` reads numbers).
pub type Decimal = Double;

impl Default for Double {
    fn default() -> Self {
        Double::Number(0.into())
    }
}

impl Double {
    /// The value as an `f64`: `"INF"` is infinity, `"-INF"` negative infinity, `"NaN"` NaN;
    /// `None` for text that is none of these nor a number.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Double::Number(number) => number.as_f64(),
            Double::Text(text) => match text.trim() {
                "INF" => Some(f64::INFINITY),
                "-INF" => Some(f64::NEG_INFINITY),
                "NaN" => Some(f64::NAN),
                other => other.parse().ok(),
            },
        }
    }
}

impl From<f64> for Double {
    fn from(value: f64) -> Self {
        match serde_json::Number::from_f64(value) {
            Some(number) => Double::Number(number),
            None if value.is_nan() => Double::Text("NaN".to_owned()),
            None if value > 0.0 => Double::Text("INF".to_owned()),
            None => Double::Text("-INF".to_owned()),
        }
    }
}

impl From<i64> for Double {
    fn from(value: i64) -> Self {
        Double::Number(value.into())
    }
}

impl fmt::Display for Double {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Double::Number(number) => number.fmt(f),
            Double::Text(text) => f.write_str(text),
        }
    }
}

impl Wire for Double {
    fn from_json(value: Value) -> Result<Self, FieldError> {
        match value {
            Value::Number(number) => Ok(Double::Number(number)),
            Value::String(text) => Ok(Double::Text(text)),
            other => Err(FieldError::expected("a number or a string", &other)),
        }
    }

    fn to_out(&self) -> Out<'_> {
        match self {
            Double::Number(number) => Out::Number(number),
            Double::Text(text) => Out::Str(text),
        }
    }
}
