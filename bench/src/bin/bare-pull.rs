//! `bare-pull FILE`: one pass of quick-xml's namespace-aware pull parser over FILE, reading
//! every attribute and text and doing nothing with them: the floor for any streaming
//! validator.

use std::fs::File;
use std::io::BufReader;
use std::process::ExitCode;

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use quick_xml::XmlVersion;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: bare-pull FILE");
        return ExitCode::from(2);
    };
    let file = match File::open(&path) {
        Ok(file) => file,
        Err(error) => {
            eprintln!("{path}: {error}");
            return ExitCode::from(2);
        }
    };
    match pass(BufReader::with_capacity(64 * 1024, file)) {
        Ok(events) => {
            println!("{events} events");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{path}: {error}");
            ExitCode::from(1)
        }
    }
}

/// Counts events, resolving every element's namespace and unescaping every attribute
/// value and text, as a validator must.
fn pass(input: impl std::io::BufRead) -> Result<u64, quick_xml::Error> {
    let mut reader = NsReader::from_reader(input);
    let mut buffer = Vec::new();
    let mut events = 0u64;
    let mut checksum = 0usize;
    loop {
        let (namespace, event) = reader.read_resolved_event_into(&mut buffer)?;
        if let ResolveResult::Bound(uri) = namespace {
            checksum = checksum.wrapping_add(uri.as_ref().len());
        }
        match event {
            Event::Start(tag) | Event::Empty(tag) => {
                for attribute in tag.attributes() {
                    let attribute = attribute.map_err(quick_xml::Error::from)?;
                    let value = attribute.normalized_value(XmlVersion::Implicit1_0)?;
                    checksum = checksum.wrapping_add(value.len());
                }
            }
            Event::Text(text) => {
                checksum =
                    checksum.wrapping_add(text.decode().map_err(quick_xml::Error::from)?.len())
            }
            Event::Eof => break,
            _ => {}
        }
        events += 1;
        buffer.clear();
    }
    std::hint::black_box(checksum);
    Ok(events)
}
