//! Reading XML bytes as UTF-8 text: a UTF-8 byte-order mark is dropped, and UTF-16 with a
//! byte-order mark is converted on the fly; streams stay streams.

use std::io::Read;

use crate::error::Result;

/// A reader that hands out UTF-8, whatever of the supported encodings the input uses.
pub enum Utf8Reader<R> {
    /// UTF-8 input, with its first bytes already read (the byte-order mark removed).
    Utf8 {
        /// Bytes read while looking for a byte-order mark, still to hand out.
        head: std::io::Cursor<Vec<u8>>,
        /// The rest of the input.
        rest: R,
    },
    /// UTF-16 input, converted to UTF-8.
    Utf16(Utf16Reader<R>),
}

/// Looks at the first bytes of `input` for a byte-order mark.
pub fn utf8_reader<R: Read>(mut input: R) -> Result<Utf8Reader<R>> {
    let mut head = Vec::with_capacity(3);
    (&mut input)
        .take(3)
        .read_to_end(&mut head)
        .map_err(|error| crate::Error::io(None, error))?;
    let reader = match head.as_slice() {
        [0xEF, 0xBB, 0xBF] => Utf8Reader::Utf8 {
            head: std::io::Cursor::new(Vec::new()),
            rest: input,
        },
        [0xFF, 0xFE, third] => Utf8Reader::Utf16(Utf16Reader::new(input, false, Some(*third))),
        [0xFE, 0xFF, third] => Utf8Reader::Utf16(Utf16Reader::new(input, true, Some(*third))),
        [0xFF, 0xFE] => Utf8Reader::Utf16(Utf16Reader::new(input, false, None)),
        [0xFE, 0xFF] => Utf8Reader::Utf16(Utf16Reader::new(input, true, None)),
        head if looks_like_utf16_without_bom(head) => return Err(utf16_without_bom()),
        _ => Utf8Reader::Utf8 {
            head: std::io::Cursor::new(head),
            rest: input,
        },
    };
    Ok(reader)
}

/// Whether text starts like UTF-16 with no byte-order mark: `<` next to a zero byte
/// (XML's own rule for telling encodings apart, appendix F of the XML specification).
pub fn looks_like_utf16_without_bom(head: &[u8]) -> bool {
    matches!(head, [0x3C, 0x00, ..] | [0x00, 0x3C, ..])
}

/// The error for UTF-16 without a byte-order mark, which this toolkit does not guess at.
pub fn utf16_without_bom() -> crate::Error {
    crate::ErrorKind::Encoding {
        message: "the input looks like UTF-16 without a byte-order mark; save it as UTF-8, \
                  or as UTF-16 with a byte-order mark"
            .to_owned(),
    }
    .into()
}

impl<R: Read> Read for Utf8Reader<R> {
    fn read(&mut self, into: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Utf8Reader::Utf8 { head, rest } => {
                let count = head.read(into)?;
                if count > 0 {
                    return Ok(count);
                }
                rest.read(into)
            }
            Utf8Reader::Utf16(reader) => reader.read(into),
        }
    }
}

/// Converts UTF-16 (without its byte-order mark) to UTF-8.
pub struct Utf16Reader<R> {
    inner: R,
    big_endian: bool,
    pending_byte: Option<u8>,
    pending_high: Option<u16>,
    output: Vec<u8>,
    position: usize,
}

impl<R: Read> Utf16Reader<R> {
    fn new(inner: R, big_endian: bool, pending_byte: Option<u8>) -> Utf16Reader<R> {
        Utf16Reader {
            inner,
            big_endian,
            pending_byte,
            pending_high: None,
            output: Vec::new(),
            position: 0,
        }
    }

    fn refill(&mut self) -> std::io::Result<()> {
        let mut bytes = vec![0u8; 32 * 1024];
        let mut filled = 0;
        if let Some(byte) = self.pending_byte.take() {
            bytes[0] = byte;
            filled = 1;
        }
        let count = loop {
            match self.inner.read(&mut bytes[filled..]) {
                Ok(count) => break count,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(error),
            }
        };
        filled += count;
        self.output.clear();
        self.position = 0;
        if count == 0 {
            if filled == 1 || self.pending_high.is_some() {
                return Err(invalid_utf16(
                    "the UTF-16 input ends in the middle of a character",
                ));
            }
            return Ok(());
        }
        let whole = filled - filled % 2;
        if whole < filled {
            self.pending_byte = Some(bytes[whole]);
        }
        for pair in bytes[..whole].chunks_exact(2) {
            let unit = if self.big_endian {
                u16::from_be_bytes([pair[0], pair[1]])
            } else {
                u16::from_le_bytes([pair[0], pair[1]])
            };
            self.push_unit(unit)?;
        }
        Ok(())
    }

    fn push_unit(&mut self, unit: u16) -> std::io::Result<()> {
        let code = match (self.pending_high.take(), unit) {
            (None, 0xD800..=0xDBFF) => {
                self.pending_high = Some(unit);
                return Ok(());
            }
            (Some(high), 0xDC00..=0xDFFF) => {
                0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00)
            }
            (None, 0xDC00..=0xDFFF) | (Some(_), _) => {
                return Err(invalid_utf16("the UTF-16 input has an unpaired surrogate"))
            }
            (None, other) => u32::from(other),
        };
        let c = char::from_u32(code).ok_or_else(|| invalid_utf16("invalid UTF-16"))?;
        let mut buffer = [0u8; 4];
        self.output
            .extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
        Ok(())
    }
}

fn invalid_utf16(message: &str) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, message.to_owned())
}

impl<R: Read> Read for Utf16Reader<R> {
    fn read(&mut self, into: &mut [u8]) -> std::io::Result<usize> {
        while self.position == self.output.len() {
            self.refill()?;
            if self.output.is_empty() && self.pending_byte.is_none() && self.pending_high.is_none()
            {
                return Ok(0);
            }
        }
        let available = &self.output[self.position..];
        let count = available.len().min(into.len());
        into[..count].copy_from_slice(&available[..count]);
        self.position += count;
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8]) -> std::io::Result<String> {
        let mut text = String::new();
        utf8_reader(bytes)
            .map_err(|error| std::io::Error::other(error.to_string()))?
            .read_to_string(&mut text)?;
        Ok(text)
    }

    #[test]
    fn byte_order_marks_are_dropped_and_utf16_converted() {
        assert_eq!(read_all(b"\xEF\xBB\xBF<a/>").unwrap(), "<a/>");
        assert_eq!(read_all(b"<a/>").unwrap(), "<a/>");
        assert_eq!(read_all(b"<").unwrap(), "<");
        let little: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<é𝄞/>".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(read_all(&little).unwrap(), "<é𝄞/>");
        let big: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("<b/>".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(read_all(&big).unwrap(), "<b/>");
    }

    #[test]
    fn broken_utf16_is_an_error() {
        let unpaired: Vec<u8> = vec![0xFF, 0xFE, 0x00, 0xD8, b'a', 0];
        assert!(read_all(&unpaired).is_err());
        let odd: Vec<u8> = vec![0xFF, 0xFE, b'a', 0, b'b'];
        assert!(read_all(&odd).is_err());
    }
}
