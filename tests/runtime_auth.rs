//! Sign-in: static tokens, client credentials (cached, single flight, refreshed), token endpoint
//! failures, national clouds, and builder validation.

mod runtime_support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use graph_users_actions::{
    Client, ClientCredentials, Environment, ErrorKind, StaticToken, TokenProvider,
};
use runtime_support::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TENANT: &str = "contoso.onmicrosoft.com";

/// Token endpoint that hands out `tok-1`, `tok-2`, … valid for an hour.
async fn mount_token_endpoint(server: &MockServer, delay: Duration) -> Arc<AtomicUsize> {
    let issued = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&issued);
    Mock::given(method("POST"))
        .and(path(format!("/{TENANT}/oauth2/v2.0/token")))
        .respond_with(move |_: &Request| {
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({
                    "token_type": "Bearer",
                    "expires_in": 3600,
                    "ext_expires_in": 3600,
                    "access_token": format!("tok-{n}")
                }))
                .set_delay(delay)
        })
        .mount(server)
        .await;
    issued
}

async fn mount_graph(server: &MockServer) {
    Mock::given(method("POST"))
        .and(path(revoke_path("alice%40contoso.com")))
        .respond_with(value_true())
        .mount(server)
        .await;
}

fn form(request: &Request) -> Vec<(String, String)> {
    url::form_urlencoded::parse(&request.body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn field(form: &[(String, String)], name: &str) -> Option<String> {
    form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
}

async fn token_requests(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.url.path().ends_with("/oauth2/v2.0/token"))
        .collect()
}

async fn authorizations(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.url.path().starts_with("/v1.0/"))
        .filter_map(|r| {
            r.headers
                .get("authorization")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        })
        .collect()
}

#[tokio::test]
async fn static_token_is_sent_as_bearer() {
    let server = MockServer::start().await;
    mount_graph(&server).await;
    assert!(
        revoke(&client(&server), "alice@contoso.com")
            .await
            .expect("ok")
    );
    // A shared provider (`Arc<dyn TokenProvider>`) is accepted as well.
    let shared: Arc<dyn TokenProvider> = Arc::new(StaticToken::new("shared-token"));
    let client = builder(&server)
        .token_provider(Arc::clone(&shared))
        .build()
        .expect("builds");
    assert!(revoke(&client, "alice@contoso.com").await.expect("ok"));
    assert_eq!(
        authorizations(&server).await,
        vec!["Bearer test-token", "Bearer shared-token"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_credentials_token_is_fetched_once_for_many_concurrent_calls() {
    let server = MockServer::start().await;
    // A slow token endpoint makes sure the calls really overlap while the token is fetched.
    mount_token_endpoint(&server, ms(200)).await;
    mount_graph(&server).await;
    let client = Client::builder()
        .base_url(server.uri())
        .client_credentials(TENANT, "app-id", "app-secret")
        .authority(server.uri())
        .retry_policy(fast_retry())
        .build()
        .expect("builds");

    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let client = client.clone();
        calls.spawn(async move { revoke(&client, "alice@contoso.com").await });
    }
    while let Some(result) = calls.join_next().await {
        assert!(result.expect("task").expect("call"));
    }
    let tokens = token_requests(&server).await;
    assert_eq!(tokens.len(), 1, "one token request for 20 calls");
    let auth = authorizations(&server).await;
    assert_eq!(auth.len(), 20);
    assert!(auth.iter().all(|a| a == "Bearer tok-1"));

    // The form is a client-credentials grant for the global cloud's .default scope.
    let form = form(&tokens[0]);
    assert_eq!(
        field(&form, "grant_type").as_deref(),
        Some("client_credentials")
    );
    assert_eq!(field(&form, "client_id").as_deref(), Some("app-id"));
    assert_eq!(field(&form, "client_secret").as_deref(), Some("app-secret"));
    assert_eq!(
        field(&form, "scope").as_deref(),
        Some("https://graph.microsoft.com/.default")
    );
}

#[tokio::test]
async fn client_credentials_token_is_refreshed_shortly_before_expiry() {
    let server = MockServer::start().await;
    mount_token_endpoint(&server, Duration::ZERO).await;
    mount_graph(&server).await;
    let clock = ManualClock::new();
    let credentials = ClientCredentials::new(TENANT, "app-id", "app-secret")
        .authority(server.uri())
        .clock(clock.clone());
    let client = builder(&server)
        .token_provider(credentials)
        .build()
        .expect("builds");

    revoke(&client, "alice@contoso.com").await.expect("ok");
    clock.advance(Duration::from_secs(30 * 60));
    revoke(&client, "alice@contoso.com").await.expect("ok");
    assert_eq!(
        token_requests(&server).await.len(),
        1,
        "still cached at 30 min"
    );

    // 56 minutes in: inside the 5-minute refresh margin of a 60-minute token.
    clock.advance(Duration::from_secs(26 * 60));
    revoke(&client, "alice@contoso.com").await.expect("ok");
    revoke(&client, "alice@contoso.com").await.expect("ok");
    assert_eq!(token_requests(&server).await.len(), 2, "refreshed once");
    assert_eq!(
        authorizations(&server).await,
        vec![
            "Bearer tok-1",
            "Bearer tok-1",
            "Bearer tok-2",
            "Bearer tok-2"
        ]
    );
}

#[tokio::test]
async fn refused_client_credentials_are_an_auth_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("/{TENANT}/oauth2/v2.0/token")))
        .respond_with(ResponseTemplate::new(401).set_body_json(serde_json::json!({
            "error": "invalid_client",
            "error_description": "AADSTS7000215: Invalid client secret provided.",
            "error_codes": [7000215]
        })))
        .mount(&server)
        .await;
    mount_graph(&server).await;
    let client = Client::builder()
        .base_url(server.uri())
        .client_credentials(TENANT, "app-id", "wrong-secret")
        .authority(server.uri())
        .retry_policy(fast_retry())
        .build()
        .expect("builds");
    let err = revoke(&client, "alice@contoso.com")
        .await
        .expect_err("fails");
    assert_eq!(err.kind(), ErrorKind::Auth);
    assert!(!err.is_retryable());
    let text = err.to_string();
    assert!(text.contains("invalid_client"), "{text}");
    assert!(text.contains("AADSTS7000215"), "{text}");
    assert!(!text.contains("wrong-secret"), "{text}");
    assert!(
        authorizations(&server).await.is_empty(),
        "Graph never called"
    );
    assert_eq!(token_requests(&server).await.len(), 1, "not retried");
}

#[tokio::test]
async fn token_endpoint_outage_is_retried_then_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("/{TENANT}/oauth2/v2.0/token")))
        .respond_with(ResponseTemplate::new(503).set_body_string("<html>busy</html>"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    mount_token_endpoint(&server, Duration::ZERO).await;
    mount_graph(&server).await;
    let client = Client::builder()
        .base_url(server.uri())
        .client_credentials(TENANT, "app-id", "app-secret")
        .authority(server.uri())
        .retry_policy(fast_retry())
        .build()
        .expect("builds");
    assert!(revoke(&client, "alice@contoso.com").await.expect("ok"));
    assert_eq!(token_requests(&server).await.len(), 2);
}

#[tokio::test]
async fn unreachable_token_endpoint_is_an_auth_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    drop(listener);
    let credentials =
        ClientCredentials::new(TENANT, "app-id", "app-secret").authority(format!("http://{addr}"));
    let err = credentials.token().await.expect_err("fails");
    assert_eq!(err.kind(), ErrorKind::Auth);
    assert!(err.is_retryable());
    assert!(
        err.to_string().contains("could not reach token endpoint"),
        "{err}"
    );
}

#[test]
fn environments_match_connect_mggraph() {
    let table = [
        (
            Environment::Global,
            "Global",
            "https://graph.microsoft.com",
            "https://login.microsoftonline.com",
        ),
        (
            Environment::USGov,
            "USGov",
            "https://graph.microsoft.us",
            "https://login.microsoftonline.us",
        ),
        (
            Environment::USGovDoD,
            "USGovDoD",
            "https://dod-graph.microsoft.us",
            "https://login.microsoftonline.us",
        ),
        (
            Environment::China,
            "China",
            "https://microsoftgraph.chinacloudapi.cn",
            "https://login.chinacloudapi.cn",
        ),
    ];
    for (env, name, root, authority) in table {
        assert_eq!(env.name(), name);
        assert_eq!(env.graph_root(), root);
        assert_eq!(env.authority(), authority);
        assert_eq!(env.default_scope(), format!("{root}/.default"));
        assert_eq!(name.to_lowercase().parse::<Environment>().ok(), Some(env));

        let credentials = ClientCredentials::new(TENANT, "app", "secret").environment(env);
        assert_eq!(
            credentials.token_url().ok(),
            Some(format!("{authority}/{TENANT}/oauth2/v2.0/token"))
        );
        assert_eq!(credentials.requested_scope(), format!("{root}/.default"));

        // Without a base URL the client talks to the environment's Graph root.
        let client = Client::builder()
            .environment(env)
            .bearer_token("t")
            .build()
            .expect("builds");
        assert_eq!(client.base_url(), root);
        let preview = client
            .revoke_mg_user_sign_in_session()
            .user_id("a")
            .what_if()
            .expect("preview");
        assert_eq!(
            preview.url(),
            format!("{root}/v1.0/users/a/microsoft.graph.revokeSignInSessions")
        );
    }
    assert_eq!(Environment::default(), Environment::Global);
    assert!("Mars".parse::<Environment>().is_err());
}

#[tokio::test]
async fn each_cloud_requests_its_own_scope_from_the_overridden_authority() {
    for env in Environment::ALL {
        let server = MockServer::start().await;
        mount_token_endpoint(&server, Duration::ZERO).await;
        mount_graph(&server).await;
        let client = Client::builder()
            .environment(env)
            .base_url(server.uri())
            .authority(server.uri())
            .client_credentials(TENANT, "app-id", "app-secret")
            .retry_policy(fast_retry())
            .build()
            .expect("builds");
        assert!(revoke(&client, "alice@contoso.com").await.expect("ok"));
        let tokens = token_requests(&server).await;
        assert_eq!(tokens.len(), 1);
        assert_eq!(
            field(&form(&tokens[0]), "scope").as_deref(),
            Some(env.default_scope()),
            "{env}"
        );
    }
}

#[test]
fn builder_refuses_bad_configuration() {
    let no_credentials = Client::builder().build().expect_err("no credentials");
    assert_eq!(no_credentials.kind(), ErrorKind::InvalidArgument);
    assert!(no_credentials.to_string().contains("no credentials"));

    for bad in [
        "not a url",
        "ftp://graph.microsoft.com",
        "http://graph.microsoft.com",
    ] {
        let err = Client::builder()
            .base_url(bad)
            .bearer_token("t")
            .build()
            .expect_err(bad);
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{bad}");
    }
    let empty = Client::builder()
        .bearer_token(" ")
        .build()
        .expect_err("empty");
    assert_eq!(empty.kind(), ErrorKind::InvalidArgument);

    let bad_authority = Client::builder()
        .client_credentials(TENANT, "app", "secret")
        .authority("http://login.example.com")
        .build()
        .expect_err("plain http authority");
    assert_eq!(bad_authority.kind(), ErrorKind::InvalidArgument);

    let bad_tenant = Client::builder()
        .client_credentials("..", "app", "secret")
        .build()
        .expect_err("dot tenant");
    assert_eq!(bad_tenant.kind(), ErrorKind::InvalidArgument);

    let bad_agent = Client::builder()
        .bearer_token("t")
        .user_agent("bad\nagent")
        .build()
        .expect_err("newline in UA");
    assert_eq!(bad_agent.kind(), ErrorKind::InvalidArgument);

    let zero = Client::builder()
        .bearer_token("t")
        .request_timeout(Duration::ZERO)
        .build()
        .expect_err("zero timeout");
    assert_eq!(zero.kind(), ErrorKind::InvalidArgument);
}

fn credentials_client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .client_credentials(TENANT, "app-id", "app-secret")
        .authority(server.uri())
        .retry_policy(fast_retry())
        .build()
        .expect("builds")
}

/// A token Graph refuses before its expiry (revoked, or issued for a changed app) is dropped from
/// the cache: the call signs in again and is repeated once, instead of failing for an hour.
#[tokio::test]
async fn a_refused_cached_token_is_replaced_and_the_call_repeated_once() {
    let server = MockServer::start().await;
    mount_token_endpoint(&server, Duration::ZERO).await;
    Mock::given(method("POST"))
        .and(path(revoke_path("alice%40contoso.com")))
        .and(wiremock::matchers::header("authorization", "Bearer tok-1"))
        .respond_with(ResponseTemplate::new(401).set_body_json(serde_json::json!({
            "error": {"code": "InvalidAuthenticationToken", "message": "Access token has expired or is not yet valid."}
        })))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(revoke_path("alice%40contoso.com")))
        .and(wiremock::matchers::header("authorization", "Bearer tok-2"))
        .respond_with(value_true())
        .mount(&server)
        .await;
    let client = credentials_client(&server);
    assert!(
        revoke(&client, "alice@contoso.com")
            .await
            .expect("signed in again")
    );
    assert_eq!(token_requests(&server).await.len(), 2);
    assert_eq!(
        authorizations(&server).await,
        ["Bearer tok-1", "Bearer tok-2"]
    );
    // The new token is cached for the next call.
    assert!(revoke(&client, "alice@contoso.com").await.expect("ok"));
    assert_eq!(token_requests(&server).await.len(), 2);
}

#[tokio::test]
async fn a_token_refused_twice_is_an_api_error_after_one_new_sign_in() {
    let server = MockServer::start().await;
    mount_token_endpoint(&server, Duration::ZERO).await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(401).set_body_json(serde_json::json!({
            "error": {"code": "InvalidAuthenticationToken", "message": "no"}
        })))
        .mount(&server)
        .await;
    let err = revoke(&credentials_client(&server), "alice@contoso.com")
        .await
        .expect_err("refused");
    assert_eq!(err.kind(), ErrorKind::Api);
    assert_eq!(err.status(), Some(401));
    assert_eq!(
        token_requests(&server).await.len(),
        2,
        "one new sign-in, not a loop"
    );
    assert_eq!(authorizations(&server).await.len(), 2);
}

#[tokio::test]
async fn a_static_token_refused_is_not_sent_again() {
    let server = answering_post(ResponseTemplate::new(401)).await;
    let err = revoke(&client(&server), "alice@contoso.com")
        .await
        .expect_err("refused");
    assert_eq!(err.status(), Some(401));
    assert_eq!(authorizations(&server).await.len(), 1);
}
