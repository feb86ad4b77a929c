//! The one entry point of every generated builder: a [`Call`] (borrowed view of what the builder
//! collected, plus the `static` [`Operation`] table that describes the cmdlet) from which the
//! runtime renders the path, checks the parameters, and then previews, sends, streams or batches
//! it. Everything here is generic over the answer type only, so it is compiled once per output
//! type rather than once per cmdlet.

use std::future::Future;
use std::pin::Pin;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::batch::Prepared;
use crate::client::Client;
use crate::error::{Error, Repr};
use crate::operation::{CommonParameters, OperationInfo, missing_parameter};
use crate::pages::{collect_pages, decode_page, stream_request};
use crate::path::render_path;
use crate::query::append_query;
use crate::response::{
    Preview, RawResponse, Response, decode_model, decode_single_value, into_response,
};
use crate::stream::ItemStream;

/// What `send()` and `send_with_headers()` give: a boxed future, so a builder's methods are plain
/// functions. The parameters are checked when it is made; nothing is sent, and no error is
/// given, until it is awaited.
pub type Sending<'c, T> = Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'c>>;

/// Everything static about one builder's operation, written by the generator as a `static`.
#[derive(Debug)]
pub struct Operation {
    /// Cmdlet, method, path template, permissions.
    pub info: OperationInfo,
    /// The path keys, in the order of the builder's `path` array.
    pub keys: &'static [PathKey],
    /// The parameter set a call names, by how it was made.
    pub sets: ParameterSets,
    /// The query and header parameters, in the order of the builder's `options` array.
    pub options: &'static [OptionParameter],
    /// The whole-body parameter, if the operation takes a body.
    pub body: Option<BodyParameter>,
}

/// One path key: `{user-id}`, given as `-UserId` or as the identity's `UserId`.
#[derive(Debug)]
pub struct PathKey {
    /// The placeholder in the path template (`user-id`).
    pub template: &'static str,
    /// The PowerShell parameter (`UserId`), named in errors as `-UserId`.
    pub parameter: &'static str,
    /// The identity property carrying it in the `…ViaIdentity` sets.
    pub property: &'static str,
}

/// The names of the parameter set a call is in, by whether `-InputObject` was given and whether
/// the body came as its expanded properties. A cmdlet without such a choice repeats a name.
#[derive(Debug)]
pub struct ParameterSets {
    /// Path keys, whole body (or no body).
    pub path: &'static str,
    /// Path keys, expanded body properties.
    pub path_expanded: &'static str,
    /// `-InputObject`, whole body (or no body).
    pub via_identity: &'static str,
    /// `-InputObject`, expanded body properties.
    pub via_identity_expanded: &'static str,
}

/// A query or header parameter (`-Filter`, `-ConsistencyLevel`).
#[derive(Debug)]
pub struct OptionParameter {
    /// The name in the query string or the header name (`$filter`).
    pub name: &'static str,
    /// The PowerShell parameter (`Filter`).
    pub parameter: &'static str,
    /// Sent as a header (the builder's setter already put it there) rather than in the query.
    pub header: bool,
    /// A call without it fails before anything is sent.
    pub required: bool,
}

/// The whole-body parameter (`-BodyParameter`).
#[derive(Debug)]
pub struct BodyParameter {
    /// Its PowerShell name, for errors.
    pub parameter: &'static str,
    /// A call without a body fails (unless it gave the expanded properties).
    pub required: bool,
    /// For a body sent as bytes, its media type (`application/octet-stream`); JSON otherwise.
    pub media_type: Option<&'static str>,
}

/// What the module's generic builder (`Cmdlet<'c, Op, S>`, written once per generated module)
/// knows of the cmdlet `Op` besides its setters: the operation table, how many path keys and
/// options it collects, which body it takes and how its answer is decoded. Each cmdlet is an
/// empty marker type with this impl, so the builder's shared methods are compiled once per
/// module, not once per cmdlet.
pub trait CmdletOp: 'static {
    /// `[Option<String>; N]`: the path keys, in the order of [`Operation::keys`].
    type Keys: Default + AsRef<[Option<String>]> + AsMut<[Option<String>]> + Send;
    /// `[Option<String>; N]`: the query and header values, in the order of
    /// [`Operation::options`].
    type Options: Default + AsRef<[Option<String>]> + AsMut<[Option<String>]> + Send;
    /// What `send()` gives.
    type Output: Send + 'static;
    /// The operation's table.
    const OPERATION: &'static Operation;
    /// Which of the builder's body fields the request carries.
    const BODY: BodyKind;
    /// How a 2xx answer becomes [`Output`](CmdletOp::Output).
    fn answer() -> Answer<Self::Output>;
}

/// A cmdlet with `…ViaIdentity` parameter sets: its builder has `.input_object(..)`.
pub trait TakesIdentity: CmdletOp {}

/// A cmdlet whose calls can travel in `Client::batch`, and what a batch gives for each.
pub trait Batched: CmdletOp {
    /// The value of one call in a batch.
    type BatchOutput: Clone + 'static;
    /// How the sub-response of one call is decoded.
    fn batch_answer() -> Answer<Self::BatchOutput>;
}

/// A pageable cmdlet: its builder has `.send_stream()`.
pub trait Paged: CmdletOp {
    /// One item of the collection.
    type Item: DeserializeOwned + Send + 'static;
}

/// Which body a builder's request carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// The operation takes none.
    None,
    /// The whole body as JSON.
    Json,
    /// The whole body as JSON, or the properties of the `…Expanded` sets.
    Expanded,
    /// The whole body as bytes.
    Bytes,
}

impl<'a> Body<'a> {
    /// The body a builder collected, read as its operation's [`BodyKind`] says.
    pub fn of(
        kind: BodyKind,
        json: Option<&'a Value>,
        expanded: &'a Map<String, Value>,
        bytes: Option<&'a Vec<u8>>,
    ) -> Self {
        match kind {
            BodyKind::None => Body::None,
            BodyKind::Json => Body::Json(json),
            BodyKind::Expanded => Body::Expanded(json, expanded),
            BodyKind::Bytes => Body::Bytes(bytes),
        }
    }
}

/// The body a builder collected.
#[derive(Debug, Clone, Copy)]
pub enum Body<'a> {
    /// The operation takes none.
    None,
    /// The whole body as JSON, if given.
    Json(Option<&'a Value>),
    /// The whole body as JSON, if given, and the properties of the `…Expanded` sets.
    Expanded(Option<&'a Value>, &'a Map<String, Value>),
    /// The whole body as bytes, if given.
    Bytes(Option<&'a Vec<u8>>),
}

/// Reads the path keys of an identity type (`-InputObject`) by property name.
pub trait Identity {
    /// The value of `property` (`UserId`), if the identity has one.
    fn property(&self, property: &str) -> Option<&str>;
}

/// `-InputObject` as the runtime reads it.
pub fn identity<I: Identity>(value: &Option<I>) -> Option<&dyn Identity> {
    value.as_ref().map(|identity| identity as &dyn Identity)
}

/// A builder in a chosen parameter set, borrowed: what the runtime needs to make its request.
pub struct Call<'a, 'c, T> {
    /// The client that sends it.
    pub client: &'c Client,
    /// The builder's operation.
    pub op: &'static Operation,
    /// The path keys given (`.user_id(..)`), in the order of [`Operation::keys`].
    pub keys: &'a [Option<String>],
    /// `-InputObject`, which takes the place of the path keys.
    pub identity: Option<&'a dyn Identity>,
    /// The query and header values given, in the order of [`Operation::options`].
    pub options: &'a [Option<String>],
    /// The body given.
    pub body: Body<'a>,
    /// `-Headers`, `-Confirm`.
    pub common: &'a CommonParameters,
    /// How the answer is decoded.
    pub answer: Answer<T>,
}

/// How a 2xx answer becomes what `send()` gives.
pub struct Answer<T> {
    property: &'static str,
    pass_thru: bool,
    decode: fn(&Read, &RawResponse) -> Result<T, Error>,
    pages: Option<CollectPages<T>>,
}

impl<T> Clone for Answer<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Answer<T> {}

/// Follows the next links of a pageable answer from its first page.
type CollectPages<T> = for<'x> fn(
    &'x Client,
    &'static OperationInfo,
    &'x RawResponse,
    &'x CommonParameters,
) -> Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'x>>;

/// What a decoder knows besides the response.
struct Read {
    op: &'static OperationInfo,
    property: &'static str,
    pass_thru: bool,
}

impl<T> Answer<T> {
    fn new(decode: fn(&Read, &RawResponse) -> Result<T, Error>) -> Self {
        Answer {
            property: "",
            pass_thru: false,
            decode,
            pages: None,
        }
    }

    fn read(&self, op: &'static OperationInfo, raw: &RawResponse) -> Result<T, Error> {
        let read = Read {
            op,
            property: self.property,
            pass_thru: self.pass_thru,
        };
        (self.decode)(&read, raw)
    }
}

impl<T> Answer<T> {
    /// The answer with `-PassThru` given or not; only a no-content answer reads it.
    pub fn passing_thru(self, pass_thru: bool) -> Self {
        Answer { pass_thru, ..self }
    }
}

impl Answer<Option<bool>> {
    /// No content: `Some(true)` with `-PassThru` (given by [`passing_thru`](Answer::passing_thru)),
    /// else `None`.
    pub fn no_content() -> Self {
        Answer::new(|read, _| Ok(read.pass_thru.then_some(true)))
    }
}

impl Answer<bool> {
    /// `{"<property>": true|false}`; an empty 2xx answer (204) means it worked.
    pub fn boolean(property: &'static str) -> Self {
        Answer {
            property,
            ..Answer::new(|read, raw| {
                Ok(decode_single_value::<bool>(read.op, raw, read.property)?.unwrap_or(true))
            })
        }
    }
}

impl<T: DeserializeOwned> Answer<Option<T>> {
    /// `{"<property>": x}`; `None` for an empty answer.
    pub fn single(property: &'static str) -> Self {
        Answer {
            property,
            ..Answer::new(|read, raw| decode_single_value::<T>(read.op, raw, read.property))
        }
    }

    /// The whole body as a `T`; `None` for an empty answer.
    pub fn model() -> Self {
        Answer::new(|read, raw| decode_model::<T>(read.op, raw))
    }
}

impl Answer<Value> {
    /// The whole body as JSON; `Value::Null` for an empty answer.
    pub fn json() -> Self {
        Answer::new(|read, raw| crate::response::decode_json(read.op, raw))
    }
}

impl Answer<Vec<u8>> {
    /// The body as received.
    pub fn bytes() -> Self {
        Answer::new(|_, raw| Ok(raw.body.clone()))
    }
}

impl<T: DeserializeOwned + Send + 'static> Answer<Vec<T>> {
    /// Every item of `value`, following `@odata.nextLink` as the cmdlet does.
    pub fn pages() -> Self {
        Answer {
            pages: Some(collect_boxed::<T>),
            ..Answer::new(|read, raw| Ok(decode_page::<T>(read.op, raw)?.0))
        }
    }
}

fn collect_boxed<'x, T: DeserializeOwned + Send + 'static>(
    client: &'x Client,
    op: &'static OperationInfo,
    first: &'x RawResponse,
    common: &'x CommonParameters,
) -> Pin<Box<dyn Future<Output = Result<Vec<T>, Error>> + Send + 'x>> {
    Box::pin(collect_pages::<T>(client, op, first, common))
}

/// A request ready to go: path rendered, parameters checked.
pub(crate) struct Request {
    pub(crate) op: &'static OperationInfo,
    pub(crate) parameter_set: &'static str,
    pub(crate) path: String,
    pub(crate) body: Payload,
    pub(crate) common: CommonParameters,
}

pub(crate) enum Payload {
    None,
    Json(Value),
    Bytes(Vec<u8>, &'static str),
}

impl Request {
    pub(crate) async fn execute(self, client: &Client) -> Result<RawResponse, Error> {
        let Request {
            op,
            parameter_set,
            path,
            body,
            mut common,
        } = self;
        match body {
            Payload::None => client.execute(op, parameter_set, path, None, common).await,
            Payload::Json(value) => {
                client
                    .execute(op, parameter_set, path, Some(value), common)
                    .await
            }
            Payload::Bytes(bytes, media_type) => {
                if !common.has_header("content-type") {
                    common.set_header("Content-Type", media_type.to_owned());
                }
                client
                    .execute_bytes(op, parameter_set, path, Some(bytes), common)
                    .await
            }
        }
    }
}

impl<T> Call<'_, '_, T> {
    /// The checks and path of `what_if()`, without the body.
    fn target(&self) -> Result<(&'static str, String), Error> {
        target(self.op, self.keys, self.identity, self.options, self.body)
    }

    fn request(&self) -> Result<Request, Error> {
        let (parameter_set, path) = self.target()?;
        let body = body(self.op, self.body)?;
        Ok(Request {
            op: &self.op.info,
            parameter_set,
            path,
            body,
            common: self.common.clone(),
        })
    }
}

/// The parameter set and the rendered path (query included): required headers first, then
/// the path keys in template order, then required query parameters.
fn target(
    op: &'static Operation,
    keys: &[Option<String>],
    identity: Option<&dyn Identity>,
    options: &[Option<String>],
    body: Body<'_>,
) -> Result<(&'static str, String), Error> {
    let info = &op.info;
    for (option, value) in op.options.iter().zip(options) {
        if option.header && option.required && value.is_none() {
            return Err(missing_parameter(info, option.parameter));
        }
    }
    let mut values: Vec<(&str, String, &str)> = Vec::with_capacity(op.keys.len());
    for (index, key) in op.keys.iter().enumerate() {
        let value = match identity {
            Some(identity) => (
                format!("InputObject.{}", key.property),
                identity.property(key.property).ok_or_else(|| {
                    Error::from_repr(Repr::MissingIdentityProperty {
                        property: key.property,
                    })
                })?,
            ),
            None => (
                format!("-{}", key.parameter),
                keys.get(index)
                    .and_then(Option::as_deref)
                    .ok_or_else(|| missing_parameter(info, key.parameter))?,
            ),
        };
        values.push((key.template, value.0, value.1));
    }
    let values: Vec<(&str, &str, &str)> = values
        .iter()
        .map(|(template, label, value)| (*template, label.as_str(), *value))
        .collect();
    let mut path = render_path(info, &values)?;
    let query: Vec<_> = op
        .options
        .iter()
        .zip(options)
        .filter(|(option, _)| !option.header)
        .map(|(option, value)| {
            (
                option.name,
                option.parameter,
                value.as_deref(),
                option.required,
            )
        })
        .collect();
    if !query.is_empty() {
        path = append_query(info, path, &query)?;
    }
    let expanded = match body {
        Body::Json(whole) | Body::Expanded(whole, _) => whole.is_none(),
        Body::None | Body::Bytes(_) => false,
    };
    let sets = &op.sets;
    let parameter_set = match (identity.is_some(), expanded) {
        (false, false) => sets.path,
        (false, true) => sets.path_expanded,
        (true, false) => sets.via_identity,
        (true, true) => sets.via_identity_expanded,
    };
    Ok((parameter_set, path))
}

/// The body to send, or why the parameters given cannot make one.
fn body(op: &'static Operation, body: Body<'_>) -> Result<Payload, Error> {
    let Some(parameter) = &op.body else {
        return Ok(Payload::None);
    };
    let missing = || missing_parameter(&op.info, parameter.parameter);
    match body {
        Body::None => Ok(Payload::None),
        Body::Expanded(Some(_), expanded) if !expanded.is_empty() => {
            let given: Vec<&str> = expanded.keys().map(String::as_str).collect();
            Err(Error::invalid_argument(format!(
                "{}: -{} cannot be combined with the parameters of the Expanded sets ({})",
                op.info.cmdlet,
                parameter.parameter,
                given.join(", ")
            )))
        }
        Body::Expanded(Some(whole), _) => Ok(Payload::Json(whole.clone())),
        Body::Expanded(None, expanded) => Ok(Payload::Json(Value::Object(expanded.clone()))),
        Body::Json(Some(whole)) => Ok(Payload::Json(whole.clone())),
        Body::Bytes(Some(bytes)) => Ok(Payload::Bytes(
            bytes.clone(),
            parameter.media_type.unwrap_or("application/octet-stream"),
        )),
        Body::Json(None) | Body::Bytes(None) if parameter.required => Err(missing()),
        Body::Json(None) | Body::Bytes(None) => Ok(Payload::None),
    }
}

/// `-WhatIf`: the request `send()` would make, after the same checks; sends nothing.
pub fn what_if<T>(call: Call<'_, '_, T>) -> Result<Preview, Error> {
    let (parameter_set, path) = call.target()?;
    body(call.op, call.body)?;
    Ok(call.client.preview(&call.op.info, parameter_set, &path))
}

/// Sends the call: `-Confirm`, sign-in, retries, timeouts; a non-2xx answer is an [`Error`],
/// a 2xx answer is decoded, with status and headers (`-ResponseHeadersVariable`).
pub fn send_with_headers<'c, T: Send + 'static>(call: Call<'_, 'c, T>) -> Sending<'c, Response<T>> {
    let client = call.client;
    let answer = call.answer;
    let request = call.request();
    Box::pin(async move { exchange(client, request?, answer).await })
}

/// [`send_with_headers`], giving the value only.
pub fn send<'c, T: Send + 'static>(call: Call<'_, 'c, T>) -> Sending<'c, T> {
    let client = call.client;
    let answer = call.answer;
    let request = call.request();
    Box::pin(async move { Ok(exchange(client, request?, answer).await?.value) })
}

async fn exchange<T>(
    client: &Client,
    request: Request,
    answer: Answer<T>,
) -> Result<Response<T>, Error> {
    let op = request.op;
    // Later pages of a pageable answer are fetched with the same headers.
    let common = answer.pages.map(|_| request.common.clone());
    let raw = request.execute(client).await?;
    let value = match (answer.pages, common) {
        (Some(collect), Some(common)) => collect(client, op, &raw, &common).await?,
        _ => answer.read(op, &raw)?,
    };
    Ok(into_response(&raw, value))
}

/// `send_stream()` of a pageable call: the items one at a time, one page held at a time.
pub fn stream<T: DeserializeOwned + Send + 'static>(call: Call<'_, '_, Vec<T>>) -> ItemStream<T> {
    let request = call.request();
    stream_request(call.client, &call.op.info, request, call.common)
}

/// The call as one item of `Client::batch`, answered like `send()`.
pub fn prepare<T: 'static>(call: Call<'_, '_, T>) -> Result<Prepared<T>, Error> {
    let answer = call.answer;
    prepare_as(call, answer)
}

/// [`prepare`] with another decoding of the answer than `send()`'s.
pub fn prepare_as<T: 'static, U>(
    call: Call<'_, '_, U>,
    answer: Answer<T>,
) -> Result<Prepared<T>, Error> {
    let request = call.request()?;
    let op = request.op;
    let body = match request.body {
        Payload::None => None,
        Payload::Json(value) => Some(value),
        Payload::Bytes(..) => {
            return Err(Error::invalid_argument(format!(
                "{}: a body sent as bytes cannot travel in a batch",
                op.cmdlet
            )));
        }
    };
    let decode = move |raw: &RawResponse| answer.read(op, raw);
    Ok(Prepared::new(
        op,
        request.parameter_set,
        request.path,
        body,
        request.common,
        decode,
    )
    .answer_variant(u64::from(answer.pass_thru)))
}
