//! `Debug` and `PartialEq` of generated structs, through the same [`Fields`] listing that
//! writes them.
//!
//! Derived `Debug` and `PartialEq` are a body per struct with a line per field; for the two
//! thousand structs of a full module that was a tenth of its check time. These two generic
//! functions do the work once, and each struct's impls are one call.
//!
//! Both see a value as Graph would: `Debug` shows the properties that are set, under their
//! wire names, then the additional ones; two values are equal when they would be written as
//! the same JSON (so a double read as `"NaN"` equals itself, as it does on the wire).

use std::fmt;

use super::wire::{Fields, ObjectWriter, Out, Wire};

/// `Debug` of a generated struct: `User { displayName: "Alice", … }`.
pub fn debug_fields(name: &str, value: &dyn Fields, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let mut out = ObjectWriter::default();
    value.write_fields(&mut out);
    let mut shown = f.debug_struct(name);
    for (key, value) in out.entries() {
        shown.field(key, &Shown(*value));
    }
    shown.finish()
}

/// `PartialEq` of a generated struct: the same properties set, to the same values.
pub fn same_fields(left: &dyn Fields, right: &dyn Fields) -> bool {
    let (mut left_out, mut right_out) = (ObjectWriter::default(), ObjectWriter::default());
    left.write_fields(&mut left_out);
    right.write_fields(&mut right_out);
    let (left, right) = (left_out.entries(), right_out.entries());
    // Declared properties come in declaration order and the additional ones sorted by key, so
    // equal values list the same keys in the same order.
    left.len() == right.len()
        && left
            .iter()
            .zip(right)
            .all(|((left_key, left), (right_key, right))| {
                left_key == right_key && same(*left, *right)
            })
}

fn same(left: &dyn Wire, right: &dyn Wire) -> bool {
    match (left.to_out(), right.to_out()) {
        (Out::Bool(left), Out::Bool(right)) => left == right,
        (Out::Int(left), Out::Int(right)) => left == right,
        (Out::Number(left), Out::Number(right)) => left == right,
        (Out::Json(left), Out::Json(right)) => left == right,
        (Out::List(left), Out::List(right)) => {
            left.len() == right.len()
                && (0..left.len()).all(|index| same(left.item(index), right.item(index)))
        }
        (Out::Object(left, _), Out::Object(right, _)) => same_fields(left, right),
        (left, right) => match (text(&left), text(&right)) {
            (Some(left), Some(right)) => left == right,
            _ => false,
        },
    }
}

fn text<'a>(out: &'a Out<'_>) -> Option<&'a str> {
    match out {
        Out::Str(text) => Some(text),
        Out::Text(text) => Some(text),
        _ => None,
    }
}

struct Shown<'a>(&'a dyn Wire);

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.to_out() {
            Out::Bool(value) => fmt::Debug::fmt(&value, f),
            Out::Int(value) => fmt::Debug::fmt(&value, f),
            Out::Number(value) => fmt::Display::fmt(value, f),
            Out::Str(value) => fmt::Debug::fmt(value, f),
            Out::Text(value) => fmt::Debug::fmt(&value, f),
            Out::Json(value) => fmt::Display::fmt(value, f),
            Out::List(list) => f
                .debug_list()
                .entries((0..list.len()).map(|index| Shown(list.item(index))))
                .finish(),
            Out::Object(fields, name) => debug_fields(name, fields, f),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::test_slot::Slot;
    use super::super::wire::Wire;

    fn slot(value: serde_json::Value) -> Slot {
        Slot::from_json(value).unwrap()
    }

    #[test]
    fn debug_shows_what_is_set_under_wire_names() {
        let value = slot(json!({"start": "9", "next": {"count": -3}, "tags": ["a"], "z": [1]}));
        assert_eq!(
            format!("{value:?}"),
            r#"Slot { start: "9", next: Slot { count: -3 }, tags: ["a"], z: [1] }"#
        );
        assert_eq!(format!("{:?}", Slot::default()), "Slot");
    }

    #[test]
    fn equal_when_written_alike() {
        let sent = json!({"start": "9", "next": {"count": -3, "q": true}, "tags": ["a", "b"]});
        assert!(slot(sent.clone()) == slot(sent.clone()));
        let differences = [
            json!({"start": "9", "next": {"count": -3, "q": false}, "tags": ["a", "b"]}),
            json!({"start": "9", "next": {"count": -3, "q": true}, "tags": ["a"]}),
            json!({"start": "9", "next": {"count": 3, "q": true}, "tags": ["a", "b"]}),
            json!({"next": {"count": -3, "q": true}, "tags": ["a", "b"]}),
            json!({"start": "9", "next": {"count": -3, "q": true}, "tags": ["b", "a"]}),
        ];
        for other in differences {
            assert!(slot(sent.clone()) != slot(other.clone()), "{other}");
        }
        // Additional properties compare as a map, whatever order they came in.
        assert!(slot(json!({"x": 1, "y": 2})) == slot(json!({"y": 2, "x": 1})));
    }
}
