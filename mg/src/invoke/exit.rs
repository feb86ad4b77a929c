//! Exit codes, one per class of outcome (also in `mg --help` and the README).

/// Every call succeeded (or was declined at `-Confirm`, or only previewed by `-WhatIf`).
pub const OK: u8 = 0;
/// The command line is wrong: unknown cmdlet or parameter, parameter set not resolved, missing
/// mandatory parameter, a value that cannot be bound, no terminal for `-Confirm`; nothing sent.
pub const USAGE: u8 = 2;
/// Signing in failed: no or incomplete credentials, or the token endpoint refused them.
pub const SIGN_IN: u8 = 3;
/// The call failed: Graph answered with an error, or it could not be reached or timed out
/// (for pipeline input: every target failed).
pub const API: u8 = 4;
/// Pipeline input: some targets succeeded and some failed.
pub const PARTIAL: u8 = 5;

/// The exit code of a pipeline run with `ok` successes and `failed` failures.
pub fn summary(ok: usize, failed: usize, all_auth: bool, all_usage: bool) -> u8 {
    match (ok, failed) {
        (_, 0) => OK,
        (0, _) if all_auth => SIGN_IN,
        (0, _) if all_usage => USAGE,
        (0, _) => API,
        _ => PARTIAL,
    }
}
