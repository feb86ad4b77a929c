//! The naming rules of the SDK's generator (the microsoftgraph fork of AutoRest.PowerShell):
//! text primitives, verb inference, variants, the identity type, applying the directives, and the
//! assembly of variants into cmdlets.

pub mod cmdlets;
pub mod directives;
pub mod identity;
pub mod infer;
pub mod pluralize;
pub mod style;
pub mod variants;
pub mod verbs;
pub mod words;
