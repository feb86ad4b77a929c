//! Query and header parameters of an operation (`-Filter`, `-Top`, `-Property`,
//! `-ConsistencyLevel`, `-IfMatch`, …) as typed builder setters. Their values live in one
//! `options: [Option<String>; N]` field, described by the operation's `options` table; the
//! runtime appends the query values to the path, header values go into the call's headers when
//! set.
//!
//! A parameter whose type cannot be sent (an object, a nested array, a `content` parameter, an
//! exploded array) stops generation with an error naming the operation: nothing the spec
//! declares is dropped silently.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::names::ident;
use super::reserved::setter_name;
use crate::error::{Error, Result};
use crate::model::{
    Cmdlet, Operation, OtherParameter, ParameterLocation, ParameterSource, ValueType,
};
use crate::name::variants::parameter_name;

/// One query or header parameter of a builder.
pub struct OptionParameter {
    /// The PowerShell name after the directives (`Property` for `$select`).
    pub name: String,
    spec: OtherParameter,
    kind: Kind,
}

enum Kind {
    Text,
    Integer,
    Number,
    Boolean,
    /// Strings (or other scalars), sent comma-separated.
    List,
}

/// The query and header parameters of `operation`, named as in the cmdlet's parameter sets.
pub fn of(cmdlet: &Cmdlet, operation: &Operation) -> Result<Vec<OptionParameter>> {
    operation
        .other_parameters
        .iter()
        .map(|other| {
            let name = cmdlet
                .parameter_sets
                .iter()
                .flat_map(|s| &s.parameters)
                .find(|p| match &p.source {
                    ParameterSource::Query { serialized_name } => {
                        other.location == ParameterLocation::Query
                            && *serialized_name == other.serialized_name
                    }
                    ParameterSource::Header { serialized_name } => {
                        other.location == ParameterLocation::Header
                            && *serialized_name == other.serialized_name
                    }
                    _ => false,
                })
                .map_or_else(
                    || parameter_name(&other.serialized_name),
                    |p| p.name.clone(),
                );
            let kind = kind(other).ok_or_else(|| Error::Naming {
                location: format!(
                    "operation {}, {} parameter `{}`",
                    operation.operation_id,
                    location_word(other.location),
                    other.serialized_name
                ),
                message: format!(
                    "its type ({}) cannot be sent as a {} value; the generator does not drop \
                     parameters, so the operation cannot be generated",
                    describe(other),
                    location_word(other.location)
                ),
            })?;
            Ok(OptionParameter {
                name,
                spec: other.clone(),
                kind,
            })
        })
        .collect()
}

fn location_word(location: ParameterLocation) -> &'static str {
    match location {
        ParameterLocation::Query => "query",
        ParameterLocation::Header => "header",
    }
}

fn describe(other: &OtherParameter) -> String {
    match &other.value_type {
        None => "given as `content`, no schema".to_owned(),
        Some(ValueType::Array(_)) if other.explode => "an exploded array".to_owned(),
        Some(value_type) => format!("{value_type:?}").to_lowercase(),
    }
}

fn is_scalar(value_type: &ValueType) -> bool {
    matches!(
        value_type,
        ValueType::String | ValueType::Integer | ValueType::Number | ValueType::Boolean
    )
}

fn kind(other: &OtherParameter) -> Option<Kind> {
    Some(match other.value_type.as_ref()? {
        ValueType::String | ValueType::Any => Kind::Text,
        ValueType::Integer => Kind::Integer,
        ValueType::Number => Kind::Number,
        ValueType::Boolean => Kind::Boolean,
        ValueType::Array(item)
            if is_scalar(item) && !other.explode && other.location == ParameterLocation::Query =>
        {
            Kind::List
        }
        _ => return None,
    })
}

/// The setters, for the builder's `impl<'c, S>` block.
pub fn setters(options: &[OptionParameter]) -> Vec<TokenStream> {
    options
        .iter()
        .enumerate()
        .map(|(index, option)| {
            let setter = ident(&setter_name(&option.name));
            let index = Literal::usize_unsuffixed(index);
            let description = option.spec.description.as_deref().unwrap_or_default();
            let doc = format!(
                "`-{}` ({} parameter `{}`){}: {description}",
                option.name,
                location_word(option.spec.location),
                option.spec.serialized_name,
                if option.spec.required {
                    ", required"
                } else {
                    ""
                },
            );
            let (argument, text) = match option.kind {
                Kind::Text => (quote!(impl Into<String>), quote!(value.into())),
                Kind::Integer => (quote!(i64), quote!(value.to_string())),
                Kind::Number => (quote!(f64), quote!(value.to_string())),
                Kind::Boolean => (quote!(bool), quote!(value.to_string())),
                Kind::List => (
                    quote!(impl IntoIterator<Item = impl Into<String>>),
                    quote!(rt::join_items(value)),
                ),
            };
            let store = if option.spec.location == ParameterLocation::Header {
                let name = &option.spec.serialized_name;
                quote!(self.cmdlet_header_option(#index, #name, #text))
            } else {
                quote!(self.cmdlet_option(#index, #text))
            };
            quote! {
                #[doc = #doc]
                pub fn #setter(self, value: #argument) -> Self {
                    #store
                }
            }
        })
        .collect()
}

/// The rows of the operation's `options` table, in the order of the builder's `options` array:
/// the runtime appends the query values and checks the required ones.
pub fn table(options: &[OptionParameter]) -> TokenStream {
    let rows = options.iter().map(|option| {
        let name = &option.spec.serialized_name;
        let parameter = &option.name;
        let header = option.spec.location == ParameterLocation::Header;
        let required = option.spec.required;
        quote! {
            rt::OptionParameter { name: #name, parameter: #parameter, header: #header, required: #required }
        }
    });
    quote!(&[#(#rows),*])
}
