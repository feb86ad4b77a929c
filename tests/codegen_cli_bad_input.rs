//! The `codegen` command line on bad input: a clear message naming the file and the place, a
//! non-zero exit, nothing written; and the cases the SDK's naming rules resolve (renumbered
//! sets, dropped aliases, skipped directives, trimming).

mod codegen_cli_support;

use std::path::Path;

use codegen_cli_support::*;

// ----------------------------------------------------------------------------------------------
// Bad input
// ----------------------------------------------------------------------------------------------

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
        "pub fn filter(self, value: impl Into<String>)",
        "pub fn top(self, value: i64)",
        "pub fn select(self, value: impl IntoIterator<Item = impl Into<String>>)",
        "pub fn consistency_level(self, value: impl Into<String>)",
        // A header parameter is sent as a header too.
        "self.cmdlet_header_option(3, \"ConsistencyLevel\"",
        // The runtime appends the query from the operation's table of parameters.
        "rt::OptionParameter {",
        "name: \"$top\"",
        // The body property `requestBody` would take the builder's own `request_body`.
        "pub fn request_body_parameter(self",
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
    assert!(source.contains("rt::BodyKind::Bytes"), "sent as bytes");
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
