//! RELAX NG's builtin library: `string` (the text as it is) and `token` (whitespace
//! collapsed). Both accept any text and, as in jing, take no parameters.

use super::whitespace::WhiteSpace;

/// The whitespace handling of the builtin type `name`, if there is one.
pub(crate) fn lookup(name: &str) -> Option<(&'static str, WhiteSpace)> {
    match name {
        "string" => Some(("string", WhiteSpace::Preserve)),
        "token" => Some(("token", WhiteSpace::Collapse)),
        _ => None,
    }
}
