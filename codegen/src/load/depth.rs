//! A bound on how deeply YAML collections nest, checked by one linear pass over the text before
//! `serde_yaml` sees it. libyaml takes time quadratic in the nesting depth (100 000 levels in a
//! 200 KB file: two minutes) before serde_yaml's own limit of 128 levels refuses the document,
//! so anything deeper than that limit is refused here first, with its line.
//!
//! The scan follows the YAML structure that makes nesting — block indentation, compact `- - x`
//! entries, `key:` entries and flow `[`/`{` — and skips scalars (quoted, block `|`/`>`, and
//! plain multi-line ones). It counts no more levels than the document has (a sequence written at
//! its key's indentation even counts as one with the mapping), so nothing that serde_yaml would
//! accept is refused; on the SDK's specs it counts exactly.

use std::path::Path;

use crate::error::{Error, Result};

/// serde_yaml's recursion limit: a deeper document can never be read.
pub const MAX_DEPTH: usize = 128;

/// Refuses `text` when its collections nest deeper than [`MAX_DEPTH`]; `first_line` is the
/// file line of the text's first line (a block inside a Markdown file starts later).
pub fn check_depth(path: &Path, text: &str, first_line: usize) -> Result<()> {
    match deepest_line(text, MAX_DEPTH) {
        None => Ok(()),
        Some(line) => Err(Error::TooDeep {
            path: path.to_owned(),
            line: first_line + line - 1,
            limit: MAX_DEPTH,
        }),
    }
}

/// `serde_yaml::from_str` behind the depth check: the way to read a whole YAML file (manifest,
/// overlay); `path` names the file in errors.
pub fn from_yaml<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T> {
    check_depth(path, text, 1)?;
    serde_yaml::from_str(text).map_err(|source| Error::Yaml {
        path: path.to_owned(),
        source,
    })
}

/// The 1-based line where nesting first exceeds `limit`, if it does.
fn deepest_line(text: &str, limit: usize) -> Option<usize> {
    let mut scan = Scan {
        limit,
        blocks: Vec::new(),
        flow: 0,
        quote: None,
        scalar_parent: None,
    };
    let bytes = text.as_bytes();
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
    for (index, end) in ends.enumerate() {
        let line = &bytes[start..end];
        start = end + 1;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if scan.line(line).is_err() {
            return Some(index + 1);
        }
    }
    None
}

struct TooDeep;

struct Scan {
    limit: usize,
    /// Columns of the open block collections, innermost last.
    blocks: Vec<usize>,
    /// Open flow collections (`[`, `{`).
    flow: usize,
    /// Inside a quoted scalar that goes on past the line: its quote.
    quote: Option<u8>,
    /// A scalar (plain or `|`/`>`) that goes on over the blank lines and the lines indented
    /// deeper than this column.
    scalar_parent: Option<usize>,
}

/// Where the scan of a line stands. Every step moves forward, so a line takes linear time
/// however its constructs chain (`[a]: [b]: …`).
enum Step {
    /// A block node: compact entries, then a value.
    Node(usize),
    /// A value or a plain key.
    Value(usize),
    /// After a quoted scalar or a flow collection in block context: `: value` if it was a key.
    AfterKey(usize),
    /// Flow context.
    Flow(usize),
    Done,
}

impl Scan {
    fn line(&mut self, line: &[u8]) -> Result<(), TooDeep> {
        if let Some(quote) = self.quote {
            let Some(end) = closing_quote(line, 0, quote) else {
                return Ok(());
            };
            self.quote = None;
            let next = if self.flow > 0 {
                Step::Flow(end)
            } else {
                Step::AfterKey(end)
            };
            return self.run(line, next);
        }
        if self.flow > 0 {
            return self.run(line, Step::Flow(0));
        }
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        let rest = &line[indent..];
        let blank = rest.iter().all(|b| b.is_ascii_whitespace());
        if let Some(parent) = self.scalar_parent {
            if blank || indent > parent {
                return Ok(());
            }
            self.scalar_parent = None;
        }
        if blank || rest.first() == Some(&b'#') || (indent == 0 && rest.first() == Some(&b'%')) {
            return Ok(());
        }
        let marker = rest.starts_with(b"---") || rest.starts_with(b"...");
        if indent == 0 && marker && ends_token(line, 3) {
            // A new document.
            self.blocks.clear();
            return self.run(line, Step::Value(skip_spaces(line, 3)));
        }
        while self.blocks.last().is_some_and(|&open| open > indent) {
            self.blocks.pop();
        }
        self.run(line, Step::Node(indent))
    }

    fn run(&mut self, line: &[u8], mut step: Step) -> Result<(), TooDeep> {
        loop {
            step = match step {
                Step::Node(at) => self.node(line, at)?,
                Step::Value(at) => self.value(line, at),
                Step::AfterKey(at) => after_key(line, at),
                Step::Flow(at) => self.flow_text(line, at)?,
                Step::Done => return Ok(()),
            };
        }
    }

    /// Opens a block collection at `column` unless it is the innermost one already.
    fn open_block(&mut self, column: usize) -> Result<(), TooDeep> {
        if self.blocks.last() != Some(&column) {
            self.blocks.push(column);
        }
        self.check()
    }

    fn check(&self) -> Result<(), TooDeep> {
        if self.blocks.len() + self.flow > self.limit {
            Err(TooDeep)
        } else {
            Ok(())
        }
    }

    /// A node at `at` in block context: each entry indicator (`- - x`, `? x`, `: x`) and a
    /// `key:` open a collection at their column.
    fn node(&mut self, line: &[u8], mut at: usize) -> Result<Step, TooDeep> {
        while at < line.len() && matches!(line[at], b'-' | b'?' | b':') && ends_token(line, at + 1)
        {
            self.open_block(at)?;
            at = skip_spaces(line, at + 1);
        }
        if has_key(line, at) {
            self.open_block(at)?;
        }
        Ok(Step::Value(at))
    }

    /// A value (or a key) starting at `at` in block context.
    fn value(&mut self, line: &[u8], mut at: usize) -> Step {
        // Anchors and tags come before the node they describe.
        while at < line.len() && matches!(line[at], b'&' | b'!') {
            at += line[at..].iter().take_while(|b| !is_space(**b)).count();
            at = skip_spaces(line, at);
        }
        match line.get(at) {
            None | Some(b'#') => Step::Done,
            Some(b'[' | b'{') => Step::Flow(at),
            Some(&quote @ (b'"' | b'\'')) => match closing_quote(line, at + 1, quote) {
                Some(end) => Step::AfterKey(end),
                None => {
                    self.quote = Some(quote);
                    Step::Done
                }
            },
            Some(b'|' | b'>') => {
                self.scalar_parent = Some(self.blocks.last().copied().unwrap_or(0));
                Step::Done
            }
            Some(_) => match key_end(line, at) {
                Some(end) => Step::Value(end),
                None => {
                    self.scalar_parent = Some(self.blocks.last().copied().unwrap_or(0));
                    Step::Done
                }
            },
        }
    }

    /// Text in flow context from `at`: brackets, quoted scalars, comments.
    fn flow_text(&mut self, line: &[u8], mut at: usize) -> Result<Step, TooDeep> {
        let mut node_start = true;
        while at < line.len() {
            let byte = line[at];
            match byte {
                b'[' | b'{' => {
                    self.flow += 1;
                    self.check()?;
                    node_start = true;
                }
                b']' | b'}' => {
                    self.flow = self.flow.saturating_sub(1);
                    if self.flow == 0 {
                        return Ok(Step::AfterKey(at + 1));
                    }
                    node_start = false;
                }
                b',' | b':' | b'?' => node_start = true,
                b'#' if at == 0 || is_space(line[at - 1]) => return Ok(Step::Done),
                b'"' | b'\'' if node_start => match closing_quote(line, at + 1, byte) {
                    Some(end) => {
                        at = end;
                        node_start = false;
                        continue;
                    }
                    None => {
                        self.quote = Some(byte);
                        return Ok(Step::Done);
                    }
                },
                _ if is_space(byte) => {}
                _ => node_start = false,
            }
            at += 1;
        }
        Ok(Step::Done)
    }
}

/// After a key-like scalar or collection: the value of `: value`, if there is one.
fn after_key(line: &[u8], at: usize) -> Step {
    let at = skip_spaces(line, at);
    if line.get(at) == Some(&b':') && ends_token(line, at + 1) {
        Step::Value(skip_spaces(line, at + 1))
    } else {
        Step::Done
    }
}

fn skip_spaces(line: &[u8], at: usize) -> usize {
    at + line[at.min(line.len())..]
        .iter()
        .take_while(|b| is_space(**b))
        .count()
}

fn is_space(byte: u8) -> bool {
    byte == b' ' || byte == b'\t'
}

/// Whether the text at `at` ends a token: end of line or blank.
fn ends_token(line: &[u8], at: usize) -> bool {
    line.get(at).is_none_or(|b| is_space(*b))
}

/// Whether a plain key (`key: …`) starts at `at`.
fn has_key(line: &[u8], at: usize) -> bool {
    match line.get(at) {
        Some(&quote @ (b'"' | b'\'')) => closing_quote(line, at + 1, quote).is_some_and(|end| {
            let end = skip_spaces(line, end);
            line.get(end) == Some(&b':') && ends_token(line, end + 1)
        }),
        // A flow collection as a key is too rare to count; a flow value is counted as flow.
        Some(b'[' | b'{') | None => false,
        _ => key_end(line, at).is_some(),
    }
}

/// For a plain `key: value` starting at `at`, where the value starts.
fn key_end(line: &[u8], at: usize) -> Option<usize> {
    let mut index = at;
    while let Some(found) = memchr::memchr2(b':', b'#', line.get(index..)?) {
        index += found;
        match line[index] {
            b':' if ends_token(line, index + 1) => {
                return Some(skip_spaces(line, index + 1));
            }
            b'#' if index > at && is_space(line[index - 1]) => return None,
            _ => index += 1,
        }
    }
    None
}

/// The index just past the quote closing a scalar whose text starts at `at`.
fn closing_quote(line: &[u8], mut at: usize, quote: u8) -> Option<usize> {
    while let Some(found) = memchr::memchr2(quote, b'\\', line.get(at..)?) {
        at += found;
        match line[at] {
            b'\\' if quote == b'"' => at += 2,
            b'\'' if quote == b'\'' && line.get(at + 1) == Some(&b'\'') => at += 2,
            byte if byte == quote => return Some(at + 1),
            _ => at += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_of(text: &str) -> usize {
        (1..=MAX_DEPTH + 1)
            .find(|&limit| deepest_line(text, limit).is_none())
            .unwrap_or(usize::MAX)
    }

    #[test]
    fn counts_block_flow_and_compact_nesting() {
        assert_eq!(depth_of("a: 1\nb: 2\n"), 1);
        assert_eq!(depth_of("a:\n  b:\n    c: 1\n"), 3);
        assert_eq!(depth_of("- - - x\n"), 3);
        assert_eq!(depth_of("- a: 1\n  b: 2\n"), 2);
        assert_eq!(depth_of("a: [[1], {b: [2]}]\n"), 4);
        assert_eq!(depth_of("{\"a\": {\"b\": [1]}}"), 3);
    }

    #[test]
    fn scalars_do_not_count() {
        assert_eq!(depth_of("a: '[[[[{'\nb: \"]]{[\\\"[\"\n"), 1);
        assert_eq!(depth_of("a: |\n  [[[[\n      - - - -\n\n  # x\nb: 1\n"), 1);
        assert_eq!(
            depth_of("a: some text\n   that goes on\n      - and on\n"),
            1
        );
        assert_eq!(depth_of("a: see [this] and {that}\n"), 1);
        assert_eq!(depth_of("a: 'it''s [\n  still [ quoted'\n"), 1);
        assert_eq!(depth_of("a: [\"x, ]\" , 'y]']\n"), 2);
        assert_eq!(depth_of("a: b # [[[\n"), 1);
    }

    #[test]
    fn overlays_are_checked_too() {
        let deep = format!("overlay: 1.0.0\nactions: {}\n", "[".repeat(50_000));
        let error = crate::load::Overlay::parse(Path::new("o.yml"), &deep).unwrap_err();
        assert!(matches!(error, Error::TooDeep { line: 2, .. }), "{error}");
    }

    #[test]
    fn refuses_deep_documents_quickly_with_the_line() {
        for (text, line) in [
            (format!("a: {}", "[".repeat(100_000)), 10),
            (format!("x: 1\n{}", "- ".repeat(100_000)), 11),
            (format!("x: 1\n{}", "{a: ".repeat(100_000)), 11),
            (
                format!("x: 1\n{}", "[]: ".repeat(100_000) + &"[".repeat(200)),
                11,
            ),
            (
                (0..200)
                    .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
                    .collect(),
                138,
            ),
        ] {
            let started = std::time::Instant::now();
            let error = check_depth(Path::new("deep.yml"), &text, 10).unwrap_err();
            assert!(started.elapsed().as_millis() < 500);
            let message = error.to_string();
            assert!(
                message.starts_with(&format!("deep.yml: line {line}:")),
                "{message}"
            );
            assert!(message.contains("128 levels"), "{message}");
        }
    }
}
