//! Where something is in an input: a line and column, and the path of the element.

use std::fmt;

/// A 1-based line and column in a text input, counted in characters.
///
/// Displays as `line:column`.
///
/// ```
/// let at = cinesync::Location::new(3, 14);
/// assert_eq!(at.to_string(), "3:14");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
pub struct Location {
    /// The line, starting at 1.
    pub line: u32,
    /// The column, starting at 1.
    pub column: u32,
}

impl Location {
    /// Makes a location from a 1-based line and column.
    pub fn new(line: u32, column: u32) -> Location {
        Location { line, column }
    }

    /// The location just past `bytes` (UTF-8 text) when they start at `from`.
    pub(crate) fn advance(from: Location, bytes: &[u8]) -> Location {
        // Plain counting loops (which the compiler vectorises) beat library searches on
        // the short pieces this is called for, one per parsed event.
        let mut location = from;
        let newlines = bytes.iter().filter(|&&b| b == b'\n').count();
        if newlines == 0 {
            location.column = location.column.saturating_add(count_chars(bytes));
            return location;
        }
        let line_start = bytes
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |at| at + 1);
        location.line = location.line.saturating_add(saturate(newlines));
        location.column = 1u32.saturating_add(count_chars(&bytes[line_start..]));
        location
    }

    /// The location of byte offset `offset` in `text` (clamped to the end of the text).
    pub fn of_offset(text: &str, offset: usize) -> Location {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Location::new(saturate(line), saturate(column))
    }
}

/// Characters in UTF-8 bytes: the bytes that are not continuation bytes.
fn count_chars(bytes: &[u8]) -> u32 {
    saturate(
        bytes
            .iter()
            .map(|&b| usize::from((b & 0xC0) != 0x80))
            .sum::<usize>(),
    )
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl From<roxmltree::TextPos> for Location {
    fn from(pos: roxmltree::TextPos) -> Location {
        Location::new(pos.row, pos.col)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Turns byte offsets of one text into locations quickly: line starts are found once,
/// and a lookup after the previous one on the same line counts only the characters in
/// between. Any number of lookups over a document in order costs time linear in its size.
#[derive(Debug)]
pub struct TextIndex<'a> {
    text: &'a str,
    line_starts: std::cell::OnceCell<Vec<usize>>,
    last: std::cell::Cell<(usize, Location)>,
}

impl<'a> TextIndex<'a> {
    /// An index over `text`; nothing is computed until the first lookup.
    pub fn new(text: &'a str) -> TextIndex<'a> {
        TextIndex {
            text,
            line_starts: std::cell::OnceCell::new(),
            last: std::cell::Cell::new((0, Location::new(1, 1))),
        }
    }

    /// The location of byte offset `offset` (clamped to the text).
    pub fn location(&self, offset: usize) -> Location {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1))
                .collect()
        });
        let line_index = starts.partition_point(|&start| start <= offset) - 1;
        let line_start = starts[line_index];
        let (last_offset, last_location) = self.last.get();
        let (from, column) = if last_offset >= line_start
            && last_offset <= offset
            && last_location.line as usize == line_index + 1
        {
            (last_offset, last_location.column as usize)
        } else {
            (line_start, 1)
        };
        let column = column + self.text[from..offset].chars().count();
        let location = Location::new(saturate(line_index + 1), saturate(column));
        self.last.set((offset, location));
        location
    }
}

/// The path of an element from the document root, such as
/// `/session/media[2]/annotation[3]/line[1]`.
///
/// Every step below the root carries its 1-based index among the siblings of the same name.
///
/// ```
/// let mut path = cinesync::ElementPath::root("session");
/// path.push("media", 2);
/// path.push("annotation", 3);
/// assert_eq!(path.to_string(), "/session/media[2]/annotation[3]");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct ElementPath {
    steps: Vec<(String, usize)>,
}

impl ElementPath {
    /// A path holding only the root element.
    pub fn root(name: &str) -> ElementPath {
        ElementPath {
            steps: vec![(name.to_owned(), 1)],
        }
    }

    /// Appends a child step: the element's local name and its 1-based index among the
    /// siblings of that name.
    pub fn push(&mut self, name: &str, index: usize) {
        self.steps.push((name.to_owned(), index));
    }

    /// Removes the last step.
    pub fn pop(&mut self) {
        self.steps.pop();
    }

    /// A copy of this path with one more step.
    pub fn child(&self, name: &str, index: usize) -> ElementPath {
        let mut path = self.clone();
        path.push(name, index);
        path
    }

    /// The number of steps, the root included.
    pub fn depth(&self) -> usize {
        self.steps.len()
    }

    /// True when the path has no step at all.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }
}

impl fmt::Display for ElementPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.steps.is_empty() {
            return f.write_str("/");
        }
        for (depth, (name, index)) in self.steps.iter().enumerate() {
            if depth == 0 {
                write!(f, "/{name}")?;
            } else {
                write!(f, "/{name}[{index}]")?;
            }
        }
        Ok(())
    }
}

impl serde::Serialize for ElementPath {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "ab\ncdé\nf";
        assert_eq!(Location::of_offset(text, 0), Location::new(1, 1));
        assert_eq!(Location::of_offset(text, 3), Location::new(2, 1));
        assert_eq!(Location::of_offset(text, 7), Location::new(2, 4));
        assert_eq!(Location::of_offset(text, 100), Location::new(3, 2));
    }

    #[test]
    fn the_index_agrees_with_direct_counting_in_any_order() {
        let text = "ab\ncdé\nf\n\nxyz";
        let index = TextIndex::new(text);
        let offsets: Vec<usize> = (0..=text.len()).chain((0..=text.len()).rev()).collect();
        for offset in offsets {
            assert_eq!(
                index.location(offset),
                Location::of_offset(text, offset),
                "offset {offset}"
            );
        }
    }

    #[test]
    fn paths_index_every_step_but_the_root() {
        let path = ElementPath::root("session").child("media", 1);
        assert_eq!(path.to_string(), "/session/media[1]");
        assert_eq!(ElementPath::default().to_string(), "/");
    }
}
