//! Start a session holding the media given on the command line (a "command").
//!
//!     cargo run --example start_session -- /shows/sh010.mov https://example.com/sh020.mov
//!     cargo run --example start_session -- --print /shows/sh010.mov    # dry run
//!
//! Each argument may be a local file (its path and short hash are recorded), a URL, or a
//! short hash. cineSync opens the session; media it cannot find it offers to locate or
//! download. A dry run writes the session file and prints its URL, but opens nothing.

use cinesync::commands::{open_session, FileMode, Opener, RecordingOpener, SystemOpener};
use cinesync::{MediaFile, Session};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut media: Vec<String> = std::env::args().skip(1).collect();
    let dry_run = media.first().is_some_and(|arg| arg == "--print");
    if dry_run {
        media.remove(0);
    }
    if media.is_empty() {
        return Err("usage: start_session [--print] MEDIA...".into());
    }

    // Build the session in memory: one media file per argument, in playlist order.
    let mut session = Session::new();
    for locator in &media {
        session.media.push(MediaFile::from_locator(locator)?.into());
    }

    // Write it to a private temporary file and open its `cinesync://file/…` URL.
    let recorder = RecordingOpener::new();
    let opener: &dyn Opener = if dry_run { &recorder } else { &SystemOpener };
    let opened = open_session(&session, None, FileMode::default(), opener)?;
    println!(
        "{} {}",
        if dry_run { "would open" } else { "opened" },
        opened.url
    );
    println!("session file: {}", opened.file.display());
    Ok(())
}
