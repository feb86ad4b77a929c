//! `mg Find-MgGraphCommand -Uri <uri>` and `-Command <pattern>`: which cmdlet calls a Graph URL,
//! or which URL a cmdlet calls, with API version, method, URI template, output type and
//! permissions, as the SDK's cmdlet answers.
//!
//! A real URL matches a template segment by segment, in any case: `{…}` takes any one segment
//! (`alice@contoso.com`, percent-encoded or not), and `microsoft.graph.` before an action is
//! optional on both sides. A leading host, `/v1.0` or `/beta`, a query string and a fragment are
//! ignored (a version in the URL restricts the answer to that version).

use serde::Serialize;

use super::args::{Spec, parse};
use super::lookup::{self, Found, Wildcard};
use super::{Outcome, json, print, usage};

const SPECS: &[Spec] = &[
    Spec::value("Uri"),
    Spec::value("Command"),
    Spec::value("Method"),
    Spec::value("ApiVersion"),
    Spec::switch("Json"),
];

const VERSIONS: [&str; 2] = ["v1.0", "beta"];

/// One answer: a cmdlet and one operation it calls.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Row {
    command: &'static str,
    module: &'static str,
    #[serde(rename = "APIVersion")]
    api_version: &'static str,
    method: &'static str,
    #[serde(rename = "URI")]
    uri: &'static str,
    output_type: &'static str,
    permissions: &'static [&'static str],
    variants: Vec<&'static str>,
}

/// `Find-MgGraphCommand [-Uri] <uri> | -Command <pattern> [-Method <m>] [-ApiVersion v1.0|beta]
/// [-Json]`.
pub fn find_command(args: &[String]) -> Outcome {
    let parsed = parse("Find-MgGraphCommand", args, SPECS).map_err(usage)?;
    let mut uri = parsed.value("Uri").map(str::to_owned);
    let mut command = parsed.value("Command").map(str::to_owned);
    for word in &parsed.positional {
        // A bare word is a URI when it looks like one, else a cmdlet pattern.
        let slot = if word.contains('/') {
            &mut uri
        } else {
            &mut command
        };
        if slot.is_some() {
            return Err(usage(format!(
                "Find-MgGraphCommand: unexpected argument `{word}`"
            )));
        }
        *slot = Some(word.clone());
    }
    let mut version = match parsed.value("ApiVersion") {
        Some(v) => Some(
            VERSIONS
                .into_iter()
                .find(|known| known.eq_ignore_ascii_case(v))
                .ok_or_else(|| {
                    usage(format!(
                        "Find-MgGraphCommand: -ApiVersion is v1.0 or beta, not `{v}`"
                    ))
                })?,
        ),
        None => None,
    };
    let method = parsed.value("Method");

    let rows = match (uri, command) {
        (Some(uri), None) => {
            let (uri_version, segments) = split_uri(&uri);
            if let Some(uri_version) = uri_version {
                if version.is_some_and(|v| v != uri_version) {
                    return Err(usage(format!(
                        "Find-MgGraphCommand: the URI is under /{uri_version} but -ApiVersion is {}",
                        version.unwrap_or_default()
                    )));
                }
                version = Some(uri_version);
            }
            let rows = rows(
                |found, template| {
                    version.is_none_or(|v| v == found.module.api_version)
                        && template_matches(template, &segments)
                },
                method,
            );
            if rows.is_empty() {
                let mut message = format!("Find-MgGraphCommand: no cmdlet calls {uri}");
                if let Some(method) = method {
                    message.push_str(&format!(" with {}", method.to_ascii_uppercase()));
                }
                if let Some(version) = version {
                    message.push_str(&format!(" in API version {version}"));
                }
                return Err(usage(message));
            }
            rows
        }
        (None, Some(pattern)) => {
            let wildcard =
                Wildcard::new(&pattern).map_err(|e| usage(format!("Find-MgGraphCommand: {e}")))?;
            let rows = rows(
                |found, _| {
                    version.is_none_or(|v| v == found.module.api_version)
                        && std::iter::once(found.command.name)
                            .chain(found.command.aliases.iter().copied())
                            .any(|name| wildcard.matches(name))
                },
                method,
            );
            if rows.is_empty() {
                let message = if wildcard.is_literal() {
                    lookup::unknown_command("Find-MgGraphCommand", &pattern)
                } else {
                    format!("Find-MgGraphCommand: no cmdlet matches `{pattern}`")
                };
                return Err(usage(message));
            }
            rows
        }
        (Some(_), Some(_)) => {
            return Err(usage(
                "Find-MgGraphCommand: give -Uri or -Command, not both".to_owned(),
            ));
        }
        (None, None) => {
            return Err(usage(
                "Find-MgGraphCommand: give -Uri <uri> or -Command <pattern>".to_owned(),
            ));
        }
    };
    if parsed.switch("Json") {
        let lines: String = rows.iter().map(|row| format!("{}\n", json(row))).collect();
        print(&lines)
    } else {
        print(&list(&rows))
    }
}

/// One row per cmdlet and operation it calls, for the cmdlets `wanted` accepts (it sees the
/// operation's path template), with the HTTP method `method` if given.
fn rows(wanted: impl Fn(Found, &str) -> bool, method: Option<&str>) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for found in lookup::all() {
        for set in found.command.sets {
            let operation = set.operation;
            if method.is_some_and(|m| !m.eq_ignore_ascii_case(operation.method))
                || !wanted(found, operation.path_template)
            {
                continue;
            }
            let known = rows.iter_mut().find(|row| {
                row.command == found.command.name
                    && row.api_version == operation.api_version
                    && row.method == operation.method
                    && row.uri == operation.path_template
            });
            match known {
                Some(row) => row.variants.push(set.name),
                None => rows.push(Row {
                    command: found.command.name,
                    module: found.module.service_name,
                    api_version: operation.api_version,
                    method: operation.method,
                    uri: operation.path_template,
                    output_type: found.command.output_type,
                    permissions: operation.least_privileged,
                    variants: vec![set.name],
                }),
            }
        }
    }
    rows
}

/// The API version a URL names, if any, and its path segments after it, percent-decoded.
fn split_uri(uri: &str) -> (Option<&'static str>, Vec<String>) {
    let uri = uri.trim();
    let path = match uri.find("://") {
        Some(at) => {
            let after_scheme = &uri[at + 3..];
            after_scheme
                .find('/')
                .map_or("", |slash| &after_scheme[slash..])
        }
        None => uri,
    };
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let mut segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8_lossy()
                .into_owned()
        })
        .collect();
    let is_version = |segment: &String| {
        VERSIONS
            .into_iter()
            .find(|v| v.eq_ignore_ascii_case(segment))
    };
    // A host without its scheme (`graph.microsoft.com/v1.0/users/…`).
    if segments.len() > 1 && segments[0].contains('.') && is_version(&segments[1]).is_some() {
        segments.remove(0);
    }
    let version = segments.first().and_then(is_version);
    if version.is_some() {
        segments.remove(0);
    }
    (version, segments)
}

/// Whether every segment of the URL fits the template's segment in the same place.
fn template_matches(template: &str, segments: &[String]) -> bool {
    let parts: Vec<&str> = template.split('/').filter(|s| !s.is_empty()).collect();
    parts.len() == segments.len()
        && parts.iter().zip(segments).all(|(part, segment)| {
            segment_matches(without_namespace(part), without_namespace(segment))
        })
}

fn without_namespace(segment: &str) -> &str {
    const NAMESPACE: &str = "microsoft.graph.";
    match segment.get(..NAMESPACE.len()) {
        Some(prefix) if prefix.eq_ignore_ascii_case(NAMESPACE) => &segment[NAMESPACE.len()..],
        _ => segment,
    }
}

/// One template segment against one URL segment: literal text in any case, each `{…}` taking
/// at least one character (`reminderView(StartDateTime='{StartDateTime}',…)`).
fn segment_matches(template: &str, text: &str) -> bool {
    match template.find('{') {
        None => template.eq_ignore_ascii_case(text),
        Some(open) => {
            let (literal, rest) = template.split_at(open);
            let Some(head) = text.get(..literal.len()) else {
                return false;
            };
            if !head.eq_ignore_ascii_case(literal) {
                return false;
            }
            let text = &text[literal.len()..];
            let Some(close) = rest.find('}') else {
                return false;
            };
            let after = &rest[close + 1..];
            // The hole takes 1..n characters; try each split (segments are short).
            text.char_indices()
                .skip(1)
                .map(|(at, _)| at)
                .chain(std::iter::once(text.len()))
                .filter(|at| *at > 0)
                .any(|at| segment_matches(after, &text[at..]))
        }
    }
}

/// PowerShell's list view, one block per answer.
fn list(rows: &[Row]) -> String {
    let mut out = String::new();
    for row in rows {
        let fields = [
            ("Command", row.command.to_owned()),
            ("Module", row.module.to_owned()),
            ("APIVersion", row.api_version.to_owned()),
            ("Method", row.method.to_owned()),
            ("URI", row.uri.to_owned()),
            ("OutputType", row.output_type.to_owned()),
            ("Permissions", format!("{{{}}}", row.permissions.join(", "))),
            ("Variants", format!("{{{}}}", row.variants.join(", "))),
        ];
        out.push('\n');
        for (label, value) in fields {
            out.push_str(&format!("{label:<11} : {value}\n"));
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(template: &str, uri: &str) -> bool {
        template_matches(template, &split_uri(uri).1)
    }

    #[test]
    fn real_urls_match_templates() {
        let template = "/users/{user-id}/microsoft.graph.revokeSignInSessions";
        assert!(matches(
            template,
            "/users/alice@contoso.com/revokeSignInSessions"
        ));
        assert!(matches(
            template,
            "users/alice%40contoso.com/Microsoft.Graph.RevokeSignInSessions/"
        ));
        assert!(matches(
            template,
            "https://graph.microsoft.com/v1.0/users/x/revokesigninsessions?a=b"
        ));
        assert!(!matches(template, "/users/revokeSignInSessions"));
        assert!(!matches(template, "/users/x/y/revokeSignInSessions"));
        let function = "/users/{user-id}/microsoft.graph.reminderView(StartDateTime='{StartDateTime}',EndDateTime='{EndDateTime}')";
        assert!(matches(
            function,
            "/users/x/reminderView(StartDateTime='2024-01-01',EndDateTime='2024-02-01')"
        ));
        assert!(!matches(
            function,
            "/users/x/reminderView(StartDateTime='',EndDateTime='2024')"
        ));
        assert_eq!(split_uri("/BETA/users").0, Some("beta"));
        assert!(matches(
            template,
            "graph.microsoft.us/v1.0/users/x/revokeSignInSessions"
        ));
    }
}
