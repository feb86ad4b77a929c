//! Binding the command line to a cmdlet's parameters, and choosing the parameter set as
//! PowerShell does: the sets that hold every given parameter; of those, the ones whose mandatory
//! parameters are all given; the default set breaks a tie.

use std::path::PathBuf;

use mg_runtime::Environment;
use mg_runtime::catalog::{Command, ParameterSet};

use super::Failure;
use super::args::{Word, classify, parse_hashtable, take_value};
use super::names::{self, Common, Target};
use super::values::{self, Arg};

/// A cmdlet call as the command line gives it, before the parameter set is chosen.
#[derive(Debug, Clone)]
pub struct Invocation {
    /// The cmdlet.
    pub command: &'static Command,
    /// Given parameters of the cmdlet: index into `command.parameters` and value.
    pub given: Vec<(u16, Arg)>,
    /// `-Headers`, in order.
    pub headers: Vec<(String, String)>,
    /// `-ResponseHeadersVariable FILE`.
    pub response_headers: Option<PathBuf>,
    /// `-WhatIf`.
    pub what_if: bool,
    /// `-Confirm`.
    pub confirm: bool,
    /// `-PassThru`.
    pub pass_thru: bool,
    /// `-Environment`.
    pub environment: Option<Environment>,
    /// `-Concurrency`.
    pub concurrency: Option<usize>,
    /// Some value was read from stdin (`-BodyParameter -`), so stdin holds no pipeline input.
    pub used_stdin: bool,
}

impl Invocation {
    /// Whether the parameter of this index was given.
    pub fn has(&self, index: u16) -> bool {
        self.given.iter().any(|(i, _)| *i == index)
    }
}

/// Binds the words after the cmdlet name.
pub fn bind(command: &'static Command, words: &[String]) -> Result<Invocation, Failure> {
    let mut call = Invocation {
        command,
        given: Vec::new(),
        headers: Vec::new(),
        response_headers: None,
        what_if: false,
        confirm: false,
        pass_thru: false,
        environment: None,
        concurrency: None,
        used_stdin: false,
    };
    let mut at = 0;
    while at < words.len() {
        let (text, unix, inline) = match classify(&words[at]) {
            Word::Name { text, unix, inline } => (text, unix, inline),
            Word::Value(value) => {
                return Err(Failure::Usage(format!(
                    "{}: a positional parameter cannot be found that accepts argument \
                     '{value}'. Name the parameter (`-UserId {value}`); `mg Get-Help {}` lists \
                     them.",
                    command.name, command.name
                )));
            }
        };
        at += 1;
        let target = names::parameter(command, &text, unix)?;
        let spelled = match target {
            Target::Parameter(i) => command.parameters[usize::from(i)].name,
            Target::Common(c) => common_name(c),
        };
        let is_switch = match target {
            Target::Common(c) => c.is_switch(),
            Target::Parameter(i) => {
                command.parameters[usize::from(i)].type_name == "SwitchParameter"
            }
        };
        let value = if is_switch {
            inline
        } else {
            match inline {
                Some(v) => Some(v),
                None => {
                    let next_is_name = words
                        .get(at)
                        .is_none_or(|w| matches!(classify(w), Word::Name { .. }));
                    if next_is_name {
                        return Err(Failure::Usage(format!(
                            "{}: missing an argument for parameter '{spelled}'. Specify a \
                             value (a value starting with '-' is given as -{spelled}:value).",
                            command.name
                        )));
                    }
                    take_value(words, &mut at)
                }
            }
        };
        let usage = |why: String| Failure::Usage(format!("{}: {why}", command.name));
        match target {
            Target::Common(common) => apply_common(&mut call, common, value).map_err(usage)?,
            Target::Parameter(index) => {
                if call.has(index) {
                    return Err(usage(format!(
                        "cannot bind parameter because parameter '{spelled}' is specified more \
                         than once."
                    )));
                }
                let param = &command.parameters[usize::from(index)];
                let text = value.unwrap_or_else(|| "$true".to_owned());
                if text == "-" {
                    call.used_stdin = true;
                }
                let arg = values::convert(param, &text).map_err(usage)?;
                call.given.push((index, arg));
            }
        }
    }
    Ok(call)
}

fn common_name(common: Common) -> &'static str {
    match common {
        Common::Headers => "Headers",
        Common::ResponseHeadersVariable => "ResponseHeadersVariable",
        Common::WhatIf => "WhatIf",
        Common::Confirm => "Confirm",
        Common::PassThru => "PassThru",
        Common::Environment => "Environment",
        Common::Concurrency => "Concurrency",
    }
}

fn switch_value(name: &str, value: Option<String>) -> Result<bool, String> {
    match value.as_deref().map(str::to_ascii_lowercase).as_deref() {
        None | Some("$true" | "true") => Ok(true),
        Some("$false" | "false") => Ok(false),
        Some(other) => Err(format!(
            "-{name}:{other} is not a switch value: use -{name} or -{name}:$false"
        )),
    }
}

fn apply_common(
    call: &mut Invocation,
    common: Common,
    value: Option<String>,
) -> Result<(), String> {
    let name = common_name(common);
    match common {
        Common::WhatIf => call.what_if = switch_value(name, value)?,
        Common::Confirm => call.confirm = switch_value(name, value)?,
        Common::PassThru => call.pass_thru = switch_value(name, value)?,
        Common::Headers => {
            let text = value.unwrap_or_default();
            call.headers.extend(headers(&text)?);
        }
        Common::ResponseHeadersVariable => {
            call.response_headers = Some(PathBuf::from(value.unwrap_or_default()));
        }
        Common::Environment => {
            let text = value.unwrap_or_default();
            call.environment = Some(text.parse::<Environment>().map_err(|e| e.to_string())?);
        }
        Common::Concurrency => {
            let text = value.unwrap_or_default();
            let n = text
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=64).contains(n))
                .ok_or_else(|| format!("-Concurrency {text:?}: expected a number from 1 to 64"))?;
            call.concurrency = Some(n);
        }
    }
    Ok(())
}

/// `-Headers` as a hashtable literal, a JSON object, or one `name=value`.
fn headers(text: &str) -> Result<Vec<(String, String)>, String> {
    let trimmed = text.trim();
    if trimmed.starts_with("@{") {
        return parse_hashtable(trimmed).map_err(|e| format!("-Headers: {e}"));
    }
    if trimmed.starts_with('{') {
        let value: serde_json::Value =
            serde_json::from_str(trimmed).map_err(|e| format!("-Headers: not valid JSON: {e}"))?;
        let Some(map) = value.as_object() else {
            return Err("-Headers: expected a JSON object".to_owned());
        };
        return Ok(map
            .iter()
            .map(|(k, v)| (k.clone(), values::text(v)))
            .collect());
    }
    match text.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() => {
            Ok(vec![(name.trim().to_owned(), value.to_owned())])
        }
        _ => Err(format!(
            "-Headers {text:?}: expected name=value, @{{ name = value }} or a JSON object"
        )),
    }
}

/// Chooses the parameter set for the given parameters (indices into `command.parameters`).
pub fn resolve(command: &'static Command, given: &[u16]) -> Result<&'static ParameterSet, Failure> {
    let takes =
        |set: &ParameterSet, index: u16| set.parameters.iter().any(|p| p.parameter == index);
    let missing = |set: &ParameterSet| -> Vec<&'static str> {
        set.parameters
            .iter()
            .filter(|p| p.required && !given.contains(&p.parameter))
            .map(|p| command.parameters[usize::from(p.parameter)].name)
            .collect()
    };
    let candidates: Vec<&'static ParameterSet> = command
        .sets
        .iter()
        .filter(|set| given.iter().all(|i| takes(set, *i)))
        .collect();
    let unresolved = "Parameter set cannot be resolved using the specified named parameters.";
    if candidates.is_empty() {
        let mut fits = Vec::new();
        for set in command.sets {
            let accepted: Vec<String> = given
                .iter()
                .filter(|i| takes(set, **i))
                .map(|i| format!("-{}", command.parameters[usize::from(*i)].name))
                .collect();
            let refused: Vec<String> = given
                .iter()
                .filter(|i| !takes(set, **i))
                .map(|i| format!("-{}", command.parameters[usize::from(*i)].name))
                .collect();
            if !accepted.is_empty() {
                fits.push(format!(
                    "{} takes {} but not {}",
                    set.name,
                    accepted.join(" "),
                    refused.join(" ")
                ));
            }
        }
        return Err(Failure::Usage(format!(
            "{}: {unresolved} One or more parameters issued cannot be used together. {}.",
            command.name,
            fits.join("; ")
        )));
    }
    let complete: Vec<&'static ParameterSet> = candidates
        .iter()
        .copied()
        .filter(|set| missing(set).is_empty())
        .collect();
    let default = |list: &[&'static ParameterSet]| {
        list.iter()
            .copied()
            .find(|s| s.name.eq_ignore_ascii_case(command.default_set))
    };
    let chosen = match complete.as_slice() {
        [one] => Some(*one),
        [] => match candidates.as_slice() {
            [one] => Some(*one),
            many => default(many),
        },
        many => default(many),
    };
    let Some(set) = chosen else {
        let list = if complete.is_empty() {
            &candidates
        } else {
            &complete
        };
        let options: Vec<String> = list
            .iter()
            .map(|set| match missing(set).as_slice() {
                [] => set.name.to_owned(),
                names => format!("{} (add -{})", set.name, names.join(" -")),
            })
            .collect();
        return Err(Failure::Usage(format!(
            "{}: {unresolved} The parameters given fit these sets: {}.",
            command.name,
            options.join(", ")
        )));
    };
    let absent = missing(set);
    if !absent.is_empty() {
        return Err(Failure::Usage(format!(
            "{}: cannot process command because of one or more missing mandatory parameters: \
             {} (parameter set {}).",
            command.name,
            absent
                .iter()
                .map(|n| format!("-{n}"))
                .collect::<Vec<_>>()
                .join(" "),
            set.name
        )));
    }
    Ok(set)
}
