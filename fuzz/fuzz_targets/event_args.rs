//! Event-handler arguments: the input is split at NUL bytes into arguments (raw bytes, so
//! not always Unicode) up to an empty one, and the rest is the session on stdin. Saved-frame
//! paths asked for with every script argument as a media name must stay inside the save folder.
#![no_main]

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::Component;

use cinesync::EventHandler;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (args_part, stdin) = match data.windows(2).position(|pair| pair == b"\0\0") {
        Some(at) => (&data[..at], &data[at + 2..]),
        None => (data, &[][..]),
    };
    let args: Vec<OsString> = args_part
        .split(|byte| *byte == 0)
        .map(|arg| OsString::from_vec(arg.to_vec()))
        .collect();
    let Ok(handler) = EventHandler::from_parts(args, stdin) else {
        return;
    };
    let _ = handler.url();
    let Some(dir) = handler.save_dir() else {
        return;
    };
    for name in handler.args() {
        if let Some(path) = handler.saved_frame_path(name, 1) {
            let relative = path.strip_prefix(dir).expect("saved frame inside the save folder");
            assert!(
                relative.components().all(|part| matches!(part, Component::Normal(_))),
                "{path:?} leaves {dir:?}"
            );
        }
    }
});
