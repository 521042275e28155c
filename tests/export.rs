//! Notes export: CSV exactly as formats.md says, JSON one object per note, `cinesync notes`.

use std::path::Path;

use cinesync::export::{self, Format, JsonContext, NoteKind};
use cinesync::{SaveFormat, SavedFrames, Session};

use crate::util::{cinesync, reference_session, reference_text, run, stderr, stdout};

fn load(name: &str) -> Session {
    Session::load_str(&reference_text(name)).unwrap().session
}

fn csv_of(session: &Session) -> String {
    let mut out = Vec::new();
    export::write_csv(session, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|record| record.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// A session whose notes need CSV quoting, with a group movie and frames out of order.
const TRICKY: &str = r##"<session xmlns="http://www.cinesync.com/ns/session/3.0" version="3" sessionFeatures="pro" userData="show=nrth">
  <group>g</group>
  <media userData="shot=sh010"><name>sh010, "final".mov</name><locators><path>/a.mov</path></locators>
    <notes>media "quoted", with comma</notes>
    <annotation frame="120"><notes>later frame</notes></annotation>
    <annotation frame="7"><notes>first
second line</notes></annotation>
    <annotation frame="30"><circle color="#ff0000" alpha="1"><startPoint x="0.1" y="0.1"/><endPoint x="0.2" y="0.2"/></circle></annotation>
  </media>
  <media><groupMovie><group>g</group></groupMovie></media>
  <media><name>b.mov</name><locators><path>/b.mov</path></locators>
    <annotation frame="1"><notes>é ünïcode</notes></annotation>
  </media>
</session>"##;

#[test]
fn csv_of_the_basic_reference_session_byte_for_byte() {
    assert_eq!(
        csv_of(&load("basic.csc")),
        "Media File,Frame,Notes\r\n\
         ,[Session],\"These are my session notes.\nnewline.\"\r\n\
         Test_MH 2fps.mov,[Media File],These notes on the last movie.\r\n\
         Test_MH 2fps.mov,1,This is a note on the first frame of the last movie.\r\n"
    );
}

#[test]
fn csv_rows_read_back_in_order_with_quoting() {
    let session = Session::load_str(TRICKY).unwrap().session;
    let text = csv_of(&session);
    assert_eq!(
        rows(&text),
        [
            vec!["Media File", "Frame", "Notes"],
            vec![
                "sh010, \"final\".mov",
                "[Media File]",
                "media \"quoted\", with comma"
            ],
            vec!["sh010, \"final\".mov", "7", "first\nsecond line"],
            vec!["sh010, \"final\".mov", "120", "later frame"],
            vec!["b.mov", "1", "é ünïcode"],
        ]
    );
    assert!(text.starts_with(
        "Media File,Frame,Notes\r\n\"sh010, \"\"final\"\".mov\",[Media File],\"media \"\"quoted\"\", with comma\"\r\n"
    ));
}

#[test]
fn group_movies_have_no_rows_and_a_session_without_notes_only_the_header() {
    assert_eq!(
        rows(&csv_of(&load("group-movie.csc"))),
        [
            vec!["Media File", "Frame", "Notes"],
            vec!["", "[Session]", "These are my session notes.\nnewline."],
        ]
    );
    assert_eq!(csv_of(&Session::new()), "Media File,Frame,Notes\r\n");
}

#[test]
fn frames_with_drawings_only_are_in_json_but_not_csv() {
    let session = Session::load_str(TRICKY).unwrap().session;
    let csv_notes = export::notes(&session, false);
    let json_notes = export::notes(&session, true);
    assert_eq!(csv_notes.len(), 4);
    assert_eq!(json_notes.len(), 5);
    let drawn = json_notes[2];
    assert_eq!(drawn.kind, NoteKind::Frame);
    assert_eq!(drawn.frame, Some(30));
    assert_eq!(drawn.text, "");
    assert_eq!(drawn.drawing_objects, 1);
}

#[test]
fn json_one_object_per_note_with_key_user_data_and_saved_frame() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sh010, \"final\".mov-00030.png"), b"").unwrap();
    std::fs::write(dir.path().join("sh010, \"final\".mov-00030 (2).png"), b"").unwrap();
    let session = Session::load_str(TRICKY).unwrap().session;
    let context = JsonContext {
        session_key: Some("ABCD1234"),
        saved_frames: Some(SavedFrames::new(dir.path(), SaveFormat::Png)),
    };
    let mut out = Vec::new();
    export::write_json(&session, &context, &mut out).unwrap();
    assert!(out.ends_with(b"]\n"));
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let saved = dir.path().join("sh010, \"final\".mov-00030 (2).png");
    let expected = serde_json::json!([
        {"session_key": "ABCD1234", "media": "sh010, \"final\".mov", "user_data": "shot=sh010",
         "frame": null, "kind": "media", "notes": "media \"quoted\", with comma",
         "drawing_objects": 0, "saved_frame": null},
        {"session_key": "ABCD1234", "media": "sh010, \"final\".mov", "user_data": "shot=sh010",
         "frame": 7, "kind": "frame", "notes": "first\nsecond line",
         "drawing_objects": 0, "saved_frame": null},
        {"session_key": "ABCD1234", "media": "sh010, \"final\".mov", "user_data": "shot=sh010",
         "frame": 30, "kind": "frame", "notes": "",
         "drawing_objects": 1, "saved_frame": saved.to_str().unwrap()},
        {"session_key": "ABCD1234", "media": "sh010, \"final\".mov", "user_data": "shot=sh010",
         "frame": 120, "kind": "frame", "notes": "later frame",
         "drawing_objects": 0, "saved_frame": null},
        {"session_key": "ABCD1234", "media": "b.mov", "user_data": "",
         "frame": 1, "kind": "frame", "notes": "é ünïcode",
         "drawing_objects": 0, "saved_frame": null},
    ]);
    assert_eq!(json, expected);
}

#[test]
fn json_session_note_has_no_media_and_the_session_user_data() {
    let mut out = Vec::new();
    export::write_json(&load("basic.csc"), &JsonContext::default(), &mut out).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        json[0],
        serde_json::json!({"session_key": null, "media": null,
            "user_data": "sessionUserData blah bloo blee", "frame": null, "kind": "session",
            "notes": "These are my session notes.\nnewline.", "drawing_objects": 0,
            "saved_frame": null})
    );
    assert_eq!(json[1]["user_data"], "myPrivateInfo");
    assert_eq!(json.as_array().unwrap().len(), 3);
}

#[test]
fn format_extensions() {
    assert_eq!(Format::Csv.extension(), "csv");
    assert_eq!(Format::Json.extension(), "json");
}

#[test]
fn cli_notes_prints_csv() {
    let output = run(cinesync().arg("notes").arg(reference_session("basic.csc")));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), csv_of(&load("basic.csc")));
    assert_eq!(stderr(&output), "");
}

#[test]
fn cli_notes_reads_stdin_and_prints_json() {
    let output = cinesync()
        .args(["notes", "--format", "json", "-"])
        .stdin(std::fs::File::open(reference_session("basic.csc")).unwrap())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 3);
    assert_eq!(json[2]["frame"], 1);
}

#[test]
fn cli_notes_writes_the_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("notes.csv");
    let output = run(cinesync()
        .arg("notes")
        .arg(reference_session("basic.csc"))
        .arg("-o")
        .arg(&out));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        csv_of(&load("basic.csc"))
    );
}

#[test]
fn cli_notes_on_a_broken_session_fails_and_leaves_the_output_alone() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("notes.csv");
    std::fs::write(&out, "old notes").unwrap();
    let broken = reference_session("broken-namespace.csc");
    let output = run(cinesync().arg("notes").arg(&broken).arg("-o").arg(&out));
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with(&format!("{}:", broken.display())),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old notes");
    assert_eq!(only_entry(dir.path()), "notes.csv");
}

fn only_entry(dir: &Path) -> String {
    let names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    names[0].clone()
}
