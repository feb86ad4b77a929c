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
    /// Cut the spec down to the named cmdlets: their path items and exactly the components they
    /// reach. Writes the trimmed spec, copies of the configuration files and a `modules.yml`
    /// naming them into --out-dir.
    Trim {
        #[command(flatten)]
        inputs: Inputs,
        /// A cmdlet to keep, by its SDK name or an alias (case-insensitive); repeat for more.
        #[arg(long = "cmdlet")]
        cmdlets: Vec<String>,
        /// A file of cmdlet names to keep, one per line (`#` starts a comment).
        #[arg(long = "cmdlets")]
        cmdlets_file: Option<PathBuf>,
        /// The folder to write into (created if missing).
        #[arg(long)]
        out_dir: PathBuf,
        /// The Rust module the manifest names (default: from the API version, `v1_0`, `beta`).
        #[arg(long)]
        rust_module: Option<String>,
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
    /// Our additions to the spec (OpenAPI Overlay 1.0), applied before it is read.
    #[arg(long)]
    overlay: Option<PathBuf>,
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
            // Hidden characters from a hostile input are shown, not obeyed by the terminal.
            eprintln!("error: {}", codegen::text::shown(&error.to_string()));
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
        Command::Trim {
            inputs,
            cmdlets,
            cmdlets_file,
            out_dir,
            rust_module,
        } => trim(&inputs, cmdlets, cmdlets_file, &out_dir, rust_module)?,
        Command::Builtin { manifest, out_dir } => builtin(manifest, out_dir.as_deref())?,
    }
    Ok(())
}

fn load(inputs: &Inputs) -> codegen::error::Result<Loaded> {
    let options = codegen::load::config::LoadOptions {
        skip_bad_directives: inputs.skip_bad_directives,
    };
    let loaded = pipeline::load_with(
        &inputs.spec,
        inputs.overlay.as_deref(),
        &inputs.configs,
        options,
    )?;
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

fn trim(
    inputs: &Inputs,
    mut names: Vec<String>,
    names_file: Option<PathBuf>,
    out_dir: &Path,
    rust_module: Option<String>,
) -> codegen::error::Result<()> {
    if let Some(file) = names_file {
        let text = std::fs::read_to_string(&file).map_err(|source| codegen::Error::Read {
            path: file.clone(),
            source,
        })?;
        names.extend(
            text.lines()
                .map(|line| line.split('#').next().unwrap_or_default().trim())
                .filter(|line| !line.is_empty())
                .map(str::to_owned),
        );
    }
    let loaded = load(inputs)?;
    let selection = codegen::trim::select(&loaded.module, &names)?;
    let spec_text =
        std::fs::read_to_string(&inputs.spec).map_err(|source| codegen::Error::Read {
            path: inputs.spec.clone(),
            source,
        })?;
    let trimmed = codegen::trim::trim_spec(&inputs.spec, &spec_text, &selection.operation_ids)?;

    // Every output is prepared before the first is written.
    let file_name = |path: &Path| {
        path.file_name()
            .and_then(|name| name.to_str())
            .map(str::to_owned)
            .ok_or_else(|| codegen::Error::Naming {
                location: path.display().to_string(),
                message: "has no file name".into(),
            })
    };
    let spec_name = file_name(&inputs.spec)?;
    let mut outputs = vec![(spec_name.clone(), trimmed)];
    let mut config_names = Vec::new();
    for config in &inputs.configs {
        let name = file_name(config)?;
        if name == codegen::builtin::MANIFEST || outputs.iter().any(|(taken, _)| *taken == name) {
            return Err(codegen::Error::Naming {
                location: config.display().to_string(),
                message: format!("another input is also named `{name}`: rename one"),
            });
        }
        let text = std::fs::read_to_string(config).map_err(|source| codegen::Error::Read {
            path: config.clone(),
            source,
        })?;
        outputs.push((name.clone(), text));
        config_names.push(name);
    }
    // Our additions go along, less those for the operations cut away.
    let mut overlay_name = None;
    if let Some(overlay) = &inputs.overlay {
        let name = file_name(overlay)?;
        if name == codegen::builtin::MANIFEST || outputs.iter().any(|(taken, _)| *taken == name) {
            return Err(codegen::Error::Naming {
                location: overlay.display().to_string(),
                message: format!("another input is also named `{name}`: rename one"),
            });
        }
        let kept =
            codegen::load::Overlay::read(overlay)?.restricted_to(&inputs.spec, &outputs[0].1)?;
        outputs.push((name.clone(), kept));
        overlay_name = Some(name);
    }
    let rust_module =
        rust_module.unwrap_or_else(|| loaded.module.api_version.replace(['.', '-'], "_"));
    outputs.push((
        codegen::builtin::MANIFEST.to_owned(),
        codegen::trim::manifest_text(
            &rust_module,
            &spec_name,
            overlay_name.as_deref(),
            &config_names,
        ),
    ));
    std::fs::create_dir_all(out_dir).map_err(|source| codegen::Error::Write {
        path: out_dir.to_owned(),
        source,
    })?;
    for (name, text) in &outputs {
        pipeline::write_atomically(&out_dir.join(name), text)?;
    }
    eprintln!(
        "wrote {}: {} cmdlets, {} operations",
        out_dir.join(&spec_name).display(),
        selection.cmdlets.len(),
        selection.operation_ids.len()
    );
    for cmdlet in &selection.cmdlets {
        println!("{cmdlet}");
    }
    Ok(())
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
