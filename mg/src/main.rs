//! `mg`: every cmdlet of `graph-users-actions` on the command line, with PowerShell's syntax.
//!
//! Discovery (`Get-Help`, `Get-Command`, `Find-MgGraphCommand`, completions) lives in
//! [`discovery`]; running a cmdlet (parsing, parameter sets, sign-in, single and pipeline calls)
//! in [`invoke`]. Both read the generated catalog (`graph_users_actions::CATALOG`).

use std::process::ExitCode;

mod discovery;
mod invoke;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let help = matches!(args.first().map(String::as_str), Some("--help" | "-h"));
    match discovery::run(&args) {
        // `mg --help`: discovery's overview, then how cmdlets run (parameters, pipeline input,
        // sign-in, exit codes).
        Some(code) if help => {
            print!("\n{}", invoke::help());
            code
        }
        Some(code) => code,
        None => invoke::run(args),
    }
}
