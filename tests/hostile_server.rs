//! The client against a hostile server (issue 12, "Runtime"): time, memory and secrets stay
//! bounded whatever the server does. Every limit is scaled down so the suite runs in seconds;
//! each test is itself bounded by `within`, so a regression fails instead of hanging.

mod hostile_support;

use std::future::Future;
use std::time::{Duration, Instant};

use graph_users_actions::{Client, ErrorKind, RetryPolicy};
use hostile_support::*;
use serde_json::json;

const TOKEN: &str = "eyJ0eXAi.BEARER-TOKEN.sig-0123456789";
const SECRET: &str = "app~secret+with/odd=chars_0123456789";

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Fails the test if `future` takes longer than `limit` (the fix's bound, generously).
async fn within<T>(limit: Duration, future: impl Future<Output = T>) -> T {
    tokio::time::timeout(limit, future)
        .await
        .unwrap_or_else(|_| panic!("still running after {limit:?}: the call is not bounded"))
}

/// Quick retries, no jitter, and a small per-request budget.
fn policy(budget: Duration) -> RetryPolicy {
    RetryPolicy::default()
        .initial_backoff(ms(10))
        .max_backoff(ms(20))
        .jitter(false)
        .max_elapsed(budget)
}

fn client(server: &Hostile, policy: RetryPolicy) -> Client {
    Client::builder()
        .base_url(&server.uri)
        .bearer_token(TOKEN)
        .retry_policy(policy)
        .build()
        .expect("client")
}

/// A page of `count` group ids with a next link back to `/next` on `server_uri`.
fn endless_page(server_uri: &str, count: usize) -> Vec<u8> {
    let items: Vec<String> = (0..count).map(|n| format!("group-{n:04}")).collect();
    json(
        200,
        &json!({"value": items, "@odata.nextLink": format!("{server_uri}/next")}),
    )
}

/// A server that pages forever; `uri` is only known once it is bound, so pages name it late.
async fn endless_pages(count: usize, delay: Duration) -> Hostile {
    let uri = std::sync::Arc::new(std::sync::OnceLock::<String>::new());
    let name = std::sync::Arc::clone(&uri);
    let server = Hostile::start(move |_, _| {
        let page = endless_page(name.get().map_or("", String::as_str), count);
        if delay.is_zero() {
            Act::Raw(page)
        } else {
            Act::Late(delay, page)
        }
    })
    .await;
    uri.set(server.uri.clone()).expect("set once");
    server
}

// ---- time -------------------------------------------------------------------------------

#[tokio::test]
async fn overall_timeout_bounds_all_pages_together() {
    // Each page arrives well within the overall timeout; together they never end.
    let server = endless_pages(1, ms(60)).await;
    let client = Client::builder()
        .base_url(&server.uri)
        .bearer_token(TOKEN)
        .overall_timeout(ms(400))
        .build()
        .expect("client");
    let started = Instant::now();
    let error = within(
        Duration::from_secs(10),
        client
            .confirm_mg_user_member_group()
            .user_id("alice")
            .group_ids(vec!["g"])
            .send(),
    )
    .await
    .expect_err("the pages never end");
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
    assert!(error.to_string().contains("overall timeout"), "{error}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert!(
        server.requests().len() >= 2,
        "more than one page was fetched"
    );
}

#[tokio::test]
async fn overall_timeout_bounds_a_stream_of_pages() {
    let server = endless_pages(1, ms(60)).await;
    let client = Client::builder()
        .base_url(&server.uri)
        .bearer_token(TOKEN)
        .overall_timeout(ms(400))
        .build()
        .expect("client");
    let mut items = client
        .confirm_mg_user_member_group()
        .user_id("alice")
        .group_ids(vec!["g"])
        .send_stream();
    let outcome = within(Duration::from_secs(10), async {
        let mut count = 0;
        while let Some(item) = items.next().await {
            match item {
                Ok(_) => count += 1,
                Err(error) => return (count, error),
            }
        }
        panic!("an endless stream ended")
    })
    .await;
    assert!(outcome.0 >= 2, "items before the timeout: {}", outcome.0);
    assert_eq!(outcome.1.kind(), ErrorKind::Timeout, "{}", outcome.1);
    assert!(items.next().await.is_none(), "an error ends the stream");
}

#[tokio::test]
async fn retry_budget_bounds_a_silent_server_after_retry_after() {
    // 429 with Retry-After, then nothing at all: the budget, not the 30 s per-request timeout,
    // ends the call.
    let server = Hostile::start(|n, _| match n {
        0 => Act::Raw(response(429, &[("retry-after", "0.1")], b"")),
        _ => Act::Silent,
    })
    .await;
    let client = client(&server, policy(ms(500)));
    let started = Instant::now();
    let error = within(
        Duration::from_secs(10),
        client
            .revoke_mg_user_sign_in_session()
            .user_id("alice")
            .send(),
    )
    .await
    .expect_err("the server never answers the retry");
    let elapsed = started.elapsed();
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
    assert!(
        error.to_string().contains("retry policy's time budget"),
        "{error}"
    );
    assert_eq!(error.attempts(), Some(2), "{error}");
    assert!(
        elapsed >= ms(400) && elapsed < Duration::from_secs(3),
        "{elapsed:?}"
    );
}

#[tokio::test]
async fn retry_budget_bounds_a_trickled_body() {
    // Headers at once, then one byte every 50 ms of a 1000-byte body: 50 s in all.
    let body = vec![b' '; 1000];
    let server = Hostile::start(move |_, _| Act::Trickle {
        head: head(200, &[("content-length", "1000")]),
        body: body.clone(),
        every: ms(50),
    })
    .await;
    let client = client(&server, policy(ms(500)));
    let started = Instant::now();
    let error = within(
        Duration::from_secs(10),
        client
            .revoke_mg_user_sign_in_session()
            .user_id("alice")
            .send(),
    )
    .await
    .expect_err("the body never ends in time");
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn retry_budget_still_lets_quick_retries_succeed() {
    let server = Hostile::start(|n, _| match n {
        0 | 1 => Act::Raw(response(503, &[], b"")),
        _ => Act::Raw(json(200, &json!({"value": true}))),
    })
    .await;
    let client = client(&server, policy(Duration::from_secs(5)));
    let ok = within(
        Duration::from_secs(10),
        client
            .revoke_mg_user_sign_in_session()
            .user_id("alice")
            .send(),
    )
    .await
    .expect("third attempt succeeds");
    assert!(ok);
    assert_eq!(server.requests().len(), 3);
}

// ---- not repeatable ----------------------------------------------------------------------

async fn update_password(server: &Hostile) -> Result<Option<bool>, graph_users_actions::Error> {
    client(server, policy(Duration::from_secs(5)))
        .update_mg_user_password()
        .user_id("alice")
        .current_password("old")
        .new_password("new")
        .send()
        .await
}

#[tokio::test]
async fn update_password_is_not_resent_after_a_504() {
    let server = Hostile::start(|n, _| match n {
        0 => Act::Raw(response(504, &[], b"gateway timeout")),
        _ => Act::Raw(response(204, &[], b"")),
    })
    .await;
    let error = within(Duration::from_secs(10), update_password(&server))
        .await
        .expect_err("a 504 may have been applied: not sent again");
    assert_eq!(error.status(), Some(504), "{error}");
    assert!(error.to_string().contains("not safe to repeat"), "{error}");
    assert_eq!(server.requests().len(), 1, "sent once");
}

#[tokio::test]
async fn update_password_is_retried_after_429_and_503() {
    // Both say the request was not processed: sending it again is safe.
    let server = Hostile::start(|n, _| match n {
        0 => Act::Raw(response(429, &[("retry-after", "0")], b"")),
        1 => Act::Raw(response(503, &[], b"")),
        _ => Act::Raw(response(204, &[], b"")),
    })
    .await;
    within(Duration::from_secs(10), update_password(&server))
        .await
        .expect("retried until it went through");
    assert_eq!(server.requests().len(), 3);
}

// ---- memory ------------------------------------------------------------------------------

#[tokio::test]
async fn collecting_pages_stops_at_the_item_cap() {
    let server = endless_pages(100, Duration::ZERO).await;
    let client = Client::builder()
        .base_url(&server.uri)
        .bearer_token(TOKEN)
        .max_collected_items(250)
        .build()
        .expect("client");
    let error = within(
        Duration::from_secs(10),
        client
            .confirm_mg_user_member_group()
            .user_id("alice")
            .group_ids(vec!["g"])
            .send(),
    )
    .await
    .expect_err("more items than the cap");
    assert_eq!(error.kind(), ErrorKind::LimitExceeded, "{error}");
    assert!(error.to_string().contains("more than 250 items"), "{error}");
    assert!(error.to_string().contains("send_stream()"), "{error}");
    assert_eq!(
        server.requests().len(),
        3,
        "stops at the page that passes the cap"
    );
}

#[tokio::test]
async fn collecting_pages_stops_at_the_byte_cap() {
    let server = endless_pages(100, Duration::ZERO).await;
    let page_size = endless_page(&server.uri, 100).len();
    let client = Client::builder()
        .base_url(&server.uri)
        .bearer_token(TOKEN)
        .max_collected_bytes(page_size * 4)
        .build()
        .expect("client");
    let error = within(
        Duration::from_secs(10),
        client
            .confirm_mg_user_member_group()
            .user_id("alice")
            .group_ids(vec!["g"])
            .send(),
    )
    .await
    .expect_err("more bytes than the cap");
    assert_eq!(error.kind(), ErrorKind::LimitExceeded, "{error}");
    assert!(error.to_string().contains("bytes"), "{error}");
    assert!(server.requests().len() <= 6, "{}", server.requests().len());
}

#[tokio::test]
async fn a_stream_fetches_one_page_at_a_time_without_a_cap() {
    // Pages of 100 items; the caps that stop `send()` do not apply to the stream, which holds
    // one page at a time: it asks for page n+1 only once page n is used up.
    let server = endless_pages(100, Duration::ZERO).await;
    let client = Client::builder()
        .base_url(&server.uri)
        .bearer_token(TOKEN)
        .max_collected_items(150)
        .max_collected_bytes(4096)
        .build()
        .expect("client");
    let mut items = client
        .confirm_mg_user_member_group()
        .user_id("alice")
        .group_ids(vec!["g"])
        .send_stream();
    assert!(server.requests().is_empty(), "nothing sent before polling");
    within(Duration::from_secs(20), async {
        for n in 0..2500 {
            let item = items.next().await.expect("endless").expect("item");
            assert_eq!(item, format!("group-{:04}", n % 100));
            // Items 0..=99 come from page 1, 100..=199 from page 2, ...
            assert_eq!(server.requests().len(), n / 100 + 1, "item {n}");
        }
    })
    .await;
    drop(items);
    assert_eq!(server.requests().len(), 25);
    let requests = server.requests();
    assert_eq!(requests[0].method, "POST");
    assert!(
        requests[1..]
            .iter()
            .all(|r| r.method == "GET" && r.target == "/next")
    );
}

#[tokio::test]
async fn a_stream_of_empty_pages_ends() {
    // Each `next()` fetches pages until one has an item: endless empty pages must not keep it
    // waiting forever.
    let server = endless_pages(0, Duration::ZERO).await;
    let client = client(&server, policy(Duration::from_secs(5)));
    let mut items = client
        .confirm_mg_user_member_group()
        .user_id("alice")
        .group_ids(vec!["g"])
        .send_stream();
    let error = within(Duration::from_secs(20), items.next())
        .await
        .expect("an error")
        .expect_err("no items, ever");
    assert_eq!(error.kind(), ErrorKind::LimitExceeded, "{error}");
    assert!(
        error.to_string().contains("in a row had no items"),
        "{error}"
    );
    assert_eq!(server.requests().len(), 100);
}

#[tokio::test]
async fn a_stream_reports_a_bad_parameter_when_polled() {
    let server = endless_pages(1, Duration::ZERO).await;
    let client = client(&server, policy(Duration::from_secs(5)));
    let mut items = client
        .confirm_mg_user_member_group()
        .user_id("..")
        .group_ids(vec!["g"])
        .send_stream();
    let error = items.next().await.expect("an error").expect_err("bad id");
    assert_eq!(error.kind(), ErrorKind::InvalidArgument, "{error}");
    assert!(items.next().await.is_none());
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn token_endpoint_answer_is_capped() {
    // The token endpoint streams without end (chunked, no length given up front).
    let server = Hostile::start(|_, _| Act::Endless {
        head: head(
            200,
            &[
                ("content-type", "application/json"),
                ("transfer-encoding", "chunked"),
            ],
        ),
        chunk: {
            let data = vec![b' '; 64 * 1024];
            let mut chunk = format!("{:x}\r\n", data.len()).into_bytes();
            chunk.extend_from_slice(&data);
            chunk.extend_from_slice(b"\r\n");
            chunk
        },
        max_bytes: 256 * 1024 * 1024,
    })
    .await;
    let client = Client::builder()
        .base_url(&server.uri)
        .authority(&server.uri)
        .client_credentials("contoso", "app", SECRET)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("client");
    let error = within(
        Duration::from_secs(20),
        client
            .revoke_mg_user_sign_in_session()
            .user_id("alice")
            .send(),
    )
    .await
    .expect_err("no token");
    assert_eq!(error.kind(), ErrorKind::Auth, "{error}");
    assert!(error.to_string().contains("larger than"), "{error}");
    assert!(!error.is_retryable(), "{error}");
}

#[tokio::test]
async fn token_endpoint_answer_with_a_huge_length_is_refused_unread() {
    let server = Hostile::start(|_, _| {
        Act::Raw(head(
            200,
            &[
                ("content-type", "application/json"),
                ("content-length", "4000000000"),
            ],
        ))
    })
    .await;
    let client = Client::builder()
        .base_url(&server.uri)
        .authority(&server.uri)
        .client_credentials("contoso", "app", SECRET)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("client");
    let error = within(
        Duration::from_secs(10),
        client
            .revoke_mg_user_sign_in_session()
            .user_id("alice")
            .send(),
    )
    .await
    .expect_err("no token");
    assert_eq!(error.kind(), ErrorKind::Auth, "{error}");
    assert!(error.to_string().contains("larger than"), "{error}");
}

// ---- secrets -----------------------------------------------------------------------------

fn assert_no_secret(what: &str, text: &str) {
    let form: String = url::form_urlencoded::byte_serialize(SECRET.as_bytes()).collect();
    for secret in [TOKEN, SECRET, form.as_str(), "BEARER-TOKEN", "secret+with"] {
        assert!(!text.contains(secret), "{what} shows {secret:?}: {text}");
    }
}

#[tokio::test]
async fn an_echoed_bearer_token_is_redacted() {
    // The server repeats the Authorization header in the message, the body and a header.
    let server = Hostile::start(|_, request| {
        let authorization = request.header_values("authorization").join(", ");
        let body = json!({"error": {"code": "BadRequest", "message": format!("you sent {authorization}")}});
        Act::Raw(response(
            400,
            &[("x-echo", &authorization), ("request-id", &authorization)],
            body.to_string().as_bytes(),
        ))
    })
    .await;
    let client = client(&server, policy(Duration::from_secs(5)));
    let error = within(
        Duration::from_secs(10),
        client
            .revoke_mg_user_sign_in_session()
            .user_id("alice")
            .send(),
    )
    .await
    .expect_err("400");
    assert_no_secret("Display", &error.to_string());
    assert_no_secret("Debug", &format!("{error:?}"));
    assert_no_secret("message", error.message().unwrap_or_default());
    assert_no_secret(
        "raw body",
        &String::from_utf8_lossy(error.raw_body().unwrap_or_default()),
    );
    assert_no_secret("request id", error.request_id().unwrap_or_default());
    assert!(error.to_string().contains("Bearer [REDACTED]"), "{error}");
    let headers = &error.api().expect("api").headers;
    assert_eq!(headers["x-echo"], "Bearer [REDACTED]");
}

#[tokio::test]
async fn an_echoed_token_in_a_2xx_answer_is_redacted() {
    // A 2xx body that cannot be decoded is shown in the error: not with the token in it.
    let server = Hostile::start(|_, request| {
        let authorization = request.header_values("authorization").join(", ");
        Act::Raw(json(200, &json!({"echo": authorization})))
    })
    .await;
    let client = client(&server, policy(Duration::from_secs(5)));
    let error = within(
        Duration::from_secs(10),
        client
            .revoke_mg_user_sign_in_session()
            .user_id("alice")
            .send(),
    )
    .await
    .expect_err("no value property");
    assert_eq!(error.kind(), ErrorKind::UnexpectedResponse, "{error}");
    assert_no_secret("Display", &error.to_string());
    assert_no_secret("Debug", &format!("{error:?}"));
}

#[tokio::test]
async fn an_echoed_client_secret_is_redacted() {
    // The token endpoint quotes the whole form it received in its error description.
    let server = Hostile::start(|_, request| {
        let form = String::from_utf8_lossy(&request.body).into_owned();
        Act::Raw(json(
            400,
            &json!({"error": "invalid_client", "error_description": format!("cannot use {form}")}),
        ))
    })
    .await;
    let client = Client::builder()
        .base_url(&server.uri)
        .authority(&server.uri)
        .client_credentials("contoso", "app", SECRET)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("client");
    let error = within(
        Duration::from_secs(10),
        client
            .revoke_mg_user_sign_in_session()
            .user_id("alice")
            .send(),
    )
    .await
    .expect_err("refused");
    assert_eq!(error.kind(), ErrorKind::Auth, "{error}");
    let shown = error.to_string();
    assert!(shown.contains("client_secret=[REDACTED]"), "{shown}");
    assert_no_secret("Display", &shown);
    assert_no_secret("Debug", &format!("{error:?}"));
}

#[tokio::test]
async fn an_issued_token_echoed_by_graph_is_redacted() {
    // Sign-in works; Graph then quotes the Authorization header with the issued token.
    const ISSUED: &str = "issued-access-token-5566778899";
    let server = Hostile::start(|_, request| {
        if request.target.contains("/oauth2/v2.0/token") {
            return Act::Raw(json(
                200,
                &json!({"access_token": ISSUED, "token_type": "Bearer", "expires_in": 3600}),
            ));
        }
        let authorization = request.header_values("authorization").join(", ");
        Act::Raw(json(
            401,
            &json!({"error": {"code": "InvalidAuthenticationToken", "message": authorization}}),
        ))
    })
    .await;
    let client = Client::builder()
        .base_url(&server.uri)
        .authority(&server.uri)
        .client_credentials("contoso", "app", SECRET)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("client");
    let error = within(
        Duration::from_secs(10),
        client
            .revoke_mg_user_sign_in_session()
            .user_id("alice")
            .send(),
    )
    .await
    .expect_err("401");
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains(ISSUED), "{shown}");
    assert!(shown.contains("Bearer [REDACTED]"), "{shown}");
}

// ---- next links --------------------------------------------------------------------------

#[tokio::test]
async fn a_next_link_with_user_info_is_not_followed() {
    let uri = std::sync::Arc::new(std::sync::OnceLock::<String>::new());
    let name = std::sync::Arc::clone(&uri);
    let server = Hostile::start(move |_, _| {
        let base = name.get().cloned().unwrap_or_default();
        let link = base.replacen("http://", "http://user:pw@", 1) + "/next";
        Act::Raw(json(
            200,
            &json!({"value": ["g1"], "@odata.nextLink": link}),
        ))
    })
    .await;
    uri.set(server.uri.clone()).expect("set once");
    let client = client(&server, policy(Duration::from_secs(5)));
    let error = within(
        Duration::from_secs(10),
        client
            .confirm_mg_user_member_group()
            .user_id("alice")
            .group_ids(vec!["g"])
            .send(),
    )
    .await
    .expect_err("user info in the next link");
    assert_eq!(error.kind(), ErrorKind::UnexpectedResponse, "{error}");
    assert!(error.to_string().contains("user info"), "{error}");
    assert_eq!(server.requests().len(), 1, "the link was not followed");
}

#[test]
fn a_zero_retry_budget_is_refused() {
    // The budget now bounds every request: at zero none could finish.
    let error = Client::builder()
        .bearer_token(TOKEN)
        .retry_policy(RetryPolicy::default().max_elapsed(Duration::ZERO))
        .build()
        .expect_err("zero budget");
    assert_eq!(error.kind(), ErrorKind::InvalidArgument, "{error}");
    assert!(error.to_string().contains("retry time budget"), "{error}");
}
