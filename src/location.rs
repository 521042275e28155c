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
    fn paths_index_every_step_but_the_root() {
        let path = ElementPath::root("session").child("media", 1);
        assert_eq!(path.to_string(), "/session/media[1]");
        assert_eq!(ElementPath::default().to_string(), "/");
    }
}
