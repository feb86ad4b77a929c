//! Pageable actions (`x-ms-pageable`): `Confirm-MgUserMemberGroup` / `Confirm-MgBetaUserMemberGroup`
//! give every item of `value`, following `@odata.nextLink` to the last page as the cmdlets do,
//! and never follow a link to another host with the token.

// The spec marks every beta operation deprecated, so its methods are `#[deprecated]`; these
// tests call them on purpose.
#![allow(deprecated)]

// The shared v1.0/beta suite macro lives in `common` too; this file does not expand it.
#[allow(unused_macros)]
mod common;

use common::*;
use graph_users_actions::{ErrorKind, beta, v1_0};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

const CHECK_V1: &str = "/v1.0/users/alice%40contoso.com/microsoft.graph.checkMemberGroups";
const CHECK_BETA: &str = "/beta/users/alice%40contoso.com/microsoft.graph.checkMemberGroups";

/// Answers the action with a first page whose next link is `next` (a path on this server, or a
/// whole URL when it starts with `http`), and `GET /next-page` with the last page.
async fn two_pages(graph: &Graph, action: &str, next: &str) {
    let next_link = if next.starts_with("http") {
        next.to_owned()
    } else {
        graph.url(next)
    };
    Mock::given(method("POST"))
        .and(path(action))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": ["g1"],
            "@odata.nextLink": next_link,
        })))
        .mount(&graph.server)
        .await;
    Mock::given(method("GET"))
        .and(path("/next-page"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": ["g2", "g3"]})))
        .mount(&graph.server)
        .await;
}

#[tokio::test]
async fn v1_0_follows_next_links_to_the_last_page() {
    let graph = Graph::bare().await;
    two_pages(&graph, CHECK_V1, "/next-page").await;
    let groups = graph
        .confirm_mg_user_member_group()
        .user_id("alice@contoso.com")
        .group_ids(vec!["g1", "g2", "g3", "g4"])
        .header("x-trace", "t-1")
        .send()
        .await
        .expect("all pages");
    assert_eq!(groups, ["g1", "g2", "g3"]);

    let requests = graph.requests().await;
    assert_eq!(requests.len(), 2);
    assert_signed_post(&requests[0]);
    assert_eq!(raw_path(&requests[0]), CHECK_V1);
    assert_json_body(&requests[0], &json!({"groupIds": ["g1", "g2", "g3", "g4"]}));
    // The next page is a GET with the same sign-in and the caller's headers, and no body.
    assert_eq!(requests[1].method.as_str(), "GET");
    assert_eq!(raw_path(&requests[1]), "/next-page");
    assert_eq!(
        header(&requests[1], "authorization").as_deref(),
        Some("Bearer test-token")
    );
    assert_eq!(header(&requests[1], "x-trace").as_deref(), Some("t-1"));
    assert!(requests[1].body.is_empty());
}

#[tokio::test]
async fn beta_follows_next_links_through_the_identity_set() {
    let graph = Graph::bare().await;
    two_pages(&graph, CHECK_BETA, "/next-page").await;
    let identity = beta::UsersActionsIdentity {
        user_id: Some("alice@contoso.com".into()),
        ..Default::default()
    };
    let answer = graph
        .confirm_mg_beta_user_member_group()
        .input_object(identity)
        .body_parameter(json!({"groupIds": ["g1"]}))
        .send_with_headers()
        .await
        .expect("all pages");
    assert_eq!(answer.value, ["g1", "g2", "g3"]);
    assert_eq!(answer.status, 200);
    assert_eq!(graph.requests().await.len(), 2);
}

#[tokio::test]
async fn a_next_link_to_another_host_is_not_followed() {
    let graph = Graph::bare().await;
    two_pages(&graph, CHECK_V1, "https://elsewhere.example/next-page").await;
    let error = graph
        .confirm_mg_user_member_group()
        .user_id("alice@contoso.com")
        .group_ids(vec!["g1"])
        .send()
        .await
        .expect_err("refused");
    assert_eq!(error.kind(), ErrorKind::UnexpectedResponse);
    let text = error.to_string();
    assert!(text.contains("not following"), "{text}");
    assert!(text.contains("elsewhere.example"), "{text}");
    // Only the first request was made; the token never left for the other host.
    assert_eq!(graph.requests().await.len(), 1);
}

#[tokio::test]
async fn an_empty_answer_is_no_groups() {
    let graph = Graph::expecting(CHECK_V1, empty(204)).await;
    let groups = graph
        .confirm_mg_user_member_group()
        .user_id("alice@contoso.com")
        .group_ids(vec!["g1"])
        .send()
        .await
        .expect("empty");
    assert!(groups.is_empty());
}

#[tokio::test]
async fn a_page_without_value_is_an_unexpected_response_kept_whole() {
    let graph = Graph::expecting(
        CHECK_V1,
        ResponseTemplate::new(200).set_body_json(json!({"groups": ["g1"]})),
    )
    .await;
    let error = graph
        .confirm_mg_user_member_group()
        .user_id("alice@contoso.com")
        .send()
        .await
        .expect_err("no value array");
    assert_eq!(error.kind(), ErrorKind::UnexpectedResponse);
    assert!(String::from_utf8_lossy(error.raw_body().unwrap_or_default()).contains("groups"));
}

#[tokio::test]
async fn what_if_names_the_pageable_action_and_sends_nothing() {
    let graph = Graph::bare().await;
    let preview = graph
        .confirm_mg_user_member_group()
        .input_object(v1_0::UsersActionsIdentity {
            user_id: Some("alice@contoso.com".into()),
            ..Default::default()
        })
        .what_if()
        .expect("preview");
    graph.assert_preview(
        &preview,
        "Confirm-MgUserMemberGroup",
        "CheckViaIdentityExpanded",
        CHECK_V1,
    );
    graph.assert_nothing_sent().await;
}
