//! Fills a path template with ids, each percent-encoded as exactly one path segment (as .NET's
//! `Uri.EscapeDataString` does), and refuses ids that URL handling would reinterpret.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::error::Error;
use crate::operation::OperationInfo;

/// Everything but RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`) is encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes `value` so it stays one path segment.
pub(crate) fn encode_segment(value: &str) -> String {
    utf8_percent_encode(value, SEGMENT).to_string()
}

/// Substitutes every `{name}` in `op.path_template` with its value from `values`, given as
/// `(template key, how the caller named it, value)`: the name (`-UserId`, or
/// `InputObject.UserId` in the identity sets) is what an error about the value quotes.
///
/// A placeholder written as an OData string literal (`'{name}'`, for alternate keys) gets its
/// single quotes doubled before encoding. Empty values are refused everywhere; `.` and `..` are
/// refused as whole segments, because WHATWG URL parsing would turn them into "this level" and
/// "one level up" and so address a different resource.
pub(crate) fn render_path(
    op: &OperationInfo,
    values: &[(&str, &str, &str)],
) -> Result<String, Error> {
    let template = op.path_template;
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let before = &rest[..open];
        out.push_str(before);
        let after_open = &rest[open + 1..];
        let Some(close) = after_open.find('}') else {
            return Err(malformed(op));
        };
        let name = &after_open[..close];
        if name.is_empty() || name.contains('{') {
            return Err(malformed(op));
        }
        let tail = &after_open[close + 1..];
        let (label, value) = values
            .iter()
            .find(|(key, _, _)| *key == name)
            .map(|(_, label, value)| (*label, *value))
            .ok_or_else(|| {
                Error::invalid_argument(format!(
                    "{}: no value for the path key {{{name}}}",
                    op.cmdlet
                ))
            })?;
        let quoted = before.ends_with('\'') && tail.starts_with('\'');
        out.push_str(&encode_value(op, label, value, quoted)?);
        rest = tail;
    }
    if rest.contains('}') {
        return Err(malformed(op));
    }
    out.push_str(rest);
    // Defence in depth: whatever the template, the result must not contain dot segments.
    if out
        .split('/')
        .any(|segment| segment == "." || segment == "..")
    {
        return Err(Error::invalid_argument(format!(
            "{}: the request path would contain a \".\" or \"..\" segment",
            op.cmdlet
        )));
    }
    Ok(out)
}

fn encode_value(
    op: &OperationInfo,
    label: &str,
    value: &str,
    quoted: bool,
) -> Result<String, Error> {
    let refuse = |why: &str| Error::invalid_argument(format!("{}: {label} {why}", op.cmdlet));
    if value.is_empty() {
        return Err(refuse("must not be empty"));
    }
    if quoted {
        return Ok(encode_segment(&value.replace('\'', "''")));
    }
    if value == "." || value == ".." {
        return Err(refuse(&format!(
            "cannot be {value:?}: URL handling would read it as a relative path step and address \
             another resource; give the object id or userPrincipalName"
        )));
    }
    Ok(encode_segment(value))
}

fn malformed(op: &OperationInfo) -> Error {
    Error::invalid_argument(format!(
        "{}: malformed path template {:?}",
        op.cmdlet, op.path_template
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    static OP: OperationInfo = OperationInfo {
        cmdlet: "Revoke-MgUserSignInSession",
        method: "POST",
        api_version: "v1.0",
        path_template: "/users/{user-id}/microsoft.graph.revokeSignInSessions",
        least_privileged: &["User.RevokeSessions.All"],
        repeatable: true,
    };

    static ALT: OperationInfo = OperationInfo {
        cmdlet: "Get-Thing",
        method: "GET",
        api_version: "beta",
        path_template: "/users/{user-id}/onlineMeetings(joinWebUrl='{joinWebUrl}')/x",
        least_privileged: &[],
        repeatable: true,
    };

    #[test]
    fn encodes_hostile_ids_as_one_segment() {
        let cases = [
            ("alice@contoso.com", "alice%40contoso.com"),
            (
                "bob_contoso.com#EXT#@fabrikam.onmicrosoft.com",
                "bob_contoso.com%23EXT%23%40fabrikam.onmicrosoft.com",
            ),
            ("a/b?c&d%e f", "a%2Fb%3Fc%26d%25e%20f"),
            ("müller", "m%C3%BCller"),
            ("...", "..."),
            ("%2E%2E", "%252E%252E"),
            ("-._~", "-._~"),
        ];
        for (raw, encoded) in cases {
            let path = render_path(&OP, &[("user-id", "-UserId", raw)]).unwrap_or_default();
            assert_eq!(
                path,
                format!("/users/{encoded}/microsoft.graph.revokeSignInSessions")
            );
        }
    }

    #[test]
    fn refuses_dot_segments_and_empty() {
        for bad in ["", ".", ".."] {
            let err = render_path(&OP, &[("user-id", "-UserId", bad)]).err();
            let text = err.map(|e| e.to_string()).unwrap_or_default();
            assert!(text.contains("-UserId"), "{bad:?}: {text}");
        }
    }

    #[test]
    fn missing_value_and_malformed_template() {
        let err = render_path(&OP, &[]).err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("Revoke-MgUserSignInSession: no value for the path key {user-id}")
        );
        static BAD: OperationInfo = OperationInfo {
            cmdlet: "X",
            method: "POST",
            api_version: "v1.0",
            path_template: "/users/{user-id",
            least_privileged: &[],
            repeatable: true,
        };
        assert!(render_path(&BAD, &[("user-id", "-UserId", "a")]).is_err());
    }

    #[test]
    fn alternate_keys_double_quotes_then_encode() {
        let path = render_path(
            &ALT,
            &[
                ("user-id", "-UserId", "u"),
                ("joinWebUrl", "-JoinWebUrl", "https://t/x?a='b'"),
            ],
        )
        .unwrap_or_default();
        assert_eq!(
            path,
            "/users/u/onlineMeetings(joinWebUrl='https%3A%2F%2Ft%2Fx%3Fa%3D%27%27b%27%27')/x"
        );
        assert!(
            render_path(
                &ALT,
                &[
                    ("user-id", "-UserId", "u"),
                    ("joinWebUrl", "-JoinWebUrl", "..")
                ]
            )
            .is_ok()
        );
        assert!(
            render_path(
                &ALT,
                &[
                    ("user-id", "-UserId", "u"),
                    ("joinWebUrl", "-JoinWebUrl", "")
                ]
            )
            .is_err()
        );
    }
}
