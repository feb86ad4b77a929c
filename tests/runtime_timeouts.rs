//! Timeouts: per attempt (retried, then reported) and for the whole call. These use real
//! timers against a server that answers only after `SLOW_ANSWER`; what they assert is order
//! (the call ended at its timeout, long before the answer), with bounds far from both.

mod runtime_support;

use std::time::Instant;

use graph_users_actions::{ErrorKind, RetryPolicy};
use runtime_support::*;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn per_request_timeout_without_retries_is_a_timeout_error() {
    let server = answering_post(value_true().set_delay(SLOW_ANSWER)).await;
    let client = builder(&server)
        .request_timeout(ms(150))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("builds");
    let started = Instant::now();
    let err = revoke(&client, "alice@contoso.com")
        .await
        .expect_err("times out");
    let took = started.elapsed();
    assert!(took >= ms(150) && took < WELL_BEFORE_THE_ANSWER, "{took:?}");
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert_eq!(err.attempts(), Some(1));
    assert!(err.is_retryable());
    assert!(err.client_request_id().is_some());
    assert!(err.to_string().contains("per-request timeout"), "{err}");
}

#[tokio::test]
async fn a_slow_attempt_is_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(value_true().set_delay(SLOW_ANSWER))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(value_true())
        .mount(&server)
        .await;
    let client = builder(&server)
        .request_timeout(ms(150))
        .build()
        .expect("builds");
    let started = Instant::now();
    assert!(
        revoke(&client, "alice@contoso.com")
            .await
            .expect("second attempt")
    );
    assert!(started.elapsed() < WELL_BEFORE_THE_ANSWER);
    assert_eq!(request_count(&server).await, 2);
}

#[tokio::test]
async fn overall_timeout_bounds_the_whole_call() {
    let server = MockServer::start().await;
    // A quick 503, then a retry that hangs: the overall timeout ends the call mid-attempt.
    // (Had it been a wait between attempts that crossed the limit, the call would have stopped
    // before waiting, with the last real error.)
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).set_delay(SLOW_ANSWER))
        .mount(&server)
        .await;
    let client = builder(&server)
        .overall_timeout(ms(300))
        .build()
        .expect("builds");
    let started = Instant::now();
    let err = revoke(&client, "alice@contoso.com")
        .await
        .expect_err("gives up");
    let took = started.elapsed();
    assert!(took < WELL_BEFORE_THE_ANSWER, "{took:?}");
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert!(err.to_string().contains("overall timeout"), "{err}");
    assert_eq!(err.attempts(), Some(2), "{err:?}");
    assert!(took >= ms(300), "{took:?}");
}

#[tokio::test]
async fn overall_timeout_cuts_a_single_slow_attempt() {
    let server = answering_post(value_true().set_delay(SLOW_ANSWER)).await;
    let client = builder(&server)
        .overall_timeout(ms(200))
        .build()
        .expect("builds");
    let started = Instant::now();
    let err = revoke(&client, "alice@contoso.com")
        .await
        .expect_err("gives up");
    assert!(started.elapsed() < WELL_BEFORE_THE_ANSWER);
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert_eq!(err.attempts(), Some(1));
}
