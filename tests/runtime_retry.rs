//! Retries: Retry-After in every form, backoff, exhaustion, transport failures, and the
//! client-request-id staying the same across the attempts of one call.

mod runtime_support;

use std::time::{Duration, SystemTime};

use graph_users_actions::{ErrorKind, RetryPolicy};
use runtime_support::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn mount_then_success(server: &MockServer, first: ResponseTemplate) {
    Mock::given(method("POST"))
        .respond_with(first)
        .up_to_n_times(1)
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path(revoke_path("alice%40contoso.com")))
        .respond_with(value_true())
        .mount(server)
        .await;
}

#[tokio::test]
async fn throttled_429_with_retry_after_one_second_is_waited_out() {
    let server = MockServer::start().await;
    mount_then_success(
        &server,
        ResponseTemplate::new(429).insert_header("Retry-After", "1"),
    )
    .await;
    let waits = RecordedWaits::default();
    let client = builder(&server)
        .retry_policy(waits.policy(RetryPolicy::default()))
        .build()
        .expect("builds");
    let ok = revoke(&client, "alice@contoso.com")
        .await
        .expect("succeeds");
    assert!(ok);
    // Exactly the second Graph asked for: no backoff, no jitter on top of Retry-After.
    assert_eq!(waits.waits(), vec![Duration::from_secs(1)]);
    assert_eq!(request_count(&server).await, 2);
}

#[tokio::test]
async fn service_unavailable_then_success_uses_backoff() {
    let server = MockServer::start().await;
    mount_then_success(&server, ResponseTemplate::new(503)).await;
    let waits = RecordedWaits::default();
    let client = builder(&server)
        .retry_policy(waits.policy(RetryPolicy::default().jitter(false)))
        .build()
        .expect("builds");
    assert!(
        revoke(&client, "alice@contoso.com")
            .await
            .expect("succeeds")
    );
    assert_eq!(request_count(&server).await, 2);
    // No Retry-After: the first backoff step of the default policy, 1 s without jitter.
    assert_eq!(waits.waits(), vec![Duration::from_secs(1)]);
}

#[tokio::test]
async fn gateway_timeout_then_success() {
    let server = MockServer::start().await;
    mount_then_success(&server, ResponseTemplate::new(504)).await;
    assert!(
        revoke(&client(&server), "alice@contoso.com")
            .await
            .expect("succeeds")
    );
    assert_eq!(request_count(&server).await, 2);
}

#[tokio::test]
async fn retry_after_as_decimal_seconds() {
    let server = MockServer::start().await;
    mount_then_success(
        &server,
        ResponseTemplate::new(429).insert_header("Retry-After", "0.2"),
    )
    .await;
    let waits = RecordedWaits::default();
    let client = builder(&server)
        .retry_policy(waits.policy(RetryPolicy::default()))
        .build()
        .expect("builds");
    assert!(
        revoke(&client, "alice@contoso.com")
            .await
            .expect("succeeds")
    );
    assert_eq!(waits.waits(), vec![ms(200)]);
    assert_eq!(request_count(&server).await, 2);
}

#[tokio::test]
async fn retry_after_as_http_date_is_read_against_the_response_date() {
    let server = MockServer::start().await;
    let server_now = SystemTime::now() - Duration::from_secs(3600); // server clock skewed
    mount_then_success(
        &server,
        ResponseTemplate::new(503)
            .insert_header("Date", httpdate(server_now).as_str())
            .insert_header(
                "Retry-After",
                httpdate(server_now + Duration::from_secs(2)).as_str(),
            ),
    )
    .await;
    let waits = RecordedWaits::default();
    let client = builder(&server)
        .retry_policy(waits.policy(fast_retry()))
        .build()
        .expect("builds");
    assert!(
        revoke(&client, "alice@contoso.com")
            .await
            .expect("succeeds")
    );
    assert_eq!(waits.waits(), vec![Duration::from_secs(2)]);
    assert_eq!(request_count(&server).await, 2);
}

#[tokio::test]
async fn retry_after_http_date_in_the_past_retries_at_once() {
    let server = MockServer::start().await;
    let past = SystemTime::now() - Duration::from_secs(30);
    mount_then_success(
        &server,
        ResponseTemplate::new(429).insert_header("Retry-After", httpdate(past).as_str()),
    )
    .await;
    let waits = RecordedWaits::default();
    let client = builder(&server)
        .retry_policy(waits.policy(fast_retry()))
        .build()
        .expect("builds");
    assert!(
        revoke(&client, "alice@contoso.com")
            .await
            .expect("succeeds")
    );
    assert_eq!(waits.waits(), vec![Duration::ZERO]);
}

#[tokio::test]
async fn retries_exhausted_reports_last_status_and_retry_after() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(503)
                .insert_header("Retry-After", "0.01")
                .insert_header("request-id", "req-last")
                .set_body_json(serde_json::json!({"error": {
                    "code": "serviceNotAvailable",
                    "message": "Service unavailable, try later."
                }})),
        )
        .mount(&server)
        .await;
    let client = builder(&server)
        .retry_policy(fast_retry().max_attempts(3))
        .build()
        .expect("builds");
    let err = revoke(&client, "alice@contoso.com")
        .await
        .expect_err("fails");
    assert_eq!(err.kind(), ErrorKind::Throttled);
    assert_eq!(err.status(), Some(503));
    assert_eq!(err.retry_after(), Some(ms(10)));
    assert_eq!(err.attempts(), Some(3));
    assert_eq!(err.request_id(), Some("req-last"));
    assert!(err.is_retryable());
    assert!(err.client_request_id().is_some());
    let text = err.to_string();
    for needle in [
        "Revoke-MgUserSignInSession",
        "HTTP 503",
        "serviceNotAvailable",
        "3 attempts",
        "Retry-After: 0.01s",
        "req-last",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from {text}");
    }
    assert_eq!(request_count(&server).await, 3);
}

#[tokio::test]
async fn retry_after_beyond_the_budget_gives_up_without_waiting() {
    let server =
        answering_post(ResponseTemplate::new(429).insert_header("Retry-After", "3600")).await;
    let waits = RecordedWaits::default();
    let client = builder(&server)
        .retry_policy(waits.policy(RetryPolicy::default()))
        .build()
        .expect("builds");
    let err = revoke(&client, "alice@contoso.com")
        .await
        .expect_err("fails");
    assert_eq!(waits.waits(), Vec::<Duration>::new(), "no wait at all");
    assert_eq!(err.kind(), ErrorKind::Throttled);
    assert_eq!(err.status(), Some(429));
    assert_eq!(err.retry_after(), Some(Duration::from_secs(3600)));
    assert_eq!(err.attempts(), Some(1));
    assert!(err.to_string().contains("Retry-After: 3600s"), "{err}");
    assert_eq!(request_count(&server).await, 1);
}

#[tokio::test]
async fn disabled_policy_makes_one_attempt() {
    let server = answering_post(ResponseTemplate::new(429)).await;
    let client = builder(&server)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("builds");
    let err = revoke(&client, "alice@contoso.com")
        .await
        .expect_err("fails");
    assert_eq!(err.kind(), ErrorKind::Throttled);
    assert!(err.to_string().contains("no Retry-After"), "{err}");
    assert_eq!(request_count(&server).await, 1);
}

#[tokio::test]
async fn other_errors_are_not_retried() {
    let server = answering_post(ResponseTemplate::new(500)).await;
    let err = revoke(&client(&server), "alice@contoso.com")
        .await
        .expect_err("fails");
    assert_eq!(err.kind(), ErrorKind::Api);
    assert_eq!(request_count(&server).await, 1);
}

#[tokio::test]
async fn client_request_id_is_a_uuid_and_constant_across_retries() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(value_true())
        .mount(&server)
        .await;
    assert!(
        revoke(&client(&server), "alice@contoso.com")
            .await
            .expect("succeeds")
    );
    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(requests.len(), 3);
    let ids: Vec<String> = requests
        .iter()
        .map(|r| {
            r.headers
                .get("client-request-id")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert!(ids.iter().all(|id| id == &ids[0]), "{ids:?}");
    let id = &ids[0];
    assert_eq!(id.len(), 36, "{id}");
    assert_eq!(id.as_bytes()[14], b'4', "UUID version 4: {id}");

    // A second call gets a fresh id.
    revoke(&client(&server), "alice@contoso.com")
        .await
        .expect("succeeds");
    let requests = server.received_requests().await.unwrap_or_default();
    let last = requests
        .last()
        .and_then(|r| r.headers.get("client-request-id"))
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert_ne!(last, id);
}

/// A local server that resets the first `failures` connections, then answers `{"value":true}`.
async fn flaky_server(failures: usize) -> (String, tokio::task::JoinHandle<usize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let handle = tokio::spawn(async move {
        let mut connections = 0;
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                break;
            };
            connections += 1;
            let mut buf = vec![0u8; 8192];
            let mut seen = Vec::new();
            while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
                match socket.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => seen.extend_from_slice(&buf[..n]),
                }
            }
            if connections <= failures {
                drop(socket); // close without answering
                continue;
            }
            let body = br#"{"value":true}"#;
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                body.len()
            );
            let _ = socket.write_all(head.as_bytes()).await;
            let _ = socket.write_all(body).await;
            let _ = socket.shutdown().await;
            break;
        }
        connections
    });
    (format!("http://{addr}"), handle)
}

#[tokio::test]
async fn transport_error_is_retried() {
    let (uri, server) = flaky_server(1).await;
    let client = client_at(&uri);
    assert!(
        revoke(&client, "alice@contoso.com")
            .await
            .expect("succeeds")
    );
    assert_eq!(server.await.expect("server task"), 2);
}

#[tokio::test]
async fn transport_errors_exhausted_give_a_transport_error() {
    // Nothing listens on this port once the listener is dropped: connection refused.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    drop(listener);
    let client = graph_users_actions::Client::builder()
        .base_url(format!("http://{addr}"))
        .bearer_token("test-token")
        .retry_policy(fast_retry().max_attempts(3))
        .build()
        .expect("builds");
    let err = revoke(&client, "alice@contoso.com")
        .await
        .expect_err("fails");
    assert_eq!(err.kind(), ErrorKind::Transport);
    assert_eq!(err.attempts(), Some(3));
    assert!(err.is_retryable());
    assert!(err.client_request_id().is_some());
    assert!(err.to_string().contains("could not reach"), "{err}");
}

fn httpdate(at: SystemTime) -> String {
    httpdate::fmt_http_date(at)
}

/// `Update-MgUserPassword` is not safe to repeat (the second try would fail on the old
/// password, hiding that the first one worked): after a failure that may have reached Graph it is
/// not sent again. A repeatable action on the same client still is.
#[tokio::test]
async fn unsafe_operations_are_not_repeated_after_the_request_may_have_arrived() {
    let (uri, server) = flaky_server(1).await;
    let client = client_at(&uri);
    let err = client
        .update_mg_user_password()
        .user_id("alice@contoso.com")
        .current_password("old")
        .new_password("new")
        .send()
        .await
        .expect_err("not repeated");
    assert_eq!(err.kind(), ErrorKind::Transport);
    assert_eq!(err.attempts(), Some(1));
    // The server closed connection 1 on the password change; connection 2 is this revoke.
    assert!(revoke(&client, "alice@contoso.com").await.expect("revoked"));
    assert_eq!(server.await.expect("server task"), 2);
}

#[tokio::test]
async fn unsafe_operations_are_not_repeated_after_a_request_timeout() {
    let server = answering_post(ResponseTemplate::new(204).set_delay(SLOW_ANSWER)).await;
    let client = builder(&server)
        .request_timeout(ms(100))
        .build()
        .expect("builds");
    let err = client
        .update_mg_user_password()
        .user_id("alice@contoso.com")
        .new_password("new")
        .send()
        .await
        .expect_err("timed out");
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert_eq!(request_count(&server).await, 1);
}
