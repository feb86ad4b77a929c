//! Generates the cmdlet builders of every module the manifest lists (`spec/modules.yml`, or the
//! manifest named by `MG_MANIFEST`) into `OUT_DIR`, so a spec or configuration change
//! regenerates the crate on the next build.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use codegen::builtin::{CRATE, MANIFEST, SpecFolder, module_declarations};

fn main() -> ExitCode {
    // The generated docs' examples name this crate; a renamed package would break them.
    let package = std::env::var("CARGO_PKG_NAME").unwrap_or_default();
    if package.replace('-', "_") != CRATE {
        eprintln!(
            "error: codegen writes examples for crate `{CRATE}`, this package is `{package}`"
        );
        return ExitCode::FAILURE;
    }
    match generate() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn generate() -> Result<(), codegen::Error> {
    println!("cargo:rerun-if-env-changed=MG_MANIFEST");
    let manifest_path = match std::env::var_os("MG_MANIFEST") {
        Some(path) => PathBuf::from(path),
        None => Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../spec")
            .join(MANIFEST),
    };
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed={}", manifest_path.display());
    let folder = SpecFolder::Disk(manifest_path);
    let manifest = folder.manifest()?;
    for module in &manifest.modules {
        for file in module.files() {
            println!("cargo:rerun-if-changed={}", folder.path_of(file).display());
        }
        let loaded = folder.load(module)?;
        let source = codegen::pipeline::render(&loaded.module)?;
        codegen::pipeline::write_atomically(&out_dir.join(module.output_file()), &source)?;
    }
    codegen::pipeline::write_atomically(
        &out_dir.join("modules.rs"),
        &module_declarations(&manifest),
    )
}
