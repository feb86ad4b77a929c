//! Why an expected cmdlet name (one of the SDK's example files) is not generated.
//!
//! The example files are older than the specs, so a missing name is not by itself a bug. Each
//! one is put in one class, in this order:
//! 1. [`Reason::Directive`]: some cmdlet had that name at some point while the directives ran
//!    (a later directive renamed or removed it), or would have it if `remove-path-by-operation`
//!    had kept its operation;
//! 2. [`Reason::Stale`]: a generated or intermediate name equals it up to letter case and
//!    plural `s` (`…Window…` vs `…Windows…`): the example is spelled the old way;
//! 3. [`Reason::LeftSpec`]: nothing like it exists: its operation is no longer in the spec.

use std::collections::HashSet;

use crate::error::Result;
use crate::load::LoadedSpec;
use crate::load::config::ModuleConfig;
use crate::load::read_operations;
use crate::model::Module;
use crate::name::{directives, variants};
use crate::pipeline::in_code_model_order;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Reason {
    /// A directive renamed or removed it.
    Directive,
    /// The example file spells it the old way.
    Stale,
    /// Its operation left the spec.
    LeftSpec,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Directive => "a directive renamed or removed it",
            Reason::Stale => "stale example (spelled differently now)",
            Reason::LeftSpec => "operation left the spec",
        }
    }
}

/// Every name a cmdlet had at some point of the directives, with and without the
/// `remove-path-by-operation` filter.
pub fn intermediate_names(spec: &LoadedSpec, config: &ModuleConfig) -> Result<HashSet<String>> {
    let prefix = config.prefix.clone().unwrap_or_default();
    let subject_prefix = config.subject_prefix.clone().unwrap_or_default();
    let mut names = HashSet::new();
    for filtered in [true, false] {
        let operations = read_operations(spec, |id| {
            filtered && directives::operation_removed(&config.directives, id)
        })?;
        let operations = in_code_model_order(operations);
        let mut state = variants::command_variants(&operations, &subject_prefix)?;
        let mut record = |state: &[crate::model::CommandVariant]| {
            for variant in state {
                names.insert(variant.cmdlet_name(&prefix));
                for alias in &variant.aliases {
                    names.insert(alias.clone());
                }
            }
        };
        record(&state);
        for directive in &config.directives {
            directives::apply(&mut state, std::slice::from_ref(directive));
            record(&state);
        }
    }
    Ok(names)
}

/// The class of each missing name, in the order given.
pub fn classify(
    module: &Module,
    intermediate: &HashSet<String>,
    missing: &[String],
) -> Vec<(String, Reason)> {
    let generated = module
        .cmdlets
        .iter()
        .flat_map(|c| std::iter::once(&c.name).chain(&c.aliases));
    let loose: HashSet<String> = generated
        .chain(intermediate.iter())
        .map(|name| loosely(name))
        .collect();
    missing
        .iter()
        .map(|name| {
            let reason = if intermediate.contains(name) {
                Reason::Directive
            } else if loose.contains(&loosely(name)) {
                Reason::Stale
            } else {
                Reason::LeftSpec
            };
            (name.clone(), reason)
        })
        .collect()
}

/// Lower case, each PascalCase word without a trailing `s`.
fn loosely(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let trimmed = word.strip_suffix('s').unwrap_or(word);
        out.push_str(&trimmed.to_lowercase());
        word.clear();
    };
    for c in name.chars() {
        if c.is_ascii_uppercase() || c == '-' {
            flush(&mut word, &mut out);
        }
        word.push(c);
    }
    flush(&mut word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_names_ignore_case_and_plural_s() {
        assert_eq!(
            loosely("Get-MgBetaUserWindowsSetting"),
            loosely("Get-MgBetaUserWindowSettings")
        );
        assert_ne!(loosely("Get-MgUser"), loosely("Get-MgGroup"));
    }
}
