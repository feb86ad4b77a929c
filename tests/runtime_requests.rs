//! What goes on the wire: headers, ids encoded as one path segment, ids refused before sending,
//! -WhatIf previews and declined -Confirm hooks that send nothing.

mod runtime_support;

use std::sync::{Arc, Mutex};

use graph_users_actions::ErrorKind;
use runtime_support::*;
use wiremock::{MockServer, Request};

async fn ok_server() -> MockServer {
    answering_post(value_true()).await
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(requests.len(), 1);
    requests.remove(0)
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn standard_headers_are_sent() {
    let server = ok_server().await;
    assert!(
        revoke(&client(&server), "alice@contoso.com")
            .await
            .expect("ok")
    );
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(header(&request, "authorization"), Some("Bearer test-token"));
    assert_eq!(header(&request, "accept"), Some("application/json"));
    assert_eq!(request.headers.get_all("content-length").iter().count(), 1);
    assert_eq!(header(&request, "content-length"), Some("0"));
    let agent = header(&request, "user-agent").unwrap_or_default();
    let version = agent
        .strip_prefix("graph-users-actions/")
        .unwrap_or_default();
    assert!(
        !version.is_empty() && version.chars().all(|c| c.is_ascii_digit() || c == '.'),
        "{agent}"
    );
    assert!(header(&request, "client-request-id").is_some());
}

#[tokio::test]
async fn user_agent_suffix_and_custom_headers() {
    let server = ok_server().await;
    let client = builder(&server)
        .user_agent("incident-tool/2.1")
        .build()
        .expect("builds");
    client
        .revoke_mg_user_sign_in_session()
        .user_id("alice@contoso.com")
        .header("x-a", "1")
        .header("client-request-id", "my-correlation-id")
        .send()
        .await
        .expect("ok");
    let request = only_request(&server).await;
    let agent = header(&request, "user-agent").unwrap_or_default();
    assert!(agent.starts_with("graph-users-actions/"), "{agent}");
    assert!(agent.ends_with(" incident-tool/2.1"), "{agent}");
    assert_eq!(header(&request, "x-a"), Some("1"));
    assert_eq!(
        header(&request, "client-request-id"),
        Some("my-correlation-id")
    );
}

#[tokio::test]
async fn reserved_or_invalid_headers_are_refused_before_sending() {
    let server = ok_server().await;
    let client = client(&server);
    for (name, value) in [
        ("Authorization", "Bearer other"),
        ("bad header", "x"),
        ("x-ok", "line\nbreak"),
        ("client-request-id", ""),
    ] {
        let err = client
            .revoke_mg_user_sign_in_session()
            .user_id("alice@contoso.com")
            .header(name, value)
            .send()
            .await
            .expect_err(name);
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{name}");
    }
    assert_eq!(request_count(&server).await, 0);
}

#[tokio::test]
async fn hostile_ids_reach_the_server_as_one_segment() {
    let cases = [
        ("alice@contoso.com", "alice%40contoso.com"),
        (
            "bob_fabrikam.com#EXT#@contoso.onmicrosoft.com",
            "bob_fabrikam.com%23EXT%23%40contoso.onmicrosoft.com",
        ),
        ("a/b", "a%2Fb"),
        ("a?b=c", "a%3Fb%3Dc"),
        ("a&b", "a%26b"),
        ("100%", "100%25"),
        ("%2E%2E", "%252E%252E"),
        (
            "jürgen.müller@contoso.com",
            "j%C3%BCrgen.m%C3%BCller%40contoso.com",
        ),
        ("first last", "first%20last"),
        ("...", "..."),
        ("it's", "it%27s"),
    ];
    for (id, encoded) in cases {
        let server = ok_server().await;
        assert!(revoke(&client(&server), id).await.expect(id));
        let request = only_request(&server).await;
        assert_eq!(request.url.path(), revoke_path(encoded), "{id}");
        assert_eq!(request.url.query(), None, "{id}");
    }
}

#[tokio::test]
async fn dot_and_empty_ids_are_refused_before_any_request() {
    let server = ok_server().await;
    let client = client(&server);
    for id in ["", ".", ".."] {
        let err = revoke(&client, id).await.expect_err(id);
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{id:?}");
        assert!(err.to_string().contains("-UserId"), "{err}");
    }
    // The same through -InputObject, and in one key of a multi-key set.
    let identity = graph_users_actions::v1_0::UsersActionsIdentity {
        user_id: Some("..".into()),
        ..Default::default()
    };
    let err = client
        .revoke_mg_user_sign_in_session()
        .input_object(identity)
        .send()
        .await
        .expect_err("dot-dot identity");
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(err.to_string().contains("InputObject.UserId"), "{err}");
    let err = client
        .invoke_mg_accept_user_event_instance()
        .user_id("alice")
        .event_id("master")
        .event_id1(".")
        .send()
        .await
        .expect_err("dot key");
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(err.to_string().contains("-EventId1"), "{err}");
    assert_eq!(request_count(&server).await, 0);
}

#[tokio::test]
async fn preview_sends_nothing() {
    let server = ok_server().await;
    let client = client(&server);
    let preview = client
        .revoke_mg_user_sign_in_session()
        .user_id("alice@contoso.com")
        .what_if()
        .expect("preview");
    let url = format!(
        "{}/v1.0/users/alice%40contoso.com/microsoft.graph.revokeSignInSessions",
        server.uri()
    );
    assert_eq!(preview.cmdlet(), "Revoke-MgUserSignInSession");
    assert_eq!(preview.parameter_set(), "Revoke");
    assert_eq!(preview.method(), "POST");
    assert_eq!(preview.url(), url);
    assert_eq!(
        preview.to_string(),
        format!(
            "What if: Performing the operation \"Revoke-MgUserSignInSession\" (parameter set Revoke) on target \"POST {url}\"."
        )
    );
    assert_eq!(request_count(&server).await, 0);
}

#[tokio::test]
async fn declined_confirmation_sends_nothing() {
    let server = ok_server().await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    let err = client(&server)
        .revoke_mg_user_sign_in_session()
        .user_id("alice@contoso.com")
        .confirm(move |preview| {
            if let Ok(mut list) = record.lock() {
                list.push(preview.url().to_owned());
            }
            false
        })
        .send()
        .await
        .expect_err("declined");
    assert_eq!(err.kind(), ErrorKind::ConfirmationDeclined);
    assert_eq!(err.cmdlet(), Some("Revoke-MgUserSignInSession"));
    assert!(err.to_string().contains("nothing was sent"));
    assert_eq!(request_count(&server).await, 0);
    let seen = seen.lock().map(|l| l.clone()).unwrap_or_default();
    assert_eq!(seen.len(), 1);
    assert!(
        seen[0].ends_with("/v1.0/users/alice%40contoso.com/microsoft.graph.revokeSignInSessions")
    );
}

#[tokio::test]
async fn approved_confirmation_sends() {
    let server = ok_server().await;
    assert!(
        client(&server)
            .revoke_mg_user_sign_in_session()
            .user_id("alice@contoso.com")
            .confirm(|_| true)
            .send()
            .await
            .expect("sent")
    );
    assert_eq!(request_count(&server).await, 1);
}

#[tokio::test]
async fn json_body_is_sent_with_content_type() {
    let server = ok_server().await;
    let response = client(&server)
        .invoke_mg_accept_user_event_instance()
        .user_id("a")
        .event_id("master")
        .event_id1("one")
        .comment("hi")
        .send_response(true)
        .send_with_headers()
        .await
        .expect("ok");
    assert_eq!(response.status, 200);
    let request = only_request(&server).await;
    assert_eq!(
        request.url.path(),
        "/v1.0/users/a/events/master/instances/one/microsoft.graph.accept"
    );
    assert_eq!(header(&request, "content-type"), Some("application/json"));
    assert_eq!(
        request.body_json::<serde_json::Value>().ok(),
        Some(serde_json::json!({"Comment": "hi", "SendResponse": true}))
    );
}

#[tokio::test]
async fn base_url_with_a_path_prefix_is_kept() {
    let server = ok_server().await;
    let client = graph_users_actions::Client::builder()
        .base_url(format!("{}/graph-proxy/", server.uri()))
        .bearer_token("t")
        .build()
        .expect("builds");
    revoke(&client, "a").await.expect("ok");
    let request = only_request(&server).await;
    assert_eq!(
        request.url.path(),
        "/graph-proxy/v1.0/users/a/microsoft.graph.revokeSignInSessions"
    );
}
