//! Running the built `mg` as a user would, against wiremock servers on 127.0.0.1.
#![allow(dead_code)]

use std::process::Output;

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// The token tests sign in with; it must never show on stdout or stderr.
pub const TOKEN: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.secret-test-token-1234567890";

pub const REVOKE: &str = "/v1.0/users/alice%40contoso.com/microsoft.graph.revokeSignInSessions";

/// `mg` with a clean environment: no credentials but the ones a test gives.
pub fn mg() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_mg"));
    for var in [
        "GRAPH_TOKEN",
        "GRAPH_BASE_URL",
        "AZURE_TENANT_ID",
        "AZURE_CLIENT_ID",
        "AZURE_CLIENT_SECRET",
        "AZURE_AUTHORITY_HOST",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

/// `mg` signed in with [`TOKEN`] against `server`.
pub fn mg_at(server: &MockServer) -> assert_cmd::Command {
    let mut cmd = mg();
    cmd.env("GRAPH_TOKEN", TOKEN)
        .env("GRAPH_BASE_URL", server.uri());
    cmd
}

/// Runs a prepared command off the async runtime (the server keeps answering meanwhile).
pub async fn run(mut cmd: assert_cmd::Command) -> Output {
    tokio::task::spawn_blocking(move || cmd.output().expect("mg runs"))
        .await
        .expect("joins")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts the exit code, showing both streams when it differs.
pub fn assert_code(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(out),
        stderr(out)
    );
}

/// Stderr says `needle`; shows stderr when it does not.
pub fn assert_stderr_has(out: &Output, needle: &str) {
    let text = stderr(out);
    assert!(text.contains(needle), "stderr lacks {needle:?}:\n{text}");
}

/// Neither stream shows the token.
pub fn assert_no_secret(out: &Output, secret: &str) {
    assert!(!stdout(out).contains(secret), "stdout shows the secret");
    assert!(!stderr(out).contains(secret), "stderr shows the secret");
}

/// A server answering `POST <path>` with `template`.
pub async fn answering(path_: &str, template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(path_))
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

pub async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap_or_default()
}

/// A Graph error body with ids and date.
pub fn graph_error(status: u16, code: &str, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(serde_json::json!({"error": {
        "code": code,
        "message": message,
        "innerError": {
            "date": "2026-12-01T10:00:00",
            "request-id": "0f6b1c4e-1111-2222-3333-444455556666",
            "client-request-id": "9a8b7c6d-aaaa-bbbb-cccc-ddddeeeeffff"
        }
    }}))
}

/// Answers a `$batch`: `{"value": true}` for every sub-request, except a 404 Graph error for
/// those whose URL contains `fail`.
pub struct BatchAnswers;

impl Respond for BatchAnswers {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap_or_default();
        let empty = Vec::new();
        let answers: Vec<serde_json::Value> = body["requests"]
            .as_array()
            .unwrap_or(&empty)
            .iter()
            .map(|sub| {
                let id = sub["id"].clone();
                if sub["url"].as_str().unwrap_or_default().contains("fail") {
                    serde_json::json!({"id": id, "status": 404, "headers": {"Content-Type": "application/json"},
                        "body": {"error": {"code": "Request_ResourceNotFound",
                        "message": "Resource 'fail' does not exist.",
                        "innerError": {"request-id": "rid-404", "date": "2026-12-01T10:00:00"}}}})
                } else {
                    serde_json::json!({"id": id, "status": 200, "headers": {"Content-Type": "application/json", "request-id": "rid-ok"},
                        "body": {"value": true}})
                }
            })
            .collect();
        ResponseTemplate::new(200).set_body_json(serde_json::json!({"responses": answers}))
    }
}

/// A server answering `POST /<version>/$batch` with [`BatchAnswers`].
pub async fn batch_server(version: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("/{version}/$batch")))
        .respond_with(BatchAnswers)
        .mount(&server)
        .await;
    server
}

/// The sub-requests the server received in `$batch` requests, in order.
pub async fn sub_requests(server: &MockServer) -> Vec<serde_json::Value> {
    requests(server)
        .await
        .iter()
        .filter_map(|r| serde_json::from_slice::<serde_json::Value>(&r.body).ok())
        .flat_map(|b| b["requests"].as_array().cloned().unwrap_or_default())
        .collect()
}
