//! Loading the AutoRest configuration of a module.
//!
//! A configuration file is either literate (Markdown whose fenced ```` ```yaml ```` blocks hold
//! the settings; `.md`/`.markdown`) or plain YAML (any other extension). The caller lists every
//! file in priority order (version readme, `<Module>.md`, `readme.graph.md`); `require:` is not
//! followed. As in AutoRest's configuration merge, the first file or block that sets a scalar
//! wins, and `directive` lists are concatenated in file order, then block order.
//!
//! A block may carry a guard after `yaml` (```` ```yaml $(powershell) ````). Simple guards are
//! evaluated against the settings of the unguarded blocks; any other guard skips the block and
//! says so in [`ModuleConfig::skipped`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use serde_yaml::{Mapping, Value};

use super::directives;
use super::yaml::{scalar_text, truthy};
use crate::error::{Error, Result};
use crate::model::directive::{Directive, Origin};

/// The settings and directives of one module, merged over its configuration files.
#[derive(Debug, Clone, Default)]
pub struct ModuleConfig {
    /// `prefix`, `Mg` for Graph.
    pub prefix: Option<String>,
    /// `Beta`, or `Some("")` for v1.0: an explicit empty string counts as set.
    pub subject_prefix: Option<String>,
    pub service_name: Option<String>,
    /// The directives the engine can run, in application order.
    pub directives: Vec<Directive>,
    /// Directives (or parts of them, or guarded blocks) that were not applied, and why.
    pub skipped: Vec<SkippedDirective>,
    /// Directives that are wrong (an invalid regex, …) and were left out only because
    /// [`LoadOptions::skip_bad_directives`] asked for it; each carries its error.
    pub invalid: Vec<SkippedDirective>,
}

/// How strictly configuration files are read.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// A directive that cannot be compiled (invalid regex, bad shape) is left out and listed in
    /// [`ModuleConfig::invalid`] instead of failing the load. Off by default: a broken directive
    /// usually means names that differ from the SDK's.
    pub skip_bad_directives: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedDirective {
    pub file: PathBuf,
    /// `directive #37 (line 247)`, or `yaml block at line 12` for a whole block.
    pub location: String,
    /// `transform on openapi-document $.components.schemas…`
    pub summary: String,
}

/// Reads and merges the given files, earliest first (earlier = higher priority).
pub fn load_configs(paths: &[PathBuf]) -> Result<ModuleConfig> {
    load_configs_with(paths, LoadOptions::default())
}

/// [`load_configs`] with explicit [`LoadOptions`].
pub fn load_configs_with(paths: &[PathBuf], options: LoadOptions) -> Result<ModuleConfig> {
    let texts = paths
        .iter()
        .map(|path| {
            std::fs::read_to_string(path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let files = paths
        .iter()
        .zip(&texts)
        .map(|(path, text)| ConfigFile::parse(path, text))
        .collect::<Result<Vec<_>>>()?;
    merge(&files, options)
}

/// Parses one file given its text; `path` decides the format and names the file in errors.
pub fn parse_config(path: &Path, text: &str) -> Result<ModuleConfig> {
    merge(&[ConfigFile::parse(path, text)?], LoadOptions::default())
}

/// Parses and merges files already in memory (path, text), earliest first; used for the specs
/// built into the binary.
pub fn parse_configs(files: &[(PathBuf, String)]) -> Result<ModuleConfig> {
    parse_configs_with(files, LoadOptions::default())
}

/// [`parse_configs`] with explicit [`LoadOptions`].
pub fn parse_configs_with(
    files: &[(PathBuf, String)],
    options: LoadOptions,
) -> Result<ModuleConfig> {
    let parsed = files
        .iter()
        .map(|(path, text)| ConfigFile::parse(path, text))
        .collect::<Result<Vec<_>>>()?;
    merge(&parsed, options)
}

// ---------------------------------------------------------------------------------------------
// Files and blocks
// ---------------------------------------------------------------------------------------------

struct ConfigFile<'a> {
    path: &'a Path,
    blocks: Vec<Block>,
}

/// One parsed YAML block.
struct Block {
    /// 1-based line of the block's first content line in the file.
    line: usize,
    /// The text after `yaml` in the fence's info string, if any.
    guard: Option<String>,
    settings: Mapping,
    /// File lines of the `directive` entries, when they could all be located.
    directive_lines: Vec<usize>,
}

/// A block as found in the file, before YAML parsing.
struct RawBlock {
    line: usize,
    guard: Option<String>,
    text: String,
}

impl<'a> ConfigFile<'a> {
    fn parse(path: &'a Path, text: &str) -> Result<ConfigFile<'a>> {
        let raw = if is_literate(path) {
            literate_blocks(text)
        } else {
            vec![RawBlock {
                line: 1,
                guard: None,
                text: text.to_owned(),
            }]
        };
        let blocks = raw
            .into_iter()
            .map(|block| parse_block(path, block))
            .collect::<Result<Vec<_>>>()?;
        Ok(ConfigFile { path, blocks })
    }
}

fn is_literate(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// The fenced blocks whose info string starts with the word `yaml`.
fn literate_blocks(text: &str) -> Vec<RawBlock> {
    let mut blocks = Vec::new();
    let mut current: Option<(RawBlock, bool)> = None;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                current = yaml_guard(&info).map(|guard| {
                    let block = RawBlock {
                        line: line_of(text, range.start) + 1,
                        guard,
                        text: String::new(),
                    };
                    (block, false)
                });
            }
            Event::Text(chunk) => {
                if let Some((block, located)) = current.as_mut() {
                    // The first chunk tells exactly where the content starts.
                    if !*located {
                        block.line = line_of(text, range.start);
                        *located = true;
                    }
                    block.text.push_str(&chunk);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((block, _)) = current.take() {
                    blocks.push(block);
                }
            }
            _ => {}
        }
    }
    blocks
}

/// `Some(guard)` for a yaml fence, where the guard is whatever follows the word `yaml`.
fn yaml_guard(info: &str) -> Option<Option<String>> {
    let info = info.trim();
    let word_end = info.find(char::is_whitespace).unwrap_or(info.len());
    if !info[..word_end].eq_ignore_ascii_case("yaml") {
        return None;
    }
    let guard = info[word_end..].trim();
    Some((!guard.is_empty()).then(|| guard.to_owned()))
}

fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn parse_block(path: &Path, raw: RawBlock) -> Result<Block> {
    super::depth::check_depth(path, &raw.text, raw.line)?;
    let value = parse_yaml(&raw.text).map_err(|e| yaml_error(path, &raw, &e))?;
    let settings = match value {
        Value::Null => Mapping::new(),
        Value::Mapping(map) => map,
        Value::Tagged(tagged) if matches!(tagged.value, Value::Mapping(_)) => match tagged.value {
            Value::Mapping(map) => map,
            _ => Mapping::new(),
        },
        _ => {
            return Err(Error::Config {
                path: path.to_path_buf(),
                location: format!("yaml block at line {}", raw.line),
                message: "a configuration block must be a mapping of settings".into(),
            });
        }
    };
    let directive_lines = directive_item_lines(&raw.text, raw.line);
    Ok(Block {
        line: raw.line,
        guard: raw.guard,
        settings,
        directive_lines,
    })
}

/// How many anchor-name characters one block may need fixed before giving up.
const MAX_ANCHOR_FIXES: usize = 32;

/// serde_yaml (libyaml) only takes `[A-Za-z0-9_-]` in anchor and alias names, while YAML 1.2
/// and the JavaScript parser AutoRest uses take any non-blank, non-flow character:
/// `readme.graph.md` has `copyright: &copy; Microsoft…`. On exactly that error the offending
/// character becomes `_` and the block is parsed again; anchors and their aliases get the
/// same rewrite, so they still pair up.
fn parse_yaml(text: &str) -> std::result::Result<Value, serde_yaml::Error> {
    let first_error = match serde_yaml::from_str(text) {
        Ok(value) => return Ok(value),
        Err(error) => error,
    };
    let mut fixed = text.to_owned();
    let mut latest: Option<serde_yaml::Error> = None;
    for _ in 0..MAX_ANCHOR_FIXES {
        if !fix_anchor_name(&mut fixed, latest.as_ref().unwrap_or(&first_error)) {
            break;
        }
        match serde_yaml::from_str(&fixed) {
            Ok(value) => return Ok(value),
            Err(error) => latest = Some(error),
        }
    }
    // Report the problem as it is in the file, not in the rewritten text.
    Err(first_error)
}

/// Replaces the character a failed anchor/alias scan stopped at; false if `error` is another
/// kind of error or does not point at such a character.
fn fix_anchor_name(text: &mut String, error: &serde_yaml::Error) -> bool {
    let message = error.to_string();
    let scanning_name =
        message.contains("while scanning an anchor") || message.contains("while scanning an alias");
    let Some(at) = error.location().filter(|_| scanning_name) else {
        return false;
    };
    let Some(line_start) = nth_line_start(text, at.line()) else {
        return false;
    };
    let Some((offset, bad)) = text[line_start..]
        .char_indices()
        .nth(at.column().saturating_sub(1))
    else {
        return false;
    };
    if bad.is_whitespace() || bad.is_ascii_alphanumeric() || bad == '_' || bad == '-' {
        return false;
    }
    let start = line_start + offset;
    text.replace_range(start..start + bad.len_utf8(), "_");
    true
}

/// Byte offset where the 1-based `line` starts.
fn nth_line_start(text: &str, line: usize) -> Option<usize> {
    if line <= 1 {
        return Some(0);
    }
    text.match_indices('\n').nth(line - 2).map(|(i, _)| i + 1)
}

fn yaml_error(path: &Path, raw: &RawBlock, error: &serde_yaml::Error) -> Error {
    let location = match error.location() {
        Some(at) => format!("line {}, column {}", raw.line + at.line() - 1, at.column()),
        None => format!("yaml block at line {}", raw.line),
    };
    let note = if raw.line > 1 {
        format!(
            " (positions in the message count from the block start, line {})",
            raw.line
        )
    } else {
        String::new()
    };
    Error::Config {
        path: path.to_path_buf(),
        location,
        message: format!("malformed YAML: {error}{note}"),
    }
}

/// File lines of the entries of a block-style top-level `directive:` list. The YAML value
/// carries no positions, so this reads the text; the caller uses the result only when it
/// found as many entries as the parser did.
fn directive_item_lines(text: &str, first_line: usize) -> Vec<usize> {
    let mut lines = text.lines().enumerate();
    if !lines.by_ref().any(|(_, line)| is_directive_key(line)) {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut item_indent = None;
    for (n, line) in lines {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        let is_item = trimmed == "-" || trimmed.starts_with("- ");
        let indent_of_items = *item_indent.get_or_insert(indent);
        if indent < indent_of_items || (indent == indent_of_items && !is_item) {
            break;
        }
        if indent == indent_of_items {
            found.push(first_line + n);
        }
    }
    found
}

fn is_directive_key(line: &str) -> bool {
    line.strip_prefix("directive:")
        .is_some_and(|rest| rest.trim().is_empty() || rest.trim_start().starts_with('#'))
}

// ---------------------------------------------------------------------------------------------
// Merging
// ---------------------------------------------------------------------------------------------

fn merge(files: &[ConfigFile], options: LoadOptions) -> Result<ModuleConfig> {
    let mut context = guard_context(files);
    let mut config = ModuleConfig::default();
    for file in files {
        let mut index = 0;
        for block in &file.blocks {
            if let Some(guard) = &block.guard {
                match evaluate_guard(guard, &context) {
                    Some(true) => add_to_context(&mut context, &block.settings),
                    Some(false) => continue,
                    None => {
                        config.skipped.push(SkippedDirective {
                            file: file.path.to_path_buf(),
                            location: format!("yaml block at line {}", block.line),
                            summary: format!(
                                "block guarded by `{guard}` was not read (only $(key), \
                                 !$(key), ==, !=, && and || are understood)"
                            ),
                        });
                        continue;
                    }
                }
            }
            read_settings(&mut config, file.path, block)?;
            read_directives(&mut config, file.path, block, &mut index, options)?;
        }
    }
    Ok(config)
}

fn read_settings(config: &mut ModuleConfig, path: &Path, block: &Block) -> Result<()> {
    let slots = [
        ("prefix", &mut config.prefix),
        ("subject-prefix", &mut config.subject_prefix),
        ("service-name", &mut config.service_name),
    ];
    for (key, slot) in slots {
        if slot.is_some() {
            continue;
        }
        match block.settings.get(key) {
            None | Some(Value::Null) => {}
            Some(value) => {
                let text = scalar_text(value).ok_or_else(|| Error::Config {
                    path: path.to_path_buf(),
                    location: format!("yaml block at line {}", block.line),
                    message: format!("`{key}` must be a string"),
                })?;
                *slot = Some(text);
            }
        }
    }
    Ok(())
}

fn read_directives(
    config: &mut ModuleConfig,
    path: &Path,
    block: &Block,
    index: &mut usize,
    options: LoadOptions,
) -> Result<()> {
    let entries: &[Value] = match block.settings.get("directive") {
        None | Some(Value::Null) => return Ok(()),
        Some(Value::Sequence(items)) => items,
        // AutoRest treats a single entry like a one-element list.
        Some(single @ Value::Mapping(_)) => std::slice::from_ref(single),
        Some(_) => {
            return Err(Error::Config {
                path: path.to_path_buf(),
                location: format!("yaml block at line {}", block.line),
                message: "`directive` must be a list".into(),
            });
        }
    };
    let lines_known = block.directive_lines.len() == entries.len();
    for (i, entry) in entries.iter().enumerate() {
        let origin = Origin {
            file: path.to_path_buf(),
            index: *index,
            line: lines_known.then(|| block.directive_lines[i]),
        };
        *index += 1;
        let location = origin.location();
        let compiled = match directives::compile(entry, origin) {
            Ok(compiled) => compiled,
            Err(message) if options.skip_bad_directives => {
                config.invalid.push(SkippedDirective {
                    file: path.to_path_buf(),
                    location,
                    summary: message,
                });
                continue;
            }
            Err(message) => {
                return Err(Error::Config {
                    path: path.to_path_buf(),
                    location,
                    message,
                });
            }
        };
        if let Some(directive) = compiled.directive {
            config.directives.push(directive);
        }
        if let Some(summary) = compiled.ignored {
            config.skipped.push(SkippedDirective {
                file: path.to_path_buf(),
                location,
                summary,
            });
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Guards
// ---------------------------------------------------------------------------------------------

/// Top-level settings of the unguarded blocks, first wins; guards are evaluated against them.
fn guard_context(files: &[ConfigFile]) -> HashMap<String, Value> {
    let mut context = HashMap::new();
    for block in files.iter().flat_map(|f| &f.blocks) {
        if block.guard.is_none() {
            add_to_context(&mut context, &block.settings);
        }
    }
    context
}

fn add_to_context(context: &mut HashMap<String, Value>, settings: &Mapping) {
    for (key, value) in settings {
        let Some(key) = scalar_text(key) else {
            continue;
        };
        // Only scalars are compared; a collection only needs to stay truthy.
        let value = match value {
            Value::Sequence(_) | Value::Mapping(_) | Value::Tagged(_) => Value::Bool(true),
            scalar => scalar.clone(),
        };
        context.entry(key).or_insert(value);
    }
}

/// `a && b || c` over terms `$(key)`, `!$(key)`, `$(key) == 'text'`, `$(key) != 'text'`.
/// None when the guard uses anything else.
fn evaluate_guard(guard: &str, context: &HashMap<String, Value>) -> Option<bool> {
    let mut any = false;
    for alternative in guard.split("||") {
        let mut all = true;
        for term in alternative.split("&&") {
            all &= evaluate_term(term.trim(), context)?;
        }
        any |= all;
    }
    Some(any)
}

fn evaluate_term(term: &str, context: &HashMap<String, Value>) -> Option<bool> {
    if let Some(rest) = term.strip_prefix('!') {
        return evaluate_term(rest.trim_start(), context).map(|b| !b);
    }
    let inner = term.strip_prefix("$(")?;
    let close = inner.find(')')?;
    let key = &inner[..close];
    if key.is_empty()
        || !key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return None;
    }
    let value = context.get(key);
    let rest = inner[close + 1..].trim();
    if rest.is_empty() {
        return Some(truthy(value));
    }
    let (negated, literal) = if let Some(l) = rest.strip_prefix("===").or(rest.strip_prefix("==")) {
        (false, l)
    } else if let Some(l) = rest.strip_prefix("!==").or(rest.strip_prefix("!=")) {
        (true, l)
    } else {
        return None;
    };
    let expected = guard_literal(literal.trim())?;
    let equal = value.and_then(scalar_text).is_some_and(|v| v == expected);
    Some(equal != negated)
}

/// A quoted string, a number or a boolean, as text.
fn guard_literal(text: &str) -> Option<String> {
    for quote in ['\'', '"'] {
        if let Some(body) = text.strip_prefix(quote).and_then(|t| t.strip_suffix(quote)) {
            return (!body.contains(quote)).then(|| body.to_owned());
        }
    }
    let plain = text == "true" || text == "false" || text.parse::<f64>().is_ok();
    plain.then(|| text.to_owned())
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::directive::CommandAction;

    const SAMPLE: &str = r#"# Sample

Some prose.

``` yaml
prefix: Mg
subject-prefix: ''
directive:
# a comment between entries
  - where:
      verb: Get
      subject: ^(User)$
    set:
      subject: $1Thing
  - from: openapi-document
    where: $.components.schemas
    transform: return $
```

```python
directive: [not, yaml]
```

~~~yaml $(powershell)
directive:
  - where:
      verb: Remove
    remove: true
~~~

```yaml $(csharp)
prefix: Ignored
```

```yaml $(42 == 3 + 39)
prefix: AlsoIgnored
```

``` yaml
prefix: Later
service-name: Users.Actions
powershell: true
```
"#;

    fn graph_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/graph")
    }

    fn beta_paths() -> Vec<PathBuf> {
        let dir = graph_dir();
        vec![
            dir.join("Users.Actions/readme.beta.md"),
            dir.join("Users.Actions/Users.Actions.md"),
            dir.join("readme.graph.md"),
        ]
    }

    #[test]
    fn literate_sample() {
        let config = parse_config(Path::new("sample.md"), SAMPLE).unwrap();
        assert_eq!(config.prefix.as_deref(), Some("Mg"), "first block wins");
        assert_eq!(
            config.subject_prefix.as_deref(),
            Some(""),
            "'' counts as set"
        );
        assert_eq!(config.service_name.as_deref(), Some("Users.Actions"));
        // The Get rename, then the guarded Remove ($(powershell) is set by a later block).
        assert_eq!(config.directives.len(), 2);
        let first = config.directives[0].origin();
        assert_eq!((first.index, first.line), (0, Some(10)));
        let second = config.directives[1].origin();
        assert_eq!((second.index, second.line), (2, Some(26)));
        assert!(matches!(
            &config.directives[1],
            Directive::Command(d) if matches!(d.action, CommandAction::Remove)
        ));
        // The transform, and the guard that is not understood; `$(csharp)` is simply false.
        let skipped: Vec<(&str, &str)> = config
            .skipped
            .iter()
            .map(|s| (s.location.as_str(), s.summary.as_str()))
            .collect();
        assert_eq!(skipped.len(), 2, "{skipped:?}");
        assert_eq!(skipped[0].0, "directive #1 (line 15)");
        assert_eq!(
            skipped[0].1,
            "transform on openapi-document $.components.schemas"
        );
        assert_eq!(skipped[1].0, "yaml block at line 36");
        assert!(skipped[1].1.contains("$(42 == 3 + 39)"));
    }

    #[test]
    fn plain_yaml_file() {
        let text = "prefix: Mg\ndirective:\n- where: {verb: Get}\n  set: {verb: Find}\n";
        let config = parse_config(Path::new("config.yaml"), text).unwrap();
        assert_eq!(config.prefix.as_deref(), Some("Mg"));
        assert_eq!(config.directives[0].origin().line, Some(3));
        // A Markdown extension makes the same text literate, with no yaml block in it.
        let config = parse_config(Path::new("config.md"), text).unwrap();
        assert!(config.prefix.is_none() && config.directives.is_empty());
    }

    #[test]
    fn settings_and_directives_merge_over_files() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.md");
        let b = dir.path().join("b.yaml");
        std::fs::write(&a, "```yaml\nsubject-prefix: Beta\ndirective:\n  - where: {verb: A}\n    remove: true\n```\n").unwrap();
        std::fs::write(&b, "prefix: Mg\nsubject-prefix: Other\ndirective:\n  - where: {verb: B}\n    remove: true\n").unwrap();
        let config = load_configs(&[a.clone(), b.clone()]).unwrap();
        assert_eq!(config.subject_prefix.as_deref(), Some("Beta"));
        assert_eq!(config.prefix.as_deref(), Some("Mg"));
        let files: Vec<_> = config
            .directives
            .iter()
            .map(|d| d.origin().file.clone())
            .collect();
        assert_eq!(files, [a, b]);
        let missing = load_configs(&[dir.path().join("missing.md")]).unwrap_err();
        assert!(matches!(missing, Error::Read { .. }));
    }

    #[test]
    fn malformed_yaml_names_file_and_line() {
        let text = "# T\n\n```yaml\nprefix: Mg\ndirective:\n  - where: {verb: [\n```\n";
        let err = parse_config(Path::new("bad.md"), text).unwrap_err();
        let Error::Config { path, location, .. } = &err else {
            panic!("{err}")
        };
        assert_eq!(path, Path::new("bad.md"));
        assert!(location.starts_with("line "), "{location}");
        let shown = err.to_string();
        assert!(shown.starts_with("bad.md: line"), "{shown}");
    }

    #[test]
    fn bad_directives_name_file_and_index() {
        let text = "```yaml\ndirective:\n  - where: {verb: Get}\n    set: {verb: Find}\n  - where:\n      subject: ^(Unclosed\n    set:\n      subject: x\n```\n";
        let err = parse_config(Path::new("dirs.md"), text)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("dirs.md: directive #1 (line 5)"), "{err}");
        assert!(
            err.contains("where.subject") && err.contains("^(Unclosed"),
            "{err}"
        );

        let text = "directive:\n  - just a string\n";
        let err = parse_config(Path::new("dirs.yaml"), text)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("dirs.yaml: directive #0 (line 2)"), "{err}");
        assert!(err.contains("must be a mapping"), "{err}");

        let text = "directive:\n  - where: {subjects: X}\n    remove: true\n";
        let err = parse_config(Path::new("dirs.yaml"), text)
            .unwrap_err()
            .to_string();
        assert!(err.contains("no recognised selector"), "{err}");
    }

    #[test]
    fn real_beta_configuration() {
        let config = load_configs(&beta_paths()).unwrap();
        assert_eq!(config.prefix.as_deref(), Some("Mg"));
        assert_eq!(config.subject_prefix.as_deref(), Some("Beta"));
        assert_eq!(config.service_name, None, "comes from the command line");

        let per_file = |name: &str| {
            let applied = config
                .directives
                .iter()
                .filter(|d| d.origin().file.ends_with(name))
                .count();
            let skipped = config
                .skipped
                .iter()
                .filter(|s| s.file.ends_with(name))
                .count();
            (applied, skipped)
        };
        assert_eq!(per_file("readme.beta.md"), (1, 0));
        assert_eq!(per_file("Users.Actions.md"), (18, 0));
        // readme.graph.md: 63 applied; skipped: no-inline, the ConsistencyLevel completer and
        // 23 transforms (OpenAPI document and C# files).
        assert_eq!(per_file("readme.graph.md"), (63, 25));
        assert_eq!(config.directives.len(), 82);
        let transforms = config
            .skipped
            .iter()
            .filter(|s| s.summary.starts_with("transform on"))
            .count();
        assert_eq!(transforms, 23);
        // Every directive was located in its file.
        assert!(config.directives.iter().all(|d| d.origin().line.is_some()));
        let first_graph = config
            .skipped
            .iter()
            .find(|s| s.file.ends_with("readme.graph.md"))
            .unwrap();
        assert_eq!(first_graph.location, "directive #0 (line 66)");
    }

    #[test]
    fn guard_evaluation() {
        let mut context = HashMap::new();
        context.insert("tag".to_owned(), Value::String("v1".into()));
        context.insert("powershell".to_owned(), Value::Bool(true));
        let eval = |g: &str| evaluate_guard(g, &context);
        assert_eq!(eval("$(powershell)"), Some(true));
        assert_eq!(eval("!$(csharp)"), Some(true));
        assert_eq!(eval("$(tag) == 'v1'"), Some(true));
        assert_eq!(eval("$(tag) != \"v1\""), Some(false));
        assert_eq!(
            eval("$(csharp) || $(tag) === 'v1' && $(powershell)"),
            Some(true)
        );
        assert_eq!(eval("$(a.b)"), None);
        assert_eq!(eval("$(tag) > 3"), None);
    }
}
