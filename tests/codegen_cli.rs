//! The `codegen` command line on our specs: what `list`, `identity`, `generate` and `builtin`
//! print and write. Its behaviour on bad input is in `codegen_cli_bad_input.rs`.

mod codegen_cli_support;

use codegen_cli_support::*;

#[test]
fn list_prints_sorted_cmdlets_with_aliases_after_a_tab() {
    let output = run_owned(with("list", &BETA, &[]));
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted, "list is sorted");
    assert!(lines.contains(&"Revoke-MgBetaUserSignInSession"));
    assert!(lines.contains(
        &"Invoke-MgBetaInvalidateAllUserRefreshToken\tInvoke-MgBetaInvalidateUserRefreshToken"
    ));
    assert!(lines.contains(
        &"Remove-MgBetaAllUserDeviceFromManagement\tRemove-MgBetaUserDeviceFromManagement"
    ));
}

#[test]
fn identity_prints_pascal_case_properties_in_order() {
    let output = run_owned(with("identity", &V1_0, &[]));
    assert!(output.status.success(), "{}", stderr(&output));
    let names: Vec<String> = stdout(&output).lines().map(str::to_owned).collect();
    assert_eq!(names[0], "UserId");
    assert!(names.contains(&"EventId1".to_owned()), "{names:?}");
    assert!(
        names.contains(&"PhoneAuthenticationMethodId".to_owned()),
        "{names:?}"
    );
}

#[test]
fn list_json_has_parameter_sets_with_operations() {
    let output = run_owned(with("list", &V1_0, &["--json"]));
    assert!(output.status.success(), "{}", stderr(&output));
    let model: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let revoke = model["cmdlets"]
        .as_array()
        .expect("cmdlets")
        .iter()
        .find(|c| c["name"] == "Revoke-MgUserSignInSession")
        .expect("revoke cmdlet");
    let sets: Vec<&str> = revoke["parameter_sets"]
        .as_array()
        .expect("sets")
        .iter()
        .map(|s| s["name"].as_str().expect("set name"))
        .collect();
    assert_eq!(sets, ["Revoke", "RevokeViaIdentity"]);
    let set = &revoke["parameter_sets"][0];
    assert_eq!(set["operation_id"], "user_revokeSignInSession");
    assert_eq!(set["method"], "POST");
    assert_eq!(
        set["path"],
        "/users/{user-id}/microsoft.graph.revokeSignInSessions"
    );
    assert_eq!(set["parameters"][0]["name"], "UserId");
    assert_eq!(revoke["default_parameter_set"], "Revoke");
}

#[test]
fn generate_writes_the_formatted_client() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("beta.rs");
    let out_text = out.to_str().expect("utf-8 path");
    let output = run_owned(with("generate", &BETA, &["--out", out_text]));
    assert!(output.status.success(), "{}", stderr(&output));
    let source = std::fs::read_to_string(&out).expect("written");
    assert!(source.starts_with("// @generated"));
    assert!(source.contains("pub fn revoke_mg_beta_user_sign_in_session("));
    assert!(source.contains("pub fn invoke_mg_beta_invalidate_user_refresh_token("));
    assert!(source.contains("pub struct UsersActionsIdentity"));
    // The overlay's additions reach the docs: permissions and national clouds.
    assert!(
        source.contains("User.RevokeSessions.All"),
        "permissions from the overlay"
    );
    assert!(
        source.contains("USGovDoD"),
        "national clouds from the overlay"
    );
}

#[test]
fn generate_without_the_overlay_uses_the_spec_as_shipped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("beta.rs");
    let output = run(&[
        "generate",
        "--spec",
        "spec/Users.Actions.beta.yml",
        "--config",
        "spec/Users.Actions.beta.config.yml",
        "--config",
        "spec/Users.Actions.config.yml",
        "--out",
        out.to_str().expect("utf-8 path"),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let source = std::fs::read_to_string(&out).expect("written");
    assert!(source.contains("pub fn revoke_mg_beta_user_sign_in_session("));
    assert!(
        !source.contains("User.RevokeSessions.All"),
        "permissions come only from the overlay"
    );
}

#[test]
fn an_overlay_target_that_matches_nothing_names_the_file_and_action() {
    let case = Case::new(&spec_with(REVOKE, ""), CONFIG);
    let overlay = case.path("ours.overlay.yml");
    std::fs::write(
        &overlay,
        "overlay: 1.0.0\ninfo: {title: ours, version: '1'}\nactions:\n  - target: $.paths.*.post\n    update: {x-graph-repeatable: true}\n  - target: \"$.paths['/users/{user-id}/gone'].post\"\n    update: {x-graph-repeatable: true}\n",
    )
    .expect("overlay written");
    let output = run(&[
        "list",
        "--spec",
        &case.path("spec.yml"),
        "--overlay",
        &overlay,
        "--config",
        &case.path("config.yml"),
    ]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(
        message.contains("ours.overlay.yml: actions[1]: target `$.paths['/users/{user-id}/gone'].post` matches nothing in"),
        "{message}"
    );
    assert!(message.contains("spec.yml"), "{message}");
}

#[test]
fn builtin_shows_the_cmdlets_of_both_versions() {
    let output = run(&["builtin"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("Revoke-MgUserSignInSession  ->  client.revoke_mg_user_sign_in_session()")
    );
    assert!(text.contains(
        "Invoke-MgBetaInvalidateAllUserRefreshToken  ->  client.invoke_mg_beta_invalidate_all_user_refresh_token()"
    ));
    assert!(text.contains("set RevokeViaIdentity: -InputObject"));
}

/// What the README tells a user to do to add a module: a manifest of their own naming our spec
/// (filtered to one operation, with our overlay) and an upstream module as Microsoft ships it.
#[test]
fn builtin_generates_the_modules_of_a_manifest_of_ones_own() {
    let graph = repo().join("../shared/graph");
    assert!(
        graph.join("Mail").is_dir(),
        "the SDK data is missing: expected {} (it sits beside the repository in CI)",
        graph.display()
    );
    let spec = repo().join("spec");
    let dir = tempfile::tempdir().expect("temp dir");
    let manifest = dir.path().join("modules.yml");
    std::fs::write(
        &manifest,
        format!(
            "modules:\n  - rust_module: ours\n    spec: {spec}/Users.Actions.v1.0.yml\n    overlay: {spec}/Users.Actions.v1.0.overlay.yml\n    configs: [{spec}/Users.Actions.v1.0.config.yml, {spec}/Users.Actions.config.yml]\n    operations: [user_revokeSignInSession]\n  - rust_module: mail\n    doc: Mail v1.0 as Microsoft ships it.\n    spec: {graph}/Mail/Mail.v1.0.yml\n    configs: [{graph}/Mail/readme.v1.0.md, {graph}/Mail/Mail.md, {graph}/readme.graph.md]\n",
            spec = spec.display(),
            graph = graph.display(),
        ),
    )
    .expect("manifest written");
    let out = dir.path().join("out");
    let output = run(&[
        "builtin",
        "--manifest",
        manifest.to_str().expect("utf-8 path"),
        "--out-dir",
        out.to_str().expect("utf-8 path"),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));

    let mut files: Vec<String> = std::fs::read_dir(&out)
        .expect("out dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["mail.rs", "modules.rs", "ours.rs"]);

    let declarations = std::fs::read_to_string(out.join("modules.rs")).expect("modules.rs");
    assert!(declarations.contains("pub mod ours {"), "{declarations}");
    assert!(
        declarations.contains("#[doc = \"Mail v1.0 as Microsoft ships it.\"]\npub mod mail {"),
        "{declarations}"
    );

    // The filter keeps one cmdlet (and its identity set); the overlay still applies.
    let ours = std::fs::read_to_string(out.join("ours.rs")).expect("ours.rs");
    assert!(ours.contains("pub fn revoke_mg_user_sign_in_session("));
    assert!(
        !ours.contains("pub fn update_mg_user_password("),
        "filtered out"
    );
    assert!(ours.contains("User.RevokeSessions.All"), "overlay applied");

    let mail = std::fs::read_to_string(out.join("mail.rs")).expect("mail.rs");
    assert!(mail.contains("pub fn get_mg_user_mail_folder("));

    let shown = stdout(&output);
    assert!(shown.contains("# Users.Actions v1.0: 1 cmdlets"), "{shown}");
    assert!(
        shown.contains("Get-MgUserMailFolder  ->  client.get_mg_user_mail_folder()"),
        "{shown}"
    );
}
