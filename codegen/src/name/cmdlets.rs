//! Gathering the variants left after the directives into exported cmdlets: one per
//! verb + prefix + subject-prefix + subject, each variant one parameter set.

use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::model::{
    Cmdlet, CommandVariant, Operation, ParameterSet, ParameterSource, VariantParameter,
};

pub fn assemble(
    variants: &[CommandVariant],
    operations: &[Operation],
    prefix: &str,
) -> Result<Vec<Cmdlet>> {
    let mut order: Vec<String> = Vec::new();
    let mut grouped: HashMap<String, Vec<&CommandVariant>> = HashMap::new();
    for variant in variants.iter().filter(|v| !v.hidden) {
        let name = variant.cmdlet_name(prefix);
        let sets = grouped.entry(name.clone()).or_insert_with(|| {
            order.push(name.clone());
            Vec::new()
        });
        // The SDK silently renumbers a second set of the same name; a rename that lands two
        // operations on one cmdlet and set is almost always a directive mistake, so say so.
        if let Some(existing) = sets.iter().find(|v| v.variant == variant.variant) {
            return Err(Error::Naming {
                location: format!("cmdlet {name}, parameter set {}", variant.variant),
                message: format!(
                    "two cmdlets with one name: operations {} and {} both end up here after the directives",
                    operations[existing.operation].operation_id,
                    operations[variant.operation].operation_id
                ),
            });
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

    let names: std::collections::HashSet<&str> = cmdlets.iter().map(|c| c.name.as_str()).collect();
    for cmdlet in &cmdlets {
        if let Some(alias) = cmdlet.aliases.iter().find(|a| names.contains(a.as_str())) {
            return Err(Error::Naming {
                location: format!("cmdlet {}", cmdlet.name),
                message: format!("its alias {alias} is the name of another cmdlet"),
            });
        }
    }
    Ok(cmdlets)
}

fn cmdlet(name: String, sets: &[&CommandVariant], operations: &[Operation]) -> Cmdlet {
    let first = sets[0];
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
