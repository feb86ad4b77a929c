//! One call: `-WhatIf`, `-Confirm`, then the runtime's `execute` (sign-in, retries, timeouts,
//! errors) and the answer decoded as the typed builder would.

use graph_users_actions::Client;
use mg_runtime::catalog::Command;
use mg_runtime::support;

use super::answer::{self, Output};
use super::bind::Invocation;
use super::confirm::{Choice, Prompter};
use super::request::Request;
use super::values::Arg;
use super::{Failure, output};

/// The `-WhatIf` line of a request.
pub fn preview_text(client: &Client, request: &Request) -> String {
    support::preview(client, request.op, request.set, &request.path).to_string()
}

/// The target PowerShell names in a confirmation: the operation and its request.
pub fn action_text(client: &Client, request: &Request) -> String {
    let preview = support::preview(client, request.op, request.set, &request.path);
    format!(
        "Performing the operation \"{}\" on target \"{} {}\".",
        preview.cmdlet(),
        preview.method(),
        preview.url()
    )
}

/// Runs one call and prints its output.
pub async fn single(
    client: &Client,
    command: &'static Command,
    call: &Invocation,
    request: Request,
) -> Result<(), Failure> {
    if call.what_if {
        output::line_text(&preview_text(client, &request));
        return Ok(());
    }
    if call.confirm {
        let mut prompter = Prompter::open(false).map_err(Failure::Usage)?;
        if matches!(
            prompter.ask(&action_text(client, &request)),
            Choice::No | Choice::NoToAll
        ) {
            eprintln!("mg: declined; nothing was sent");
            return Ok(());
        }
    }
    let (value, status, headers) = send(client, command, request, call.pass_thru)
        .await
        .map_err(Failure::Call)?;
    if let Some(path) = &call.response_headers {
        output::write_file(path, &answer::status_and_headers(status, &headers))
            .map_err(Failure::Usage)?;
    }
    output::print(&value);
    Ok(())
}

/// Sends a request alone (not in a `$batch`) and decodes its answer.
pub async fn send(
    client: &Client,
    command: &'static Command,
    request: Request,
    pass_thru: bool,
) -> Result<(Output, u16, mg_runtime::HeaderMap), mg_runtime::Error> {
    let Request {
        op,
        set,
        path,
        body,
        common,
    } = request;
    let kept = common.clone();
    let raw = match body {
        Some(Arg::Bytes(bytes)) => {
            support::execute_bytes(
                client,
                op,
                set,
                path,
                Some(bytes),
                "application/octet-stream",
                common,
            )
            .await
        }
        Some(Arg::Json(json)) => support::execute(client, op, set, path, Some(json), common).await,
        None => support::execute(client, op, set, path, None, common).await,
    }?;
    let value = answer::decode_all(client, command, op, &raw, &kept, pass_thru).await?;
    Ok((value, raw.status, raw.headers))
}
