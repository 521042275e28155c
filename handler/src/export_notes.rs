//! `cinesync-export-notes [--format csv|json] [--output-dir DIR]`: writes the session's
//! notes to `Notes from KEY.csv` (or `Notes from offline session.csv`; `.json` for JSON)
//! in DIR, by default the Desktop folder, or the home folder when there is no Desktop.

use std::path::PathBuf;

use cinesync::export::{self, Format, JsonContext};
use cinesync::EventHandler;

use crate::{Failure, Outcome};

/// Export the notes of the running cineSync session to a CSV or JSON file.
///
/// Set it up in cineSync's script preferences; cineSync adds its own arguments after
/// these and pipes the session in.
#[derive(Debug, clap::Parser)]
#[command(name = "cinesync-export-notes", version)]
pub struct Options {
    /// The file format.
    #[arg(long, value_enum, default_value_t = FileFormat::Csv)]
    pub format: FileFormat,
    /// The folder to write into [default: the Desktop, or the home folder]
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
}

/// The formats of the notes file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FileFormat {
    /// `Media File,Frame,Notes` rows, like cineSync's "Export Notes to CSV" script.
    Csv,
    /// One object per note, with drawings and saved frames.
    Json,
}

impl From<FileFormat> for Format {
    fn from(format: FileFormat) -> Format {
        match format {
            FileFormat::Csv => Format::Csv,
            FileFormat::Json => Format::Json,
        }
    }
}

/// Writes the notes file and says where.
pub fn run(options: Options, event: &EventHandler) -> Result<Outcome, Failure> {
    let session = match (event.session(), event.session_error()) {
        (Some(session), _) => session,
        (None, Some(error)) => {
            return Err(Failure::input(format!(
                "the session cineSync passed on standard input cannot be read, so nothing was written: {error}"
            )))
        }
        (None, None) => {
            return Err(Failure::input(
                "cineSync passed no session on standard input, so nothing was written",
            ))
        }
    };
    let folder = match options.output_dir {
        Some(dir) => dir,
        None => default_output_dir().ok_or_else(|| {
            Failure::trouble("cannot find the Desktop or home folder: give --output-dir DIR")
        })?,
    };
    let format = Format::from(options.format);
    let path = folder.join(file_name(event.session_key(), format));
    let context = JsonContext::from_event(event);
    cinesync::write_atomically(&path, |out| format.write(session, &context, out))
        .map_err(|error| Failure::trouble(format!("cannot write {}: {error}", path.display())))?;
    let count = export::notes(session, format == Format::Json).len();
    Ok(Outcome::Done(format!(
        "wrote {count} note{} to {}",
        if count == 1 { "" } else { "s" },
        path.display()
    )))
}

/// `Notes from KEY.EXT`, or `Notes from offline session.EXT` without a key. Characters a
/// file name cannot hold (`/ \ : * ? " < > |` and control characters) become `_`.
///
/// ```
/// use cinesync::export::Format;
/// use cinesync_handler::export_notes::file_name;
///
/// assert_eq!(file_name(Some("ABCD1234"), Format::Csv), "Notes from ABCD1234.csv");
/// assert_eq!(file_name(None, Format::Json), "Notes from offline session.json");
/// assert_eq!(file_name(Some("../x"), Format::Csv), "Notes from .._x.csv");
/// ```
pub fn file_name(session_key: Option<&str>, format: Format) -> String {
    let key: String = session_key
        .unwrap_or("offline session")
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("Notes from {key}.{}", format.extension())
}

/// The user's Desktop folder when it exists, else the home folder. The Desktop is the
/// system's (on Linux, `XDG_DESKTOP_DIR` of `user-dirs.dirs`), or `Desktop` in the home
/// folder when the system names none.
pub fn default_output_dir() -> Option<PathBuf> {
    let home = dirs::home_dir();
    let home_desktop = home.as_ref().map(|home| home.join("Desktop"));
    dirs::desktop_dir()
        .into_iter()
        .chain(home_desktop)
        .find(|dir| dir.is_dir())
        .or(home)
}
