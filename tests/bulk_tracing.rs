//! A bulk run is traced with a span per batch and one per retry round, and the token stays out
//! of the output. Alone in its binary: tracing caches per-callsite interest process-wide.

mod bulk_support;
mod trace_capture;

use bulk_support::*;

#[tokio::test]
async fn each_batch_and_each_retry_round_has_its_span() {
    let (captured, _guard) = trace_capture::capture_traces();
    let graph = BatchGraph::start(|sub, before| {
        if user_of(sub) == "user1" && before == 0 {
            throttled(429, Some("2"))
        } else {
            value(true)
        }
    })
    .await;
    let client = graph.client(&Waits::default());
    let ids = users(3);
    let results = client
        .batch(
            ids.iter()
                .map(|id| client.revoke_mg_user_sign_in_session().user_id(id)),
        )
        .send()
        .await;
    assert!(results.iter().all(|r| matches!(r, Ok(true))));

    let text = captured.text();
    assert!(
        text.contains("graph_batch{batch=1 api_version=\"v1.0\" requests=3 round=1"),
        "{text}"
    );
    assert!(
        text.contains("graph_batch{batch=2 api_version=\"v1.0\" requests=1 round=2"),
        "{text}"
    );
    assert!(
        text.contains("graph_batch_retry_round{round=1 requests=1 wait_ms=2000}"),
        "{text}"
    );
    assert!(!text.contains("test-token"), "{text}");
}
