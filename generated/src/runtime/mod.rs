//! The hand-written runtime shared by every generated cmdlet: one module per concern.

pub(crate) mod auth;
pub(crate) mod call;
pub(crate) mod client;
pub(crate) mod client_credentials;
pub(crate) mod environment;
pub(crate) mod error;
pub(crate) mod graph_error;
pub(crate) mod operation;
pub(crate) mod pages;
pub(crate) mod path;
pub(crate) mod response;
pub(crate) mod retry;
pub(crate) mod url_check;
