//! The command-line interface: argument definitions and one module per subcommand.
//! Only this module prints; the library returns values and errors.

mod create;
mod exit;
mod hash;
mod input;
mod inspect;
mod notes;
mod open;
mod render;
mod url;
mod validate;

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
    /// Show what a session holds: media, notes, drawings (or the whole model as JSON).
    Inspect(inspect::InspectArgs),
    /// Build a session file from media paths, URLs or short hashes.
    Create(create::CreateArgs),
    /// Check files against the session schema (or any RELAX NG compact schema).
    Validate(validate::ValidateArgs),
    /// Print the cineSync short hash of files.
    Hash(hash::HashArgs),
    /// Export a session's notes as CSV or JSON.
    Notes(notes::NotesArgs),
    /// Print cinesync: URLs (join, new, file, script), or read one as JSON (parse).
    Url(url::UrlArgs),
    /// Join a session in cineSync.
    Join(open::JoinCommand),
    /// Start a new session in cineSync.
    #[command(after_help = url::PASSWORD_HELP)]
    New(open::NewCommand),
    /// Open a session file in cineSync.
    Open(open::OpenArgs),
    /// Run a script configured in cineSync.
    Script(open::ScriptCommand),
}

/// Parses the process arguments, runs the subcommand and gives the exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let exit = match &cli.command {
        Command::Inspect(args) => inspect::run(args),
        Command::Create(args) => create::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Hash(args) => hash::run(args),
        Command::Notes(args) => notes::run(args),
        Command::Url(args) => url::run(args),
        Command::Join(command) => open::join(command),
        Command::New(command) => open::new(command),
        Command::Open(args) => open::open(args),
        Command::Script(command) => open::script(command),
    };
    ExitCode::from(exit)
}

/// What became of bytes written to standard output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Printed {
    /// They were written.
    Written,
    /// The reader has gone (`cinesync hash *.mov | head -1`): nothing more needs writing,
    /// and it is not an error.
    ReaderGone,
    /// Writing failed otherwise; the message is on stderr.
    Failed,
}

/// Writes to stdout and flushes; a closed pipe is [`Printed::ReaderGone`], not an error.
fn write_stdout(bytes: &[u8]) -> Printed {
    stream_stdout(|out| out.write_all(bytes))
}

/// Lets `write` stream to a buffered stdout (no copy of the whole output in memory), then
/// flushes; a closed pipe is [`Printed::ReaderGone`], not an error.
fn stream_stdout(write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>) -> Printed {
    use std::io::Write;
    let mut stdout = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    match write(&mut stdout).and_then(|()| stdout.flush()) {
        Ok(()) => Printed::Written,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Printed::ReaderGone,
        Err(error) => {
            eprintln!("error: cannot write to standard output: {error}");
            Printed::Failed
        }
    }
}

/// Writes to stdout, the way every subcommand prints: a closed pipe
/// (`cinesync inspect x | head`) is success (0), like ripgrep; another write error is
/// trouble (2).
fn print_stdout(bytes: &[u8]) -> Exit {
    match write_stdout(bytes) {
        Printed::Written | Printed::ReaderGone => Exit::Success,
        Printed::Failed => Exit::Trouble,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn argument_definitions_are_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
