//! The character classes of XML 1.0 (fifth edition): which characters a document may hold
//! and which may start or continue a name.

/// Whether `c` may appear in an XML document at all (the `Char` production).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// Whether `c` may start a name (`NameStartChar`, without the colon of namespaces).
pub fn is_name_start_char(c: char) -> bool {
    matches!(c,
        'A'..='Z' | '_' | 'a'..='z'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

/// Whether `c` may continue a name (`NameChar`, without the colon of namespaces).
pub fn is_name_char(c: char) -> bool {
    is_name_start_char(c)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// Whether `name` is an `NCName`: a name without a colon.
pub fn is_ncname(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(is_name_start_char) && chars.all(is_name_char)
}

/// Whether `name` is a `QName`: an `NCName`, or two joined by one colon.
pub fn is_qname(name: &str) -> bool {
    match name.split_once(':') {
        Some((prefix, local)) => is_ncname(prefix) && is_ncname(local),
        None => is_ncname(name),
    }
}

/// The first character of `text` that XML does not allow, if any. ASCII text is checked
/// byte by byte without decoding.
pub fn first_invalid_char(text: &str) -> Option<char> {
    let bytes = text.as_bytes();
    let suspicious = bytes
        .iter()
        .any(|&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b >= 0xEF);
    if !suspicious {
        return None;
    }
    text.chars().find(|&c| !is_xml_char(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_productions() {
        assert!(is_ncname("media"));
        assert!(is_ncname("_a-b.c9"));
        assert!(is_ncname("名前"));
        assert!(!is_ncname("1a"));
        assert!(!is_ncname("a:b"));
        assert!(!is_ncname(""));
        assert!(is_qname("csc:media"));
        assert!(!is_qname("a:b:c"));
        assert!(!is_qname(":a"));
    }

    #[test]
    fn control_characters_and_non_characters_are_found() {
        assert_eq!(first_invalid_char("ok\ttext\n"), None);
        assert_eq!(first_invalid_char("a\u{1}b"), Some('\u{1}'));
        assert_eq!(first_invalid_char("a\u{FFFE}"), Some('\u{FFFE}'));
        assert_eq!(first_invalid_char("é ✓ 背景"), None);
    }
}
