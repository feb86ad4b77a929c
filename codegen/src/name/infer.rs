//! Verb and subject inference (`create-commands-v2`): from an operation's group and member to
//! one or more (action, verb, subject) triples.

use super::pluralize::singularize;
use super::verbs::{is_english_verb, powershell_verb};
use super::words::{deconstruct, pascal_case, pascal_case_words, remove_sequential_duplicates};

/// What the SDK infers for one command of an operation, before variants and directives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InferredCommand {
    /// The action word (`revoke`, `invalidate`) or, on the instant path, the styled operation
    /// name (`PowerOff`). Variant names come from it.
    pub action: String,
    pub verb: String,
    pub subject: String,
}

/// Words that split a member name, tried in this order; the suffix after them is lost.
const PREPOSITIONS: [&str; 6] = ["with", "at", "by", "for", "in", "of"];

/// Infers the commands of one operation from its group and its styled operation name
/// (`RevokeSignInSession`). `None` when the name has no words at all.
pub fn infer_commands(group: &str, styled: &str) -> Option<Vec<InferredCommand>> {
    let styled = styled.to_owned();
    let group_words = deconstruct(group);

    // Instant match: the whole styled name is a key of the verb map (`PowerOff`, `Stop`).
    if let Some(verb) = powershell_verb(&styled) {
        let group_noun = group_noun(&group_words);
        return Some(vec![command(&styled, verb, vec![group_noun])]);
    }

    let words = deconstruct(&styled);
    let mut found = Vec::new();
    split(words, &group_words, &mut found);
    if found.is_empty() {
        return None;
    }
    Some(
        found
            .into_iter()
            .map(|(action, subject)| {
                let verb = powershell_verb(&pascal_case(&action)).unwrap_or("Invoke");
                command(&action, verb, subject)
            })
            .collect(),
    )
}

/// The group's words with only the last one singularized, as one PascalCase noun.
fn group_noun(group_words: &[String]) -> String {
    let mut words = group_words.to_vec();
    if let Some(last) = words.last_mut() {
        *last = singularize(last);
    }
    pascal_case_words(&words)
}

fn command(action: &str, verb: &str, mut subject: Vec<String>) -> InferredCommand {
    // `Invoke` keeps the action word in the noun (`Invoke-MgInvalidateUserRefreshToken`).
    if verb == "Invoke" && !action.eq_ignore_ascii_case("post") {
        subject.insert(0, action.to_owned());
    }
    let singular: Vec<String> = subject.iter().map(|word| singularize(word)).collect();
    InferredCommand {
        action: action.to_owned(),
        verb: verb.to_owned(),
        subject: pascal_case_words(&remove_sequential_duplicates(singular)),
    }
}

/// The recursive word split of `inferCommand`: pushes (action, subject words) pairs.
fn split(mut words: Vec<String>, group: &[String], out: &mut Vec<(String, Vec<String>)>) {
    words.retain(|word| !word.is_empty() && word != "all");
    let with_group =
        |rest: &[String]| -> Vec<String> { group.iter().chain(rest).cloned().collect::<Vec<_>>() };
    match words.len() {
        0 => {}
        1 => out.push((words[0].clone(), with_group(&[]))),
        2 => {
            let (first, second) = (&words[0], &words[1]);
            if !is_english_verb(first) && is_english_verb(second) {
                out.push((second.clone(), with_group(std::slice::from_ref(first))));
            } else {
                out.push((first.clone(), with_group(std::slice::from_ref(second))));
            }
        }
        _ => {
            if let Some(at) = words.iter().skip(1).position(|w| w == "or").map(|i| i + 1) {
                let after = &words[at + 1..];
                let mut first: Vec<String> = words[..at].to_vec();
                first.extend(after.iter().skip(1).cloned());
                split(first, group, out);
                split(after.to_vec(), group, out);
                return;
            }
            if let Some(at) = preposition_index(&words) {
                // The words after the preposition become a suffix that never reaches the name.
                words.truncate(at);
                split(words, group, out);
                return;
            }
            match words.iter().position(|word| is_english_verb(word)) {
                Some(0) | None => out.push((words[0].clone(), with_group(&words[1..]))),
                Some(at) if at == words.len() - 1 => {
                    out.push((words[at].clone(), with_group(&words[..at])))
                }
                // A verb in the middle loses the words on both sides.
                Some(at) => out.push((words[at].clone(), with_group(&[]))),
            }
        }
    }
}

/// Index of the first preposition (in `PREPOSITIONS` order) past the first word; `in` right
/// after `sign` does not count (`signIn`).
fn preposition_index(words: &[String]) -> Option<usize> {
    PREPOSITIONS.iter().find_map(|preposition| {
        words
            .iter()
            .enumerate()
            .skip(1)
            .find(|(index, word)| {
                word.as_str() == *preposition
                    && !(*preposition == "in" && words[index - 1] == "sign")
            })
            .map(|(index, _)| index)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(group: &str, member: &str) -> Vec<(String, String, String)> {
        infer_commands(group, &crate::name::style::pascal_operation_name(member))
            .unwrap()
            .into_iter()
            .map(|c| (c.verb, c.subject, c.action))
            .collect()
    }

    fn one(group: &str, member: &str) -> (String, String) {
        let mut all = names(group, member);
        assert_eq!(all.len(), 1, "{all:?}");
        let (verb, subject, _) = all.remove(0);
        (verb, subject)
    }

    #[test]
    fn seed_operations() {
        assert_eq!(
            one("user", "revokeSignInSession"),
            ("Revoke".into(), "UserSignInSession".into())
        );
        assert_eq!(
            one("user", "invalidateAllRefreshToken"),
            ("Invoke".into(), "InvalidateUserRefreshToken".into())
        );
    }

    #[test]
    fn traces_from_the_naming_notes() {
        let cases = [
            (
                "user.authentication.method",
                "disableSmsSignIn",
                "Disable",
                "UserAuthenticationMethodSmSignIn",
            ),
            (
                "user.onenote.section",
                "copyToNotebook",
                "Copy",
                "UserOnenoteSectionToNotebook",
            ),
            ("user", "checkMemberGroup", "Test", "UserMemberGroup"),
            ("user", "getGraphBPreId", "Get", "UserGraphBPreId"),
            (
                "user.chat",
                "unhideGraphFPreUser",
                "Invoke",
                "GraphUserChat",
            ),
            (
                "user.chat",
                "markChatReadGraphFPreUser",
                "Invoke",
                "MarkUserChatReadGraphFPreUser",
            ),
            (
                "user",
                "removeAllDevicesFromManagement",
                "Remove",
                "UserDeviceFromManagement",
            ),
            (
                "user.event.instance",
                "accept",
                "Invoke",
                "AcceptUserEventInstance",
            ),
            (
                "user.mailFolder.childFolder.message",
                "replyAll",
                "Invoke",
                "ReplyUserMailFolderChildFolderMessage",
            ),
            ("user.cloudPC", "powerOff", "Stop", "UserCloudPc"),
            ("user.cloudPC", "stop", "Stop", "UserCloudPc"),
            (
                "user.managedDevice",
                "cleanWindowsDevice",
                "Invoke",
                "CleanUserManagedDeviceWindowDevice",
            ),
            (
                "user.managedDevice",
                "windowsDefenderUpdateSignature",
                "Update",
                "UserManagedDevice",
            ),
            (
                "user.managedDevice",
                "reprovisionCloudPc",
                "Invoke",
                "CloudUserManagedDevice",
            ),
            ("user", "changePassword", "Rename", "UserPassword"),
            ("user", "getUserOwnedObject", "Get", "UserOwnedObject"),
            ("user", "delta", "Invoke", "DeltaUser"),
            (
                "user.calendar",
                "permanentDelete",
                "Remove",
                "UserCalendarPermanent",
            ),
            (
                "user.managedDevice",
                "shutDown",
                "Invoke",
                "DownUserManagedDeviceShut",
            ),
            (
                "user.chat.message",
                "softDelete",
                "Invoke",
                "SoftUserChatMessageDelete",
            ),
            (
                "user.managedDevice",
                "rebootNow",
                "Restart",
                "UserManagedDeviceNow",
            ),
            (
                "user.chat.message",
                "unsetReaction",
                "Clear",
                "UserChatMessageReaction",
            ),
            (
                "user",
                "reprocessLicenseAssignment",
                "Invoke",
                "LicenseUser",
            ),
        ];
        for (group, member, verb, subject) in cases {
            assert_eq!(
                one(group, member),
                (verb.to_owned(), subject.to_owned()),
                "{group}_{member}"
            );
        }
    }

    #[test]
    fn or_splits_into_two_commands() {
        let all = names("user.onlineMeeting", "createOrGet");
        assert_eq!(
            all,
            vec![
                ("New".into(), "UserOnlineMeeting".into(), "create".into()),
                ("Get".into(), "UserOnlineMeeting".into(), "get".into()),
            ]
        );
    }

    #[test]
    fn empty_member_has_no_command() {
        assert_eq!(infer_commands("user", ""), None);
        assert_eq!(infer_commands("user", "all"), None);
    }
}
