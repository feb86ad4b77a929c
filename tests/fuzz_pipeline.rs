//! The generator's fuzz harness: our real specs and configurations (spec/), mutated — bytes cut
//! and inserted, lines doubled and swapped (duplicate keys), values replaced with odd text
//! (invisible and right-to-left characters, quotes, YAML indicators), deep nesting, dangling
//! `$ref`s, injected directives — and fed to each stage: spec loading, configuration loading,
//! and the whole load → name → emit → format pipeline.
//!
//! Every input must end in a clear error or in source that parses as Rust and holds no
//! invisible character; never a panic, never a hang. A sample of generated modules is compiled
//! for real by the build script of `graph-users-actions` (in its own target folder).
//!
//! CI runs a fixed number of cases. Run it longer with, for example:
//! `PROPTEST_CASES=20000 cargo test --release --test fuzz_pipeline`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use codegen::Error;
use codegen::load::config::parse_configs;
use codegen::load::manifest::parse_manifest;
use codegen::load::{LoadedSpec, Overlay};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, FileFailurePersistence, RngAlgorithm, TestRng, TestRunner};

const SPECS: [(&str, &str); 2] = [
    (
        "Users.Actions.v1.0.yml",
        include_str!("../spec/Users.Actions.v1.0.yml"),
    ),
    (
        "Users.Actions.beta.yml",
        include_str!("../spec/Users.Actions.beta.yml"),
    ),
];
const VERSION_CONFIGS: [(&str, &str); 2] = [
    (
        "Users.Actions.v1.0.config.yml",
        include_str!("../spec/Users.Actions.v1.0.config.yml"),
    ),
    (
        "Users.Actions.beta.config.yml",
        include_str!("../spec/Users.Actions.beta.config.yml"),
    ),
];
const SHARED_CONFIG: (&str, &str) = (
    "Users.Actions.config.yml",
    include_str!("../spec/Users.Actions.config.yml"),
);
const MANIFEST: &str = include_str!("../spec/modules.yml");
const OVERLAYS: [(&str, &str); 2] = [
    (
        "Users.Actions.v1.0.overlay.yml",
        include_str!("../spec/Users.Actions.v1.0.overlay.yml"),
    ),
    (
        "Users.Actions.beta.overlay.yml",
        include_str!("../spec/Users.Actions.beta.overlay.yml"),
    ),
];

/// Cases per property: `PROPTEST_CASES`, else a count that keeps CI within seconds.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(default)
}

fn config(default: u32) -> Config {
    Config {
        cases: cases(default),
        // Shrinking a slow input is slow; a failure prints its input anyway.
        max_shrink_iters: 256,
        // tests/fuzz_pipeline.proptest-regressions: failures found are replayed first.
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..Config::default()
    }
}

/// How long one input may take through every stage (debug build, a loaded machine). The
/// quadratic parses this harness exists to catch took minutes.
const PER_INPUT: Duration = Duration::from_secs(20);

// ---------------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------------

/// Characters that broke, or could break, some stage: invisible and direction controls, line
/// ends, quotes, YAML and Markdown indicators, non-ASCII letters.
const ODD: &[char] = &[
    '\u{202E}', '\u{2066}', '\u{200F}', '\u{FEFF}', '\u{2028}', '\u{85}', '\r', '\0', '\u{7}',
    '\u{1b}', '\t', '\n', ' ', '"', '\'', '\\', '`', '{', '}', '[', ']', ':', '#', '&', '*', '!',
    '|', '>', '%', '@', '-', '.', '/', '$', '?', ',', 'é', 'ß', 'İ', '😀', '\u{301}', '_', 'A',
    'z', '0', '9',
];

/// Keys whose values we replace: names, docs, URLs, references, directive fields.
const KEYS: &[&str] = &[
    "operationId",
    "summary",
    "description",
    "url",
    "name",
    "in",
    "type",
    "$ref",
    "title",
    "openapi",
    "prefix",
    "subject-prefix",
    "subject",
    "verb",
    "variant",
    "alias",
    "parameter-name",
    "remove",
    "x-graph-repeatable",
    "x-ms-docs-key-type",
];

/// Directive selectors, with regexes that are slow or odd for a regex engine.
const PATTERNS: &[&str] = &[
    "^(a+)+$",
    "(?=(a*)*b)",
    "((?!x).)*$",
    "(\\w+\\s?)*$",
    "^Revoke$",
    ".*",
    "(",
    "\\",
    "[",
    "^(.*)(.*)(.*)(.*)(.*)\\5\\4\\3\\2\\1$",
    "User",
    "",
];

fn odd_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![4 => select(ODD), 1 => any::<char>(), 4 => prop::char::range('a', 'z')],
        0..16,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete(Index, usize),
    Insert(Index, String),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    /// Replace the value of the n-th `key:` with text, YAML-quoted or raw.
    SetValue(&'static str, Index, String, bool),
    /// A value nested this deep in flow (`[`) or block (`- `) collections.
    Nest(Index, usize, bool),
    /// Points a `$ref` somewhere that may not exist.
    Dangle(Index, String),
    /// Appends a directive with these selector, pattern, field and value.
    Directive(&'static str, &'static str, &'static str, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        2 => (any::<Index>(), 0..64usize).prop_map(|(at, len)| Mutation::Delete(at, len)),
        2 => (any::<Index>(), odd_text()).prop_map(|(at, text)| Mutation::Insert(at, text)),
        2 => any::<Index>().prop_map(Mutation::DuplicateLine),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        6 => (select(KEYS), any::<Index>(), odd_text(), any::<bool>())
            .prop_map(|(key, nth, text, quoted)| Mutation::SetValue(key, nth, text, quoted)),
        1 => (any::<Index>(), prop_oneof![1..200usize, 100..2_000usize], any::<bool>())
            .prop_map(|(at, depth, flow)| Mutation::Nest(at, depth, flow)),
        1 => (any::<Index>(), prop_oneof![
                Just("#/components/schemas/missing".to_owned()),
                Just("#/components/responses/error".to_owned()),
                Just("#/paths".to_owned()),
                Just("other.yml#/x".to_owned()),
                odd_text(),
            ])
            .prop_map(|(nth, target)| Mutation::Dangle(nth, target)),
        3 => (
            select(&["verb", "subject", "variant", "subject-prefix", "parameter-name"][..]),
            select(PATTERNS),
            select(&["subject", "verb", "alias", "parameter-name", "variant", "remove"][..]),
            prop_oneof![
                odd_text(),
                select(&["fn", "self", "type", "Revoke", "$1$2", "Mg", "_", "r#x"][..])
                    .prop_map(str::to_owned),
            ],
        )
            .prop_map(|(selector, pattern, field, value)| {
                Mutation::Directive(selector, pattern, field, value)
            }),
    ]
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A YAML double-quoted scalar holding exactly `text`.
fn yaml_quoted(text: &str) -> String {
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_control() || codegen::text::is_hidden(c) => {
                quoted.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

fn nth_match(text: &str, needle: &str, nth: &Index) -> Option<usize> {
    let all: Vec<usize> = text.match_indices(needle).map(|(at, _)| at).collect();
    (!all.is_empty()).then(|| all[nth.index(all.len())])
}

fn apply(text: &mut String, mutation: &Mutation) {
    match mutation {
        Mutation::Delete(at, len) => {
            if text.is_empty() {
                return;
            }
            let start = floor_boundary(text, at.index(text.len()));
            let end = floor_boundary(text, start + len);
            text.replace_range(start..end, "");
        }
        Mutation::Insert(at, insert) => {
            let at = floor_boundary(text, at.index(text.len() + 1));
            text.insert_str(at, insert);
        }
        Mutation::DuplicateLine(line) | Mutation::SwapLines(line, _) => {
            let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
            let first = line.index(lines.len());
            match mutation {
                Mutation::SwapLines(_, other) => {
                    let second = other.index(lines.len());
                    lines.swap(first, second);
                }
                _ => lines.insert(first, lines[first].clone()),
            }
            *text = lines.join("\n");
        }
        Mutation::SetValue(key, nth, value, quoted) => {
            let needle = format!("{key}:");
            let Some(at) = nth_match(text, &needle, nth) else {
                return;
            };
            let start = at + needle.len();
            let end = text[start..]
                .find('\n')
                .map_or(text.len(), |end| start + end);
            let value = if *quoted {
                yaml_quoted(value)
            } else {
                value.clone()
            };
            text.replace_range(start..end, &format!(" {value}"));
        }
        Mutation::Nest(at, depth, flow) => {
            let nested = if *flow {
                format!("{}x{}", "[".repeat(*depth), "]".repeat(*depth))
            } else {
                format!("{}x", "- ".repeat(*depth))
            };
            let Some(at) = nth_match(text, ": ", at) else {
                return;
            };
            let end = text[at..].find('\n').map_or(text.len(), |end| at + end);
            text.replace_range(at + 2..end, &nested);
        }
        Mutation::Dangle(nth, target) => {
            let Some(at) = nth_match(text, "$ref: ", nth) else {
                return;
            };
            let start = at + "$ref: ".len();
            let end = text[start..]
                .find('\n')
                .map_or(text.len(), |end| start + end);
            text.replace_range(start..end, &yaml_quoted(target));
        }
        Mutation::Directive(selector, pattern, field, value) => {
            if !text.contains("directive:") {
                text.push_str("\ndirective:");
            }
            text.push_str(&format!(
                "\n  - where:\n      {selector}: {}\n    set:\n      {field}: {}\n",
                yaml_quoted(pattern),
                yaml_quoted(value)
            ));
        }
    }
}

fn mutated(text: &str, mutations: &[Mutation]) -> String {
    let mut text = text.to_owned();
    for mutation in mutations {
        apply(&mut text, mutation);
    }
    text
}

// ---------------------------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------------------------

/// A refusal must say something and, for a file it could not read, name the file; a `Format`
/// error means the emitter built tokens that are not Rust, a generator bug.
fn assert_clear(error: &Error, files: &[&Path]) {
    let message = error.to_string();
    assert!(
        !matches!(error, Error::Format { .. }),
        "generator bug: {message}"
    );
    assert!(message.len() > 12, "a clear message: {message:?}");
    if matches!(
        error,
        Error::Yaml { .. } | Error::Spec { .. } | Error::Config { .. } | Error::TooDeep { .. }
    ) {
        assert!(
            files
                .iter()
                .any(|file| message.contains(&*file.to_string_lossy())),
            "names the file: {message}"
        );
    }
}

/// Generated source must parse as Rust and hold no invisible character.
fn assert_sound(source: &str) {
    if let Err(error) = syn::parse_file(source) {
        panic!("generated code does not parse: {error}\n{source}");
    }
    if let Some((line, _)) = source
        .split('\n')
        .enumerate()
        .find(|(_, line)| line.chars().any(codegen::text::is_hidden))
    {
        panic!(
            "line {} of the generated code holds an invisible character",
            line + 1
        );
    }
}

/// Runs the whole pipeline; `Some(source)` when it generated.
fn pipeline(
    spec: (&str, &str),
    overlay: Option<(&str, &str)>,
    configs: &[(&str, String)],
) -> Option<String> {
    let started = Instant::now();
    let spec_path = PathBuf::from(spec.0);
    let config_files: Vec<(PathBuf, String)> = configs
        .iter()
        .map(|(name, text)| (PathBuf::from(name), text.clone()))
        .collect();
    let overlay_path = PathBuf::from(overlay.map_or("", |(name, _)| name));
    let mut files: Vec<&Path> = vec![&spec_path];
    if overlay.is_some() {
        files.push(&overlay_path);
    }
    files.extend(config_files.iter().map(|(path, _)| path.as_path()));
    let outcome = (|| {
        let config = parse_configs(&config_files)?;
        let overlay = match overlay {
            Some((_, text)) => Some(Overlay::parse(&overlay_path, text)?),
            None => None,
        };
        let spec = LoadedSpec::parse_with_overlay(&spec_path, spec.1, overlay.as_ref())?;
        let module = codegen::pipeline::build_module(&spec, &config)?;
        codegen::pipeline::render(&module)
    })();
    assert!(
        started.elapsed() < PER_INPUT,
        "one input took {:?}",
        started.elapsed()
    );
    if std::env::var_os("FUZZ_VERBOSE").is_some() {
        match &outcome {
            Ok(_) => eprintln!("OUTCOME generated"),
            Err(error) => eprintln!(
                "OUTCOME refused {}",
                error.to_string().chars().take(160).collect::<String>()
            ),
        }
    }
    match outcome {
        Ok(source) => {
            assert_sound(&source);
            Some(source)
        }
        Err(error) => {
            assert_clear(&error, &files);
            None
        }
    }
}

fn configs_for(
    version: usize,
    version_config: String,
    shared: String,
) -> Vec<(&'static str, String)> {
    vec![
        (VERSION_CONFIGS[version].0, version_config),
        (SHARED_CONFIG.0, shared),
    ]
}

proptest! {
    #![proptest_config(config(40))]

    #[test]
    fn spec_loading(version in 0..2usize, mutations in prop::collection::vec(mutation(), 1..6)) {
        let (name, text) = SPECS[version];
        let spec = mutated(text, &mutations);
        let started = Instant::now();
        let path = Path::new(name);
        if let Err(error) = LoadedSpec::parse(path, &spec) {
            assert_clear(&error, &[path]);
        }
        prop_assert!(started.elapsed() < PER_INPUT);
    }

    #[test]
    fn config_loading(
        version in 0..2usize,
        literate in any::<bool>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let (name, text) = SHARED_CONFIG;
        let mut text = mutated(text, &mutations);
        let mut name = PathBuf::from(name);
        if literate {
            // The SDK's configurations are Markdown with fenced YAML blocks.
            text = format!("# Module\n\n```yaml\n{text}\n```\n\n``` yaml $(powershell)\nprefix: Mg\n```\n");
            name.set_extension("md");
        }
        let files = [
            (PathBuf::from(VERSION_CONFIGS[version].0), VERSION_CONFIGS[version].1.to_owned()),
            (name.clone(), text),
        ];
        if let Err(error) = parse_configs(&files) {
            assert_clear(&error, &[&name, &files[0].0]);
        }
    }

    #[test]
    fn manifest_loading(mutations in prop::collection::vec(mutation(), 1..4)) {
        let text = mutated(MANIFEST, &mutations);
        let path = Path::new("modules.yml");
        if let Err(error) = parse_manifest(path, &text) {
            assert_clear(&error, &[path]);
        }
    }

    #[test]
    fn overlay_loading(version in 0..2usize, mutations in prop::collection::vec(mutation(), 1..6)) {
        let (name, text) = OVERLAYS[version];
        let text = mutated(text, &mutations);
        let path = Path::new(name);
        if let Err(error) = Overlay::parse(path, &text) {
            assert_clear(&error, &[path]);
        }
    }

    #[test]
    fn whole_pipeline(
        version in 0..2usize,
        with_overlay in any::<bool>(),
        spec_mutations in prop::collection::vec(mutation(), 0..4),
        overlay_mutations in prop::collection::vec(mutation(), 0..2),
        config_mutations in prop::collection::vec(mutation(), 0..4),
    ) {
        let spec = mutated(SPECS[version].1, &spec_mutations);
        let overlay = mutated(OVERLAYS[version].1, &overlay_mutations);
        let shared = mutated(SHARED_CONFIG.1, &config_mutations);
        let configs = configs_for(version, VERSION_CONFIGS[version].1.to_owned(), shared);
        let overlay = with_overlay.then_some((OVERLAYS[version].0, overlay.as_str()));
        pipeline((SPECS[version].0, &spec), overlay, &configs);
    }
}

// ---------------------------------------------------------------------------------------------
// Real compilation of a sample, through the build script
// ---------------------------------------------------------------------------------------------

/// Runs `cargo check -p graph-users-actions` with the manifest in `folder`, in a target folder
/// of its own (so the workspace's own build of the crate stays as it is).
fn check_generated_crate(folder: &Path) -> std::process::Output {
    let test_binary = std::env::current_exe().expect("test binary path");
    // target/<profile>/deps/<test> → target
    let target = test_binary
        .ancestors()
        .nth(3)
        .expect("test binaries live in target/<profile>/deps");
    Command::new(env!("CARGO"))
        .args([
            "check",
            "--quiet",
            "--offline",
            "-p",
            "graph-users-actions",
            "--target-dir",
        ])
        .arg(target.join("fuzz-check"))
        .env("MG_MANIFEST", folder.join("modules.yml"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs")
}

/// Copies our spec folder (manifest, specs, overlays, configurations) into a temporary folder,
/// with these files replaced.
fn spec_folder(replace: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    for entry in std::fs::read_dir(&spec).expect("spec folder") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("a file name")
            .to_string_lossy()
            .into_owned();
        let text = match replace.iter().find(|(replaced, _)| *replaced == name) {
            Some((_, text)) => text.clone(),
            None => std::fs::read_to_string(&path).expect("readable"),
        };
        std::fs::write(dir.path().join(&name), text).expect("written");
    }
    dir
}

/// Mutated specs that generate, drawn with a fixed seed: the first one with odd text in its
/// docs and names, plus hostile descriptions of our own.
fn sampled_module() -> String {
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    );
    let strategy = prop::collection::vec(
        (
            select(&["summary", "description", "name"][..]),
            any::<Index>(),
            odd_text(),
        )
            .prop_map(|(key, nth, text)| Mutation::SetValue(key, nth, text, true)),
        6..12,
    );
    let hostile = [
        "line\rreturn and \u{202E}override\u{2066} with \u{7}\u{1b} */ /* ``` \"quotes\" #[doc]",
        "\u{2028}\u{85}\u{feff}\u{200f}",
    ];
    let configs = configs_for(
        0,
        VERSION_CONFIGS[0].1.to_owned(),
        SHARED_CONFIG.1.to_owned(),
    );
    for _ in 0..200 {
        let (mut mutations, places) = (&strategy, any::<[Index; 2]>())
            .new_tree(&mut runner)
            .expect("a sample")
            .current();
        for (place, text) in places.into_iter().zip(hostile) {
            mutations.push(Mutation::SetValue(
                "description",
                place,
                text.to_owned(),
                true,
            ));
        }
        let spec = mutated(SPECS[0].1, &mutations);
        if pipeline((SPECS[0].0, &spec), Some(OVERLAYS[0]), &configs).is_some() {
            return spec;
        }
    }
    panic!("no mutated spec generated in 200 draws");
}

#[test]
fn a_sample_of_mutated_modules_compiles() {
    let spec = sampled_module();
    let folder = spec_folder(&[(SPECS[0].0, spec)]);
    let output = check_generated_crate(folder.path());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn the_build_script_reports_the_spec_place_not_a_line_in_out_dir() {
    let config = format!(
        "{}\ndirective:\n  - where:\n      verb: Revoke\n    set:\n      alias: fn\n",
        VERSION_CONFIGS[0].1
    );
    let folder = spec_folder(&[(VERSION_CONFIGS[0].0, config)]);
    let output = check_generated_crate(folder.path());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        message.contains("paths.'/users/{user-id}/microsoft.graph.revokeSignInSessions'.post"),
        "{message}"
    );
    assert!(
        message.contains("would be the method `fn`, a Rust keyword"),
        "{message}"
    );
    assert!(message.contains("Users.Actions.v1.0.yml"), "{message}");
    assert!(!message.contains("/out/"), "no line of OUT_DIR: {message}");
}
