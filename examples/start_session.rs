//! Start a session holding the media given on the command line (a "command").
//!
//!     cargo run --example start_session -- /shows/sh010.mov https://example.com/sh020.mov
//!
//! Each argument may be a local file (its path and short hash are recorded), a URL, or a
//! short hash. cineSync opens the session; media it cannot find it offers to locate or
//! download.

use cinesync::commands::{open_session, FileMode, SystemOpener};
use cinesync::{MediaFile, Session};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let media: Vec<String> = std::env::args().skip(1).collect();
    if media.is_empty() {
        return Err("usage: start_session MEDIA...".into());
    }

    // Build the session in memory: one media file per argument, in playlist order.
    let mut session = Session::new();
    for locator in &media {
        session.media.push(MediaFile::from_locator(locator)?.into());
    }

    // Write it to a private temporary file and open its `cinesync://file/…` URL.
    let opened = open_session(&session, None, FileMode::default(), &SystemOpener)?;
    println!("opened {} ({})", opened.file.display(), opened.url);
    Ok(())
}
