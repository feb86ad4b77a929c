//! Pacing once throttled. `Retry-After` says when to come back, not how fast to go on: a bulk
//! run that resumes at full speed after every pause spends most of its requests on 429s. So
//! after a throttle the run measures what Graph actually accepted over the last few seconds and
//! spaces its batches to that rate, creeping up while answers stay clean to find out whether
//! more is allowed.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// How far back accepted requests are counted.
const WINDOW: Duration = Duration::from_secs(5);
/// A rate is only derived from a meaningful sample: this many acceptances over at least
/// `MIN_SPAN` (short runs and small batches are never paced).
const MIN_ACCEPTED: u64 = 40;
const MIN_SPAN: Duration = Duration::from_millis(500);
/// Growth of the pace per batch answered without throttling.
const PROBE: f64 = 1.01;

#[derive(Debug, Default)]
pub(crate) struct Pacer {
    accepted: VecDeque<(Instant, u64)>,
    first: Option<Instant>,
    /// Requests per second once throttled; `None` runs unpaced.
    rate: Option<f64>,
    next_free: Option<Instant>,
}

impl Pacer {
    /// A batch came back with `accepted` successes; `throttled` if any of it was refused for
    /// load (429 or 503, per item or whole).
    pub(crate) fn landed(&mut self, now: Instant, accepted: u64, throttled: bool) {
        self.first.get_or_insert(now);
        self.accepted.push_back((now, accepted));
        while self
            .accepted
            .front()
            .is_some_and(|(at, _)| now.saturating_duration_since(*at) > WINDOW)
        {
            self.accepted.pop_front();
        }
        if throttled {
            let since = self
                .first
                .map_or(WINDOW, |first| now.saturating_duration_since(first))
                .min(WINDOW);
            let total: u64 = self.accepted.iter().map(|(_, n)| n).sum();
            if total >= MIN_ACCEPTED && since >= MIN_SPAN {
                let rate = total as f64 / since.as_secs_f64();
                tracing::debug!(rate, "pacing batches to the accepted rate");
                self.rate = Some(rate);
            }
        } else if let Some(rate) = self.rate.as_mut() {
            *rate *= PROBE;
        }
    }

    /// How long the next batch must wait for its turn.
    pub(crate) fn wait(&self, now: Instant) -> Duration {
        match (self.rate, self.next_free) {
            (Some(_), Some(free)) => free.saturating_duration_since(now),
            _ => Duration::ZERO,
        }
    }

    /// A batch of `requests` went out: the next one waits the time they take at the pace.
    pub(crate) fn sent(&mut self, now: Instant, requests: usize) {
        let Some(rate) = self.rate.filter(|r| r.is_finite() && *r > 0.0) else {
            return;
        };
        let start = self.next_free.map_or(now, |free| free.max(now));
        let spacing = Duration::try_from_secs_f64(requests as f64 / rate).unwrap_or(WINDOW);
        self.next_free = Some(start + spacing.min(WINDOW));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unpaced_until_a_throttle_with_a_real_sample() {
        let t0 = Instant::now();
        let mut pacer = Pacer::default();
        pacer.sent(t0, 20);
        assert_eq!(pacer.wait(t0), Duration::ZERO);
        // A throttle after a handful of successes says nothing about the rate.
        pacer.landed(t0, 5, true);
        pacer.sent(t0, 20);
        assert_eq!(pacer.wait(t0), Duration::ZERO);
    }

    #[test]
    fn paces_to_what_was_accepted_and_creeps_up() {
        let t0 = Instant::now();
        let mut pacer = Pacer::default();
        pacer.landed(t0, 0, false);
        // 100 accepted per second for 2 s, then a throttle.
        for tenth in 1..=20 {
            pacer.landed(t0 + Duration::from_millis(100 * tenth), 10, tenth == 20);
        }
        let now = t0 + Duration::from_secs(2);
        assert_eq!(pacer.wait(now), Duration::ZERO);
        pacer.sent(now, 20);
        let second = pacer.wait(now);
        assert!(
            second > Duration::from_millis(190) && second < Duration::from_millis(210),
            "{second:?}"
        );
        // A clean answer raises the pace: the batch after next is spaced a little closer.
        pacer.landed(now, 20, false);
        pacer.sent(now + second, 20);
        let third = pacer.wait(now + second);
        assert!(third < second, "{third:?}");
    }
}
