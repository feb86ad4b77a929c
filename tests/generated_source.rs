//! The generated source of both spec versions, pinned: any change to generated code shows up
//! here as a diff to review (`cargo insta review`). With `CI=true` a changed snapshot fails.

use codegen::builtin::SpecFolder;
use codegen::pipeline::render;

fn generated(output_file: &str) -> String {
    let folder = SpecFolder::Embedded;
    let manifest = folder.manifest().expect("the built-in manifest parses");
    let module = manifest
        .modules
        .iter()
        .find(|module| module.output_file() == output_file)
        .expect("a built-in module writes this file");
    let loaded = folder.load(module).expect("the built-in spec loads");
    render(&loaded.module).expect("the built-in spec renders")
}

#[test]
fn v1_0_source() {
    insta::assert_snapshot!("v1_0.rs", generated("v1_0.rs"));
}

#[test]
fn beta_source() {
    insta::assert_snapshot!("beta.rs", generated("beta.rs"));
}

/// What `codegen list` shows for the built-in specs: names and aliases a PowerShell user knows.
#[test]
fn cmdlet_lists() {
    let folder = SpecFolder::Embedded;
    let manifest = folder.manifest().expect("the built-in manifest parses");
    let lists: Vec<String> = manifest
        .modules
        .iter()
        .map(|module| {
            let loaded = folder.load(module).expect("the built-in spec loads");
            codegen::report::cmdlet_lines(&loaded.module)
        })
        .collect();
    insta::assert_snapshot!("cmdlets", lists.join("---\n"));
}

/// What the docs promise is what the code does: types in the syntax lines come from the model,
/// pageable `send()` is documented as giving every item, every parameter set has a compiled
/// example (the doctests of `graph-users-actions` build them), deprecated operations are
/// `#[deprecated]`.
#[test]
fn docs_match_the_generated_code() {
    let folder = SpecFolder::Embedded;
    let manifest = folder.manifest().expect("the built-in manifest parses");
    for module in &manifest.modules {
        let loaded = folder.load(module).expect("the built-in spec loads");
        let source = render(&loaded.module).expect("renders");
        let file = module.output_file();
        assert!(
            source.contains("[-GroupIds <String[]>]"),
            "{file}: array type"
        );
        assert!(
            source.contains("[-SendResponse]") && !source.contains("-SendResponse <String>"),
            "{file}: a boolean body property is a switch"
        );
        assert!(
            !source.contains("first page"),
            "{file}: pageable send() gives every item"
        );
        assert!(source.contains("`send()` gives every item of the answer's `value`"));
        let sets: usize = loaded
            .module
            .cmdlets
            .iter()
            .map(|c| c.parameter_sets.len())
            .sum();
        assert_eq!(
            source.matches("```no_run").count(),
            sets,
            "{file}: one example per parameter set"
        );
        assert_eq!(
            source.matches("# Parameters").count(),
            loaded.module.cmdlets.len() + extra_builders(&loaded.module),
            "{file}: a # Parameters section per Client method"
        );
        let deprecated_ops = loaded
            .module
            .operations
            .iter()
            .filter(|o| o.docs.deprecation.is_some())
            .count();
        assert_eq!(
            deprecated_ops > 0,
            source.contains("#[deprecated("),
            "{file}: #[deprecated] exactly where the spec deprecates"
        );
        assert!(
            !source.contains("/// Invoke action "),
            "{file}: the synopsis is not the spec's boilerplate summary"
        );
    }
}

/// Builders beyond one per cmdlet (cmdlets whose sets call several operations).
fn extra_builders(module: &codegen::model::Module) -> usize {
    module
        .cmdlets
        .iter()
        .map(|c| {
            let mut operations: Vec<usize> = c.parameter_sets.iter().map(|s| s.operation).collect();
            operations.sort_unstable();
            operations.dedup();
            operations.len() - 1
        })
        .sum()
}
