//! `client.batch(..)` options and mixes: WhatIf, Confirm, headers, progress, versions,
//! `-PassThru`, sign-in again, several cmdlets in one run, concurrency. Against a local Graph on
//! 127.0.0.1; retry waits are recorded by an injected sleeper, and only the concurrency test holds
//! its batches, for at most a second.

// Two beta cmdlets the mixed-version tests use are deprecated in the spec; they still exist.
#![allow(deprecated)]

mod bulk_support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use bulk_support::*;
use graph_users_actions::{BatchItem, Error, ErrorKind, Progress};
use serde_json::json;
use wiremock::ResponseTemplate;

#[tokio::test]
async fn what_if_previews_every_call_and_sends_nothing() {
    let graph = BatchGraph::start(|_, _| value(true)).await;
    let client = graph.client(&Waits::default());
    let previews = client
        .batch(
            ["a", ".."]
                .iter()
                .map(|id| client.revoke_mg_user_sign_in_session().user_id(*id)),
        )
        .what_if();
    assert_eq!(previews.len(), 2);
    let first = previews[0].as_ref().expect("a preview");
    assert_eq!(first.cmdlet(), "Revoke-MgUserSignInSession");
    assert_eq!(first.method(), "POST");
    assert_eq!(
        first.url(),
        format!("{}/v1.0{}", graph.server.uri(), revoke_url("a"))
    );
    assert_eq!(
        previews[1].as_ref().err().map(Error::kind),
        Some(ErrorKind::InvalidArgument)
    );
    assert_eq!(graph.request_count().await, 0);
}

#[tokio::test]
async fn confirm_is_asked_once_with_the_count_and_the_first_targets() {
    let graph = BatchGraph::start(|_, _| value(true)).await;
    let client = graph.client(&Waits::default());
    let ids = users(30);
    let asked = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&asked);
    let results = client
        .batch(
            ids.iter()
                .map(|id| client.revoke_mg_user_sign_in_session().user_id(id)),
        )
        .confirm(move |preview| {
            record.lock().unwrap().push(preview.to_string());
            assert_eq!(preview.count(), Some(30));
            let urls: Vec<&str> = preview.first().iter().map(|p| p.url()).collect();
            assert_eq!(urls.len(), 5);
            assert!(
                urls[0].ends_with(&revoke_url("user0")) && urls[4].ends_with(&revoke_url("user4"))
            );
            false
        })
        .send()
        .await;
    assert_eq!(results.len(), 30);
    assert!(
        kinds(&results)
            .iter()
            .all(|k| *k == Some(ErrorKind::ConfirmationDeclined))
    );
    assert_eq!(graph.request_count().await, 0);
    let asked = asked.lock().unwrap().clone();
    assert_eq!(asked.len(), 1);
    assert!(
        asked[0].contains("on 30 targets") && asked[0].contains("and 25 more"),
        "{}",
        asked[0]
    );

    let calls = Arc::new(Mutex::new(0));
    let count = Arc::clone(&calls);
    let results = client
        .batch(
            ids.iter()
                .map(|id| client.revoke_mg_user_sign_in_session().user_id(id)),
        )
        .confirm(move |_| {
            *count.lock().unwrap() += 1;
            true
        })
        .send()
        .await;
    assert!(results.iter().all(|r| matches!(r, Ok(true))));
    assert_eq!(*calls.lock().unwrap(), 1);
    assert_eq!(graph.sub_requests().len(), 30);
}

#[tokio::test]
async fn headers_reach_every_sub_request_and_bad_ones_fail_before_sending() {
    let graph = BatchGraph::start(|_, _| value(true)).await;
    let client = graph.client(&Waits::default());
    let results = client
        .batch(["a", "b", "c"].iter().map(|id| {
            let call = client.revoke_mg_user_sign_in_session().user_id(*id);
            match *id {
                "b" => call
                    .header("x-item", "only-b")
                    .header("client-request-id", "mine"),
                "c" => call.header("Authorization", "Bearer stolen"),
                _ => call,
            }
        }))
        .header("x-incident", "INC-42")
        .send()
        .await;
    assert_eq!(
        kinds(&results),
        [None, None, Some(ErrorKind::InvalidArgument)]
    );
    let subs = graph.sub_requests();
    assert_eq!(subs.len(), 2);
    for sub in &subs {
        assert_eq!(sub["headers"]["x-incident"], "INC-42");
    }
    assert_eq!(subs[1]["headers"]["x-item"], "only-b");
    assert_eq!(subs[1]["headers"]["client-request-id"], "mine");
    assert!(subs[0]["headers"].get("x-item").is_none());
    let generated = subs[0]["headers"]["client-request-id"]
        .as_str()
        .unwrap_or_default();
    assert_eq!(generated.len(), 36, "a UUID of our own: {generated}");
    assert!(
        !serde_json::to_string(&subs)
            .unwrap_or_default()
            .contains("stolen")
    );
}

#[tokio::test]
async fn progress_reports_done_failed_and_total() {
    let graph = BatchGraph::start(|sub, _| {
        if user_of(sub) == "user3" {
            json!({"status": 404, "body": {"error": {"code": "Request_ResourceNotFound", "message": "no"}}})
        } else {
            value(true)
        }
    })
    .await;
    let client = graph.client(&Waits::default());
    let ids = users(50);
    let seen: Arc<Mutex<Vec<Progress>>> = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    let results = client
        .batch(
            ids.iter()
                .map(|id| client.revoke_mg_user_sign_in_session().user_id(id)),
        )
        .concurrency(1)
        .on_progress(move |p| record.lock().unwrap().push(p))
        .send()
        .await;
    assert_eq!(results.len(), 50);
    let seen = seen.lock().unwrap().clone();
    let done: Vec<usize> = seen.iter().map(|p| p.done).collect();
    assert_eq!(done, [20, 40, 50]);
    assert!(seen.iter().all(|p| p.total == Some(50)));
    assert_eq!(seen.last().map(|p| p.failed), Some(1));

    // An input of unknown length reports its total once it is read to the end.
    let seen: Arc<Mutex<Vec<Progress>>> = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    client
        .batch(
            ids.iter()
                .filter(|id| id.ends_with('1'))
                .map(|id| client.revoke_mg_user_sign_in_session().user_id(id)),
        )
        .on_progress(move |p| record.lock().unwrap().push(p))
        .send()
        .await;
    let last = seen.lock().unwrap().last().copied();
    assert_eq!(
        last,
        Some(Progress {
            done: 5,
            failed: 0,
            total: Some(5)
        })
    );
}

/// One item type over both versions, as a caller mixing cmdlets would write it.
enum Either<'c> {
    V1(graph_users_actions::v1_0::RevokeMgUserSignInSession<'c, graph_users_actions::set::Path>),
    Beta(
        graph_users_actions::beta::RevokeMgBetaUserSignInSession<
            'c,
            graph_users_actions::set::Path,
        >,
    ),
}

impl BatchItem for Either<'_> {
    type Output = bool;

    fn prepare(self) -> Result<mg_runtime::support::Prepared<bool>, Error> {
        match self {
            Either::V1(call) => call.prepare(),
            Either::Beta(call) => call.prepare(),
        }
    }
}

#[tokio::test]
async fn beta_and_v1_calls_travel_in_batches_of_their_own() {
    let graph = BatchGraph::start(|_, _| value(true)).await;
    let client = graph.client(&Waits::default());
    let calls = (0..30).map(|n| {
        let id = format!("user{n}");
        if n % 3 == 0 {
            Either::Beta(client.revoke_mg_beta_user_sign_in_session().user_id(id))
        } else {
            Either::V1(client.revoke_mg_user_sign_in_session().user_id(id))
        }
    });
    let results = client.batch(calls).send().await;
    assert!(results.iter().all(|r| matches!(r, Ok(true))));
    let batches = graph.batches();
    let mut seen: Vec<(String, usize)> = batches
        .iter()
        .map(|b| (b.path.clone(), b.requests.len()))
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        [
            ("/beta/$batch".to_owned(), 10),
            ("/v1.0/$batch".to_owned(), 20)
        ]
    );
}

#[tokio::test]
async fn no_content_cmdlets_answer_like_send_with_and_without_pass_thru() {
    let graph = BatchGraph::start(|_, _| status(204)).await;
    let client = graph.client(&Waits::default());
    // Repeats are answered from each other only when they agree on -PassThru.
    let calls = [("a", true), ("b", false), ("a", false), ("a", true)];
    let results = client
        .batch(calls.iter().map(|(id, pass_thru)| {
            let call = client
                .remove_mg_all_user_device_from_management()
                .user_id(*id);
            if *pass_thru { call.pass_thru() } else { call }
        }))
        .send()
        .await;
    let answers: Vec<Option<Option<bool>>> =
        results.iter().map(|r| r.as_ref().ok().copied()).collect();
    assert_eq!(
        answers,
        [Some(Some(true)), Some(None), Some(None), Some(Some(true))]
    );
    assert_eq!(graph.sub_requests().len(), 3);
}

/// Hands out `token-1`, `token-2`, … and drops the current one when Graph refuses it.
#[derive(Default)]
struct Rotating(Mutex<u32>);

impl graph_users_actions::TokenProvider for Rotating {
    fn token(&self) -> graph_users_actions::TokenFuture<'_> {
        let n = self.0.lock().map(|n| *n + 1).unwrap_or(0);
        Box::pin(async move { Ok(graph_users_actions::AccessToken::new(format!("token-{n}"))) })
    }

    fn invalidate(&self, _: &graph_users_actions::AccessToken) -> bool {
        if let Ok(mut n) = self.0.lock() {
            *n += 1;
        }
        true
    }
}

#[tokio::test]
async fn a_refused_token_is_replaced_once_and_the_batch_repeated() {
    let graph = BatchGraph::with_whole(
        |_, _| value(true),
        |n| (n == 0).then(|| ResponseTemplate::new(401)),
    )
    .await;
    let waits = Waits::default();
    let client = graph_users_actions::Client::builder()
        .base_url(graph.server.uri())
        .token_provider(Rotating::default())
        .retry_policy(waits.policy())
        .build()
        .expect("client");
    let results = client
        .batch(
            ["a", "b"]
                .iter()
                .map(|id| client.revoke_mg_user_sign_in_session().user_id(*id)),
        )
        .send()
        .await;
    assert!(results.iter().all(|r| matches!(r, Ok(true))), "{results:?}");
    let tokens: Vec<String> = graph
        .batches()
        .iter()
        .map(|b| b.headers.get("authorization").cloned().unwrap_or_default())
        .collect();
    assert_eq!(tokens, ["Bearer token-1", "Bearer token-2"]);
    assert!(waits.all().is_empty());

    // Refused again: no third try.
    let graph =
        BatchGraph::with_whole(|_, _| value(true), |_| Some(ResponseTemplate::new(401))).await;
    let client = graph_users_actions::Client::builder()
        .base_url(graph.server.uri())
        .token_provider(Rotating::default())
        .retry_policy(waits.policy())
        .build()
        .expect("client");
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
        [Some(ErrorKind::Api), Some(ErrorKind::Api)]
    );
    assert_eq!(results[0].as_ref().err().and_then(Error::status), Some(401));
    assert_eq!(graph.batches().len(), 2);
}

#[tokio::test]
async fn several_cmdlets_share_one_run_through_their_prepared_calls() {
    // The incident response in one run: revoke sessions (v1.0) and invalidate refresh tokens
    // (beta) for every user; a refused parameter answers in its own place.
    let graph = BatchGraph::start(|_, _| value(true)).await;
    let client = graph.client(&Waits::default());
    let ids = ["alice", "", "bob"];
    let calls = ids.iter().flat_map(|id| {
        [
            client
                .revoke_mg_user_sign_in_session()
                .user_id(*id)
                .prepare(),
            client
                .invoke_mg_beta_invalidate_all_user_refresh_token()
                .user_id(*id)
                .prepare(),
        ]
    });
    let results = client.batch(calls).send().await;
    assert_eq!(
        kinds(&results),
        [
            None,
            None,
            Some(ErrorKind::InvalidArgument),
            Some(ErrorKind::InvalidArgument),
            None,
            None
        ]
    );
    let mut seen: Vec<(String, String)> = graph
        .batches()
        .iter()
        .flat_map(|b| {
            b.requests
                .iter()
                .map(|r| {
                    (
                        b.path.clone(),
                        r["url"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        [
            (
                "/beta/$batch".to_owned(),
                "/users/alice/microsoft.graph.invalidateAllRefreshTokens".to_owned()
            ),
            (
                "/beta/$batch".to_owned(),
                "/users/bob/microsoft.graph.invalidateAllRefreshTokens".to_owned()
            ),
            ("/v1.0/$batch".to_owned(), revoke_url("alice")),
            ("/v1.0/$batch".to_owned(), revoke_url("bob")),
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrency_keeps_that_many_batches_in_flight_and_no_more() {
    // The server holds the first batches until four are open at once, or a second has passed:
    // with three allowed in flight, three are open together and a fourth never joins them.
    let (uri, most) = barrier_graph(4, Duration::from_secs(1)).await;
    let client = graph_users_actions::Client::builder()
        .base_url(&uri)
        .bearer_token("test-token")
        .build()
        .expect("client");
    let ids = users(80);
    let results = client
        .batch(
            ids.iter()
                .map(|id| client.revoke_mg_user_sign_in_session().user_id(id)),
        )
        .concurrency(3)
        .send()
        .await;
    assert!(results.iter().all(|r| matches!(r, Ok(true))));
    assert_eq!(*most.lock().unwrap(), 3);
}
