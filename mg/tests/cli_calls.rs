//! Single calls as a user makes them: syntax, parameter sets, bodies, headers, output, errors,
//! exit codes and sign-in.

mod common;

use common::*;
use wiremock::ResponseTemplate;

fn ok_true() -> ResponseTemplate {
    ResponseTemplate::new(200)
        .insert_header("request-id", "rid-1")
        .set_body_json(serde_json::json!({"value": true}))
}

#[tokio::test]
async fn revoke_by_user_id_prints_true() {
    let server = answering(REVOKE, ok_true()).await;
    let mut cmd = mg_at(&server);
    cmd.args(["Revoke-MgUserSignInSession", "-UserId", "alice@contoso.com"]);
    let out = run(cmd).await;
    assert_code(&out, 0);
    assert_eq!(stdout(&out), "true\n");
    let got = requests(&server).await;
    assert_eq!(got.len(), 1);
    let auth = got[0]
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok());
    assert_eq!(auth, Some(format!("Bearer {TOKEN}").as_str()));
}

#[tokio::test]
async fn names_in_any_case_prefixes_aliases_and_unix_spelling() {
    let server = answering(REVOKE, ok_true()).await;
    let spellings: [&[&str]; 4] = [
        &["revoke-mgusersigninsession", "-user", "alice@contoso.com"],
        &[
            "revoke-mg-user-sign-in-session",
            "--user-id",
            "alice@contoso.com",
        ],
        &["Revoke-MgUserSignInSession", "--user-id=alice@contoso.com"],
        &[
            "REVOKE-MGUSERSIGNINSESSION",
            "-USERID:alice@contoso.com",
            "-Confirm:$false",
        ],
    ];
    for words in spellings {
        let mut cmd = mg_at(&server);
        cmd.args(words);
        let out = run(cmd).await;
        assert_code(&out, 0);
        assert_eq!(stdout(&out), "true\n", "{words:?}");
    }
    assert_eq!(requests(&server).await.len(), 4);
}

#[tokio::test]
async fn beta_invalidate_by_input_object_and_cmdlet_alias() {
    let path = "/beta/users/bob%40contoso.com/microsoft.graph.invalidateAllRefreshTokens";
    let server = answering(path, ok_true()).await;
    // Keys in any case; properties the identity type does not have are skipped.
    let identity = r#"{"userid":"bob@contoso.com","displayName":"Bob","manager":{"id":"2"}}"#;
    for name in [
        "Invoke-MgBetaInvalidateAllUserRefreshToken",
        "Invoke-MgBetaInvalidateUserRefreshToken",
    ] {
        let mut cmd = mg_at(&server);
        cmd.args([name, "-InputObject", identity]);
        let out = run(cmd).await;
        assert_code(&out, 0);
        assert_eq!(stdout(&out), "true\n");
    }
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn identity_without_the_key_is_refused_before_sending() {
    let server = answering(REVOKE, ok_true()).await;
    let mut cmd = mg_at(&server);
    cmd.args([
        "Revoke-MgUserSignInSession",
        "-InputObject",
        r#"{"displayName":"Bob"}"#,
    ]);
    let out = run(cmd).await;
    assert_code(&out, 2);
    assert_stderr_has(&out, "InputObject has null value for InputObject.UserId");
    assert!(requests(&server).await.is_empty());
}

#[tokio::test]
async fn headers_as_hashtable_words_and_repeated_pairs() {
    let server = answering(REVOKE, ok_true()).await;
    let mut cmd = mg_at(&server);
    // The shell splits an unquoted hashtable into words; mg joins them back.
    cmd.args([
        "Revoke-MgUserSignInSession",
        "-UserId",
        "alice@contoso.com",
        "-Headers",
        "@{",
        "x-a",
        "=",
        "1;",
        "x-b",
        "=",
        "'two words'",
        "}",
        "-Headers",
        "x-c=3",
    ]);
    let out = run(cmd).await;
    assert_code(&out, 0);
    let mut cmd = mg_at(&server);
    cmd.args([
        "Revoke-MgUserSignInSession",
        "-UserId",
        "alice@contoso.com",
        "-Headers",
        r#"@{ "x-d" = "4" }"#,
    ]);
    assert_code(&run(cmd).await, 0);
    let got = requests(&server).await;
    let header = |i: usize, name: &str| {
        got[i]
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    assert_eq!(header(0, "x-a").as_deref(), Some("1"));
    assert_eq!(header(0, "x-b").as_deref(), Some("two words"));
    assert_eq!(header(0, "x-c").as_deref(), Some("3"));
    assert_eq!(header(1, "x-d").as_deref(), Some("4"));
}

const PASSWORD: &str = "/v1.0/users/alice%40contoso.com/microsoft.graph.changePassword";

#[tokio::test]
async fn body_parameter_from_text_file_and_stdin_and_expanded() {
    let server = answering(PASSWORD, ResponseTemplate::new(204)).await;
    let body = serde_json::json!({"currentPassword": "old-pass-1", "newPassword": "new-pass-2"});
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("body.json");
    std::fs::write(&file, body.to_string()).expect("writes");
    let at_file = format!("@{}", file.display());
    let forms: [(&[&str], Option<String>); 4] = [
        (&["-BodyParameter", &body.to_string()], None),
        (&["-BodyParameter", &at_file], None),
        (&["-BodyParameter", "-"], Some(body.to_string())),
        (
            &[
                "-CurrentPassword",
                "old-pass-1",
                "-NewPassword",
                "new-pass-2",
            ],
            None,
        ),
    ];
    for (words, stdin) in forms {
        let mut cmd = mg_at(&server);
        cmd.args(["Update-MgUserPassword", "-UserId", "alice@contoso.com"])
            .args(words);
        if let Some(text) = stdin {
            cmd.write_stdin(text);
        }
        let out = run(cmd).await;
        assert_code(&out, 0);
        // No content and no -PassThru: nothing on stdout, as in PowerShell.
        assert_eq!(stdout(&out), "", "{words:?}");
    }
    let got = requests(&server).await;
    assert_eq!(got.len(), 4);
    for request in got {
        let sent: serde_json::Value = serde_json::from_slice(&request.body).expect("json body");
        assert_eq!(sent, body);
    }
}

#[tokio::test]
async fn expanded_values_follow_their_kind() {
    let path = "/v1.0/users/alice%40contoso.com/microsoft.graph.checkMemberGroups";
    let server = answering(
        path,
        ResponseTemplate::new(200).set_body_json(serde_json::json!({"value": ["g1"]})),
    )
    .await;
    for groups in ["g1,g2", r#"["g1","g2"]"#] {
        let mut cmd = mg_at(&server);
        cmd.args([
            "Confirm-MgUserMemberGroup",
            "-UserId",
            "alice@contoso.com",
            "-GroupIds",
            groups,
        ]);
        let out = run(cmd).await;
        assert_code(&out, 0);
        // A pageable answer: one line per item.
        assert_eq!(stdout(&out), "\"g1\"\n");
    }
    for request in requests(&server).await {
        let sent: serde_json::Value = serde_json::from_slice(&request.body).expect("json body");
        assert_eq!(sent, serde_json::json!({"groupIds": ["g1", "g2"]}));
    }
}

#[tokio::test]
async fn pass_thru_prints_true_for_no_content() {
    let path = "/v1.0/users/alice%40contoso.com/microsoft.graph.removeAllDevicesFromManagement";
    let server = answering(path, ResponseTemplate::new(204)).await;
    let mut cmd = mg_at(&server);
    cmd.args([
        "Remove-MgAllUserDeviceFromManagement",
        "-UserId",
        "alice@contoso.com",
        "-PassThru",
    ]);
    let out = run(cmd).await;
    assert_code(&out, 0);
    assert_eq!(stdout(&out), "true\n");
}

#[tokio::test]
async fn parameter_set_errors_name_the_sets_and_missing_parameters() {
    let server = answering(REVOKE, ok_true()).await;
    let mut cmd = mg_at(&server);
    cmd.args([
        "Revoke-MgUserSignInSession",
        "-UserId",
        "a",
        "-InputObject",
        r#"{"UserId":"a"}"#,
    ]);
    let out = run(cmd).await;
    assert_code(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains("Parameter set cannot be resolved using the specified named parameters."),
        "{err}"
    );
    assert!(
        err.contains("Revoke takes -UserId but not -InputObject"),
        "{err}"
    );
    assert!(
        err.contains("RevokeViaIdentity takes -InputObject but not -UserId"),
        "{err}"
    );

    let mut cmd = mg_at(&server);
    cmd.args(["Update-MgUserPassword", "-NewPassword", "x"]);
    let out = run(cmd).await;
    assert_code(&out, 2);
    assert_stderr_has(&out, "missing mandatory parameters: -UserId");

    let mut cmd = mg_at(&server);
    cmd.args([
        "Update-MgUserPassword",
        "-UserId",
        "a",
        "-BodyParameter",
        "{}",
        "-NewPassword",
        "x",
    ]);
    let out = run(cmd).await;
    assert_code(&out, 2);
    assert_stderr_has(&out, "Parameter set cannot be resolved");
    assert!(requests(&server).await.is_empty());
}

#[tokio::test]
async fn unknown_and_ambiguous_names_suggest_the_closest() {
    let mut cmd = mg();
    cmd.args(["Revoke-MgUserSignInSesion", "-UserId", "a"]);
    let out = run(cmd).await;
    assert_code(&out, 2);
    assert_stderr_has(&out, "Did you mean: Revoke-MgUserSignInSession");

    let mut cmd = mg();
    cmd.args(["Revoke-MgUserSignInSession", "-UserIdd", "a"]);
    let out = run(cmd).await;
    assert_code(&out, 2);
    assert_stderr_has(&out, "'UserIdd'");
    assert_stderr_has(&out, "Did you mean: -UserId");

    let mut cmd = mg();
    cmd.args(["Update-MgUserPassword", "-UserId", "a", "-C", "x"]);
    let out = run(cmd).await;
    assert_code(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains("ambiguous") && err.contains("-CurrentPassword") && err.contains("-Confirm"),
        "{err}"
    );

    let mut cmd = mg();
    cmd.args([
        "Confirm-MgUserMemberGroup",
        "-UserId",
        "a",
        "-GroupIds",
        "[oops",
    ]);
    let out = run(cmd).await;
    assert_code(&out, 2);
    assert!(stderr(&out).contains("'GroupIds'"), "{}", stderr(&out));
}

#[tokio::test]
async fn api_error_goes_to_stderr_with_code_request_id_and_date() {
    let server = answering(
        REVOKE,
        graph_error(
            403,
            "Authorization_RequestDenied",
            "Insufficient privileges to complete the operation.",
        ),
    )
    .await;
    let mut cmd = mg_at(&server);
    cmd.args(["Revoke-MgUserSignInSession", "-UserId", "alice@contoso.com"]);
    let out = run(cmd).await;
    assert_code(&out, 4);
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    for part in [
        "Authorization_RequestDenied",
        "Insufficient privileges to complete the operation.",
        "request-id: 0f6b1c4e-1111-2222-3333-444455556666",
        "date: 2026-12-01T10:00:00",
    ] {
        assert!(err.contains(part), "{part} missing from {err}");
    }
}

#[tokio::test]
async fn response_headers_variable_writes_status_and_headers() {
    let server = answering(REVOKE, ok_true()).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("headers.json");
    let mut cmd = mg_at(&server);
    cmd.args([
        "Revoke-MgUserSignInSession",
        "-UserId",
        "alice@contoso.com",
        "-RHV",
    ])
    .arg(&file);
    let out = run(cmd).await;
    assert_code(&out, 0);
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("written")).expect("json");
    assert_eq!(written["status"], 200);
    assert_eq!(written["headers"]["request-id"], "rid-1");
}

#[tokio::test]
async fn what_if_sends_nothing_and_needs_no_sign_in() {
    let server = answering(REVOKE, ok_true()).await;
    let mut cmd = mg();
    cmd.env("GRAPH_BASE_URL", server.uri()).args([
        "Revoke-MgUserSignInSession",
        "-UserId",
        "alice@contoso.com",
        "-WhatIf",
    ]);
    let out = run(cmd).await;
    assert_code(&out, 0);
    let text = stdout(&out);
    assert!(
        text.contains("Revoke-MgUserSignInSession") && text.contains("parameter set Revoke"),
        "{text}"
    );
    assert!(
        text.contains(&format!("POST {}{REVOKE}", server.uri())),
        "{text}"
    );
    assert!(requests(&server).await.is_empty());
}

#[tokio::test]
async fn confirm_without_a_terminal_fails_at_once() {
    let server = answering(REVOKE, ok_true()).await;
    let mut cmd = mg_at(&server);
    cmd.args([
        "Revoke-MgUserSignInSession",
        "-UserId",
        "alice@contoso.com",
        "-Confirm",
    ])
    .timeout(std::time::Duration::from_secs(10));
    let out = run(cmd).await;
    assert_code(&out, 2);
    assert_stderr_has(&out, "-Confirm needs a terminal");
    assert!(requests(&server).await.is_empty());
}

#[tokio::test]
async fn missing_or_incomplete_credentials_exit_with_the_sign_in_code() {
    let mut cmd = mg();
    cmd.args(["Revoke-MgUserSignInSession", "-UserId", "a"]);
    let out = run(cmd).await;
    assert_code(&out, 3);
    assert!(stderr(&out).contains("GRAPH_TOKEN"), "{}", stderr(&out));

    let mut cmd = mg();
    cmd.env("AZURE_TENANT_ID", "contoso.onmicrosoft.com")
        .env("AZURE_CLIENT_SECRET", "client-secret-value-123456")
        .args(["Revoke-MgUserSignInSession", "-UserId", "a"]);
    let out = run(cmd).await;
    assert_code(&out, 3);
    assert_stderr_has(&out, "AZURE_CLIENT_ID missing");
    assert_no_secret(&out, "client-secret-value-123456");
}

#[tokio::test]
async fn client_credentials_sign_in_and_refusal() {
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer};
    let secret = "client-secret-value-123456";
    let graph = answering(REVOKE, ok_true()).await;
    let login = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/contoso.onmicrosoft.com/oauth2/v2.0/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "token_type": "Bearer", "expires_in": 3600, "access_token": "app-token-abcdefgh"})))
        .mount(&login)
        .await;
    let signed_in = |tenant: &str| {
        let mut cmd = mg();
        cmd.env("GRAPH_BASE_URL", graph.uri())
            .env("AZURE_AUTHORITY_HOST", login.uri())
            .env("AZURE_TENANT_ID", tenant)
            .env("AZURE_CLIENT_ID", "app-id")
            .env("AZURE_CLIENT_SECRET", secret)
            .args(["Revoke-MgUserSignInSession", "-UserId", "alice@contoso.com"]);
        cmd
    };
    let out = run(signed_in("contoso.onmicrosoft.com")).await;
    assert_code(&out, 0);
    let got = requests(&graph).await;
    let auth = got[0]
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok());
    assert_eq!(auth, Some("Bearer app-token-abcdefgh"));

    // The token endpoint refuses (no mock for this tenant answers 404): sign-in failure.
    let out = run(signed_in("fabrikam.onmicrosoft.com")).await;
    assert_code(&out, 3);
    assert_no_secret(&out, secret);
}

#[tokio::test]
async fn secrets_never_printed_even_when_the_server_echoes_them() {
    let echo = format!("token {TOKEN} is not valid for this tenant");
    let server = answering(
        REVOKE,
        graph_error(401, "InvalidAuthenticationToken", &echo),
    )
    .await;
    let mut cmd = mg_at(&server);
    cmd.args([
        "Revoke-MgUserSignInSession",
        "-UserId",
        "alice@contoso.com",
        "-Headers",
        "x-a=1",
    ]);
    let out = run(cmd).await;
    assert_code(&out, 4);
    assert!(stderr(&out).contains("[REDACTED]"), "{}", stderr(&out));
    assert_no_secret(&out, TOKEN);

    let mut cmd = mg_at(&server);
    cmd.args([
        "Revoke-MgUserSignInSession",
        "-UserId",
        "alice@contoso.com",
        "-WhatIf",
    ]);
    let out = run(cmd).await;
    assert_code(&out, 0);
    assert_no_secret(&out, TOKEN);
}

#[test]
fn help_documents_exit_codes_and_sign_in() {
    let out = mg().arg("--help").output().expect("runs");
    assert_code(&out, 0);
    let text = stdout(&out);
    for part in [
        "EXIT CODES",
        "2  usage error",
        "3  sign-in failure",
        "4  API error",
        "5  partial failure",
        "GRAPH_TOKEN",
        "AZURE_CLIENT_SECRET",
    ] {
        assert!(text.contains(part), "{part} missing from --help");
    }
}

#[test]
fn environment_picks_the_national_cloud_root() {
    let out = mg()
        .args([
            "Revoke-MgUserSignInSession",
            "-UserId",
            "a",
            "-Environment",
            "usgov",
            "-WhatIf",
        ])
        .output()
        .expect("runs");
    assert_code(&out, 0);
    assert!(
        stdout(&out).contains("POST https://graph.microsoft.us/v1.0/users/a/"),
        "{}",
        stdout(&out)
    );
    let out = mg()
        .args([
            "Revoke-MgUserSignInSession",
            "-UserId",
            "a",
            "-Environment",
            "Mars",
            "-WhatIf",
        ])
        .output()
        .expect("runs");
    assert_code(&out, 2);
    assert_stderr_has(&out, "Global, USGov, USGovDoD, China");
}
