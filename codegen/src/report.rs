//! Plain-text views of a module for the CLI.

use std::fmt::Write;

use crate::emit::names::method_name;
use crate::model::Module;

/// `list`: one cmdlet per line, sorted; after a tab, its aliases joined by commas.
pub fn cmdlet_lines(module: &Module) -> String {
    let mut out = String::new();
    for cmdlet in &module.cmdlets {
        out.push_str(&cmdlet.name);
        if !cmdlet.aliases.is_empty() {
            out.push('\t');
            out.push_str(&cmdlet.aliases.join(","));
        }
        out.push('\n');
    }
    out
}

/// `builtin`: each cmdlet with its Rust method, parameter sets and aliases.
pub fn cmdlet_details(module: &Module) -> String {
    let mut out = String::new();
    for cmdlet in &module.cmdlets {
        let _ = writeln!(
            out,
            "{}  ->  client.{}()",
            cmdlet.name,
            method_name(&cmdlet.name)
        );
        for set in &cmdlet.parameter_sets {
            let parameters: Vec<String> = set
                .parameters
                .iter()
                .map(|p| {
                    if p.required {
                        format!("-{}", p.name)
                    } else {
                        format!("[-{}]", p.name)
                    }
                })
                .collect();
            let default = if set.name == cmdlet.default_parameter_set {
                " (default)"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "    set {}{default}: {}  [{} {}]",
                set.name,
                parameters.join(" "),
                set.method.as_str(),
                set.path
            );
        }
        for alias in &cmdlet.aliases {
            let _ = writeln!(
                out,
                "    alias {alias}  ->  client.{}()",
                method_name(alias)
            );
        }
    }
    out
}

/// How a module's cmdlets compare with a list of expected cmdlet names (the SDK's examples).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Comparison {
    /// Names generated exactly.
    pub exact: Vec<String>,
    /// Names that are the alias of a generated cmdlet.
    pub alias: Vec<String>,
    /// Expected names the module does not produce.
    pub missing: Vec<String>,
    /// Generated cmdlets with no expected name (neither name nor alias listed).
    pub unlisted: Vec<String>,
}

pub fn compare(module: &Module, expected: &[String]) -> Comparison {
    use std::collections::HashSet;
    let names: HashSet<&str> = module.cmdlets.iter().map(|c| c.name.as_str()).collect();
    let aliases: HashSet<&str> = module
        .cmdlets
        .iter()
        .flat_map(|c| c.aliases.iter().map(String::as_str))
        .collect();
    let mut comparison = Comparison::default();
    for name in expected {
        let bucket = if names.contains(name.as_str()) {
            &mut comparison.exact
        } else if aliases.contains(name.as_str()) {
            &mut comparison.alias
        } else {
            &mut comparison.missing
        };
        bucket.push(name.clone());
    }
    let listed: HashSet<&str> = expected.iter().map(String::as_str).collect();
    comparison.unlisted = module
        .cmdlets
        .iter()
        .filter(|c| {
            !listed.contains(c.name.as_str())
                && !c.aliases.iter().any(|a| listed.contains(a.as_str()))
        })
        .map(|c| c.name.clone())
        .collect();
    comparison
}

/// Reads an expected-names file: one name per line; blank lines and a `README` entry ignored.
pub fn expected_names(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| line.contains('-'))
        .map(str::to_owned)
        .collect()
}

impl Comparison {
    pub fn summary(&self, generated: usize) -> String {
        let total = self.exact.len() + self.alias.len() + self.missing.len();
        let mut out = format!(
            "generated {generated} cmdlets; expected {total}: {} exact, {} alias, {} not generated; {} generated cmdlets not listed\n",
            self.exact.len(),
            self.alias.len(),
            self.missing.len(),
            self.unlisted.len()
        );
        for name in &self.missing {
            let _ = writeln!(out, "not generated: {name}");
        }
        for name in &self.unlisted {
            let _ = writeln!(out, "not listed: {name}");
        }
        out
    }
}
