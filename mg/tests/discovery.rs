//! `mg`'s discovery commands run as a user runs them: `Get-Help` (and `-?`), `Get-Command`,
//! `Find-MgGraphCommand` and `completions`, with their errors and exit codes.

use assert_cmd::Command;
use serde_json::Value;

fn mg(args: &[&str]) -> assert_cmd::assert::Assert {
    Command::new(env!("CARGO_BIN_EXE_mg")).args(args).assert()
}

fn stdout(args: &[&str]) -> String {
    let output = mg(args).success().get_output().stdout.clone();
    String::from_utf8(output).expect("UTF-8 output")
}

/// A usage error: exit code 2, nothing on stdout, the message on stderr.
fn usage_error(args: &[&str]) -> String {
    let assert = mg(args).code(2).stdout("");
    String::from_utf8(assert.get_output().stderr.clone()).expect("UTF-8 stderr")
}

/// Each piece is in `text`, in this order.
fn assert_in_order(text: &str, pieces: &[&str]) {
    let mut from = 0;
    for piece in pieces {
        match text[from..].find(piece) {
            Some(at) => from += at + piece.len(),
            None => panic!("`{piece}` missing (or out of order) in:\n{text}"),
        }
    }
}

/// The block of one parameter in a help page, up to the next blank line after its rows.
fn parameter_block<'a>(help: &'a str, heading: &str) -> &'a str {
    let start = help
        .find(&format!("\n    {heading}\n"))
        .unwrap_or_else(|| panic!("no parameter `{heading}` in:\n{help}"));
    let block = &help[start + 1..];
    let end = block
        .find("Accept wildcard characters?")
        .expect("a parameter block ends with its wildcard row");
    &block[..end]
}

#[test]
fn help_page_of_revoke_reads_like_the_sdk() {
    let help = stdout(&["Get-Help", "Revoke-MgUserSignInSession"]);
    assert_in_order(
        &help,
        &[
            "NAME\n    Revoke-MgUserSignInSession\n",
            "SYNOPSIS\n    ",
            "SYNTAX\n",
            "    Revoke-MgUserSignInSession -UserId <String> [-ResponseHeadersVariable <String>] \
             [-Headers <IDictionary>] [-WhatIf] [-Confirm]\n",
            "    Revoke-MgUserSignInSession -InputObject <IUsersActionsIdentity> \
             [-ResponseHeadersVariable <String>] [-Headers <IDictionary>] [-WhatIf] [-Confirm]\n",
            "DESCRIPTION\n",
            "PARAMETERS\n",
            // Alphabetical, as the SDK's page lists them.
            "    -Confirm [<SwitchParameter>]\n",
            "    -Headers <IDictionary>\n",
            "    -InputObject <IUsersActionsIdentity>\n",
            "    -ResponseHeadersVariable <String>\n",
            "    -UserId <String>\n",
            "    -WhatIf [<SwitchParameter>]\n",
            "INPUTS\n    Microsoft.Graph.PowerShell.Models.IUsersActionsIdentity\n",
            "OUTPUTS\n    System.Boolean\n",
            "NOTES\n",
            "POST /v1.0/users/{user-id}/microsoft.graph.revokeSignInSessions",
            "PERMISSIONS\n",
            "User.RevokeSessions.All",
            "NATIONAL CLOUDS\n    Global, USGov, USGovDoD, China\n",
            "RELATED LINKS\n    https://learn.microsoft.com/graph/api/user-revokesigninsessions",
        ],
    );
    let user_id = parameter_block(&help, "-UserId <String>");
    assert_in_order(
        user_id,
        &[
            "Key of the user",
            "Required?                    true\n",
            "Position?                    Named\n",
            "Accept pipeline input?       True (ByPropertyName)\n",
            "Parameter set name           Revoke\n",
        ],
    );
    let input = parameter_block(&help, "-InputObject <IUsersActionsIdentity>");
    assert!(
        input.contains("Accept pipeline input?       True (ByValue)"),
        "{input}"
    );
    assert!(input.contains("this call needs UserId"), "{input}");
    let rhv = parameter_block(&help, "-ResponseHeadersVariable <String>");
    assert!(rhv.contains("Aliases                      RHV\n"), "{rhv}");
    assert!(
        !help.contains("ALIASES\n"),
        "Revoke-MgUserSignInSession has no alias"
    );
}

#[test]
fn question_mark_and_any_case_give_the_same_page() {
    let help = stdout(&["Get-Help", "Revoke-MgUserSignInSession"]);
    assert_eq!(
        stdout(&["revoke-mgusersigninsession", "-UserId", "x", "-?"]),
        help
    );
    assert_eq!(
        stdout(&["GET-HELP", "REVOKE-MGUSERSIGNINSESSION", "-Full"]),
        help
    );
    // The Unix spelling names the same cmdlet.
    assert_eq!(stdout(&["help", "revoke-mg-user-sign-in-session"]), help);
    assert_eq!(
        stdout(&["Get-Help", "Revoke-MgUserSignInSession", "-?"]),
        help
    );
}

#[test]
fn beta_seed_cmdlet_and_its_alias() {
    let help = stdout(&["Get-Help", "Invoke-MgBetaInvalidateUserRefreshToken"]);
    assert_in_order(
        &help,
        &[
            "NAME\n    Invoke-MgBetaInvalidateAllUserRefreshToken\n",
            "    Invoke-MgBetaInvalidateAllUserRefreshToken -UserId <String> \
             [-ResponseHeadersVariable <String>] [-Headers <IDictionary>] [-WhatIf] [-Confirm]\n",
            "    Invoke-MgBetaInvalidateAllUserRefreshToken -InputObject <IUsersActionsIdentity>",
            "Deprecated",
            "INPUTS\n    Microsoft.Graph.Beta.PowerShell.Models.IUsersActionsIdentity\n",
            "OUTPUTS\n    System.Boolean\n",
            "ALIASES\n    Invoke-MgBetaInvalidateUserRefreshToken\n",
            "POST /beta/users/{user-id}/microsoft.graph.invalidateAllRefreshTokens",
        ],
    );
    // The permissions table, row by row as on the SDK's page.
    let table: Vec<Vec<&str>> = help
        .lines()
        .skip_while(|line| !line.contains("PERMISSIONS"))
        .skip(1)
        .take(4)
        .map(|line| {
            line.split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect()
        })
        .collect();
    assert_eq!(
        table,
        [
            vec![
                "Permission type",
                "Least privileged permissions",
                "Higher privileged permissions"
            ],
            vec![
                "Delegated (work or school account)",
                "User.RevokeSessions.All",
                "Directory.ReadWrite.All, User.ReadWrite"
            ],
            vec![
                "Delegated (personal Microsoft account)",
                "User.ReadWrite",
                "Not available."
            ],
            vec!["Application", "User.RevokeSessions.All", "Not available."],
        ]
    );
    assert_eq!(
        stdout(&["Invoke-MgBetaInvalidateAllUserRefreshToken", "-?"]),
        help
    );
}

#[test]
fn help_as_json() {
    let text = stdout(&[
        "Get-Help",
        "Invoke-MgBetaInvalidateUserRefreshToken",
        "-Json",
    ]);
    assert_eq!(text.lines().count(), 1, "one JSON object on one line");
    let help: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(help["name"], "Invoke-MgBetaInvalidateAllUserRefreshToken");
    assert_eq!(help["apiVersion"], "beta");
    assert_eq!(
        help["aliases"][0],
        "Invoke-MgBetaInvalidateUserRefreshToken"
    );
    assert_eq!(help["outputs"][0], "System.Boolean");
    assert_eq!(help["syntax"][0]["parameterSet"], "Invalidate");
    assert_eq!(help["syntax"][0]["default"], true);
    let user_id = help["parameters"]
        .as_array()
        .expect("parameters")
        .iter()
        .find(|p| p["name"] == "UserId")
        .expect("UserId");
    assert_eq!(user_id["type"], "String");
    assert_eq!(user_id["required"], "true");
    assert_eq!(user_id["position"], "Named");
    assert_eq!(
        help["permissions"][0]["leastPrivileged"][0],
        "User.RevokeSessions.All"
    );
    assert_eq!(help["relatedLinks"].as_array().map(Vec::len), Some(1));

    // `-Parameter` narrows the page to the parameters it matches.
    let only = stdout(&[
        "Get-Help",
        "Revoke-MgUserSignInSession",
        "-Parameter",
        "*id",
        "-Json",
    ]);
    let only: Value = serde_json::from_str(&only).expect("JSON");
    let names: Vec<&str> = only["parameters"]
        .as_array()
        .expect("parameters")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(names, ["UserId"]);
}

#[test]
fn unknown_cmdlets_name_the_closest() {
    let error = usage_error(&["Get-Help", "Revoke-MgUserSignInSesion"]);
    assert!(
        error.contains("no cmdlet or alias is named `Revoke-MgUserSignInSesion`")
            && error.contains("did you mean Revoke-MgUserSignInSession"),
        "{error}"
    );
    let error = usage_error(&["Revoke-MgUserSignInSesion", "-?"]);
    assert!(
        error.contains("did you mean Revoke-MgUserSignInSession"),
        "{error}"
    );
    let error = usage_error(&[
        "Find-MgGraphCommand",
        "-Command",
        "Invoke-MgBetaInvalidateUserRefreshTokn",
    ]);
    assert!(
        error.contains("did you mean Invoke-MgBetaInvalidateUserRefreshToken"),
        "{error}"
    );
    let error = usage_error(&["Get-Command", "Get-MgUserSignInSession"]);
    assert!(error.contains("did you mean"), "{error}");
    // Nothing close: no suggestion, still a usage error.
    let error = usage_error(&["Get-Help", "Set-Location"]);
    assert!(!error.contains("did you mean"), "{error}");
    // A discovery parameter misspelt.
    let error = usage_error(&["Get-Command", "-Nuon", "User*"]);
    assert!(error.contains("did you mean -Noun"), "{error}");
}

#[test]
fn bare_help_is_the_overview() {
    let overview = stdout(&["Get-Help"]);
    assert!(
        overview.contains("mg Find-MgGraphCommand -Uri <uri>"),
        "{overview}"
    );
    // `--help` adds how cmdlets run (parameters, pipeline input, sign-in, exit codes).
    assert!(stdout(&["--help"]).starts_with(&overview));
    assert_eq!(stdout(&["Get-Command", "-?"]), overview);
    assert_eq!(stdout(&["Find-MgGraphCommand", "-?"]), overview);
}

/// The Name column of a Get-Command table.
fn names(table: &str) -> Vec<String> {
    let mut lines = table.lines();
    assert!(
        lines
            .next()
            .is_some_and(|l| l.starts_with("CommandType     Name")),
        "{table}"
    );
    lines
        .skip(1)
        .map(|line| line.split_whitespace().nth(1).expect("a name").to_owned())
        .collect()
}

#[test]
fn get_command_with_wildcards() {
    assert_eq!(
        names(&stdout(&["Get-Command", "Revoke-*"])),
        [
            "Revoke-MgBetaUserSignInSession",
            "Revoke-MgUserSignInSession"
        ]
    );
    assert_eq!(
        names(&stdout(&["Get-Command", "?EVOKE-mg[a-c]*"])),
        ["Revoke-MgBetaUserSignInSession"]
    );
    let refresh = stdout(&["get-command", "*refreshtoken"]);
    assert_in_order(
        &refresh,
        &[
            "Function        Invoke-MgBetaInvalidateAllUserRefreshToken",
            "beta       Microsoft.Graph.Beta.Users.Actions\n",
            "Alias           Invoke-MgBetaInvalidateUserRefreshToken -> \
             Invoke-MgBetaInvalidateAllUserRefreshToken",
        ],
    );
    let v1: Vec<String> = names(&stdout(&[
        "Get-Command",
        "-Verb",
        "Re*",
        "-ApiVersion",
        "v1.0",
    ]));
    assert_eq!(
        v1,
        [
            "Remove-MgAllUserDeviceFromManagement",
            "Revoke-MgUserSignInSession"
        ]
    );
    assert_eq!(
        names(&stdout(&["Get-Command", "-Noun", "MgUser*"])),
        [
            "Confirm-MgUserMemberGroup",
            "Disable-MgUserAuthenticationPhoneMethodSmsSignIn",
            "Revoke-MgUserSignInSession",
            "Update-MgUserPassword"
        ]
    );
    // Everything: each cmdlet and alias once.
    let all = names(&stdout(&["Get-Command"]));
    assert!(all.len() >= 16, "{all:?}");
    // A pattern that matches nothing lists nothing, as in PowerShell.
    assert_eq!(stdout(&["Get-Command", "Nothing-*"]), "");

    let json = stdout(&["Get-Command", "*SignInSession", "--json"]);
    let rows: Vec<Value> = json
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1]["Name"], "Revoke-MgUserSignInSession");
    assert_eq!(rows[1]["CommandType"], "Function");
    assert_eq!(rows[1]["Version"], "v1.0");
    assert_eq!(rows[1]["Source"], "Microsoft.Graph.Users.Actions");
}

/// The `(Command, APIVersion)` pairs of a Find-MgGraphCommand answer.
fn found(args: &[&str]) -> Vec<(String, String)> {
    let mut all = vec!["Find-MgGraphCommand"];
    all.extend(args);
    all.push("-Json");
    stdout(&all)
        .lines()
        .map(|line| {
            let row: Value = serde_json::from_str(line).expect("JSON line");
            (
                row["Command"].as_str().unwrap_or_default().to_owned(),
                row["APIVersion"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn find_by_uri_matches_real_urls_to_templates() {
    let both = [
        ("Revoke-MgUserSignInSession".to_owned(), "v1.0".to_owned()),
        (
            "Revoke-MgBetaUserSignInSession".to_owned(),
            "beta".to_owned(),
        ),
    ];
    for uri in [
        "/users/alice@contoso.com/revokeSignInSessions",
        "/users/alice@contoso.com/microsoft.graph.revokeSignInSessions",
        "users/alice%40contoso.com/RevokeSignInSessions/",
        "/USERS/x/REVOKESIGNINSESSIONS?$select=id",
    ] {
        assert_eq!(found(&["-Uri", uri]), both, "{uri}");
    }
    assert_eq!(
        found(&["-Uri", "/v1.0/users/alice@contoso.com/revokeSignInSessions"]),
        both[..1]
    );
    assert_eq!(
        found(&["https://graph.microsoft.com/beta/users/x/microsoft.graph.revokeSignInSessions"]),
        both[1..]
    );
    assert_eq!(
        found(&[
            "-Uri",
            "/users/x/revokeSignInSessions",
            "-ApiVersion",
            "beta",
            "-Method",
            "post"
        ]),
        both[1..]
    );

    let text = stdout(&[
        "Find-MgGraphCommand",
        "-Uri",
        "/v1.0/users/alice@contoso.com/revokeSignInSessions",
    ]);
    assert_in_order(
        &text,
        &[
            "Command     : Revoke-MgUserSignInSession\n",
            "Module      : Users.Actions\n",
            "APIVersion  : v1.0\n",
            "Method      : POST\n",
            "URI         : /users/{user-id}/microsoft.graph.revokeSignInSessions\n",
            "OutputType  : System.Boolean\n",
            "Permissions : {User.RevokeSessions.All}\n",
            "Variants    : {Revoke, RevokeViaIdentity}\n",
        ],
    );

    let error = usage_error(&["Find-MgGraphCommand", "-Uri", "/users/x/notAnAction"]);
    assert!(
        error.contains("no cmdlet calls /users/x/notAnAction"),
        "{error}"
    );
    usage_error(&[
        "Find-MgGraphCommand",
        "-Uri",
        "/users/x/revokeSignInSessions",
        "-Method",
        "GET",
    ]);
    usage_error(&["Find-MgGraphCommand", "-Uri", "/users/revokeSignInSessions"]);
    let error = usage_error(&[
        "Find-MgGraphCommand",
        "-Uri",
        "/beta/users/x/revokeSignInSessions",
        "-ApiVersion",
        "v1.0",
    ]);
    assert!(error.contains("-ApiVersion"), "{error}");
}

#[test]
fn find_by_command() {
    let text = stdout(&[
        "Find-MgGraphCommand",
        "-Command",
        "invoke-mgbetainvalidateuserrefreshtoken",
        "-Json",
    ]);
    let row: Value = serde_json::from_str(text.trim()).expect("one JSON object");
    assert_eq!(row["Command"], "Invoke-MgBetaInvalidateAllUserRefreshToken");
    assert_eq!(row["Method"], "POST");
    assert_eq!(
        row["URI"],
        "/users/{user-id}/microsoft.graph.invalidateAllRefreshTokens"
    );
    assert_eq!(row["Permissions"][0], "User.RevokeSessions.All");
    assert_eq!(
        found(&["-Command", "Revoke-Mg*"]),
        [
            ("Revoke-MgUserSignInSession".to_owned(), "v1.0".to_owned()),
            (
                "Revoke-MgBetaUserSignInSession".to_owned(),
                "beta".to_owned()
            ),
        ]
    );
}

#[test]
fn completion_scripts_know_cmdlets_and_parameters() {
    for shell in ["bash", "zsh", "fish", "powershell", "PowerShell"] {
        let script = stdout(&["completions", shell]);
        for name in [
            "Revoke-MgUserSignInSession",
            "Invoke-MgBetaInvalidateAllUserRefreshToken",
            "Invoke-MgBetaInvalidateUserRefreshToken",
            "revoke-mg-user-sign-in-session",
            "UserId",
            "user-id",
            "InputObject",
            "WhatIf",
            "Get-Help",
            "Find-MgGraphCommand",
        ] {
            assert!(script.contains(name), "{shell}: `{name}` missing");
        }
    }
    let error = usage_error(&["completions", "tcsh"]);
    assert!(error.contains("bash, zsh, fish or powershell"), "{error}");
}
