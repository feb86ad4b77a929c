//! `mg Get-Help <cmdlet>` and `mg <cmdlet> -?`: the cmdlet's help page, laid out as PowerShell's
//! `Get-Help -Full` lays out the SDK's (name, synopsis, syntax of each set, description,
//! parameters, inputs, outputs, aliases, permissions, national clouds, related links), or the
//! same as one JSON object with `-Json`.

use std::fmt::Write as _;

use mg_runtime::catalog::{Command, Module, Parameter};
use serde::Serialize;

use super::args::{Spec, parse};
use super::lookup::{self, Found, Wildcard};
use super::{Outcome, json, print, usage};

const SPECS: &[Spec] = &[
    Spec::value("Name"),
    Spec::value("Parameter"),
    Spec::switch("Full"),
    Spec::switch("Detailed"),
    Spec::switch("Json"),
];

/// `Get-Help [-Name] <cmdlet> [-Parameter <pattern>] [-Full] [-Json]`.
pub fn get_help(args: &[String]) -> Outcome {
    let parsed = parse("Get-Help", args, SPECS).map_err(usage)?;
    let mut names: Vec<&str> = parsed.positional.iter().map(String::as_str).collect();
    names.extend(parsed.value("Name"));
    let name = match names.as_slice() {
        [one] => *one,
        [] => {
            return Err(usage(
                "Get-Help: name a cmdlet: mg Get-Help <cmdlet>".to_owned(),
            ));
        }
        _ => {
            return Err(usage(format!(
                "Get-Help: one cmdlet at a time, got {}",
                names.join(", ")
            )));
        }
    };
    let found =
        lookup::find(name).ok_or_else(|| usage(lookup::unknown_command("Get-Help", name)))?;
    let help = Help::of(found);
    let help = match parsed.value("Parameter") {
        Some(pattern) => help.only_parameters(pattern)?,
        None => help,
    };
    if parsed.switch("Json") {
        print(&format!("{}\n", json(&help)))
    } else {
        print(&help.text())
    }
}

/// The help page of one cmdlet, as text and JSON show it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Help {
    name: &'static str,
    module: &'static str,
    api_version: &'static str,
    synopsis: &'static str,
    syntax: Vec<Syntax>,
    description: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    deprecation: &'static str,
    parameters: Vec<ParameterHelp>,
    inputs: Vec<String>,
    outputs: Vec<&'static str>,
    aliases: &'static [&'static str],
    http: Vec<Http>,
    permissions: Vec<PermissionHelp>,
    national_clouds: &'static [&'static str],
    related_links: Vec<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Syntax {
    parameter_set: &'static str,
    default: bool,
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ParameterHelp {
    name: &'static str,
    #[serde(rename = "type")]
    type_name: &'static str,
    description: String,
    /// `true`, `false`, or per set (`true in Check; false in CheckExpanded`).
    required: String,
    position: &'static str,
    accept_pipeline_input: &'static str,
    aliases: Vec<&'static str>,
    parameter_sets: Vec<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Http {
    parameter_sets: Vec<&'static str>,
    method: &'static str,
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PermissionHelp {
    permission_type: &'static str,
    least_privileged: &'static [&'static str],
    higher_privileged: &'static [&'static str],
}

/// The parameters every cmdlet has (mg's own way of taking them), by what the cmdlet supports.
fn common_parameters(command: &Command) -> Vec<ParameterHelp> {
    let common = |name, type_name, aliases: &[&'static str], description: &str| ParameterHelp {
        name,
        type_name,
        description: description.to_owned(),
        required: "false".to_owned(),
        position: "Named",
        accept_pipeline_input: "False",
        aliases: aliases.to_vec(),
        parameter_sets: vec!["(All)"],
    };
    let mut parameters = vec![
        common(
            "Headers",
            "IDictionary",
            &[],
            "Request headers to add: @{ \"name\" = \"value\" }, or name=value, repeatable.",
        ),
        common(
            "ResponseHeadersVariable",
            "String",
            &["RHV"],
            "A file to write the response headers to, as JSON.",
        ),
    ];
    if command.pass_thru {
        parameters.push(common(
            "PassThru",
            "SwitchParameter",
            &[],
            "Writes true when the call succeeds (the operation answers with no content).",
        ));
    }
    if command.supports_should_process {
        parameters.push(common(
            "WhatIf",
            "SwitchParameter",
            &["wi"],
            "Shows what would be sent (parameter set, method, full URL) and sends nothing.",
        ));
        parameters.push(common(
            "Confirm",
            "SwitchParameter",
            &["cf"],
            "Asks on the terminal before sending.",
        ));
    }
    parameters
}

impl Help {
    fn of(found: Found) -> Help {
        let Found { module, command } = found;
        let mut parameters: Vec<ParameterHelp> = command
            .parameters
            .iter()
            .enumerate()
            .map(|(index, parameter)| parameter_help(command, index, parameter))
            .collect();
        parameters.extend(common_parameters(command));
        parameters.sort_by_key(|p| p.name.to_ascii_lowercase());

        let mut http: Vec<Http> = Vec::new();
        for set in command.sets {
            let uri = format!(
                "/{}{}",
                set.operation.api_version, set.operation.path_template
            );
            match http
                .iter_mut()
                .find(|h| h.method == set.operation.method && h.uri == uri)
            {
                Some(known) => known.parameter_sets.push(set.name),
                None => http.push(Http {
                    parameter_sets: vec![set.name],
                    method: set.operation.method,
                    uri,
                }),
            }
        }
        let mut inputs = Vec::new();
        if command.parameters.iter().any(|p| p.pipeline_by_value) {
            for parameter in command.parameters.iter().filter(|p| p.pipeline_by_value) {
                inputs.push(full_type_name(module, parameter.type_name));
            }
        }
        Help {
            name: command.name,
            module: module.powershell_module,
            api_version: module.api_version,
            synopsis: command.synopsis,
            syntax: command
                .sets
                .iter()
                .map(|set| Syntax {
                    parameter_set: set.name,
                    default: set.name == command.default_set,
                    text: syntax_line(command, set),
                })
                .collect(),
            description: command.description,
            deprecation: command.deprecation,
            parameters,
            inputs,
            outputs: vec![command.output_type],
            aliases: command.aliases,
            http,
            permissions: command
                .permissions
                .iter()
                .map(|row| PermissionHelp {
                    permission_type: row.kind,
                    least_privileged: row.least_privileged,
                    higher_privileged: row.higher_privileged,
                })
                .collect(),
            national_clouds: command.national_clouds,
            related_links: [command.doc_url]
                .into_iter()
                .filter(|url| !url.is_empty())
                .collect(),
        }
    }

    /// `-Parameter <pattern>`: only the parameters whose name matches.
    fn only_parameters(mut self, pattern: &str) -> Result<Help, super::Failure> {
        let wildcard = Wildcard::new(pattern).map_err(|e| usage(format!("Get-Help: {e}")))?;
        let names: Vec<&'static str> = self.parameters.iter().map(|p| p.name).collect();
        self.parameters.retain(|p| wildcard.matches(p.name));
        if self.parameters.is_empty() {
            let mut message = format!("Get-Help: {} has no parameter `{pattern}`", self.name);
            let near = lookup::closest(pattern, names.iter().copied());
            if !near.is_empty() {
                message.push_str(&format!("; did you mean {}?", near.join(", ")));
            }
            return Err(usage(message));
        }
        Ok(self)
    }

    fn text(&self) -> String {
        let mut out = String::new();
        heading(&mut out, "NAME");
        indented(&mut out, 4, self.name);
        if !self.synopsis.is_empty() {
            heading(&mut out, "SYNOPSIS");
            // Without a summary of its own, the synopsis is the description: its first
            // sentence is enough here, the whole text follows under DESCRIPTION.
            let synopsis = if self.synopsis == self.description {
                first_sentence(self.synopsis)
            } else {
                self.synopsis
            };
            indented(&mut out, 4, synopsis);
        }
        heading(&mut out, "SYNTAX");
        for (i, syntax) in self.syntax.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            // One line per set, however long, as PowerShell writes it to a file.
            let _ = writeln!(out, "    {}", syntax.text);
        }
        if !self.description.is_empty() || !self.deprecation.is_empty() {
            heading(&mut out, "DESCRIPTION");
            for (i, text) in [self.description, self.deprecation]
                .into_iter()
                .filter(|t| !t.is_empty())
                .enumerate()
            {
                if i > 0 {
                    out.push('\n');
                }
                indented(&mut out, 4, text);
            }
        }
        heading(&mut out, "PARAMETERS");
        for parameter in &self.parameters {
            let title = if parameter.type_name == "SwitchParameter" {
                format!("-{} [<SwitchParameter>]", parameter.name)
            } else {
                format!("-{} <{}>", parameter.name, parameter.type_name)
            };
            indented(&mut out, 4, &title);
            if !parameter.description.is_empty() {
                indented(&mut out, 8, &parameter.description);
            }
            out.push('\n');
            let rows = [
                ("Required?", parameter.required.as_str()),
                ("Position?", parameter.position),
                ("Accept pipeline input?", parameter.accept_pipeline_input),
                ("Parameter set name", &parameter.parameter_sets.join(", ")),
                ("Aliases", &parameter.aliases.join(", ")),
                ("Accept wildcard characters?", "false"),
            ];
            for (label, value) in rows {
                let line = format!("        {label:<28} {value}");
                out.push_str(line.trim_end());
                out.push('\n');
            }
            out.push('\n');
        }
        if !self.inputs.is_empty() {
            heading(&mut out, "INPUTS");
            for input in &self.inputs {
                indented(&mut out, 4, input);
            }
        }
        heading(&mut out, "OUTPUTS");
        for output in &self.outputs {
            indented(&mut out, 4, output);
        }
        if !self.aliases.is_empty() {
            heading(&mut out, "ALIASES");
            for alias in self.aliases {
                indented(&mut out, 4, alias);
            }
        }
        heading(&mut out, "NOTES");
        indented(
            &mut out,
            4,
            &format!("Module: {} ({})", self.module, self.api_version),
        );
        for http in &self.http {
            let sets = http.parameter_sets.join(", ");
            let _ = writeln!(out, "    {} {} ({sets})", http.method, http.uri);
        }
        if !self.permissions.is_empty() {
            out.push('\n');
            indented(&mut out, 4, "PERMISSIONS");
            let rows: Vec<[String; 3]> = self
                .permissions
                .iter()
                .map(|row| {
                    [
                        row.permission_type.to_owned(),
                        list_or(row.least_privileged, "Not supported."),
                        list_or(row.higher_privileged, "Not available."),
                    ]
                })
                .collect();
            let header = [
                "Permission type".to_owned(),
                "Least privileged permissions".to_owned(),
                "Higher privileged permissions".to_owned(),
            ];
            table(&mut out, 4, &header, &rows);
        }
        if !self.national_clouds.is_empty() {
            out.push('\n');
            indented(&mut out, 4, "NATIONAL CLOUDS");
            indented(&mut out, 4, &self.national_clouds.join(", "));
        }
        if !self.related_links.is_empty() {
            heading(&mut out, "RELATED LINKS");
            for link in &self.related_links {
                indented(&mut out, 4, link);
            }
        }
        out
    }
}

/// One SYNTAX line: the set's parameters (required ones bare, optional ones in brackets, a
/// switch without a value), then the common parameters.
fn syntax_line(command: &Command, set: &mg_runtime::catalog::ParameterSet) -> String {
    let mut line = command.name.to_owned();
    for (parameter, place) in command.set_parameters(set) {
        let text = if parameter.type_name == "SwitchParameter" {
            format!("-{}", parameter.name)
        } else {
            format!("-{} <{}>", parameter.name, parameter.type_name)
        };
        if place.required {
            line.push_str(&format!(" {text}"));
        } else {
            line.push_str(&format!(" [{text}]"));
        }
    }
    line.push_str(" [-ResponseHeadersVariable <String>] [-Headers <IDictionary>]");
    if command.pass_thru {
        line.push_str(" [-PassThru]");
    }
    if command.supports_should_process {
        line.push_str(" [-WhatIf] [-Confirm]");
    }
    line
}

fn parameter_help(command: &Command, index: usize, parameter: &Parameter) -> ParameterHelp {
    let mut required_in = Vec::new();
    let mut optional_in = Vec::new();
    for set in command.sets {
        if let Some(place) = set
            .parameters
            .iter()
            .find(|p| usize::from(p.parameter) == index)
        {
            if place.required {
                required_in.push(set.name);
            } else {
                optional_in.push(set.name);
            }
        }
    }
    let required = match (required_in.is_empty(), optional_in.is_empty()) {
        (false, true) => "true".to_owned(),
        (true, _) => "false".to_owned(),
        (false, false) => format!(
            "true in {}; false in {}",
            required_in.join(", "),
            optional_in.join(", ")
        ),
    };
    let accept_pipeline_input = match (
        parameter.pipeline_by_value,
        parameter.pipeline_by_property_name,
    ) {
        (true, true) => "True (ByValue, ByPropertyName)",
        (true, false) => "True (ByValue)",
        (false, true) => "True (ByPropertyName)",
        (false, false) => "False",
    };
    let mut parameter_sets = required_in;
    parameter_sets.extend(optional_in);
    ParameterHelp {
        name: parameter.name,
        type_name: parameter.type_name,
        description: parameter.description.to_owned(),
        required,
        // The SDK's generated cmdlets declare no positions.
        position: "Named",
        accept_pipeline_input,
        aliases: parameter.aliases.to_vec(),
        parameter_sets,
    }
}

/// `IUsersActionsIdentity` → `Microsoft.Graph.Beta.PowerShell.Models.IUsersActionsIdentity`;
/// .NET types keep their namespace.
fn full_type_name(module: &Module, type_name: &str) -> String {
    match type_name {
        "IDictionary" => "System.Collections.IDictionary".to_owned(),
        "Hashtable" => "System.Collections.Hashtable".to_owned(),
        name if name.starts_with('I') => {
            // `Microsoft.Graph.Beta.Users.Actions` → `Microsoft.Graph.Beta.PowerShell.Models`.
            let root = module
                .powershell_module
                .strip_suffix(module.service_name)
                .unwrap_or("Microsoft.Graph.");
            format!("{root}PowerShell.Models.{name}")
        }
        name => format!("System.{name}"),
    }
}

fn list_or(items: &[&str], empty: &str) -> String {
    if items.is_empty() {
        empty.to_owned()
    } else {
        items.join(", ")
    }
}

/// The first sentence of `text` (up to `. `), or all of it.
pub fn first_sentence(text: &str) -> &str {
    match text.find(". ") {
        Some(end) => &text[..=end],
        None => text,
    }
}

fn heading(out: &mut String, title: &str) {
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
    out.push_str(title);
    out.push('\n');
}

/// `text` wrapped to the terminal's usual width, each line indented by `indent` spaces.
fn indented(out: &mut String, indent: usize, text: &str) {
    let prefix = " ".repeat(indent);
    let options = textwrap::Options::new(100)
        .initial_indent(&prefix)
        .subsequent_indent(&prefix)
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    for paragraph in text.split('\n') {
        if paragraph.trim().is_empty() {
            out.push('\n');
            continue;
        }
        for line in textwrap::wrap(paragraph, &options) {
            out.push_str(&line);
            out.push('\n');
        }
    }
}

/// Columns padded to their widest cell.
fn table(out: &mut String, indent: usize, header: &[String; 3], rows: &[[String; 3]]) {
    let mut widths = header.clone().map(|h| h.chars().count());
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    for row in std::iter::once(header).chain(rows) {
        let line = format!(
            "{:indent$}{:<w0$}  {:<w1$}  {}",
            "",
            row[0],
            row[1],
            row[2],
            w0 = widths[0],
            w1 = widths[1]
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
}
