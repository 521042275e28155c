//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The folder holding the project's reference material (`../shared/reference`).
pub fn reference_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference")
}

/// A reference session file by name.
pub fn reference_session(name: &str) -> PathBuf {
    reference_dir().join("sessions").join(name)
}

/// The text of a reference session file.
pub fn reference_text(name: &str) -> String {
    std::fs::read_to_string(reference_session(name)).expect("reference session is readable")
}

/// A `Command` running the `cinesync` binary built for these tests.
pub fn cinesync() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cinesync"))
}

/// Runs `command` and returns its output, with stdin closed.
pub fn run(command: &mut Command) -> Output {
    command
        .stdin(std::process::Stdio::null())
        .output()
        .expect("the command starts")
}

/// Stdout of an output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Stderr of an output as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
