//! Compiling the `directive` entries of a configuration into [`Directive`]s: classifying each
//! entry as `modifiers-v2` does, compiling its selectors as JavaScript regexes, and saying what
//! was left out and why. Errors are messages without a location; the caller adds the place.

use serde_yaml::{Mapping, Value};

use super::yaml::{key_text, kind, scalar_text, truthy, untag};
use crate::js::Pattern;
use crate::model::directive::{
    CommandAction, CommandChanges, CommandDirective, Directive, Origin, ParameterDirective,
    RemovePath, Selector, Setter,
};

/// The outcome of compiling one `directive` entry.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// What the engine runs; None when nothing of the entry can be applied.
    pub directive: Option<Directive>,
    /// What was left out and why (the whole entry when `directive` is None).
    pub ignored: Option<String>,
}

impl Compiled {
    fn applied(directive: Directive) -> Compiled {
        Compiled {
            directive: Some(directive),
            ignored: None,
        }
    }

    fn skipped(summary: impl Into<String>) -> Compiled {
        Compiled {
            directive: None,
            ignored: Some(summary.into()),
        }
    }
}

const COMMAND_KEYS: [&str; 5] = [
    "verb",
    "subject",
    "subject-prefix",
    "variant",
    "parameter-name",
];
const MODEL_KEYS: [&str; 4] = [
    "model-name",
    "model-fullname",
    "model-namespace",
    "property-name",
];
const ENUM_KEYS: [&str; 2] = ["enum-name", "enum-value-name"];
/// `where` keys that make a command directive invalid in `modifiers-v2`.
const FORBIDDEN_COMMAND_FILTERS: [&str; 4] = [
    "model-name",
    "property-name",
    "enum-name",
    "enum-value-name",
];
/// `set` keys that make a command directive invalid in `modifiers-v2`.
const FORBIDDEN_COMMAND_SETTERS: [&str; 4] = [
    "property-name",
    "property-description",
    "enum-name",
    "enum-value-name",
];
/// Top-level keys that only matter for AutoRest stages this generator does not have.
const FOREIGN_DIRECTIVES: [(&str, &str); 3] = [
    ("no-inline", "no-inline (model inlining is not modelled)"),
    (
        "declare-directive",
        "declare-directive (only remove-path-by-operation is known)",
    ),
    ("suppress", "validation suppression"),
];

/// Classifies and compiles one entry of a `directive` list, following `modifiers-v2`
/// (`isWhereCommandDirective`, `isWhereModelDirective`, `isWhereEnumDirective`,
/// `isRemoveCommandDirective`, in that order). Errors are messages without a location.
pub fn compile(value: &Value, origin: Origin) -> Result<Compiled, String> {
    let Value::Mapping(map) = untag(value) else {
        return Err(format!(
            "a directive must be a mapping, found {}",
            kind(value)
        ));
    };
    if map.contains_key("from") || map.contains_key("transform") {
        return Ok(Compiled::skipped(transform_summary(map)));
    }
    if let Some(regex) = map.get("remove-path-by-operation") {
        let Some(source) = scalar_text(regex) else {
            return Err("remove-path-by-operation must be a regex string".into());
        };
        let pattern =
            Pattern::unanchored(&source).map_err(|e| format!("remove-path-by-operation: {e}"))?;
        return Ok(Compiled::applied(Directive::RemovePathByOperation(
            RemovePath { origin, pattern },
        )));
    }
    if let Some((_, summary)) = FOREIGN_DIRECTIVES
        .iter()
        .find(|(key, _)| map.contains_key(*key))
    {
        return Ok(Compiled::skipped(*summary));
    }
    let has_action = map.contains_key("set") || map.contains_key("remove");
    // `where-operation-id`, `where-model`, … address other AutoRest stages (OpenAPI or model
    // edits); the PowerShell generator's directive stage never sees them.
    if !map.contains_key("where")
        && let Some(key) = map
            .keys()
            .filter_map(Value::as_str)
            .find(|key| key.starts_with("where-"))
    {
        return Ok(Compiled::skipped(format!(
            "`{key}` selects OpenAPI or model elements, not commands (keys: {})",
            key_list(map)
        )));
    }
    match map.get("where").map(untag) {
        Some(Value::Mapping(selectors)) => compile_where(map, selectors, origin),
        Some(Value::Null) | None if has_action => {
            Err("`set`/`remove` without a `where` selector".into())
        }
        Some(_) if has_action => Err("`where` must be a mapping of selectors".into()),
        _ => Ok(Compiled::skipped(format!(
            "unrecognised directive (keys: {})",
            key_list(map)
        ))),
    }
}

fn compile_where(map: &Mapping, selectors: &Mapping, origin: Origin) -> Result<Compiled, String> {
    let select = map.get("select").and_then(|v| untag(v).as_str());
    let set = match map.get("set").map(untag) {
        None | Some(Value::Null) => None,
        Some(Value::Mapping(set)) => Some(set),
        Some(_) => return Err("`set` must be a mapping".into()),
    };
    let has_command_key = COMMAND_KEYS.iter().any(|k| truthy(selectors.get(k)));
    let remove = map.get("remove");

    let is_where_command = remove.is_none()
        && (has_command_key
            || truthy(map.get("hide"))
            || truthy(map.get("clear-alias"))
            || matches!(select, Some("command" | "parameter")));
    if is_where_command {
        check_forbidden(selectors, set)?;
        let mut selector = compile_selector(selectors)?;
        if matches!(select, None | Some("parameter"))
            && let Some(parameter) = selector.parameter.take()
        {
            return compile_parameter(map, set, selector, parameter, origin);
        }
        // Commands are filtered by parameter only with `select: command`.
        if select != Some("command") {
            selector.parameter = None;
        }
        return compile_command(map, set, selector, origin);
    }
    if set.is_some() && (any_truthy(selectors, &MODEL_KEYS) || select == Some("model")) {
        return Ok(Compiled::skipped(format!(
            "model directive ({}): models are not renamed here",
            selector_summary(selectors)
        )));
    }
    if set.is_some() && (any_truthy(selectors, &ENUM_KEYS) || select == Some("enum")) {
        return Ok(Compiled::skipped(format!(
            "enum directive ({}): enums are not renamed here",
            selector_summary(selectors)
        )));
    }
    if let Some(remove) = remove {
        return compile_remove(remove, selectors, select, has_command_key, origin);
    }
    if set.is_some() {
        return Err(no_selector_message());
    }
    Ok(Compiled::skipped(format!(
        "where without a command selector ({}) and nothing to do",
        selector_summary(selectors)
    )))
}

fn compile_remove(
    remove: &Value,
    selectors: &Mapping,
    select: Option<&str>,
    has_command_key: bool,
    origin: Origin,
) -> Result<Compiled, String> {
    if !truthy(Some(remove)) {
        return Ok(Compiled::skipped(
            "`remove` is present but false: AutoRest ignores the whole directive",
        ));
    }
    if select == Some("parameter") {
        return Ok(Compiled::skipped(
            "remove with `select: parameter` (AutoRest cannot remove parameters)",
        ));
    }
    if !has_command_key && select != Some("command") {
        return Err(no_selector_message());
    }
    let mut selector = compile_selector(selectors)?;
    if select != Some("command") {
        selector.parameter = None;
    }
    let selects_something = selector.verb.is_some()
        || selector.subject.is_some()
        || selector.subject_prefix.is_some()
        || selector.variant.is_some()
        || selector.parameter.is_some();
    if !selects_something {
        // AutoRest only removes when some selector is active; it never removes everything.
        return Ok(Compiled::skipped(format!(
            "remove with no usable selector ({}) does nothing",
            selector_summary(selectors)
        )));
    }
    Ok(Compiled::applied(Directive::Command(CommandDirective {
        origin,
        selector,
        action: CommandAction::Remove,
    })))
}

fn compile_command(
    map: &Mapping,
    set: Option<&Mapping>,
    selector: Selector,
    origin: Origin,
) -> Result<Compiled, String> {
    let mut changes = CommandChanges::default();
    let mut ignored = Vec::new();
    if let Some(set) = set {
        changes.subject = command_setter(set, "subject", selector.subject.as_ref())?;
        changes.verb = command_setter(set, "verb", selector.verb.as_ref())?;
        changes.variant = command_setter(set, "variant", selector.variant.as_ref())?;
        // Unlike the others, an empty subject-prefix is a real value.
        changes.subject_prefix = match set.get("subject-prefix").map(untag) {
            None | Some(Value::Null) => None,
            Some(value) => {
                let text = string_value(value, "set.subject-prefix")?;
                Some(Setter::new(selector.subject_prefix.as_ref(), &text))
            }
        };
        changes.aliases = alias_list(set)?;
        ignored.extend(unsupported_set_keys(
            set,
            &["subject", "subject-prefix", "verb", "variant", "alias"],
        ));
    }
    changes.hide = map.get("hide").map(|v| truthy(Some(v)));
    changes.clear_alias = truthy(map.get("clear-alias"));
    if map.contains_key("add") {
        ignored.push("add".to_owned());
    }
    if changes.is_empty() && !ignored.is_empty() {
        return Ok(Compiled::skipped(format!(
            "{} not modelled ({})",
            ignored.join(", "),
            describe(&selector)
        )));
    }
    Ok(Compiled {
        directive: Some(Directive::Command(CommandDirective {
            origin,
            selector,
            action: CommandAction::Modify(Box::new(changes)),
        })),
        ignored: partial_summary(&ignored),
    })
}

fn compile_parameter(
    map: &Mapping,
    set: Option<&Mapping>,
    selector: Selector,
    parameter: Pattern,
    origin: Origin,
) -> Result<Compiled, String> {
    let mut ignored = Vec::new();
    let mut rename = None;
    let mut aliases = Vec::new();
    if let Some(set) = set {
        if let Some(name) = set.get("parameter-name").and_then(truthy_text) {
            rename = Some(Setter::new(Some(&parameter), &name));
        }
        // JS: `hasSpecialChars(alias) ? prevName.replace(paramRegex, alias) : alias`.
        aliases = alias_list(set)?
            .iter()
            .map(|alias| {
                let plain = !alias.is_empty() && alias.bytes().all(|b| b.is_ascii_alphanumeric());
                Setter::new((!plain).then_some(&parameter), alias)
            })
            .collect();
        // Command names are never touched by a parameter directive.
        ignored.extend(unsupported_set_keys(set, &["parameter-name", "alias"]));
    }
    let clear_alias = truthy(map.get("clear-alias"));
    if truthy(map.get("hide")) {
        ignored.push("hide (hidden parameters are not modelled)".to_owned());
    }
    if map.contains_key("add") {
        ignored.push("add".to_owned());
    }
    if rename.is_none() && aliases.is_empty() && !clear_alias && !ignored.is_empty() {
        return Ok(Compiled::skipped(format!(
            "{} not modelled (parameter {})",
            ignored.join(", "),
            parameter.as_str()
        )));
    }
    Ok(Compiled {
        directive: Some(Directive::Parameter(ParameterDirective {
            origin,
            selector,
            parameter,
            rename,
            clear_alias,
            aliases,
        })),
        ignored: partial_summary(&ignored),
    })
}

fn compile_selector(selectors: &Mapping) -> Result<Selector, String> {
    let field = |key: &str| -> Result<Option<Pattern>, String> {
        let Some(value) = selectors.get(key).filter(|v| truthy(Some(v))) else {
            return Ok(None);
        };
        let text = string_value(value, &format!("where.{key}"))?;
        Pattern::selector(&text)
            .map(Some)
            .map_err(|e| format!("where.{key}: {e}"))
    };
    Ok(Selector {
        verb: field("verb")?,
        subject: field("subject")?,
        subject_prefix: field("subject-prefix")?,
        variant: field("variant")?,
        parameter: field("parameter-name")?,
    })
}

fn check_forbidden(selectors: &Mapping, set: Option<&Mapping>) -> Result<(), String> {
    let mut problems: Vec<String> = FORBIDDEN_COMMAND_FILTERS
        .iter()
        .filter(|k| selectors.contains_key(**k))
        .map(|k| format!("cannot filter by {k} when selecting commands"))
        .collect();
    if let Some(set) = set {
        problems.extend(
            FORBIDDEN_COMMAND_SETTERS
                .iter()
                .filter(|k| set.contains_key(**k))
                .map(|k| format!("cannot set {k} when a command is selected")),
        );
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

/// `set.verb`, `set.subject`, `set.variant`: ignored when empty, as in JS (`replacer ? … : old`).
fn command_setter(
    set: &Mapping,
    key: &str,
    pattern: Option<&Pattern>,
) -> Result<Option<Setter>, String> {
    let Some(value) = set.get(key).filter(|v| truthy(Some(v))) else {
        return Ok(None);
    };
    let text = string_value(value, &format!("set.{key}"))?;
    Ok(Some(Setter::new(pattern, &text)))
}

/// `set.alias`: one string or a list of them.
fn alias_list(set: &Mapping) -> Result<Vec<String>, String> {
    match set.get("alias").map(untag) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Sequence(items)) => items
            .iter()
            .map(|item| string_value(item, "set.alias"))
            .collect(),
        Some(value) => Ok(vec![string_value(value, "set.alias")?]),
    }
}

fn unsupported_set_keys(set: &Mapping, supported: &[&str]) -> Vec<String> {
    set.keys()
        .map(key_text)
        .filter(|k| !supported.contains(&k.as_str()))
        .map(|k| format!("set.{k}"))
        .collect()
}

fn partial_summary(ignored: &[String]) -> Option<String> {
    (!ignored.is_empty()).then(|| format!("applied, but ignored {}", ignored.join(", ")))
}

fn no_selector_message() -> String {
    "`where` has no recognised selector (expected verb, subject, subject-prefix, variant or \
     parameter-name)"
        .to_owned()
}

fn transform_summary(map: &Mapping) -> String {
    let from = map.get("from").and_then(scalar_text);
    let place = match map.get("where").map(untag) {
        Some(Value::Mapping(m)) => Some(selector_summary(m)),
        Some(other) => scalar_text(other),
        None => None,
    };
    let kind = if map.contains_key("transform") {
        "transform"
    } else {
        "document directive"
    };
    let parts: Vec<String> = [from, place]
        .into_iter()
        .flatten()
        .map(|part| shorten(&part, 70))
        .collect();
    if parts.is_empty() {
        kind.to_owned()
    } else {
        format!("{kind} on {}", parts.join(" "))
    }
}

fn selector_summary(selectors: &Mapping) -> String {
    selectors
        .iter()
        .map(|(k, v)| {
            let value = scalar_text(v).unwrap_or_else(|| kind(v).to_owned());
            format!("{}: {}", key_text(k), shorten(&value, 50))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn describe(selector: &Selector) -> String {
    let fields = [
        ("verb", &selector.verb),
        ("subject", &selector.subject),
        ("subject-prefix", &selector.subject_prefix),
        ("variant", &selector.variant),
        ("parameter-name", &selector.parameter),
    ];
    let parts: Vec<String> = fields
        .iter()
        .filter_map(|(k, p)| {
            p.as_ref()
                .map(|p| format!("{k}: {}", shorten(p.as_str(), 50)))
        })
        .collect();
    if parts.is_empty() {
        "all commands".to_owned()
    } else {
        parts.join(", ")
    }
}

fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

fn key_list(map: &Mapping) -> String {
    map.keys().map(key_text).collect::<Vec<_>>().join(", ")
}

fn any_truthy(map: &Mapping, keys: &[&str]) -> bool {
    keys.iter().any(|k| truthy(map.get(k)))
}

fn truthy_text(value: &Value) -> Option<String> {
    if truthy(Some(value)) {
        scalar_text(value)
    } else {
        None
    }
}

fn string_value(value: &Value, what: &str) -> Result<String, String> {
    scalar_text(value).ok_or_else(|| format!("{what} must be a string, found {}", kind(value)))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn origin(index: usize) -> Origin {
        Origin {
            file: PathBuf::from("test.md"),
            index,
            line: None,
        }
    }

    /// Identity.SignIns.md has `where-operation-id` + `remove: <json path>`: an OpenAPI edit the
    /// command stage never sees. It is skipped with a note, not fatal.
    #[test]
    fn other_stage_selectors_are_skipped() {
        let value: Value = serde_yaml::from_str(
            "where-operation-id: policy_UpdateClaimsMappingPolicy\nremove: $.responses[\"2XX\"].content\n",
        )
        .expect("test YAML");
        let compiled = compile(&value, origin(9)).expect("not an error");
        assert!(compiled.directive.is_none());
        let note = compiled.ignored.expect("listed as skipped");
        assert!(note.contains("where-operation-id"), "{note}");
        let bare: Value = serde_yaml::from_str("remove: true\n").expect("test YAML");
        assert!(
            compile(&bare, origin(0)).is_err(),
            "an action with no selector at all is refused"
        );
    }

    #[test]
    fn bad_regex_is_an_error_naming_the_field() {
        let value: Value =
            serde_yaml::from_str("where: {subject: '^(Foo'}\nset: {subject: x}").unwrap();
        let err = compile(&value, origin(0)).unwrap_err();
        assert!(err.contains("where.subject"), "{err}");
        assert!(err.contains("^(Foo"), "{err}");
    }

    #[test]
    fn classification_of_unsupported_directives() {
        let compile_one = |yaml: &str| {
            let value: Value = serde_yaml::from_str(yaml).unwrap();
            compile(&value, origin(0))
        };
        let c = compile_one("from: openapi-document\nwhere: $.components.schemas\ntransform: x")
            .unwrap();
        assert!(c.directive.is_none());
        assert_eq!(
            c.ignored.as_deref(),
            Some("transform on openapi-document $.components.schemas")
        );
        let c = compile_one("no-inline: [A, B]").unwrap();
        assert!(c.directive.is_none());
        let c = compile_one("where: {model-name: Foo}\nset: {model-name: Bar}").unwrap();
        assert!(c.directive.is_none());
        let c =
            compile_one("where: {parameter-name: ConsistencyLevel}\nset: {completer: {name: x}}")
                .unwrap();
        assert!(c.directive.is_none());
        assert!(c.ignored.unwrap().contains("set.completer"));
        let c =
            compile_one("where: {verb: Get}\nset: {verb: Find, command-description: d}").unwrap();
        assert!(c.directive.is_some());
        assert!(c.ignored.unwrap().contains("set.command-description"));
        // Errors.
        assert!(compile_one("- a\n- b").is_err());
        assert!(compile_one("where: {foo: bar}\nset: {subject: x}").is_err());
        assert!(compile_one("where: {verb: Get, model-name: X}\nset: {verb: x}").is_err());
        assert!(compile_one("set: {subject: x}").is_err());
    }
}
