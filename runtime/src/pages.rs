//! Pageable answers (`x-ms-pageable`): the items of `value`, following `@odata.nextLink` until
//! the last page, as the SDK's cmdlets do. `send()` collects them under caps on items, bytes and
//! pages; `send_stream()` hands them out as they come, holding one page at a time.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::client::Client;
use crate::cmdlet::Request;
use crate::error::{Error, Repr};
use crate::operation::{CommonParameters, OperationInfo};
use crate::response::RawResponse;
use crate::stream::ItemStream;

/// A service that keeps answering with a next link would otherwise never end a collecting call.
const MAX_PAGES: usize = 1000;

/// The limits `collect_pages` holds a paged answer to (set on the client builder).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CollectLimits {
    pub(crate) items: usize,
    pub(crate) bytes: usize,
}

impl Default for CollectLimits {
    fn default() -> Self {
        CollectLimits {
            items: 100_000,
            bytes: 16 * 1024 * 1024,
        }
    }
}

/// One page as Graph sends it. Other properties are skipped without being kept.
#[derive(Deserialize)]
struct Page<T> {
    value: Option<Vec<T>>,
    #[serde(rename = "@odata.nextLink")]
    next_link: Option<Value>,
}

/// Every item of every page, starting from the first answer, within the client's limits on
/// items and bytes collected and on pages followed.
pub async fn collect_pages<T: DeserializeOwned>(
    client: &Client,
    op: &'static OperationInfo,
    first: &RawResponse,
    common: &CommonParameters,
) -> Result<Vec<T>, Error> {
    let limits = client.inner.collect_limits;
    let mut bytes = first.body.len();
    check_bytes(op, &limits, bytes)?;
    let (mut items, mut next) = decode_page::<T>(op, first)?;
    check_items(op, &limits, items.len())?;
    let mut current: Option<RawResponse> = None;
    let mut pages = 1;
    while let Some(link) = next {
        let previous = current.as_ref().unwrap_or(first);
        if pages == MAX_PAGES {
            return Err(limit_exceeded(
                op,
                format!("the answer has more than {MAX_PAGES} pages"),
            ));
        }
        let raw = client
            .execute_next_page(op, previous, &link, common)
            .await?;
        bytes = bytes.saturating_add(raw.body.len());
        check_bytes(op, &limits, bytes)?;
        let (page, link) = decode_page::<T>(op, &raw)?;
        check_items(op, &limits, items.len().saturating_add(page.len()))?;
        items.extend(page);
        next = link;
        current = Some(raw);
        pages += 1;
    }
    Ok(items)
}

fn check_items(op: &OperationInfo, limits: &CollectLimits, count: usize) -> Result<(), Error> {
    if count > limits.items {
        return Err(limit_exceeded(
            op,
            format!("the pages hold more than {} items", limits.items),
        ));
    }
    Ok(())
}

fn check_bytes(op: &OperationInfo, limits: &CollectLimits, bytes: usize) -> Result<(), Error> {
    if bytes > limits.bytes {
        return Err(limit_exceeded(
            op,
            format!("the pages add up to more than {} bytes", limits.bytes),
        ));
    }
    Ok(())
}

/// A collecting call passed a limit: say which, and what to do instead.
fn limit_exceeded(op: &OperationInfo, what: String) -> Error {
    Error::from_repr(Repr::LimitExceeded {
        cmdlet: op.cmdlet,
        detail: format!(
            "{what}, past the client's limit for collecting a paged answer; use send_stream() \
             to take the items one at a time, or raise max_collected_items / \
             max_collected_bytes on the client builder"
        ),
    })
}

/// The items of one page and its next link. An empty body is an empty last page.
pub(crate) fn decode_page<T: DeserializeOwned>(
    op: &OperationInfo,
    raw: &RawResponse,
) -> Result<(Vec<T>, Option<String>), Error> {
    if raw.has_no_body() {
        return Ok((Vec::new(), None));
    }
    // Straight into `T`: a `Value` tree of the page would cost many times its bytes.
    let page: Page<T> = serde_json::from_slice(&raw.body).map_err(|e| {
        let what = if e.is_data() {
            "the page is not of the expected type"
        } else {
            "the body is not JSON"
        };
        raw.unexpected(op, format!("{what} ({e})"))
    })?;
    let Some(items) = page.value else {
        return Err(raw.unexpected(op, "the page has no \"value\" array".to_owned()));
    };
    match page.next_link {
        None | Some(Value::Null) => Ok((items, None)),
        Some(Value::String(link)) => Ok((items, Some(link))),
        Some(_) => Err(raw.unexpected(op, "\"@odata.nextLink\" is not a string".to_owned())),
    }
}

/// Pages in a row without an item a stream follows before giving up: each one is fetched
/// while the consumer's `next()` waits, so an endless run of them would never return.
const MAX_EMPTY_PAGES_IN_A_ROW: usize = 100;

/// Where a stream of items stands between two pages.
enum Walk {
    /// Nothing sent yet: the first request (or why it cannot be sent).
    Start(Result<Request, Error>),
    /// The last page received, the link to the next one, and how many empty pages led here.
    Next(RawResponse, String, usize),
}

/// The items of a pageable call one at a time, fetching a page only when the previous one is
/// used up: memory holds one page, however many pages come. The first item (or error) is
/// awaited when the stream is first polled; nothing is sent before. Later pages are fetched
/// with `common`.
pub(crate) fn stream_request<T>(
    client: &Client,
    op: &'static OperationInfo,
    request: Result<Request, Error>,
    common: &CommonParameters,
) -> ItemStream<T>
where
    T: DeserializeOwned + Send + 'static,
{
    let client = client.clone();
    let common = common.clone();
    let start = Walk::Start(request);
    let pages = futures_util::stream::try_unfold(Some(start), move |walk| {
        let client = client.clone();
        let common = common.clone();
        async move {
            let (raw, empty) = match walk {
                None => return Ok(None),
                Some(Walk::Start(request)) => (request?.execute(&client).await?, 0),
                Some(Walk::Next(_, _, empty)) if empty >= MAX_EMPTY_PAGES_IN_A_ROW => {
                    return Err(Error::from_repr(Repr::LimitExceeded {
                        cmdlet: op.cmdlet,
                        detail: format!("{empty} pages in a row had no items; stopping"),
                    }));
                }
                Some(Walk::Next(previous, link, empty)) => {
                    let raw = client
                        .execute_next_page(op, &previous, &link, &common)
                        .await?;
                    (raw, empty)
                }
            };
            let (items, next) = decode_page::<T>(op, &raw)?;
            let empty = if items.is_empty() { empty + 1 } else { 0 };
            let walk = next.map(|link| Walk::Next(raw, link, empty));
            Ok(Some((items, walk)))
        }
    });
    ItemStream::from_pages(pages)
}
