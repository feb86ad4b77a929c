//! Reading an identity (`-InputObject`) from any serde format the way PowerShell's identity
//! converter reads a hashtable or object: property names in any case, and properties the
//! identity type does not have ignored, so a pasted full identity or an exported object (a user
//! with `displayName`, `mail`, nested objects, …) binds by the keys it does carry.

use std::fmt;

use serde::de::{Deserializer, Error as _, IgnoredAny, MapAccess, Visitor};

/// Deserializes a map of `property → string or null` into one slot per name of `properties`,
/// in that order. Matching ignores ASCII case; other properties are skipped whatever their
/// value. A known property given twice (in any case) is an error, as in a PowerShell hashtable.
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
                map.next_value::<IgnoredAny>()?;
                continue;
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

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: &[&str] = &["UserId", "EventId"];

    fn read(json: &str) -> Result<Vec<Option<String>>, String> {
        let mut de = serde_json::Deserializer::from_str(json);
        deserialize_identity(&mut de, KEYS).map_err(|e| e.to_string())
    }

    #[test]
    fn keys_in_any_case_and_unknown_properties_skipped() {
        let exported = r#"{"id":"1","displayName":"Bob","USERID":"bob@contoso.com",
            "manager":{"id":"2"},"proxyAddresses":["a","b"],"accountEnabled":true,"eventId":null}"#;
        assert_eq!(
            read(exported),
            Ok(vec![Some("bob@contoso.com".into()), None])
        );
        assert_eq!(read("{}"), Ok(vec![None, None]));
    }

    #[test]
    fn a_key_twice_or_of_the_wrong_type_is_refused() {
        let twice = read(r#"{"UserId":"a","userid":"b"}"#)
            .err()
            .unwrap_or_default();
        assert!(twice.contains("`UserId` given twice"), "{twice}");
        assert!(read(r#"{"UserId":{"x":1}}"#).is_err());
        assert!(read(r#"["UserId"]"#).is_err());
    }
}
