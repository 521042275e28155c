//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// Finding the reference folder, and a closed pipe: shared with the handler crate's tests.
#[path = "shared.rs"]
mod shared;

pub use shared::closed_pipe;

/// The folder holding the project's reference material: `CINESYNC_REFERENCE`, else
/// `../shared/reference`; a clear panic when neither is there.
pub fn reference_dir() -> PathBuf {
    shared::reference_dir_of(Path::new(env!("CARGO_MANIFEST_DIR")))
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

/// A temporary folder for thousands of small files: in memory (`/dev/shm`) when the
/// system has it and `TMPDIR` does not say otherwise, since writing them to disk can take
/// longer than checking them.
pub fn scratch_dir() -> tempfile::TempDir {
    let memory = Path::new("/dev/shm");
    if std::env::var_os("TMPDIR").is_none() && memory.is_dir() {
        if let Ok(dir) = tempfile::Builder::new()
            .prefix("cinesync-")
            .tempdir_in(memory)
        {
            return dir;
        }
    }
    tempfile::tempdir().expect("a temporary folder")
}

/// Whether the external `tool` (jing, trang, xmllint) can be started. When it cannot,
/// under CI (the `CI` environment variable) this fails the test; elsewhere it prints a loud
/// `SKIPPED:` line naming `purpose` and returns `false`.
pub fn tool_available(tool: &str, purpose: &str) -> bool {
    let found = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|folder| folder.join(tool).is_file()));
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "`{tool}` is required under CI ({purpose})"
        );
        eprintln!(
            "SKIPPED: {purpose}: `{tool}` is not installed (Debian: apt-get install jing trang libxml2-utils)"
        );
    }
    found
}

/// A `Command` for a Java tool (jing, trang) tuned for runs of a few seconds: the JVM
/// keeps to the first tier of its JIT, which halves the CPU time of such a run (the
/// optimising tier would compile more than the run has left to do) and changes nothing
/// in what the tool does. The JVM notes "Picked up JAVA_TOOL_OPTIONS" on stderr.
pub fn java_tool(name: &str) -> Command {
    let mut options = std::env::var("JAVA_TOOL_OPTIONS").unwrap_or_default();
    if !options.contains("TieredStopAtLevel") {
        options.push_str(" -XX:TieredStopAtLevel=1");
    }
    let mut command = Command::new(name);
    command.env("JAVA_TOOL_OPTIONS", options.trim());
    command
}

/// What jing said about a schema and the documents checked against it.
#[derive(Debug, Clone)]
pub struct JingReport {
    /// jing's messages about the schema (or a file it includes), as printed, paths and all;
    /// empty when jing accepted the schema. When there are any, no document was checked.
    pub schema_errors: Vec<String>,
    /// Each document's verdict, in the order given: `Ok(())`, or `Err` with jing's
    /// messages for it without the path prefix (`12:7: error: …`, `3:1: fatal: …`).
    pub verdicts: Vec<(PathBuf, Result<(), Vec<String>>)>,
    /// How many times jing was started: a fatal error (a document that is not well-formed)
    /// ends jing's batch, so the documents after it go to a new run.
    pub runs: usize,
    /// The time spent in jing, all runs together.
    pub elapsed: Duration,
}

/// Runs jing on documents with a compact-syntax schema, in as few runs as it can (one,
/// unless a document is not well-formed), and splits its report per document.
///
/// jing prints `PATH:LINE:COL: error: MESSAGE` (or `fatal:`) with the absolute path of each
/// document, so the paths must be free of `:` and whitespace, and distinct; messages may go on over
/// following lines (a regular expression in a schema error, say). With no documents, this
/// only checks the schema. Returns `None` when jing is missing (see [`tool_available`]).
pub fn jing_report(schema: &Path, files: &[PathBuf]) -> Option<JingReport> {
    if !tool_available(
        "jing",
        "comparing verdicts with jing, the reference RELAX NG validator",
    ) {
        return None;
    }
    let absolute: Vec<PathBuf> = files
        .iter()
        .map(|file| std::path::absolute(file).expect("the current folder is known"))
        .collect();
    let mut distinct = std::collections::BTreeSet::new();
    for file in &absolute {
        assert!(
            distinct.insert(file),
            "jing's report cannot tell two runs of {} apart",
            file.display()
        );
        let text = file.to_string_lossy();
        assert!(
            !text.contains(|c: char| c == ':' || c.is_whitespace()),
            "jing reports files by path: keep `:` and whitespace out of {text:?}"
        );
    }
    let mut report = JingReport {
        schema_errors: Vec::new(),
        verdicts: absolute.iter().map(|file| (file.clone(), Ok(()))).collect(),
        runs: 0,
        elapsed: Duration::ZERO,
    };
    let mut next = 0;
    loop {
        let batch = next..batch_end(&absolute, next);
        let started = Instant::now();
        let output = java_tool("jing")
            .arg("-c")
            .arg(schema)
            .args(&absolute[batch.clone()])
            .stdin(std::process::Stdio::null())
            .output()
            .expect("jing starts");
        report.elapsed += started.elapsed();
        report.runs += 1;
        let stopped_after = split_jing_output(&output, batch.start, &mut report);
        if !report.schema_errors.is_empty() {
            return Some(report);
        }
        next = match stopped_after {
            Some(index) if index + 1 < batch.end => index + 1,
            _ if batch.end < absolute.len() => batch.end,
            _ => return Some(report),
        };
    }
}

/// Where a batch starting at `start` ends: the command line stays well below the
/// system's limit on argument length.
fn batch_end(files: &[PathBuf], start: usize) -> usize {
    let mut bytes = 0;
    let mut end = start;
    while end < files.len() && (end == start || bytes < 1_000_000) {
        bytes += files[end].as_os_str().len() + 1;
        end += 1;
    }
    end
}

/// Files jing's messages from one run under their documents (the run checked the
/// documents from `first` on) or under the schema. Returns the index of the document
/// whose fatal error ended the run, if one did.
fn split_jing_output(output: &Output, first: usize, report: &mut JingReport) -> Option<usize> {
    let text = String::from_utf8_lossy(&output.stdout);
    let located = regex::Regex::new(r"^(.+?):\d+:\d+: (error|fatal|warning): ")
        .expect("the pattern is valid");
    let documents: std::collections::HashMap<String, usize> = report.verdicts[first..]
        .iter()
        .enumerate()
        .map(|(offset, (file, _))| (file.to_string_lossy().into_owned(), first + offset))
        .collect();
    // Where the previous message went, for continuation lines: a document or the schema.
    let mut target: Option<Option<usize>> = None;
    let mut fatal = None;
    for line in text.lines() {
        let found = located.captures(line);
        let document = match &found {
            Some(found) => documents.get(&found[1]).map(|&index| (index, &found[1])),
            // An unlocated fatal error about a document (`fatal: file not found: PATH`).
            None if line.starts_with("fatal: ") => documents
                .iter()
                .find(|(path, _)| line.contains(path.as_str()))
                .map(|(path, &index)| (index, path.as_str())),
            None => None,
        };
        if let Some((index, path)) = document {
            if line.contains(": fatal: ") || line.starts_with("fatal: ") {
                fatal.get_or_insert(index);
            }
            let message = line.strip_prefix(path).map_or(line, |rest| &rest[1..]);
            push_message(&mut report.verdicts[index].1, message.to_owned());
            target = Some(Some(index));
            continue;
        }
        let is_message = found.is_some()
            || ["error: ", "fatal: ", "warning: "]
                .iter()
                .any(|kind| line.starts_with(kind));
        let last = match target {
            Some(Some(index)) if !is_message => report.verdicts[index]
                .1
                .as_mut()
                .err()
                .and_then(|messages| messages.last_mut()),
            Some(None) if !is_message => report.schema_errors.last_mut(),
            _ => {
                assert!(
                    !matches!(target, Some(Some(_))),
                    "jing's report mixes document and schema messages; line {line:?} in:\n{text}"
                );
                report.schema_errors.push(line.to_owned());
                target = Some(None);
                continue;
            }
        };
        if let Some(last) = last {
            last.push('\n');
            last.push_str(line);
        }
    }
    assert!(
        output.status.success() || !text.trim().is_empty(),
        "jing failed without a report: {}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    fatal
}

/// Adds a message to a verdict, making it `Err`.
fn push_message(verdict: &mut Result<(), Vec<String>>, message: String) {
    match verdict {
        Ok(()) => *verdict = Err(vec![message]),
        Err(messages) => messages.push(message),
    }
}

/// Runs jing (the reference RELAX NG validator) on many files with a compact-syntax
/// schema and gives each file's verdict: `Ok(())` or `Err(jing's messages)`, one a line.
///
/// Returns `None`, after saying so loudly, when jing is not installed, except under CI
/// (the `CI` environment variable), where a missing jing fails the test. Panics when jing
/// refuses the schema.
pub fn jing_verdicts(
    schema: &Path,
    files: &[PathBuf],
) -> Option<Vec<(PathBuf, Result<(), String>)>> {
    let report = jing_report(schema, files)?;
    assert!(
        report.schema_errors.is_empty(),
        "jing refuses the schema {}:\n{}",
        schema.display(),
        report.schema_errors.join("\n")
    );
    let verdicts = files
        .iter()
        .zip(report.verdicts)
        .map(|(file, (_, verdict))| {
            (
                file.clone(),
                verdict.map_err(|messages| messages.join("\n")),
            )
        })
        .collect();
    Some(verdicts)
}

#[test]
fn the_reference_folder_comes_from_the_variable_else_beside_the_repository() {
    use std::ffi::OsStr;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("repo");
    let shared = dir.path().join("shared/reference");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();
    let default = root.join("../shared/reference");

    let missing = format!(
        "the reference folder is missing: CINESYNC_REFERENCE is not set, and {} is not a \
         folder. The tests need cineSync's reference material (formats.md, \
         session-v3-schema.rnc and the sample sessions in sessions/), which is not part of \
         this repository: set CINESYNC_REFERENCE to the folder that holds it, or put it at {}",
        default.display(),
        default.display()
    );
    assert_eq!(shared::locate(&root, None), Err(missing.clone()));
    assert_eq!(shared::locate(&root, Some(OsStr::new(""))), Err(missing));

    let wrong = root.join("../nowhere");
    assert_eq!(
        shared::locate(&root, Some(OsStr::new("../nowhere"))),
        Err(format!(
            "the reference folder is missing: CINESYNC_REFERENCE names {}, which is not a \
             folder (and {} is not looked at when CINESYNC_REFERENCE is set). The tests need \
             cineSync's reference material (formats.md, session-v3-schema.rnc and the sample \
             sessions in sessions/), which is not part of this repository: set \
             CINESYNC_REFERENCE to the folder that holds it, or put it at {}",
            wrong.display(),
            default.display(),
            default.display()
        ))
    );

    std::fs::create_dir_all(&shared).unwrap();
    assert_eq!(shared::locate(&root, None), Ok(default));
    assert_eq!(
        shared::locate(&root, Some(elsewhere.as_os_str())),
        Ok(elsewhere.clone())
    );
    assert_eq!(
        shared::locate(&root, Some(OsStr::new("../elsewhere"))),
        Ok(root.join("../elsewhere"))
    );
}
