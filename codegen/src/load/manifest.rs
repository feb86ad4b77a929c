//! The manifest (`spec/modules.yml`): which module specs a crate is generated from, each with
//! its configuration files in application order, the Rust module it becomes and, optionally,
//! the operations to keep. It is the only place that names spec files.

use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

/// The parsed manifest. Paths stay as written, relative to the manifest's folder.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub modules: Vec<ManifestModule>,
}

/// One module version of the crate.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestModule {
    /// The Rust module the generated code is included as, e.g. `v1_0`.
    pub rust_module: String,
    /// One line of rustdoc for that module.
    #[serde(default)]
    pub doc: Option<String>,
    /// The OpenAPI module spec, as Microsoft ships it or trimmed.
    pub spec: String,
    /// Our additions to the spec's text (OpenAPI Overlay 1.0), applied by the loader.
    #[serde(default)]
    pub overlay: Option<String>,
    /// AutoRest configuration files, applied in this order (version readme, module file,
    /// global readme, as the SDK does).
    pub configs: Vec<String>,
    /// Keep only these operationIds (all when absent).
    #[serde(default)]
    pub operations: Option<Vec<String>>,
}

impl ManifestModule {
    /// Every file this module is generated from, relative to the manifest's folder.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.spec.as_str())
            .chain(self.overlay.as_deref())
            .chain(self.configs.iter().map(String::as_str))
    }

    /// The name of the generated file, `<rust_module>.rs`.
    pub fn output_file(&self) -> String {
        format!("{}.rs", self.rust_module)
    }
}

/// Parses the manifest's text; `path` names it in errors.
pub fn parse_manifest(path: &Path, text: &str) -> Result<Manifest> {
    let manifest: Manifest = super::depth::from_yaml(path, text)?;
    let refuse = |location: String, message: String| Error::Config {
        path: path.to_owned(),
        location,
        message,
    };
    if manifest.modules.is_empty() {
        return Err(refuse("modules".into(), "lists no module".into()));
    }
    let mut seen: Vec<&str> = Vec::new();
    for (index, module) in manifest.modules.iter().enumerate() {
        let location = format!("modules[{index}]");
        let name = module.rust_module.as_str();
        let spellable = name.starts_with(|c: char| c.is_ascii_lowercase())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !spellable || is_reserved_module(name) {
            return Err(refuse(
                format!("{location}.rust_module"),
                format!(
                    "`{name}` cannot be a Rust module name (lower-case ASCII letters, digits, `_`)"
                ),
            ));
        }
        if seen.contains(&name) {
            return Err(refuse(
                format!("{location}.rust_module"),
                format!("`{name}` is given to two modules"),
            ));
        }
        seen.push(name);
        if module.configs.is_empty() {
            return Err(refuse(
                format!("{location}.configs"),
                "lists no configuration file (the SDK's version readme sets at least the prefix)"
                    .into(),
            ));
        }
        if module.operations.as_ref().is_some_and(Vec::is_empty) {
            return Err(refuse(
                format!("{location}.operations"),
                "an empty filter would keep no operation; leave it out to keep them all".into(),
            ));
        }
        for file in module.files() {
            if file.trim().is_empty() {
                return Err(refuse(location.clone(), "an empty file name".into()));
            }
        }
    }
    Ok(manifest)
}

/// Reads and parses a manifest from disk.
pub fn read_manifest(path: &Path) -> Result<Manifest> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    parse_manifest(path, &text)
}

/// `file` of the manifest in `folder`, with `.` and `..` folded so messages show a clean path.
pub fn resolve(folder: &Path, file: &str) -> PathBuf {
    let mut resolved = PathBuf::new();
    for component in folder.join(file).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if resolved.file_name().is_some() => {
                resolved.pop();
            }
            other => resolved.push(other),
        }
    }
    resolved
}

/// Names the crate already uses next to the generated modules, and Rust keywords (which `syn`
/// refuses as identifiers).
fn is_reserved_module(name: &str) -> bool {
    matches!(
        name,
        "set" | "support" | "crate" | "self" | "super" | "std" | "core" | "alloc"
    ) || syn::parse_str::<syn::Ident>(name).is_err()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Manifest> {
        parse_manifest(Path::new("modules.yml"), text)
    }

    #[test]
    fn reads_modules_in_order() {
        let manifest = parse(
            "modules:\n  - rust_module: v1_0\n    spec: a.yml\n    configs: [a.config.yml, shared.yml]\n  - rust_module: beta\n    spec: b.yml\n    configs: [b.config.yml]\n    operations: [user_revokeSignInSession]\n",
        )
        .unwrap();
        assert_eq!(manifest.modules.len(), 2);
        assert_eq!(
            manifest.modules[0].files().collect::<Vec<_>>(),
            ["a.yml", "a.config.yml", "shared.yml"]
        );
        assert_eq!(manifest.modules[1].output_file(), "beta.rs");
    }

    #[test]
    fn refuses_bad_module_names_and_duplicates() {
        let error = parse("modules:\n  - rust_module: Beta\n    spec: b.yml\n    configs: [c]\n")
            .unwrap_err()
            .to_string();
        assert!(error.contains("modules[0].rust_module"), "{error}");
        let error = parse("modules:\n  - rust_module: fn\n    spec: b.yml\n    configs: [c]\n")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("`fn` cannot be a Rust module name"),
            "{error}"
        );
        let error = parse(
            "modules:\n  - rust_module: beta\n    spec: b.yml\n    configs: [c]\n  - rust_module: beta\n    spec: c.yml\n    configs: [c]\n",
        )
        .unwrap_err()
        .to_string();
        assert!(error.contains("modules[1].rust_module"), "{error}");
    }

    #[test]
    fn unknown_keys_are_errors() {
        let error = parse("modules:\n  - rust_module: beta\n    spec: b.yml\n    config: [c]\n")
            .unwrap_err()
            .to_string();
        assert!(error.contains("unknown field `config`"), "{error}");
    }

    #[test]
    fn resolve_folds_dot_segments() {
        assert_eq!(
            resolve(Path::new("spec"), "../shared/x.yml"),
            PathBuf::from("shared/x.yml")
        );
        assert_eq!(
            resolve(Path::new("/a/spec"), "./x.yml"),
            PathBuf::from("/a/spec/x.yml")
        );
    }
}
