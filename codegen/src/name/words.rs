//! Word splitting and PascalCase as done by `@azure-tools/codegen` 2.5.294
//! (`text-manipulation.js`), the helpers the PowerShell generator builds cmdlet names with.
//!
//! Everything here works on bytes: the only characters the rules look at are ASCII, and every
//! other character (including each byte of a non-ASCII one) is a separator, exactly as `\W` is
//! for a JavaScript regex without the `u` flag.

/// Splits an identifier into lower-case words.
///
/// Spaces go between `[a-z]` and `[A-Z]`, and between a digit and a following letter (or `|`);
/// then the first upper-case run of two or more letters that starts a word and is followed by a
/// lower-case letter loses its last letter to the next word (`IPAddress` → `IP Address`); then
/// the text is cut at every run of characters other than `[A-Za-z0-9]`. Like JavaScript's
/// `split`, a leading or trailing separator yields an empty word, and `""` yields `[""]`.
pub fn deconstruct(s: &str) -> Vec<String> {
    let spaced = insert_case_breaks(s.as_bytes());
    let split = split_first_acronym(&spaced);
    split_words(&split)
}

/// Steps 1 and 2: both depend only on adjacent pairs of the input, so one pass does both.
fn insert_case_breaks(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() + 8);
    for (i, &c) in s.iter().enumerate() {
        if let Some(&prev) = i.checked_sub(1).and_then(|p| s.get(p)) {
            let lower_upper = prev.is_ascii_lowercase() && c.is_ascii_uppercase();
            let digit_letter = prev.is_ascii_digit() && (c.is_ascii_alphabetic() || c == b'|');
            if lower_upper || digit_letter {
                out.push(b' ');
            }
        }
        out.push(c);
    }
    out
}

/// Step 3: `/\b([A-Z]+)([A-Z])([a-z])/` without the global flag, so only the first hit counts.
fn split_first_acronym(s: &[u8]) -> Vec<u8> {
    let mut out = s.to_vec();
    let mut p = 0;
    while p < s.len() {
        let at_boundary = p == 0 || !is_word_byte(s[p - 1]);
        if at_boundary && s[p].is_ascii_uppercase() {
            let run = s[p..].iter().take_while(|b| b.is_ascii_uppercase()).count();
            if run >= 2 && s.get(p + run).is_some_and(u8::is_ascii_lowercase) {
                out.insert(p + run - 1, b' ');
                return out;
            }
            // No later start inside this run sits on a word boundary.
            p += run;
        } else {
            p += 1;
        }
    }
    out
}

/// `\w` of a non-unicode JavaScript regex.
pub(crate) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Step 4 and 5: `split(/[\W|_]+/)` then lower-case.
fn split_words(s: &[u8]) -> Vec<String> {
    split_alnum_runs(s)
        .into_iter()
        .map(|w| {
            w.iter()
                .map(|b| char::from(b.to_ascii_lowercase()))
                .collect()
        })
        .collect()
}

/// JavaScript's `split(/[\W|_]+/)`: pieces between runs of bytes other than `[A-Za-z0-9]`; a
/// leading or trailing run yields an empty piece, and an empty input one empty piece.
pub(crate) fn split_alnum_runs(s: &[u8]) -> Vec<&[u8]> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < s.len() {
        if s[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        pieces.push(&s[start..i]);
        while i < s.len() && !s[i].is_ascii_alphanumeric() {
            i += 1;
        }
        start = i;
    }
    pieces.push(&s[start..]);
    pieces
}

/// Upper-cases the first character; the acronyms `ip`, `os`, `ms` and `vm` are upper-cased whole.
pub fn capitalize(w: &str) -> String {
    if matches!(w, "ip" | "os" | "ms" | "vm") {
        return w.to_uppercase();
    }
    upper_first(w)
}

/// JavaScript's `charAt(0).toUpperCase() + substr(1)`: `charAt` sees one UTF-16 unit, so a
/// first character outside the BMP (a lone surrogate to JavaScript) is left alone.
pub(crate) fn upper_first(w: &str) -> String {
    let mut chars = w.chars();
    match chars.next() {
        Some(first) if u32::from(first) <= 0xFFFF => {
            let mut out: String = first.to_uppercase().collect();
            out.push_str(chars.as_str());
            out
        }
        _ => w.to_string(),
    }
}

/// Drops empty words, then, left to right, a word equal to the one before it and a pair equal to
/// the pair before it (`A B A B` → `A B`). Equality ignores case and accents.
///
/// The order of the two checks matters and is kept: after a pair is removed the single-word
/// check is not repeated at that position (`a b a b b` → `a b b`).
pub fn remove_sequential_duplicates(words: Vec<String>) -> Vec<String> {
    let mut ids: Vec<String> = words.into_iter().filter(|w| !w.is_empty()).collect();
    // Out-of-range positions compare unequal, as JavaScript's `undefined` does.
    fn eq(ids: &[String], a: usize, b: Option<usize>) -> bool {
        match (ids.get(a), b.and_then(|b| ids.get(b))) {
            (Some(x), Some(y)) => base_equal(x, y),
            _ => false,
        }
    }
    let mut i = 0;
    while i < ids.len() {
        while eq(&ids, i, i.checked_sub(1)) {
            ids.remove(i);
        }
        while eq(&ids, i, i.checked_sub(2)) && eq(&ids, i + 1, i.checked_sub(1)) {
            ids.drain(i..i + 2);
        }
        i += 1;
    }
    ids
}

/// `a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0`, approximated: letters compare
/// case-insensitively, Latin-1 and Latin Extended-A letters compare as their base letters
/// (`é` = `e`, `ß` = `ss`, `æ` = `ae`), and the characters ICU ignores at that strength
/// (controls, soft hyphen, combining accents) are skipped. Other scripts only fold case.
fn base_equal(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    base_fold(a).eq(base_fold(b))
}

fn base_fold(s: &str) -> impl Iterator<Item = char> + '_ {
    // Folding yields at most two letters, so a short Vec per character is cheap (and this path
    // only runs for non-ASCII words).
    s.chars()
        .filter(|&c| !is_collation_ignorable(c))
        .flat_map(|c| {
            let folded = u32::from(c)
                .checked_sub(0xC0)
                .and_then(|i| LATIN_BASE.get(i as usize))
                .filter(|f| !f.is_empty())
                .copied()
                .or(match c {
                    'ª' => Some("a"),
                    'º' => Some("o"),
                    _ => None,
                });
            let text: String = match folded {
                Some(f) => f.to_string(),
                None => c.to_lowercase().collect(),
            };
            text.chars().collect::<Vec<_>>()
        })
}

fn is_collation_ignorable(c: char) -> bool {
    matches!(
        u32::from(c),
        0x00..=0x08 | 0x0E..=0x1F | 0x7F..=0x84 | 0x86..=0x9F | 0xAD | 0x300..=0x362
    )
}

/// Base letters of U+00C0..=U+017F at primary collation strength (as reported by Node's ICU);
/// `""` means the character is its own base letter.
const LATIN_BASE: [&str; 192] = [
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", //
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "", "ss", //
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", //
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "", "y", //
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d", //
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g", //
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i", //
    "i", "", "ij", "ij", "j", "j", "k", "k", "", "l", "l", "l", "l", "l", "l", "l", //
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "", "", "", "o", "o", "o", "o", //
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s", //
    "s", "s", "t", "t", "t", "t", "", "", "u", "u", "u", "u", "u", "u", "u", "u", //
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s", //
];

/// PascalCase of an identifier: deconstruct, spell out a leading number, then as for a list.
pub fn pascal_case(s: &str) -> String {
    pascal_case_words(&fix_leading_number(deconstruct(s)))
}

/// PascalCase of a word list: remove sequential duplicates, capitalize each word, join.
pub fn pascal_case_words(words: &[String]) -> String {
    remove_sequential_duplicates(words.to_vec())
        .iter()
        .map(|w| capitalize(w))
        .collect()
}

/// Replaces a first word that starts with a digit by that number in English words
/// (`["2", "factor"]` → `["two", "factor"]`).
///
/// The JavaScript original has quirks that show up in names, so they are kept: the comparisons
/// are strict (`1000` → `ten hundred`, `1000000` → `ten hundred thousand`), the arithmetic is
/// double precision, numbers above 10^30 are `lots`, and a number above 10^27 asks for a ninth
/// magnitude word that does not exist; it comes out as `""`, which later steps drop, as they
/// drop JavaScript's `undefined`.
pub fn fix_leading_number(words: Vec<String>) -> Vec<String> {
    let Some(first) = words.first() else {
        return words;
    };
    let digits: &str = &first[..first.bytes().take_while(u8::is_ascii_digit).count()];
    if digits.is_empty() {
        return words;
    }
    // A run of ASCII digits always parses; JavaScript's parseInt rounds the same way.
    let value = digits.parse::<f64>().unwrap_or(0.0);
    let mut out = Vec::new();
    spell_number(value, &mut out);
    out.extend(words.into_iter().skip(1));
    out
}

const ONES: [&str; 20] = [
    "",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
/// One word short of `MAGNITUDE_VALUES`, as in the original.
const MAGNITUDES: [&str; 8] = [
    "thousand",
    "million",
    "billion",
    "trillion",
    "quadrillion",
    "quintillion",
    "septillion",
    "octillion",
];
const MAGNITUDE_VALUES: [f64; 9] = [1e3, 1e6, 1e9, 1e12, 1e15, 1e18, 1e21, 1e24, 1e27];

fn spell_number(mut num: f64, out: &mut Vec<String>) {
    let word = |table: &[&str], i: f64| table.get(i as usize).copied().unwrap_or("").to_string();
    if num == 0.0 || num.is_nan() {
        out.push("zero".into());
        return;
    }
    if num > 1e30 {
        out.push("lots".into());
        return;
    }
    if num > 999.0 {
        for (i, &c) in MAGNITUDE_VALUES.iter().enumerate().rev() {
            if num > c {
                spell_number((num / c).floor(), out);
                out.push(MAGNITUDES.get(i).copied().unwrap_or("").to_string());
                num %= c;
            }
        }
    }
    if num > 99.0 {
        out.push(word(&ONES, (num / 100.0).floor()));
        out.push("hundred".into());
        num %= 100.0;
    }
    if num > 19.0 {
        out.push(word(&TENS, (num / 10.0).floor()));
        num %= 10.0;
    }
    if num != 0.0 {
        out.push(word(&ONES, num));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn deconstruct_doc_vectors() {
        assert_eq!(
            deconstruct("user.onlineMeeting.joinWebUrl"),
            w(&["user", "online", "meeting", "join", "web", "url"])
        );
        assert_eq!(deconstruct("EventId1"), w(&["event", "id1"]));
        assert_eq!(
            deconstruct("GetGraphBPreId"),
            w(&["get", "graph", "b", "pre", "id"])
        );
        assert_eq!(deconstruct("IPAddress"), w(&["ip", "address"]));
        assert_eq!(deconstruct("cloudPCId"), w(&["cloud", "pc", "id"]));
        assert_eq!(
            deconstruct("user.authentication.method"),
            w(&["user", "authentication", "method"])
        );
    }

    #[test]
    fn deconstruct_edges() {
        assert_eq!(deconstruct(""), w(&[""]));
        assert_eq!(deconstruct("-"), w(&["", ""]));
        assert_eq!(deconstruct("-a--b_"), w(&["", "a", "b", ""]));
        assert_eq!(deconstruct("2factor"), w(&["2", "factor"]));
        assert_eq!(deconstruct("a1b2"), w(&["a1", "b2"]));
        // Only the first acronym split happens.
        assert_eq!(deconstruct("IPAddr.MACAddr"), w(&["ip", "addr", "macaddr"]));
        // `_` is a word character for `\b`, so no acronym split after it.
        assert_eq!(deconstruct("_ABc"), w(&["", "abc"]));
        assert_eq!(
            deconstruct("getOMASettings"),
            w(&["get", "oma", "settings"])
        );
        // Non-ASCII characters separate words.
        assert_eq!(deconstruct("caf\u{e9}Bar"), w(&["caf", "bar"]));
        assert_eq!(deconstruct("\u{1F600}x"), w(&["", "x"]));
    }

    #[test]
    fn capitalize_acronyms() {
        assert_eq!(capitalize("ip"), "IP");
        assert_eq!(capitalize("os"), "OS");
        assert_eq!(capitalize("ms"), "MS");
        assert_eq!(capitalize("vm"), "VM");
        assert_eq!(capitalize("Ip"), "Ip");
        assert_eq!(capitalize("user"), "User");
        assert_eq!(capitalize(""), "");
        assert_eq!(capitalize("\u{df}x"), "SSx");
        assert_eq!(capitalize("\u{10428}x"), "\u{10428}x");
    }

    #[test]
    fn sequential_duplicates() {
        let r = remove_sequential_duplicates;
        assert_eq!(r(w(&["a", "", "A", "b"])), w(&["a", "b"]));
        assert_eq!(r(w(&["a", "b", "a", "b"])), w(&["a", "b"]));
        assert_eq!(r(w(&["a", "b", "a", "b", "b"])), w(&["a", "b", "b"]));
        assert_eq!(r(w(&["user", "user", "user"])), w(&["user"]));
        assert_eq!(r(w(&["caf\u{e9}", "Cafe"])), w(&["caf\u{e9}"]));
        assert_eq!(r(w(&["stra\u{df}e", "STRASSE"])), w(&["stra\u{df}e"]));
        assert_eq!(r(w(&[])), w(&[]));
        assert_eq!(r(w(&["", ""])), w(&[]));
    }

    #[test]
    fn pascal_case_vectors() {
        assert_eq!(
            pascal_case("user.authentication.method"),
            "UserAuthenticationMethod"
        );
        assert_eq!(pascal_case("user-id"), "UserId");
        assert_eq!(pascal_case("event-id1"), "EventId1");
        assert_eq!(pascal_case("joinWebUrl"), "JoinWebUrl");
        assert_eq!(pascal_case("cloudPCId"), "CloudPcId");
        assert_eq!(pascal_case("usersActionsIdentity"), "UsersActionsIdentity");
        assert_eq!(pascal_case("ip.address"), "IPAddress");
        assert_eq!(pascal_case("userUser"), "User");
        assert_eq!(pascal_case("2faMethod"), "TwoFaMethod");
        assert_eq!(pascal_case(""), "");
        assert_eq!(pascal_case("\u{e9}\u{e9}"), "");
        assert_eq!(pascal_case_words(&w(&["revoke", "", "ip"])), "RevokeIP");
    }

    #[test]
    fn leading_numbers() {
        let spell = |s: &str| fix_leading_number(w(&[s, "x"])).join(" ");
        assert_eq!(spell("0"), "zero x");
        assert_eq!(spell("7"), "seven x");
        assert_eq!(spell("19"), "nineteen x");
        assert_eq!(spell("20"), "twenty x");
        assert_eq!(spell("365"), "three hundred sixty five x");
        assert_eq!(spell("1000"), "ten hundred x");
        assert_eq!(spell("2001"), "two thousand one x");
        assert_eq!(spell("1000000"), "ten hundred thousand x");
        assert_eq!(spell("1001000"), "one million ten hundred x");
        assert_eq!(spell(&"9".repeat(31)), "lots x");
        assert_eq!(spell(&format!("2{}", "0".repeat(27))), "two  x");
        assert_eq!(fix_leading_number(w(&["a1"])), w(&["a1"]));
        assert_eq!(fix_leading_number(w(&[])), w(&[]));
        assert_eq!(fix_leading_number(w(&["12ab"])), w(&["twelve"]));
    }
}
