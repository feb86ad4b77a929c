//! Property-based fuzzing of the runtime's response decoding: whatever bytes, statuses and
//! headers come back, decoding gives a value or an `Error` whose Display and Debug can be shown,
//! never a panic or a hang.
//!
//! Two targets: `offline_decoding_never_panics` feeds answers straight to the decoders the
//! generated code calls (single values, whole JSON, pages); `served_answers_never_panic` serves
//! sequences of answers from a local server to a pageable cmdlet, so status handling, Graph
//! error bodies, `Retry-After`, next links and streaming all see them.
//!
//! CI runs a fixed number of cases. Run longer with, e.g.:
//! `PROPTEST_CASES=1000000 cargo test --release --test fuzz_decoding`

mod hostile_support;

use std::sync::Arc;
use std::time::Duration;

use graph_users_actions::{Client, Error, HeaderMap, RetryPolicy};
use hostile_support::{Act, Hostile, response};
use mg_runtime::support::{
    CommonParameters, OperationInfo, RawResponse, collect_pages, decode_json, decode_single_value,
};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

static OP: OperationInfo = OperationInfo {
    cmdlet: "Confirm-MgUserMemberGroup",
    method: "POST",
    api_version: "v1.0",
    path_template: "/users/{user-id}/checkMemberGroups",
    least_privileged: &["GroupMember.Read.All"],
    repeatable: true,
};

/// `PROPTEST_CASES` when set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

// ---- generators --------------------------------------------------------------------------

/// Keys Graph answers use, and a few others.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "value", "@odata.nextLink", "error", "code", "message", "innerError", "innererror",
            "innerErrors", "request-id", "client-request-id", "date", "details",
        ])
        .prop_map(str::to_owned),
        1 => ".{0,12}",
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,24}".prop_map(Value::String),
        Just(Value::String("\u{202e}\u{0}\r\n\\\"".to_owned())),
    ]
}

/// JSON of any shape, biased towards Graph's keys.
fn json_value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A next link: on the serving host (`{base}` is replaced), elsewhere, or not a URL at all.
fn next_link() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!("{base}/next")),
        Just(json!("{base}/../next?x=1#f")),
        Just(json!("http://user:pw@{host}/next")),
        Just(json!("https://elsewhere.example/next")),
        Just(json!("")),
        ".{0,30}".prop_map(Value::String),
        leaf(),
        json_value(),
    ]
}

/// A body shaped like a page, a Graph error, a single value, any JSON, or any bytes.
fn body() -> impl Strategy<Value = Vec<u8>> {
    let page = (
        prop::collection::vec(prop_oneof![".{0,10}".prop_map(Value::String), leaf()], 0..5),
        prop::option::of(next_link()),
        any::<bool>(),
    )
        .prop_map(|(items, link, wrap)| {
            let mut page = Map::new();
            page.insert(
                "value".to_owned(),
                if wrap {
                    Value::Array(items)
                } else {
                    items.into_iter().next().unwrap_or(Value::Null)
                },
            );
            if let Some(link) = link {
                page.insert("@odata.nextLink".to_owned(), link);
            }
            Value::Object(page).to_string().into_bytes()
        });
    let graph_error =
        (leaf(), leaf(), prop::option::of(json_value())).prop_map(|(code, message, inner)| {
            let mut error = json!({"code": code, "message": message});
            if let Some(inner) = inner {
                error["innerError"] = inner;
            }
            json!({"error": error}).to_string().into_bytes()
        });
    prop_oneof![
        3 => page,
        2 => graph_error,
        1 => leaf().prop_map(|v| json!({"value": v}).to_string().into_bytes()),
        2 => json_value().prop_map(|v| v.to_string().into_bytes()),
        1 => prop::collection::vec(any::<u8>(), 0..256),
        1 => Just(b"   ".to_vec()),
        1 => Just(b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[".to_vec()),
    ]
}

/// Header values a server might send for the headers the runtime reads.
fn header_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("0".to_owned()),
        Just("0.01".to_owned()),
        Just("99999999999999999999".to_owned()),
        Just("1e9999".to_owned()),
        Just("Wed, 21 Oct 2015 07:28:00 GMT".to_owned()),
        Just("Fri, 31 Dec 9999 23:59:59 GMT".to_owned()),
        "[ -~]{0,30}",
    ]
}

fn headers() -> impl Strategy<Value = Vec<(&'static str, String)>> {
    prop::collection::vec(
        (
            prop::sample::select(vec![
                "retry-after",
                "date",
                "request-id",
                "client-request-id",
                "x-other",
            ]),
            header_value(),
        ),
        0..4,
    )
}

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        3 => prop::sample::select(vec![200u16, 201, 204, 206, 299]),
        2 => prop::sample::select(vec![400u16, 401, 403, 404, 409, 429, 500, 503, 504]),
        1 => 100u16..600,
    ]
}

// ---- checks ------------------------------------------------------------------------------

/// Everything a caller may do with an error: show it, inspect it.
fn exercise(error: &Error) {
    let _ = (
        error.to_string(),
        format!("{error:?}"),
        error.kind(),
        error.status(),
    );
    let _ = (
        error.code(),
        error.message(),
        error.request_id(),
        error.client_request_id(),
    );
    let _ = (
        error.retry_after(),
        error.raw_body(),
        error.attempts(),
        error.is_retryable(),
    );
}

fn raw(status: u16, headers: &[(&'static str, String)], body: Vec<u8>) -> RawResponse {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        if let Ok(value) = value.parse() {
            map.append(*name, value);
        }
    }
    RawResponse {
        status,
        headers: map,
        body,
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(512)))]

    #[test]
    fn offline_decoding_never_panics(status in status(), headers in headers(), body in body()) {
        let rt = runtime();
        // Not a usable server: a next link on it fails to connect, at once.
        let client = Client::builder()
            .base_url("http://127.0.0.1:1")
            .bearer_token("offline-token-0123456789")
            .retry_policy(RetryPolicy::disabled())
            .build()
            .expect("client");
        let answer = raw(status, &headers, body);
        if let Err(e) = decode_single_value::<bool>(&OP, &answer, "value") { exercise(&e) }
        if let Err(e) = decode_single_value::<String>(&OP, &answer, "value") { exercise(&e) }
        if let Err(e) = decode_single_value::<Value>(&OP, &answer, "value") { exercise(&e) }
        if let Err(e) = decode_json(&OP, &answer) { exercise(&e) }
        let common = CommonParameters::default();
        let pages = rt.block_on(async {
            tokio::time::timeout(Duration::from_secs(10), collect_pages::<String>(&client, &OP, &answer, &common)).await
        });
        prop_assert!(pages.is_ok(), "collect_pages hung");
        if let Ok(Err(e)) = pages { exercise(&e) }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(96)))]

    #[test]
    fn served_answers_never_panic(
        answers in prop::collection::vec((status(), headers(), body()), 1..5),
        stream in any::<bool>(),
    ) {
        let rt = runtime();
        let outcome = rt.block_on(async move {
            let base = Arc::new(std::sync::OnceLock::<String>::new());
            let name = Arc::clone(&base);
            let server = Hostile::start(move |n, _| {
                let Some((status, headers, body)) = answers.get(n) else {
                    return Act::Raw(response(404, &[], b""));
                };
                let base = name.get().cloned().unwrap_or_default();
                let host = base.trim_start_matches("http://").to_owned();
                let body = String::from_utf8_lossy(body)
                    .replace("{base}", &base)
                    .replace("{host}", &host);
                let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
                Act::Raw(response(*status, &headers, body.as_bytes()))
            })
            .await;
            base.set(server.uri.clone()).expect("set once");
            let client = Client::builder()
                .base_url(&server.uri)
                .bearer_token("served-token-0123456789")
                .retry_policy(
                    RetryPolicy::default()
                        .max_attempts(3)
                        .initial_backoff(Duration::from_millis(1))
                        .max_backoff(Duration::from_millis(2))
                        .max_elapsed(Duration::from_millis(300)),
                )
                .overall_timeout(Duration::from_secs(3))
                .build()
                .expect("client");
            let call = client.confirm_mg_user_member_group().user_id("alice").group_ids(vec!["g"]);
            tokio::time::timeout(Duration::from_secs(10), async move {
                if stream {
                    let mut items = call.send_stream();
                    while let Some(item) = items.next().await {
                        if let Err(e) = item { exercise(&e) }
                    }
                } else if let Err(e) = call.send_with_headers().await {
                    exercise(&e)
                }
            })
            .await
        });
        prop_assert!(outcome.is_ok(), "the call hung");
    }
}
