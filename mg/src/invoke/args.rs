//! Reading the words after the cmdlet name: parameter names in PowerShell's spelling (`-UserId`,
//! `-Confirm:$false`) or Unix's (`--user-id`, `--user-id=x`), values, and PowerShell hashtable
//! literals (`@{ "x-a" = "1"; b = 2 }`) that the shell may have split into several words.

/// One word of the command line, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Word {
    /// `-Name`, `-Name:value`, `--name`, `--name=value`.
    Name {
        /// The name as typed, without its dashes.
        text: String,
        /// Typed with `--` (Unix spelling: `user-id` matches `UserId`).
        unix: bool,
        /// The value given in the same word, after `:` (PowerShell) or `=` (Unix).
        inline: Option<String>,
    },
    /// Anything else: a value.
    Value(String),
}

/// Classifies one word. A dash followed by a digit or `.` is a negative number, and `-` alone is
/// the "read stdin" value, as both are values in PowerShell too.
pub fn classify(word: &str) -> Word {
    let (rest, unix) = match word.strip_prefix("--") {
        Some(rest) => (rest, true),
        None => match word.strip_prefix('-') {
            Some(rest) => (rest, false),
            None => return Word::Value(word.to_owned()),
        },
    };
    if !rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '?') {
        return Word::Value(word.to_owned());
    }
    let separator = if unix { '=' } else { ':' };
    let (text, inline) = match rest.split_once(separator) {
        Some((name, value)) => (name.to_owned(), Some(value.to_owned())),
        None => (rest.to_owned(), None),
    };
    Word::Name { text, unix, inline }
}

/// Takes the value that starts at `words[*at]`, advancing `at` past it. A hashtable literal the
/// shell split into several words (`@{`, `a`, `=`, `1`, `}`) is joined back up to its closing
/// brace.
pub fn take_value(words: &[String], at: &mut usize) -> Option<String> {
    let first = words.get(*at)?;
    *at += 1;
    if !first.trim_start().starts_with("@{") {
        return Some(first.clone());
    }
    let mut joined = first.clone();
    while depth(&joined) > 0 {
        let Some(next) = words.get(*at) else { break };
        joined.push(' ');
        joined.push_str(next);
        *at += 1;
    }
    Some(joined)
}

/// Open braces not yet closed, outside quotes.
fn depth(text: &str) -> i32 {
    let mut depth = 0;
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '{') => depth += 1,
            (None, '}') => depth -= 1,
            _ => {}
        }
    }
    depth
}

/// Parses a flat PowerShell hashtable literal, `@{ "x-a" = "1"; b = 2 }`, into its entries in
/// order. Keys and values may be quoted with `"` or `'` or bare; entries are separated by `;`
/// or line breaks. `$true`, `$false` and numbers are kept as the text PowerShell would send.
pub fn parse_hashtable(text: &str) -> Result<Vec<(String, String)>, String> {
    let inner = text
        .trim()
        .strip_prefix("@{")
        .and_then(|rest| rest.strip_suffix('}'))
        .ok_or_else(|| {
            format!("{text:?} is not a hashtable literal: expected @{{ name = value }}")
        })?;
    let mut entries = Vec::new();
    let mut chars = inner.chars().peekable();
    loop {
        skip_blanks(&mut chars, true);
        if chars.peek().is_none() {
            break;
        }
        let key = atom(&mut chars, &['='])?;
        skip_blanks(&mut chars, false);
        if chars.next() != Some('=') {
            return Err(format!(
                "hashtable entry {key:?} has no `=`: write @{{ {key} = value }}"
            ));
        }
        skip_blanks(&mut chars, false);
        let value = atom(&mut chars, &[';', '\n'])?;
        if key.is_empty() {
            return Err("hashtable entry with an empty name".to_owned());
        }
        entries.push((key, value));
        skip_blanks(&mut chars, false);
        match chars.next() {
            None | Some(';' | '\n' | '\r') => {}
            Some(other) => {
                return Err(format!(
                    "unexpected {other:?} after a hashtable value: separate entries with `;`"
                ));
            }
        }
    }
    Ok(entries)
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_blanks(chars: &mut Chars<'_>, separators: bool) {
    while let Some(&c) = chars.peek() {
        let skip = c == ' ' || c == '\t' || (separators && matches!(c, ';' | '\n' | '\r'));
        if !skip {
            break;
        }
        chars.next();
    }
}

/// A quoted or bare word, ending before a blank or one of `stops`.
fn atom(chars: &mut Chars<'_>, stops: &[char]) -> Result<String, String> {
    let mut out = String::new();
    match chars.peek().copied() {
        Some(q @ ('"' | '\'')) => {
            chars.next();
            loop {
                match chars.next() {
                    None => return Err(format!("unclosed {q} in a hashtable literal")),
                    // PowerShell escapes a quote inside quotes by doubling it.
                    Some(c) if c == q && chars.peek() == Some(&q) => {
                        chars.next();
                        out.push(q);
                    }
                    Some(c) if c == q => break,
                    Some(c) => out.push(c),
                }
            }
        }
        _ => {
            while let Some(&c) = chars.peek() {
                if c == ' ' || c == '\t' || stops.contains(&c) || c == '\r' {
                    break;
                }
                out.push(c);
                chars.next();
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn names_values_and_inline_values() {
        assert_eq!(
            classify("-UserId"),
            Word::Name {
                text: "UserId".into(),
                unix: false,
                inline: None
            }
        );
        assert_eq!(
            classify("-Confirm:$false"),
            Word::Name {
                text: "Confirm".into(),
                unix: false,
                inline: Some("$false".into())
            }
        );
        assert_eq!(
            classify("--user-id=a=b"),
            Word::Name {
                text: "user-id".into(),
                unix: true,
                inline: Some("a=b".into())
            }
        );
        for value in ["-", "-1", "-.5", "alice@contoso.com", "@file.json"] {
            assert_eq!(classify(value), Word::Value(value.into()));
        }
    }

    #[test]
    fn hashtable_split_by_the_shell_is_joined() {
        let argv = words(&[
            "@{", "x-a", "=", "1;", "b", "=", "'two", "words'", "}", "-WhatIf",
        ]);
        let mut at = 0;
        let value = take_value(&argv, &mut at).unwrap_or_default();
        assert_eq!(at, 9);
        assert_eq!(
            parse_hashtable(&value),
            Ok(vec![
                ("x-a".into(), "1".into()),
                ("b".into(), "two words".into())
            ])
        );
    }

    #[test]
    fn hashtable_forms() {
        assert_eq!(
            parse_hashtable(r#"@{"x-a"="1";'b'='it''s'}"#),
            Ok(vec![
                ("x-a".into(), "1".into()),
                ("b".into(), "it's".into())
            ])
        );
        assert_eq!(parse_hashtable("@{}"), Ok(vec![]));
        assert!(parse_hashtable("@{ a }").is_err());
        assert!(parse_hashtable("@{ a = 'open }").is_err());
        assert!(parse_hashtable("a=1").is_err());
    }
}
