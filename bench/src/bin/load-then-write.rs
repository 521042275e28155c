//! `load-then-write FILE`: loads FILE into the session model, then writes the model back
//! to XML in memory, and prints how long each took (seconds, as JSON): reading and
//! writing measured side by side on the same bytes.

use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: load-then-write FILE");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("{path}: {error}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    let session = match cinesync::Session::load_str(&text) {
        Ok(loaded) => loaded.session,
        Err(error) => {
            eprintln!("{path}: {error}");
            return ExitCode::from(1);
        }
    };
    let loaded = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let written = match session.to_xml() {
        Ok(xml) => xml.len(),
        Err(error) => {
            eprintln!("{path}: {error}");
            return ExitCode::from(1);
        }
    };
    let wrote = started.elapsed().as_secs_f64();
    println!("{{\"load_seconds\": {loaded}, \"write_seconds\": {wrote}, \"read_bytes\": {}, \"written_bytes\": {written}}}", text.len());
    ExitCode::SUCCESS
}
