//! Directives as data: what the AutoRest.PowerShell directive language (the `modifiers-v2`
//! plugin of the microsoftgraph fork, plus Graph's declared `remove-path-by-operation`) asks
//! for, once compiled from YAML by [`crate::load::directives`]. [`crate::name::directives`]
//! applies them.

use std::fmt;
use std::path::PathBuf;

use crate::js::{Pattern, Template};

/// Where a directive was written, for error messages and debugging.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: PathBuf,
    /// Position in the file's `directive` entries, counted over all its blocks from 0.
    pub index: usize,
    /// 1-based line of the entry's `-`, when it could be located.
    pub line: Option<usize>,
}

impl Origin {
    /// `directive #3 (line 28)`, the place inside the file.
    pub fn location(&self) -> String {
        match self.line {
            Some(line) => format!("directive #{} (line {line})", self.index),
            None => format!("directive #{}", self.index),
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.location())
    }
}

#[derive(Debug, Clone)]
pub enum Directive {
    /// Drops operations whose operationId matches, before any naming happens.
    RemovePathByOperation(RemovePath),
    /// Renames, aliases, hides or removes whole variants.
    Command(CommandDirective),
    /// Renames or aliases parameters of the selected variants.
    Parameter(ParameterDirective),
}

impl Directive {
    pub fn origin(&self) -> &Origin {
        match self {
            Directive::RemovePathByOperation(d) => &d.origin,
            Directive::Command(d) => &d.origin,
            Directive::Parameter(d) => &d.origin,
        }
    }
}

#[derive(Debug, Clone)]
pub struct RemovePath {
    pub origin: Origin,
    /// Not anchored, case-insensitive (`/…/gmi` in the declared directive).
    pub pattern: Pattern,
}

/// The command selectors of a `where`, ANDed.
#[derive(Debug, Clone, Default)]
pub struct Selector {
    pub verb: Option<Pattern>,
    pub subject: Option<Pattern>,
    pub subject_prefix: Option<Pattern>,
    pub variant: Option<Pattern>,
    /// `parameter-name` filters commands only together with `select: command`.
    pub parameter: Option<Pattern>,
}

#[derive(Debug, Clone)]
pub struct CommandDirective {
    pub origin: Origin,
    pub selector: Selector,
    pub action: CommandAction,
}

#[derive(Debug, Clone)]
pub enum CommandAction {
    Remove,
    Modify(Box<CommandChanges>),
}

/// What a command `set` does; all empty for a `where` with nothing to do.
#[derive(Debug, Clone, Default)]
pub struct CommandChanges {
    pub verb: Option<Setter>,
    pub subject: Option<Setter>,
    pub subject_prefix: Option<Setter>,
    pub variant: Option<Setter>,
    pub hide: Option<bool>,
    pub clear_alias: bool,
    /// Raw alias templates with `${verb}`, `${subject-prefix}`, `${subject}`, `${variant}`.
    pub aliases: Vec<String>,
}

impl CommandChanges {
    pub fn is_empty(&self) -> bool {
        self.verb.is_none()
            && self.subject.is_none()
            && self.subject_prefix.is_none()
            && self.variant.is_none()
            && self.hide.is_none()
            && !self.clear_alias
            && self.aliases.is_empty()
    }
}

#[derive(Debug, Clone)]
pub struct ParameterDirective {
    pub origin: Origin,
    /// Selects the variants whose parameters are looked at (`parameter` is unused here).
    pub selector: Selector,
    pub parameter: Pattern,
    /// `set.parameter-name`, always a JS replace on the parameter regex.
    pub rename: Option<Setter>,
    pub clear_alias: bool,
    /// Plain aliases are taken literally; others replace the match in the old name.
    pub aliases: Vec<Setter>,
}

/// A new value for a name: the literal `set` text, or JS `old.replace(whereRegex, set)`.
#[derive(Debug, Clone)]
pub enum Setter {
    Literal(String),
    Replace {
        pattern: Pattern,
        template: Template,
    },
}

impl Setter {
    /// Uses the where regex when the same field is selected, as `modifiers-v2` does.
    pub fn new(where_pattern: Option<&Pattern>, text: &str) -> Setter {
        match where_pattern {
            Some(pattern) => Setter::Replace {
                pattern: pattern.clone(),
                template: Template::parse(text),
            },
            None => Setter::Literal(text.to_owned()),
        }
    }

    pub fn apply(&self, old: &str) -> String {
        match self {
            Setter::Literal(text) => text.clone(),
            Setter::Replace { pattern, template } => pattern.replace_all(old, template),
        }
    }
}
