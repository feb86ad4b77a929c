//! `ItemStream`: what `send_stream()` of a pageable cmdlet gives, one item at a time.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use futures_util::{StreamExt, TryStreamExt, stream};

use crate::error::Error;

/// The items of a pageable call, in order, fetched page by page as they are consumed: only one
/// page is held at a time, however many pages the answer has. An error ends the stream.
///
/// Use [`ItemStream::next`], or any `futures` stream combinator (it implements
/// [`Stream`](futures_core::Stream)). Dropping it stops the call; no further page is fetched.
/// The client's overall timeout, if set, counts from the first request and covers the time
/// between polls too.
pub struct ItemStream<T> {
    inner: Pin<Box<dyn Stream<Item = Result<T, Error>> + Send>>,
}

impl<T: Send + 'static> ItemStream<T> {
    /// Flattens a stream of pages into a stream of items.
    pub(crate) fn from_pages<S>(pages: S) -> Self
    where
        S: Stream<Item = Result<Vec<T>, Error>> + Send + 'static,
    {
        let items = pages
            .map_ok(|page| stream::iter(page.into_iter().map(Ok)))
            .try_flatten();
        ItemStream {
            inner: Box::pin(items),
        }
    }

    /// The next item; `None` after the last one or after an error.
    pub async fn next(&mut self) -> Option<Result<T, Error>> {
        self.inner.next().await
    }
}

impl<T> Stream for ItemStream<T> {
    type Item = Result<T, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().inner.as_mut().poll_next(cx)
    }
}

impl<T> fmt::Debug for ItemStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ItemStream").finish_non_exhaustive()
    }
}
