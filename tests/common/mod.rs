//! Shared helpers for the behaviour tests of the generated cmdlets (`cmdlets_v1_0.rs`,
//! `cmdlets_beta.rs`): a local mock Graph on 127.0.0.1 with a client aimed at it (retries off),
//! canned Graph answers, assertions on what the server actually received, and the shapes of test
//! every cmdlet goes through (one call against a Graph expecting it, `-WhatIf` previews, ids that
//! must stay one path segment, `-ResponseHeadersVariable`, Graph's error JSON).
//!
//! The tests both API versions share are written once, in [`users_actions`] and
//! [`event_and_device_cmdlets`], as macros each test file expands with its version's names.
#![allow(dead_code)]

#[macro_use]
mod event_and_device_cmdlets;
#[macro_use]
mod users_actions;

use std::fmt::Debug;
use std::ops::Deref;
use std::sync::{Arc, Mutex};

pub use graph_users_actions::{Client, Error, ErrorKind, Preview, Response, RetryPolicy};
pub use serde_json::{Value, json};
pub use wiremock::ResponseTemplate;
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, Request};

/// The bearer token every test client signs with.
pub const TOKEN: &str = "test-token";

/// Ids that must reach Graph as exactly one path segment, with the exact encoding Graph must
/// see (RFC 3986 unreserved characters kept, everything else percent-encoded as UTF-8, the way
/// .NET's `Uri.EscapeDataString` does for the PowerShell SDK).
pub const HOSTILE_IDS: &[(&str, &str)] = &[
    (
        "bob_contoso.com#EXT#@fabrikam.onmicrosoft.com",
        "bob_contoso.com%23EXT%23%40fabrikam.onmicrosoft.com",
    ),
    ("alice@contoso.com", "alice%40contoso.com"),
    ("a/b", "a%2Fb"),
    ("a?b", "a%3Fb"),
    ("a&b", "a%26b"),
    ("100%", "100%25"),
    ("ü", "%C3%BC"),
    (
        "jürgen.müller@contoso.de",
        "j%C3%BCrgen.m%C3%BCller%40contoso.de",
    ),
    ("日本", "%E6%97%A5%E6%9C%AC"),
    ("first last", "first%20last"),
    ("a#b", "a%23b"),
    ("a+b=", "a%2Bb%3D"),
    ("a\\b", "a%5Cb"),
    ("a;b:c", "a%3Bb%3Ac"),
    ("O'Brien", "O%27Brien"),
    ("tab\there", "tab%09here"),
    // A value that looks like a template placeholder is substituted as text, never re-expanded.
    ("{user-id}", "%7Buser-id%7D"),
    // Look like dot segments once decoded: must stay literal text, encoded once more.
    ("%2E%2E", "%252E%252E"),
    ("%2e%2e", "%252e%252e"),
    ("%2E", "%252E"),
    ("..%2F", "..%252F"),
    // Dots that are not whole dot segments are ordinary ids.
    ("...", "..."),
    (".hidden", ".hidden"),
    ("a..b", "a..b"),
    // Fullwidth full stops: not dots to a URL parser, encoded as the UTF-8 they are.
    ("\u{ff0e}\u{ff0e}", "%EF%BC%8E%EF%BC%8E"),
    // Event ids are base64-like: `/`, `+` and `=` must not be taken as path or query syntax.
    ("AAMkAGI2T/+x==", "AAMkAGI2T%2F%2Bx%3D%3D"),
];

/// Ids URL handling would turn into "this level" / "one level up": refused before sending.
pub const DOT_IDS: &[&str] = &[".", ".."];

// ---------------------------------------------------------------------------------------------
// The mock Graph
// ---------------------------------------------------------------------------------------------

/// A client for the service root `base_url`: static token, one attempt per call.
pub fn client_for(base_url: String) -> Client {
    Client::builder()
        .base_url(base_url)
        .bearer_token(TOKEN)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("test client builds")
}

/// A fresh mock Graph on 127.0.0.1 and a client aimed at it (its URI is the service root). It
/// derefs to the client, so the cmdlets are called on it directly: `graph.revoke_…()`.
pub struct Graph {
    pub server: MockServer,
    client: Client,
}

impl Deref for Graph {
    type Target = Client;

    fn deref(&self) -> &Client {
        &self.client
    }
}

impl Graph {
    async fn start() -> Self {
        let server = MockServer::start().await;
        let client = client_for(server.uri());
        Self { server, client }
    }

    /// A Graph with no answer mounted: the test mounts its own.
    pub async fn bare() -> Self {
        Self::start().await
    }

    /// A Graph that answers every request with `answer` (for tests that look at what arrived
    /// afterwards, or that nothing did).
    pub async fn answering(answer: ResponseTemplate) -> Self {
        let graph = Self::start().await;
        Mock::given(any())
            .respond_with(answer)
            .mount(&graph.server)
            .await;
        graph
    }

    /// A Graph that answers `POST <exact_path>` with `answer` and expects it exactly once
    /// (checked when it is dropped). Any other request gets wiremock's 404.
    pub async fn expecting(exact_path: &str, answer: ResponseTemplate) -> Self {
        let graph = Self::start().await;
        Mock::given(method("POST"))
            .and(path(exact_path))
            .respond_with(answer)
            .expect(1)
            .mount(&graph.server)
            .await;
        graph
    }

    /// The full URL of `path` on this Graph.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.server.uri())
    }

    /// Every request the server received, in order.
    pub async fn requests(&self) -> Vec<Request> {
        self.server
            .received_requests()
            .await
            .expect("request recording is on")
    }

    /// The one request the server received (fails if there were none or several).
    pub async fn only_request(&self) -> Request {
        let mut all = self.requests().await;
        assert_eq!(all.len(), 1, "expected exactly one request, got {all:#?}");
        all.remove(0)
    }

    /// The paths the server received, in order.
    pub async fn paths(&self) -> Vec<String> {
        self.requests().await.iter().map(raw_path).collect()
    }

    /// Asserts that nothing at all reached the server.
    pub async fn assert_nothing_sent(&self) {
        let all = self.requests().await;
        assert!(all.is_empty(), "expected no request, got {all:#?}");
    }

    /// Asserts how many requests reached the server (so far).
    pub async fn assert_request_count(&self, count: usize) {
        assert_eq!(self.requests().await.len(), count);
    }

    /// Asserts that exactly `count` requests arrived, each a signed `POST` to `path` with no body.
    pub async fn assert_bodiless_posts(&self, count: usize, path: &str) {
        let requests = self.requests().await;
        assert_eq!(requests.len(), count);
        for request in &requests {
            assert_bodiless_post(request, path);
        }
    }

    /// Asserts a `-WhatIf` preview.
    pub fn assert_preview(&self, preview: &Preview, cmdlet: &str, parameter_set: &str, path: &str) {
        let url = self.url(path);
        assert_eq!(preview.method(), "POST");
        assert_eq!(preview.url(), url);
        assert_eq!(preview.cmdlet(), cmdlet);
        assert_eq!(preview.parameter_set(), parameter_set);
        let shown = preview.to_string();
        for needle in [cmdlet, parameter_set, "POST", url.as_str()] {
            assert!(shown.contains(needle), "{needle:?} not in {shown:?}");
        }
    }

    /// Asserts `-WhatIf` previews of `cmdlet`, each `(parameter set, path, what_if())`.
    pub fn assert_what_if<'a, P: AsRef<str>>(
        &self,
        cmdlet: &str,
        previews: impl IntoIterator<Item = (&'a str, P, Result<Preview, Error>)>,
    ) {
        for (parameter_set, path, preview) in previews {
            let preview = preview.unwrap_or_else(|e| panic!("{parameter_set} previews: {e}"));
            self.assert_preview(&preview, cmdlet, parameter_set, path.as_ref());
        }
    }

    /// Sends, through each of `vias` in turn, one call per id of [`HOSTILE_IDS`] (`call` makes
    /// it; it must succeed) and asserts Graph received exactly `path(encoded id)` for each, in
    /// order: every id stayed one path segment, encoded as the SDK encodes it. Gives the number
    /// of requests sent.
    pub async fn assert_hostile_ids_reach_graph_as_one_segment<T>(
        &self,
        vias: &[Via],
        path: impl Fn(&str) -> String,
        call: impl AsyncFn(&Client, Via, &'static str) -> Result<T, Error>,
    ) -> usize {
        let mut expected = Vec::new();
        for &via in vias {
            for (raw, encoded) in HOSTILE_IDS {
                call(&self.client, via, raw)
                    .await
                    .unwrap_or_else(|e| panic!("{raw:?} via {via:?}: {e}"));
                expected.push(path(encoded));
            }
        }
        assert_eq!(self.paths().await, expected);
        expected.len()
    }
}

/// How a call names its keys: the path-key parameter sets (`-UserId …`) or `-InputObject`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    Keys,
    Identity,
}

/// Runs `call` against a fresh Graph that expects exactly one `POST <path>` and answers it with
/// `answer`; asserts that one request (and nothing else) arrived at `path`, and gives the call's
/// result with that request.
pub async fn post_once<T>(
    path: &str,
    answer: ResponseTemplate,
    call: impl AsyncFnOnce(&Client) -> T,
) -> (T, Request) {
    let graph = Graph::expecting(path, answer).await;
    let result = call(&graph.client).await;
    let request = graph.only_request().await;
    assert_eq!(raw_path(&request), path);
    (result, request)
}

/// [`post_once`] for a call that must fail: gives its error.
pub async fn post_fails<T: Debug>(
    path: &str,
    answer: ResponseTemplate,
    call: impl AsyncFnOnce(&Client) -> Result<T, Error>,
) -> Error {
    expect_err(post_once(path, answer, call).await.0)
}

// ---------------------------------------------------------------------------------------------
// Canned answers
// ---------------------------------------------------------------------------------------------

/// `200 {"@odata.context": …, "value": b}` as Graph answers the boolean actions.
pub fn value(b: bool) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean",
        "value": b
    }))
}

/// A status with no body at all.
pub fn empty(status: u16) -> ResponseTemplate {
    ResponseTemplate::new(status)
}

/// Graph's OData error JSON, with the correlation facts in `innerError`.
pub fn graph_error(status: u16, code: &str, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({
        "error": {
            "code": code,
            "message": message,
            "innerError": {
                "date": "2024-05-01T10:20:30",
                "request-id": "5f0c1a2b-request-id",
                "client-request-id": "9d8e7f6a-client-request-id"
            }
        }
    }))
}

/// An error page a proxy or gateway would answer with: not JSON at all.
pub const HTML_ERROR: &str =
    "<html><body><h1>502 Bad Gateway</h1>\n<p>upstream \u{fffd} unavailable</p></body></html>";

/// `502` with [`HTML_ERROR`] as a `text/html` body.
pub fn html_error() -> ResponseTemplate {
    ResponseTemplate::new(502).set_body_raw(HTML_ERROR, "text/html")
}

/// Bytes that are not UTF-8 (nor JSON), as a broken intermediary might answer.
pub const GARBAGE: &[u8] = b"\xff\xfe\x00garbage \xc3(";

/// `status` with [`GARBAGE`] as the body.
pub fn garbage(status: u16) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_bytes(GARBAGE)
}

/// One error Graph answers with (as [`graph_error`] JSON) and the error it must give.
#[derive(Clone, Copy, Debug)]
pub struct GraphFailure {
    pub status: u16,
    pub code: &'static str,
    pub message: &'static str,
}

/// Graph's 403 for a caller without the permission the operation needs.
pub const DENIED: GraphFailure = GraphFailure {
    status: 403,
    code: "Authorization_RequestDenied",
    message: "Insufficient privileges to complete the operation.",
};

/// Runs `call` against a Graph answering its one `POST <path>` with `failure`, and asserts the
/// error it gives keeps every fact of Graph's answer (see [`assert_graph_error`]).
pub async fn assert_graph_failure<T: Debug>(
    path: &str,
    failure: GraphFailure,
    cmdlet: &str,
    call: impl AsyncFnOnce(&Client) -> Result<T, Error>,
) -> Error {
    let GraphFailure {
        status,
        code,
        message,
    } = failure;
    let error = post_fails(path, graph_error(status, code, message), call).await;
    assert_graph_error(&error, status, code, message, cmdlet);
    error
}

/// `-ResponseHeadersVariable`: runs `call` (a `send_with_headers()`) against a Graph answering
/// its one `POST <path>` with `answer` plus `request-id: <request_id>`, and asserts the value,
/// status and `request-id` the response exposes.
pub async fn assert_response_headers<T: PartialEq + Debug>(
    path: &str,
    answer: ResponseTemplate,
    request_id: &str,
    value: T,
    status: u16,
    call: impl AsyncFnOnce(&Client) -> Result<Response<T>, Error>,
) -> Response<T> {
    let answer = answer.insert_header("request-id", request_id);
    let response = post_once(path, answer, call).await.0.expect("sent");
    assert_eq!(response.value, value);
    assert_eq!(response.status, status);
    assert_eq!(
        response
            .headers
            .get("request-id")
            .and_then(|v| v.to_str().ok()),
        Some(request_id)
    );
    response
}

// ---------------------------------------------------------------------------------------------
// What the server received
// ---------------------------------------------------------------------------------------------

/// The path exactly as the server received it (still percent-encoded), and no query string.
pub fn raw_path(request: &Request) -> String {
    assert_eq!(
        request.url.query(),
        None,
        "no query expected in {}",
        request.url
    );
    assert_eq!(request.url.fragment(), None);
    request.url.path().to_owned()
}

/// All values of one request header, in order.
pub fn header_values(request: &Request, name: &str) -> Vec<String> {
    request
        .headers
        .get_all(name)
        .iter()
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .collect()
}

/// The single value of one request header.
pub fn header(request: &Request, name: &str) -> Option<String> {
    let values = header_values(request, name);
    assert!(values.len() <= 1, "{name} sent more than once: {values:?}");
    values.into_iter().next()
}

/// Asserts the request is a `POST` signed with the test token.
pub fn assert_signed_post(request: &Request) {
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(
        header(request, "authorization").as_deref(),
        Some("Bearer test-token")
    );
}

/// Asserts a request with no body (the actions without parameters send nothing).
pub fn assert_no_body(request: &Request) {
    assert!(
        request.body.is_empty(),
        "expected no body, got {:?}",
        String::from_utf8_lossy(&request.body)
    );
}

/// Asserts a signed `POST` to exactly `path` with no body.
pub fn assert_bodiless_post(request: &Request, path: &str) {
    assert_signed_post(request);
    assert_eq!(raw_path(request), path);
    assert_no_body(request);
}

/// Asserts a JSON body equal to `expected`, sent as `application/json`.
pub fn assert_json_body(request: &Request, expected: &Value) {
    let content_type = header(request, "content-type").unwrap_or_default();
    assert!(
        content_type.starts_with("application/json"),
        "content-type {content_type:?}"
    );
    let body: Value = serde_json::from_slice(&request.body).unwrap_or_else(|e| {
        panic!(
            "body is not JSON ({e}): {:?}",
            String::from_utf8_lossy(&request.body)
        )
    });
    assert_eq!(&body, expected);
}

// ---------------------------------------------------------------------------------------------
// The errors a call gives
// ---------------------------------------------------------------------------------------------

/// Unwraps an error, failing the test with the success value otherwise.
pub fn expect_err<T: Debug>(result: Result<T, Error>) -> Error {
    match result {
        Ok(value) => panic!("expected an error, got Ok({value:?})"),
        Err(error) => error,
    }
}

/// Asserts an `InvalidArgument` error (nothing sent) whose message contains every one of
/// `needles`; gives the error.
pub fn assert_invalid_argument<T: Debug>(result: Result<T, Error>, needles: &[&str]) -> Error {
    let error = expect_err(result);
    assert_eq!(error.kind(), ErrorKind::InvalidArgument, "{error}");
    let text = error.to_string();
    for needle in needles {
        assert!(text.contains(needle), "{needle:?} not in {text:?}");
    }
    assert_eq!(error.status(), None, "nothing was sent: {error:?}");
    error
}

/// Asserts the error of a ViaIdentity call whose identity lacks `property`; gives the error.
pub fn assert_missing_identity_property<T: Debug>(
    result: Result<T, Error>,
    property: &str,
) -> Error {
    let error = expect_err(result);
    assert_eq!(error.kind(), ErrorKind::MissingIdentityProperty, "{error}");
    assert_eq!(error.property(), Some(property));
    let text = error.to_string();
    let expected = format!("InputObject.{property}");
    assert!(text.contains(&expected), "{expected:?} not in {text:?}");
    assert!(text.contains("null"), "{text:?}");
    error
}

/// Asserts a declined `-Confirm`: the distinct outcome, naming the cmdlet; gives the error.
pub fn assert_declined<T: Debug>(result: Result<T, Error>, cmdlet: &str) -> Error {
    let error = expect_err(result);
    assert_eq!(error.kind(), ErrorKind::ConfirmationDeclined, "{error}");
    assert_eq!(error.cmdlet(), Some(cmdlet));
    assert_eq!(error.status(), None);
    let text = error.to_string();
    assert!(text.contains(cmdlet), "{text}");
    assert!(text.contains("declined"), "{text}");
    error
}

/// Asserts the error Graph's JSON error from [`graph_error`] must give.
pub fn assert_graph_error(error: &Error, status: u16, code: &str, message: &str, cmdlet: &str) {
    assert_eq!(error.kind(), ErrorKind::Api, "{error}");
    assert_eq!(error.status(), Some(status));
    assert_eq!(error.code(), Some(code));
    assert_eq!(error.message(), Some(message));
    assert_eq!(error.request_id(), Some("5f0c1a2b-request-id"));
    assert_eq!(error.date(), Some("2024-05-01T10:20:30"));
    assert_eq!(error.cmdlet(), Some(cmdlet));
    assert!(!error.is_retryable());
    let api = error.api().expect("API errors expose the response");
    assert_eq!(api.status, status);
    let body: Value = serde_json::from_slice(&api.body).expect("the raw body is kept");
    assert_eq!(body["error"]["code"], code);
    let text = error.to_string();
    for needle in [
        cmdlet,
        &status.to_string(),
        code,
        message,
        "5f0c1a2b-request-id",
        "2024-05-01T10:20:30",
    ] {
        assert!(text.contains(needle), "{needle:?} not in {text:?}");
    }
}

/// Asserts the error for the non-JSON [`HTML_ERROR`] body answered with 502.
pub fn assert_html_error_kept(error: &Error) {
    assert_eq!(error.kind(), ErrorKind::Api, "{error}");
    assert_eq!(error.status(), Some(502));
    assert_eq!(error.code(), None);
    assert_eq!(error.message(), None);
    assert_eq!(error.raw_body(), Some(HTML_ERROR.as_bytes()));
    let text = error.to_string();
    assert!(text.contains("502"), "{text}");
    assert!(text.contains("Bad Gateway"), "{text}");
    assert!(text.contains("upstream"), "the body is shown: {text}");
}

/// A `-Confirm` hook that records the previews it was shown and answers `answer`.
#[derive(Clone, Default)]
pub struct Approvals(pub Arc<Mutex<Vec<Preview>>>);

impl Approvals {
    pub fn hook(&self, answer: bool) -> impl Fn(&Preview) -> bool + Send + Sync + 'static {
        let seen = Arc::clone(&self.0);
        move |preview: &Preview| {
            seen.lock().expect("not poisoned").push(preview.clone());
            answer
        }
    }

    pub fn seen(&self) -> Vec<Preview> {
        self.0.lock().expect("not poisoned").clone()
    }
}
