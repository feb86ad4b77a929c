//! Turns a Graph HTTP response (status, headers, body) into [`ApiError`] facts, never failing on
//! odd bodies: a body that is not a Graph error is simply kept raw.

use std::time::SystemTime;

use reqwest::header::HeaderMap;
use serde_json::Value;

use crate::error::ApiError;
use crate::retry::parse_retry_after;

/// Collects what a person or a support ticket needs from one response.
pub(crate) fn api_error(
    status: u16,
    headers: HeaderMap,
    body: Vec<u8>,
    sent_client_request_id: Option<&str>,
) -> ApiError {
    let parsed = serde_json::from_slice::<Value>(&body).ok();
    let error = parsed.as_ref().and_then(|v| v.get("error"));
    let field = |name: &str| error.and_then(|e| e.get(name)).and_then(text);
    let inner = error.and_then(|e| {
        e.get("innerError")
            .or_else(|| e.get("innererror"))
            .or_else(|| e.get("innerErrors"))
    });
    let inner_field = |name: &str| inner.and_then(|i| i.get(name)).and_then(text);

    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let retry_after = headers
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| parse_retry_after(v, response_date(&headers), SystemTime::now()));

    ApiError {
        status,
        code: field("code"),
        message: field("message"),
        request_id: inner_field("request-id").or_else(|| header("request-id")),
        client_request_id: inner_field("client-request-id")
            .or_else(|| header("client-request-id"))
            .or_else(|| sent_client_request_id.map(str::to_owned)),
        date: inner_field("date").or_else(|| header("date")),
        retry_after,
        headers,
        body,
    }
}

/// The server's clock at the time of the response, from its `Date` header.
pub(crate) fn response_date(headers: &HeaderMap) -> Option<SystemTime> {
    headers
        .get(reqwest::header::DATE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| httpdate::parse_http_date(v).ok())
}

fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Null | Value::String(_) => None,
        other => Some(other.to_string()),
    }
}
