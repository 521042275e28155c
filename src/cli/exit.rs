//! Exit codes shared by every subcommand.

use std::process::ExitCode;

/// How a run ended, as the process exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything worked and every input was valid (0).
    Success,
    /// An input is invalid (1).
    Invalid,
    /// Usage, I/O or other trouble that stopped the run (2).
    Trouble,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        match exit {
            Exit::Success => ExitCode::SUCCESS,
            Exit::Invalid => ExitCode::from(1),
            Exit::Trouble => ExitCode::from(2),
        }
    }
}
