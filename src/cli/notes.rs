//! `cinesync notes FILE|- [--format csv|json] [-o OUT]`: a session's notes as CSV or JSON.

use std::path::PathBuf;

use cinesync::export::{Format, JsonContext};

use super::exit::Exit;
use super::input::{is_stdout, load_session};

/// Export a session's notes: session, media and frame notes, as CSV (like cineSync's
/// "Export Notes to CSV" script) or JSON.
#[derive(Debug, clap::Args)]
pub struct NotesArgs {
    /// The session file, or `-` to read it from standard input.
    file: PathBuf,
    /// The output format.
    #[arg(long, value_enum, default_value_t = NotesFormat::Csv)]
    format: NotesFormat,
    /// Write to this file (atomically) instead of standard output (`-` is standard output).
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
}

/// The export formats, as given on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum NotesFormat {
    /// `Media File,Frame,Notes` rows.
    Csv,
    /// One object per note.
    Json,
}

impl From<NotesFormat> for Format {
    fn from(format: NotesFormat) -> Format {
        match format {
            NotesFormat::Csv => Format::Csv,
            NotesFormat::Json => Format::Json,
        }
    }
}

pub fn run(args: &NotesArgs) -> Exit {
    let session = match load_session(&args.file) {
        Ok(session) => session,
        Err(exit) => return exit,
    };
    let format = Format::from(args.format);
    let context = JsonContext::default();
    match args.output.as_deref().filter(|output| !is_stdout(output)) {
        Some(output) => {
            let written =
                cinesync::write_atomically(output, |out| format.write(&session, &context, out));
            match written {
                Ok(()) => Exit::Success,
                Err(error) => {
                    eprintln!(
                        "{}: error: cannot write the notes: {error}",
                        output.display()
                    );
                    Exit::Trouble
                }
            }
        }
        None => {
            let mut bytes = Vec::new();
            match format.write(&session, &context, &mut bytes) {
                Ok(()) => super::print_stdout(&bytes),
                Err(error) => {
                    eprintln!("error: cannot write the notes: {error}");
                    Exit::Trouble
                }
            }
        }
    }
}
