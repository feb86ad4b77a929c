//! Finding a cmdlet and its parameters by what the user typed: any case, cmdlet and parameter
//! aliases, unambiguous parameter prefixes (`-User`), the Unix spelling (`revoke-mg-user-…`,
//! `--user-id`), and the closest names when nothing matches.

use mg_runtime::catalog::{Command, Module};

use super::Failure;

/// The common parameters `mg` adds to every cmdlet (PowerShell's, and two of its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Common {
    /// `-Headers`: extra request headers.
    Headers,
    /// `-ResponseHeadersVariable FILE` (`-RHV`): status and headers written to FILE as JSON.
    ResponseHeadersVariable,
    /// `-WhatIf` (`-wi`).
    WhatIf,
    /// `-Confirm` (`-cf`).
    Confirm,
    /// `-PassThru`, on cmdlets whose operation answers with no content.
    PassThru,
    /// `-Environment Global|USGov|USGovDoD|China`, as `Connect-MgGraph` takes it.
    Environment,
    /// `-Concurrency N`: `$batch` requests in flight for pipeline input (mg's own).
    Concurrency,
}

impl Common {
    /// Takes no value (a switch); `-Switch:$false` still may give one.
    pub fn is_switch(self) -> bool {
        matches!(self, Common::WhatIf | Common::Confirm | Common::PassThru)
    }
}

/// What a typed parameter name resolved to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A parameter of the cmdlet: its index in `Command::parameters`.
    Parameter(u16),
    /// A common parameter.
    Common(Common),
}

struct Candidate {
    target: Target,
    name: &'static str,
    aliases: &'static [&'static str],
}

fn candidates(command: &Command) -> Vec<Candidate> {
    let mut list: Vec<Candidate> = command
        .parameters
        .iter()
        .enumerate()
        .map(|(index, p)| Candidate {
            target: Target::Parameter(u16::try_from(index).unwrap_or(u16::MAX)),
            name: p.name,
            aliases: p.aliases,
        })
        .collect();
    let mut common = |c: Common, name: &'static str, aliases: &'static [&'static str]| {
        list.push(Candidate {
            target: Target::Common(c),
            name,
            aliases,
        });
    };
    common(Common::Headers, "Headers", &[]);
    common(
        Common::ResponseHeadersVariable,
        "ResponseHeadersVariable",
        &["RHV"],
    );
    if command.supports_should_process {
        common(Common::WhatIf, "WhatIf", &["wi"]);
        common(Common::Confirm, "Confirm", &["cf"]);
    }
    if command.pass_thru {
        common(Common::PassThru, "PassThru", &[]);
    }
    common(Common::Environment, "Environment", &[]);
    common(Common::Concurrency, "Concurrency", &[]);
    list
}

/// Lower case; the Unix spelling also drops `-` and `_` (`user-id` reads as `userid`).
fn normalize(text: &str, unix: bool) -> String {
    text.chars()
        .filter(|c| !(unix && (*c == '-' || *c == '_')))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Resolves a typed parameter name as PowerShell does: an exact name or alias first, else the
/// one parameter it is a prefix of.
pub fn parameter(command: &Command, typed: &str, unix: bool) -> Result<Target, Failure> {
    let wanted = normalize(typed, unix);
    let list = candidates(command);
    let spell = |name: &str| normalize(name, unix);
    if let Some(hit) = list
        .iter()
        .find(|c| spell(c.name) == wanted || c.aliases.iter().any(|a| spell(a) == wanted))
    {
        return Ok(hit.target);
    }
    let mut prefixed: Vec<&Candidate> = Vec::new();
    for c in &list {
        let hit = spell(c.name).starts_with(&wanted)
            || c.aliases.iter().any(|a| spell(a).starts_with(&wanted));
        if hit && !prefixed.iter().any(|seen| seen.target == c.target) {
            prefixed.push(c);
        }
    }
    match prefixed.as_slice() {
        [one] => Ok(one.target),
        [] => {
            let names: Vec<&str> = list.iter().map(|c| c.name).collect();
            Err(Failure::Usage(format!(
                "{}: a parameter cannot be found that matches parameter name '{typed}'.{}",
                command.name,
                did_you_mean(&wanted, &names, unix, "-")
            )))
        }
        many => {
            let names: Vec<String> = many.iter().map(|c| format!("-{}", c.name)).collect();
            Err(Failure::Usage(format!(
                "{}: parameter cannot be processed because the parameter name '{typed}' is \
                 ambiguous. Possible matches include: {}.",
                command.name,
                names.join(" ")
            )))
        }
    }
}

/// The cmdlet of this name or alias in any module, in any case, or in the Unix spelling.
pub fn command(
    catalog: &[&'static Module],
    typed: &str,
) -> Result<(&'static Module, &'static Command), Failure> {
    for module in catalog {
        if let Some(command) = module.command(typed) {
            return Ok((module, command));
        }
    }
    let wanted = normalize(typed, true);
    for module in catalog {
        for command in module.commands {
            let hit = normalize(command.name, true) == wanted
                || command.aliases.iter().any(|a| normalize(a, true) == wanted);
            if hit {
                return Ok((module, command));
            }
        }
    }
    let names: Vec<&str> = catalog
        .iter()
        .flat_map(|m| m.commands.iter())
        .flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied()))
        .collect();
    Err(Failure::Usage(format!(
        "the term '{typed}' is not recognized as a name of a cmdlet.{}\n\
         List the cmdlets with `mg Get-Command`.",
        did_you_mean(&wanted, &names, true, "")
    )))
}

/// " Did you mean: X, Y?" with the names closest to `wanted`, or nothing if none is close.
fn did_you_mean(wanted: &str, names: &[&str], unix: bool, dash: &str) -> String {
    let mut scored: Vec<(f64, &str)> = names
        .iter()
        .map(|name| {
            let spelled = normalize(name, unix);
            let mut score = strsim::jaro_winkler(wanted, &spelled);
            if spelled.contains(wanted) && wanted.len() >= 3 {
                score = score.max(0.9);
            }
            (score, *name)
        })
        .filter(|(score, _)| *score >= 0.75)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.dedup_by(|a, b| a.1 == b.1);
    let best: Vec<String> = scored
        .iter()
        .take(3)
        .map(|(_, name)| format!("{dash}{name}"))
        .collect();
    if best.is_empty() {
        String::new()
    } else {
        format!(" Did you mean: {}?", best.join(", "))
    }
}
