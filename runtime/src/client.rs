//! The `Client` every cmdlet method hangs off, and its builder: service root, credentials,
//! cloud, retries, timeouts, User-Agent.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderValue;
use secrecy::{ExposeSecret, SecretString};

use crate::auth::{StaticToken, TokenProvider};
use crate::client_credentials::ClientCredentials;
use crate::environment::Environment;
use crate::error::Error;
use crate::operation::OperationInfo;
use crate::pages::CollectLimits;
use crate::response::Preview;
use crate::retry::RetryPolicy;
use crate::url_check::checked_base_url;

/// Default per-attempt timeout.
const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Time allowed to open a TCP/TLS connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// `User-Agent` product token when the generated crate names none: this crate and its version.
pub(crate) const PRODUCT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// A Microsoft Graph client. Cheap to clone (shared state behind an `Arc`); share one per
/// process so connections and the token cache are reused.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: String,
    pub(crate) environment: Environment,
    pub(crate) token_provider: Arc<dyn TokenProvider>,
    pub(crate) credential_kind: &'static str,
    pub(crate) retry: RetryPolicy,
    pub(crate) request_timeout: Duration,
    pub(crate) overall_timeout: Option<Duration>,
    pub(crate) user_agent: HeaderValue,
    pub(crate) collect_limits: CollectLimits,
    /// Secrets given to the builder (static token, client secret), blanked out of every answer.
    pub(crate) secrets: Vec<SecretString>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        f.debug_struct("Client")
            .field("base_url", &inner.base_url)
            .field("environment", &inner.environment)
            .field("credentials", &inner.credential_kind)
            .field("retry", &inner.retry)
            .field("request_timeout", &inner.request_timeout)
            .field("overall_timeout", &inner.overall_timeout)
            .field("collect_limits", &inner.collect_limits)
            .field("user_agent", &inner.user_agent)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new(PRODUCT)
    }

    /// The Graph service root requests go to (each operation appends `/v1.0` or `/beta`).
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The cloud this client was built for.
    pub fn environment(&self) -> Environment {
        self.inner.environment
    }

    /// The retry policy in force.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    /// The `-WhatIf` preview of a call; sends nothing. (Used by the generated code.)
    pub(crate) fn preview(
        &self,
        op: &'static OperationInfo,
        parameter_set: &'static str,
        path: &str,
    ) -> Preview {
        Preview {
            cmdlet: op.cmdlet,
            parameter_set,
            method: op.method,
            url: format!("{}/{}{}", self.inner.base_url, op.api_version, path),
        }
    }
}

enum Credentials {
    Static(SecretString),
    Provider(Arc<dyn TokenProvider>),
    ClientSecret {
        tenant_id: String,
        client_id: String,
        client_secret: SecretString,
    },
}

impl Credentials {
    fn kind(&self) -> &'static str {
        match self {
            Credentials::Static(_) => "static bearer token",
            Credentials::Provider(_) => "custom token provider",
            Credentials::ClientSecret { .. } => "client credentials",
        }
    }
}

/// Configures a [`Client`]. Give exactly one kind of credentials (the last one given wins).
///
/// `C` is what [`ClientBuilder::build`] gives: the runtime's [`Client`], or the `Client` of a
/// generated crate, which wraps it and adds one method per cmdlet.
///
/// Defaults: [`Environment::Global`], the environment's Graph root, [`RetryPolicy::default`],
/// a 30 s timeout per attempt, no overall timeout (the retry budget bounds each request), caps
/// of 100 000 items and 16 MiB on a paged answer collected by `send()`, and
/// `User-Agent: <crate>/<version>` of the generated crate.
pub struct ClientBuilder<C = Client> {
    product: &'static str,
    base_url: Option<String>,
    environment: Environment,
    authority: Option<String>,
    credentials: Option<Credentials>,
    retry: RetryPolicy,
    request_timeout: Duration,
    overall_timeout: Option<Duration>,
    collect_limits: CollectLimits,
    user_agent: Option<String>,
    http: Option<reqwest::Client>,
    root_certificates: Vec<reqwest::Certificate>,
    output: PhantomData<fn() -> C>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder::new(PRODUCT)
    }
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let credentials = match &self.credentials {
            None => "none".to_owned(),
            Some(Credentials::ClientSecret {
                tenant_id,
                client_id,
                ..
            }) => format!(
                "client credentials (tenant {tenant_id}, client {client_id}, secret [REDACTED])"
            ),
            Some(other) => format!("{} [REDACTED]", other.kind()),
        };
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("environment", &self.environment)
            .field("authority", &self.authority)
            .field("credentials", &credentials)
            .field("retry", &self.retry)
            .field("request_timeout", &self.request_timeout)
            .field("overall_timeout", &self.overall_timeout)
            .field("collect_limits", &self.collect_limits)
            .field("user_agent", &self.user_agent)
            .field("http_client", &self.http.as_ref().map(|_| "caller's"))
            .field("root_certificates", &self.root_certificates.len())
            .finish()
    }
}

impl<C: From<Client>> ClientBuilder<C> {
    /// A builder whose `User-Agent` names `product` (`"<crate>/<version>"`): generated crates
    /// start their clients here with their own name.
    pub fn new(product: &'static str) -> Self {
        ClientBuilder {
            product,
            base_url: None,
            environment: Environment::Global,
            authority: None,
            credentials: None,
            retry: RetryPolicy::default(),
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            overall_timeout: None,
            collect_limits: CollectLimits::default(),
            user_agent: None,
            http: None,
            root_certificates: Vec::new(),
            output: PhantomData,
        }
    }

    /// Sends every request (Graph and sign-in) through the caller's HTTP client, e.g. one
    /// with a proxy or a corporate root certificate. It is used as configured: give it
    /// `redirect(Policy::none())` (Graph actions do not redirect, and following one could
    /// replay a POST elsewhere) and a connect timeout. Per-attempt timeouts still apply.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Trusts `certificate` as a root, besides the built-in ones: for networks whose TLS
    /// inspection re-signs traffic with a corporate root. Applies to Graph and sign-in alike;
    /// ignored when [`ClientBuilder::http_client`] supplies the client.
    pub fn add_root_certificate(mut self, certificate: reqwest::Certificate) -> Self {
        self.root_certificates.push(certificate);
        self
    }

    /// The Graph service root, e.g. `https://graph.microsoft.com` (default: the environment's).
    /// Each operation appends `/v1.0` or `/beta` and its path. HTTPS is required except for
    /// loopback addresses (local test servers).
    pub fn base_url(mut self, url: impl AsRef<str>) -> Self {
        self.base_url = Some(url.as_ref().to_owned());
        self
    }

    /// Signs every request with a fixed bearer token (`Connect-MgGraph -AccessToken`).
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.credentials = Some(Credentials::Static(SecretString::from(token.into())));
        self
    }

    /// Signs requests with tokens from `provider` (asked once per HTTP attempt). Accepts an
    /// `Arc<dyn TokenProvider>` too.
    pub fn token_provider(mut self, provider: impl TokenProvider + 'static) -> Self {
        self.credentials = Some(Credentials::Provider(Arc::new(provider)));
        self
    }

    /// App-only sign-in with a client secret against the environment's authority (see
    /// [`ClientCredentials`] for caching and refresh).
    pub fn client_credentials(
        mut self,
        tenant_id: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        self.credentials = Some(Credentials::ClientSecret {
            tenant_id: tenant_id.into(),
            client_id: client_id.into(),
            client_secret: SecretString::from(client_secret.into()),
        });
        self
    }

    /// The national cloud (`Connect-MgGraph -Environment`): sets the default Graph root, sign-in
    /// authority and `.default` scope.
    pub fn environment(mut self, environment: Environment) -> Self {
        self.environment = environment;
        self
    }

    /// Overrides the sign-in authority root used by [`ClientBuilder::client_credentials`]
    /// (e.g. a local token server in tests). The scope stays the environment's.
    pub fn authority(mut self, url: impl AsRef<str>) -> Self {
        self.authority = Some(url.as_ref().to_owned());
        self
    }

    /// Replaces the retry policy ([`RetryPolicy::disabled`] turns retries off).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Timeout of each HTTP attempt, from sending to the end of the body (default 30 s).
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    /// Timeout of a whole call, every page, retry and wait included (default: none; the retry
    /// policy's budget still bounds each request).
    pub fn overall_timeout(mut self, timeout: Duration) -> Self {
        self.overall_timeout = Some(timeout);
        self
    }

    /// The most items `send()` of a pageable cmdlet collects before failing with
    /// [`ErrorKind::LimitExceeded`](crate::ErrorKind::LimitExceeded) (default 100 000).
    /// `send_stream()` is not capped: it holds one page at a time.
    pub fn max_collected_items(mut self, items: usize) -> Self {
        self.collect_limits.items = items;
        self
    }

    /// The most response bytes, all pages together, `send()` of a pageable cmdlet reads before
    /// failing with [`ErrorKind::LimitExceeded`](crate::ErrorKind::LimitExceeded) (default
    /// 16 MiB). Each page is also capped at 4 MiB, streamed or not.
    pub fn max_collected_bytes(mut self, bytes: usize) -> Self {
        self.collect_limits.bytes = bytes;
        self
    }

    /// Appends a product token to the `User-Agent`, e.g. `"incident-tool/2.1"`.
    pub fn user_agent(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent = Some(suffix.into());
        self
    }

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<C, Error> {
        let environment = self.environment;
        let base_url = checked_base_url(
            self.base_url
                .as_deref()
                .unwrap_or_else(|| environment.graph_root()),
            "base URL",
        )?;
        if self.request_timeout.is_zero()
            || self.overall_timeout.is_some_and(|t| t.is_zero())
            || self.retry.get_max_elapsed().is_zero()
        {
            return Err(Error::invalid_argument(
                "Client::builder(): timeouts and the retry time budget must be greater than zero",
            ));
        }
        let http = match self.http {
            Some(http) => http,
            None => {
                let mut builder = reqwest::Client::builder()
                    // Graph actions do not redirect; following one could replay a POST elsewhere.
                    .redirect(reqwest::redirect::Policy::none())
                    .connect_timeout(CONNECT_TIMEOUT);
                for certificate in self.root_certificates {
                    builder = builder.add_root_certificate(certificate);
                }
                builder.build().map_err(|e| {
                    // reqwest's own message is only "builder error"; the cause (a root
                    // certificate that is not one, …) is in its sources.
                    let mut message = e.to_string();
                    let mut source = std::error::Error::source(&e);
                    while let Some(cause) = source {
                        message.push_str(&format!(": {cause}"));
                        source = cause.source();
                    }
                    Error::invalid_argument(format!(
                        "Client::builder(): could not set up the HTTP client: {message}"
                    ))
                })?
            }
        };
        let credentials = self.credentials.ok_or_else(|| {
            Error::invalid_argument(
                "Client::builder(): no credentials: call bearer_token(..), client_credentials(..) or token_provider(..)",
            )
        })?;
        let credential_kind = credentials.kind();
        let secrets = match &credentials {
            Credentials::Static(token) => vec![token.clone()],
            Credentials::ClientSecret { client_secret, .. } => vec![client_secret.clone()],
            Credentials::Provider(_) => Vec::new(),
        };
        let token_provider: Arc<dyn TokenProvider> = match credentials {
            Credentials::Static(token) => {
                if token.expose_secret().trim().is_empty() {
                    return Err(Error::invalid_argument(
                        "Client::builder(): the bearer token is empty",
                    ));
                }
                Arc::new(StaticToken::new(token.expose_secret()))
            }
            Credentials::Provider(provider) => provider,
            Credentials::ClientSecret {
                tenant_id,
                client_id,
                client_secret,
            } => {
                let mut flow =
                    ClientCredentials::new(tenant_id, client_id, client_secret.expose_secret())
                        .environment(environment)
                        .http_client(http.clone());
                if let Some(authority) = self.authority {
                    flow = flow.authority(authority);
                }
                flow.token_url()?;
                Arc::new(flow)
            }
        };
        let product = self.product;
        let user_agent = match self.user_agent.as_deref().map(str::trim) {
            Some(suffix) if !suffix.is_empty() => format!("{product} {suffix}"),
            _ => product.to_owned(),
        };
        let user_agent = HeaderValue::from_str(&user_agent).map_err(|_| {
            Error::invalid_argument(
                "Client::builder(): the User-Agent suffix has characters not allowed in a header",
            )
        })?;
        Ok(C::from(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                environment,
                token_provider,
                credential_kind,
                retry: self.retry,
                request_timeout: self.request_timeout,
                overall_timeout: self.overall_timeout,
                collect_limits: self.collect_limits,
                user_agent,
                secrets,
            }),
        }))
    }
}
