//! Errors and warnings rendered for people: `FILE:LINE:COL: error: message` on stderr.

use cinesync::{Error, Warning};

use super::exit::Exit;

/// Prints `error` about `input` to stderr and says which exit status it calls for:
/// 1 when the input is invalid, 2 for I/O trouble.
pub fn report_error(input: &str, error: &Error) -> Exit {
    let message = error.to_string();
    match error.location() {
        Some(at) => {
            let message = message
                .strip_suffix(&format!(" at {at}"))
                .unwrap_or(&message);
            eprintln!("{input}:{at}: error: {message}");
        }
        None => eprintln!("{input}: error: {message}"),
    }
    if error.is_invalid_input() {
        Exit::Invalid
    } else {
        Exit::Trouble
    }
}

/// Prints a loader warning about `input` to stderr.
pub fn report_warning(input: &str, warning: &Warning) {
    eprintln!(
        "{input}:{}: warning: {}: {}",
        warning.location, warning.path, warning.kind
    );
}
