//! `Get-Help`, `Get-Command`, `Find-MgGraphCommand` and shell completions, all read from the
//! generated catalog (`graph_users_actions::CATALOG`).
//!
//! Nothing here looks at the catalog before the first argument has said which command is
//! wanted, and then at most a scan of the names: start-up does not grow with the cmdlets.

mod args;
mod command;
mod completions;
mod find;
mod help;
mod lookup;

use std::io::Write as _;
use std::process::ExitCode;

/// Exit code of a usage error (unknown cmdlet or parameter, missing value).
const USAGE: u8 = 2;

/// Why a discovery command stopped: the message for stderr and the exit code.
pub struct Failure {
    message: String,
    code: u8,
}

type Outcome = Result<(), Failure>;

fn usage(message: String) -> Failure {
    Failure {
        message,
        code: USAGE,
    }
}

/// Runs a discovery command; `None` when `args` name none (then they are a cmdlet call).
pub fn run(args: &[String]) -> Option<ExitCode> {
    let (first, rest) = args.split_first()?;
    let asks_help = rest.iter().any(|a| a == "-?");
    let outcome = match first.to_ascii_lowercase().as_str() {
        "--help" | "-h" | "-?" => overview(),
        "get-help" | "help" => {
            let rest: Vec<String> = rest.iter().filter(|a| *a != "-?").cloned().collect();
            if rest.is_empty() {
                overview()
            } else {
                help::get_help(&rest)
            }
        }
        "get-command" | "gcm" | "find-mggraphcommand" | "completions" if asks_help => overview(),
        "get-command" | "gcm" => command::get_command(rest),
        "find-mggraphcommand" => find::find_command(rest),
        "completions" => completions::completions(rest),
        // `mg <cmdlet> … -?` is the cmdlet's help, whatever else is given.
        _ if asks_help => help::get_help(std::slice::from_ref(first)),
        _ => return None,
    };
    Some(match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("mg: {}", failure.message);
            ExitCode::from(failure.code)
        }
    })
}

/// Writes `text` to stdout; a reader that went away (`mg Get-Command | head`) is not an error.
fn print(text: &str) -> Outcome {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(error) => Err(Failure {
            message: format!("cannot write the output: {error}"),
            code: 1,
        }),
    }
}

/// One JSON value on one line.
fn json(value: &impl serde::Serialize) -> String {
    // Plain data of strings, lists and booleans always serializes.
    serde_json::to_string(value).unwrap_or_default()
}

/// `mg --help`: what `mg` takes.
fn overview() -> Outcome {
    print(concat!(
        "mg: the Microsoft Graph PowerShell cmdlets on the command line\n",
        "\n",
        "USAGE\n",
        "    mg <cmdlet> [-Parameter value]...      run a cmdlet (mg Revoke-MgUserSignInSession -UserId x)\n",
        "    mg <cmdlet> -?                         the cmdlet's help\n",
        "    mg Get-Help <cmdlet> [-Parameter <p>] [-Json]\n",
        "    mg Get-Command [<pattern>] [-Verb <p>] [-Noun <p>] [-ApiVersion v1.0|beta] [-Json]\n",
        "    mg Find-MgGraphCommand -Uri <uri> [-Method <m>] [-ApiVersion v1.0|beta] [-Json]\n",
        "    mg Find-MgGraphCommand -Command <pattern> [-Json]\n",
        "    mg completions bash|zsh|fish|powershell\n",
        "\n",
        "Patterns are PowerShell wildcards (*, ?, [a-c]); names are case-insensitive.\n",
        "Exit codes: 0 success, 2 usage error.\n",
    ))
}
