//! `cinesync inspect FILE|-`: a readable summary of a session, or the model as JSON.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::PathBuf;

use cinesync::{DrawingObject, Media, MediaFile, MediaKind, Session};

use super::exit::Exit;
use super::input::load_session;

/// Show what a session holds: media, notes, drawings.
#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    /// The session file, or `-` to read it from standard input.
    file: PathBuf,
    /// Print the whole model as JSON instead of a summary: indented on a terminal, on one
    /// line when piped (the JSON of a long review is several times the size of the file).
    #[arg(long)]
    json: bool,
    /// Indent the JSON even when it is piped.
    #[arg(long, requires = "json")]
    pretty: bool,
}

pub fn run(args: &InspectArgs) -> Exit {
    let session = match load_session(&args.file) {
        Ok(session) => session,
        Err(exit) => return exit,
    };
    if !args.json {
        return super::print_stdout(summary(&session).as_bytes());
    }
    let pretty = args.pretty || std::io::stdout().is_terminal();
    let printed = super::stream_stdout(|out| {
        if pretty {
            serde_json::to_writer_pretty(&mut *out, &session)?;
        } else {
            serde_json::to_writer(&mut *out, &session)?;
        }
        out.write_all(b"\n")
    });
    match printed {
        super::Printed::Written | super::Printed::ReaderGone => Exit::Success,
        super::Printed::Failed => Exit::Trouble,
    }
}

/// A few lines per media: locators, range, notes and what each annotated frame holds.
fn summary(session: &Session) -> String {
    let mut out = String::new();
    let features = session
        .declared_features
        .as_deref()
        .unwrap_or(session.features().as_str());
    let _ = writeln!(
        out,
        "session version {}, {features}, {} media, {} annotated frames",
        session.version,
        session.media.len(),
        session
            .media_files()
            .map(|file| file.annotations.len())
            .sum::<usize>()
    );
    optional_line(&mut out, "", "user data", &session.user_data);
    if !session.groups.is_empty() {
        let _ = writeln!(out, "groups: {}", session.groups.join(", "));
    }
    optional_line(&mut out, "", "notes", &session.notes);
    if let Some(chat) = &session.chat {
        optional_line(&mut out, "", "chat", &chat.decoded());
    }
    if let Some(stereo) = &session.stereo {
        let state = if stereo.enabled { "on" } else { "off" };
        let _ = writeln!(out, "stereo: {} ({state})", stereo.kind.as_str());
    }
    for (index, media) in session.media.iter().enumerate() {
        media_summary(&mut out, index + 1, media);
    }
    out
}

fn media_summary(out: &mut String, number: usize, media: &Media) {
    match &media.kind {
        MediaKind::File(file) => {
            let _ = writeln!(
                out,
                "{number}. {}{}",
                file.name,
                if media.active { " (active)" } else { "" }
            );
            locator_lines(out, file);
        }
        MediaKind::GroupMovie(movie) => {
            let _ = writeln!(out, "{number}. group movie of {:?}", movie.group);
        }
    }
    if let Some(range) = &media.play_range {
        let only = if range.play_only_range {
            ", play only range"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "   play range: {}-{}{only}",
            range.in_frame, range.out_frame
        );
    }
    if !media.groups.is_empty() {
        let _ = writeln!(out, "   groups: {}", media.groups.join(", "));
    }
    optional_line(out, "   ", "user data", &media.user_data);
    if let Some(file) = media.as_file() {
        file_details(out, file);
    }
}

fn locator_lines(out: &mut String, file: &MediaFile) {
    let locators = [
        ("path", &file.locators.path),
        ("short hash", &file.locators.short_hash),
        ("url", &file.locators.url),
    ];
    for (label, value) in locators {
        if let Some(value) = value {
            let _ = writeln!(out, "   {label}: {value}");
        }
    }
}

fn file_details(out: &mut String, file: &MediaFile) {
    let pro: Vec<&str> = [
        (file.zoom_state.is_some(), "zoom"),
        (file.pixel_ratio.is_some(), "pixel ratio"),
        (file.mask.is_some(), "mask"),
        (file.color_grading.is_some(), "colour grading"),
    ]
    .into_iter()
    .filter_map(|(present, label)| present.then_some(label))
    .collect();
    if !pro.is_empty() {
        let _ = writeln!(out, "   pro: {}", pro.join(", "));
    }
    optional_line(out, "   ", "notes", &file.notes);
    for (frame, annotation) in &file.annotations {
        let drawings = drawing_counts(&annotation.objects);
        let _ = writeln!(out, "   frame {frame}: {drawings}");
        optional_line(out, "      ", "notes", &annotation.notes);
    }
}

/// "3 drawings (2 lines, 1 text)" or "no drawings".
fn drawing_counts(objects: &[DrawingObject]) -> String {
    if objects.is_empty() {
        return "no drawings".to_owned();
    }
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for object in objects {
        let kind = object.element_name();
        match counts.iter_mut().find(|(name, _)| *name == kind) {
            Some((_, count)) => *count += 1,
            None => counts.push((kind, 1)),
        }
    }
    let parts: Vec<String> = counts
        .iter()
        .map(|(kind, count)| format!("{count} {kind}"))
        .collect();
    let noun = if objects.len() == 1 {
        "drawing"
    } else {
        "drawings"
    };
    format!("{} {noun} ({})", objects.len(), parts.join(", "))
}

/// `label: text`, with continuation lines indented, when `text` is not empty.
fn optional_line(out: &mut String, indent: &str, label: &str, text: &str) {
    if text.is_empty() {
        return;
    }
    let continuation = format!("\n{indent}{}", " ".repeat(label.len() + 2));
    let _ = writeln!(
        out,
        "{indent}{label}: {}",
        text.replace('\n', &continuation)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawing_counts_group_by_kind_in_first_seen_order() {
        let session: Session = include_str!("../../examples/sessions/review.csc")
            .parse()
            .unwrap();
        let file = session.media_files().next().unwrap();
        let (_, first) = file.annotations.iter().next().unwrap();
        assert_eq!(
            drawing_counts(&first.objects),
            "3 drawings (1 line, 1 circle, 1 text)"
        );
        assert_eq!(drawing_counts(&[]), "no drawings");
    }
}
