//! `Command::parse`: arbitrary text as a URL; a command that parses must build a URL
//! that parses back to the same command.
#![no_main]

use cinesync::commands::Command;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(command) = Command::parse(text) else {
        return;
    };
    let url = command.to_url().expect("a parsed command builds its URL");
    let again = Command::parse(&url).expect("a built URL parses");
    assert_eq!(command, again, "{text} -> {url}");
});
