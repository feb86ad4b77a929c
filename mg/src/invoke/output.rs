//! What goes to stdout (one JSON value per line) and stderr (errors a person can act on).

use std::io::Write;

use mg_runtime::{Error, ErrorKind};
use serde_json::{Map, Value};

use super::answer::Output;

/// Writes one call's output: a JSON value per line, pageable items one per line, bytes as they
/// came. A closed stdout (`mg … | head -1`) is not an error.
pub fn print(output: &Output) {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let _ = match output {
        Output::Nothing => Ok(()),
        Output::One(value) => writeln!(out, "{value}"),
        Output::Items(items) => items.iter().try_for_each(|item| writeln!(out, "{item}")),
        Output::Bytes(bytes) => out.write_all(bytes),
    };
    let _ = out.flush();
}

/// A runtime error as JSON: its kind, Graph's code and message, the ids and date, and the full
/// text. Every field comes from the error's accessors, which hold no secrets (the runtime
/// redacts what the server echoed).
pub fn error_json(error: &Error) -> Value {
    let mut map = Map::new();
    map.insert("kind".into(), Value::String(kind_name(error.kind()).into()));
    if let Some(status) = error.status() {
        map.insert("status".into(), Value::from(status));
    }
    let fields = [
        ("code", error.code()),
        ("message", error.message()),
        ("requestId", error.request_id()),
        ("clientRequestId", error.client_request_id()),
        ("date", error.date()),
    ];
    for (name, value) in fields {
        if let Some(value) = value {
            map.insert(name.into(), Value::String(value.to_owned()));
        }
    }
    map.insert("text".into(), Value::String(error.to_string()));
    Value::Object(map)
}

/// A usage problem (a line that could not be bound) as JSON.
pub fn usage_json(message: &str) -> Value {
    serde_json::json!({ "kind": "Usage", "text": message })
}

/// The name of an error kind, as the library spells it.
pub fn kind_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Transport => "Transport",
        ErrorKind::Timeout => "Timeout",
        ErrorKind::Api => "Api",
        ErrorKind::Throttled => "Throttled",
        ErrorKind::Auth => "Auth",
        ErrorKind::MissingIdentityProperty => "MissingIdentityProperty",
        ErrorKind::ConfirmationDeclined => "ConfirmationDeclined",
        ErrorKind::InvalidArgument => "InvalidArgument",
        ErrorKind::UnexpectedResponse => "UnexpectedResponse",
        ErrorKind::LimitExceeded => "LimitExceeded",
        _ => "Other",
    }
}

/// An error on stderr: the runtime's text (status, Graph code and message, request-id, date),
/// then the fields a script may grep for on lines of their own.
pub fn report(error: &Error) {
    let mut text = format!("mg: {error}");
    if let Some(code) = error.code() {
        text.push_str(&format!("\n  code: {code}"));
    }
    if let Some(request_id) = error.request_id() {
        text.push_str(&format!("\n  request-id: {request_id}"));
    }
    if let Some(date) = error.date() {
        text.push_str(&format!("\n  date: {date}"));
    }
    eprintln!("{text}");
}

/// Writes `-ResponseHeadersVariable`'s file.
pub fn write_file(path: &std::path::Path, value: &Value) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    std::fs::write(path, text + "\n").map_err(|e| {
        format!(
            "-ResponseHeadersVariable: could not write {}: {e}",
            path.display()
        )
    })
}

/// One line of text on stdout (a `-WhatIf` preview).
pub fn line_text(text: &str) {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let _ = writeln!(out, "{text}");
}

/// A short name for a piped input in a confirmation: the id, or the object's first key value.
pub fn short(input: &Value) -> String {
    match input {
        Value::String(s) => s.clone(),
        Value::Object(map) => map
            .values()
            .find_map(Value::as_str)
            .map_or_else(|| input.to_string(), str::to_owned),
        other => other.to_string(),
    }
}
