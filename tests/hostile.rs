//! Hostile input: every case gets a clear error (message and exit status 1 or 2), never a
//! panic, in bounded time and memory. Memory is bounded for real: the commands run under
//! `prlimit --as`, so an allocation past the bound would kill them.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::util::{cinesync, run, stderr, stdout};

const SESSION_OPEN: &str = r#"<session xmlns="http://www.cinesync.com/ns/session/3.0" version="3" sessionFeatures="standard">"#;

/// The address space a command may use: far below what the big inputs would take if they
/// were held in memory.
const MEMORY_BOUND: &str = "--as=1073741824";

/// `cinesync ARGS` under the memory bound (when `prlimit` exists; it is part of Debian's
/// util-linux, on every system).
fn bounded(args: &[&str], file: &Path) -> Output {
    let mut command = match which("prlimit") {
        Some(prlimit) => {
            let mut command = Command::new(prlimit);
            command
                .arg(MEMORY_BOUND)
                .arg(env!("CARGO_BIN_EXE_cinesync"));
            command
        }
        None => cinesync(),
    };
    run(command.args(args).arg(file))
}

fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| Path::new(dir).join(program))
        .find(|path| path.is_file())
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("writes");
    path
}

/// Asserts a command failed cleanly with `status`, printing `line` (on stdout for
/// `validate`, on stderr for the others) and nothing that looks like a panic.
fn assert_refused(output: &Output, status: i32, line: &str) {
    let all = stdout(output) + &stderr(output);
    assert_eq!(output.status.code(), Some(status), "{all}");
    assert!(all.contains(line), "expected {line:?} in:\n{all}");
    assert!(!all.contains("panicked"), "{all}");
}

#[test]
fn doctypes_entities_and_external_entities_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let laughs = concat!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE session [\n <!ENTITY a \"lol\">\n",
        " <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n]>\n",
        "<session xmlns=\"http://www.cinesync.com/ns/session/3.0\" version=\"3\" sessionFeatures=\"standard\"><notes>&c;</notes></session>"
    );
    let external = "<!DOCTYPE session SYSTEM \"file:///etc/passwd\">\n<session/>";
    let subset = "<!DOCTYPE session [<!ELEMENT session ANY>]>\n<session/>";
    for (name, text, line) in [
        ("laughs.csc", laughs, 2),
        ("external.csc", external, 1),
        ("subset.csc", subset, 1),
    ] {
        let file = write(dir.path(), name, text.as_bytes());
        let expected = format!(
            "{}:{line}:1: error: not well-formed XML: a DOCTYPE is not allowed (entity declarations and external entities are refused)",
            file.display()
        );
        for command in [
            &["inspect"][..],
            &["validate"],
            &["notes"],
            &["inspect", "--json"],
        ] {
            assert_refused(&bounded(command, &file), 1, &expected);
        }
    }
}

#[test]
fn a_hundred_thousand_levels_of_nesting_overflow_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!(
        "{SESSION_OPEN}{}{}</session>",
        "<x>".repeat(100_000),
        "</x>".repeat(100_000)
    );
    let file = write(dir.path(), "deep.csc", deep.as_bytes());
    let name = file.display();
    assert_refused(
        &bounded(&["inspect"], &file),
        1,
        &format!(
            "{name}:1:861: error: the input exceeds a limit: elements nest deeper than 256 levels"
        ),
    );
    // The validator does not recurse either; it stops where quick-xml's level counter
    // would overflow (it counts in 16 bits), far deeper than any schema allows.
    let output = bounded(&["validate"], &file);
    assert_refused(
        &output,
        1,
        &format!("{name}:1:49245: error: the input exceeds a limit: elements nest deeper than 16384 levels"),
    );
    let fine = format!(
        "{SESSION_OPEN}{}{}</session>",
        "<x>".repeat(10_000),
        "</x>".repeat(10_000)
    );
    let file = write(dir.path(), "deep-but-streamable.csc", fine.as_bytes());
    let output = bounded(&["validate"], &file);
    assert_refused(
        &output,
        1,
        &format!(
            "{}:1:96: error: /session/x[1]: element \"x\" is not allowed here; expected one of",
            file.display()
        ),
    );
    assert_eq!(
        stdout(&output).lines().count(),
        1,
        "the unknown subtree is skipped whole"
    );
}

#[test]
fn bytes_that_are_not_utf8_text_are_refused_or_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let valid = format!("{SESSION_OPEN}<notes>é</notes></session>");
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), valid.as_bytes()].concat();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(valid.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let utf16_big: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(valid.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    for (name, bytes) in [
        ("bom.csc", with_bom),
        ("utf16le.csc", utf16),
        ("utf16be.csc", utf16_big),
    ] {
        let file = write(dir.path(), name, &bytes);
        let output = bounded(&["validate"], &file);
        assert_eq!(stdout(&output), format!("{}: valid\n", file.display()));
        let output = bounded(&["notes"], &file);
        assert_eq!(
            stdout(&output),
            "Media File,Frame,Notes\r\n,[Session],é\r\n",
            "{name}"
        );
    }
    let broken =
        format!("{SESSION_OPEN}<notes>ab\u{FFFD}</notes></session>").replace('\u{FFFD}', "\u{1}");
    let cases: [(&str, Vec<u8>, i32, String); 6] = [
        (
            "latin1.csc",
            [SESSION_OPEN.as_bytes(), b"<notes>caf\xE9</notes></session>"].concat(),
            1,
            "1:106: error: the input is not UTF-8 text: byte 105 (0xE9) is not valid UTF-8".into(),
        ),
        (
            "utf16-without-bom.csc",
            "<session/>".encode_utf16().flat_map(u16::to_le_bytes).collect(),
            1,
            "error: the input is not UTF-8 text: the input looks like UTF-16 without a byte-order mark".into(),
        ),
        ("control.csc", broken.into_bytes(), 1, "error: not well-formed XML".into()),
        ("nul.csc", [SESSION_OPEN.as_bytes(), b"\0</session>"].concat(), 1, "error: not well-formed XML".into()),
        (
            "truncated.csc",
            format!("{SESSION_OPEN}<media><name>a</na").into_bytes(),
            1,
            "error: not well-formed XML".into(),
        ),
        ("empty.csc", Vec::new(), 1, "1:1: error: not well-formed XML".into()),
    ];
    for (name, bytes, status, message) in cases {
        let file = write(dir.path(), name, &bytes);
        for command in [&["inspect"][..], &["validate"]] {
            assert_refused(&bounded(command, &file), status, &message);
        }
    }
    // A folder where a file should be is I/O trouble: exit 2.
    for command in [&["inspect"][..], &["validate"], &["notes"]] {
        assert_refused(&bounded(command, dir.path()), 2, "Is a directory");
    }
}

#[test]
fn numbers_beyond_the_model_and_the_facets_are_told_apart() {
    let dir = tempfile::tempdir().unwrap();
    let media = |frame: &str, alpha: &str| {
        format!(
            "{SESSION_OPEN}<media currentFrame=\"{frame}\"><name>a</name><locators><path>/a</path></locators>\
             <mask alpha=\"{alpha}\"><center x=\"0\" y=\"0\"/><ratio width=\"1\" height=\"1\"/><scaleFactor value=\"1\"/></mask>\
             </media></session>"
        )
    };
    // Valid for the schema (xsd:integer has no upper bound), too big for the model's u32.
    for huge in [
        "4294967296",
        "18446744073709551616",
        "99999999999999999999999999",
    ] {
        let file = write(dir.path(), "huge.csc", media(huge, "1").as_bytes());
        assert_eq!(
            stdout(&bounded(&["validate"], &file)),
            format!("{}: valid\n", file.display())
        );
        assert_refused(
            &bounded(&["inspect"], &file),
            1,
            &format!("attribute `currentFrame`: \"{huge}\" is not a frame number (a whole number from 1 to 4294967295)"),
        );
    }
    for (frame, alpha, problem) in [
        (
            "-1",
            "1",
            "attribute \"currentFrame\": \"-1\" is less than the minimum 1",
        ),
        (
            "0",
            "1",
            "attribute \"currentFrame\": \"0\" is less than the minimum 1",
        ),
        (
            "1",
            "NaN",
            "attribute \"alpha\": \"NaN\" cannot be compared with the minimum 0",
        ),
        (
            "1",
            "INF",
            "attribute \"alpha\": \"INF\" is greater than the maximum 1",
        ),
        (
            "1",
            "1.0000001",
            "attribute \"alpha\": \"1.0000001\" is greater than the maximum 1",
        ),
        (
            "1",
            "-0.0000001",
            "attribute \"alpha\": \"-0.0000001\" is less than the minimum 0",
        ),
        (
            "1",
            "1e",
            "attribute \"alpha\": \"1e\" is not a valid float",
        ),
    ] {
        let file = write(dir.path(), "facet.csc", media(frame, alpha).as_bytes());
        assert_refused(&bounded(&["validate"], &file), 1, problem);
    }
    // At the boundary (1.00000001 is 1 as a 32-bit float) and in odd spellings: valid.
    for (frame, alpha) in [
        ("1", "1.00000001"),
        (" 4 ", "-0"),
        ("+2", ".5"),
        ("1", "1E0"),
    ] {
        let file = write(dir.path(), "edge.csc", media(frame, alpha).as_bytes());
        assert_eq!(
            stdout(&bounded(&["validate"], &file)),
            format!("{}: valid\n", file.display()),
            "{frame} {alpha}"
        );
    }
}

#[test]
fn huge_values_and_floods_of_attributes_stay_fast() {
    let dir = tempfile::tempdir().unwrap();
    let big_value = format!("{SESSION_OPEN}<media userData=\"{}\"><name>a</name><locators><path>/a</path></locators></media></session>", "u".repeat(10_000_000));
    let file = write(dir.path(), "big-value.csc", big_value.as_bytes());
    assert_eq!(
        stdout(&bounded(&["validate"], &file)),
        format!("{}: valid\n", file.display())
    );
    let output = bounded(&["inspect", "--json"], &file);
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        json["media"][0]["user_data"].as_str().map(str::len),
        Some(10_000_000)
    );

    let attributes: String = (0..1_000_000).map(|i| format!(" a{i}=\"1\"")).collect();
    let flood = format!("<session xmlns=\"http://www.cinesync.com/ns/session/3.0\" version=\"3\" sessionFeatures=\"standard\"{attributes}/>");
    let file = write(dir.path(), "flood.csc", flood.as_bytes());
    assert_refused(
        &bounded(&["inspect"], &file),
        1,
        &format!(
            "{}:1:1: error: the input exceeds a limit: an element has more than 4096 attributes",
            file.display()
        ),
    );
    let output = bounded(&["validate"], &file);
    assert_refused(
        &output,
        1,
        "element \"session\": attribute \"a0\" is not allowed",
    );
    assert!(
        stdout(&output).ends_with(": … and 999000 more problems\n"),
        "{}",
        stdout(&output)
    );

    let twice = format!("{SESSION_OPEN}<media active=\"true\" active=\"false\"/></session>");
    let file = write(dir.path(), "twice.csc", twice.as_bytes());
    assert_refused(
        &bounded(&["inspect"], &file),
        1,
        "error: not well-formed XML",
    );
    assert_refused(
        &bounded(&["validate"], &file),
        1,
        &format!(
            "{}:1:117: error: not well-formed XML: the attribute \"active\" appears twice",
            file.display()
        ),
    );
}

#[test]
fn long_text_is_refused_by_the_streaming_validator_before_memory_grows() {
    let dir = tempfile::tempdir().unwrap();
    let mut notes = SESSION_OPEN.as_bytes().to_vec();
    notes.extend_from_slice(b"<notes>");
    notes.resize(notes.len() + 70 * 1024 * 1024, b'n');
    notes.extend_from_slice(b"</notes></session>");
    let file = write(dir.path(), "long-notes.csc", &notes);
    assert_refused(
        &bounded(&["validate"], &file),
        1,
        &format!("{}:1:103: error: the input exceeds a limit: a single tag or text is longer than 64 MiB", file.display()),
    );
}

/// A 1 GB session of one repeated element, written on the fly. Run explicitly (`.ci/run`
/// does): `cargo test --test tests hostile -- --ignored`.
#[test]
#[ignore = "writes and reads a 1 GB file; .ci/run runs it explicitly"]
fn a_gigabyte_of_one_repeated_element_streams_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gigabyte.csc");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    file.write_all(SESSION_OPEN.as_bytes()).unwrap();
    let chunk = "<group>comp</group>".repeat(50_000);
    let mut written = 0;
    while written < 1_000_000_000 {
        file.write_all(chunk.as_bytes()).unwrap();
        written += chunk.len();
    }
    file.write_all(b"</session>").unwrap();
    file.flush().unwrap();
    drop(file);
    let output = bounded(&["validate"], &path);
    assert_eq!(
        stdout(&output),
        format!("{}: valid\n", path.display()),
        "{}",
        stderr(&output)
    );
    assert_refused(
        &bounded(&["inspect"], &path),
        1,
        "sessions over 256 MiB are not loaded into memory",
    );
}

#[test]
fn killing_a_writer_midway_leaves_the_previous_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    // A session whose notes make a CSV of many megabytes, so that the export is still
    // writing when it is killed.
    let mut file = cinesync::MediaFile::new("shot.mov", cinesync::Locators::path("/shot.mov"));
    for frame in 1..=200_000 {
        file.annotations.insert(
            frame,
            cinesync::FrameAnnotation::with_notes(format!(
                "note {frame} on this frame, please check"
            )),
        );
    }
    let mut session = cinesync::Session::new();
    session.media.push(file.into());
    let source = dir.path().join("many-notes.csc");
    session.save(&source).unwrap();
    let output_dir = dir.path().join("out");
    std::fs::create_dir(&output_dir).unwrap();
    let target = output_dir.join("notes.csv");
    std::fs::write(&target, "the previous export\n").unwrap();

    let mut writer = cinesync()
        .arg("notes")
        .arg(&source)
        .arg("-o")
        .arg(&target)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it as soon as its temporary file exists: it is writing.
    let started = std::time::Instant::now();
    let temporary = loop {
        let found = std::fs::read_dir(&output_dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .find(|path| path != &target);
        if let Some(found) = found {
            break found;
        }
        assert!(
            writer.try_wait().unwrap().is_none(),
            "the export finished before it could be killed"
        );
        assert!(
            started.elapsed().as_secs() < 120,
            "the export never started writing"
        );
        std::thread::sleep(std::time::Duration::from_millis(1));
    };
    writer.kill().unwrap();
    let status = writer.wait().unwrap();
    assert!(!status.success(), "killed mid-way, not finished");
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "the previous export\n"
    );
    // What the killed writer leaves is its hidden temporary file, never a partial file
    // under the final name.
    let name = temporary
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(
        name.starts_with(".notes.csv.") && name.ends_with(".tmp"),
        "{name}"
    );
}
