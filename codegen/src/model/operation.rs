//! What one OpenAPI operation contributes, after `$ref`s are resolved: plain data,
//! independent of the naming rules.

use serde::Serialize;

/// The HTTP methods an OpenAPI path item can carry, in the order modelerfour visits them
/// (that order decides which of two colliding operations is numbered, and identity order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    Delete,
    Get,
    Head,
    Options,
    Patch,
    Post,
    Put,
    Trace,
}

impl HttpMethod {
    pub const VISIT_ORDER: [HttpMethod; 8] = [
        HttpMethod::Delete,
        HttpMethod::Get,
        HttpMethod::Head,
        HttpMethod::Options,
        HttpMethod::Patch,
        HttpMethod::Post,
        HttpMethod::Put,
        HttpMethod::Trace,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Delete => "DELETE",
            HttpMethod::Get => "GET",
            HttpMethod::Head => "HEAD",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Trace => "TRACE",
        }
    }

    /// Idempotent by HTTP semantics (RFC 9110 §9.2.2).
    pub fn is_idempotent(self) -> bool {
        !matches!(self, HttpMethod::Post | HttpMethod::Patch)
    }

    /// Methods for which the SDK emits `SupportsShouldProcess` (`-WhatIf` / `-Confirm`).
    pub fn changes_state(self) -> bool {
        matches!(
            self,
            HttpMethod::Post | HttpMethod::Put | HttpMethod::Patch | HttpMethod::Delete
        )
    }
}

/// One operation of the spec that survived `remove-path-by-operation`.
#[derive(Debug, Clone, Serialize)]
pub struct Operation {
    pub operation_id: String,
    /// Text before the first `_` of the operationId (`user.authentication.method`).
    pub group: String,
    /// Text after it (`disableSmsSignIn`).
    pub member: String,
    pub method: HttpMethod,
    /// The path template exactly as the spec has it.
    pub path: String,
    /// Path parameters in the order the spec lists them.
    pub path_parameters: Vec<PathParameter>,
    /// Query and header parameters.
    pub other_parameters: Vec<OtherParameter>,
    pub body: Option<RequestBody>,
    pub response: ResponseShape,
    /// Some response (errors included) has no body schema: the SDK adds `-PassThru`.
    pub has_schemaless_response: bool,
    /// Sending it twice does no harm, so the client may retry it after a failure that may have
    /// reached Graph: our `x-graph-repeatable`, else the method's own semantics (GET, PUT,
    /// DELETE, … yes; POST and PATCH no).
    pub repeatable: bool,
    pub docs: OperationDocs,
}

#[derive(Debug, Clone, Serialize)]
pub struct PathParameter {
    /// The name in the template (`user-id`, `event-id1`, `joinWebUrl`).
    pub serialized_name: String,
    pub description: Option<String>,
    /// `x-ms-docs-key-type`: the entity the key addresses.
    pub key_type: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParameterLocation {
    Query,
    Header,
}

#[derive(Debug, Clone, Serialize)]
pub struct OtherParameter {
    pub serialized_name: String,
    pub location: ParameterLocation,
    pub required: bool,
    pub description: Option<String>,
    /// The schema's shape; `None` for a parameter given as `content` (no schema).
    pub value_type: Option<ValueType>,
    /// Arrays: one `name=value` per item (`explode: true`, the default of `form`) rather than
    /// one comma-separated value.
    pub explode: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct RequestBody {
    /// Object, dictionary or free-form: the SDK offers the `…Expanded` sets for these.
    pub is_object: bool,
    pub required: bool,
    pub description: Option<String>,
    /// Writable properties of an object body, in schema order.
    pub properties: Vec<BodyProperty>,
    /// The schema admits properties beyond the declared ones (`-AdditionalProperties`).
    pub additional_properties: bool,
    /// `None` for a JSON body; the media type of a body sent as bytes
    /// (`application/octet-stream` uploads).
    pub raw_media_type: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BodyProperty {
    /// JSON member name (`deviceTag`).
    pub json_name: String,
    pub value_type: ValueType,
    pub description: Option<String>,
}

/// The shape of a JSON value, as far as the client surface cares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "of", rename_all = "lowercase")]
pub enum ValueType {
    String,
    Boolean,
    Integer,
    Number,
    Array(Box<ValueType>),
    /// A named or inline model; kept as JSON.
    Object(Option<String>),
    Any,
}

/// What a successful call answers with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "of", rename_all = "snake_case")]
pub enum ResponseShape {
    /// No 2xx body schema at all.
    NoContent,
    /// A wrapper object with exactly one property (`{value: boolean}`): the SDK writes that
    /// property's value.
    SingleValue {
        property: String,
        value_type: ValueType,
    },
    /// A body that is not JSON (`application/octet-stream` content): the bytes as received.
    Binary,
    /// `x-ms-pageable`: items of `value`, following `@odata.nextLink`.
    Pageable { item_type: ValueType },
    /// Any other body.
    Model(ValueType),
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct OperationDocs {
    pub summary: Option<String>,
    pub description: Option<String>,
    pub external_docs: Option<String>,
    pub deprecation: Option<Deprecation>,
    /// From our `x-graph-permissions` extension.
    pub permissions: Vec<PermissionRow>,
    /// From our `x-graph-national-clouds` extension.
    pub national_clouds: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Deprecation {
    pub date: Option<String>,
    pub removal_date: Option<String>,
    pub version: Option<String>,
    pub description: Option<String>,
}

/// One row of the Graph docs' permission table.
#[derive(Debug, Clone, Serialize)]
pub struct PermissionRow {
    /// `Delegated (work or school account)`, `Delegated (personal Microsoft account)`,
    /// `Application`.
    pub permission_type: String,
    /// Empty when the permission type is not supported.
    pub least_privileged: Vec<String>,
    pub higher_privileged: Vec<String>,
}
