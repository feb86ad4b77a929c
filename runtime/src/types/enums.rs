//! Graph enums: members as text on the wire, unknown members kept (Graph adds members, such
//! as `unknownFutureValue`), flag enums as comma-separated members.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::wire::{FieldError, Out, Wire};

/// A generated enum: a member per declared value plus `Undeclared(String)`, which keeps any
/// other text (the empty string included) so it goes back to Graph unchanged.
pub trait GraphEnum: for<'a> From<&'a str> {
    /// The member as Graph writes it.
    fn as_str(&self) -> &str;
}

/// `Serialize` for a [`GraphEnum`]: its text.
pub fn serialize_enum<E: GraphEnum, S: Serializer>(
    value: &E,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.as_str())
}

/// `Deserialize` for a [`GraphEnum`]: any string; text it does not declare becomes
/// `Undeclared`.
pub fn deserialize_enum<'de, E: GraphEnum, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<E, D::Error> {
    let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
    Ok(E::from(&text))
}

/// A flag enum's value: the members, written `"a,b"` (any spaces after the commas are dropped
/// when read). The empty string is the empty set.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Flags<E>(pub Vec<E>);

impl<E> Default for Flags<E> {
    fn default() -> Self {
        Flags(Vec::new())
    }
}

impl<E: GraphEnum> Flags<E> {
    /// Whether `member` is one of the flags.
    pub fn contains(&self, member: &E) -> bool {
        self.0.iter().any(|m| m.as_str() == member.as_str())
    }
}

impl<E: GraphEnum> fmt::Display for Flags<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, member) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str(",")?;
            }
            f.write_str(member.as_str())?;
        }
        Ok(())
    }
}

impl<E: GraphEnum> From<&str> for Flags<E> {
    fn from(text: &str) -> Self {
        if text.trim().is_empty() {
            return Flags(Vec::new());
        }
        Flags(
            text.split(',')
                .map(|member| E::from(member.trim()))
                .collect(),
        )
    }
}

impl<E: GraphEnum> Serialize for Flags<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de, E: GraphEnum> Deserialize<'de> for Flags<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Ok(Flags::from(text.as_ref()))
    }
}

impl<E: GraphEnum> Wire for Flags<E> {
    fn from_json(value: Value) -> Result<Self, FieldError> {
        match value {
            Value::String(text) => Ok(Flags::from(text.as_str())),
            other => Err(FieldError::expected(
                "a string of comma-separated members",
                &other,
            )),
        }
    }

    fn to_out(&self) -> Out<'_> {
        Out::Text(self.to_string())
    }
}
