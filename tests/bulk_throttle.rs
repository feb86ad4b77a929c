//! A bulk run against a local Graph that enforces a token bucket, in real time: several batches
//! in flight drain the bucket for each other, and every call must still get through exactly
//! once. The bucket is small and fast, so a run takes about two seconds; the outcome does not
//! depend on the machine's speed (a slower machine only gets fewer refusals).

mod bulk_support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bulk_support::bucket::{Bucket, Throttling};
use bulk_support::users;
use graph_users_actions::{Client, ErrorKind, RetryPolicy};
use wiremock::{Mock, MockServer};

async fn bucket_graph(bucket: Bucket) -> (MockServer, Arc<Mutex<Bucket>>) {
    let bucket = Arc::new(Mutex::new(bucket));
    let server = MockServer::builder()
        .disable_request_recording()
        .start()
        .await;
    Mock::given(wiremock::matchers::method("POST"))
        .and(wiremock::matchers::path("/v1.0/$batch"))
        .respond_with(Throttling(Arc::clone(&bucket)))
        .mount(&server)
        .await;
    bucket.lock().unwrap().restart();
    (server, bucket)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn under_a_shared_quota_every_call_succeeds_exactly_once() {
    // 400 calls against 200 per second (starting empty), 4 batches of 20 in flight: most
    // batches are partly refused, and some calls again and again while others get through.
    let (server, bucket) = bucket_graph(Bucket::new(200.0, 40.0, 0.0)).await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_token("test-token")
        .build()
        .expect("client");
    let ids = users(400);
    let results = client
        .batch(
            ids.iter()
                .map(|id| client.revoke_mg_user_sign_in_session().user_id(id)),
        )
        .concurrency(4)
        .send()
        .await;

    let failed: Vec<_> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(failed.is_empty(), "{failed:?}");
    let bucket = bucket.lock().unwrap();
    assert!(bucket.refused > 0, "the run was never throttled");
    for id in &ids {
        assert_eq!(bucket.successes.get(id), Some(&1), "{id}");
    }
    assert_eq!(bucket.successes.len(), ids.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_refused_forever_while_others_get_through_ends_at_its_time_budget() {
    // Refusals while other calls succeed do not use up the attempt limit, so the doomed call
    // goes on past five sends; its time budget (2 s) ends it while the others, held back by
    // the bucket to at least 3 s, are still going.
    let (server, bucket) = bucket_graph(Bucket::new(200.0, 40.0, 40.0).doom("doomed")).await;
    let budget = Duration::from_secs(2);
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_token("test-token")
        .retry_policy(RetryPolicy::default().max_elapsed(budget))
        .build()
        .expect("client");
    let mut ids = vec!["doomed".to_owned()];
    ids.extend(users(640));
    let started = Instant::now();
    let first_failure: Arc<Mutex<Option<(Duration, usize)>>> = Arc::default();
    let seen = Arc::clone(&first_failure);
    let results = client
        .batch(
            ids.iter()
                .map(|id| client.revoke_mg_user_sign_in_session().user_id(id)),
        )
        .concurrency(4)
        .on_progress(move |p| {
            let mut seen = seen.lock().unwrap();
            if p.failed > 0 && seen.is_none() {
                *seen = Some((started.elapsed(), p.done));
            }
        })
        .send()
        .await;

    let error = results[0].as_ref().expect_err("the doomed call fails");
    assert_eq!(error.kind(), ErrorKind::Throttled);
    assert_eq!(error.status(), Some(429));
    assert!(error.attempts().is_some_and(|a| a > 5), "{error}");
    assert!(error.to_string().contains("time budget"), "{error}");
    let (when, done) = first_failure
        .lock()
        .unwrap()
        .expect("a failure was reported");
    assert!(when < budget + Duration::from_secs(2), "{when:?}");
    assert!(done < ids.len(), "the others were still going");
    let bucket = bucket.lock().unwrap();
    for (id, result) in ids.iter().zip(&results).skip(1) {
        assert!(matches!(result, Ok(true)), "{id}: {result:?}");
        assert_eq!(bucket.successes.get(id), Some(&1), "{id}");
    }
}
