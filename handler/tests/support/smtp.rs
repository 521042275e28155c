//! A real SMTP server (Python's aiosmtpd, `fixtures/smtp_server.py`) for tests, and
//! reading the messages it received. Included by the handler's tests and by the root
//! crate's tests of the examples.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// A real SMTP server (Python's aiosmtpd) on 127.0.0.1, recording what it receives.
pub struct SmtpServer {
    child: Child,
    /// The port it listens on.
    pub port: u16,
    received: PathBuf,
    _dir: tempfile::TempDir,
}

impl SmtpServer {
    /// Starts the server (`script` is `handler/tests/fixtures/smtp_server.py`); `None`
    /// (said loudly) when aiosmtpd is not installed, except under CI, where that fails
    /// the test.
    pub fn start(script: &Path, credentials: Option<&str>) -> Option<SmtpServer> {
        let check = Command::new("python3")
            .args(["-c", "import aiosmtpd"])
            .output();
        if !check.is_ok_and(|output| output.status.success()) {
            assert!(
                std::env::var_os("CI").is_none(),
                "Python's aiosmtpd is required under CI (pip install aiosmtpd)"
            );
            eprintln!("SKIPPED: Python's aiosmtpd is not installed; `python3 -m pip install aiosmtpd` to run the SMTP tests");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let received = dir.path().join("received.jsonl");
        let mut command = Command::new("python3");
        command.arg(script).arg(&received);
        if let Some(credentials) = credentials {
            command.arg(credentials);
        }
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 starts");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("the server's stdout");
        BufReader::new(stdout).read_line(&mut line).unwrap();
        let Ok(port) = line.trim().parse() else {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the SMTP server did not start: {line:?}");
        };
        Some(SmtpServer {
            child,
            port,
            received,
            _dir: dir,
        })
    }

    /// `127.0.0.1:PORT`.
    pub fn address(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// The messages received so far, as JSON records.
    pub fn messages(&self) -> Vec<serde_json::Value> {
        match std::fs::read_to_string(&self.received) {
            Ok(text) => text
                .lines()
                .map(|line| serde_json::from_str(line).unwrap())
                .collect(),
            Err(_) => Vec::new(),
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The headers (name → value) and body of a raw message.
pub fn split_message(data: &str) -> (Vec<(String, String)>, String) {
    let (head, body) = data.split_once("\r\n\r\n").expect("headers and body");
    let headers = head
        .split("\r\n")
        .map(|line| {
            let (name, value) = line.split_once(": ").expect("a header line");
            (name.to_owned(), value.to_owned())
        })
        .collect();
    (headers, body.to_owned())
}

/// The value of the header `name` (any case), when there is one.
pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}
