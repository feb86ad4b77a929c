//! JS regex syntax rewritten for `fancy-regex`, where the two dialects read the same text
//! differently. `regress` (an ECMAScript engine) would need no translation, but it backtracks
//! where `fancy-regex` runs a DFA: on the SDK's directives it applied them hundreds of times
//! slower (see the `directives_beta` bench), so it only checks this translation in tests.

/// JS `.` stops at every line terminator, Rust's only at `\n`.
const JS_DOT: &str = "[^\\n\\r\\u{2028}\\u{2029}]";

/// Rewrites JS regex syntax into the `fancy-regex` dialect where the two read the same text
/// differently: ASCII-only `\d`/`\w`, identity escapes (`\<`, `\A`, `\p` are plain letters in
/// JS without the `u` flag), `[]`/`[^]`, literal braces, `[`/`&`/`~` inside classes, and `.`.
pub(super) fn translate_js_regex(src: &str) -> String {
    let chars: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len() + 16);
    let mut in_class = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            i += translate_escape(&chars, i, in_class, &mut out);
            continue;
        }
        if in_class {
            match c {
                ']' => {
                    in_class = false;
                    out.push(']');
                }
                // Nested classes and set operators in Rust; plain characters in JS.
                '[' | '&' | '~' => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
            i += 1;
            continue;
        }
        match c {
            '[' => {
                let negated = chars.get(i + 1) == Some(&'^');
                let body = if negated { i + 2 } else { i + 1 };
                if chars.get(body) == Some(&']') {
                    // `[]` matches nothing and `[^]` anything in JS.
                    out.push_str(if negated { "[\\s\\S]" } else { "[^\\s\\S]" });
                    i = body + 1;
                    continue;
                }
                in_class = true;
                out.push_str(if negated { "[^" } else { "[" });
                i = body;
                continue;
            }
            '.' => out.push_str(JS_DOT),
            '{' => match quantifier_len(&chars[i..]) {
                Some(len) => {
                    out.extend(&chars[i..i + len]);
                    i += len;
                    continue;
                }
                None => out.push_str("\\{"),
            },
            '}' => out.push_str("\\}"),
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// Length of a JS `{n}`, `{n,}` or `{n,m}` quantifier at the start of `chars`.
fn quantifier_len(chars: &[char]) -> Option<usize> {
    let mut i = 1;
    let digits = |from: usize| {
        chars[from..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let lo = digits(i);
    if lo == 0 {
        return None;
    }
    i += lo;
    if chars.get(i) == Some(&',') {
        i += 1;
        i += digits(i);
    }
    (chars.get(i) == Some(&'}')).then_some(i + 1)
}

/// Translates the escape at `chars[i]` (a backslash); returns how many chars it used.
fn translate_escape(chars: &[char], i: usize, in_class: bool, out: &mut String) -> usize {
    let Some(&next) = chars.get(i + 1) else {
        // A trailing backslash is an error in both dialects; let the compiler report it.
        out.push('\\');
        return 1;
    };
    let hex_run = |from: usize, n: usize| {
        chars.len() >= from + n && chars[from..from + n].iter().all(char::is_ascii_hexdigit)
    };
    if in_class && matches!(next, 'd' | 'w' | 'D' | 'W' | 's' | 'S') {
        return translate_class_escape(chars, i, next, out);
    }
    match next {
        'd' => out.push_str("[0-9]"),
        'w' => out.push_str("[0-9A-Za-z_]"),
        'D' => out.push_str("[^0-9]"),
        'W' => out.push_str("[^0-9A-Za-z_]"),
        's' | 'S' | 'b' | 'B' | 'n' | 'r' | 't' | 'f' | 'v' => {
            out.push('\\');
            out.push(next);
        }
        '0' => out.push_str("\\x{0}"),
        '1'..='9' => {
            // A back-reference: copy the whole digit run.
            let run = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            out.push('\\');
            out.extend(&chars[i + 1..i + 1 + run]);
            return 1 + run;
        }
        'x' if hex_run(i + 2, 2) => {
            out.push_str("\\x");
            out.extend(&chars[i + 2..i + 4]);
            return 4;
        }
        'u' if hex_run(i + 2, 4) => {
            out.push_str("\\u");
            out.extend(&chars[i + 2..i + 6]);
            return 6;
        }
        'c' if chars.get(i + 2).is_some_and(char::is_ascii_alphabetic) => {
            let letter = chars.get(i + 2).map_or(0, |c| u32::from(*c) % 32);
            out.push_str(&format!("\\x{{{letter:x}}}"));
            return 3;
        }
        'k' if !in_class && chars.get(i + 2) == Some(&'<') => out.push_str("\\k"),
        _ => push_literal(out, next),
    }
    2
}

/// `\d`, `\w`, `\s` and their negations (`letter`) inside a class. A `-` right after one is a literal in
/// JS (it cannot start a range), so it is escaped for Rust.
fn translate_class_escape(chars: &[char], i: usize, letter: char, out: &mut String) -> usize {
    match letter {
        'd' => out.push_str("0-9"),
        'w' => out.push_str("0-9A-Za-z_"),
        other => {
            out.push('\\');
            out.push(other);
        }
    }
    let dash_follows = chars.get(i + 2) == Some(&'-') && chars.get(i + 3) != Some(&']');
    if dash_follows {
        out.push_str("\\-");
        return 3;
    }
    2
}

/// A character meant literally, escaped if the Rust dialect treats it as syntax.
fn push_literal(out: &mut String, c: char) {
    if "\\.+*?()|[]{}^$#&-~".contains(c) {
        out.push('\\');
    }
    out.push(c);
}

#[cfg(test)]
mod tests {
    use crate::js::Pattern;

    /// The translation reads each pattern as an ECMAScript engine (`regress`, flag `i`) does.
    #[test]
    fn translation_agrees_with_an_ecmascript_engine() {
        let patterns = [
            r"a\<b",
            r"^\w+$",
            r"\d\D\W",
            "a{b",
            "a}b",
            "^a{2}$",
            "^a{2,}$",
            "a{,2}",
            "a[]",
            "a[^]b",
            "a.b",
            r"\A",
            r"\p{L}",
            r"[\w-]+\/",
            r"^[\d-x]+$",
            "^[a&&b]$",
            "[[]",
            "[~]",
            r"\x41\u0042",
            r"\cJ",
            r"(a)\1",
            "^(?!DirectoryObject).*AvailableExtensionProperty$",
            "(?<w>Sm)$",
            r"^(\w*[a-z])GraphBPre(\w*)$",
            "^(.*)List(.*)(As.*)$",
        ];
        let texts = [
            "a<b",
            "é",
            "abc",
            "1x_",
            "1 -",
            "a{b",
            "a}b",
            "aa",
            "aaa",
            "a",
            "a\nb",
            "a\u{2028}b",
            "axb",
            "xa",
            "A",
            "p{L}",
            "a-b/",
            "1-x",
            "5w",
            "&",
            "[",
            "~",
            "AB",
            "\n",
            "aa",
            "UserAvailableExtensionProperty",
            "DirectoryObjectAvailableExtensionProperty",
            "MethodSm",
            "UserManagedAppRegistrationGraphBPreDeviceTag",
            "UserTodoListTask",
        ];
        for pattern in patterns {
            let ours = Pattern::selector(pattern).expect("translates and compiles");
            let reference = regress::Regex::with_flags(pattern, "i").expect("valid ECMAScript");
            for text in texts {
                assert_eq!(
                    ours.is_match(text),
                    reference.find(text).is_some(),
                    "/{pattern}/i on {text:?}"
                );
            }
        }
    }
}
