//! Error mapping: Graph error JSON, non-JSON and odd bodies, 403 permission hints, argument
//! errors raised by the generated builders, and decoding of 2xx bodies.

mod runtime_support;

use graph_users_actions::{ErrorKind, HeaderMap};
use mg_runtime::support::{
    RawResponse, conflicting_parameters, decode_json, decode_single_value, identity_value,
    into_response, missing_parameter,
};
use runtime_support::*;

use wiremock::ResponseTemplate;

async fn failing_with(template: ResponseTemplate) -> graph_users_actions::Error {
    let server = answering_post(template).await;
    let err = revoke(&client(&server), "alice@contoso.com")
        .await
        .expect_err("fails");
    assert_eq!(request_count(&server).await, 1);
    err
}

#[tokio::test]
async fn graph_error_json_fills_the_api_error() {
    let body = serde_json::json!({"error": {
        "code": "Authorization_RequestDenied",
        "message": "Insufficient privileges to complete the operation.",
        "innerError": {
            "date": "2025-01-15T10:00:00",
            "request-id": "0f6b1c4e-1111-2222-3333-444455556666",
            "client-request-id": "9a8b7c6d-aaaa-bbbb-cccc-ddddeeeeffff"
        }
    }});
    let err = failing_with(ResponseTemplate::new(403).set_body_json(&body)).await;
    assert_eq!(err.kind(), ErrorKind::Api);
    assert_eq!(err.status(), Some(403));
    assert_eq!(err.code(), Some("Authorization_RequestDenied"));
    assert_eq!(
        err.message(),
        Some("Insufficient privileges to complete the operation.")
    );
    assert_eq!(
        err.request_id(),
        Some("0f6b1c4e-1111-2222-3333-444455556666")
    );
    assert_eq!(
        err.client_request_id(),
        Some("9a8b7c6d-aaaa-bbbb-cccc-ddddeeeeffff")
    );
    assert_eq!(err.date(), Some("2025-01-15T10:00:00"));
    assert_eq!(
        err.raw_body(),
        Some(serde_json::to_vec(&body).expect("json").as_slice())
    );
    assert!(!err.is_retryable());
    let text = err.to_string();
    for needle in [
        "Revoke-MgUserSignInSession",
        "HTTP 403 Forbidden",
        "Authorization_RequestDenied",
        "Insufficient privileges",
        "User.RevokeSessions.All",
        "0f6b1c4e-1111-2222-3333-444455556666",
        "9a8b7c6d-aaaa-bbbb-cccc-ddddeeeeffff",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from {text}");
    }
}

#[tokio::test]
async fn ids_fall_back_to_response_headers_and_the_sent_client_request_id() {
    let err = failing_with(
        ResponseTemplate::new(404)
            .insert_header("request-id", "req-from-header")
            .insert_header("Date", "Wed, 15 Jan 2025 10:00:00 GMT")
            .set_body_json(serde_json::json!({"error": {
                "code": "Request_ResourceNotFound",
                "message": "Resource 'nobody' does not exist."
            }})),
    )
    .await;
    assert_eq!(err.request_id(), Some("req-from-header"));
    assert_eq!(err.date(), Some("Wed, 15 Jan 2025 10:00:00 GMT"));
    let sent = err.client_request_id().expect("the id we sent");
    assert_eq!(sent.len(), 36);
    let text = err.to_string();
    assert!(
        text.contains("HTTP 404 Not Found: Request_ResourceNotFound"),
        "{text}"
    );
}

#[tokio::test]
async fn non_json_error_body_is_kept_and_shown() {
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let err = failing_with(ResponseTemplate::new(502).set_body_string(html)).await;
    assert_eq!(err.kind(), ErrorKind::Api);
    assert_eq!(err.status(), Some(502));
    assert_eq!(err.code(), None);
    assert_eq!(err.raw_body(), Some(html.as_bytes()));
    let text = err.to_string();
    assert!(text.contains("HTTP 502 Bad Gateway"), "{text}");
    assert!(text.contains("502 Bad Gateway</h1>"), "{text}");
}

#[tokio::test]
async fn binary_and_odd_error_bodies_never_panic() {
    let odd: Vec<Vec<u8>> = vec![
        vec![0xff, 0xfe, 0x00, 0x80],
        b"{\"error\": \"just a string\"}".to_vec(),
        b"{\"error\": {\"code\": 42, \"message\": null}}".to_vec(),
        b"[1,2,3]".to_vec(),
        b"{\"error\": {\"code\": \"x\"".to_vec(),
        Vec::new(),
    ];
    for body in odd {
        let err = failing_with(ResponseTemplate::new(400).set_body_bytes(body.clone())).await;
        assert_eq!(err.kind(), ErrorKind::Api);
        assert_eq!(err.raw_body(), Some(body.as_slice()));
        assert!(err.to_string().contains("HTTP 400"));
        let _ = format!("{err:?}");
    }
}

#[tokio::test]
async fn forbidden_without_known_permissions_still_explains() {
    static NO_PERMS: mg_runtime::support::OperationInfo = mg_runtime::support::OperationInfo {
        cmdlet: "Invoke-MgBetaInvalidateAllUserRefreshToken",
        method: "POST",
        api_version: "beta",
        path_template: "/users/{user-id}/microsoft.graph.invalidateAllRefreshTokens",
        least_privileged: &[],
        repeatable: true,
    };
    let server = answering_post(ResponseTemplate::new(403)).await;
    let err = mg_runtime::support::execute(
        &client(&server),
        &NO_PERMS,
        "Invalidate",
        "/users/a/microsoft.graph.invalidateAllRefreshTokens".into(),
        None,
        Default::default(),
    )
    .await
    .expect_err("fails");
    assert!(err.to_string().contains("lacks a permission"), "{err}");
}

#[test]
fn argument_errors_read_like_powershell() {
    let missing = missing_parameter(&REVOKE, "UserId");
    assert_eq!(missing.kind(), ErrorKind::InvalidArgument);
    assert_eq!(
        missing.to_string(),
        "Revoke-MgUserSignInSession: missing required parameter -UserId"
    );

    let absent = identity_value(None, "UserId").expect_err("null property");
    assert_eq!(absent.kind(), ErrorKind::MissingIdentityProperty);
    assert_eq!(absent.property(), Some("UserId"));
    assert_eq!(
        absent.to_string(),
        "InputObject has null value for InputObject.UserId"
    );
    assert_eq!(identity_value(Some("bob"), "UserId").ok(), Some("bob"));

    let conflict = conflicting_parameters(&REVOKE, "-UserId and -InputObject both given".into());
    assert_eq!(conflict.kind(), ErrorKind::InvalidArgument);
    assert_eq!(
        conflict.to_string(),
        "Revoke-MgUserSignInSession: -UserId and -InputObject both given"
    );
}

fn raw(status: u16, body: &[u8]) -> RawResponse {
    let mut headers = HeaderMap::new();
    headers.insert("request-id", "r-1".parse().expect("header"));
    RawResponse {
        status,
        headers,
        body: body.to_vec(),
    }
}

#[test]
fn decoding_two_hundreds() {
    let value =
        |status, body: &[u8]| decode_single_value::<bool>(&REVOKE, &raw(status, body), "value");
    assert_eq!(value(200, br#"{"value": true}"#).ok(), Some(Some(true)));
    assert_eq!(value(200, br#"{"value": false}"#).ok(), Some(Some(false)));
    assert_eq!(value(204, b"").ok(), Some(None));
    assert_eq!(value(202, b"  \r\n").ok(), Some(None));

    for (body, hint) in [
        (&b"<html>ok</html>"[..], "not JSON"),
        (&br#"{"other": 1}"#[..], "no \"value\" property"),
        (&br#"{"value": "yes"}"#[..], "not of the expected type"),
    ] {
        let err = value(200, body).expect_err("undecodable");
        assert_eq!(err.kind(), ErrorKind::UnexpectedResponse);
        assert_eq!(err.raw_body(), Some(body));
        assert_eq!(err.status(), Some(200));
        assert_eq!(err.request_id(), Some("r-1"));
        assert!(err.to_string().contains(hint), "{err}");
    }

    assert_eq!(
        decode_json(&REVOKE, &raw(204, b"")).ok(),
        Some(serde_json::Value::Null)
    );
    assert_eq!(
        decode_json(&REVOKE, &raw(200, br#"{"a":1}"#)).ok(),
        Some(serde_json::json!({"a": 1}))
    );

    let response = into_response(&raw(200, b""), true);
    assert_eq!(response.status, 200);
    assert_eq!(
        response
            .headers
            .get("request-id")
            .and_then(|v| v.to_str().ok()),
        Some("r-1")
    );
    assert!(response.into_value());
}

#[test]
fn public_types_are_thread_safe() {
    fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<graph_users_actions::Error>();
    send_sync::<graph_users_actions::Client>();
    send_sync::<graph_users_actions::ClientCredentials>();
    send_sync::<graph_users_actions::RetryPolicy>();
    send_sync::<graph_users_actions::Preview>();
    send_sync::<mg_runtime::support::CommonParameters>();
}
