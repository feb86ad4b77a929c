//! `client.batch(..)`: bulk calls of the generated cmdlets over Graph JSON batching, against a
//! local Graph on 127.0.0.1 that answers each sub-request as the test says. Retry waits are
//! recorded by an injected sleeper that returns at once; only the concurrency test holds its
//! batches, for at most a second, and its outcome does not depend on the machine's speed.

// Two beta cmdlets the mixed-version tests use are deprecated in the spec; they still exist.
#![allow(deprecated)]

mod bulk_support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use bulk_support::*;
use graph_users_actions::{Error, ErrorKind};
use serde_json::{Value, json};
use wiremock::ResponseTemplate;

#[tokio::test]
async fn calls_travel_twenty_per_batch_and_answers_come_back_in_input_order() {
    // Even users are answered true, odd ones false, and the server lists the answers of each
    // batch in reverse: only matching by id puts them back in place.
    let graph = BatchGraph::start(|sub, _| {
        let n: usize = user_of(sub).trim_start_matches("user").parse().unwrap_or(1);
        value(n.is_multiple_of(2))
    })
    .await;
    let waits = Waits::default();
    let client = graph.client(&waits);
    let ids = users(45);
    let results = client
        .batch(
            ids.iter()
                .map(|id| client.revoke_mg_user_sign_in_session().user_id(id)),
        )
        .send()
        .await;

    let answers: Vec<Option<bool>> = results.iter().map(|r| r.as_ref().ok().copied()).collect();
    let expected: Vec<Option<bool>> = (0..45).map(|n: usize| Some(n.is_multiple_of(2))).collect();
    assert_eq!(answers, expected);
    let batches = graph.batches();
    let sizes: Vec<usize> = batches.iter().map(|b| b.requests.len()).collect();
    assert_eq!(sizes, [20, 20, 5]);
    for batch in &batches {
        assert_eq!(batch.path, "/v1.0/$batch");
        assert_eq!(
            batch.headers.get("authorization").map(String::as_str),
            Some("Bearer test-token")
        );
        let mut ids: Vec<&str> = batch
            .requests
            .iter()
            .filter_map(|r| r["id"].as_str())
            .collect();
        let count = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), count, "ids unique within a batch");
        for sub in &batch.requests {
            assert_eq!(sub["method"], "POST");
            assert!(sub.get("body").is_none());
        }
    }
    let urls: Vec<String> = graph
        .sub_requests()
        .iter()
        .map(|r| r["url"].as_str().unwrap_or_default().to_owned())
        .collect();
    let expected: Vec<String> = ids.iter().map(|id| revoke_url(id)).collect();
    assert_eq!(urls, expected);
    assert!(waits.all().is_empty());
}

#[tokio::test]
async fn an_empty_input_sends_nothing_and_answers_an_empty_vector() {
    let graph = BatchGraph::start(|_, _| value(true)).await;
    let client = graph.client(&Waits::default());
    let progress = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&progress);
    let none: Vec<String> = Vec::new();
    let results = client
        .batch(
            none.iter()
                .map(|id| client.revoke_mg_user_sign_in_session().user_id(id)),
        )
        .confirm(|_| panic!("nothing to confirm"))
        .on_progress(move |p| seen.lock().unwrap().push(p))
        .send()
        .await;
    assert!(results.is_empty());
    assert_eq!(graph.request_count().await, 0);
    assert!(progress.lock().unwrap().is_empty());
}

#[tokio::test]
async fn throttled_items_inside_a_200_answer_are_resent_after_the_largest_retry_after() {
    // user1: 429 "1", user2: 503 "2.5", user3: 429 with an HTTP date 4 s after the answer's
    // Date; user4: 504 without Retry-After. The others succeed at once and are never resent.
    let now = SystemTime::now();
    let date = httpdate::fmt_http_date(now);
    let later = httpdate::fmt_http_date(now + Duration::from_secs(4));
    let graph = BatchGraph::start(move |sub, before| {
        if before > 0 {
            return value(true);
        }
        match user_of(sub).as_str() {
            "user1" => throttled(429, Some("1")),
            "user2" => throttled(503, Some("2.5")),
            "user3" => {
                let mut answer = throttled(429, Some(&later));
                answer["headers"]["Date"] = json!(date);
                answer
            }
            "user4" => throttled(504, None),
            _ => value(true),
        }
    })
    .await;
    let waits = Waits::default();
    let client = graph.client(&waits);
    let ids = users(10);
    let results = client
        .batch(
            ids.iter()
                .map(|id| client.revoke_mg_user_sign_in_session().user_id(id)),
        )
        .send()
        .await;

    assert!(results.iter().all(|r| matches!(r, Ok(true))), "{results:?}");
    assert_eq!(
        waits.all(),
        [Duration::from_secs(4)],
        "one pause: the largest"
    );
    for id in &ids {
        let expected = if ["user1", "user2", "user3", "user4"].contains(&id.as_str()) {
            2
        } else {
            1
        };
        assert_eq!(graph.sends(&revoke_url(id)), expected, "{id}");
    }
    let batches = graph.batches();
    assert_eq!(batches.len(), 2);
    assert_eq!(batches[1].requests.len(), 4);
    // A resend keeps the call's client-request-id.
    let first: Vec<&Value> = batches[0]
        .requests
        .iter()
        .filter(|r| user_of(r) == "user1")
        .collect();
    let again: Vec<&Value> = batches[1]
        .requests
        .iter()
        .filter(|r| user_of(r) == "user1")
        .collect();
    assert_eq!(
        first[0]["headers"]["client-request-id"],
        again[0]["headers"]["client-request-id"]
    );
}

#[tokio::test]
async fn throttling_without_retry_after_backs_off_and_gives_up_within_the_attempt_limit() {
    // Alone (nothing else gets through), a call always throttled fails as a single call does.
    let graph = BatchGraph::start(|_, _| throttled(429, None)).await;
    let waits = Waits::default();
    let client = graph.client(&waits);
    let results = client
        .batch(
            users(1)
                .iter()
                .map(|id| client.revoke_mg_user_sign_in_session().user_id(id)),
        )
        .send()
        .await;
    let error = results[0].as_ref().expect_err("user0 never gets through");
    assert_eq!(error.kind(), ErrorKind::Throttled);
    assert_eq!(error.attempts(), Some(5));
    assert_eq!(error.status(), Some(429));
    assert_eq!(error.code(), Some("TooManyRequests"));
    assert_eq!(graph.sends(&revoke_url("user0")), 5);
    // Backoff without jitter: 1 s, 2 s, 4 s, 8 s.
    let secs: Vec<u64> = waits.all().iter().map(Duration::as_secs).collect();
    assert_eq!(secs, [1, 2, 4, 8]);
}

#[tokio::test]
async fn refusals_while_other_calls_get_through_do_not_count_against_the_attempt_limit() {
    // user0 is always throttled; user1 is throttled twice without Retry-After; user2 succeeds.
    // user0's refusals in the first and third answers came while another call got through
    // (the quota is shared, not exhausted for good): they are not counted, and the backoff
    // does not grow for them.
    let graph = BatchGraph::start(|sub, before| match user_of(sub).as_str() {
        "user0" => throttled(429, None),
        "user1" if before < 2 => throttled(503, None),
        _ => value(true),
    })
    .await;
    let waits = Waits::default();
    let client = graph.client(&waits);
    let ids = users(3);
    let results = client
        .batch(
            ids.iter()
                .map(|id| client.revoke_mg_user_sign_in_session().user_id(id)),
        )
        .send()
        .await;

    let error = results[0].as_ref().expect_err("user0 never gets through");
    assert_eq!(error.kind(), ErrorKind::Throttled);
    assert_eq!(error.attempts(), Some(7));
    assert!(error.to_string().contains("not counted"), "{error}");
    assert!(matches!(results[1], Ok(true)) && matches!(results[2], Ok(true)));
    assert_eq!(graph.sends(&revoke_url("user0")), 7);
    assert_eq!(graph.sends(&revoke_url("user1")), 3);
    assert_eq!(graph.sends(&revoke_url("user2")), 1);
    let secs: Vec<u64> = waits.all().iter().map(Duration::as_secs).collect();
    assert_eq!(secs, [1, 1, 1, 2, 4, 8]);
}

#[tokio::test]
async fn a_retry_after_beyond_the_time_budget_fails_at_once_without_resending() {
    let graph = BatchGraph::start(|sub, _| match user_of(sub).as_str() {
        "user0" => throttled(429, Some("600")),
        _ => value(true),
    })
    .await;
    let waits = Waits::default();
    let client = graph.client(&waits);
    let ids = users(2);
    let results = client
        .batch(
            ids.iter()
                .map(|id| client.revoke_mg_user_sign_in_session().user_id(id)),
        )
        .send()
        .await;
    let error = results[0].as_ref().expect_err("throttled past the budget");
    assert_eq!(error.kind(), ErrorKind::Throttled);
    assert_eq!(error.retry_after(), Some(Duration::from_secs(600)));
    assert_eq!(error.attempts(), Some(1));
    assert!(matches!(results[1], Ok(true)));
    assert_eq!(graph.sub_requests().len(), 2);
    assert!(waits.all().is_empty());
}

#[tokio::test]
async fn mixed_outcomes_keep_graph_error_code_message_request_id_and_date() {
    let graph = BatchGraph::start(|sub, _| match user_of(sub).as_str() {
        "gone" => json!({
            "status": 404,
            "headers": {"request-id": "req-404", "Date": "Tue, 01 Dec 2026 10:00:00 GMT"},
            "body": {"error": {"code": "Request_ResourceNotFound",
                               "message": "Resource 'gone' does not exist."}}
        }),
        "denied" => json!({
            "status": 403,
            "body": {"error": {"code": "Authorization_RequestDenied",
                               "message": "Insufficient privileges.",
                               "innerError": {"request-id": "req-403", "date": "2026-12-01T10:00:00"}}}
        }),
        "nocontent" => status(204),
        "no" => value(false),
        "odd" => json!({"status": 200, "body": {"value": "yes"}}),
        _ => value(true),
    })
    .await;
    let client = graph.client(&Waits::default());
    let ids = ["ok", "gone", "denied", "nocontent", "no", "odd"];
    let results = client
        .batch(
            ids.iter()
                .map(|id| client.revoke_mg_user_sign_in_session().user_id(*id)),
        )
        .send()
        .await;

    assert!(matches!(results[0], Ok(true)));
    let gone = results[1].as_ref().expect_err("404");
    assert_eq!(gone.kind(), ErrorKind::Api);
    assert_eq!(gone.status(), Some(404));
    assert_eq!(gone.code(), Some("Request_ResourceNotFound"));
    assert_eq!(gone.message(), Some("Resource 'gone' does not exist."));
    assert_eq!(gone.request_id(), Some("req-404"));
    assert_eq!(gone.date(), Some("Tue, 01 Dec 2026 10:00:00 GMT"));
    assert_eq!(gone.cmdlet(), Some("Revoke-MgUserSignInSession"));
    let denied = results[2].as_ref().expect_err("403");
    assert_eq!(denied.request_id(), Some("req-403"));
    assert_eq!(denied.date(), Some("2026-12-01T10:00:00"));
    assert!(
        denied.to_string().contains("User.RevokeSessions.All"),
        "{denied}"
    );
    // The error names the sub-request's own client-request-id.
    let sent_id = graph
        .sub_requests()
        .iter()
        .find(|r| user_of(r) == "denied")
        .and_then(|r| {
            r["headers"]["client-request-id"]
                .as_str()
                .map(str::to_owned)
        });
    assert_eq!(denied.client_request_id(), sent_id.as_deref());
    assert!(matches!(results[3], Ok(true)), "204 counts as true");
    assert!(matches!(results[4], Ok(false)));
    let odd = results[5].as_ref().expect_err("not a boolean");
    assert_eq!(odd.kind(), ErrorKind::UnexpectedResponse);
    assert_eq!(graph.sub_requests().len(), 6, "errors are not resent");
}

#[tokio::test]
async fn a_whole_batch_429_is_retried_as_a_whole_after_its_retry_after() {
    let graph = BatchGraph::with_whole(
        |_, _| value(true),
        |n| (n == 0).then(|| ResponseTemplate::new(429).insert_header("Retry-After", "3")),
    )
    .await;
    let waits = Waits::default();
    let client = graph.client(&waits);
    let ids = users(25);
    let results = client
        .batch(
            ids.iter()
                .map(|id| client.revoke_mg_user_sign_in_session().user_id(id)),
        )
        .concurrency(1)
        .send()
        .await;
    assert!(results.iter().all(|r| matches!(r, Ok(true))));
    assert_eq!(waits.all(), [Duration::from_secs(3)]);
    let sizes: Vec<usize> = graph.batches().iter().map(|b| b.requests.len()).collect();
    assert_eq!(sizes, [20, 20, 5], "the refused batch went again, whole");
}

#[tokio::test]
async fn a_whole_batch_5xx_resends_safe_calls_but_never_unsafe_ones() {
    let graph = BatchGraph::with_whole(
        |_, _| status(204),
        |n| (n == 0).then(|| ResponseTemplate::new(500)),
    )
    .await;
    let waits = Waits::default();
    let client = graph.client(&waits);
    // Update-MgUserPassword is not safe to repeat: after a 500 its outcome is unknown.
    let results = client
        .batch(["a", "b"].iter().map(|id| {
            client
                .update_mg_user_password()
                .user_id(*id)
                .current_password("old")
                .new_password("new")
        }))
        .send()
        .await;
    assert_eq!(
        kinds(&results),
        [Some(ErrorKind::Api), Some(ErrorKind::Api)]
    );
    assert_eq!(results[0].as_ref().err().and_then(Error::status), Some(500));
    assert_eq!(graph.batches().len(), 1, "sent exactly once");
    let body = &graph.sub_requests()[0]["body"];
    assert_eq!(
        body,
        &json!({"currentPassword": "old", "newPassword": "new"})
    );
    assert_eq!(
        graph.sub_requests()[0]["headers"]["content-type"],
        "application/json"
    );

    // The same answer to a safe call: sent again, and answered.
    let graph = BatchGraph::with_whole(
        |_, _| value(true),
        |n| (n == 0).then(|| ResponseTemplate::new(502)),
    )
    .await;
    let waits = Waits::default();
    let client = graph.client(&waits);
    let results = client
        .batch(
            ["a", "b"]
                .iter()
                .map(|id| client.revoke_mg_user_sign_in_session().user_id(*id)),
        )
        .send()
        .await;
    assert!(results.iter().all(|r| matches!(r, Ok(true))));
    assert_eq!(graph.batches().len(), 2);
    assert_eq!(waits.all(), [Duration::from_secs(1)]);
}

#[tokio::test]
async fn a_504_inside_the_answer_resends_a_safe_call_but_not_an_unsafe_one() {
    let graph = BatchGraph::start(|_, before| {
        if before == 0 {
            throttled(504, Some("1"))
        } else {
            status(204)
        }
    })
    .await;
    let client = graph.client(&Waits::default());
    let results = client
        .batch(std::iter::once(
            client
                .update_mg_user_password()
                .user_id("a")
                .current_password("old")
                .new_password("new"),
        ))
        .send()
        .await;
    let error = results[0].as_ref().expect_err("outcome unknown");
    assert_eq!(error.kind(), ErrorKind::Throttled);
    assert_eq!(error.status(), Some(504));
    assert!(error.to_string().contains("not safe to repeat"), "{error}");
    assert_eq!(graph.sub_requests().len(), 1);

    let results = client
        .batch(std::iter::once(
            client.revoke_mg_user_sign_in_session().user_id("b"),
        ))
        .send()
        .await;
    assert!(matches!(results[0], Ok(true)));
    assert_eq!(graph.sends(&revoke_url("b")), 2);
}

/// A server that reads each request and closes the connection without answering.
async fn dropping_server() -> (String, Arc<Mutex<usize>>) {
    use tokio::io::AsyncReadExt;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    let count = Arc::new(Mutex::new(0));
    let seen = Arc::clone(&count);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let seen = Arc::clone(&seen);
            tokio::spawn(async move {
                let mut buffer = vec![0u8; 65536];
                let mut read = Vec::new();
                while let Ok(n) = socket.read(&mut buffer).await {
                    if n == 0 {
                        break;
                    }
                    read.extend_from_slice(&buffer[..n]);
                    if read.windows(4).any(|w| w == b"\r\n\r\n") && read.ends_with(b"}") {
                        *seen.lock().unwrap() += 1;
                        break;
                    }
                }
            });
        }
    });
    (format!("http://{address}"), count)
}

#[tokio::test]
async fn a_batch_lost_in_transport_resends_safe_calls_and_never_unsafe_ones() {
    let (uri, count) = dropping_server().await;
    let waits = Waits::default();
    let client = graph_users_actions::Client::builder()
        .base_url(&uri)
        .bearer_token("test-token")
        .retry_policy(waits.policy())
        .build()
        .expect("client");
    let results = client
        .batch(std::iter::once(
            client
                .update_mg_user_password()
                .user_id("a")
                .current_password("old")
                .new_password("new"),
        ))
        .send()
        .await;
    let error = results[0].as_ref().expect_err("lost");
    assert_eq!(error.kind(), ErrorKind::Transport);
    assert_eq!(error.attempts(), Some(1));
    assert_eq!(
        *count.lock().unwrap(),
        1,
        "an unsafe call reaches the server once"
    );

    *count.lock().unwrap() = 0;
    let results = client
        .batch(
            ["a", "b"]
                .iter()
                .map(|id| client.revoke_mg_user_sign_in_session().user_id(*id)),
        )
        .send()
        .await;
    assert_eq!(
        kinds(&results),
        [Some(ErrorKind::Transport), Some(ErrorKind::Transport)]
    );
    assert_eq!(results[1].as_ref().err().and_then(Error::attempts), Some(5));
    assert!(results[0].as_ref().err().is_some_and(Error::is_retryable));
    assert_eq!(
        *count.lock().unwrap(),
        5,
        "a safe call is tried up to the attempt limit"
    );
}

#[tokio::test]
async fn identical_calls_of_a_safe_operation_are_sent_once_and_answered_everywhere() {
    let graph = BatchGraph::start(|_, _| value(true)).await;
    let client = graph.client(&Waits::default());
    // "dup" comes back 60 positions later, read only after its first answer is known.
    let mut ids: Vec<String> = vec!["dup".into(), "x".into(), "dup".into()];
    ids.extend(users(60));
    ids.push("dup".into());
    ids.push("x".into());
    let results = client
        .batch(
            ids.iter()
                .map(|id| client.revoke_mg_user_sign_in_session().user_id(id)),
        )
        .concurrency(1)
        .send()
        .await;
    assert_eq!(results.len(), ids.len());
    assert!(results.iter().all(|r| matches!(r, Ok(true))));
    assert_eq!(graph.sends(&revoke_url("dup")), 1);
    assert_eq!(graph.sends(&revoke_url("x")), 1);
    assert_eq!(graph.sub_requests().len(), 62);

    // Errors are answered everywhere too; unsafe calls are each sent (each is an intent).
    let graph = BatchGraph::start(|_, _| {
        json!({"status": 404, "body": {"error": {"code": "Request_ResourceNotFound", "message": "no"}}})
    })
    .await;
    let client = graph.client(&Waits::default());
    let results = client
        .batch(
            ["a", "a"]
                .iter()
                .map(|id| client.revoke_mg_user_sign_in_session().user_id(*id)),
        )
        .send()
        .await;
    assert_eq!(
        kinds(&results),
        [Some(ErrorKind::Api), Some(ErrorKind::Api)]
    );
    assert_eq!(
        results[1].as_ref().err().and_then(Error::code),
        Some("Request_ResourceNotFound")
    );
    assert_eq!(graph.sub_requests().len(), 1);
    let results = client
        .batch(["a", "a"].iter().map(|id| {
            client
                .update_mg_user_password()
                .user_id(*id)
                .current_password("o")
                .new_password("n")
        }))
        .send()
        .await;
    assert_eq!(results.len(), 2);
    assert_eq!(graph.sends("/users/a/microsoft.graph.changePassword"), 2);
}

#[tokio::test]
async fn malformed_batch_answers_are_unexpected_responses_for_the_items_concerned() {
    // Not JSON at all: every item of the batch.
    let graph = BatchGraph::with_whole(
        |_, _| value(true),
        |_| Some(ResponseTemplate::new(200).set_body_string("<html>gateway</html>")),
    )
    .await;
    let client = graph.client(&Waits::default());
    let results = client
        .batch(
            ["a", "b"]
                .iter()
                .map(|id| client.revoke_mg_user_sign_in_session().user_id(*id)),
        )
        .send()
        .await;
    assert_eq!(
        kinds(&results),
        [
            Some(ErrorKind::UnexpectedResponse),
            Some(ErrorKind::UnexpectedResponse)
        ]
    );
    let error = results[0].as_ref().expect_err("unexpected");
    assert_eq!(error.raw_body(), Some(&b"<html>gateway</html>"[..]));
    assert_eq!(graph.batches().len(), 1, "never resent");

    // JSON, but not a batch answer.
    let graph = BatchGraph::with_whole(
        |_, _| value(true),
        |_| Some(ResponseTemplate::new(200).set_body_json(json!({"value": true}))),
    )
    .await;
    let client = graph.client(&Waits::default());
    let results = client
        .batch(std::iter::once(
            client.revoke_mg_user_sign_in_session().user_id("a"),
        ))
        .send()
        .await;
    assert_eq!(kinds(&results), [Some(ErrorKind::UnexpectedResponse)]);

    // Per item: a missing answer, an answer twice, an unknown id, a status that is no status.
    let graph = BatchGraph::with_whole(
        |_, _| value(true),
        |_| {
            Some(
                ResponseTemplate::new(200).set_body_json(json!({"responses": [
                    {"id": "1", "status": 200, "body": {"value": true}},
                    {"id": "3", "status": 200, "body": {"value": true}},
                    {"id": "3", "status": 200, "body": {"value": true}},
                    {"id": "4", "status": "OK"},
                    {"id": "999", "status": 200, "body": {"value": true}},
                    {"id": {"nested": 1}, "status": 200},
                    "garbage",
                ]})),
            )
        },
    )
    .await;
    let client = graph.client(&Waits::default());
    let results = client
        .batch(
            ["a", "b", "c", "d"]
                .iter()
                .map(|id| client.revoke_mg_user_sign_in_session().user_id(*id)),
        )
        .send()
        .await;
    assert_eq!(
        kinds(&results),
        [
            None,
            Some(ErrorKind::UnexpectedResponse),
            Some(ErrorKind::UnexpectedResponse),
            Some(ErrorKind::UnexpectedResponse)
        ]
    );
    assert!(matches!(results[0], Ok(true)));
    let missing = results[1]
        .as_ref()
        .err()
        .map(ToString::to_string)
        .unwrap_or_default();
    assert!(
        missing.contains("no response for this request"),
        "{missing}"
    );
    assert_eq!(graph.batches().len(), 1);
}

#[tokio::test]
async fn hostile_ids_stay_one_segment_inside_the_batch() {
    let graph = BatchGraph::start(|_, _| value(true)).await;
    let client = graph.client(&Waits::default());
    let ids = [
        "../../me",
        "a/b?c=d#e",
        "%2E%2E",
        "bob_contoso.com#EXT#@fabrikam.onmicrosoft.com",
        "müller",
        ".",
        "..",
        "",
    ];
    let results = client
        .batch(
            ids.iter()
                .map(|id| client.revoke_mg_user_sign_in_session().user_id(*id)),
        )
        .send()
        .await;
    assert_eq!(
        kinds(&results),
        [
            None,
            None,
            None,
            None,
            None,
            Some(ErrorKind::InvalidArgument),
            Some(ErrorKind::InvalidArgument),
            Some(ErrorKind::InvalidArgument)
        ]
    );
    let urls: Vec<String> = graph
        .sub_requests()
        .iter()
        .map(|r| r["url"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        urls,
        [
            revoke_url("..%2F..%2Fme"),
            revoke_url("a%2Fb%3Fc%3Dd%23e"),
            revoke_url("%252E%252E"),
            revoke_url("bob_contoso.com%23EXT%23%40fabrikam.onmicrosoft.com"),
            revoke_url("m%C3%BCller"),
        ]
    );
}
