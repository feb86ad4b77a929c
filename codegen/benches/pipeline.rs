//! The whole pipeline (read, parse, resolve, name, apply the directives, model) on the SDK's full
//! Users.Actions beta module, as `codegen generate` runs it (`pipeline::load`: the configuration
//! beside the spec's parse, the models beside the naming), next to a baseline that only reads
//! and parses the spec, measured in the same run; and the directive engine on its own
//! (compiling the selectors, applying them).
//!
//! Needs the SDK data beside the repository (`../shared/graph`), as CI has it:
//! `cargo bench -p codegen --bench pipeline`.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use codegen::load::LoadedSpec;
use codegen::load::config::parse_configs;
use codegen::load::read_operations;
use codegen::name::directives::apply;
use codegen::name::variants::command_variants;
use codegen::pipeline::load;
use criterion::{Criterion, criterion_group, criterion_main};

fn graph() -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/graph");
    assert!(path.is_dir(), "the SDK data is missing: {}", path.display());
    path
}

fn read(path: PathBuf) -> (PathBuf, String) {
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (path, text)
}

fn bench(c: &mut Criterion) {
    let graph = graph();
    let (spec_path, spec_text) = read(graph.join("Users.Actions/Users.Actions.beta.yml"));
    let configs = vec![
        read(graph.join("Users.Actions/readme.beta.md")),
        read(graph.join("Users.Actions/Users.Actions.md")),
        read(graph.join("readme.graph.md")),
    ];

    let config_paths: Vec<PathBuf> = configs.iter().map(|(path, _)| path.clone()).collect();

    let mut group = c.benchmark_group("users_actions_beta");
    group.sample_size(20);
    group.bench_function("parse_only", |b| {
        b.iter(|| {
            let text = std::fs::read_to_string(black_box(&spec_path)).expect("spec reads");
            let document: openapiv3::OpenAPI = serde_yaml::from_str(&text).expect("spec parses");
            black_box(document)
        })
    });
    group.bench_function("whole_pipeline", |b| {
        b.iter(|| {
            let loaded = load(black_box(&spec_path), &config_paths).expect("module builds");
            assert_eq!(loaded.module.cmdlets.len(), 315);
            black_box(loaded)
        })
    });
    group.finish();

    // The directive engine alone: compiling every selector regex of the three files, and
    // applying the compiled directives to the module's variants. The regex engine shows here.
    let mut group = c.benchmark_group("directives_beta");
    group.sample_size(20);
    group.bench_function("compile", |b| {
        b.iter(|| black_box(parse_configs(black_box(&configs)).expect("configs load")))
    });
    let config = parse_configs(&configs).expect("configs load");
    let spec = LoadedSpec::parse(&spec_path, &spec_text).expect("spec parses");
    let operations = read_operations(&spec, |_| false).expect("operations read");
    let variants = command_variants(&operations, "Beta").expect("variants named");
    group.bench_function("apply", |b| {
        b.iter(|| {
            let mut variants = variants.clone();
            apply(&mut variants, black_box(&config.directives));
            black_box(variants)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
