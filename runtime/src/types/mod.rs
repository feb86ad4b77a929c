//! The value types of generated models, and the traits their code implements.
//!
//! Models keep what Graph sent: every model has a map of the properties the spec does not
//! declare (annotations such as `@odata.type` and `@odata.context` included), enums keep a
//! member they do not know as text, doubles keep `"INF"`, `"-INF"` and `"NaN"`, and dates,
//! times, durations, uuids and bytes keep their text, with accessors that parse it (see the
//! README for why text rather than `chrono` values: Graph writes up to seven fractional
//! digits and its own offsets, which typed values would not give back as sent).

mod by_wire;
mod enums;
mod model;
mod number;
#[cfg(test)]
mod test_slot;
mod text;
mod wire;

pub use by_wire::{debug_fields, same_fields};
pub use enums::{Flags, GraphEnum, deserialize_enum, serialize_enum};
pub use model::Model;
pub use number::{Decimal, Double};
pub use text::{Bytes, Date, DateTime, Duration, TimeOfDay, Uuid};
pub use wire::{
    FieldError, Fields, ObjectReader, ObjectWriter, Out, Wire, WireList, deserialize, read_enum,
    read_object, serialize,
};

#[doc(hidden)]
pub use crate::{__serde_impls, enum_impls, model_impls};

/// What the impl macros name, so generated code needs no serde of its own.
#[doc(hidden)]
pub mod __private {
    pub use serde::{Deserialize, Deserializer, Serialize, Serializer};
    pub use serde_json::Value;
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, Clone, PartialEq)]
    enum Scope {
        Internal,
        External,
        Undeclared(String),
    }

    impl GraphEnum for Scope {
        fn as_str(&self) -> &str {
            match self {
                Scope::Internal => "internal",
                Scope::External => "external",
                Scope::Undeclared(text) => text,
            }
        }
    }

    impl From<&str> for Scope {
        fn from(text: &str) -> Self {
            match text {
                "internal" => Scope::Internal,
                "external" => Scope::External,
                other => Scope::Undeclared(other.to_owned()),
            }
        }
    }

    #[test]
    fn flags_read_and_write_comma_separated_members() {
        let flags: Flags<Scope> =
            serde_json::from_value(json!("internal, external,later")).unwrap();
        assert_eq!(
            flags.0,
            [
                Scope::Internal,
                Scope::External,
                Scope::Undeclared("later".into())
            ]
        );
        assert!(flags.contains(&Scope::External));
        assert_eq!(
            serde_json::to_value(&flags).unwrap(),
            "internal,external,later"
        );
        let empty: Flags<Scope> = serde_json::from_value(json!("")).unwrap();
        assert!(empty.0.is_empty());
        assert_eq!(serde_json::to_value(&empty).unwrap(), "");
    }

    #[test]
    fn durations_give_seconds_and_refuse_calendar_units() {
        let seconds = |text: &str| Duration::from(text).seconds();
        assert_eq!(seconds("PT1H30M"), Some(5400.0));
        assert_eq!(seconds("P2DT0.5S"), Some(172_800.5));
        assert_eq!(seconds("-PT10M"), Some(-600.0));
        assert_eq!(seconds("P1Y"), None);
        assert_eq!(seconds("PT"), None);
        assert_eq!(seconds("1H"), None);
        assert_eq!(seconds("P"), None);
    }

    #[test]
    fn text_values_keep_their_text_and_parse_on_request() {
        let sent = json!("2026-03-01T09:30:00.1234567Z");
        let value: DateTime = serde_json::from_value(sent.clone()).unwrap();
        assert_eq!(serde_json::to_value(&value).unwrap(), sent);
        assert_eq!(value.parse().unwrap().timestamp_subsec_nanos(), 123_456_700);
        assert!(DateTime::from("yesterday").parse().is_err());
        assert_eq!(
            Date::from("2026-02-28").parse().unwrap().to_string(),
            "2026-02-28"
        );
        assert!(TimeOfDay::from("09:30:00.0000000").parse().is_ok());
        assert!(
            Uuid::from("4E4D8A16-0C3F-4B4D-9A9E-0D1A2B3C4D5E")
                .parse()
                .is_ok()
        );
        assert_eq!(Bytes::from("aGk").decode().unwrap(), b"hi");
        assert_eq!(Bytes::encode(b"hi").as_str(), "aGk=");
    }

    #[test]
    fn doubles_from_f64_use_graphs_texts_for_non_finite_values() {
        assert_eq!(
            serde_json::to_value(Double::from(f64::INFINITY)).unwrap(),
            "INF"
        );
        assert_eq!(serde_json::to_value(Double::from(f64::NAN)).unwrap(), "NaN");
        assert_eq!(serde_json::to_value(Double::from(1.5)).unwrap(), 1.5);
        assert_eq!(Double::Text("nonsense".into()).as_f64(), None);
    }
}
