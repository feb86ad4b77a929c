//! What a generated module knows about its cmdlets, as static data: names, aliases, parameter
//! sets, parameters, operations, answers and help text. The generator writes one [`Module`] per
//! module (`graph_users_actions::v1_0::CATALOG`) from the same model as the typed builders, so a
//! tool that works from it (the `mg` command line: parsing, help, `Find-MgGraphCommand`,
//! completions) has every cmdlet of the crate and no hand-kept list.
//!
//! Everything is `&'static`: reading the catalog costs no start-up work, however many cmdlets
//! the crate has.

use crate::operation::OperationInfo;

/// One generated module (`v1_0`, `beta`).
#[derive(Debug, Clone, Copy)]
pub struct Module {
    /// The Rust module: `v1_0`.
    pub rust_module: &'static str,
    /// The path segment after the service root: `v1.0` or `beta`.
    pub api_version: &'static str,
    /// The SDK's service name: `Users.Actions`.
    pub service_name: &'static str,
    /// The PowerShell module the cmdlets come from, as `Get-Command` names it:
    /// `Microsoft.Graph.Users.Actions`, `Microsoft.Graph.Beta.Users.Actions`.
    pub powershell_module: &'static str,
    /// The identity type of `-InputObject`.
    pub identity: Identity,
    /// Every exported cmdlet, in the order of the generated code.
    pub commands: &'static [Command],
}

/// The identity type (`IUsersActionsIdentity`): every path key of the module.
#[derive(Debug, Clone, Copy)]
pub struct Identity {
    /// PowerShell's name: `IUsersActionsIdentity`.
    pub name: &'static str,
    /// Its properties, in the SDK's order.
    pub keys: &'static [IdentityKey],
}

/// One property of the identity type.
#[derive(Debug, Clone, Copy)]
pub struct IdentityKey {
    /// PowerShell's property name: `UserId`.
    pub name: &'static str,
    /// The path template's name: `user-id`.
    pub serialized_name: &'static str,
    /// What the key identifies.
    pub description: &'static str,
}

/// One exported cmdlet.
#[derive(Debug, Clone, Copy)]
pub struct Command {
    /// `Revoke-MgUserSignInSession`.
    pub name: &'static str,
    /// Cmdlet aliases the SDK exports (`Invoke-MgBetaInvalidateUserRefreshToken`).
    pub aliases: &'static [&'static str],
    /// The `Client` method that starts the builder: `revoke_mg_user_sign_in_session`.
    pub rust_method: &'static str,
    /// Get-Help's synopsis (the operation's summary, else its description), or empty.
    pub synopsis: &'static str,
    /// Get-Help's description (the operation's description, else its summary), or empty.
    pub description: &'static str,
    /// The parameter set chosen when the given parameters fit several.
    pub default_set: &'static str,
    /// The parameter sets, in the SDK's order.
    pub sets: &'static [ParameterSet],
    /// Every parameter of the cmdlet once, in the order the sets first name them; sets refer to
    /// them by index.
    pub parameters: &'static [Parameter],
    /// What a successful call answers with.
    pub answer: Answer,
    /// PowerShell's output type, as Get-Help names it (`System.Boolean`,
    /// `Microsoft.Graph.PowerShell.Models.IMicrosoftGraphMessage`).
    pub output_type: &'static str,
    /// The cmdlet has `-PassThru` (its operation answers with no content).
    pub pass_thru: bool,
    /// `SupportsShouldProcess`: `-WhatIf` and `-Confirm`.
    pub supports_should_process: bool,
    /// The permissions table of the Graph documentation (of the default set's operation).
    pub permissions: &'static [Permission],
    /// The national clouds the operation is available in (`Global`, `US Government L4`, …).
    pub national_clouds: &'static [&'static str],
    /// The Graph documentation page, or empty.
    pub doc_url: &'static str,
    /// Why the spec marks the operation deprecated, or empty.
    pub deprecation: &'static str,
}

/// One parameter set of a cmdlet.
#[derive(Debug, Clone, Copy)]
pub struct ParameterSet {
    /// `Revoke`, `RevokeViaIdentity`, `ChangeExpanded`, …
    pub name: &'static str,
    /// The operation this set calls (sets of one cmdlet may call different paths).
    pub operation: &'static OperationInfo,
    /// Takes `-InputObject` instead of path keys.
    pub via_identity: bool,
    /// Takes the body's properties as parameters instead of `-BodyParameter`.
    pub expanded: bool,
    /// Its parameters, in the SDK's order.
    pub parameters: &'static [SetParameter],
}

/// A parameter's place in one set.
#[derive(Debug, Clone, Copy)]
pub struct SetParameter {
    /// Index into [`Command::parameters`].
    pub parameter: u16,
    /// Mandatory in this set.
    pub required: bool,
}

/// One parameter of a cmdlet (common parameters such as `-Headers` and `-WhatIf` are not listed:
/// every cmdlet has them, `-PassThru` and `-WhatIf` as [`Command`] says). None is positional: the
/// SDK's generated cmdlets declare no positions (`Get-Help` shows `Position: Named`).
#[derive(Debug, Clone, Copy)]
pub struct Parameter {
    /// PowerShell's name: `UserId`.
    pub name: &'static str,
    /// Parameter aliases the directives give (`-Id` for a key).
    pub aliases: &'static [&'static str],
    /// Get-Help's type: `String`, `String[]`, `IUsersActionsIdentity`, `SwitchParameter`,
    /// `IMicrosoftGraphItemBody`, `Hashtable`.
    pub type_name: &'static str,
    /// Get-Help's description.
    pub description: &'static str,
    /// Where the value goes in the request.
    pub source: ParameterSource,
    /// How the value is written on the wire: what text given on a command line becomes.
    pub value: ValueKind,
    /// Accepts pipeline input by value (`-InputObject`, `-BodyParameter`).
    pub pipeline_by_value: bool,
    /// Accepts pipeline input by property name (path keys: `mg` binds a piped object's
    /// `UserId` to `-UserId`).
    pub pipeline_by_property_name: bool,
}

/// Where a parameter's value goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterSource {
    /// A path key (`{user-id}`).
    Path {
        /// The template's name: `user-id`.
        serialized_name: &'static str,
    },
    /// A query parameter (`$filter`, `startDateTime`).
    Query {
        /// The query name: `$filter`.
        serialized_name: &'static str,
    },
    /// A header parameter (`ConsistencyLevel`).
    Header {
        /// The header name.
        serialized_name: &'static str,
    },
    /// The whole request body (`-BodyParameter`).
    Body,
    /// One property of the body (`…Expanded` sets).
    BodyProperty {
        /// The property's name in the body.
        json_name: &'static str,
    },
    /// `-AdditionalProperties`: further body properties, as an object.
    AdditionalProperties,
    /// `-InputObject`: the identity.
    InputObject,
}

/// The JSON shape of a parameter's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// Text as given.
    String,
    /// `true`/`false` (`$true`/`$false`).
    Boolean,
    /// A whole number.
    Integer,
    /// Any number.
    Number,
    /// An object (a model or an open map), given as JSON.
    Object,
    /// An array of the given shape; on a command line, JSON or comma-separated.
    Array(Scalar),
    /// Anything JSON.
    Any,
    /// A body that is not JSON: bytes (`application/octet-stream`).
    Bytes,
}

/// The item shape of an array parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    /// Text.
    String,
    /// `true`/`false`.
    Boolean,
    /// A whole number.
    Integer,
    /// Any number.
    Number,
    /// A JSON object.
    Object,
    /// Anything JSON.
    Any,
}

/// What a successful call answers with, as `send()` gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// No content: nothing, or `true` with `-PassThru`.
    NoContent,
    /// The one property of a wrapper object (`value` of `{"value": true}`); an empty 2xx
    /// answer counts as `true` when the property is a boolean.
    SingleValue {
        /// The wrapper's property: `value`.
        property: &'static str,
        /// The property's shape ([`ValueKind::Boolean`] for `{"value": true}`).
        value: ValueKind,
    },
    /// A JSON body as it is.
    Json,
    /// Items of `value` over every page (`@odata.nextLink`).
    Pageable,
    /// Bytes as received.
    Binary,
}

/// One row of the permissions table.
#[derive(Debug, Clone, Copy)]
pub struct Permission {
    /// `Delegated (work or school account)`, `Delegated (personal Microsoft account)`,
    /// `Application`.
    pub kind: &'static str,
    /// The least-privileged permissions (any one suffices).
    pub least_privileged: &'static [&'static str],
    /// Higher-privileged permissions that also allow the call.
    pub higher_privileged: &'static [&'static str],
}

impl Module {
    /// The cmdlet of this name or alias, in any case.
    pub fn command(&self, name: &str) -> Option<&'static Command> {
        self.commands.iter().find(|c| {
            c.name.eq_ignore_ascii_case(name)
                || c.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
        })
    }
}

impl Command {
    /// The parameter set of this name, in any case.
    pub fn set(&self, name: &str) -> Option<&'static ParameterSet> {
        self.sets.iter().find(|s| s.name.eq_ignore_ascii_case(name))
    }

    /// The parameters of one set with their place in it.
    pub fn set_parameters<'a>(
        &'a self,
        set: &'a ParameterSet,
    ) -> impl Iterator<Item = (&'static Parameter, &'a SetParameter)> + 'a {
        set.parameters.iter().filter_map(|p| {
            self.parameters
                .get(usize::from(p.parameter))
                .map(|param| (param, p))
        })
    }
}
