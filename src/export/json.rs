//! Notes as JSON: one object per note, for production trackers.

use std::io::{self, Write};
use std::path::PathBuf;

use serde::Serialize;

use super::{notes, NoteKind};
use crate::event_handler::{EventHandler, SavedFrames};
use crate::session::Session;

/// What the JSON export adds to a session's notes: the session key and where saved
/// frames are.
#[derive(Debug, Clone, Default)]
pub struct JsonContext<'a> {
    /// The session key; `None` offline or outside cineSync.
    pub session_key: Option<&'a str>,
    /// Where cineSync saved annotated frames, when known.
    pub saved_frames: Option<SavedFrames>,
}

impl<'a> JsonContext<'a> {
    /// The session key and saved frames of an event.
    pub fn from_event(event: &'a EventHandler) -> JsonContext<'a> {
        JsonContext {
            session_key: event.session_key(),
            saved_frames: event.saved_frames(),
        }
    }
}

/// One note as written.
#[derive(Serialize)]
struct JsonNote<'a> {
    session_key: Option<&'a str>,
    media: Option<&'a str>,
    user_data: &'a str,
    frame: Option<u32>,
    kind: NoteKind,
    notes: &'a str,
    drawing_objects: usize,
    saved_frame: Option<PathBuf>,
}

/// Writes the notes of `session` as a JSON array, one object per note in the order of
/// [`notes`](super::notes) (frames with drawings but no notes included), every key always
/// present:
///
/// ```text
/// {"session_key": "ABCD1234" | null, "media": "sh010.mov" | null, "user_data": "",
///  "frame": 12 | null, "kind": "session" | "media" | "frame", "notes": "…",
///  "drawing_objects": 2, "saved_frame": "/path/sh010.mov-00012 (2).jpg" | null}
/// ```
pub fn write_json(
    session: &Session,
    context: &JsonContext<'_>,
    mut out: impl Write,
) -> io::Result<()> {
    let saved_files = context
        .saved_frames
        .as_ref()
        .map(SavedFrames::file_names)
        .unwrap_or_default();
    let notes: Vec<JsonNote<'_>> = notes(session, true)
        .into_iter()
        .map(|note| JsonNote {
            session_key: context.session_key,
            media: note.media.map(|file| file.name.as_str()),
            user_data: note.user_data,
            frame: note.frame,
            kind: note.kind,
            notes: note.text,
            drawing_objects: note.drawing_objects,
            saved_frame: saved_frame(context, &saved_files, &note),
        })
        .collect();
    serde_json::to_writer_pretty(&mut out, &notes)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// The saved image of a frame note, looked up among the save folder's `files`.
fn saved_frame(
    context: &JsonContext<'_>,
    files: &[String],
    note: &super::Note<'_>,
) -> Option<PathBuf> {
    let saved = context.saved_frames.as_ref()?;
    saved.find_among(files, note.media?, note.frame?)
}
