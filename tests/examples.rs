//! The programs in `examples/`, run as their users run them, on real inputs: the dry runs
//! of the two commands, the notes export on a reference session, and the invitation sent
//! through a real SMTP server.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use cinesync::commands::{Command as CinesyncCommand, FileMode};

use crate::util::{reference_dir, reference_session, stderr, stdout};

/// A real SMTP server on 127.0.0.1, shared with the handler's tests.
#[path = "../handler/tests/support/smtp.rs"]
mod smtp;

use smtp::{header, split_message, SmtpServer};

/// The examples, built once by cargo in the profile and target folder of this test (a
/// no-op when `cargo test` has built them already): name → executable.
fn examples() -> &'static HashMap<String, PathBuf> {
    static BUILT: OnceLock<HashMap<String, PathBuf>> = OnceLock::new();
    BUILT.get_or_init(|| {
        // This test runs as TARGET/PROFILE/deps/tests-HASH.
        let exe = std::env::current_exe().expect("the test knows its path");
        let profile_dir = exe.parent().and_then(Path::parent).expect("TARGET/PROFILE");
        let target_dir = profile_dir.parent().expect("TARGET");
        let mut cargo = Command::new(env!("CARGO"));
        // Without the variables cargo set for this test about this package: a build script
        // that watches one (ring's watches CARGO_MANIFEST_DIR) would rebuild everything,
        // here and again in the next `cargo test`.
        for (name, _) in std::env::vars_os() {
            let name = name.to_string_lossy();
            let per_package = [
                "CARGO_PKG_",
                "CARGO_MANIFEST_",
                "CARGO_BIN_EXE_",
                "CARGO_CRATE_",
            ]
            .iter()
            .any(|prefix| name.starts_with(prefix))
                || ["CARGO_PRIMARY_PACKAGE", "CARGO_TARGET_TMPDIR", "OUT_DIR"].contains(&&*name);
            if per_package {
                cargo.env_remove(&*name);
            }
        }
        cargo
            .args(["build", "--examples", "--quiet", "--message-format=json"])
            .arg("--manifest-path")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
            .arg("--target-dir")
            .arg(target_dir);
        match profile_dir.file_name().and_then(|name| name.to_str()) {
            Some("debug") | None => {}
            Some("release") => {
                cargo.arg("--release");
            }
            Some(profile) => {
                cargo.args(["--profile", profile]);
            }
        }
        let output = cargo.stdin(Stdio::null()).output().expect("cargo starts");
        assert!(
            output.status.success(),
            "cargo cannot build the examples:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let mut built = HashMap::new();
        for line in String::from_utf8_lossy(&output.stdout).lines() {
            let message: serde_json::Value = serde_json::from_str(line).expect("cargo's JSON");
            let is_example = message["target"]["kind"]
                .as_array()
                .is_some_and(|kinds| kinds.iter().any(|kind| kind == "example"));
            if let (true, Some(name), Some(executable)) = (
                is_example,
                message["target"]["name"].as_str(),
                message["executable"].as_str(),
            ) {
                built.insert(name.to_owned(), PathBuf::from(executable));
            }
        }
        built
    })
}

/// A command running the example `name`.
fn example(name: &str) -> Command {
    let path = examples()
        .get(name)
        .unwrap_or_else(|| panic!("no example `{name}` was built"));
    Command::new(path)
}

/// Runs `command` with `input` on its standard input.
fn run_with_input(command: &mut Command, input: &[u8]) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the example starts");
    let mut stdin = child.stdin.take().expect("the example's stdin");
    // An example that stops early does not read its input.
    let _ = stdin.write_all(input);
    drop(stdin);
    child.wait_with_output().expect("the example runs")
}

#[test]
fn every_example_has_a_test() {
    let mut names: Vec<&str> = examples().keys().map(String::as_str).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "email_invitation",
            "export_notes_csv",
            "join_session",
            "start_session"
        ]
    );
}

#[test]
fn join_session_dry_run_prints_the_url_and_opens_nothing() {
    // No PATH: were anything opened, the launcher could not even be found.
    let output = run_with_input(
        example("join_session")
            .args(["--print", "AB CD/é"])
            .env_clear(),
        b"",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "would open cinesync://session/AB%20CD/%C3%A9\n"
    );
    assert_eq!(stderr(&output), "");

    let output = run_with_input(example("join_session").arg("--print"), b"");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "Error: \"usage: join_session [--print] KEY\"\n"
    );
    assert_eq!(stdout(&output), "");
}

#[test]
fn start_session_dry_run_writes_the_session_and_prints_its_url() {
    let small = reference_dir().join("small.txt");
    let output = run_with_input(
        example("start_session")
            .arg("--print")
            .arg(&small)
            .arg("https://example.com/shots/sh020.mov")
            .env_clear(),
        b"",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    let [opened, file] = lines[..] else {
        panic!("two lines expected: {text}");
    };
    let url = opened.strip_prefix("would open ").expect("the URL");
    let file = Path::new(file.strip_prefix("session file: ").expect("the file"));
    assert_eq!(
        CinesyncCommand::parse(url),
        Ok(CinesyncCommand::OpenFile {
            path: file.to_str().unwrap().to_owned(),
            mode: FileMode::Merge
        })
    );
    assert_eq!(
        file.file_name().and_then(|name| name.to_str()),
        Some("untitled session.csc")
    );
    let session = cinesync::Session::load_path(file).unwrap().session;
    let folder = file.parent().unwrap().to_owned();
    std::fs::remove_dir_all(&folder).unwrap();
    let media: Vec<_> = session
        .media_files()
        .map(|media| (media.name.as_str(), media.locators.short_hash.as_deref()))
        .collect();
    assert_eq!(
        media,
        [
            (
                "small.txt",
                Some("1e40efb84050f92618e2c430742f44254771cf6b")
            ),
            ("sh020.mov", None)
        ]
    );

    let output = run_with_input(example("start_session").arg("--print"), b"");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "Error: \"usage: start_session [--print] MEDIA...\"\n"
    );
}

#[test]
fn export_notes_csv_writes_the_notes_of_a_reference_session() {
    let dir = tempfile::tempdir().unwrap();
    let session = std::fs::read(reference_session("basic.csc")).unwrap();
    let output = run_with_input(
        example("export_notes_csv")
            .arg(dir.path())
            .args(["--key=ABCD1234", "--save-format=JPEG"]),
        &session,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let file = dir.path().join("Notes from ABCD1234.csv");
    assert_eq!(stdout(&output), format!("wrote {}\n", file.display()));
    assert_eq!(stderr(&output), "");
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(&file)
        .unwrap()
        .records()
        .map(|record| record.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(
        rows,
        [
            ["Media File", "Frame", "Notes"],
            ["", "[Session]", "These are my session notes.\nnewline."],
            [
                "Test_MH 2fps.mov",
                "[Media File]",
                "These notes on the last movie."
            ],
            [
                "Test_MH 2fps.mov",
                "1",
                "This is a note on the first frame of the last movie."
            ],
        ]
    );

    // Offline, and with nothing on standard input.
    let output = run_with_input(
        example("export_notes_csv")
            .arg(dir.path())
            .args(["--key=_OFFLINE_", "--save-format=PNG"]),
        &session,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(dir.path().join("Notes from offline session.csv").is_file());
    let output = run_with_input(
        example("export_notes_csv")
            .arg(dir.path())
            .args(["--key=K", "--save-format=PNG"]),
        b"",
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stderr(&output), "Error: \"no session on standard input\"\n");
    assert!(!dir.path().join("Notes from K.csv").exists());
}

#[test]
fn email_invitation_sends_the_join_url_to_host_and_port() {
    // Built first: the server stops by itself after two minutes.
    examples();
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("handler/tests/fixtures/smtp_server.py");
    let Some(server) = SmtpServer::start(&script, None) else {
        return;
    };
    let session = std::fs::read(reference_session("basic.csc")).unwrap();
    let output = run_with_input(
        example("email_invitation").args([
            &server.address(),
            "me@example.com",
            "ana@example.com",
            "--key=ABCD 1234",
            "--save-format=JPEG",
        ]),
        &session,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "invited ana@example.com to session ABCD 1234\n"
    );
    assert_eq!(stderr(&output), "");
    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0]["mail_from"], "me@example.com");
    assert_eq!(
        messages[0]["rcpt_tos"],
        serde_json::json!(["ana@example.com"])
    );
    let (headers, body) = split_message(messages[0]["data"].as_str().unwrap());
    assert_eq!(header(&headers, "From"), Some("me@example.com"));
    assert_eq!(header(&headers, "To"), Some("ana@example.com"));
    assert_eq!(
        header(&headers, "Subject"),
        Some("Join my cineSync session: ABCD 1234")
    );
    assert_eq!(
        body,
        "Come join my cineSync session! Just click here:\r\n<cinesync://session/ABCD%201234>\r\n\r\n"
    );

    // Offline: nothing is sent.
    let output = run_with_input(
        example("email_invitation").args([
            &server.address(),
            "me@example.com",
            "ana@example.com",
            "--key=_OFFLINE_",
            "--save-format=JPEG",
        ]),
        &session,
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stderr(&output), "offline session: no invitation sent\n");
    assert_eq!(server.messages().len(), 1);

    // A port that is not a number is refused, as the handler refuses it.
    let output = run_with_input(
        example("email_invitation").args([
            "127.0.0.1:smtp",
            "me@example.com",
            "ana@example.com",
            "--key=K",
            "--save-format=JPEG",
        ]),
        &session,
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("bad SMTP server `127.0.0.1:smtp`"),
        "{}",
        stderr(&output)
    );
}
