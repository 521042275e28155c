//! `cinesync-export-notes`: the session's notes to a CSV or JSON file. See
//! `cinesync_handler::export_notes`.

fn main() -> std::process::ExitCode {
    use cinesync_handler::export_notes::{run, Options};
    cinesync_handler::main::<Options>("cinesync-export-notes", run)
}
