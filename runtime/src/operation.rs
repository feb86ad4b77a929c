//! What the generated code tells the runtime about an operation (`OperationInfo`), the per-call
//! PowerShell common parameters (`-Headers`, `-Confirm`), the parameter-set typestate markers, and
//! the argument errors the generated builders raise.

use std::fmt;
use std::sync::{Arc, OnceLock};

use tokio::time::Instant;

use crate::error::Error;
use crate::response::Preview;

/// Static facts about one cmdlet's HTTP operation, written by the generator as a `static`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationInfo {
    /// The PowerShell cmdlet name, e.g. `Revoke-MgUserSignInSession`.
    pub cmdlet: &'static str,
    /// The HTTP method, upper case, e.g. `POST`.
    pub method: &'static str,
    /// `v1.0` or `beta`: the path segment after the service root.
    pub api_version: &'static str,
    /// The path template after the version, with `{serialized-name}` placeholders.
    pub path_template: &'static str,
    /// The least-privileged permissions, named in the Display of a 403 error.
    pub least_privileged: &'static [&'static str],
    /// Sending the request twice does no harm (re-revoking sessions). Only then is a request
    /// sent again after it may have been applied: after a 504, a timeout or a connection lost
    /// once the request was written. A connection that was never made, a 429 and a 503 are
    /// retried either way: the request was not processed.
    pub repeatable: bool,
}

/// The `-Confirm` hook: sees the preview of the request, returns whether to send it.
pub type ConfirmHook = Arc<dyn Fn(&Preview) -> bool + Send + Sync>;

/// PowerShell's common parameters for one call: `-Headers` and `-Confirm`.
#[derive(Default, Clone)]
pub struct CommonParameters {
    headers: Vec<(String, String)>,
    confirm: Option<ConfirmHook>,
    /// When the call's first request went out. Clones share it, so the later pages of a call
    /// count against the same overall timeout.
    started: Arc<OnceLock<Instant>>,
}

impl CommonParameters {
    /// Adds a request header (`-Headers`); it replaces a runtime default of the same name, such as
    /// `client-request-id`. Invalid names or values fail the call before anything is sent.
    pub fn add_header(&mut self, name: String, value: String) {
        self.headers.push((name, value));
    }

    /// Sets a header parameter of the operation (`-ConsistencyLevel`, `-IfMatch`): like
    /// [`add_header`](Self::add_header), but a second call replaces the first value.
    pub fn set_header(&mut self, name: &str, value: String) {
        self.headers
            .retain(|(existing, _)| !existing.eq_ignore_ascii_case(name));
        self.headers.push((name.to_owned(), value));
    }

    /// Whether a header of this name was given (case-insensitive).
    pub fn has_header(&self, name: &str) -> bool {
        self.headers
            .iter()
            .any(|(existing, _)| existing.eq_ignore_ascii_case(name))
    }

    /// Sets the `-Confirm` hook; a declined confirmation sends nothing.
    pub fn set_confirm(&mut self, hook: ConfirmHook) {
        self.confirm = Some(hook);
    }

    pub(crate) fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    pub(crate) fn confirm(&self) -> Option<&ConfirmHook> {
        self.confirm.as_ref()
    }

    /// The start of the call: now, on its first request.
    pub(crate) fn call_started(&self) -> Instant {
        *self.started.get_or_init(Instant::now)
    }
}

impl fmt::Debug for CommonParameters {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let shown = if looks_sensitive(name) {
                    "[REDACTED]"
                } else {
                    value.as_str()
                };
                (name.as_str(), shown)
            })
            .collect();
        f.debug_struct("CommonParameters")
            .field("headers", &headers)
            .field("confirm", &self.confirm.as_ref().map(|_| "<hook>"))
            .finish()
    }
}

/// Header names whose values are never printed.
pub(crate) fn looks_sensitive(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    ["auth", "cookie", "token", "secret", "key", "signature"]
        .iter()
        .any(|word| name.contains(word))
}

/// Typestate markers: a builder starts `Unselected`, `.user_id(..)` moves it to `Path`,
/// `.input_object(..)` to `ViaIdentity`; `send()` exists only on `Chosen` sets.
pub mod set {
    /// No parameter set chosen yet.
    #[derive(Debug, Clone, Copy, Default)]
    pub struct Unselected;
    /// The path-parameter set (`-UserId …`).
    #[derive(Debug, Clone, Copy, Default)]
    pub struct Path;
    /// The identity set (`-InputObject …`).
    #[derive(Debug, Clone, Copy, Default)]
    pub struct ViaIdentity;

    /// Sets in which path keys (`.user_id(..)`) may still be given.
    pub trait AcceptsPathKeys {}
    impl AcceptsPathKeys for Unselected {}
    impl AcceptsPathKeys for Path {}

    /// Sets complete enough to send.
    pub trait Chosen {}
    impl Chosen for Path {}
    impl Chosen for ViaIdentity {}
}

/// A required parameter was not given: `"<cmdlet>: missing required parameter -<Name>"`.
pub fn missing_parameter(op: &OperationInfo, parameter: &'static str) -> Error {
    Error::invalid_argument(format!(
        "{}: missing required parameter -{parameter}",
        op.cmdlet
    ))
}
