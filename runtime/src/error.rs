//! The one error type every call returns, its matchable kind, and a Display a person can act on.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use reqwest::header::HeaderMap;

/// Boxed error source kept for `std::error::Error::source`.
pub(crate) type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// What went wrong, for `match`. Details are on [`Error`]'s accessors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The request could not be sent or its response not read (DNS, TCP, TLS, reset connection).
    Transport,
    /// The per-request timeout (on the last attempt) or the overall timeout of the call ran out.
    Timeout,
    /// Graph answered with a non-2xx status that is not retried: see [`Error::api`].
    Api,
    /// Graph kept answering 429, 503 or 504 until the retry policy gave up: see
    /// [`Error::retry_after`] for when Graph asked to be called again.
    Throttled,
    /// No access token could be obtained (client-credentials refused, token endpoint unreachable,
    /// token unusable as a header).
    Auth,
    /// A `-InputObject` identity lacks a property the operation needs: see [`Error::property`].
    MissingIdentityProperty,
    /// The `-Confirm` hook declined; nothing was sent.
    ConfirmationDeclined,
    /// A parameter is missing or unusable (empty id, `.`/`..`, conflicting parameter sets, bad
    /// header, bad URL); nothing was sent.
    InvalidArgument,
    /// Graph answered 2xx but the body could not be decoded: see [`Error::raw_body`].
    UnexpectedResponse,
    /// A paged answer collected by `send()` passed the client's cap on items or bytes
    /// ([`ClientBuilder::max_collected_items`](crate::ClientBuilder::max_collected_items),
    /// [`max_collected_bytes`](crate::ClientBuilder::max_collected_bytes)) or 1000 pages;
    /// `send_stream()` takes such answers item by item without those caps (it stops only after
    /// 100 pages in a row without an item).
    LimitExceeded,
}

/// Facts of one HTTP response from Graph: status, the parsed Graph error (if the body was one), the
/// correlation ids, the headers and the raw body, kept byte for byte.
#[derive(Clone)]
#[non_exhaustive]
pub struct ApiError {
    /// HTTP status code.
    pub status: u16,
    /// Graph `error.code`, e.g. `Authorization_RequestDenied`.
    pub code: Option<String>,
    /// Graph `error.message`.
    pub message: Option<String>,
    /// `error.innerError["request-id"]`, else the `request-id` response header.
    pub request_id: Option<String>,
    /// `error.innerError["client-request-id"]`, else the header, else the id this client sent.
    pub client_request_id: Option<String>,
    /// `error.innerError.date`, else the `Date` response header.
    pub date: Option<String>,
    /// The `Retry-After` the response carried, as a wait.
    pub retry_after: Option<Duration>,
    /// All response headers.
    pub headers: HeaderMap,
    /// The response body exactly as received (may be empty, JSON, HTML or anything else).
    pub body: Vec<u8>,
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("code", &self.code)
            .field("message", &self.message)
            .field("request_id", &self.request_id)
            .field("client_request_id", &self.client_request_id)
            .field("date", &self.date)
            .field("retry_after", &self.retry_after)
            .field("headers", &self.headers)
            .field("body", &snippet(&self.body, 512))
            .finish()
    }
}

/// Which timeout ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimeoutScope {
    /// One attempt exceeded `request_timeout`.
    Request,
    /// The whole call, retries and pages included, exceeded `overall_timeout`.
    Overall,
    /// One request, its retries and waits included, exceeded the retry policy's time budget.
    RetryBudget,
}

/// The error of every operation: one type, not generic. Match on [`Error::kind`].
pub struct Error {
    repr: Box<Repr>,
}

#[derive(Debug)]
pub(crate) enum Repr {
    Transport {
        cmdlet: &'static str,
        source: reqwest::Error,
        attempts: u32,
        client_request_id: String,
    },
    /// A transport failure shared by many calls (one `$batch` request carried them all), kept
    /// as text because the underlying error cannot be copied.
    TransportShared {
        cmdlet: &'static str,
        detail: String,
        attempts: u32,
        client_request_id: String,
    },
    Timeout {
        cmdlet: &'static str,
        scope: TimeoutScope,
        after: Duration,
        attempts: u32,
        client_request_id: String,
    },
    Api {
        cmdlet: &'static str,
        least_privileged: &'static [&'static str],
        api: ApiError,
        attempts: u32,
    },
    Throttled {
        cmdlet: &'static str,
        api: ApiError,
        attempts: u32,
        gave_up_because: &'static str,
    },
    Auth {
        message: String,
        retryable: bool,
        source: Option<BoxError>,
    },
    MissingIdentityProperty {
        property: &'static str,
    },
    ConfirmationDeclined {
        cmdlet: &'static str,
    },
    InvalidArgument {
        message: String,
    },
    UnexpectedResponse {
        cmdlet: &'static str,
        detail: String,
        api: ApiError,
    },
    LimitExceeded {
        cmdlet: &'static str,
        detail: String,
    },
}

impl Error {
    pub(crate) fn from_repr(repr: Repr) -> Self {
        Error {
            repr: Box::new(repr),
        }
    }

    pub(crate) fn repr(&self) -> &Repr {
        &self.repr
    }

    pub(crate) fn invalid_argument(message: impl Into<String>) -> Self {
        Error::from_repr(Repr::InvalidArgument {
            message: message.into(),
        })
    }

    pub(crate) fn auth(
        message: impl Into<String>,
        retryable: bool,
        source: Option<BoxError>,
    ) -> Self {
        Error::from_repr(Repr::Auth {
            message: message.into(),
            retryable,
            source,
        })
    }

    /// What went wrong, for `match`.
    pub fn kind(&self) -> ErrorKind {
        match &*self.repr {
            Repr::Transport { .. } | Repr::TransportShared { .. } => ErrorKind::Transport,
            Repr::Timeout { .. } => ErrorKind::Timeout,
            Repr::Api { .. } => ErrorKind::Api,
            Repr::Throttled { .. } => ErrorKind::Throttled,
            Repr::Auth { .. } => ErrorKind::Auth,
            Repr::MissingIdentityProperty { .. } => ErrorKind::MissingIdentityProperty,
            Repr::ConfirmationDeclined { .. } => ErrorKind::ConfirmationDeclined,
            Repr::InvalidArgument { .. } => ErrorKind::InvalidArgument,
            Repr::UnexpectedResponse { .. } => ErrorKind::UnexpectedResponse,
            Repr::LimitExceeded { .. } => ErrorKind::LimitExceeded,
        }
    }

    /// The HTTP status of the (last) response, when there was one.
    pub fn status(&self) -> Option<u16> {
        self.response().map(|api| api.status)
    }

    /// Whether calling again later may succeed: transport failures, timeouts, throttling, and
    /// token-endpoint outages. Always `false` for mistakes in the call itself.
    pub fn is_retryable(&self) -> bool {
        match &*self.repr {
            Repr::Transport { .. }
            | Repr::TransportShared { .. }
            | Repr::Timeout { .. }
            | Repr::Throttled { .. } => true,
            Repr::Auth { retryable, .. } => *retryable,
            Repr::Api { api, .. } => matches!(api.status, 429 | 503 | 504),
            _ => false,
        }
    }

    /// The `client-request-id` sent with the call (the same on every retry), to quote to
    /// Microsoft support. `None` when the call failed before anything was sent.
    pub fn client_request_id(&self) -> Option<&str> {
        match &*self.repr {
            Repr::Transport {
                client_request_id, ..
            }
            | Repr::TransportShared {
                client_request_id, ..
            }
            | Repr::Timeout {
                client_request_id, ..
            } => Some(client_request_id),
            _ => self
                .response()
                .and_then(|api| api.client_request_id.as_deref()),
        }
    }

    /// Graph's `request-id` of the (last) response.
    pub fn request_id(&self) -> Option<&str> {
        self.response().and_then(|api| api.request_id.as_deref())
    }

    /// The `date` Graph reported with the error (innerError, else the `Date` header).
    pub fn date(&self) -> Option<&str> {
        self.response().and_then(|api| api.date.as_deref())
    }

    /// Graph `error.code`, when the body was a Graph error.
    pub fn code(&self) -> Option<&str> {
        self.response().and_then(|api| api.code.as_deref())
    }

    /// Graph `error.message`, when the body was a Graph error.
    pub fn message(&self) -> Option<&str> {
        self.response().and_then(|api| api.message.as_deref())
    }

    /// The raw body of the (last) response, exactly as received.
    pub fn raw_body(&self) -> Option<&[u8]> {
        self.response().map(|api| api.body.as_slice())
    }

    /// The last `Retry-After` Graph sent, as a wait (set for [`ErrorKind::Throttled`]).
    pub fn retry_after(&self) -> Option<Duration> {
        self.response().and_then(|api| api.retry_after)
    }

    /// The response facts for [`ErrorKind::Api`] and [`ErrorKind::Throttled`].
    pub fn api(&self) -> Option<&ApiError> {
        match &*self.repr {
            Repr::Api { api, .. } | Repr::Throttled { api, .. } => Some(api),
            _ => None,
        }
    }

    /// How many HTTP attempts were made, for errors that come from sending.
    pub fn attempts(&self) -> Option<u32> {
        match &*self.repr {
            Repr::Transport { attempts, .. }
            | Repr::TransportShared { attempts, .. }
            | Repr::Timeout { attempts, .. }
            | Repr::Api { attempts, .. }
            | Repr::Throttled { attempts, .. } => Some(*attempts),
            _ => None,
        }
    }

    /// The identity property that was missing, for [`ErrorKind::MissingIdentityProperty`].
    pub fn property(&self) -> Option<&'static str> {
        match &*self.repr {
            Repr::MissingIdentityProperty { property } => Some(property),
            _ => None,
        }
    }

    /// The cmdlet the error belongs to, when known.
    pub fn cmdlet(&self) -> Option<&'static str> {
        match &*self.repr {
            Repr::Transport { cmdlet, .. }
            | Repr::TransportShared { cmdlet, .. }
            | Repr::Timeout { cmdlet, .. }
            | Repr::Api { cmdlet, .. }
            | Repr::Throttled { cmdlet, .. }
            | Repr::ConfirmationDeclined { cmdlet }
            | Repr::UnexpectedResponse { cmdlet, .. }
            | Repr::LimitExceeded { cmdlet, .. } => Some(cmdlet),
            _ => None,
        }
    }

    fn response(&self) -> Option<&ApiError> {
        match &*self.repr {
            Repr::Api { api, .. }
            | Repr::Throttled { api, .. }
            | Repr::UnexpectedResponse { api, .. } => Some(api),
            _ => None,
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Nothing in `Repr` holds a secret: tokens never enter an error.
        fmt::Debug::fmt(&self.repr, f)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.repr {
            Repr::Transport {
                cmdlet,
                source,
                attempts,
                client_request_id,
            } => {
                write!(f, "{cmdlet}: could not reach Microsoft Graph: {source}")?;
                let mut cause = source.source();
                while let Some(inner) = cause {
                    write!(f, ": {inner}")?;
                    cause = inner.source();
                }
                write!(
                    f,
                    " ({}; client-request-id: {client_request_id})",
                    attempts_text(*attempts)
                )
            }
            Repr::TransportShared {
                cmdlet,
                detail,
                attempts,
                client_request_id,
            } => write!(
                f,
                "{cmdlet}: could not reach Microsoft Graph: {detail} ({}; client-request-id: {client_request_id})",
                attempts_text(*attempts)
            ),
            Repr::Timeout {
                cmdlet,
                scope,
                after,
                attempts,
                client_request_id,
            } => {
                let what = match scope {
                    TimeoutScope::Request => "no response within the per-request timeout",
                    TimeoutScope::Overall => "the call did not finish within the overall timeout",
                    TimeoutScope::RetryBudget => {
                        "the request did not finish within the retry policy's time budget"
                    }
                };
                write!(
                    f,
                    "{cmdlet}: timed out: {what} of {after:?} ({}; client-request-id: {client_request_id})",
                    attempts_text(*attempts)
                )
            }
            Repr::Api {
                cmdlet,
                least_privileged,
                api,
                attempts: _,
            } => {
                write!(f, "{cmdlet} failed: ")?;
                write_status_and_graph_error(f, api)?;
                write_hint(f, api.status, least_privileged)?;
                write_ids(f, api)
            }
            Repr::Throttled {
                cmdlet,
                api,
                attempts,
                gave_up_because,
            } => {
                write!(f, "{cmdlet} throttled: ")?;
                write_status_and_graph_error(f, api)?;
                write!(
                    f,
                    "; gave up after {} ({gave_up_because})",
                    attempts_text(*attempts)
                )?;
                match api.retry_after {
                    Some(wait) => write!(f, "; last Retry-After: {}", seconds_text(wait))?,
                    None => write!(f, "; no Retry-After was sent")?,
                }
                write!(f, "; call again later or raise the retry policy's limits")?;
                write_ids(f, api)
            }
            Repr::Auth { message, .. } => write!(f, "authentication failed: {message}"),
            Repr::MissingIdentityProperty { property } => {
                write!(f, "InputObject has null value for InputObject.{property}")
            }
            Repr::ConfirmationDeclined { cmdlet } => write!(
                f,
                "{cmdlet}: the confirmation hook declined the operation; nothing was sent"
            ),
            Repr::InvalidArgument { message } => f.write_str(message),
            Repr::LimitExceeded { cmdlet, detail } => write!(f, "{cmdlet}: {detail}"),
            Repr::UnexpectedResponse {
                cmdlet,
                detail,
                api,
            } => {
                write!(
                    f,
                    "{cmdlet}: HTTP {} response could not be decoded: {detail}",
                    api.status
                )?;
                if !api.body.is_empty() {
                    write!(f, "; body: {:?}", snippet(&api.body, 200))?;
                }
                write_ids(f, api)
            }
        }
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match &*self.repr {
            Repr::Transport { source, .. } => Some(source),
            Repr::Auth {
                source: Some(source),
                ..
            } => Some(source.as_ref()),
            _ => None,
        }
    }
}

fn attempts_text(attempts: u32) -> String {
    if attempts == 1 {
        "1 attempt".to_owned()
    } else {
        format!("{attempts} attempts")
    }
}

fn seconds_text(wait: Duration) -> String {
    format!("{}s", wait.as_secs_f64())
}

fn write_status_and_graph_error(f: &mut fmt::Formatter<'_>, api: &ApiError) -> fmt::Result {
    write!(f, "HTTP {}", api.status)?;
    if let Some(reason) = reqwest::StatusCode::from_u16(api.status)
        .ok()
        .and_then(|s| s.canonical_reason())
    {
        write!(f, " {reason}")?;
    }
    match (&api.code, &api.message) {
        (Some(code), Some(message)) => write!(f, ": {code}: {message}"),
        (Some(code), None) => write!(f, ": {code}"),
        (None, Some(message)) => write!(f, ": {message}"),
        (None, None) if api.body.is_empty() => write!(f, " (empty body)"),
        (None, None) => write!(
            f,
            ": body is not a Graph error: {:?}",
            snippet(&api.body, 200)
        ),
    }
}

fn write_hint(f: &mut fmt::Formatter<'_>, status: u16, least_privileged: &[&str]) -> fmt::Result {
    match status {
        401 => write!(
            f,
            "; the access token was missing, expired, or issued for another cloud or audience"
        ),
        403 => {
            let mut names: Vec<&str> = Vec::new();
            for name in least_privileged {
                if !names.contains(name) {
                    names.push(name);
                }
            }
            match names.as_slice() {
                [] => write!(f, "; the caller lacks a permission this operation needs"),
                [one] => write!(
                    f,
                    "; this operation needs the least-privileged permission {one} \
                     (granted to the app, or to the signed-in user, with admin consent)"
                ),
                many => write!(
                    f,
                    "; this operation needs one of the least-privileged permissions {} \
                     (granted to the app, or to the signed-in user, with admin consent)",
                    many.join(", ")
                ),
            }
        }
        404 => write!(f, "; check the ids in the request: no such resource"),
        _ => Ok(()),
    }
}

fn write_ids(f: &mut fmt::Formatter<'_>, api: &ApiError) -> fmt::Result {
    let parts: Vec<String> = [
        ("request-id", &api.request_id),
        ("client-request-id", &api.client_request_id),
        ("date", &api.date),
    ]
    .into_iter()
    .filter_map(|(name, value)| value.as_ref().map(|v| format!("{name}: {v}")))
    .collect();
    if parts.is_empty() {
        Ok(())
    } else {
        write!(f, " ({})", parts.join(", "))
    }
}

/// A printable excerpt of a body: lossy UTF-8, whitespace collapsed, cut at `max` characters.
pub(crate) fn snippet(body: &[u8], max: usize) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out = String::new();
    let mut count = 0;
    let mut last_space = false;
    for ch in text.chars() {
        let ch = if ch.is_whitespace() || ch.is_control() {
            ' '
        } else {
            ch
        };
        if ch == ' ' && last_space {
            continue;
        }
        last_space = ch == ' ';
        if count == max {
            out.push('…');
            break;
        }
        out.push(ch);
        count += 1;
    }
    out.trim().to_owned()
}
