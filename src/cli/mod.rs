//! The command-line interface: argument definitions and one module per subcommand.
//! Only this module prints; the library returns values and errors.

mod exit;
mod hash;
mod render;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use exit::Exit;

/// Read, write and validate cineSync session files; build and open cinesync: URLs.
#[derive(Debug, Parser)]
#[command(name = "cinesync", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the cineSync short hash of files.
    Hash(hash::HashArgs),
}

/// Parses the process arguments, runs the subcommand and gives the exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let exit = match &cli.command {
        Command::Hash(args) => hash::run(args),
    };
    ExitCode::from(exit)
}

#[cfg(test)]
mod tests {
    #[test]
    fn argument_definitions_are_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
