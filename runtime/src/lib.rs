//! The runtime every generated Microsoft Graph cmdlet client calls: the [`Client`] and its
//! builder (service root, credentials, national clouds, retries, timeouts), sign-in, the
//! [`Error`] type, the `-WhatIf` [`Preview`] and the `-ResponseHeadersVariable` [`Response`].
//!
//! Users do not depend on this crate directly: a generated crate (such as `graph-users-actions`)
//! re-exports what they need and adds one method per cmdlet. Generated code reaches the runtime
//! only through [`support`], a small API documented for that purpose.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod auth;
mod batch;
mod call;
mod client;
mod client_credentials;
mod cmdlet;
mod environment;
mod error;
mod graph_error;
mod identity;
mod operation;
mod pages;
mod path;
mod query;
mod redact;
mod response;
mod retry;
mod stream;
mod url_check;

pub use auth::{AccessToken, Clock, StaticToken, SystemClock, TokenFuture, TokenProvider};
pub use batch::{Batch, BatchItem, BatchPreview, MAX_BATCH_SIZE, Progress};
pub use client::{Client, ClientBuilder};
pub use client_credentials::ClientCredentials;
pub use environment::Environment;
pub use error::{ApiError, Error, ErrorKind};
pub use response::{Preview, Response};
pub use retry::RetryPolicy;
pub use stream::ItemStream;

/// The HTTP client type accepted by [`ClientBuilder::http_client`] (re-exported from `reqwest`).
pub use reqwest;
/// Header map type used by [`Response::headers`] and [`ApiError`] (re-exported from `reqwest`).
pub use reqwest::header::HeaderMap;

pub mod catalog;
pub mod support;
pub mod types;

/// The parameter-set states of the cmdlet builders. A builder starts [`Unselected`](set::Unselected);
/// a path-key setter such as `.user_id(..)` moves it to [`Path`](set::Path), `.input_object(..)` to
/// [`ViaIdentity`](set::ViaIdentity). `send()` and `what_if()` exist only in [`Chosen`](set::Chosen)
/// states, so a call that names no parameter set does not compile.
pub mod set {
    pub use crate::operation::set::*;
}
