//! `anyURI` as jing checks it: permissive. Any text is a URI reference except that a `%`
//! must start two hex digits, there is at most one `#`, and a scheme (text before a `:`
//! that comes before any `/`, `?` or `#`) must be a letter then letters, digits, `+`, `-`,
//! `.`, with something other than a fragment after the colon (`a:#b` is refused). Spaces
//! and non-ASCII characters are fine.

/// Whether jing takes `text` (already collapsed) as an `anyURI`.
pub(crate) fn is_uri(text: &str) -> bool {
    valid_percents(text) && text.matches('#').count() <= 1 && valid_scheme(text)
}

fn valid_percents(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().all(|(i, &b)| {
        b != b'%'
            || (bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    })
}

fn valid_scheme(text: &str) -> bool {
    let Some(colon) = text.find(':') else {
        return true;
    };
    let scheme = &text.as_bytes()[..colon];
    if scheme.iter().any(|b| matches!(b, b'#' | b'/' | b'?')) {
        return true; // a relative reference
    }
    // jing refuses an absolute URI with nothing between the colon and the fragment.
    let before_fragment = text.split('#').next().unwrap_or(text);
    colon + 1 != before_fragment.len()
        && scheme.first().is_some_and(u8::is_ascii_alphabetic)
        && scheme
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jings_rules() {
        for good in [
            "http://example.com/",
            "",
            "a b",
            "%41",
            "é",
            "a/b:c",
            "mailto:x@y",
            "#f",
            "?a:b",
            "a+b:c",
        ] {
            assert!(is_uri(good), "{good}");
        }
        for bad in [
            "%", "%4", "%zz", "a#b#c", "http:", ":a", "1a:b", "a_b:c", "a:#b",
        ] {
            assert!(!is_uri(bad), "{bad}");
        }
    }
}
