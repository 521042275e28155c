//! Comments are blanked before the grammar reads the text.
//!
//! A `#` comment (not a `##` documentation line) runs to the end of its line. pest would
//! read one through its implicit `COMMENT` rule, with the whole skip machinery per
//! character: measured at about 2,300 instructions per character, which made comments
//! most of the cost of parsing a commented schema. Replacing each byte of a comment by a
//! space keeps every offset where it was, so spans and error positions are unchanged.

use super::depth::{end_of_line, end_of_literal};

/// Replaces every byte of every `#` comment of `text` by a space; literals and `##`
/// documentation are left alone.
pub(super) fn blank(text: &mut String) {
    let mut bytes = std::mem::take(text).into_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' | b'\'' => i = end_of_literal(&bytes, i),
            b'#' if bytes.get(i + 1) == Some(&b'#') => i = end_of_line(&bytes, i),
            b'#' => {
                let end = end_of_line(&bytes, i);
                bytes[i..end].fill(b' ');
                i = end;
            }
            _ => i += 1,
        }
    }
    // Only whole comments, which run to an ASCII line break or the end, became spaces, so
    // the bytes are still UTF-8.
    *text = String::from_utf8(bytes).unwrap_or_default();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blanked(text: &str) -> String {
        let mut text = text.to_owned();
        blank(&mut text);
        text
    }

    #[test]
    fn comments_become_spaces_of_the_same_length() {
        assert_eq!(blanked("a # é\nb"), "a     \nb");
        assert_eq!(blanked("# only"), "      ");
        assert_eq!(blanked("x = \"#not\" # yes"), "x = \"#not\"      ");
        assert_eq!(blanked("## doc\n#c\n"), "## doc\n  \n");
        assert_eq!(blanked("'''a\n#b''' #c"), "'''a\n#b'''   ");
    }
}
