//! Syntax errors in a compact-syntax schema.

use super::ast::Span;
use crate::location::Location;

/// A compact-syntax schema that cannot be parsed: where, and what was expected.
///
/// The message is a sentence for people, such as `expected a pattern, found "}"`; the
/// location and span refer to the text as written (before `\x{…}` escapes are replaced).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} at {location}")]
pub struct SyntaxError {
    location: Location,
    message: String,
    span: Span,
}

impl SyntaxError {
    /// An error at `location` saying `message`.
    pub fn new(location: Location, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            location,
            message: message.into(),
            span: Span::default(),
        }
    }

    /// An error at byte `offset` of `original`, the schema text as written.
    pub fn at_original(original: &str, offset: usize, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            location: location_of(original, offset),
            message: message.into(),
            span: Span {
                start: offset,
                end: offset,
            },
        }
    }

    /// The same error, covering `span` of the original text (which starts at the location).
    pub(crate) fn with_span(mut self, span: Span) -> SyntaxError {
        self.span = span;
        self
    }

    /// Where in the schema text the error is.
    pub fn location(&self) -> Location {
        self.location
    }

    /// What is wrong, without the location.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The bytes of the original text the error is about; empty when it is about a point.
    pub fn span(&self) -> Span {
        self.span
    }
}

/// The 1-based line and column (in characters) of byte `offset` of `text`, where a line
/// ends at CR, LF or CRLF.
pub(crate) fn location_of(text: &str, offset: usize) -> Location {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = text.get(..offset).unwrap_or_default();
    let bytes = before.as_bytes();
    let mut line = 1usize;
    let mut line_start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let ends_line = b == b'\n' || (b == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n'));
        if ends_line {
            line += 1;
            line_start = i + 1;
        }
    }
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    Location::new(saturate(line), saturate(column))
}

/// `text` in double quotes for a message, cut after `max` characters (with `…`), so that
/// messages stay short whatever the input.
pub(crate) fn quoted(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("\"{}…\"", text.get(..cut).unwrap_or_default()),
        None => format!("\"{text}\""),
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_cr_lf_and_crlf() {
        let text = "a\r\nb\rc\nd é";
        assert_eq!(location_of(text, 0), Location::new(1, 1));
        assert_eq!(location_of(text, 1), Location::new(1, 2));
        assert_eq!(location_of(text, 2), Location::new(1, 3));
        assert_eq!(location_of(text, 3), Location::new(2, 1));
        assert_eq!(location_of(text, 5), Location::new(3, 1));
        assert_eq!(location_of(text, 7), Location::new(4, 1));
        assert_eq!(location_of(text, 12), Location::new(4, 4));
        assert_eq!(location_of(text, 99), Location::new(4, 4));
    }

    #[test]
    fn displays_message_then_location() {
        let error = SyntaxError::at_original("ab\ncd", 4, "expected a pattern, found \"d\"");
        assert_eq!(error.to_string(), "expected a pattern, found \"d\" at 2:2");
        assert_eq!(error.span(), Span { start: 4, end: 4 });
    }
}
