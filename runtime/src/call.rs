//! One call end to end: confirmation, headers, token, send, retries with waits, timeouts, and
//! turning the final response or failure into `RawResponse` or `Error`.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Instant;

use reqwest::header::{
    ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue,
    USER_AGENT,
};
use secrecy::ExposeSecret;
use tracing::Instrument;
use url::Url;

use crate::client::Client;
use crate::error::{ApiError, Error, Repr, TimeoutScope};
use crate::graph_error::api_error;
use crate::operation::{CommonParameters, OperationInfo, looks_sensitive};
use crate::redact::Redactor;
use crate::response::RawResponse;
use crate::retry::{Deadline, retryable_status, status_means_not_processed};

/// Bodies beyond this are cut (errors) or refused (2xx): these actions answer in bytes.
const MAX_BODY: usize = 4 * 1024 * 1024;
/// Headers a caller may not set through `-Headers`: the runtime owns them.
const RESERVED: [&str; 4] = [
    "authorization",
    "host",
    "content-length",
    "transfer-encoding",
];

/// Everything fixed for the attempts of one call.
struct Call<'a> {
    op: &'static OperationInfo,
    method: reqwest::Method,
    url: Url,
    headers: HeaderMap,
    body: Option<Vec<u8>>,
    client_request_id: &'a str,
}

/// Why an attempt failed in a way the policy may retry.
enum Failure {
    Status(Box<ApiError>),
    Transport(reqwest::Error),
    RequestTimeout,
    Token(Error),
}

impl Failure {
    /// Whether Graph may have received (and acted on) the request before the failure.
    fn may_have_reached_graph(&self) -> bool {
        match self {
            Failure::Transport(error) => !error.is_connect(),
            Failure::RequestTimeout => true,
            Failure::Status(api) => !status_means_not_processed(api.status),
            Failure::Token(_) => false,
        }
    }
}

enum Step {
    Retry(Failure),
    Fatal(Error),
    /// Graph refused the token (401): sign in again and repeat once, without waiting.
    Reauthenticate(Error),
}

impl Client {
    /// Sends one operation: confirm hook → headers → token → send with retries and timeouts.
    /// A non-2xx answer becomes an [`Error`]; a 2xx comes back raw. (Used by the generated code.)
    pub(crate) async fn execute(
        &self,
        op: &'static OperationInfo,
        parameter_set: &'static str,
        path: String,
        body: Option<serde_json::Value>,
        common: CommonParameters,
    ) -> Result<RawResponse, Error> {
        let body = match body {
            Some(value) => Some(serde_json::to_vec(&value).map_err(|e| {
                Error::invalid_argument(format!("{}: request body: {e}", op.cmdlet))
            })?),
            None => None,
        };
        self.execute_bytes(op, parameter_set, path, body, common)
            .await
    }

    /// [`execute`](Self::execute) with the body already as bytes; its `Content-Type` is JSON
    /// unless `common` sets another. (Used by the generated code for non-JSON uploads.)
    pub(crate) async fn execute_bytes(
        &self,
        op: &'static OperationInfo,
        parameter_set: &'static str,
        path: String,
        body: Option<Vec<u8>>,
        common: CommonParameters,
    ) -> Result<RawResponse, Error> {
        let preview = self.preview(op, parameter_set, &path);
        if let Some(confirm) = common.confirm()
            && !confirm(&preview)
        {
            tracing::info!(cmdlet = op.cmdlet, "confirmation declined; nothing sent");
            return Err(Error::from_repr(Repr::ConfirmationDeclined {
                cmdlet: op.cmdlet,
            }));
        }
        let method = reqwest::Method::from_bytes(op.method.as_bytes()).map_err(|_| {
            Error::invalid_argument(format!("{}: bad HTTP method {:?}", op.cmdlet, op.method))
        })?;
        let url = Url::parse(preview.url())
            .map_err(|e| Error::invalid_argument(format!("{}: bad request URL: {e}", op.cmdlet)))?;
        if url.as_str() != preview.url() {
            // The URL parser rewrote the path (dot segments, stray characters): the request
            // would address something other than what the caller named.
            return Err(Error::invalid_argument(format!(
                "{}: the request URL {:?} would be rewritten to {:?}; refusing to send",
                op.cmdlet,
                preview.url(),
                url.as_str()
            )));
        }
        self.send_call(op, method, url, body, &common).await
    }

    /// Fetches the next page of a pageable answer (`@odata.nextLink`, found in `previous`) with
    /// GET. The link must point where the client already talks to (same scheme, host and port),
    /// so a crafted answer cannot send the token elsewhere. The confirmation covered the call.
    pub(crate) async fn execute_next_page(
        &self,
        op: &'static OperationInfo,
        previous: &RawResponse,
        next_link: &str,
        common: &CommonParameters,
    ) -> Result<RawResponse, Error> {
        let url = Url::parse(next_link)
            .map_err(|e| previous.unexpected(op, format!("@odata.nextLink {next_link:?}: {e}")))?;
        let base = Url::parse(self.base_url())
            .map_err(|e| Error::invalid_argument(format!("{}: bad base URL: {e}", op.cmdlet)))?;
        // The origin ignores user info, and reqwest would turn it into a second Authorization.
        if !url.username().is_empty() || url.password().is_some() {
            return Err(previous.unexpected(
                op,
                "@odata.nextLink carries user info (user:password@); not following it".to_owned(),
            ));
        }
        if url.origin() != base.origin() {
            return Err(previous.unexpected(
                op,
                format!(
                    "@odata.nextLink {next_link:?} leaves {}; not following it",
                    base.origin().ascii_serialization()
                ),
            ));
        }
        self.send_call(op, reqwest::Method::GET, url, None, common)
            .await
    }

    /// Sends one request with the client's headers, token, retries and timeouts.
    async fn send_call(
        &self,
        op: &'static OperationInfo,
        method: reqwest::Method,
        url: Url,
        body: Option<Vec<u8>>,
        common: &CommonParameters,
    ) -> Result<RawResponse, Error> {
        let headers = self.request_headers(op, common, body.is_some())?;
        let client_request_id = headers
            .get("client-request-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let call = Call {
            op,
            method,
            url,
            headers,
            body,
            client_request_id: &client_request_id,
        };
        let attempts = AtomicU32::new(0);
        let span = tracing::info_span!(
            "graph_call",
            cmdlet = op.cmdlet,
            client_request_id = %client_request_id
        );
        let deadline = Deadline::for_request(
            &self.inner.retry,
            self.inner.overall_timeout,
            common.call_started(),
        );
        let run = self.run(&call, &attempts, &deadline).instrument(span);
        // The deadline cuts whatever is in flight: an attempt, a trickled body, a wait.
        match tokio::time::timeout_at(deadline.at, run).await {
            Ok(result) => result,
            Err(_) => {
                tracing::warn!(cmdlet = op.cmdlet, client_request_id = %client_request_id, timeout_ms = deadline.after.as_millis() as u64, scope = ?deadline.scope, "call time limit reached");
                Err(Error::from_repr(Repr::Timeout {
                    cmdlet: op.cmdlet,
                    scope: deadline.scope,
                    after: deadline.after,
                    attempts: attempts.load(Ordering::Relaxed),
                    client_request_id: client_request_id.clone(),
                }))
            }
        }
    }

    /// The attempt loop.
    async fn run(
        &self,
        call: &Call<'_>,
        attempts: &AtomicU32,
        deadline: &Deadline,
    ) -> Result<RawResponse, Error> {
        let policy = &self.inner.retry;
        let mut attempt: u32 = 0;
        let mut signed_in_again = false;
        loop {
            attempt = attempt.saturating_add(1);
            attempts.store(attempt, Ordering::Relaxed);
            let failure = match self.attempt(call, attempt).await {
                Ok(raw) => return Ok(raw),
                Err(Step::Fatal(error)) => return Err(error),
                Err(Step::Reauthenticate(error)) if signed_in_again => return Err(error),
                Err(Step::Reauthenticate(_)) => {
                    signed_in_again = true;
                    tracing::warn!(
                        cmdlet = call.op.cmdlet,
                        client_request_id = call.client_request_id,
                        attempt,
                        "Graph refused the access token (401); signing in again"
                    );
                    continue;
                }
                Err(Step::Retry(failure)) => failure,
            };
            let time_left = deadline.time_left();
            let server_wait = match &failure {
                Failure::Status(api) => api.retry_after,
                _ => None,
            };
            // A request that may have reached Graph is sent again only if that is harmless.
            let plan = if !call.op.repeatable && failure.may_have_reached_graph() {
                Err("the request may have reached Graph and the operation is not safe to repeat")
            } else {
                policy.plan(attempt, server_wait, time_left)
            };
            match plan {
                Ok(wait) => {
                    tracing::warn!(
                        cmdlet = call.op.cmdlet,
                        client_request_id = call.client_request_id,
                        attempt,
                        reason = %self.reason(&failure),
                        wait_ms = wait.as_millis() as u64,
                        "retrying Graph request"
                    );
                    policy.sleep(wait).await;
                }
                Err(why) => {
                    tracing::warn!(
                        cmdlet = call.op.cmdlet,
                        client_request_id = call.client_request_id,
                        attempt,
                        reason = %self.reason(&failure),
                        gave_up_because = why,
                        "giving up on Graph request"
                    );
                    return Err(self.final_error(call, failure, attempt, why));
                }
            }
        }
    }

    /// One HTTP attempt, the token included.
    async fn attempt(&self, call: &Call<'_>, attempt: u32) -> Result<RawResponse, Step> {
        let token = match self.inner.token_provider.token().await {
            Ok(token) => token,
            Err(error) if error.is_retryable() => return Err(Step::Retry(Failure::Token(error))),
            Err(error) => return Err(Step::Fatal(error)),
        };
        if token.is_empty() {
            return Err(Step::Fatal(Error::auth(
                "the token provider returned an empty token",
                false,
                None,
            )));
        }
        let mut authorization =
            HeaderValue::from_str(&format!("Bearer {}", token.secret().expose_secret())).map_err(
                |_| {
                    Step::Fatal(Error::auth(
                        "the access token has characters not allowed in an HTTP header",
                        false,
                        None,
                    ))
                },
            )?;
        authorization.set_sensitive(true);

        let mut request = self
            .inner
            .http
            .request(call.method.clone(), call.url.clone())
            .headers(call.headers.clone())
            .header(AUTHORIZATION, authorization);
        request = match &call.body {
            Some(body) => request.body(body.clone()),
            None => request.header(CONTENT_LENGTH, HeaderValue::from_static("0")),
        };

        tracing::debug!(
            attempt,
            method = %call.method,
            url = %call.url,
            "sending Graph request"
        );
        let sent = Instant::now();
        let exchange = exchange_capped(request, MAX_BODY);
        let (status, headers, body, truncated) =
            match tokio::time::timeout(self.inner.request_timeout, exchange).await {
                Err(_) => return Err(Step::Retry(Failure::RequestTimeout)),
                Ok(Err(error)) => {
                    let retry = error.is_connect()
                        || error.is_timeout()
                        || (self.inner.retry.retries_transport_errors() && !error.is_builder());
                    return Err(if retry {
                        Step::Retry(Failure::Transport(error))
                    } else {
                        Step::Fatal(Error::from_repr(Repr::Transport {
                            cmdlet: call.op.cmdlet,
                            source: error,
                            attempts: attempt,
                            client_request_id: call.client_request_id.to_owned(),
                        }))
                    });
                }
                Ok(Ok(parts)) => parts,
            };
        // Whatever the server echoes of the token or the client secret goes no further.
        let redactor = Redactor::new(
            self.inner
                .secrets
                .iter()
                .chain([token.secret()])
                .map(ExposeSecret::expose_secret),
        );
        let headers = redactor.headers(headers);
        let body = redactor.bytes(body);
        tracing::debug!(
            attempt,
            status,
            elapsed_ms = sent.elapsed().as_millis() as u64,
            request_id = headers
                .get("request-id")
                .and_then(|v| v.to_str().ok())
                .unwrap_or(""),
            "Graph responded"
        );

        if (200..300).contains(&status) {
            if truncated {
                let api = api_error(status, headers, body, Some(call.client_request_id));
                return Err(Step::Fatal(Error::from_repr(Repr::UnexpectedResponse {
                    cmdlet: call.op.cmdlet,
                    detail: format!("the body is larger than {MAX_BODY} bytes"),
                    api,
                })));
            }
            return Ok(RawResponse {
                status,
                headers,
                body,
            });
        }
        let api = api_error(status, headers, body, Some(call.client_request_id));
        if retryable_status(status) {
            return Err(Step::Retry(Failure::Status(Box::new(api))));
        }
        let error = Error::from_repr(Repr::Api {
            cmdlet: call.op.cmdlet,
            least_privileged: call.op.least_privileged,
            api,
            attempts: attempt,
        });
        if status == 401 && self.inner.token_provider.invalidate(&token) {
            Err(Step::Reauthenticate(error))
        } else {
            Err(Step::Fatal(error))
        }
    }

    /// The headers every attempt of this call carries (the token is added per attempt).
    fn request_headers(
        &self,
        op: &OperationInfo,
        common: &CommonParameters,
        has_body: bool,
    ) -> Result<HeaderMap, Error> {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        headers.insert(USER_AGENT, self.inner.user_agent.clone());
        if has_body {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        let id = uuid::Uuid::new_v4().to_string();
        if let Ok(value) = HeaderValue::from_str(&id) {
            headers.insert("client-request-id", value);
        }
        let mut replaced: Vec<HeaderName> = Vec::new();
        for (name, value) in common.headers() {
            let bad = |why: &str| {
                Error::invalid_argument(format!("{}: -Headers {name:?}: {why}", op.cmdlet))
            };
            let header = HeaderName::from_bytes(name.trim().as_bytes())
                .map_err(|_| bad("not a valid header name"))?;
            if RESERVED.contains(&header.as_str()) {
                return Err(bad(
                    "is set by the client itself (use a TokenProvider for credentials)",
                ));
            }
            let mut value = HeaderValue::from_str(value)
                .map_err(|_| bad("value has characters not allowed"))?;
            if looks_sensitive(name) {
                value.set_sensitive(true);
            }
            // The first -Headers entry of a name replaces the runtime default; later ones add.
            if replaced.contains(&header) {
                headers.append(header, value);
            } else {
                headers.insert(header.clone(), value);
                replaced.push(header);
            }
        }
        if headers
            .get("client-request-id")
            .and_then(|v| v.to_str().ok())
            .is_none_or(|v| v.trim().is_empty())
        {
            return Err(Error::invalid_argument(format!(
                "{}: -Headers client-request-id must be a non-empty visible ASCII value",
                op.cmdlet
            )));
        }
        Ok(headers)
    }

    fn reason(&self, failure: &Failure) -> String {
        match failure {
            Failure::Status(api) => {
                let mut text = format!("HTTP {}", api.status);
                if let Some(wait) = api.retry_after {
                    text.push_str(&format!(" with Retry-After {}s", wait.as_secs_f64()));
                }
                text
            }
            Failure::Transport(error) => format!("transport error: {error}"),
            Failure::RequestTimeout => format!(
                "no response within the per-request timeout of {:?}",
                self.inner.request_timeout
            ),
            Failure::Token(error) => format!("token unavailable: {error}"),
        }
    }

    fn final_error(
        &self,
        call: &Call<'_>,
        failure: Failure,
        attempts: u32,
        why: &'static str,
    ) -> Error {
        let cmdlet = call.op.cmdlet;
        let client_request_id = call.client_request_id.to_owned();
        match failure {
            Failure::Status(api) => Error::from_repr(Repr::Throttled {
                cmdlet,
                api: *api,
                attempts,
                gave_up_because: why,
            }),
            Failure::Transport(source) => Error::from_repr(Repr::Transport {
                cmdlet,
                source,
                attempts,
                client_request_id,
            }),
            Failure::RequestTimeout => Error::from_repr(Repr::Timeout {
                cmdlet,
                scope: TimeoutScope::Request,
                after: self.inner.request_timeout,
                attempts,
                client_request_id,
            }),
            Failure::Token(error) => error,
        }
    }
}

/// Sends `request` and reads its answer: status, headers, and at most `cap` bytes of body
/// (`true` when the body was longer and was cut there), so a hostile server cannot make the
/// client hold more than that.
pub(crate) async fn exchange_capped(
    request: reqwest::RequestBuilder,
    cap: usize,
) -> Result<(u16, reqwest::header::HeaderMap, Vec<u8>, bool), reqwest::Error> {
    let mut response = request.send().await?;
    let status = response.status().as_u16();
    let headers = std::mem::take(response.headers_mut());
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        let room = cap.saturating_sub(body.len());
        if chunk.len() > room {
            body.extend_from_slice(&chunk[..room]);
            return Ok((status, headers, body, true));
        }
        body.extend_from_slice(&chunk);
    }
    Ok((status, headers, body, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    static OP: OperationInfo = OperationInfo {
        cmdlet: "Revoke-MgUserSignInSession",
        method: "POST",
        api_version: "v1.0",
        path_template: "/users/{user-id}/microsoft.graph.revokeSignInSessions",
        least_privileged: &[],
        repeatable: true,
    };

    // Generated code renders paths with `render_path`, which refuses dot segments; this is the
    // second line of defence for a path that did not come through it.
    #[tokio::test]
    async fn a_path_the_url_parser_would_rewrite_is_refused() {
        let client = Client::builder()
            .base_url("http://127.0.0.1:9")
            .bearer_token("t")
            .build()
            .expect("builds");
        let err = client
            .execute(
                &OP,
                "Revoke",
                "/users/../groups/x".into(),
                None,
                CommonParameters::default(),
            )
            .await
            .expect_err("rewritten URL");
        assert_eq!(err.kind(), crate::ErrorKind::InvalidArgument);
        assert!(err.to_string().contains("would be rewritten"), "{err}");
    }
}
