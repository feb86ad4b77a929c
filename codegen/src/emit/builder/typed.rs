//! The model types a builder takes and gives: the body type named after the cmdlet
//! (`FindMgBetaUserMeetingTimeBody`), the types of the expanded body properties and of the
//! answer. Everything here comes from `Module::models`; without a type the builder keeps JSON.
//!
//! Cmdlets that call one action through different paths (`Invoke-MgAcceptUserEvent`, its
//! `…CalendarView…` and `…Instance…` siblings) take the same body: its struct is written once,
//! for the first of them, and the others' body names are aliases of it (750 inline bodies of the
//! full module are 190 structs), as every struct is a dozen functions to compile.

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::names::type_name;
use crate::emit::types::{setter_argument, type_tokens};
use crate::error::Result;
use crate::model::plan::{self, BuilderPlan};
use crate::model::{BodyType, Field, Module, OperationTypes, ResponseShape, TypeRef};

pub(super) struct TypedBody {
    /// The whole body's type, when the spec gives one.
    pub whole: Option<TokenStream>,
    /// Per expanded property (JSON name): the setter's argument type and its JSON conversion.
    pub properties: Vec<(String, TokenStream, TokenStream)>,
    /// The `<Builder>Body` struct of an inline object body.
    pub item: TokenStream,
}

pub(super) fn operation_types<'m>(
    module: &'m Module,
    plan: &BuilderPlan,
) -> Option<&'m OperationTypes> {
    module.models.operations.get(plan.operation)
}

/// For each builder with an inline body (by its body struct's name): the struct that holds it,
/// the first builder's in module order with the same properties (names, wire names, types).
#[derive(Debug, Default)]
pub struct BodyStructs {
    canonical: HashMap<String, String>,
}

impl BodyStructs {
    pub fn of(module: &Module) -> Result<BodyStructs> {
        let mut first_by_shape: HashMap<String, String> = HashMap::new();
        let mut canonical = HashMap::new();
        for cmdlet in &module.cmdlets {
            for plan in plan::builders(module, cmdlet)? {
                let Some(BodyType::Inline(fields)) =
                    operation_types(module, &plan).and_then(|t| t.body.as_ref())
                else {
                    continue;
                };
                let name = body_struct_name(&plan);
                let first = first_by_shape
                    .entry(shape(fields))
                    .or_insert_with(|| name.clone());
                canonical.insert(name, first.clone());
            }
        }
        Ok(BodyStructs { canonical })
    }

    fn canonical(&self, name: &str) -> Option<&str> {
        self.canonical.get(name).map(String::as_str)
    }
}

fn body_struct_name(plan: &BuilderPlan) -> String {
    format!("{}Body", type_name(&super::builder_method(plan)))
}

/// What makes two inline bodies one struct: every field's names, type and boxing.
fn shape(fields: &[Field]) -> String {
    fields
        .iter()
        .map(|f| format!("{}|{}|{:?}|{};", f.wire_name, f.rust_name, f.ty, f.boxed))
        .collect()
}

pub(super) fn body(module: &Module, plan: &BuilderPlan, structs: &BodyStructs) -> TypedBody {
    let mut typed = TypedBody {
        whole: None,
        properties: Vec::new(),
        item: quote!(),
    };
    let Some(body_type) = operation_types(module, plan).and_then(|t| t.body.as_ref()) else {
        return typed;
    };
    for (_, property) in &plan.body.properties {
        let ty = body_type.property(&module.models, &property.json_name);
        let (argument, conversion) = setter_argument(&ty, &module.models);
        typed
            .properties
            .push((property.json_name.clone(), argument, conversion));
    }
    match body_type {
        BodyType::Inline(fields) => {
            let name = body_struct_name(plan);
            let ident = format_ident!("{name}");
            typed.whole = Some(quote!(#ident));
            typed.item = match structs.canonical(&name) {
                Some(canonical) if canonical != name => {
                    let canonical = format_ident!("{canonical}");
                    let doc = format!(
                        "The request body of `{}` (`-BodyParameter`): the same properties as \
                         [`{canonical}`], which it names.",
                        plan.cmdlet.name
                    );
                    quote! {
                        #[doc = #doc]
                        pub type #ident = #canonical;
                    }
                }
                _ => crate::emit::models::body_struct(
                    &name,
                    &plan.cmdlet.name,
                    fields,
                    &module.models,
                ),
            };
        }
        BodyType::Other(ty) => typed.whole = Some(type_tokens(ty, &module.models, &quote!(models))),
    }
    typed
}

/// The answer's type when the models give one: `(type, is a whole-body model)`.
pub(super) fn answer(module: &Module, plan: &BuilderPlan) -> Option<(TokenStream, bool)> {
    let ty = operation_types(module, plan)?.response.as_ref()?;
    let whole_model = matches!(plan.operation(module).response, ResponseShape::Model(_));
    if whole_model && !matches!(ty, TypeRef::Model(_)) {
        return None;
    }
    Some((
        type_tokens(ty, &module.models, &quote!(models)),
        whole_model,
    ))
}
