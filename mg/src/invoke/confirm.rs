//! `-Confirm`: PowerShell's prompt on the terminal, `[Y] Yes [A] Yes to All [N] No [L] No to
//! All`. Without a terminal to ask on it fails at once rather than wait for an answer that
//! cannot come.

use std::io::{BufRead, BufReader, IsTerminal, Write};

/// An answer to one prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// This target.
    Yes,
    /// This and every later target, without asking again.
    YesToAll,
    /// Not this target.
    No,
    /// Neither this nor any later target.
    NoToAll,
}

/// Reads answers from the terminal.
pub struct Prompter {
    input: Box<dyn BufRead>,
}

impl Prompter {
    /// Opens the terminal. A single call asks on stdin; pipeline input holds stdin, so the
    /// prompt then reads the controlling terminal (`/dev/tty`). Both need stderr to be a
    /// terminal, where the question is written.
    pub fn open(stdin_is_input: bool) -> Result<Prompter, String> {
        let refuse = |what: &str| {
            format!(
                "-Confirm needs a terminal to ask on, and {what} is not one; nothing was sent. \
                 Run it interactively, or drop -Confirm (add -WhatIf to see what would be sent)"
            )
        };
        if !std::io::stderr().is_terminal() {
            return Err(refuse("stderr"));
        }
        if !stdin_is_input {
            if !std::io::stdin().is_terminal() {
                return Err(refuse("stdin"));
            }
            return Ok(Prompter {
                input: Box::new(BufReader::new(std::io::stdin())),
            });
        }
        match std::fs::File::open("/dev/tty") {
            Ok(tty) if tty.is_terminal() => Ok(Prompter {
                input: Box::new(BufReader::new(tty)),
            }),
            _ => Err(refuse("stdin (it carries the pipeline input)")),
        }
    }

    /// Asks about one target; end of input counts as No to All.
    pub fn ask(&mut self, action: &str) -> Choice {
        loop {
            eprint!(
                "\nConfirm\nAre you sure you want to perform this action?\n{action}\n\
                 [Y] Yes  [A] Yes to All  [N] No  [L] No to All  (default is \"Y\"): "
            );
            let _ = std::io::stderr().flush();
            let mut line = String::new();
            match self.input.read_line(&mut line) {
                Ok(0) | Err(_) => return Choice::NoToAll,
                Ok(_) => {}
            }
            match line.trim().to_ascii_lowercase().as_str() {
                "" | "y" | "yes" => return Choice::Yes,
                "a" | "yes to all" => return Choice::YesToAll,
                "n" | "no" => return Choice::No,
                "l" | "no to all" => return Choice::NoToAll,
                other => eprintln!("'{other}' is not one of Y, A, N, L."),
            }
        }
    }
}

/// Asks about each target in turn (with Yes/No to All), answering which to send.
pub fn each(prompter: &mut Prompter, actions: &[String]) -> Vec<bool> {
    let mut approved = Vec::with_capacity(actions.len());
    let mut all: Option<bool> = None;
    for (n, action) in actions.iter().enumerate() {
        let yes = match all {
            Some(all) => all,
            None => {
                let text = format!("{action} ({} of {})", n + 1, actions.len());
                match prompter.ask(&text) {
                    Choice::Yes => true,
                    Choice::No => false,
                    Choice::YesToAll => {
                        all = Some(true);
                        true
                    }
                    Choice::NoToAll => {
                        all = Some(false);
                        false
                    }
                }
            }
        };
        approved.push(yes);
    }
    approved
}
