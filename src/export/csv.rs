//! Notes as CSV, exactly as the official "Export Notes to CSV" script wrote them.

use std::io::{self, Write};

use super::notes;
use crate::session::Session;

/// The header row.
const HEADER: [&str; 3] = ["Media File", "Frame", "Notes"];

/// Writes the notes of `session` as CSV: the header `Media File,Frame,Notes`, then the
/// session notes as `,[Session],NOTES`, then for each media file in playlist order its
/// notes as `NAME,[Media File],NOTES` and one `NAME,FRAME,NOTES` row per frame with
/// notes, in frame order. Group movies have no rows. Fields are quoted when they need to
/// be, and rows end in CRLF (RFC 4180, as Python's `csv` module wrote them).
pub fn write_csv(session: &Session, out: impl Write) -> io::Result<()> {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(HEADER)?;
    for note in notes(session, false) {
        let name = note.media.map_or("", |file| file.name.as_str());
        let place = match (note.media, note.frame) {
            (None, _) => "[Session]".to_owned(),
            (Some(_), None) => "[Media File]".to_owned(),
            (Some(_), Some(frame)) => frame.to_string(),
        };
        writer.write_record([name, place.as_str(), note.text])?;
    }
    writer.flush()
}
