//! Pipeline input: each non-empty stdin line is a target — a plain id for the cmdlet's first
//! path key, or a JSON object bound by property name as PowerShell's
//! `ValueFromPipelineByPropertyName` does — sent through the bulk engine (`client.batch`), with
//! one NDJSON line per input, a summary and (on a terminal) a progress bar on stderr.

use std::io::IsTerminal;

use graph_users_actions::Client;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use mg_runtime::catalog::{Command, Module, ParameterSet, ParameterSource};
use mg_runtime::support::Prepared;
use mg_runtime::{Error, ErrorKind};
use serde_json::{Map, Value};

use super::answer;
use super::bind::{Invocation, resolve};
use super::call::{self, action_text, preview_text};
use super::confirm::{self, Prompter};
use super::exit;
use super::request::{self, Request};
use super::values::Arg;
use super::{Failure, output};

/// One input line and what became of it.
struct Target {
    /// 1-based line number on stdin.
    line: usize,
    /// The input as echoed: the id, or the parsed object.
    input: Value,
    /// The request, or why the line could not be bound (nothing is sent for it).
    request: Result<Request, Failure>,
}

/// How one target ended.
enum Outcome {
    Done(Value, u16, mg_runtime::HeaderMap),
    Failed(Error),
    Unbound(String),
    Declined,
}

/// Whether the command line leaves the targets to stdin: it is not a terminal, nothing else
/// reads it, no key or identity is given, and the parameters given do not already make a call.
pub fn wanted(command: &'static Command, call: &Invocation) -> bool {
    if std::io::stdin().is_terminal() || call.used_stdin {
        return false;
    }
    let names_target = call.given.iter().any(|(i, _)| {
        matches!(
            command.parameters[usize::from(*i)].source,
            ParameterSource::Path { .. } | ParameterSource::InputObject
        )
    });
    let indices: Vec<u16> = call.given.iter().map(|(i, _)| *i).collect();
    !names_target && resolve(command, &indices).is_err()
}

/// Parses and binds every non-empty line.
fn targets(module: &Module, call: &Invocation, text: &str) -> Vec<Target> {
    let command = call.command;
    let mut list = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            continue;
        }
        let (input, bound) = match parse_line(trimmed) {
            Ok(Value::Object(map)) => {
                let bound = by_property_name(module, command, &map);
                (Value::Object(map), bound)
            }
            Ok(Value::String(id)) => {
                let bound = first_key(command)
                    .map(|i| vec![(i, Arg::Json(Value::String(id.clone())))])
                    .ok_or_else(|| format!("{} takes no path key to bind an id to", command.name));
                (Value::String(id), bound)
            }
            Ok(other) => (other, Err("expected an id or a JSON object".to_owned())),
            Err(e) => (Value::String(trimmed.to_owned()), Err(e)),
        };
        let request = bound
            .map_err(|e| Failure::Usage(format!("line {line}: {e}")))
            .and_then(|extra| {
                let mut given = call.given.clone();
                given.extend(extra);
                let indices: Vec<u16> = given.iter().map(|(i, _)| *i).collect();
                let set = resolve(command, &indices).map_err(|f| prefix(line, f))?;
                request::build(module, command, set, &given, &call.headers)
                    .map_err(|f| prefix(line, f))
            });
        list.push(Target {
            line,
            input,
            request,
        });
    }
    list
}

fn prefix(line: usize, failure: Failure) -> Failure {
    match failure {
        Failure::Usage(m) => Failure::Usage(format!("line {line}: {m}")),
        other => other,
    }
}

/// A JSON object or string, or a plain id.
fn parse_line(line: &str) -> Result<Value, String> {
    if line.starts_with(['{', '[', '"']) {
        return serde_json::from_str(line).map_err(|e| format!("malformed JSON: {e}"));
    }
    Ok(Value::String(line.to_owned()))
}

/// The path keys of the default set (else the first set with keys), in template order.
fn path_keys(command: &'static Command) -> Vec<u16> {
    let keyed = |set: &&'static ParameterSet| !set.via_identity;
    let set = command
        .sets
        .iter()
        .filter(keyed)
        .find(|s| s.name.eq_ignore_ascii_case(command.default_set))
        .or_else(|| command.sets.iter().find(keyed));
    let Some(set) = set else { return Vec::new() };
    set.parameters
        .iter()
        .map(|p| p.parameter)
        .filter(|i| {
            matches!(
                command.parameters[usize::from(*i)].source,
                ParameterSource::Path { .. }
            )
        })
        .collect()
}

/// A plain id goes to the cmdlet's first path key (`-UserId`).
fn first_key(command: &'static Command) -> Option<u16> {
    path_keys(command).first().copied()
}

/// Binds a piped object by property name: each key parameter by its name or aliases (any
/// case); then `userPrincipalName` for the user key and `id` for the last key (an exported
/// object's own id names the resource the last key addresses). An object that binds no key but
/// carries identity keys becomes `-InputObject`.
fn by_property_name(
    module: &Module,
    command: &'static Command,
    object: &Map<String, Value>,
) -> Result<Vec<(u16, Arg)>, String> {
    let lookup = |name: &str| -> Option<&Value> {
        object
            .iter()
            .find(|(k, v)| k.eq_ignore_ascii_case(name) && !v.is_null())
            .map(|(_, v)| v)
    };
    let keys = path_keys(command);
    let mut bound: Vec<(u16, Arg)> = Vec::new();
    for &index in &keys {
        let param = &command.parameters[usize::from(index)];
        let names = std::iter::once(param.name).chain(param.aliases.iter().copied());
        if let Some(value) = names.filter_map(lookup).next() {
            bound.push((index, Arg::Json(key_text(param.name, value)?)));
        }
    }
    let missing = |bound: &[(u16, Arg)], index: u16| !bound.iter().any(|(i, _)| *i == index);
    let user_key = keys.iter().copied().find(|i| {
        matches!(command.parameters[usize::from(*i)].source,
            ParameterSource::Path { serialized_name } if serialized_name == "user-id")
    });
    if let (Some(index), Some(upn)) = (user_key, lookup("userPrincipalName"))
        && missing(&bound, index)
    {
        bound.push((index, Arg::Json(key_text("userPrincipalName", upn)?)));
    }
    if let (Some(&last), Some(id)) = (keys.last(), lookup("id"))
        && missing(&bound, last)
    {
        bound.push((last, Arg::Json(key_text("id", id)?)));
    }
    if !bound.is_empty() {
        return Ok(bound);
    }
    let input_object = command
        .parameters
        .iter()
        .position(|p| p.source == ParameterSource::InputObject)
        .and_then(|i| u16::try_from(i).ok());
    let has_identity_key = module
        .identity
        .keys
        .iter()
        .any(|key| lookup(key.name).is_some());
    if let (Some(index), true) = (input_object, has_identity_key) {
        return Ok(vec![(index, Arg::Json(Value::Object(object.clone())))]);
    }
    let mut names: Vec<&str> = keys
        .iter()
        .map(|i| command.parameters[usize::from(*i)].name)
        .collect();
    if user_key.is_some() {
        names.push("userPrincipalName");
    }
    if !keys.is_empty() {
        names.push("id");
    }
    Err(format!(
        "cannot bind the object: it has none of the properties {}",
        names.join(", ")
    ))
}

fn key_text(name: &str, value: &Value) -> Result<Value, String> {
    match value {
        Value::String(s) => Ok(Value::String(s.clone())),
        Value::Number(n) => Ok(Value::String(n.to_string())),
        _ => Err(format!("property {name} must be text")),
    }
}

/// Runs the pipeline over `text` (all of stdin) and gives the exit code.
pub async fn run(client: &Client, module: &Module, call: &Invocation, text: &str) -> u8 {
    let command = call.command;
    let list = targets(module, call, text);
    if call.what_if {
        let mut unbound = 0;
        for target in &list {
            match &target.request {
                Ok(request) => output::line_text(&preview_text(client, request)),
                Err(failure) => {
                    unbound += 1;
                    eprintln!("mg: {}", failure.message());
                }
            }
        }
        eprintln!(
            "{} targets: {} would be sent, {unbound} cannot be bound; nothing was sent",
            list.len(),
            list.len() - unbound
        );
        return exit::summary(list.len() - unbound, unbound, false, false);
    }
    let mut approved = vec![true; list.len()];
    if call.confirm {
        let mut prompter = match Prompter::open(true) {
            Ok(p) => p,
            Err(message) => {
                eprintln!("mg: {message}");
                return exit::USAGE;
            }
        };
        let bound: Vec<(usize, String)> = list
            .iter()
            .enumerate()
            .filter_map(|(i, t)| t.request.as_ref().ok().map(|r| (i, action_text(client, r))))
            .collect();
        let names: Vec<String> = bound
            .iter()
            .take(10)
            .map(|(i, _)| output::short(&list[*i].input))
            .collect();
        eprintln!(
            "{}: {} targets: {}{}",
            command.name,
            bound.len(),
            names.join(", "),
            if bound.len() > 10 { ", …" } else { "" }
        );
        let texts: Vec<String> = bound.iter().map(|(_, t)| t.clone()).collect();
        let answers = confirm::each(&mut prompter, &texts);
        for ((i, _), yes) in bound.iter().zip(answers) {
            approved[*i] = yes;
        }
    }
    let outcomes = send_all(client, command, call, list_requests(&list, &approved)).await;
    report(call, &list, &approved, outcomes)
}

/// The requests to send, by position in `list`.
fn list_requests<'a>(list: &'a [Target], approved: &[bool]) -> Vec<(usize, &'a Request)> {
    list.iter()
        .enumerate()
        .filter(|(i, _)| approved[*i])
        .filter_map(|(i, t)| t.request.as_ref().ok().map(|r| (i, r)))
        .collect()
}

type Sent = Vec<(usize, Result<(Value, u16, mg_runtime::HeaderMap), Error>)>;

/// Sends the requests: over `$batch` when the cmdlet can travel in one, else one by one.
async fn send_all(
    client: &Client,
    command: &'static Command,
    call: &Invocation,
    requests: Vec<(usize, &Request)>,
) -> Sent {
    let bar = progress(requests.len());
    let pass_thru = call.pass_thru;
    let bytes = requests
        .iter()
        .any(|(_, r)| matches!(r.body, Some(Arg::Bytes(_))));
    let mut sent: Sent = Vec::with_capacity(requests.len());
    if answer::batchable(command) && !bytes {
        let prepared = requests.iter().map(|(_, r)| {
            let op = r.op;
            let body = match &r.body {
                Some(Arg::Json(v)) => Some(v.clone()),
                _ => None,
            };
            Ok::<_, Error>(Prepared::new(
                op,
                r.set,
                r.path.clone(),
                body,
                r.common.clone(),
                move |raw| {
                    let value = answer::decode(command, op, raw, pass_thru)?.to_json();
                    Ok(serde_json::json!({
                        "value": value,
                        "status": raw.status,
                        "headers": answer::status_and_headers(raw.status, &raw.headers)["headers"],
                    }))
                },
            ))
        });
        let mut batch = client
            .batch(prepared.collect::<Vec<_>>())
            .concurrency(call.concurrency.unwrap_or(4));
        if let Some(bar) = bar.clone() {
            batch = batch.on_progress(move |p| {
                bar.set_position(p.done as u64);
                bar.set_message(format!("{} failed", p.failed));
            });
        }
        let results = batch.send().await;
        for ((i, _), result) in requests.iter().zip(results) {
            sent.push((
                *i,
                result.map(|v| {
                    let headers = headers_back(&v["headers"]);
                    let status = v["status"]
                        .as_u64()
                        .and_then(|s| u16::try_from(s).ok())
                        .unwrap_or(200);
                    (v["value"].clone(), status, headers)
                }),
            ));
        }
    } else {
        let mut failed = 0;
        for (done, (i, r)) in requests.iter().enumerate() {
            let request = Request {
                op: r.op,
                set: r.set,
                path: r.path.clone(),
                body: r.body.clone(),
                common: r.common.clone(),
            };
            let result = call::send(client, command, request, pass_thru)
                .await
                .map(|(value, status, headers)| (value.to_json(), status, headers));
            failed += usize::from(result.is_err());
            sent.push((*i, result));
            if let Some(bar) = &bar {
                bar.set_position(done as u64 + 1);
                bar.set_message(format!("{failed} failed"));
            }
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    sent
}

/// A progress bar on stderr, only when stderr is a terminal.
fn progress(total: usize) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} targets, {msg} {elapsed}")
    {
        bar.set_style(style);
    }
    Some(bar)
}

/// Headers carried through the batch decoder as JSON, back as a map.
fn headers_back(json: &Value) -> mg_runtime::HeaderMap {
    let mut map = mg_runtime::HeaderMap::new();
    let Some(object) = json.as_object() else {
        return map;
    };
    for (name, value) in object {
        let values: Vec<&Value> = match value {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        for value in values {
            let (Ok(name), Some(Ok(value))) = (
                mg_runtime::reqwest::header::HeaderName::from_bytes(name.as_bytes()),
                value
                    .as_str()
                    .map(mg_runtime::reqwest::header::HeaderValue::from_str),
            ) else {
                continue;
            };
            map.append(name, value);
        }
    }
    map
}

/// Prints one NDJSON line per target in input order, the summary, and gives the exit code.
fn report(call: &Invocation, list: &[Target], approved: &[bool], sent: Sent) -> u8 {
    let mut outcomes: Vec<Option<Outcome>> = list
        .iter()
        .zip(approved)
        .map(|(t, ok)| match (&t.request, ok) {
            (Err(f), _) => Some(Outcome::Unbound(f.message())),
            (Ok(_), false) => Some(Outcome::Declined),
            (Ok(_), true) => None,
        })
        .collect();
    for (i, result) in sent {
        outcomes[i] = Some(match result {
            Ok((value, status, headers)) => Outcome::Done(value, status, headers),
            Err(e) => Outcome::Failed(e),
        });
    }
    let (mut ok, mut failed, mut declined) = (0, 0, 0);
    let (mut all_auth, mut all_usage) = (true, true);
    let mut headers_file = Vec::new();
    for (target, outcome) in list.iter().zip(outcomes) {
        let input = target.input.clone();
        let line = match outcome {
            Some(Outcome::Done(value, status, headers)) => {
                ok += 1;
                if call.response_headers.is_some() {
                    let mut entry = answer::status_and_headers(status, &headers);
                    entry["input"] = input.clone();
                    headers_file.push(entry);
                }
                entry(&input, "result", &value)
            }
            Some(Outcome::Failed(error)) => {
                failed += 1;
                all_auth &= error.kind() == ErrorKind::Auth;
                all_usage &= matches!(
                    error.kind(),
                    ErrorKind::InvalidArgument | ErrorKind::MissingIdentityProperty
                );
                eprintln!("mg: line {}: {error}", target.line);
                entry(&input, "error", &output::error_json(&error))
            }
            Some(Outcome::Unbound(message)) => {
                failed += 1;
                all_auth = false;
                eprintln!("mg: {message}");
                entry(&input, "error", &output::usage_json(&message))
            }
            Some(Outcome::Declined) | None => {
                declined += 1;
                entry(&input, "declined", &Value::Bool(true))
            }
        };
        output::line_text(&line);
    }
    if let Some(path) = &call.response_headers
        && let Err(message) = output::write_file(path, &Value::Array(headers_file))
    {
        eprintln!("mg: {message}");
    }
    let mut summary = format!("{} targets: {ok} succeeded, {failed} failed", list.len());
    if declined > 0 {
        summary.push_str(&format!(", {declined} declined"));
    }
    eprintln!("{summary}");
    if failed == 0 {
        return exit::OK;
    }
    exit::summary(ok, failed, all_auth, all_usage)
}

/// One NDJSON line with the input first, as a reader scans it.
fn entry(input: &Value, key: &str, value: &Value) -> String {
    format!("{{\"input\":{input},\"{key}\":{value}}}")
}
