//! One timed pass of `list` (load + name) and of `generate` (load + name + emit + format +
//! write) over every module version in the SDK data (`../shared/graph`), with the peak memory
//! of each. Budgets from issue 9: `list` of all under 5 s, `generate` of all under 20 s
//! (release build); the run fails when one is exceeded.
//!
//! `cargo bench -p codegen --bench every_module`

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use codegen::load::config::LoadOptions;
use codegen::pipeline::{load_with, render, write_atomically};

const LIST_BUDGET: Duration = Duration::from_secs(5);
const GENERATE_BUDGET: Duration = Duration::from_secs(20);

fn graph() -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/graph");
    assert!(path.is_dir(), "the SDK data is missing: {}", path.display());
    path
}

/// (module folder, module, version) of every `<Module>.<version>.yml`, sorted.
fn module_versions(graph: &Path) -> Vec<(PathBuf, String, String)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(graph).expect("the graph folder lists") {
        let folder = entry.expect("an entry").path();
        let Some(module) = folder
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_owned)
        else {
            continue;
        };
        for version in ["beta", "v1.0"] {
            if folder.join(format!("{module}.{version}.yml")).is_file() {
                found.push((folder.clone(), module.clone(), version.to_owned()));
            }
        }
    }
    found.sort_by(|a, b| (&a.1, &a.2).cmp(&(&b.1, &b.2)));
    found
}

/// Peak resident memory since the last reset, in MiB (Linux; 0 elsewhere).
fn peak_mib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        })
        .map_or(0, |kib| kib / 1024)
}

/// CPU time of this process so far (user + system), from /proc (Linux; zero elsewhere). On a
/// machine shared with other jobs it shows the work done where wall time shows the waiting.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which ends with `)`): utime and stime are the 12th and
    // 13th, in clock ticks of 1/100 s.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks: u64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i).and_then(|f| f.parse::<u64>().ok()))
        .sum();
    Duration::from_millis(ticks * 10)
}

fn reset_peak() {
    // Writing 5 to clear_refs resets VmHWM to the current resident size (Linux ≥ 4.0).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn main() {
    let graph = graph();
    let out = tempfile::tempdir().expect("a scratch folder");
    let options = LoadOptions {
        skip_bad_directives: true,
    };
    let (mut list_total, mut generate_total, mut peak) = (Duration::ZERO, Duration::ZERO, 0);
    let (mut list_cpu, mut generate_cpu) = (Duration::ZERO, Duration::ZERO);
    println!(
        "{:<22} {:>8} {:>8} {:>10} {:>12} {:>9}",
        "module", "cmdlets", "aliases", "list (s)", "generate (s)", "peak MiB"
    );
    for (folder, module, version) in module_versions(&graph) {
        let spec = folder.join(format!("{module}.{version}.yml"));
        let configs = [
            folder.join(format!("readme.{version}.md")),
            folder.join(format!("{module}.md")),
            graph.join("readme.graph.md"),
        ];
        let (started, cpu) = (Instant::now(), cpu_time());
        let loaded = load_with(&spec, None, &configs, options).expect("the module loads");
        let list = started.elapsed();
        list_cpu += cpu_time().saturating_sub(cpu);
        drop(loaded);

        reset_peak();
        let (started, cpu) = (Instant::now(), cpu_time());
        let loaded = load_with(&spec, None, &configs, options).expect("the module loads");
        let source = render(&loaded.module).expect("the module renders");
        write_atomically(&out.path().join(format!("{module}.{version}.rs")), &source)
            .expect("the source is written");
        let generate = started.elapsed();
        generate_cpu += cpu_time().saturating_sub(cpu);
        let module_peak = peak_mib();

        let aliases: usize = loaded.module.cmdlets.iter().map(|c| c.aliases.len()).sum();
        println!(
            "{:<22} {:>8} {:>8} {:>10.2} {:>12.2} {:>9}",
            format!("{module} {version}"),
            loaded.module.cmdlets.len(),
            aliases,
            list.as_secs_f64(),
            generate.as_secs_f64(),
            module_peak
        );
        list_total += list;
        generate_total += generate;
        peak = peak.max(module_peak);
    }
    println!(
        "total: list {:.2} s (budget {} s), generate {:.2} s (budget {} s), peak {peak} MiB",
        list_total.as_secs_f64(),
        LIST_BUDGET.as_secs(),
        generate_total.as_secs_f64(),
        GENERATE_BUDGET.as_secs()
    );
    println!(
        "cpu time: list {:.2} s, generate {:.2} s (all threads)",
        list_cpu.as_secs_f64(),
        generate_cpu.as_secs_f64()
    );
    if list_total > LIST_BUDGET || generate_total > GENERATE_BUDGET {
        eprintln!("over budget");
        std::process::exit(1);
    }
}
