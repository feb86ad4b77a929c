//! The retry policy: which failures are retried, how long to wait (Retry-After or backoff with
//! jitter), and when to give up (attempt count and total time budget).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use rand::Rng;
use tokio::time::Instant;

use crate::error::TimeoutScope;

// A sleep function: the runtime awaits `sleep(wait)` between attempts. Tests inject one that
// records the wait and returns at once.
pub(crate) type SleepFn =
    Arc<dyn Fn(Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync>;

/// The longest wait a `Retry-After` is taken at face value for; longer values are clamped (and
/// then exceed any sensible budget, so the call gives up and reports it).
const RETRY_AFTER_CEILING: Duration = Duration::from_secs(24 * 60 * 60);

/// How a call retries. On by default.
///
/// Retried: HTTP 429, 503 and 504, and transport failures (connection refused or reset, a
/// per-request timeout). The wait is the response's `Retry-After` (integer seconds, decimal
/// seconds or an HTTP-date) when present, else exponential backoff with jitter.
///
/// Defaults:
/// - at most **5 attempts** in all (the first and 4 retries);
/// - a time budget of **120 s** for each request, counted from its first attempt and covering
///   every attempt, body and wait: a retry whose wait would end after it is not made (the call
///   fails at once with the last error; for throttling [`ErrorKind::Throttled`](crate::ErrorKind)
///   with the last `Retry-After`), and an attempt still running when it ends is cut off
///   ([`ErrorKind::Timeout`](crate::ErrorKind)). A paged call has one such budget per page; the
///   client's overall timeout bounds all pages together;
/// - backoff **1 s, 2 s, 4 s, 8 s, …** capped at **30 s**, each wait drawn uniformly from its upper
///   half (so 0.5–1 s, 1–2 s, 2–4 s, …) to spread out concurrent callers;
/// - transport failures are retried (re-revoking sessions or refresh tokens is harmless);
///   turn that off with [`RetryPolicy::retry_transport_errors`] for actions that are not safe to
///   repeat.
#[derive(Clone)]
pub struct RetryPolicy {
    max_attempts: u32,
    max_elapsed: Duration,
    initial_backoff: Duration,
    max_backoff: Duration,
    jitter: bool,
    retry_transport_errors: bool,
    sleep: SleepFn,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            max_elapsed: Duration::from_secs(120),
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(30),
            jitter: true,
            retry_transport_errors: true,
            sleep: Arc::new(|wait| Box::pin(tokio::time::sleep(wait))),
        }
    }
}

impl fmt::Debug for RetryPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetryPolicy")
            .field("max_attempts", &self.max_attempts)
            .field("max_elapsed", &self.max_elapsed)
            .field("initial_backoff", &self.initial_backoff)
            .field("max_backoff", &self.max_backoff)
            .field("jitter", &self.jitter)
            .field("retry_transport_errors", &self.retry_transport_errors)
            .finish_non_exhaustive()
    }
}

impl RetryPolicy {
    /// The default policy (see the type's documentation for the numbers).
    pub fn new() -> Self {
        RetryPolicy::default()
    }

    /// A policy that makes exactly one attempt.
    pub fn disabled() -> Self {
        RetryPolicy::default().max_attempts(1)
    }

    /// Attempts in all, the first included (0 is read as 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The time budget of one request, all attempts, bodies and waits included (default 120 s;
    /// a client refuses a zero budget, under which no request could finish).
    pub fn max_elapsed(mut self, budget: Duration) -> Self {
        self.max_elapsed = budget;
        self
    }

    /// The first backoff wait when no `Retry-After` was given; it doubles on each retry.
    pub fn initial_backoff(mut self, wait: Duration) -> Self {
        self.initial_backoff = wait;
        self
    }

    /// The cap on one backoff wait (a `Retry-After` is honoured beyond it, within the budget).
    pub fn max_backoff(mut self, wait: Duration) -> Self {
        self.max_backoff = wait;
        self
    }

    /// Whether backoff waits are randomised (on by default).
    pub fn jitter(mut self, on: bool) -> Self {
        self.jitter = on;
        self
    }

    /// Whether transport failures are retried (on by default). A failure to connect is always
    /// retried, since nothing reached the server.
    pub fn retry_transport_errors(mut self, on: bool) -> Self {
        self.retry_transport_errors = on;
        self
    }

    /// Replaces how the runtime waits between attempts (default: `tokio::time::sleep`).
    pub fn sleep_with<F, Fut>(mut self, sleep: F) -> Self
    where
        F: Fn(Duration) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        self.sleep = Arc::new(move |wait| Box::pin(sleep(wait)));
        self
    }

    /// Attempts in all.
    pub fn get_max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The retry time budget.
    pub fn get_max_elapsed(&self) -> Duration {
        self.max_elapsed
    }

    pub(crate) fn retries_transport_errors(&self) -> bool {
        self.retry_transport_errors
    }

    pub(crate) async fn sleep(&self, wait: Duration) {
        (self.sleep)(wait).await
    }

    /// The backoff before retry number `retry` (1 for the first retry).
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let doublings = retry.saturating_sub(1).min(30);
        let full = self
            .initial_backoff
            .saturating_mul(1u32 << doublings)
            .min(self.max_backoff);
        if !self.jitter || full.is_zero() {
            return full;
        }
        let half = full / 2;
        let spread = full.saturating_sub(half);
        let nanos = u64::try_from(spread.as_nanos()).unwrap_or(u64::MAX);
        half.saturating_add(Duration::from_nanos(
            rand::thread_rng().gen_range(0..=nanos),
        ))
    }

    /// Decides whether attempt number `attempt` (1-based, just failed) gets a retry, and after
    /// what wait. `server_wait` is the response's Retry-After; `time_left` is what remains of the
    /// retry budget and of the overall timeout, whichever is smaller.
    pub(crate) fn plan(
        &self,
        attempt: u32,
        server_wait: Option<Duration>,
        time_left: Duration,
    ) -> Result<Duration, &'static str> {
        if attempt >= self.max_attempts {
            return Err("attempt limit reached");
        }
        let wait = server_wait.unwrap_or_else(|| self.backoff(attempt));
        if wait >= time_left {
            return Err(if server_wait.is_some() {
                "Retry-After is beyond the retry time budget"
            } else {
                "retry time budget exhausted"
            });
        }
        Ok(wait)
    }
}

/// When one request of a call must be over: its retry budget, or the call's overall timeout,
/// whichever ends first. Attempts run under it, waits are planned against it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deadline {
    pub(crate) at: Instant,
    pub(crate) scope: TimeoutScope,
    pub(crate) after: Duration,
}

impl Deadline {
    /// The deadline of a request starting now, in a call that started at `call_started`.
    pub(crate) fn for_request(
        policy: &RetryPolicy,
        overall: Option<Duration>,
        call_started: Instant,
    ) -> Deadline {
        let now = Instant::now();
        let budget = Deadline {
            at: far(now, policy.max_elapsed),
            scope: TimeoutScope::RetryBudget,
            after: policy.max_elapsed,
        };
        match overall {
            Some(limit) if far(call_started, limit) <= budget.at => Deadline {
                at: far(call_started, limit),
                scope: TimeoutScope::Overall,
                after: limit,
            },
            _ => budget,
        }
    }

    /// What is left of it.
    pub(crate) fn time_left(&self) -> Duration {
        self.at.saturating_duration_since(Instant::now())
    }
}

/// `start + span`, or a century away when that overflows (a budget of `Duration::MAX`).
fn far(start: Instant, span: Duration) -> Instant {
    start
        .checked_add(span)
        .or_else(|| start.checked_add(Duration::from_secs(100 * 365 * 24 * 3600)))
        .unwrap_or(start)
}

/// Statuses the policy retries.
pub(crate) fn retryable_status(status: u16) -> bool {
    matches!(status, 429 | 503 | 504)
}

/// Whether an answer with this status says the request was not acted on, so that even an
/// operation that is not safe to repeat may be sent again. 429 (throttled) and 503 (service
/// unavailable) are refusals before processing; a 504 means a gateway gave up waiting for a
/// backend that may well have applied the request, and any other answer came after the request
/// was written, so it may have been applied too.
pub(crate) fn status_means_not_processed(status: u16) -> bool {
    matches!(status, 429 | 503)
}

/// Parses a `Retry-After` value: integer seconds, decimal seconds, or an HTTP-date (read against
/// the response's own `Date` when it has one, else against `now`). Unusable values give `None`.
pub(crate) fn parse_retry_after(
    value: &str,
    server_date: Option<SystemTime>,
    now: SystemTime,
) -> Option<Duration> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let wait = if let Ok(secs) = value.parse::<u64>() {
        Duration::from_secs(secs)
    } else if value.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        let secs = value.parse::<f64>().ok().filter(|s| s.is_finite())?;
        Duration::try_from_secs_f64(secs).unwrap_or(RETRY_AFTER_CEILING)
    } else {
        let at = httpdate::parse_http_date(value).ok()?;
        at.duration_since(server_date.unwrap_or(now))
            .unwrap_or(Duration::ZERO)
    };
    Some(wait.min(RETRY_AFTER_CEILING))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_forms() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(
            parse_retry_after("1", None, now),
            Some(Duration::from_secs(1))
        );
        assert_eq!(
            parse_retry_after(" 2.5 ", None, now),
            Some(Duration::from_millis(2500))
        );
        let date = httpdate::fmt_http_date(now + Duration::from_secs(7));
        assert_eq!(
            parse_retry_after(&date, None, now),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            parse_retry_after(&date, Some(now + Duration::from_secs(5)), now),
            Some(Duration::from_secs(2))
        );
        let past = httpdate::fmt_http_date(now - Duration::from_secs(7));
        assert_eq!(parse_retry_after(&past, None, now), Some(Duration::ZERO));
        for bad in ["", "-1", "abc", "1.2.3", "NaN", "inf", "1e9999", "."] {
            assert_eq!(parse_retry_after(bad, None, now), None, "{bad}");
        }
        assert_eq!(
            parse_retry_after("99999999999999999999", None, now),
            Some(RETRY_AFTER_CEILING)
        );
        assert_eq!(
            parse_retry_after("999999999999", None, now),
            Some(RETRY_AFTER_CEILING)
        );
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let policy = RetryPolicy::default().jitter(false);
        let waits: Vec<u64> = (1..=7).map(|n| policy.backoff(n).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 30, 30]);
        assert_eq!(policy.backoff(u32::MAX), Duration::from_secs(30));
        let jittered = RetryPolicy::default();
        for n in 1..=6 {
            let full = policy.backoff(n);
            let wait = jittered.backoff(n);
            assert!(wait >= full / 2 && wait <= full, "{n}: {wait:?}");
        }
    }

    #[tokio::test]
    async fn deadlines_pick_the_earlier_limit_and_survive_huge_budgets() {
        let policy = RetryPolicy::default().max_elapsed(Duration::from_secs(10));
        let started = Instant::now();
        let budget = Deadline::for_request(&policy, Some(Duration::from_secs(60)), started);
        assert_eq!(budget.scope, TimeoutScope::RetryBudget);
        let overall = Deadline::for_request(&policy, Some(Duration::from_secs(5)), started);
        assert_eq!(overall.scope, TimeoutScope::Overall);
        assert!(overall.time_left() <= Duration::from_secs(5));

        let endless = RetryPolicy::default().max_elapsed(Duration::MAX);
        let far = Deadline::for_request(&endless, Some(Duration::MAX), started);
        assert!(far.time_left() > Duration::from_secs(365 * 24 * 3600));
        assert_eq!(tokio::time::timeout_at(far.at, async { 7 }).await, Ok(7));
    }

    #[test]
    fn plan_respects_attempts_and_budget() {
        let policy = RetryPolicy::default().jitter(false);
        assert_eq!(
            policy.plan(1, None, Duration::from_secs(60)),
            Ok(Duration::from_secs(1))
        );
        assert!(policy.plan(5, None, Duration::from_secs(60)).is_err());
        assert!(
            policy
                .plan(1, Some(Duration::from_secs(90)), Duration::from_secs(60))
                .is_err()
        );
    }
}
