//! The generated catalog (`graph_users_actions::CATALOG`) says what the builders do: the same
//! cmdlets, aliases, parameter sets and parameters as the model `codegen list` prints, each set
//! pointing at the operation its builder sends, and a `Client` method for every name.

use codegen::builtin::SpecFolder;
use codegen::pipeline::render;
use graph_users_actions::CATALOG;
use mg_runtime::catalog::{Answer, ParameterSource, ValueKind};

#[test]
fn catalog_matches_the_model_and_the_builders() {
    let folder = SpecFolder::Embedded;
    let manifest = folder.manifest().expect("the built-in manifest parses");
    assert_eq!(CATALOG.len(), manifest.modules.len());
    for (entry, catalog) in manifest.modules.iter().zip(CATALOG) {
        let model = folder.load(entry).expect("the built-in spec loads").module;
        let source = render(&model).expect("renders");
        assert_eq!(catalog.rust_module, entry.rust_module);
        assert_eq!(catalog.api_version, model.api_version);

        let names: Vec<&str> = catalog.commands.iter().map(|c| c.name).collect();
        let expected: Vec<&str> = model.cmdlets.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, expected, "{}: cmdlet names", catalog.rust_module);

        for (command, cmdlet) in catalog.commands.iter().zip(&model.cmdlets) {
            let aliases: Vec<String> = command.aliases.iter().map(|a| a.to_string()).collect();
            assert_eq!(aliases, cmdlet.aliases, "{}: aliases", command.name);
            assert_eq!(command.default_set, cmdlet.default_parameter_set);
            for method in std::iter::once(command.rust_method.to_owned()).chain(
                command
                    .aliases
                    .iter()
                    .map(|a| codegen::emit::names::method_name(a)),
            ) {
                assert!(
                    source.contains(&format!("pub fn {method}(")),
                    "{}: no Client method `{method}`",
                    command.name
                );
            }
            assert_eq!(command.sets.len(), cmdlet.parameter_sets.len());
            for (set, model_set) in command.sets.iter().zip(&cmdlet.parameter_sets) {
                assert_eq!(set.name, model_set.name);
                assert_eq!(set.operation.cmdlet, command.name);
                assert_eq!(set.operation.method, model_set.method.as_str());
                assert_eq!(set.operation.path_template, model_set.path);
                assert_eq!(set.operation.api_version, catalog.api_version);
                assert_eq!(set.via_identity, model_set.via_identity);
                assert_eq!(set.expanded, model_set.expanded);
                let parameters: Vec<(&str, bool)> = command
                    .set_parameters(set)
                    .map(|(parameter, place)| (parameter.name, place.required))
                    .collect();
                let expected: Vec<(&str, bool)> = model_set
                    .parameters
                    .iter()
                    .map(|p| (p.name.as_str(), p.required))
                    .collect();
                assert_eq!(parameters, expected, "{} {}", command.name, set.name);
            }
        }
    }
}

#[test]
fn seed_cmdlets_read_like_their_help_pages() {
    let beta = CATALOG
        .iter()
        .find(|m| m.api_version == "beta")
        .expect("beta");
    assert_eq!(beta.powershell_module, "Microsoft.Graph.Beta.Users.Actions");
    assert_eq!(beta.identity.name, "IUsersActionsIdentity");
    let invalidate = beta
        .command("invoke-mgbetainvalidateuserrefreshtoken")
        .expect("found by its alias, in any case");
    assert_eq!(
        invalidate.name,
        "Invoke-MgBetaInvalidateAllUserRefreshToken"
    );
    assert_eq!(
        invalidate.answer,
        Answer::SingleValue {
            property: "value",
            value: ValueKind::Boolean
        }
    );
    assert_eq!(invalidate.output_type, "System.Boolean");
    assert!(invalidate.supports_should_process && !invalidate.pass_thru);
    let sets: Vec<&str> = invalidate.sets.iter().map(|s| s.name).collect();
    assert_eq!(sets, ["Invalidate", "InvalidateViaIdentity"]);
    let user_id = &invalidate.parameters[0];
    assert_eq!((user_id.name, user_id.type_name), ("UserId", "String"));
    assert_eq!(
        user_id.source,
        ParameterSource::Path {
            serialized_name: "user-id"
        }
    );
    let input = invalidate
        .parameters
        .iter()
        .find(|p| p.name == "InputObject")
        .expect("-InputObject");
    assert_eq!(input.type_name, "IUsersActionsIdentity");
    assert!(input.pipeline_by_value);
    assert!(
        input.description.contains("UserId"),
        "{}",
        input.description
    );
    let delegated = &invalidate.permissions[0];
    assert_eq!(delegated.kind, "Delegated (work or school account)");
    assert_eq!(delegated.least_privileged, ["User.RevokeSessions.All"]);
    assert!(invalidate.national_clouds.contains(&"Global"));
    assert!(
        invalidate
            .doc_url
            .starts_with("https://learn.microsoft.com/")
    );
    assert!(invalidate.deprecation.starts_with("Deprecated"));
    assert!(!invalidate.synopsis.is_empty());

    let v1 = CATALOG
        .iter()
        .find(|m| m.api_version == "v1.0")
        .expect("v1.0");
    let revoke = v1
        .command("Revoke-MgUserSignInSession")
        .expect("v1.0 cmdlet");
    assert_eq!(revoke.sets[0].operation.method, "POST");
    assert_eq!(
        revoke.sets[0].operation.path_template,
        "/users/{user-id}/microsoft.graph.revokeSignInSessions"
    );
    assert!(
        v1.command("Invoke-MgBetaInvalidateAllUserRefreshToken")
            .is_none()
    );
}
