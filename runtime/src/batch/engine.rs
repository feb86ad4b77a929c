//! The bulk loop: reads the input as batches need it, keeps up to `concurrency` batches in
//! flight, settles each call from its sub-response, and resends throttled calls in later
//! batches after a pause that every batch respects (once throttled, nothing new goes out until
//! the largest `Retry-After` has passed). A batch's calls are chosen when it is sent, never
//! earlier, so calls waiting to be resent always go before new ones.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::hash::RandomState;
use std::pin::Pin;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;
use tracing::Instrument;

use super::copy::duplicate;
use super::memo::Answered;
use super::pace::Pacer;
use super::post::{Outcome, post};
use super::request::SubRequest;
use super::wire::{self, SubAnswer};
use super::{
    BatchItem, BatchPreview, Decoder, MAX_BATCH_SIZE, Options, PREVIEWED, Progress, declined,
};
use crate::client::Client;
use crate::error::{ApiError, Error, Repr, TimeoutScope};
use crate::graph_error::api_error;
use crate::response::{Preview, RawResponse};
use crate::retry::{retryable_status, status_means_not_processed};

/// Input read ahead of the batches being formed: enough to fill a batch of each version.
const READ_AHEAD: usize = 2 * MAX_BATCH_SIZE;

type Boxed<'c, T> = Pin<Box<dyn Future<Output = T> + Send + 'c>>;

/// One distinct call and the input positions it answers.
struct Group<T> {
    request: SubRequest,
    positions: Vec<(usize, Decoder<T>)>,
    /// Times sent.
    attempts: u32,
    /// Of those, the ones that count against the retry policy's attempt limit.
    charged: u32,
    /// The run's successes when it was last sent.
    progress_at_send: u64,
    first_sent: Option<Instant>,
    key: Option<u128>,
    /// Graph refused the token once for this call and it went again with a new one.
    signed_in_again: bool,
}

/// A batch that came back.
struct Landed {
    ids: Vec<u64>,
    client_request_id: String,
    outcome: Outcome,
}

/// Why a call failed in a way that may be retried.
enum Failure {
    Status(Box<ApiError>),
    Transport(String),
    TimedOut,
    Token(Error),
}

struct Engine<'c, I: Iterator>
where
    I::Item: BatchItem,
{
    client: &'c Client,
    input: std::iter::Fuse<I>,
    input_done: bool,
    options: Options,
    results: Vec<Option<Result<Output<I>, Error>>>,
    groups: HashMap<u64, Group<Output<I>>>,
    ready: VecDeque<u64>,
    waiting: Vec<u64>,
    /// Calls safe to repeat that are in the run now, by key: their repeats join them.
    pending: HashMap<u128, u64>,
    /// Calls safe to repeat already answered: their repeats are answered from the results.
    answered: Answered,
    hashers: (RandomState, RandomState),
    /// Calls answered with a success so far: the run is getting through.
    progress: u64,
    next_id: u64,
    done: usize,
    failed: usize,
    total: Option<usize>,
    reported: (usize, usize, Option<usize>),
    batches: u64,
    rounds: u64,
    previews: Option<Vec<Preview>>,
    pacer: Pacer,
}

type Output<I> = <<I as Iterator>::Item as BatchItem>::Output;

/// Runs a whole bulk call.
pub(crate) async fn run<I>(
    client: &Client,
    items: I,
    options: Options,
) -> Vec<Result<Output<I>, Error>>
where
    I: Iterator,
    I::Item: BatchItem,
{
    let (lower, upper) = items.size_hint();
    let total = (Some(lower) == upper).then_some(lower);
    let mut engine = Engine {
        client,
        input: items.fuse(),
        input_done: false,
        total,
        options,
        results: Vec::with_capacity(lower),
        groups: HashMap::new(),
        ready: VecDeque::new(),
        waiting: Vec::new(),
        pending: HashMap::new(),
        answered: Answered::default(),
        hashers: (RandomState::new(), RandomState::new()),
        progress: 0,
        next_id: 1,
        done: 0,
        failed: 0,
        reported: (0, 0, total),
        batches: 0,
        rounds: 0,
        previews: None,
        pacer: Pacer::default(),
    };
    if engine.options.confirm.is_some() && !engine.confirmed() {
        engine.decline_all();
    } else {
        engine.drive().await;
    }
    engine.report();
    engine
        .results
        .into_iter()
        .map(|slot| slot.unwrap_or_else(|| Err(no_outcome())))
        .collect()
}

impl<'c, I> Engine<'c, I>
where
    I: Iterator,
    I::Item: BatchItem,
{
    async fn drive(&mut self) {
        let mut in_flight: FuturesUnordered<Boxed<'c, Landed>> = FuturesUnordered::new();
        let mut pause: Option<(Instant, Boxed<'c, ()>)> = None;
        // The pacer's hold on the next batch.
        let mut paced: Option<Pin<Box<tokio::time::Sleep>>> = None;
        loop {
            if pause.is_none() && paced.is_none() {
                while in_flight.len() < self.options.concurrency && self.fill() {
                    let hold = self.pacer.wait(Instant::now());
                    if !hold.is_zero() {
                        tracing::debug!(hold_ms = hold.as_millis() as u64, "pacing");
                        paced = Some(Box::pin(tokio::time::sleep(hold)));
                        break;
                    }
                    match self.launch() {
                        Some(batch) => in_flight.push(batch),
                        None => break,
                    }
                }
            }
            self.report();
            if in_flight.is_empty() && pause.is_none() && paced.is_none() {
                return;
            }
            let event = tokio::select! {
                biased;
                Some(landed) = in_flight.next(), if !in_flight.is_empty() => Event::Landed(Box::new(landed)),
                () = wait(&mut pause) => Event::Resume,
                () = paced_out(&mut paced) => Event::Paced,
            };
            match event {
                Event::Landed(landed) => {
                    if let Some(wait) = self.land(*landed) {
                        self.pause(&mut pause, wait);
                    }
                }
                Event::Resume => {
                    pause = None;
                    // Resent before anything new, oldest first: a call refused again and
                    // again moves ahead of those refused for the first time.
                    self.waiting.sort_unstable();
                    for id in self.waiting.drain(..).rev() {
                        self.ready.push_front(id);
                    }
                }
                Event::Paced => paced = None,
            }
        }
    }

    /// Starts (or lengthens) the pause that holds back every new batch.
    fn pause(&mut self, pause: &mut Option<(Instant, Boxed<'c, ()>)>, wait: Duration) {
        let until = Instant::now() + wait;
        if pause.as_ref().is_some_and(|(end, _)| *end >= until) {
            return;
        }
        self.rounds += 1;
        let span = tracing::info_span!(
            "graph_batch_retry_round",
            round = self.rounds,
            requests = self.waiting.len(),
            wait_ms = wait.as_millis() as u64
        );
        let policy = &self.client.inner.retry;
        let requests = self.waiting.len();
        let sleep = async move {
            tracing::info!(
                requests,
                wait_ms = wait.as_millis() as u64,
                "pausing every batch before resending throttled requests"
            );
            policy.sleep(wait).await;
        };
        *pause = Some((until, Box::pin(sleep.instrument(span))));
    }

    /// Asks the batch `-Confirm` hook, reading just enough input to name the first targets.
    fn confirmed(&mut self) -> bool {
        self.previews = Some(Vec::new());
        while self.previews.as_ref().is_some_and(|p| p.len() < PREVIEWED) && self.pull() {}
        let first = self.previews.take().unwrap_or_default();
        if self.results.is_empty() {
            return true;
        }
        let (lower, upper) = self.input.size_hint();
        let count = (Some(lower) == upper).then_some(self.results.len() + lower);
        let preview = BatchPreview { count, first };
        let approved = self
            .options
            .confirm
            .as_ref()
            .is_none_or(|confirm| confirm(&preview));
        if !approved {
            tracing::info!(%preview, "batch confirmation declined; nothing sent");
        }
        approved
    }

    /// Every item a declined-confirmation error (or its own parameter error); nothing is sent.
    fn decline_all(&mut self) {
        let pending: Vec<u64> = self.ready.drain(..).collect();
        for id in pending {
            if let Some(group) = self.groups.remove(&id) {
                let error = declined(group.request.op);
                self.settle_group(group, Err(error));
            }
        }
        while let Some(item) = self.input.next() {
            let index = self.results.len();
            self.results.push(None);
            let outcome = item.prepare().and_then(|p| Err(declined(p.op)));
            self.settle(index, outcome);
        }
        self.input_done = true;
        self.total = Some(self.results.len());
    }

    /// Reads one item of input; `false` once there is none left.
    fn pull(&mut self) -> bool {
        let Some(item) = self.input.next() else {
            self.input_done = true;
            self.total = Some(self.results.len());
            return false;
        };
        let index = self.results.len();
        self.results.push(None);
        if let Err(error) = self.admit(index, item) {
            self.settle(index, Err(error));
        }
        true
    }

    /// Checks one call and files it: as a repeat of a call already seen, or as a new group.
    fn admit(&mut self, index: usize, item: I::Item) -> Result<(), Error> {
        let prepared = item.prepare()?;
        let preview = self
            .client
            .preview(prepared.op, prepared.parameter_set, &prepared.path);
        if let Some(confirm) = prepared.common.confirm()
            && !confirm(&preview)
        {
            return Err(declined(prepared.op));
        }
        let request = SubRequest::build(self.client, &prepared, &self.options.headers)?;
        if let Some(previews) = self.previews.as_mut() {
            previews.push(preview);
        }
        let key = prepared.op.repeatable.then(|| request.key(&self.hashers));
        if let Some(key) = key {
            if let Some(group) = self
                .pending
                .get(&key)
                .and_then(|id| self.groups.get_mut(id))
            {
                group.positions.push((index, prepared.decode));
                return Ok(());
            }
            if let Some(first) = self.answered.get(key) {
                let copy = match self.results.get(first) {
                    Some(Some(Ok(value))) => Ok(value.clone()),
                    Some(Some(Err(error))) => Err(duplicate(error)),
                    _ => Err(no_outcome()),
                };
                self.settle(index, copy);
                return Ok(());
            }
        }
        let id = self.next_id;
        self.next_id += 1;
        if let Some(key) = key {
            self.pending.insert(key, id);
        }
        self.groups.insert(
            id,
            Group {
                request,
                positions: vec![(index, prepared.decode)],
                attempts: 0,
                charged: 0,
                progress_at_send: 0,
                first_sent: None,
                key,
                signed_in_again: false,
            },
        );
        self.ready.push_back(id);
        Ok(())
    }

    /// Reads input until a batch of each version could be formed; whether any call is ready.
    fn fill(&mut self) -> bool {
        while !self.input_done && self.ready.len() < READ_AHEAD {
            self.pull();
        }
        !self.ready.is_empty()
    }

    /// Forms the next batch (one version, at most 20 calls) and starts sending it.
    fn launch(&mut self) -> Option<Boxed<'c, Landed>> {
        self.fill();
        let version = self.groups.get(self.ready.front()?)?.request.op.api_version;
        let mut ids = Vec::with_capacity(MAX_BATCH_SIZE);
        let groups = &self.groups;
        self.ready.retain(|id| {
            let same = groups
                .get(id)
                .is_some_and(|g| g.request.op.api_version == version);
            if same && ids.len() < MAX_BATCH_SIZE {
                ids.push(*id);
                false
            } else {
                true
            }
        });
        let now = Instant::now();
        let mut round = 0;
        let mut requests = Vec::with_capacity(ids.len());
        for id in &ids {
            if let Some(group) = self.groups.get_mut(id) {
                group.attempts = group.attempts.saturating_add(1);
                group.progress_at_send = self.progress;
                group.first_sent.get_or_insert(now);
                round = round.max(group.attempts);
            }
        }
        for id in &ids {
            if let Some(group) = self.groups.get(id) {
                requests.push(group.request.wire(*id));
            }
        }
        let body =
            serde_json::to_vec(&serde_json::json!({ "requests": requests })).unwrap_or_default();
        self.batches += 1;
        let client_request_id = uuid::Uuid::new_v4().to_string();
        let span = tracing::info_span!(
            "graph_batch",
            batch = self.batches,
            api_version = version,
            requests = ids.len(),
            round,
            client_request_id = %client_request_id
        );
        let client = self.client;
        self.pacer.sent(now, ids.len());
        Some(Box::pin(
            async move {
                tracing::debug!("sending batch");
                let outcome = post(client, version, body, &client_request_id).await;
                Landed {
                    ids,
                    client_request_id,
                    outcome,
                }
            }
            .instrument(span),
        ))
    }

    /// Settles or reschedules every call of a batch that came back; gives the pause the
    /// rescheduled ones need.
    fn land(&mut self, landed: Landed) -> Option<Duration> {
        let Landed {
            ids,
            client_request_id,
            outcome,
        } = landed;
        let mut pause: Option<Duration> = None;
        let mut accepted = 0;
        let mut throttled = false;
        let mut resend = |engine: &mut Self, id: u64, failure: &Failure, reached: bool| {
            if let Some(wait) = engine.retry_or_fail(id, failure, reached) {
                pause = Some(pause.map_or(wait, |p| p.max(wait)));
            }
        };
        match outcome {
            Outcome::Answer {
                status,
                headers,
                body,
                truncated,
                token,
            } => {
                let api = api_error(status, headers, body, Some(&client_request_id));
                if (200..300).contains(&status) {
                    let parsed = if truncated {
                        Err("the batch answer is too large".to_owned())
                    } else {
                        wire::parse(&api.body, &ids)
                    };
                    match parsed {
                        Err(why) => {
                            for id in ids {
                                self.unexpected(id, &why, &api);
                            }
                        }
                        Ok(mut answers) => {
                            // Successes first: a call refused in the same answer was refused
                            // while the run got through.
                            self.progress += answers
                                .values()
                                .filter(
                                    |a| matches!(a, Ok(sub) if (200..300).contains(&sub.status)),
                                )
                                .count() as u64;
                            for id in ids {
                                match answers.remove(&id) {
                                    None => self.unexpected(
                                        id,
                                        "the batch answer has no response for this request",
                                        &api,
                                    ),
                                    Some(Err(why)) => self.unexpected(id, &why, &api),
                                    Some(Ok(sub)) => {
                                        accepted += u64::from((200..300).contains(&sub.status));
                                        throttled |= status_means_not_processed(sub.status);
                                        if let Some(failure) = self.sub_answer(id, sub) {
                                            let reached = failure_reached(&failure);
                                            resend(self, id, &failure, reached);
                                        }
                                    }
                                }
                            }
                        }
                    }
                } else if status == 401
                    && !ids
                        .iter()
                        .any(|id| self.groups.get(id).is_none_or(|g| g.signed_in_again))
                    && self.client.inner.token_provider.invalidate(&token)
                {
                    // As a single call: sign in again and repeat once, at once (per call, as
                    // a long run outlives a token).
                    tracing::warn!("Graph refused the access token (401); signing in again");
                    for id in ids.into_iter().rev() {
                        if let Some(group) = self.groups.get_mut(&id) {
                            group.signed_in_again = true;
                        }
                        self.ready.push_front(id);
                    }
                } else if retryable_status(status) || status >= 500 {
                    // 429 and 503 refuse the whole batch; after 504 or another 5xx its calls
                    // may have run.
                    let reached = !status_means_not_processed(status);
                    throttled |= !reached;
                    let failure = Failure::Status(Box::new(api));
                    for id in ids {
                        resend(self, id, &failure, reached);
                    }
                } else {
                    for id in ids {
                        self.fail_api(id, &api);
                    }
                }
            }
            Outcome::NotSent(text) => {
                let failure = Failure::Transport(text);
                for id in ids {
                    resend(self, id, &failure, false);
                }
            }
            Outcome::Broken(text) => {
                let failure = Failure::Transport(text);
                for id in ids {
                    resend(self, id, &failure, true);
                }
            }
            Outcome::TimedOut => {
                for id in ids {
                    resend(self, id, &Failure::TimedOut, true);
                }
            }
            Outcome::Token(error) => {
                let failure = Failure::Token(error);
                for id in ids {
                    resend(self, id, &failure, false);
                }
            }
        }
        self.pacer.landed(Instant::now(), accepted, throttled);
        pause
    }

    /// Settles a call from its sub-response, or gives the failure to retry.
    fn sub_answer(&mut self, id: u64, sub: SubAnswer) -> Option<Failure> {
        let group = self.groups.get(&id)?;
        if (200..300).contains(&sub.status) {
            let raw = RawResponse {
                status: sub.status,
                headers: sub.headers,
                body: sub.body,
            };
            self.complete(id, Ok(raw));
            return None;
        }
        let api = api_error(
            sub.status,
            sub.headers,
            sub.body,
            Some(&group.request.client_request_id),
        );
        if retryable_status(api.status) {
            return Some(Failure::Status(Box::new(api)));
        }
        self.fail_api(id, &api);
        None
    }

    /// Puts a failed call back for a later batch and answers its wait, or settles it with the
    /// error when the policy (or the operation's safety) says no more.
    fn retry_or_fail(&mut self, id: u64, failure: &Failure, reached: bool) -> Option<Duration> {
        let group = self.groups.get(&id)?;
        let inner = &self.client.inner;
        let policy = &inner.retry;
        let elapsed = group.first_sent.map_or(Duration::ZERO, |t| t.elapsed());
        let mut time_left = policy.get_max_elapsed().saturating_sub(elapsed);
        if let Some(overall) = inner.overall_timeout {
            time_left = time_left.min(overall.saturating_sub(elapsed));
        }
        let server_wait = match failure {
            Failure::Status(api) => api.retry_after,
            _ => None,
        };
        // A refusal for load while other calls got through says the quota is shared and busy,
        // not that this call is doomed: it is bounded by time, not by the attempt count.
        let competing = matches!(failure, Failure::Status(api) if status_means_not_processed(api.status))
            && self.progress > group.progress_at_send;
        let charged = group.charged + u32::from(!competing);
        let plan = if reached && !group.request.op.repeatable {
            Err("the request may have reached Graph and the operation is not safe to repeat")
        } else if reached
            && matches!(failure, Failure::Transport(_) | Failure::TimedOut)
            && !policy.retries_transport_errors()
        {
            Err("the retry policy does not retry transport errors")
        } else if let Failure::Token(error) = failure
            && !error.is_retryable()
        {
            Err("no access token could be obtained")
        } else {
            policy.plan(charged, server_wait, time_left).map_err(|why| {
                if charged < group.attempts && why == "attempt limit reached" {
                    "attempt limit reached (refusals while other calls got through not counted)"
                } else {
                    why
                }
            })
        };
        let op = group.request.op;
        match plan {
            Ok(wait) => {
                if let Some(group) = self.groups.get_mut(&id) {
                    group.charged = charged;
                    tracing::debug!(
                        cmdlet = op.cmdlet,
                        client_request_id = %group.request.client_request_id,
                        attempt = group.attempts,
                        counted = charged,
                        wait_ms = wait.as_millis() as u64,
                        "resending in a later batch"
                    );
                }
                self.waiting.push(id);
                Some(wait)
            }
            Err(why) => {
                tracing::warn!(
                    cmdlet = op.cmdlet,
                    client_request_id = %group.request.client_request_id,
                    attempt = group.attempts,
                    gave_up_because = why,
                    "giving up on a batched request"
                );
                let attempts = group.attempts;
                let client_request_id = group.request.client_request_id.clone();
                let error = match failure {
                    Failure::Status(api) if retryable_status(api.status) => {
                        Error::from_repr(Repr::Throttled {
                            cmdlet: op.cmdlet,
                            api: (**api).clone(),
                            attempts,
                            gave_up_because: why,
                        })
                    }
                    Failure::Status(api) => Error::from_repr(Repr::Api {
                        cmdlet: op.cmdlet,
                        least_privileged: op.least_privileged,
                        api: (**api).clone(),
                        attempts,
                    }),
                    Failure::Transport(detail) => Error::from_repr(Repr::TransportShared {
                        cmdlet: op.cmdlet,
                        detail: detail.clone(),
                        attempts,
                        client_request_id,
                    }),
                    Failure::TimedOut => Error::from_repr(Repr::Timeout {
                        cmdlet: op.cmdlet,
                        scope: TimeoutScope::Request,
                        after: inner.request_timeout,
                        attempts,
                        client_request_id,
                    }),
                    Failure::Token(error) => duplicate(error),
                };
                self.complete(id, Err(error));
                None
            }
        }
    }

    fn fail_api(&mut self, id: u64, api: &ApiError) {
        let Some(group) = self.groups.get(&id) else {
            return;
        };
        let op = group.request.op;
        let error = Error::from_repr(Repr::Api {
            cmdlet: op.cmdlet,
            least_privileged: op.least_privileged,
            api: api.clone(),
            attempts: group.attempts,
        });
        self.complete(id, Err(error));
    }

    fn unexpected(&mut self, id: u64, detail: &str, api: &ApiError) {
        let Some(group) = self.groups.get(&id) else {
            return;
        };
        tracing::warn!(
            cmdlet = group.request.op.cmdlet,
            detail,
            "unusable batch answer"
        );
        let error = Error::from_repr(Repr::UnexpectedResponse {
            cmdlet: group.request.op.cmdlet,
            detail: detail.to_owned(),
            api: api.clone(),
        });
        self.complete(id, Err(error));
    }

    /// Gives a call its final outcome in every position it answers.
    fn complete(&mut self, id: u64, outcome: Result<RawResponse, Error>) {
        if let Some(group) = self.groups.remove(&id) {
            self.settle_group(group, outcome);
        }
    }

    fn settle_group(&mut self, group: Group<Output<I>>, outcome: Result<RawResponse, Error>) {
        let first = group.positions.first().map(|(index, _)| *index);
        match outcome {
            Ok(raw) => {
                for (index, decode) in group.positions {
                    self.settle(index, decode(&raw));
                }
            }
            Err(error) => {
                let mut positions = group.positions.into_iter();
                if let Some((index, _)) = positions.next() {
                    for (other, _) in positions {
                        self.settle(other, Err(duplicate(&error)));
                    }
                    self.settle(index, Err(error));
                }
            }
        }
        if let Some(key) = group.key {
            self.pending.remove(&key);
            if let Some(first) = first {
                self.answered.insert(key, first);
            }
        }
    }

    fn settle(&mut self, index: usize, outcome: Result<Output<I>, Error>) {
        self.done += 1;
        if outcome.is_err() {
            self.failed += 1;
        }
        if let Some(slot) = self.results.get_mut(index) {
            *slot = Some(outcome);
        }
    }

    fn report(&mut self) {
        let now = (self.done, self.failed, self.total);
        if now == self.reported {
            return;
        }
        self.reported = now;
        if let Some(progress) = &self.options.progress {
            progress(Progress {
                done: self.done,
                failed: self.failed,
                total: self.total,
            });
        }
    }
}

/// Whether a failed sub-request may have run (a 504: the gateway gave up waiting for it).
fn failure_reached(failure: &Failure) -> bool {
    matches!(failure, Failure::Status(api) if !status_means_not_processed(api.status))
}

async fn paced_out(paced: &mut Option<Pin<Box<tokio::time::Sleep>>>) {
    match paced {
        Some(sleep) => sleep.await,
        None => std::future::pending().await,
    }
}

enum Event {
    Landed(Box<Landed>),
    Resume,
    Paced,
}

async fn wait(pause: &mut Option<(Instant, Boxed<'_, ()>)>) {
    match pause {
        Some((_, sleep)) => sleep.await,
        None => std::future::pending().await,
    }
}

/// The answer of a position that no outcome reached (a bug, reported rather than a panic).
fn no_outcome() -> Error {
    Error::from_repr(Repr::UnexpectedResponse {
        cmdlet: "$batch",
        detail: "no outcome was recorded for this request".to_owned(),
        api: api_error(0, Default::default(), Vec::new(), None),
    })
}
