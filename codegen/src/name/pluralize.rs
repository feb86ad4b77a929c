//! Singularization as done by `@azure-tools/codegen` 2.5.294 (`pluralization.js`), itself a port
//! of EntityFramework's `EnglishPluralizationService`.
//!
//! The word tables live in `data/pluralization.json`, vendored unchanged from that package. The
//! rules below are applied in the library's order; the order decides results such as
//! `caches` → `Cach` and `canvas` → `Canva`, which are wrong English but real cmdlet names.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use serde::Deserialize;

use super::words::{deconstruct, pascal_case_words};

/// Singularizes the last word of an identifier and returns the PascalCase of all its words
/// (`sessions` → `Session`, `userIds` → `UserId`, `ip` → `IP`, `""` → `""`).
pub fn singularize(word: &str) -> String {
    if word.is_empty() {
        return String::new();
    }
    let mut words = deconstruct(word);
    // The library wraps this in "keep the first letter's case", a no-op here: the last word is
    // lower case, or starts with a digit and is then left alone.
    if let Some(last) = words.last_mut() {
        *last = singularize_word(last);
    }
    pascal_case_words(&words)
}

/// Pairs the generator adds to its pluralizer (`create-commands-v2.ts`). Lookups are
/// case-sensitive, which is why both spellings are registered.
const GENERATOR_WORDS: [(&str, &str); 4] = [
    ("Database", "Databases"),
    ("database", "databases"),
    ("Premise", "Premises"),
    ("premise", "premises"),
];

#[derive(Deserialize)]
struct Data<'a> {
    #[serde(borrow)]
    uninflective_suffixes: Vec<&'a str>,
    #[serde(borrow)]
    uninflective_words: Vec<&'a str>,
    #[serde(borrow)]
    pronouns: Vec<&'a str>,
    #[serde(borrow)]
    conflicting_plurals: Vec<&'a str>,
    #[serde(borrow)]
    irregular_verbs: Vec<(&'a str, &'a str)>,
    #[serde(borrow)]
    irregular_plurals: Vec<(&'a str, &'a str)>,
    #[serde(borrow)]
    assimilated_classical: Vec<(&'a str, &'a str)>,
    #[serde(borrow)]
    o_suffix: Vec<(&'a str, &'a str)>,
    #[serde(borrow)]
    classical: Vec<(&'a str, &'a str)>,
    #[serde(borrow)]
    ending_se: Vec<(&'a str, &'a str)>,
    #[serde(borrow)]
    ending_sis: Vec<(&'a str, &'a str)>,
    #[serde(borrow)]
    ending_sus: Vec<(&'a str, &'a str)>,
    #[serde(borrow)]
    ending_inx_anx_ynx: Vec<(&'a str, &'a str)>,
}

/// Plural → singular. Built in table order, so a plural listed twice keeps its last singular,
/// as the library's reverse map does.
type Reverse = HashMap<&'static str, &'static str>;

struct Tables {
    user: Reverse,
    uninflective_suffixes: Vec<&'static str>,
    uninflective_words: HashSet<&'static str>,
    pronouns: HashSet<&'static str>,
    known_singulars: HashSet<&'static str>,
    irregular_verbs: Reverse,
    irregular_plurals: Reverse,
    assimilated_classical: Reverse,
    o_suffix: Reverse,
    classical: Reverse,
    ending_se: Reverse,
    ending_sis: Reverse,
    ending_sus: Reverse,
    ending_inx_anx_ynx: Reverse,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let data: Data<'static> = serde_json::from_str(include_str!("../../data/pluralization.json"))
        .expect("pluralization.json is valid");
    let reverse = |pairs: &[(&'static str, &'static str)]| -> Reverse {
        pairs.iter().map(|&(s, p)| (p, s)).collect()
    };
    // Singular sides of the dictionaries count as known singular words, except a few that are
    // also plurals (`are`, `they`, `have`). (The library also adds the *indices* of its uninflective word array, a
    // slip that never matters: numbers are no-op words and never reach that check.)
    let known_singulars = [
        &data.irregular_plurals,
        &data.assimilated_classical,
        &data.o_suffix,
        &data.classical,
        &data.irregular_verbs,
        &data.ending_se,
        &data.ending_sis,
        &data.ending_sus,
        &data.ending_inx_anx_ynx,
    ]
    .into_iter()
    .flat_map(|pairs| pairs.iter().map(|&(s, _)| s))
    .filter(|s| !data.conflicting_plurals.contains(s))
    .collect();
    Tables {
        user: reverse(&GENERATOR_WORDS),
        uninflective_suffixes: data.uninflective_suffixes.clone(),
        uninflective_words: data.uninflective_words.iter().copied().collect(),
        pronouns: data.pronouns.iter().copied().collect(),
        known_singulars,
        irregular_verbs: reverse(&data.irregular_verbs),
        irregular_plurals: reverse(&data.irregular_plurals),
        assimilated_classical: reverse(&data.assimilated_classical),
        o_suffix: reverse(&data.o_suffix),
        classical: reverse(&data.classical),
        ending_se: reverse(&data.ending_se),
        ending_sis: reverse(&data.ending_sis),
        ending_sus: reverse(&data.ending_sus),
        ending_inx_anx_ynx: reverse(&data.ending_inx_anx_ynx),
    }
});

/// One step of the cascade: a whole-word lookup, or a suffix rule that cuts `cut` bytes and
/// appends `add`.
enum Rule {
    Lookup(fn(&Tables) -> &Reverse),
    Suffix(&'static [&'static str], usize, &'static str),
}

/// The library's order, after the "leave alone" checks. First match wins.
const RULES: &[Rule] = &[
    Rule::Lookup(|t| &t.irregular_verbs),
    Rule::Lookup(|t| &t.irregular_plurals),
    Rule::Lookup(|t| &t.ending_sis),
    Rule::Lookup(|t| &t.ending_se),
    Rule::Lookup(|t| &t.ending_sus),
    Rule::Suffix(&["men"], 2, "an"),
    Rule::Suffix(&["lice", "mice"], 3, "ouse"),
    Rule::Suffix(&["teeth"], 4, "ooth"),
    Rule::Suffix(&["geese"], 4, "oose"),
    Rule::Suffix(&["feet"], 3, "oot"),
    Rule::Suffix(&["zoa"], 2, "oon"),
    Rule::Suffix(&["ches", "shes", "sses"], 2, ""),
    Rule::Lookup(|t| &t.assimilated_classical),
    Rule::Lookup(|t| &t.classical),
    Rule::Suffix(&["trices"], 3, "x"),
    Rule::Suffix(&["eaux", "ieux"], 1, ""),
    Rule::Lookup(|t| &t.ending_inx_anx_ynx),
    Rule::Suffix(&["alves", "elves", "olves", "eaves", "arves"], 3, "f"),
    Rule::Suffix(&["nives", "lives", "wives"], 3, "fe"),
    Rule::Suffix(&["ays", "eys", "iys", "oys", "uys"], 1, ""),
    Rule::Suffix(&["ies"], 3, "y"),
    Rule::Lookup(|t| &t.o_suffix),
    Rule::Suffix(&["aos", "eos", "ios", "oos", "uos"], 1, ""),
    Rule::Suffix(&["ces"], 1, ""),
    // The library lists `ces` here too, unreachable after the rule above.
    Rule::Suffix(&["ses", "xes"], 2, ""),
    Rule::Suffix(&["oes"], 2, ""),
    Rule::Suffix(&["ss"], 0, ""),
    Rule::Suffix(&["s"], 1, ""),
];

/// Singular of one word, case kept. (The library's "last space" split never applies: a word with
/// a space is a no-op word and returns before it.)
fn singularize_word(word: &str) -> String {
    let t = &*TABLES;
    if let Some(s) = t.user.get(word) {
        return s.to_string();
    }
    if is_no_op_word(t, word) || is_uninflective(t, word) {
        return word.to_string();
    }
    // Past the no-op check the word is ASCII letters (or `\`), so byte slicing is safe.
    let lower = word.to_ascii_lowercase();
    if t.known_singulars.contains(lower.as_str()) {
        return word.to_string();
    }
    for rule in RULES {
        match rule {
            Rule::Lookup(table) => {
                if let Some(s) = table(t).get(word) {
                    return s.to_string();
                }
            }
            Rule::Suffix(suffixes, cut, add) => {
                if suffixes.iter().any(|s| lower.ends_with(s)) {
                    let keep = word.len().saturating_sub(*cut);
                    return format!("{}{add}", word.get(..keep).unwrap_or(""));
                }
            }
        }
    }
    word.to_string()
}

/// Words the service never inflects: not purely alphabetic, one letter, or a pronoun.
fn is_no_op_word(t: &Tables, word: &str) -> bool {
    // The library's character class is `[a-zA-Z\\s]` inside a regex literal, i.e. letters,
    // backslash and `s`; whitespace is *not* allowed.
    let alphabetic =
        !word.is_empty() && word.bytes().all(|b| b.is_ascii_alphabetic() || b == b'\\');
    !alphabetic || word.len() <= 1 || t.pronouns.contains(word.to_ascii_lowercase().as_str())
}

/// Words that are their own plural (`sheep`, `news`, `statuses`, `dns`).
fn is_uninflective(t: &Tables, word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    t.uninflective_suffixes.iter().any(|s| lower.ends_with(s))
        || (lower != word && word.ends_with("ese"))
        || t.uninflective_words.contains(lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_vectors() {
        let cases = [
            ("sessions", "Session"),
            ("windows", "Window"),
            ("sms", "Sm"),
            ("settings", "Setting"),
            ("analytics", "Analytic"),
            ("caches", "Cach"),
            ("canvas", "Canva"),
            ("status", "Status"),
            ("statuses", "Statuses"),
            ("data", "Data"),
            ("access", "Access"),
            ("address", "Address"),
            ("addresses", "Address"),
            ("policies", "Policy"),
            ("ids", "Id"),
            ("dns", "Dns"),
            ("news", "News"),
            ("rights", "Rights"),
            ("premises", "Premise"),
            ("children", "Child"),
            ("people", "Person"),
            ("media", "Media"),
            ("criteria", "Criterion"),
            ("matrices", "Matrix"),
            ("indices", "Index"),
            ("bases", "Basis"),
            ("analyses", "Analysis"),
            ("buses", "Bus"),
            ("passes", "Pass"),
            ("b", "B"),
            ("os", "OS"),
            ("ip", "IP"),
            ("ms", "MS"),
            ("vm", "VM"),
            ("user", "User"),
            ("databases", "Database"),
            ("Databases", "Database"),
        ];
        for (input, expected) in cases {
            assert_eq!(singularize(input), expected, "singularize({input:?})");
        }
    }

    #[test]
    fn only_the_last_word_is_singularized() {
        assert_eq!(singularize("userSessions"), "UserSession");
        assert_eq!(singularize("appConsentRequests"), "AppConsentRequest");
        assert_eq!(singularize("usersUsers"), "UsersUser");
        assert_eq!(singularize("deviceIPs"), "DeviceIP");
        assert_eq!(singularize("windowsDevice"), "WindowsDevice");
    }

    #[test]
    fn rule_order_and_tables() {
        let cases = [
            ("women", "Woman"),
            ("mice", "Mouse"),
            ("teeth", "Tooth"),
            ("geese", "Goose"),
            ("feet", "Foot"),
            ("protozoa", "Protozoon"),
            ("churches", "Church"),
            ("vertebrae", "Vertebra"),
            ("beaux", "Beau"),
            ("wolves", "Wolf"),
            ("knives", "Knife"),
            ("days", "Day"),
            ("heroes", "Hero"),
            ("radios", "Radio"),
            ("boxes", "Box"),
            ("were", "Were"),
            ("they", "They"),
            ("sheep", "Sheep"),
            ("chinese", "Chinese"),
            ("larynges", "Larynx"),
        ];
        for (input, expected) in cases {
            assert_eq!(singularize(input), expected, "singularize({input:?})");
        }
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        assert_eq!(singularize(""), "");
        assert_eq!(singularize("-"), "");
        assert_eq!(singularize("users-"), "Users");
        assert_eq!(singularize("item2s"), "Item2S");
        assert_eq!(singularize("\u{e9}t\u{e9}s"), "TS");
        assert_eq!(singularize("s"), "S");
        assert_eq!(singularize("\\\\s"), "S");
        assert_eq!(singularize_word("a\\s"), "a\\");
        assert_eq!(singularize_word("Caf\u{e9}s"), "Caf\u{e9}s");
    }
}
