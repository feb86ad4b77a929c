//! The finished model of one module: cmdlets with their parameter sets, the identity type and
//! the operations they call. This is what `list --json` prints and what the emitters read.

use serde::Serialize;

use super::command::VariantParameter;
use super::operation::Operation;

#[derive(Debug, Clone, Serialize)]
pub struct Module {
    /// `Users.Actions`.
    pub service_name: String,
    /// `Mg`.
    pub prefix: String,
    /// `Beta` or empty.
    pub subject_prefix: String,
    /// The API version segment the operations live under (`v1.0`, `beta`), from `servers`.
    pub api_version: String,
    pub identity: IdentityType,
    /// Sorted by name.
    pub cmdlets: Vec<Cmdlet>,
    pub operations: Vec<Operation>,
    /// The models the operations reach, and the types each operation sends and answers with.
    pub models: super::types::Models,
    /// What assembling changed to make the module whole (renumbered sets, dropped aliases),
    /// one line each, for the CLI to show on stderr.
    #[serde(skip)]
    pub notes: Vec<String>,
    /// Where the generated items live (`graph_users_actions::beta`), for the compiled examples
    /// in the docs; None when the module is generated on its own (`codegen generate`).
    #[serde(skip)]
    pub rust_path: Option<String>,
}

/// The counterpart of the SDK's `I<ServiceName>Identity`.
#[derive(Debug, Clone, Serialize)]
pub struct IdentityType {
    /// `UsersActionsIdentity` (the SDK's interface adds an `I`).
    pub name: String,
    pub properties: Vec<IdentityProperty>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IdentityProperty {
    /// `UserId`, `EventId1`, `CloudPcId`, `JoinWebUrl`.
    pub name: String,
    /// Path key of its first occurrence (`user-id`).
    pub serialized_name: String,
    pub description: Option<String>,
    /// Every spelling of the key in the module's paths (`event-id`, `eventId`): the builders
    /// look their keys up here.
    #[serde(skip)]
    pub path_keys: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cmdlet {
    /// `Revoke-MgBetaUserSignInSession`.
    pub name: String,
    pub verb: String,
    /// Everything after `Verb-`: `MgBetaUserSignInSession`.
    pub noun: String,
    /// Whole cmdlet names (`Invoke-MgBetaInvalidateUserRefreshToken`), sorted, no duplicates.
    pub aliases: Vec<String>,
    pub parameter_sets: Vec<ParameterSet>,
    /// Name of the set PowerShell picks when the call is ambiguous.
    pub default_parameter_set: String,
    /// `-PassThru` exists (some response has no body schema).
    pub pass_thru: bool,
    /// `-WhatIf` / `-Confirm` exist (state-changing method).
    pub supports_should_process: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ParameterSet {
    /// `Revoke`, `RevokeViaIdentity`, …
    pub name: String,
    /// Index into `Module::operations`.
    pub operation: usize,
    pub operation_id: String,
    pub method: super::operation::HttpMethod,
    pub path: String,
    pub via_identity: bool,
    pub expanded: bool,
    pub parameters: Vec<VariantParameter>,
}
