//! What every generated model struct offers: its `@odata.type`, and conversion to a derived
//! type when Graph sent one where the base type was declared.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::wire::{Fields, ObjectWriter, Out, Wire};

/// A generated model struct.
///
/// A derived type that arrives where its base is declared (an `attendee` in a list of
/// `attendeeBase`) deserializes as the base; the properties only the derived type declares,
/// and its `@odata.type`, stay in the additional properties, so nothing is lost and
/// [`downcast`](Model::downcast) gives the derived type back.
pub trait Model: Fields + Wire + Serialize + DeserializeOwned {
    /// `#microsoft.graph.attendee`: the `@odata.type` Graph writes for this type.
    const ODATA_TYPE: &'static str;
    /// The `@odata.type` of every type derived from this one (through any number of
    /// allOf steps) that the module uses.
    const DERIVED: &'static [&'static str];

    /// The `@odata.type` annotation Graph sent, if any (`#microsoft.graph.attendee`): a
    /// property the type declares, or one kept in its additional properties.
    fn odata_type(&self) -> Option<&str> {
        let mut out = ObjectWriter::default();
        self.write_fields(&mut out);
        let (_, value) = out
            .entries()
            .iter()
            .find(|(key, _)| *key == "@odata.type")?;
        match value.to_out() {
            Out::Str(text) => Some(text),
            Out::Json(Value::String(text)) => Some(text),
            _ => None,
        }
    }

    /// Whether the value is a `T`: its `@odata.type` is `T`'s or one derived from `T`.
    fn is<T: Model>(&self) -> bool {
        self.odata_type().is_some_and(|sent| {
            let sent = sent.trim_start_matches('#');
            same_type(sent, T::ODATA_TYPE) || T::DERIVED.iter().any(|d| same_type(sent, d))
        })
    }

    /// The value as a `T` when [`is::<T>()`](Model::is) holds, `Ok(None)` otherwise; an error
    /// when the properties do not fit `T`.
    fn downcast<T: Model>(&self) -> Result<Option<T>, serde_json::Error> {
        if !self.is::<T>() {
            return Ok(None);
        }
        let value = serde_json::to_value(self)?;
        T::from_json(value)
            .map(Some)
            .map_err(serde::de::Error::custom)
    }
}

fn same_type(sent: &str, known: &str) -> bool {
    sent.eq_ignore_ascii_case(known.trim_start_matches('#'))
}
