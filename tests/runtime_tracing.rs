//! Secrets never leak into tracing output, even at TRACE level, across a token fetch, a retry
//! and an error. Alone in its binary: tracing caches per-callsite interest process-wide, so a
//! parallel test without a subscriber could otherwise hide events from this one.

mod runtime_support;
mod trace_capture;

use graph_users_actions::Client;
use mg_runtime::support::CommonParameters;
use runtime_support::*;
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CLIENT_SECRET: &str = "CLIENT-SECRET-abc123";
const ACCESS_TOKEN: &str = "ACCESS-TOKEN-xyz789";
const STATIC_TOKEN: &str = "STATIC-TOKEN-qwe456";

fn assert_clean(what: &str, text: &str) {
    for secret in [CLIENT_SECRET, ACCESS_TOKEN, STATIC_TOKEN] {
        assert!(!text.contains(secret), "{what} leaks {secret}: {text}");
    }
}

#[tokio::test]
async fn secrets_stay_out_of_debug_errors_and_traces() {
    let (captured, _guard) = trace_capture::capture_traces();

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path_regex("/oauth2/v2.0/token$"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "token_type": "Bearer", "expires_in": 3600, "access_token": ACCESS_TOKEN
        })))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path_regex("^/v1.0/"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path_regex("^/v1.0/"))
        .respond_with(
            ResponseTemplate::new(401).set_body_json(serde_json::json!({"error": {
                "code": "InvalidAuthenticationToken", "message": "Access token validation failure."
            }})),
        )
        .mount(&server)
        .await;

    let builder = Client::builder()
        .base_url(server.uri())
        .client_credentials("contoso.onmicrosoft.com", "app-id", CLIENT_SECRET)
        .authority(server.uri())
        .retry_policy(fast_retry());
    assert_clean("ClientBuilder Debug", &format!("{builder:?}"));
    let client = builder.build().expect("builds");
    let mut common = CommonParameters::default();
    common.add_header("x-api-key".into(), STATIC_TOKEN.into());
    assert_clean("CommonParameters Debug", &format!("{common:?}"));

    let err = client
        .revoke_mg_user_sign_in_session()
        .user_id("alice@contoso.com")
        .header("x-api-key", STATIC_TOKEN)
        .send()
        .await
        .expect_err("401");
    assert_eq!(err.status(), Some(401));
    assert_clean("Error Display", &err.to_string());
    assert_clean("Error Debug", &format!("{err:?}"));
    assert_clean("Client Debug", &format!("{client:?}"));
    assert!(err.to_string().contains("InvalidAuthenticationToken"));

    // The token really was sent (so the checks above are meaningful)...
    let requests = server.received_requests().await.unwrap_or_default();
    let sent_auth = requests
        .iter()
        .filter_map(|r| r.headers.get("authorization"))
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>();
    // 429, then 401, then one more after signing in again (the endpoint hands out the same token).
    assert_eq!(sent_auth, vec![format!("Bearer {ACCESS_TOKEN}"); 3]);

    // ...and the traces describe the call without it.
    let traces = captured.text();
    assert!(traces.contains("requesting an app-only token"), "{traces}");
    assert!(traces.contains("retrying Graph request"), "{traces}");
    assert!(traces.contains("reason=HTTP 429"), "{traces}");
    assert!(traces.contains("wait_ms=0"), "{traces}");
    assert!(traces.contains("signing in again"), "{traces}");
    assert!(traces.contains("client_request_id="), "{traces}");
    assert_clean("tracing output", &traces);
}
