//! Finding cmdlets in the catalog: by name or alias in any case (or the Unix spelling
//! `revoke-mg-user-sign-in-session`), by PowerShell wildcard, and the closest names when
//! nothing matches.

use graph_users_actions::CATALOG;
use mg_runtime::catalog::{Command, Module};

/// A cmdlet and the module it belongs to.
#[derive(Clone, Copy)]
pub struct Found {
    pub module: &'static Module,
    pub command: &'static Command,
}

/// Every cmdlet of every module, in catalog order.
pub fn all() -> impl Iterator<Item = Found> {
    CATALOG.iter().flat_map(|module| {
        module
            .commands
            .iter()
            .map(move |command| Found { module, command })
    })
}

/// The cmdlet named `name` (or one of its aliases), in any case; else the one whose name,
/// without `-` and in lower case, is the Unix spelling's.
pub fn find(name: &str) -> Option<Found> {
    CATALOG
        .iter()
        .find_map(|module| {
            module
                .command(name)
                .map(|command| Found { module, command })
        })
        .or_else(|| {
            all().find(|found| {
                std::iter::once(found.command.name)
                    .chain(found.command.aliases.iter().copied())
                    .any(|candidate| squashed_eq(candidate, name))
            })
        })
}

/// Equal once `-` and `_` are dropped and case is ignored; no allocation (this runs over every
/// cmdlet name).
fn squashed_eq(a: &str, b: &str) -> bool {
    let mut a = a.chars().filter(|c| *c != '-' && *c != '_');
    let mut b = b.chars().filter(|c| *c != '-' && *c != '_');
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(&y) => {}
            _ => return false,
        }
    }
}

/// Up to three names closest to `wanted`, best first; empty when none is close.
pub fn closest<'a>(wanted: &str, names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let wanted = wanted.to_ascii_lowercase();
    let mut scored: Vec<(f64, &str)> = names
        .map(|name| {
            let score = strsim::normalized_damerau_levenshtein(&wanted, &name.to_ascii_lowercase());
            (score, name)
        })
        .filter(|(score, _)| *score >= 0.7)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(3).map(|(_, name)| name).collect()
}

/// The cmdlet names and aliases closest to `wanted`.
pub fn closest_commands(wanted: &str) -> Vec<&'static str> {
    let names = all().flat_map(|found| {
        std::iter::once(found.command.name).chain(found.command.aliases.iter().copied())
    });
    closest(wanted, names)
}

/// "Unknown cmdlet" with the closest names, for stderr.
pub fn unknown_command(context: &str, name: &str) -> String {
    let mut message = format!("{context}: no cmdlet or alias is named `{name}`");
    let near = closest_commands(name);
    if !near.is_empty() {
        message.push_str(&format!("; did you mean {}?", near.join(", ")));
    }
    message
}

/// A PowerShell wildcard pattern (`*`, `?`, `[a-c]`), matched in any case.
pub struct Wildcard {
    pattern: glob::Pattern,
    literal: bool,
}

impl Wildcard {
    pub fn new(text: &str) -> Result<Wildcard, String> {
        let pattern = glob::Pattern::new(text)
            .map_err(|error| format!("`{text}` is not a valid wildcard pattern: {}", error.msg))?;
        Ok(Wildcard {
            pattern,
            literal: !text.contains(['*', '?', '[']),
        })
    }

    /// The pattern has no wildcard characters: it names one thing, and naming nothing is an
    /// error (as in PowerShell).
    pub fn is_literal(&self) -> bool {
        self.literal
    }

    pub fn matches(&self, name: &str) -> bool {
        let options = glob::MatchOptions {
            case_sensitive: false,
            require_literal_separator: false,
            require_literal_leading_dot: false,
        };
        self.pattern.matches_with(name, options)
    }
}
