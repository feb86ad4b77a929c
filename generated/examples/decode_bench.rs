//! Time to decode (and write back) a large answer into the generated models, next to decoding
//! it as plain `serde_json::Value`, so a change to the models' serde code can be compared.
//!
//! ```sh
//! cargo run --release -p graph-users-actions --example decode_bench -- 20000 15
//! ```
//!
//! Arguments: suggestions in the answer (default 20000), runs (default 15); prints the median
//! of each measurement.

#![allow(deprecated)]

use std::time::{Duration, Instant};

use graph_users_actions::beta::models::MeetingTimeSuggestionsResult;
use serde_json::{Value, json};

/// A `findMeetingTimes` answer shaped like the documented one, with `count` suggestions and
/// a few properties the models do not declare (kept in `additional`).
fn answer(count: usize) -> Vec<u8> {
    let suggestion = |i: usize| {
        json!({
            "confidence": 100,
            "order": i,
            "organizerAvailability": "free",
            "suggestionReason": "Suggested because it is one of the nearest times when all attendees are available.",
            "attendeeAvailability": [
                {"attendee": {"type": "required", "emailAddress": {"address": format!("user{i}@contoso.onmicrosoft.com"), "name": "User"}}, "availability": "free"},
                {"attendee": {"type": "optional", "emailAddress": {"address": "alexw@contoso.onmicrosoft.com"}}, "availability": "tentative"}
            ],
            "locations": [{"displayName": "Conf room Hood", "locationEmailAddress": "hood@contoso.com", "extra": {"floor": 3}}],
            "meetingTimeSlot": {
                "start": {"dateTime": "2019-04-18T16:00:00.0000000", "timeZone": "Pacific Standard Time"},
                "end": {"dateTime": "2019-04-18T18:00:00.0000000", "timeZone": "Pacific Standard Time"}
            },
            "futureProperty@odata.type": "#String",
            "futureProperty": "x"
        })
    };
    let suggestions: Vec<Value> = (0..count).map(suggestion).collect();
    serde_json::to_vec(&json!({
        "@odata.context": "https://graph.microsoft.com/beta/$metadata#microsoft.graph.meetingTimeSuggestionsResult",
        "emptySuggestionsReason": "",
        "meetingTimeSuggestions": suggestions
    }))
    .expect("JSON")
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let times = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    median(times)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let count = args.next().and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let runs = args.next().and_then(|a| a.parse().ok()).unwrap_or(15);
    let body = answer(count);
    let typed: MeetingTimeSuggestionsResult = serde_json::from_slice(&body).expect("fits");
    assert_eq!(
        serde_json::to_value(&typed).expect("writes"),
        serde_json::from_slice::<Value>(&body).expect("JSON"),
        "the answer round-trips"
    );
    let mb = body.len() as f64 / 1e6;
    println!("answer: {count} suggestions, {mb:.1} MB; median of {runs} runs");
    let report = |what: &str, d: Duration| {
        println!(
            "{what:<28} {:>8.1} ms  {:>6.0} MB/s",
            d.as_secs_f64() * 1e3,
            mb / d.as_secs_f64()
        );
    };
    report(
        "decode as Value",
        time(runs, || {
            serde_json::from_slice::<Value>(&body).expect("JSON")
        }),
    );
    report(
        "decode as model",
        time(runs, || {
            serde_json::from_slice::<MeetingTimeSuggestionsResult>(&body).expect("fits")
        }),
    );
    report(
        "write model to bytes",
        time(runs, || serde_json::to_vec(&typed).expect("writes")),
    );
    let value: Value = serde_json::from_slice(&body).expect("JSON");
    report(
        "write Value to bytes",
        time(runs, || serde_json::to_vec(&value).expect("writes")),
    );
}
