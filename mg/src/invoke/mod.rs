//! Running one cmdlet: reading the command line ([`args`], [`names`], [`values`]), binding it
//! and choosing the parameter set ([`bind`]), making the request with the library's runtime
//! ([`request`], [`call`], [`answer`]), signing in ([`signin`]), pipeline input over the bulk
//! engine ([`pipeline`]), `-Confirm` ([`confirm`]), output ([`output`]) and exit codes ([`exit`]).

use std::io::Read;
use std::process::ExitCode;

use mg_runtime::ErrorKind;
use mg_runtime::catalog::Module;

mod answer;
mod args;
mod bind;
mod call;
mod confirm;
mod exit;
mod names;
mod output;
mod pipeline;
mod request;
mod signin;
mod values;

/// Why a run stopped before or while calling.
#[derive(Debug)]
pub enum Failure {
    /// The command line is wrong; the message says how.
    Usage(String),
    /// No client could be signed in.
    SignIn(String),
    /// The runtime refused or the call failed.
    Call(mg_runtime::Error),
}

impl Failure {
    /// The text shown for it.
    pub fn message(&self) -> String {
        match self {
            Failure::Usage(m) | Failure::SignIn(m) => m.clone(),
            Failure::Call(e) => e.to_string(),
        }
    }

    fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage(_) => exit::USAGE,
            Failure::SignIn(_) => exit::SIGN_IN,
            Failure::Call(e) => match e.kind() {
                ErrorKind::InvalidArgument | ErrorKind::MissingIdentityProperty => exit::USAGE,
                ErrorKind::Auth => exit::SIGN_IN,
                _ => exit::API,
            },
        }
    }
}

/// Runs the cmdlet `args` name and gives the process's exit code.
pub fn run(args: Vec<String>) -> ExitCode {
    ExitCode::from(run_with(graph_users_actions::CATALOG, &args))
}

/// [`run`] over a given catalog.
pub fn run_with(catalog: &[&'static Module], args: &[String]) -> u8 {
    let Some(first) = args.first() else {
        eprint!("{}", help());
        return exit::USAGE;
    };
    match first.as_str() {
        "--help" | "-h" => {
            print!("{}", help());
            return exit::OK;
        }
        "--version" | "-V" => {
            println!("mg {}", env!("CARGO_PKG_VERSION"));
            return exit::OK;
        }
        _ => {}
    }
    match invoke(catalog, first, &args[1..]) {
        Ok(code) => code,
        Err(failure) => {
            match &failure {
                Failure::Call(error) => output::report(error),
                other => eprintln!("mg: {}", other.message()),
            }
            failure.exit_code()
        }
    }
}

fn invoke(catalog: &[&'static Module], name: &str, words: &[String]) -> Result<u8, Failure> {
    let (module, command) = names::command(catalog, name)?;
    let call = bind::bind(command, words)?;
    if pipeline::wanted(command, &call) {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(|e| {
            Failure::Usage(format!("could not read pipeline input from stdin: {e}"))
        })?;
        // Nothing piped: the call stands on its command line (and names what is missing).
        if !text.trim().is_empty() {
            let client = signin::client(call.environment, call.what_if)?;
            return Ok(block_on(pipeline::run(&client, module, &call, &text)));
        }
    }
    let indices: Vec<u16> = call.given.iter().map(|(i, _)| *i).collect();
    let set = bind::resolve(command, &indices)?;
    let request = request::build(module, command, set, &call.given, &call.headers)?;
    let client = signin::client(call.environment, call.what_if)?;
    block_on(call::single(&client, command, &call, request))?;
    Ok(exit::OK)
}

/// One current-thread runtime: a call or a bulk run needs no more, and it starts fastest.
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(future),
        Err(e) => {
            eprintln!("mg: could not start the async runtime: {e}");
            std::process::exit(i32::from(exit::API));
        }
    }
}

/// The part of `mg --help` about running a cmdlet.
pub fn help() -> &'static str {
    "RUNNING A CMDLET
    mg Revoke-MgUserSignInSession -UserId alice@contoso.com
    mg revoke-mg-user-sign-in-session --user-id alice@contoso.com -WhatIf
    printf 'alice@contoso.com\\nbob@contoso.com\\n' | mg Revoke-MgUserSignInSession

    Names in any case; unambiguous prefixes (-User), aliases and the Unix spelling accepted.
    -BodyParameter <json | @file | ->     the whole body; or the expanded body parameters by name
    -InputObject <json>                   the identity, e.g. '{\"UserId\":\"alice@contoso.com\"}'
    -Headers name=value (repeatable), @{ name = value; ... } or a JSON object
    -ResponseHeadersVariable FILE (-RHV)  writes status and response headers to FILE as JSON
    -WhatIf                               prints what would be sent; sends nothing
    -Confirm                              asks on the terminal first ([Y] [A] [N] [L])
    -PassThru                             prints true for cmdlets that answer with no content
    -Environment Global|USGov|USGovDoD|China
    -Concurrency N                        $batch requests in flight for pipeline input (default 4)

PIPELINE INPUT
    When stdin is not a terminal and no key or -InputObject is given, each stdin line is a
    target: a plain id for the first key, or a JSON object bound by property name (UserId,
    userPrincipalName, id; any case). All go through JSON batching; each prints one line
    {\"input\": ..., \"result\": ...} or {\"input\": ..., \"error\": {...}}; a summary goes to stderr.

SIGN-IN (environment)
    GRAPH_TOKEN                                              an access token
    AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET    client credentials (app-only)
    AZURE_AUTHORITY_HOST                                     sign-in authority override
    GRAPH_BASE_URL                                           service root override

EXIT CODES OF A CMDLET RUN
    0  every call succeeded (or was previewed, or declined at -Confirm)
    2  usage error: unknown cmdlet or parameter, unresolved parameter set, missing or
       unusable value, no terminal for -Confirm; nothing was sent
    3  sign-in failure: no or incomplete credentials, or the token endpoint refused them
    4  API error: Graph answered with an error, or was unreachable (pipeline: every target failed)
    5  partial failure: pipeline input where some targets succeeded and some failed
"
}

#[cfg(test)]
mod tests;
