//! Notes out of a session: to CSV, as the official "Export Notes to CSV" script wrote
//! them, and to JSON for production trackers.
//!
//! ```
//! use cinesync::{export, Session};
//!
//! let xml = r#"<session xmlns="http://www.cinesync.com/ns/session/3.0" version="3" sessionFeatures="standard">
//!   <notes>Good progress</notes>
//!   <media><name>sh010.mov</name><locators><path>/shows/sh010.mov</path></locators>
//!     <notes>Sky too warm</notes>
//!     <annotation frame="12"><notes>Pop, left edge</notes></annotation>
//!   </media>
//! </session>"#;
//! let session = Session::load_str(xml)?.session;
//!
//! let mut csv = Vec::new();
//! export::write_csv(&session, &mut csv)?;
//! assert_eq!(
//!     String::from_utf8(csv)?,
//!     "Media File,Frame,Notes\r\n,[Session],Good progress\r\nsh010.mov,[Media File],Sky too warm\r\nsh010.mov,12,\"Pop, left edge\"\r\n",
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod csv;
mod json;

use std::io::{self, Write};

use serde::Serialize;

use crate::session::{Media, MediaFile, Session};

pub use self::csv::write_csv;
pub use self::json::{write_json, JsonContext};

/// The formats notes can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values: `Media File,Frame,Notes` (see [`write_csv`]).
    Csv,
    /// A JSON array, one object per note (see [`write_json`]).
    Json,
}

impl Format {
    /// The file extension, without the dot: `csv` or `json`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    /// Writes the notes of `session` in this format; CSV ignores `context`.
    pub fn write(
        self,
        session: &Session,
        context: &JsonContext<'_>,
        out: impl Write,
    ) -> io::Result<()> {
        match self {
            Format::Csv => write_csv(session, out),
            Format::Json => write_json(session, context, out),
        }
    }
}

/// What a note is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NoteKind {
    /// The session's notes.
    Session,
    /// A media file's notes.
    Media,
    /// A frame's notes (and drawings).
    Frame,
}

/// One note of a session, as the exports list them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Note<'a> {
    /// What the note is attached to.
    pub kind: NoteKind,
    /// The media file, for media and frame notes.
    pub media: Option<&'a MediaFile>,
    /// The user data of the session (session notes) or of the media (the others).
    pub user_data: &'a str,
    /// The frame, for frame notes.
    pub frame: Option<u32>,
    /// The note's text; empty for a frame that holds only drawings.
    pub text: &'a str,
    /// How many drawing objects are on the frame (0 for session and media notes).
    pub drawing_objects: usize,
}

/// The notes of a session in export order: the session's notes, then for each media file
/// in playlist order its notes and then its frames in frame order. Empty notes are
/// skipped; group movies have none. A frame appears when it has notes, or drawings too
/// when `with_drawings` is set.
pub fn notes(session: &Session, with_drawings: bool) -> Vec<Note<'_>> {
    let mut notes = Vec::new();
    if !session.notes.is_empty() {
        notes.push(Note {
            kind: NoteKind::Session,
            media: None,
            user_data: &session.user_data,
            frame: None,
            text: &session.notes,
            drawing_objects: 0,
        });
    }
    for media in &session.media {
        if let Some(file) = media.as_file() {
            media_notes(media, file, with_drawings, &mut notes);
        }
    }
    notes
}

fn media_notes<'a>(
    media: &'a Media,
    file: &'a MediaFile,
    with_drawings: bool,
    notes: &mut Vec<Note<'a>>,
) {
    if !file.notes.is_empty() {
        notes.push(Note {
            kind: NoteKind::Media,
            media: Some(file),
            user_data: &media.user_data,
            frame: None,
            text: &file.notes,
            drawing_objects: 0,
        });
    }
    for (&frame, annotation) in &file.annotations {
        let drawn = with_drawings && !annotation.objects.is_empty();
        if annotation.notes.is_empty() && !drawn {
            continue;
        }
        notes.push(Note {
            kind: NoteKind::Frame,
            media: Some(file),
            user_data: &media.user_data,
            frame: Some(frame),
            text: &annotation.notes,
            drawing_objects: annotation.objects.len(),
        });
    }
}
