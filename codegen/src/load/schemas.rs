//! The component schemas the operations reach, as [`Models`]: request bodies, answers and
//! every schema those name through `$ref`, `allOf`, properties, `items`,
//! `additionalProperties`, `anyOf`/`oneOf`, plus the types derived from a reached one (Graph
//! sends them where the base is declared, tagged with `@odata.type`). Nothing else.
//!
//! A shape that cannot be typed becomes [`TypeRef::Json`] for that one place, with a note.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::rc::Rc;

use heck::{ToSnakeCase, ToUpperCamelCase};
use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaKind, StatusCode, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};

use super::refs::Resolver;
use super::spec::{LoadedSpec, operations_in_order};
use crate::emit::names::is_identifier;
use crate::error::Result;
use crate::model::{
    BodyType, EnumModel, Field, ModelKind, ModelType, Models, Operation, OperationTypes,
    ResponseShape, StructModel, TypeRef,
};

const GRAPH_PREFIX: &str = "microsoft.graph.";

/// Where in the spec a walk stands, made into text only for a note: the walk visits every
/// property of every reached model, and almost none of them needs its location spelled.
type Location<'l> = &'l dyn Fn() -> String;
/// Bounds the allOf walk, so a cycle of bases is a note rather than a hang.
const MAX_INHERITANCE: usize = 32;

/// The models of `operations` (already read from `spec`), and a note per place that fell back
/// to open JSON.
pub fn read_models(spec: &LoadedSpec, operations: &[Operation]) -> Result<(Models, Vec<String>)> {
    let mut walk = Walk::new(spec);
    let raw: HashMap<&str, _> = operations_in_order(spec)?
        .into_iter()
        .filter_map(|raw| Some((raw.operation.operation_id.as_deref()?, raw)))
        .collect();
    let mut per_operation = Vec::new();
    for operation in operations {
        let Some(raw) = raw.get(operation.operation_id.as_str()) else {
            per_operation.push(OperationTypes::default());
            continue;
        };
        let location = format!("operation {}", operation.operation_id);
        let location: Location = &|| location.clone();
        let body = raw
            .operation
            .request_body
            .as_ref()
            .and_then(|item| walk.resolver.request_body(item, &location()).ok())
            .and_then(|body| json_schema(&body.content))
            .map(|schema| walk.body_type(schema, location));
        let response = success_schema(&walk.resolver, raw.operation, &location())
            .and_then(|schema| walk.response_type(schema, &operation.response, location));
        per_operation.push(OperationTypes { body, response });
    }
    walk.finish();
    let types = walk.build_types();
    Ok((
        Models {
            types,
            operations: per_operation,
        },
        walk.notes,
    ))
}

fn json_schema(
    content: &indexmap::IndexMap<String, openapiv3::MediaType>,
) -> Option<&ReferenceOr<Schema>> {
    content
        .get("application/json")
        .or_else(|| {
            content
                .iter()
                .find(|(k, _)| k.contains("json"))
                .map(|(_, v)| v)
        })
        .and_then(|media| media.schema.as_ref())
}

fn success_schema<'a>(
    resolver: &Resolver<'a>,
    operation: &'a openapiv3::Operation,
    location: &str,
) -> Option<&'a ReferenceOr<Schema>> {
    let (_, item) = operation
        .responses
        .responses
        .iter()
        .find(|(status, _)| match status {
            StatusCode::Code(code) => (200..300).contains(code),
            StatusCode::Range(range) => *range == 2,
        })?;
    json_schema(&resolver.response(item, location).ok()?.content)
}

struct Walk<'a> {
    resolver: Resolver<'a>,
    components: BTreeMap<&'a str, &'a ReferenceOr<Schema>>,
    /// Base wire name → names of the schemas whose allOf names it.
    derived_of: HashMap<&'a str, Vec<&'a str>>,
    reached: BTreeSet<&'a str>,
    queue: Vec<&'a str>,
    /// Struct fields and enum members, by wire name, filled as the queue drains.
    built: BTreeMap<&'a str, (Option<String>, ModelKind)>,
    /// The fields of each allOf base, inherited ones included, made once: Graph's types
    /// share a few deep chains (entity → directoryObject → …), read for every derived type.
    inherited: HashMap<&'a str, Rc<[Field]>>,
    /// snake_case of each property name: the same names recur across most types.
    snake: HashMap<String, String>,
    /// The named non-object schemas whose inline type is being read, innermost last.
    aliases: Vec<&'a str>,
    /// The structs whose fields are being collected: the one being built and the allOf bases
    /// it is inside of, innermost last.
    flattening: Vec<&'a str>,
    notes: Vec<String>,
}

impl<'a> Walk<'a> {
    fn new(spec: &'a LoadedSpec) -> Self {
        let components: BTreeMap<&str, &ReferenceOr<Schema>> = spec
            .document
            .components
            .iter()
            .flat_map(|c| &c.schemas)
            .map(|(name, schema)| (name.as_str(), schema))
            .collect();
        let mut derived_of: HashMap<&str, Vec<&str>> = HashMap::new();
        for (name, item) in &components {
            if let ReferenceOr::Item(Schema {
                schema_kind: SchemaKind::AllOf { all_of },
                ..
            }) = item
            {
                for part in all_of {
                    if let ReferenceOr::Reference { reference } = part
                        && let Some(base) = reference.strip_prefix("#/components/schemas/")
                        && let Some((base, _)) = components.get_key_value(base)
                    {
                        derived_of.entry(base).or_default().push(name);
                    }
                }
            }
        }
        Walk {
            resolver: spec.resolver(),
            components,
            derived_of,
            reached: BTreeSet::new(),
            queue: Vec::new(),
            built: BTreeMap::new(),
            inherited: HashMap::new(),
            snake: HashMap::new(),
            aliases: Vec::new(),
            flattening: Vec::new(),
            notes: Vec::new(),
        }
    }

    fn note(&mut self, location: Location, message: &str) {
        self.notes.push(format!(
            "{}: {message}; kept as serde_json::Value",
            location()
        ));
    }

    /// Marks a component reached (with the types derived from it) and queues it.
    fn reach(&mut self, name: &'a str) {
        if self.reached.insert(name) {
            self.queue.push(name);
            let derived = self.derived_of.get(name).cloned().unwrap_or_default();
            for child in derived {
                self.reach(child);
            }
        }
    }

    fn finish(&mut self) {
        while let Some(name) = self.queue.pop() {
            let location = format!("components.schemas.'{name}'");
            let Some(ReferenceOr::Item(schema)) = self.components.get(name).copied() else {
                continue;
            };
            let kind = match enum_members(schema) {
                Some(members) => ModelKind::Enum(self.enum_model(schema, members, &location)),
                None => {
                    let mut model = StructModel::default();
                    self.flattening.push(name);
                    self.collect_fields(schema, &|| location.clone(), &mut model, 0);
                    self.flattening.pop();
                    dedupe_fields(&mut model.fields);
                    ModelKind::Struct(model)
                }
            };
            let description = schema.schema_data.description.clone();
            self.built.insert(name, (description, kind));
        }
    }

    /// The type a schema item stands for, reaching the components it names.
    fn type_of(&mut self, item: &'a ReferenceOr<Schema>, location: Location) -> TypeRef {
        match item {
            ReferenceOr::Item(schema) => self.inline_type(schema, location),
            ReferenceOr::Reference { reference } => self.named_type(reference, location),
        }
    }

    fn boxed_type_of(&mut self, item: &'a ReferenceOr<Box<Schema>>, location: Location) -> TypeRef {
        match item {
            ReferenceOr::Item(schema) => self.inline_type(schema, location),
            ReferenceOr::Reference { reference } => self.named_type(reference, location),
        }
    }

    fn named_type(&mut self, reference: &str, location: Location) -> TypeRef {
        let named = match self.resolver.schema_at(reference, location) {
            Ok(named) => named,
            Err(error) => {
                self.note(location, &error.to_string());
                return TypeRef::Json;
            }
        };
        let Some(name) = named.name else {
            return self.inline_type(named.schema, location);
        };
        let modelled = enum_members(named.schema).is_some()
            || matches!(
                named.schema.schema_kind,
                SchemaKind::Type(Type::Object(_)) | SchemaKind::AllOf { .. }
            )
            || matches!(&named.schema.schema_kind, SchemaKind::Any(any) if !any.properties.is_empty());
        if !modelled {
            // A named primitive (`ReferenceNumeric`, an alias of string): its inline type,
            // unless it comes back inside itself with no model in between (`a: {type: array,
            // items: {$ref: a}}`), which has no end.
            if self.aliases.contains(&name) {
                self.note(
                    location,
                    &format!("`{name}` contains itself with no object in between"),
                );
                return TypeRef::Json;
            }
            self.aliases.push(name);
            let ty = self.inline_type(named.schema, location);
            self.aliases.pop();
            return ty;
        }
        self.reach(name);
        TypeRef::Model(name.to_owned())
    }

    fn inline_type(&mut self, schema: &'a Schema, location: Location) -> TypeRef {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => match &string.format {
                VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => TypeRef::DateTime,
                VariantOrUnknownOrEmpty::Item(StringFormat::Date) => TypeRef::Date,
                VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => TypeRef::Bytes,
                VariantOrUnknownOrEmpty::Unknown(format) => match format.as_str() {
                    "time" => TypeRef::TimeOfDay,
                    "duration" => TypeRef::Duration,
                    "uuid" => TypeRef::Uuid,
                    "base64url" | "byte" => TypeRef::Bytes,
                    _ => TypeRef::String,
                },
                _ => TypeRef::String,
            },
            SchemaKind::Type(Type::Boolean(_)) => TypeRef::Bool,
            SchemaKind::Type(Type::Integer(integer)) => match &integer.format {
                VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => TypeRef::Int32,
                VariantOrUnknownOrEmpty::Unknown(f) if f == "int16" || f == "int8" => {
                    TypeRef::Int32
                }
                _ => TypeRef::Int64,
            },
            SchemaKind::Type(Type::Number(number)) => match &number.format {
                VariantOrUnknownOrEmpty::Unknown(f) if f == "decimal" => TypeRef::Decimal,
                VariantOrUnknownOrEmpty::Unknown(f) if f == "int64" => TypeRef::Int64,
                VariantOrUnknownOrEmpty::Unknown(f) if f == "int32" => TypeRef::Int32,
                _ => TypeRef::Double,
            },
            SchemaKind::Type(Type::Array(array)) => {
                let item = match &array.items {
                    Some(items) => self.boxed_type_of(items, &|| format!("{}.items", location())),
                    None => TypeRef::Json,
                };
                TypeRef::Array(Box::new(item))
            }
            SchemaKind::Type(Type::Object(object)) => {
                if !object.properties.is_empty() {
                    self.note(location, "inline object with properties");
                } else if let Some(AdditionalProperties::Schema(values)) =
                    &object.additional_properties
                {
                    // A dictionary: its values' models are reached all the same.
                    self.type_of(values, &|| format!("{}.additionalProperties", location()));
                }
                TypeRef::Json
            }
            SchemaKind::OneOf { one_of: list } | SchemaKind::AnyOf { any_of: list } => {
                self.alternatives(list, location)
            }
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => self.type_of(&all_of[0], location),
            SchemaKind::Any(any) if !any.properties.is_empty() => {
                self.note(location, "inline object with properties");
                TypeRef::Json
            }
            // An untyped enum of strings (`ReferenceNumeric`: `-INF`, `INF`, `NaN`).
            SchemaKind::Any(any)
                if !any.enumeration.is_empty() && any.enumeration.iter().all(|v| v.is_string()) =>
            {
                TypeRef::String
            }
            SchemaKind::Any(_) => TypeRef::Json,
            SchemaKind::AllOf { .. } | SchemaKind::Not { .. } => {
                self.note(location, "inline allOf/not");
                TypeRef::Json
            }
        }
    }

    /// `anyOf`/`oneOf`: a nullable reference (`[$ref, {type: object, nullable}]`) is its
    /// reference; Graph's number-or-special-string doubles are a double; anything else is JSON.
    fn alternatives(&mut self, list: &'a [ReferenceOr<Schema>], location: Location) -> TypeRef {
        let mut types = Vec::new();
        for (index, item) in list.iter().enumerate() {
            let nullable_placeholder = matches!(item, ReferenceOr::Item(schema)
                if schema.schema_data.nullable && matches!(schema.schema_kind, SchemaKind::Type(Type::Object(_)) | SchemaKind::Any(_)));
            if !nullable_placeholder {
                let part = self.type_of(item, &|| format!("{}[{index}]", location()));
                if !types.contains(&part) {
                    types.push(part);
                }
            }
        }
        let numeric = types
            .iter()
            .find(|t| {
                matches!(
                    t,
                    TypeRef::Double | TypeRef::Decimal | TypeRef::Int32 | TypeRef::Int64
                )
            })
            .cloned();
        match (types.len(), numeric) {
            (1, _) => types.remove(0),
            (_, Some(number)) if types.iter().all(|t| *t == number || *t == TypeRef::String) => {
                match number {
                    TypeRef::Decimal => TypeRef::Decimal,
                    _ => TypeRef::Double,
                }
            }
            _ => {
                self.note(location, "oneOf/anyOf of several types");
                TypeRef::Json
            }
        }
    }

    fn enum_model(
        &mut self,
        schema: &'a Schema,
        members: Vec<&'a str>,
        location: &str,
    ) -> EnumModel {
        let flags = schema
            .schema_data
            .extensions
            .get("x-ms-enum-flags")
            .and_then(|flags| flags.get("isFlags"))
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false);
        let mut named: Vec<(String, String)> = Vec::new();
        for member in members {
            let variant = member.to_upper_camel_case();
            if !is_identifier(&variant) {
                self.notes.push(format!(
                    "{location}: enum member {member:?} has no Rust spelling; it arrives as `Undeclared`"
                ));
                continue;
            }
            let variant = unique(&variant, |v| {
                v == "Undeclared" || named.iter().any(|(_, taken)| taken == v)
            });
            named.push((member.to_owned(), variant));
        }
        EnumModel {
            members: named,
            flags,
        }
    }

    /// Fields of a struct schema: allOf bases first, then its own properties. A name declared
    /// twice is left twice here; [`dedupe_fields`] keeps the later one.
    fn collect_fields(
        &mut self,
        schema: &'a Schema,
        location: Location,
        model: &mut StructModel,
        depth: usize,
    ) {
        if depth > MAX_INHERITANCE {
            self.note(location, "allOf chain does not end");
            return;
        }
        let properties = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => &object.properties,
            SchemaKind::Any(any) => &any.properties,
            SchemaKind::AllOf { all_of } => {
                for (index, part) in all_of.iter().enumerate() {
                    let part_location: Location = &|| format!("{}.allOf[{index}]", location());
                    match part {
                        ReferenceOr::Reference { reference } => {
                            match self.resolver.schema_at(reference, part_location) {
                                Ok(base) => match base.name {
                                    Some(name) if self.flattening.contains(&name) => self.note(
                                        part_location,
                                        &format!("allOf chain comes back to `{name}`"),
                                    ),
                                    Some(name) => {
                                        // A base is a model of its own (what derived types
                                        // arrive as) and a struct names its direct ones.
                                        self.reach(name);
                                        if depth == 0 {
                                            model.bases.push(name.to_owned());
                                        }
                                        let inherited = self.inherited(name, base.schema, depth);
                                        model.fields.extend(inherited.iter().cloned());
                                    }
                                    None => self.collect_fields(
                                        base.schema,
                                        part_location,
                                        model,
                                        depth + 1,
                                    ),
                                },
                                Err(error) => self.note(part_location, &error.to_string()),
                            }
                        }
                        ReferenceOr::Item(part) => {
                            self.collect_fields(part, part_location, model, depth + 1)
                        }
                    }
                }
                return;
            }
            _ => return,
        };
        for (wire_name, item) in properties {
            let ty = self.boxed_type_of(item, &|| format!("{}.properties.{wire_name}", location()));
            let description = match item {
                ReferenceOr::Item(schema) => schema.schema_data.description.clone(),
                ReferenceOr::Reference { .. } => None,
            };
            model.fields.push(Field {
                wire_name: wire_name.clone(),
                rust_name: String::new(),
                description,
                ty,
                boxed: false,
            });
        }
    }

    /// All fields of the base component `name` (its own bases' first), read once per walk.
    fn inherited(&mut self, name: &'a str, schema: &'a Schema, depth: usize) -> Rc<[Field]> {
        if let Some(fields) = self.inherited.get(name) {
            return Rc::clone(fields);
        }
        let mut model = StructModel::default();
        self.flattening.push(name);
        self.collect_fields(
            schema,
            &|| format!("components.schemas.'{name}'"),
            &mut model,
            depth + 1,
        );
        self.flattening.pop();
        dedupe_fields(&mut model.fields);
        let fields: Rc<[Field]> = model.fields.into();
        self.inherited.insert(name, Rc::clone(&fields));
        fields
    }

    /// Inline object bodies become a struct named after the cmdlet; others a type.
    fn body_type(&mut self, item: &'a ReferenceOr<Schema>, location: Location) -> BodyType {
        if let ReferenceOr::Item(schema) = item
            && matches!(&schema.schema_kind, SchemaKind::Type(Type::Object(o)) if !o.properties.is_empty())
        {
            let mut model = StructModel::default();
            self.collect_fields(schema, location, &mut model, 0);
            dedupe_fields(&mut model.fields);
            name_fields(&mut model, &location(), &mut self.snake, &mut self.notes);
            return BodyType::Inline(model.fields);
        }
        BodyType::Other(self.type_of(item, location))
    }

    fn response_type(
        &mut self,
        item: &'a ReferenceOr<Schema>,
        shape: &ResponseShape,
        location: Location,
    ) -> Option<TypeRef> {
        let property = |walk: &mut Self, name: &str| {
            let mut model = StructModel::default();
            let named = walk.resolver.schema(item, &location()).ok()?;
            walk.collect_fields(named.schema, location, &mut model, 0);
            // The last declaration wins, as in the model.
            model
                .fields
                .into_iter()
                .rfind(|f| f.wire_name == name)
                .map(|f| f.ty)
        };
        match shape {
            // Bytes are bytes: no model describes them.
            ResponseShape::NoContent | ResponseShape::Binary => None,
            ResponseShape::SingleValue { property: name, .. } => {
                Some(property(self, name).unwrap_or(TypeRef::Json))
            }
            ResponseShape::Pageable { .. } => Some(match property(self, "value") {
                Some(TypeRef::Array(item)) => *item,
                _ => TypeRef::Json,
            }),
            ResponseShape::Model(_) => Some(match item {
                // An inline wrapper object is given as the JSON it is.
                ReferenceOr::Item(_) => TypeRef::Json,
                ReferenceOr::Reference { .. } => self.type_of(item, location),
            }),
        }
    }

    /// Rust names for every reached type, field names, and boxes for recursion.
    fn build_types(&mut self) -> Vec<ModelType> {
        let mut taken: HashSet<String> = HashSet::new();
        let mut types = Vec::new();
        let built = std::mem::take(&mut self.built);
        for (wire_name, (description, mut kind)) in built {
            let location = format!("components.schemas.'{wire_name}'");
            let short = wire_name.strip_prefix(GRAPH_PREFIX).unwrap_or(wire_name);
            let mut segments: Vec<&str> = short.split('.').collect();
            let last = segments.pop().unwrap_or_default();
            let modules: Vec<String> = segments.iter().map(|s| s.to_snake_case()).collect();
            let name = last.to_upper_camel_case();
            if !is_identifier(&name) || modules.iter().any(|m| !is_identifier(m)) {
                self.notes.push(format!(
                    "{location}: the name cannot be spelled in Rust; its uses are kept as serde_json::Value"
                ));
                continue;
            }
            let prefix = modules.join("::");
            let name = unique(&name, |candidate| {
                taken.contains(&format!("{prefix}::{candidate}"))
            });
            taken.insert(format!("{prefix}::{name}"));
            if let ModelKind::Struct(model) = &mut kind {
                name_fields(model, &location, &mut self.snake, &mut self.notes);
            }
            types.push(ModelType {
                wire_name: wire_name.to_owned(),
                modules,
                name,
                description,
                kind,
            });
        }
        types.sort_by(|a, b| a.wire_name.cmp(&b.wire_name));
        let kept: HashSet<String> = types.iter().map(|t| t.wire_name.clone()).collect();
        // Uses of a type that could not be named become JSON.
        for model in &mut types {
            if let ModelKind::Struct(fields) = &mut model.kind {
                for field in &mut fields.fields {
                    drop_unnamed(&mut field.ty, &kept);
                }
            }
        }
        link_derived(&mut types);
        box_recursion(&mut types);
        types
    }
}

fn drop_unnamed(ty: &mut TypeRef, kept: &HashSet<String>) {
    match ty {
        TypeRef::Model(name) if !kept.contains(name) => *ty = TypeRef::Json,
        TypeRef::Array(item) => drop_unnamed(item, kept),
        _ => {}
    }
}

fn enum_members(schema: &Schema) -> Option<Vec<&str>> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) if !string.enumeration.is_empty() => Some(
            string
                .enumeration
                .iter()
                .flatten()
                .map(String::as_str)
                .collect(),
        ),
        _ => None,
    }
}

/// Keeps the last declaration of each property name, where it stands: a type's own
/// property replaces an inherited one of the same name.
fn dedupe_fields(fields: &mut Vec<Field>) {
    let mut seen = HashSet::with_capacity(fields.len());
    let mut last: Vec<bool> = fields
        .iter()
        .rev()
        .map(|field| seen.insert(field.wire_name.as_str()))
        .collect();
    if last.iter().all(|&is_last| is_last) {
        return;
    }
    last.reverse();
    let mut is_last = last.into_iter();
    fields.retain(|_| is_last.next().unwrap_or(true));
}

/// `name`, or `name2`, `name3`, … when `taken` says it is in use.
fn unique(name: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(name) {
        return name.to_owned();
    }
    (2..)
        .map(|n| format!("{name}{n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_default()
}

/// snake_case field names, unique within the struct; a property with no Rust spelling stays in
/// the map of additional properties (so it still round-trips) and gets a note.
fn name_fields(
    model: &mut StructModel,
    location: &str,
    snake: &mut HashMap<String, String>,
    notes: &mut Vec<String>,
) {
    let mut taken: Vec<String> = Vec::new();
    let mut kept = Vec::new();
    for mut field in std::mem::take(&mut model.fields) {
        let mut name = match snake.get(field.wire_name.as_str()) {
            Some(name) => name.clone(),
            None => {
                let name = field.wire_name.to_snake_case();
                snake.insert(field.wire_name.clone(), name.clone());
                name
            }
        };
        if name.starts_with(|c: char| c.is_ascii_digit()) {
            name.insert(0, '_');
        }
        if !is_identifier(&name) {
            notes.push(format!(
                "{location}: property {:?} has no Rust spelling; it stays in the additional properties",
                field.wire_name
            ));
            continue;
        }
        name = unique(&name, |candidate| taken.iter().any(|t| t == candidate));
        taken.push(name.clone());
        field.rust_name = name;
        kept.push(field);
    }
    model.additional = unique("additional", |candidate| {
        taken.iter().any(|t| t == candidate)
    });
    model.fields = kept;
}

/// Each struct lists the reached types whose allOf chain names it.
fn link_derived(types: &mut [ModelType]) {
    let bases: HashMap<String, Vec<String>> = types
        .iter()
        .filter_map(|t| match &t.kind {
            ModelKind::Struct(model) => Some((t.wire_name.clone(), model.bases.clone())),
            ModelKind::Enum(_) => None,
        })
        .collect();
    let mut derived: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for child in bases.keys() {
        let mut stack = bases[child].clone();
        let mut seen = HashSet::new();
        while let Some(base) = stack.pop() {
            if seen.insert(base.clone()) {
                derived
                    .entry(base.clone())
                    .or_default()
                    .insert(child.clone());
                stack.extend(bases.get(&base).cloned().unwrap_or_default());
            }
        }
    }
    for model in types {
        if let ModelKind::Struct(s) = &mut model.kind {
            s.derived = derived
                .remove(&model.wire_name)
                .map(|set| set.into_iter().collect())
                .unwrap_or_default();
        }
    }
}

/// A field whose model leads back to its own struct without a `Vec` in between is boxed.
fn box_recursion(types: &mut [ModelType]) {
    let direct: HashMap<String, Vec<String>> = types
        .iter()
        .filter_map(|t| match &t.kind {
            ModelKind::Struct(model) => Some((
                t.wire_name.clone(),
                model
                    .fields
                    .iter()
                    .filter_map(|f| match &f.ty {
                        TypeRef::Model(name) => Some(name.clone()),
                        _ => None,
                    })
                    .collect(),
            )),
            ModelKind::Enum(_) => None,
        })
        .collect();
    let reaches = |from: &str, target: &str| {
        let mut stack = vec![from.to_owned()];
        let mut seen = HashSet::new();
        while let Some(current) = stack.pop() {
            if current == target {
                return true;
            }
            if seen.insert(current.clone()) {
                stack.extend(direct.get(&current).cloned().unwrap_or_default());
            }
        }
        false
    };
    for model in types {
        let owner = model.wire_name.clone();
        if let ModelKind::Struct(s) = &mut model.kind {
            for field in &mut s.fields {
                if let TypeRef::Model(name) = &field.ty {
                    field.boxed = reaches(name, &owner);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::config::ModuleConfig;

    const SPEC: &str = r##"
openapi: 3.0.1
info: { title: T, version: v1.0 }
servers: [ { url: "https://graph.microsoft.com/v1.0/" } ]
paths:
  /users/{user-id}/microsoft.graph.find:
    post:
      operationId: user_find
      parameters:
        - { name: user-id, in: path, required: true, schema: { type: string } }
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                attendees: { type: array, items: { $ref: '#/components/schemas/microsoft.graph.attendeeBase' } }
                maxCandidates: { type: integer, format: int32, nullable: true }
                when: { $ref: '#/components/schemas/microsoft.graph.timeSlot' }
      responses:
        2XX:
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/microsoft.graph.result' }
components:
  schemas:
    microsoft.graph.result:
      type: object
      properties:
        confidence: { oneOf: [ { type: number, format: double }, { type: string }, { $ref: '#/components/schemas/ReferenceNumeric' } ] }
        status: { $ref: '#/components/schemas/microsoft.graph.freeBusyStatus' }
        scope: { $ref: '#/components/schemas/microsoft.graph.recipientScopeType' }
        parent: { anyOf: [ { $ref: '#/components/schemas/microsoft.graph.result' }, { type: object, nullable: true } ] }
        children: { type: array, items: { $ref: '#/components/schemas/microsoft.graph.result' } }
        odd: { oneOf: [ { type: boolean }, { $ref: '#/components/schemas/microsoft.graph.timeSlot' } ] }
        type: { type: string }
        '@odata.type': { type: string }
        additional: { type: string, format: uuid }
        'é': { type: string }
    microsoft.graph.recipient:
      type: object
      properties:
        emailAddress: { type: string }
    microsoft.graph.attendeeBase:
      allOf:
        - $ref: '#/components/schemas/microsoft.graph.recipient'
        - type: object
          properties:
            type: { type: string }
    microsoft.graph.attendee:
      allOf:
        - $ref: '#/components/schemas/microsoft.graph.attendeeBase'
        - type: object
          properties:
            status: { $ref: '#/components/schemas/microsoft.graph.freeBusyStatus' }
    microsoft.graph.security.alert:
      allOf:
        - $ref: '#/components/schemas/microsoft.graph.recipient'
    microsoft.graph.timeSlot:
      type: object
      properties:
        start: { type: string, format: date-time }
        length: { type: string, format: duration }
    microsoft.graph.unused:
      type: object
      properties:
        x: { type: string }
    microsoft.graph.freeBusyStatus:
      type: string
      enum: [ free, busy, undeclared, Busy, '' ]
    microsoft.graph.recipientScopeType:
      type: string
      enum: [ none, internal ]
      x-ms-enum-flags: { isFlags: true }
    ReferenceNumeric:
      enum: [ '-INF', INF, NaN ]
"##;

    fn models() -> (crate::model::Module, Vec<String>) {
        let spec = LoadedSpec::parse(std::path::Path::new("t.yml"), SPEC).unwrap();
        let module = crate::pipeline::build_module(&spec, &ModuleConfig::default()).unwrap();
        let operations = module.operations.clone();
        let (_, notes) = read_models(&spec, &operations).unwrap();
        (module, notes)
    }

    fn strukt<'m>(models: &'m Models, name: &str) -> &'m StructModel {
        match &models.get(name).unwrap().kind {
            ModelKind::Struct(model) => model,
            ModelKind::Enum(_) => panic!("{name} is an enum"),
        }
    }

    #[test]
    fn reaches_exactly_what_the_operations_need_and_their_derived_types() {
        let (module, _) = models();
        let names: Vec<&str> = module
            .models
            .types
            .iter()
            .map(|t| t.wire_name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "microsoft.graph.attendee",
                "microsoft.graph.attendeeBase",
                "microsoft.graph.freeBusyStatus",
                "microsoft.graph.recipient",
                "microsoft.graph.recipientScopeType",
                "microsoft.graph.result",
                "microsoft.graph.security.alert",
                "microsoft.graph.timeSlot",
            ]
        );
        let alert = module.models.get("microsoft.graph.security.alert").unwrap();
        assert_eq!(alert.path(), "security::Alert");
        let recipient = strukt(&module.models, "microsoft.graph.recipient");
        assert_eq!(
            recipient.derived,
            [
                "microsoft.graph.attendee",
                "microsoft.graph.attendeeBase",
                "microsoft.graph.security.alert"
            ]
        );
    }

    #[test]
    fn flattens_inheritance_and_types_fields() {
        let (module, _) = models();
        let attendee = strukt(&module.models, "microsoft.graph.attendee");
        let fields: Vec<(&str, &str)> = attendee
            .fields
            .iter()
            .map(|f| (f.wire_name.as_str(), f.rust_name.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("emailAddress", "email_address"),
                ("type", "type"),
                ("status", "status")
            ]
        );
        assert_eq!(attendee.bases, ["microsoft.graph.attendeeBase"]);

        let result = strukt(&module.models, "microsoft.graph.result");
        let ty = |wire: &str| result.fields.iter().find(|f| f.wire_name == wire).unwrap();
        assert_eq!(ty("confidence").ty, TypeRef::Double);
        assert_eq!(
            ty("parent").ty,
            TypeRef::Model("microsoft.graph.result".into())
        );
        assert!(ty("parent").boxed, "direct self reference is boxed");
        assert!(!ty("children").boxed, "Vec is indirection enough");
        assert_eq!(ty("odd").ty, TypeRef::Json);
        assert_eq!(ty("@odata.type").rust_name, "odata_type");
        // `additional` is a property here, so the map of unknown ones moves aside.
        assert_eq!(ty("additional").ty, TypeRef::Uuid);
        assert_eq!(result.additional, "additional2");
        assert!(result.fields.iter().all(|f| f.wire_name != "é"));

        let slot = strukt(&module.models, "microsoft.graph.timeSlot");
        assert_eq!(slot.fields[0].ty, TypeRef::DateTime);
        assert_eq!(slot.fields[1].ty, TypeRef::Duration);
    }

    #[test]
    fn enums_keep_members_flags_and_avoid_the_fallback_name() {
        let (module, _) = models();
        let ModelKind::Enum(status) = &module
            .models
            .get("microsoft.graph.freeBusyStatus")
            .unwrap()
            .kind
        else {
            panic!("not an enum")
        };
        let variants: Vec<&str> = status.members.iter().map(|(_, v)| v.as_str()).collect();
        assert_eq!(variants, ["Free", "Busy", "Undeclared2", "Busy2"]);
        assert!(!status.flags);
        let ModelKind::Enum(scope) = &module
            .models
            .get("microsoft.graph.recipientScopeType")
            .unwrap()
            .kind
        else {
            panic!("not an enum")
        };
        assert!(scope.flags);
    }

    #[test]
    fn untyped_shapes_are_noted_never_dropped_silently() {
        let (_, notes) = models();
        let joined = notes.join("\n");
        assert!(
            joined.contains("properties.odd: oneOf/anyOf of several types"),
            "{joined}"
        );
        assert!(
            joined.contains("property \"é\" has no Rust spelling"),
            "{joined}"
        );
        assert!(
            joined.contains("enum member \"\" has no Rust spelling"),
            "{joined}"
        );
    }

    /// Shapes that contain themselves with no end: two types each inheriting the other, an
    /// array of itself, an anyOf of itself. Reading the operations, the models and rendering
    /// the module all end; the models note each place, both types keep the fields of both,
    /// and a property redeclared by a derived type is its, once.
    #[test]
    fn self_containing_shapes_end_with_a_note_and_redeclared_properties_are_kept_once() {
        let spec = r##"
openapi: 3.0.1
info: { title: T, version: v1.0 }
servers: [ { url: "https://graph.microsoft.com/v1.0/" } ]
paths:
  /things/{thing-id}:
    get:
      operationId: thing_get
      parameters:
        - { name: thing-id, in: path, required: true, schema: { type: string } }
      responses:
        2XX:
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/microsoft.graph.a' }
    post:
      operationId: thing_set
      parameters:
        - { name: thing-id, in: path, required: true, schema: { type: string } }
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                a: { $ref: '#/components/schemas/microsoft.graph.a' }
                list: { $ref: '#/components/schemas/microsoft.graph.list' }
                either: { $ref: '#/components/schemas/microsoft.graph.either' }
      responses:
        2XX:
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/microsoft.graph.b' }
components:
  schemas:
    microsoft.graph.list:
      type: array
      items: { $ref: '#/components/schemas/microsoft.graph.list' }
    microsoft.graph.either:
      anyOf:
        - $ref: '#/components/schemas/microsoft.graph.either'
        - type: string
    microsoft.graph.a:
      allOf:
        - $ref: '#/components/schemas/microsoft.graph.b'
        - type: object
          properties:
            fromA: { type: string }
            shared: { type: integer, format: int32 }
            list: { $ref: '#/components/schemas/microsoft.graph.list' }
    microsoft.graph.b:
      allOf:
        - $ref: '#/components/schemas/microsoft.graph.a'
        - type: object
          properties:
            fromB: { type: string }
            shared: { type: boolean }
"##;
        let spec = LoadedSpec::parse(std::path::Path::new("t.yml"), spec).unwrap();
        let module = crate::pipeline::build_module(&spec, &ModuleConfig::default()).unwrap();
        let (models, notes) = read_models(&spec, &module.operations).unwrap();
        for expected in [
            "allOf chain comes back to `microsoft.graph.a`",
            "allOf chain comes back to `microsoft.graph.b`",
            "`microsoft.graph.list` contains itself with no object in between",
            "`microsoft.graph.either` contains itself with no object in between",
        ] {
            assert!(notes.iter().any(|n| n.contains(expected)), "{notes:?}");
        }
        crate::pipeline::render(&module).expect("the module renders");
        for (name, own_type) in [
            ("microsoft.graph.a", TypeRef::Int32),
            ("microsoft.graph.b", TypeRef::Bool),
        ] {
            let model = strukt(&models, name);
            let names: Vec<&str> = model.fields.iter().map(|f| f.wire_name.as_str()).collect();
            for expected in ["fromA", "fromB", "shared"] {
                let count = names.iter().filter(|n| **n == expected).count();
                assert_eq!(count, 1, "{name}: {names:?}");
            }
            let shared = model
                .fields
                .iter()
                .find(|f| f.wire_name == "shared")
                .unwrap();
            assert_eq!(shared.ty, own_type, "{name}: its own declaration wins");
        }
    }

    #[test]
    fn operation_types_name_body_properties_and_the_answer() {
        let (module, _) = models();
        let types = &module.models.operations[0];
        let Some(BodyType::Inline(fields)) = &types.body else {
            panic!("inline body expected")
        };
        assert_eq!(
            fields[0].ty,
            TypeRef::Array(Box::new(TypeRef::Model(
                "microsoft.graph.attendeeBase".into()
            )))
        );
        assert_eq!(fields[1].ty, TypeRef::Int32);
        assert_eq!(
            types.response,
            Some(TypeRef::Model("microsoft.graph.result".into()))
        );
    }
}
