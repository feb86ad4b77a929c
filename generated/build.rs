//! Generates the cmdlet builders from the repository's `spec/` folder into `OUT_DIR`, so a spec
//! or configuration change regenerates the crate on the next build.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let Some(out_dir) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        eprintln!("error: OUT_DIR is not set; run this through cargo");
        return ExitCode::FAILURE;
    };
    for module in codegen::builtin::MODULES {
        for file in module.files() {
            println!("cargo:rerun-if-changed={}", root.join(file).display());
        }
        let spec = root.join(module.spec.path);
        let configs: Vec<PathBuf> = module.configs.iter().map(|c| root.join(c.path)).collect();
        let generated = codegen::pipeline::load(&spec, &configs)
            .and_then(|loaded| codegen::pipeline::render(&loaded.module))
            .and_then(|source| {
                codegen::pipeline::write_atomically(&out_dir.join(module.output_file), &source)
            });
        if let Err(error) = generated {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
