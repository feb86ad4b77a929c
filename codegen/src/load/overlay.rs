//! OpenAPI Overlay 1.0: our additions to an upstream module spec (permissions, national clouds,
//! repeatable) kept in a file of their own, so the spec itself can stay as Microsoft ships it.
//!
//! Targets are RFC 9535 JSONPath, evaluated by `serde_json_path` on a JSON view of the document;
//! the changes are made on the YAML value itself, which keeps the document's key order (the
//! order of paths decides the order of operations, and so the SDK's names).
//!
//! `update` on an object merges: keys of the update that hold objects on both sides merge
//! recursively, every other key is set (replacing what was there, new keys go last). `update`
//! on an array appends the update as one entry. `remove: true` deletes the targeted nodes.
//! A target that matches nothing is an error: an addition that silently does not land would
//! change the generated documentation without anyone noticing.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json_path::{JsonPath, PathElement};
use serde_yaml::Value;

use crate::error::{Error, Result};

/// A parsed overlay document and the file it came from.
#[derive(Debug, Clone)]
pub struct Overlay {
    pub path: PathBuf,
    actions: Vec<Action>,
    /// The document as read, to write a reduced copy of it ([`Overlay::restricted_to`]).
    source: Value,
}

/// Unknown keys are refused (a misspelt `udpate` would drop an addition), except the `x-`
/// extensions the format allows everywhere; they are collected here and checked.
type Extensions = serde_yaml::Mapping;

#[derive(Debug, Clone, Deserialize)]
struct Document {
    overlay: String,
    info: Info,
    #[serde(default)]
    extends: Option<String>,
    actions: Vec<Action>,
    #[serde(flatten)]
    extensions: Extensions,
}

#[derive(Debug, Clone, Deserialize)]
struct Info {
    #[allow(dead_code)] // required by the format; not used further
    title: String,
    #[allow(dead_code)] // required by the format; not used further
    version: String,
    #[serde(flatten)]
    extensions: Extensions,
}

#[derive(Debug, Clone, Deserialize)]
struct Action {
    target: String,
    #[serde(default)]
    #[allow(dead_code)] // documentation of the action for its readers
    description: Option<String>,
    #[serde(default)]
    update: Option<Value>,
    #[serde(default)]
    remove: bool,
    #[serde(flatten)]
    extensions: Extensions,
}

/// The first key of `extensions` that is not an `x-` extension.
fn unknown_key(extensions: &Extensions) -> Option<String> {
    extensions.keys().find_map(|key| match key.as_str() {
        Some(name) if name.starts_with("x-") => None,
        Some(name) => Some(name.to_owned()),
        None => Some(format!("{key:?}")),
    })
}

/// One step of a normalized path, owned so the document can be changed while steps are held.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Name(String),
    Index(usize),
}

impl Overlay {
    /// Reads and checks an overlay file.
    pub fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(path, &text)
    }

    /// Parses an overlay document; `path` names it in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Self> {
        let yaml_error = |source| Error::Yaml {
            path: path.to_owned(),
            source,
        };
        let source: Value = serde_yaml::from_str(text).map_err(yaml_error)?;
        let document: Document = serde_yaml::from_value(source.clone()).map_err(yaml_error)?;
        let refuse = |location: String, message: String| Error::Config {
            path: path.to_owned(),
            location,
            message,
        };
        if !document.overlay.starts_with("1.") {
            return Err(refuse(
                "overlay".into(),
                format!(
                    "version `{}` is not supported (OpenAPI Overlay 1.x is)",
                    document.overlay
                ),
            ));
        }
        let _ = document.extends;
        for (location, extensions) in [
            ("document", &document.extensions),
            ("info", &document.info.extensions),
        ] {
            if let Some(key) = unknown_key(extensions) {
                return Err(refuse(location.into(), format!("unknown field `{key}`")));
            }
        }
        for (index, action) in document.actions.iter().enumerate() {
            let location = format!("actions[{index}]");
            if let Some(key) = unknown_key(&action.extensions) {
                return Err(refuse(location, format!("unknown field `{key}`")));
            }
            if let Err(error) = JsonPath::parse(&action.target) {
                return Err(refuse(
                    format!("{location}.target"),
                    format!("`{}` is not a JSONPath: {error}", action.target),
                ));
            }
            match (&action.update, action.remove) {
                (Some(_), true) => {
                    return Err(refuse(
                        location,
                        "gives both `update` and `remove: true`; split it into two actions".into(),
                    ));
                }
                (None, false) => {
                    return Err(refuse(
                        location,
                        "gives neither `update` nor `remove: true`".into(),
                    ));
                }
                _ => {}
            }
        }
        Ok(Self {
            path: path.to_owned(),
            actions: document.actions,
            source,
        })
    }

    /// Applies every action, in order, to the document read from `spec_path`.
    pub fn apply(&self, spec_path: &Path, document: &mut Value) -> Result<()> {
        let mut json = json_view(spec_path, document)?;
        for index in 0..self.actions.len() {
            self.apply_action(index, spec_path, document, &mut json, true)?;
        }
        Ok(())
    }

    /// The text of this overlay keeping only the actions whose targets match in `spec` (a spec
    /// trimmed to some cmdlets: additions for the operations cut away go with them).
    pub fn restricted_to(&self, spec_path: &Path, spec_text: &str) -> Result<String> {
        let mut document: Value =
            serde_yaml::from_str(spec_text).map_err(|source| Error::Yaml {
                path: spec_path.to_owned(),
                source,
            })?;
        let mut json = json_view(spec_path, &document)?;
        let mut kept = Vec::new();
        for index in 0..self.actions.len() {
            if self.apply_action(index, spec_path, &mut document, &mut json, false)? {
                kept.push(index);
            }
        }
        let mut source = self.source.clone();
        if let Some(Value::Sequence(actions)) = source.get_mut("actions") {
            let all = std::mem::take(actions);
            actions.extend(
                all.into_iter()
                    .enumerate()
                    .filter(|(index, _)| kept.contains(index))
                    .map(|(_, action)| action),
            );
        }
        serde_yaml::to_string(&source).map_err(|source| Error::Yaml {
            path: self.path.clone(),
            source,
        })
    }

    /// Applies action `index` to `document` and keeps `json`, its JSON view, in step; whether
    /// the target matched. With `required`, matching nothing is an error.
    fn apply_action(
        &self,
        index: usize,
        spec_path: &Path,
        document: &mut Value,
        json: &mut serde_json::Value,
        required: bool,
    ) -> Result<bool> {
        let action = &self.actions[index];
        let refuse = |message: String| Error::Config {
            path: self.path.clone(),
            location: format!("actions[{index}]"),
            message,
        };
        let target = JsonPath::parse(&action.target)
            .map_err(|error| refuse(format!("`{}`: {error}", action.target)))?;
        let mut locations: Vec<Vec<Step>> = target
            .query_located(json)
            .locations()
            .map(|location| location.iter().map(Step::from).collect())
            .collect();
        if locations.is_empty() {
            if !required {
                return Ok(false);
            }
            return Err(refuse(format!(
                "target `{}` matches nothing in {}",
                action.target,
                spec_path.display()
            )));
        }
        match &action.update {
            Some(update) => {
                for location in &locations {
                    let node = node_at(document, location).ok_or_else(|| {
                        refuse(format!("`{}` vanished while applying", action.target))
                    })?;
                    update_node(node, update).map_err(|message| {
                        refuse(format!("target `{}`: {message}", action.target))
                    })?;
                    let fresh = serde_json::to_value(&*node)
                        .map_err(|error| refuse(format!("the updated node: {error}")))?;
                    if let Some(slot) = json_at(json, location) {
                        *slot = fresh;
                    }
                }
            }
            None => {
                // Last first, so removing an array entry does not shift the ones still to go.
                locations.sort();
                for location in locations.iter().rev() {
                    remove_node(document, location).map_err(|message| {
                        refuse(format!("target `{}`: {message}", action.target))
                    })?;
                    json_remove(json, location);
                }
            }
        }
        Ok(true)
    }
}

/// The document as JSON, which the targets are evaluated on. Made once per application and
/// then changed along with the YAML (converting a whole Graph spec per action is slow).
fn json_view(spec_path: &Path, document: &Value) -> Result<serde_json::Value> {
    serde_json::to_value(document).map_err(|error| Error::Spec {
        path: spec_path.to_owned(),
        location: "document".into(),
        message: format!("cannot be viewed as JSON to evaluate overlay targets: {error}"),
    })
}

fn json_at<'v>(
    json: &'v mut serde_json::Value,
    location: &[Step],
) -> Option<&'v mut serde_json::Value> {
    location
        .iter()
        .try_fold(json, |node, step| match (node, step) {
            (serde_json::Value::Object(map), Step::Name(name)) => map.get_mut(name),
            (serde_json::Value::Array(items), Step::Index(index)) => items.get_mut(*index),
            _ => None,
        })
}

fn json_remove(json: &mut serde_json::Value, location: &[Step]) {
    let Some((last, parent)) = location.split_last() else {
        return;
    };
    match (json_at(json, parent), last) {
        (Some(serde_json::Value::Object(map)), Step::Name(name)) => {
            map.remove(name);
        }
        (Some(serde_json::Value::Array(items)), Step::Index(index)) if *index < items.len() => {
            items.remove(*index);
        }
        _ => {}
    }
}

impl From<&PathElement<'_>> for Step {
    fn from(element: &PathElement<'_>) -> Self {
        match element {
            PathElement::Name(name) => Step::Name((*name).to_owned()),
            PathElement::Index(index) => Step::Index(*index),
        }
    }
}

/// How a YAML key reads as a JSON object key (YAML allows `200:` as a number).
fn key_text(key: &Value) -> Option<String> {
    match key {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

fn child<'v>(node: &'v mut Value, step: &Step) -> Option<&'v mut Value> {
    match (node, step) {
        (Value::Mapping(map), Step::Name(name)) => map
            .iter_mut()
            .find(|(key, _)| key_text(key).as_deref() == Some(name))
            .map(|(_, value)| value),
        (Value::Sequence(items), Step::Index(index)) => items.get_mut(*index),
        (Value::Tagged(tagged), step) => child(&mut tagged.value, step),
        _ => None,
    }
}

fn node_at<'v>(document: &'v mut Value, location: &[Step]) -> Option<&'v mut Value> {
    location
        .iter()
        .try_fold(document, |node, step| child(node, step))
}

fn update_node(node: &mut Value, update: &Value) -> std::result::Result<(), String> {
    match node {
        Value::Mapping(_) => {
            if !matches!(update, Value::Mapping(_)) {
                return Err("selects an object, so `update` must be an object".into());
            }
            merge(node, update);
            Ok(())
        }
        Value::Sequence(items) => {
            items.push(update.clone());
            Ok(())
        }
        _ => Err("selects a scalar; target the object that holds it".into()),
    }
}

/// Objects merge key by key; anything else is replaced by the update.
fn merge(node: &mut Value, update: &Value) {
    match (node, update) {
        (Value::Mapping(target), Value::Mapping(changes)) => {
            for (key, change) in changes {
                match target.get_mut(key) {
                    Some(existing @ Value::Mapping(_)) if change.is_mapping() => {
                        merge(existing, change);
                    }
                    _ => {
                        target.insert(key.clone(), change.clone());
                    }
                }
            }
        }
        (node, update) => *node = update.clone(),
    }
}

fn remove_node(document: &mut Value, location: &[Step]) -> std::result::Result<(), String> {
    let Some((last, parent)) = location.split_last() else {
        return Err("selects the whole document, which cannot be removed".into());
    };
    let parent = node_at(document, parent).ok_or("the parent vanished while applying")?;
    match (parent, last) {
        (Value::Mapping(map), Step::Name(name)) => {
            map.retain(|key, _| key_text(key).as_deref() != Some(name));
            Ok(())
        }
        (Value::Sequence(items), Step::Index(index)) if *index < items.len() => {
            items.remove(*index);
            Ok(())
        }
        _ => Err("the selected node vanished while applying".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overlay(actions: &str) -> Result<Overlay> {
        Overlay::parse(
            Path::new("x.overlay.yml"),
            &format!("overlay: 1.0.0\ninfo: {{title: t, version: '1'}}\nactions:\n{actions}"),
        )
    }

    fn spec() -> Value {
        serde_yaml::from_str(
            "paths:\n  '/users/{user-id}/b':\n    post: {operationId: b, tags: [x]}\n  '/users/{user-id}/a':\n    post: {operationId: a}\nresponses:\n  200: {description: ok}\n",
        )
        .unwrap()
    }

    fn applied(actions: &str) -> Result<Value> {
        let mut document = spec();
        overlay(actions)?.apply(Path::new("s.yml"), &mut document)?;
        Ok(document)
    }

    #[test]
    fn update_merges_into_the_targeted_object_and_keeps_key_order() {
        let document = applied(
            "  - target: \"$.paths['/users/{user-id}/a'].post\"\n    update: {x-graph-repeatable: true, operationId: a2}\n",
        )
        .unwrap();
        let text = serde_yaml::to_string(&document).unwrap();
        assert!(
            text.find("/users/{user-id}/b").unwrap() < text.find("/users/{user-id}/a").unwrap(),
            "{text}"
        );
        let post = &document["paths"]["/users/{user-id}/a"]["post"];
        assert_eq!(post["x-graph-repeatable"], Value::Bool(true));
        assert_eq!(post["operationId"], Value::String("a2".into()));
    }

    #[test]
    fn update_merges_nested_objects_and_appends_to_arrays() {
        let document = applied(
            "  - target: $.paths.*.post\n    update: {extra: {one: 1}}\n  - target: $.paths.*.post\n    update: {extra: {two: 2}}\n  - target: $.paths['/users/{user-id}/b'].post.tags\n    update: y\n",
        )
        .unwrap();
        for path in ["/users/{user-id}/a", "/users/{user-id}/b"] {
            let extra = &document["paths"][path]["post"]["extra"];
            assert_eq!(extra["one"], Value::from(1), "{path}");
            assert_eq!(extra["two"], Value::from(2), "{path}");
        }
        let tags = &document["paths"]["/users/{user-id}/b"]["post"]["tags"];
        assert_eq!(tags, &serde_yaml::from_str::<Value>("[x, y]").unwrap());
    }

    #[test]
    fn remove_deletes_every_match_and_numeric_keys_are_reachable() {
        let document =
            applied("  - target: $.paths.*.post.tags[0]\n    remove: true\n  - target: $.responses['200']\n    remove: true\n")
                .unwrap();
        assert_eq!(
            document["paths"]["/users/{user-id}/b"]["post"]["tags"],
            Value::Sequence(vec![])
        );
        assert!(document["responses"].as_mapping().unwrap().is_empty());
    }

    #[test]
    fn a_target_matching_nothing_names_the_file_and_the_action() {
        let error = applied(
            "  - target: $.paths.*.post\n    update: {a: 1}\n  - target: \"$.paths['/nope'].post\"\n    update: {a: 1}\n",
        )
        .unwrap_err()
        .to_string();
        assert!(error.starts_with("x.overlay.yml: actions[1]:"), "{error}");
        assert!(error.contains("matches nothing in s.yml"), "{error}");
    }

    #[test]
    fn each_action_sees_what_the_earlier_ones_did() {
        let document = applied(
            "  - target: \"$.paths['/users/{user-id}/a'].post\"\n    update: {x-new: {}}\n  - target: \"$.paths.*.post['x-new']\"\n    update: {k: 1}\n",
        )
        .unwrap();
        assert_eq!(
            document["paths"]["/users/{user-id}/a"]["post"]["x-new"]["k"],
            Value::from(1)
        );
        let error = applied(
            "  - target: $.paths.*.post.tags[0]\n    remove: true\n  - target: $.paths.*.post.tags[0]\n    update: {a: 1}\n",
        )
        .unwrap_err()
        .to_string();
        assert!(error.contains("actions[1]: target"), "{error}");
    }

    #[test]
    fn restricted_to_keeps_the_actions_that_still_match() {
        let overlay = overlay(
            "  - target: \"$.paths['/users/{user-id}/a'].post\"\n    update: {x-a: 1}\n  - target: \"$.paths['/users/{user-id}/gone'].post\"\n    update: {x-b: 1}\n",
        )
        .unwrap();
        let text = serde_yaml::to_string(&spec()).unwrap();
        let kept = overlay.restricted_to(Path::new("s.yml"), &text).unwrap();
        let kept = Overlay::parse(Path::new("kept.yml"), &kept).unwrap();
        assert_eq!(kept.actions.len(), 1);
        assert_eq!(kept.actions[0].target, "$.paths['/users/{user-id}/a'].post");
        let mut document = spec();
        kept.apply(Path::new("s.yml"), &mut document).unwrap();
    }

    #[test]
    fn extensions_are_allowed_and_other_unknown_keys_refused() {
        let document =
            applied("  - target: $.paths.*.post\n    x-note: ours\n    update: {a: 1}\n").unwrap();
        assert_eq!(
            document["paths"]["/users/{user-id}/a"]["post"]["a"],
            Value::from(1)
        );
        let error = overlay("  - target: $.paths.*.post\n    udpate: {a: 1}\n")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("actions[0]: unknown field `udpate`"),
            "{error}"
        );
        let error = Overlay::parse(
            Path::new("o.yml"),
            "overlay: 1.0.0\ninfo: {title: t, version: '1', x-a: 1, summary: s}\nactions: []\n",
        )
        .unwrap_err()
        .to_string();
        assert!(error.contains("info: unknown field `summary`"), "{error}");
    }

    #[test]
    fn malformed_overlays_are_refused_with_the_place() {
        let error = overlay("  - target: $.paths[\n    update: {}\n")
            .unwrap_err()
            .to_string();
        assert!(error.contains("actions[0].target"), "{error}");
        let error = overlay("  - target: $.paths\n").unwrap_err().to_string();
        assert!(error.contains("neither `update` nor `remove"), "{error}");
        let error = overlay("  - target: $.paths\n    update: {}\n    remove: true\n")
            .unwrap_err()
            .to_string();
        assert!(error.contains("both `update` and `remove"), "{error}");
        let error = Overlay::parse(
            Path::new("o.yml"),
            "overlay: 2.0.0\ninfo: {title: t, version: '1'}\nactions: []\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            error.contains("version `2.0.0` is not supported"),
            "{error}"
        );
        let error = applied("  - target: $.paths.*.post.operationId\n    update: {a: 1}\n")
            .unwrap_err()
            .to_string();
        assert!(error.contains("selects a scalar"), "{error}");
    }
}
