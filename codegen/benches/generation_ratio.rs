//! The generation goal of the typed models, as one number that machine noise does not swing:
//! the whole pipeline (`pipeline::load`, as `codegen generate` runs it before emitting) against
//! a baseline that only reads and parses the spec (`serde_yaml` into `openapiv3`), on the SDK's
//! full Users.Actions beta module. The two are timed in alternating pairs, so a slow spell of
//! the machine slows both sides of a pair; the answer is the median of the pairs' ratios, with
//! the medians of each side.
//!
//! `cargo bench -p codegen --bench generation_ratio` (needs `../shared/graph`, as CI has it).
//! `MG_RATIO_PAIRS=N` sets the number of pairs (default 31). Run it under `taskset -c 0` to
//! see the pipeline on one core, where its second thread cannot help.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use codegen::pipeline::load;

fn graph() -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/graph");
    assert!(path.is_dir(), "the SDK data is missing: {}", path.display());
    path
}

fn parse_only(spec: &Path) -> Duration {
    let started = Instant::now();
    let text = std::fs::read_to_string(spec).expect("spec reads");
    let document: openapiv3::OpenAPI = serde_yaml::from_str(&text).expect("spec parses");
    drop(black_box(document));
    started.elapsed()
}

fn whole(spec: &Path, configs: &[PathBuf]) -> Duration {
    let started = Instant::now();
    let loaded = load(spec, configs).expect("module builds");
    assert_eq!(loaded.module.cmdlets.len(), 315);
    drop(black_box(loaded));
    started.elapsed()
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` would pass nothing to skip on.
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let graph = graph();
    let spec = graph.join("Users.Actions/Users.Actions.beta.yml");
    let configs = vec![
        graph.join("Users.Actions/readme.beta.md"),
        graph.join("Users.Actions/Users.Actions.md"),
        graph.join("readme.graph.md"),
    ];
    let pairs: usize = std::env::var("MG_RATIO_PAIRS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(31);
    // Warm-up: page cache, allocator, lazy statics.
    parse_only(&spec);
    whole(&spec, &configs);

    let (mut parse, mut pipeline, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for pair in 0..pairs {
        // Alternate which side goes first, so neither always runs on a warmer heap.
        let (p, w) = if pair % 2 == 0 {
            let p = parse_only(&spec);
            (p, whole(&spec, &configs))
        } else {
            let w = whole(&spec, &configs);
            (parse_only(&spec), w)
        };
        let (p, w) = (p.as_secs_f64() * 1e3, w.as_secs_f64() * 1e3);
        parse.push(p);
        pipeline.push(w);
        ratios.push(w / p);
    }
    let (p, w, r) = (
        median(&mut parse),
        median(&mut pipeline),
        median(&mut ratios),
    );
    println!(
        "users_actions_beta over {pairs} pairs: parse only {p:.1} ms, whole pipeline {w:.1} ms (medians); median ratio {r:.2}x (range {:.2}x to {:.2}x)",
        ratios[0],
        ratios[ratios.len() - 1]
    );
}
