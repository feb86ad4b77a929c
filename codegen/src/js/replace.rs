//! JavaScript replacement strings (`GetSubstitution`): `$$`, `$&`, `` $` ``, `$'`, `$1`…`$99`
//! and `$<name>`. What a `$` sequence means depends on the groups of the regex it replaces
//! with, so a template is read against each match.

use std::borrow::Cow;
use std::ops::Range;

/// A replacement string as written in a directive.
#[derive(Debug, Clone)]
pub struct Template {
    source: String,
}

/// What a template can refer to in one match.
pub(super) struct Captures<'m> {
    whole: Range<usize>,
    found: Option<(&'m fancy_regex::Regex, &'m fancy_regex::Captures<'m>)>,
}

impl<'m> Captures<'m> {
    /// A match without groups (an exact selector, a literal needle).
    pub(super) fn whole(range: Range<usize>) -> Captures<'static> {
        Captures {
            whole: range,
            found: None,
        }
    }

    pub(super) fn of(
        regex: &'m fancy_regex::Regex,
        found: &'m fancy_regex::Captures<'m>,
    ) -> Captures<'m> {
        Captures {
            whole: found.get(0).map_or(0..0, |m| m.range()),
            found: Some((regex, found)),
        }
    }

    fn group_count(&self) -> usize {
        self.found
            .map_or(0, |(regex, _)| regex.captures_len().saturating_sub(1))
    }

    fn group(&self, index: usize) -> Option<Range<usize>> {
        self.found
            .and_then(|(_, found)| found.get(index).map(|m| m.range()))
    }

    fn has_names(&self) -> bool {
        self.found
            .is_some_and(|(regex, _)| regex.capture_names().any(|name| name.is_some()))
    }

    fn named(&self, name: &str) -> Option<Range<usize>> {
        self.found
            .and_then(|(_, found)| found.name(name).map(|m| m.range()))
    }
}

impl Template {
    pub fn parse(source: &str) -> Template {
        Template {
            source: source.to_owned(),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Appends the replacement for one match of `text` to `out`.
    pub(super) fn expand(&self, out: &mut String, text: &str, captures: &Captures<'_>) {
        let src = self.source.as_str();
        let mut i = 0;
        while i < src.len() {
            // Copy up to the next `$` in one go; `$` is ASCII so slicing stays on boundaries.
            let next = src[i..].find('$').map_or(src.len(), |off| i + off);
            out.push_str(&src[i..next]);
            if next == src.len() {
                break;
            }
            i = next + dollar(&src[next..], text, captures, out);
        }
    }
}

/// Expands the `$…` sequence at the start of `rest` into `out`; returns the bytes it used.
fn dollar(rest: &str, text: &str, captures: &Captures<'_>, out: &mut String) -> usize {
    let bytes = rest.as_bytes();
    let whole = &captures.whole;
    match bytes.get(1) {
        Some(b'$') => {
            out.push('$');
            2
        }
        Some(b'&') => {
            out.push_str(&text[whole.clone()]);
            2
        }
        Some(b'`') => {
            out.push_str(&text[..whole.start]);
            2
        }
        Some(b'\'') => {
            out.push_str(&text[whole.end..]);
            2
        }
        Some(&first @ b'0'..=b'9') => {
            let groups = captures.group_count();
            let first = usize::from(first - b'0');
            let second = bytes
                .get(2)
                .filter(|b| b.is_ascii_digit())
                .map(|b| usize::from(b - b'0'));
            // Two digits when that group exists, else one digit followed by a literal digit.
            let (index, digits) = match second {
                Some(d) if first * 10 + d <= groups => (first * 10 + d, 2),
                _ => (first, 1),
            };
            if (1..=groups).contains(&index) {
                if let Some(range) = captures.group(index) {
                    out.push_str(&text[range]);
                }
            } else {
                out.push_str(&rest[..1 + digits]);
            }
            1 + digits
        }
        Some(b'<') if captures.has_names() => match rest[2..].find('>') {
            Some(close) => {
                if let Some(range) = captures.named(&rest[2..2 + close]) {
                    out.push_str(&text[range]);
                }
                2 + close + 1
            }
            None => {
                out.push_str("$<");
                2
            }
        },
        _ => {
            out.push('$');
            1
        }
    }
}

/// JS `haystack.replace(needle, value)` with a string pattern: the first occurrence only, and
/// `$$`, `$&`, `` $` ``, `$'` in `value` still mean what they mean in replacement strings.
pub fn replace_first_literal<'a>(haystack: &'a str, needle: &str, value: &str) -> Cow<'a, str> {
    let Some(start) = haystack.find(needle) else {
        return Cow::Borrowed(haystack);
    };
    let end = start + needle.len();
    let mut out = String::with_capacity(haystack.len() + value.len());
    out.push_str(&haystack[..start]);
    Template::parse(value).expand(&mut out, haystack, &Captures::whole(start..end));
    out.push_str(&haystack[end..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_replace_takes_the_first_occurrence_and_reads_dollars() {
        assert_eq!(replace_first_literal("a-x-x", "x", "y"), "a-y-x");
        assert_eq!(replace_first_literal("abc", "z", "y"), "abc");
        assert_eq!(replace_first_literal("abc", "b", "[$&$`$'$$]"), "a[bac$]c");
        // No groups in a string pattern: `$1` stays text.
        assert_eq!(replace_first_literal("abc", "b", "$1"), "a$1c");
    }
}
