//! `codegen`: generate, list and inspect the cmdlets of a Graph module spec.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use codegen::builtin::{SpecFolder, module_declarations};
use codegen::pipeline::{self, Loaded};

#[derive(Parser)]
#[command(
    version,
    about = "Microsoft Graph module spec → Rust client named like the PowerShell cmdlets"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write the formatted Rust client of one module.
    Generate {
        #[command(flatten)]
        inputs: Inputs,
        /// Output file; written only if generation succeeds.
        #[arg(long)]
        out: PathBuf,
    },
    /// One cmdlet per line, sorted; after a tab, its aliases joined by commas.
    List {
        #[command(flatten)]
        inputs: Inputs,
        /// Print the whole model as JSON: aliases, parameter sets, operationIds, methods, paths.
        #[arg(long)]
        json: bool,
    },
    /// The identity type's property names, one per line, in the type's order.
    Identity {
        #[command(flatten)]
        inputs: Inputs,
    },
    /// Compare the cmdlets with a list of expected names (one per line): exact, alias, missing.
    Compare {
        #[command(flatten)]
        inputs: Inputs,
        /// The expected names, e.g. the SDK's example file names.
        #[arg(long)]
        expected: PathBuf,
    },
    /// Generate every module of a manifest (default: our spec/modules.yml, built into this
    /// binary) and show the cmdlets produced.
    Builtin {
        /// Read this manifest (and the files it names, relative to it) from disk instead.
        #[arg(long)]
        manifest: Option<PathBuf>,
        /// Also write `<rust_module>.rs` of each module, and `modules.rs`, into this folder.
        #[arg(long)]
        out_dir: Option<PathBuf>,
    },
}

#[derive(Args)]
struct Inputs {
    /// The OpenAPI module spec (YAML).
    #[arg(long)]
    spec: PathBuf,
    /// AutoRest configuration (literate Markdown or YAML); repeat, applied in the order given.
    #[arg(long = "config", required = true)]
    configs: Vec<PathBuf>,
    /// Skip a directive that cannot be compiled (e.g. an invalid regex) with a warning, instead
    /// of failing. Names its directive may have changed will differ from the SDK's.
    #[arg(long)]
    skip_bad_directives: bool,
}

fn main() -> ExitCode {
    match run(Cli::parse().command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            if let codegen::Error::Config { location, .. } = &error
                && location.starts_with("directive #")
            {
                eprintln!(
                    "hint: --skip-bad-directives skips that one directive with a warning (names it changes will differ from the SDK's)"
                );
            }
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> codegen::error::Result<()> {
    match command {
        Command::Generate { inputs, out } => {
            let loaded = load(&inputs)?;
            let source = pipeline::render(&loaded.module)?;
            pipeline::write_atomically(&out, &source)?;
            eprintln!(
                "wrote {} ({} cmdlets)",
                out.display(),
                loaded.module.cmdlets.len()
            );
        }
        Command::List { inputs, json } => {
            let loaded = load(&inputs)?;
            if json {
                let text = serde_json::to_string_pretty(&loaded.module)
                    .expect("the model is plain data and always serializes");
                println!("{text}");
            } else {
                print!("{}", codegen::report::cmdlet_lines(&loaded.module));
            }
        }
        Command::Identity { inputs } => {
            let loaded = load(&inputs)?;
            for property in &loaded.module.identity.properties {
                println!("{}", property.name);
            }
        }
        Command::Compare { inputs, expected } => {
            let loaded = load(&inputs)?;
            let text =
                std::fs::read_to_string(&expected).map_err(|source| codegen::Error::Read {
                    path: expected.clone(),
                    source,
                })?;
            let names = codegen::report::expected_names(&text);
            let comparison = codegen::report::compare(&loaded.module, &names);
            print!("{}", comparison.summary(loaded.module.cmdlets.len()));
        }
        Command::Builtin { manifest, out_dir } => builtin(manifest, out_dir.as_deref())?,
    }
    Ok(())
}

fn load(inputs: &Inputs) -> codegen::error::Result<Loaded> {
    let options = codegen::load::config::LoadOptions {
        skip_bad_directives: inputs.skip_bad_directives,
    };
    let loaded = pipeline::load_with(&inputs.spec, &inputs.configs, options)?;
    report_skipped(&loaded);
    Ok(loaded)
}

/// Directives the generator cannot apply are listed once, never dropped silently; so is what
/// assembling changed (renumbered parameter sets, dropped aliases).
fn report_skipped(loaded: &Loaded) {
    for invalid in &loaded.config.invalid {
        eprintln!(
            "warning: {}: {}: skipped (--skip-bad-directives): {}",
            invalid.file.display(),
            invalid.location,
            invalid.summary
        );
    }
    for note in &loaded.module.notes {
        eprintln!("note: {note}");
    }
    if loaded.config.prefix.is_none() {
        eprintln!(
            "warning: no configuration sets `prefix` (Graph's readme.graph.md sets `Mg`): cmdlet names have none"
        );
    }
    let skipped = &loaded.config.skipped;
    if skipped.is_empty() {
        return;
    }
    eprintln!(
        "note: {} directive(s) skipped (they transform the OpenAPI document or the C# output):",
        skipped.len()
    );
    for directive in skipped {
        eprintln!(
            "  {}: {}: {}",
            directive.file.display(),
            directive.location,
            directive.summary
        );
    }
}

fn builtin(manifest: Option<PathBuf>, out_dir: Option<&Path>) -> codegen::error::Result<()> {
    let folder = manifest.map_or(SpecFolder::Embedded, SpecFolder::Disk);
    let manifest = folder.manifest()?;
    // Everything is generated before anything is written: a failing module leaves no
    // half-written set of files behind.
    let mut outputs = Vec::new();
    for module in &manifest.modules {
        let loaded = folder.load(module)?;
        report_skipped(&loaded);
        let source = pipeline::render(&loaded.module)?;
        outputs.push((module.output_file(), loaded, source));
    }
    if let Some(dir) = out_dir {
        std::fs::create_dir_all(dir).map_err(|source| codegen::Error::Write {
            path: dir.to_owned(),
            source,
        })?;
        for (file, _, source) in &outputs {
            let path = dir.join(file);
            pipeline::write_atomically(&path, source)?;
            println!("# wrote {}", path.display());
        }
        let path = dir.join("modules.rs");
        pipeline::write_atomically(&path, &module_declarations(&manifest))?;
        println!("# wrote {}", path.display());
    }
    for (_, loaded, source) in &outputs {
        println!(
            "# {} {}: {} cmdlets, identity {} ({} properties), {} lines of Rust",
            loaded.module.service_name,
            loaded.module.api_version,
            loaded.module.cmdlets.len(),
            loaded.module.identity.name,
            loaded.module.identity.properties.len(),
            source.lines().count()
        );
        print!("{}", codegen::report::cmdlet_details(&loaded.module));
    }
    Ok(())
}
