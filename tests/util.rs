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

/// Runs jing (the reference RELAX NG validator) once on many files with a compact-syntax
/// schema and gives each file's verdict: `Ok(())` or `Err(jing's messages)`.
///
/// Returns `None`, after saying so loudly, when jing is not installed, except under CI
/// (the `CI` environment variable), where a missing jing fails the test.
pub fn jing_verdicts(
    schema: &Path,
    files: &[PathBuf],
) -> Option<Vec<(PathBuf, Result<(), String>)>> {
    let output = match Command::new("jing")
        .arg("-c")
        .arg(schema)
        .args(files)
        .output()
    {
        Ok(output) => output,
        Err(error) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "jing is required under CI: {error}"
            );
            eprintln!("SKIPPED: jing is not installed ({error}); install Debian's `jing` to compare verdicts");
            return None;
        }
    };
    let report = String::from_utf8_lossy(&output.stdout);
    let verdicts = files
        .iter()
        .map(|file| {
            let prefix = format!("{}:", file.display());
            let messages: Vec<&str> = report
                .lines()
                .filter(|line| line.starts_with(&prefix))
                .collect();
            let verdict = if messages.is_empty() {
                Ok(())
            } else {
                Err(messages.join("\n"))
            };
            (file.clone(), verdict)
        })
        .collect();
    Some(verdicts)
}
