//! Error mapping: Graph error JSON, non-JSON and odd bodies, 403 permission hints, argument
//! errors raised by the generated builders, and decoding of 2xx bodies.

mod runtime_support;

use graph_users_actions::{ErrorKind, v1_0};
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
    // Confirm-MgUserMemberGroup: the spec names no permission for it.
    let server = answering_post(ResponseTemplate::new(403)).await;
    let err = client(&server)
        .confirm_mg_user_member_group()
        .user_id("a")
        .group_ids(["g"])
        .send()
        .await
        .expect_err("fails");
    assert_eq!(err.status(), Some(403));
    assert!(err.to_string().contains("lacks a permission"), "{err}");
    assert!(!err.to_string().contains("least privileged"), "{err}");
}

#[tokio::test]
async fn argument_errors_read_like_powershell() {
    let server = answering_post(value_true()).await;
    let client = client(&server);

    // A key of a multi-key set left out.
    let missing = client
        .invoke_mg_accept_user_event_instance()
        .user_id("a")
        .event_id("master")
        .send()
        .await
        .expect_err("missing -EventId1");
    assert_eq!(missing.kind(), ErrorKind::InvalidArgument);
    assert_eq!(
        missing.to_string(),
        "Invoke-MgAcceptUserEventInstance: missing required parameter -EventId1"
    );

    // An identity without the key the call needs.
    let absent = client
        .revoke_mg_user_sign_in_session()
        .input_object(v1_0::UsersActionsIdentity::default())
        .send()
        .await
        .expect_err("null property");
    assert_eq!(absent.kind(), ErrorKind::MissingIdentityProperty);
    assert_eq!(absent.property(), Some("UserId"));
    assert_eq!(
        absent.to_string(),
        "InputObject has null value for InputObject.UserId"
    );

    // -BodyParameter mixed with the expanded body parameters.
    let conflict = client
        .update_mg_user_password()
        .user_id("a")
        .body_json(serde_json::json!({"newPassword": "x"}))
        .current_password("old")
        .send()
        .await
        .expect_err("conflict");
    assert_eq!(conflict.kind(), ErrorKind::InvalidArgument);
    assert!(
        conflict.to_string().starts_with(
            "Update-MgUserPassword: -BodyParameter cannot be combined with the parameters of the Expanded sets"
        ),
        "{conflict}"
    );
    assert_eq!(request_count(&server).await, 0, "nothing was sent");
}

/// `Revoke-MgUserSignInSession` against a server answering `status` with `body`.
async fn revoke_answered(status: u16, body: &[u8]) -> Result<bool, graph_users_actions::Error> {
    let server = answering_post(
        ResponseTemplate::new(status)
            .insert_header("request-id", "r-1")
            .set_body_bytes(body.to_vec()),
    )
    .await;
    revoke(&client(&server), "a").await
}

#[tokio::test]
async fn decoding_two_hundreds() {
    assert_eq!(
        revoke_answered(200, br#"{"value": true}"#).await.ok(),
        Some(true)
    );
    assert_eq!(
        revoke_answered(200, br#"{"value": false}"#).await.ok(),
        Some(false)
    );
    // No content: the action succeeded.
    assert_eq!(revoke_answered(204, b"").await.ok(), Some(true));
    assert_eq!(revoke_answered(202, b"  \r\n").await.ok(), Some(true));

    for (body, hint) in [
        (&b"<html>ok</html>"[..], "not JSON"),
        (&br#"{"other": 1}"#[..], "no \"value\" property"),
        (&br#"{"value": "yes"}"#[..], "not of the expected type"),
    ] {
        let err = revoke_answered(200, body).await.expect_err("undecodable");
        assert_eq!(err.kind(), ErrorKind::UnexpectedResponse);
        assert_eq!(err.raw_body(), Some(body));
        assert_eq!(err.status(), Some(200));
        assert_eq!(err.request_id(), Some("r-1"));
        assert!(err.to_string().contains(hint), "{err}");
    }
}

#[tokio::test]
async fn send_with_headers_gives_status_headers_and_value() {
    let server =
        answering_post(ResponseTemplate::new(204).insert_header("request-id", "r-1")).await;
    let client = client(&server);
    let response = client
        .remove_mg_all_user_device_from_management()
        .user_id("a")
        .pass_thru()
        .send_with_headers()
        .await
        .expect("ok");
    assert_eq!(response.status, 204);
    assert_eq!(
        response
            .headers
            .get("request-id")
            .and_then(|v| v.to_str().ok()),
        Some("r-1")
    );
    assert_eq!(response.into_value(), Some(true));
    // Without -PassThru an action that answers with no content gives nothing.
    let plain = client
        .remove_mg_all_user_device_from_management()
        .user_id("a")
        .send()
        .await
        .expect("ok");
    assert_eq!(plain, None);
}

#[test]
fn public_types_are_thread_safe() {
    fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<graph_users_actions::Error>();
    send_sync::<graph_users_actions::Client>();
    send_sync::<graph_users_actions::ClientCredentials>();
    send_sync::<graph_users_actions::RetryPolicy>();
    send_sync::<graph_users_actions::Preview>();
    send_sync::<v1_0::UsersActionsIdentity>();
    // The futures of generated calls can be spawned on a multi-threaded runtime.
    fn send_future<F: std::future::Future + Send>(_: F) {}
    let client = graph_users_actions::Client::builder()
        .bearer_token("t")
        .build()
        .expect("builds");
    send_future(client.revoke_mg_user_sign_in_session().user_id("a").send());
    send_future(
        client
            .revoke_mg_user_sign_in_session()
            .user_id("a")
            .confirm(|_| true)
            .send_with_headers(),
    );
}

#[test]
fn identity_json_binds_keys_in_any_case_and_skips_other_properties() {
    // An exported user object, as PowerShell's identity converter accepts it.
    let pasted =
        r#"{"id":"1","displayName":"Bob","USERID":"bob@contoso.com","manager":{"id":"2"}}"#;
    let identity: v1_0::UsersActionsIdentity = serde_json::from_str(pasted).expect("binds");
    assert_eq!(identity.user_id.as_deref(), Some("bob@contoso.com"));
    let twice =
        serde_json::from_str::<v1_0::UsersActionsIdentity>(r#"{"UserId":"a","userId":"b"}"#);
    assert!(
        twice
            .expect_err("refused")
            .to_string()
            .contains("given twice")
    );
}
