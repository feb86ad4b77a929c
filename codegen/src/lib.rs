//! Turns a Microsoft Graph module spec and its AutoRest.PowerShell directives into a Rust client
//! whose operations are the cmdlets of the Microsoft Graph PowerShell SDK.
//!
//! The pipeline, one module per stage:
//! [`load`] (spec and configuration files) → [`model`] (plain data) → [`name`] (the SDK's naming
//! rules and directives) → [`emit`] (Rust tokens) → [`format`] (source text).
//! [`pipeline`] strings the stages together for the CLI and the build script; [`js`] gives the
//! directives the JavaScript string semantics they are written against.

pub mod builtin;
pub mod classify;
pub mod emit;
pub mod error;
pub mod format;
pub mod js;
pub mod load;
pub mod model;
pub mod name;
pub mod output;
pub mod pipeline;
pub mod report;
pub mod text;
pub mod trim;

pub use error::Error;
