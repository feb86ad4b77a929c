//! The API generated code calls, and nothing else does. Each generated cmdlet builder:
//!
//! 1. describes its HTTP operation once, as a `static` [`OperationInfo`];
//! 2. renders its path from the chosen parameter set with [`render_path`] (each value one
//!    percent-encoded segment), reading `-InputObject` keys through [`identity_value`] and
//!    reporting absent ones with [`missing_parameter`] or [`conflicting_parameters`], and appends
//!    its query parameters with [`append_query`] (array values joined by [`join_items`]);
//! 3. answers `-WhatIf` with [`preview`], and sends with [`execute`], which runs `-Confirm`,
//!    sign-in, retries and timeouts and turns every non-2xx answer into an [`Error`];
//! 4. decodes the 2xx answer with [`decode_single_value`], [`decode_json`] or [`collect_pages`],
//!    and wraps it for `-ResponseHeadersVariable` with [`into_response`];
//! 5. for pageable operations, also offers `send_stream()`, which hands the whole call to
//!    [`stream_pages`] and gives its [`ItemStream`].
//!
//! Identity types deserialize through [`deserialize_identity`]. A builder in a chosen parameter
//! set implements [`BatchItem`] by turning itself into a [`Prepared`] call for `Client::batch`.

pub use crate::batch::{BatchItem, Prepared};
pub use crate::catalog;
pub use crate::identity::deserialize_identity;
pub use crate::operation::{
    CommonParameters, ConfirmHook, OperationInfo, conflicting_parameters, identity_value,
    missing_parameter,
};
pub use crate::pages::{collect_pages, stream_pages};
pub use crate::path::render_path;
pub use crate::query::{append_query, join_items};
pub use crate::response::{
    RawResponse, decode_json, decode_model, decode_single_value, into_response,
};
pub use crate::set;
pub use crate::stream::ItemStream;
pub use crate::types;

use crate::{Client, Error, Preview};

/// Sends one operation: the `-Confirm` hook, headers, token, then the request under the
/// client's retry policy and timeouts. A non-2xx answer becomes an [`Error`]; a 2xx answer
/// comes back raw for the builder to decode.
pub async fn execute(
    client: &Client,
    op: &'static OperationInfo,
    parameter_set: &'static str,
    path: String,
    body: Option<serde_json::Value>,
    common: CommonParameters,
) -> Result<RawResponse, Error> {
    client.execute(op, parameter_set, path, body, common).await
}

/// [`execute`] for a body that is not JSON (`application/octet-stream` uploads): the bytes are
/// sent as given, with `content_type` unless `-Headers` set another `Content-Type`.
pub async fn execute_bytes(
    client: &Client,
    op: &'static OperationInfo,
    parameter_set: &'static str,
    path: String,
    body: Option<Vec<u8>>,
    content_type: &'static str,
    mut common: CommonParameters,
) -> Result<RawResponse, Error> {
    if body.is_some() && !common.has_header("content-type") {
        common.set_header("Content-Type", content_type.to_owned());
    }
    client
        .execute_bytes(op, parameter_set, path, body, common)
        .await
}

/// The `-WhatIf` preview of a call (cmdlet, parameter set, method, full URL); sends nothing.
pub fn preview(
    client: &Client,
    op: &'static OperationInfo,
    parameter_set: &'static str,
    path: &str,
) -> Preview {
    client.preview(op, parameter_set, path)
}

/// A typed body or body property as JSON. Generated models serialize to JSON without fail
/// (string keys only, no fallible `Serialize`); should a hand-written type fail, its error text
/// is sent in its place, so the service answers with an error instead of the value vanishing.
pub fn to_json<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value)
        .unwrap_or_else(|e| serde_json::Value::String(format!("unserializable value: {e}")))
}
