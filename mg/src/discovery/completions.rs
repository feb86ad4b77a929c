//! `mg completions <bash|zsh|fish|powershell>`: a completion script for the shell, written by
//! `clap_complete` from a clap command built out of the catalog. It is built only here, so
//! start-up does not grow with the number of cmdlets.
//!
//! Shells complete options with two dashes, so each parameter is offered as `--UserId` and in the
//! Unix spelling `--user-id`; cmdlets as `Revoke-MgUserSignInSession`, their aliases, and
//! `revoke-mg-user-sign-in-session`.

use std::str::FromStr;

use clap::{Arg, ArgAction, Command};
use clap_complete::Shell;

use super::lookup;
use super::{Outcome, print, usage};

const SHELLS: &str = "bash, zsh, fish or powershell";

/// `completions <shell>`: the script on stdout.
pub fn completions(args: &[String]) -> Outcome {
    let [shell] = args else {
        return Err(usage(format!(
            "completions: name one shell: mg completions <{}>",
            SHELLS.replace(", ", "|").replace(" or ", "|")
        )));
    };
    let shell = Shell::from_str(&shell.to_ascii_lowercase())
        .ok()
        .filter(|s| !matches!(s, Shell::Elvish))
        .ok_or_else(|| usage(format!("completions: `{shell}` is not {SHELLS}")))?;
    let mut command = command_line();
    // Written to memory first: clap_complete panics when its writer fails (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "mg", &mut script);
    print(&String::from_utf8_lossy(&script))
}

/// `RevokeSignInSession` → `revoke-sign-in-session`; `-` kept, so cmdlet names work too.
fn kebab(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    let mut previous: Option<char> = None;
    for c in name.chars() {
        if c.is_ascii_uppercase()
            && previous.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit())
        {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
        previous = Some(c);
    }
    out
}

/// An option offered as `--Name` and `--kebab-name`.
fn option(name: &'static str, takes_value: bool, help: &'static str) -> Arg {
    let unix = kebab(name);
    let mut arg = Arg::new(name).long(name).help(help);
    if unix != name {
        arg = arg.visible_alias(unix);
    }
    if takes_value {
        arg.action(ArgAction::Set)
    } else {
        arg.action(ArgAction::SetTrue)
    }
}

/// `mg` as clap sees it: every cmdlet with its parameters, and the discovery commands.
fn command_line() -> Command {
    let mut root = Command::new("mg")
        .about("The Microsoft Graph PowerShell cmdlets on the command line")
        .disable_help_subcommand(true);
    let mut names: Vec<&'static str> = Vec::new();
    for found in lookup::all() {
        let command = found.command;
        names.push(command.name);
        names.extend(command.aliases);
        let mut sub = Command::new(command.name)
            .about(super::help::first_sentence(command.synopsis))
            .visible_alias(kebab(command.name))
            .visible_aliases(command.aliases.iter().copied())
            .disable_help_flag(true);
        let mut arguments: Vec<(&'static str, bool, &'static str)> = command
            .parameters
            .iter()
            .map(|p| (p.name, p.type_name != "SwitchParameter", p.type_name))
            .collect();
        arguments.push(("Headers", true, "name=value"));
        arguments.push(("ResponseHeadersVariable", true, "file"));
        if command.pass_thru {
            arguments.push(("PassThru", false, "write true on success"));
        }
        if command.supports_should_process {
            arguments.push(("WhatIf", false, "show what would be sent"));
            arguments.push(("Confirm", false, "ask before sending"));
        }
        // clap refuses a name or alias given twice; a spec could repeat one in another case.
        let mut taken: Vec<String> = Vec::new();
        for (name, takes_value, help) in arguments {
            let unix = kebab(name);
            if taken.contains(&unix) {
                continue;
            }
            taken.push(unix);
            sub = sub.arg(option(name, takes_value, help));
        }
        root = root.subcommand(sub);
    }
    names.sort_unstable_by_key(|n| n.to_ascii_lowercase());
    names.dedup();
    let cmdlet = || Arg::new("cmdlet").value_parser(names.clone());
    root.subcommand(
        Command::new("Get-Help")
            .about("Show a cmdlet's help page")
            .arg(cmdlet())
            .arg(option("Parameter", true, "parameter name pattern"))
            .arg(option("Full", false, "the whole page (the default)"))
            .arg(option("Json", false, "as one JSON object")),
    )
    .subcommand(
        Command::new("Get-Command")
            .about("List cmdlets whose names match a wildcard pattern")
            .arg(cmdlet())
            .arg(option("Verb", true, "verb pattern"))
            .arg(option("Noun", true, "noun pattern"))
            .arg(option("ApiVersion", true, "v1.0 or beta").value_parser(["v1.0", "beta"]))
            .arg(option("Json", false, "one JSON object per line")),
    )
    .subcommand(
        Command::new("Find-MgGraphCommand")
            .about("Find the cmdlet of a Graph URI, or the URI of a cmdlet")
            .arg(option("Uri", true, "a Graph URI"))
            .arg(option("Command", true, "cmdlet name pattern").value_parser(names))
            .arg(
                option("Method", true, "HTTP method")
                    .value_parser(["GET", "POST", "PATCH", "PUT", "DELETE"]),
            )
            .arg(option("ApiVersion", true, "v1.0 or beta").value_parser(["v1.0", "beta"]))
            .arg(option("Json", false, "one JSON object per line")),
    )
    .subcommand(
        Command::new("completions")
            .about("Print a shell completion script")
            .arg(Arg::new("shell").value_parser(["bash", "zsh", "fish", "powershell"])),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_spellings() {
        assert_eq!(kebab("UserId"), "user-id");
        assert_eq!(kebab("EventId1"), "event-id1");
        assert_eq!(
            kebab("Revoke-MgUserSignInSession"),
            "revoke-mg-user-sign-in-session"
        );
        assert_eq!(
            kebab("ResponseHeadersVariable"),
            "response-headers-variable"
        );
    }

    #[test]
    fn the_command_line_is_valid() {
        command_line().debug_assert();
    }
}
