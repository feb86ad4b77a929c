//! Spec text that ends up in generated source. rustc refuses a bare carriage return in a doc
//! comment and, by default, any character that changes the direction of text in a comment or a
//! string literal (the "Trojan Source" lints); other invisible controls make source that reads
//! differently from what it does. Names must be free of them; prose is escaped.

/// Characters that are invisible or reorder text: controls other than tab and line feed,
/// bidirectional marks, embeddings, overrides and isolates, zero-width characters, the line
/// and paragraph separators and the byte-order mark.
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// The first hidden character of `text`, spelled for an error message (`U+202E`).
pub fn first_hidden(text: &str) -> Option<String> {
    text.chars()
        .find(|&c| is_hidden(c))
        .map(|c| format!("U+{:04X}", u32::from(c)))
}

/// `text` for a message: hidden characters written out as `\u{…}`, so a terminal shows them
/// rather than obeying them.
pub fn shown(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        if is_hidden(c) {
            shown.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            shown.push(c);
        }
    }
    shown
}

/// `text` for a doc comment: line breaks as line feeds, every other hidden character written
/// out as `\u{…}` so a reader sees it and rustc accepts it.
pub fn doc_safe(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let mut safe = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' => safe.push('\n'),
            c if is_hidden(c) => safe.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => safe.push(c),
        }
    }
    safe
}

/// The source of a string literal holding exactly `text`, with hidden characters escaped.
pub fn string_literal(text: &str) -> String {
    let mut source = String::with_capacity(text.len() + 2);
    source.push('"');
    for c in text.chars() {
        match c {
            '"' => source.push_str("\\\""),
            '\\' => source.push_str("\\\\"),
            '\n' => source.push_str("\\n"),
            '\t' => source.push_str("\\t"),
            c if is_hidden(c) => source.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => source.push(c),
        }
    }
    source.push('"');
    source
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_found_and_escaped() {
        assert_eq!(
            first_hidden("user_revoke\u{202E}Session"),
            Some("U+202E".into())
        );
        assert_eq!(first_hidden("plain text, tabs\tand\nlines"), None);
        assert_eq!(
            doc_safe("a\r\nb\rc \u{202E}d\u{2066}\u{7}"),
            "a\nb\nc \\u{202e}d\\u{2066}\\u{7}"
        );
        assert_eq!(string_literal("a\"\\\u{202E}é"), "\"a\\\"\\\\\\u{202e}é\"");
    }
}
