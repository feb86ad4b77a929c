//! Copies of an error, for the several items one failure answers (repeats of a call, or every
//! call of a batch that failed as a whole). `Error` is not `Clone`: a transport error's source
//! cannot be copied, so copies keep its text.

use crate::error::{Error, Repr};

/// An error equal to `error` in kind and facts.
pub(crate) fn duplicate(error: &Error) -> Error {
    let repr = match error.repr() {
        Repr::Transport {
            cmdlet,
            source,
            attempts,
            client_request_id,
        } => Repr::TransportShared {
            cmdlet,
            detail: chain(source),
            attempts: *attempts,
            client_request_id: client_request_id.clone(),
        },
        Repr::TransportShared {
            cmdlet,
            detail,
            attempts,
            client_request_id,
        } => Repr::TransportShared {
            cmdlet,
            detail: detail.clone(),
            attempts: *attempts,
            client_request_id: client_request_id.clone(),
        },
        Repr::Timeout {
            cmdlet,
            scope,
            after,
            attempts,
            client_request_id,
        } => Repr::Timeout {
            cmdlet,
            scope: *scope,
            after: *after,
            attempts: *attempts,
            client_request_id: client_request_id.clone(),
        },
        Repr::Api {
            cmdlet,
            least_privileged,
            api,
            attempts,
        } => Repr::Api {
            cmdlet,
            least_privileged,
            api: api.clone(),
            attempts: *attempts,
        },
        Repr::Throttled {
            cmdlet,
            api,
            attempts,
            gave_up_because,
        } => Repr::Throttled {
            cmdlet,
            api: api.clone(),
            attempts: *attempts,
            gave_up_because,
        },
        Repr::Auth {
            message,
            retryable,
            source,
        } => Repr::Auth {
            message: match source {
                Some(source) => format!("{message}: {source}"),
                None => message.clone(),
            },
            retryable: *retryable,
            source: None,
        },
        Repr::MissingIdentityProperty { property } => Repr::MissingIdentityProperty { property },
        Repr::ConfirmationDeclined { cmdlet } => Repr::ConfirmationDeclined { cmdlet },
        Repr::InvalidArgument { message } => Repr::InvalidArgument {
            message: message.clone(),
        },
        Repr::UnexpectedResponse {
            cmdlet,
            detail,
            api,
        } => Repr::UnexpectedResponse {
            cmdlet,
            detail: detail.clone(),
            api: api.clone(),
        },
        Repr::LimitExceeded { cmdlet, detail } => Repr::LimitExceeded {
            cmdlet,
            detail: detail.clone(),
        },
    };
    Error::from_repr(repr)
}

/// The error and its causes on one line (reqwest errors never carry the token: it travels as
/// a sensitive header, not in any message).
pub(crate) fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        cause = inner.source();
    }
    text
}
