//! `cinesync url join|new|file|script|parse`: print `cinesync:` URLs, or read one as JSON.
//!
//! The argument structs here are shared with the subcommands that open URLs (`open.rs`).

use cinesync::commands::{Command, FileMode, ScriptQuery};

use super::exit::Exit;

/// The environment variable holding the password for a new session.
pub const PASSWORD_VARIABLE: &str = "CINESYNC_PASSWORD";

/// Print a cinesync: URL, or read one.
#[derive(Debug, clap::Args)]
pub struct UrlArgs {
    #[command(subcommand)]
    command: UrlCommand,
}

#[derive(Debug, clap::Subcommand)]
enum UrlCommand {
    /// Print the URL that joins a session.
    Join(JoinArgs),
    /// Print the URL that starts a new session.
    #[command(after_help = PASSWORD_HELP)]
    New(NewArgs),
    /// Print the URL that opens a session file.
    File(FileArgs),
    /// Print the URL that runs a script configured in cineSync.
    Script(ScriptArgs),
    /// Print the command a cinesync: URL stands for, as JSON.
    Parse(ParseArgs),
}

/// Said under `--help` of the commands that take a password.
pub const PASSWORD_HELP: &str = "\
Environment:
  CINESYNC_PASSWORD  The password, when --password is not given. Prefer it to
                     --password: other users can see a command line.";

/// The session to join.
#[derive(Debug, clap::Args)]
pub struct JoinArgs {
    /// The session key.
    key: String,
}

impl JoinArgs {
    /// The join command.
    pub fn command(&self) -> Command {
        Command::Join {
            key: self.key.clone(),
        }
    }
}

/// Who starts a new session.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// Log in as this user.
    #[arg(long, value_name = "USER")]
    username: Option<String>,
    /// The user's password (visible to other users: see CINESYNC_PASSWORD below).
    #[arg(long, value_name = "PASSWORD", requires = "username")]
    password: Option<String>,
}

impl NewArgs {
    /// The new-session command, the password taken from `CINESYNC_PASSWORD` when
    /// `--password` is not given.
    pub fn command(&self) -> Command {
        let password = self
            .password
            .clone()
            .or_else(|| std::env::var(PASSWORD_VARIABLE).ok());
        Command::NewSession {
            username: self.username.clone(),
            password,
        }
    }
}

/// The session file to open.
#[derive(Debug, clap::Args)]
pub struct FileArgs {
    /// The session file's path, as cineSync will see it.
    path: String,
    /// Replace the current session instead of merging the file into it.
    #[arg(long)]
    replace: bool,
}

impl FileArgs {
    /// The file command.
    fn command(&self) -> Command {
        Command::OpenFile {
            path: self.path.clone(),
            mode: file_mode(self.replace),
        }
    }
}

/// `replace` when `--replace` is given, else `merge`.
pub fn file_mode(replace: bool) -> FileMode {
    if replace {
        FileMode::Replace
    } else {
        FileMode::Merge
    }
}

/// The script to run.
#[derive(Debug, clap::Args)]
pub struct ScriptArgs {
    /// The script's name, as configured in cineSync's preferences.
    name: String,
    /// A query string handed to the script, added to the URL as given (so already
    /// percent-encoded), e.g. `shot=sh010&take=3`; a `#`, a space, non-ASCII text or a `%`
    /// that starts no escape is percent-encoded, so that the URL keeps the whole query.
    #[arg(long, value_name = "QUERY")]
    query: Option<String>,
}

impl ScriptArgs {
    /// The script command.
    pub fn command(&self) -> Command {
        Command::RunScript {
            name: self.name.clone(),
            query: self.query.as_deref().map(ScriptQuery::new),
        }
    }
}

/// The URL to read.
#[derive(Debug, clap::Args)]
pub struct ParseArgs {
    /// A cinesync: URL, e.g. `cinesync://session/ABCD1234`.
    url: String,
}

pub fn run(args: &UrlArgs) -> Exit {
    let command = match &args.command {
        UrlCommand::Join(args) => args.command(),
        UrlCommand::New(args) => args.command(),
        UrlCommand::File(args) => args.command(),
        UrlCommand::Script(args) => args.command(),
        UrlCommand::Parse(args) => return parse(&args.url),
    };
    print_url(&command)
}

/// Prints the command's URL and a newline; an empty key, path or name is trouble (2).
pub fn print_url(command: &Command) -> Exit {
    match command.to_url() {
        Ok(url) => super::print_stdout(format!("{url}\n").as_bytes()),
        Err(error) => {
            eprintln!("error: {error}");
            Exit::Trouble
        }
    }
}

/// Prints the command `url` stands for as one line of JSON; a URL that is not a command
/// is invalid input (1).
fn parse(url: &str) -> Exit {
    let command = match Command::parse(url) {
        Ok(command) => command,
        Err(error) => {
            eprintln!("{url}: error: {error}");
            return Exit::Invalid;
        }
    };
    match serde_json::to_string(&command) {
        Ok(json) => super::print_stdout(format!("{json}\n").as_bytes()),
        Err(error) => {
            eprintln!("error: cannot write JSON: {error}");
            Exit::Trouble
        }
    }
}
