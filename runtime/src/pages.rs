//! Pageable answers (`x-ms-pageable`): the items of `value`, following `@odata.nextLink` until
//! the last page, as the SDK's cmdlets do.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::client::Client;
use crate::error::Error;
use crate::operation::{CommonParameters, OperationInfo};
use crate::response::RawResponse;

/// A service that keeps answering with a next link would otherwise never end the call.
const MAX_PAGES: usize = 1000;

/// Every item of every page, starting from the first answer.
pub async fn collect_pages<T: DeserializeOwned>(
    client: &Client,
    op: &'static OperationInfo,
    first: &RawResponse,
    common: &CommonParameters,
) -> Result<Vec<T>, Error> {
    let mut items = Vec::new();
    let mut next = read_page(op, first, &mut items)?;
    let mut current: Option<RawResponse> = None;
    let mut pages = 1;
    while let Some(link) = next {
        let previous = current.as_ref().unwrap_or(first);
        if pages == MAX_PAGES {
            return Err(previous.unexpected(
                op,
                format!("more than {MAX_PAGES} pages; stopping at {link:?}"),
            ));
        }
        let raw = client
            .execute_next_page(op, previous, &link, common)
            .await?;
        next = read_page(op, &raw, &mut items)?;
        current = Some(raw);
        pages += 1;
    }
    Ok(items)
}

/// Appends the page's items; gives its next link. An empty body is an empty last page.
fn read_page<T: DeserializeOwned>(
    op: &OperationInfo,
    raw: &RawResponse,
    items: &mut Vec<T>,
) -> Result<Option<String>, Error> {
    if raw.has_no_body() {
        return Ok(None);
    }
    let page = raw.json(op)?;
    let Some(values) = page.get("value").and_then(Value::as_array) else {
        return Err(raw.unexpected(op, "the page has no \"value\" array".to_owned()));
    };
    for value in values {
        let item = T::deserialize(value).map_err(|e| {
            raw.unexpected(
                op,
                format!("an item of \"value\" is not of the expected type ({e})"),
            )
        })?;
        items.push(item);
    }
    match page.get("@odata.nextLink") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(link)) => Ok(Some(link.clone())),
        Some(_) => Err(raw.unexpected(op, "\"@odata.nextLink\" is not a string".to_owned())),
    }
}
