//! Export every note of the current session to a CSV file on the Desktop (an "event
//! handler": cineSync runs it). In cineSync's script preferences, add:
//!
//!     /path/to/export_notes_csv
//!
//! The file is `Notes from KEY.csv` (or `Notes from offline session.csv`), with the rows
//! `Media File,Frame,Notes`. (`cinesync-export-notes` in `handler/` is the complete
//! program: JSON too, a chosen folder, clear errors.)

use cinesync::{export, EventHandler};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let event = EventHandler::from_env()?;

    // The session cineSync piped in; say why when there is none.
    let Some(session) = event.session() else {
        return Err(match event.session_error() {
            Some(error) => format!("cannot read the session: {error}").into(),
            None => "no session on standard input".into(),
        });
    };

    let name = format!(
        "Notes from {}.csv",
        event.session_key().unwrap_or("offline session")
    );
    let folder = dirs::desktop_dir()
        .or_else(dirs::home_dir)
        .ok_or("no Desktop or home folder")?;
    let path = folder.join(name);

    // Atomic: a half-written file never replaces an older one.
    cinesync::write_atomically(&path, |out| export::write_csv(session, out))?;
    println!("wrote {}", path.display());
    Ok(())
}
