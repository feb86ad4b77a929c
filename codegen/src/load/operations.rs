//! Turning the document's operations into [`model::Operation`]s: parameters, body, response
//! shape and docs, with every `$ref` resolved and checked.

use std::collections::HashSet;

use openapiv3::{
    AdditionalProperties, MediaType, Parameter, ReferenceOr, Response, Schema, SchemaKind,
    StatusCode, Type,
};
use serde_json::Value;

use super::refs::Resolver;
use super::spec::{LoadedSpec, RawOperation, operations_in_order};
use crate::error::Result;
use crate::model::{
    BodyProperty, Deprecation, Operation, OperationDocs, OtherParameter, ParameterLocation,
    PathParameter, PermissionRow, RequestBody, ResponseShape, ValueType,
};

const JSON: &str = "application/json";

/// All operations of `spec` whose operationId `removed` does not reject, in modelerfour order.
pub fn read_operations(
    spec: &LoadedSpec,
    removed: impl Fn(&str) -> bool,
) -> Result<Vec<Operation>> {
    super::unique::check_unique_operation_ids(spec)?;
    let resolver = spec.resolver();
    let mut seen = HashSet::new();
    let mut operations = Vec::new();
    for raw in operations_in_order(spec)? {
        let location = format!(
            "paths.'{}'.{}",
            raw.path,
            raw.method.as_str().to_lowercase()
        );
        let operation_id = raw
            .operation
            .operation_id
            .as_deref()
            .filter(|id| !id.trim().is_empty())
            .ok_or_else(|| spec.error(&location, "missing operationId"))?;
        super::checks::check_names(spec, operation_id, &[], &[], &location)?;
        if removed(operation_id) {
            continue;
        }
        let location = format!("{location} (operationId {operation_id})");
        operations.push(read_operation(
            spec,
            &resolver,
            &raw,
            operation_id,
            &location,
            &mut seen,
        )?);
    }
    Ok(operations)
}

fn read_operation<'a>(
    spec: &LoadedSpec,
    resolver: &Resolver<'a>,
    raw: &RawOperation<'a>,
    operation_id: &str,
    location: &str,
    seen: &mut HashSet<&'a str>,
) -> Result<Operation> {
    let (group, member) = match operation_id.split_once('_') {
        Some((group, member)) => (group.to_owned(), member.to_owned()),
        None => (String::new(), operation_id.to_owned()),
    };
    let (path_parameters, other_parameters) = read_parameters(spec, resolver, raw, location, seen)?;
    check_template(spec, raw.path, &path_parameters, location)?;
    super::checks::check_path(spec, raw.path, location)?;
    super::checks::check_names(
        spec,
        operation_id,
        &path_parameters,
        &other_parameters,
        location,
    )?;

    let body = match &raw.operation.request_body {
        Some(item) => {
            let body_location = format!("{location}.requestBody");
            let body = resolver.request_body(item, &body_location)?;
            read_body(resolver, body, &body_location, seen)?
        }
        None => None,
    };

    let mut success = None;
    let mut has_schemaless_response = false;
    let responses = raw.operation.responses.responses.iter();
    let default = raw.operation.responses.default.iter();
    for (status, item) in responses
        .map(|(status, item)| (Some(status), item))
        .chain(default.map(|item| (None, item)))
    {
        let status_text = status.map_or_else(|| "default".to_owned(), ToString::to_string);
        let response_location = format!("{location}.responses.{status_text}");
        let response = resolver.response(item, &response_location)?;
        let schema = json_schema(response);
        if let Some(schema) = schema {
            resolver.check_schema(schema, &response_location, seen)?;
        } else {
            has_schemaless_response = true;
        }
        if success.is_none() && status.is_some_and(is_success) {
            success = Some((response, response_location));
        }
    }
    let pageable = raw.operation.extensions.contains_key("x-ms-pageable");
    let response = match success {
        Some((response, response_location)) => {
            read_response_shape(resolver, response, pageable, &response_location)?
        }
        None => ResponseShape::NoContent,
    };

    Ok(Operation {
        operation_id: operation_id.to_owned(),
        group,
        member,
        method: raw.method,
        path: raw.path.to_owned(),
        path_parameters,
        other_parameters,
        body,
        response,
        has_schemaless_response,
        repeatable: read_repeatable(spec, raw, location)?,
        docs: read_docs(spec, raw.operation, location)?,
    })
}

fn read_repeatable(spec: &LoadedSpec, raw: &RawOperation<'_>, location: &str) -> Result<bool> {
    match raw.operation.extensions.get("x-graph-repeatable") {
        None => Ok(raw.method.is_idempotent()),
        Some(Value::Bool(repeatable)) => Ok(*repeatable),
        Some(_) => Err(spec.error(
            &format!("{location}.x-graph-repeatable"),
            "expected true or false",
        )),
    }
}

fn is_success(status: &StatusCode) -> bool {
    match status {
        StatusCode::Code(code) => (200..300).contains(code),
        StatusCode::Range(range) => *range == 2,
    }
}

fn read_parameters<'a>(
    spec: &LoadedSpec,
    resolver: &Resolver<'a>,
    raw: &RawOperation<'a>,
    location: &str,
    seen: &mut HashSet<&'a str>,
) -> Result<(Vec<PathParameter>, Vec<OtherParameter>)> {
    let mut path = Vec::new();
    let mut other: Vec<OtherParameter> = Vec::new();
    // Path-item parameters first; an operation parameter with the same name and place wins.
    let declared = raw
        .shared_parameters
        .iter()
        .chain(&raw.operation.parameters)
        .enumerate();
    for (index, item) in declared {
        let parameter_location = format!("{location}.parameters[{index}]");
        let parameter = resolver.parameter(item, &parameter_location)?;
        let data = parameter.parameter_data_ref();
        let mut parameter_type = None;
        if let openapiv3::ParameterSchemaOrContent::Schema(schema) = &data.format {
            resolver.check_schema(schema, &parameter_location, seen)?;
            let named = resolver.schema(schema, &parameter_location)?;
            parameter_type = Some(value_type(
                resolver,
                named.name,
                named.schema,
                &parameter_location,
            )?);
        }
        let description = data.description.clone();
        match parameter {
            Parameter::Path { .. } => {
                path.retain(|p: &PathParameter| p.serialized_name != data.name);
                path.push(PathParameter {
                    serialized_name: data.name.clone(),
                    description,
                    key_type: data
                        .extensions
                        .get("x-ms-docs-key-type")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                });
            }
            Parameter::Query { .. } | Parameter::Header { .. } => {
                let location_kind = if matches!(parameter, Parameter::Query { .. }) {
                    ParameterLocation::Query
                } else {
                    ParameterLocation::Header
                };
                other.retain(|p| !(p.serialized_name == data.name && p.location == location_kind));
                other.push(OtherParameter {
                    serialized_name: data.name.clone(),
                    location: location_kind,
                    required: data.required,
                    description,
                    value_type: parameter_type,
                    // `form` (the query default) explodes unless told otherwise; `simple`
                    // (the header default) never does.
                    explode: data.explode.unwrap_or(matches!(
                        parameter,
                        Parameter::Query {
                            style: openapiv3::QueryStyle::Form,
                            ..
                        }
                    )),
                });
            }
            Parameter::Cookie { .. } => {
                return Err(spec.error(
                    &parameter_location,
                    &format!("cookie parameter `{}` is not supported", data.name),
                ));
            }
        }
    }
    Ok((path, other))
}

/// Every `{key}` in the template is a declared path parameter and vice versa.
fn check_template(
    spec: &LoadedSpec,
    template: &str,
    declared: &[PathParameter],
    location: &str,
) -> Result<()> {
    let mut used = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let Some(length) = rest[start..].find('}') else {
            return Err(spec.error(location, "path template has an unclosed `{`"));
        };
        used.push(&rest[start + 1..start + length]);
        rest = &rest[start + length + 1..];
    }
    for key in &used {
        if !declared.iter().any(|p| p.serialized_name == *key) {
            return Err(spec.error(
                location,
                &format!("path template uses `{{{key}}}` but no path parameter declares it"),
            ));
        }
    }
    for parameter in declared {
        if !used.contains(&parameter.serialized_name.as_str()) {
            return Err(spec.error(
                location,
                &format!(
                    "path parameter `{}` does not appear in the path template",
                    parameter.serialized_name
                ),
            ));
        }
    }
    Ok(())
}

fn json_media(content: &indexmap::IndexMap<String, MediaType>) -> Option<&MediaType> {
    content.get(JSON).or_else(|| {
        content
            .iter()
            .find(|(k, _)| k.contains("json"))
            .map(|(_, v)| v)
    })
}

fn json_schema(response: &Response) -> Option<&ReferenceOr<Schema>> {
    json_media(&response.content).and_then(|media| media.schema.as_ref())
}

fn read_body<'a>(
    resolver: &Resolver<'a>,
    body: &'a openapiv3::RequestBody,
    location: &str,
    seen: &mut HashSet<&'a str>,
) -> Result<Option<RequestBody>> {
    let Some(schema_item) = json_media(&body.content).and_then(|media| media.schema.as_ref())
    else {
        // A non-JSON body (binary upload): sent as bytes, no Expanded sets.
        let media_type = body
            .content
            .keys()
            .next()
            .cloned()
            .unwrap_or_else(|| "application/octet-stream".to_owned());
        return Ok(Some(RequestBody {
            is_object: false,
            required: body.required,
            description: body.description.clone(),
            properties: Vec::new(),
            additional_properties: false,
            raw_media_type: Some(media_type),
        }));
    };
    resolver.check_schema(schema_item, location, seen)?;
    let named = resolver.schema(schema_item, location)?;
    let mut properties = Vec::new();
    let mut additional_properties = false;
    let mut is_object = false;
    collect_properties(
        resolver,
        named.schema,
        location,
        &mut properties,
        &mut additional_properties,
        &mut is_object,
    )?;
    Ok(Some(RequestBody {
        is_object,
        required: body.required,
        description: body.description.clone(),
        properties,
        additional_properties,
        raw_media_type: None,
    }))
}

/// Writable properties of an object schema, inherited (`allOf`) ones first.
fn collect_properties<'a>(
    resolver: &Resolver<'a>,
    schema: &'a Schema,
    location: &str,
    properties: &mut Vec<BodyProperty>,
    additional: &mut bool,
    is_object: &mut bool,
) -> Result<()> {
    let mut object = ObjectShape {
        properties,
        additional,
        is_object,
        bases: Vec::new(),
    };
    object.collect(resolver, schema, location)
}

/// What [`collect_properties`] gathers, with the allOf bases it is inside of: a base that
/// names, through its own bases, the one being read (a cycle of `allOf`s) adds nothing more.
struct ObjectShape<'p, 'a> {
    properties: &'p mut Vec<BodyProperty>,
    additional: &'p mut bool,
    is_object: &'p mut bool,
    bases: Vec<&'a str>,
}

impl<'a> ObjectShape<'_, 'a> {
    fn collect(
        &mut self,
        resolver: &Resolver<'a>,
        schema: &'a Schema,
        location: &str,
    ) -> Result<()> {
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => {
                *self.is_object = true;
                *self.additional |= !matches!(
                    object.additional_properties,
                    None | Some(AdditionalProperties::Any(false))
                );
                for (name, item) in &object.properties {
                    let property = resolver.boxed_schema(item, location)?;
                    if property.schema.schema_data.read_only {
                        continue;
                    }
                    self.properties
                        .retain(|p: &BodyProperty| p.json_name != *name);
                    self.properties.push(BodyProperty {
                        json_name: name.clone(),
                        value_type: value_type(resolver, property.name, property.schema, location)?,
                        description: property.schema.schema_data.description.clone(),
                    });
                }
            }
            SchemaKind::AllOf { all_of } => {
                for item in all_of {
                    let part = resolver.schema(item, location)?;
                    if let Some(name) = part.name {
                        if self.bases.contains(&name) {
                            continue;
                        }
                        self.bases.push(name);
                    }
                    self.collect(resolver, part.schema, location)?;
                    if part.name.is_some() {
                        self.bases.pop();
                    }
                }
            }
            SchemaKind::Any(any)
                if !any.properties.is_empty() || any.additional_properties.is_some() =>
            {
                *self.is_object = true;
                *self.additional |= !matches!(
                    any.additional_properties,
                    None | Some(AdditionalProperties::Any(false))
                );
                for (name, item) in &any.properties {
                    let property = resolver.boxed_schema(item, location)?;
                    self.properties.push(BodyProperty {
                        json_name: name.clone(),
                        value_type: value_type(resolver, property.name, property.schema, location)?,
                        description: property.schema.schema_data.description.clone(),
                    });
                }
            }
            // Dictionaries and free-form objects are objects too: the SDK expands them.
            SchemaKind::Any(_) => *self.is_object = true,
            _ => {}
        }
        Ok(())
    }
}

fn value_type<'a>(
    resolver: &Resolver<'a>,
    name: Option<&'a str>,
    schema: &'a Schema,
    location: &str,
) -> Result<ValueType> {
    value_type_within(resolver, name, schema, location, &mut Vec::new())
}

/// [`value_type`], `aliases` holding the named non-object schemas being described: one that
/// comes back inside itself (`a: {type: array, items: {$ref: a}}`) has no end, and is any JSON.
fn value_type_within<'a>(
    resolver: &Resolver<'a>,
    name: Option<&'a str>,
    schema: &'a Schema,
    location: &str,
    aliases: &mut Vec<&'a str>,
) -> Result<ValueType> {
    if let Some(name) = name {
        if matches!(
            schema.schema_kind,
            SchemaKind::Type(Type::Object(_)) | SchemaKind::AllOf { .. }
        ) {
            return Ok(ValueType::Object(Some(name.to_owned())));
        }
        // A named enum or primitive: describe the primitive.
        if aliases.contains(&name) {
            return Ok(ValueType::Any);
        }
        aliases.push(name);
        let described = value_type_within(resolver, None, schema, location, aliases);
        aliases.pop();
        return described;
    }
    Ok(match &schema.schema_kind {
        SchemaKind::Type(Type::String(_)) => ValueType::String,
        SchemaKind::Type(Type::Boolean(_)) => ValueType::Boolean,
        SchemaKind::Type(Type::Integer(_)) => ValueType::Integer,
        SchemaKind::Type(Type::Number(_)) => ValueType::Number,
        SchemaKind::Type(Type::Array(array)) => match &array.items {
            Some(items) => {
                let item = resolver.boxed_schema(items, location)?;
                ValueType::Array(Box::new(value_type_within(
                    resolver,
                    item.name,
                    item.schema,
                    location,
                    aliases,
                )?))
            }
            None => ValueType::Array(Box::new(ValueType::Any)),
        },
        SchemaKind::Type(Type::Object(_)) => ValueType::Object(None),
        SchemaKind::AnyOf { any_of: list } | SchemaKind::OneOf { one_of: list } => {
            // Graph writes nullable references as `anyOf: [$ref, {type: object, nullable}]`.
            let mut types = Vec::new();
            for item in list {
                let part = resolver.schema(item, location)?;
                if part.name.is_some() || !part.schema.schema_data.nullable {
                    types.push(value_type_within(
                        resolver,
                        part.name,
                        part.schema,
                        location,
                        aliases,
                    )?);
                }
            }
            if types.len() == 1 {
                types.remove(0)
            } else {
                ValueType::Any
            }
        }
        SchemaKind::AllOf { .. } | SchemaKind::Not { .. } | SchemaKind::Any(_) => ValueType::Any,
    })
}

fn read_response_shape(
    resolver: &Resolver<'_>,
    response: &Response,
    pageable: bool,
    location: &str,
) -> Result<ResponseShape> {
    let Some(item) = json_schema(response) else {
        return Ok(if response.content.is_empty() {
            ResponseShape::NoContent
        } else if response.content.contains_key(JSON)
            || response.content.keys().any(|k| k.contains("json"))
        {
            // JSON without a schema: any JSON value.
            ResponseShape::Model(ValueType::Any)
        } else {
            ResponseShape::Binary
        });
    };
    let named = resolver.schema(item, location)?;
    let mut properties = Vec::new();
    let (mut additional, mut is_object) = (false, false);
    collect_properties(
        resolver,
        named.schema,
        location,
        &mut properties,
        &mut additional,
        &mut is_object,
    )?;
    if pageable {
        let item_type = match properties.iter().find(|p| p.json_name == "value") {
            Some(BodyProperty {
                value_type: ValueType::Array(item),
                ..
            }) => (**item).clone(),
            _ => ValueType::Any,
        };
        return Ok(ResponseShape::Pageable { item_type });
    }
    if properties.len() == 1 {
        let property = properties.remove(0);
        return Ok(ResponseShape::SingleValue {
            property: property.json_name,
            value_type: property.value_type,
        });
    }
    Ok(ResponseShape::Model(value_type(
        resolver,
        named.name,
        named.schema,
        location,
    )?))
}

fn read_docs(
    spec: &LoadedSpec,
    operation: &openapiv3::Operation,
    location: &str,
) -> Result<OperationDocs> {
    let extensions = &operation.extensions;
    let deprecation = operation.deprecated.then(|| {
        let marker = extensions.get("x-ms-deprecation");
        let field = |name: &str| {
            marker
                .and_then(|m| m.get(name))
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        Deprecation {
            date: field("date"),
            removal_date: field("removalDate"),
            version: field("version"),
            description: field("description"),
        }
    });
    let permissions = match extensions.get("x-graph-permissions") {
        None => Vec::new(),
        Some(value) => read_permissions(value).ok_or_else(|| {
            spec.error(
                &format!("{location}.x-graph-permissions"),
                "expected a list of {type, leastPrivileged: [..], higherPrivileged: [..]}",
            )
        })?,
    };
    let national_clouds = match extensions.get("x-graph-national-clouds") {
        None => Vec::new(),
        Some(value) => string_list(value).ok_or_else(|| {
            spec.error(
                &format!("{location}.x-graph-national-clouds"),
                "expected a list of environment names",
            )
        })?,
    };
    Ok(OperationDocs {
        summary: operation.summary.clone(),
        description: operation.description.clone(),
        external_docs: operation.external_docs.as_ref().map(|d| d.url.clone()),
        deprecation,
        permissions,
        national_clouds,
    })
}

fn string_list(value: &Value) -> Option<Vec<String>> {
    value
        .as_array()?
        .iter()
        .map(|v| v.as_str().map(str::to_owned))
        .collect()
}

fn read_permissions(value: &Value) -> Option<Vec<PermissionRow>> {
    value
        .as_array()?
        .iter()
        .map(|row| {
            Some(PermissionRow {
                permission_type: row.get("type")?.as_str()?.to_owned(),
                least_privileged: row
                    .get("leastPrivileged")
                    .map_or(Some(Vec::new()), string_list)?,
                higher_privileged: row
                    .get("higherPrivileged")
                    .map_or(Some(Vec::new()), string_list)?,
            })
        })
        .collect()
}
