//! Directive selectors as JavaScript regexes: JS syntax translated for `fancy-regex`
//! ([`super::translate`]), matched with JS's `match` and global `replace` rules.

use std::sync::Arc;

use super::replace::{Captures, Template};
use super::translate::translate_js_regex;

/// A compiled selector: `^sel$`/gi for purely alphanumeric text, else the text itself /gi.
#[derive(Debug, Clone)]
pub struct Pattern {
    source: String,
    matcher: Matcher,
}

#[derive(Debug, Clone)]
enum Matcher {
    /// `^[a-zA-Z0-9]+$` selectors: a whole-string ASCII case-insensitive comparison, which is
    /// exactly what JS `/^sel$/i` does and much cheaper than a regex.
    Exact,
    /// Shared so that setters can keep the where regex without recompiling it.
    Regex(Arc<fancy_regex::Regex>),
}

impl Pattern {
    /// A `where` selector (`getPatternToMatch` of `modifiers-v2`).
    pub fn selector(source: &str) -> Result<Pattern, String> {
        if !source.is_empty() && source.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Ok(Pattern {
                source: source.to_owned(),
                matcher: Matcher::Exact,
            });
        }
        Pattern::regex(source, "(?i)")
    }

    /// The `remove-path-by-operation` regex: never anchored, flags `gmi`.
    pub fn unanchored(source: &str) -> Result<Pattern, String> {
        Pattern::regex(source, "(?im)")
    }

    fn regex(source: &str, flags: &str) -> Result<Pattern, String> {
        let translated = format!("{flags}{}", translate_js_regex(source));
        let regex = fancy_regex::RegexBuilder::new(&translated)
            .backtrack_limit(super::limit::BACKTRACK_LIMIT)
            // No full DFA: building one cost a quarter of loading the SDK's configuration,
            // and selectors only ever match short names, where the lazy DFA is as quick.
            .delegate_dfa_size_limit(0)
            .build()
            .map_err(|e| format!("invalid regex `{source}`: {e}"))?;
        Ok(Pattern {
            source: source.to_owned(),
            matcher: Matcher::Regex(Arc::new(regex)),
        })
    }

    /// The selector as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// JS `!!text.match(re)`: any match anywhere. A regex that gives up (backtrack limit) is
    /// noted for [`super::limit`], which makes it an error naming the directive.
    pub fn is_match(&self, text: &str) -> bool {
        match &self.matcher {
            Matcher::Exact => text.eq_ignore_ascii_case(&self.source),
            Matcher::Regex(_) if super::limit::given_up() => false,
            Matcher::Regex(re) => re.is_match(text).unwrap_or_else(|error| {
                super::limit::gave_up(&self.source, text, &error);
                false
            }),
        }
    }

    /// An alphanumeric selector, compared without a regex (cheap: tested first).
    pub fn is_exact(&self) -> bool {
        matches!(self.matcher, Matcher::Exact)
    }

    /// JS `text.replace(re, template)` with the `g` flag.
    pub fn replace_all(&self, text: &str, template: &Template) -> String {
        let mut out = String::with_capacity(text.len() + 8);
        match &self.matcher {
            Matcher::Exact => {
                if !self.is_match(text) {
                    return text.to_owned();
                }
                template.expand(&mut out, text, &Captures::whole(0..text.len()));
            }
            Matcher::Regex(re) => replace_all_regex(re, text, template, &mut out),
        }
        out
    }
}

/// The global replace loop of JS: after an empty match the search moves on one character,
/// and matches never overlap.
fn replace_all_regex(re: &fancy_regex::Regex, text: &str, template: &Template, out: &mut String) {
    if super::limit::given_up() {
        out.push_str(text);
        return;
    }
    let mut copied = 0;
    let mut pos = 0;
    while pos <= text.len() {
        let found = match re.captures_from_pos(text, pos) {
            Ok(Some(found)) => found,
            Ok(None) => break,
            Err(error) => {
                super::limit::gave_up(re.as_str(), text, &error);
                break;
            }
        };
        let Some(whole) = found.get(0).map(|m| m.range()) else {
            break;
        };
        out.push_str(&text[copied..whole.start]);
        template.expand(out, text, &Captures::of(re, &found));
        copied = whole.end;
        pos = if whole.is_empty() {
            whole.end + text[whole.end..].chars().next().map_or(1, char::len_utf8)
        } else {
            whole.end
        };
    }
    out.push_str(&text[copied..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn js_replace(pattern: &str, text: &str, template: &str) -> String {
        let p = Pattern::selector(pattern).expect("pattern");
        p.replace_all(text, &Template::parse(template))
    }

    #[test]
    fn alphanumeric_selectors_are_anchored_and_case_insensitive() {
        let p = Pattern::selector("Invoke").unwrap();
        assert!(p.is_exact());
        assert!(p.is_match("invoke"));
        assert!(p.is_match("INVOKE"));
        assert!(!p.is_match("Invoked"));
        assert!(!p.is_match("XInvoke"));
    }

    #[test]
    fn other_selectors_are_unanchored_and_case_insensitive() {
        let p = Pattern::selector("New|Remove").unwrap();
        assert!(p.is_match("Renew"), "unanchored: `New` inside `Renew`");
        assert!(p.is_match("REMOVE"));
        assert!(!p.is_match("Get"));
        let p = Pattern::selector("(^Delta)(.*)").unwrap();
        assert!(p.is_match("DeltaUser"));
        assert!(!p.is_match("UserDelta"));
    }

    #[test]
    fn list_as_selector_matches_todo_task_case_insensitively() {
        // §6.2: `As` matches the `as` of `Task`.
        assert_eq!(
            js_replace("^(.*)List(.*)(As.*)$", "UserTodoListTask", "$1$2$3"),
            "UserTodoTask"
        );
    }

    #[test]
    fn lookahead_selectors_work() {
        let p = Pattern::selector("^(?!DirectoryObject).*AvailableExtensionProperty$").unwrap();
        assert!(p.is_match("UserAvailableExtensionProperty"));
        assert!(!p.is_match("DirectoryObjectAvailableExtensionProperty"));
    }

    #[test]
    fn js_replacement_syntax() {
        let subject = "^(Invalidate)(UserRefreshToken)$";
        assert_eq!(
            js_replace(subject, "InvalidateUserRefreshToken", "$1All$2"),
            "InvalidateAllUserRefreshToken"
        );
        assert_eq!(
            js_replace(subject, "InvalidateUserRefreshToken", "$$1"),
            "$1"
        );
        assert_eq!(
            js_replace(subject, "InvalidateUserRefreshToken", "<$&>"),
            "<InvalidateUserRefreshToken>"
        );
        // Group 3 does not exist: `$3` stays text; `$10` is group 1 then `0`; `$0` is text.
        assert_eq!(
            js_replace(subject, "InvalidateUserRefreshToken", "$3"),
            "$3"
        );
        assert_eq!(
            js_replace(subject, "InvalidateUserRefreshToken", "$10"),
            "Invalidate0"
        );
        assert_eq!(
            js_replace(subject, "InvalidateUserRefreshToken", "$0"),
            "$0"
        );
        assert_eq!(js_replace("(Window)", "AWindowB", "[$`|$']"), "A[A|B]B");
        // Global: every match is replaced; an exact selector replaces the whole name.
        assert_eq!(js_replace("[o]", "foo", "0"), "f00");
        assert_eq!(js_replace("Invoke", "invoke", "Get$&"), "Getinvoke");
        // Empty matches advance by one character, as in JS.
        assert_eq!(js_replace("x*", "abc", "-"), "-a-b-c-");
        assert_eq!(js_replace("x*", "é", "-"), "-é-");
        // Named groups; `$<` is text when the regex has none.
        assert_eq!(js_replace("(?<w>Sm)$", "MethodSm", "$<w>s"), "MethodSms");
        assert_eq!(js_replace("(?<w>Sm)$", "MethodSm", "$<x>s"), "Methods");
        assert_eq!(js_replace("(Sm)$", "MethodSm", "$<w>"), "Method$<w>");
        // A group that did not take part gives the empty string.
        assert_eq!(js_replace("(a)|(b)", "b", "[$1]"), "[]");
    }

    #[test]
    fn js_regex_syntax_is_read_as_js_reads_it() {
        // `\<` is a literal `<` in JS (a word boundary in other dialects).
        assert!(Pattern::selector(r"a\<b").unwrap().is_match("a<b"));
        // `\w` is ASCII-only in JS.
        assert!(!Pattern::selector(r"^\w+$").unwrap().is_match("é"));
        // Braces that are not a quantifier are literal.
        assert!(Pattern::selector("a{b").unwrap().is_match("a{b"));
        assert!(Pattern::selector("a}b").unwrap().is_match("a}b"));
        assert!(Pattern::selector("^a{2}$").unwrap().is_match("aa"));
        // `[]` never matches, `[^]` matches anything.
        assert!(!Pattern::selector("a[]").unwrap().is_match("a"));
        assert!(Pattern::selector("a[^]b").unwrap().is_match("a\nb"));
        // `.` stops at every line terminator.
        assert!(!Pattern::selector("a.b").unwrap().is_match("a\u{2028}b"));
        // Identity escapes of letters; `&&` in a class is two characters.
        assert!(Pattern::selector(r"\A").unwrap().is_match("xa"));
        assert!(Pattern::selector(r"[\w-]+\/").unwrap().is_match("a-b/"));
        assert!(Pattern::selector("^[a&&b]$").unwrap().is_match("&"));
        // A dash after a class escape is literal in JS, not a range.
        let p = Pattern::selector(r"^[\d-x]+$").unwrap();
        assert!(p.is_match("1-x") && !p.is_match("5w"));
    }

    #[test]
    fn remove_path_regex_is_unanchored_and_multiline() {
        let p = Pattern::unanchored("^restore").unwrap();
        assert!(p.is_match("user\nRESTORE_thing"));
        assert!(!p.is_match("user_restore"));
    }

    #[test]
    fn bad_regex_is_an_error_quoting_it() {
        let err = Pattern::selector("^(Foo").unwrap_err();
        assert!(err.contains("invalid regex `^(Foo`"), "{err}");
    }
}
