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
mod tests;
