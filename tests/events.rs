//! The EventHandler: cineSync's arguments, the session on stdin, saved frames.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use cinesync::commands::{Command, UrlPart};
use cinesync::{
    DrawingObject, Erase, EventError, EventHandler, FrameAnnotation, Locators, MediaFile, Point,
    SaveFormat, SavedFrames,
};

use crate::util::reference_text;

fn event(args: &[&str]) -> Result<EventHandler, EventError> {
    EventHandler::from_parts(args.iter().copied(), std::io::empty())
}

fn error_text(args: &[&str]) -> String {
    event(args).unwrap_err().to_string()
}

#[test]
fn key_and_save_format_in_both_forms() {
    let equals = event(&["--key=ABCD1234", "--save-format=JPEG"]).unwrap();
    let spaced = event(&["--key", "ABCD1234", "--save-format", "JPEG"]).unwrap();
    for event in [equals, spaced] {
        assert_eq!(event.session_key(), Some("ABCD1234"));
        assert!(!event.is_offline());
        assert_eq!(event.save_format(), SaveFormat::Jpeg);
        assert_eq!(event.save_format().extension(), "jpg");
        assert_eq!(event.save_dir(), None);
        assert_eq!(event.url(), None);
        assert_eq!(event.user(), None);
        assert_eq!(event.offline_key(), None);
        assert_eq!(event.pdf_path(), None);
        assert!(event.args().is_empty());
    }
}

#[test]
fn offline_key_means_no_session_key() {
    let event = event(&["--key=_OFFLINE_", "--save-format=PNG"]).unwrap();
    assert!(event.is_offline());
    assert_eq!(event.session_key(), None);
    assert_eq!(event.save_format(), SaveFormat::Png);
    assert_eq!(event.save_format().extension(), "png");
}

#[test]
fn missing_key_is_an_error_naming_it() {
    assert_eq!(
        event(&["--save-format=PNG"]).unwrap_err(),
        EventError::MissingArgument { argument: "--key" }
    );
    assert_eq!(
        error_text(&["smtp.example.com", "--save-format=PNG"]),
        "missing argument `--key`: cineSync passes it to every event script (run this program from cineSync's script preferences)"
    );
}

/// Anything after cineSync's arguments (an argument a newer cineSync adds, a stray word)
/// makes them look like the script's own: the message says that `--key` was found, what
/// follows it, and which of those is not cineSync's.
#[test]
fn a_key_followed_by_something_else_is_found_but_not_trailing() {
    assert_eq!(
        error_text(&["--key=K", "--save-format=PNG", "--unknown-cinesync-arg=1"]),
        "argument `--key` was found (as `--key=K`), but not among the arguments cineSync \
         appends at the end: it is followed by `--save-format=PNG --unknown-cinesync-arg=1`, \
         and `--unknown-cinesync-arg=1` is not one of cineSync's arguments (the script's own \
         arguments must all come before cineSync's)"
    );
    assert_eq!(
        error_text(&[
            "out",
            "--key",
            "K",
            "--save-format",
            "PNG",
            "--save-dir=/s",
            "stray"
        ]),
        "argument `--key` was found (as `--key`), but not among the arguments cineSync \
         appends at the end: it is followed by `K --save-format PNG --save-dir=/s stray`, \
         and `stray` is not one of cineSync's arguments (the script's own arguments must all \
         come before cineSync's)"
    );
    assert_eq!(
        event(&["--key=K", "--save-format=PNG", "x"]).unwrap_err(),
        EventError::NotTrailing {
            arguments: ["--key=K", "--save-format=PNG", "x"]
                .map(String::from)
                .into()
        }
    );
    // The same for `--save-format`, when only `--key` is in the block.
    assert_eq!(
        error_text(&["--save-format=PNG", "x", "--key=K"]),
        "argument `--save-format` was found (as `--save-format=PNG`), but not among the \
         arguments cineSync appends at the end: it is followed by `x`, and `x` is not one of \
         cineSync's arguments (the script's own arguments must all come before cineSync's)"
    );
}

#[test]
fn missing_save_format_is_an_error_naming_it() {
    assert_eq!(
        event(&["--key=K"]).unwrap_err(),
        EventError::MissingArgument {
            argument: "--save-format"
        }
    );
}

#[test]
fn an_argument_without_value_is_an_error_naming_it() {
    assert_eq!(
        error_text(&["--save-format=PNG", "--key"]),
        "argument `--key` has no value"
    );
    assert_eq!(
        error_text(&["--key=", "--save-format=PNG"]),
        "argument `--key` has no value"
    );
    assert_eq!(
        error_text(&["--key", "--save-format=PNG"]),
        "argument `--key` has no value"
    );
    assert_eq!(
        error_text(&["--key=K", "--save-format="]),
        "argument `--save-format` has no value"
    );
}

#[test]
fn unknown_save_format_is_an_error_naming_it() {
    assert_eq!(
        error_text(&["--key=K", "--save-format=GIF"]),
        "unknown save format `GIF` in `--save-format`: expected JPEG or PNG"
    );
    assert_eq!(
        event(&["--key=K", "--save-format=jpeg"]).unwrap_err(),
        EventError::UnknownSaveFormat {
            value: "jpeg".into()
        }
    );
}

#[test]
fn a_repeated_argument_is_an_error_naming_it() {
    assert_eq!(
        error_text(&["--key=A", "--save-format=PNG", "--key=B"]),
        "argument `--key` is given more than once"
    );
    assert_eq!(
        error_text(&[
            "--key=A",
            "--save-dir",
            "/a",
            "--save-format=PNG",
            "--save-dir=/b"
        ]),
        "argument `--save-dir` is given more than once"
    );
}

#[test]
fn the_scripts_own_arguments_come_first_and_stay_in_order() {
    let event = event(&[
        "--starttls",
        "--user",
        "mailer",
        "smtp.example.com:587",
        "me@example.com",
        "you@example.com",
        "--key=ABCD1234",
        "--save-format=JPEG",
        "--save-dir=/Users/me/Saved Frames",
        "--user=Jo Reviewer",
    ])
    .unwrap();
    assert_eq!(
        event.args(),
        [
            "--starttls",
            "--user",
            "mailer",
            "smtp.example.com:587",
            "me@example.com",
            "you@example.com"
        ]
    );
    assert_eq!(event.user(), Some("Jo Reviewer"));
    assert_eq!(event.session_key(), Some("ABCD1234"));
    assert_eq!(event.save_dir(), Some(Path::new("/Users/me/Saved Frames")));
}

#[test]
fn url_with_a_query_is_parsed_as_a_script_command() {
    let url = "cinesync://script/Export%20Notes?format=json&dir=%2Ftmp%2Fa+b&x=1=2";
    let equals = event(&["--key=K", "--save-format=PNG", &format!("--url={url}")]).unwrap();
    let spaced = event(&["--url", url, "--key=K", "--save-format=PNG"]).unwrap();
    for event in [equals, spaced] {
        assert_eq!(event.url_text(), Some(url));
        assert!(event.url_error().is_none());
        let Some(Command::RunScript { name, query }) = event.url() else {
            panic!("not a script command: {:?}", event.url());
        };
        assert_eq!(name, "Export Notes");
        let query = query.as_ref().unwrap();
        assert_eq!(query.as_str(), "format=json&dir=%2Ftmp%2Fa+b&x=1=2");
        assert_eq!(
            query.pairs(),
            [
                ("format".to_owned(), "json".to_owned()),
                ("dir".to_owned(), "/tmp/a b".to_owned()),
                ("x".to_owned(), "1=2".to_owned()),
            ]
        );
        assert!(event.args().is_empty());
    }
}

#[test]
fn an_unreadable_url_is_kept_with_its_error() {
    let event = event(&[
        "--key=K",
        "--save-format=PNG",
        "--url=https://example.com/x",
    ])
    .unwrap();
    assert_eq!(event.url(), None);
    assert_eq!(event.url_text(), Some("https://example.com/x"));
    assert_eq!(event.url_error().unwrap().part(), UrlPart::Scheme);
}

#[test]
fn later_cinesync_arguments_are_cinesyncs_not_the_scripts() {
    let event = event(&[
        "report",
        "--key=K",
        "--save-format=PNG",
        "--user=Jo Reviewer",
        "--offline-key=OFF123",
        "--pdfPath=/tmp/Notes K.pdf",
    ])
    .unwrap();
    assert_eq!(event.args(), ["report"]);
    assert_eq!(event.user(), Some("Jo Reviewer"));
    assert_eq!(event.offline_key(), Some("OFF123"));
    assert_eq!(event.pdf_path(), Some(Path::new("/tmp/Notes K.pdf")));
}

#[test]
fn an_empty_optional_value_counts_as_not_given() {
    let event = event(&["--key=K", "--save-format=PNG", "--save-dir=", "--url="]).unwrap();
    assert_eq!(event.save_dir(), None);
    assert_eq!(event.url(), None);
    assert_eq!(event.url_text(), None);
}

#[cfg(unix)]
#[test]
fn an_argument_that_is_not_unicode_is_an_error_naming_it() {
    use std::os::unix::ffi::OsStringExt;
    let args = vec![
        OsString::from("--key=K"),
        OsString::from_vec(b"--save-dir=/tmp/\xff".to_vec()),
        OsString::from("--save-format=PNG"),
    ];
    let error = EventHandler::from_parts(args, std::io::empty()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "argument 2 is not valid Unicode: `--save-dir=/tmp/\u{fffd}`"
    );
}

#[test]
fn the_session_comes_from_the_reader() {
    let xml = reference_text("basic.csc");
    let event = EventHandler::from_parts(["--key=K", "--save-format=PNG"], xml.as_bytes()).unwrap();
    let session = event.session().unwrap();
    assert_eq!(session.media.len(), 3);
    assert_eq!(session.notes, "These are my session notes.\nnewline.");
    assert!(event.session_error().is_none());
    assert!(event.session_warnings().is_empty());
}

#[test]
fn an_empty_stdin_is_no_session_and_no_error() {
    for input in ["", " \n\t\r\n"] {
        let event =
            EventHandler::from_parts(["--key=K", "--save-format=PNG"], input.as_bytes()).unwrap();
        assert!(event.session().is_none());
        assert!(event.session_error().is_none());
    }
}

#[test]
fn a_malformed_session_is_no_session_with_the_error_kept() {
    let event = EventHandler::from_parts(
        ["--key=K", "--save-format=PNG"],
        "<session><media>".as_bytes(),
    )
    .unwrap();
    assert!(event.session().is_none());
    let error = event.session_error().unwrap();
    assert_eq!(
        error.to_string(),
        "not well-formed XML: the document ends before the root element is closed at 1:17"
    );
    assert_eq!(
        error.location().map(|at| at.to_string()).as_deref(),
        Some("1:17")
    );
}

#[test]
fn load_warnings_are_kept() {
    let xml = reference_text("newer-version-4.csc");
    let event = EventHandler::from_parts(["--key=K", "--save-format=PNG"], xml.as_bytes()).unwrap();
    assert!(event.session().is_some());
    assert_eq!(event.session_warnings().len(), 1);
}

/// A session with one media file `name` that has drawings on frame 12 and only notes on
/// frame 13.
fn drawn_session(name: &str) -> String {
    format!(
        r##"<session xmlns="http://www.cinesync.com/ns/session/3.0" version="3" sessionFeatures="standard">
  <media><name>{name}</name><locators><path>/shows/x.mov</path></locators>
    <annotation frame="12"><circle color="#ff0000" alpha="1"><startPoint x="0.1" y="0.1"/><endPoint x="0.2" y="0.2"/></circle></annotation>
    <annotation frame="13"><notes>words only</notes></annotation>
  </media>
</session>"##
    )
}

fn drawn_event(name: &str, save_dir: &Path) -> EventHandler {
    let args = [
        OsString::from("--key=K"),
        OsString::from("--save-format=JPEG"),
        OsString::from("--save-dir"),
        save_dir.as_os_str().to_owned(),
    ];
    EventHandler::from_parts(args, drawn_session(name).as_bytes()).unwrap()
}

fn touch(path: &Path) {
    std::fs::write(path, b"image").unwrap();
}

#[test]
fn the_saved_frame_is_the_highest_version_present() {
    let dir = tempfile::tempdir().unwrap();
    let event = drawn_event("sh010.mov", dir.path());
    assert_eq!(event.saved_frame_path("sh010.mov", 12), None);

    touch(&dir.path().join("sh010.mov-00012.jpg"));
    assert_eq!(
        event.saved_frame_path("sh010.mov", 12),
        Some(dir.path().join("sh010.mov-00012.jpg"))
    );

    touch(&dir.path().join("sh010.mov-00012 (2).jpg"));
    touch(&dir.path().join("sh010.mov-00012 (3).jpg"));
    touch(&dir.path().join("sh010.mov-00012 (4).png"));
    touch(&dir.path().join("sh010.mov-00012 (9).jpg.tmp"));
    assert_eq!(
        event.saved_frame_path("sh010.mov", 12),
        Some(dir.path().join("sh010.mov-00012 (3).jpg"))
    );
}

#[test]
fn no_saved_frame_without_drawings_save_dir_or_media() {
    let dir = tempfile::tempdir().unwrap();
    touch(&dir.path().join("sh010.mov-00013.jpg"));
    touch(&dir.path().join("sh010.mov-00012.jpg"));
    let event = drawn_event("sh010.mov", dir.path());
    assert_eq!(event.saved_frame_path("sh010.mov", 13), None, "notes only");
    assert_eq!(
        event.saved_frame_path("sh010.mov", 14),
        None,
        "no annotation"
    );
    assert_eq!(
        event.saved_frame_path("other.mov", 12),
        None,
        "no such media"
    );

    let without_dir = EventHandler::from_parts(
        ["--key=K", "--save-format=JPEG"],
        drawn_session("sh010.mov").as_bytes(),
    )
    .unwrap();
    assert_eq!(without_dir.saved_frame_path("sh010.mov", 12), None);
}

#[test]
fn a_hostile_media_name_never_leads_outside_the_save_folder() {
    let root = tempfile::tempdir().unwrap();
    let saves = root.path().join("saves");
    std::fs::create_dir(&saves).unwrap();
    std::fs::create_dir(saves.join("sub")).unwrap();
    // Files a traversal would find, outside and inside the folder.
    touch(&root.path().join("evil.mov-00012.jpg"));
    touch(&saves.join("sub").join("evil.mov-00012.jpg"));
    for name in [
        "../evil.mov",
        "..\\evil.mov",
        "sub/evil.mov",
        "sub\\evil.mov",
        &format!("{}/evil.mov", root.path().display()),
        "C:evil.mov",
    ] {
        let event = drawn_event(name, &saves);
        assert_eq!(event.saved_frame_path(name, 12), None, "{name}");
    }
    // Names no session file can hold, through the model.
    let saved = SavedFrames::new(&saves, SaveFormat::Jpeg);
    for name in ["a\0b", "a\u{1}b", "a\nb", "..", "."] {
        touch_if_possible(&saves, name);
        assert_eq!(saved.find(&drawn_file(name), 12), None, "{name:?}");
    }
}

fn touch_if_possible(dir: &Path, name: &str) {
    let _ = std::fs::write(dir.join(format!("{name}-00012.jpg")), b"image");
}

fn drawn_file(name: &str) -> MediaFile {
    let mut file = MediaFile::new(name, Locators::path("/shows/x.mov"));
    let mut annotation = FrameAnnotation::default();
    annotation.objects.push(DrawingObject::Erase(Erase {
        id: None,
        thickness: 0.01,
        points: vec![Point { x: 0.5, y: 0.5 }],
        extra: Default::default(),
    }));
    file.annotations.insert(12, annotation);
    file
}

#[test]
fn a_name_with_dots_inside_is_a_plain_file_name() {
    let dir = tempfile::tempdir().unwrap();
    touch(&dir.path().join("sh..010.mov-00012.jpg"));
    let event = drawn_event("sh..010.mov", dir.path());
    assert_eq!(
        event.saved_frame_path("sh..010.mov", 12),
        Some(dir.path().join("sh..010.mov-00012.jpg"))
    );
}

#[test]
fn the_error_stays_small() {
    assert!(std::mem::size_of::<EventError>() <= 32);
}

#[test]
fn from_parts_takes_any_os_strings() {
    let args: Vec<PathBuf> = vec!["--key=K".into(), "--save-format=PNG".into()];
    let event = EventHandler::from_parts(args, std::io::empty()).unwrap();
    assert_eq!(event.session_key(), Some("K"));
}
