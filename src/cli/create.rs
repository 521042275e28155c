//! `cinesync create MEDIA... -o OUT.csc`: a new session from paths, URLs and short hashes.

use std::path::PathBuf;

use cinesync::{MediaFile, Session};

use super::exit::Exit;
use super::input::is_stdout;
use super::render;

/// Build a session file from media paths, URLs or short hashes.
///
/// Each MEDIA is classified as the official libraries did: an existing file gives its
/// absolute path and short hash; text with a scheme and host is a URL; 40 hex digits are a
/// short hash; anything else is a path.
#[derive(Debug, clap::Args)]
pub struct CreateArgs {
    /// The media, in playlist order.
    #[arg(required = true)]
    media: Vec<String>,
    /// Where to write the session (written atomically), or `-` for standard output.
    #[arg(short, long, value_name = "OUT.csc")]
    output: PathBuf,
}

/// Builds the session and writes it to the file (then says how many media it holds),
/// or to standard output with `-o -`.
pub fn run(args: &CreateArgs) -> Exit {
    let mut session = Session::new();
    for text in &args.media {
        match MediaFile::from_locator(text) {
            Ok(file) => session.media.push(file.into()),
            Err(error) => {
                eprintln!("{text}: error: cannot hash the file: {error}");
                return Exit::Trouble;
            }
        }
    }
    if is_stdout(&args.output) {
        return match session.to_xml() {
            Ok(xml) => super::print_stdout(xml.as_bytes()),
            Err(error) => render::report_error("<stdout>", &error),
        };
    }
    let output = args.output.display().to_string();
    match session.save(&args.output) {
        Ok(()) => {
            super::print_stdout(format!("{output}: {} media\n", session.media.len()).as_bytes())
        }
        Err(error) => render::report_error(&output, &error),
    }
}
