//! Behaviour of the generated **v1.0** cmdlets against a local mock Graph on 127.0.0.1: every
//! cmdlet and every parameter set, the HTTP method and exact (percent-encoded) path the server
//! receives, headers, bodies, answers, errors, `-WhatIf`, `-Confirm`, `-PassThru`,
//! `-ResponseHeadersVariable`, identities, and ids that must stay one path segment.
//!
//! The tests v1.0 shares with beta are written once (`common/users_actions.rs`) and expanded here
//! with the v1.0 names; below them, what only v1.0 has.
//!
//! Compile-time guarantees (a call without a parameter set, `-UserId` mixed with
//! `-InputObject`, `-PassThru` on a cmdlet that answers with a value, body parameters on a
//! cmdlet without a body or of the wrong type) are `compile_fail` doctests on
//! `graph_users_actions::set` (`generated/src/lib.rs`), run by `cargo test`. Mixing
//! `-BodyParameter` with an Expanded parameter is a run-time error (tested by the shared
//! tests), as in PowerShell.

#[macro_use]
mod common;

use common::*;

users_actions_cmdlet_tests! {
    module: v1_0,
    api_version: "v1.0",
    revoke: revoke_mg_user_sign_in_session = "Revoke-MgUserSignInSession",
    revoke_least_privileged: "User.RevokeSessions.All",
    password: update_mg_user_password = "Update-MgUserPassword",
    accept: invoke_mg_accept_user_event_instance = "Invoke-MgAcceptUserEventInstance",
    remove: remove_mg_all_user_device_from_management = "Remove-MgAllUserDeviceFromManagement",
    remove_alias: remove_mg_user_device_from_management,
    disable: disable_mg_user_authentication_phone_method_sms_sign_in
        = "Disable-MgUserAuthenticationPhoneMethodSmsSignIn",
    method_key: phone_authentication_method_id = "PhoneAuthenticationMethodId",
    method_key_camel_case: "phoneAuthenticationMethodId",
    method_collection: "phoneMethods",
    other_version_method_key: "AuthenticationMethodId",
}

// ---------------------------------------------------------------------------------------------
// v1.0 only
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn revoke_redirect_is_not_followed_so_the_post_is_not_replayed_elsewhere() {
    let answer = ResponseTemplate::new(307).insert_header("Location", revoke_path("mallory"));
    // `post_fails` also asserts that the one request Graph received went to alice's path.
    let error = post_fails(&revoke_path("alice"), answer, revoke_alice).await;
    assert_eq!(error.kind(), ErrorKind::Api, "{error}");
    assert_eq!(error.status(), Some(307));
}
