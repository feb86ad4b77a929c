//! `mg Get-Command [pattern]`: the cmdlets and aliases whose names match PowerShell wildcards,
//! as PowerShell's table (CommandType, Name, Version, Source) or one JSON object per line.

use serde::Serialize;

use super::args::{Spec, parse};
use super::lookup::{self, Wildcard};
use super::{Outcome, json, print, usage};

const SPECS: &[Spec] = &[
    Spec::value("Name"),
    Spec::value("Verb"),
    Spec::value("Noun"),
    Spec::value("ApiVersion"),
    Spec::switch("Json"),
];

/// One row of the listing.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Row {
    command_type: &'static str,
    name: &'static str,
    /// The cmdlet an alias stands for.
    #[serde(skip_serializing_if = "Option::is_none")]
    resolved_command: Option<&'static str>,
    version: &'static str,
    source: &'static str,
}

/// `Get-Command [[-Name] <pattern>…] [-Verb <pattern>] [-Noun <pattern>] [-ApiVersion v1.0|beta]
/// [-Json]`.
pub fn get_command(args: &[String]) -> Outcome {
    let parsed = parse("Get-Command", args, SPECS).map_err(usage)?;
    let mut patterns: Vec<&str> = parsed.positional.iter().map(String::as_str).collect();
    patterns.extend(parsed.value("Name"));
    let patterns = patterns
        .iter()
        .map(|text| Wildcard::new(text).map(|pattern| (*text, pattern)))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| usage(format!("Get-Command: {e}")))?;
    let wildcard = |name: &str| -> Result<Option<Wildcard>, super::Failure> {
        parsed
            .value(name)
            .map(Wildcard::new)
            .transpose()
            .map_err(|e| usage(format!("Get-Command: {e}")))
    };
    let verb = wildcard("Verb")?;
    let noun = wildcard("Noun")?;
    let version = parsed.value("ApiVersion");

    let mut rows = Vec::new();
    for found in lookup::all() {
        let (module, command) = (found.module, found.command);
        if version.is_some_and(|v| !v.eq_ignore_ascii_case(module.api_version)) {
            continue;
        }
        let names = std::iter::once((command.name, None)).chain(
            command
                .aliases
                .iter()
                .map(|alias| (*alias, Some(command.name))),
        );
        for (name, target) in names {
            // Verbs and nouns belong to cmdlets; aliases have neither (as in PowerShell).
            let by_parts = verb.is_some() || noun.is_some();
            if by_parts && target.is_some() {
                continue;
            }
            let (name_verb, name_noun) = name.split_once('-').unwrap_or((name, ""));
            let wanted = (patterns.is_empty() || patterns.iter().any(|(_, p)| p.matches(name)))
                && verb.as_ref().is_none_or(|v| v.matches(name_verb))
                && noun.as_ref().is_none_or(|n| n.matches(name_noun));
            if wanted {
                rows.push(Row {
                    command_type: if target.is_some() {
                        "Alias"
                    } else {
                        "Function"
                    },
                    name,
                    resolved_command: target,
                    version: module.api_version,
                    source: module.powershell_module,
                });
            }
        }
    }
    // A name without wildcards that matches nothing is an error, as in PowerShell.
    for (text, pattern) in &patterns {
        if pattern.is_literal() && !rows.iter().any(|row| pattern.matches(row.name)) {
            return Err(usage(lookup::unknown_command("Get-Command", text)));
        }
    }
    rows.sort_by(|a, b| {
        a.name
            .to_ascii_lowercase()
            .cmp(&b.name.to_ascii_lowercase())
            .then(a.version.cmp(b.version))
    });
    if parsed.switch("Json") {
        let lines: String = rows.iter().map(|row| format!("{}\n", json(row))).collect();
        print(&lines)
    } else if rows.is_empty() {
        Ok(())
    } else {
        print(&table(&rows))
    }
}

fn table(rows: &[Row]) -> String {
    let names: Vec<String> = rows
        .iter()
        .map(|row| match row.resolved_command {
            Some(target) => format!("{} -> {target}", row.name),
            None => row.name.to_owned(),
        })
        .collect();
    let width = names.iter().map(String::len).max().unwrap_or(0).max(4);
    let mut out = format!(
        "{:<15} {:<width$} {:<10} {}\n{:<15} {:<width$} {:<10} {}\n",
        "CommandType", "Name", "Version", "Source", "-----------", "----", "-------", "------"
    );
    for (row, name) in rows.iter().zip(&names) {
        out.push_str(&format!(
            "{:<15} {name:<width$} {:<10} {}\n",
            row.command_type, row.version, row.source
        ));
    }
    out
}
