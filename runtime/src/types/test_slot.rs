//! A hand-written model struct, as the generator writes them, for the tests of `wire` and
//! `by_wire`: a recursive field, a list, and the additional map.

use serde_json::{Map, Value};

use super::wire::{Fields, ObjectReader, ObjectWriter};

#[derive(Clone, Default)]
pub(crate) struct Slot {
    pub(crate) start: Option<String>,
    pub(crate) count: Option<i32>,
    pub(crate) next: Option<Box<Slot>>,
    pub(crate) tags: Option<Vec<String>>,
    pub(crate) additional: Map<String, Value>,
}

impl Fields for Slot {
    fn read_fields(input: &mut ObjectReader) -> Self {
        Slot {
            start: input.take("start"),
            count: input.take("count"),
            next: input.take("next"),
            tags: input.take("tags"),
            additional: input.rest(),
        }
    }

    fn write_fields<'a>(&'a self, out: &mut ObjectWriter<'a>) {
        out.put("start", &self.start);
        out.put("count", &self.count);
        out.put("next", &self.next);
        out.put("tags", &self.tags);
        out.rest(&self.additional);
    }
}

crate::model_impls!(Slot);
