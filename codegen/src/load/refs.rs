//! Resolving local `$ref`s (`#/components/<kind>/<name>`) with errors that name the place.

use std::collections::HashSet;
use std::path::Path;

use openapiv3::{
    AdditionalProperties, OpenAPI, Parameter, ReferenceOr, RequestBody, Response, Schema,
    SchemaKind, Type,
};

use crate::error::{Error, Result};

pub struct Resolver<'a> {
    path: &'a Path,
    document: &'a OpenAPI,
}

/// A schema together with the component name it was reached through, if any.
pub struct Named<'a> {
    pub name: Option<&'a str>,
    pub schema: &'a Schema,
}

impl<'a> Resolver<'a> {
    pub fn new(path: &'a Path, document: &'a OpenAPI) -> Self {
        Self { path, document }
    }

    fn dangling(&self, location: &str, reference: &str) -> Error {
        Error::Spec {
            path: self.path.to_owned(),
            location: location.to_owned(),
            message: format!("dangling $ref `{reference}`: no such component"),
        }
    }

    /// The component name of `#/components/<kind>/<name>`, or an error naming `location`.
    fn component_name(&self, reference: &str, kind: &str, location: &str) -> Result<String> {
        let prefix = format!("#/components/{kind}/");
        reference
            .strip_prefix(&prefix)
            .filter(|name| !name.is_empty() && !name.contains('/'))
            .map(|name| name.replace("~1", "/").replace("~0", "~"))
            .ok_or_else(|| Error::Spec {
                path: self.path.to_owned(),
                location: location.to_owned(),
                message: format!(
                    "unsupported $ref `{reference}`: expected a local `{prefix}<name>` reference"
                ),
            })
    }

    pub fn parameter(
        &self,
        item: &'a ReferenceOr<Parameter>,
        location: &str,
    ) -> Result<&'a Parameter> {
        let mut current = item;
        for _ in 0..16 {
            match current {
                ReferenceOr::Item(parameter) => return Ok(parameter),
                ReferenceOr::Reference { reference } => {
                    let name = self.component_name(reference, "parameters", location)?;
                    current = self
                        .document
                        .components
                        .as_ref()
                        .and_then(|c| c.parameters.get(&name))
                        .ok_or_else(|| self.dangling(location, reference))?;
                }
            }
        }
        Err(self.cycle(location))
    }

    pub fn request_body(
        &self,
        item: &'a ReferenceOr<RequestBody>,
        location: &str,
    ) -> Result<&'a RequestBody> {
        let mut current = item;
        for _ in 0..16 {
            match current {
                ReferenceOr::Item(body) => return Ok(body),
                ReferenceOr::Reference { reference } => {
                    let name = self.component_name(reference, "requestBodies", location)?;
                    current = self
                        .document
                        .components
                        .as_ref()
                        .and_then(|c| c.request_bodies.get(&name))
                        .ok_or_else(|| self.dangling(location, reference))?;
                }
            }
        }
        Err(self.cycle(location))
    }

    pub fn response(
        &self,
        item: &'a ReferenceOr<Response>,
        location: &str,
    ) -> Result<&'a Response> {
        let mut current = item;
        for _ in 0..16 {
            match current {
                ReferenceOr::Item(response) => return Ok(response),
                ReferenceOr::Reference { reference } => {
                    let name = self.component_name(reference, "responses", location)?;
                    current = self
                        .document
                        .components
                        .as_ref()
                        .and_then(|c| c.responses.get(&name))
                        .ok_or_else(|| self.dangling(location, reference))?;
                }
            }
        }
        Err(self.cycle(location))
    }

    /// Follows a schema reference to the schema itself.
    pub fn schema(&self, item: &'a ReferenceOr<Schema>, location: &str) -> Result<Named<'a>> {
        match item {
            ReferenceOr::Item(schema) => Ok(Named { name: None, schema }),
            ReferenceOr::Reference { reference } => self.schema_by_reference(reference, location),
        }
    }

    pub fn boxed_schema(
        &self,
        item: &'a ReferenceOr<Box<Schema>>,
        location: &str,
    ) -> Result<Named<'a>> {
        match item {
            ReferenceOr::Item(schema) => Ok(Named { name: None, schema }),
            ReferenceOr::Reference { reference } => self.schema_by_reference(reference, location),
        }
    }

    fn schema_by_reference(&self, reference: &str, location: &str) -> Result<Named<'a>> {
        let mut reference = reference.to_owned();
        for _ in 0..16 {
            let name = self.component_name(&reference, "schemas", location)?;
            let (key, item) = self
                .document
                .components
                .as_ref()
                .and_then(|c| c.schemas.get_key_value(&name))
                .ok_or_else(|| self.dangling(location, &reference))?;
            match item {
                ReferenceOr::Item(schema) => {
                    return Ok(Named {
                        name: Some(key.as_str()),
                        schema,
                    });
                }
                ReferenceOr::Reference { reference: next } => reference = next.clone(),
            }
        }
        Err(self.cycle(location))
    }

    fn cycle(&self, location: &str) -> Error {
        Error::Spec {
            path: self.path.to_owned(),
            location: location.to_owned(),
            message: "$ref chain does not end (cycle of references)".to_owned(),
        }
    }

    /// Checks every `$ref` reachable from `schema`, once per named schema (`seen`), so a
    /// dangling reference deep inside a model is reported where it is written.
    pub fn check_schema(
        &self,
        item: &'a ReferenceOr<Schema>,
        location: &str,
        seen: &mut HashSet<&'a str>,
    ) -> Result<()> {
        let named = self.schema(item, location)?;
        self.check_named(named, location, seen)
    }

    fn check_boxed(
        &self,
        item: &'a ReferenceOr<Box<Schema>>,
        location: &str,
        seen: &mut HashSet<&'a str>,
    ) -> Result<()> {
        let named = self.boxed_schema(item, location)?;
        self.check_named(named, location, seen)
    }

    fn check_named(
        &self,
        named: Named<'a>,
        location: &str,
        seen: &mut HashSet<&'a str>,
    ) -> Result<()> {
        let owned_location;
        let location = match named.name {
            Some(name) => {
                if !seen.insert(name) {
                    return Ok(());
                }
                owned_location = format!("components.schemas.'{name}'");
                owned_location.as_str()
            }
            None => location,
        };
        match &named.schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => {
                for (property, schema) in &object.properties {
                    self.check_boxed(schema, &format!("{location}.properties.{property}"), seen)?;
                }
                if let Some(AdditionalProperties::Schema(schema)) = &object.additional_properties {
                    self.check_schema(schema, &format!("{location}.additionalProperties"), seen)?;
                }
            }
            SchemaKind::Type(Type::Array(array)) => {
                if let Some(items) = &array.items {
                    self.check_boxed(items, &format!("{location}.items"), seen)?;
                }
            }
            SchemaKind::Type(_) => {}
            SchemaKind::OneOf { one_of: list }
            | SchemaKind::AllOf { all_of: list }
            | SchemaKind::AnyOf { any_of: list } => {
                for (index, schema) in list.iter().enumerate() {
                    self.check_schema(schema, &format!("{location}[{index}]"), seen)?;
                }
            }
            SchemaKind::Not { not } => self.check_schema(not, &format!("{location}.not"), seen)?,
            SchemaKind::Any(any) => {
                for (property, schema) in &any.properties {
                    self.check_boxed(schema, &format!("{location}.properties.{property}"), seen)?;
                }
                if let Some(items) = &any.items {
                    self.check_boxed(items, &format!("{location}.items"), seen)?;
                }
                for (index, schema) in any
                    .one_of
                    .iter()
                    .chain(&any.all_of)
                    .chain(&any.any_of)
                    .enumerate()
                {
                    self.check_schema(schema, &format!("{location}[{index}]"), seen)?;
                }
                if let Some(AdditionalProperties::Schema(schema)) = &any.additional_properties {
                    self.check_schema(schema, &format!("{location}.additionalProperties"), seen)?;
                }
            }
        }
        Ok(())
    }
}
