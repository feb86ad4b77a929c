//! Values Graph writes as text (date-times with up to seven fractional digits, dates, times of
//! day, ISO 8601 durations, uuids, base64 bytes): kept as sent, parsed on request.

use std::fmt;

use base64::Engine;
use serde_json::Value;

use super::wire::{FieldError, Out, Wire};

macro_rules! text_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The text as Graph sent it (or as it will be sent).
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                $name(text)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                $name(text.to_owned())
            }
        }

        impl Wire for $name {
            fn from_json(value: Value) -> Result<Self, FieldError> {
                String::from_json(value).map($name)
            }

            fn to_out(&self) -> Out<'_> {
                Out::Str(&self.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

text_type!(
    /// An `Edm.DateTimeOffset`: `2026-03-01T09:30:00.1234567Z`.
    DateTime
);
text_type!(
    /// An `Edm.Date`: `2026-03-01`.
    Date
);
text_type!(
    /// An `Edm.TimeOfDay`: `09:30:00.0000000`.
    TimeOfDay
);
text_type!(
    /// An `Edm.Duration` in ISO 8601: `PT1H30M`, `P2DT3H`, `-PT0.5S`.
    Duration
);
text_type!(
    /// An `Edm.Guid`: `4e4d8a16-0c3f-4b4d-9a9e-0d1a2b3c4d5e`.
    Uuid
);
text_type!(
    /// An `Edm.Binary`: base64 (or base64url) text.
    Bytes
);

impl DateTime {
    /// RFC 3339, any number of fractional digits.
    pub fn parse(&self) -> Result<chrono::DateTime<chrono::FixedOffset>, chrono::ParseError> {
        chrono::DateTime::parse_from_rfc3339(self.0.trim())
    }
}

impl From<chrono::DateTime<chrono::Utc>> for DateTime {
    /// Written with seven fractional digits and `Z`, as Graph writes them.
    fn from(value: chrono::DateTime<chrono::Utc>) -> Self {
        DateTime(value.format("%Y-%m-%dT%H:%M:%S%.7fZ").to_string())
    }
}

impl Date {
    /// `YYYY-MM-DD`.
    pub fn parse(&self) -> Result<chrono::NaiveDate, chrono::ParseError> {
        chrono::NaiveDate::parse_from_str(self.0.trim(), "%Y-%m-%d")
    }
}

impl TimeOfDay {
    /// `HH:MM:SS` with optional fractional seconds.
    pub fn parse(&self) -> Result<chrono::NaiveTime, chrono::ParseError> {
        chrono::NaiveTime::parse_from_str(self.0.trim(), "%H:%M:%S%.f")
    }
}

impl Uuid {
    /// Any form the `uuid` crate reads (hyphenated, simple, braced, urn).
    pub fn parse(&self) -> Result<uuid::Uuid, uuid::Error> {
        uuid::Uuid::parse_str(self.0.trim())
    }
}

impl Bytes {
    /// Decodes standard or URL-safe base64, padded or not.
    pub fn decode(&self) -> Result<Vec<u8>, base64::DecodeError> {
        use base64::engine::general_purpose::{
            STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD,
        };
        let text = self.0.trim();
        STANDARD
            .decode(text)
            .or_else(|_| STANDARD_NO_PAD.decode(text))
            .or_else(|_| URL_SAFE.decode(text))
            .or_else(|_| URL_SAFE_NO_PAD.decode(text))
    }

    /// Standard base64 of `bytes`.
    pub fn encode(bytes: &[u8]) -> Self {
        Bytes(base64::engine::general_purpose::STANDARD.encode(bytes))
    }
}

impl Duration {
    /// Days, hours, minutes and (fractional) seconds of `[-]P[nD][T[nH][nM][n[.f]S]]` as a
    /// signed count of seconds; years, months and weeks have no fixed length and are refused.
    pub fn seconds(&self) -> Option<f64> {
        let text = self.0.trim();
        let (sign, text) = match text.strip_prefix('-') {
            Some(rest) => (-1.0, rest),
            None => (1.0, text.strip_prefix('+').unwrap_or(text)),
        };
        let text = text.strip_prefix('P')?;
        let (date, time) = match text.split_once('T') {
            Some((date, time)) if !time.is_empty() => (date, Some(time)),
            Some(_) => return None,
            None => (text, None),
        };
        let mut total = 0.0;
        let mut parts = 0;
        for (part, units) in [
            (Some(date), &[('D', 86_400.0)][..]),
            (time, &[('H', 3_600.0), ('M', 60.0), ('S', 1.0)][..]),
        ] {
            let Some(mut rest) = part else { continue };
            for (unit, seconds) in units {
                if let Some(end) = rest.find(*unit) {
                    let number: f64 = rest[..end]
                        .parse()
                        .ok()
                        .filter(|n: &f64| n.is_finite() && *n >= 0.0)?;
                    total += number * seconds;
                    rest = &rest[end + 1..];
                    parts += 1;
                }
            }
            if !rest.is_empty() {
                return None;
            }
        }
        (parts > 0).then_some(sign * total)
    }
}
