//! A linear pre-scan of XML text that finds how deep elements nest and how many attributes
//! a start tag has, so that such input is refused with an error instead of overflowing the
//! stack of a recursive parser, or taking minutes in a parser that compares every
//! attribute with every other (roxmltree's duplicate check: 200,000 attributes on one
//! element took three minutes).
//!
//! The scan only counts; the parser that runs after it checks well-formedness.

use memchr::{memchr, memmem};

/// The deepest element nesting accepted. cineSync sessions nest seven levels; the limit
/// leaves room for any extension content while keeping recursive parsing within a 2 MiB
/// thread stack.
pub const MAX_DEPTH: usize = 256;

/// The most attributes a start tag may have. cineSync's elements have at most six; the
/// limit keeps a quadratic duplicate check under a tenth of a second.
pub const MAX_ATTRIBUTES: usize = 4096;

/// A limit that a start tag passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    /// The element nests deeper than [`MAX_DEPTH`].
    Depth,
    /// The element has more than [`MAX_ATTRIBUTES`] attributes.
    Attributes,
}

/// The byte offset of the first start tag that nests deeper than `depth_limit` or has
/// more than [`MAX_ATTRIBUTES`] attributes, if any, and which limit it passes.
pub fn first_over_limit(text: &str, depth_limit: usize) -> Option<(usize, Exceeded)> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(found) = memchr(b'<', &bytes[at..]) {
        let start = at + found;
        let rest = &bytes[start..];
        at = match rest.get(1) {
            Some(b'/') => {
                depth = depth.saturating_sub(1);
                skip_past(bytes, start, b">")
            }
            Some(b'?') => skip_past(bytes, start, b"?>"),
            Some(b'!') if rest.starts_with(b"<!--") => skip_past(bytes, start + 4, b"-->"),
            Some(b'!') if rest.starts_with(b"<![CDATA[") => skip_past(bytes, start, b"]]>"),
            Some(b'!') => skip_past(bytes, start, b">"),
            _ => {
                let (end, self_closing, values) = start_tag_end(bytes, start + 1);
                if values > MAX_ATTRIBUTES {
                    return Some((start, Exceeded::Attributes));
                }
                if !self_closing {
                    depth += 1;
                    if depth > depth_limit {
                        return Some((start, Exceeded::Depth));
                    }
                }
                end
            }
        };
    }
    None
}

/// The offset just past the first `needle` at or after `from` (the end of the text when
/// there is none).
fn skip_past(bytes: &[u8], from: usize, needle: &[u8]) -> usize {
    match memmem::find(&bytes[from.min(bytes.len())..], needle) {
        Some(found) => from + found + needle.len(),
        None => bytes.len(),
    }
}

/// The offset just past the `>` that ends a start tag, skipping quoted attribute values
/// (which may hold `>`), whether the tag closes itself, and how many quoted values it has.
fn start_tag_end(bytes: &[u8], mut at: usize) -> (usize, bool, usize) {
    let mut values = 0;
    loop {
        let Some(found) = memchr::memchr3(b'>', b'"', b'\'', &bytes[at..]) else {
            return (bytes.len(), false, values);
        };
        let position = at + found;
        match bytes[position] {
            b'>' => {
                return (
                    position + 1,
                    position > 0 && bytes[position - 1] == b'/',
                    values,
                )
            }
            quote => {
                values += 1;
                at = match memchr(quote, &bytes[position + 1..]) {
                    Some(close) => position + 1 + close + 1,
                    None => return (bytes.len(), false, values),
                };
            }
        }
    }
}

/// Whether `text` holds a `<` in a place the scan treats as markup (used by tests).
#[cfg(test)]
fn has_markup(text: &str) -> bool {
    memchr::memchr2(b'<', b'>', text.as_bytes()).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_nesting_and_skips_what_is_not_a_tag() {
        let text = r#"<?xml version="1.0"?><!-- <a><a><a> --><a x="<>" y='/>'><b/><![CDATA[<c><c>]]><c><d></d></c></a>"#;
        assert_eq!(first_over_limit(text, 3), None);
        assert_eq!(
            first_over_limit(text, 2),
            Some((text.find("<d>").unwrap(), Exceeded::Depth))
        );
        assert!(has_markup(text));
    }

    #[test]
    fn a_hundred_thousand_levels_are_found_without_recursion() {
        let text = "<a>".repeat(100_000) + &"</a>".repeat(100_000);
        assert_eq!(
            first_over_limit(&text, MAX_DEPTH),
            Some((3 * MAX_DEPTH, Exceeded::Depth))
        );
        assert_eq!(first_over_limit(&text, 100_000), None);
    }

    #[test]
    fn truncated_input_ends_the_scan() {
        assert_eq!(first_over_limit("<a x=\"unterminated", 1), None);
        assert_eq!(first_over_limit("<a><!-- never closed", 1), None);
    }

    #[test]
    fn too_many_attributes_are_found() {
        let attributes: String = (0..=MAX_ATTRIBUTES).map(|i| format!(" a{i}='1'")).collect();
        let text = format!("<r><e{attributes}/></r>");
        assert_eq!(
            first_over_limit(&text, MAX_DEPTH),
            Some((3, Exceeded::Attributes))
        );
        let fewer: String = (0..MAX_ATTRIBUTES).map(|i| format!(" a{i}='1'")).collect();
        assert_eq!(first_over_limit(&format!("<e{fewer}/>"), MAX_DEPTH), None);
    }
}
