//! Join a cineSync session by its key (a "command": run it from a shell or another tool).
//!
//!     cargo run --example join_session -- ABCD1234
//!
//! cineSync starts (or comes to the front) and joins the session.

use cinesync::commands::{open_command, Command, SystemOpener};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The session key is the only argument.
    let Some(key) = std::env::args().nth(1) else {
        return Err("usage: join_session KEY".into());
    };

    // A command is a value; its URL is `cinesync://session/KEY`.
    let join = Command::Join { key };

    // Hand the URL to the system, which passes it to cineSync.
    let url = open_command(&join, &SystemOpener)?;
    println!("opened {url}");
    Ok(())
}
