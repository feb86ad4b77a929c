//! The value types of generated models, and the traits their code implements.
//!
//! Models keep what Graph sent: every model has a map of the properties the spec does not
//! declare (annotations such as `@odata.type` and `@odata.context` included), enums keep a
//! member they do not know as text, doubles keep `"INF"`, `"-INF"` and `"NaN"`, and dates,
//! times, durations, uuids and bytes keep their text, with accessors that parse it (see the
//! README for why text rather than `chrono` values: Graph writes up to seven fractional
//! digits and its own offsets, which typed values would not give back as sent).

mod enums;
mod model;
mod number;
mod text;

pub use enums::{Flags, GraphEnum, deserialize_enum, serialize_enum};
pub use model::Model;
pub use number::{Decimal, Double};
pub use text::{Bytes, Date, DateTime, Duration, TimeOfDay, Uuid};
