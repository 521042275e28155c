//! Ready cineSync event handlers, built on the [`cinesync`] library.
//!
//! Each program in `src/bin/` is one line that hands a function of this crate to
//! [`main`]: the function gets the parsed script options and the [`EventHandler`], and
//! says what happened as an [`Outcome`] or a [`Failure`]. Everything a test may want to
//! check lives here:
//!
//! - [`export_notes`]: `cinesync-export-notes`, the session's notes into a CSV or JSON file;
//! - [`email_invite`]: `cinesync-email-invite`, an email with the link to join the session.

#![warn(missing_docs)]
// Input must never panic a handler: no unwrap, expect or panic outside tests.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod email_invite;
pub mod export_notes;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use cinesync::EventHandler;

/// How a handler run ended well.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The work is done: one line for standard output.
    Done(String),
    /// Nothing to do, on purpose (an offline session, say): one line for standard error.
    Skipped(String),
    /// Help or version text the user asked for, for standard output.
    Help(String),
}

/// How a handler run failed: a message naming the cause, and the exit status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The message, one lower-case sentence.
    pub message: String,
    /// The exit status: 1 for unusable input from cineSync (a broken session), 2 for
    /// usage, configuration, file or network trouble.
    pub status: u8,
}

impl Failure {
    /// A failure caused by the input cineSync gave (exit status 1).
    pub fn input(message: impl ToString) -> Failure {
        Failure {
            message: message.to_string(),
            status: 1,
        }
    }

    /// A failure caused by usage, configuration or the system (exit status 2).
    pub fn trouble(message: impl ToString) -> Failure {
        Failure {
            message: message.to_string(),
            status: 2,
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// A handler: the script's own options and the event in, an outcome out.
pub type Handle<O> = fn(O, &EventHandler) -> Result<Outcome, Failure>;

/// Runs a handler program: reads cineSync's arguments and standard input, parses the
/// script's own options as `O`, calls `handle`, prints the outcome (or `NAME: error: …`)
/// and gives the exit status.
pub fn main<O: clap::Parser>(name: &str, handle: Handle<O>) -> ExitCode {
    let result = match EventHandler::from_env() {
        Ok(event) => run_event::<O>(name, &event, handle),
        Err(error) => help_or_error::<O>(name, std::env::args_os().skip(1), error),
    };
    finish(name, result)
}

/// Parses the script's own options of `event` as `O` and calls `handle`.
pub fn run_event<O: clap::Parser>(
    name: &str,
    event: &EventHandler,
    handle: Handle<O>,
) -> Result<Outcome, Failure> {
    let args = event.args().iter().map(OsString::from);
    match parse_options::<O>(name, args) {
        Parsed::Options(options) => handle(options, event),
        Parsed::Help(text) => Ok(Outcome::Help(text)),
        Parsed::Failure(failure) => Err(failure),
    }
}

/// Prints what happened and gives the exit status.
///
/// The work is done by then, so a reader that has gone away (a closed pipe) does not turn
/// it into a failure: the line is dropped and the status stays 0. Writing to standard
/// output failing otherwise is a failure (2), said on standard error if it can be.
pub fn finish(name: &str, result: Result<Outcome, Failure>) -> ExitCode {
    let (stdout, stderr) = (std::io::stdout(), std::io::stderr());
    let printed = match result {
        Ok(Outcome::Done(line)) => writeln!(stdout.lock(), "{line}"),
        Ok(Outcome::Skipped(line)) => {
            let _ = writeln!(stderr.lock(), "{name}: {line}");
            Ok(())
        }
        Ok(Outcome::Help(text)) => write!(stdout.lock(), "{text}"),
        Err(failure) => {
            let _ = writeln!(stderr.lock(), "{name}: error: {}", failure.message);
            return ExitCode::from(failure.status);
        }
    };
    match printed.and_then(|()| stdout.lock().flush()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            let _ = writeln!(
                stderr.lock(),
                "{name}: error: cannot write to standard output: {error}"
            );
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}

/// The script's options, parsed.
enum Parsed<O> {
    Options(O),
    Help(String),
    Failure(Failure),
}

fn parse_options<O: clap::Parser>(name: &str, args: impl Iterator<Item = OsString>) -> Parsed<O> {
    use clap::error::ErrorKind;
    let args = std::iter::once(OsString::from(name)).chain(args);
    match O::try_parse_from(args) {
        Ok(options) => Parsed::Options(options),
        Err(error) => match error.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Parsed::Help(error.to_string()),
            _ => {
                let text = error.to_string();
                let text = text.trim_end();
                Parsed::Failure(Failure::trouble(
                    text.strip_prefix("error: ").unwrap_or(text),
                ))
            }
        },
    }
}

/// When cineSync's arguments are unusable, `--help` or `--version` still gets its
/// answer; otherwise the argument error is the failure.
fn help_or_error<O: clap::Parser>(
    name: &str,
    args: impl Iterator<Item = OsString>,
    error: cinesync::EventError,
) -> Result<Outcome, Failure> {
    let args: Vec<OsString> = args.collect();
    let asks_for_help = args.iter().any(|arg| {
        ["-h", "--help", "-V", "--version"]
            .iter()
            .any(|flag| arg == flag)
    });
    if asks_for_help {
        if let Parsed::Help(text) = parse_options::<O>(name, args.into_iter()) {
            return Ok(Outcome::Help(text));
        }
    }
    Err(Failure::trouble(error))
}
