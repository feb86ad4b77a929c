//! The request of one call, made with the library's own pieces: the set's `OperationInfo`, the
//! path rendered by `render_path` (each id one percent-encoded segment, as the typed builders
//! do), the query by `append_query`, the body as JSON, `-Headers` in `CommonParameters`.

use mg_runtime::catalog::{Command, Module, ParameterSet, ParameterSource};
use mg_runtime::support::{self, CommonParameters, OperationInfo};
use serde_json::{Map, Value};

use super::Failure;
use super::values::{self, Arg};

/// One call, ready to preview, send, or hand to the bulk engine.
#[derive(Debug)]
pub struct Request {
    /// The operation of the chosen set.
    pub op: &'static OperationInfo,
    /// The chosen set's name.
    pub set: &'static str,
    /// The path after the version, query included.
    pub path: String,
    /// The body, if the operation takes one.
    pub body: Option<Arg>,
    /// `-Headers` and header parameters.
    pub common: CommonParameters,
}

/// Builds the request of `set` from the given parameters.
pub fn build(
    module: &Module,
    command: &Command,
    set: &'static ParameterSet,
    given: &[(u16, Arg)],
    headers: &[(String, String)],
) -> Result<Request, Failure> {
    let op = set.operation;
    let value_of = |index: u16| given.iter().find(|(i, _)| *i == index).map(|(_, a)| a);
    let mut keys: Vec<(&'static str, String, String)> = Vec::new();
    let mut query: Vec<(&'static str, &'static str, String)> = Vec::new();
    let mut common = CommonParameters::default();
    let mut body: Option<Arg> = None;
    let mut properties = Map::new();
    let mut takes_body = false;
    let mut identity: Option<Vec<Option<String>>> = None;
    for (param, _) in command.set_parameters(set) {
        let index = command
            .parameters
            .iter()
            .position(|p| std::ptr::eq(p, param))
            .and_then(|i| u16::try_from(i).ok())
            .unwrap_or(u16::MAX);
        takes_body |= matches!(
            param.source,
            ParameterSource::Body
                | ParameterSource::BodyProperty { .. }
                | ParameterSource::AdditionalProperties
        );
        let Some(arg) = value_of(index) else { continue };
        let json = match arg {
            Arg::Json(v) => v,
            Arg::Bytes(_) => &Value::Null,
        };
        match param.source {
            ParameterSource::Path { serialized_name } => {
                keys.push((
                    serialized_name,
                    format!("-{}", param.name),
                    values::text(json),
                ));
            }
            ParameterSource::Query { serialized_name } => {
                let text = match json {
                    Value::Array(items) => support::join_items(items.iter().map(values::text)),
                    other => values::text(other),
                };
                query.push((serialized_name, param.name, text));
            }
            ParameterSource::Header { serialized_name } => {
                common.set_header(serialized_name, values::text(json));
            }
            ParameterSource::Body => body = Some(arg.clone()),
            ParameterSource::BodyProperty { json_name } => {
                properties.insert(json_name.to_owned(), json.clone());
            }
            ParameterSource::AdditionalProperties => {
                if let Value::Object(extra) = json {
                    properties.extend(extra.clone());
                }
            }
            ParameterSource::InputObject => {
                identity = Some(values::identity(&module.identity, json).map_err(Failure::Usage)?);
            }
        }
    }
    if body.is_none() && (set.expanded || !properties.is_empty()) && takes_body {
        body = Some(Arg::Json(Value::Object(properties)));
    }
    // Every `{key}` of the template, from a path parameter or else from -InputObject.
    let mut values: Vec<(&'static str, String, String)> = Vec::new();
    for name in template_keys(op.path_template) {
        if let Some((key, label, value)) = keys.iter().find(|(k, _, _)| *k == name) {
            values.push((key, label.clone(), value.clone()));
            continue;
        }
        let Some(slots) = &identity else { continue };
        let Some(slot) = module
            .identity
            .keys
            .iter()
            .position(|k| k.serialized_name == name)
        else {
            continue;
        };
        let key = &module.identity.keys[slot];
        let value =
            support::identity_value(slots[slot].as_deref(), key.name).map_err(Failure::Call)?;
        values.push((
            key.serialized_name,
            format!("InputObject.{}", key.name),
            value.to_owned(),
        ));
    }
    let borrowed: Vec<(&str, &str, &str)> = values
        .iter()
        .map(|(k, l, v)| (*k, l.as_str(), v.as_str()))
        .collect();
    let path = support::render_path(op, &borrowed).map_err(Failure::Call)?;
    let query: Vec<(&'static str, &'static str, Option<&str>, bool)> = query
        .iter()
        .map(|(name, param, text)| (*name, *param, Some(text.as_str()), false))
        .collect();
    let path = support::append_query(op, path, &query).map_err(Failure::Call)?;
    for (name, value) in headers {
        common.add_header(name.clone(), value.clone());
    }
    Ok(Request {
        op,
        set: set.name,
        path,
        body,
        common,
    })
}

/// The `{name}` placeholders of a path template, in order.
fn template_keys(template: &'static str) -> impl Iterator<Item = &'static str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
}
