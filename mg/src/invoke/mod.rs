//! Running one cmdlet: parsing, parameter-set resolution, sign-in, single and pipeline calls.

use std::process::ExitCode;

/// Runs the cmdlet `args` name and gives the process's exit code.
pub fn run(args: Vec<String>) -> ExitCode {
    eprintln!("mg: not yet able to run {args:?}");
    ExitCode::from(2)
}
