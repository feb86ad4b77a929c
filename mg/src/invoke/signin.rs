//! The client, signed in from the environment: `GRAPH_TOKEN` (a token obtained elsewhere), or
//! `AZURE_TENANT_ID` + `AZURE_CLIENT_ID` + `AZURE_CLIENT_SECRET` (client credentials, the Azure
//! SDKs' convention, with `AZURE_AUTHORITY_HOST` to override the sign-in authority).
//! `GRAPH_BASE_URL` overrides the service root. No value read here is ever printed.

use mg_runtime::{AccessToken, Environment, TokenFuture, TokenProvider};

use graph_users_actions::Client;

use super::Failure;

/// Reads an environment variable; empty counts as unset.
fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// Builds the client. With `preview_only` (`-WhatIf`) no credentials are needed: nothing is
/// sent, so a client that cannot sign in is enough to render the full URLs.
pub fn client(environment: Option<Environment>, preview_only: bool) -> Result<Client, Failure> {
    let environment = environment.unwrap_or_default();
    let mut builder = Client::builder()
        .environment(environment)
        .user_agent(concat!("mg/", env!("CARGO_PKG_VERSION")));
    if let Some(root) = var("GRAPH_BASE_URL") {
        builder = builder.base_url(root);
    }
    let credentials = ["AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET"];
    let given: Vec<&str> = credentials
        .iter()
        .copied()
        .filter(|n| var(n).is_some())
        .collect();
    builder = if let Some(token) = var("GRAPH_TOKEN") {
        builder.bearer_token(token)
    } else if given.len() == credentials.len() {
        let mut b = builder.client_credentials(
            var("AZURE_TENANT_ID").unwrap_or_default(),
            var("AZURE_CLIENT_ID").unwrap_or_default(),
            var("AZURE_CLIENT_SECRET").unwrap_or_default(),
        );
        if let Some(authority) = var("AZURE_AUTHORITY_HOST") {
            b = b.authority(authority);
        }
        b
    } else if preview_only {
        builder.token_provider(NotSignedIn)
    } else if given.is_empty() {
        return Err(Failure::SignIn(
            "not signed in: set GRAPH_TOKEN to an access token, or AZURE_TENANT_ID, \
             AZURE_CLIENT_ID and AZURE_CLIENT_SECRET for client credentials"
                .to_owned(),
        ));
    } else {
        let absent: Vec<&str> = credentials
            .iter()
            .copied()
            .filter(|n| !given.contains(n))
            .collect();
        return Err(Failure::SignIn(format!(
            "client credentials are incomplete: {} set, {} missing",
            given.join(", "),
            absent.join(", ")
        )));
    };
    builder.build().map_err(|e| Failure::SignIn(e.to_string()))
}

/// The token provider of a `-WhatIf` run without credentials: it never gives a token (an
/// empty one is refused by the client before any request would go out).
struct NotSignedIn;

impl TokenProvider for NotSignedIn {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(async { Ok(AccessToken::new(String::new())) })
    }
}
