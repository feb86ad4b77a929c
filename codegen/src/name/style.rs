//! The styling modelerfour applies before the PowerShell generator runs: `Style.pascal` for
//! operation names and `Style.camel` for parameter names, from `@azure-tools/codegen` 2.9.1
//! (`formatter/formatter.js`), with `preserve-uppercase-max-length` 3.
//!
//! Its word splitting differs from [`super::words::deconstruct`]: digit runs are separate words,
//! a plural acronym (`MBsFoo`) stays whole, every acronym split applies (not just the first), and
//! short upper-case words keep their case (`OMA`, `PC`, `IDs`).

use std::collections::{HashMap, HashSet};

use super::words::{
    fix_leading_number, is_word_byte, remove_sequential_duplicates, split_alnum_runs, upper_first,
};

/// modelerfour's default `preserve-uppercase-max-length`.
const MAX_UPPERCASE_PRESERVE: usize = 3;

/// Stands in for the `«` that marks a kept plural acronym; turned into `s` at the end, as is any
/// `«` of the input.
const PLURAL_MARK: char = '«';

/// Operation name from an operationId member (`revokeSignInSession` → `RevokeSignInSession`,
/// `getOMASettings` → `GetOMASettings`), sequential duplicate words removed.
///
/// Within one operation group, use [`pascal_operation_names`]: modelerfour keeps the duplicates
/// when the shorter name is taken.
pub fn pascal_operation_name(member: &str) -> String {
    pascal(member, true)
}

/// Parameter name (`user-id` → `userId`, `cloudPC-id` → `cloudPCId`).
pub fn camel_parameter_name(name: &str) -> String {
    camel(name, true)
}

/// Operation names of one operation group, in input order, as modelerfour's `ScopeNamer` picks
/// them: each name is styled first with its duplicate words kept; the de-duplicated form replaces
/// it only if no operation of the group has that form already, either as its kept-duplicates
/// name or as a name picked earlier. Names are not made unique otherwise.
pub fn pascal_operation_names(members: &[&str]) -> Vec<String> {
    // Group by kept-duplicates name, in first-seen order: the library walks its map that way.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, member) in members.iter().enumerate() {
        let name = pascal(member, false);
        match index.get(&name) {
            Some(&g) => groups[g].1.push(i),
            None => {
                index.insert(name.clone(), groups.len());
                groups.push((name, vec![i]));
            }
        }
    }
    let mut picked: HashSet<String> = HashSet::new();
    let mut result = vec![String::new(); members.len()];
    for (name, positions) in &groups {
        for &i in positions {
            let short = pascal(members[i], true);
            let selected =
                if short != *name && !index.contains_key(&short) && !picked.contains(&short) {
                    short
                } else {
                    name.clone()
                };
            picked.insert(selected.clone());
            result[i] = selected;
        }
    }
    result
}

fn pascal(identifier: &str, remove_duplicates: bool) -> String {
    normalize(identifier, remove_duplicates)
        .iter()
        .map(|w| upper_first(w))
        .collect()
}

fn camel(identifier: &str, remove_duplicates: bool) -> String {
    let words = normalize(identifier, remove_duplicates);
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push_str(&upper_first(w));
        } else if is_fully_upper_case(w.as_bytes()) {
            out.push_str(w);
        } else {
            out.push_str(&lower_first(w));
        }
    }
    out
}

fn normalize(identifier: &str, remove_duplicates: bool) -> Vec<String> {
    if identifier.is_empty() {
        return vec![String::new()];
    }
    let words = fix_leading_number(deconstruct(identifier));
    if remove_duplicates {
        remove_sequential_duplicates(words)
    } else {
        words
    }
}

fn lower_first(w: &str) -> String {
    let mut chars = w.chars();
    match chars.next() {
        Some(first) if u32::from(first) <= 0xFFFF => {
            let mut out: String = first.to_lowercase().collect();
            out.push_str(chars.as_str());
            out
        }
        _ => w.to_string(),
    }
}

/// Words of at most 3 characters that are all upper case, or at most 4 ending in `s` with the
/// rest upper case (`IDs`), keep their case. (Words here are ASCII.)
fn is_fully_upper_case(w: &[u8]) -> bool {
    let len = w.len();
    if len <= 1 {
        return false;
    }
    let upper = |s: &[u8]| !s.iter().any(u8::is_ascii_lowercase);
    (len <= MAX_UPPERCASE_PRESERVE && upper(w))
        || (len <= MAX_UPPERCASE_PRESERVE + 1 && w.ends_with(b"s") && upper(&w[..len - 1]))
}

/// modelerfour's word splitting, see the module comment.
fn deconstruct(identifier: &str) -> Vec<String> {
    let mut s: Vec<char> = Vec::with_capacity(identifier.len() + 8);
    // `fooBar` → `foo Bar`; digit runs get a space on both sides.
    let mut prev: Option<char> = None;
    for c in identifier.chars() {
        let digit_edge = prev.is_some_and(|p| p.is_ascii_digit()) != c.is_ascii_digit();
        let camel_edge = c.is_ascii_uppercase() && prev.is_some_and(|p| p.is_ascii_lowercase());
        if digit_edge || camel_edge {
            s.push(' ');
        }
        s.push(c);
        prev = Some(c);
    }
    if prev.is_some_and(|p| p.is_ascii_digit()) {
        s.push(' ');
    }
    let s = mark_plural_acronyms(&s);
    let s = split_acronyms(&s);
    let text: String = s
        .iter()
        .map(|&c| if c == PLURAL_MARK { 's' } else { c })
        .collect();
    split_words(js_trim(&text))
}

fn is_word(c: char) -> bool {
    u8::try_from(c).is_ok_and(is_word_byte)
}

/// Length of the upper-case run at `p`, if a regex `\b[A-Z]` could start there.
fn acronym_at(s: &[char], p: usize) -> usize {
    let boundary = p == 0 || !is_word(s[p - 1]);
    if !boundary {
        return 0;
    }
    s[p..].iter().take_while(|c| c.is_ascii_uppercase()).count()
}

/// `/\b([A-Z]+)([A-Z])s([^a-z])(.*)/g` → `$1$2« $3$4`: an acronym of two or more letters plus
/// `s`, followed by anything but a lower-case letter, keeps its `s` and ends the word. The `(.*)`
/// swallows the rest of the line, so there is at most one hit per line.
fn mark_plural_acronyms(s: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(s.len() + 2);
    let mut p = 0;
    while p < s.len() {
        let run = acronym_at(s, p);
        let hit = run >= 2
            && s.get(p + run) == Some(&'s')
            && s.get(p + run + 1).is_some_and(|c| !c.is_ascii_lowercase());
        if !hit {
            let step = run.max(1);
            out.extend_from_slice(&s[p..p + step]);
            p += step;
            continue;
        }
        out.extend_from_slice(&s[p..p + run]);
        out.push(PLURAL_MARK);
        out.push(' ');
        // `$3` may itself be a line terminator; `(.*)` then runs to the next one.
        let rest = p + run + 2;
        let line_end = s[rest..]
            .iter()
            .position(|&c| is_line_terminator(c))
            .map_or(s.len(), |e| rest + e);
        out.extend_from_slice(&s[p + run + 1..line_end]);
        p = line_end;
    }
    out
}

/// `/\b([A-Z]+)([A-Z])([a-z]+)/g` → `$1 $2$3`: every acronym followed by a capitalized word is
/// split from it (`SQLConnection` → `SQL Connection`).
fn split_acronyms(s: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(s.len() + 2);
    let mut p = 0;
    while p < s.len() {
        let run = acronym_at(s, p);
        let lower = s.get(p + run..).map_or(0, |t| {
            t.iter().take_while(|c| c.is_ascii_lowercase()).count()
        });
        if run >= 2 && lower > 0 {
            out.extend_from_slice(&s[p..p + run - 1]);
            out.push(' ');
            out.extend_from_slice(&s[p + run - 1..p + run + lower]);
            p += run + lower;
        } else {
            let step = run.max(1);
            out.extend_from_slice(&s[p..p + step]);
            p += step;
        }
    }
    out
}

fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// JavaScript's `String.prototype.trim` (which, unlike Rust's, trims U+FEFF but not U+0085).
fn js_trim(s: &str) -> &str {
    let ws = |c: char| c == '\u{FEFF}' || (c != '\u{85}' && c.is_whitespace());
    s.trim_matches(ws)
}

/// `split(/[\W|_]+/)`, keeping the case of short acronyms.
fn split_words(s: &str) -> Vec<String> {
    split_alnum_runs(s.as_bytes())
        .into_iter()
        .map(|w| {
            let keep = is_fully_upper_case(w);
            w.iter()
                .map(|&b| char::from(if keep { b } else { b.to_ascii_lowercase() }))
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_names() {
        let cases = [
            ("revokeSignInSession", "RevokeSignInSession"),
            ("getGraphBPreId", "GetGraphBPreId"),
            ("getOMASettings", "GetOMASettings"),
            ("disableSmsSignIn", "DisableSmsSignIn"),
            ("moveDevicesToOU", "MoveDevicesToOU"),
            (
                "retrieveCloudPCRemoteActionResult",
                "RetrieveCloudPCRemoteActionResult",
            ),
            ("getMBsFoo", "GetMBsFoo"),
            ("getIDs", "GetIDs"),
            ("SQLConnection", "SQLConnection"),
            ("delta", "Delta"),
            ("create2FA", "Create2FA"),
            ("2faCreate", "TwoFaCreate"),
            ("replyReply", "Reply"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(pascal_operation_name(input), expected, "pascal({input:?})");
        }
    }

    #[test]
    fn parameter_names() {
        let cases = [
            ("user-id", "userId"),
            ("event-id1", "eventId1"),
            ("cloudPC-id", "cloudPCId"),
            ("joinWebUrl", "joinWebUrl"),
            ("PC-id", "PCId"),
            ("Id", "id"),
            ("IDs", "iDs"),
            ("-abc", "abc"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(camel_parameter_name(input), expected, "camel({input:?})");
        }
        // Kept duplicates keep the empty first word, so the next word is capitalized.
        assert_eq!(camel("-abc", false), "Abc");
    }

    #[test]
    fn splitting_details() {
        let d = |s: &str| deconstruct(s).join(" ");
        assert_eq!(d("getMBsFoo"), "get MBs foo");
        assert_eq!(d("MBs"), "m Bs");
        assert_eq!(d("ABCDef.GHIjk"), "ABC def GH ijk");
        assert_eq!(d("a1b"), "a 1 b");
        assert_eq!(d(" \u{feff}x\u{85}"), "x ");
        assert_eq!(d("a\u{ab}b"), "asb");
        assert_eq!(d("ABs\nCDsX"), "ABs c Ds x");
        assert_eq!(d("\u{1F600}Ab"), " ab");
    }

    #[test]
    fn scope_keeps_duplicates_when_short_form_is_taken() {
        assert_eq!(
            pascal_operation_names(&["replyReply", "reply", "getGet"]),
            vec!["ReplyReply", "Reply", "Get"]
        );
        assert_eq!(
            pascal_operation_names(&["copyCopy", "copyCopy"]),
            vec!["Copy", "CopyCopy"]
        );
        assert!(pascal_operation_names(&[]).is_empty());
    }
}
