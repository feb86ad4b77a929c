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
