//! The naming rules of the SDK's generator (the microsoftgraph fork of AutoRest.PowerShell):
//! text primitives, verb inference, variants, the identity type and the directives.

pub mod directives;
pub mod pluralize;
pub mod style;
pub mod verbs;
pub mod words;
