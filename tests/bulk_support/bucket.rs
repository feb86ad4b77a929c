//! A Graph that enforces a token bucket on sub-requests, as Graph enforces its quota: each
//! sub-request takes a token or is answered 429 with `Retry-After` (decimal seconds: the time
//! until the bucket holds enough for the sub-requests it refused in that batch). It counts the
//! successful requests per user id. Shared by the bulk tests and `examples/bulk_bench.rs`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde_json::{Value, json};
use wiremock::{Request, Respond, ResponseTemplate};

pub struct Bucket {
    tokens: f64,
    refilled: Instant,
    rate: f64,
    capacity: f64,
    /// Ids that are always refused (with `Retry-After: 0.05`), whatever the bucket holds.
    doomed: Vec<String>,
    /// Successful requests per user id.
    pub successes: HashMap<String, u32>,
    /// Sub-requests per user id, refused ones included.
    pub sends: HashMap<String, u32>,
    /// Sub-requests answered 429.
    pub refused: u64,
}

impl Bucket {
    /// A bucket refilled at `rate` tokens per second up to `capacity`, holding `tokens` now.
    pub fn new(rate: f64, capacity: f64, tokens: f64) -> Self {
        Bucket {
            tokens,
            refilled: Instant::now(),
            rate,
            capacity,
            doomed: Vec::new(),
            successes: HashMap::new(),
            sends: HashMap::new(),
            refused: 0,
        }
    }

    /// Always refuses `user`.
    pub fn doom(mut self, user: &str) -> Self {
        self.doomed.push(user.to_owned());
        self
    }

    /// Starts refilling from now (after the server started).
    pub fn restart(&mut self) {
        self.refilled = Instant::now();
    }
}

/// The responder: share the bucket with the test to read its counts afterwards.
pub struct Throttling(pub Arc<Mutex<Bucket>>);

impl Respond for Throttling {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        let requests = body["requests"].as_array().cloned().unwrap_or_default();
        let Ok(mut bucket) = self.0.lock() else {
            return ResponseTemplate::new(500);
        };
        let now = Instant::now();
        let earned = now.duration_since(bucket.refilled).as_secs_f64() * bucket.rate;
        bucket.tokens = (bucket.tokens + earned).min(bucket.capacity);
        bucket.refilled = now;
        let mut refused = 0u32;
        let mut served = Vec::new();
        for sub in &requests {
            let user = user_id(sub);
            *bucket.sends.entry(user.clone()).or_insert(0) += 1;
            if bucket.doomed.contains(&user) {
                served.push(Some(false));
            } else if bucket.tokens >= 1.0 {
                bucket.tokens -= 1.0;
                *bucket.successes.entry(user).or_insert(0) += 1;
                served.push(Some(true));
            } else {
                refused += 1;
                served.push(None);
            }
        }
        bucket.refused += served.iter().filter(|s| *s != &Some(true)).count() as u64;
        let wait = ((f64::from(refused) - bucket.tokens) / bucket.rate).max(0.001);
        let retry_after = format!("{:.3}", (wait * 1000.0).ceil() / 1000.0);
        drop(bucket);
        let refusal = |wait: &str| {
            json!({"status": 429, "headers": {"Retry-After": wait},
                   "body": {"error": {"code": "TooManyRequests", "message": "Too many requests"}}})
        };
        let responses: Vec<Value> = requests
            .iter()
            .zip(served)
            .map(|(sub, served)| {
                let mut answer = match served {
                    Some(true) => json!({"status": 200, "body": {"value": true}}),
                    Some(false) => refusal("0.05"),
                    None => refusal(&retry_after),
                };
                answer["id"] = sub["id"].clone();
                answer
            })
            .collect();
        ResponseTemplate::new(200).set_body_json(json!({ "responses": responses }))
    }
}

/// The user id of a `/users/{id}/…` sub-request.
fn user_id(sub: &Value) -> String {
    sub["url"]
        .as_str()
        .unwrap_or_default()
        .trim_start_matches("/users/")
        .split('/')
        .next()
        .unwrap_or_default()
        .to_owned()
}
