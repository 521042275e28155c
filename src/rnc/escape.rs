//! The `\x{…}` escape pre-pass, and offsets back into the original text.
//!
//! The compact syntax replaces every `\x{hex}` (any number of `x`) by its character before
//! anything else reads the text, as jing's `JavaCharStream` does: an escaped `"` ends a
//! literal, and `\x{65}lement` is the keyword `element`. The pre-pass also makes every
//! line break (CR, LF or CRLF) one "\n", skips a leading byte-order mark, and refuses the
//! characters a schema may not contain. Two escaped characters must stay apart from real
//! ones, because they are not line breaks: an escaped line feed becomes "\0" (white space,
//! allowed in a one-line literal, a line feed in its value) and an escaped carriage return
//! stays "\r" (which a raw one never is after the pre-pass).
//!
//! [`Unescaped::original_offset`] maps a byte offset of the new text back to the original,
//! so that spans and error locations refer to the text as written.

use super::ast::Span;
use super::error::SyntaxError;

/// The text after the pre-pass, with the map back to the original.
#[derive(Debug)]
pub(crate) struct Unescaped {
    /// The text the grammar reads.
    pub(crate) text: String,
    /// `(offset in text, offset in original)` at the start and after every change of the
    /// difference between them, in increasing order.
    anchors: Vec<(usize, usize)>,
}

/// The character that stands for an escaped line feed in the unescaped text.
pub(crate) const ESCAPED_LINE_FEED: char = '\0';

impl Unescaped {
    /// The offset in the original text of byte `offset` of the unescaped text.
    pub(crate) fn original_offset(&self, offset: usize) -> usize {
        let index = self.anchors.partition_point(|&(at, _)| at <= offset);
        match index.checked_sub(1).and_then(|i| self.anchors.get(i)) {
            Some(&(at, original)) => original + (offset - at),
            None => offset,
        }
    }

    /// The span in the original text of bytes `start..end` of the unescaped text.
    pub(crate) fn original_span(&self, start: usize, end: usize) -> Span {
        Span {
            start: self.original_offset(start),
            end: self.original_offset(end),
        }
    }
}

/// Replaces the escapes of `original` and normalises its line breaks.
pub(crate) fn unescape(original: &str) -> Result<Unescaped, SyntaxError> {
    let mut out = Unescaped {
        text: String::with_capacity(original.len()),
        anchors: Vec::new(),
    };
    let bom = if original.starts_with('\u{FEFF}') {
        3
    } else {
        0
    };
    out.anchors.push((0, bom));
    let mut rest = original.get(bom..).unwrap_or_default();
    let mut offset = bom;
    while let Some(c) = rest.chars().next() {
        let consumed = match c {
            '\r' if rest.starts_with("\r\n") => {
                out.text.push('\n');
                2
            }
            '\r' => {
                out.text.push('\n');
                1
            }
            '\\' => match escape_at(original, offset, rest)? {
                Some((escaped, length)) => {
                    out.text.push(escaped);
                    length
                }
                None => {
                    out.text.push('\\');
                    1
                }
            },
            c if is_allowed(c) => {
                out.text.push(c);
                c.len_utf8()
            }
            c => {
                return Err(SyntaxError::at_original(
                    original,
                    offset,
                    format!(
                        "the character U+{:04X} is not allowed in a schema",
                        u32::from(c)
                    ),
                ))
            }
        };
        let after = out.text.len();
        rest = rest.get(consumed..).unwrap_or_default();
        offset += consumed;
        // The unescaped text is never longer than the original, so no difference is negative.
        if offset - after != out.anchors.last().map_or(0, |&(at, orig)| orig - at) {
            out.anchors.push((after, offset));
        }
    }
    Ok(out)
}

/// A character that may stand in a schema as it is (escaped or not, except line breaks).
fn is_allowed(c: char) -> bool {
    matches!(c, '\t' | '\n') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// The character of the escape that starts `rest` (at `offset` in `original`) and its
/// length in bytes; `None` when the backslash does not start an escape (`\x` without `{`).
fn escape_at(
    original: &str,
    offset: usize,
    rest: &str,
) -> Result<Option<(char, usize)>, SyntaxError> {
    let xs = rest.bytes().skip(1).take_while(|&b| b == b'x').count();
    if xs == 0 || rest.as_bytes().get(1 + xs) != Some(&b'{') {
        return Ok(None);
    }
    let digits_start = 2 + xs;
    let after_brace = rest.get(digits_start..).unwrap_or_default();
    let digits = after_brace
        .bytes()
        .take_while(u8::is_ascii_hexdigit)
        .count();
    let error = |at: usize, message: String| SyntaxError::at_original(original, at, message);
    match after_brace.as_bytes().get(digits) {
        None => {
            return Err(error(
                offset,
                "incomplete escape: \"\\x{\" without \"}\"".to_owned(),
            ))
        }
        Some(b'}') if digits > 0 => {}
        Some(_) => {
            return Err(error(
                offset + digits_start + digits,
                "expected a hexadecimal digit or \"}\" in a \\x{…} escape".to_owned(),
            ))
        }
    }
    let hex = after_brace.get(..digits).unwrap_or_default();
    let significant = hex.trim_start_matches('0');
    // Bounded: an escape may be written with any number of digits.
    let written = || {
        let shown = if hex.len() <= 12 { hex } else { significant };
        match shown.get(..12) {
            Some(head) if shown.len() > 12 => format!("\\x{{{head}…}}"),
            _ => format!("\\x{{{shown}}}"),
        }
    };
    let value = match significant.len() {
        0 => Some(0),
        1..=8 => u32::from_str_radix(significant, 16).ok(),
        _ => None,
    };
    let length = digits_start + digits + 1;
    match value.and_then(char::from_u32) {
        Some('\n') => Ok(Some((ESCAPED_LINE_FEED, length))),
        Some(c) if c == '\r' || is_allowed(c) => Ok(Some((c, length))),
        Some(_) => Err(error(
            offset,
            format!(
                "{} is a character that is not allowed in a schema",
                written()
            ),
        )),
        None if value.is_some_and(|v| v < 0x11_0000) => Err(error(
            offset,
            format!("{} is a surrogate, not a Unicode character", written()),
        )),
        None => Err(error(
            offset,
            format!("{} is not a Unicode character", written()),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(original: &str) -> String {
        unescape(original)
            .map(|u| u.text)
            .unwrap_or_else(|e| e.to_string())
    }

    #[test]
    fn escapes_become_their_characters() {
        assert_eq!(text(r#""\x{41}\xx{62}\x{1F600}""#), "\"Ab😀\"");
        assert_eq!(text(r"\x{65}lement"), "element");
        assert_eq!(text(r"\xfoo \x"), r"\xfoo \x");
    }

    #[test]
    fn an_escaped_backslash_starts_no_escape() {
        assert_eq!(text(r"\x{5C}x{41}"), r"\x{41}");
    }

    #[test]
    fn line_breaks_are_one_line_feed_and_escaped_ones_stay_apart() {
        assert_eq!(text("a\r\nb\rc\nd"), "a\nb\nc\nd");
        assert_eq!(text(r"a\x{A}b\x{D}c"), "a\0b\rc");
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        let original = "\u{FEFF}a\r\n\\x{42}c";
        let u = unescape(original).map_err(|e| e.to_string());
        let Ok(u) = u else { panic!("{u:?}") };
        assert_eq!(u.text, "a\nBc");
        assert_eq!(u.original_offset(0), 3);
        assert_eq!(u.original_offset(1), 4);
        assert_eq!(u.original_offset(2), 6);
        assert_eq!(u.original_offset(3), 12);
        assert_eq!(u.original_offset(4), 13);
    }

    #[test]
    fn bad_escapes_and_characters_are_refused_where_written() {
        assert_eq!(
            text("ab\\x{110000}"),
            r"\x{110000} is not a Unicode character at 1:3"
        );
        assert_eq!(
            text("\n \\x{D800}"),
            r"\x{D800} is a surrogate, not a Unicode character at 2:2"
        );
        assert_eq!(
            text("\\x{0}"),
            r"\x{0} is a character that is not allowed in a schema at 1:1"
        );
        assert_eq!(
            text("\\x{4G}"),
            "expected a hexadecimal digit or \"}\" in a \\x{…} escape at 1:5"
        );
        assert_eq!(
            text("\\x{}"),
            "expected a hexadecimal digit or \"}\" in a \\x{…} escape at 1:4"
        );
        assert_eq!(
            text("\\x{41"),
            "incomplete escape: \"\\x{\" without \"}\" at 1:1"
        );
        assert_eq!(
            text("a\u{1}"),
            "the character U+0001 is not allowed in a schema at 1:2"
        );
        assert_eq!(text("\\x{0000000000000000000000000000041}"), "A");
        assert_eq!(
            text("\\x{123456789ABCDEF}"),
            r"\x{123456789ABC…} is not a Unicode character at 1:1"
        );
    }
}
