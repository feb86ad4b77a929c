//! The crate built from Microsoft's whole Users.Actions module: `spec/modules.yml` with the two
//! trimmed specs replaced by the SDK's own (`../shared/graph/Users.Actions/Users.Actions.*.yml`),
//! our overlays and configuration kept. The build script of `graph-users-actions` generates it
//! (`MG_MANIFEST`) and clippy must pass with `-D warnings` on it, generated code included, so
//! the full module cannot rot while CI only ever builds the trimmed one.
//!
//! It builds in its own target folder (`target/tmp/full-module`), dependencies included, so the
//! first run takes a few minutes; later runs re-check only the generated crate.

use std::path::{Path, PathBuf};

mod nested_cargo;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn sdk_spec(version: &str) -> PathBuf {
    let path = repo().join(format!(
        "../shared/graph/Users.Actions/Users.Actions.{version}.yml"
    ));
    assert!(
        path.is_file(),
        "{} is missing: the SDK data must sit beside the repository",
        path.display()
    );
    path
}

/// Our manifest, each module's `spec:` pointed at the SDK's file (absolute paths, as the
/// manifest lives elsewhere).
fn full_manifest() -> String {
    let ours = std::fs::read_to_string(repo().join("spec/modules.yml")).expect("spec/modules.yml");
    let spec_dir = repo().join("spec");
    let mut out = String::new();
    for line in ours.lines() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let rewritten = if let Some(file) = trimmed.strip_prefix("spec: ") {
            let version = file
                .trim()
                .strip_prefix("Users.Actions.")
                .and_then(|rest| rest.strip_suffix(".yml"))
                .unwrap_or_else(|| panic!("unexpected spec entry {file:?} in spec/modules.yml"));
            format!(
                "{indent}spec: {:?}",
                sdk_spec(version).display().to_string()
            )
        } else if let Some(file) = trimmed.strip_prefix("overlay: ") {
            format!(
                "{indent}overlay: {:?}",
                spec_dir.join(file.trim()).display().to_string()
            )
        } else if let Some(file) = trimmed.strip_prefix("- ").filter(|f| f.ends_with(".yml")) {
            format!(
                "{indent}- {:?}",
                spec_dir.join(file.trim()).display().to_string()
            )
        } else {
            line.to_owned()
        };
        out.push_str(&rewritten);
        out.push('\n');
    }
    out
}

#[test]
fn the_crate_of_the_whole_sdk_module_passes_clippy() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("full-module");
    std::fs::create_dir_all(&root).expect("scratch folder");
    let manifest = root.join("modules.yml");
    let text = full_manifest();
    assert_eq!(
        text.matches("../shared/graph/Users.Actions/").count(),
        2,
        "both modules point at the SDK's specs:\n{text}"
    );
    if std::fs::read_to_string(&manifest).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(&manifest, &text).expect("write manifest");
    }

    let started = std::time::Instant::now();
    let mut clippy = nested_cargo::command(
        repo(),
        &root.join("target"),
        &[
            "clippy",
            "-p",
            "graph-users-actions",
            "--",
            "-D",
            "warnings",
        ],
    );
    clippy.env("MG_MANIFEST", &manifest);
    nested_cargo::run(clippy, "the full-module crate does not pass clippy");
    eprintln!(
        "full-module crate: clippy passed in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
