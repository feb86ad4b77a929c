//! Embeds every file of the repository's `spec/` folder (the manifest and what it names), so
//! `codegen builtin` runs anywhere on the default modules without reading the disk.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    println!("cargo:rerun-if-changed={}", spec.display());
    let mut names: Vec<String> = std::fs::read_dir(&spec)
        .unwrap_or_else(|e| panic!("{}: cannot list the spec folder: {e}", spec.display()))
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect();
    names.sort();
    let mut table = String::from("&[\n");
    for name in &names {
        let path = spec.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(
            table,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .expect("writing to a String");
    }
    table.push(']');
    let out =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("spec_files.rs");
    std::fs::write(&out, table).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
