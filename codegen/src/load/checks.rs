//! Spec values the generated code builds URLs and names from, refused at generation when they
//! could only fail at every call or produce source that does not compile.

use super::spec::LoadedSpec;
use crate::error::Result;
use crate::model::{OtherParameter, PathParameter};
use crate::text::first_hidden;

/// A path template becomes `<service root>/<version><template>`: it must be one absolute path
/// without `.`/`..` segments (URL parsing would fold them and address another resource), query,
/// fragment, blanks or invisible characters, with well-formed `{key}`s.
pub fn check_path(spec: &LoadedSpec, path: &str, location: &str) -> Result<()> {
    let refuse = |why: String| Err(spec.error(location, &format!("path `{path}` {why}")));
    if !path.starts_with('/') {
        return refuse("does not start with `/`".into());
    }
    if let Some(hidden) = first_hidden(path) {
        return refuse(format!("holds the invisible character {hidden}"));
    }
    if let Some(c) = path
        .chars()
        .find(|&c| matches!(c, '?' | '#' | '\\') || c.is_whitespace())
    {
        return refuse(format!(
            "holds {c:?}, which cannot be part of a URL path as written"
        ));
    }
    if let Some(segment) = path.split('/').find(|s| *s == "." || *s == "..") {
        return refuse(format!(
            "has a `{segment}` segment, which URL handling would fold into another path"
        ));
    }
    let mut open = false;
    for c in path.chars() {
        match (c, open) {
            ('{', false) => open = true,
            ('}', true) => open = false,
            ('{' | '}', _) => return refuse(format!("has a misplaced `{c}`")),
            _ => {}
        }
    }
    Ok(())
}

/// The version segment of the server URL (`v1.0`, `beta`) goes into every request path as is.
pub fn check_api_version(segment: &str) -> Result<(), String> {
    let plain = segment
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if segment.is_empty() || !plain || segment.chars().all(|c| c == '.') {
        return Err(format!(
            "the API version segment `{}` must be ASCII letters, digits, `.`, `-` or `_` \
             (and not a dot segment)",
            crate::text::shown(segment)
        ));
    }
    Ok(())
}

/// The operationId and the parameter names end up in generated names, attributes and
/// literals: no invisible characters.
pub fn check_names(
    spec: &LoadedSpec,
    operation_id: &str,
    path_parameters: &[PathParameter],
    other_parameters: &[OtherParameter],
    location: &str,
) -> Result<()> {
    let names = std::iter::once(("operationId", operation_id))
        .chain(
            path_parameters
                .iter()
                .map(|p| ("path parameter", p.serialized_name.as_str())),
        )
        .chain(
            other_parameters
                .iter()
                .map(|p| ("parameter", p.serialized_name.as_str())),
        );
    for (what, name) in names {
        if let Some(hidden) = first_hidden(name) {
            return Err(spec.error(
                location,
                &format!(
                    "{what} `{}` holds the invisible character {hidden}",
                    crate::text::shown(name)
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_versions() {
        assert!(check_api_version("v1.0").is_ok());
        assert!(check_api_version("beta").is_ok());
        for bad in ["..", ".", "v 1", "b'eta", "bêta", "\"v1\"", ""] {
            assert!(check_api_version(bad).is_err(), "{bad}");
        }
    }
}
