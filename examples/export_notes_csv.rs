//! Export every note of the current session to a CSV file (an "event handler": cineSync
//! runs it). In cineSync's script preferences, add:
//!
//!     /path/to/export_notes_csv [FOLDER]
//!
//! The file is `Notes from KEY.csv` (or `Notes from offline session.csv`) in FOLDER, by
//! default the Desktop, with the rows `Media File,Frame,Notes`. (`cinesync-export-notes`
//! in `handler/` is the complete program: JSON too, safe file names, clear errors.)

use std::path::PathBuf;

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

    // The script's own argument, before cineSync's, is the folder to write into.
    let folder = match event.args() {
        [] => dirs::desktop_dir()
            .or_else(dirs::home_dir)
            .ok_or("no Desktop or home folder")?,
        [folder] => PathBuf::from(folder),
        _ => return Err("usage: export_notes_csv [FOLDER]".into()),
    };
    let name = format!(
        "Notes from {}.csv",
        event.session_key().unwrap_or("offline session")
    );
    let path = folder.join(name);

    // Atomic: a half-written file never replaces an older one.
    cinesync::write_atomically(&path, |out| export::write_csv(session, out))?;
    println!("wrote {}", path.display());
    Ok(())
}
