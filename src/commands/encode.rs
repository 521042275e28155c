//! Percent-encoding and decoding as `formats.md` defines them for `cinesync:` URLs.
//!
//! Kept as is: ASCII letters, digits, `_`, `.` and `-` (and `/` for *quote*). Every other
//! byte of the UTF-8 text becomes `%XX` with upper-case hex.

use percent_encoding::{
    percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS, NON_ALPHANUMERIC,
};

use super::error::{UrlError, UrlPart};

/// The bytes *quote-plus* encodes: everything but ASCII letters, digits, `_`, `.`, `-`.
const QUOTE_PLUS_SET: &AsciiSet = &NON_ALPHANUMERIC.remove(b'_').remove(b'.').remove(b'-');

/// The bytes *quote* encodes: as *quote-plus*, but `/` is kept.
const QUOTE_SET: &AsciiSet = &QUOTE_PLUS_SET.remove(b'/');

/// *quote*: percent-encodes `text`, keeping `/`.
pub(super) fn quote(text: &str) -> String {
    utf8_percent_encode(text, QUOTE_SET).to_string()
}

/// *quote-plus*: percent-encodes `text`, `/` included, with a space written `+`.
pub(super) fn quote_plus(text: &str) -> String {
    text.split(' ')
        .map(|piece| utf8_percent_encode(piece, QUOTE_PLUS_SET).to_string())
        .collect::<Vec<_>>()
        .join("+")
}

/// The bytes that cannot stand for themselves in the query of a URL, as the URL standard
/// lists them: controls, space, `"`, `#` (which would start a fragment), `<` and `>`.
/// Bytes outside ASCII are always encoded.
const QUERY_SET: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b'#').add(b'<').add(b'>');

/// A script query made fit for a URL: every byte that cannot stand for itself in a query
/// ([`QUERY_SET`], and anything outside ASCII) becomes `%XX`, and so does a `%` that does
/// not start an escape of two hexadecimal digits. Everything else is kept byte for byte:
/// escapes, `&`, `=`, `+`. Applying it twice changes nothing more.
pub(super) fn escape_query(raw: &str) -> String {
    let mut escaped = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('%') {
        escaped.extend(utf8_percent_encode(&rest[..at], QUERY_SET));
        let after = &rest.as_bytes()[at + 1..];
        let is_escape = after.len() >= 2 && after[..2].iter().all(u8::is_ascii_hexdigit);
        escaped.push_str(if is_escape { "%" } else { "%25" });
        rest = &rest[at + 1..];
    }
    escaped.extend(utf8_percent_encode(rest, QUERY_SET));
    escaped
}

/// Checks that every `%` in `raw` starts an escape of two hexadecimal digits (either case).
pub(super) fn check_escapes(raw: &str, part: UrlPart) -> Result<(), UrlError> {
    let bytes = raw.as_bytes();
    for (index, _) in raw.match_indices('%') {
        let digits = bytes.get(index + 1..index + 3);
        if !digits.is_some_and(|pair| pair.iter().all(u8::is_ascii_hexdigit)) {
            let escape: String = raw[index..].chars().take(3).collect();
            return Err(UrlError::Escape { part, escape });
        }
    }
    Ok(())
}

/// Decodes percent-escapes in `raw` (and `+` as a space when `plus_is_space`), checking
/// that the escapes are well formed and the result is UTF-8 text.
pub(super) fn decode(raw: &str, part: UrlPart, plus_is_space: bool) -> Result<String, UrlError> {
    check_escapes(raw, part)?;
    let spaced;
    let raw = if plus_is_space {
        spaced = raw.replace('+', " ");
        &spaced
    } else {
        raw
    };
    percent_decode_str(raw)
        .decode_utf8()
        .map(|text| text.into_owned())
        .map_err(|_| UrlError::NotUtf8 { part })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_keeps_only_the_unreserved_bytes_and_slash() {
        assert_eq!(quote("aZ09_.-/"), "aZ09_.-/");
        assert_eq!(
            quote(" !#@?{}~+%*'"),
            "%20%21%23%40%3F%7B%7D%7E%2B%25%2A%27"
        );
        assert_eq!(quote("é"), "%C3%A9");
    }

    #[test]
    fn quote_plus_encodes_slash_and_writes_space_as_plus() {
        assert_eq!(quote_plus("/a b+c/"), "%2Fa+b%2Bc%2F");
        assert_eq!(quote_plus("  "), "++");
    }

    #[test]
    fn escaping_a_query_encodes_only_what_a_url_query_cannot_hold() {
        assert_eq!(escape_query("a=1&b=%20+c"), "a=1&b=%20+c");
        assert_eq!(escape_query("a=1#frag"), "a=1%23frag");
        assert_eq!(escape_query("a b\t\"<>"), "a%20b%09%22%3C%3E");
        assert_eq!(escape_query("é=日"), "%C3%A9=%E6%97%A5");
        assert_eq!(escape_query("100%"), "100%25");
        assert_eq!(escape_query("%4g%%41%"), "%254g%25%41%25");
        assert_eq!(escape_query("%é"), "%25%C3%A9");
        assert_eq!(escape_query("{}|\\^`'!$()*,;:@/?~"), "{}|\\^`'!$()*,;:@/?~");
        for raw in ["a=1#frag", "100%", "%4g%%41%", "é b"] {
            let once = escape_query(raw);
            assert_eq!(escape_query(&once), once, "{raw}");
        }
    }

    #[test]
    fn decoding_accepts_either_case_and_rejects_bad_escapes() {
        let part = UrlPart::SessionKey;
        assert_eq!(decode("%c3%A9+", part, false), Ok("é+".to_owned()));
        assert_eq!(decode("%2b+", part, true), Ok("+ ".to_owned()));
        for (raw, escape) in [("a%", "%"), ("%4", "%4"), ("%4g", "%4g"), ("%é1", "%é1")] {
            let expected = UrlError::Escape {
                part,
                escape: escape.to_owned(),
            };
            assert_eq!(decode(raw, part, false), Err(expected), "{raw}");
        }
        assert_eq!(decode("%FF", part, false), Err(UrlError::NotUtf8 { part }));
    }
}
