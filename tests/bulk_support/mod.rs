//! A local Graph that speaks JSON batching, for the bulk tests: it reads each `$batch` request,
//! lets the test answer each sub-request (or the whole batch), and records everything it saw.
#![allow(dead_code)]

pub mod bucket;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use graph_users_actions::{Client, Error, ErrorKind, RetryPolicy};
use serde_json::{Value, json};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// One `$batch` request as the server saw it.
#[derive(Debug, Clone)]
pub struct SeenBatch {
    /// The request path, e.g. `/v1.0/$batch`.
    pub path: String,
    pub headers: HashMap<String, String>,
    /// The `requests` array.
    pub requests: Vec<Value>,
}

#[derive(Default)]
pub struct Log {
    pub batches: Vec<SeenBatch>,
    /// How many times each sub-request URL was sent.
    pub sends: HashMap<String, usize>,
}

/// How the server answers one sub-request: `(sub-request, how many times its URL was sent
/// before)` → `{status, headers, body}` (the id is added).
pub type SubAnswer = dyn Fn(&Value, usize) -> Value + Send + Sync;
/// How the server answers a whole batch: `Some` overrides, `None` answers each sub-request.
pub type WholeAnswer = dyn Fn(usize) -> Option<ResponseTemplate> + Send + Sync;

struct Batcher {
    log: Arc<Mutex<Log>>,
    sub: Arc<SubAnswer>,
    whole: Arc<WholeAnswer>,
}

impl Respond for Batcher {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        let requests = body
            .get("requests")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let headers = request
            .headers
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_owned(),
                    v.to_str().unwrap_or_default().to_owned(),
                )
            })
            .collect();
        let Ok(mut log) = self.log.lock() else {
            return ResponseTemplate::new(500);
        };
        let number = log.batches.len();
        log.batches.push(SeenBatch {
            path: request.url.path().to_owned(),
            headers,
            requests: requests.clone(),
        });
        let mut counts = Vec::new();
        for sub in &requests {
            let url = sub["url"].as_str().unwrap_or_default().to_owned();
            let seen = log.sends.entry(url).or_insert(0);
            counts.push(*seen);
            *seen += 1;
        }
        drop(log);
        if let Some(answer) = (self.whole)(number) {
            return answer;
        }
        let responses: Vec<Value> = requests
            .iter()
            .zip(counts)
            .map(|(sub, before)| {
                let mut answer = (self.sub)(sub, before);
                answer["id"] = sub["id"].clone();
                answer
            })
            .collect();
        ResponseTemplate::new(200).set_body_json(json!({ "responses": responses }))
    }
}

pub struct BatchGraph {
    pub server: MockServer,
    pub log: Arc<Mutex<Log>>,
}

impl BatchGraph {
    /// Answers each sub-request with `sub`.
    pub async fn start(sub: impl Fn(&Value, usize) -> Value + Send + Sync + 'static) -> Self {
        Self::with_whole(sub, |_| None).await
    }

    /// Answers batch number `n` (0-based) with `whole(n)` when it gives one, else each
    /// sub-request with `sub`.
    pub async fn with_whole(
        sub: impl Fn(&Value, usize) -> Value + Send + Sync + 'static,
        whole: impl Fn(usize) -> Option<ResponseTemplate> + Send + Sync + 'static,
    ) -> Self {
        let server = MockServer::start().await;
        let log = Arc::new(Mutex::new(Log::default()));
        Mock::given(wiremock::matchers::method("POST"))
            .and(wiremock::matchers::path_regex(r"^/(v1\.0|beta)/\$batch$"))
            .respond_with(Batcher {
                log: Arc::clone(&log),
                sub: Arc::new(sub),
                whole: Arc::new(whole),
            })
            .mount(&server)
            .await;
        BatchGraph { server, log }
    }

    pub fn batches(&self) -> Vec<SeenBatch> {
        self.log
            .lock()
            .map(|l| l.batches.clone())
            .unwrap_or_default()
    }

    /// Every sub-request sent, in order.
    pub fn sub_requests(&self) -> Vec<Value> {
        self.batches()
            .into_iter()
            .flat_map(|b| b.requests)
            .collect()
    }

    /// How many times `url` was sent.
    pub fn sends(&self, url: &str) -> usize {
        self.log
            .lock()
            .ok()
            .and_then(|l| l.sends.get(url).copied())
            .unwrap_or(0)
    }

    /// Every request the server received, `$batch` or not.
    pub async fn request_count(&self) -> usize {
        self.server
            .received_requests()
            .await
            .map(|r| r.len())
            .unwrap_or(0)
    }

    pub fn client(&self, waits: &Waits) -> Client {
        Client::builder()
            .base_url(self.server.uri())
            .bearer_token("test-token")
            .retry_policy(waits.policy())
            .build()
            .expect("test client builds")
    }
}

/// `{"value": true}` as Graph answers the boolean actions.
pub fn value(answer: bool) -> Value {
    json!({ "status": 200, "headers": {"content-type": "application/json"}, "body": { "value": answer } })
}

pub fn status(code: u16) -> Value {
    json!({ "status": code })
}

/// A throttled sub-response, with `Retry-After` when given.
pub fn throttled(code: u16, retry_after: Option<&str>) -> Value {
    let mut headers = serde_json::Map::new();
    if let Some(wait) = retry_after {
        headers.insert("Retry-After".into(), wait.into());
    }
    json!({
        "status": code,
        "headers": headers,
        "body": {"error": {"code": "TooManyRequests", "message": "Too many requests"}}
    })
}

/// The relative URL of `Revoke-MgUserSignInSession` for an already encoded id.
pub fn revoke_url(encoded: &str) -> String {
    format!("/users/{encoded}/microsoft.graph.revokeSignInSessions")
}

/// The id the test put in a revoke URL (ids in these tests need no encoding).
pub fn user_of(sub: &Value) -> String {
    sub["url"]
        .as_str()
        .unwrap_or_default()
        .trim_start_matches("/users/")
        .split('/')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// Records the waits the bulk run asks for and returns at once: no test waits on the clock.
#[derive(Clone, Default)]
pub struct Waits(pub Arc<Mutex<Vec<Duration>>>);

impl Waits {
    pub fn policy(&self) -> RetryPolicy {
        let waits = Arc::clone(&self.0);
        RetryPolicy::default()
            .jitter(false)
            .sleep_with(move |wait| {
                if let Ok(mut list) = waits.lock() {
                    list.push(wait);
                }
                async {}
            })
    }

    pub fn all(&self) -> Vec<Duration> {
        self.0.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

pub fn users(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("user{i}")).collect()
}

/// A raw HTTP/1.1 Graph on 127.0.0.1 that holds each of the first `hold` batches until `hold`
/// are open together or `give_up` has passed, answers every sub-request 204, and records the
/// most batches it ever had open at once.
pub async fn barrier_graph(hold: usize, give_up: Duration) -> (String, Arc<Mutex<usize>>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    let most = Arc::new(Mutex::new(0usize));
    let state = Arc::new(Mutex::new((0usize, 0usize))); // (open now, arrived so far)
    let barrier = Arc::new(tokio::sync::Barrier::new(hold));
    let record = Arc::clone(&most);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let (state, most, barrier) = (
                Arc::clone(&state),
                Arc::clone(&record),
                Arc::clone(&barrier),
            );
            tokio::spawn(async move {
                let mut buffer = Vec::new();
                let mut chunk = vec![0u8; 16384];
                loop {
                    // One request: headers, then Content-Length bytes of body.
                    let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") else {
                        match socket.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                        }
                        continue;
                    };
                    let head = String::from_utf8_lossy(&buffer[..end]).to_ascii_lowercase();
                    let length: usize = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(0);
                    while buffer.len() < end + 4 + length {
                        match socket.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                        }
                    }
                    let body: Value = serde_json::from_slice(&buffer[end + 4..end + 4 + length])
                        .unwrap_or_default();
                    buffer.drain(..end + 4 + length);
                    let arrived = {
                        let mut s = state.lock().expect("state");
                        s.0 += 1;
                        s.1 += 1;
                        let mut m = most.lock().expect("most");
                        *m = (*m).max(s.0);
                        s.1
                    };
                    if arrived <= hold {
                        let _ = tokio::time::timeout(give_up, barrier.wait()).await;
                    }
                    let responses: Vec<Value> = body["requests"]
                        .as_array()
                        .map(|r| {
                            r.iter()
                                .map(|s| json!({"id": s["id"], "status": 204}))
                                .collect()
                        })
                        .unwrap_or_default();
                    let text = json!({ "responses": responses }).to_string();
                    state.lock().expect("state").0 -= 1;
                    let answer = format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{text}",
                        text.len()
                    );
                    if socket.write_all(answer.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    (format!("http://{address}"), most)
}

/// The error kind of each result, `None` for a success: how a test states a run's outcome.
pub fn kinds<T>(results: &[Result<T, Error>]) -> Vec<Option<ErrorKind>> {
    results
        .iter()
        .map(|r| r.as_ref().err().map(Error::kind))
        .collect()
}
