//! Models of the SDK's real Users.Actions module (`../shared/graph`): every reachable schema
//! becomes a type, inheritance chains are flattened, derived types are linked to their bases,
//! and the whole module renders. The data is read where it lies; when it is missing the test
//! fails rather than skips.

use std::path::Path;

use codegen::model::{ModelKind, Models, StructModel, TypeRef};
use codegen::pipeline::{Loaded, load};

fn load_version(version: &str) -> Loaded {
    let graph = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/graph");
    let module = graph.join("Users.Actions");
    load(
        &module.join(format!("Users.Actions.{version}.yml")),
        &[
            module.join(format!("readme.{version}.md")),
            module.join("Users.Actions.md"),
            graph.join("readme.graph.md"),
        ],
    )
    .unwrap_or_else(|error| panic!("{version}: {error}"))
}

fn strukt<'m>(models: &'m Models, name: &str) -> &'m StructModel {
    match &models
        .get(name)
        .unwrap_or_else(|| panic!("{name} missing"))
        .kind
    {
        ModelKind::Struct(model) => model,
        ModelKind::Enum(_) => panic!("{name} is an enum"),
    }
}

#[test]
fn beta_models_flatten_inheritance_and_link_derived_types() {
    let loaded = load_version("beta");
    let models = &loaded.module.models;
    // Every schema the operations reach, with bases and derived types: 851 structs, 269 enums.
    let structs = models
        .types
        .iter()
        .filter(|t| matches!(t.kind, ModelKind::Struct(_)))
        .count();
    assert_eq!((structs, models.types.len() - structs), (851, 269));

    // entity → directoryObject → user: inherited fields first, in chain order.
    let user = strukt(models, "microsoft.graph.user");
    let position = |name: &str| {
        user.fields
            .iter()
            .position(|f| f.wire_name == name)
            .unwrap()
    };
    assert!(position("id") < position("deletedDateTime"));
    assert!(position("deletedDateTime") < position("accountEnabled"));
    assert_eq!(user.bases, ["microsoft.graph.directoryObject"]);
    let directory_object = strukt(models, "microsoft.graph.directoryObject");
    assert!(
        directory_object
            .derived
            .iter()
            .any(|d| d == "microsoft.graph.user")
    );
    assert!(
        directory_object
            .derived
            .iter()
            .any(|d| d == "microsoft.graph.group")
    );

    // The answer of Find-MgBetaUserMeetingTime is the model, its body a struct of its own.
    let find = loaded
        .module
        .operations
        .iter()
        .position(|o| o.operation_id == "user_findMeetingTime")
        .unwrap();
    assert_eq!(
        models.operations[find].response,
        Some(TypeRef::Model(
            "microsoft.graph.meetingTimeSuggestionsResult".into()
        ))
    );
}

#[test]
fn both_versions_render_with_their_models() {
    for version in ["v1.0", "beta"] {
        let loaded = load_version(version);
        let source = codegen::pipeline::render(&loaded.module)
            .unwrap_or_else(|error| panic!("{version}: {error}"));
        assert!(source.contains("pub mod models {"), "{version}");
        assert!(
            source.contains("pub struct MeetingTimeSuggestionsResult {"),
            "{version}"
        );
    }
}

/// Cmdlets that call one action through different paths share its inline body: one struct,
/// and every other cmdlet's body name an alias of it.
#[test]
fn cmdlets_of_one_action_share_one_body_struct() {
    let loaded = load_version("beta");
    let source = codegen::pipeline::render(&loaded.module).expect("beta renders");
    let structs: Vec<&str> = source
        .lines()
        .filter_map(|line| line.strip_prefix("pub struct "))
        .filter_map(|rest| rest.strip_suffix(" {"))
        .filter(|name| name.ends_with("Body"))
        .collect();
    let aliases: Vec<(&str, &str)> = source
        .lines()
        .filter_map(|line| line.strip_prefix("pub type "))
        .filter_map(|rest| rest.strip_suffix(';')?.split_once(" = "))
        .filter(|(name, _)| name.ends_with("Body"))
        .collect();
    assert!(aliases.len() > 50, "{} aliases", aliases.len());
    for (alias, target) in &aliases {
        assert!(
            structs.contains(target),
            "{alias} = {target}: no such struct"
        );
    }
    // The body of `accept` (on an event, on an instance of it) is one struct; so is that of
    // `tentativelyAccept`, which has other properties.
    let target = |name: &str| -> String {
        aliases
            .iter()
            .find(|(alias, _)| *alias == name)
            .map_or(name, |(_, target)| *target)
            .to_owned()
    };
    let all: Vec<&str> = structs
        .iter()
        .copied()
        .chain(aliases.iter().map(|(alias, _)| *alias))
        .collect();
    for tentatively in [false, true] {
        let names: Vec<&str> = all
            .iter()
            .copied()
            .filter(|n| n.starts_with("InvokeMgBetaAcceptUserEvent"))
            .filter(|n| n.contains("Tentatively") == tentatively)
            .collect();
        assert!(names.len() >= 2, "{names:?}");
        let targets: std::collections::BTreeSet<String> = names.iter().map(|n| target(n)).collect();
        assert_eq!(targets.len(), 1, "{names:?} → {targets:?}");
    }
    assert_ne!(
        target("InvokeMgBetaAcceptUserEventBody"),
        target("InvokeMgBetaAcceptUserEventTentativelyBody")
    );
}
