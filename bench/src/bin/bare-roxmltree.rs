//! `bare-roxmltree FILE`: reads and parses FILE with roxmltree and nothing else: the floor
//! for any reader that builds a tree.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: bare-roxmltree FILE");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("{path}: {error}");
            return ExitCode::from(2);
        }
    };
    match roxmltree::Document::parse(&text) {
        Ok(document) => {
            println!("{} nodes", document.descendants().count());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{path}: {error}");
            ExitCode::from(1)
        }
    }
}
