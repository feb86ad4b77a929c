//! How generated structs and enums read and write JSON without serde's derives.
//!
//! Derived serde code is generic and large for each type (field enums, visitors, buffering
//! for the flattened map); for the two thousand model types of a full Graph module it is most
//! of the compile time. Here every generated type gets two short, non-generic functions
//! ([`Fields::read_fields`], [`Fields::write_fields`]) with one line per property, and its
//! serde impls are one-line calls into the generic code below ([`model_impls!`],
//! [`enum_impls!`]).
//!
//! Reading goes through a `serde_json::Value` once per answer (serde_json's parser bounds its
//! depth, so deep input is an error, not a stack overflow) and moves each value into its
//! field; writing streams straight to the serializer.

use std::fmt;

use serde::de::Error as _;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Number, Value};

use super::enums::GraphEnum;

/// A value a model field can hold: read from a JSON value, written as one.
pub trait Wire {
    /// Reads the value; a JSON value of another shape is an error saying what was expected.
    fn from_json(value: Value) -> Result<Self, FieldError>
    where
        Self: Sized;

    /// What to write.
    fn to_out(&self) -> Out<'_>;
}

/// A value to write, as one of JSON's shapes.
pub enum Out<'a> {
    /// `true` or `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A number as read.
    Number(&'a Number),
    /// A string.
    Str(&'a str),
    /// A string made for writing (flag enums).
    Text(String),
    /// Any JSON.
    Json(&'a Value),
    /// An array.
    List(&'a dyn WireList),
    /// An object with named properties, and the name of its Rust type (for `Debug`).
    Object(&'a dyn Fields, &'static str),
}

/// The items of an array field, one at a time.
pub trait WireList {
    /// How many items.
    fn len(&self) -> usize;
    /// Whether there are none.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The item at `index` (below [`len`](WireList::len)).
    fn item(&self, index: usize) -> &dyn Wire;
}

/// A generated struct's properties: read from, and written to, a JSON object.
pub trait Fields {
    /// Takes each declared property out of `input`; what is left is the additional map. A
    /// property that does not fit is left `None` and its error kept in `input`, so the
    /// generated body is one straight line per property, with no early return to unwind.
    fn read_fields(input: &mut ObjectReader) -> Self
    where
        Self: Sized;

    /// Lists the properties that are set, then the additional ones.
    fn write_fields<'a>(&'a self, out: &mut ObjectWriter<'a>);

    /// The Rust name of the type (`User`), for `Debug`.
    fn type_name(&self) -> &'static str {
        let name = std::any::type_name::<Self>();
        name.rsplit("::").next().unwrap_or(name)
    }
}

/// Every generated struct is a [`Wire`] value through its [`Fields`]: one impl here instead of
/// two functions per struct.
impl<T: Fields> Wire for T {
    #[inline]
    fn from_json(value: Value) -> Result<Self, FieldError> {
        read_object(value)
    }

    #[inline]
    fn to_out(&self) -> Out<'_> {
        Out::Object(self, self.type_name())
    }
}

/// A boxed struct (a field of a recursive type) reads and writes as the struct.
impl<T: Fields> Fields for Box<T> {
    fn read_fields(input: &mut ObjectReader) -> Self {
        Box::new(T::read_fields(input))
    }

    fn write_fields<'a>(&'a self, out: &mut ObjectWriter<'a>) {
        (**self).write_fields(out);
    }

    fn type_name(&self) -> &'static str {
        (**self).type_name()
    }
}

/// The properties of a JSON object not yet taken by a field, and the first property that did
/// not fit.
#[derive(Debug, Default)]
pub struct ObjectReader {
    map: Map<String, Value>,
    error: Option<FieldError>,
}

impl ObjectReader {
    /// A reader of `map`'s properties.
    pub fn new(map: Map<String, Value>) -> Self {
        ObjectReader { map, error: None }
    }

    /// The property `key` as a `T`: absent or `null` is `None`. A value that does not fit is
    /// `None` too, and the reader keeps the error, naming `key`, for [`read_object`].
    pub fn take<T: Wire>(&mut self, key: &'static str) -> Option<T> {
        // Only the `from_json` call depends on `T`: this body is instantiated for every field
        // type of a module, so everything else lives in the two functions it calls.
        match self.value(key) {
            None => None,
            Some(value) => match T::from_json(value) {
                Ok(value) => Some(value),
                Err(error) => {
                    self.fail(key, error);
                    None
                }
            },
        }
    }

    /// The value under `key`, removed; nothing once a property has failed.
    fn value(&mut self, key: &str) -> Option<Value> {
        if self.error.is_some() {
            return None;
        }
        match self.map.remove(key) {
            None | Some(Value::Null) => None,
            Some(value) => Some(value),
        }
    }

    fn fail(&mut self, key: &str, error: FieldError) {
        self.error = Some(error.within(Step::Key(key.to_owned())));
    }

    /// The first property that did not fit, if any; the reader is done.
    fn finish(self) -> Option<FieldError> {
        self.error
    }

    /// Every property not taken, for the additional map.
    pub fn rest(&mut self) -> Map<String, Value> {
        std::mem::take(&mut self.map)
    }

    /// The reader of an object value; any other value is an error.
    fn of(value: Value) -> Result<Self, FieldError> {
        match value {
            Value::Object(map) => Ok(ObjectReader::new(map)),
            other => Err(FieldError::expected("an object", &other)),
        }
    }
}

/// The properties of an object to write, in order.
#[derive(Default)]
pub struct ObjectWriter<'a> {
    entries: Vec<(&'a str, &'a dyn Wire)>,
}

impl<'a> ObjectWriter<'a> {
    /// Writes `key` when the field is set; `None` is left out.
    pub fn put<T: Wire>(&mut self, key: &'static str, value: &'a Option<T>) {
        if let Some(value) = value {
            self.entries.push((key, value));
        }
    }

    /// What was listed, in order.
    pub(crate) fn entries(&self) -> &[(&'a str, &'a dyn Wire)] {
        &self.entries
    }

    /// Writes every additional property after the declared ones.
    pub fn rest(&mut self, additional: &'a Map<String, Value>) {
        self.entries.extend(
            additional
                .iter()
                .map(|(key, value)| (key.as_str(), value as &dyn Wire)),
        );
    }
}

/// Where in a value something went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// A JSON value that does not fit the type it is read as, with the path to it
/// (`meetingTimeSuggestions[0].confidence: expected a number or a string, found true`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Innermost step first: built on the way out of the recursion.
    path: Vec<Step>,
    message: String,
}

impl FieldError {
    /// `expected <what>, found <a description of found>`.
    pub fn expected(what: &str, found: &Value) -> Self {
        FieldError {
            path: Vec::new(),
            message: format!("expected {what}, found {}", describe(found)),
        }
    }

    /// The path to the value that did not fit, `a.b[2].c`; empty for the value itself.
    pub fn path(&self) -> String {
        let mut text = String::new();
        for step in self.path.iter().rev() {
            match step {
                Step::Key(key) if text.is_empty() => text.push_str(key),
                Step::Key(key) => {
                    text.push('.');
                    text.push_str(key);
                }
                Step::Index(index) => text.push_str(&format!("[{index}]")),
            }
        }
        text
    }

    fn within(mut self, step: Step) -> Self {
        self.path.push(step);
        self
    }

    /// The error of the item at `index` of an array.
    fn within_item(self, index: usize) -> Self {
        self.within(Step::Index(index))
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.path() {
            path if path.is_empty() => f.write_str(&self.message),
            path => write!(f, "{path}: {}", self.message),
        }
    }
}

impl std::error::Error for FieldError {}

/// `the string "abc"`, `the number 3`, `an object`: enough to see what came, not all of it.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() > 40 => {
            let start: String = s.chars().take(40).collect();
            format!("the string {start:?}…")
        }
        Value::String(s) => format!("the string {s:?}"),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// `Wire::from_json` of a generated struct: an object, read by its [`Fields`].
// `?` would instantiate its conversion machinery once more per model type.
#[allow(clippy::question_mark)]
pub fn read_object<T: Fields>(value: Value) -> Result<T, FieldError> {
    // Instantiated once per model type: kept to calls and one match.
    let mut input = match ObjectReader::of(value) {
        Ok(input) => input,
        Err(error) => return Err(error),
    };
    let read = T::read_fields(&mut input);
    match input.finish() {
        None => Ok(read),
        Some(error) => Err(error),
    }
}

/// `Wire::from_json` of a generated enum: a string, any string.
pub fn read_enum<E: GraphEnum>(value: Value) -> Result<E, FieldError> {
    match value {
        Value::String(text) => Ok(E::from(&text)),
        other => Err(FieldError::expected("a string", &other)),
    }
}

/// `Serialize` of a [`Wire`] value: streams it, no intermediate `Value`.
pub fn serialize<T: Wire, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    Written(value).serialize(serializer)
}

/// `Deserialize` of a [`Wire`] value: through one `serde_json::Value`; an error names the path
/// to the value that does not fit.
pub fn deserialize<'de, T: Wire, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    let value = Value::deserialize(deserializer)?;
    T::from_json(value).map_err(D::Error::custom)
}

struct Written<'a>(&'a dyn Wire);

impl Serialize for Written<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.to_out() {
            Out::Bool(value) => serializer.serialize_bool(value),
            Out::Int(value) => serializer.serialize_i64(value),
            Out::Number(value) => value.serialize(serializer),
            Out::Str(value) => serializer.serialize_str(value),
            Out::Text(value) => serializer.serialize_str(&value),
            Out::Json(value) => value.serialize(serializer),
            Out::List(list) => {
                let mut seq = serializer.serialize_seq(Some(list.len()))?;
                for index in 0..list.len() {
                    seq.serialize_element(&Written(list.item(index)))?;
                }
                seq.end()
            }
            Out::Object(fields, _) => {
                let mut out = ObjectWriter::default();
                fields.write_fields(&mut out);
                let mut map = serializer.serialize_map(Some(out.entries.len()))?;
                for (key, value) in out.entries {
                    map.serialize_entry(key, &Written(value))?;
                }
                map.end()
            }
        }
    }
}

impl Wire for bool {
    fn from_json(value: Value) -> Result<Self, FieldError> {
        match value {
            Value::Bool(value) => Ok(value),
            other => Err(FieldError::expected("true or false", &other)),
        }
    }

    fn to_out(&self) -> Out<'_> {
        Out::Bool(*self)
    }
}

impl Wire for i64 {
    fn from_json(value: Value) -> Result<Self, FieldError> {
        match value.as_i64() {
            Some(value) => Ok(value),
            None => Err(FieldError::expected("a 64-bit integer", &value)),
        }
    }

    fn to_out(&self) -> Out<'_> {
        Out::Int(*self)
    }
}

impl Wire for i32 {
    fn from_json(value: Value) -> Result<Self, FieldError> {
        match value.as_i64().and_then(|v| i32::try_from(v).ok()) {
            Some(value) => Ok(value),
            None => Err(FieldError::expected("a 32-bit integer", &value)),
        }
    }

    fn to_out(&self) -> Out<'_> {
        Out::Int(i64::from(*self))
    }
}

impl Wire for String {
    fn from_json(value: Value) -> Result<Self, FieldError> {
        match value {
            Value::String(text) => Ok(text),
            other => Err(FieldError::expected("a string", &other)),
        }
    }

    fn to_out(&self) -> Out<'_> {
        Out::Str(self)
    }
}

impl Wire for Value {
    fn from_json(value: Value) -> Result<Self, FieldError> {
        Ok(value)
    }

    fn to_out(&self) -> Out<'_> {
        Out::Json(self)
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn from_json(value: Value) -> Result<Self, FieldError> {
        match value {
            Value::Array(items) => {
                // A plain loop: an iterator chain here is instantiated for every item type
                // of a module and was a tenth of a full module's machine code.
                let mut read = Vec::with_capacity(items.len());
                for item in items {
                    match T::from_json(item) {
                        Ok(item) => read.push(item),
                        Err(error) => return Err(error.within_item(read.len())),
                    }
                }
                Ok(read)
            }
            other => Err(FieldError::expected("an array", &other)),
        }
    }

    fn to_out(&self) -> Out<'_> {
        Out::List(self)
    }
}

impl<T: Wire> WireList for Vec<T> {
    fn len(&self) -> usize {
        Vec::len(self)
    }

    fn item(&self, index: usize) -> &dyn Wire {
        &self[index]
    }
}

/// The `Serialize`, `Deserialize`, `Debug` and `PartialEq` impls of a generated struct that
/// implements [`Fields`] (which makes it a [`Wire`] value):
/// `rt::types::model_impls!(MeetingTimeSlot);`. `Debug` and `PartialEq` go through the wire
/// form (see `by_wire`).
#[macro_export]
macro_rules! model_impls {
    ($name:ident) => {
        impl ::core::fmt::Debug for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::types::debug_fields(::core::stringify!($name), self, f)
            }
        }
        impl ::core::cmp::PartialEq for $name {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                $crate::types::same_fields(self, other)
            }
        }
        $crate::types::__serde_impls!($name);
    };
}

/// The `Wire`, `Serialize` and `Deserialize` impls of a generated enum that implements
/// [`GraphEnum`]: its text, any text.
#[macro_export]
macro_rules! enum_impls {
    ($name:ident) => {
        impl $crate::types::Wire for $name {
            #[inline]
            fn from_json(
                value: $crate::types::__private::Value,
            ) -> ::core::result::Result<Self, $crate::types::FieldError> {
                $crate::types::read_enum(value)
            }
            #[inline]
            fn to_out(&self) -> $crate::types::Out<'_> {
                $crate::types::Out::Str($crate::types::GraphEnum::as_str(self))
            }
        }
        impl $crate::types::__private::Serialize for $name {
            fn serialize<S: $crate::types::__private::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::types::serialize_enum(self, serializer)
            }
        }
        impl<'de> $crate::types::__private::Deserialize<'de> for $name {
            fn deserialize<D: $crate::types::__private::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::types::deserialize_enum(deserializer)
            }
        }
    };
}

/// `Serialize` and `Deserialize` through [`Wire`].
#[doc(hidden)]
#[macro_export]
macro_rules! __serde_impls {
    ($name:ident) => {
        impl $crate::types::__private::Serialize for $name {
            fn serialize<S: $crate::types::__private::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::types::serialize(self, serializer)
            }
        }
        impl<'de> $crate::types::__private::Deserialize<'de> for $name {
            fn deserialize<D: $crate::types::__private::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::types::deserialize(deserializer)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::super::test_slot::Slot;
    use super::*;
    use serde_json::json;

    #[test]
    fn fields_read_and_write_back_with_unknown_properties_kept() {
        let sent = json!({"start": "9", "next": {"count": -3, "next": {"x": [1]}}, "@odata.type": "#a", "z": null});
        let slot: Slot = serde_json::from_value(sent.clone()).unwrap();
        assert_eq!(slot.next.as_ref().unwrap().count, Some(-3));
        assert_eq!(slot.additional["@odata.type"], "#a");
        assert_eq!(serde_json::to_value(&slot).unwrap(), sent);
        // `null` for a declared property is `None`, and is not written back.
        let slot: Slot = serde_json::from_str(r#"{"count": null, "tags": []}"#).unwrap();
        assert_eq!(slot.count, None);
        assert_eq!(serde_json::to_string(&slot).unwrap(), r#"{"tags":[]}"#);
    }

    #[test]
    fn a_value_that_does_not_fit_names_its_path() {
        let error = |sent: Value| {
            serde_json::from_value::<Slot>(sent)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            error(json!({"next": {"next": {"tags": ["a", 7]}}})),
            "next.next.tags[1]: expected a string, found the number 7"
        );
        assert_eq!(
            error(json!({"count": 3_000_000_000_i64})),
            "count: expected a 32-bit integer, found the number 3000000000"
        );
        assert_eq!(
            error(json!({"count": 1.5})),
            "count: expected a 32-bit integer, found the number 1.5"
        );
        assert_eq!(
            error(json!(["start"])),
            "expected an object, found an array"
        );
        let long = "x".repeat(100);
        assert!(
            error(json!({ "start": {}, "tags": long }))
                .starts_with("start: expected a string, found an object")
        );
        assert!(error(json!({ "tags": long })).ends_with("\"…"));
    }

    #[test]
    fn deep_input_is_refused_by_the_parser_not_the_stack() {
        let depth = 100_000;
        let deep = format!("{}{}", r#"{"next":"#.repeat(depth), "}".repeat(depth));
        let error = serde_json::from_str::<Slot>(&deep).unwrap_err();
        assert!(error.to_string().contains("recursion limit"), "{error}");
    }
}
