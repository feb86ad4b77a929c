//! Bulk calls over Graph JSON batching (`POST /{version}/$batch`): many calls of the generated
//! cmdlets, up to 20 per batch, each answered as if it had been sent alone.
//!
//! A generated builder in a chosen parameter set implements [`BatchItem`]; [`Client::batch`]
//! takes any iterator of them and [`Batch::send`] answers one `Result` per item, in input order.

mod copy;
mod engine;
mod memo;
mod pace;
mod post;
mod request;
mod wire;

use std::fmt;
use std::sync::Arc;

use crate::client::Client;
use crate::error::{Error, Repr};
use crate::operation::{CommonParameters, OperationInfo};
use crate::response::{Preview, RawResponse};

/// Graph's limit of sub-requests in one `$batch` request.
pub const MAX_BATCH_SIZE: usize = 20;
/// How many targets a [`BatchPreview`] names.
const PREVIEWED: usize = 5;

/// Decodes one 2xx sub-response into what the cmdlet's `send()` answers.
pub(crate) type Decoder<T> = Box<dyn FnOnce(&RawResponse) -> Result<T, Error> + Send>;

/// A call ready to travel inside a `$batch` request: what a builder's `send()` would send, and
/// how to decode the answer. Built by generated code through [`Prepared::new`].
pub struct Prepared<T> {
    pub(crate) op: &'static OperationInfo,
    pub(crate) parameter_set: &'static str,
    pub(crate) path: String,
    pub(crate) body: Option<serde_json::Value>,
    pub(crate) common: CommonParameters,
    pub(crate) decode: Decoder<T>,
    pub(crate) variant: u64,
}

impl<T> Prepared<T> {
    /// `path` is the rendered path after the version (from `render_path`, so each id is one
    /// percent-encoded segment); `decode` turns a 2xx sub-response into the cmdlet's answer.
    pub fn new(
        op: &'static OperationInfo,
        parameter_set: &'static str,
        path: String,
        body: Option<serde_json::Value>,
        common: CommonParameters,
        decode: impl FnOnce(&RawResponse) -> Result<T, Error> + Send + 'static,
    ) -> Self {
        Prepared {
            op,
            parameter_set,
            path,
            body,
            common,
            decode: Box::new(decode),
            variant: 0,
        }
    }

    /// Marks how this call's answer is decoded when that differs between calls sending the same
    /// request (`-PassThru`): a repeat is answered from an identical call only if they agree.
    pub fn answer_variant(mut self, variant: u64) -> Self {
        self.variant = variant;
        self
    }
}

impl<T> fmt::Debug for Prepared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Prepared")
            .field("cmdlet", &self.op.cmdlet)
            .field("parameter_set", &self.parameter_set)
            .field("path", &self.path)
            .field("common", &self.common)
            .finish_non_exhaustive()
    }
}

/// A call that can travel in a `$batch`: every generated builder in a chosen parameter set,
/// except pageable operations (their later pages are separate requests; send those one by one).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be sent in a batch",
    note = "choose a parameter set first (e.g. `.user_id(..)`); pageable cmdlets (`Confirm-Mg…MemberGroup`) are not batchable: call `send()` on each"
)]
pub trait BatchItem {
    /// What the cmdlet's `send()` answers.
    type Output: Clone;

    /// Checks the parameters (as `send()` does, nothing is sent) and describes the request.
    fn prepare(self) -> Result<Prepared<Self::Output>, Error>;
}

/// Calls of several cmdlets (or of both versions) in one bulk run: turn each builder into its
/// prepared call, `client.batch([a.prepare(), b.prepare()])`; a call whose parameters were
/// refused is answered with that error in its place.
impl<T: Clone> BatchItem for Result<Prepared<T>, Error> {
    type Output = T;

    fn prepare(self) -> Result<Prepared<T>, Error> {
        self
    }
}

/// Counts reported to [`Batch::on_progress`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Items with a final outcome (success or error).
    pub done: usize,
    /// Of those, the errors.
    pub failed: usize,
    /// How many items there are: known up front when the iterator reports an exact size, else
    /// once it is exhausted.
    pub total: Option<usize>,
}

/// What `-Confirm` is asked once for a whole batch: how many calls and the first targets.
#[derive(Debug, Clone)]
pub struct BatchPreview {
    count: Option<usize>,
    first: Vec<Preview>,
}

impl BatchPreview {
    /// The number of calls, when the iterator reports an exact size (it is not consumed to
    /// count it); `None` otherwise, in which case there are at least `first().len()`.
    pub fn count(&self) -> Option<usize> {
        self.count
    }

    /// The first calls (at most five), as `-WhatIf` shows them.
    pub fn first(&self) -> &[Preview] {
        &self.first
    }
}

impl fmt::Display for BatchPreview {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cmdlet = self.first.first().map_or("the batch", |p| p.cmdlet());
        match self.count {
            Some(count) => write!(f, "Performing \"{cmdlet}\" on {count} targets")?,
            None => write!(
                f,
                "Performing \"{cmdlet}\" on at least {} targets",
                self.first.len()
            )?,
        }
        for preview in &self.first {
            write!(f, "; {} {}", preview.method(), preview.url())?;
        }
        let shown = self.first.len();
        if let Some(more) = self
            .count
            .and_then(|c| c.checked_sub(shown))
            .filter(|m| *m > 0)
        {
            write!(f, "; and {more} more")?;
        }
        Ok(())
    }
}

type ProgressHook = Arc<dyn Fn(Progress) + Send + Sync>;
type BatchConfirm = Arc<dyn Fn(&BatchPreview) -> bool + Send + Sync>;

/// Bulk calls of one or several cmdlets, started by [`Client::batch`]. Nothing is sent until
/// [`send`](Batch::send) is awaited.
#[must_use = "nothing is sent until `.send()` is awaited"]
pub struct Batch<'c, I> {
    client: &'c Client,
    items: I,
    options: Options,
}

#[derive(Clone)]
pub(crate) struct Options {
    pub(crate) concurrency: usize,
    pub(crate) progress: Option<ProgressHook>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) confirm: Option<BatchConfirm>,
}

impl Client {
    /// Sends many calls over Graph JSON batching: at most 20 per `$batch` request, `v1.0` and
    /// `beta` in batches of their own, several batches in flight. Each call is answered as if
    /// sent alone: a throttled call (429, 503, 504 inside the batch answer) is sent again in a
    /// later batch after the largest `Retry-After`, within the retry policy's attempt and time
    /// limits (a 429 or 503 that came while other calls got through is not counted against the
    /// attempts, only the time budget bounds it); successes are never sent again; a call not
    /// safe to repeat is not sent again once its outcome is unknown. Identical calls of an
    /// operation safe to repeat are sent once.
    ///
    /// The input is read as it is needed, so memory does not grow with the number of items
    /// beyond the results (and about 25 bytes per distinct call, to answer repeats).
    pub fn batch<I>(&self, requests: I) -> Batch<'_, I::IntoIter>
    where
        I: IntoIterator,
        I::Item: BatchItem,
    {
        Batch {
            client: self,
            items: requests.into_iter(),
            options: Options {
                concurrency: 4,
                progress: None,
                headers: Vec::new(),
                confirm: None,
            },
        }
    }
}

impl<I> Batch<'_, I>
where
    I: Iterator,
    I::Item: BatchItem,
{
    /// How many `$batch` requests may be in flight at once (default 4, at least 1).
    pub fn concurrency(mut self, batches: usize) -> Self {
        self.options.concurrency = batches.max(1);
        self
    }

    /// Called whenever items get their outcome, with the counts so far.
    pub fn on_progress(mut self, progress: impl Fn(Progress) + Send + Sync + 'static) -> Self {
        self.options.progress = Some(Arc::new(progress));
        self
    }

    /// `-Headers` for every call of the batch (after each call's own headers).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.options.headers.push((name.into(), value.into()));
        self
    }

    /// `-Confirm`, asked once for the whole batch with the number of calls and the first
    /// targets; declined, nothing is sent and every item is a declined-confirmation error.
    pub fn confirm(
        mut self,
        approve: impl Fn(&BatchPreview) -> bool + Send + Sync + 'static,
    ) -> Self {
        self.options.confirm = Some(Arc::new(approve));
        self
    }

    /// `-WhatIf` for the whole batch: the preview of each call (or why it cannot be made), in
    /// input order. Nothing is sent.
    pub fn what_if(self) -> Vec<Result<Preview, Error>> {
        let client = self.client;
        self.items
            .map(|item| {
                let prepared = item.prepare()?;
                request::SubRequest::build(client, &prepared, &self.options.headers)?;
                Ok(client.preview(prepared.op, prepared.parameter_set, &prepared.path))
            })
            .collect()
    }

    /// Sends every call and answers one result per item, in input order. An empty input sends
    /// nothing and answers an empty vector.
    pub async fn send(self) -> Vec<Result<<I::Item as BatchItem>::Output, Error>> {
        engine::run(self.client, self.items, self.options).await
    }
}

impl<I> fmt::Debug for Batch<'_, I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Batch")
            .field("concurrency", &self.options.concurrency)
            .field("headers", &self.options.headers.len())
            .field("confirm", &self.options.confirm.is_some())
            .field("progress", &self.options.progress.is_some())
            .finish_non_exhaustive()
    }
}

/// The error every item gets when the batch `-Confirm` is declined.
fn declined(op: &OperationInfo) -> Error {
    Error::from_repr(Repr::ConfirmationDeclined { cmdlet: op.cmdlet })
}
