//! Every module of the SDK data in `../shared/graph` (each folder holding `<Module>.<version>.yml`
//! beside its readmes and example names), run as a user would run it: loaded with the SDK's
//! configuration order, named, compared with the SDK's example cmdlet names, generated, and the
//! generated code compiled. Nothing here names a module: a module added to the data is checked
//! too. The data is read where it lies; without it the tests fail rather than skip.
//!
//! - `names_match_the_sdk_examples`: one snapshot per module version listing every example name
//!   as exact, alias or missing (with its reason class, see `codegen::classify`), the generated
//!   cmdlets no example lists, and what assembling changed (renumbered sets, dropped aliases).
//! - `generated_code_compiles`: every module generated into a crate of a scratch workspace
//!   (depending on `mg-runtime` by path) and `cargo check`ed there, all crates in one cargo run.
//!   Every module is checked (CI included; all 15 module versions took 168 s on a quiet 2-core
//!   machine). For a quicker local run, `MG_CHECK_MAX_LINES=N` holds back the modules whose
//!   generated source is longer than N lines (the two Sites versions are over 500 000).

use std::fmt::Write;
use std::path::{Path, PathBuf};

use codegen::classify::{classify, intermediate_names};
use codegen::load::LoadedSpec;
use codegen::load::config::{LoadOptions, ModuleConfig, load_configs_with};
use codegen::model::Module;
use codegen::pipeline::{build_module, render};
use codegen::report::{compare, expected_names};

mod nested_cargo;

fn graph() -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/graph");
    assert!(
        path.join("readme.graph.md").is_file(),
        "the SDK data is missing: expected {} (it sits beside the repository in CI)",
        path.display()
    );
    path
}

/// One module version of the data: `Sites` + `beta`.
struct ModuleVersion {
    module: String,
    version: String,
    folder: PathBuf,
}

impl ModuleVersion {
    fn label(&self) -> String {
        format!("{}.{}", self.module, self.version)
    }

    /// `sites_beta`: the crate and snapshot name.
    fn slug(&self) -> String {
        self.label().replace('.', "_").to_lowercase()
    }

    fn spec(&self) -> PathBuf {
        self.folder
            .join(format!("{}.{}.yml", self.module, self.version))
    }

    /// The SDK's order: version readme → module file → global readme.
    fn configs(&self) -> Vec<PathBuf> {
        vec![
            self.folder.join(format!("readme.{}.md", self.version)),
            self.folder.join(format!("{}.md", self.module)),
            graph().join("readme.graph.md"),
        ]
    }
}

fn module_versions() -> Vec<ModuleVersion> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(graph()).expect("the graph folder lists") {
        let folder = entry.expect("a folder entry").path();
        let Some(module) = folder
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_owned)
        else {
            continue;
        };
        for version in ["beta", "v1.0"] {
            if folder.join(format!("{module}.{version}.yml")).is_file() {
                found.push(ModuleVersion {
                    module: module.clone(),
                    version: version.to_owned(),
                    folder: folder.clone(),
                });
            }
        }
    }
    found.sort_by_key(ModuleVersion::label);
    assert!(found.len() >= 2, "no module specs found in the SDK data");
    found
}

/// Directives that do not compile (Sites' unclosed group) are skipped, as
/// `--skip-bad-directives` does; the snapshot lists them.
fn load(version: &ModuleVersion) -> (LoadedSpec, ModuleConfig, Module) {
    let options = LoadOptions {
        skip_bad_directives: true,
    };
    let label = version.label();
    let config = load_configs_with(&version.configs(), options)
        .unwrap_or_else(|error| panic!("{label}: {error}"));
    let spec = LoadedSpec::read(&version.spec()).unwrap_or_else(|error| panic!("{label}: {error}"));
    let module = build_module(&spec, &config).unwrap_or_else(|error| panic!("{label}: {error}"));
    (spec, config, module)
}

fn comparison_report(version: &ModuleVersion) -> String {
    let (spec, config, module) = load(version);
    let text = std::fs::read_to_string(
        version
            .folder
            .join(format!("expected-cmdlets.{}.txt", version.version)),
    )
    .expect("the example names are readable");
    let names = expected_names(&text);
    let comparison = compare(&module, &names);
    let intermediate = intermediate_names(&spec, &config).expect("the module names");
    let missing = classify(&module, &intermediate, &comparison.missing);
    let aliases: usize = module.cmdlets.iter().map(|c| c.aliases.len()).sum();

    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} cmdlets, {aliases} aliases; {} example names: {} exact, {} alias, {} missing; {} cmdlets not in the examples",
        version.label(),
        module.cmdlets.len(),
        names.len(),
        comparison.exact.len(),
        comparison.alias.len(),
        comparison.missing.len(),
        comparison.unlisted.len(),
    );
    for invalid in &config.invalid {
        // The error only, not the directive's text (that stays in the SDK's files).
        let error = invalid
            .summary
            .rsplit_once("`: ")
            .map_or(invalid.summary.as_str(), |(_, error)| error);
        let _ = writeln!(out, "skipped bad directive: {}: {error}", invalid.location);
    }
    for note in &module.notes {
        let _ = writeln!(out, "note: {note}");
    }
    for name in &comparison.exact {
        let _ = writeln!(out, "exact    {name}");
    }
    for name in &comparison.alias {
        let cmdlet = module
            .cmdlets
            .iter()
            .find(|c| c.aliases.contains(name))
            .map_or("?", |c| c.name.as_str());
        let _ = writeln!(out, "alias    {name} -> {cmdlet}");
    }
    for (name, reason) in &missing {
        let _ = writeln!(out, "missing  {name}  ({})", reason.as_str());
    }
    for name in &comparison.unlisted {
        let _ = writeln!(out, "unlisted {name}");
    }
    out
}

#[test]
fn names_match_the_sdk_examples() {
    for version in module_versions() {
        let report = comparison_report(&version);
        insta::assert_snapshot!(version.slug(), report);
    }
}

/// The scratch workspace: one crate per module version, each `src/lib.rs` a minimal stand-in
/// for the generated crate's (`Client` over `mg_runtime::Client`, the re-exported types).
const LIB_RS: &str = "\
#![allow(dead_code)]
pub use mg_runtime::{Error, Preview, Response, RetryPolicy};
pub struct Client {
    core: mg_runtime::Client,
}
impl std::ops::Deref for Client {
    type Target = mg_runtime::Client;
    fn deref(&self) -> &mg_runtime::Client {
        &self.core
    }
}
pub mod module {
    include!(\"module.rs\");
}
";

/// Writes `text` unless the file already holds it, so unchanged crates stay fresh for cargo.
fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folder");
    std::fs::write(path, text).expect("write file");
}

#[test]
fn generated_code_compiles() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("every-module");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let max_lines: Option<usize> = std::env::var("MG_CHECK_MAX_LINES")
        .ok()
        .and_then(|v| v.parse().ok());
    let mut members = Vec::new();
    let mut held_back = Vec::new();
    for version in module_versions() {
        let (_, _, module) = load(&version);
        let source = render(&module).unwrap_or_else(|error| panic!("{}: {error}", version.label()));
        let lines = source.lines().count();
        if max_lines.is_some_and(|max| lines > max) {
            held_back.push(format!("{} ({lines} lines)", version.label()));
            continue;
        }
        let slug = version.slug();
        let crate_dir = root.join(&slug);
        write_if_changed(
            &crate_dir.join("Cargo.toml"),
            &format!(
                "[package]\nname = \"check-{slug}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[features]\ndefault = [\"catalog\"]\ncatalog = []\n\n[dependencies]\nmg-runtime = {{ path = {:?} }}\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n",
                repo.join("runtime").display().to_string()
            ),
        );
        write_if_changed(&crate_dir.join("src/lib.rs"), LIB_RS);
        write_if_changed(&crate_dir.join("src/module.rs"), &source);
        members.push(slug);
    }
    let quoted: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    write_if_changed(
        &root.join("Cargo.toml"),
        &format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            quoted.join(", ")
        ),
    );
    // The repository's lock file pins the same dependency versions, so nothing is resolved
    // anew (and `--offline` works).
    let lock = std::fs::read_to_string(repo.join("Cargo.lock")).expect("Cargo.lock");
    write_if_changed(&root.join("Cargo.lock"), &lock);

    let started = std::time::Instant::now();
    let stderr = nested_cargo::run(
        nested_cargo::command(&root, &root.join("target"), &["check", "--workspace"]),
        "generated code does not compile",
    );
    eprintln!(
        "checked {} module versions in {:.1} s{}",
        members.len(),
        started.elapsed().as_secs_f64(),
        if held_back.is_empty() {
            String::new()
        } else {
            format!(
                "; not checked (MG_CHECK_MAX_LINES is set): {}",
                held_back.join(", ")
            )
        }
    );
    // Warnings in generated code are generator bugs too.
    let warnings = nested_cargo::warnings(&stderr);
    assert!(warnings.is_empty(), "warnings:\n{}", warnings.join("\n"));
}
