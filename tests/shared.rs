//! Helpers for the tests of every crate in the workspace (this file is included by
//! `tests/util.rs` and by `handler/tests/handlers.rs`): where the reference material is,
//! and a pipe nobody reads.
//!
//! The reference folder holds cineSync's specification (`formats.md`), the session schema
//! and the sample sessions (`sessions/`) that the tests check the toolkit against. It is
//! not part of the repository: it is the folder named by `CINESYNC_REFERENCE`, or else
//! `../shared/reference` beside the repository.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The environment variable naming the reference folder; a relative path is taken from
/// the repository's root.
pub const REFERENCE_VARIABLE: &str = "CINESYNC_REFERENCE";

/// The reference folder of the repository at `root` (the workspace's root folder).
///
/// Panics with the message of [`locate`] when it is missing: the tests cannot run without
/// it, and skipping them would hide that.
pub fn reference_dir_of(root: &Path) -> PathBuf {
    let named = std::env::var_os(REFERENCE_VARIABLE);
    match locate(root, named.as_deref()) {
        Ok(folder) => folder,
        Err(message) => panic!("{message}"),
    }
}

/// The reference folder given the value of `CINESYNC_REFERENCE` (`named`; unset or empty
/// means not given): that folder, taken from `root` when relative, else
/// `ROOT/../shared/reference`. When the folder it names is not there, or when it is not
/// given and the default is not there, the error names both places and says what the
/// folder is.
pub fn locate(root: &Path, named: Option<&OsStr>) -> Result<PathBuf, String> {
    let default = root.join("../shared/reference");
    let problem = match named.filter(|value| !value.is_empty()) {
        Some(value) => {
            let named = root.join(value);
            if named.is_dir() {
                return Ok(named);
            }
            format!(
                "{REFERENCE_VARIABLE} names {}, which is not a folder (and {} is not looked \
                 at when {REFERENCE_VARIABLE} is set)",
                named.display(),
                default.display()
            )
        }
        None if default.is_dir() => return Ok(default),
        None => format!(
            "{REFERENCE_VARIABLE} is not set, and {} is not a folder",
            default.display()
        ),
    };
    Err(format!(
        "the reference folder is missing: {problem}. The tests need cineSync's reference \
         material (formats.md, session-v3-schema.rnc and the sample sessions in sessions/), \
         which is not part of this repository: set {REFERENCE_VARIABLE} to the folder that \
         holds it, or put it at {}",
        default.display()
    ))
}

/// The writing end of a pipe whose reading end is already closed, to give a program as
/// its standard output: its first write fails with a broken pipe, as when the reader of
/// `program | head -1` has gone. (The reader is `true`, which has exited.)
pub fn closed_pipe() -> Stdio {
    let mut reader = Command::new("true")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("`true` starts");
    let writer = reader.stdin.take().expect("the pipe into `true`");
    reader.wait().expect("`true` ends");
    Stdio::from(writer)
}
