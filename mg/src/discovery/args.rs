//! The few named parameters of the discovery commands, spelled as PowerShell does (`-Uri x`,
//! `-Json`, `-Json:$false`, any case, unambiguous prefixes) or the Unix way (`--uri=x`,
//! `--api-version beta`).

use super::lookup::closest;

/// A parameter a discovery command takes.
pub struct Spec {
    pub name: &'static str,
    pub takes_value: bool,
}

impl Spec {
    /// `-Name <value>`.
    pub const fn value(name: &'static str) -> Spec {
        Spec {
            name,
            takes_value: true,
        }
    }

    /// `-Name`, on or off.
    pub const fn switch(name: &'static str) -> Spec {
        Spec {
            name,
            takes_value: false,
        }
    }
}

/// A parameter given, by its [`Spec`] name, with its value (`None` for a switch that is off).
#[derive(Debug, Default)]
pub struct Parsed {
    named: Vec<(&'static str, Option<String>)>,
    pub positional: Vec<String>,
}

impl Parsed {
    pub fn value(&self, name: &str) -> Option<&str> {
        self.named
            .iter()
            .rev()
            .find(|(given, _)| *given == name)
            .and_then(|(_, value)| value.as_deref())
    }

    pub fn switch(&self, name: &str) -> bool {
        self.value(name).is_some()
    }
}

/// `-Name`, `--name`, `-Name:value`, `--name=value`: the name, squashed (lower case, no `-` or
/// `_`), and an inline value. `None` for a word that is not a parameter (`x`, `-`, `-5`).
fn parameter_word(word: &str) -> Option<(String, Option<&str>)> {
    let rest = word.strip_prefix("--").or_else(|| word.strip_prefix('-'))?;
    if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let (name, inline) = match rest.find([':', '=']) {
        Some(at) => (&rest[..at], Some(&rest[at + 1..])),
        None => (rest, None),
    };
    Some((squash(name), inline))
}

/// `api-version`, `ApiVersion`, `api_version` all become `apiversion`.
pub fn squash(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '-' && *c != '_')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Reads `args` against `specs`; the error is the message of a usage error.
pub fn parse(command: &str, args: &[String], specs: &[Spec]) -> Result<Parsed, String> {
    let mut parsed = Parsed::default();
    let mut words = args.iter();
    while let Some(word) = words.next() {
        let Some((name, inline)) = parameter_word(word) else {
            parsed.positional.push(word.clone());
            continue;
        };
        let spec = resolve(command, word, &name, specs)?;
        let value = if spec.takes_value {
            match inline {
                Some(value) => Some(value.to_owned()),
                None => Some(
                    words
                        .next()
                        .ok_or_else(|| format!("{command}: -{} needs a value", spec.name))?
                        .clone(),
                ),
            }
        } else {
            match inline.map(|v| v.trim_start_matches('$').to_ascii_lowercase()) {
                None => Some(String::new()),
                Some(v) if v == "true" => Some(String::new()),
                Some(v) if v == "false" => None,
                Some(_) => {
                    return Err(format!(
                        "{command}: -{} is a switch: give it alone or as -{0}:$true / -{0}:$false",
                        spec.name
                    ));
                }
            }
        };
        parsed.named.push((spec.name, value));
    }
    Ok(parsed)
}

/// The spec a (squashed) parameter name means: its whole name, else the one it begins.
fn resolve<'s>(
    command: &str,
    word: &str,
    name: &str,
    specs: &'s [Spec],
) -> Result<&'s Spec, String> {
    if let Some(spec) = specs.iter().find(|s| squash(s.name) == name) {
        return Ok(spec);
    }
    let candidates: Vec<&Spec> = specs
        .iter()
        .filter(|s| squash(s.name).starts_with(name))
        .collect();
    match candidates.as_slice() {
        [one] => Ok(one),
        [] => {
            let names: Vec<&str> = specs.iter().map(|s| s.name).collect();
            let near = closest(name, names.iter().copied());
            let mut message = format!("{command}: no parameter matches `{word}`");
            if !near.is_empty() {
                let near: Vec<String> = near.iter().map(|n| format!("-{n}")).collect();
                message.push_str(&format!("; did you mean {}?", near.join(", ")));
            } else {
                let all: Vec<String> = names.iter().map(|n| format!("-{n}")).collect();
                message.push_str(&format!(" (it takes {})", all.join(", ")));
            }
            Err(message)
        }
        many => {
            let names: Vec<String> = many.iter().map(|s| format!("-{}", s.name)).collect();
            Err(format!(
                "{command}: `{word}` is ambiguous: it could be {}",
                names.join(", ")
            ))
        }
    }
}
