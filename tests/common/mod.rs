//! Shared helpers for the behaviour tests of the generated cmdlets (`cmdlets_v1_0.rs`,
//! `cmdlets_beta.rs`): a local mock Graph on 127.0.0.1, a client aimed at it with retries off,
//! canned Graph answers, and assertions on what the server actually received.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};

use graph_users_actions::{Client, Error, ErrorKind, Preview, RetryPolicy};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

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

/// A fresh mock Graph on 127.0.0.1.
pub async fn server() -> MockServer {
    MockServer::start().await
}

/// A client for `server` (its URI is the service root), static token, one attempt per call.
pub fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .bearer_token(TOKEN)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("test client builds")
}

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

/// Mounts `template` for `POST <exact_path>`, expected to be hit exactly once (checked when the
/// server is dropped). Any other request gets wiremock's 404.
pub async fn expect_post(server: &MockServer, exact_path: &str, template: ResponseTemplate) {
    Mock::given(method("POST"))
        .and(path(exact_path))
        .respond_with(template)
        .expect(1)
        .mount(server)
        .await;
}

/// Mounts `template` for every request (for tests that look at what arrived afterwards).
pub async fn answer_all(server: &MockServer, template: ResponseTemplate) {
    Mock::given(wiremock::matchers::any())
        .respond_with(template)
        .mount(server)
        .await;
}

/// Every request the server received, in order.
pub async fn received(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .expect("request recording is on")
}

/// The one request the server received (fails if there were none or several).
pub async fn only_request(server: &MockServer) -> Request {
    let mut all = received(server).await;
    assert_eq!(all.len(), 1, "expected exactly one request, got {all:#?}");
    all.remove(0)
}

/// Asserts that nothing at all reached the server.
pub async fn assert_nothing_sent(server: &MockServer) {
    let all = received(server).await;
    assert!(all.is_empty(), "expected no request, got {all:#?}");
}

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

/// Unwraps an error, failing the test with the success value otherwise.
pub fn expect_err<T: std::fmt::Debug>(result: Result<T, Error>) -> Error {
    match result {
        Ok(value) => panic!("expected an error, got Ok({value:?})"),
        Err(error) => error,
    }
}

/// Asserts an `InvalidArgument` error whose message contains every one of `needles`.
pub fn assert_invalid_argument(error: &Error, needles: &[&str]) {
    assert_eq!(error.kind(), ErrorKind::InvalidArgument, "{error}");
    let text = error.to_string();
    for needle in needles {
        assert!(text.contains(needle), "{needle:?} not in {text:?}");
    }
    assert_eq!(error.status(), None, "nothing was sent: {error:?}");
}

/// Asserts the error of a ViaIdentity call whose identity lacks `property`.
pub fn assert_missing_identity_property(error: &Error, property: &str) {
    assert_eq!(error.kind(), ErrorKind::MissingIdentityProperty, "{error}");
    assert_eq!(error.property(), Some(property));
    let text = error.to_string();
    let expected = format!("InputObject.{property}");
    assert!(text.contains(&expected), "{expected:?} not in {text:?}");
    assert!(text.contains("null"), "{text:?}");
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

/// Asserts a `-WhatIf` preview.
pub fn assert_preview(
    preview: &Preview,
    server: &MockServer,
    cmdlet: &str,
    parameter_set: &str,
    path: &str,
) {
    let url = format!("{}{path}", server.uri());
    assert_eq!(preview.method(), "POST");
    assert_eq!(preview.url(), url);
    assert_eq!(preview.cmdlet(), cmdlet);
    assert_eq!(preview.parameter_set(), parameter_set);
    let shown = preview.to_string();
    for needle in [cmdlet, parameter_set, "POST", url.as_str()] {
        assert!(shown.contains(needle), "{needle:?} not in {shown:?}");
    }
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

/// Asserts a declined `-Confirm`: the distinct outcome, naming the cmdlet.
pub fn assert_declined(error: &Error, cmdlet: &str) {
    assert_eq!(error.kind(), ErrorKind::ConfirmationDeclined, "{error}");
    assert_eq!(error.cmdlet(), Some(cmdlet));
    assert_eq!(error.status(), None);
    let text = error.to_string();
    assert!(text.contains(cmdlet), "{text}");
    assert!(text.contains("declined"), "{text}");
}

/// The paths the server received, in order.
pub async fn received_paths(server: &MockServer) -> Vec<String> {
    received(server).await.iter().map(raw_path).collect()
}

/// Bytes that are not UTF-8 (nor JSON), as a broken intermediary might answer.
pub const GARBAGE: &[u8] = b"\xff\xfe\x00garbage \xc3(";

/// `status` with [`GARBAGE`] as the body.
pub fn garbage(status: u16) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_bytes(GARBAGE)
}
