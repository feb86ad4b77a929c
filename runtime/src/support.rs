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
//!
//! A tool that has only the [`catalog`] (the `mg` command line) builds the same calls with
//! [`render_path`], [`append_query`], [`identity_value`], [`preview`], [`execute`] and
//! [`execute_bytes`].

pub use crate::batch::{BatchItem, Prepared};
pub use crate::catalog;
pub use crate::cmdlet::{
    Answer, Batched, Body, BodyKind, BodyParameter, Call, CmdletOp, Identity, Operation,
    OptionParameter, Paged, ParameterSets, PathKey, Sending, TakesIdentity, identity, prepare,
    prepare_as, send, send_with_headers, stream, what_if,
};
pub use crate::identity::deserialize_identity;
pub use crate::operation::{CommonParameters, ConfirmHook, OperationInfo};
pub use crate::pages::collect_pages;
pub use crate::query::join_items;
pub use crate::response::{RawResponse, decode_json, decode_model, decode_single_value};
pub use crate::set;
pub use crate::stream::ItemStream;
pub use crate::types;

use crate::{Client, Error, Preview};

/// A typed body or body property as JSON. Generated models serialize to JSON without fail
/// (string keys only, no fallible `Serialize`); should a hand-written type fail, its error text
/// is sent in its place, so the service answers with an error instead of the value vanishing.
pub fn to_json<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value)
        .unwrap_or_else(|e| serde_json::Value::String(format!("unserializable value: {e}")))
}

// Calls assembled from the catalog (`mg`): a tool that has no builder, only the catalog's
// `OperationInfo`, renders, previews and sends through the same code as the builders.

/// Renders an operation's path: each `(template name, label, value)` becomes one
/// percent-encoded segment; `label` (`-UserId`, `InputObject.UserId`) names a refused value.
pub fn render_path(op: &OperationInfo, values: &[(&str, &str, &str)]) -> Result<String, Error> {
    crate::path::render_path(op, values)
}

pub use crate::query::append_query;

/// Reads a key the operation needs from `-InputObject`; `None` fails as PowerShell does
/// (`InputObject has null value for InputObject.<property>`).
pub fn identity_value<'a>(
    value: Option<&'a str>,
    property: &'static str,
) -> Result<&'a str, Error> {
    value.ok_or_else(|| {
        crate::error::Error::from_repr(crate::error::Repr::MissingIdentityProperty { property })
    })
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

/// Sends one operation: the `-Confirm` hook, headers, token, then the request under the
/// client's retry policy and timeouts. A non-2xx answer becomes an [`Error`]; a 2xx answer
/// comes back raw.
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

/// [`execute`] for a body that is not JSON: the bytes are sent as given, with `content_type`
/// unless `-Headers` set another `Content-Type`.
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
