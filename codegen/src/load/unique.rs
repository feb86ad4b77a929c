//! One operationId, one operation. The SDK's specs reuse an id for the same action reached
//! through another navigation path (`/users/{id}/calendar/…/accept` and
//! `/users/{id}/calendars/{calendar-id}/…/accept`); the SDK then gives that cmdlet numbered
//! parameter sets (`Accept1`), and so do we. Any other reuse would merge two different
//! operations into one cmdlet and drop one of them without a word, so it is refused, as are ids
//! that differ only in case (the SDK groups and names case-insensitively).

use std::collections::HashMap;

use super::spec::{LoadedSpec, operations_in_order};
use crate::error::Result;
use crate::model::HttpMethod;

/// Refuses operationIds shared by different operations, naming both places.
pub fn check_unique_operation_ids(spec: &LoadedSpec) -> Result<()> {
    let mut seen: HashMap<String, (&str, HttpMethod, &str)> = HashMap::new();
    for raw in operations_in_order(spec)? {
        let Some(id) = raw.operation.operation_id.as_deref() else {
            continue;
        };
        let place = (id, raw.method, raw.path);
        let Some(&(first_id, method, path)) = seen.get(&id.to_lowercase()) else {
            seen.insert(id.to_lowercase(), place);
            continue;
        };
        let reason = if first_id != id {
            format!("operationIds `{first_id}` and `{id}` differ only in case")
        } else if method != raw.method || target(path) != target(raw.path) {
            format!(
                "operationId `{id}` is given to two different operations (the same id is only \
                 allowed for one action reached through two paths)"
            )
        } else {
            continue;
        };
        return Err(spec.error(
            &format!(
                "{} and {}",
                location(method, path),
                location(raw.method, raw.path)
            ),
            &format!("{reason}: they would merge into one cmdlet; give each its own id"),
        ));
    }
    Ok(())
}

fn location(method: HttpMethod, path: &str) -> String {
    format!("paths.'{path}'.{}", method.as_str().to_lowercase())
}

/// What a path acts on: its last segment that is not a `{key}`, without function arguments,
/// case and a plural `s` (`calendar` and `calendars/{calendar-id}` are one target).
fn target(path: &str) -> String {
    let segment = path
        .split('/')
        .rfind(|segment| !segment.is_empty() && !segment.starts_with('{'))
        .unwrap_or_default();
    let name = segment.split('(').next().unwrap_or_default().to_lowercase();
    match name.strip_suffix('s') {
        Some(singular) => singular.to_owned(),
        None => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn navigation_paths_to_one_action_share_a_target() {
        assert_eq!(
            target("/users/{user-id}/calendar/calendarView/{event-id}/microsoft.graph.accept"),
            target(
                "/users/{user-id}/calendars/{calendar-id}/calendarView/{event-id}/microsoft.graph.accept"
            )
        );
        assert_eq!(
            target("/users/{user-id}/photo"),
            target("/users/{user-id}/photos/{id}")
        );
        assert_eq!(
            target("/users/{user-id}/microsoft.graph.reminderView(StartDateTime='{s}')"),
            "microsoft.graph.reminderview"
        );
        assert_ne!(
            target("/users/{user-id}/microsoft.graph.revokeSignInSessions"),
            target("/users/{user-id}/microsoft.graph.checkMemberGroups")
        );
    }
}
