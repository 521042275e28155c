//! The typed model of a cineSync 3 session file.
//!
//! [`Session`] is the root. Loading goes through [`crate::xml::read`], writing through
//! [`crate::xml::write`]; [`check`] holds the rules a model must follow to be written.

mod annotation;
pub(crate) mod check;
mod extra;
mod geometry;
mod json;
mod media;
mod pro;
mod stereo;
mod warning;

use std::io::Read;
use std::path::Path;

pub use annotation::{
    Arrow, Circle, DrawingObject, Erase, FrameAnnotation, Line, LinePoint, TextBox,
};
pub(crate) use extra::TEXT_ANCHOR;
pub use extra::{Extra, ExtraAttribute, ExtraElement, ExtraNode};
pub use geometry::{is_color, ColorAlpha, Point, Ratio};
pub use media::{GroupMovie, Locators, Media, MediaFile, MediaKind, PlayRange};
pub use pro::{Brightness, ColorGrading, ColorOffset, Mask, PixelRatio, ZoomState};
pub use stereo::{Separation, Stereo, StereoType};
pub use warning::{Warning, WarningKind};

use crate::error::{Error, ErrorKind, Result};
use crate::xml::write::WriteOptions;

/// A cineSync session: the playlist, notes, drawings and viewing state.
///
/// ```
/// use cinesync::{FrameAnnotation, MediaFile, Session};
///
/// let xml = r#"<session xmlns="http://www.cinesync.com/ns/session/3.0" version="3" sessionFeatures="standard">
///   <media><name>sh010.mov</name><locators><path>/shows/sh010.mov</path></locators></media>
/// </session>"#;
/// let mut session = Session::load_str(xml)?.session;
/// assert_eq!(session.media[0].as_file().unwrap().name, "sh010.mov");
///
/// // Change it, add to it, and write it back.
/// let file = session.media[0].as_file_mut().unwrap();
/// file.annotations.insert(7, FrameAnnotation::with_notes("Hold two frames longer"));
/// session.media.push(MediaFile::from_locator("https://example.com/sh020.mov")?.into());
/// let written = session.to_xml()?;
/// assert!(written.contains("<notes>Hold two frames longer</notes>"));
/// assert_eq!(Session::load_str(&written)?.session.media.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// The format version the file declared (3 for a new session). Files are always
    /// written as version 3.
    pub version: u64,
    /// The `sessionFeatures` value the file declared, if any. Writing ignores it and
    /// derives the value from the content (see [`Session::features`]).
    pub declared_features: Option<String>,
    /// cineSync's `hashToken` attribute, when present.
    pub hash_token: Option<String>,
    /// Free text a script attached to the session; empty when there is none.
    pub user_data: String,
    /// The groups defined in the session.
    pub groups: Vec<String>,
    /// The session notes; empty when there are none.
    pub notes: String,
    /// The chat history, when there is one.
    pub chat: Option<Chat>,
    /// Stereo viewing settings, when set (a "pro" feature).
    pub stereo: Option<Stereo>,
    /// The playlist.
    pub media: Vec<Media>,
    /// Unknown content of the `session` element and of its groups, notes and chat.
    pub extra: Extra,
}

/// A session read from a file, with what the loader noticed on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The session.
    pub session: Session,
    /// Warnings: a newer format version, unknown content kept or dropped, merged duplicates.
    pub warnings: Vec<Warning>,
}

/// Whether a session needs cineSync's "pro" features.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionFeatures {
    /// Plain review: media, notes, drawings.
    Standard,
    /// Uses zoom, pixel ratio, mask, colour grading, group movies or stereo.
    Pro,
}

impl SessionFeatures {
    /// The value as written in the `sessionFeatures` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            SessionFeatures::Standard => "standard",
            SessionFeatures::Pro => "pro",
        }
    }
}

/// The chat history of a session, which cineSync stores URL-encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chat {
    /// The text as stored in the file (URL-encoded).
    pub raw: String,
}

impl Chat {
    /// The chat text with its percent-escapes decoded (invalid UTF-8 becomes U+FFFD).
    pub fn decoded(&self) -> String {
        percent_encoding::percent_decode_str(&self.raw)
            .decode_utf8_lossy()
            .into_owned()
    }
}

impl Default for Session {
    fn default() -> Session {
        Session::new()
    }
}

/// The largest session file loaded into the model: 256 MiB. Reviews make files of tens of
/// megabytes; a model takes about eight times its file's size in memory.
pub const MAX_LOAD_BYTES: u64 = 256 * 1024 * 1024;

fn too_large(size: Option<u64>) -> Error {
    let what = match size {
        Some(size) => format!("the file is {size} bytes"),
        None => "the input is longer".to_owned(),
    };
    ErrorKind::Limit {
        location: crate::location::Location::new(1, 1),
        message: format!(
            "{what}; sessions over {} MiB are not loaded into memory (`cinesync validate` checks files of any size)",
            MAX_LOAD_BYTES / (1024 * 1024)
        ),
    }
    .into()
}

impl Session {
    /// An empty version 3 session.
    pub fn new() -> Session {
        Session {
            version: 3,
            declared_features: None,
            hash_token: None,
            user_data: String::new(),
            groups: Vec::new(),
            notes: String::new(),
            chat: None,
            stereo: None,
            media: Vec::new(),
            extra: Extra::default(),
        }
    }

    /// Reads a session from XML text.
    ///
    /// Fails when the text is not well-formed XML, holds a DOCTYPE, has a root other than
    /// `session` in the cineSync 3 namespace, or has content that cannot be typed (a
    /// missing name, a frame that is not a number, …). Every error carries line:column.
    pub fn load_str(xml: &str) -> Result<Loaded> {
        let document = crate::xml::parse_document(xml)?;
        Session::from_document(&document)
    }

    /// Reads a session and validates it against the cineSync 3 schema, from one parse.
    ///
    /// The report lists every way the file departs from the schema; the session loads
    /// whenever its content can be typed, valid or not (cineSync itself reads files
    /// that break the schema in small ways, such as `sessionFeatures="awesome"`).
    ///
    /// ```
    /// let xml = r#"<session xmlns="http://www.cinesync.com/ns/session/3.0" version="3" sessionFeatures="awesome"/>"#;
    /// let (loaded, report) = cinesync::Session::load_validated(xml)?;
    /// assert!(loaded.session.media.is_empty());
    /// assert_eq!(report.problems().len(), 1);
    /// # Ok::<(), cinesync::Error>(())
    /// ```
    pub fn load_validated(xml: &str) -> Result<(Loaded, crate::schema::Report)> {
        let document = crate::xml::parse_document(xml)?;
        let report = crate::schema::session_v3().validate_document(&document);
        Ok((Session::from_document(&document)?, report))
    }

    /// Reads a session from an already parsed document (see [`Session::load_str`]).
    pub fn from_document(document: &roxmltree::Document<'_>) -> Result<Loaded> {
        crate::xml::read::read_session(document)
    }

    /// Reads a session from a stream of UTF-8 XML (a leading byte-order mark is allowed).
    ///
    /// Input longer than [`MAX_LOAD_BYTES`] is refused, as for [`Session::load_path`].
    pub fn load_reader(reader: impl Read) -> Result<Loaded> {
        let mut bytes = Vec::new();
        reader
            .take(MAX_LOAD_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|error| Error::io(None, error))?;
        if bytes.len() as u64 > MAX_LOAD_BYTES {
            return Err(too_large(None));
        }
        Session::load_str(&crate::xml::decode_utf8(bytes)?)
    }

    /// Reads a session from a file.
    ///
    /// A file larger than [`MAX_LOAD_BYTES`] is refused before it is read: its model would
    /// need several times its size in memory. (`cinesync validate` streams files of any
    /// size.)
    pub fn load_path(path: &Path) -> Result<Loaded> {
        let io = |error| Error::io(Some(path.to_owned()), error);
        let mut file = std::fs::File::open(path).map_err(io)?;
        let size = file.metadata().map_err(io)?.len();
        if size > MAX_LOAD_BYTES {
            return Err(too_large(Some(size)));
        }
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        file.read_to_end(&mut bytes).map_err(io)?;
        Session::load_str(&crate::xml::decode_utf8(bytes)?)
    }

    /// The features the session needs: "pro" when a media file has zoom state, pixel
    /// ratio, mask or colour grading, when there is a group movie, or when stereo is set.
    pub fn features(&self) -> SessionFeatures {
        let media_needs_pro = |media: &Media| match &media.kind {
            MediaKind::GroupMovie(_) => true,
            MediaKind::File(file) => {
                file.zoom_state.is_some()
                    || file.pixel_ratio.is_some()
                    || file.mask.is_some()
                    || file.color_grading.is_some()
            }
        };
        if self.stereo.is_some() || self.media.iter().any(media_needs_pro) {
            SessionFeatures::Pro
        } else {
            SessionFeatures::Standard
        }
    }

    /// The media files of the playlist, in order, skipping group movies.
    pub fn media_files(&self) -> impl Iterator<Item = &MediaFile> {
        self.media.iter().filter_map(Media::as_file)
    }

    /// Checks the rules a session must follow to be written; the error names the field.
    pub fn check(&self) -> Result<()> {
        check::check_session(self)
    }

    /// Writes the session as version 3 XML, keeping unknown content.
    pub fn to_xml(&self) -> Result<String> {
        self.to_xml_with(&WriteOptions::default())
    }

    /// Writes the session as XML with the given options.
    pub fn to_xml_with(&self, options: &WriteOptions) -> Result<String> {
        self.check()?;
        Ok(crate::xml::write::write_session(self, options))
    }

    /// Writes the session to a file atomically: the file is either the complete new
    /// session or, when anything fails, what it was before.
    pub fn save(&self, path: &Path) -> Result<()> {
        self.save_with(path, &WriteOptions::default())
    }

    /// Writes the session to a file atomically, with the given options.
    pub fn save_with(&self, path: &Path, options: &WriteOptions) -> Result<()> {
        let xml = self.to_xml_with(options)?;
        crate::atomic::write_atomically(path, |out| out.write_all(xml.as_bytes()))
            .map_err(|error| Error::io(Some(path.to_owned()), error))
    }
}

impl std::str::FromStr for Session {
    type Err = Error;

    /// Reads a session from XML text, dropping the warnings (see [`Session::load_str`]).
    fn from_str(xml: &str) -> Result<Session> {
        Session::load_str(xml).map(|loaded| loaded.session)
    }
}
