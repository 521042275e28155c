//! Session XML: parsing text into a document, reading it into the model, and writing the
//! model back out.

pub mod chars;
mod depth;
pub mod encoding;
pub(crate) mod read;
pub mod write;

use crate::error::{Error, ErrorKind, Result};
use crate::location::Location;

/// The namespace of cineSync 3 session files.
pub const SESSION_NAMESPACE: &str = "http://www.cinesync.com/ns/session/3.0";

/// Parses XML text into a `roxmltree` document, refusing DOCTYPEs (and so every entity
/// declaration) so that no entity expansion or external entity can be smuggled in.
/// Elements nesting deeper than [`depth::MAX_DEPTH`], or with more than
/// [`depth::MAX_ATTRIBUTES`] attributes, are refused before parsing, so that no input can
/// overflow the stack or take quadratic time.
pub fn parse_document(text: &str) -> Result<roxmltree::Document<'_>> {
    if let Some((offset, exceeded)) = depth::first_over_limit(text, depth::MAX_DEPTH) {
        let message = match exceeded {
            depth::Exceeded::Depth => {
                format!("elements nest deeper than {} levels", depth::MAX_DEPTH)
            }
            depth::Exceeded::Attributes => {
                format!(
                    "an element has more than {} attributes",
                    depth::MAX_ATTRIBUTES
                )
            }
        };
        return Err(ErrorKind::Limit {
            location: Location::of_offset(text, offset),
            message,
        }
        .into());
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, options).map_err(|error| xml_error(text, &error))
}

fn xml_error(text: &str, error: &roxmltree::Error) -> Error {
    let location = match error {
        roxmltree::Error::UnclosedRootNode => Location::of_offset(text, text.len()),
        // roxmltree places this at the start of the document; point at the DOCTYPE.
        roxmltree::Error::DtdDetected => {
            Location::of_offset(text, text.find("<!DOCTYPE").unwrap_or(0))
        }
        other => Location::from(other.pos()),
    };
    let message = match error {
        roxmltree::Error::DtdDetected => {
            "a DOCTYPE is not allowed (entity declarations and external entities are refused)"
                .to_owned()
        }
        roxmltree::Error::UnclosedRootNode => {
            "the document ends before the root element is closed".to_owned()
        }
        roxmltree::Error::NoRootNode => "the document has no root element".to_owned(),
        other => other
            .to_string()
            .replace(&format!(" at {}", other.pos()), ""),
    };
    ErrorKind::Xml { location, message }.into()
}

/// Turns file bytes into text: UTF-8 (a byte-order mark is dropped) or UTF-16 with a
/// byte-order mark. Anything else is an encoding error; for UTF-8 it says where the first
/// bad byte is ([`Error::location`] and the offset).
pub fn decode_utf8(bytes: Vec<u8>) -> Result<String> {
    match bytes.as_slice() {
        [0xEF, 0xBB, 0xBF, ..] => utf8(bytes, 3),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        head if encoding::looks_like_utf16_without_bom(head) => Err(encoding::utf16_without_bom()),
        _ => utf8(bytes, 0),
    }
}

/// The text of `bytes` after the first `skip` (a byte-order mark).
fn utf8(mut bytes: Vec<u8>, skip: usize) -> Result<String> {
    bytes.drain(..skip);
    String::from_utf8(bytes).map_err(|error| {
        let valid_up_to = error.utf8_error().valid_up_to();
        let bytes = error.as_bytes();
        let valid = std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or_default();
        ErrorKind::InvalidUtf8 {
            location: Location::of_offset(valid, valid_up_to),
            offset: skip + valid_up_to,
            byte: bytes[valid_up_to],
        }
        .into()
    })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String> {
    if bytes.len() % 2 != 0 {
        return Err(ErrorKind::Encoding {
            message: "a UTF-16 file has an odd number of bytes".to_owned(),
        }
        .into());
    }
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units)
        .collect::<std::result::Result<String, _>>()
        .map_err(|error| {
            ErrorKind::Encoding {
                message: format!(
                    "invalid UTF-16: unpaired surrogate 0x{:04X}",
                    error.unpaired_surrogate()
                ),
            }
            .into()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_boms_and_reports_bad_bytes() {
        assert_eq!(decode_utf8(b"\xEF\xBB\xBF<a/>".to_vec()).unwrap(), "<a/>");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<é/>".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode_utf8(utf16).unwrap(), "<é/>");
        let error = decode_utf8(b"<a>\n x\xFF</a>".to_vec()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the input is not UTF-8 text: byte 6 (0xFF) is not valid UTF-8 at 2:3"
        );
        assert_eq!(error.location(), Some(Location::new(2, 3)));
        // The offset counts the byte-order mark; the position is in the text after it.
        let error = decode_utf8(b"\xEF\xBB\xBF<a>\xC3(</a>".to_vec()).unwrap_err();
        assert!(matches!(
            error.kind(),
            ErrorKind::InvalidUtf8 {
                offset: 6,
                byte: 0xC3,
                ..
            }
        ));
        assert_eq!(error.location(), Some(Location::new(1, 4)));
        // UTF-16 errors have no position.
        let error = decode_utf8(vec![0xFF, 0xFE, 0x3C]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the input is not UTF-8 text: a UTF-16 file has an odd number of bytes"
        );
        assert_eq!(error.location(), None);
    }

    #[test]
    fn doctype_and_truncation_are_refused_with_positions() {
        let doctype = parse_document("<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>").unwrap_err();
        assert_eq!(
            doctype.to_string(),
            "not well-formed XML: a DOCTYPE is not allowed (entity declarations and external entities are refused) at 1:1"
        );
        let truncated = parse_document("<session>\n  <media>").unwrap_err();
        assert_eq!(
            truncated.to_string(),
            "not well-formed XML: the document ends before the root element is closed at 2:10"
        );
    }
}
