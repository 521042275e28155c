//! The reader under quick-xml: buffered, checking that the input is UTF-8 as it reads it,
//! bounding the size of one piece of markup or text, and knowing the line and column of
//! the next byte it hands out.
//!
//! Positions are found lazily: each buffer's line breaks are found once, with one vector
//! search, when it is read; a position is then counted from the last one asked for, and on
//! an ASCII line (most lines) a column is a subtraction. (Counting the bytes of every piece
//! quick-xml consumed cost a tenth of the validator's time.)

use std::io::{BufRead, Read};

use crate::location::Location;

const BUFFER_SIZE: usize = 64 * 1024;

/// The longest single piece of markup or text (between two tags) the streaming source
/// reads: quick-xml holds a whole piece in memory, so this bounds memory whatever the
/// input. No session has a tag or a stretch of text anywhere near 64 MiB.
pub const MAX_EVENT_BYTES: u64 = 64 * 1024 * 1024;

/// A buffered reader that checks UTF-8 and knows positions (see the module).
pub(super) struct Tracked<R> {
    inner: R,
    buffer: Box<[u8]>,
    /// Next byte to hand out.
    start: usize,
    /// End of the checked bytes; `end..filled` is a character cut by the last read.
    end: usize,
    filled: usize,
    /// The checked bytes end at a byte that is not UTF-8.
    bad_byte: bool,
    at_end: bool,
    /// The offset in the input of `buffer[0]`.
    base: u64,
    /// Where the line breaks of `buffer[..end]` are.
    line_breaks: Vec<usize>,
    /// The start in the buffer of the line of the last position found, and whether that
    /// line (its part in this buffer) is ASCII.
    line: (usize, bool),
    /// The last position found: its offset in the buffer, its location, and the index of
    /// the first line break after it.
    mark: (usize, Location, usize),
    /// Where the piece being read started.
    event_start: u64,
    event_location: Location,
}

/// The error `Tracked` hands quick-xml when one piece of markup or text is longer than
/// [`MAX_EVENT_BYTES`].
#[derive(Debug)]
pub(super) struct TooLong {
    pub location: Location,
}

impl std::fmt::Display for TooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "a single tag or text is longer than {} MiB",
            MAX_EVENT_BYTES / (1024 * 1024)
        )
    }
}

impl std::error::Error for TooLong {}

/// The error `Tracked` hands quick-xml for a byte that is not UTF-8; it comes back out of
/// quick-xml as an I/O error and is turned into `ErrorKind::InvalidUtf8`.
#[derive(Debug)]
pub(super) struct BadByte {
    pub location: Location,
    pub offset: u64,
    pub byte: u8,
}

impl std::fmt::Display for BadByte {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "byte {} (0x{:02X}) is not valid UTF-8",
            self.offset, self.byte
        )
    }
}

impl std::error::Error for BadByte {}

impl<R: Read> Tracked<R> {
    pub(super) fn new(inner: R) -> Tracked<R> {
        Tracked {
            inner,
            buffer: vec![0; BUFFER_SIZE].into_boxed_slice(),
            start: 0,
            end: 0,
            filled: 0,
            bad_byte: false,
            at_end: false,
            base: 0,
            line_breaks: Vec::new(),
            line: (0, true),
            mark: (0, Location::new(1, 1), 0),
            event_start: 0,
            event_location: Location::new(1, 1),
        }
    }

    /// The location of the next byte to be handed out.
    pub(super) fn location(&mut self) -> Location {
        let (from, mut location, mut next_break) = self.mark;
        let to = self.start;
        let mut crossed = false;
        while let Some(&at) = self.line_breaks.get(next_break).filter(|&&at| at < to) {
            location.line = location.line.saturating_add(1);
            self.line.0 = at + 1;
            next_break += 1;
            crossed = true;
        }
        if crossed {
            // Each line is looked at once: is it ASCII, where a column is a subtraction?
            let line_end = self
                .line_breaks
                .get(next_break)
                .copied()
                .unwrap_or(self.end);
            self.line.1 = self.buffer[self.line.0..line_end].is_ascii();
        }
        let (counted_from, base) = if crossed {
            (self.line.0, 1)
        } else {
            (from, location.column)
        };
        let bytes = &self.buffer[counted_from..to];
        let characters = if self.line.1 {
            u32::try_from(bytes.len()).unwrap_or(u32::MAX)
        } else {
            Location::advance(Location::new(1, 0), bytes).column
        };
        location.column = base.saturating_add(characters);
        self.mark = (to, location, next_break);
        location
    }

    /// The offset in the input of the next byte to be handed out.
    fn offset(&self) -> u64 {
        self.base + self.start as u64
    }

    /// Marks the start of the next piece, for [`MAX_EVENT_BYTES`].
    pub(super) fn start_event(&mut self) {
        self.event_start = self.offset();
        self.event_location = self.location();
    }

    /// Reads more bytes after the cut character kept from the last read, and checks them.
    fn refill(&mut self) -> std::io::Result<()> {
        let location = self.location();
        let kept = self.filled - self.end;
        self.base += self.end as u64;
        self.buffer.copy_within(self.end..self.filled, 0);
        (self.start, self.end, self.filled) = (0, 0, kept);
        self.mark = (0, location, 0);
        self.line_breaks.clear();
        let count = loop {
            match self.inner.read(&mut self.buffer[kept..]) {
                Ok(count) => break count,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(error),
            }
        };
        self.filled += count;
        self.at_end = count == 0;
        match std::str::from_utf8(&self.buffer[..self.filled]) {
            Ok(_) => self.end = self.filled,
            Err(error) => {
                self.end = error.valid_up_to();
                // A character cut at the end of a read waits for the next one, unless
                // the input has ended.
                self.bad_byte = error.error_len().is_some() || self.at_end;
            }
        }
        let checked = &self.buffer[..self.end];
        self.line_breaks.extend(memchr::memchr_iter(b'\n', checked));
        let first_line_end = self.line_breaks.first().copied().unwrap_or(self.end);
        self.line = (0, checked[..first_line_end].is_ascii());
        Ok(())
    }
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, into: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let count = available.len().min(into.len());
        into[..count].copy_from_slice(&available[..count]);
        self.consume(count);
        Ok(count)
    }
}

impl<R: Read> BufRead for Tracked<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.offset() - self.event_start > MAX_EVENT_BYTES {
            let too_long = TooLong {
                location: self.event_location,
            };
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                too_long,
            ));
        }
        while self.start == self.end {
            if self.bad_byte {
                let bad = BadByte {
                    location: self.location(),
                    offset: self.offset(),
                    byte: self.buffer[self.end],
                };
                return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, bad));
            }
            if self.at_end && self.filled == self.end {
                break;
            }
            self.refill()?;
        }
        Ok(&self.buffer[self.start..self.end])
    }

    fn consume(&mut self, amount: usize) {
        self.start = (self.start + amount).min(self.end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `text` through a source that hands out `chunk` bytes at a time, consuming one
    /// character at a time, and gives the location before each character.
    fn locations(text: &str, chunk: usize) -> Vec<Location> {
        struct Trickle<'a>(&'a [u8], usize);
        impl Read for Trickle<'_> {
            fn read(&mut self, into: &mut [u8]) -> std::io::Result<usize> {
                let count = self.0.len().min(self.1).min(into.len());
                into[..count].copy_from_slice(&self.0[..count]);
                self.0 = &self.0[count..];
                Ok(count)
            }
        }
        let mut tracked = Tracked::new(Trickle(text.as_bytes(), chunk));
        let mut found = Vec::new();
        for c in text.chars() {
            found.push(tracked.location());
            let mut left = c.len_utf8();
            while left > 0 {
                let available = tracked.fill_buf().unwrap().len().min(left);
                tracked.consume(available);
                left -= available;
            }
        }
        found.push(tracked.location());
        found
    }

    #[test]
    fn locations_count_lines_and_characters_across_reads() {
        let text = "ab\ncé✓\n\nx𝄞y";
        let expected: Vec<Location> = text
            .char_indices()
            .map(|(offset, _)| offset)
            .chain([text.len()])
            .map(|offset| Location::of_offset(text, offset))
            .collect();
        for chunk in [1, 2, 3, 5, 100] {
            assert_eq!(locations(text, chunk), expected, "reads of {chunk} bytes");
        }
    }

    #[test]
    fn a_bad_byte_is_reported_after_the_good_ones() {
        let mut tracked = Tracked::new(&b"ab\n\xFFc"[..]);
        assert_eq!(tracked.fill_buf().unwrap(), b"ab\n");
        tracked.consume(3);
        let error = tracked.fill_buf().unwrap_err();
        let bad = error.get_ref().unwrap().downcast_ref::<BadByte>().unwrap();
        assert_eq!(
            (bad.location, bad.offset, bad.byte),
            (Location::new(2, 1), 3, 0xFF)
        );
    }
}
