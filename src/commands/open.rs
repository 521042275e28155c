//! Handing `cinesync:` URLs to the system, and opening a session built in memory.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use crate::session::Session;

use super::error::UrlError;
use super::{Command, FileMode};

/// Something that opens a URL: the system's handler ([`SystemOpener`]), or a stand-in
/// that only records ([`RecordingOpener`]) for dry runs and tests.
pub trait Opener {
    /// Opens `url`.
    fn open(&self, url: &str) -> io::Result<()>;
}

impl<T: Opener + ?Sized> Opener for &T {
    fn open(&self, url: &str) -> io::Result<()> {
        (**self).open(url)
    }
}

/// Opens URLs with the handler the desktop registered for their scheme: `xdg-open` (or
/// `gio`, `kde-open`, …) on Linux and the BSDs, `open` on macOS, `ShellExecuteW` on Windows.
///
/// The URL is passed as one argument, never through a shell command line. The launcher is
/// started detached, so a handler that keeps running (cineSync itself) does not block the
/// caller; a launcher that fails at once is reported as an error.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemOpener;

impl Opener for SystemOpener {
    fn open(&self, url: &str) -> io::Result<()> {
        open::that_detached(url)
    }
}

/// Records each URL instead of opening it.
///
/// ```
/// use cinesync::commands::{open_command, Command, RecordingOpener};
///
/// let opener = RecordingOpener::new();
/// open_command(&Command::Join { key: "ABCD1234".into() }, &opener)?;
/// assert_eq!(opener.urls(), ["cinesync://session/ABCD1234"]);
/// # Ok::<(), cinesync::commands::OpenError>(())
/// ```
#[derive(Debug, Default)]
pub struct RecordingOpener {
    urls: Mutex<Vec<String>>,
}

impl RecordingOpener {
    /// A recorder that has seen no URL yet.
    pub fn new() -> RecordingOpener {
        RecordingOpener::default()
    }

    /// The URLs "opened" so far, in order.
    pub fn urls(&self) -> Vec<String> {
        self.urls
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Opener for RecordingOpener {
    fn open(&self, url: &str) -> io::Result<()> {
        self.urls
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(url.to_owned());
        Ok(())
    }
}

/// Why a command could not be opened.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OpenError {
    /// The command has no URL (an empty key, path or script name).
    #[error(transparent)]
    Url(#[from] UrlError),
    /// The opener failed: no handler for `cinesync:` URLs, or the launcher did not start.
    #[error("cannot open {url}: {source}")]
    Launch {
        /// The URL that was to be opened.
        url: String,
        /// What the opener reported.
        source: io::Error,
    },
    /// The private temporary folder for the session file could not be made.
    #[error("cannot make a private temporary folder: {0}")]
    TempFolder(io::Error),
    /// The session could not be written.
    #[error(transparent)]
    Session(#[from] crate::Error),
    /// The session file's path is not UTF-8 text, so no URL can name it.
    #[error("{}: the path is not UTF-8 text and cannot go into a URL", .0.display())]
    NotUtf8Path(PathBuf),
}

/// A session written by [`open_session`] and handed to cineSync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedSession {
    /// The session file, in its own private temporary folder. The folder is left in place
    /// (cineSync reads the file after the call returns); it is the caller's to remove.
    pub file: PathBuf,
    /// The `cinesync://file/…` URL that was opened.
    pub url: String,
}

/// Opens `command`'s URL with `opener` and gives back the URL.
pub fn open_command(command: &Command, opener: &dyn Opener) -> Result<String, OpenError> {
    let url = command.to_url()?;
    opener.open(&url).map_err(|source| OpenError::Launch {
        url: url.clone(),
        source,
    })?;
    Ok(url)
}

/// The file name the official libraries gave a session opened from memory: the session's
/// name (`untitled session` when none or empty is given) with every character other than
/// letters, digits, `_`, space and `` ~!@#$%&()-+=[]{}',. `` replaced by `_`, plus `.csc`.
///
/// ```
/// use cinesync::commands::session_file_name;
///
/// assert_eq!(session_file_name(None), "untitled session.csc");
/// assert_eq!(session_file_name(Some("sh010: v2/v3 *final*")), "sh010_ v2_v3 _final_.csc");
/// ```
pub fn session_file_name(name: Option<&str>) -> String {
    let name = name
        .filter(|name| !name.is_empty())
        .unwrap_or("untitled session");
    let kept = |c: char| c.is_alphanumeric() || "_ ~!@#$%&()-+=[]{}',.".contains(c);
    let mut file_name: String = name
        .chars()
        .map(|c| if kept(c) { c } else { '_' })
        .collect();
    file_name.push_str(".csc");
    file_name
}

/// Writes `session` to a new private temporary folder, under [`session_file_name`]`(name)`,
/// and opens its `cinesync://file/…` URL with `opener`.
///
/// The folder has a random name and is created fresh (mode 0700 on Unix), so no other user
/// can have made, read or linked the path beforehand. When writing or opening fails the
/// folder is removed; when it succeeds it is kept, since cineSync reads the file later.
///
/// ```
/// use cinesync::commands::{open_session, FileMode, RecordingOpener};
/// use cinesync::Session;
///
/// let opener = RecordingOpener::new();
/// let opened = open_session(&Session::new(), Some("Dailies 12/03"), FileMode::Merge, &opener)?;
/// assert!(opened.file.ends_with("Dailies 12_03.csc"));
/// assert_eq!(opener.urls(), [opened.url.clone()]);
/// assert!(opened.url.starts_with("cinesync://file/merge?path=%2F"));
/// # std::fs::remove_dir_all(opened.file.parent().unwrap())?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn open_session(
    session: &Session,
    name: Option<&str>,
    mode: FileMode,
    opener: &dyn Opener,
) -> Result<OpenedSession, OpenError> {
    let folder = private_temp_folder().map_err(OpenError::TempFolder)?;
    let file = folder.path().join(session_file_name(name));
    session.save(&file)?;
    let url = open_command(&file_command(&file, mode)?, opener)?;
    // Keep the folder: cineSync reads the file after the handler has been started.
    let _kept = folder.keep();
    Ok(OpenedSession { file, url })
}

/// The command opening the file at `path`.
fn file_command(path: &Path, mode: FileMode) -> Result<Command, OpenError> {
    let path = path
        .to_str()
        .ok_or_else(|| OpenError::NotUtf8Path(path.to_owned()))?;
    Ok(Command::OpenFile {
        path: path.to_owned(),
        mode,
    })
}

/// A new folder with a random name in the system's temporary folder, readable only by
/// its owner.
fn private_temp_folder() -> io::Result<tempfile::TempDir> {
    let mut builder = tempfile::Builder::new();
    builder.prefix("cinesync-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o700));
    }
    builder.tempdir()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_only_the_allowed_characters() {
        assert_eq!(session_file_name(Some("")), "untitled session.csc");
        assert_eq!(
            session_file_name(Some("a~!@#$%&()-+=[]{}',.z")),
            "a~!@#$%&()-+=[]{}',.z.csc"
        );
        assert_eq!(
            session_file_name(Some("../..\\x:y*\"<>|?;\t\n^`")),
            ".._.._x_y___________.csc"
        );
        assert_eq!(session_file_name(Some("Прога 背景")), "Прога 背景.csc");
    }

    #[cfg(unix)]
    #[test]
    fn the_session_folder_is_private_and_removed_when_opening_fails() {
        use std::os::unix::fs::PermissionsExt;

        struct Failing(Mutex<Option<PathBuf>>);
        impl Opener for Failing {
            fn open(&self, url: &str) -> io::Result<()> {
                let command = Command::parse(url).map_err(io::Error::other)?;
                if let Command::OpenFile { path, .. } = command {
                    let folder = Path::new(&path).parent().map(Path::to_owned);
                    let mode = std::fs::metadata(folder.as_ref().unwrap())?.permissions();
                    assert_eq!(mode.mode() & 0o777, 0o700);
                    *self.0.lock().unwrap() = folder;
                }
                Err(io::Error::other("no handler"))
            }
        }

        let opener = Failing(Mutex::new(None));
        let error = open_session(&Session::new(), None, FileMode::Replace, &opener).unwrap_err();
        assert!(matches!(error, OpenError::Launch { .. }), "{error}");
        let folder = opener.0.lock().unwrap().clone().unwrap();
        assert!(!folder.exists(), "{} was left behind", folder.display());
    }
}
