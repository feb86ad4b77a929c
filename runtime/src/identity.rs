//! Reading an identity (`-InputObject`) from any serde format the way PowerShell reads a
//! hashtable: property names in any case, unknown names refused with the list of known ones.

use std::fmt;

use serde::de::{Deserializer, Error as _, MapAccess, Visitor};

/// Deserializes a map of `property → string or null` into one slot per name of `properties`,
/// in that order. Matching ignores ASCII case.
pub fn deserialize_identity<'de, D: Deserializer<'de>>(
    deserializer: D,
    properties: &'static [&'static str],
) -> Result<Vec<Option<String>>, D::Error> {
    deserializer.deserialize_map(IdentityVisitor { properties })
}

struct IdentityVisitor {
    properties: &'static [&'static str],
}

impl<'de> Visitor<'de> for IdentityVisitor {
    type Value = Vec<Option<String>>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "a map with any of the keys {}",
            self.properties.join(", ")
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut values = vec![None; self.properties.len()];
        while let Some(key) = map.next_key::<String>()? {
            let Some(slot) = self
                .properties
                .iter()
                .position(|name| name.eq_ignore_ascii_case(&key))
            else {
                return Err(A::Error::custom(format!(
                    "unknown identity property `{key}`; expected one of {}",
                    self.properties.join(", ")
                )));
            };
            if values[slot].is_some() {
                return Err(A::Error::custom(format!(
                    "identity property `{}` given twice",
                    self.properties[slot]
                )));
            }
            values[slot] = map.next_value::<Option<String>>()?;
        }
        Ok(values)
    }
}
