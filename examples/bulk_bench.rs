//! Measures `client.batch(..)` against local Graphs on 127.0.0.1.
//!
//! ```sh
//! # Throughput against a token bucket (starts empty; 429 + Retry-After when it is): the rate
//! # achieved as a fraction of the bucket's, the 429s, and requests per id from the server's
//! # own count.  Arguments: ids, bucket rate per second, bucket capacity, batches in flight.
//! cargo run --example bulk_bench -- throttle 6000 500 250 4
//! # Peak memory (VmHWM) of the client for many ids against a server that always succeeds
//! # (run in a child process, so its memory does not count).
//! cargo run --example bulk_bench -- memory 100000
//! ```
//!
//! The bucket is Graph's identity write quota (about 3,000 requests per 150 s, 20/s) scaled up
//! so the run takes seconds. A refused sub-request gets `Retry-After` (decimal seconds): the time
//! until the bucket holds enough for the requests it refused in that batch.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use graph_users_actions::Client;
use serde_json::{Value, json};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

// The token-bucket Graph of the bulk tests (the bench never dooms an id).
#[allow(dead_code)]
#[path = "../tests/bulk_support/bucket.rs"]
mod bucket;

use bucket::{Bucket, Throttling};

/// Always succeeds.
struct Fast;

impl Respond for Fast {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        let responses: Vec<Value> = body["requests"]
            .as_array()
            .map(|requests| {
                requests
                    .iter()
                    .map(|sub| json!({"id": sub["id"], "status": 204}))
                    .collect()
            })
            .unwrap_or_default();
        ResponseTemplate::new(200).set_body_json(json!({ "responses": responses }))
    }
}

async fn server(responder: impl Respond + 'static) -> MockServer {
    let server = MockServer::builder()
        .disable_request_recording()
        .start()
        .await;
    Mock::given(wiremock::matchers::method("POST"))
        .respond_with(responder)
        .mount(&server)
        .await;
    server
}

/// Peak resident memory of this process so far, in KiB (Linux).
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn arg<T: std::str::FromStr>(args: &[String], index: usize, default: T) -> T {
    args.get(index)
        .and_then(|a| a.parse().ok())
        .unwrap_or(default)
}

async fn throttle(args: &[String]) -> Result<(), String> {
    let ids: usize = arg(args, 2, 6000);
    let rate: f64 = arg(args, 3, 500.0);
    let capacity: f64 = arg(args, 4, 250.0);
    let concurrency: usize = arg(args, 5, 4);
    let bucket = Arc::new(Mutex::new(Bucket::new(rate, capacity, 0.0)));
    let graph = server(Throttling(Arc::clone(&bucket))).await;
    let client = Client::builder()
        .base_url(graph.uri())
        .bearer_token("bench-token")
        .build()
        .map_err(|e| e.to_string())?;
    if let Ok(mut bucket) = bucket.lock() {
        bucket.restart();
    }
    let started = Instant::now();
    let results = client
        .batch((0..ids).map(|i| {
            client
                .revoke_mg_user_sign_in_session()
                .user_id(format!("user{i}"))
        }))
        .concurrency(concurrency)
        .send()
        .await;
    let elapsed = started.elapsed();
    let failed = results.iter().filter(|r| r.is_err()).count();
    let bucket = bucket.lock().map_err(|_| "bucket lock poisoned")?;
    let once = (0..ids)
        .filter(|i| bucket.successes.get(&format!("user{i}")) == Some(&1))
        .count();
    let twice = bucket.successes.values().filter(|n| **n > 1).count();
    let never = ids.saturating_sub(once + twice);
    let most = bucket.sends.values().max().copied().unwrap_or(0);
    let achieved = ids as f64 / elapsed.as_secs_f64();
    println!(
        "throttle: {ids} ids, bucket {rate}/s (capacity {capacity}, starts empty), {concurrency} batches in flight"
    );
    println!(
        "  elapsed {:.2} s; achieved {achieved:.1}/s = {:.3} of the bucket rate",
        elapsed.as_secs_f64(),
        achieved / rate
    );
    println!(
        "  429s: {}; sub-requests sent: {} ({:.3} per id)",
        bucket.refused,
        ids as u64 + bucket.refused,
        (ids as u64 + bucket.refused) as f64 / ids as f64
    );
    println!("  most sub-requests for one id: {most}");
    println!(
        "  ids with exactly one successful request: {once}/{ids}; with none: {never}; with two or more: {twice}; client errors: {failed}"
    );
    if once != ids || twice != 0 || failed != 0 {
        return Err("some id was not revoked exactly once".to_owned());
    }
    Ok(())
}

/// The fast server, for `memory` to run in a child process: a mock server keeps every request
/// it matched, which must not count against the client. Prints its address, serves until its
/// standard input closes.
async fn serve() -> Result<(), String> {
    let graph = server(Fast).await;
    println!("{}", graph.uri());
    tokio::task::spawn_blocking(|| {
        use std::io::Read;
        let mut sink = Vec::new();
        std::io::stdin().read_to_end(&mut sink)
    })
    .await
    .map_err(|e| e.to_string())?
    .map_err(|e| e.to_string())?;
    Ok(())
}

async fn memory(args: &[String]) -> Result<(), String> {
    use std::io::BufRead;
    use std::process::{Command, Stdio};

    let ids: usize = arg(args, 2, 100_000);
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut child = Command::new(exe)
        .arg("serve")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let mut uri = String::new();
    if let Some(stdout) = child.stdout.take() {
        std::io::BufReader::new(stdout)
            .read_line(&mut uri)
            .map_err(|e| e.to_string())?;
    }
    let outcome = measure(ids, uri.trim()).await;
    // Closing its standard input ends the server; wait for it.
    drop(child.stdin.take());
    child.wait().map_err(|e| e.to_string())?;
    outcome
}

async fn measure(ids: usize, uri: &str) -> Result<(), String> {
    let client = Client::builder()
        .base_url(uri)
        .bearer_token("bench-token")
        .build()
        .map_err(|e| e.to_string())?;
    // Warm up connections and the server before the baseline.
    let warm = client
        .batch((0..100).map(|i| {
            client
                .revoke_mg_user_sign_in_session()
                .user_id(format!("w{i}"))
        }))
        .send()
        .await;
    let before = peak_rss_kib().ok_or("no /proc/self/status")?;
    let started = Instant::now();
    let results = client
        .batch((0..ids).map(|i| {
            client
                .revoke_mg_user_sign_in_session()
                .user_id(format!("user{i}"))
        }))
        .send()
        .await;
    let elapsed = started.elapsed();
    let after = peak_rss_kib().ok_or("no /proc/self/status")?;
    let ok = results.iter().filter(|r| matches!(r, Ok(true))).count();
    let slot = std::mem::size_of_val(&results[..]) / results.len().max(1);
    println!("memory: {ids} ids in {:.2} s", elapsed.as_secs_f64());
    println!(
        "  peak RSS (VmHWM) {} KiB before, {} KiB after: +{} KiB; results vector {} KiB ({} bytes per result)",
        before,
        after,
        after.saturating_sub(before),
        ids * slot / 1024,
        slot
    );
    println!("  successes {ok}/{ids}; warm-up {}", warm.len());
    if ok != ids {
        return Err("not every call succeeded".to_owned());
    }
    Ok(())
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let run = match args.get(1).map(String::as_str) {
        Some("throttle") => throttle(&args).await,
        Some("memory") => memory(&args).await,
        Some("serve") => serve().await,
        _ => {
            Err("usage: bulk_bench throttle [ids rate capacity concurrency] | memory [ids]".into())
        }
    };
    match run {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("bulk_bench: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
