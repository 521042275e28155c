//! XML names as jing checks them: XML 1.0 (fourth edition) name characters, from jing's own
//! tables; a character outside the BMP is never part of a name.

use super::super::tables::{NAME_CHAR, NAME_START};

fn in_table(table: &[(u32, u32)], c: char) -> bool {
    let c = u32::from(c);
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Whether `c` may start a name (`:` included).
pub(crate) fn is_name_start(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic() || c == '_' || c == ':';
    }
    in_table(NAME_START, c)
}

/// Whether `c` may appear in a name (`:` included).
pub(crate) fn is_name_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '-' | '.');
    }
    in_table(NAME_CHAR, c)
}

/// `Name`.
pub(crate) fn is_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(is_name_start) && chars.all(is_name_char)
}

/// `NCName`: a name without colons.
pub(crate) fn is_ncname(text: &str) -> bool {
    !text.contains(':') && is_name(text)
}

/// `NMTOKEN`.
pub(crate) fn is_nmtoken(text: &str) -> bool {
    !text.is_empty() && text.chars().all(is_name_char)
}

/// `QName`: an NCName, or two joined by one colon.
pub(crate) fn is_qname(text: &str) -> bool {
    match text.split_once(':') {
        Some((prefix, local)) => is_ncname(prefix) && is_ncname(local),
        None => is_ncname(text),
    }
}

/// `language`: jing's pattern `[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*`.
pub(crate) fn is_language(text: &str) -> bool {
    let mut parts = text.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fourth_edition_names() {
        assert!(is_name("a:b") && is_name(":a") && is_name("é") && is_name("〡"));
        assert!(!is_name("1a") && !is_name("-a") && !is_name("·a") && !is_name(""));
        assert!(!is_name("ʰ") && !is_name("⁰") && !is_name("ǅ") && !is_name("a😀"));
        assert!(is_nmtoken("·a") && is_nmtoken("a्") && is_nmtoken("1"));
        assert!(!is_nmtoken("a b") && !is_nmtoken(""));
    }

    #[test]
    fn qnames_and_languages() {
        assert!(is_qname("p:a") && is_qname("a"));
        assert!(!is_qname(":a") && !is_qname("p:") && !is_qname("p:a:b") && !is_qname("1p:a"));
        assert!(is_language("en") && is_language("en-US") && is_language("x-klingon"));
        assert!(!is_language("en_US") && !is_language("abcdefghi") && !is_language("en-"));
        assert!(!is_language("1en") && !is_language("") && !is_language("en--US"));
    }
}
