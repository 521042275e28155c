//! `cinesync hash FILE...`: print each file's short hash.

use std::path::PathBuf;

use super::exit::Exit;

/// Print the cineSync short hash of each file, like `sha1sum`: `HASH  FILE`.
#[derive(Debug, clap::Args)]
pub struct HashArgs {
    /// The files to hash.
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

pub fn run(args: &HashArgs) -> Exit {
    let mut exit = Exit::Success;
    for file in &args.files {
        match cinesync::short_hash(file) {
            Ok(hash) => println!("{hash}  {}", file.display()),
            Err(error) => {
                eprintln!("{}: error: {error}", file.display());
                exit = Exit::Trouble;
            }
        }
    }
    exit
}
