//! The builder type of one cmdlet: its marker in `cmdlets`, the alias of the module's generic
//! `Cmdlet` (see [`super::shared`]) named after the cmdlet, and the `rt::CmdletOp` impl that
//! tells the shared methods how many keys and options it collects, which body it sends and how
//! its answer is decoded.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::Names;
use crate::emit::options::OptionParameter;
use crate::model::plan::BuilderPlan;
use crate::model::{Module, ResponseShape};

pub(super) fn builder_type(
    module: &Module,
    plan: &BuilderPlan,
    names: &Names,
    option_parameters: &[OptionParameter],
) -> TokenStream {
    let Names {
        builder,
        method,
        info,
        initial_state,
        ..
    } = names;
    let doc = format!(
        "Builder of `{}`, started by [`Client::{method}`](crate::Client::{method}); see there \
         for the cmdlet's documentation. Nothing is sent until `.send()`.",
        plan.cmdlet.name
    );
    let key_count = Literal::usize_unsuffixed(plan.path_keys.len());
    let option_count = Literal::usize_unsuffixed(option_parameters.len());
    let body_kind = match (&plan.body, plan.body.is_raw()) {
        (body, _) if !body.exists => quote!(None),
        (_, true) => quote!(Bytes),
        (body, false) if body.expanded => quote!(Expanded),
        _ => quote!(Json),
    };
    let operation = plan.operation(module);
    let typed_answer = super::typed::answer(module, plan);
    let (output, answer) = super::send::output(&operation.response, typed_answer.clone());
    let takes_identity = plan.input_object.then(|| {
        quote! {
            impl rt::TakesIdentity for cmdlets::#builder {}
        }
    });
    let paged = match &operation.response {
        ResponseShape::Pageable { item_type } => {
            let item = typed_answer
                .map(|(ty, _)| ty)
                .unwrap_or_else(|| crate::emit::types::rust_type(item_type));
            quote! {
                impl rt::Paged for cmdlets::#builder {
                    type Item = #item;
                }
            }
        }
        _ => quote!(),
    };
    quote! {
        #[doc = #doc]
        pub type #builder<'c, S = #initial_state> = Cmdlet<'c, cmdlets::#builder, S>;

        impl rt::CmdletOp for cmdlets::#builder {
            type Keys = [Option<String>; #key_count];
            type Options = [Option<String>; #option_count];
            type Output = #output;
            const OPERATION: &'static rt::Operation = &#info;
            const BODY: rt::BodyKind = rt::BodyKind::#body_kind;

            #[inline]
            fn answer() -> rt::Answer<#output> {
                #answer
            }
        }

        #takes_identity
        #paged
    }
}
