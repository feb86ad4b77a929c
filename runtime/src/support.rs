//! The API generated code calls, and nothing else does. Each generated cmdlet builder:
//!
//! 1. describes its cmdlet once, as a `static` [`Operation`]: the HTTP operation
//!    ([`OperationInfo`]), its path keys, parameter-set names, query and header parameters and
//!    body parameter;
//! 2. in a chosen parameter set, lends what it collected as a [`Call`], with the [`Answer`]
//!    that decodes the 2xx response the way the cmdlet writes it;
//! 3. hands that call to [`what_if`], [`send`], [`send_with_headers`], [`stream`] (pageable
//!    operations) or [`prepare`] (its [`BatchItem`] impl). These render the path (each value one
//!    percent-encoded segment, `-InputObject` keys read through [`Identity`]), append the query
//!    (array values joined by [`join_items`]), check the parameters, and then preview or send:
//!    `-Confirm`, sign-in, retries and timeouts, every non-2xx answer an [`Error`].
//!
//! They are generic over the answer type only, so each is compiled once per output type, not
//! once per cmdlet. Identity types deserialize through [`deserialize_identity`]; typed bodies
//! become JSON through [`to_json`].

pub use crate::batch::{BatchItem, Prepared};
pub use crate::catalog;
pub use crate::cmdlet::{
    Answer, Body, BodyParameter, Call, Identity, Operation, OptionParameter, ParameterSets,
    PathKey, Sending, identity, prepare, prepare_as, send, send_with_headers, stream, what_if,
};
pub use crate::identity::deserialize_identity;
pub use crate::operation::{CommonParameters, ConfirmHook, OperationInfo};
pub use crate::pages::collect_pages;
pub use crate::query::join_items;
pub use crate::response::{RawResponse, decode_json, decode_model, decode_single_value};
pub use crate::set;
pub use crate::stream::ItemStream;
pub use crate::types;

/// A typed body or body property as JSON. Generated models serialize to JSON without fail
/// (string keys only, no fallible `Serialize`); should a hand-written type fail, its error text
/// is sent in its place, so the service answers with an error instead of the value vanishing.
pub fn to_json<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value)
        .unwrap_or_else(|e| serde_json::Value::String(format!("unserializable value: {e}")))
}
