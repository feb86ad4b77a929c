//! Pipeline input: ids and JSON objects on stdin, sent through `$batch`, one NDJSON line per
//! input, a summary on stderr, and the exit code of a partial failure.

mod common;

use common::*;
use serde_json::{Value, json};

fn lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

#[tokio::test]
async fn three_ids_one_failure() {
    let server = batch_server("v1.0").await;
    let mut cmd = mg_at(&server);
    cmd.arg("Revoke-MgUserSignInSession")
        .write_stdin("alice@contoso.com\nfail@contoso.com\n\nbob@contoso.com\n");
    let out = run(cmd).await;
    assert_code(&out, 5);
    let text = stdout(&out);
    // The input comes first on each line.
    let head = "{\"input\":\"alice@contoso.com\",\"result\":true}\n{\"input\":\"fail@contoso.com\",\"error\":{";
    assert!(text.starts_with(head), "{text}");
    let got = lines(&text);
    assert_eq!(got.len(), 3);
    assert_eq!(
        got[0],
        json!({"input": "alice@contoso.com", "result": true})
    );
    assert_eq!(got[1]["input"], "fail@contoso.com");
    assert_eq!(got[1]["error"]["code"], "Request_ResourceNotFound");
    assert_eq!(got[1]["error"]["status"], 404);
    assert_eq!(got[1]["error"]["requestId"], "rid-404");
    assert_eq!(got[2], json!({"input": "bob@contoso.com", "result": true}));
    let err = stderr(&out);
    assert!(err.contains("3 targets: 2 succeeded, 1 failed"), "{err}");
    // One $batch request carried all three, each id one encoded segment.
    assert_eq!(requests(&server).await.len(), 1);
    let urls: Vec<String> = sub_requests(&server)
        .await
        .iter()
        .map(|s| s["url"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        urls[0],
        "/users/alice%40contoso.com/microsoft.graph.revokeSignInSessions"
    );
    assert_eq!(urls.len(), 3);
}

#[tokio::test]
async fn all_succeeded_exits_zero_and_all_failed_exits_four() {
    let server = batch_server("v1.0").await;
    let mut cmd = mg_at(&server);
    cmd.args(["Revoke-MgUserSignInSession", "-Concurrency", "2"])
        .write_stdin("a\nb\n");
    let out = run(cmd).await;
    assert_code(&out, 0);
    assert!(stderr(&out).contains("2 targets: 2 succeeded, 0 failed"));

    let mut cmd = mg_at(&server);
    cmd.arg("Revoke-MgUserSignInSession")
        .write_stdin("fail1\nfail2\n");
    assert_code(&run(cmd).await, 4);
}

#[tokio::test]
async fn json_objects_bind_by_property_name() {
    let server = batch_server("beta").await;
    let mut cmd = mg_at(&server);
    let input = [
        r#"{"userPrincipalName":"upn@contoso.com","displayName":"U"}"#,
        r#"{"ID":"id-1","mail":"x@contoso.com"}"#,
        r#"{"userid":"key@contoso.com"}"#,
        r#""quoted@contoso.com""#,
        r#"{"displayName":"nobody"}"#,
    ];
    cmd.arg("Invoke-MgBetaInvalidateAllUserRefreshToken")
        .write_stdin(input.join("\n"));
    let out = run(cmd).await;
    assert_code(&out, 5);
    let got = lines(&stdout(&out));
    assert_eq!(got.len(), 5);
    assert_eq!(got[0]["input"]["displayName"], "U");
    for line in &got[..4] {
        assert_eq!(line["result"], true, "{line}");
    }
    assert_eq!(got[4]["error"]["kind"], "Usage");
    assert!(
        got[4]["error"]["text"]
            .as_str()
            .unwrap_or_default()
            .contains("line 5"),
        "{}",
        got[4]
    );
    let urls: Vec<String> = sub_requests(&server)
        .await
        .iter()
        .map(|s| s["url"].as_str().unwrap_or_default().to_owned())
        .collect();
    let users: Vec<&str> = urls
        .iter()
        .map(|u| u.split('/').nth(2).unwrap_or_default())
        .collect();
    // Nothing is sent for the line that cannot be bound.
    assert_eq!(
        users,
        [
            "upn%40contoso.com",
            "id-1",
            "key%40contoso.com",
            "quoted%40contoso.com"
        ]
    );
}

#[tokio::test]
async fn malformed_line_is_named_and_the_others_go_on() {
    let server = batch_server("v1.0").await;
    let mut cmd = mg_at(&server);
    cmd.arg("Revoke-MgUserSignInSession")
        .write_stdin("a\n{\"UserId\": \nb\n");
    let out = run(cmd).await;
    assert_code(&out, 5);
    let got = lines(&stdout(&out));
    assert_eq!(got.len(), 3);
    assert_eq!(got[0]["result"], true);
    assert_eq!(got[2]["result"], true);
    let text = got[1]["error"]["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("line 2") && text.contains("malformed JSON"),
        "{text}"
    );
    assert_stderr_has(&out, "line 2: malformed JSON");
    assert_eq!(sub_requests(&server).await.len(), 2);
}

#[tokio::test]
async fn what_if_lists_every_target_and_sends_nothing() {
    let server = batch_server("v1.0").await;
    let mut cmd = mg_at(&server);
    cmd.args(["Revoke-MgUserSignInSession", "-WhatIf"])
        .write_stdin("a\nb\nc\n");
    let out = run(cmd).await;
    assert_code(&out, 0);
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 3, "{text}");
    for id in ["a", "b", "c"] {
        assert!(
            text.contains(&format!(
                "{}/v1.0/users/{id}/microsoft.graph.revokeSignInSessions",
                server.uri()
            )),
            "{text}"
        );
    }
    assert!(requests(&server).await.is_empty());
}

#[tokio::test]
async fn confirm_with_pipeline_input_and_no_terminal_fails_at_once() {
    let server = batch_server("v1.0").await;
    let mut cmd = mg_at(&server);
    cmd.args(["Revoke-MgUserSignInSession", "-Confirm"])
        .write_stdin("a\nb\n")
        .timeout(std::time::Duration::from_secs(10));
    let out = run(cmd).await;
    assert_code(&out, 2);
    assert_stderr_has(&out, "-Confirm needs a terminal");
    assert!(requests(&server).await.is_empty());
}

#[tokio::test]
async fn headers_go_on_every_sub_request_and_rhv_collects_them() {
    let server = batch_server("v1.0").await;
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("h.json");
    let mut cmd = mg_at(&server);
    cmd.args([
        "Revoke-MgUserSignInSession",
        "-Headers",
        "x-incident=INC-1",
        "-RHV",
    ])
    .arg(&file)
    .write_stdin("a\nb\n");
    assert_code(&run(cmd).await, 0);
    for sub in sub_requests(&server).await {
        assert_eq!(sub["headers"]["x-incident"], "INC-1");
    }
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("written")).expect("json");
    assert_eq!(written[0]["input"], "a");
    assert_eq!(written[1]["headers"]["request-id"], "rid-ok");
}
