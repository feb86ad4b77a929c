//! Graph's data types as plain data: the component schemas the operations reach, with allOf
//! inheritance flattened, and the type of every body property and answer the builders use.

use serde::Serialize;

/// The models of one module and the types its operations use.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Models {
    /// Every reachable component schema that becomes a Rust type, sorted by wire name.
    pub types: Vec<ModelType>,
    /// Parallel to `Module::operations`.
    pub operations: Vec<OperationTypes>,
}

impl Models {
    pub fn get(&self, wire_name: &str) -> Option<&ModelType> {
        self.types
            .binary_search_by(|t| t.wire_name.as_str().cmp(wire_name))
            .ok()
            .map(|index| &self.types[index])
    }
}

/// The types one operation sends and answers with.
#[derive(Debug, Clone, Default, Serialize)]
pub struct OperationTypes {
    pub body: Option<BodyType>,
    /// The type of what `send()` gives: the single value, the page item or the whole body,
    /// following `Operation::response`. `None` for answers without content.
    pub response: Option<TypeRef>,
}

/// The request body's type.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", content = "of", rename_all = "snake_case")]
pub enum BodyType {
    /// An inline object: a struct named after the cmdlet (`FindMgBetaUserMeetingTimeBody`).
    Inline(Vec<Field>),
    /// Anything else (a component model, an array, a primitive).
    Other(TypeRef),
}

impl BodyType {
    /// The type of the body property `json_name` (an `…Expanded` parameter).
    pub fn property(&self, models: &Models, json_name: &str) -> TypeRef {
        let fields = match self {
            BodyType::Inline(fields) => Some(fields),
            BodyType::Other(TypeRef::Model(name)) => match models.get(name).map(|t| &t.kind) {
                Some(ModelKind::Struct(model)) => Some(&model.fields),
                _ => None,
            },
            BodyType::Other(_) => None,
        };
        fields
            .and_then(|fields| fields.iter().find(|f| f.wire_name == json_name))
            .map_or(TypeRef::Json, |f| f.ty.clone())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ModelType {
    /// `microsoft.graph.security.alert`.
    pub wire_name: String,
    /// Modules below `models`: `["security"]`.
    pub modules: Vec<String>,
    /// `Alert`.
    pub name: String,
    pub description: Option<String>,
    pub kind: ModelKind,
}

impl ModelType {
    /// `security::Alert`, relative to `models`.
    pub fn path(&self) -> String {
        let mut path = self.modules.join("::");
        if !path.is_empty() {
            path.push_str("::");
        }
        path.push_str(&self.name);
        path
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ModelKind {
    Struct(StructModel),
    Enum(EnumModel),
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct StructModel {
    /// Inherited fields first (base of the base first), then the type's own.
    pub fields: Vec<Field>,
    /// Wire names of the direct allOf bases.
    pub bases: Vec<String>,
    /// Wire names of the reachable types whose allOf chain names this one, sorted.
    pub derived: Vec<String>,
    /// Rust name of the map that keeps unknown properties and annotations (`additional`,
    /// or `additional_` when a property already takes that name).
    pub additional: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EnumModel {
    /// Wire text and Rust variant name.
    pub members: Vec<(String, String)>,
    /// `x-ms-enum-flags: isFlags`: a comma-separated set of members.
    pub flags: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Field {
    /// `@odata.type`, `displayName`.
    pub wire_name: String,
    /// `odata_type`, `display_name`, `r#type`.
    pub rust_name: String,
    pub description: Option<String>,
    pub ty: TypeRef,
    /// The field's type contains the struct itself without a `Vec` in between.
    pub boxed: bool,
}

/// A JSON value's type, as the Rust side spells it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "of", rename_all = "snake_case")]
pub enum TypeRef {
    String,
    Bool,
    Int32,
    Int64,
    /// A double as Graph sends it: a number, or `"INF"`, `"-INF"`, `"NaN"`.
    Double,
    Decimal,
    DateTime,
    Date,
    TimeOfDay,
    Duration,
    Uuid,
    /// base64 or base64url text.
    Bytes,
    /// A component schema by wire name: a struct or an enum.
    Model(String),
    Array(Box<TypeRef>),
    /// Open JSON: free-form objects, dictionaries and shapes the generator cannot type.
    Json,
}
