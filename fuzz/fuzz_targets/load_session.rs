//! Session loading: arbitrary bytes through the loader; whatever loads must write back,
//! and what it writes must load again and write the same bytes (the round trip is stable).
#![no_main]

use cinesync::Session;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(loaded) = Session::load_reader(data) else {
        return;
    };
    let Ok(written) = loaded.session.to_xml() else {
        return;
    };
    let reloaded = Session::load_str(&written)
        .unwrap_or_else(|error| panic!("written session does not load: {error}\n{written}"));
    let rewritten = reloaded.session.to_xml().expect("reloaded session writes");
    assert_eq!(written, rewritten, "the round trip is not stable");
});
