//! Errors rendered for people: `FILE:LINE:COL: error: message` on stderr.

use cinesync::Error;

use super::exit::Exit;

/// Prints `error` about `input` to stderr and says which exit status it calls for.
pub fn report_error(input: &str, error: &Error) -> Exit {
    match error.location() {
        Some(at) => eprintln!("{input}:{at}: error: {error}"),
        None => eprintln!("{input}: error: {error}"),
    }
    if error.is_invalid_input() {
        Exit::Invalid
    } else {
        Exit::Trouble
    }
}

/// Prints a warning about `input` to stderr.
pub fn report_warning(input: &str, warning: &dyn std::fmt::Display) {
    eprintln!("{input}: warning: {warning}");
}
