//! `cinesync join|new|open|script`: open a `cinesync:` URL with the system's handler, or
//! only print it with `--print`.

use std::path::{Path, PathBuf};

use cinesync::commands::{
    open_command, open_session, Command, FileMode, OpenError, RecordingOpener, SystemOpener,
};
use cinesync::Session;

use super::exit::Exit;
use super::input::{display_name, load_session};
use super::url::{file_mode, print_url, JoinArgs, NewArgs, ScriptArgs};

/// Print the URL instead of opening it.
#[derive(Debug, clap::Args)]
pub struct PrintFlag {
    /// Only print the cinesync: URL (and a newline); do not open it.
    #[arg(long)]
    print: bool,
}

/// Join a session in cineSync.
#[derive(Debug, clap::Args)]
pub struct JoinCommand {
    #[command(flatten)]
    args: JoinArgs,
    #[command(flatten)]
    print: PrintFlag,
}

/// Start a new session in cineSync.
#[derive(Debug, clap::Args)]
pub struct NewCommand {
    #[command(flatten)]
    args: NewArgs,
    #[command(flatten)]
    print: PrintFlag,
}

/// Open a session file in cineSync.
#[derive(Debug, clap::Args)]
pub struct OpenArgs {
    /// The session file; it must exist and load as a session. `-` reads the session from
    /// standard input and hands cineSync a copy in a new private temporary folder.
    file: PathBuf,
    /// Replace the current session instead of merging the file into it.
    #[arg(long)]
    replace: bool,
    #[command(flatten)]
    print: PrintFlag,
}

/// Run a script configured in cineSync.
#[derive(Debug, clap::Args)]
pub struct ScriptCommand {
    #[command(flatten)]
    args: ScriptArgs,
    #[command(flatten)]
    print: PrintFlag,
}

pub fn join(command: &JoinCommand) -> Exit {
    open_or_print(&command.args.command(), &command.print)
}

pub fn new(command: &NewCommand) -> Exit {
    open_or_print(&command.args.command(), &command.print)
}

pub fn script(command: &ScriptCommand) -> Exit {
    open_or_print(&command.args.command(), &command.print)
}

/// Checks that the file loads as a session, then opens it by its absolute path.
pub fn open(args: &OpenArgs) -> Exit {
    let session = match load_session(&args.file) {
        Ok(session) => session,
        Err(exit) => return exit,
    };
    let mode = file_mode(args.replace);
    if args.file.as_os_str() == "-" {
        return open_copy(&session, mode, &args.print);
    }
    match file_command(&args.file, mode) {
        Ok(command) => open_or_print(&command, &args.print),
        Err(message) => {
            eprintln!("{}: error: {message}", display_name(&args.file));
            Exit::Trouble
        }
    }
}

/// The command opening the file at `path`, named by its absolute path.
fn file_command(path: &Path, mode: FileMode) -> Result<Command, String> {
    let absolute = std::fs::canonicalize(path).map_err(|error| error.to_string())?;
    let text = absolute
        .to_str()
        .ok_or("the path is not UTF-8 text and cannot go into a URL")?;
    Ok(Command::OpenFile {
        path: text.to_owned(),
        mode,
    })
}

/// Writes a session read from stdin to a private temporary file and opens (or prints) it.
fn open_copy(session: &Session, mode: FileMode, print: &PrintFlag) -> Exit {
    let opened = if print.print {
        let recorder = RecordingOpener::new();
        open_session(session, None, mode, &recorder)
    } else {
        open_session(session, None, mode, &SystemOpener)
    };
    match opened {
        Ok(opened) if print.print => super::print_stdout(format!("{}\n", opened.url).as_bytes()),
        Ok(_) => Exit::Success,
        Err(error) => report(&error),
    }
}

/// Prints the URL with `--print`; otherwise hands it to the system's handler.
fn open_or_print(command: &Command, print: &PrintFlag) -> Exit {
    if print.print {
        return print_url(command);
    }
    match open_command(command, &SystemOpener) {
        Ok(_) => Exit::Success,
        Err(error) => report(&error),
    }
}

fn report(error: &OpenError) -> Exit {
    eprintln!("error: {error}");
    Exit::Trouble
}
