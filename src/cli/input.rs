//! Reading a session named on the command line: a file path, or `-` for standard input.

use std::path::Path;

use cinesync::{Loaded, Session};

use super::exit::Exit;
use super::render;

/// The name to show for an input in messages.
pub fn display_name(input: &Path) -> String {
    if is_stdin(input) {
        "<stdin>".to_owned()
    } else {
        input.display().to_string()
    }
}

/// Whether the input named on the command line is standard input (`-`).
pub fn is_stdin(input: &Path) -> bool {
    input.as_os_str() == "-"
}

/// Whether the output named on the command line is standard output (`-`, as for inputs).
pub fn is_stdout(output: &Path) -> bool {
    is_stdin(output)
}

/// Loads the session at `input` (`-` for stdin), printing its warnings. On failure the
/// error is printed and the exit status it calls for is returned.
pub fn load_session(input: &Path) -> Result<Session, Exit> {
    let name = display_name(input);
    let loaded = if is_stdin(input) {
        Session::load_reader(std::io::stdin().lock())
    } else {
        Session::load_path(input)
    };
    match loaded {
        Ok(Loaded { session, warnings }) => {
            for warning in &warnings {
                render::report_warning(&name, warning);
            }
            Ok(session)
        }
        Err(error) => Err(render::report_error(&name, &error)),
    }
}
