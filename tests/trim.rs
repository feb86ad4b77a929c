//! `codegen trim` on the SDK's real Users.Actions module: the trimmed spec, written to a temp
//! folder, gives exactly the named cmdlets with the parameter sets the full module gives them,
//! and trimming is deterministic.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use codegen::builtin::SpecFolder;
use codegen::model::{Cmdlet, Module};
use codegen::pipeline;

fn graph() -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/graph");
    assert!(path.is_dir(), "the SDK data is missing: {}", path.display());
    path
}

fn beta_configs() -> Vec<PathBuf> {
    let graph = graph();
    vec![
        graph.join("Users.Actions/readme.beta.md"),
        graph.join("Users.Actions/Users.Actions.md"),
        graph.join("readme.graph.md"),
    ]
}

fn full_beta() -> Module {
    pipeline::load(
        &graph().join("Users.Actions/Users.Actions.beta.yml"),
        &beta_configs(),
    )
    .expect("the real module loads")
    .module
}

/// A cmdlet as a PowerShell user sees it: name, aliases, default set, and each set with the
/// operation it calls and its parameters (the model's operation indexes differ between
/// modules, so they are left out).
fn surface(cmdlet: &Cmdlet) -> serde_json::Value {
    let mut value = serde_json::to_value(cmdlet).expect("the model serializes");
    for set in value["parameter_sets"].as_array_mut().expect("sets") {
        set.as_object_mut().expect("set").remove("operation");
    }
    value
}

/// Names given as a user would: any case, an alias, a cmdlet whose sets call two operations.
const NAMES: [&str; 4] = [
    "revoke-mgbetausersigninsession",
    "Invoke-MgBetaInvalidateUserRefreshToken",
    "Find-MgBetaUserMeetingTime",
    "Stop-MgBetaUserCloudPc",
];

fn trim_into(module: &Module, dir: &Path) -> codegen::trim::Selection {
    let names: Vec<String> = NAMES.iter().map(|n| (*n).to_owned()).collect();
    let selection = codegen::trim::select(module, &names).expect("every name is known");
    let spec_path = graph().join("Users.Actions/Users.Actions.beta.yml");
    let text = std::fs::read_to_string(&spec_path).expect("spec reads");
    let trimmed = codegen::trim::trim_spec(&spec_path, &text, &selection.operation_ids)
        .expect("the spec trims");
    let mut configs = Vec::new();
    for config in beta_configs() {
        let name = config.file_name().unwrap().to_str().unwrap().to_owned();
        std::fs::copy(&config, dir.join(&name)).expect("config copies");
        configs.push(name);
    }
    std::fs::write(dir.join("Users.Actions.beta.yml"), trimmed).expect("writes");
    std::fs::write(
        dir.join("modules.yml"),
        codegen::trim::manifest_text("beta", "Users.Actions.beta.yml", None, &configs),
    )
    .expect("writes");
    selection
}

#[test]
fn trimmed_spec_gives_exactly_the_named_cmdlets_with_the_same_parameter_sets() {
    let full = full_beta();
    let dir = tempfile::tempdir().expect("temp dir");
    let selection = trim_into(&full, dir.path());
    assert_eq!(
        selection.cmdlets,
        [
            "Find-MgBetaUserMeetingTime",
            "Invoke-MgBetaInvalidateAllUserRefreshToken",
            "Revoke-MgBetaUserSignInSession",
            "Stop-MgBetaUserCloudPc",
        ]
    );

    // The written manifest loads like any other: the crate could be built from it.
    let folder = SpecFolder::Disk(dir.path().join("modules.yml"));
    let manifest = folder.manifest().expect("the manifest parses");
    let trimmed = folder
        .load(&manifest.modules[0])
        .expect("the trimmed module loads")
        .module;
    let names: Vec<&str> = trimmed.cmdlets.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, selection.cmdlets);
    for cmdlet in &trimmed.cmdlets {
        let original = full
            .cmdlets
            .iter()
            .find(|c| c.name == cmdlet.name)
            .expect("the full module has it");
        assert_eq!(surface(cmdlet), surface(original), "{}", cmdlet.name);
    }
    // Stop-…CloudPc calls two operations; both stay.
    let stop = &trimmed.cmdlets[3];
    let operations: BTreeSet<&str> = stop
        .parameter_sets
        .iter()
        .map(|s| s.operation_id.as_str())
        .collect();
    assert_eq!(operations.len(), 2, "{operations:?}");

    // Only what the kept operations reach: a handful of the module's 1,100 schemas.
    let text = std::fs::read_to_string(dir.path().join("Users.Actions.beta.yml")).unwrap();
    let document: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let schemas = document["components"]["schemas"].as_mapping().unwrap();
    assert!(schemas.contains_key("microsoft.graph.meetingTimeSuggestionsResult"));
    assert!(
        !schemas.contains_key("microsoft.graph.user"),
        "unreached schema kept"
    );
    assert!(schemas.len() < 60, "{} schemas kept", schemas.len());

    // The trimmed source renders (and names the same builders as the full module).
    pipeline::render(&trimmed).expect("the trimmed module renders");
}

#[test]
fn trimming_twice_gives_the_same_bytes() {
    let full = full_beta();
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    trim_into(&full, first.path());
    trim_into(&full, second.path());
    for name in ["Users.Actions.beta.yml", "modules.yml"] {
        assert_eq!(
            std::fs::read(first.path().join(name)).unwrap(),
            std::fs::read(second.path().join(name)).unwrap(),
            "{name}"
        );
    }
    // And trimming the trimmed spec again is a fixed point.
    let path = first.path().join("Users.Actions.beta.yml");
    let text = std::fs::read_to_string(&path).unwrap();
    let selection = codegen::trim::select(&full, &NAMES.map(str::to_owned)).unwrap();
    assert_eq!(
        codegen::trim::trim_spec(&path, &text, &selection.operation_ids).unwrap(),
        text
    );
}

#[test]
fn an_unknown_name_is_an_error_with_the_closest_names() {
    let full = full_beta();
    let error = codegen::trim::select(&full, &["Revoke-MgBetaUserSignInSessions".to_owned()])
        .expect_err("no such cmdlet");
    let text = error.to_string();
    assert!(text.contains("not a cmdlet or alias"), "{text}");
    assert!(
        text.contains("did you mean Revoke-MgBetaUserSignInSession"),
        "{text}"
    );
}
