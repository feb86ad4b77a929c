//! The generator's two verb tables: the English verbs set (`internal/verbs.ts`, 6,560 words) that
//! decides which word of an operation name is the action, and the `verb-mapping` table
//! (`autorest-configuration.md`, 202 entries) from that action to a PowerShell verb.
//!
//! Both are embedded JSON, parsed once on first use. Strings are borrowed from the embedded text
//! (the files contain no escapes), so parsing allocates only the set and the map.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

static VERBS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    let list: Vec<&'static str> = serde_json::from_str(include_str!("../../data/verbs.json"))
        .expect("verbs.json is an array of plain strings");
    list.into_iter().collect()
});

static VERB_MAP: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../data/verbmap.json"))
        .expect("verbmap.json is an object of plain strings")
});

/// Whether a lower-case word is in the generator's English verbs set (`revoke` yes, `reply` no).
pub fn is_english_verb(word: &str) -> bool {
    VERBS.contains(word)
}

/// The PowerShell verb for a PascalCase action (`Revoke` → `Revoke`, `Wipe` → `Clear`,
/// `PowerOff` → `Stop`). The lookup is exact and case-sensitive; `None` means the generator
/// falls back to `Invoke`.
pub fn powershell_verb(action_pascal: &str) -> Option<&'static str> {
    VERB_MAP.get(action_pascal).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_have_their_documented_sizes() {
        assert_eq!(VERBS.len(), 6560);
        assert_eq!(VERB_MAP.len(), 202);
    }

    #[test]
    fn verbs_set_membership() {
        for w in [
            "accept",
            "archive",
            "batch",
            "buffer",
            "bulk",
            "calendar",
            "check",
            "clean",
            "cloud",
            "copy",
            "create",
            "decline",
            "delete",
            "down",
            "export",
            "extract",
            "filter",
            "follow",
            "forward",
            "get",
            "graph",
            "invalidate",
            "invite",
            "is",
            "license",
            "link",
            "lock",
            "mark",
            "message",
            "patch",
            "play",
            "post",
            "preview",
            "record",
            "retire",
            "revoke",
            "scan",
            "sign",
            "snooze",
            "soft",
            "time",
            "translate",
            "undo",
            "update",
            "view",
            "wipe",
        ] {
            assert!(is_english_verb(w), "{w} should be a verb");
        }
        for w in [
            "checkin",
            "checkout",
            "creation",
            "delta",
            "deprovision",
            "logout",
            "pending",
            "reboot",
            "reauthorize",
            "recent",
            "reenable",
            "reply",
            "reprovision",
            "shut",
            "supported",
            "unarchive",
            "unfollow",
            "unhide",
            "unset",
            "unsubscribe",
            "reprocess",
            "",
            "Revoke",
            "revoké",
        ] {
            assert!(!is_english_verb(w), "{w} should not be a verb");
        }
    }

    #[test]
    fn verb_mapping() {
        let cases = [
            ("Revoke", Some("Revoke")),
            ("Wipe", Some("Clear")),
            ("Check", Some("Test")),
            ("Copy", Some("Copy")),
            ("PowerOff", Some("Stop")),
            ("PowerOn", Some("Start")),
            ("ForceReboot", Some("Restart")),
            ("Reprocess", Some("Update")),
            ("Post", Some("Invoke")),
            ("Into", Some("Enter")),
            ("Unpublish", Some("Unpublish")),
            ("Invalidate", None),
            ("revoke", None),
            ("REVOKE", None),
            ("", None),
        ];
        for (action, verb) in cases {
            assert_eq!(powershell_verb(action), verb, "{action}");
        }
    }
}
