//! Coverage-guided fuzzing of the runtime's response decoding: the first two bytes are the
//! status, the third picks headers, the rest is the body. Decoding must give a value or an
//! error that can be shown, never a panic.
#![no_main]

use std::sync::OnceLock;
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use mg_runtime::support::{
    CommonParameters, OperationInfo, RawResponse, collect_pages, decode_json, decode_single_value,
};
use mg_runtime::{Client, Error, HeaderMap, RetryPolicy};
use serde_json::Value;

static OP: OperationInfo = OperationInfo {
    cmdlet: "Confirm-MgUserMemberGroup",
    method: "POST",
    api_version: "v1.0",
    path_template: "/users/{user-id}/checkMemberGroups",
    least_privileged: &["GroupMember.Read.All"],
    repeatable: true,
};

/// One runtime and one client for the whole run; next links point at a closed port.
fn setup() -> &'static (tokio::runtime::Runtime, Client) {
    static SETUP: OnceLock<(tokio::runtime::Runtime, Client)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let client = Client::builder()
            .base_url("http://127.0.0.1:1")
            .bearer_token("fuzz-token-0123456789")
            .retry_policy(RetryPolicy::disabled())
            .request_timeout(Duration::from_secs(2))
            .build()
            .expect("client");
        (runtime, client)
    })
}

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
        error.retry_after(),
    );
}

fuzz_target!(|data: &[u8]| {
    let [high, low, pick, body @ ..] = data else {
        return;
    };
    let status = u16::from_be_bytes([*high, *low]);
    let mut headers = HeaderMap::new();
    let values = [
        "0",
        "1.5",
        "Wed, 21 Oct 2015 07:28:00 GMT",
        "99999999999999999999",
        "x",
    ];
    if pick & 1 != 0 {
        headers.insert(
            "retry-after",
            values[usize::from(pick >> 4) % values.len()]
                .parse()
                .expect("value"),
        );
    }
    if pick & 2 != 0 {
        headers.insert(
            "date",
            values[usize::from(pick >> 5) % values.len()]
                .parse()
                .expect("value"),
        );
    }
    let raw = RawResponse {
        status,
        headers,
        body: body.to_vec(),
    };
    if let Err(e) = decode_single_value::<bool>(&OP, &raw, "value") {
        exercise(&e);
    }
    if let Err(e) = decode_single_value::<Value>(&OP, &raw, "value") {
        exercise(&e);
    }
    if let Err(e) = decode_json(&OP, &raw) {
        exercise(&e);
    }
    let (runtime, client) = setup();
    let common = CommonParameters::default();
    if let Err(e) = runtime.block_on(collect_pages::<Value>(client, &OP, &raw, &common)) {
        exercise(&e);
    }
});
