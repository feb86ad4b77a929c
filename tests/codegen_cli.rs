//! The `codegen` command line: its outputs on our specs, and its behaviour on bad input (a
//! clear message naming the file and the place, a non-zero exit, nothing written).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The `codegen` binary of this workspace, built once per test run (cargo does not build a
/// dependency's binaries for another package's tests).
fn codegen_binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let status = Command::new(env!("CARGO"))
            .args(["build", "--quiet", "-p", "codegen", "--bin", "codegen"])
            .current_dir(repo())
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building the codegen binary failed");
        let test_binary = std::env::current_exe().expect("test binary path");
        // target/<profile>/deps/<test> → target/<profile>/codegen
        let profile_dir = test_binary
            .parent()
            .and_then(Path::parent)
            .expect("test binaries live in target/<profile>/deps");
        profile_dir.join(format!("codegen{}", std::env::consts::EXE_SUFFIX))
    })
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    Command::new(codegen_binary())
        .args(args)
        .current_dir(repo())
        .output()
        .expect("codegen runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const BETA: [&str; 8] = [
    "--spec",
    "spec/Users.Actions.beta.yml",
    "--overlay",
    "spec/Users.Actions.beta.overlay.yml",
    "--config",
    "spec/Users.Actions.beta.config.yml",
    "--config",
    "spec/Users.Actions.config.yml",
];

const V1_0: [&str; 8] = [
    "--spec",
    "spec/Users.Actions.v1.0.yml",
    "--overlay",
    "spec/Users.Actions.v1.0.overlay.yml",
    "--config",
    "spec/Users.Actions.v1.0.config.yml",
    "--config",
    "spec/Users.Actions.config.yml",
];

fn with(command: &str, inputs: &[&str], extra: &[&str]) -> Vec<String> {
    std::iter::once(command)
        .chain(inputs.iter().copied())
        .chain(extra.iter().copied())
        .map(str::to_owned)
        .collect()
}

fn run_owned(args: Vec<String>) -> Output {
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&refs)
}

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

// ----------------------------------------------------------------------------------------------
// Bad input
// ----------------------------------------------------------------------------------------------

/// A minimal valid spec with one operation; tests break it in one place each.
fn spec_with(paths: &str, components: &str) -> String {
    format!(
        r#"openapi: 3.0.1
info:
  title: Users.Actions
  version: v1.0
servers:
  - url: https://graph.microsoft.com/v1.0/
paths:
{paths}
components:
  responses:
    error:
      description: failure
      content:
        application/json:
          schema:
            type: object
{components}
"#
    )
}

const REVOKE: &str = r#"  '/users/{user-id}/microsoft.graph.revokeSignInSessions':
    post:
      operationId: user_revokeSignInSession
      parameters:
        - name: user-id
          in: path
          required: true
          schema:
            type: string
      responses:
        2XX:
          description: done
        default:
          $ref: '#/components/responses/error'
"#;

struct Case {
    dir: tempfile::TempDir,
}

impl Case {
    fn new(spec: &str, config: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("spec.yml"), spec).expect("spec written");
        std::fs::write(dir.path().join("config.yml"), config).expect("config written");
        Case { dir }
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).to_string_lossy().into_owned()
    }

    /// Runs `generate` into an output file that already holds an earlier result.
    fn generate(&self) -> (Output, String) {
        let out = self.dir.path().join("out.rs");
        std::fs::write(&out, "// earlier output\n").expect("earlier output");
        let output = run(&[
            "generate",
            "--spec",
            &self.path("spec.yml"),
            "--config",
            &self.path("config.yml"),
            "--out",
            &self.path("out.rs"),
        ]);
        (output, std::fs::read_to_string(out).expect("output file"))
    }

    fn assert_fails(&self, needles: &[&str]) {
        let (output, out_file) = self.generate();
        let message = stderr(&output);
        assert_eq!(
            output.status.code(),
            Some(1),
            "exit code; stderr: {message}"
        );
        assert!(!message.contains("panicked"), "no panic: {message}");
        for needle in needles {
            assert!(message.contains(needle), "`{needle}` in: {message}");
        }
        assert_eq!(
            out_file, "// earlier output\n",
            "a failed run leaves the output alone"
        );
        let leftovers: Vec<_> = std::fs::read_dir(self.dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|name| !["spec.yml", "config.yml", "out.rs"].contains(&name.as_str()))
            .collect();
        assert!(
            leftovers.is_empty(),
            "no temporary files left: {leftovers:?}"
        );
    }
}

const CONFIG: &str = "prefix: Mg\nsubject-prefix: ''\n";

#[test]
fn malformed_yaml_names_the_file_and_line() {
    let spec = spec_with(REVOKE, "").replace("    post:\n", "    post: [\n");
    let case = Case::new(&spec, CONFIG);
    case.assert_fails(&["spec.yml", "malformed YAML", "line"]);
}

#[test]
fn yaml_that_is_not_openapi_is_refused() {
    let case = Case::new("just: a mapping\n", CONFIG);
    case.assert_fails(&["spec.yml", "malformed YAML"]);
}

#[test]
fn a_key_given_twice_is_reported_not_a_crash() {
    // openapiv3 panics when a `$ref`-or-item (here a component response) has a key twice; the
    // loader turns that into an error with the place.
    let spec = spec_with(REVOKE, "").replace(
        "      description: failure\n",
        "      description: failure\n      description: twice\n",
    );
    let case = Case::new(&spec, CONFIG);
    case.assert_fails(&[
        "spec.yml",
        "components.responses.error",
        "duplicate entry",
        "description",
    ]);
}

#[test]
fn dangling_ref_names_the_operation_and_the_reference() {
    let spec = spec_with(
        &REVOKE.replace(
            "#/components/responses/error",
            "#/components/responses/missing",
        ),
        "",
    );
    let case = Case::new(&spec, CONFIG);
    case.assert_fails(&[
        "spec.yml",
        "paths.'/users/{user-id}/microsoft.graph.revokeSignInSessions'.post",
        "user_revokeSignInSession",
        "dangling $ref `#/components/responses/missing`",
    ]);
}

#[test]
fn dangling_ref_deep_in_a_model_names_the_schema() {
    let paths = REVOKE.replace(
        "        2XX:\n          description: done\n",
        "        2XX:\n          description: done\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/wrapper'\n",
    );
    let components = "  schemas:\n    wrapper:\n      type: object\n      properties:\n        inner:\n          $ref: '#/components/schemas/nowhere'\n";
    let case = Case::new(&spec_with(&paths, components), CONFIG);
    case.assert_fails(&[
        "spec.yml",
        "components.schemas.'wrapper'.properties.inner",
        "dangling $ref `#/components/schemas/nowhere`",
    ]);
}

#[test]
fn missing_operation_id_names_the_path_and_method() {
    let spec = spec_with(
        &REVOKE.replace("      operationId: user_revokeSignInSession\n", ""),
        "",
    );
    let case = Case::new(&spec, CONFIG);
    case.assert_fails(&[
        "spec.yml",
        "paths.'/users/{user-id}/microsoft.graph.revokeSignInSessions'.post",
        "missing operationId",
    ]);
}

#[test]
fn undeclared_path_key_is_refused() {
    let spec = spec_with(&REVOKE.replace("name: user-id", "name: userId"), "");
    let case = Case::new(&spec, CONFIG);
    case.assert_fails(&["spec.yml", "user_revokeSignInSession", "{user-id}"]);
}

impl Case {
    /// Runs `command` with the case's spec and config plus `extra` arguments.
    fn run(&self, command: &str, extra: &[&str]) -> Output {
        let spec = self.path("spec.yml");
        let config = self.path("config.yml");
        let mut args = vec![command, "--spec", &spec, "--config", &config];
        args.extend_from_slice(extra);
        run(&args)
    }
}

/// A second operation `revokeSessions` next to `REVOKE`.
fn two_revokes() -> String {
    let second = REVOKE
        .replace("revokeSignInSessions", "revokeSessions")
        .replace("user_revokeSignInSession", "user_revokeSession");
    spec_with(&format!("{REVOKE}{second}"), "")
}

#[test]
fn two_operations_on_one_set_are_renumbered_like_the_sdk() {
    // A directive that renames one cmdlet onto the other: both are kept, the later set numbered.
    let config = format!(
        "{CONFIG}directive:\n  - where:\n      verb: Revoke\n      subject: ^UserSession$\n    set:\n      subject: UserSignInSession\n"
    );
    let case = Case::new(&two_revokes(), &config);
    let output = case.run("list", &["--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let model: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let sets: Vec<(&str, &str)> = model["cmdlets"][0]["parameter_sets"]
        .as_array()
        .expect("sets")
        .iter()
        .map(|s| {
            (
                s["name"].as_str().expect("name"),
                s["operation_id"].as_str().expect("operation"),
            )
        })
        .collect();
    assert_eq!(
        sets,
        [
            ("Revoke", "user_revokeSignInSession"),
            ("RevokeViaIdentity", "user_revokeSignInSession"),
            ("Revoke1", "user_revokeSession"),
            ("RevokeViaIdentity1", "user_revokeSession"),
        ]
    );
    assert!(
        stderr(&output).contains("renumbered Revoke1"),
        "{}",
        stderr(&output)
    );
    let (output, source) = case.generate();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        source.contains("fn revoke_mg_user_sign_in_session_revoke1("),
        "second builder"
    );
}

#[test]
fn an_alias_that_is_another_cmdlets_name_is_dropped_with_a_note() {
    let config = format!(
        "{CONFIG}directive:\n  - where:\n      subject: ^UserSession$\n    set:\n      alias: Revoke-MgUserSignInSession\n"
    );
    let case = Case::new(&two_revokes(), &config);
    let output = case.run("list", &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "Revoke-MgUserSession\nRevoke-MgUserSignInSession\n"
    );
    assert!(
        stderr(&output).contains("alias Revoke-MgUserSignInSession dropped"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn bad_directive_can_be_skipped_with_a_warning() {
    let config = format!(
        "{CONFIG}directive:\n  - where:\n      subject: ^(Unclosed\n    set:\n      subject: X\n"
    );
    let case = Case::new(&spec_with(REVOKE, ""), &config);
    let refused = case.run("list", &[]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("--skip-bad-directives"), "hint");
    let output = case.run("list", &["--skip-bad-directives"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "Revoke-MgUserSignInSession\n");
    let message = stderr(&output);
    assert!(
        message.contains("warning:")
            && message.contains("directive #0")
            && message.contains("skipped"),
        "{message}"
    );
}

/// An operation with query, header and a body property named like a builder helper.
const FIND: &str = r#"  '/users/{user-id}/microsoft.graph.find':
    post:
      operationId: user_find
      parameters:
        - name: user-id
          in: path
          required: true
          schema:
            type: string
        - name: $filter
          in: query
          schema:
            type: string
        - name: $top
          in: query
          schema:
            type: integer
        - name: $select
          in: query
          style: form
          explode: false
          schema:
            type: array
            items:
              type: string
        - name: ConsistencyLevel
          in: header
          schema:
            type: string
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                requestBody:
                  type: string
      responses:
        2XX:
          description: done
        default:
          $ref: '#/components/responses/error'
"#;

#[test]
fn query_and_header_parameters_become_typed_setters() {
    let case = Case::new(&spec_with(FIND, ""), CONFIG);
    let (output, source) = case.generate();
    assert!(output.status.success(), "{}", stderr(&output));
    for needle in [
        "pub fn filter(mut self, value: impl Into<String>)",
        "pub fn top(mut self, value: i64)",
        "pub fn select(mut self, value: impl IntoIterator<Item = impl Into<String>>)",
        "pub fn consistency_level(mut self, value: impl Into<String>)",
        "self.common.set_header(\"ConsistencyLevel\"",
        // The runtime appends the query from the operation's table of parameters.
        "rt::OptionParameter {",
        "name: \"$top\"",
        // The body property `requestBody` would take the builder's own `request_body`.
        "pub fn request_body_parameter(mut self",
    ] {
        assert!(
            source.contains(needle),
            "`{needle}` in the generated source"
        );
    }
}

#[test]
fn a_query_parameter_that_cannot_be_sent_stops_generation() {
    let spec = FIND.replace(
        "        - name: $top\n          in: query\n          schema:\n            type: integer\n",
        "        - name: where\n          in: query\n          schema:\n            type: object\n",
    );
    let case = Case::new(&spec_with(&spec, ""), CONFIG);
    case.assert_fails(&["user_find", "query parameter `where`", "cannot be sent"]);
}

#[test]
fn a_binary_body_is_sent_as_bytes() {
    let spec = REVOKE.replace(
        "      responses:\n",
        "      requestBody:\n        content:\n          application/octet-stream:\n            schema:\n              type: string\n              format: binary\n      responses:\n",
    );
    let case = Case::new(&spec_with(&spec, ""), CONFIG);
    let (output, source) = case.generate();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(source.contains("body: impl Into<Vec<u8>>"), "bytes setter");
    assert!(source.contains("rt::Body::Bytes("), "sent as bytes");
    assert!(
        source.contains("\"application/octet-stream\""),
        "with its media type"
    );
}

#[test]
fn malformed_config_names_the_config_file() {
    let case = Case::new(&spec_with(REVOKE, ""), "directive: [\n");
    case.assert_fails(&["config.yml"]);
}

#[test]
fn bad_directive_regex_names_the_directive() {
    let config = format!(
        "{CONFIG}directive:\n  - where:\n      subject: ^(Unclosed\n    set:\n      subject: X\n"
    );
    let case = Case::new(&spec_with(REVOKE, ""), &config);
    case.assert_fails(&["config.yml", "directive #0"]);
}

#[test]
fn missing_spec_file_is_reported() {
    let case = Case::new("", CONFIG);
    std::fs::remove_file(case.dir.path().join("spec.yml")).expect("removed");
    let (output, _) = case.generate();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("spec.yml: cannot read"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn names_that_cannot_be_rust_identifiers_are_refused() {
    // A directive may set any text; generation refuses what Rust cannot name, instead of panicking.
    let config = format!(
        "{CONFIG}directive:\n  - where:\n      verb: Revoke\n    set:\n      subject: UserSignInSessionRévoquée\n"
    );
    let case = Case::new(&spec_with(REVOKE, ""), &config);
    case.assert_fails(&[
        "cannot be a Rust identifier",
        "Revoke-MgUserSignInSessionRévoquée",
    ]);
}

#[test]
fn trim_keeps_the_named_cmdlets_and_writes_nothing_for_an_unknown_one() {
    let out = tempfile::tempdir().expect("temp dir");
    let out_dir = out.path().join("trimmed");
    let out_arg = out_dir.to_str().expect("utf-8 temp path");
    let mut args = vec!["trim"];
    args.extend(BETA);
    args.extend([
        "--cmdlet",
        "Invoke-MgBetaInvalidateUserRefreshToken",
        "--out-dir",
        out_arg,
    ]);
    let output = run(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "Invoke-MgBetaInvalidateAllUserRefreshToken\n"
    );
    let trimmed = std::fs::read_to_string(out_dir.join("Users.Actions.beta.yml")).expect("spec");
    assert!(
        trimmed.contains("/microsoft.graph.invalidateAllRefreshTokens:"),
        "{trimmed}"
    );
    assert!(
        !trimmed.contains("/microsoft.graph.revokeSignInSessions:"),
        "{trimmed}"
    );
    let manifest = std::fs::read_to_string(out_dir.join("modules.yml")).expect("manifest");
    assert!(
        manifest.contains("Users.Actions.beta.config.yml"),
        "{manifest}"
    );
    // Our overlay goes along with the additions for the kept operation only, and applies.
    assert!(
        manifest.contains("overlay: Users.Actions.beta.overlay.yml"),
        "{manifest}"
    );
    let overlay =
        std::fs::read_to_string(out_dir.join("Users.Actions.beta.overlay.yml")).expect("overlay");
    assert!(overlay.contains("invalidateAllRefreshTokens"), "{overlay}");
    assert!(!overlay.contains("revokeSignInSessions"), "{overlay}");
    let manifest_arg = out_dir.join("modules.yml");
    let built = run(&[
        "builtin",
        "--manifest",
        manifest_arg.to_str().expect("utf-8 temp path"),
    ]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(
        stdout(&built).contains("Invoke-MgBetaInvalidateAllUserRefreshToken"),
        "{}",
        stdout(&built)
    );

    let elsewhere = out.path().join("never");
    let mut args = vec!["trim"];
    args.extend(BETA);
    let never = elsewhere.to_str().expect("utf-8 temp path");
    args.extend([
        "--cmdlet",
        "Revoke-MgBetaUserSignInSessions",
        "--out-dir",
        never,
    ]);
    let output = run(&args);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("did you mean Revoke-MgBetaUserSignInSession?"),
        "{}",
        stderr(&output)
    );
    assert!(
        !elsewhere.exists(),
        "nothing is written for a name that is not a cmdlet"
    );
}

// ----------------------------------------------------------------------------------------------
// Hostile specs (issue 12): each used to generate something wrong or uncompilable.
// ----------------------------------------------------------------------------------------------

/// A second operation: `checkMemberGroups`, with `operation_id` as its id.
fn check_member_groups(operation_id: &str) -> String {
    REVOKE
        .replace("revokeSignInSessions", "checkMemberGroups")
        .replace("user_revokeSignInSession", operation_id)
}

#[test]
fn an_operation_id_given_to_two_operations_names_both_places() {
    let spec = spec_with(
        &format!(
            "{REVOKE}{}",
            check_member_groups("user_revokeSignInSession")
        ),
        "",
    );
    Case::new(&spec, CONFIG).assert_fails(&[
        "spec.yml",
        "paths.'/users/{user-id}/microsoft.graph.revokeSignInSessions'.post",
        "paths.'/users/{user-id}/microsoft.graph.checkMemberGroups'.post",
        "operationId `user_revokeSignInSession` is given to two different operations",
    ]);
}

#[test]
fn operation_ids_differing_only_in_case_are_refused() {
    let spec = spec_with(
        &format!(
            "{REVOKE}{}",
            check_member_groups("User_RevokeSignInSession")
        ),
        "",
    );
    Case::new(&spec, CONFIG).assert_fails(&[
        "spec.yml",
        "paths.'/users/{user-id}/microsoft.graph.checkMemberGroups'.post",
        "`user_revokeSignInSession` and `User_RevokeSignInSession` differ only in case",
    ]);
}

#[test]
fn one_action_reached_through_two_paths_keeps_its_shared_id() {
    // The SDK's own specs do this (calendar/… and calendars/{calendar-id}/…): numbered sets.
    let me = "  '/me/microsoft.graph.revokeSignInSessions':\n    post:\n      operationId: user_revokeSignInSession\n      responses:\n        2XX:\n          description: done\n";
    let case = Case::new(&spec_with(&format!("{REVOKE}{me}"), ""), CONFIG);
    let (output, source) = case.generate();
    assert!(output.status.success(), "{}", stderr(&output));
    // Both operations stay reachable, each from its own method.
    assert!(
        source.contains("pub fn revoke_mg_user_sign_in_session("),
        "{source}"
    );
    assert!(
        source.contains("pub fn revoke_mg_user_sign_in_session_revoke("),
        "{source}"
    );
}

/// Runs `args`, asserting it fails quickly with a message naming `file` and the line.
fn assert_refused_fast(args: &[&str], needles: &[&str]) {
    let started = std::time::Instant::now();
    let output = run(args);
    let elapsed = started.elapsed();
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    for needle in needles {
        assert!(message.contains(needle), "`{needle}` in: {message}");
    }
    assert!(elapsed.as_secs_f64() < 2.0, "refused in {elapsed:?}");
}

#[test]
fn deeply_nested_yaml_is_refused_fast_with_its_line() {
    // 30 000 levels took libyaml about ten seconds (quadratic) before serde_yaml gave up.
    let deep_flow = format!("{}x: {}\n", spec_with(REVOKE, ""), "[".repeat(30_000));
    let deep_block = format!("{CONFIG}directive:\n{}\n", "- ".repeat(30_000));
    let case = Case::new(&deep_flow, &deep_block);
    case.assert_fails(&["config.yml: line 4: collections nested more than 128 levels deep"]);
    std::fs::write(case.dir.path().join("config.yml"), CONFIG).expect("config");
    assert_refused_fast(
        &[
            "list",
            "--spec",
            &case.path("spec.yml"),
            "--config",
            &case.path("config.yml"),
        ],
        &["spec.yml: line 32: collections nested more than 128 levels deep"],
    );
    let manifest = format!("modules:\n  - {}\n", "{a: ".repeat(30_000));
    std::fs::write(case.dir.path().join("modules.yml"), manifest).expect("manifest");
    assert_refused_fast(
        &["builtin", "--manifest", &case.path("modules.yml")],
        &["modules.yml: line 2: collections nested more than 128 levels deep"],
    );
}

#[test]
fn an_operation_id_with_a_right_to_left_override_is_refused_with_its_place() {
    let spec = spec_with(
        &REVOKE.replace(
            "operationId: user_revokeSignInSession",
            "operationId: \"user_revokeSign\\u202EInSession\"",
        ),
        "",
    );
    Case::new(&spec, CONFIG).assert_fails(&[
        "spec.yml",
        "paths.'/users/{user-id}/microsoft.graph.revokeSignInSessions'.post",
        "operationId `user_revokeSign\\u{202e}InSession` holds the invisible character U+202E",
    ]);
}

#[test]
fn a_subject_set_with_a_right_to_left_override_is_refused_with_the_operation() {
    let config = format!(
        "{CONFIG}directive:\n  - where:\n      verb: Revoke\n    set:\n      subject: \"UserSign\\u202EInSession\"\n"
    );
    Case::new(&spec_with(REVOKE, ""), &config).assert_fails(&[
        "paths.'/users/{user-id}/microsoft.graph.revokeSignInSessions'.post (operationId user_revokeSignInSession)",
        "`Revoke-MgUserSign\\u{202e}InSession`",
        "the invisible character U+202E",
    ]);
}

#[test]
fn an_alias_that_is_a_rust_keyword_is_refused() {
    let config =
        format!("{CONFIG}directive:\n  - where:\n      verb: Revoke\n    set:\n      alias: fn\n");
    Case::new(&spec_with(REVOKE, ""), &config).assert_fails(&[
        "operationId user_revokeSignInSession",
        "`fn` (named by the operationId and the directives) would be the method `fn`, a Rust keyword",
    ]);
}

#[test]
fn descriptions_with_carriage_returns_and_bidi_controls_become_safe_doc_text() {
    let spec = spec_with(
        &REVOKE.replace(
            "      operationId:",
            "      summary: \"Revoke\\r sessions\\r\\nof \\u202Eevil\\u2066 \\a\\e users\"\n      description: \"line\\u2028next\"\n      operationId:",
        ),
        "",
    );
    let case = Case::new(&spec, CONFIG);
    let (output, source) = case.generate();
    assert!(output.status.success(), "{}", stderr(&output));
    let hidden = |c: char| (c.is_control() && c != '\n') || ('\u{2028}'..='\u{2069}').contains(&c);
    assert!(!source.contains(hidden), "no raw control or bidi character");
    assert!(
        source.contains("Revoke\n sessions\nof \\u{202e}evil\\u{2066} \\u{7}\\u{1b} users"),
        "{source}"
    );
    assert!(source.contains("line\nnext"), "{source}");
}

#[test]
fn dot_segments_in_paths_are_refused() {
    let spec = spec_with(
        &REVOKE.replace(
            "/microsoft.graph.revokeSignInSessions",
            "/../microsoft.graph.revokeSignInSessions",
        ),
        "",
    );
    Case::new(&spec, CONFIG).assert_fails(&[
        "spec.yml",
        "paths.'/users/{user-id}/../microsoft.graph.revokeSignInSessions'.post",
        "has a `..` segment",
    ]);
}

#[test]
fn server_urls_whose_version_segment_cannot_be_a_path_segment_are_refused() {
    for url in [
        "https://graph.microsoft.com/../",
        "https://graph.microsoft.com/v1.0'",
        "'https://graph.microsoft.com/v 1.0'",
        "https://graph.microsoft.com/bêta",
        "https://graph.microsoft.com/\"beta\"",
    ] {
        let spec = spec_with(REVOKE, "").replace("https://graph.microsoft.com/v1.0/", url);
        Case::new(&spec, CONFIG).assert_fails(&[
            "spec.yml",
            "servers[0].url",
            "the API version segment",
        ]);
    }
}

#[cfg(unix)]
#[test]
fn generate_writes_with_the_mode_of_a_plain_write_and_only_over_regular_files() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &Path| {
        std::fs::metadata(path)
            .expect("exists")
            .permissions()
            .mode()
            & 0o777
    };
    let case = Case::new(&spec_with(REVOKE, ""), CONFIG);
    let generate_to = |out: &Path| {
        run(&[
            "generate",
            "--spec",
            &case.path("spec.yml"),
            "--config",
            &case.path("config.yml"),
            "--out",
            out.to_str().expect("utf-8 path"),
        ])
    };
    // An existing file keeps its mode (it used to become 0600).
    let existing = case.dir.path().join("existing.rs");
    std::fs::write(&existing, "").expect("written");
    std::fs::set_permissions(&existing, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    assert!(generate_to(&existing).status.success());
    assert_eq!(mode(&existing), 0o644);
    // A new file gets what a plain write gives under the same umask.
    let plain = case.dir.path().join("plain.rs");
    std::fs::write(&plain, "").expect("written");
    let new = case.dir.path().join("new.rs");
    assert!(generate_to(&new).status.success());
    assert_eq!(mode(&new), mode(&plain));
    // A symbolic link is refused, not replaced by a file and not written through.
    let link = case.dir.path().join("link.rs");
    std::os::unix::fs::symlink(&existing, &link).expect("symlink");
    let before = std::fs::read_to_string(&existing).expect("read");
    let output = generate_to(&link);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("it is a symbolic link, not a regular file"),
        "{}",
        stderr(&output)
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&existing).expect("read"), before);
}

/// Exponential for fancy-regex's backtracking engine: it stops at its limit on any subject.
const GIVES_UP: &str = r"(\w|\w)+\1!";

#[test]
fn a_where_regex_that_gives_up_is_an_error_naming_the_directive() {
    let config = format!(
        "{CONFIG}directive:\n  - where:\n      verb: Revoke\n    set:\n      alias: Revoke-Sessions\n  - where:\n      subject: '{GIVES_UP}'\n    set:\n      subject: Other\n"
    );
    Case::new(&spec_with(REVOKE, ""), &config).assert_fails(&[
        "config.yml: directive #1 (line 8)",
        "gave up on `UserSignInSession`",
    ]);
}

#[test]
fn a_remove_path_regex_that_gives_up_is_an_error_naming_the_directive() {
    let config = format!("{CONFIG}directive:\n  - remove-path-by-operation: '{GIVES_UP}'\n");
    Case::new(&spec_with(REVOKE, ""), &config).assert_fails(&[
        "config.yml: directive #0 (line 4)",
        "gave up on `user_revokeSignInSession`",
    ]);
}

#[test]
fn a_parameter_renamed_to_nothing_spellable_is_refused_not_a_panic() {
    // Found by tests/fuzz_pipeline.rs: the setter's name came out empty and the emitter panicked.
    let config = format!(
        "{CONFIG}directive:\n  - where:\n      parameter-name: UserId\n    set:\n      parameter-name: \"\\u202E\"\n"
    );
    Case::new(&spec_with(REVOKE, ""), &config).assert_fails(&[
        "operationId user_revokeSignInSession",
        "has the parameter `\\u{202e}`",
    ]);
}

#[test]
fn a_regex_that_gives_up_stops_the_run_at_once() {
    // Found by tests/fuzz_pipeline.rs: every variant used to spend the whole backtracking budget
    // again (over a minute on a module); now the first give-up ends matching.
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("slow.yml");
    std::fs::write(
        &config,
        format!(
            "directive:\n  - where:\n      subject: '{GIVES_UP}'\n    set:\n      subject: X\n"
        ),
    )
    .expect("config");
    let mut args = vec!["list"];
    args.extend(BETA);
    args.extend(["--config", config.to_str().expect("utf-8 path")]);
    assert_refused_fast(&args, &["slow.yml: directive #0 (line 2)", "gave up on"]);
}
