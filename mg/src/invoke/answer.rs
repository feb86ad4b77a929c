//! Decoding a 2xx answer by the catalog's [`Answer`], with the runtime's decoders: what
//! `send()` of the typed builder gives, as JSON.

use mg_runtime::catalog::{Answer, Command, ValueKind};
use mg_runtime::support::{self, CommonParameters, OperationInfo, RawResponse};
use mg_runtime::{Client, Error, HeaderMap};
use serde_json::{Map, Value};

/// What one call gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// No content (an action without `-PassThru`): nothing is printed.
    Nothing,
    /// One value.
    One(Value),
    /// The items of a pageable answer, one output line each.
    Items(Vec<Value>),
    /// A body that is not JSON, written to stdout as received.
    Bytes(Vec<u8>),
}

impl Output {
    /// The output as one JSON value (a pipeline line's `result`).
    pub fn to_json(&self) -> Value {
        match self {
            Output::Nothing => Value::Null,
            Output::One(v) => v.clone(),
            Output::Items(items) => Value::Array(items.clone()),
            Output::Bytes(bytes) => Value::String(String::from_utf8_lossy(bytes).into_owned()),
        }
    }
}

/// Whether the bulk engine can carry this cmdlet: a pageable answer needs requests of its own
/// for later pages, and a non-JSON body cannot travel inside a `$batch`.
pub fn batchable(command: &Command) -> bool {
    !matches!(command.answer, Answer::Pageable | Answer::Binary)
}

/// Decodes a single (non-pageable) answer.
pub fn decode(
    command: &Command,
    op: &'static OperationInfo,
    raw: &RawResponse,
    pass_thru: bool,
) -> Result<Output, Error> {
    match command.answer {
        Answer::NoContent if pass_thru => Ok(Output::One(Value::Bool(true))),
        Answer::NoContent => Ok(Output::Nothing),
        Answer::SingleValue { property, value } => {
            match support::decode_single_value::<Value>(op, raw, property)? {
                Some(v) => Ok(Output::One(v)),
                // As the typed builder: an empty 2xx answer of a boolean action is success.
                None if value == ValueKind::Boolean => Ok(Output::One(Value::Bool(true))),
                None => Ok(Output::Nothing),
            }
        }
        Answer::Json | Answer::Pageable => match support::decode_json(op, raw)? {
            Value::Null => Ok(Output::Nothing),
            v => Ok(Output::One(v)),
        },
        Answer::Binary => Ok(Output::Bytes(raw.body.clone())),
    }
}

/// Decodes any answer, following `@odata.nextLink` for pageable ones.
pub async fn decode_all(
    client: &Client,
    command: &Command,
    op: &'static OperationInfo,
    raw: &RawResponse,
    common: &CommonParameters,
    pass_thru: bool,
) -> Result<Output, Error> {
    if command.answer == Answer::Pageable {
        let items = support::collect_pages::<Value>(client, op, raw, common).await?;
        return Ok(Output::Items(items));
    }
    decode(command, op, raw, pass_thru)
}

/// Status and headers as `-ResponseHeadersVariable` writes them: `{"status": 200, "headers":
/// {"request-id": "…", …}}`, a header sent several times as an array.
pub fn status_and_headers(status: u16, headers: &HeaderMap) -> Value {
    let mut map = Map::new();
    for name in headers.keys() {
        let values: Vec<Value> = headers
            .get_all(name)
            .iter()
            .map(|v| Value::String(String::from_utf8_lossy(v.as_bytes()).into_owned()))
            .collect();
        let value = match <[Value; 1]>::try_from(values) {
            Ok([one]) => one,
            Err(many) => Value::Array(many),
        };
        map.insert(name.as_str().to_owned(), value);
    }
    serde_json::json!({ "status": status, "headers": map })
}
