//! Secrets never leak into Debug output: the client, its builder, credentials, tokens, common
//! parameters and errors (tracing output is checked in `runtime_tracing.rs`).

use graph_users_actions::{AccessToken, Client, ClientCredentials, StaticToken, TokenProvider};
use mg_runtime::support::CommonParameters;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const CLIENT_SECRET: &str = "CLIENT-SECRET-abc123";
const ACCESS_TOKEN: &str = "ACCESS-TOKEN-xyz789";
const STATIC_TOKEN: &str = "STATIC-TOKEN-qwe456";

fn assert_clean(what: &str, text: &str) {
    for secret in [CLIENT_SECRET, ACCESS_TOKEN, STATIC_TOKEN] {
        assert!(!text.contains(secret), "{what} leaks {secret}: {text}");
    }
}

#[tokio::test]
async fn credential_types_redact_their_secrets() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "token_type": "Bearer", "expires_in": 3600, "access_token": ACCESS_TOKEN
        })))
        .mount(&server)
        .await;
    let credentials = ClientCredentials::new("contoso.onmicrosoft.com", "app-id", CLIENT_SECRET)
        .authority(server.uri());
    let token = credentials.token().await.expect("token");
    assert_clean("AccessToken Debug", &format!("{token:?}"));
    assert_clean(
        "ClientCredentials Debug (token cached)",
        &format!("{credentials:?}"),
    );
    assert!(format!("{credentials:?}").contains("app-id"));

    let mut common = CommonParameters::default();
    common.add_header("Authorization-Extra".into(), STATIC_TOKEN.into());
    common.add_header("x-ms-client-secret".into(), CLIENT_SECRET.into());
    common.add_header("x-a".into(), "visible".into());
    let shown = format!("{common:?}");
    assert_clean("CommonParameters Debug", &shown);
    assert!(shown.contains("visible"), "{shown}");

    let fixed = StaticToken::new(STATIC_TOKEN);
    assert_clean("StaticToken Debug", &format!("{fixed:?}"));
    assert_clean(
        "AccessToken Debug",
        &format!("{:?}", AccessToken::new(STATIC_TOKEN)),
    );
    let client = Client::builder()
        .bearer_token(STATIC_TOKEN)
        .build()
        .expect("builds");
    assert_clean("Client Debug", &format!("{client:?}"));
    assert_clean(
        "ClientBuilder Debug",
        &format!("{:?}", Client::builder().bearer_token(STATIC_TOKEN)),
    );
}

#[tokio::test]
async fn token_endpoint_errors_do_not_echo_the_response_body() {
    // A response that is not a valid token response but carries a token-looking value.
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": ACCESS_TOKEN, "token_type": "Bearer", "expires_in": "soon"
        })))
        .mount(&server)
        .await;
    let credentials = ClientCredentials::new("contoso.onmicrosoft.com", "app-id", CLIENT_SECRET)
        .authority(server.uri());
    let err = credentials.token().await.expect_err("unparseable");
    assert_eq!(err.kind(), graph_users_actions::ErrorKind::Auth);
    assert_clean("Auth error Display", &err.to_string());
    assert_clean("Auth error Debug", &format!("{err:?}"));
    assert!(err.to_string().contains("expires_in"), "{err}");
}
