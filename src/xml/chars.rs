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
    let bytes = name.as_bytes();
    let Some(&first) = bytes.first() else {
        return false;
    };
    // ASCII names, nearly all of them, are checked by table, a byte at a time.
    if name.is_ascii() {
        return ASCII_NAME[usize::from(first)] == START
            && bytes[1..].iter().all(|&b| ASCII_NAME[usize::from(b)] != 0);
    }
    let mut chars = name.chars();
    chars.next().is_some_and(is_name_start_char) && chars.all(is_name_char)
}

const START: u8 = 2;
const PART: u8 = 1;

/// For each ASCII byte: may it start a name (`START`), only continue one (`PART`), or
/// neither (0). The colon is neither: these are names without a prefix.
static ASCII_NAME: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphabetic() || c == b'_' {
            START
        } else if c.is_ascii_digit() || c == b'-' || c == b'.' {
            PART
        } else {
            0
        };
        b += 1;
    }
    table
};

/// Whether `name` is a `QName`: an `NCName`, or two joined by one colon.
pub fn is_qname(name: &str) -> bool {
    match name.bytes().position(|b| b == b':') {
        Some(colon) => {
            is_ncname(name.get(..colon).unwrap_or_default())
                && is_ncname(name.get(colon + 1..).unwrap_or_default())
        }
        None => is_ncname(name),
    }
}

/// The first character of `text` that XML does not allow, if any. ASCII text is checked
/// byte by byte without decoding.
pub fn first_invalid_char(text: &str) -> Option<char> {
    // Without short-circuit, so that the scan runs on whole vectors of bytes.
    let suspicious = text.bytes().fold(false, |found, b| {
        found | ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b >= 0xEF)
    });
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
        assert!(!is_ncname("a b"));
        assert!(!is_ncname("-a"));
        assert!(is_ncname("é1"));
        assert!(!is_ncname("a\u{7F}"));
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
