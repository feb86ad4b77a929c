//! One sub-request of a `$batch`: its relative URL (checked like a single call's), headers and
//! body, and the key that finds identical calls.

use std::collections::BTreeMap;
use std::hash::{BuildHasher, Hash, Hasher, RandomState};

use reqwest::header::{HeaderName, HeaderValue};
use serde::Serialize;
use url::Url;

use super::Prepared;
use crate::client::Client;
use crate::error::Error;
use crate::operation::OperationInfo;

/// Headers a caller may not set: the runtime owns them (the batch carries the token).
const RESERVED: [&str; 4] = [
    "authorization",
    "host",
    "content-length",
    "transfer-encoding",
];

/// A sub-request as it travels, minus its id (given per batch).
pub(crate) struct SubRequest {
    pub(crate) op: &'static OperationInfo,
    /// The path after the version, ids percent-encoded: Graph reads it relative to
    /// `/{version}`.
    pub(crate) url: String,
    pub(crate) headers: BTreeMap<String, String>,
    pub(crate) body: Option<serde_json::Value>,
    /// Sent as the sub-request's `client-request-id` (the caller's, or a fresh UUID), the same
    /// on every resend, and quoted by its errors.
    pub(crate) client_request_id: String,
    /// Whether `client_request_id` was made up here (then it is not part of the call's identity).
    generated_id: bool,
    /// How the answer is decoded ([`Prepared::answer_variant`]).
    variant: u64,
}

/// The JSON of one sub-request.
#[derive(Serialize)]
pub(crate) struct Wire<'a> {
    pub(crate) id: String,
    pub(crate) method: &'static str,
    pub(crate) url: &'a str,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub(crate) headers: &'a BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) body: Option<&'a serde_json::Value>,
}

impl SubRequest {
    /// Checks what a single call would check before sending (URL not rewritten, headers
    /// usable) and assembles the sub-request. `extra` are the batch-wide `-Headers`.
    pub(crate) fn build<T>(
        client: &Client,
        prepared: &Prepared<T>,
        extra: &[(String, String)],
    ) -> Result<SubRequest, Error> {
        let op = prepared.op;
        let full = client.preview(op, prepared.parameter_set, &prepared.path);
        // The same refusal as a single call: a path the URL parser would rewrite addresses
        // something else, inside a batch as much as alone.
        let parsed = Url::parse(full.url())
            .map_err(|e| Error::invalid_argument(format!("{}: bad request URL: {e}", op.cmdlet)))?;
        if parsed.as_str() != full.url() || !prepared.path.starts_with('/') {
            return Err(Error::invalid_argument(format!(
                "{}: the request URL {:?} would be rewritten to {:?}; refusing to send",
                op.cmdlet,
                full.url(),
                parsed.as_str()
            )));
        }
        let mut headers: BTreeMap<String, String> = BTreeMap::new();
        let mut replaced: Vec<String> = Vec::new();
        for (name, value) in prepared.common.headers().iter().chain(extra) {
            let bad = |why: &str| {
                Error::invalid_argument(format!("{}: -Headers {name:?}: {why}", op.cmdlet))
            };
            let header = HeaderName::from_bytes(name.trim().as_bytes())
                .map_err(|_| bad("not a valid header name"))?;
            if RESERVED.contains(&header.as_str()) {
                return Err(bad(
                    "is set by the client itself (use a TokenProvider for credentials)",
                ));
            }
            let checked = HeaderValue::from_str(value)
                .map_err(|_| bad("value has characters not allowed"))?;
            let value = checked
                .to_str()
                .map_err(|_| bad("value must be visible ASCII inside a batch"))?
                .to_owned();
            let key = header.as_str().to_owned();
            // As for a single call: the first entry of a name replaces, later ones add.
            match headers.get_mut(&key) {
                Some(existing) if replaced.contains(&key) => {
                    existing.push_str(", ");
                    existing.push_str(&value);
                }
                _ => {
                    headers.insert(key.clone(), value);
                    replaced.push(key);
                }
            }
        }
        let generated_id = !headers.contains_key("client-request-id");
        if generated_id {
            headers.insert(
                "client-request-id".to_owned(),
                uuid::Uuid::new_v4().to_string(),
            );
        }
        let client_request_id = headers
            .get("client-request-id")
            .map(|v| v.trim().to_owned())
            .unwrap_or_default();
        if client_request_id.is_empty() {
            return Err(Error::invalid_argument(format!(
                "{}: -Headers client-request-id must be a non-empty visible ASCII value",
                op.cmdlet
            )));
        }
        if prepared.body.is_some() {
            headers
                .entry("content-type".to_owned())
                .or_insert_with(|| "application/json".to_owned());
        }
        Ok(SubRequest {
            op,
            url: prepared.path.clone(),
            headers,
            body: prepared.body.clone(),
            client_request_id,
            generated_id,
            variant: prepared.variant,
        })
    }

    /// The call's identity for de-duplication: 128 bits from two independently keyed hashes, so
    /// two different calls sharing an answer is not a practical possibility.
    pub(crate) fn key(&self, hashers: &(RandomState, RandomState)) -> u128 {
        let digest = |state: &RandomState| {
            let mut hasher = state.build_hasher();
            self.op.method.hash(&mut hasher);
            self.variant.hash(&mut hasher);
            self.op.api_version.hash(&mut hasher);
            self.url.hash(&mut hasher);
            for (name, value) in &self.headers {
                if !(self.generated_id && name == "client-request-id") {
                    (name, value).hash(&mut hasher);
                }
            }
            self.body.as_ref().map(|b| b.to_string()).hash(&mut hasher);
            hasher.finish()
        };
        (u128::from(digest(&hashers.0)) << 64) | u128::from(digest(&hashers.1))
    }

    /// The JSON of this sub-request under `id`.
    pub(crate) fn wire(&self, id: u64) -> Wire<'_> {
        Wire {
            id: id.to_string(),
            method: self.op.method,
            url: &self.url,
            headers: &self.headers,
            body: self.body.as_ref(),
        }
    }
}
