//! The model types a builder takes and gives: the body type named after the cmdlet
//! (`FindMgBetaUserMeetingTimeBody`), the types of the expanded body properties and of the
//! answer. Everything here comes from `Module::models`; without a type the builder keeps JSON.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Names;
use crate::emit::names::type_name;
use crate::emit::types::{setter_argument, type_tokens};
use crate::model::plan::BuilderPlan;
use crate::model::{BodyType, Module, OperationTypes, ResponseShape, TypeRef};

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

pub(super) fn body(module: &Module, plan: &BuilderPlan, names: &Names) -> TypedBody {
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
            let name = format!("{}Body", type_name(&names.method_text));
            let ident = format_ident!("{name}");
            typed.whole = Some(quote!(#ident));
            typed.item =
                crate::emit::models::body_struct(&name, &plan.cmdlet.name, fields, &module.models);
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
