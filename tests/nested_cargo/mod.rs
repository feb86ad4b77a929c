//! A cargo run inside a test (`every_module`, `full_module`): offline, non-incremental (a fresh
//! scratch build gains nothing from incremental state, which costs gigabytes of disk and time on
//! modules of 500 000 lines), the caller's RUSTFLAGS left out, and on failure a message that
//! leads with the compiler's diagnostics and cargo's last words rather than the list of crates
//! it compiled: CI keeps only the start of a failing test's output.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// `cargo <args> --offline --message-format=short` in `dir`, building into `target`.
pub fn command(dir: &Path, target: &Path, args: &[&str]) -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let (before, after) = match args.iter().position(|a| *a == "--") {
        Some(split) => args.split_at(split),
        None => (args, &[][..]),
    };
    let mut command = Command::new(cargo);
    command
        .args(before)
        .args(["--offline", "--message-format=short"])
        .args(after)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS");
    command
}

/// Runs `command`, panics with `what` and the diagnostics when it fails, and answers its
/// stderr when it succeeds.
pub fn run(mut command: Command, what: &str) -> String {
    let output = command.output().expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success(),
        "{what} ({}):\n{}",
        output.status,
        diagnostics(&stderr)
    );
    stderr
}

/// The error and warning lines (at most 60), then the last 30 lines of the output.
pub fn diagnostics(stderr: &str) -> String {
    let lines: Vec<&str> = stderr.lines().collect();
    let flagged: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.contains("error") || l.contains("warning"))
        .take(60)
        .collect();
    let tail = &lines[lines.len().saturating_sub(30)..];
    format!(
        "{}\n--- last lines ---\n{}",
        flagged.join("\n"),
        tail.join("\n")
    )
}

/// The warnings of a short-format run (`file:line:col: warning: …`).
pub fn warnings(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.contains(": warning:"))
        .collect()
}

#[test]
fn a_failure_leads_with_the_error_and_ends_with_the_last_lines() {
    let mut stderr: String = (0..200)
        .map(|i| format!("   Compiling crate{i}\n"))
        .collect();
    stderr.push_str("src/module.rs:3:1: error[E0412]: cannot find type `Gone`\n");
    stderr.push_str("error: could not compile `check` (lib) due to 1 previous error\n");
    let text = diagnostics(&stderr);
    assert!(
        text.starts_with("src/module.rs:3:1: error[E0412]"),
        "{text}"
    );
    assert!(!text.contains("crate0\n"), "{text}");
    assert!(text.ends_with("due to 1 previous error"), "{text}");
}
