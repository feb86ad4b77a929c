//! OAuth 2.0 client-credentials sign-in against the Microsoft identity platform, with a token cache
//! shared by all concurrent callers (one refresh at a time).
//!
//! The exchange itself is done by the `oauth2` crate: it builds the form-encoded token request,
//! keeps the client secret out of Debug output, and parses RFC 6749 success and error responses,
//! which is all the Microsoft identity platform's `/oauth2/v2.0/token` endpoint needs for this flow.
//! We add what it leaves to the caller: the per-cloud endpoint and scope, caching, and errors.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU16, Ordering};
use std::time::{Duration, Instant};

use oauth2::basic::{BasicClient, BasicErrorResponse};
use oauth2::{
    AuthType, ClientId, ClientSecret, HttpClientError, HttpRequest, HttpResponse,
    RequestTokenError, Scope, TokenResponse, TokenUrl,
};
use secrecy::{ExposeSecret, SecretString};
use tokio::sync::Mutex;

use crate::auth::{AccessToken, Clock, SystemClock, TokenFuture, TokenProvider};
use crate::environment::Environment;
use crate::error::Error;
use crate::path::encode_segment;
use crate::redact::Redactor;
use crate::url_check::checked_base_url;

/// How long before expiry a cached token is replaced, by default.
const DEFAULT_REFRESH_MARGIN: Duration = Duration::from_secs(5 * 60);
/// Lifetime assumed when the token endpoint does not say (`expires_in` absent).
const ASSUMED_LIFETIME: Duration = Duration::from_secs(10 * 60);
/// The most of a token endpoint's answer that is read: a token response is a few kilobytes.
const MAX_TOKEN_BODY: usize = 256 * 1024;
/// Timeout of one token request, by default.
const DEFAULT_TOKEN_TIMEOUT: Duration = Duration::from_secs(30);

/// App-only sign-in with a client secret (`Connect-MgGraph -ClientSecretCredential`).
///
/// Requests a token for the environment's `.default` scope from
/// `<authority>/<tenant>/oauth2/v2.0/token`, caches it until 5 minutes before it expires (or
/// halfway through its life, for short-lived tokens), and lets one caller refresh while the others
/// wait for its result. A failed request is not cached: the next call tries again.
pub struct ClientCredentials {
    tenant_id: String,
    client_id: String,
    client_secret: SecretString,
    environment: Environment,
    authority: Option<String>,
    scope: Option<String>,
    refresh_margin: Duration,
    request_timeout: Duration,
    clock: Arc<dyn Clock>,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    http: Option<reqwest::Client>,
    cached: Option<Cached>,
}

struct Cached {
    token: AccessToken,
    refresh_at: Instant,
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("tenant_id", &self.tenant_id)
            .field("client_id", &self.client_id)
            .field("client_secret", &"[REDACTED]")
            .field("environment", &self.environment)
            .field("authority", &self.authority_root())
            .field("scope", &self.requested_scope())
            .field("refresh_margin", &self.refresh_margin)
            .field("request_timeout", &self.request_timeout)
            .finish_non_exhaustive()
    }
}

impl ClientCredentials {
    /// Requests tokens through `http` (the caller's proxy or root certificates) instead of a
    /// client of its own. The token request timeout still applies.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.state.get_mut().http = Some(http);
        self
    }

    /// Credentials of an app registration in `tenant_id` (GUID or verified domain), for the
    /// global cloud unless [`ClientCredentials::environment`] says otherwise.
    pub fn new(
        tenant_id: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        ClientCredentials {
            tenant_id: tenant_id.into(),
            client_id: client_id.into(),
            client_secret: SecretString::from(client_secret.into()),
            environment: Environment::Global,
            authority: None,
            scope: None,
            refresh_margin: DEFAULT_REFRESH_MARGIN,
            request_timeout: DEFAULT_TOKEN_TIMEOUT,
            clock: Arc::new(SystemClock),
            state: Mutex::new(State::default()),
        }
    }

    /// The cloud to sign in to: picks its authority and `.default` scope.
    pub fn environment(mut self, environment: Environment) -> Self {
        self.environment = environment;
        self
    }

    /// Overrides the sign-in authority root (e.g. `https://login.microsoftonline.com`, or a
    /// local server in tests). HTTPS is required except on loopback addresses.
    pub fn authority(mut self, authority: impl Into<String>) -> Self {
        self.authority = Some(authority.into());
        self
    }

    /// Overrides the requested scope (default: the environment's `.default` scope).
    pub fn scope(mut self, scope: impl Into<String>) -> Self {
        self.scope = Some(scope.into());
        self
    }

    /// How long before expiry a cached token is replaced (default 5 minutes).
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.refresh_margin = margin;
        self
    }

    /// Timeout of one token request (default 30 s).
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    /// Replaces the clock the cache reads (tests move it forward instead of waiting).
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// The scope that will be requested.
    pub fn requested_scope(&self) -> &str {
        self.scope
            .as_deref()
            .unwrap_or_else(|| self.environment.default_scope())
    }

    /// The token endpoint, checked: `<authority>/<tenant>/oauth2/v2.0/token`.
    pub fn token_url(&self) -> Result<String, Error> {
        let root = checked_base_url(self.authority_root(), "authority")?;
        let tenant = self.tenant_id.trim();
        if tenant.is_empty() || tenant == "." || tenant == ".." {
            return Err(Error::invalid_argument(format!(
                "client credentials: tenant id {:?} is not usable: give the tenant's GUID or a verified domain",
                self.tenant_id
            )));
        }
        if self.client_id.trim().is_empty() {
            return Err(Error::invalid_argument(
                "client credentials: client id is empty",
            ));
        }
        Ok(format!(
            "{root}/{}/oauth2/v2.0/token",
            encode_segment(tenant)
        ))
    }

    fn authority_root(&self) -> &str {
        self.authority
            .as_deref()
            .unwrap_or_else(|| self.environment.authority())
    }

    async fn cached_or_fetch(&self) -> Result<AccessToken, Error> {
        // Holding the lock across the fetch is the single flight: callers that arrive during a
        // refresh wait here, then find the fresh token. A dropped fetch releases the lock.
        let mut state = self.state.lock().await;
        if let Some(cached) = &state.cached
            && self.clock.now() < cached.refresh_at
        {
            return Ok(cached.token.clone());
        }
        let http = match &state.http {
            Some(http) => http.clone(),
            None => {
                let http = reqwest::Client::builder()
                    // The oauth2 crate asks for no redirects on token requests (credential leaks).
                    .redirect(reqwest::redirect::Policy::none())
                    .timeout(self.request_timeout)
                    .user_agent(concat!(
                        env!("CARGO_PKG_NAME"),
                        "/",
                        env!("CARGO_PKG_VERSION")
                    ))
                    .build()
                    .map_err(|e| {
                        Error::auth("could not set up the HTTP client", false, Some(e.into()))
                    })?;
                state.http = Some(http.clone());
                http
            }
        };
        let requested_at = self.clock.now();
        let (secret, lifetime) = self.fetch(&http).await?;
        let margin = self.refresh_margin.min(lifetime / 2);
        let refresh_at = requested_at
            .checked_add(lifetime.saturating_sub(margin))
            .unwrap_or(requested_at);
        let mut token = AccessToken::new(secret);
        if let Some(expires_at) = requested_at.checked_add(lifetime) {
            token = token.with_expiry(expires_at);
        }
        state.cached = Some(Cached {
            token: token.clone(),
            refresh_at,
        });
        Ok(token)
    }

    async fn fetch(&self, http: &reqwest::Client) -> Result<(String, Duration), Error> {
        let token_url = self.token_url()?;
        let endpoint = TokenUrl::new(token_url.clone()).map_err(|e| {
            Error::invalid_argument(format!(
                "client credentials: bad token URL {token_url}: {e}"
            ))
        })?;
        let oauth = BasicClient::new(ClientId::new(self.client_id.clone()))
            .set_client_secret(ClientSecret::new(
                self.client_secret.expose_secret().to_owned(),
            ))
            // The Microsoft identity platform documents client_secret in the form body.
            .set_auth_type(AuthType::RequestBody)
            .set_token_uri(endpoint);

        // Remember the HTTP status: the oauth2 crate's errors do not carry it, and it decides
        // whether the failure is worth retrying.
        let status = Arc::new(AtomicU16::new(0));
        let seen = Arc::clone(&status);
        // The caller's HTTP client (`http_client`) has no timeout of ours: bound the request here.
        let timeout = self.request_timeout;
        // Our own send: the oauth2 crate's reqwest adapter reads the answer whole, however big.
        let send = move |request: HttpRequest| {
            let http = http.clone();
            let seen = Arc::clone(&seen);
            async move {
                let response = tokio::time::timeout(timeout, send_capped(&http, request, &seen))
                    .await
                    .map_err(|_| {
                        HttpClientError::Other(format!(
                            "no answer within {}s",
                            timeout.as_secs_f64()
                        ))
                    })??;
                Ok::<_, HttpClientError<reqwest::Error>>(response)
            }
        };

        tracing::debug!(token_url = %token_url, scope = self.requested_scope(), "requesting an app-only token");
        let result = oauth
            .exchange_client_credentials()
            .add_scope(Scope::new(self.requested_scope().to_owned()))
            .request_async(&send)
            .await;
        match result {
            Ok(response) => {
                let secret = response.access_token().secret().clone();
                if secret.trim().is_empty() {
                    return Err(Error::auth(
                        format!("token endpoint {token_url} returned an empty access token"),
                        false,
                        None,
                    ));
                }
                let lifetime = response.expires_in().unwrap_or(ASSUMED_LIFETIME);
                tracing::debug!(token_url = %token_url, lifetime_secs = lifetime.as_secs(), "app-only token obtained");
                Ok((secret, lifetime))
            }
            Err(error) => Err(describe_failure(
                &token_url,
                status.load(Ordering::Relaxed),
                error,
                &Redactor::new([self.client_secret.expose_secret()]),
            )),
        }
    }
}

impl TokenProvider for ClientCredentials {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self.cached_or_fetch())
    }

    fn invalidate(&self, token: &AccessToken) -> bool {
        // Only the token that was refused: a concurrent caller may already hold a newer one.
        // If the cache is busy, a refresh is under way and replaces it anyway.
        if let Ok(mut state) = self.state.try_lock()
            && state.cached.as_ref().is_some_and(|cached| {
                cached.token.secret().expose_secret() == token.secret().expose_secret()
            })
        {
            state.cached = None;
        }
        true
    }
}

/// Sends the token request and reads the answer, refusing one longer than [`MAX_TOKEN_BODY`].
/// Records the status in `seen`.
async fn send_capped(
    http: &reqwest::Client,
    request: HttpRequest,
    seen: &AtomicU16,
) -> Result<HttpResponse, HttpClientError<reqwest::Error>> {
    let request = reqwest::Request::try_from(request).map_err(Box::new)?;
    let mut response = http.execute(request).await.map_err(Box::new)?;
    seen.store(response.status().as_u16(), Ordering::Relaxed);
    let too_large = || {
        HttpClientError::Io(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!("the answer is larger than {MAX_TOKEN_BODY} bytes; not reading it"),
        ))
    };
    if response
        .content_length()
        .is_some_and(|length| length > MAX_TOKEN_BODY as u64)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(Box::new)? {
        if chunk.len() > MAX_TOKEN_BODY.saturating_sub(body.len()) {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    let mut answer = oauth2::http::Response::builder()
        .status(response.status())
        .version(response.version());
    if let Some(headers) = answer.headers_mut() {
        *headers = std::mem::take(response.headers_mut());
    }
    answer.body(body).map_err(HttpClientError::Http)
}

/// Turns an oauth2 failure into an auth error, without ever echoing the response body (a body
/// that failed to parse could still hold a token), and with the client secret blanked out of
/// what the server said.
fn describe_failure(
    token_url: &str,
    status: u16,
    error: RequestTokenError<HttpClientError<reqwest::Error>, BasicErrorResponse>,
    redactor: &Redactor,
) -> Error {
    let transient_status = status == 429 || status >= 500;
    let status_text = if status == 0 {
        String::new()
    } else {
        format!(" (HTTP {status})")
    };
    match error {
        RequestTokenError::ServerResponse(response) => {
            let mut message = format!(
                "token endpoint {token_url} refused the client credentials{status_text}: {}",
                response.error()
            );
            if let Some(description) = response.error_description() {
                message.push_str(": ");
                message.push_str(description);
            }
            Error::auth(redactor.text(&message), transient_status, None)
        }
        RequestTokenError::Request(HttpClientError::Io(too_large))
            if too_large.kind() == std::io::ErrorKind::FileTooLarge =>
        {
            // Not worth asking again: the same endpoint will send the same answer.
            Error::auth(
                format!("token endpoint {token_url}{status_text}: {too_large}"),
                false,
                None,
            )
        }
        RequestTokenError::Request(source) => {
            let detail = match &source {
                HttpClientError::Reqwest(inner) => {
                    let mut text = inner.to_string();
                    let mut cause = std::error::Error::source(inner.as_ref());
                    while let Some(c) = cause {
                        text.push_str(": ");
                        text.push_str(&c.to_string());
                        cause = c.source();
                    }
                    text
                }
                other => other.to_string(),
            };
            Error::auth(
                redactor.text(&format!(
                    "could not reach token endpoint {token_url}: {detail}"
                )),
                true,
                Some(Box::new(source)),
            )
        }
        RequestTokenError::Parse(parse, _body_withheld) => Error::auth(
            format!(
                "token endpoint {token_url} sent a response that is not an OAuth token response{status_text} \
                 (problem at `{}`)",
                parse.path()
            ),
            transient_status,
            None,
        ),
        RequestTokenError::Other(text) => Error::auth(
            redactor.text(&format!(
                "token endpoint {token_url} failed{status_text}: {text}"
            )),
            transient_status,
            None,
        ),
    }
}
