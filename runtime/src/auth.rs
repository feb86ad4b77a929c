//! Where access tokens come from: the `TokenProvider` trait, a static token, and the clock that
//! token caches read (injectable so tests need not wait for expiry).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Instant;

use secrecy::{ExposeSecret, SecretString};

use crate::error::Error;

/// The future a [`TokenProvider`] returns.
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<AccessToken, Error>> + Send + 'a>>;

/// Supplies the bearer token for each request. Called once per HTTP attempt, so a provider that
/// caches can refresh between retries. Object safe: the client holds an `Arc<dyn TokenProvider>`.
///
/// ```
/// use mg_runtime::{AccessToken, TokenFuture, TokenProvider};
///
/// struct FromVault;
/// impl TokenProvider for FromVault {
///     fn token(&self) -> TokenFuture<'_> {
///         Box::pin(async { Ok(AccessToken::new("eyJ0eXAi...")) })
///     }
/// }
/// ```
pub trait TokenProvider: Send + Sync {
    /// Returns a token valid for Microsoft Graph in the client's environment.
    fn token(&self) -> TokenFuture<'_>;

    /// Graph refused `token` (HTTP 401). A provider that caches tokens drops it, so the next
    /// [`token`](Self::token) signs in again, and answers `true`: the call is then repeated
    /// once. The default keeps the token and answers `false` (the 401 is the caller's error).
    fn invalidate(&self, token: &AccessToken) -> bool {
        let _ = token;
        false
    }
}

impl<T: TokenProvider + ?Sized> TokenProvider for std::sync::Arc<T> {
    fn token(&self) -> TokenFuture<'_> {
        (**self).token()
    }

    fn invalidate(&self, token: &AccessToken) -> bool {
        (**self).invalidate(token)
    }
}

/// An access token. Its Debug output never shows the secret.
#[derive(Clone)]
pub struct AccessToken {
    secret: SecretString,
    expires_at: Option<Instant>,
}

impl AccessToken {
    /// Wraps a raw bearer token.
    pub fn new(token: impl Into<String>) -> Self {
        AccessToken {
            secret: SecretString::from(token.into()),
            expires_at: None,
        }
    }

    /// Records when the token stops being valid.
    pub fn with_expiry(mut self, expires_at: Instant) -> Self {
        self.expires_at = Some(expires_at);
        self
    }

    /// The secret token; expose it only to put it on the wire.
    pub fn secret(&self) -> &SecretString {
        &self.secret
    }

    /// When the token expires, if known.
    pub fn expires_at(&self) -> Option<Instant> {
        self.expires_at
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.secret.expose_secret().trim().is_empty()
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("secret", &"[REDACTED]")
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// A fixed bearer token (`Connect-MgGraph -AccessToken`). It is never refreshed: when it expires,
/// calls fail with HTTP 401.
#[derive(Clone)]
pub struct StaticToken {
    token: AccessToken,
}

impl StaticToken {
    /// Wraps a raw bearer token.
    pub fn new(token: impl Into<String>) -> Self {
        StaticToken {
            token: AccessToken::new(token),
        }
    }
}

impl fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StaticToken")
            .field("token", &"[REDACTED]")
            .finish()
    }
}

impl TokenProvider for StaticToken {
    fn token(&self) -> TokenFuture<'_> {
        let token = self.token.clone();
        Box::pin(async move { Ok(token) })
    }
}

/// A monotonic clock. Token caches read it to decide when to refresh; tests substitute one they
/// can move forward.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> Instant;
}

/// The real clock, `Instant::now()`.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}
