//! `Cmdlet<'c, Op, S>`: the one builder type of a module. Every cmdlet's builder is an alias of
//! it (`pub type RevokeMgUserSignInSession<'c, S> = Cmdlet<'c, cmdlets::RevokeMgUserSignInSession, S>`)
//! with its own setters in an inherent impl for its marker `Op`; what every builder shares
//! (`header`, `confirm`, `input_object`, `what_if`, `send`, `send_with_headers`, `send_stream`,
//! the batch impl) is written here once, generic over `Op: rt::CmdletOp`.
//!
//! Per-cmdlet copies of those methods were half of a full module's check time: two thousand
//! near-identical bodies type-checked and borrow-checked one by one.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::Module;

pub(crate) fn cmdlet_type(module: &Module) -> TokenStream {
    if module.cmdlets.is_empty() {
        return quote!();
    }
    let identity = format_ident!("{}", module.identity.name);
    let what_if_doc = "`-WhatIf`: what `send()` would do (cmdlet, parameter set, method and \
                       full URL), without sending anything.";
    quote! {
        /// A cmdlet call being built: `Op` is the cmdlet (a marker in [`cmdlets`]), `S` the
        /// parameter set chosen so far ([`rt::set`]). Each cmdlet's builder is an alias of this
        /// type, started by its `Client` method; see there for the cmdlet's documentation.
        /// Nothing is sent until `.send()`.
        #[must_use = "nothing is sent until `.send()` is awaited"]
        pub struct Cmdlet<'c, Op: rt::CmdletOp, S = rt::set::Unselected> {
            client: &'c crate::Client,
            path: Op::Keys,
            options: Op::Options,
            parts: CmdletParts,
            state: ::std::marker::PhantomData<fn() -> (Op, S)>,
        }

        /// What a builder collects whatever its cmdlet: a struct of its own, so that starting
        /// and retyping a builder move one value instead of six in each cmdlet's copy.
        #[derive(Default)]
        struct CmdletParts {
            input_object: Option<#identity>,
            body: Option<::serde_json::Value>,
            bytes: Option<Vec<u8>>,
            expanded: ::serde_json::Map<String, ::serde_json::Value>,
            pass_thru: bool,
            common: rt::CommonParameters,
        }

        // The setters of each cmdlet call these; a module whose cmdlets take no bytes body (or
        // no options…) leaves some unused.
        #[allow(dead_code)]
        impl<'c, Op: rt::CmdletOp, S> Cmdlet<'c, Op, S> {
            fn cmdlet_new(client: &'c crate::Client) -> Self {
                Cmdlet {
                    client,
                    path: Default::default(),
                    options: Default::default(),
                    parts: CmdletParts::default(),
                    state: ::std::marker::PhantomData,
                }
            }

            fn cmdlet_retype<T>(self) -> Cmdlet<'c, Op, T> {
                Cmdlet {
                    client: self.client,
                    path: self.path,
                    options: self.options,
                    parts: self.parts,
                    state: ::std::marker::PhantomData,
                }
            }

            fn cmdlet_key(self, index: usize, value: String) -> Cmdlet<'c, Op, rt::set::Path> {
                let mut next = self.cmdlet_retype();
                next.path.as_mut()[index] = Some(value);
                next
            }

            fn cmdlet_option(mut self, index: usize, value: String) -> Self {
                self.options.as_mut()[index] = Some(value);
                self
            }

            fn cmdlet_header_option(mut self, index: usize, name: &str, value: String) -> Self {
                self.parts.common.set_header(name, value.clone());
                self.cmdlet_option(index, value)
            }

            fn cmdlet_body(mut self, body: ::serde_json::Value) -> Self {
                self.parts.body = Some(body);
                self
            }

            fn cmdlet_bytes(mut self, body: Vec<u8>) -> Self {
                self.parts.bytes = Some(body);
                self
            }

            fn cmdlet_property(mut self, name: &str, value: ::serde_json::Value) -> Self {
                self.parts.expanded.insert(name.to_owned(), value);
                self
            }

            fn cmdlet_properties(
                mut self,
                properties: ::serde_json::Map<String, ::serde_json::Value>,
            ) -> Self {
                self.parts.expanded.extend(properties);
                self
            }

            fn cmdlet_pass_thru(mut self) -> Self {
                self.parts.pass_thru = true;
                self
            }

            /// `-Headers`: adds a header to the request; repeat for more.
            pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
                self.parts.common.add_header(name.into(), value.into());
                self
            }

            /// `-Confirm`: asks `approve` before sending, with the preview `-WhatIf` would show;
            /// `false` sends nothing and `send()` fails with a declined-confirmation error.
            pub fn confirm(
                mut self,
                approve: impl Fn(&crate::Preview) -> bool + Send + Sync + 'static,
            ) -> Self {
                self.parts.common.set_confirm(::std::sync::Arc::new(approve));
                self
            }
        }

        impl<'c, Op: rt::TakesIdentity> Cmdlet<'c, Op, rt::set::Unselected> {
            /// `-InputObject`: the keys of this call as an identity. Selects the
            /// `…ViaIdentity` parameter sets.
            pub fn input_object(self, identity: #identity) -> Cmdlet<'c, Op, rt::set::ViaIdentity> {
                let mut next = self.cmdlet_retype();
                next.parts.input_object = Some(identity);
                next
            }
        }

        impl<'c, Op: rt::CmdletOp, S: rt::set::Chosen> Cmdlet<'c, Op, S> {
            fn runtime_call<T>(&self, answer: rt::Answer<T>) -> rt::Call<'_, 'c, T> {
                rt::Call {
                    client: self.client,
                    op: Op::OPERATION,
                    keys: self.path.as_ref(),
                    identity: rt::identity(&self.parts.input_object),
                    options: self.options.as_ref(),
                    body: rt::Body::of(
                        Op::BODY,
                        self.parts.body.as_ref(),
                        &self.parts.expanded,
                        self.parts.bytes.as_ref(),
                    ),
                    common: &self.parts.common,
                    answer: answer.passing_thru(self.parts.pass_thru),
                }
            }

            #[doc = #what_if_doc]
            pub fn what_if(&self) -> Result<crate::Preview, crate::Error> {
                rt::what_if(self.runtime_call(Op::answer()))
            }

            /// Sends the request; see the `Client` method for what it answers with.
            pub fn send(self) -> rt::Sending<'c, Op::Output> {
                rt::send(self.runtime_call(Op::answer()))
            }

            /// `-ResponseHeadersVariable`: like `send()`, with the response status and headers.
            pub fn send_with_headers(self) -> rt::Sending<'c, crate::Response<Op::Output>> {
                rt::send_with_headers(self.runtime_call(Op::answer()))
            }
        }

        impl<'c, Op: rt::Paged, S: rt::set::Chosen> Cmdlet<'c, Op, S> {
            /// Like `send()`, but gives the items one at a time, fetching the next page only
            /// when the items of the last one are used up: memory stays flat however many
            /// pages come, and no cap on collected items applies. Nothing is sent until the
            /// stream is polled.
            pub fn send_stream(self) -> rt::ItemStream<Op::Item> {
                rt::stream(self.runtime_call(rt::Answer::<Vec<Op::Item>>::pages()))
            }
        }

        /// One call of `Client::batch`: the request `send()` would make.
        impl<Op: rt::Batched, S: rt::set::Chosen> rt::BatchItem for Cmdlet<'_, Op, S> {
            type Output = Op::BatchOutput;

            fn prepare(self) -> Result<rt::Prepared<Op::BatchOutput>, crate::Error> {
                rt::prepare(self.runtime_call(Op::batch_answer()))
            }
        }
    }
}
