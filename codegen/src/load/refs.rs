//! Resolving local `$ref`s (`#/components/<kind>/<name>`) with errors that name the place.

use std::borrow::Cow;
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
    /// Borrowed unless the name has JSON-pointer escapes (`~1`, `~0`).
    fn component_name<'r>(
        &self,
        reference: &'r str,
        kind: &str,
        location: &dyn Fn() -> String,
    ) -> Result<Cow<'r, str>> {
        let name = reference
            .strip_prefix("#/components/")
            .and_then(|rest| rest.strip_prefix(kind))
            .and_then(|rest| rest.strip_prefix('/'))
            .filter(|name| !name.is_empty() && !name.contains('/'));
        match name {
            Some(name) if name.contains('~') => {
                Ok(Cow::Owned(name.replace("~1", "/").replace("~0", "~")))
            }
            Some(name) => Ok(Cow::Borrowed(name)),
            None => Err(Error::Spec {
                path: self.path.to_owned(),
                location: location(),
                message: format!(
                    "unsupported $ref `{reference}`: expected a local `#/components/{kind}/<name>` reference"
                ),
            }),
        }
    }

    /// Follows `$ref`s through one kind of component (`parameters`, `responses`, …) until an
    /// inline item, bounded so a reference cycle is an error rather than a hang.
    fn follow<T>(
        &self,
        item: &'a ReferenceOr<T>,
        kind: &str,
        table: impl Fn(&'a openapiv3::Components) -> &'a indexmap::IndexMap<String, ReferenceOr<T>>,
        location: &str,
    ) -> Result<&'a T> {
        let mut current = item;
        for _ in 0..16 {
            match current {
                ReferenceOr::Item(item) => return Ok(item),
                ReferenceOr::Reference { reference } => {
                    let name = self.component_name(reference, kind, &|| location.to_owned())?;
                    current = self
                        .document
                        .components
                        .as_ref()
                        .and_then(|components| table(components).get(name.as_ref()))
                        .ok_or_else(|| self.dangling(location, reference))?;
                }
            }
        }
        Err(self.cycle(location))
    }

    pub fn parameter(
        &self,
        item: &'a ReferenceOr<Parameter>,
        location: &str,
    ) -> Result<&'a Parameter> {
        self.follow(item, "parameters", |c| &c.parameters, location)
    }

    pub fn request_body(
        &self,
        item: &'a ReferenceOr<RequestBody>,
        location: &str,
    ) -> Result<&'a RequestBody> {
        self.follow(item, "requestBodies", |c| &c.request_bodies, location)
    }

    pub fn response(
        &self,
        item: &'a ReferenceOr<Response>,
        location: &str,
    ) -> Result<&'a Response> {
        self.follow(item, "responses", |c| &c.responses, location)
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

    pub fn schema_by_reference(&self, reference: &str, location: &str) -> Result<Named<'a>> {
        self.schema_at(reference, &|| location.to_owned())
    }

    /// [`Self::schema_by_reference`] with the location made only for an error: walks that
    /// visit every property of every reached model resolve a reference per property.
    pub fn schema_at(&self, reference: &str, location: &dyn Fn() -> String) -> Result<Named<'a>> {
        let schemas = self.document.components.as_ref().map(|c| &c.schemas);
        let mut reference: Cow<'_, str> = Cow::Borrowed(reference);
        for _ in 0..16 {
            let name = self.component_name(&reference, "schemas", location)?;
            let (key, item) = schemas
                .and_then(|schemas| schemas.get_key_value(name.as_ref()))
                .ok_or_else(|| self.dangling(&location(), &reference))?;
            match item {
                ReferenceOr::Item(schema) => {
                    return Ok(Named {
                        name: Some(key.as_str()),
                        schema,
                    });
                }
                ReferenceOr::Reference { reference: next } => reference = Cow::Owned(next.clone()),
            }
        }
        Err(self.cycle(&location()))
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
        self.check_item(item, &|| location.to_owned(), seen)
    }

    // Locations are built lazily: the walk visits every property of every model the operations
    // reach, and only an error needs the text.
    fn check_item(
        &self,
        item: &'a ReferenceOr<Schema>,
        location: &dyn Fn() -> String,
        seen: &mut HashSet<&'a str>,
    ) -> Result<()> {
        let named = match item {
            ReferenceOr::Item(schema) => Named { name: None, schema },
            ReferenceOr::Reference { reference } => self.schema_at(reference, location)?,
        };
        self.check_named(named, location, seen)
    }

    fn check_boxed(
        &self,
        item: &'a ReferenceOr<Box<Schema>>,
        location: &dyn Fn() -> String,
        seen: &mut HashSet<&'a str>,
    ) -> Result<()> {
        let named = match item {
            ReferenceOr::Item(schema) => Named { name: None, schema },
            ReferenceOr::Reference { reference } => self.schema_at(reference, location)?,
        };
        self.check_named(named, location, seen)
    }

    fn check_named(
        &self,
        named: Named<'a>,
        location: &dyn Fn() -> String,
        seen: &mut HashSet<&'a str>,
    ) -> Result<()> {
        let component_location;
        let location: &dyn Fn() -> String = match named.name {
            Some(name) => {
                if !seen.insert(name) {
                    return Ok(());
                }
                component_location = move || format!("components.schemas.'{name}'");
                &component_location
            }
            None => location,
        };
        let properties = |properties: &'a indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
                          seen: &mut HashSet<&'a str>|
         -> Result<()> {
            for (property, schema) in properties {
                self.check_boxed(
                    schema,
                    &|| format!("{}.properties.{property}", location()),
                    seen,
                )?;
            }
            Ok(())
        };
        let additional =
            |extra: &'a Option<AdditionalProperties>, seen: &mut HashSet<&'a str>| match extra {
                Some(AdditionalProperties::Schema(schema)) => self.check_item(
                    schema,
                    &|| format!("{}.additionalProperties", location()),
                    seen,
                ),
                _ => Ok(()),
            };
        let list = |list: &'a [ReferenceOr<Schema>], seen: &mut HashSet<&'a str>| -> Result<()> {
            for (index, schema) in list.iter().enumerate() {
                self.check_item(schema, &|| format!("{}[{index}]", location()), seen)?;
            }
            Ok(())
        };
        match &named.schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => {
                properties(&object.properties, seen)?;
                additional(&object.additional_properties, seen)?;
            }
            SchemaKind::Type(Type::Array(array)) => {
                if let Some(items) = &array.items {
                    self.check_boxed(items, &|| format!("{}.items", location()), seen)?;
                }
            }
            SchemaKind::Type(_) => {}
            SchemaKind::OneOf { one_of: items }
            | SchemaKind::AllOf { all_of: items }
            | SchemaKind::AnyOf { any_of: items } => list(items, seen)?,
            SchemaKind::Not { not } => {
                self.check_item(not, &|| format!("{}.not", location()), seen)?
            }
            SchemaKind::Any(any) => {
                properties(&any.properties, seen)?;
                if let Some(items) = &any.items {
                    self.check_boxed(items, &|| format!("{}.items", location()), seen)?;
                }
                list(&any.one_of, seen)?;
                list(&any.all_of, seen)?;
                list(&any.any_of, seen)?;
                additional(&any.additional_properties, seen)?;
            }
        }
        Ok(())
    }
}
