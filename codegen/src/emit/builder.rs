//! One builder per cmdlet: the `Client` method that starts it, the setters that pick the
//! parameter set (`.user_id(..)` or `.input_object(..)`), the common parameters and `send()`.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::docs;
use super::options;
use super::names::{field_name, ident, method_name, type_name};
use super::reserved::{RESERVED, setter_name};
use super::types::rust_type;
use crate::error::{Error, Result};
use crate::model::{
    BodyProperty, Cmdlet, Module, Operation, ParameterSet, ParameterSource, ResponseShape,
    ValueType,
};
use crate::name::variants::parameter_name;

/// A path key as the builder handles it.
struct PathKey {
    serialized_name: String,
    /// The setter, named after the (possibly renamed) PowerShell parameter.
    setter: Ident,
    parameter: String,
    /// The identity property that carries it in the `…ViaIdentity` sets.
    identity_field: Ident,
    identity_property: String,
}

/// The builders of one cmdlet. Most cmdlets call one operation; a cmdlet whose parameter sets
/// call several (`Stop-MgBetaUserCloudPc`: `powerOff` and `stop`) gets one builder per
/// operation: the `Client` method named after the cmdlet starts the one of the default set, and
/// `<method>_<set>` methods start the others.
pub fn cmdlet(module: &Module, cmdlet: &Cmdlet) -> Result<TokenStream> {
    let mut operations: Vec<usize> = Vec::new();
    for set in &cmdlet.parameter_sets {
        if !operations.contains(&set.operation) {
            operations.push(set.operation);
        }
    }
    let primary = cmdlet
        .parameter_sets
        .iter()
        .find(|s| s.name == cmdlet.default_parameter_set)
        .map_or(operations[0], |s| s.operation);
    operations.sort_by_key(|operation| *operation != primary);
    let mut tokens = TokenStream::new();
    for operation in operations {
        let mut part = cmdlet.clone();
        part.parameter_sets.retain(|s| s.operation == operation);
        let mut names = method_name(&cmdlet.name);
        if operation != primary {
            part.aliases.clear();
            part.default_parameter_set = part.parameter_sets[0].name.clone();
            names = format!("{names}_{}", field_name(&part.parameter_sets[0].name));
        }
        tokens.extend(operation_builder(
            module,
            &part,
            &module.operations[operation],
            &names,
        )?);
    }
    Ok(tokens)
}

fn operation_builder(
    module: &Module,
    cmdlet: &Cmdlet,
    operation: &Operation,
    method_text: &str,
) -> Result<TokenStream> {
    let builder = format_ident!("{}", type_name(method_text));
    let method = ident(method_text);
    let operation_static = format_ident!("{}", method_text.to_uppercase());
    let identity_type = format_ident!("{}", module.identity.name);

    let path_keys = path_keys(module, cmdlet, operation)?;
    let has_identity_set = cmdlet.parameter_sets.iter().any(|s| s.via_identity);
    // Without path keys there is no set to choose (no `…ViaIdentity` either): start ready.
    let initial_state = if path_keys.is_empty() {
        quote!(rt::set::Path)
    } else {
        quote!(rt::set::Unselected)
    };
    let body = BodyParameters::of(cmdlet, operation);
    let options = options::of(cmdlet, operation)?;
    check_names(cmdlet, &path_keys, &body, &options)?;
    let (options_field, options_init, options_move) = options::field(&options);
    let option_setters = options::setters(&options);

    let key_count = proc_macro2::Literal::usize_unsuffixed(path_keys.len());
    // Without path keys there is no set to switch to: no key storage and no retyping.
    let has_keys = !path_keys.is_empty();
    let path_field = has_keys.then(|| quote!(path: [Option<String>; #key_count],));
    let path_init = has_keys.then(|| quote!(path: Default::default(),));
    let path_setters = path_keys.iter().enumerate().map(|(index, key)| {
        let index = proc_macro2::Literal::usize_unsuffixed(index);
        let setter = &key.setter;
        let description = operation
            .path_parameters
            .iter()
            .find(|p| p.serialized_name == key.serialized_name)
            .and_then(|p| p.description.as_deref())
            .map(docs::sentence)
            .unwrap_or_default();
        let doc = format!(
            "`-{}`: {description} Selects the parameter sets that take path keys.",
            key.parameter
        );
        quote! {
            #[doc = #doc]
            pub fn #setter(self, value: impl Into<String>) -> #builder<'c, rt::set::Path> {
                let mut next = self.retype();
                next.path[#index] = Some(value.into());
                next
            }
        }
    });
    let input_object_setter = has_identity_set.then(|| {
        let doc = format!(
            "`-InputObject`: the keys of this call as an [`{}`]. Selects the `…ViaIdentity` \
             parameter sets.",
            module.identity.name
        );
        quote! {
            impl<'c> #builder<'c, rt::set::Unselected> {
                #[doc = #doc]
                pub fn input_object(self, identity: #identity_type) -> #builder<'c, rt::set::ViaIdentity> {
                    let mut next = self.retype();
                    next.input_object = Some(identity);
                    next
                }
            }
        }
    });
    let path_setter_impl = (!path_keys.is_empty()).then(|| {
        quote! {
            impl<'c, S: rt::set::AcceptsPathKeys> #builder<'c, S> {
                #(#path_setters)*
            }
        }
    });

    let path_values = path_keys.iter().enumerate().map(|(index, key)| {
        let index = proc_macro2::Literal::usize_unsuffixed(index);
        let serialized = &key.serialized_name;
        let parameter = &key.parameter;
        let label = format!("-{parameter}");
        quote! {
            (#serialized, #label, self.path[#index].as_deref().ok_or_else(|| rt::missing_parameter(&#operation_static, #parameter))?)
        }
    });
    let identity_values = path_keys.iter().map(|key| {
        let serialized = &key.serialized_name;
        let field = &key.identity_field;
        let property = &key.identity_property;
        let label = format!("InputObject.{property}");
        quote! { (#serialized, #label, rt::identity_value(identity.#field.as_deref(), #property)?) }
    });
    let render_path = if has_identity_set {
        quote! {
            match &self.input_object {
                Some(identity) => rt::render_path(&#operation_static, &[#(#identity_values),*]),
                None => rt::render_path(&#operation_static, &[#(#path_values),*]),
            }
        }
    } else {
        quote! { rt::render_path(&#operation_static, &[#(#path_values),*]) }
    };
    let render_path = options::render(&options, &operation_static, render_path);
    let set_choice = set_choice(cmdlet, &body);

    let body_setters = body.setters();
    let body_fields = body.fields();
    let body_init = body.init();
    let body_moves = body.moves();
    let body_method = body.method(&operation_static);
    let (body_check, body_value) = if body.exists {
        (
            quote! { self.request_body()?; },
            quote! { let body = self.request_body()?; },
        )
    } else {
        (quote! {}, quote! { let body = None; })
    };
    let (output_type, decode) = output(operation, &operation_static);
    // A body that is not JSON is sent as bytes, with its media type.
    let (execute, media_type) = match &body.raw_media_type {
        Some(media_type) => (quote!(rt::execute_bytes), quote!(#media_type,)),
        None => (quote!(rt::execute), quote!()),
    };
    // Later pages of a pageable answer are fetched with the same headers.
    let common_for_call = if matches!(operation.response, ResponseShape::Pageable { .. }) {
        quote!(self.common.clone())
    } else {
        quote!(self.common)
    };
    let pass_thru_field =
        matches!(operation.response, ResponseShape::NoContent).then(|| quote!(pass_thru: bool,));
    let pass_thru_init = pass_thru_field.as_ref().map(|_| quote!(pass_thru: false,));
    let pass_thru_move = pass_thru_field
        .as_ref()
        .map(|_| quote!(pass_thru: self.pass_thru,));
    let pass_thru_setter = pass_thru_field.as_ref().map(|_| {
        quote! {
            /// `-PassThru`: `send()` gives `Some(true)` when the call succeeds (the operation
            /// answers with no content, so without it there is nothing to return).
            pub fn pass_thru(mut self) -> Self {
                self.pass_thru = true;
                self
            }
        }
    });
    let input_object_field =
        has_identity_set.then(|| quote!(input_object: Option<#identity_type>,));
    let input_object_init = input_object_field
        .as_ref()
        .map(|_| quote!(input_object: None,));
    let input_object_move = input_object_field
        .as_ref()
        .map(|_| quote!(input_object: self.input_object,));

    let retype = (!path_keys.is_empty()).then(|| {
        quote! {
            fn retype<T>(self) -> #builder<'c, T> {
                #builder {
                    client: self.client,
                    path: self.path,
                    #input_object_move
                    #options_move
                    #body_moves
                    #pass_thru_move
                    common: self.common,
                    state: ::std::marker::PhantomData,
                }
            }
        }
    });
    let operation_info = operation_info(module, cmdlet, operation, &operation_static);
    let mut method_docs = docs::cmdlet(module, cmdlet, operation);
    if *method_text != method_name(&cmdlet.name) {
        let sets: Vec<&str> = cmdlet
            .parameter_sets
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        method_docs.insert(
            1,
            format!(
                "\nParameter sets {} of `{}`: they call another operation than [`Client::{main}`](crate::Client::{main}).",
                sets.join(", "),
                cmdlet.name,
                main = method_name(&cmdlet.name)
            ),
        );
    }
    let builder_doc = format!(
        "Builder of `{}`, started by [`Client::{method}`](crate::Client::{method}); see there \
         for the cmdlet's documentation. Nothing is sent until `.send()`.",
        cmdlet.name
    );
    let cmdlet_name = &cmdlet.name;
    let aliases = cmdlet.aliases.iter().map(|alias| {
        let alias_method = ident(&method_name(alias));
        let doc = format!(
            "`{alias}`: alias of `{}`, see [`Client::{method}`](crate::Client::{method}).",
            cmdlet.name
        );
        quote! {
            #[doc = #doc]
            #[doc(alias = #alias)]
            pub fn #alias_method(&self) -> #builder<'_, #initial_state> {
                self.#method()
            }
        }
    });
    let what_if_doc = "`-WhatIf`: what `send()` would do (cmdlet, parameter set, method and \
                       full URL), without sending anything.";

    Ok(quote! {
        #operation_info

        impl crate::Client {
            #(#[doc = #method_docs])*
            #[doc(alias = #cmdlet_name)]
            pub fn #method(&self) -> #builder<'_, #initial_state> {
                #builder {
                    client: self,
                    #path_init
                    #input_object_init
                    #options_init
                    #body_init
                    #pass_thru_init
                    common: rt::CommonParameters::default(),
                    state: ::std::marker::PhantomData,
                }
            }
            #(#aliases)*
        }

        #[doc = #builder_doc]
        #[must_use = "nothing is sent until `.send()` is awaited"]
        pub struct #builder<'c, S = #initial_state> {
            client: &'c crate::Client,
            #path_field
            #input_object_field
            #options_field
            #body_fields
            #pass_thru_field
            common: rt::CommonParameters,
            state: ::std::marker::PhantomData<fn() -> S>,
        }

        #input_object_setter
        #path_setter_impl

        impl<'c, S> #builder<'c, S> {
            #retype

            /// `-Headers`: adds a header to the request; repeat for more.
            pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
                self.common.add_header(name.into(), value.into());
                self
            }

            /// `-Confirm`: asks `approve` before sending, with the preview `-WhatIf` would show;
            /// `false` sends nothing and `send()` fails with a declined-confirmation error.
            pub fn confirm(mut self, approve: impl Fn(&crate::Preview) -> bool + Send + Sync + 'static) -> Self {
                self.common.set_confirm(::std::sync::Arc::new(approve));
                self
            }

            #pass_thru_setter
            #(#option_setters)*
            #(#body_setters)*
        }

        impl<S: rt::set::Chosen> #builder<'_, S> {
            fn parameter_set(&self) -> &'static str {
                #set_choice
            }

            fn render_path(&self) -> Result<String, crate::Error> {
                #render_path
            }

            #body_method

            #[doc = #what_if_doc]
            pub fn what_if(&self) -> Result<crate::Preview, crate::Error> {
                let path = self.render_path()?;
                #body_check
                Ok(rt::preview(self.client, &#operation_static, self.parameter_set(), &path))
            }

            /// Sends the request; see the `Client` method for what it answers with.
            pub async fn send(self) -> Result<#output_type, crate::Error> {
                Ok(self.send_with_headers().await?.value)
            }

            /// `-ResponseHeadersVariable`: like `send()`, with the response status and headers.
            pub async fn send_with_headers(self) -> Result<crate::Response<#output_type>, crate::Error> {
                let path = self.render_path()?;
                let parameter_set = self.parameter_set();
                #body_value
                let raw = #execute(self.client, &#operation_static, parameter_set, path, body, #media_type #common_for_call)
                    .await?;
                #decode
            }
        }
    })
}

fn path_keys(module: &Module, cmdlet: &Cmdlet, operation: &Operation) -> Result<Vec<PathKey>> {
    let path_set = cmdlet.parameter_sets.iter().find(|s| !s.via_identity);
    operation
        .path_parameters
        .iter()
        .map(|key| {
            let parameter = path_set
                .and_then(|set| {
                    set.parameters.iter().find(|p| {
                        matches!(&p.source, ParameterSource::Path { serialized_name } if *serialized_name == key.serialized_name)
                    })
                })
                .map(|p| p.name.clone())
                .unwrap_or_else(|| parameter_name(&key.serialized_name));
            let pascal = parameter_name(&key.serialized_name);
            let property = module
                .identity
                .properties
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(&pascal))
                .ok_or_else(|| Error::Naming {
                    location: format!("operation {}", operation.operation_id),
                    message: format!("path key `{}` is missing from the identity type", key.serialized_name),
                })?;
            Ok(PathKey {
                serialized_name: key.serialized_name.clone(),
                setter: ident(&setter_name(&parameter)),
                parameter,
                identity_field: ident(&field_name(&property.name)),
                identity_property: property.name.clone(),
            })
        })
        .collect()
}

/// Every setter name must be a distinct identifier that does not shadow a builder method.
fn check_names(
    cmdlet: &Cmdlet,
    keys: &[PathKey],
    body: &BodyParameters,
    options: &[options::OptionParameter],
) -> Result<()> {
    let mut seen: Vec<String> = Vec::new();
    let names = keys
        .iter()
        .map(|k| k.parameter.clone())
        .chain(body.whole.iter().cloned())
        .chain(body.properties.iter().map(|(name, _)| name.clone()))
        .chain(body.additional.iter().cloned())
        .chain(options.iter().map(|o| o.name.clone()));
    for parameter in names {
        let setter = setter_name(&parameter);
        let clash = RESERVED.contains(&setter.as_str()) || seen.contains(&setter);
        if clash || !super::names::is_identifier(&setter) {
            return Err(Error::Naming {
                location: format!("cmdlet {}, parameter -{parameter}", cmdlet.name),
                message: format!(
                    "its Rust setter `{setter}` collides with another method or is not an identifier"
                ),
            });
        }
        seen.push(setter);
    }
    Ok(())
}

/// The request-body parameters of a cmdlet across its sets.
struct BodyParameters {
    /// Names of the whole-body parameter (`Body` in some sets, `BodyParameter` in others).
    whole: Vec<String>,
    /// Expanded properties: PowerShell name and schema.
    properties: Vec<(String, BodyProperty)>,
    /// `-AdditionalProperties`, when the body schema is open.
    additional: Option<String>,
    /// The body is required by the operation.
    required: bool,
    has_expanded: bool,
    exists: bool,
    /// The media type of a body sent as bytes (not JSON).
    raw_media_type: Option<String>,
}

impl BodyParameters {
    /// The Rust type of the whole body: bytes for a non-JSON body, else JSON.
    fn value_type(&self) -> TokenStream {
        match self.raw_media_type {
            Some(_) => quote!(Vec<u8>),
            None => quote!(::serde_json::Value),
        }
    }
}

impl BodyParameters {
    fn of(cmdlet: &Cmdlet, operation: &Operation) -> Self {
        let mut me = BodyParameters {
            whole: Vec::new(),
            properties: Vec::new(),
            additional: None,
            required: operation.body.as_ref().is_some_and(|b| b.required),
            has_expanded: cmdlet.parameter_sets.iter().any(|s| s.expanded),
            exists: operation.body.is_some(),
            raw_media_type: operation
                .body
                .as_ref()
                .and_then(|b| b.raw_media_type.clone()),
        };
        for parameter in cmdlet.parameter_sets.iter().flat_map(|s| &s.parameters) {
            match &parameter.source {
                ParameterSource::Body if !me.whole.contains(&parameter.name) => {
                    me.whole.push(parameter.name.clone());
                }
                ParameterSource::BodyProperty { json_name } => {
                    let known = me.properties.iter().any(|(_, p)| p.json_name == *json_name);
                    let property = operation
                        .body
                        .iter()
                        .flat_map(|b| &b.properties)
                        .find(|p| p.json_name == *json_name);
                    if let (false, Some(property)) = (known, property) {
                        me.properties
                            .push((parameter.name.clone(), property.clone()));
                    }
                }
                ParameterSource::AdditionalProperties => {
                    me.additional = Some(parameter.name.clone())
                }
                _ => {}
            }
        }
        me
    }

    fn fields(&self) -> TokenStream {
        let value_type = self.value_type();
        let whole = self.exists.then(|| quote!(body: Option<#value_type>,));
        let expanded = self
            .has_expanded
            .then(|| quote!(expanded: ::serde_json::Map<String, ::serde_json::Value>,));
        quote!(#whole #expanded)
    }

    fn init(&self) -> TokenStream {
        let whole = self.exists.then(|| quote!(body: None,));
        let expanded = self
            .has_expanded
            .then(|| quote!(expanded: ::serde_json::Map::new(),));
        quote!(#whole #expanded)
    }

    fn moves(&self) -> TokenStream {
        let whole = self.exists.then(|| quote!(body: self.body,));
        let expanded = self.has_expanded.then(|| quote!(expanded: self.expanded,));
        quote!(#whole #expanded)
    }

    fn setters(&self) -> Vec<TokenStream> {
        let mut setters = Vec::new();
        let value_type = self.value_type();
        for name in &self.whole {
            let setter = ident(&setter_name(name));
            let doc = match &self.raw_media_type {
                Some(media_type) => format!("`-{name}`: the whole request body, sent as `{media_type}` bytes."),
                None => format!(
                    "`-{name}`: the whole request body as JSON. Cannot be combined with the \
                     `…Expanded` parameters."
                ),
            };
            setters.push(quote! {
                #[doc = #doc]
                pub fn #setter(mut self, body: impl Into<#value_type>) -> Self {
                    self.body = Some(body.into());
                    self
                }
            });
        }
        for (name, property) in &self.properties {
            let setter = ident(&setter_name(name));
            let json_name = &property.json_name;
            let doc = format!(
                "`-{name}` (`…Expanded` sets): body property `{json_name}`. {}",
                property.description.clone().unwrap_or_default()
            );
            let (argument, conversion) = setter_argument(&property.value_type);
            setters.push(quote! {
                #[doc = #doc]
                pub fn #setter(mut self, value: #argument) -> Self {
                    self.expanded.insert(#json_name.to_owned(), #conversion);
                    self
                }
            });
        }
        if let Some(name) = &self.additional {
            let setter = ident(&setter_name(name));
            let doc = format!(
                "`-{name}` (`…Expanded` sets): further body properties the schema leaves open."
            );
            setters.push(quote! {
                #[doc = #doc]
                pub fn #setter(mut self, properties: ::serde_json::Map<String, ::serde_json::Value>) -> Self {
                    self.expanded.extend(properties);
                    self
                }
            });
        }
        setters
    }

    /// `request_body()`: the JSON to send, or why the parameters given cannot make one.
    fn method(&self, operation: &Ident) -> TokenStream {
        if !self.exists {
            return quote! {};
        }
        let whole_name = self
            .whole
            .first()
            .cloned()
            .unwrap_or_else(|| "Body".to_owned());
        let value = match self.has_expanded {
            true => {
                let message = format!(
                    "-{whole_name} cannot be combined with the parameters of the Expanded sets ({{}})"
                );
                quote! {
                    match (&self.body, self.expanded.is_empty()) {
                        (Some(_), false) => {
                            let given: Vec<&str> = self.expanded.keys().map(String::as_str).collect();
                            Err(rt::conflicting_parameters(&#operation, format!(#message, given.join(", "))))
                        }
                        (Some(body), true) => Ok(Some(body.clone())),
                        (None, _) => Ok(Some(::serde_json::Value::Object(self.expanded.clone()))),
                    }
                }
            }
            false if self.required => quote! {
                self.body.clone().map(Some).ok_or_else(|| rt::missing_parameter(&#operation, #whole_name))
            },
            false => quote! { Ok(self.body.clone()) },
        };
        let value_type = self.value_type();
        quote! {
            fn request_body(&self) -> Result<Option<#value_type>, crate::Error> {
                #value
            }
        }
    }
}

fn setter_argument(value_type: &ValueType) -> (TokenStream, TokenStream) {
    match value_type {
        ValueType::String => (
            quote!(impl Into<String>),
            quote!(::serde_json::Value::String(value.into())),
        ),
        ValueType::Boolean => (quote!(bool), quote!(::serde_json::Value::Bool(value))),
        ValueType::Integer => (quote!(i64), quote!(::serde_json::Value::from(value))),
        ValueType::Number => (quote!(f64), quote!(::serde_json::Value::from(value))),
        _ => (quote!(impl Into<::serde_json::Value>), quote!(value.into())),
    }
}

/// The runtime test that names the parameter set of a call.
fn set_choice(cmdlet: &Cmdlet, body: &BodyParameters) -> TokenStream {
    let name = |identity: bool, expanded: bool| -> String {
        let find = |expanded: bool| {
            cmdlet
                .parameter_sets
                .iter()
                .find(|s| s.via_identity == identity && s.expanded == expanded)
        };
        find(expanded)
            .or_else(|| find(!expanded))
            .or_else(|| cmdlet.parameter_sets.first())
            .map(|s: &ParameterSet| s.name.clone())
            .unwrap_or_default()
    };
    let identity_test = quote!(self.input_object.is_some());
    let expanded_test = quote!(self.body.is_none());
    let has_identity = cmdlet.parameter_sets.iter().any(|s| s.via_identity);
    let expands = body.has_expanded && body.exists;
    let (plain, plain_expanded, via, via_expanded) = (
        name(false, false),
        name(false, true),
        name(true, false),
        name(true, true),
    );
    match (has_identity, expands) {
        (false, false) => quote!(#plain),
        (true, false) => quote! { if #identity_test { #via } else { #plain } },
        (false, true) => quote! { if #expanded_test { #plain_expanded } else { #plain } },
        (true, true) => quote! {
            match (#identity_test, #expanded_test) {
                (false, false) => #plain,
                (false, true) => #plain_expanded,
                (true, false) => #via,
                (true, true) => #via_expanded,
            }
        },
    }
}

fn output(operation: &Operation, info: &Ident) -> (TokenStream, TokenStream) {
    match &operation.response {
        ResponseShape::NoContent => (
            quote!(Option<bool>),
            quote! { Ok(rt::into_response(&raw, self.pass_thru.then_some(true))) },
        ),
        ResponseShape::SingleValue {
            property,
            value_type: ValueType::Boolean,
        } => (
            quote!(bool),
            quote! {
                // An empty 2xx answer (204, or beta's other success codes) means it worked.
                let value = rt::decode_single_value::<bool>(&#info, &raw, #property)?.unwrap_or(true);
                Ok(rt::into_response(&raw, value))
            },
        ),
        ResponseShape::SingleValue {
            property,
            value_type,
        } => {
            let ty = rust_type(value_type);
            (
                quote!(Option<#ty>),
                quote! {
                    let value = rt::decode_single_value::<#ty>(&#info, &raw, #property)?;
                    Ok(rt::into_response(&raw, value))
                },
            )
        }
        ResponseShape::Pageable { item_type } => {
            let item = rust_type(item_type);
            (
                quote!(Vec<#item>),
                quote! {
                    // Like the cmdlet: every item of `value`, following `@odata.nextLink`.
                    let value = rt::collect_pages::<#item>(self.client, &#info, &raw, &self.common).await?;
                    Ok(rt::into_response(&raw, value))
                },
            )
        }
        ResponseShape::Binary => (
            quote!(Vec<u8>),
            quote! { Ok(rt::into_response(&raw, raw.body.clone())) },
        ),
        ResponseShape::Model(_) => (
            quote!(::serde_json::Value),
            quote! {
                let value = rt::decode_json(&#info, &raw)?;
                Ok(rt::into_response(&raw, value))
            },
        ),
    }
}

fn operation_info(
    module: &Module,
    cmdlet: &Cmdlet,
    operation: &Operation,
    name: &Ident,
) -> TokenStream {
    let cmdlet_name = &cmdlet.name;
    let method = operation.method.as_str();
    let version = &module.api_version;
    let path = &operation.path;
    let repeatable = operation.repeatable;
    let mut least: Vec<&str> = operation
        .docs
        .permissions
        .iter()
        .flat_map(|row| row.least_privileged.iter().map(String::as_str))
        .collect();
    least.dedup();
    let mut unique = Vec::new();
    for permission in least {
        if !unique.contains(&permission) {
            unique.push(permission);
        }
    }
    quote! {
        static #name: rt::OperationInfo = rt::OperationInfo {
            cmdlet: #cmdlet_name,
            method: #method,
            api_version: #version,
            path_template: #path,
            least_privileged: &[#(#unique),*],
            repeatable: #repeatable,
        };
    }
}
