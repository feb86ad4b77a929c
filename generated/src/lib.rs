//! Microsoft Graph **Users.Actions** operations, exposed the way the Microsoft Graph PowerShell SDK
//! exposes them: one method per cmdlet (`Revoke-MgUserSignInSession` becomes
//! [`Client::revoke_mg_user_sign_in_session`](Client)), with the cmdlet's parameter sets, `-Headers`,
//! `-WhatIf`, `-Confirm` and `-ResponseHeadersVariable`.
//!
//! The per-cmdlet builders are generated from the specs in `spec/`; everything they share — sign-in,
//! national clouds, retries, timeouts, errors, tracing — is the hand-written runtime re-exported here.
//!
//! ```no_run
//! # async fn demo() -> Result<(), graph_users_actions::Error> {
//! use graph_users_actions::{Client, Environment};
//!
//! let client = Client::builder()
//!     .environment(Environment::Global)
//!     .client_credentials("contoso.onmicrosoft.com", "app-id", "app-secret")
//!     .build()?;
//! # let _ = client;
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod runtime;

pub use runtime::auth::{AccessToken, Clock, StaticToken, SystemClock, TokenProvider, TokenFuture};
pub use runtime::client::{Client, ClientBuilder};
pub use runtime::client_credentials::ClientCredentials;
pub use runtime::environment::Environment;
pub use runtime::error::{ApiError, Error, ErrorKind};
pub use runtime::response::{Preview, Response};
pub use runtime::retry::{RetryPolicy, SleepFn};

/// Header map type used by [`Response::headers`] and [`ApiError`] (re-exported from `reqwest`).
pub use reqwest::header::HeaderMap;

// Generated operation modules go here once `build.rs` writes them into OUT_DIR:
//     pub mod v1_0 { include!(concat!(env!("OUT_DIR"), "/v1_0.rs")); }
//     pub mod beta { include!(concat!(env!("OUT_DIR"), "/beta.rs")); }
// GENERATED-MODULES-MARKER

/// Runtime entry points for the generated code. Not a stable API: use the cmdlet methods instead.
#[doc(hidden)]
pub mod __private {
    pub use crate::runtime::operation::{
        CommonParameters, ConfirmHook, OperationInfo, conflicting_parameters, identity_value,
        missing_parameter,
    };
    pub use crate::runtime::path::render_path;
    pub use crate::runtime::response::{RawResponse, decode_json, decode_single_value, into_response};

    /// Typestate markers for a builder's parameter set (`-UserId` versus `-InputObject`).
    pub mod set {
        pub use crate::runtime::operation::set::*;
    }
}
