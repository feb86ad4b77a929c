//! `Get-Help`, `Get-Command`, `Find-MgGraphCommand` and shell completions.

use std::process::ExitCode;

/// Runs a discovery command; `None` when `args` name none (then they are a cmdlet call).
pub fn run(args: &[String]) -> Option<ExitCode> {
    let _ = args;
    None
}
