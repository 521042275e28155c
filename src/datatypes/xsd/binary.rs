//! `hexBinary` and `base64Binary`, checked as jing checks them: hex allows whitespace only
//! around the digits, base64 anywhere; base64 padding must leave the unused bits zero.
//! Lengths count octets.

use crate::datatypes::whitespace::is_xml_space;

/// The octets in a `hexBinary`, or `None` when `text` is not one.
pub(crate) fn hex_len(text: &str) -> Option<usize> {
    let digits = hex_digits(text);
    (digits.len() % 2 == 0 && digits.bytes().all(|b| b.is_ascii_hexdigit()))
        .then_some(digits.len() / 2)
}

/// The hex digits, without the surrounding whitespace.
pub(crate) fn hex_digits(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_ascii() && is_xml_space(c as u8))
}

fn base64_weight(b: u8) -> Option<u8> {
    match b {
        b'A'..=b'Z' => Some(b - b'A'),
        b'a'..=b'z' => Some(b - b'a' + 26),
        b'0'..=b'9' => Some(b - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// The octets in a `base64Binary`, or `None` when `text` is not one.
pub(crate) fn base64_len(text: &str) -> Option<usize> {
    let (mut chars, mut padding, mut last_weight) = (0usize, 0usize, 0u8);
    for b in text.bytes() {
        if is_xml_space(b) {
            continue;
        }
        if b == b'=' {
            padding += 1;
            if padding > 2 {
                return None;
            }
            continue;
        }
        let weight = base64_weight(b)?;
        if padding > 0 {
            return None;
        }
        last_weight = weight;
        chars += 1;
    }
    if (chars + padding) % 4 != 0 {
        return None;
    }
    let unused_bits_clear = match padding {
        1 => last_weight & 0x3 == 0,
        2 => last_weight & 0xF == 0,
        _ => true,
    };
    unused_bits_clear.then_some((chars + padding) / 4 * 3 - padding)
}

/// Whether two valid `base64Binary` texts hold the same octets: with the padding bits zero,
/// the characters other than whitespace determine the octets.
pub(crate) fn same_base64(a: &str, b: &str) -> bool {
    fn significant(s: &str) -> impl Iterator<Item = u8> + '_ {
        s.bytes().filter(|&b| !is_xml_space(b))
    }
    significant(a).eq(significant(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex() {
        assert_eq!(hex_len(""), Some(0));
        assert_eq!(hex_len(" 0fA9 "), Some(2));
        assert_eq!(hex_len("0"), None);
        assert_eq!(hex_len("0 f"), None);
        assert_eq!(hex_len("0g"), None);
    }

    #[test]
    fn base64() {
        assert_eq!(base64_len(""), Some(0));
        assert_eq!(base64_len("AAAA"), Some(3));
        assert_eq!(base64_len("AAA="), Some(2));
        assert_eq!(base64_len("AQ=="), Some(1));
        assert_eq!(base64_len("A A\nA A"), Some(3));
        assert_eq!(base64_len("AB=="), None);
        assert_eq!(base64_len("A==="), None);
        assert_eq!(base64_len("AA=A"), None);
        assert_eq!(base64_len("AAA"), None);
        assert_eq!(base64_len("é"), None);
        assert!(same_base64("A Q==", "AQ =="));
    }
}
