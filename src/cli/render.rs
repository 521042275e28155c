//! Errors, warnings and validation problems rendered for people:
//! `FILE:LINE:COL: error: message`, with the offending line and a caret on a terminal.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::Path;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use cinesync::schema::{Problem, SchemaProblem};
use cinesync::{Error, ErrorKind, Warning};

use super::exit::Exit;

/// `FILE:LINE:COL: error: message` (or `FILE: error: message` without a position).
///
/// The file is named once: an I/O error about `input` itself gives only the system's
/// message (`/x.csc: error: No such file or directory (os error 2)`), though the
/// library's message names the path too, for callers that show it alone.
pub fn error_line(input: &str, error: &Error) -> String {
    if let ErrorKind::Io {
        path: Some(path),
        source,
    } = error.kind()
    {
        if path.display().to_string() == input {
            return format!("{input}: error: {source}");
        }
    }
    let message = error.to_string();
    match error.location() {
        Some(at) => {
            let message = message
                .strip_suffix(&format!(" at {at}"))
                .unwrap_or(&message);
            format!("{input}:{at}: error: {message}")
        }
        None => format!("{input}: error: {message}"),
    }
}

/// Prints `error` about `input` to stderr and says which exit status it calls for:
/// 1 when the input is invalid, 2 for I/O trouble.
pub fn report_error(input: &str, error: &Error) -> Exit {
    eprintln!("{}", error_line(input, error));
    if error.is_invalid_input() {
        Exit::Invalid
    } else {
        Exit::Trouble
    }
}

/// Prints a loader warning about `input` to stderr.
pub fn report_warning(input: &str, warning: &Warning) {
    eprintln!(
        "{input}:{}: warning: {}: {}",
        warning.location, warning.path, warning.kind
    );
}

/// A schema problem: `FILE:LINE:COL: error: message`.
pub fn schema_problem(problem: &SchemaProblem) -> String {
    match problem.location {
        Some(at) => format!("{}:{at}: error: {}", problem.file, problem.kind),
        None => format!("{}: error: {}", problem.file, problem.kind),
    }
}

/// A validation problem: `FILE:LINE:COL: error: PATH: message`, followed, when the
/// offending line is given, by that line with a caret under the place.
pub fn problem(input: &str, problem: &Problem, line: Option<&String>) -> String {
    let at = problem.location;
    let heading = format!("{input}:{at}: error: {}: {}\n", problem.path, problem.kind);
    let Some(line) = line else {
        return heading;
    };
    let start = line
        .char_indices()
        .nth(at.column.saturating_sub(1) as usize)
        .map_or(line.len(), |(offset, _)| offset);
    let end = line[start..]
        .char_indices()
        .skip(1)
        .find(|&(_, c)| c.is_whitespace() || matches!(c, '>' | '=' | '/'))
        .map_or(line.len(), |(offset, _)| start + offset);
    let message = problem.kind.to_string();
    let report = &[Level::ERROR
        .primary_title(format!("{}", problem.path))
        .element(
            Snippet::source(line.as_str())
                .line_start(at.line as usize)
                .path(input)
                .annotation(
                    AnnotationKind::Primary
                        .span(start..end.max(start))
                        .label(&message),
                ),
        )];
    heading + &Renderer::plain().render(report) + "\n"
}

/// The text of the given lines of a file (one pass over it), for showing problems in
/// context. Lines that cannot be read are left out; long lines are cut.
pub fn source_lines(path: &Path, wanted: impl Iterator<Item = u32>) -> BTreeMap<u32, String> {
    const MAX_LINE: usize = 300;
    let mut wanted: Vec<u32> = wanted.collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut lines = BTreeMap::new();
    let Some(&last) = wanted.last() else {
        return lines;
    };
    let Ok(file) = std::fs::File::open(path) else {
        return lines;
    };
    let mut reader = std::io::BufReader::new(file);
    let mut buffer = Vec::new();
    for number in 1..=last {
        buffer.clear();
        match reader.read_until(b'\n', &mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        if wanted.binary_search(&number).is_ok() {
            let text = String::from_utf8_lossy(&buffer);
            let text = text.trim_end_matches(['\n', '\r']);
            let cut: String = text.chars().take(MAX_LINE).collect();
            lines.insert(number, cut);
        }
    }
    lines
}

/// A JSON value as printed output: pretty, with a final newline.
pub fn validation_json(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}
