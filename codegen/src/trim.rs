//! `codegen trim`: cuts a module spec down to the cmdlets a user names. The named cmdlets are
//! found through the whole pipeline (so SDK names and aliases both work), then the spec keeps
//! the path items of their operations and exactly the components those reach, in the order
//! and wording Microsoft wrote them. Everything else is dropped, so a trimmed spec can be made
//! again from each new SDK release in one command.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use serde_yaml::{Mapping, Value};

use crate::error::{Error, Result};
use crate::model::Module;

/// The HTTP method keys of an OpenAPI path item.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Component kinds kept only as far as the kept operations reach them. Other kinds
/// (`securitySchemes`, named by the top-level `security` rather than by `$ref`) stay whole.
const REACHED_KINDS: [&str; 7] = [
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "links",
];

/// What the user asked for, resolved against a module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// The cmdlets' SDK names (an alias given is replaced by its cmdlet), sorted.
    pub cmdlets: Vec<String>,
    /// Every operationId those cmdlets call, sorted.
    pub operation_ids: BTreeSet<String>,
}

/// Finds each name among the module's cmdlets and aliases (case-insensitively, as PowerShell
/// does). An unknown name is an error that suggests the closest ones.
pub fn select(module: &Module, names: &[String]) -> Result<Selection> {
    if names.is_empty() {
        return Err(Error::Naming {
            location: "trim".into(),
            message: "no cmdlet named: give --cmdlet NAME (repeatable) or --cmdlets FILE".into(),
        });
    }
    let mut cmdlets = BTreeSet::new();
    let mut operation_ids = BTreeSet::new();
    for name in names {
        let wanted = name.trim();
        let found = module.cmdlets.iter().find(|cmdlet| {
            cmdlet.name.eq_ignore_ascii_case(wanted)
                || cmdlet
                    .aliases
                    .iter()
                    .any(|a| a.eq_ignore_ascii_case(wanted))
        });
        let Some(cmdlet) = found else {
            return Err(Error::Naming {
                location: format!("cmdlet {wanted}"),
                message: format!(
                    "not a cmdlet or alias of {} {}{}",
                    module.service_name,
                    module.api_version,
                    suggestions(module, wanted)
                ),
            });
        };
        cmdlets.insert(cmdlet.name.clone());
        for set in &cmdlet.parameter_sets {
            operation_ids.insert(module.operations[set.operation].operation_id.clone());
        }
    }
    Ok(Selection {
        cmdlets: cmdlets.into_iter().collect(),
        operation_ids,
    })
}

/// "; did you mean A, B or C?" for the three names closest to `wanted`.
fn suggestions(module: &Module, wanted: &str) -> String {
    let wanted = wanted.to_ascii_lowercase();
    let mut scored: Vec<(f64, &str)> = module
        .cmdlets
        .iter()
        .flat_map(|cmdlet| std::iter::once(&cmdlet.name).chain(&cmdlet.aliases))
        .map(|name| {
            let score = strsim::jaro_winkler(&wanted, &name.to_ascii_lowercase());
            (score, name.as_str())
        })
        .filter(|(score, _)| *score > 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let names: Vec<&str> = scored.iter().take(3).map(|(_, name)| *name).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => format!("; did you mean {one}?"),
        [rest @ .., last] => format!("; did you mean {} or {last}?", rest.join(", ")),
    }
}

/// The spec's text with only the operations in `keep` and the components they reach.
pub fn trim_spec(path: &Path, text: &str, keep: &BTreeSet<String>) -> Result<String> {
    let refuse = |location: &str, message: String| Error::Spec {
        path: path.to_owned(),
        location: location.to_owned(),
        message,
    };
    let mut document: Value = serde_yaml::from_str(text).map_err(|source| Error::Yaml {
        path: path.to_owned(),
        source,
    })?;
    let root = document
        .as_mapping_mut()
        .ok_or_else(|| refuse("document", "not a YAML mapping".into()))?;

    let mut found = HashSet::new();
    let mut used_tags = HashSet::new();
    let paths = root
        .get_mut("paths")
        .and_then(Value::as_mapping_mut)
        .ok_or_else(|| refuse("paths", "missing or not a mapping".into()))?;
    paths.retain(|_, item| {
        let Some(item) = item.as_mapping_mut() else {
            return false;
        };
        item.retain(|key, operation| {
            let Some(method) = key.as_str().filter(|k| METHODS.contains(k)) else {
                return true;
            };
            let id = operation.get("operationId").and_then(Value::as_str);
            let kept = id.is_some_and(|id| keep.contains(id));
            if kept {
                found.insert(id.unwrap_or_default().to_owned());
                for tag in operation
                    .get("tags")
                    .and_then(Value::as_sequence)
                    .into_iter()
                    .flatten()
                {
                    used_tags.insert(tag.clone());
                }
            }
            let _ = method;
            kept
        });
        item.keys()
            .any(|key| key.as_str().is_some_and(|k| METHODS.contains(&k)))
    });
    if let Some(missing) = keep.iter().find(|id| !found.contains(*id)) {
        return Err(refuse(
            "paths",
            format!("operationId `{missing}` is not in the spec"),
        ));
    }

    // Every `$ref` the kept paths reach, followed through the components transitively.
    let mut reached: BTreeSet<(String, String)> = BTreeSet::new();
    let mut pending: Vec<String> = Vec::new();
    collect_refs(&root["paths"], &mut pending);
    let components = root.get("components").cloned().unwrap_or(Value::Null);
    while let Some(reference) = pending.pop() {
        let (kind, name) = component_of(&reference).ok_or_else(|| {
            refuse(
                "components",
                format!("`$ref: {reference}` is not a reference to a component of this document"),
            )
        })?;
        if !reached.insert((kind.clone(), name.clone())) {
            continue;
        }
        let target = components
            .get(kind.as_str())
            .and_then(|of_kind| of_kind.get(name.as_str()))
            .ok_or_else(|| {
                refuse(
                    &format!("components.{kind}"),
                    format!("`$ref: {reference}` points at nothing"),
                )
            })?;
        collect_refs(target, &mut pending);
    }

    if let Some(components) = root.get_mut("components").and_then(Value::as_mapping_mut) {
        for (kind, of_kind) in components.iter_mut() {
            let Some(kind) = kind.as_str().filter(|k| REACHED_KINDS.contains(k)) else {
                continue;
            };
            if let Some(of_kind) = of_kind.as_mapping_mut() {
                of_kind.retain(|name, _| {
                    name.as_str()
                        .is_some_and(|name| reached.contains(&(kind.to_owned(), name.to_owned())))
                });
            }
        }
        components.retain(|_, of_kind| !matches!(of_kind, Value::Mapping(m) if m.is_empty()));
    }
    if let Some(tags) = root.get_mut("tags").and_then(Value::as_sequence_mut) {
        tags.retain(|tag| tag.get("name").is_some_and(|name| used_tags.contains(name)));
    }
    let mut text = serde_yaml::to_string(&document).map_err(|source| Error::Yaml {
        path: path.to_owned(),
        source,
    })?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

/// Every `$ref` string under `value`, and the targets of discriminator mappings (which name
/// derived types by reference without a `$ref` key).
fn collect_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Mapping(mapping) => {
            for (key, child) in mapping {
                match (key.as_str(), child) {
                    (Some("$ref"), Value::String(reference)) => out.push(reference.clone()),
                    (Some("discriminator"), Value::Mapping(discriminator)) => {
                        if let Some(Value::Mapping(targets)) = discriminator.get("mapping") {
                            out.extend(
                                targets
                                    .values()
                                    .filter_map(Value::as_str)
                                    .map(str::to_owned),
                            );
                        }
                    }
                    _ => collect_refs(child, out),
                }
            }
        }
        Value::Sequence(items) => items.iter().for_each(|item| collect_refs(item, out)),
        Value::Tagged(tagged) => collect_refs(&tagged.value, out),
        _ => {}
    }
}

/// `#/components/schemas/microsoft.graph.user` → (`schemas`, `microsoft.graph.user`), with
/// JSON-pointer escapes (`~1` for `/`, `~0` for `~`) undone.
fn component_of(reference: &str) -> Option<(String, String)> {
    let rest = reference.strip_prefix("#/components/")?;
    let (kind, name) = rest.split_once('/')?;
    if name.contains('/') {
        return None;
    }
    let unescape = |part: &str| part.replace("~1", "/").replace("~0", "~");
    Some((unescape(kind), unescape(name)))
}

/// The manifest of a trimmed module: its spec, overlay and configuration files side by side.
pub fn manifest_text(
    rust_module: &str,
    spec_file: &str,
    overlay_file: Option<&str>,
    config_files: &[String],
) -> String {
    let mut document = Mapping::new();
    let mut module = Mapping::new();
    module.insert("rust_module".into(), rust_module.into());
    module.insert("spec".into(), spec_file.into());
    if let Some(overlay) = overlay_file {
        module.insert("overlay".into(), overlay.into());
    }
    module.insert(
        "configs".into(),
        Value::Sequence(config_files.iter().map(|f| f.as_str().into()).collect()),
    );
    document.insert(
        "modules".into(),
        Value::Sequence(vec![Value::Mapping(module)]),
    );
    let body = serde_yaml::to_string(&document).unwrap_or_default();
    format!(
        "# Written by `codegen trim`: the trimmed spec and the configuration it was named with.\n{body}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = r##"
openapi: 3.0.1
info: {title: T, version: v1.0}
servers: [{url: 'https://graph.microsoft.com/v1.0/'}]
tags: [{name: a}, {name: b}]
paths:
  /a:
    parameters: [{$ref: '#/components/parameters/top'}]
    post:
      operationId: a_do
      tags: [a]
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Base'}}}}
      responses: {'204': {description: ok}}
  /b:
    get:
      operationId: b_get
      tags: [b]
      responses: {'200': {$ref: '#/components/responses/bResponse'}}
components:
  schemas:
    Base:
      type: object
      discriminator: {propertyName: '@odata.type', mapping: {'#d': '#/components/schemas/Derived'}}
      properties: {self: {$ref: '#/components/schemas/Base'}}
    Derived: {allOf: [{$ref: '#/components/schemas/Base'}]}
    Unused: {type: string}
  responses:
    bResponse: {description: b, content: {application/json: {schema: {$ref: '#/components/schemas/Unused'}}}}
  parameters:
    top: {name: top, in: query, schema: {type: integer}}
  securitySchemes:
    azureaadv2: {type: oauth2}
"##;

    fn keep(ids: &[&str]) -> BTreeSet<String> {
        ids.iter().map(|id| (*id).to_owned()).collect()
    }

    #[test]
    fn keeps_the_named_operations_and_exactly_what_they_reach() {
        let text = trim_spec(Path::new("t.yml"), SPEC, &keep(&["a_do"])).unwrap();
        let value: Value = serde_yaml::from_str(&text).unwrap();
        assert!(value["paths"].get("/b").is_none(), "{text}");
        assert!(value["paths"]["/a"].get("parameters").is_some());
        let schemas = value["components"]["schemas"].as_mapping().unwrap();
        let names: Vec<&str> = schemas.keys().filter_map(Value::as_str).collect();
        // Derived is reached only through the discriminator mapping; Unused not at all.
        assert_eq!(names, ["Base", "Derived"]);
        assert!(value["components"].get("responses").is_none());
        assert!(
            value["components"]["securitySchemes"]
                .get("azureaadv2")
                .is_some()
        );
        assert_eq!(value["tags"].as_sequence().unwrap().len(), 1);
        // Trimming the trimmed text again changes nothing.
        assert_eq!(
            trim_spec(Path::new("t.yml"), &text, &keep(&["a_do"])).unwrap(),
            text
        );
    }

    #[test]
    fn an_operation_the_spec_lacks_and_a_dangling_ref_are_errors() {
        let error = trim_spec(Path::new("t.yml"), SPEC, &keep(&["zzz"])).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("operationId `zzz` is not in the spec"),
            "{error}"
        );
        let dangling = SPEC.replace(
            "'#/components/schemas/Unused'",
            "'#/components/schemas/Gone'",
        );
        let error = trim_spec(Path::new("t.yml"), &dangling, &keep(&["b_get"])).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("#/components/schemas/Gone` points at nothing"),
            "{error}"
        );
    }
}
