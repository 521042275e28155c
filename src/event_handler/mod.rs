//! Event scripts: the arguments cineSync passes to a script, and the session it pipes in.
//!
//! See [`EventHandler`].

mod args;
mod error;
mod saved_frames;

use std::ffi::OsString;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

pub use error::EventError;
pub use saved_frames::{SaveFormat, SavedFrames};

use crate::commands::{Command, UrlError};
use crate::error::Error;
use crate::session::{Session, Warning};
use args::{CinesyncArgs, Name};

/// The session key cineSync passes for an offline session.
pub const OFFLINE_KEY: &str = "_OFFLINE_";

/// What cineSync hands an event script: its arguments and the current session.
///
/// cineSync runs the command line set in its script preferences, appends `--key=KEY`,
/// `--save-format=JPEG|PNG` and, when it has them, `--save-dir=DIR`, `--url=URL`,
/// `--user=NAME`, `--offline-key=KEY` and `--pdfPath=PATH`, and writes the session XML to
/// the script's standard input. Arguments before cineSync's are the script's own
/// ([`EventHandler::args`]).
///
/// ```
/// use cinesync::{EventHandler, SaveFormat};
///
/// let args = ["smtp.example.com", "--key=ABCD1234", "--save-format=PNG", "--save-dir=/tmp/frames"];
/// let xml = r#"<session xmlns="http://www.cinesync.com/ns/session/3.0" version="3" sessionFeatures="standard">
///   <notes>Colour pass looks good</notes>
/// </session>"#;
/// let event = EventHandler::from_parts(args, xml.as_bytes())?;
///
/// assert_eq!(event.session_key(), Some("ABCD1234"));
/// assert!(!event.is_offline());
/// assert_eq!(event.save_format(), SaveFormat::Png);
/// assert_eq!(event.save_dir(), Some(std::path::Path::new("/tmp/frames")));
/// assert_eq!(event.args(), ["smtp.example.com"]);
/// assert_eq!(event.session().map(|s| s.notes.as_str()), Some("Colour pass looks good"));
///
/// // Offline, and with no session on standard input:
/// let offline = EventHandler::from_parts(["--key=_OFFLINE_", "--save-format=JPEG"], std::io::empty())?;
/// assert!(offline.is_offline());
/// assert_eq!(offline.session_key(), None);
/// assert!(offline.session().is_none() && offline.session_error().is_none());
/// # Ok::<(), cinesync::EventError>(())
/// ```
#[derive(Debug)]
pub struct EventHandler {
    key: Option<String>,
    save_format: SaveFormat,
    save_dir: Option<PathBuf>,
    url: Option<String>,
    command: Option<Result<Command, UrlError>>,
    user: Option<String>,
    offline_key: Option<String>,
    pdf_path: Option<PathBuf>,
    args: Vec<String>,
    session: SessionInput,
}

/// What came on standard input.
#[derive(Debug, Default)]
struct SessionInput {
    session: Option<Session>,
    warnings: Vec<Warning>,
    error: Option<Error>,
}

impl EventHandler {
    /// Reads the process arguments and the session on standard input.
    ///
    /// When standard input is a terminal (the program was started by hand, not by
    /// cineSync) it is not read, and there is no session.
    pub fn from_env() -> Result<EventHandler, EventError> {
        let args = std::env::args_os().skip(1);
        let stdin = std::io::stdin();
        if stdin.is_terminal() {
            EventHandler::from_parts(args, std::io::empty())
        } else {
            EventHandler::from_parts(args, stdin.lock())
        }
    }

    /// Reads `args` (without the program name) and the session XML from `reader`.
    ///
    /// Fails when `--key` or `--save-format` is missing or empty, or followed by something
    /// that is not one of cineSync's arguments (see [`EventError::NotTrailing`]), when the
    /// save format is not `JPEG` or `PNG`, when one of cineSync's arguments is repeated,
    /// or when an argument is not Unicode. A session that cannot be read is not an error here: see
    /// [`EventHandler::session_error`].
    pub fn from_parts<I>(args: I, reader: impl Read) -> Result<EventHandler, EventError>
    where
        I: IntoIterator,
        I::Item: Into<OsString>,
    {
        let split = args::split(args.into_iter().map(Into::into).collect())?;
        let mut handler = EventHandler::from_args(split.cinesync, split.script)?;
        handler.session = read_session(reader);
        Ok(handler)
    }

    fn from_args(
        mut cinesync: CinesyncArgs,
        script: Vec<String>,
    ) -> Result<EventHandler, EventError> {
        let key = required(&mut cinesync, &script, Name::Key)?;
        let save_format = required(&mut cinesync, &script, Name::SaveFormat)?;
        let save_format = SaveFormat::from_name(&save_format)
            .ok_or(EventError::UnknownSaveFormat { value: save_format })?;
        Ok(EventHandler {
            key: Some(key).filter(|key| key != OFFLINE_KEY),
            save_format,
            save_dir: cinesync.save_dir.map(PathBuf::from),
            command: cinesync.url.as_deref().map(Command::parse),
            url: cinesync.url,
            user: cinesync.user,
            offline_key: cinesync.offline_key,
            pdf_path: cinesync.pdf_path.map(PathBuf::from),
            args: script,
            session: SessionInput::default(),
        })
    }

    /// The session key; `None` for an offline session (`--key=_OFFLINE_`).
    pub fn session_key(&self) -> Option<&str> {
        self.key.as_deref()
    }

    /// True for an offline session, which nobody can join.
    pub fn is_offline(&self) -> bool {
        self.key.is_none()
    }

    /// The image format of saved frames (`--save-format`).
    pub fn save_format(&self) -> SaveFormat {
        self.save_format
    }

    /// The folder cineSync saves annotated frames into (`--save-dir`), when given.
    pub fn save_dir(&self) -> Option<&Path> {
        self.save_dir.as_deref()
    }

    /// The saved frames, when a save folder was given.
    pub fn saved_frames(&self) -> Option<SavedFrames> {
        self.save_dir
            .as_ref()
            .map(|dir| SavedFrames::new(dir.clone(), self.save_format))
    }

    /// The command of the `cinesync://script/…` URL that started the script (`--url`),
    /// when one was given and it could be read (else see [`EventHandler::url_error`]).
    pub fn url(&self) -> Option<&Command> {
        self.command.as_ref()?.as_ref().ok()
    }

    /// The `--url` argument as given.
    pub fn url_text(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// Why the `--url` argument could not be read as a `cinesync:` URL, when it could not.
    /// A script that does not use the URL can ignore this.
    pub fn url_error(&self) -> Option<&UrlError> {
        self.command.as_ref()?.as_ref().err()
    }

    /// The cineSync user's name (`--user`, passed by later cineSync versions).
    pub fn user(&self) -> Option<&str> {
        self.user.as_deref()
    }

    /// The offline key (`--offline-key`, passed by later cineSync versions).
    pub fn offline_key(&self) -> Option<&str> {
        self.offline_key.as_deref()
    }

    /// The notes PDF cineSync made (`--pdfPath`, passed by later cineSync versions).
    pub fn pdf_path(&self) -> Option<&Path> {
        self.pdf_path.as_deref()
    }

    /// The script's own arguments: everything before cineSync's, in order.
    pub fn args(&self) -> &[String] {
        &self.args
    }

    /// The session from standard input; `None` when there was none or it could not be
    /// read (then [`EventHandler::session_error`] says why).
    pub fn session(&self) -> Option<&Session> {
        self.session.session.as_ref()
    }

    /// Why the session on standard input could not be read, when it could not.
    pub fn session_error(&self) -> Option<&Error> {
        self.session.error.as_ref()
    }

    /// What the loader noticed while reading the session (a newer version, …).
    pub fn session_warnings(&self) -> &[Warning] {
        &self.session.warnings
    }

    /// The saved image of `frame` of the media file named `media_name`, following
    /// cineSync's rules (see [`SavedFrames::find`]): `None` without a save folder or a
    /// session, when no media file of that name has drawings on that frame, when no image
    /// exists, or when the name could lead outside the save folder.
    pub fn saved_frame_path(&self, media_name: &str, frame: u32) -> Option<PathBuf> {
        let saved = self.saved_frames()?;
        self.session()?
            .media_files()
            .filter(|file| file.name == media_name)
            .find_map(|file| saved.find(file, frame))
    }
}

/// The value of a required argument; an error says whether it is absent, empty, or among
/// the script's own arguments (`script`) because something follows it.
fn required(args: &mut CinesyncArgs, script: &[String], name: Name) -> Result<String, EventError> {
    let argument = name.as_str();
    if let Some(value) = args.slot(name).take() {
        return Ok(value);
    }
    Err(if args.was_given(name) {
        EventError::MissingValue { argument }
    } else {
        args::misplaced(script, name).unwrap_or(EventError::MissingArgument { argument })
    })
}

/// Reads the session XML; nothing but white space means no session.
fn read_session(mut reader: impl Read) -> SessionInput {
    let mut bytes = Vec::new();
    if let Err(error) = reader.read_to_end(&mut bytes) {
        return SessionInput {
            error: Some(Error::io(None, error)),
            ..SessionInput::default()
        };
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return SessionInput::default();
    }
    match Session::load_reader(bytes.as_slice()) {
        Ok(loaded) => SessionInput {
            session: Some(loaded.session),
            warnings: loaded.warnings,
            error: None,
        },
        Err(error) => SessionInput {
            error: Some(error),
            ..SessionInput::default()
        },
    }
}
