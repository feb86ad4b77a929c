//! Behaviour of the generated **v1.0** cmdlets against a local mock Graph on 127.0.0.1: every
//! cmdlet and every parameter set, the HTTP method and exact (percent-encoded) path the server
//! receives, headers, bodies, answers, errors, `-WhatIf`, `-Confirm`, `-PassThru`,
//! `-ResponseHeadersVariable`, identities, and ids that must stay one path segment.
//!
//! Compile-time guarantees (not tested here: no `trybuild` in the dev-dependencies; checked by
//! hand against the generated code and documented so a change to them is noticed in review):
//! - `client.revoke_mg_user_sign_in_session().send()` does not compile: `send`, `what_if` and
//!   `send_with_headers` exist only once a parameter set is chosen (`.user_id(..)` or
//!   `.input_object(..)`).
//! - `.input_object(id).user_id(..)` and `.user_id(..).input_object(id)` do not compile: the
//!   path-key and ViaIdentity sets cannot be mixed.
//! - `.pass_thru()` exists only on the no-content cmdlets, not on `Revoke-MgUserSignInSession`
//!   (which answers with a boolean, as in the SDK).
//! - `.body_parameter(..)`, `.current_password(..)`, `.comment(..)` … exist only on the cmdlets
//!   with a request body. Mixing `-BodyParameter` with an Expanded parameter is a run-time error
//!   (tested below), as in PowerShell.

mod common;

use common::*;
use graph_users_actions::{ErrorKind, v1_0};
use serde_json::json;
use wiremock::ResponseTemplate;

const REVOKE: &str = "Revoke-MgUserSignInSession";
const PASSWORD: &str = "Update-MgUserPassword";
const ACCEPT: &str = "Invoke-MgAcceptUserEventInstance";
const REMOVE: &str = "Remove-MgAllUserDeviceFromManagement";
const DISABLE: &str = "Disable-MgUserAuthenticationPhoneMethodSmsSignIn";

/// The key of the mobile phone authentication method (documented constant).
const MOBILE: &str = "3179e48a-750b-4051-897c-87b9720928f7";

fn revoke_path(user: &str) -> String {
    format!("/v1.0/users/{user}/microsoft.graph.revokeSignInSessions")
}

fn password_path(user: &str) -> String {
    format!("/v1.0/users/{user}/microsoft.graph.changePassword")
}

fn accept_path(user: &str, event: &str, instance: &str) -> String {
    format!("/v1.0/users/{user}/events/{event}/instances/{instance}/microsoft.graph.accept")
}

fn remove_path(user: &str) -> String {
    format!("/v1.0/users/{user}/microsoft.graph.removeAllDevicesFromManagement")
}

fn disable_path(user: &str, method: &str) -> String {
    format!(
        "/v1.0/users/{user}/authentication/phoneMethods/{method}/microsoft.graph.disableSmsSignIn"
    )
}

fn user(id: &str) -> v1_0::UsersActionsIdentity {
    v1_0::UsersActionsIdentity {
        user_id: Some(id.into()),
        ..Default::default()
    }
}

fn instance(user_id: &str, event_id: &str, event_id1: &str) -> v1_0::UsersActionsIdentity {
    v1_0::UsersActionsIdentity {
        user_id: Some(user_id.into()),
        event_id: Some(event_id.into()),
        event_id1: Some(event_id1.into()),
        ..Default::default()
    }
}

fn phone_method(user_id: &str, method: &str) -> v1_0::UsersActionsIdentity {
    v1_0::UsersActionsIdentity {
        user_id: Some(user_id.into()),
        phone_authentication_method_id: Some(method.into()),
        ..Default::default()
    }
}

// ---------------------------------------------------------------------------------------------
// The identity type (`IUsersActionsIdentity`)
// ---------------------------------------------------------------------------------------------

#[test]
fn identity_deserializes_from_the_sdk_pascal_case_keys() {
    let id: v1_0::UsersActionsIdentity = serde_json::from_value(json!({
        "UserId": "alice@contoso.com",
        "PhoneAuthenticationMethodId": MOBILE,
        "EventId": "master",
        "EventId1": "occurrence"
    }))
    .expect("PascalCase keys deserialize");
    assert_eq!(
        id,
        v1_0::UsersActionsIdentity {
            user_id: Some("alice@contoso.com".into()),
            phone_authentication_method_id: Some(MOBILE.into()),
            event_id: Some("master".into()),
            event_id1: Some("occurrence".into()),
        }
    );
}

#[test]
fn identity_keys_match_in_any_case_like_a_powershell_hashtable() {
    let id: v1_0::UsersActionsIdentity =
        serde_json::from_str(r#"{"userid": "bob@contoso.com", "EVENTID1": "x"}"#)
            .expect("keys in any case deserialize");
    assert_eq!(id.user_id.as_deref(), Some("bob@contoso.com"));
    assert_eq!(id.event_id1.as_deref(), Some("x"));
    assert_eq!(id.event_id, None);
    assert_eq!(id.phone_authentication_method_id, None);

    let nulls: v1_0::UsersActionsIdentity =
        serde_json::from_str(r#"{"UserId": null}"#).expect("null is an absent key");
    assert_eq!(nulls, v1_0::UsersActionsIdentity::default());
}

#[test]
fn identity_refuses_unknown_and_repeated_keys() {
    let unknown =
        serde_json::from_str::<v1_0::UsersActionsIdentity>(r#"{"UserPrincipalName": "a"}"#)
            .expect_err("unknown key refused");
    let text = unknown.to_string();
    assert!(text.contains("UserPrincipalName"), "{text}");
    assert!(text.contains("UserId"), "lists the known keys: {text}");

    // A key for another module's identity is just as unknown.
    assert!(
        serde_json::from_str::<v1_0::UsersActionsIdentity>(r#"{"AuthenticationMethodId": "a"}"#)
            .is_err()
    );

    let twice =
        serde_json::from_str::<v1_0::UsersActionsIdentity>(r#"{"UserId": "a", "userid": "b"}"#)
            .expect_err("the same key twice is ambiguous");
    assert!(twice.to_string().contains("UserId"), "{twice}");
}

#[test]
fn identity_serializes_with_the_sdk_keys_and_round_trips() {
    let id = instance("u", "e", "e1");
    let value = serde_json::to_value(&id).expect("serializes");
    assert_eq!(
        value,
        json!({"UserId": "u", "EventId": "e", "EventId1": "e1"})
    );
    let back: v1_0::UsersActionsIdentity = serde_json::from_value(value).expect("round trips");
    assert_eq!(back, id);
    assert_eq!(
        v1_0::UsersActionsIdentity::PROPERTIES,
        [
            "UserId",
            "PhoneAuthenticationMethodId",
            "EventId",
            "EventId1"
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Revoke-MgUserSignInSession
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn revoke_user_id_posts_a_signed_request_to_the_exact_path_and_gives_value_true() {
    let server = server().await;
    expect_post(&server, &revoke_path("alice%40contoso.com"), value(true)).await;
    let client = client(&server);

    let ok: bool = client
        .revoke_mg_user_sign_in_session()
        .user_id("alice@contoso.com")
        .send()
        .await
        .expect("revoked");

    assert!(ok);
    let request = only_request(&server).await;
    assert_signed_post(&request);
    assert_eq!(raw_path(&request), revoke_path("alice%40contoso.com"));
    assert_no_body(&request);
    assert_eq!(
        header(&request, "accept").as_deref(),
        Some("application/json")
    );
}

#[tokio::test]
async fn revoke_gives_false_when_graph_answers_value_false() {
    let server = server().await;
    expect_post(&server, &revoke_path("alice"), value(false)).await;
    let ok = client(&server)
        .revoke_mg_user_sign_in_session()
        .user_id("alice")
        .send()
        .await
        .expect("answered");
    assert!(!ok, "value false must not be reported as success");
}

#[tokio::test]
async fn revoke_no_content_and_empty_2xx_answers_count_as_true() {
    for status in [204, 202, 200, 201] {
        let server = server().await;
        expect_post(&server, &revoke_path("alice"), empty(status)).await;
        let ok = client(&server)
            .revoke_mg_user_sign_in_session()
            .user_id("alice")
            .send()
            .await
            .unwrap_or_else(|e| panic!("{status}: {e}"));
        assert!(ok, "{status} with no body is success");
    }
}

#[tokio::test]
async fn revoke_via_identity_posts_to_the_identity_user() {
    let server = server().await;
    expect_post(&server, &revoke_path("bob%40contoso.com"), value(true)).await;
    let ok = client(&server)
        .revoke_mg_user_sign_in_session()
        .input_object(user("bob@contoso.com"))
        .send()
        .await
        .expect("revoked");
    assert!(ok);
    let request = only_request(&server).await;
    assert_signed_post(&request);
    assert_no_body(&request);
}

#[tokio::test]
async fn revoke_via_identity_accepts_an_identity_read_from_json() {
    let server = server().await;
    expect_post(&server, &revoke_path("carol%40contoso.com"), value(true)).await;
    let id: v1_0::UsersActionsIdentity =
        serde_json::from_str(r#"{"userid": "carol@contoso.com"}"#).expect("deserializes");
    assert!(
        client(&server)
            .revoke_mg_user_sign_in_session()
            .input_object(id)
            .send()
            .await
            .expect("revoked")
    );
}

#[tokio::test]
async fn revoke_custom_headers_are_sent_and_repeatable() {
    let server = server().await;
    expect_post(&server, &revoke_path("alice"), value(true)).await;
    client(&server)
        .revoke_mg_user_sign_in_session()
        .user_id("alice")
        .header("x-a", "1")
        .header("ConsistencyLevel", "eventual")
        .header("x-a", "2")
        .send()
        .await
        .expect("revoked");
    let request = only_request(&server).await;
    assert_eq!(header_values(&request, "x-a"), ["1", "2"]);
    assert_eq!(
        header(&request, "consistencylevel").as_deref(),
        Some("eventual")
    );
    assert_eq!(
        header(&request, "authorization").as_deref(),
        Some("Bearer test-token"),
        "custom headers do not displace the token"
    );
}

#[tokio::test]
async fn revoke_custom_client_request_id_replaces_the_default_and_is_reported() {
    let server = server().await;
    expect_post(
        &server,
        &revoke_path("alice"),
        ResponseTemplate::new(400).set_body_string(""),
    )
    .await;
    let error = expect_err(
        client(&server)
            .revoke_mg_user_sign_in_session()
            .user_id("alice")
            .header("client-request-id", "my-correlation-id")
            .send()
            .await,
    );
    let request = only_request(&server).await;
    assert_eq!(
        header_values(&request, "client-request-id"),
        ["my-correlation-id"]
    );
    assert_eq!(error.client_request_id(), Some("my-correlation-id"));
    assert!(error.to_string().contains("my-correlation-id"), "{error}");
}

#[tokio::test]
async fn revoke_reserved_or_malformed_custom_headers_fail_before_sending() {
    let server = server().await;
    answer_all(&server, value(true)).await;
    let client = client(&server);
    for (name, value) in [
        ("Authorization", "Bearer stolen"),
        ("Host", "evil.example"),
        ("bad name", "x"),
        ("x-ok", "line\r\nInjected: yes"),
    ] {
        let error = expect_err(
            client
                .revoke_mg_user_sign_in_session()
                .user_id("alice")
                .header(name, value)
                .send()
                .await,
        );
        assert_invalid_argument(&error, &[REVOKE, "-Headers"]);
    }
    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn revoke_graph_error_json_is_exposed_in_the_error_and_its_display() {
    let server = server().await;
    expect_post(
        &server,
        &revoke_path("alice"),
        graph_error(
            403,
            "Authorization_RequestDenied",
            "Insufficient privileges to complete the operation.",
        ),
    )
    .await;
    let error = expect_err(
        client(&server)
            .revoke_mg_user_sign_in_session()
            .user_id("alice")
            .send()
            .await,
    );
    assert_graph_error(
        &error,
        403,
        "Authorization_RequestDenied",
        "Insufficient privileges to complete the operation.",
        REVOKE,
    );
    // A 403 names what to grant.
    assert!(
        error.to_string().contains("User.RevokeSessions.All"),
        "{error}"
    );
}

#[tokio::test]
async fn revoke_not_found_error_for_an_unknown_user() {
    let server = server().await;
    expect_post(
        &server,
        &revoke_path("ghost"),
        graph_error(
            404,
            "Request_ResourceNotFound",
            "Resource 'ghost' does not exist.",
        ),
    )
    .await;
    let error = expect_err(
        client(&server)
            .revoke_mg_user_sign_in_session()
            .user_id("ghost")
            .send()
            .await,
    );
    assert_graph_error(
        &error,
        404,
        "Request_ResourceNotFound",
        "Resource 'ghost' does not exist.",
        REVOKE,
    );
}

#[tokio::test]
async fn revoke_non_json_error_bodies_are_kept_without_panicking() {
    let server = server().await;
    expect_post(
        &server,
        &revoke_path("alice"),
        ResponseTemplate::new(502).set_body_raw(HTML_ERROR, "text/html"),
    )
    .await;
    let error = expect_err(
        client(&server)
            .revoke_mg_user_sign_in_session()
            .user_id("alice")
            .send()
            .await,
    );
    assert_html_error_kept(&error);

    let server = self::server().await;
    expect_post(&server, &revoke_path("alice"), garbage(500)).await;
    let error = expect_err(
        client(&server)
            .revoke_mg_user_sign_in_session()
            .user_id("alice")
            .send()
            .await,
    );
    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.status(), Some(500));
    assert_eq!(error.raw_body(), Some(GARBAGE));
    assert!(error.to_string().contains("500"), "{error}");
}

#[tokio::test]
async fn revoke_success_status_with_a_body_that_is_not_json_is_an_error_keeping_the_body() {
    let server = server().await;
    expect_post(
        &server,
        &revoke_path("alice"),
        ResponseTemplate::new(200).set_body_raw("<html>OK</html>", "text/html"),
    )
    .await;
    let error = expect_err(
        client(&server)
            .revoke_mg_user_sign_in_session()
            .user_id("alice")
            .send()
            .await,
    );
    assert_eq!(error.kind(), ErrorKind::UnexpectedResponse, "{error}");
    assert_eq!(error.status(), Some(200));
    assert_eq!(error.raw_body(), Some(&b"<html>OK</html>"[..]));
    assert!(error.to_string().contains("<html>OK</html>"), "{error}");
}

#[tokio::test]
async fn revoke_success_with_a_value_that_is_not_a_boolean_is_an_error() {
    for body in [json!({"value": "yes"}), json!({"ok": true}), json!([true])] {
        let server = server().await;
        expect_post(
            &server,
            &revoke_path("alice"),
            ResponseTemplate::new(200).set_body_json(&body),
        )
        .await;
        let error = expect_err(
            client(&server)
                .revoke_mg_user_sign_in_session()
                .user_id("alice")
                .send()
                .await,
        );
        assert_eq!(
            error.kind(),
            ErrorKind::UnexpectedResponse,
            "{body}: {error}"
        );
        assert_eq!(
            error.raw_body().map(<[u8]>::to_vec),
            Some(serde_json::to_vec(&body).expect("serializes"))
        );
    }
}

#[tokio::test]
async fn revoke_what_if_previews_each_parameter_set_and_sends_nothing() {
    let server = server().await;
    answer_all(&server, value(true)).await;
    let client = client(&server);

    let preview = client
        .revoke_mg_user_sign_in_session()
        .user_id("bob_contoso.com#EXT#@fabrikam.onmicrosoft.com")
        .what_if()
        .expect("previews");
    assert_preview(
        &preview,
        &server,
        REVOKE,
        "Revoke",
        &revoke_path("bob_contoso.com%23EXT%23%40fabrikam.onmicrosoft.com"),
    );

    let preview = client
        .revoke_mg_user_sign_in_session()
        .input_object(user("alice@contoso.com"))
        .what_if()
        .expect("previews");
    assert_preview(
        &preview,
        &server,
        REVOKE,
        "RevokeViaIdentity",
        &revoke_path("alice%40contoso.com"),
    );
    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn revoke_declined_confirm_sends_nothing_and_is_a_distinct_outcome() {
    let server = server().await;
    answer_all(&server, value(true)).await;
    let client = client(&server);
    let approvals = Approvals::default();

    let error = expect_err(
        client
            .revoke_mg_user_sign_in_session()
            .user_id("alice@contoso.com")
            .confirm(approvals.hook(false))
            .send()
            .await,
    );
    assert_declined(&error, REVOKE);

    let error = expect_err(
        client
            .revoke_mg_user_sign_in_session()
            .input_object(user("alice@contoso.com"))
            .confirm(|_| false)
            .send()
            .await,
    );
    assert_declined(&error, REVOKE);
    assert_nothing_sent(&server).await;

    // The hook was shown what would have been sent.
    let seen = approvals.seen();
    assert_eq!(seen.len(), 1);
    assert_preview(
        &seen[0],
        &server,
        REVOKE,
        "Revoke",
        &revoke_path("alice%40contoso.com"),
    );
}

#[tokio::test]
async fn revoke_approved_confirm_sends_once() {
    let server = server().await;
    expect_post(&server, &revoke_path("alice"), value(true)).await;
    let approvals = Approvals::default();
    let ok = client(&server)
        .revoke_mg_user_sign_in_session()
        .user_id("alice")
        .confirm(approvals.hook(true))
        .send()
        .await
        .expect("approved and sent");
    assert!(ok);
    assert_eq!(approvals.seen().len(), 1);
    only_request(&server).await;
}

#[tokio::test]
async fn revoke_via_identity_without_user_id_fails_before_sending() {
    let server = server().await;
    answer_all(&server, value(true)).await;
    let client = client(&server);
    // Keys the operation does not need do not stand in for the one it needs.
    let id = v1_0::UsersActionsIdentity {
        event_id: Some("e".into()),
        ..Default::default()
    };
    let error = expect_err(
        client
            .revoke_mg_user_sign_in_session()
            .input_object(id)
            .send()
            .await,
    );
    assert_missing_identity_property(&error, "UserId");
    let error = expect_err(
        client
            .revoke_mg_user_sign_in_session()
            .input_object(v1_0::UsersActionsIdentity::default())
            .what_if(),
    );
    assert_missing_identity_property(&error, "UserId");
    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn revoke_send_with_headers_exposes_status_and_response_headers() {
    let server = server().await;
    expect_post(
        &server,
        &revoke_path("alice"),
        value(true)
            .insert_header("request-id", "graph-request-1")
            .insert_header("x-ms-ags-diagnostic", "{\"ServerInfo\":{}}"),
    )
    .await;
    let response = client(&server)
        .revoke_mg_user_sign_in_session()
        .user_id("alice")
        .send_with_headers()
        .await
        .expect("revoked");
    assert!(response.value);
    assert_eq!(response.status, 200);
    assert_eq!(
        response
            .headers
            .get("request-id")
            .and_then(|v| v.to_str().ok()),
        Some("graph-request-1")
    );
    assert!(response.headers.contains_key("x-ms-ags-diagnostic"));

    let server = self::server().await;
    expect_post(
        &server,
        &revoke_path("alice"),
        empty(204).insert_header("request-id", "graph-request-2"),
    )
    .await;
    let response = client(&server)
        .revoke_mg_user_sign_in_session()
        .input_object(user("alice"))
        .send_with_headers()
        .await
        .expect("revoked");
    assert!(response.value);
    assert_eq!(response.status, 204);
    assert_eq!(
        response
            .headers
            .get("request-id")
            .and_then(|v| v.to_str().ok()),
        Some("graph-request-2")
    );
}

#[tokio::test]
async fn revoke_hostile_user_ids_reach_graph_as_exactly_one_segment() {
    let server = server().await;
    answer_all(&server, value(true)).await;
    let client = client(&server);
    for (raw, _) in HOSTILE_IDS {
        let ok = client
            .revoke_mg_user_sign_in_session()
            .user_id(*raw)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{raw:?}: {e}"));
        assert!(ok, "{raw:?}");
    }
    for (raw, _) in HOSTILE_IDS {
        client
            .revoke_mg_user_sign_in_session()
            .input_object(user(raw))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{raw:?} via identity: {e}"));
    }
    let expected: Vec<String> = HOSTILE_IDS
        .iter()
        .chain(HOSTILE_IDS)
        .map(|(_, encoded)| revoke_path(encoded))
        .collect();
    assert_eq!(received_paths(&server).await, expected);
}

#[tokio::test]
async fn revoke_what_if_url_matches_what_is_sent_for_hostile_ids() {
    let server = server().await;
    answer_all(&server, value(true)).await;
    let client = client(&server);
    for (raw, encoded) in HOSTILE_IDS {
        let builder = client.revoke_mg_user_sign_in_session().user_id(*raw);
        let preview = builder.what_if().expect("previews");
        assert_eq!(
            preview.url(),
            format!("{}{}", server.uri(), revoke_path(encoded))
        );
        builder.send().await.expect("sent");
        let last = received(&server).await.pop().expect("one more request");
        assert_eq!(
            format!("{}{}", server.uri(), raw_path(&last)),
            preview.url(),
            "{raw:?}"
        );
    }
}

#[tokio::test]
async fn revoke_dot_and_empty_ids_are_refused_before_sending() {
    let server = server().await;
    answer_all(&server, value(true)).await;
    let client = client(&server);
    for bad in DOT_IDS {
        let error = expect_err(
            client
                .revoke_mg_user_sign_in_session()
                .user_id(*bad)
                .send()
                .await,
        );
        assert_invalid_argument(&error, &[REVOKE, "-UserId", &format!("{bad:?}")]);
        let error = expect_err(
            client
                .revoke_mg_user_sign_in_session()
                .user_id(*bad)
                .what_if(),
        );
        assert_invalid_argument(&error, &["-UserId"]);
        let error = expect_err(
            client
                .revoke_mg_user_sign_in_session()
                .input_object(user(bad))
                .send()
                .await,
        );
        assert_invalid_argument(&error, &["UserId"]);
    }
    let error = expect_err(
        client
            .revoke_mg_user_sign_in_session()
            .user_id("")
            .send()
            .await,
    );
    assert_invalid_argument(&error, &["-UserId", "empty"]);
    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn base_url_with_a_trailing_slash_gives_the_same_request_path() {
    let server = server().await;
    expect_post(&server, &revoke_path("alice"), value(true)).await;
    let client = graph_users_actions::Client::builder()
        .base_url(format!("{}/", server.uri()))
        .bearer_token(TOKEN)
        .retry_policy(graph_users_actions::RetryPolicy::disabled())
        .build()
        .expect("builds");
    assert!(
        client
            .revoke_mg_user_sign_in_session()
            .user_id("alice")
            .send()
            .await
            .expect("revoked")
    );
    assert_eq!(received_paths(&server).await, [revoke_path("alice")]);
}

#[tokio::test]
async fn base_url_with_a_path_prefix_is_kept_before_the_version() {
    let server = server().await;
    expect_post(
        &server,
        &format!("/graph-proxy{}", revoke_path("alice")),
        value(true),
    )
    .await;
    let client = graph_users_actions::Client::builder()
        .base_url(format!("{}/graph-proxy/", server.uri()))
        .bearer_token(TOKEN)
        .retry_policy(graph_users_actions::RetryPolicy::disabled())
        .build()
        .expect("builds");
    let builder = client.revoke_mg_user_sign_in_session().user_id("alice");
    assert_eq!(
        builder.what_if().expect("previews").url(),
        format!("{}/graph-proxy{}", server.uri(), revoke_path("alice"))
    );
    assert!(builder.send().await.expect("revoked"));
    assert_eq!(
        received_paths(&server).await,
        [format!("/graph-proxy{}", revoke_path("alice"))]
    );
}

#[tokio::test]
async fn revoke_redirect_is_not_followed_so_the_post_is_not_replayed_elsewhere() {
    let server = server().await;
    expect_post(
        &server,
        &revoke_path("alice"),
        ResponseTemplate::new(307).insert_header("Location", revoke_path("mallory")),
    )
    .await;
    let error = expect_err(
        client(&server)
            .revoke_mg_user_sign_in_session()
            .user_id("alice")
            .send()
            .await,
    );
    assert_eq!(error.kind(), ErrorKind::Api, "{error}");
    assert_eq!(error.status(), Some(307));
    assert_eq!(received_paths(&server).await, [revoke_path("alice")]);
}

#[tokio::test]
async fn revoke_unauthorized_error_says_what_is_wrong_with_the_token() {
    let server = server().await;
    expect_post(
        &server,
        &revoke_path("alice"),
        graph_error(
            401,
            "InvalidAuthenticationToken",
            "Access token has expired or is not yet valid.",
        ),
    )
    .await;
    let error = expect_err(
        client(&server)
            .revoke_mg_user_sign_in_session()
            .user_id("alice")
            .send()
            .await,
    );
    assert_graph_error(
        &error,
        401,
        "InvalidAuthenticationToken",
        "Access token has expired or is not yet valid.",
        REVOKE,
    );
    assert!(error.to_string().contains("token"), "{error}");
    assert!(
        !error.to_string().contains(TOKEN),
        "the token itself is never shown: {error}"
    );
}

// ---------------------------------------------------------------------------------------------
// Update-MgUserPassword
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn update_password_expanded_sends_the_camel_case_body_and_gives_none_without_pass_thru() {
    let server = server().await;
    expect_post(&server, &password_path("alice%40contoso.com"), empty(204)).await;
    let result = client(&server)
        .update_mg_user_password()
        .user_id("alice@contoso.com")
        .current_password("xWwvJ]6NMw+bWH-d")
        .new_password("0eM85N54wFxWwvJ]")
        .send()
        .await
        .expect("changed");
    assert_eq!(result, None, "-PassThru not given: nothing to return");
    let request = only_request(&server).await;
    assert_signed_post(&request);
    assert_json_body(
        &request,
        &json!({"currentPassword": "xWwvJ]6NMw+bWH-d", "newPassword": "0eM85N54wFxWwvJ]"}),
    );
}

#[tokio::test]
async fn update_password_pass_thru_gives_some_true() {
    let server = server().await;
    expect_post(&server, &password_path("alice"), empty(204)).await;
    let result = client(&server)
        .update_mg_user_password()
        .user_id("alice")
        .current_password("old")
        .new_password("new")
        .pass_thru()
        .send()
        .await
        .expect("changed");
    assert_eq!(result, Some(true));
}

#[tokio::test]
async fn update_password_body_parameter_sends_the_body_as_given() {
    let server = server().await;
    expect_post(&server, &password_path("alice"), empty(204)).await;
    let body = json!({"currentPassword": "old", "newPassword": "new", "x": [1, {"y": null}]});
    let result = client(&server)
        .update_mg_user_password()
        .user_id("alice")
        .body_parameter(body.clone())
        .pass_thru()
        .send()
        .await
        .expect("changed");
    assert_eq!(result, Some(true));
    assert_json_body(&only_request(&server).await, &body);
}

#[tokio::test]
async fn update_password_via_identity_with_body_parameter() {
    let server = server().await;
    expect_post(&server, &password_path("a%2Fb"), empty(204)).await;
    let body = json!({"currentPassword": "old", "newPassword": "new"});
    let result = client(&server)
        .update_mg_user_password()
        .input_object(user("a/b"))
        .body_parameter(body.clone())
        .send()
        .await
        .expect("changed");
    assert_eq!(result, None);
    let request = only_request(&server).await;
    assert_signed_post(&request);
    assert_json_body(&request, &body);
}

#[tokio::test]
async fn update_password_via_identity_expanded_merges_additional_properties() {
    let server = server().await;
    expect_post(&server, &password_path("alice"), empty(204)).await;
    let mut extra = serde_json::Map::new();
    extra.insert("@odata.type".into(), json!("#microsoft.graph.x"));
    extra.insert("flag".into(), json!(true));
    client(&server)
        .update_mg_user_password()
        .input_object(user("alice"))
        .new_password("new")
        .additional_properties(extra)
        .current_password("old")
        .send()
        .await
        .expect("changed");
    assert_json_body(
        &only_request(&server).await,
        &json!({
            "currentPassword": "old",
            "newPassword": "new",
            "@odata.type": "#microsoft.graph.x",
            "flag": true
        }),
    );
}

#[tokio::test]
async fn update_password_expanded_without_parameters_sends_an_empty_object() {
    let server = server().await;
    expect_post(&server, &password_path("alice"), empty(204)).await;
    client(&server)
        .update_mg_user_password()
        .user_id("alice")
        .send()
        .await
        .expect("sent");
    assert_json_body(&only_request(&server).await, &json!({}));
}

#[tokio::test]
async fn update_password_body_parameter_with_an_expanded_parameter_fails_before_sending() {
    let server = server().await;
    answer_all(&server, empty(204)).await;
    let client = client(&server);
    let error = expect_err(
        client
            .update_mg_user_password()
            .user_id("alice")
            .body_parameter(json!({"newPassword": "a"}))
            .current_password("old")
            .send()
            .await,
    );
    assert_invalid_argument(&error, &[PASSWORD, "-BodyParameter", "currentPassword"]);

    let builder = client
        .update_mg_user_password()
        .input_object(user("alice"))
        .new_password("new")
        .body_parameter(json!({"newPassword": "a"}));
    let error = expect_err(builder.what_if());
    assert_invalid_argument(&error, &[PASSWORD, "-BodyParameter", "newPassword"]);
    let error = expect_err(builder.send().await);
    assert_invalid_argument(&error, &["-BodyParameter"]);
    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn update_password_what_if_names_each_of_the_four_parameter_sets() {
    let server = server().await;
    answer_all(&server, empty(204)).await;
    let client = client(&server);
    let path = password_path("alice");
    let body = json!({"newPassword": "n"});

    let p = client
        .update_mg_user_password()
        .user_id("alice")
        .body_parameter(body.clone())
        .what_if()
        .expect("previews");
    assert_preview(&p, &server, PASSWORD, "Change", &path);
    let p = client
        .update_mg_user_password()
        .user_id("alice")
        .new_password("n")
        .what_if()
        .expect("previews");
    assert_preview(&p, &server, PASSWORD, "ChangeExpanded", &path);
    let p = client
        .update_mg_user_password()
        .input_object(user("alice"))
        .body_parameter(body)
        .what_if()
        .expect("previews");
    assert_preview(&p, &server, PASSWORD, "ChangeViaIdentity", &path);
    let p = client
        .update_mg_user_password()
        .input_object(user("alice"))
        .what_if()
        .expect("previews");
    assert_preview(&p, &server, PASSWORD, "ChangeViaIdentityExpanded", &path);
    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn update_password_graph_error_is_an_error_even_with_pass_thru() {
    let server = server().await;
    expect_post(
        &server,
        &password_path("alice"),
        graph_error(
            400,
            "Request_BadRequest",
            "The password does not meet the complexity requirements.",
        ),
    )
    .await;
    let error = expect_err(
        client(&server)
            .update_mg_user_password()
            .user_id("alice")
            .current_password("old")
            .new_password("x")
            .pass_thru()
            .send()
            .await,
    );
    assert_graph_error(
        &error,
        400,
        "Request_BadRequest",
        "The password does not meet the complexity requirements.",
        PASSWORD,
    );
}

#[tokio::test]
async fn update_password_declined_confirm_sends_nothing() {
    let server = server().await;
    answer_all(&server, empty(204)).await;
    let approvals = Approvals::default();
    let error = expect_err(
        client(&server)
            .update_mg_user_password()
            .input_object(user("alice"))
            .current_password("old")
            .new_password("new")
            .pass_thru()
            .confirm(approvals.hook(false))
            .send()
            .await,
    );
    assert_declined(&error, PASSWORD);
    assert_nothing_sent(&server).await;
    assert_eq!(
        approvals.seen()[0].parameter_set(),
        "ChangeViaIdentityExpanded"
    );
}

#[tokio::test]
async fn update_password_approved_confirm_sends() {
    let server = server().await;
    expect_post(&server, &password_path("alice"), empty(204)).await;
    let result = client(&server)
        .update_mg_user_password()
        .user_id("alice")
        .new_password("new")
        .confirm(|_| true)
        .pass_thru()
        .send()
        .await
        .expect("sent");
    assert_eq!(result, Some(true));
}

#[tokio::test]
async fn update_password_via_identity_without_user_id_fails_before_sending() {
    let server = server().await;
    answer_all(&server, empty(204)).await;
    let error = expect_err(
        client(&server)
            .update_mg_user_password()
            .input_object(v1_0::UsersActionsIdentity::default())
            .body_parameter(json!({}))
            .send()
            .await,
    );
    assert_missing_identity_property(&error, "UserId");
    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn update_password_send_with_headers_gives_status_and_headers() {
    let server = server().await;
    expect_post(
        &server,
        &password_path("alice"),
        empty(204).insert_header("request-id", "pw-1"),
    )
    .await;
    let response = client(&server)
        .update_mg_user_password()
        .user_id("alice")
        .new_password("n")
        .pass_thru()
        .send_with_headers()
        .await
        .expect("sent");
    assert_eq!(response.value, Some(true));
    assert_eq!(response.status, 204);
    assert_eq!(
        response
            .headers
            .get("request-id")
            .and_then(|v| v.to_str().ok()),
        Some("pw-1")
    );
}

#[tokio::test]
async fn update_password_hostile_ids_reach_graph_as_one_segment_and_dots_are_refused() {
    let server = server().await;
    answer_all(&server, empty(204)).await;
    let client = client(&server);
    for (raw, _) in HOSTILE_IDS {
        client
            .update_mg_user_password()
            .user_id(*raw)
            .new_password("n")
            .send()
            .await
            .unwrap_or_else(|e| panic!("{raw:?}: {e}"));
    }
    let expected: Vec<String> = HOSTILE_IDS.iter().map(|(_, e)| password_path(e)).collect();
    assert_eq!(received_paths(&server).await, expected);

    for bad in DOT_IDS {
        let error = expect_err(
            client
                .update_mg_user_password()
                .input_object(user(bad))
                .new_password("n")
                .send()
                .await,
        );
        assert_invalid_argument(&error, &[PASSWORD, "UserId"]);
    }
    assert_eq!(received(&server).await.len(), HOSTILE_IDS.len());
}

// ---------------------------------------------------------------------------------------------
// Invoke-MgAcceptUserEventInstance
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn accept_expanded_posts_the_reply_to_the_occurrence_path() {
    let server = server().await;
    expect_post(
        &server,
        &accept_path("alice%40contoso.com", "master", "occurrence"),
        empty(202),
    )
    .await;
    let result = client(&server)
        .invoke_mg_accept_user_event_instance()
        .user_id("alice@contoso.com")
        .event_id("master")
        .event_id1("occurrence")
        .send_response(true)
        .comment("I will be there")
        .send()
        .await
        .expect("accepted");
    assert_eq!(result, None);
    let request = only_request(&server).await;
    assert_signed_post(&request);
    // The property names of the spec's request body (the action's parameters).
    assert_json_body(
        &request,
        &json!({"SendResponse": true, "Comment": "I will be there"}),
    );
}

#[tokio::test]
async fn accept_pass_thru_gives_some_true_for_202_and_204() {
    for status in [202, 204] {
        let server = server().await;
        expect_post(&server, &accept_path("u", "e", "e1"), empty(status)).await;
        let result = client(&server)
            .invoke_mg_accept_user_event_instance()
            .user_id("u")
            .event_id("e")
            .event_id1("e1")
            .send_response(false)
            .pass_thru()
            .send()
            .await
            .expect("accepted");
        assert_eq!(result, Some(true), "{status}");
        assert_json_body(
            &only_request(&server).await,
            &json!({"SendResponse": false}),
        );
    }
}

#[tokio::test]
async fn accept_body_parameter_sends_the_body_as_given() {
    let server = server().await;
    expect_post(&server, &accept_path("u", "e", "e1"), empty(202)).await;
    let body = json!({"Comment": "ok", "SendResponse": false});
    client(&server)
        .invoke_mg_accept_user_event_instance()
        .user_id("u")
        .event_id("e")
        .event_id1("e1")
        .body_parameter(body.clone())
        .send()
        .await
        .expect("accepted");
    assert_json_body(&only_request(&server).await, &body);
}

#[tokio::test]
async fn accept_via_identity_with_body_parameter_and_expanded() {
    let server = server().await;
    answer_all(&server, empty(202)).await;
    let client = client(&server);
    let body = json!({"Comment": "from hashtable"});
    let result = client
        .invoke_mg_accept_user_event_instance()
        .input_object(instance("u", "e", "e1"))
        .body_parameter(body.clone())
        .pass_thru()
        .send()
        .await
        .expect("accepted");
    assert_eq!(result, Some(true));
    let id: v1_0::UsersActionsIdentity =
        serde_json::from_str(r#"{"UserId": "u", "EventId": "e", "EventId1": "e2"}"#)
            .expect("deserializes");
    let result = client
        .invoke_mg_accept_user_event_instance()
        .input_object(id)
        .comment("expanded")
        .send()
        .await
        .expect("accepted");
    assert_eq!(result, None);

    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    assert_eq!(raw_path(&requests[0]), accept_path("u", "e", "e1"));
    assert_signed_post(&requests[0]);
    assert_json_body(&requests[0], &body);
    assert_eq!(raw_path(&requests[1]), accept_path("u", "e", "e2"));
    assert_json_body(&requests[1], &json!({"Comment": "expanded"}));
}

#[tokio::test]
async fn accept_via_identity_lacking_event_id1_fails_before_sending_naming_it() {
    let server = server().await;
    answer_all(&server, empty(202)).await;
    let client = client(&server);
    let id = v1_0::UsersActionsIdentity {
        user_id: Some("u".into()),
        event_id: Some("e".into()),
        ..Default::default()
    };
    let error = expect_err(
        client
            .invoke_mg_accept_user_event_instance()
            .input_object(id.clone())
            .comment("c")
            .send()
            .await,
    );
    assert_missing_identity_property(&error, "EventId1");
    assert!(
        error
            .to_string()
            .contains("InputObject has null value for InputObject.EventId1"),
        "{error}"
    );
    let error = expect_err(
        client
            .invoke_mg_accept_user_event_instance()
            .input_object(id)
            .what_if(),
    );
    assert_missing_identity_property(&error, "EventId1");

    let error = expect_err(
        client
            .invoke_mg_accept_user_event_instance()
            .input_object(v1_0::UsersActionsIdentity {
                user_id: Some("u".into()),
                event_id1: Some("e1".into()),
                ..Default::default()
            })
            .body_parameter(json!({}))
            .send()
            .await,
    );
    assert_missing_identity_property(&error, "EventId");
    let error = expect_err(
        client
            .invoke_mg_accept_user_event_instance()
            .input_object(v1_0::UsersActionsIdentity {
                event_id: Some("e".into()),
                event_id1: Some("e1".into()),
                ..Default::default()
            })
            .send()
            .await,
    );
    assert_missing_identity_property(&error, "UserId");
    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn accept_plain_set_missing_a_key_fails_before_sending_naming_it() {
    let server = server().await;
    answer_all(&server, empty(202)).await;
    let client = client(&server);
    let error = expect_err(
        client
            .invoke_mg_accept_user_event_instance()
            .user_id("u")
            .event_id("e")
            .comment("c")
            .send()
            .await,
    );
    assert_invalid_argument(&error, &[ACCEPT, "-EventId1"]);
    let error = expect_err(
        client
            .invoke_mg_accept_user_event_instance()
            .user_id("u")
            .event_id1("e1")
            .what_if(),
    );
    assert_invalid_argument(&error, &[ACCEPT, "-EventId"]);
    assert!(!error.to_string().contains("-EventId1"), "{error}");
    let error = expect_err(
        client
            .invoke_mg_accept_user_event_instance()
            .event_id("e")
            .event_id1("e1")
            .body_parameter(json!({}))
            .send()
            .await,
    );
    assert_invalid_argument(&error, &[ACCEPT, "-UserId"]);
    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn accept_body_parameter_with_an_expanded_parameter_fails_before_sending() {
    let server = server().await;
    answer_all(&server, empty(202)).await;
    let client = client(&server);
    let error = expect_err(
        client
            .invoke_mg_accept_user_event_instance()
            .user_id("u")
            .event_id("e")
            .event_id1("e1")
            .comment("c")
            .body_parameter(json!({"Comment": "d"}))
            .send()
            .await,
    );
    assert_invalid_argument(&error, &[ACCEPT, "-BodyParameter", "Comment"]);
    let error = expect_err(
        client
            .invoke_mg_accept_user_event_instance()
            .input_object(instance("u", "e", "e1"))
            .body_parameter(json!({}))
            .send_response(true)
            .send()
            .await,
    );
    assert_invalid_argument(&error, &[ACCEPT, "-BodyParameter", "SendResponse"]);
    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn accept_hostile_ids_in_every_key_reach_graph_as_one_segment_each() {
    let server = server().await;
    answer_all(&server, empty(202)).await;
    let client = client(&server);
    for (raw, _) in HOSTILE_IDS {
        client
            .invoke_mg_accept_user_event_instance()
            .user_id(*raw)
            .event_id(*raw)
            .event_id1(*raw)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{raw:?}: {e}"));
        client
            .invoke_mg_accept_user_event_instance()
            .input_object(instance(raw, raw, raw))
            .body_parameter(json!({}))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{raw:?} via identity: {e}"));
    }
    let expected: Vec<String> = HOSTILE_IDS
        .iter()
        .flat_map(|(_, e)| [accept_path(e, e, e), accept_path(e, e, e)])
        .collect();
    assert_eq!(received_paths(&server).await, expected);
}

#[tokio::test]
async fn accept_dot_ids_in_any_key_are_refused_before_sending() {
    let server = server().await;
    answer_all(&server, empty(202)).await;
    let client = client(&server);
    for bad in DOT_IDS {
        let cases = [
            ("-UserId", (*bad, "e", "e1")),
            ("-EventId", ("u", *bad, "e1")),
            ("-EventId1", ("u", "e", *bad)),
        ];
        for (parameter, (u, e, e1)) in cases {
            let error = expect_err(
                client
                    .invoke_mg_accept_user_event_instance()
                    .user_id(u)
                    .event_id(e)
                    .event_id1(e1)
                    .send()
                    .await,
            );
            assert_invalid_argument(&error, &[ACCEPT, parameter]);
            let error = expect_err(
                client
                    .invoke_mg_accept_user_event_instance()
                    .input_object(instance(u, e, e1))
                    .send()
                    .await,
            );
            assert_invalid_argument(&error, &[ACCEPT, &parameter[1..]]);
        }
    }
    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn accept_what_if_names_each_of_the_four_parameter_sets() {
    let server = server().await;
    answer_all(&server, empty(202)).await;
    let client = client(&server);
    let path = accept_path("u", "e%2F1", "e%2B2");
    let p = client
        .invoke_mg_accept_user_event_instance()
        .user_id("u")
        .event_id("e/1")
        .event_id1("e+2")
        .body_parameter(json!({}))
        .what_if()
        .expect("previews");
    assert_preview(&p, &server, ACCEPT, "Accept", &path);
    let p = client
        .invoke_mg_accept_user_event_instance()
        .user_id("u")
        .event_id("e/1")
        .event_id1("e+2")
        .what_if()
        .expect("previews");
    assert_preview(&p, &server, ACCEPT, "AcceptExpanded", &path);
    let p = client
        .invoke_mg_accept_user_event_instance()
        .input_object(instance("u", "e/1", "e+2"))
        .body_parameter(json!({}))
        .what_if()
        .expect("previews");
    assert_preview(&p, &server, ACCEPT, "AcceptViaIdentity", &path);
    let p = client
        .invoke_mg_accept_user_event_instance()
        .input_object(instance("u", "e/1", "e+2"))
        .comment("c")
        .what_if()
        .expect("previews");
    assert_preview(&p, &server, ACCEPT, "AcceptViaIdentityExpanded", &path);
    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn accept_declined_confirm_sends_nothing_and_approved_sends() {
    let server = server().await;
    answer_all(&server, empty(202)).await;
    let client = client(&server);
    let error = expect_err(
        client
            .invoke_mg_accept_user_event_instance()
            .user_id("u")
            .event_id("e")
            .event_id1("e1")
            .confirm(|_| false)
            .pass_thru()
            .send()
            .await,
    );
    assert_declined(&error, ACCEPT);
    assert_nothing_sent(&server).await;
    let result = client
        .invoke_mg_accept_user_event_instance()
        .user_id("u")
        .event_id("e")
        .event_id1("e1")
        .confirm(|p| p.parameter_set() == "AcceptExpanded")
        .pass_thru()
        .send()
        .await
        .expect("approved");
    assert_eq!(result, Some(true));
    assert_eq!(received_paths(&server).await, [accept_path("u", "e", "e1")]);
}

#[tokio::test]
async fn accept_graph_and_non_json_errors() {
    let server = server().await;
    expect_post(
        &server,
        &accept_path("u", "e", "e1"),
        graph_error(
            404,
            "ErrorItemNotFound",
            "The specified object was not found in the store.",
        ),
    )
    .await;
    let error = expect_err(
        client(&server)
            .invoke_mg_accept_user_event_instance()
            .input_object(instance("u", "e", "e1"))
            .pass_thru()
            .send()
            .await,
    );
    assert_graph_error(
        &error,
        404,
        "ErrorItemNotFound",
        "The specified object was not found in the store.",
        ACCEPT,
    );

    let server = self::server().await;
    expect_post(
        &server,
        &accept_path("u", "e", "e1"),
        ResponseTemplate::new(502).set_body_raw(HTML_ERROR, "text/html"),
    )
    .await;
    let error = expect_err(
        client(&server)
            .invoke_mg_accept_user_event_instance()
            .user_id("u")
            .event_id("e")
            .event_id1("e1")
            .send()
            .await,
    );
    assert_html_error_kept(&error);
}

#[tokio::test]
async fn accept_send_with_headers_gives_status_and_headers() {
    let server = server().await;
    expect_post(
        &server,
        &accept_path("u", "e", "e1"),
        empty(202).insert_header("request-id", "acc-1"),
    )
    .await;
    let response = client(&server)
        .invoke_mg_accept_user_event_instance()
        .user_id("u")
        .event_id("e")
        .event_id1("e1")
        .send_with_headers()
        .await
        .expect("accepted");
    assert_eq!(response.value, None);
    assert_eq!(response.status, 202);
    assert_eq!(
        response
            .headers
            .get("request-id")
            .and_then(|v| v.to_str().ok()),
        Some("acc-1")
    );
}

// ---------------------------------------------------------------------------------------------
// Remove-MgAllUserDeviceFromManagement (alias Remove-MgUserDeviceFromManagement)
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn remove_all_devices_gives_none_without_pass_thru_and_some_true_with_it() {
    let server = server().await;
    answer_all(&server, empty(204)).await;
    let client = client(&server);
    let result = client
        .remove_mg_all_user_device_from_management()
        .user_id("alice@contoso.com")
        .send()
        .await
        .expect("removed");
    assert_eq!(result, None);
    let result = client
        .remove_mg_all_user_device_from_management()
        .user_id("alice@contoso.com")
        .pass_thru()
        .send()
        .await
        .expect("removed");
    assert_eq!(result, Some(true));
    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_signed_post(request);
        assert_eq!(raw_path(request), remove_path("alice%40contoso.com"));
        assert_no_body(request);
    }
}

#[tokio::test]
async fn remove_pass_thru_ignores_a_body_on_success() {
    let server = server().await;
    expect_post(&server, &remove_path("alice"), value(false)).await;
    let result = client(&server)
        .remove_mg_all_user_device_from_management()
        .user_id("alice")
        .pass_thru()
        .send()
        .await
        .expect("removed");
    assert_eq!(result, Some(true));
}

#[tokio::test]
async fn remove_via_identity_posts_to_the_identity_user() {
    let server = server().await;
    expect_post(&server, &remove_path("%C3%BC"), empty(204)).await;
    let result = client(&server)
        .remove_mg_all_user_device_from_management()
        .input_object(user("ü"))
        .pass_thru()
        .header("x-a", "1")
        .send()
        .await
        .expect("removed");
    assert_eq!(result, Some(true));
    let request = only_request(&server).await;
    assert_signed_post(&request);
    assert_eq!(header(&request, "x-a").as_deref(), Some("1"));
}

#[tokio::test]
async fn remove_alias_method_is_the_same_cmdlet() {
    let server = server().await;
    expect_post(&server, &remove_path("alice"), empty(204)).await;
    let client = client(&server);
    let preview = client
        .remove_mg_user_device_from_management()
        .user_id("alice")
        .what_if()
        .expect("previews");
    assert_preview(&preview, &server, REMOVE, "Remove", &remove_path("alice"));
    let result = client
        .remove_mg_user_device_from_management()
        .user_id("alice")
        .pass_thru()
        .send()
        .await
        .expect("removed");
    assert_eq!(result, Some(true));
    let preview = client
        .remove_mg_user_device_from_management()
        .input_object(user("alice"))
        .what_if()
        .expect("previews");
    assert_preview(
        &preview,
        &server,
        REMOVE,
        "RemoveViaIdentity",
        &remove_path("alice"),
    );
}

#[tokio::test]
async fn remove_what_if_and_declined_confirm_send_nothing() {
    let server = server().await;
    answer_all(&server, empty(204)).await;
    let client = client(&server);
    let preview = client
        .remove_mg_all_user_device_from_management()
        .input_object(user("a&b"))
        .what_if()
        .expect("previews");
    assert_preview(
        &preview,
        &server,
        REMOVE,
        "RemoveViaIdentity",
        &remove_path("a%26b"),
    );
    let error = expect_err(
        client
            .remove_mg_all_user_device_from_management()
            .user_id("alice")
            .pass_thru()
            .confirm(|_| false)
            .send()
            .await,
    );
    assert_declined(&error, REMOVE);
    let error = expect_err(
        client
            .remove_mg_user_device_from_management()
            .input_object(user("alice"))
            .confirm(|_| false)
            .send_with_headers()
            .await,
    );
    assert_declined(&error, REMOVE);
    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn remove_errors_are_errors_even_with_pass_thru() {
    let server = server().await;
    expect_post(
        &server,
        &remove_path("alice"),
        graph_error(
            403,
            "Forbidden",
            "Application is not authorized to perform this operation.",
        ),
    )
    .await;
    let error = expect_err(
        client(&server)
            .remove_mg_all_user_device_from_management()
            .user_id("alice")
            .pass_thru()
            .send()
            .await,
    );
    assert_graph_error(
        &error,
        403,
        "Forbidden",
        "Application is not authorized to perform this operation.",
        REMOVE,
    );
    assert!(
        error
            .to_string()
            .contains("DeviceManagementManagedDevices.PrivilegedOperations.All"),
        "{error}"
    );

    let server = self::server().await;
    expect_post(&server, &remove_path("alice"), garbage(500)).await;
    let error = expect_err(
        client(&server)
            .remove_mg_all_user_device_from_management()
            .input_object(user("alice"))
            .send()
            .await,
    );
    assert_eq!(error.status(), Some(500));
    assert_eq!(error.raw_body(), Some(GARBAGE));
}

#[tokio::test]
async fn remove_via_identity_without_user_id_fails_before_sending() {
    let server = server().await;
    answer_all(&server, empty(204)).await;
    let error = expect_err(
        client(&server)
            .remove_mg_all_user_device_from_management()
            .input_object(phone_method_without_user())
            .pass_thru()
            .send()
            .await,
    );
    assert_missing_identity_property(&error, "UserId");
    assert_nothing_sent(&server).await;
}

fn phone_method_without_user() -> v1_0::UsersActionsIdentity {
    v1_0::UsersActionsIdentity {
        phone_authentication_method_id: Some(MOBILE.into()),
        ..Default::default()
    }
}

#[tokio::test]
async fn remove_send_with_headers_gives_status_and_headers() {
    let server = server().await;
    expect_post(
        &server,
        &remove_path("alice"),
        empty(204).insert_header("request-id", "rm-1"),
    )
    .await;
    let response = client(&server)
        .remove_mg_all_user_device_from_management()
        .user_id("alice")
        .send_with_headers()
        .await
        .expect("removed");
    assert_eq!(response.value, None);
    assert_eq!(response.status, 204);
    assert_eq!(
        response
            .headers
            .get("request-id")
            .and_then(|v| v.to_str().ok()),
        Some("rm-1")
    );
}

#[tokio::test]
async fn remove_hostile_ids_reach_graph_as_one_segment_and_dots_are_refused() {
    let server = server().await;
    answer_all(&server, empty(204)).await;
    let client = client(&server);
    for (raw, _) in HOSTILE_IDS {
        client
            .remove_mg_all_user_device_from_management()
            .user_id(*raw)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{raw:?}: {e}"));
        client
            .remove_mg_user_device_from_management()
            .input_object(user(raw))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{raw:?} via identity: {e}"));
    }
    let expected: Vec<String> = HOSTILE_IDS
        .iter()
        .flat_map(|(_, e)| [remove_path(e), remove_path(e)])
        .collect();
    assert_eq!(received_paths(&server).await, expected);

    for bad in DOT_IDS {
        let error = expect_err(
            client
                .remove_mg_all_user_device_from_management()
                .user_id(*bad)
                .pass_thru()
                .send()
                .await,
        );
        assert_invalid_argument(&error, &[REMOVE, "-UserId"]);
    }
    assert_eq!(received(&server).await.len(), expected.len());
}

// ---------------------------------------------------------------------------------------------
// Disable-MgUserAuthenticationPhoneMethodSmsSignIn
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn disable_sms_sign_in_posts_to_the_phone_method_path() {
    let server = server().await;
    answer_all(&server, empty(204)).await;
    let client = client(&server);
    let result = client
        .disable_mg_user_authentication_phone_method_sms_sign_in()
        .user_id("alice@contoso.com")
        .phone_authentication_method_id(MOBILE)
        .send()
        .await
        .expect("disabled");
    assert_eq!(result, None);
    // Keys may be given in any order.
    let result = client
        .disable_mg_user_authentication_phone_method_sms_sign_in()
        .phone_authentication_method_id(MOBILE)
        .user_id("alice@contoso.com")
        .pass_thru()
        .send()
        .await
        .expect("disabled");
    assert_eq!(result, Some(true));
    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_signed_post(request);
        assert_eq!(
            raw_path(request),
            disable_path("alice%40contoso.com", MOBILE)
        );
        assert_no_body(request);
    }
}

#[tokio::test]
async fn disable_via_identity_uses_both_keys() {
    let server = server().await;
    expect_post(&server, &disable_path("u", MOBILE), empty(204)).await;
    let id: v1_0::UsersActionsIdentity = serde_json::from_value(json!({
        "userId": "u",
        "phoneAuthenticationMethodId": MOBILE
    }))
    .expect("deserializes");
    let result = client(&server)
        .disable_mg_user_authentication_phone_method_sms_sign_in()
        .input_object(id)
        .pass_thru()
        .send()
        .await
        .expect("disabled");
    assert_eq!(result, Some(true));
}

#[tokio::test]
async fn disable_missing_method_key_fails_before_sending_in_both_sets() {
    let server = server().await;
    answer_all(&server, empty(204)).await;
    let client = client(&server);
    let error = expect_err(
        client
            .disable_mg_user_authentication_phone_method_sms_sign_in()
            .input_object(user("u"))
            .send()
            .await,
    );
    assert_missing_identity_property(&error, "PhoneAuthenticationMethodId");
    let error = expect_err(
        client
            .disable_mg_user_authentication_phone_method_sms_sign_in()
            .input_object(phone_method_without_user())
            .send()
            .await,
    );
    assert_missing_identity_property(&error, "UserId");
    let error = expect_err(
        client
            .disable_mg_user_authentication_phone_method_sms_sign_in()
            .user_id("u")
            .send()
            .await,
    );
    assert_invalid_argument(&error, &[DISABLE, "-PhoneAuthenticationMethodId"]);
    let error = expect_err(
        client
            .disable_mg_user_authentication_phone_method_sms_sign_in()
            .phone_authentication_method_id(MOBILE)
            .what_if(),
    );
    assert_invalid_argument(&error, &[DISABLE, "-UserId"]);
    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn disable_what_if_and_confirm() {
    let server = server().await;
    answer_all(&server, empty(204)).await;
    let client = client(&server);
    let p = client
        .disable_mg_user_authentication_phone_method_sms_sign_in()
        .user_id("u")
        .phone_authentication_method_id(MOBILE)
        .what_if()
        .expect("previews");
    assert_preview(&p, &server, DISABLE, "Disable", &disable_path("u", MOBILE));
    let p = client
        .disable_mg_user_authentication_phone_method_sms_sign_in()
        .input_object(phone_method("u", MOBILE))
        .what_if()
        .expect("previews");
    assert_preview(
        &p,
        &server,
        DISABLE,
        "DisableViaIdentity",
        &disable_path("u", MOBILE),
    );
    let error = expect_err(
        client
            .disable_mg_user_authentication_phone_method_sms_sign_in()
            .input_object(phone_method("u", MOBILE))
            .confirm(|_| false)
            .send()
            .await,
    );
    assert_declined(&error, DISABLE);
    assert_nothing_sent(&server).await;
    let approvals = Approvals::default();
    let result = client
        .disable_mg_user_authentication_phone_method_sms_sign_in()
        .input_object(phone_method("u", MOBILE))
        .confirm(approvals.hook(true))
        .pass_thru()
        .send()
        .await
        .expect("approved");
    assert_eq!(result, Some(true));
    assert_eq!(approvals.seen()[0].parameter_set(), "DisableViaIdentity");
    assert_eq!(received_paths(&server).await, [disable_path("u", MOBILE)]);
}

#[tokio::test]
async fn disable_hostile_ids_in_both_keys_and_dots_refused() {
    let server = server().await;
    answer_all(&server, empty(204)).await;
    let client = client(&server);
    for (raw, _) in HOSTILE_IDS {
        client
            .disable_mg_user_authentication_phone_method_sms_sign_in()
            .user_id(*raw)
            .phone_authentication_method_id(*raw)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{raw:?}: {e}"));
        client
            .disable_mg_user_authentication_phone_method_sms_sign_in()
            .input_object(phone_method(raw, raw))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{raw:?} via identity: {e}"));
    }
    let expected: Vec<String> = HOSTILE_IDS
        .iter()
        .flat_map(|(_, e)| [disable_path(e, e), disable_path(e, e)])
        .collect();
    assert_eq!(received_paths(&server).await, expected);
    for bad in DOT_IDS {
        let error = expect_err(
            client
                .disable_mg_user_authentication_phone_method_sms_sign_in()
                .user_id("u")
                .phone_authentication_method_id(*bad)
                .send()
                .await,
        );
        assert_invalid_argument(&error, &[DISABLE, "-PhoneAuthenticationMethodId"]);
        let error = expect_err(
            client
                .disable_mg_user_authentication_phone_method_sms_sign_in()
                .input_object(phone_method("u", bad))
                .send()
                .await,
        );
        assert_invalid_argument(&error, &[DISABLE, "PhoneAuthenticationMethodId"]);
    }
    assert_eq!(received(&server).await.len(), expected.len());
}

#[tokio::test]
async fn disable_errors_keep_graph_facts() {
    let server = server().await;
    expect_post(
        &server,
        &disable_path("u", MOBILE),
        graph_error(
            400,
            "badRequest",
            "SMS sign-in is not enabled for this phone method.",
        ),
    )
    .await;
    let error = expect_err(
        client(&server)
            .disable_mg_user_authentication_phone_method_sms_sign_in()
            .user_id("u")
            .phone_authentication_method_id(MOBILE)
            .pass_thru()
            .send()
            .await,
    );
    assert_graph_error(
        &error,
        400,
        "badRequest",
        "SMS sign-in is not enabled for this phone method.",
        DISABLE,
    );
}

#[tokio::test]
async fn disable_send_with_headers_gives_status_and_headers() {
    let server = server().await;
    expect_post(
        &server,
        &disable_path("u", MOBILE),
        empty(204).insert_header("request-id", "dis-1"),
    )
    .await;
    let response = client(&server)
        .disable_mg_user_authentication_phone_method_sms_sign_in()
        .input_object(phone_method("u", MOBILE))
        .pass_thru()
        .send_with_headers()
        .await
        .expect("disabled");
    assert_eq!(response.value, Some(true));
    assert_eq!(response.status, 204);
    assert_eq!(
        response
            .headers
            .get("request-id")
            .and_then(|v| v.to_str().ok()),
        Some("dis-1")
    );
}
