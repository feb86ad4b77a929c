//! Binding, set resolution and request building against a small hand-written catalog in the
//! generated catalog's shape (the binary's own tests, in `mg/tests`, use the real one).

use mg_runtime::catalog::{
    Answer, Command, Identity, IdentityKey, Module, Parameter, ParameterSet, ParameterSource,
    SetParameter, ValueKind,
};
use mg_runtime::support::OperationInfo;

use super::bind::{bind, resolve};
use super::names::{self, Common, Target};
use super::request;
use super::values::Arg;
use super::{Failure, run_with};

static REVOKE_OP: OperationInfo = OperationInfo {
    cmdlet: "Revoke-MgUserSignInSession",
    method: "POST",
    api_version: "v1.0",
    path_template: "/users/{user-id}/microsoft.graph.revokeSignInSessions",
    least_privileged: &[],
    repeatable: true,
};

static PASSWORD_OP: OperationInfo = OperationInfo {
    cmdlet: "Update-MgUserPassword",
    method: "POST",
    api_version: "v1.0",
    path_template: "/users/{user-id}/microsoft.graph.changePassword",
    least_privileged: &[],
    repeatable: false,
};

const fn param(name: &'static str, source: ParameterSource, value: ValueKind) -> Parameter {
    Parameter {
        name,
        aliases: &[],
        type_name: "String",
        description: "",
        source,
        value,
        pipeline_by_value: false,
        pipeline_by_property_name: false,
    }
}

const USER_ID: Parameter = param(
    "UserId",
    ParameterSource::Path {
        serialized_name: "user-id",
    },
    ValueKind::String,
);
const INPUT_OBJECT: Parameter = param(
    "InputObject",
    ParameterSource::InputObject,
    ValueKind::Object,
);

const fn set_param(parameter: u16, required: bool) -> SetParameter {
    SetParameter {
        parameter,
        required,
    }
}

const fn command(
    name: &'static str,
    default_set: &'static str,
    sets: &'static [ParameterSet],
    parameters: &'static [Parameter],
    answer: Answer,
) -> Command {
    Command {
        name,
        aliases: &[],
        rust_method: "",
        synopsis: "",
        description: "",
        default_set,
        sets,
        parameters,
        answer,
        output_type: "",
        pass_thru: false,
        supports_should_process: true,
        permissions: &[],
        national_clouds: &[],
        doc_url: "",
        deprecation: "",
    }
}

static COMMANDS: [Command; 2] = [
    command(
        "Revoke-MgUserSignInSession",
        "Revoke",
        &[
            ParameterSet {
                name: "Revoke",
                operation: &REVOKE_OP,
                via_identity: false,
                expanded: false,
                parameters: &[set_param(0, true)],
            },
            ParameterSet {
                name: "RevokeViaIdentity",
                operation: &REVOKE_OP,
                via_identity: true,
                expanded: false,
                parameters: &[set_param(1, true)],
            },
        ],
        &[USER_ID, INPUT_OBJECT],
        Answer::SingleValue {
            property: "value",
            value: ValueKind::Boolean,
        },
    ),
    command(
        "Update-MgUserPassword",
        "ChangeExpanded",
        &[
            ParameterSet {
                name: "Change",
                operation: &PASSWORD_OP,
                via_identity: false,
                expanded: false,
                parameters: &[set_param(0, true), set_param(2, true)],
            },
            ParameterSet {
                name: "ChangeExpanded",
                operation: &PASSWORD_OP,
                via_identity: false,
                expanded: true,
                parameters: &[set_param(0, true), set_param(3, false), set_param(4, false)],
            },
            ParameterSet {
                name: "ChangeViaIdentityExpanded",
                operation: &PASSWORD_OP,
                via_identity: true,
                expanded: true,
                parameters: &[set_param(1, true), set_param(3, false), set_param(4, false)],
            },
        ],
        &[
            USER_ID,
            INPUT_OBJECT,
            param("BodyParameter", ParameterSource::Body, ValueKind::Object),
            param(
                "CurrentPassword",
                ParameterSource::BodyProperty {
                    json_name: "currentPassword",
                },
                ValueKind::String,
            ),
            param(
                "NewPassword",
                ParameterSource::BodyProperty {
                    json_name: "newPassword",
                },
                ValueKind::String,
            ),
        ],
        Answer::NoContent,
    ),
];

static MODULE: Module = Module {
    rust_module: "v1_0",
    api_version: "v1.0",
    service_name: "Users.Actions",
    powershell_module: "Microsoft.Graph.Users.Actions",
    identity: Identity {
        name: "IUsersActionsIdentity",
        keys: &[IdentityKey {
            name: "UserId",
            serialized_name: "user-id",
            description: "",
        }],
    },
    commands: &COMMANDS,
};

fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|w| (*w).to_owned()).collect()
}

fn usage(result: Result<impl std::fmt::Debug, Failure>) -> String {
    match result {
        Err(Failure::Usage(m)) => m,
        other => panic!("expected a usage error, got {other:?}"),
    }
}

#[test]
fn cmdlets_by_name_alias_case_and_unix_spelling() {
    let catalog = [&MODULE];
    for typed in [
        "Revoke-MgUserSignInSession",
        "revoke-mgusersigninsession",
        "revoke-mg-user-sign-in-session",
    ] {
        let found = names::command(&catalog, typed).map(|(_, c)| c.name);
        assert_eq!(found.ok(), Some("Revoke-MgUserSignInSession"), "{typed}");
    }
    let err = usage(names::command(&catalog, "Revoke-MgUserSignInSesion"));
    assert!(
        err.contains("Did you mean: Revoke-MgUserSignInSession?"),
        "{err}"
    );
}

#[test]
fn parameter_prefixes_and_ambiguity() {
    let cmd = &COMMANDS[1];
    assert_eq!(
        names::parameter(cmd, "user", false).ok(),
        Some(Target::Parameter(0))
    );
    assert_eq!(
        names::parameter(cmd, "new-password", true).ok(),
        Some(Target::Parameter(4))
    );
    assert_eq!(
        names::parameter(cmd, "RHV", false).ok(),
        Some(Target::Common(Common::ResponseHeadersVariable))
    );
    let err = usage(names::parameter(cmd, "C", false));
    assert!(
        err.contains("ambiguous") && err.contains("-CurrentPassword") && err.contains("-Confirm"),
        "{err}"
    );
    let err = usage(names::parameter(cmd, "NewPasword", false));
    assert!(err.contains("Did you mean: -NewPassword"), "{err}");
}

#[test]
fn sets_resolve_as_powershell_does() {
    let revoke = &COMMANDS[0];
    assert_eq!(resolve(revoke, &[0]).map(|s| s.name).ok(), Some("Revoke"));
    assert_eq!(
        resolve(revoke, &[1]).map(|s| s.name).ok(),
        Some("RevokeViaIdentity")
    );
    let err = usage(resolve(revoke, &[0, 1]));
    assert!(
        err.contains("Parameter set cannot be resolved using the specified named parameters."),
        "{err}"
    );
    assert!(
        err.contains("Revoke takes -UserId but not -InputObject"),
        "{err}"
    );
    let err = usage(resolve(revoke, &[]));
    assert!(
        err.contains("missing mandatory parameters: -UserId"),
        "{err}"
    );

    let password = &COMMANDS[1];
    // -UserId alone fits Change (needs -BodyParameter) and ChangeExpanded: the complete one wins.
    assert_eq!(
        resolve(password, &[0]).map(|s| s.name).ok(),
        Some("ChangeExpanded")
    );
    assert_eq!(
        resolve(password, &[0, 2]).map(|s| s.name).ok(),
        Some("Change")
    );
    assert_eq!(
        resolve(password, &[1, 3]).map(|s| s.name).ok(),
        Some("ChangeViaIdentityExpanded")
    );
    // -CurrentPassword alone: two expanded sets, neither complete, default names what is missing.
    let err = usage(resolve(password, &[3]));
    assert!(
        err.contains("-UserId") && err.contains("ChangeExpanded"),
        "{err}"
    );
}

#[test]
fn binding_switches_headers_and_values() {
    let call = bind(
        &COMMANDS[1],
        &words(&[
            "-user",
            "a",
            "--new-password=n",
            "-Confirm:$false",
            "-WhatIf",
            "-Headers",
            "@{",
            "x-a",
            "=",
            "1;",
            "b=2",
            "}",
            "-Headers",
            "c=3",
        ]),
    )
    .map_err(|f| f.message());
    let call = call.unwrap_or_else(|m| panic!("{m}"));
    assert!(call.what_if && !call.confirm);
    assert_eq!(
        call.headers,
        vec![
            ("x-a".into(), "1".into()),
            ("b".into(), "2".into()),
            ("c".into(), "3".into())
        ]
    );
    let set = resolve(&COMMANDS[1], &[0, 4]).unwrap_or_else(|f| panic!("{}", f.message()));
    let req = request::build(&MODULE, &COMMANDS[1], set, &call.given, &call.headers)
        .unwrap_or_else(|f| panic!("{}", f.message()));
    assert_eq!(req.path, "/users/a/microsoft.graph.changePassword");
    assert_eq!(
        req.body,
        Some(Arg::Json(serde_json::json!({"newPassword": "n"})))
    );

    let err = usage(bind(&COMMANDS[0], &words(&["-UserId"])));
    assert!(
        err.contains("missing an argument for parameter 'UserId'"),
        "{err}"
    );
    let err = usage(bind(&COMMANDS[0], &words(&["alice"])));
    assert!(
        err.contains("positional parameter cannot be found"),
        "{err}"
    );
    let err = usage(bind(
        &COMMANDS[0],
        &words(&["-UserId", "a", "-userid", "b"]),
    ));
    assert!(err.contains("more than once"), "{err}");
}

#[test]
fn identity_input_renders_the_path_and_names_missing_keys() {
    let call = bind(
        &COMMANDS[0],
        &words(&[
            "-InputObject",
            r#"{"userid":"bob@contoso.com","displayName":"Bob"}"#,
        ]),
    );
    let call = call.unwrap_or_else(|f| panic!("{}", f.message()));
    let set = resolve(&COMMANDS[0], &[1]).unwrap_or_else(|f| panic!("{}", f.message()));
    let req = request::build(&MODULE, &COMMANDS[0], set, &call.given, &[]);
    assert_eq!(
        req.map(|r| r.path).ok().as_deref(),
        Some("/users/bob%40contoso.com/microsoft.graph.revokeSignInSessions")
    );
    let call = bind(
        &COMMANDS[0],
        &words(&["-InputObject", r#"{"displayName":"Bob"}"#]),
    );
    let call = call.unwrap_or_else(|f| panic!("{}", f.message()));
    let err = request::build(&MODULE, &COMMANDS[0], set, &call.given, &[])
        .err()
        .map(|f| f.message());
    assert_eq!(
        err.as_deref(),
        Some("InputObject has null value for InputObject.UserId")
    );
}

#[test]
fn help_and_unknown_cmdlet_exit_codes() {
    assert_eq!(run_with(&[&MODULE], &words(&["--help"])), 0);
    assert_eq!(run_with(&[&MODULE], &words(&["Nope-MgThing"])), 2);
    assert_eq!(run_with(&[&MODULE], &words(&[])), 2);
}
