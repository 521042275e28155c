//! `cinesync hash FILE...`: print each file's short hash.

use std::path::PathBuf;

use super::exit::Exit;
use super::Printed;

/// Print the cineSync short hash of each file, like `sha1sum`: `HASH  FILE`.
#[derive(Debug, clap::Args)]
pub struct HashArgs {
    /// The files to hash.
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

/// Prints one line per file as soon as it is hashed; stops quietly when the reader of
/// standard output has gone.
pub fn run(args: &HashArgs) -> Exit {
    let mut exit = Exit::Success;
    for file in &args.files {
        match cinesync::short_hash(file) {
            Ok(hash) => {
                match super::write_stdout(format!("{hash}  {}\n", file.display()).as_bytes()) {
                    Printed::Written => {}
                    Printed::ReaderGone => return exit,
                    Printed::Failed => return Exit::Trouble,
                }
            }
            Err(error) => {
                eprintln!("{}: error: {error}", file.display());
                exit = Exit::Trouble;
            }
        }
    }
    exit
}
