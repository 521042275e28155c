//! The nesting guard: refuses schemas nested too deeply, before pest recurses into them.
//!
//! pest, the lowering and everything that walks the tree afterwards recurse once per
//! level of nesting, and every level of the grammar that can nest opens a bracket (`(`,
//! `{` or `[`). Counting brackets outside literals and comments bounds the recursion of all
//! of them, whatever the thread's stack size.

use super::error::SyntaxError;
use super::escape::{Unescaped, ESCAPED_LINE_FEED};

/// The deepest nesting of brackets (`(`, `{`, `[`) a schema may have.
///
/// Real schemas nest a few dozen levels at most. At this depth the parser needs under
/// 768 KiB of stack in a debug build (much less optimised), which leaves the passes after
/// it most of a 2 MiB thread stack; pest refuses, rather than overflows, a thread with
/// too little stack for its part.
pub const MAX_DEPTH: usize = 64;

/// Refuses `unescaped` (whose original text is `original`) when its brackets nest deeper
/// than [`MAX_DEPTH`].
pub(crate) fn check(original: &str, unescaped: &Unescaped) -> Result<(), SyntaxError> {
    let text = unescaped.text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(&b) = text.get(i) {
        match b {
            b'(' | b'{' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    let offset = unescaped.original_offset(i);
                    return Err(SyntaxError::at_original(
                        original,
                        offset,
                        format!("brackets are nested more than {MAX_DEPTH} deep"),
                    ));
                }
            }
            b')' | b'}' | b']' => depth = depth.saturating_sub(1),
            b'#' => {
                i = end_of_line(text, i);
                continue;
            }
            b'"' | b'\'' => {
                i = end_of_literal(text, i);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// The offset of the line break that ends the comment starting at `start`, or the end.
pub(super) fn end_of_line(text: &[u8], start: usize) -> usize {
    let rest = text.get(start..).unwrap_or_default();
    rest.iter()
        .position(|&b| b == b'\n' || b == ESCAPED_LINE_FEED as u8)
        .map_or(text.len(), |n| start + n)
}

/// The offset just past the literal segment starting at `start` (or where an
/// unterminated one gives up: the end of its line, or of the text).
pub(super) fn end_of_literal(text: &[u8], start: usize) -> usize {
    let rest = text.get(start..).unwrap_or_default();
    let Some(&quote) = rest.first() else {
        return text.len();
    };
    let triple = [quote; 3];
    if rest.starts_with(&triple) {
        let body = rest.get(3..).unwrap_or_default();
        return body
            .windows(3)
            .position(|w| w == triple)
            .map_or(text.len(), |n| start + 3 + n + 3);
    }
    let body = rest.get(1..).unwrap_or_default();
    match body.iter().position(|&b| b == quote || b == b'\n') {
        Some(n) if body.get(n) == Some(&quote) => start + 1 + n + 1,
        Some(n) => start + 1 + n,
        None => text.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rnc::escape::unescape;

    fn verdict(text: &str) -> Result<(), String> {
        let unescaped = unescape(text).map_err(|e| e.to_string())?;
        check(text, &unescaped).map_err(|e| e.to_string())
    }

    #[test]
    fn counts_brackets_outside_literals_and_comments() {
        let deep = "(".repeat(MAX_DEPTH);
        assert_eq!(verdict(&deep), Ok(()));
        assert_eq!(
            verdict(&format!("{deep}(")),
            Err(format!(
                "brackets are nested more than {MAX_DEPTH} deep at 1:{}",
                MAX_DEPTH + 1
            ))
        );
        let quoted = format!("\"{deep}(\" '(' '''(\n(''' \"\"\"(\"\"\" # ((\n");
        assert_eq!(verdict(&quoted), Ok(()));
        assert_eq!(verdict(&"()".repeat(10 * MAX_DEPTH)), Ok(()));
    }
}
