//! A server that echoes the bearer token in headers and bodies does not get it into traces,
//! even at TRACE level. Alone in its binary: tracing caches per-callsite interest process-wide.

mod hostile_support;
mod trace_capture;

use std::time::Duration;

use graph_users_actions::{Client, RetryPolicy};
use hostile_support::*;

const TOKEN: &str = "eyJ0eXAi.TRACED-TOKEN.sig-0123456789";

#[tokio::test]
async fn an_echoed_token_stays_out_of_traces() {
    let (captured, _guard) = trace_capture::capture_traces();

    // A 503 and then a 400, each quoting the Authorization header in its request-id and body.
    let server = Hostile::start(|n, request| {
        let authorization = request.header_values("authorization").join(", ");
        let body = format!(r#"{{"error":{{"code":"X","message":"{authorization}"}}}}"#);
        let status = if n == 0 { 503 } else { 400 };
        Act::Raw(response(
            status,
            &[("request-id", &authorization), ("retry-after", "0")],
            body.as_bytes(),
        ))
    })
    .await;
    let client = Client::builder()
        .base_url(&server.uri)
        .bearer_token(TOKEN)
        .retry_policy(RetryPolicy::default().max_elapsed(Duration::from_secs(5)))
        .build()
        .expect("client");
    let error = tokio::time::timeout(
        Duration::from_secs(10),
        client
            .revoke_mg_user_sign_in_session()
            .user_id("alice")
            .send(),
    )
    .await
    .expect("bounded")
    .expect_err("400");
    assert_eq!(error.status(), Some(400));
    assert_eq!(server.requests().len(), 2, "the 503 was retried");

    let traces = captured.text();
    assert!(traces.contains("Graph responded"), "{traces}");
    assert!(traces.contains("[REDACTED]"), "{traces}");
    assert!(!traces.contains("TRACED-TOKEN"), "{traces}");
}
