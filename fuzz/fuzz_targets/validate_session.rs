//! Validation against the session schema: arbitrary bytes through the streaming validator
//! and, when they are UTF-8, through the tree validator too; whenever both sources read
//! the document, their reports must be identical.
#![no_main]

use cinesync::schema::session_v3;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let streamed = session_v3().validate_reader(data);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(document) = cinesync::xml::parse_document(text) else {
        return;
    };
    let from_tree = session_v3().validate_document(&document);
    if let Ok(streamed) = streamed {
        assert_eq!(streamed, from_tree, "the two event sources disagree");
    }
});
