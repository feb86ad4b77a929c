//! The AutoRest.PowerShell directive language, restricted to what shapes cmdlet names
//! (the `modifiers-v2` plugin of the microsoftgraph fork), plus Graph's declared
//! `remove-path-by-operation`.
//!
//! A directive selects command variants (or their parameters) with case-insensitive JavaScript
//! regexes and renames, aliases, hides or removes them. Everything here reproduces JavaScript
//! behaviour: `String.prototype.match` for selection, `String.prototype.replace` with a global
//! regex for renames, and JS regex syntax translated to what `fancy-regex` understands.
//!
//! Regexes are compiled once, when the directive is compiled from YAML; [`apply`] only matches.

use std::borrow::Cow;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use serde_yaml::{Mapping, Value};

use crate::model::{CommandVariant, VariantParameter};

// ---------------------------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------------------------

/// Where a directive was written, for error messages and debugging.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: PathBuf,
    /// Position in the file's `directive` entries, counted over all its blocks from 0.
    pub index: usize,
    /// 1-based line of the entry's `-`, when it could be located.
    pub line: Option<usize>,
}

impl Origin {
    /// `directive #3 (line 28)`, the place inside the file.
    pub fn location(&self) -> String {
        match self.line {
            Some(line) => format!("directive #{} (line {line})", self.index),
            None => format!("directive #{}", self.index),
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.location())
    }
}

#[derive(Debug, Clone)]
pub enum Directive {
    /// Drops operations whose operationId matches, before any naming happens.
    RemovePathByOperation(RemovePath),
    /// Renames, aliases, hides or removes whole variants.
    Command(CommandDirective),
    /// Renames or aliases parameters of the selected variants.
    Parameter(ParameterDirective),
}

impl Directive {
    pub fn origin(&self) -> &Origin {
        match self {
            Directive::RemovePathByOperation(d) => &d.origin,
            Directive::Command(d) => &d.origin,
            Directive::Parameter(d) => &d.origin,
        }
    }
}

#[derive(Debug, Clone)]
pub struct RemovePath {
    pub origin: Origin,
    /// Not anchored, case-insensitive (`/…/gmi` in the declared directive).
    pub pattern: Pattern,
}

/// The command selectors of a `where`, ANDed.
#[derive(Debug, Clone, Default)]
pub struct Selector {
    pub verb: Option<Pattern>,
    pub subject: Option<Pattern>,
    pub subject_prefix: Option<Pattern>,
    pub variant: Option<Pattern>,
    /// `parameter-name` filters commands only together with `select: command`.
    pub parameter: Option<Pattern>,
}

#[derive(Debug, Clone)]
pub struct CommandDirective {
    pub origin: Origin,
    pub selector: Selector,
    pub action: CommandAction,
}

#[derive(Debug, Clone)]
pub enum CommandAction {
    Remove,
    Modify(Box<CommandChanges>),
}

/// What a command `set` does; all empty for a `where` with nothing to do.
#[derive(Debug, Clone, Default)]
pub struct CommandChanges {
    pub verb: Option<Setter>,
    pub subject: Option<Setter>,
    pub subject_prefix: Option<Setter>,
    pub variant: Option<Setter>,
    pub hide: Option<bool>,
    pub clear_alias: bool,
    /// Raw alias templates with `${verb}`, `${subject-prefix}`, `${subject}`, `${variant}`.
    pub aliases: Vec<String>,
}

impl CommandChanges {
    fn is_empty(&self) -> bool {
        self.verb.is_none()
            && self.subject.is_none()
            && self.subject_prefix.is_none()
            && self.variant.is_none()
            && self.hide.is_none()
            && !self.clear_alias
            && self.aliases.is_empty()
    }
}

#[derive(Debug, Clone)]
pub struct ParameterDirective {
    pub origin: Origin,
    /// Selects the variants whose parameters are looked at (`parameter` is unused here).
    pub selector: Selector,
    pub parameter: Pattern,
    /// `set.parameter-name`, always a JS replace on the parameter regex.
    pub rename: Option<Setter>,
    pub clear_alias: bool,
    /// Plain aliases are taken literally; others replace the match in the old name.
    pub aliases: Vec<Setter>,
}

/// A new value for a name: the literal `set` text, or JS `old.replace(whereRegex, set)`.
#[derive(Debug, Clone)]
pub enum Setter {
    Literal(String),
    Replace {
        pattern: Pattern,
        template: Template,
    },
}

impl Setter {
    /// Uses the where regex when the same field is selected, as `modifiers-v2` does.
    fn new(where_pattern: Option<&Pattern>, text: &str) -> Setter {
        match where_pattern {
            Some(pattern) => Setter::Replace {
                pattern: pattern.clone(),
                template: Template::parse(text, pattern.group_count(), pattern.group_names()),
            },
            None => Setter::Literal(text.to_owned()),
        }
    }

    pub fn apply(&self, old: &str) -> String {
        match self {
            Setter::Literal(text) => text.clone(),
            Setter::Replace { pattern, template } => pattern.replace_all(old, template),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// JavaScript regexes
// ---------------------------------------------------------------------------------------------

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
    /// A `where` selector (`getPatternToMatch`).
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
            .backtrack_limit(super::regex_limit::BACKTRACK_LIMIT)
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
    /// noted for [`super::regex_limit`], which makes it an error naming the directive.
    pub fn is_match(&self, text: &str) -> bool {
        match &self.matcher {
            Matcher::Exact => text.eq_ignore_ascii_case(&self.source),
            Matcher::Regex(_) if super::regex_limit::given_up() => false,
            Matcher::Regex(re) => re.is_match(text).unwrap_or_else(|error| {
                super::regex_limit::gave_up(&self.source, text, &error);
                false
            }),
        }
    }

    fn is_exact(&self) -> bool {
        matches!(self.matcher, Matcher::Exact)
    }

    fn group_count(&self) -> usize {
        match &self.matcher {
            Matcher::Exact => 0,
            Matcher::Regex(re) => re.captures_len().saturating_sub(1),
        }
    }

    fn group_names(&self) -> Vec<(String, usize)> {
        match &self.matcher {
            Matcher::Exact => Vec::new(),
            Matcher::Regex(re) => re
                .capture_names()
                .enumerate()
                .filter_map(|(i, name)| name.map(|n| (n.to_owned(), i)))
                .collect(),
        }
    }

    /// JS `text.replace(re, template)` with the `g` flag.
    pub fn replace_all(&self, text: &str, template: &Template) -> String {
        match &self.matcher {
            Matcher::Exact => {
                if !self.is_match(text) {
                    return text.to_owned();
                }
                let mut out = String::with_capacity(text.len() + 8);
                template.expand(&mut out, text, 0, text.len(), |_| None);
                out
            }
            Matcher::Regex(re) => replace_all_regex(re, text, template),
        }
    }
}

/// The global replace loop of JS: after an empty match the search moves on one character,
/// and matches never overlap.
fn replace_all_regex(re: &fancy_regex::Regex, text: &str, template: &Template) -> String {
    if super::regex_limit::given_up() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut copied = 0;
    let mut pos = 0;
    while pos <= text.len() {
        let caps = match re.captures_from_pos(text, pos) {
            Ok(Some(caps)) => caps,
            Ok(None) => break,
            Err(error) => {
                super::regex_limit::gave_up(re.as_str(), text, &error);
                break;
            }
        };
        let Some(whole) = caps.get(0) else { break };
        out.push_str(&text[copied..whole.start()]);
        template.expand(&mut out, text, whole.start(), whole.end(), |i| {
            caps.get(i).map(|m| m.as_str())
        });
        copied = whole.end();
        pos = if whole.start() == whole.end() {
            whole.end() + text[whole.end()..].chars().next().map_or(1, char::len_utf8)
        } else {
            whole.end()
        };
    }
    out.push_str(&text[copied..]);
    out
}

/// A JS replacement string (`GetSubstitution`), parsed once against its regex's groups.
#[derive(Debug, Clone)]
pub struct Template {
    pieces: Vec<Piece>,
}

#[derive(Debug, Clone)]
enum Piece {
    Text(String),
    /// `$&`
    Matched,
    /// `` $` ``
    Before,
    /// `$'`
    After,
    /// `$1`…`$99`, `$<name>`; an unset group gives the empty string.
    Group(usize),
}

impl Template {
    /// `groups` is the number of capture groups; `names` the named ones (JS reads `$<` as text
    /// when the regex has none).
    fn parse(src: &str, groups: usize, names: Vec<(String, usize)>) -> Template {
        let bytes = src.as_bytes();
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] != b'$' {
                // Copy up to the next `$` in one go; `$` is ASCII so slicing stays on boundaries.
                let next = src[i..].find('$').map_or(src.len(), |off| i + off);
                text.push_str(&src[i..next]);
                i = next;
                continue;
            }
            let (piece, used) = parse_dollar(&src[i..], groups, &names);
            match piece {
                Some(Piece::Text(t)) => text.push_str(&t),
                Some(other) => {
                    if !text.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(other);
                }
                None => {}
            }
            i += used;
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Template { pieces }
    }

    fn expand<'t>(
        &self,
        out: &mut String,
        text: &'t str,
        start: usize,
        end: usize,
        group: impl Fn(usize) -> Option<&'t str>,
    ) {
        for piece in &self.pieces {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Matched => out.push_str(&text[start..end]),
                Piece::Before => out.push_str(&text[..start]),
                Piece::After => out.push_str(&text[end..]),
                Piece::Group(i) => out.push_str(group(*i).unwrap_or("")),
            }
        }
    }
}

/// One `$…` sequence at the start of `rest`: the piece (None for an unknown named group, which
/// expands to nothing) and how many bytes it used.
fn parse_dollar(rest: &str, groups: usize, names: &[(String, usize)]) -> (Option<Piece>, usize) {
    let bytes = rest.as_bytes();
    let Some(&next) = bytes.get(1) else {
        return (Some(Piece::Text("$".into())), 1);
    };
    match next {
        b'$' => (Some(Piece::Text("$".into())), 2),
        b'&' => (Some(Piece::Matched), 2),
        b'`' => (Some(Piece::Before), 2),
        b'\'' => (Some(Piece::After), 2),
        b'0'..=b'9' => {
            let first = usize::from(next - b'0');
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
                (Some(Piece::Group(index)), 1 + digits)
            } else {
                (Some(Piece::Text(rest[..1 + digits].to_owned())), 1 + digits)
            }
        }
        b'<' if !names.is_empty() => match rest[2..].find('>') {
            Some(close) => {
                let name = &rest[2..2 + close];
                let piece = names
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, i)| Piece::Group(*i));
                (piece, 2 + close + 1)
            }
            None => (Some(Piece::Text("$<".into())), 2),
        },
        _ => (Some(Piece::Text("$".into())), 1),
    }
}

/// JS `haystack.replace(needle, value)` with a string pattern: the first occurrence only, and
/// `$$`, `$&`, `` $` ``, `$'` in `value` still mean what they mean in replacement strings.
fn replace_first_literal<'a>(haystack: &'a str, needle: &str, value: &str) -> Cow<'a, str> {
    let Some(start) = haystack.find(needle) else {
        return Cow::Borrowed(haystack);
    };
    let end = start + needle.len();
    let mut out = String::with_capacity(haystack.len() + value.len());
    out.push_str(&haystack[..start]);
    if value.contains('$') {
        Template::parse(value, 0, Vec::new()).expand(&mut out, haystack, start, end, |_| None);
    } else {
        out.push_str(value);
    }
    out.push_str(&haystack[end..]);
    Cow::Owned(out)
}

/// JS `.` stops at every line terminator, Rust's only at `\n`.
const JS_DOT: &str = "[^\\n\\r\\u{2028}\\u{2029}]";

/// Rewrites JS regex syntax into the `fancy-regex` dialect where the two read the same text
/// differently: ASCII-only `\d`/`\w`, identity escapes (`\<`, `\A`, `\p` are plain letters in
/// JS without the `u` flag), `[]`/`[^]`, literal braces, `[`/`&`/`~` inside classes, and `.`.
fn translate_js_regex(src: &str) -> String {
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

// ---------------------------------------------------------------------------------------------
// Compiling one YAML directive
// ---------------------------------------------------------------------------------------------

/// The outcome of compiling one `directive` entry.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// What the engine runs; None when nothing of the entry can be applied.
    pub directive: Option<Directive>,
    /// What was left out and why (the whole entry when `directive` is None).
    pub ignored: Option<String>,
}

impl Compiled {
    fn applied(directive: Directive) -> Compiled {
        Compiled {
            directive: Some(directive),
            ignored: None,
        }
    }

    fn skipped(summary: impl Into<String>) -> Compiled {
        Compiled {
            directive: None,
            ignored: Some(summary.into()),
        }
    }
}

const COMMAND_KEYS: [&str; 5] = [
    "verb",
    "subject",
    "subject-prefix",
    "variant",
    "parameter-name",
];
const MODEL_KEYS: [&str; 4] = [
    "model-name",
    "model-fullname",
    "model-namespace",
    "property-name",
];
const ENUM_KEYS: [&str; 2] = ["enum-name", "enum-value-name"];
/// `where` keys that make a command directive invalid in `modifiers-v2`.
const FORBIDDEN_COMMAND_FILTERS: [&str; 4] = [
    "model-name",
    "property-name",
    "enum-name",
    "enum-value-name",
];
/// `set` keys that make a command directive invalid in `modifiers-v2`.
const FORBIDDEN_COMMAND_SETTERS: [&str; 4] = [
    "property-name",
    "property-description",
    "enum-name",
    "enum-value-name",
];
/// Top-level keys that only matter for AutoRest stages this generator does not have.
const FOREIGN_DIRECTIVES: [(&str, &str); 3] = [
    ("no-inline", "no-inline (model inlining is not modelled)"),
    (
        "declare-directive",
        "declare-directive (only remove-path-by-operation is known)",
    ),
    ("suppress", "validation suppression"),
];

/// Classifies and compiles one entry of a `directive` list, following `modifiers-v2`
/// (`isWhereCommandDirective`, `isWhereModelDirective`, `isWhereEnumDirective`,
/// `isRemoveCommandDirective`, in that order). Errors are messages without a location.
pub fn compile(value: &Value, origin: Origin) -> Result<Compiled, String> {
    let Value::Mapping(map) = untag(value) else {
        return Err(format!(
            "a directive must be a mapping, found {}",
            kind(value)
        ));
    };
    if map.contains_key("from") || map.contains_key("transform") {
        return Ok(Compiled::skipped(transform_summary(map)));
    }
    if let Some(regex) = map.get("remove-path-by-operation") {
        let Some(source) = scalar_text(regex) else {
            return Err("remove-path-by-operation must be a regex string".into());
        };
        let pattern =
            Pattern::unanchored(&source).map_err(|e| format!("remove-path-by-operation: {e}"))?;
        return Ok(Compiled::applied(Directive::RemovePathByOperation(
            RemovePath { origin, pattern },
        )));
    }
    if let Some((_, summary)) = FOREIGN_DIRECTIVES
        .iter()
        .find(|(key, _)| map.contains_key(*key))
    {
        return Ok(Compiled::skipped(*summary));
    }
    let has_action = map.contains_key("set") || map.contains_key("remove");
    // `where-operation-id`, `where-model`, … address other AutoRest stages (OpenAPI or model
    // edits); the PowerShell generator's directive stage never sees them.
    if !map.contains_key("where")
        && let Some(key) = map
            .keys()
            .filter_map(Value::as_str)
            .find(|key| key.starts_with("where-"))
    {
        return Ok(Compiled::skipped(format!(
            "`{key}` selects OpenAPI or model elements, not commands (keys: {})",
            key_list(map)
        )));
    }
    match map.get("where").map(untag) {
        Some(Value::Mapping(selectors)) => compile_where(map, selectors, origin),
        Some(Value::Null) | None if has_action => {
            Err("`set`/`remove` without a `where` selector".into())
        }
        Some(_) if has_action => Err("`where` must be a mapping of selectors".into()),
        _ => Ok(Compiled::skipped(format!(
            "unrecognised directive (keys: {})",
            key_list(map)
        ))),
    }
}

fn compile_where(map: &Mapping, selectors: &Mapping, origin: Origin) -> Result<Compiled, String> {
    let select = map.get("select").and_then(|v| untag(v).as_str());
    let set = match map.get("set").map(untag) {
        None | Some(Value::Null) => None,
        Some(Value::Mapping(set)) => Some(set),
        Some(_) => return Err("`set` must be a mapping".into()),
    };
    let has_command_key = COMMAND_KEYS.iter().any(|k| truthy(selectors.get(k)));
    let remove = map.get("remove");

    let is_where_command = remove.is_none()
        && (has_command_key
            || truthy(map.get("hide"))
            || truthy(map.get("clear-alias"))
            || matches!(select, Some("command" | "parameter")));
    if is_where_command {
        check_forbidden(selectors, set)?;
        let mut selector = compile_selector(selectors)?;
        if matches!(select, None | Some("parameter"))
            && let Some(parameter) = selector.parameter.take()
        {
            return compile_parameter(map, set, selector, parameter, origin);
        }
        // Commands are filtered by parameter only with `select: command`.
        if select != Some("command") {
            selector.parameter = None;
        }
        return compile_command(map, set, selector, origin);
    }
    if set.is_some() && (any_truthy(selectors, &MODEL_KEYS) || select == Some("model")) {
        return Ok(Compiled::skipped(format!(
            "model directive ({}): models are not renamed here",
            selector_summary(selectors)
        )));
    }
    if set.is_some() && (any_truthy(selectors, &ENUM_KEYS) || select == Some("enum")) {
        return Ok(Compiled::skipped(format!(
            "enum directive ({}): enums are not renamed here",
            selector_summary(selectors)
        )));
    }
    if let Some(remove) = remove {
        return compile_remove(remove, selectors, select, has_command_key, origin);
    }
    if set.is_some() {
        return Err(no_selector_message());
    }
    Ok(Compiled::skipped(format!(
        "where without a command selector ({}) and nothing to do",
        selector_summary(selectors)
    )))
}

fn compile_remove(
    remove: &Value,
    selectors: &Mapping,
    select: Option<&str>,
    has_command_key: bool,
    origin: Origin,
) -> Result<Compiled, String> {
    if !truthy(Some(remove)) {
        return Ok(Compiled::skipped(
            "`remove` is present but false: AutoRest ignores the whole directive",
        ));
    }
    if select == Some("parameter") {
        return Ok(Compiled::skipped(
            "remove with `select: parameter` (AutoRest cannot remove parameters)",
        ));
    }
    if !has_command_key && select != Some("command") {
        return Err(no_selector_message());
    }
    let mut selector = compile_selector(selectors)?;
    if select != Some("command") {
        selector.parameter = None;
    }
    let selects_something = selector.verb.is_some()
        || selector.subject.is_some()
        || selector.subject_prefix.is_some()
        || selector.variant.is_some()
        || selector.parameter.is_some();
    if !selects_something {
        // AutoRest only removes when some selector is active; it never removes everything.
        return Ok(Compiled::skipped(format!(
            "remove with no usable selector ({}) does nothing",
            selector_summary(selectors)
        )));
    }
    Ok(Compiled::applied(Directive::Command(CommandDirective {
        origin,
        selector,
        action: CommandAction::Remove,
    })))
}

fn compile_command(
    map: &Mapping,
    set: Option<&Mapping>,
    selector: Selector,
    origin: Origin,
) -> Result<Compiled, String> {
    let mut changes = CommandChanges::default();
    let mut ignored = Vec::new();
    if let Some(set) = set {
        changes.subject = command_setter(set, "subject", selector.subject.as_ref())?;
        changes.verb = command_setter(set, "verb", selector.verb.as_ref())?;
        changes.variant = command_setter(set, "variant", selector.variant.as_ref())?;
        // Unlike the others, an empty subject-prefix is a real value.
        changes.subject_prefix = match set.get("subject-prefix").map(untag) {
            None | Some(Value::Null) => None,
            Some(value) => {
                let text = string_value(value, "set.subject-prefix")?;
                Some(Setter::new(selector.subject_prefix.as_ref(), &text))
            }
        };
        changes.aliases = alias_list(set)?;
        ignored.extend(unsupported_set_keys(
            set,
            &["subject", "subject-prefix", "verb", "variant", "alias"],
        ));
    }
    changes.hide = map.get("hide").map(|v| truthy(Some(v)));
    changes.clear_alias = truthy(map.get("clear-alias"));
    if map.contains_key("add") {
        ignored.push("add".to_owned());
    }
    if changes.is_empty() && !ignored.is_empty() {
        return Ok(Compiled::skipped(format!(
            "{} not modelled ({})",
            ignored.join(", "),
            describe(&selector)
        )));
    }
    Ok(Compiled {
        directive: Some(Directive::Command(CommandDirective {
            origin,
            selector,
            action: CommandAction::Modify(Box::new(changes)),
        })),
        ignored: partial_summary(&ignored),
    })
}

fn compile_parameter(
    map: &Mapping,
    set: Option<&Mapping>,
    selector: Selector,
    parameter: Pattern,
    origin: Origin,
) -> Result<Compiled, String> {
    let mut ignored = Vec::new();
    let mut rename = None;
    let mut aliases = Vec::new();
    if let Some(set) = set {
        if let Some(name) = set.get("parameter-name").and_then(truthy_text) {
            rename = Some(Setter::new(Some(&parameter), &name));
        }
        // JS: `hasSpecialChars(alias) ? prevName.replace(paramRegex, alias) : alias`.
        aliases = alias_list(set)?
            .iter()
            .map(|alias| {
                let plain = !alias.is_empty() && alias.bytes().all(|b| b.is_ascii_alphanumeric());
                Setter::new((!plain).then_some(&parameter), alias)
            })
            .collect();
        // Command names are never touched by a parameter directive.
        ignored.extend(unsupported_set_keys(set, &["parameter-name", "alias"]));
    }
    let clear_alias = truthy(map.get("clear-alias"));
    if truthy(map.get("hide")) {
        ignored.push("hide (hidden parameters are not modelled)".to_owned());
    }
    if map.contains_key("add") {
        ignored.push("add".to_owned());
    }
    if rename.is_none() && aliases.is_empty() && !clear_alias && !ignored.is_empty() {
        return Ok(Compiled::skipped(format!(
            "{} not modelled (parameter {})",
            ignored.join(", "),
            parameter.as_str()
        )));
    }
    Ok(Compiled {
        directive: Some(Directive::Parameter(ParameterDirective {
            origin,
            selector,
            parameter,
            rename,
            clear_alias,
            aliases,
        })),
        ignored: partial_summary(&ignored),
    })
}

fn compile_selector(selectors: &Mapping) -> Result<Selector, String> {
    let field = |key: &str| -> Result<Option<Pattern>, String> {
        let Some(value) = selectors.get(key).filter(|v| truthy(Some(v))) else {
            return Ok(None);
        };
        let text = string_value(value, &format!("where.{key}"))?;
        Pattern::selector(&text)
            .map(Some)
            .map_err(|e| format!("where.{key}: {e}"))
    };
    Ok(Selector {
        verb: field("verb")?,
        subject: field("subject")?,
        subject_prefix: field("subject-prefix")?,
        variant: field("variant")?,
        parameter: field("parameter-name")?,
    })
}

fn check_forbidden(selectors: &Mapping, set: Option<&Mapping>) -> Result<(), String> {
    let mut problems: Vec<String> = FORBIDDEN_COMMAND_FILTERS
        .iter()
        .filter(|k| selectors.contains_key(**k))
        .map(|k| format!("cannot filter by {k} when selecting commands"))
        .collect();
    if let Some(set) = set {
        problems.extend(
            FORBIDDEN_COMMAND_SETTERS
                .iter()
                .filter(|k| set.contains_key(**k))
                .map(|k| format!("cannot set {k} when a command is selected")),
        );
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

/// `set.verb`, `set.subject`, `set.variant`: ignored when empty, as in JS (`replacer ? … : old`).
fn command_setter(
    set: &Mapping,
    key: &str,
    pattern: Option<&Pattern>,
) -> Result<Option<Setter>, String> {
    let Some(value) = set.get(key).filter(|v| truthy(Some(v))) else {
        return Ok(None);
    };
    let text = string_value(value, &format!("set.{key}"))?;
    Ok(Some(Setter::new(pattern, &text)))
}

/// `set.alias`: one string or a list of them.
fn alias_list(set: &Mapping) -> Result<Vec<String>, String> {
    match set.get("alias").map(untag) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Sequence(items)) => items
            .iter()
            .map(|item| string_value(item, "set.alias"))
            .collect(),
        Some(value) => Ok(vec![string_value(value, "set.alias")?]),
    }
}

fn unsupported_set_keys(set: &Mapping, supported: &[&str]) -> Vec<String> {
    set.keys()
        .map(key_text)
        .filter(|k| !supported.contains(&k.as_str()))
        .map(|k| format!("set.{k}"))
        .collect()
}

fn partial_summary(ignored: &[String]) -> Option<String> {
    (!ignored.is_empty()).then(|| format!("applied, but ignored {}", ignored.join(", ")))
}

fn no_selector_message() -> String {
    "`where` has no recognised selector (expected verb, subject, subject-prefix, variant or \
     parameter-name)"
        .to_owned()
}

fn transform_summary(map: &Mapping) -> String {
    let from = map.get("from").and_then(scalar_text);
    let place = match map.get("where").map(untag) {
        Some(Value::Mapping(m)) => Some(selector_summary(m)),
        Some(other) => scalar_text(other),
        None => None,
    };
    let kind = if map.contains_key("transform") {
        "transform"
    } else {
        "document directive"
    };
    let parts: Vec<String> = [from, place]
        .into_iter()
        .flatten()
        .map(|part| shorten(&part, 70))
        .collect();
    if parts.is_empty() {
        kind.to_owned()
    } else {
        format!("{kind} on {}", parts.join(" "))
    }
}

fn selector_summary(selectors: &Mapping) -> String {
    selectors
        .iter()
        .map(|(k, v)| {
            let value = scalar_text(v).unwrap_or_else(|| kind(v).to_owned());
            format!("{}: {}", key_text(k), shorten(&value, 50))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn describe(selector: &Selector) -> String {
    let fields = [
        ("verb", &selector.verb),
        ("subject", &selector.subject),
        ("subject-prefix", &selector.subject_prefix),
        ("variant", &selector.variant),
        ("parameter-name", &selector.parameter),
    ];
    let parts: Vec<String> = fields
        .iter()
        .filter_map(|(k, p)| {
            p.as_ref()
                .map(|p| format!("{k}: {}", shorten(p.as_str(), 50)))
        })
        .collect();
    if parts.is_empty() {
        "all commands".to_owned()
    } else {
        parts.join(", ")
    }
}

fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

fn key_list(map: &Mapping) -> String {
    map.keys().map(key_text).collect::<Vec<_>>().join(", ")
}

fn key_text(key: &Value) -> String {
    scalar_text(key).unwrap_or_else(|| kind(key).to_owned())
}

fn untag(value: &Value) -> &Value {
    match value {
        Value::Tagged(tagged) => untag(&tagged.value),
        other => other,
    }
}

fn kind(value: &Value) -> &'static str {
    match untag(value) {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

/// JavaScript truthiness of an optional YAML value.
pub(crate) fn truthy(value: Option<&Value>) -> bool {
    match value.map(untag) {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0 && !f.is_nan()),
        Some(Value::String(s)) => !s.is_empty(),
        Some(_) => true,
    }
}

fn any_truthy(map: &Mapping, keys: &[&str]) -> bool {
    keys.iter().any(|k| truthy(map.get(k)))
}

/// A scalar as JS would stringify it; None for null and collections.
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    match untag(value) {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn truthy_text(value: &Value) -> Option<String> {
    if truthy(Some(value)) {
        scalar_text(value)
    } else {
        None
    }
}

fn string_value(value: &Value, what: &str) -> Result<String, String> {
    scalar_text(value).ok_or_else(|| format!("{what} must be a string, found {}", kind(value)))
}

// ---------------------------------------------------------------------------------------------
// The engine
// ---------------------------------------------------------------------------------------------

/// True when a `remove-path-by-operation` directive drops this operation.
pub fn operation_removed(directives: &[Directive], operation_id: &str) -> bool {
    directives.iter().any(|d| match d {
        Directive::RemovePathByOperation(r) => r.pattern.is_match(operation_id),
        _ => false,
    })
}

/// Applies the command and parameter directives in order, each to the state the previous ones
/// left. `remove-path-by-operation` entries are ignored here (see [`operation_removed`]).
pub fn apply(variants: &mut Vec<CommandVariant>, directives: &[Directive]) {
    for directive in directives {
        match directive {
            Directive::RemovePathByOperation(_) => {}
            Directive::Command(d) => apply_command(variants, d),
            Directive::Parameter(d) => apply_parameter(variants, d),
        }
    }
}

fn apply_command(variants: &mut Vec<CommandVariant>, directive: &CommandDirective) {
    match &directive.action {
        CommandAction::Remove => variants.retain(|v| !directive.selector.matches(v)),
        CommandAction::Modify(changes) if changes.is_empty() => {}
        CommandAction::Modify(changes) => {
            for variant in variants.iter_mut() {
                if directive.selector.matches(variant) {
                    modify(variant, changes);
                }
            }
        }
    }
}

/// Renames first, then clear-alias, then aliases built from the new names (`modifiers-v2`).
fn modify(variant: &mut CommandVariant, changes: &CommandChanges) {
    if let Some(setter) = &changes.subject {
        variant.subject = setter.apply(&variant.subject);
    }
    if let Some(setter) = &changes.subject_prefix {
        variant.subject_prefix = setter.apply(&variant.subject_prefix);
    }
    if let Some(setter) = &changes.verb {
        variant.verb = setter.apply(&variant.verb);
    }
    if let Some(setter) = &changes.variant {
        variant.variant = setter.apply(&variant.variant);
    }
    if let Some(hide) = changes.hide {
        variant.hidden = hide;
    }
    if changes.clear_alias {
        variant.aliases.clear();
    }
    for raw in &changes.aliases {
        let alias = render_alias(raw, variant);
        push_unique(&mut variant.aliases, alias);
    }
}

/// Fills the placeholders one after another, first occurrence each, like the chained JS
/// `String.replace` calls.
fn render_alias(raw: &str, variant: &CommandVariant) -> String {
    let text = replace_first_literal(raw, "${verb}", &variant.verb);
    let text = replace_first_literal(&text, "${subject-prefix}", &variant.subject_prefix);
    let text = replace_first_literal(&text, "${subject}", &variant.subject);
    replace_first_literal(&text, "${variant}", &variant.variant).into_owned()
}

fn apply_parameter(variants: &mut [CommandVariant], directive: &ParameterDirective) {
    if directive.rename.is_none() && directive.aliases.is_empty() && !directive.clear_alias {
        return;
    }
    for variant in variants.iter_mut() {
        if !directive.selector.matches(variant) {
            continue;
        }
        for parameter in variant.parameters.iter_mut() {
            if directive.parameter.is_match(&parameter.name) {
                modify_parameter(parameter, directive);
            }
        }
    }
}

fn modify_parameter(parameter: &mut VariantParameter, directive: &ParameterDirective) {
    // Aliases with special characters rewrite the name as it was before this directive.
    let previous = match &directive.rename {
        Some(setter) => {
            let renamed = setter.apply(&parameter.name);
            std::mem::replace(&mut parameter.name, renamed)
        }
        None => parameter.name.clone(),
    };
    if directive.clear_alias {
        parameter.aliases.clear();
    }
    for alias in &directive.aliases {
        push_unique(&mut parameter.aliases, alias.apply(&previous));
    }
}

fn push_unique(list: &mut Vec<String>, item: String) {
    if !list.contains(&item) {
        list.push(item);
    }
}

impl Selector {
    /// ANDs every selector; exact comparisons run first so most variants are rejected before
    /// any regex runs.
    pub fn matches(&self, variant: &CommandVariant) -> bool {
        let fields = [
            (&self.verb, variant.verb.as_str()),
            (&self.subject, variant.subject.as_str()),
            (&self.subject_prefix, variant.subject_prefix.as_str()),
            (&self.variant, variant.variant.as_str()),
        ];
        let pass = |exact: bool| {
            fields.iter().all(|(pattern, text)| match pattern {
                Some(p) if p.is_exact() == exact => p.is_match(text),
                _ => true,
            })
        };
        pass(true)
            && pass(false)
            && self.parameter.as_ref().is_none_or(|p| {
                variant
                    .parameters
                    .iter()
                    .any(|param| p.is_match(&param.name))
            })
    }
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ParameterSource;

    fn origin(index: usize) -> Origin {
        Origin {
            file: PathBuf::from("test.md"),
            index,
            line: None,
        }
    }

    /// Compiles a list of directives written as YAML.
    fn directives(yaml: &str) -> Vec<Directive> {
        let value: Value = serde_yaml::from_str(yaml).expect("test YAML");
        let Value::Sequence(items) = value else {
            panic!("test YAML must be a list")
        };
        items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| compile(item, origin(i)).expect("compiles").directive)
            .collect()
    }

    fn param(name: &str, source: ParameterSource) -> VariantParameter {
        VariantParameter {
            name: name.to_owned(),
            aliases: Vec::new(),
            source,
            required: true,
        }
    }

    fn variant(verb: &str, subject: &str, name: &str) -> CommandVariant {
        let mut parameters = vec![param(
            "UserId",
            ParameterSource::Path {
                serialized_name: "user-id".into(),
            },
        )];
        if !name.contains("Expanded") {
            parameters.push(param("Body", ParameterSource::Body));
        }
        CommandVariant {
            verb: verb.to_owned(),
            subject_prefix: "Beta".to_owned(),
            subject: subject.to_owned(),
            variant: name.to_owned(),
            operation: 0,
            via_identity: name.contains("ViaIdentity"),
            expanded: name.contains("Expanded"),
            parameters,
            aliases: Vec::new(),
            hidden: false,
        }
    }

    /// Identity.SignIns.md has `where-operation-id` + `remove: <json path>`: an OpenAPI edit the
    /// command stage never sees. It is skipped with a note, not fatal.
    #[test]
    fn other_stage_selectors_are_skipped() {
        let value: Value = serde_yaml::from_str(
            "where-operation-id: policy_UpdateClaimsMappingPolicy\nremove: $.responses[\"2XX\"].content\n",
        )
        .expect("test YAML");
        let compiled = compile(&value, origin(9)).expect("not an error");
        assert!(compiled.directive.is_none());
        let note = compiled.ignored.expect("listed as skipped");
        assert!(note.contains("where-operation-id"), "{note}");
        let bare: Value = serde_yaml::from_str("remove: true\n").expect("test YAML");
        assert!(
            compile(&bare, origin(0)).is_err(),
            "an action with no selector at all is refused"
        );
    }

    fn names(variants: &[CommandVariant]) -> Vec<String> {
        variants
            .iter()
            .map(|v| format!("{}_{}", v.cmdlet_name("Mg"), v.variant))
            .collect()
    }

    fn js_replace(pattern: &str, text: &str, template: &str) -> String {
        let p = Pattern::selector(pattern).expect("pattern");
        Setter::new(Some(&p), template).apply(text)
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
        // Group 3 does not exist: `$3` stays text; `$10` is group 1 then `0`.
        assert_eq!(
            js_replace(subject, "InvalidateUserRefreshToken", "$3"),
            "$3"
        );
        assert_eq!(
            js_replace(subject, "InvalidateUserRefreshToken", "$10"),
            "Invalidate0"
        );
        assert_eq!(js_replace("(Window)", "AWindowB", "[$`|$']"), "A[A|B]B");
        // Global: every match is replaced; an exact selector replaces the whole name.
        assert_eq!(js_replace("[o]", "foo", "0"), "f00");
        assert_eq!(js_replace("Invoke", "invoke", "Get$&"), "Getinvoke");
        // Empty matches advance by one character, as in JS.
        assert_eq!(js_replace("x*", "abc", "-"), "-a-b-c-");
        // Named groups.
        assert_eq!(js_replace("(?<w>Sm)$", "MethodSm", "$<w>s"), "MethodSms");
    }

    #[test]
    fn js_regex_syntax_is_translated() {
        // `\<` is a literal `<` in JS, a word boundary in fancy-regex.
        assert!(Pattern::selector(r"a\<b").unwrap().is_match("a<b"));
        // `\w` is ASCII-only in JS.
        assert!(!Pattern::selector(r"^\w+$").unwrap().is_match("é"));
        // Braces that are not a quantifier are literal.
        assert!(Pattern::selector("a{b").unwrap().is_match("a{b"));
        assert!(Pattern::selector("^a{2}$").unwrap().is_match("aa"));
        // `[]` never matches, `[^]` matches anything.
        assert!(!Pattern::selector("a[]").unwrap().is_match("a"));
        assert!(Pattern::selector("a[^]b").unwrap().is_match("a\nb"));
        // Identity escapes of letters.
        assert!(Pattern::selector(r"\A").unwrap().is_match("xa"));
        assert!(Pattern::selector(r"[\w-]+\/").unwrap().is_match("a-b/"));
        // A dash after a class escape is literal in JS, not a range.
        let p = Pattern::selector(r"^[\d-x]+$").unwrap();
        assert!(p.is_match("1-x") && !p.is_match("5w"));
    }

    #[test]
    fn bad_regex_is_an_error_naming_the_field() {
        let value: Value =
            serde_yaml::from_str("where: {subject: '^(Foo'}\nset: {subject: x}").unwrap();
        let err = compile(&value, origin(0)).unwrap_err();
        assert!(err.contains("where.subject"), "{err}");
        assert!(err.contains("^(Foo"), "{err}");
    }

    #[test]
    fn alias_taken_before_rename_t2() {
        let ds = directives(
            r#"
- where: {verb: Invoke, subject: ^(InvalidateUserRefreshToken)$}
  set: {alias: '${verb}-Mg${subject-prefix}${subject}'}
- where: {verb: Invoke, subject: ^(Invalidate)(UserRefreshToken)$}
  set: {subject: $1All$2}
"#,
        );
        let mut vs = vec![
            variant("Invoke", "InvalidateUserRefreshToken", "Invalidate"),
            variant(
                "Invoke",
                "InvalidateUserRefreshToken",
                "InvalidateViaIdentity",
            ),
        ];
        apply(&mut vs, &ds);
        for v in &vs {
            assert_eq!(
                v.cmdlet_name("Mg"),
                "Invoke-MgBetaInvalidateAllUserRefreshToken"
            );
            assert_eq!(v.aliases, ["Invoke-MgBetaInvalidateUserRefreshToken"]);
        }
    }

    #[test]
    fn alias_uses_values_after_this_directives_renames() {
        let ds = directives(
            r#"
- where: {verb: Remove, subject: ^(UserDeviceFromManagement)$}
  set: {subject: All$1, alias: ['${verb}-Mg${subject-prefix}${subject}', '${variant}+${variant}']}
"#,
        );
        let mut vs = vec![variant("Remove", "UserDeviceFromManagement", "Remove")];
        apply(&mut vs, &ds);
        assert_eq!(
            vs[0].aliases,
            [
                "Remove-MgBetaAllUserDeviceFromManagement",
                "Remove+${variant}"
            ]
        );
        // Applying twice adds no duplicate.
        let again = directives(
            "- where: {verb: Remove}\n  set: {alias: '${verb}-Mg${subject-prefix}${subject}'}",
        );
        apply(&mut vs, &again);
        assert_eq!(vs[0].aliases.len(), 2);
    }

    #[test]
    fn variant_restricted_rename_t12_t13() {
        let ds = directives(
            r#"
- where:
    verb: Get
    subject: ^(User)(CalendarSchedule)$
    variant: ^Get$|^GetExpanded$|^GetViaIdentity$|^GetViaIdentityExpanded$
  set: {subject: $1Default$2}
- where:
    verb: Invoke
    subject: ^(Reply)(UserMessage|UserMailFolderMessage|UserMailFolderChildFolderMessage)$
    variant: ^Reply1$|^ReplyExpanded1$|^ReplyViaIdentity1$|^ReplyViaIdentityExpanded1$
  set: {subject: $1All$2}
"#,
        );
        let mut vs = vec![
            variant("Get", "UserCalendarSchedule", "Get"),
            variant("Get", "UserCalendarSchedule", "GetExpanded"),
            variant("Get", "UserCalendarSchedule", "Get1"),
            variant("Get", "UserCalendarSchedule", "GetViaIdentityExpanded1"),
            variant("Invoke", "ReplyUserMailFolderChildFolderMessage", "Reply"),
            variant(
                "Invoke",
                "ReplyUserMailFolderChildFolderMessage",
                "ReplyExpanded1",
            ),
        ];
        apply(&mut vs, &ds);
        assert_eq!(
            names(&vs),
            [
                "Get-MgBetaUserDefaultCalendarSchedule_Get",
                "Get-MgBetaUserDefaultCalendarSchedule_GetExpanded",
                "Get-MgBetaUserCalendarSchedule_Get1",
                "Get-MgBetaUserCalendarSchedule_GetViaIdentityExpanded1",
                "Invoke-MgBetaReplyUserMailFolderChildFolderMessage_Reply",
                "Invoke-MgBetaReplyAllUserMailFolderChildFolderMessage_ReplyExpanded1",
            ]
        );
    }

    #[test]
    fn partial_variant_removal_and_where_only_no_op_t14() {
        let ds = directives(
            r#"
- where:
    verb: Clear
    subject: ^UserManagedAppRegistrationByDeviceTag$
    variant: ^Wipe1$|^WipeExpanded1$|^WipeViaIdentity1$|^WipeViaIdentityExpanded1$
- where:
    subject: ^(\w*[a-z])GraphBPre(\w*)$
  set: {subject: $1By$2}
- where:
    verb: Clear
    subject: ^UserManagedAppRegistrationByDeviceTag$
    variant: ^Wipe$|^WipeExpanded$|^WipeViaIdentity$|^WipeViaIdentityExpanded$
  remove: true
"#,
        );
        assert_eq!(ds.len(), 3, "the where-only directive is kept as a no-op");
        let subject = "UserManagedAppRegistrationGraphBPreDeviceTag";
        let mut vs: Vec<_> = [
            "Wipe",
            "WipeExpanded",
            "WipeViaIdentity",
            "WipeViaIdentityExpanded",
            "Wipe1",
            "WipeExpanded1",
            "WipeViaIdentity1",
            "WipeViaIdentityExpanded1",
        ]
        .iter()
        .map(|n| variant("Clear", subject, n))
        .collect();
        apply(&mut vs, &ds);
        assert_eq!(
            names(&vs),
            [
                "Clear-MgBetaUserManagedAppRegistrationByDeviceTag_Wipe1",
                "Clear-MgBetaUserManagedAppRegistrationByDeviceTag_WipeExpanded1",
                "Clear-MgBetaUserManagedAppRegistrationByDeviceTag_WipeViaIdentity1",
                "Clear-MgBetaUserManagedAppRegistrationByDeviceTag_WipeViaIdentityExpanded1",
            ]
        );
    }

    #[test]
    fn body_parameter_rename_only_in_matching_variants() {
        let ds = directives(
            r#"
- where:
    variant: ^(Add|Copy|Reply)\d*$
    parameter-name: Body
  set: {parameter-name: BodyParameter}
- where:
    variant: ^(.*ViaIdentity)\d*$
    parameter-name: Body
  set: {parameter-name: BodyParameter}
"#,
        );
        let mut vs = vec![
            variant("Invoke", "GraphUserChat", "Graph"),
            variant("Invoke", "GraphUserChat", "GraphViaIdentity"),
            variant("Copy", "UserOnenoteSectionToNotebook", "Copy"),
            variant("Invoke", "ReplyAllUserMessage", "Reply1"),
        ];
        apply(&mut vs, &ds);
        let body: Vec<&str> = vs.iter().map(|v| v.parameters[1].name.as_str()).collect();
        assert_eq!(
            body,
            ["Body", "BodyParameter", "BodyParameter", "BodyParameter"]
        );
        // The command names are untouched and `UserId` is not renamed.
        assert!(vs.iter().all(|v| v.parameters[0].name == "UserId"));
        assert_eq!(vs[0].variant, "Graph");
    }

    #[test]
    fn parameter_aliases_and_never_command_renames() {
        let ds = directives(
            r#"
- where: {parameter-name: OrderBy}
  set: {parameter-name: Sort, alias: OrderBy, subject: Nope}
- where: {parameter-name: (So)(rt)}
  set: {alias: [$2$1, Plain]}
"#,
        );
        let mut v = variant("Get", "User", "List");
        v.parameters.push(param(
            "OrderBy",
            ParameterSource::Query {
                serialized_name: "$orderby".into(),
            },
        ));
        let mut vs = vec![v];
        apply(&mut vs, &ds);
        assert_eq!(vs[0].subject, "User");
        let p = &vs[0].parameters[2];
        assert_eq!(p.name, "Sort");
        assert_eq!(p.aliases, ["OrderBy", "rtSo", "Plain"]);
    }

    #[test]
    fn select_command_filters_by_parameter() {
        let ds = directives(
            r#"
- where: {verb: Get, parameter-name: Body}
  select: command
  set: {verb: Find}
"#,
        );
        let mut vs = vec![
            variant("Get", "User", "Get"),
            variant("Get", "User", "GetExpanded"),
        ];
        apply(&mut vs, &ds);
        assert_eq!(vs[0].verb, "Find");
        assert_eq!(vs[1].verb, "Get");
    }

    #[test]
    fn verb_replace_keeps_regex_semantics_and_prefix_can_be_emptied() {
        let ds = directives(
            r#"
- where: {verb: Test, variant: ^(Check|Verify)(.*)}
  set: {verb: Confirm}
- where: {subject-prefix: Beta}
  set: {subject-prefix: ''}
- where: {verb: Confirm}
  hide: true
"#,
        );
        let mut vs = vec![
            variant("Test", "UserMemberGroup", "CheckExpanded"),
            variant("Test", "UserMemberGroup", "Other"),
        ];
        apply(&mut vs, &ds);
        assert_eq!(vs[0].cmdlet_name("Mg"), "Confirm-MgUserMemberGroup");
        assert!(vs[0].hidden);
        assert_eq!(vs[1].cmdlet_name("Mg"), "Test-MgUserMemberGroup");
        assert!(!vs[1].hidden);
    }

    #[test]
    fn remove_path_by_operation_is_unanchored_and_case_insensitive() {
        let ds = directives(
            r#"
- remove-path-by-operation: .*exceptionOccurrence.*|user\.joinedTeam.*|.*\.notebook\.section.*
"#,
        );
        assert!(operation_removed(
            &ds,
            "user.onenote.notebook.section_copyToNotebook"
        ));
        assert!(!operation_removed(
            &ds,
            "user.onenote.section_copyToNotebook"
        ));
        assert!(operation_removed(&ds, "USER.JOINEDTEAM_archive"));
        let plain = directives("- remove-path-by-operation: restore");
        assert!(operation_removed(&plain, "user_restoreThing"));
    }

    #[test]
    fn classification_of_unsupported_directives() {
        let compile_one = |yaml: &str| {
            let value: Value = serde_yaml::from_str(yaml).unwrap();
            compile(&value, origin(0))
        };
        let c = compile_one("from: openapi-document\nwhere: $.components.schemas\ntransform: x")
            .unwrap();
        assert!(c.directive.is_none());
        assert_eq!(
            c.ignored.as_deref(),
            Some("transform on openapi-document $.components.schemas")
        );
        let c = compile_one("no-inline: [A, B]").unwrap();
        assert!(c.directive.is_none());
        let c = compile_one("where: {model-name: Foo}\nset: {model-name: Bar}").unwrap();
        assert!(c.directive.is_none());
        let c =
            compile_one("where: {parameter-name: ConsistencyLevel}\nset: {completer: {name: x}}")
                .unwrap();
        assert!(c.directive.is_none());
        assert!(c.ignored.unwrap().contains("set.completer"));
        let c =
            compile_one("where: {verb: Get}\nset: {verb: Find, command-description: d}").unwrap();
        assert!(c.directive.is_some());
        assert!(c.ignored.unwrap().contains("set.command-description"));
        // Errors.
        assert!(compile_one("- a\n- b").is_err());
        assert!(compile_one("where: {foo: bar}\nset: {subject: x}").is_err());
        assert!(compile_one("where: {verb: Get, model-name: X}\nset: {verb: x}").is_err());
        assert!(compile_one("set: {subject: x}").is_err());
    }
}
