//! Gathering the variants left after the directives into exported cmdlets: one per
//! verb + prefix + subject-prefix + subject, each variant one parameter set.

use std::collections::{HashMap, HashSet};

use crate::error::Result;
use crate::model::{
    Cmdlet, CommandVariant, Operation, ParameterSet, ParameterSource, VariantParameter,
};

/// The cmdlets of a module and what assembling them changed, for the caller to report.
#[derive(Debug, Default)]
pub struct Assembled {
    pub cmdlets: Vec<Cmdlet>,
    /// One line per renumbered parameter set or dropped alias.
    pub notes: Vec<String>,
}

/// Groups the variants into cmdlets.
///
/// Two rules make every module assemble, as the SDK's does:
/// - **Renumbering.** When a later variant (code-model order, after the directives) lands on a
///   cmdlet and parameter set another variant already holds, both are kept and the later set
///   gets the SDK's collision number: trailing digits stripped, then the first free of
///   `1`, `2`, … appended (`Create` → `Create1`, `CreateExpanded` → `CreateExpanded1`).
/// - **Aliases.** An alias that is another cmdlet's name is dropped: the cmdlet wins.
pub fn assemble(
    variants: &[CommandVariant],
    operations: &[Operation],
    prefix: &str,
) -> Result<Assembled> {
    let mut notes = Vec::new();
    let mut order: Vec<String> = Vec::new();
    let mut grouped: HashMap<String, Vec<CommandVariant>> = HashMap::new();
    for variant in variants.iter().filter(|v| !v.hidden) {
        let name = variant.cmdlet_name(prefix);
        let sets = grouped.entry(name.clone()).or_insert_with(|| {
            order.push(name.clone());
            Vec::new()
        });
        let mut variant = variant.clone();
        if let Some(existing) = sets.iter().find(|v| v.variant == variant.variant) {
            let renamed = free_set_name(sets, &variant.variant);
            notes.push(format!(
                "cmdlet {name}: operations {} and {} both give parameter set {}; the later one's \
                 is renumbered {renamed}",
                operations[existing.operation].operation_id,
                operations[variant.operation].operation_id,
                variant.variant,
            ));
            variant.variant = renamed;
        }
        sets.push(variant);
    }

    let mut cmdlets: Vec<Cmdlet> = order
        .into_iter()
        .map(|name| {
            let sets = &grouped[&name];
            cmdlet(name, sets, operations)
        })
        .collect();
    cmdlets.sort_by(|a, b| a.name.cmp(&b.name));

    let names: HashSet<String> = cmdlets.iter().map(|c| c.name.clone()).collect();
    for cmdlet in &mut cmdlets {
        cmdlet.aliases.retain(|alias| {
            let shadowed = names.contains(alias);
            if shadowed {
                notes.push(format!(
                    "cmdlet {}: alias {alias} dropped, it is the name of another cmdlet",
                    cmdlet.name
                ));
            }
            !shadowed
        });
    }
    Ok(Assembled { cmdlets, notes })
}

/// `stem` + the first counter not yet used by a set of this cmdlet (`Create` → `Create1`).
fn free_set_name(sets: &[CommandVariant], name: &str) -> String {
    let stem = name.trim_end_matches(|c: char| c.is_ascii_digit());
    (1u32..)
        .map(|counter| format!("{stem}{counter}"))
        .find(|candidate| sets.iter().all(|v| v.variant != *candidate))
        .expect("a finite list of sets leaves a free counter")
}

fn cmdlet(name: String, sets: &[CommandVariant], operations: &[Operation]) -> Cmdlet {
    let first = &sets[0];
    let mut aliases: Vec<String> = sets
        .iter()
        .flat_map(|v| v.aliases.iter().cloned())
        .filter(|alias| *alias != name)
        .collect();
    aliases.sort();
    aliases.dedup();
    let parameter_sets: Vec<ParameterSet> = sets
        .iter()
        .map(|variant| {
            let operation = &operations[variant.operation];
            ParameterSet {
                name: variant.variant.clone(),
                operation: variant.operation,
                operation_id: operation.operation_id.clone(),
                method: operation.method,
                path: operation.path.clone(),
                via_identity: variant.via_identity,
                expanded: variant.expanded,
                parameters: variant.parameters.clone(),
            }
        })
        .collect();
    let used = || sets.iter().map(|v| &operations[v.operation]);
    Cmdlet {
        noun: name[first.verb.len() + 1..].to_owned(),
        verb: first.verb.clone(),
        default_parameter_set: default_set(&parameter_sets),
        pass_thru: used().any(|o| o.has_schemaless_response),
        supports_should_process: used().any(|o| o.method.changes_state()),
        aliases,
        parameter_sets,
        name,
    }
}

/// PowerShell's pick when a call is ambiguous: fewest mandatory parameters, preferring sets
/// whose mandatory parameters are all simple values (strings), first in order on a tie.
fn default_set(sets: &[ParameterSet]) -> String {
    fn mandatory(set: &ParameterSet) -> Vec<&VariantParameter> {
        set.parameters.iter().filter(|p| p.required).collect()
    }
    let simple = |p: &&VariantParameter| {
        !matches!(
            p.source,
            ParameterSource::InputObject | ParameterSource::Body
        )
    };
    let all_simple: Vec<&ParameterSet> = sets
        .iter()
        .filter(|set| mandatory(set).iter().all(simple))
        .collect();
    let candidates = if all_simple.is_empty() {
        sets.iter().collect()
    } else {
        all_simple
    };
    candidates
        .into_iter()
        .min_by_key(|set| mandatory(set).len())
        .map(|set| set.name.clone())
        .unwrap_or_default()
}
