//! The handler programs run as cineSync runs them: real processes, the script's own
//! arguments, then cineSync's, and a session on standard input.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const EXPORT: &str = env!("CARGO_BIN_EXE_cinesync-export-notes");
const INVITE: &str = env!("CARGO_BIN_EXE_cinesync-email-invite");

/// Finding the reference folder, and a closed pipe: shared with the root crate's tests.
#[path = "../../tests/shared.rs"]
#[allow(dead_code)]
mod shared;

/// A real SMTP server on 127.0.0.1, shared with the root crate's tests of the examples.
#[path = "support/smtp.rs"]
mod smtp;

use smtp::{header, split_message, SmtpServer};

/// A reference session file by name (`CINESYNC_REFERENCE`, else `../shared/reference`
/// beside the repository).
fn reference_session(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the handler crate is in the repository");
    shared::reference_dir_of(root).join("sessions").join(name)
}

fn reference_bytes(name: &str) -> Vec<u8> {
    std::fs::read(reference_session(name)).expect("reference session is readable")
}

/// Runs `program` with `args`, writing `stdin` to it, with a clean environment for the
/// variables the handlers read.
fn run(program: &str, args: &[&str], stdin: &[u8]) -> Output {
    run_command(Command::new(program).args(args), stdin)
}

fn run_command(command: &mut Command, stdin: &[u8]) -> Output {
    run_with_stdout(command, Stdio::piped(), stdin)
}

/// As [`run_command`], with standard output going to `stdout`.
fn run_with_stdout(command: &mut Command, stdout: Stdio, stdin: &[u8]) -> Output {
    let mut child = command
        .env_remove("CINESYNC_SMTP_PASSWORD")
        .stdin(Stdio::piped())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .spawn()
        .expect("the handler starts");
    if let Some(mut input) = child.stdin.take() {
        // A handler that stops on bad arguments does not read its input.
        let _ = input.write_all(stdin);
    }
    child.wait_with_output().expect("the handler runs")
}

/// As [`run`], with standard output on a pipe whose reader has already gone.
fn run_into_closed_pipe(program: &str, args: &[&str], stdin: &[u8]) -> Output {
    run_with_stdout(
        Command::new(program).args(args),
        shared::closed_pipe(),
        stdin,
    )
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .expect("the CSV file opens")
        .records()
        .map(|record| {
            record
                .expect("a CSV record")
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn basic_rows() -> Vec<Vec<&'static str>> {
    vec![
        vec!["Media File", "Frame", "Notes"],
        vec!["", "[Session]", "These are my session notes.\nnewline."],
        vec![
            "Test_MH 2fps.mov",
            "[Media File]",
            "These notes on the last movie.",
        ],
        vec![
            "Test_MH 2fps.mov",
            "1",
            "This is a note on the first frame of the last movie.",
        ],
    ]
}

// --- cinesync-export-notes -------------------------------------------------------------

#[test]
fn export_writes_notes_from_key_csv() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let output = run(
        EXPORT,
        &["--output-dir", out, "--key=ABCD1234", "--save-format=JPEG"],
        &reference_bytes("basic.csc"),
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let file = dir.path().join("Notes from ABCD1234.csv");
    assert_eq!(
        text(&output.stdout),
        format!("wrote 3 notes to {}\n", file.display())
    );
    assert_eq!(text(&output.stderr), "");
    assert_eq!(csv_rows(&file), basic_rows());
    assert_eq!(entries(dir.path()), ["Notes from ABCD1234.csv"]);
}

/// The notes are written before the outcome line is printed: a reader of standard output
/// that has gone must not turn the export into a failure (nor a panic).
#[test]
fn export_succeeds_when_the_reader_of_stdout_has_gone() {
    let dir = tempfile::tempdir().unwrap();
    let output = run_into_closed_pipe(
        EXPORT,
        &[
            "--output-dir",
            dir.path().to_str().unwrap(),
            "--key=ABCD1234",
            "--save-format=JPEG",
        ],
        &reference_bytes("basic.csc"),
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(text(&output.stderr), "");
    assert_eq!(
        csv_rows(&dir.path().join("Notes from ABCD1234.csv")),
        basic_rows()
    );
}

#[test]
fn export_with_something_after_cinesyncs_arguments_says_where_key_is() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(
        EXPORT,
        &[
            "--output-dir",
            dir.path().to_str().unwrap(),
            "--key=K",
            "--save-format=PNG",
            "--unknown-cinesync-arg=1",
        ],
        &reference_bytes("basic.csc"),
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        "cinesync-export-notes: error: argument `--key` was found (as `--key=K`), but not \
         among the arguments cineSync appends at the end: it is followed by \
         `--save-format=PNG --unknown-cinesync-arg=1`, and `--unknown-cinesync-arg=1` is not \
         one of cineSync's arguments (the script's own arguments must all come before \
         cineSync's)\n"
    );
    assert!(entries(dir.path()).is_empty());
}

#[test]
fn export_offline_names_the_file_for_an_offline_session() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(
        EXPORT,
        &[
            "--output-dir",
            dir.path().to_str().unwrap(),
            "--key",
            "_OFFLINE_",
            "--save-format",
            "PNG",
        ],
        &reference_bytes("basic.csc"),
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        csv_rows(&dir.path().join("Notes from offline session.csv")),
        basic_rows()
    );
}

#[test]
fn export_json_with_saved_frames_versions_2_and_3_present() {
    let dir = tempfile::tempdir().unwrap();
    let saves = tempfile::tempdir().unwrap();
    let media = "024b_fn_079_v01_1-98.mov";
    for name in ["00001.jpg", "00001 (2).jpg", "00001 (3).jpg", "00038.jpg"] {
        std::fs::write(saves.path().join(format!("{media}-{name}")), b"jpeg").unwrap();
    }
    let output = run(
        EXPORT,
        &[
            "--format",
            "json",
            "--output-dir",
            dir.path().to_str().unwrap(),
            "--key=K1",
            "--save-format=JPEG",
            &format!("--save-dir={}", saves.path().display()),
            "--url=cinesync://script/Export?format=json&to=a%20b",
        ],
        &reference_bytes("groups-and-drawings.csc"),
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let file = dir.path().join("Notes from K1.json");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let notes = json.as_array().unwrap();
    assert_eq!(
        text(&output.stdout),
        format!("wrote {} notes to {}\n", notes.len(), file.display())
    );
    assert_eq!(
        notes[0],
        serde_json::json!({"session_key": "K1", "media": media, "user_data": "", "frame": 1,
            "kind": "frame", "notes": "", "drawing_objects": 8,
            "saved_frame": saves.path().join(format!("{media}-00001 (3).jpg")).to_str().unwrap()})
    );
    assert_eq!(
        notes[1]["saved_frame"],
        saves
            .path()
            .join(format!("{media}-00038.jpg"))
            .to_str()
            .unwrap()
    );
    assert_eq!(notes[2]["frame"], 39);
    assert_eq!(notes[2]["saved_frame"], serde_json::Value::Null);
}

#[test]
fn export_keeps_its_own_arguments_before_cinesyncs() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(
        EXPORT,
        &[
            "--format=csv",
            "--output-dir",
            dir.path().to_str().unwrap(),
            "--key",
            "K2",
            "--save-format",
            "PNG",
            "--save-dir=/nowhere",
            "--user=Jo",
            "--offline-key=OFF",
            "--pdfPath=/tmp/x.pdf",
        ],
        &reference_bytes("basic.csc"),
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        csv_rows(&dir.path().join("Notes from K2.csv")),
        basic_rows()
    );
}

#[test]
fn export_without_key_fails_naming_it_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(
        EXPORT,
        &[
            "--output-dir",
            dir.path().to_str().unwrap(),
            "--save-format=JPEG",
        ],
        &reference_bytes("basic.csc"),
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(text(&output.stdout), "");
    assert_eq!(
        text(&output.stderr),
        "cinesync-export-notes: error: missing argument `--key`: cineSync passes it to every event script (run this program from cineSync's script preferences)\n"
    );
    assert!(entries(dir.path()).is_empty());
}

#[test]
fn export_with_unknown_save_format_fails_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(
        EXPORT,
        &[
            "--output-dir",
            dir.path().to_str().unwrap(),
            "--key=K",
            "--save-format=TIFF",
        ],
        &reference_bytes("basic.csc"),
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        "cinesync-export-notes: error: unknown save format `TIFF` in `--save-format`: expected JPEG or PNG\n"
    );
    assert!(entries(dir.path()).is_empty());
}

#[test]
fn export_with_an_empty_stdin_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(
        EXPORT,
        &[
            "--output-dir",
            dir.path().to_str().unwrap(),
            "--key=K",
            "--save-format=PNG",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(text(&output.stdout), "");
    assert_eq!(
        text(&output.stderr),
        "cinesync-export-notes: error: cineSync passed no session on standard input, so nothing was written\n"
    );
    assert!(entries(dir.path()).is_empty());
}

#[test]
fn export_with_a_malformed_session_reports_it_and_leaves_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("Notes from K.csv");
    std::fs::write(&file, "yesterday's notes\n").unwrap();
    let output = run(
        EXPORT,
        &[
            "--output-dir",
            dir.path().to_str().unwrap(),
            "--key=K",
            "--save-format=PNG",
        ],
        &reference_bytes("broken-namespace.csc"),
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(text(&output.stdout), "");
    assert_eq!(
        text(&output.stderr),
        "cinesync-export-notes: error: the session cineSync passed on standard input cannot be read, so nothing was written: the root element must be `session` in namespace `http://www.cinesync.com/ns/session/3.0`, found `{http://www.cinesync.com/ns/session/5.0}session` at 2:1\n"
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "yesterday's notes\n"
    );
    assert_eq!(entries(dir.path()), ["Notes from K.csv"]);
}

#[test]
fn export_replaces_an_existing_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("Notes from K.csv");
    std::fs::write(&file, "x".repeat(100_000)).unwrap();
    let output = run(
        EXPORT,
        &[
            "--output-dir",
            dir.path().to_str().unwrap(),
            "--key=K",
            "--save-format=PNG",
        ],
        &reference_bytes("basic.csc"),
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(csv_rows(&file), basic_rows());
    assert_eq!(entries(dir.path()), ["Notes from K.csv"]);
}

#[test]
fn export_that_cannot_write_fails_and_leaves_what_was_there() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the file should go: the final rename fails.
    let blocker = dir.path().join("Notes from K.csv");
    std::fs::create_dir(&blocker).unwrap();
    std::fs::write(blocker.join("keep.txt"), "kept").unwrap();
    let output = run(
        EXPORT,
        &[
            "--output-dir",
            dir.path().to_str().unwrap(),
            "--key=K",
            "--save-format=PNG",
        ],
        &reference_bytes("basic.csc"),
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.starts_with(&format!(
            "cinesync-export-notes: error: cannot write {}: ",
            blocker.display()
        )),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(blocker.join("keep.txt")).unwrap(),
        "kept"
    );
    assert_eq!(entries(dir.path()), ["Notes from K.csv"]);

    let missing = dir.path().join("no such folder");
    let output = run(
        EXPORT,
        &[
            "--output-dir",
            missing.to_str().unwrap(),
            "--key=K",
            "--save-format=PNG",
        ],
        &reference_bytes("basic.csc"),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(!missing.exists());
}

#[cfg(target_os = "linux")]
#[test]
fn export_defaults_to_the_desktop_then_the_home_folder() {
    let home = tempfile::tempdir().unwrap();
    let export = |home: &Path| {
        run_command(
            Command::new(EXPORT)
                .args(["--key=K", "--save-format=PNG"])
                .env("HOME", home)
                .env("XDG_CONFIG_HOME", home.join(".config"))
                .env_remove("XDG_DESKTOP_DIR"),
            &reference_bytes("basic.csc"),
        )
    };
    let output = export(home.path());
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        csv_rows(&home.path().join("Notes from K.csv")),
        basic_rows()
    );

    std::fs::create_dir(home.path().join("Desktop")).unwrap();
    let output = export(home.path());
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        csv_rows(&home.path().join("Desktop").join("Notes from K.csv")),
        basic_rows()
    );
}

#[test]
fn export_help_works_without_cinesyncs_arguments() {
    let output = run(EXPORT, &["--help"], b"");
    assert_eq!(output.status.code(), Some(0));
    assert!(text(&output.stdout).contains("Usage: cinesync-export-notes [OPTIONS]"));
}

#[test]
fn export_with_a_bad_option_of_its_own_fails_naming_it() {
    let output = run(
        EXPORT,
        &["--format", "xml", "--key=K", "--save-format=PNG"],
        &reference_bytes("basic.csc"),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).starts_with(
            "cinesync-export-notes: error: invalid value 'xml' for '--format <FORMAT>'"
        ),
        "{}",
        text(&output.stderr)
    );
}

// --- cinesync-email-invite -------------------------------------------------------------

/// The SMTP server fixture's script.
const SMTP_SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/smtp_server.py");

#[test]
fn invite_sends_the_join_url_through_a_real_smtp_server() {
    let Some(server) = SmtpServer::start(SMTP_SCRIPT.as_ref(), None) else {
        return;
    };
    let output = run(
        INVITE,
        &[
            &server.address(),
            "me@example.com",
            "ana@example.com",
            "bo@example.com",
            "--key=ABCD1234",
            "--save-format=JPEG",
            "--save-dir=/tmp",
        ],
        &reference_bytes("basic.csc"),
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        "sent an invitation to join session ABCD1234 to ana@example.com, bo@example.com\n"
    );
    assert_eq!(text(&output.stderr), "");
    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    let message = &messages[0];
    assert_eq!(message["mail_from"], "me@example.com");
    assert_eq!(
        message["rcpt_tos"],
        serde_json::json!(["ana@example.com", "bo@example.com"])
    );
    assert_eq!(message["login"], serde_json::Value::Null);
    let (headers, body) = split_message(message["data"].as_str().unwrap());
    assert_eq!(header(&headers, "From"), Some("me@example.com"));
    assert_eq!(
        header(&headers, "To"),
        Some("ana@example.com, bo@example.com")
    );
    assert_eq!(
        header(&headers, "Subject"),
        Some("Join my cineSync session: ABCD1234")
    );
    assert_eq!(
        header(&headers, "Content-Type"),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(header(&headers, "Content-Transfer-Encoding"), Some("7bit"));
    assert!(header(&headers, "Date").is_some());
    assert_eq!(
        body.trim_end(),
        "Come join my cineSync session! Just click here:\r\n<cinesync://session/ABCD1234>"
    );
}

/// The invitation is sent before the outcome line is printed: a reader of standard
/// output that has gone must not turn it into a failure (nor a panic).
#[test]
fn invite_succeeds_when_the_reader_of_stdout_has_gone() {
    let Some(server) = SmtpServer::start(SMTP_SCRIPT.as_ref(), None) else {
        return;
    };
    let output = run_into_closed_pipe(
        INVITE,
        &[
            &server.address(),
            "me@example.com",
            "ana@example.com",
            "--key=ABCD1234",
            "--save-format=JPEG",
        ],
        &reference_bytes("basic.csc"),
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(text(&output.stderr), "");
    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(
        messages[0]["rcpt_tos"],
        serde_json::json!(["ana@example.com"])
    );
}

#[test]
fn invite_logs_in_with_user_and_the_password_from_the_environment() {
    let Some(server) = SmtpServer::start(SMTP_SCRIPT.as_ref(), Some("mailer:s3cret pass")) else {
        return;
    };
    let args = [
        "--user",
        "mailer",
        &server.address(),
        "me@example.com",
        "ana@example.com",
        "--key=ABCD1234",
        "--save-format=PNG",
    ];
    let with_password = |password: &str| {
        Command::new(INVITE)
            .args(args)
            .env("CINESYNC_SMTP_PASSWORD", password)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let output = with_password("s3cret pass");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0]["login"], "mailer");

    let output = with_password("wrong");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        format!("cinesync-email-invite: error: cannot send the invitation through {}: permanent error (535): 5.7.8 Authentication credentials invalid\n", server.address())
    );
    assert_eq!(server.messages().len(), 1);
}

#[test]
fn invite_with_user_but_no_password_fails_naming_the_variable() {
    let output = run(
        INVITE,
        &[
            "--user",
            "mailer",
            "127.0.0.1:9",
            "me@example.com",
            "ana@example.com",
            "--key=ABCD1234",
            "--save-format=PNG",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        "cinesync-email-invite: error: --user mailer needs the SMTP password in the environment variable CINESYNC_SMTP_PASSWORD\n"
    );
}

#[test]
fn invite_offline_sends_nothing_and_says_why() {
    let Some(server) = SmtpServer::start(SMTP_SCRIPT.as_ref(), None) else {
        return;
    };
    let output = run(
        INVITE,
        &[
            &server.address(),
            "me@example.com",
            "ana@example.com",
            "--key=_OFFLINE_",
            "--save-format=JPEG",
        ],
        &reference_bytes("basic.csc"),
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(text(&output.stdout), "");
    assert_eq!(
        text(&output.stderr),
        "cinesync-email-invite: the session is offline, so there is nothing to join: no invitation was sent\n"
    );
    assert!(server.messages().is_empty());
}

#[test]
fn invite_without_key_fails_naming_it() {
    let output = run(
        INVITE,
        &[
            "127.0.0.1:9",
            "me@example.com",
            "ana@example.com",
            "--save-format=JPEG",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        "cinesync-email-invite: error: missing argument `--key`: cineSync passes it to every event script (run this program from cineSync's script preferences)\n"
    );
}

#[test]
fn invite_to_a_server_that_is_not_there_fails_with_the_cause() {
    // Find a free port, then close it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let server = format!("127.0.0.1:{port}");
    let output = run(
        INVITE,
        &[
            &server,
            "me@example.com",
            "ana@example.com",
            "--key=K",
            "--save-format=PNG",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.starts_with(&format!(
            "cinesync-email-invite: error: cannot send the invitation through {server}: "
        )),
        "{stderr}"
    );
    assert!(stderr.contains("Connection refused"), "{stderr}");
}

#[test]
fn invite_with_a_bad_port_or_address_fails_naming_it() {
    let output = run(
        INVITE,
        &[
            "mail.example.com:99999",
            "me@example.com",
            "ana@example.com",
            "--key=K",
            "--save-format=PNG",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        "cinesync-email-invite: error: bad SMTP server `mail.example.com:99999`: the port must be a number from 1 to 65535\n"
    );
    let output = run(
        INVITE,
        &[
            "127.0.0.1:9",
            "me@example.com",
            "not an address",
            "--key=K",
            "--save-format=PNG",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr)
            .starts_with("cinesync-email-invite: error: bad email address `not an address`: "),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn export_never_takes_a_saved_frame_from_outside_the_save_folder() {
    let root = tempfile::tempdir().unwrap();
    let saves = root.path().join("saves");
    let out = root.path().join("out");
    std::fs::create_dir(&saves).unwrap();
    std::fs::create_dir(&out).unwrap();
    // What a traversal through the media name would find.
    std::fs::write(root.path().join("evil.mov-00012.jpg"), b"not yours").unwrap();
    let session = r##"<session xmlns="http://www.cinesync.com/ns/session/3.0" version="3" sessionFeatures="standard">
  <media><name>../evil.mov</name><locators><path>/x.mov</path></locators>
    <annotation frame="12"><notes>look</notes><circle color="#ff0000" alpha="1"><startPoint x="0.1" y="0.1"/><endPoint x="0.2" y="0.2"/></circle></annotation>
  </media>
</session>"##;
    let output = run(
        EXPORT,
        &[
            "--format=json",
            "--output-dir",
            out.to_str().unwrap(),
            "--key=K",
            "--save-format=JPEG",
            &format!("--save-dir={}", saves.display()),
        ],
        session.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("Notes from K.json")).unwrap()).unwrap();
    assert_eq!(
        json,
        serde_json::json!([{"session_key": "K", "media": "../evil.mov", "user_data": "",
            "frame": 12, "kind": "frame", "notes": "look", "drawing_objects": 1,
            "saved_frame": null}])
    );
    assert_eq!(entries(&out), ["Notes from K.json"]);
    assert!(entries(&saves).is_empty());
}

#[test]
fn invite_with_starttls_refuses_a_server_without_it_and_sends_nothing() {
    let Some(server) = SmtpServer::start(SMTP_SCRIPT.as_ref(), None) else {
        return;
    };
    let output = run(
        INVITE,
        &[
            "--starttls",
            &server.address(),
            "me@example.com",
            "ana@example.com",
            "--key=ABCD1234",
            "--save-format=JPEG",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        format!("cinesync-email-invite: error: cannot send the invitation through {}: internal client error: STARTTLS is not supported on this server\n", server.address())
    );
    assert!(server.messages().is_empty());
}
