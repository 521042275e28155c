//! Join a cineSync session by its key (a "command": run it from a shell or another tool).
//!
//!     cargo run --example join_session -- ABCD1234
//!     cargo run --example join_session -- --print ABCD1234    # dry run: open nothing
//!
//! cineSync starts (or comes to the front) and joins the session.

use cinesync::commands::{open_command, Command, Opener, RecordingOpener, SystemOpener};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The session key is the only argument, after `--print` for a dry run.
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let dry_run = args.first().is_some_and(|arg| arg == "--print");
    if dry_run {
        args.remove(0);
    }
    let [key] = <[String; 1]>::try_from(args).map_err(|_| "usage: join_session [--print] KEY")?;

    // A command is a value; its URL is `cinesync://session/KEY`.
    let join = Command::Join { key };

    // Hand the URL to the system, which passes it to cineSync; a dry run only records it.
    let recorder = RecordingOpener::new();
    let opener: &dyn Opener = if dry_run { &recorder } else { &SystemOpener };
    let url = open_command(&join, opener)?;
    println!("{} {url}", if dry_run { "would open" } else { "opened" });
    Ok(())
}
