//! The stages strung together: load → model → name → emit → format, for the CLI and the
//! build script.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::load::config::{LoadOptions, ModuleConfig, load_configs_with};
use crate::load::{LoadedSpec, Overlay, read_operations};
use crate::model::{Module, Operation};
use crate::name::{cmdlets, identity, regex_limit, variants};

/// A module model plus what its configuration asked for but the generator could not apply.
#[derive(Debug)]
pub struct Loaded {
    pub module: Module,
    pub config: ModuleConfig,
}

/// Reads the spec and the configuration files (applied in the order given) and builds the model.
pub fn load(spec_path: &Path, config_paths: &[PathBuf]) -> Result<Loaded> {
    load_with_overlay(spec_path, None, config_paths)
}

/// [`load`], applying an OpenAPI overlay (our additions) to the spec first.
pub fn load_with_overlay(
    spec_path: &Path,
    overlay_path: Option<&Path>,
    config_paths: &[PathBuf],
) -> Result<Loaded> {
    load_with(
        spec_path,
        overlay_path,
        config_paths,
        LoadOptions::default(),
    )
}

/// [`load_with_overlay`] with explicit [`LoadOptions`] (e.g. skipping directives that do not
/// compile).
pub fn load_with(
    spec_path: &Path,
    overlay_path: Option<&Path>,
    config_paths: &[PathBuf],
    options: LoadOptions,
) -> Result<Loaded> {
    // The configuration (mostly compiling the directives' regexes) is read while the spec is
    // parsed, which takes most of the time.
    let (config, spec) = side_by_side(
        || load_configs_with(config_paths, options),
        || read_spec(spec_path, overlay_path),
    );
    let config = config?;
    let module = build_module(&spec?, &config)?;
    Ok(Loaded { module, config })
}

fn read_spec(spec_path: &Path, overlay_path: Option<&Path>) -> Result<LoadedSpec> {
    let overlay = overlay_path.map(Overlay::read).transpose()?;
    let text = std::fs::read_to_string(spec_path).map_err(|source| Error::Read {
        path: spec_path.to_owned(),
        source,
    })?;
    LoadedSpec::parse_with_overlay(spec_path, &text, overlay.as_ref())
}

/// Runs `beside` on a second thread while `here` runs on this one. For stages that read the
/// same input independently (the configuration and the spec; the names and the models): the
/// callers look at the answers in the order the stages would run one after the other, so the
/// error a user sees does not depend on which thread finished first. A panic goes on here.
pub(crate) fn side_by_side<A: Send, B>(
    beside: impl FnOnce() -> A + Send,
    here: impl FnOnce() -> B,
) -> (A, B) {
    std::thread::scope(|scope| {
        // The main thread's stack, not a spawned thread's 2 MiB: the stages recurse as deep
        // as the YAML nests (up to 128 levels), and debug builds keep big frames.
        let beside = std::thread::Builder::new()
            .stack_size(8 << 20)
            .spawn_scoped(scope, beside)
            .expect("a thread starts");
        let here = here();
        let beside = beside
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (beside, here)
    })
}

/// Everything after parsing: operations, identity type, naming, directives, cmdlets.
pub fn build_module(spec: &LoadedSpec, config: &ModuleConfig) -> Result<Module> {
    build_filtered(spec, config, None)
}

/// [`build_module`], keeping only the operations named in `keep` (a manifest's filter). A name
/// the spec does not have is an error, never an empty module.
pub fn build_filtered(
    spec: &LoadedSpec,
    config: &ModuleConfig,
    keep: Option<&[String]>,
) -> Result<Module> {
    if let Some(keep) = keep {
        let known = spec.operation_ids()?;
        if let Some(unknown) = keep.iter().find(|id| !known.contains(&id.as_str())) {
            return Err(spec.error(
                "paths",
                &format!(
                    "the manifest keeps operationId `{unknown}`, which this spec does not have"
                ),
            ));
        }
    }
    let regex_failure = std::cell::RefCell::new(None);
    let operations = read_operations(spec, |id| {
        keep.is_some_and(|keep| !keep.iter().any(|kept| kept == id))
            || regex_limit::operation_removed(&config.directives, id, &regex_failure)
    })?;
    if let Some(error) = regex_failure.into_inner() {
        return Err(error);
    }
    let operations = in_code_model_order(operations);
    let service_name = config
        .service_name
        .clone()
        .unwrap_or_else(|| spec.title().to_owned());
    let prefix = config.prefix.clone().unwrap_or_default();
    let subject_prefix = config.subject_prefix.clone().unwrap_or_default();

    // Naming and the models read only the operations and the spec.
    let (models, assembled) = side_by_side(
        || crate::load::schemas::read_models(spec, &operations),
        || {
            let mut variants = variants::command_variants(&operations, &subject_prefix)?;
            regex_limit::apply(&mut variants, &config.directives)?;
            cmdlets::assemble(&variants, &operations, &prefix)
        },
    );
    let assembled = assembled?;
    let (models, notes) = models?;
    let identity = identity::identity_type(&service_name, &operations);
    for note in notes {
        eprintln!("note: {}: {note}", spec.path.display());
    }
    Ok(Module {
        service_name,
        prefix,
        subject_prefix,
        api_version: spec.api_version()?,
        identity,
        cmdlets: assembled.cmdlets,
        operations,
        models,
        notes: assembled.notes,
        rust_path: None,
    })
}

/// modelerfour groups operations by the text before `_` (case-insensitively, in order of first
/// appearance) and keeps document order inside a group; numbering and the identity follow it.
pub(crate) fn in_code_model_order(operations: Vec<Operation>) -> Vec<Operation> {
    let mut groups: Vec<(String, Vec<Operation>)> = Vec::new();
    for mut operation in operations {
        match groups
            .iter_mut()
            .find(|(first, _)| first.eq_ignore_ascii_case(&operation.group))
        {
            Some((first, members)) => {
                // The group keeps the spelling it was first seen with.
                operation.group = first.clone();
                members.push(operation);
            }
            None => groups.push((operation.group.clone(), vec![operation])),
        }
    }
    groups
        .into_iter()
        .flat_map(|(_, members)| members)
        .collect()
}

/// Emits and formats the Rust source of one module. The cmdlets are emitted and formatted in
/// parts on all cores (Sites has over a thousand); the parts are joined in order, so the text is
/// the same as formatting the whole file at once.
pub fn render(module: &Module) -> Result<String> {
    use crate::emit::{builder, check, prelude};
    use crate::format::{format_items, header};

    check(module)?;
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk = module.cmdlets.len().div_ceil(threads).max(16);
    let bodies = &builder::BodyStructs::of(module)?;
    let parts: Vec<Result<String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = module
            .cmdlets
            .chunks(chunk)
            .map(|cmdlets| {
                scope.spawn(move || {
                    let mut tokens = proc_macro2::TokenStream::new();
                    for cmdlet in cmdlets {
                        tokens.extend(builder::cmdlet(module, cmdlet, bodies)?);
                    }
                    format_items(tokens)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle.join().unwrap_or_else(|_| {
                    Err(Error::Format {
                        message: "a formatting thread panicked".to_owned(),
                    })
                })
            })
            .collect()
    });
    let mut source = String::from(header());
    source.push_str(&format_items(prelude(module)?)?);
    for part in parts {
        source.push_str(&part?);
    }
    source.push_str(&format_items(crate::emit::catalog::catalog(module)?)?);
    source.push_str(&format_items(crate::emit::models::models(&module.models))?);
    Ok(source)
}

pub use crate::output::write_atomically;
