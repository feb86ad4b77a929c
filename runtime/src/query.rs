//! The query string of a call, from the query parameters its builder was given (`-Filter`,
//! `-Top`, `-Property`, …).

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::error::Error;
use crate::operation::{OperationInfo, missing_parameter};

/// Everything but RFC 3986 unreserved characters, `$` (OData's system query options keep it
/// literal, as the SDK sends them) and `,` (the separator of array values) is encoded.
const QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'$');

/// Appends `?name=value&…` to `path` for every query parameter that has a value, given as
/// `(name in the query, PowerShell name, value, required)`; array values arrive already joined
/// with `,`. A required parameter without a value fails before anything is sent.
pub fn append_query(
    op: &OperationInfo,
    mut path: String,
    parameters: &[(&'static str, &'static str, Option<&str>, bool)],
) -> Result<String, Error> {
    let mut separator = '?';
    for (name, parameter, value, required) in parameters {
        let Some(value) = value else {
            if *required {
                return Err(missing_parameter(op, parameter));
            }
            continue;
        };
        path.push(separator);
        separator = '&';
        path.extend(utf8_percent_encode(name, QUERY));
        path.push('=');
        // Commas inside one array item would read as a separator; encode them in the items.
        let items: Vec<String> = value
            .split('\u{1f}')
            .map(|item| {
                utf8_percent_encode(item, QUERY)
                    .to_string()
                    .replace(',', "%2C")
            })
            .collect();
        path.push_str(&items.join(","));
    }
    Ok(path)
}

/// Joins the items of an array parameter for [`append_query`], which keeps commas inside an
/// item apart from the separators.
pub fn join_items<I>(items: I) -> String
where
    I: IntoIterator,
    I::Item: Into<String>,
{
    let items: Vec<String> = items.into_iter().map(Into::into).collect();
    items.join("\u{1f}")
}

#[cfg(test)]
mod tests {
    use super::*;

    static OP: OperationInfo = OperationInfo {
        cmdlet: "Get-MgUser",
        method: "GET",
        api_version: "v1.0",
        path_template: "/users",
        least_privileged: &[],
        repeatable: true,
    };

    #[test]
    fn encodes_values_and_keeps_dollar_names() {
        let select = join_items(["id", "displayName"]);
        let path = append_query(
            &OP,
            "/users".into(),
            &[
                (
                    "$filter",
                    "Filter",
                    Some("startswith(displayName,'a b')"),
                    false,
                ),
                ("$top", "Top", None, false),
                ("$select", "Property", Some(&select), false),
            ],
        )
        .unwrap();
        assert_eq!(
            path,
            "/users?$filter=startswith%28displayName%2C%27a%20b%27%29&$select=id,displayName"
        );
    }

    #[test]
    fn required_parameter_missing_fails() {
        let error = append_query(
            &OP,
            "/x".into(),
            &[("startDateTime", "StartDateTime", None, true)],
        )
        .unwrap_err();
        assert!(error.to_string().contains("-StartDateTime"), "{error}");
    }

    #[test]
    fn no_values_no_question_mark() {
        let path = append_query(&OP, "/x".into(), &[("$top", "Top", None, false)]).unwrap();
        assert_eq!(path, "/x");
    }
}
