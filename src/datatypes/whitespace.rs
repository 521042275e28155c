//! The `whiteSpace` facet: what a type does to XML whitespace (space, tab, CR, LF) before it
//! looks at a value. Normalising borrows the text whenever it is already normal.

use std::borrow::Cow;

/// A type's whitespace handling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WhiteSpace {
    /// Keep the text as it is (`string`).
    Preserve,
    /// Turn each tab, CR and LF into a space (`normalizedString`).
    Replace,
    /// Replace, then drop leading and trailing spaces and squeeze runs into one space.
    Collapse,
}

/// Whether `b` is one of XML's four whitespace characters.
pub(crate) fn is_xml_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

impl WhiteSpace {
    /// `text` with this handling applied.
    pub(crate) fn apply(self, text: &str) -> Cow<'_, str> {
        match self {
            WhiteSpace::Preserve => Cow::Borrowed(text),
            WhiteSpace::Replace => replace(text),
            WhiteSpace::Collapse => collapse(text),
        }
    }
}

fn replace(text: &str) -> Cow<'_, str> {
    if !text.bytes().any(|b| matches!(b, b'\t' | b'\r' | b'\n')) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if matches!(c, '\t' | '\r' | '\n') {
                    ' '
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// `text` with whitespace collapsed.
pub(crate) fn collapse(text: &str) -> Cow<'_, str> {
    // Most values have no whitespace at all.
    if text.bytes().all(|b| b > b' ') {
        return Cow::Borrowed(text);
    }
    // Whitespace only at the ends (`\n  12\n`) needs no copy.
    let trimmed = text.trim_matches(|c: char| c.is_ascii() && is_xml_space(c as u8));
    if is_collapsed(trimmed) {
        return Cow::Borrowed(trimmed);
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_ascii() && is_xml_space(c as u8)) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

fn is_collapsed(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut previous_space = false;
    for &b in bytes {
        match b {
            b'\t' | b'\r' | b'\n' => return false,
            b' ' if previous_space => return false,
            _ => {}
        }
        previous_space = b == b' ';
    }
    true
}

/// The words of `text` between runs of XML whitespace.
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_ascii() && is_xml_space(c as u8))
        .filter(|word| !word.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_borrows_normal_text() {
        assert!(matches!(collapse("a b"), Cow::Borrowed("a b")));
        assert!(matches!(collapse(""), Cow::Borrowed("")));
        assert!(matches!(collapse("\n  12 \t"), Cow::Borrowed("12")));
        assert_eq!(collapse("  a \t\r\n b  "), "a b");
        assert_eq!(collapse(" "), "");
        assert_eq!(collapse("a\u{A0}b"), "a\u{A0}b");
    }

    #[test]
    fn replace_keeps_length() {
        assert_eq!(WhiteSpace::Replace.apply("a\tb\r\nc "), "a b  c ");
        assert!(matches!(WhiteSpace::Replace.apply("a b"), Cow::Borrowed(_)));
        assert_eq!(WhiteSpace::Preserve.apply(" \t"), " \t");
    }

    #[test]
    fn words_split_on_xml_space_only() {
        let found: Vec<&str> = words(" a\u{A0}b \n c ").collect();
        assert_eq!(found, vec!["a\u{A0}b", "c"]);
    }
}
