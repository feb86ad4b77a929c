//! The command variants the naming rules produce and the directives rewrite.
//!
//! One `CommandVariant` is one private C# cmdlet of the SDK (`RevokeMgBetaUserSignInSession_Revoke`);
//! the variants sharing verb, subject-prefix and subject become one exported cmdlet, each variant
//! one of its parameter sets.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommandVariant {
    pub verb: String,
    /// `Beta` or empty; the `Mg` prefix is not part of it (directives never see `Mg`).
    pub subject_prefix: String,
    pub subject: String,
    /// Parameter-set name: `Revoke`, `RevokeViaIdentity`, `Wipe1`, …
    pub variant: String,
    /// Index of the operation in `Module::operations`.
    pub operation: usize,
    pub via_identity: bool,
    pub expanded: bool,
    pub parameters: Vec<VariantParameter>,
    pub aliases: Vec<String>,
    /// `hide: true` directives mark a variant internal.
    pub hidden: bool,
}

impl CommandVariant {
    /// `Verb-` + prefix + subject-prefix + subject.
    pub fn cmdlet_name(&self, prefix: &str) -> String {
        format!(
            "{}-{}{}{}",
            self.verb, prefix, self.subject_prefix, self.subject
        )
    }
}

/// A parameter of one variant, as directives see it (`parameter-name`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VariantParameter {
    /// PowerShell name: `UserId`, `Body`, `BodyParameter`, `DeviceTag`, `InputObject`.
    pub name: String,
    pub aliases: Vec<String>,
    pub source: ParameterSource,
    pub required: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum ParameterSource {
    /// A path key, by its name in the template.
    Path {
        serialized_name: String,
    },
    Query {
        serialized_name: String,
    },
    Header {
        serialized_name: String,
    },
    /// The whole request body.
    Body,
    /// One property of an object body (`…Expanded` sets).
    BodyProperty {
        json_name: String,
    },
    /// `-AdditionalProperties` of an open object body.
    AdditionalProperties,
    /// `-InputObject` of the `…ViaIdentity` sets.
    InputObject,
}
