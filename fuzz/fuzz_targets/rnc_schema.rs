//! The RNC schema parser and simplifier: arbitrary text as a schema; a schema that
//! compiles is then used to validate a few small documents, to exercise the validator on
//! pattern shapes the session schema never has.
#![no_main]

use cinesync::schema::Schema;
use libfuzzer_sys::fuzz_target;

const DOCUMENTS: [&str; 4] = [
    "<a/>",
    "<a x='1'>text<b/></a>",
    "<p:a xmlns:p='urn:p' p:x='y'><c>1 2</c></p:a>",
    "<session xmlns='http://www.cinesync.com/ns/session/3.0' version='3'/>",
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(schema) = Schema::parse_rnc(text) else {
        return;
    };
    for document in DOCUMENTS {
        let _ = schema.validate_str(document);
    }
});
