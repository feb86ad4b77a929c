//! Behaviour of the generated **beta** cmdlets against a local mock Graph on 127.0.0.1: every
//! cmdlet and every parameter set, the HTTP method and exact (percent-encoded) path the server
//! receives, headers, bodies, answers, errors, `-WhatIf`, `-Confirm`, `-PassThru`,
//! `-ResponseHeadersVariable`, identities, and ids that must stay one path segment.
//!
//! The tests beta shares with v1.0 are written once (`common/users_actions.rs`) and expanded here
//! with the beta names; below them, what only beta has:
//! `Invoke-MgBetaInvalidateAllUserRefreshToken`.
//!
//! Compile-time guarantees (a call without a parameter set, `-UserId` mixed with
//! `-InputObject`, `-PassThru` on a cmdlet that answers with a value, body parameters on a
//! cmdlet without a body or of the wrong type) are `compile_fail` doctests on
//! `graph_users_actions::set` (`generated/src/lib.rs`), run by `cargo test`. Mixing
//! `-BodyParameter` with an Expanded parameter is a run-time error (tested by the shared
//! tests), as in PowerShell.

// The spec marks every beta operation deprecated, so its methods are `#[deprecated]`; these
// tests call them on purpose.
#![allow(deprecated)]

#[macro_use]
mod common;

use common::*;

users_actions_cmdlet_tests! {
    module: beta,
    api_version: "beta",
    revoke: revoke_mg_beta_user_sign_in_session = "Revoke-MgBetaUserSignInSession",
    revoke_least_privileged: "User.ReadWrite.All",
    password: update_mg_beta_user_password = "Update-MgBetaUserPassword",
    accept: invoke_mg_beta_accept_user_event_instance = "Invoke-MgBetaAcceptUserEventInstance",
    remove: remove_mg_beta_all_user_device_from_management
        = "Remove-MgBetaAllUserDeviceFromManagement",
    remove_alias: remove_mg_beta_user_device_from_management,
    disable: disable_mg_beta_user_authentication_method_sms_sign_in
        = "Disable-MgBetaUserAuthenticationMethodSmsSignIn",
    method_key: authentication_method_id = "AuthenticationMethodId",
    method_key_camel_case: "authenticationMethodId",
    method_collection: "methods",
    other_version_method_key: "PhoneAuthenticationMethodId",
}

// ---------------------------------------------------------------------------------------------
// Invoke-MgBetaInvalidateAllUserRefreshToken (alias Invoke-MgBetaInvalidateUserRefreshToken)
// ---------------------------------------------------------------------------------------------

const INVALIDATE: &str = "Invoke-MgBetaInvalidateAllUserRefreshToken";

fn invalidate_path(user: &str) -> String {
    user_path(user, "/microsoft.graph.invalidateAllRefreshTokens")
}

/// `Invoke-MgBetaInvalidateAllUserRefreshToken -UserId x`.
async fn invalidate_x(client: &Client) -> Result<bool, Error> {
    client
        .invoke_mg_beta_invalidate_all_user_refresh_token()
        .user_id("x")
        .send()
        .await
}

#[tokio::test]
async fn invalidate_user_id_posts_a_signed_request_to_the_exact_path_and_gives_the_value() {
    for answer in [true, false] {
        let (ok, request) = post_once(&invalidate_path("x"), value(answer), invalidate_x).await;
        let ok: bool = ok.expect("answered");
        assert_eq!(ok, answer);
        assert_bodiless_post(&request, &invalidate_path("x"));
    }
}

#[tokio::test]
async fn invalidate_no_content_and_empty_2xx_answers_count_as_true() {
    for status in [204, 202, 200] {
        let (ok, _) = post_once(&invalidate_path("x"), empty(status), async |client| {
            client
                .invoke_mg_beta_invalidate_all_user_refresh_token()
                .input_object(user("x"))
                .send()
                .await
        })
        .await;
        let ok = ok.unwrap_or_else(|e| panic!("{status}: {e}"));
        assert!(ok, "{status}");
    }
}

#[tokio::test]
async fn invalidate_with_custom_headers_as_in_the_contract_example() {
    let (ok, request) = post_once(&invalidate_path("x"), empty(204), async |client| {
        client
            .invoke_mg_beta_invalidate_all_user_refresh_token()
            .user_id("x")
            .header("x-a", "1")
            .header("x-a", "2")
            .header("x-b", "3")
            .send()
            .await
    })
    .await;
    assert!(ok.expect("invalidated"));
    assert_eq!(header_values(&request, "x-a"), ["1", "2"]);
    assert_eq!(header(&request, "x-b").as_deref(), Some("3"));
    assert_signed_post(&request);
}

#[tokio::test]
async fn invalidate_alias_method_is_the_same_cmdlet_in_both_sets() {
    let graph = Graph::answering(value(true)).await;
    let alias = || graph.invoke_mg_beta_invalidate_user_refresh_token();
    let guest = "bob_contoso.com#EXT#@fabrikam.onmicrosoft.com";
    graph.assert_what_if(
        INVALIDATE,
        [
            (
                "Invalidate",
                invalidate_path("bob_contoso.com%23EXT%23%40fabrikam.onmicrosoft.com"),
                alias().user_id(guest).what_if(),
            ),
            (
                "InvalidateViaIdentity",
                invalidate_path("x"),
                alias().input_object(user("x")).what_if(),
            ),
        ],
    );
    graph.assert_nothing_sent().await;

    let ok: bool = alias().user_id("x").send().await.expect("invalidated");
    assert!(ok);
    let ok: bool = alias()
        .input_object(user("y"))
        .send()
        .await
        .expect("invalidated");
    assert!(ok);
    assert_eq!(
        graph.paths().await,
        [invalidate_path("x"), invalidate_path("y")]
    );
}

#[tokio::test]
async fn invalidate_what_if_previews_each_parameter_set_and_sends_nothing() {
    let graph = Graph::answering(value(true)).await;
    let invalidate = || graph.invoke_mg_beta_invalidate_all_user_refresh_token();
    let path = invalidate_path("a%3Fb");
    graph.assert_what_if(
        INVALIDATE,
        [
            ("Invalidate", &path, invalidate().user_id("a?b").what_if()),
            (
                "InvalidateViaIdentity",
                &path,
                invalidate().input_object(user("a?b")).what_if(),
            ),
        ],
    );
    graph.assert_nothing_sent().await;
}

#[tokio::test]
async fn invalidate_declined_confirm_sends_nothing_and_approved_sends() {
    let graph = Graph::answering(empty(204)).await;
    let invalidate = || graph.invoke_mg_beta_invalidate_all_user_refresh_token();
    let approvals = Approvals::default();
    assert_declined(
        invalidate()
            .user_id("x")
            .confirm(approvals.hook(false))
            .send()
            .await,
        INVALIDATE,
    );
    assert_declined(
        graph
            .invoke_mg_beta_invalidate_user_refresh_token()
            .input_object(user("x"))
            .confirm(|_| false)
            .send_with_headers()
            .await,
        INVALIDATE,
    );
    graph.assert_nothing_sent().await;
    assert_eq!(approvals.seen().len(), 1);
    let path = invalidate_path("x");
    graph.assert_preview(&approvals.seen()[0], INVALIDATE, "Invalidate", &path);

    assert!(
        invalidate()
            .input_object(user("x"))
            .confirm(|_| true)
            .send()
            .await
            .expect("approved")
    );
    assert_eq!(graph.paths().await, [path]);
}

#[tokio::test]
async fn invalidate_via_identity_without_user_id_fails_before_sending() {
    let graph = Graph::answering(value(true)).await;
    let result = graph
        .invoke_mg_beta_invalidate_all_user_refresh_token()
        .input_object(method_without_user())
        .send()
        .await;
    assert_missing_identity_property(result, "UserId");
    graph.assert_nothing_sent().await;
}

#[tokio::test]
async fn invalidate_graph_error_json_names_the_permissions_to_grant() {
    let error = assert_graph_failure(&invalidate_path("x"), DENIED, INVALIDATE, invalidate_x).await;
    let text = error.to_string();
    assert!(text.contains("User.RevokeSessions.All"), "{text}");
}

#[tokio::test]
async fn invalidate_non_json_bodies_are_kept_without_panicking() {
    let error = post_fails(&invalidate_path("x"), html_error(), invalidate_x).await;
    assert_html_error_kept(&error);

    let error = post_fails(&invalidate_path("x"), garbage(200), invalidate_x).await;
    assert_eq!(error.kind(), ErrorKind::UnexpectedResponse, "{error}");
    assert_eq!(error.raw_body(), Some(GARBAGE));
}

#[tokio::test]
async fn invalidate_send_with_headers_exposes_status_and_response_headers() {
    let path = invalidate_path("x");
    assert_response_headers(&path, empty(204), "inv-1", true, 204, async |client| {
        client
            .invoke_mg_beta_invalidate_all_user_refresh_token()
            .user_id("x")
            .send_with_headers()
            .await
    })
    .await;
}

#[tokio::test]
async fn invalidate_hostile_ids_reach_graph_as_one_segment_and_dots_are_refused() {
    let graph = Graph::answering(empty(204)).await;
    let vias = [Via::Keys, Via::Identity];
    let sent = graph
        .assert_hostile_ids_reach_graph_as_one_segment(
            &vias,
            invalidate_path,
            async |client, via, raw| match via {
                Via::Keys => {
                    client
                        .invoke_mg_beta_invalidate_all_user_refresh_token()
                        .user_id(raw)
                        .send()
                        .await
                }
                Via::Identity => {
                    client
                        .invoke_mg_beta_invalidate_user_refresh_token()
                        .input_object(user(raw))
                        .send()
                        .await
                }
            },
        )
        .await;
    let invalidate = || graph.invoke_mg_beta_invalidate_all_user_refresh_token();
    for bad in DOT_IDS {
        let result = invalidate().user_id(*bad).send().await;
        assert_invalid_argument(result, &[INVALIDATE, "-UserId"]);
        let result = invalidate().input_object(user(bad)).what_if();
        assert_invalid_argument(result, &[INVALIDATE, "UserId"]);
    }
    graph.assert_request_count(sent).await;
}
