//! Shared helpers for the runtime tests: a client pointed at a local mock server, the generated
//! `Revoke-MgUserSignInSession` as the call most tests make, a fast retry policy, and a clock
//! tests can move.
#![allow(dead_code)]

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use graph_users_actions::{Client, ClientBuilder, Clock, Error, RetryPolicy};
use wiremock::MockServer;

/// The path Graph should see for `user`, already encoded.
pub fn revoke_path(encoded_user: &str) -> String {
    format!("/v1.0/users/{encoded_user}/microsoft.graph.revokeSignInSessions")
}

pub fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Retries with short backoff whose waits return at once: no test waits on the wall clock
/// between attempts (tests that check the waits record them with [`RecordedWaits`]).
pub fn fast_retry() -> RetryPolicy {
    RetryPolicy::default()
        .initial_backoff(ms(10))
        .max_backoff(ms(40))
        .sleep_with(|_| async {})
}

/// How long a deliberately slow test server takes to answer: far beyond every timeout the
/// tests set, so "gave up before the server answered" holds however loaded the machine is.
pub const SLOW_ANSWER: Duration = Duration::from_secs(20);

/// The bound for "ended well before the slow server answered".
pub const WELL_BEFORE_THE_ANSWER: Duration = Duration::from_secs(10);

/// A builder aimed at `server` with a static token and fast retries.
pub fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .base_url(server.uri())
        .bearer_token("test-token")
        .retry_policy(fast_retry())
}

/// A client with a static token and fast retries aimed at `uri` (for servers that are not
/// wiremock, such as the connection-dropping one).
pub fn client_at(uri: &str) -> Client {
    Client::builder()
        .base_url(uri)
        .bearer_token("test-token")
        .retry_policy(fast_retry())
        .build()
        .expect("test client builds")
}

/// A mock Graph answering every POST with `answer`.
pub async fn answering_post(answer: wiremock::ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::method("POST"))
        .respond_with(answer)
        .mount(&server)
        .await;
    server
}

pub fn client(server: &MockServer) -> Client {
    builder(server).build().expect("test client builds")
}

/// `Revoke-MgUserSignInSession -UserId user`, through the generated cmdlet.
pub async fn revoke(client: &Client, user: &str) -> Result<bool, Error> {
    client
        .revoke_mg_user_sign_in_session()
        .user_id(user)
        .send()
        .await
}

pub async fn request_count(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .map(|r| r.len())
        .unwrap_or(0)
}

/// Records the waits the retry loop asks for, and returns at once.
#[derive(Clone, Default)]
pub struct RecordedWaits(pub Arc<Mutex<Vec<Duration>>>);

impl RecordedWaits {
    pub fn policy(&self, base: RetryPolicy) -> RetryPolicy {
        let waits = Arc::clone(&self.0);
        base.sleep_with(move |wait| {
            if let Ok(mut list) = waits.lock() {
                list.push(wait);
            }
            async {}
        })
    }

    pub fn waits(&self) -> Vec<Duration> {
        self.0.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

/// A clock that only moves when told to.
#[derive(Clone)]
pub struct ManualClock {
    start: Instant,
    offset_ms: Arc<AtomicU64>,
}

impl ManualClock {
    pub fn new() -> Self {
        ManualClock {
            start: Instant::now(),
            offset_ms: Arc::new(AtomicU64::new(0)),
        }
    }

    pub fn advance(&self, by: Duration) {
        self.offset_ms
            .fetch_add(by.as_millis() as u64, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        self.start + Duration::from_millis(self.offset_ms.load(Ordering::SeqCst))
    }
}

/// `{"value": true}` as Graph answers the boolean actions.
pub fn value_true() -> wiremock::ResponseTemplate {
    wiremock::ResponseTemplate::new(200).set_body_json(serde_json::json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean",
        "value": true
    }))
}
