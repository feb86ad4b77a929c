//! One `POST {root}/{version}/$batch` attempt: headers, token, per-attempt timeout, bounded
//! body. Deciding what to do with the outcome is the engine's job.

use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderValue, USER_AGENT};
use secrecy::ExposeSecret;

use super::copy::chain;
use crate::auth::AccessToken;
use crate::client::Client;
use crate::error::Error;

/// A batch answer beyond this is refused: 20 small action answers fit many times over.
const MAX_BODY: usize = 16 * 1024 * 1024;

/// What one attempt came to.
pub(crate) enum Outcome {
    /// Graph answered (any status).
    Answer {
        status: u16,
        headers: HeaderMap,
        body: Vec<u8>,
        truncated: bool,
        token: AccessToken,
    },
    /// No connection was made: nothing reached Graph.
    NotSent(String),
    /// The exchange broke after the request may have reached Graph.
    Broken(String),
    /// No answer within the per-request timeout (the request may have reached Graph).
    TimedOut,
    /// No token.
    Token(Error),
}

/// Sends one batch body.
pub(crate) async fn post(
    client: &Client,
    version: &str,
    body: Vec<u8>,
    client_request_id: &str,
) -> Outcome {
    let inner = &client.inner;
    let token = match inner.token_provider.token().await {
        Ok(token) if !token.is_empty() => token,
        Ok(_) => {
            return Outcome::Token(Error::auth(
                "the token provider returned an empty token",
                false,
                None,
            ));
        }
        Err(error) => return Outcome::Token(error),
    };
    let Ok(mut authorization) =
        HeaderValue::from_str(&format!("Bearer {}", token.secret().expose_secret()))
    else {
        return Outcome::Token(Error::auth(
            "the access token has characters not allowed in an HTTP header",
            false,
            None,
        ));
    };
    authorization.set_sensitive(true);
    let url = format!("{}/{version}/$batch", inner.base_url);
    let mut request = inner
        .http
        .post(url)
        .header(ACCEPT, HeaderValue::from_static("application/json"))
        .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
        .header(USER_AGENT, inner.user_agent.clone())
        .header(AUTHORIZATION, authorization)
        .body(body);
    if let Ok(id) = HeaderValue::from_str(client_request_id) {
        request = request.header("client-request-id", id);
    }
    let exchange = crate::call::exchange_capped(request, MAX_BODY);
    match tokio::time::timeout(inner.request_timeout, exchange).await {
        Err(_) => Outcome::TimedOut,
        Ok(Err(error)) if error.is_connect() => Outcome::NotSent(chain(&error)),
        Ok(Err(error)) => Outcome::Broken(chain(&error)),
        Ok(Ok((status, headers, body, truncated))) => Outcome::Answer {
            status,
            headers,
            body,
            truncated,
            token,
        },
    }
}
