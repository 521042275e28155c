//! The `cinesync inspect`, `create` and `hash` commands, run as a user runs them.

use std::io::Write;
use std::process::Stdio;

use crate::util::{cinesync, closed_pipe, reference_dir, reference_session, run, stderr, stdout};

fn example_session() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/sessions/review.csc")
}

#[test]
fn inspect_prints_a_summary() {
    let output = run(cinesync()
        .arg("inspect")
        .arg(reference_session("basic.csc")));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "session version 3, standard, 3 media, 1 annotated frames
user data: sessionUserData blah bloo blee
notes: These are my session notes.
       newline.
1. 024b_fn_079_v01_1-98.mov
   path: /Volumes/Scratch/test_files/movies/024b_fn_079_v01_1-98.mov
   play range: 40-50, play only range
2. sample_mpeg4.mp4 (active)
   short hash: e74db5de61fa5483c541a3a3056f22d158b44ace
   url: http://example.com/test_files/movies/sample_mpeg4.mp4
   play range: 62-67, play only range
3. Test_MH 2fps.mov
   short hash: f9f0c5d3e3e340bcc9486abbb01a71089de9b886
   user data: myPrivateInfo
   notes: These notes on the last movie.
   frame 1: no drawings
      notes: This is a note on the first frame of the last movie.
"
    );
    assert_eq!(stderr(&output), "");
}

#[test]
fn inspect_json_has_the_documented_shape() {
    let output = run(cinesync()
        .args(["inspect", "--json"])
        .arg(reference_session("group-movie.csc")));
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["version"], 3);
    assert_eq!(json["session_features"], "standard");
    assert_eq!(json["chat"], serde_json::Value::Null);
    assert_eq!(json["groups"], serde_json::json!(["myGroup"]));
    assert_eq!(
        json["media"][2],
        serde_json::json!({
            "kind": "group_movie", "name": null, "group": "myGroup",
            "locators": {"path": null, "short_hash": null, "url": null},
            "user_data": "", "active": false, "current_frame": 1, "groups": [], "play_range": null,
            "notes": "", "zoom_state": null, "pixel_ratio": null, "mask": null, "color_grading": null,
            "annotations": []
        })
    );
    assert_eq!(
        json["media"][0]["play_range"],
        serde_json::json!({"in_frame": 39, "out_frame": 49, "play_only_range": true})
    );

    let drawings = run(cinesync()
        .args(["inspect", "--json"])
        .arg(reference_session("groups-and-drawings.csc")));
    let json: serde_json::Value = serde_json::from_slice(&drawings.stdout).unwrap();
    let first = &json["media"][0]["annotations"][0];
    assert_eq!(first["frame"], 1);
    assert_eq!(
        first["objects"][1],
        serde_json::json!({"type": "arrow", "id": "f64b9682-44cf-4102-9d7d-791098b58942:51", "color": "#0500ff",
            "alpha": 1.0, "start": {"x": 0.578024, "y": 0.430213}, "end": {"x": 0.578947, "y": 0.426929},
            "special": false, "flip_side": null, "reverse": null})
    );
    assert_eq!(
        first["objects"][7],
        serde_json::json!({"type": "line", "id": "ffb4f87d-0d03-42e6-82b0-c1993d656fd2:0", "color": "#0500ff",
            "alpha": 1.0, "thickness": 0.005, "points": [{"x": 0.124629, "y": 0.742574, "alpha": 1.0}]})
    );
}

#[test]
fn inspect_json_is_one_line_when_piped_and_indented_with_pretty() {
    let session = reference_session("basic.csc");
    let piped = run(cinesync().args(["inspect", "--json"]).arg(&session));
    let pretty = run(cinesync()
        .args(["inspect", "--json", "--pretty"])
        .arg(&session));
    assert_eq!(piped.status.code(), Some(0));
    assert_eq!(pretty.status.code(), Some(0));
    assert_eq!(
        piped.stdout.iter().filter(|&&byte| byte == b'\n').count(),
        1
    );
    assert!(pretty.stdout.starts_with(b"{\n  \"version\": 3,\n"));
    let value = |bytes: &[u8]| serde_json::from_slice::<serde_json::Value>(bytes).unwrap();
    assert_eq!(value(&piped.stdout), value(&pretty.stdout));

    let alone = run(cinesync().args(["inspect", "--pretty"]).arg(&session));
    assert_eq!(alone.status.code(), Some(2));
}

#[test]
fn inspect_reads_standard_input() {
    let mut child = cinesync()
        .args(["inspect", "--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let text = std::fs::read(reference_session("url-locators.csc")).unwrap();
    child.stdin.take().unwrap().write_all(&text).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["media"][1]["name"], "CountdownBlue_01-00148.png");
}

#[test]
fn broken_namespace_exits_1_with_the_expected_namespace() {
    let file = reference_session("broken-namespace.csc");
    let output = run(cinesync().arg("inspect").arg(&file));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    assert_eq!(
        stderr(&output),
        format!(
            "{}:2:1: error: the root element must be `session` in namespace `http://www.cinesync.com/ns/session/3.0`, \
             found `{{http://www.cinesync.com/ns/session/5.0}}session`\n",
            file.display()
        )
    );
}

#[test]
fn newer_version_warns_on_stderr_and_succeeds() {
    let file = reference_session("newer-version-4.csc");
    let output = run(cinesync().arg("inspect").arg(&file));
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stderr(&output),
        format!(
            "{}:2:1: warning: /session: the file is session format version 4, newer than the version 3 this toolkit knows; it was read as version 3\n",
            file.display()
        )
    );
    assert!(stdout(&output).starts_with("session version 4, standard, 0 media"));
}

#[test]
fn unreadable_and_malformed_inputs_exit_2_and_1() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.csc");
    let output = run(cinesync().arg("inspect").arg(&missing));
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!(
            "{}: error: No such file or directory (os error 2)\n",
            missing.display()
        )
    );

    let truncated = dir.path().join("truncated.csc");
    std::fs::write(
        &truncated,
        "<session xmlns=\"http://www.cinesync.com/ns/session/3.0\" version=\"3\">\n  <media>",
    )
    .unwrap();
    let output = run(cinesync().arg("inspect").arg(&truncated));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        format!("{}:2:10: error: not well-formed XML: the document ends before the root element is closed\n", truncated.display())
    );

    let usage = run(cinesync().arg("inspect"));
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn create_builds_a_session_from_paths_urls_and_hashes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("new.csc");
    let small = reference_dir().join("small.txt");
    let output = run(cinesync()
        .arg("create")
        .arg(&small)
        .arg("https://example.com/a/shot%20010.mov")
        .arg("e74db5de61fa5483c541a3a3056f22d158b44ace")
        .arg("/not/here/plate.exr")
        .arg("-o")
        .arg(&out));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), format!("{}: 4 media\n", out.display()));
    let session = cinesync::Session::load_path(&out).unwrap().session;
    let files: Vec<_> = session.media_files().collect();
    assert_eq!(files[0].name, "small.txt");
    assert_eq!(
        files[0].locators.short_hash.as_deref(),
        Some("1e40efb84050f92618e2c430742f44254771cf6b")
    );
    assert!(files[0].locators.path.as_deref().unwrap().starts_with('/'));
    assert_eq!(
        (files[1].name.as_str(), files[1].locators.url.as_deref()),
        ("shot 010.mov", Some("https://example.com/a/shot%20010.mov"))
    );
    assert_eq!(
        files[2].locators.short_hash.as_deref(),
        Some("e74db5de61fa5483c541a3a3056f22d158b44ace")
    );
    assert_eq!(
        (files[3].name.as_str(), files[3].locators.path.as_deref()),
        ("plate.exr", Some("/not/here/plate.exr"))
    );
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("sessionFeatures=\"standard\""));
}

#[test]
fn hash_prints_the_test_vector() {
    let small = reference_dir().join("small.txt");
    let output = run(cinesync().arg("hash").arg(&small));
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        format!(
            "1e40efb84050f92618e2c430742f44254771cf6b  {}\n",
            small.display()
        )
    );
    let missing = run(cinesync().args(["hash", "/no/such/file"]));
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn the_shipped_example_session_inspects_cleanly() {
    let output = run(cinesync().arg("inspect").arg(example_session()));
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stderr(&output), "");
    assert!(stdout(&output).starts_with("session version 3, pro, 4 media, 4 annotated frames\n"));
}

#[test]
fn an_io_error_names_the_file_once() {
    let output = run(cinesync().args(["inspect", "/nonexistent"]));
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "/nonexistent: error: No such file or directory (os error 2)\n"
    );
    let output = run(cinesync().args(["notes", "/nonexistent/x.csc"]));
    assert_eq!(
        stderr(&output),
        "/nonexistent/x.csc: error: No such file or directory (os error 2)\n"
    );
}

/// Runs `command` with standard output on a pipe whose reader has gone.
fn run_into_closed_pipe(command: &mut std::process::Command) -> std::process::Output {
    command
        .stdin(Stdio::null())
        .stdout(closed_pipe())
        .stderr(Stdio::piped())
        .output()
        .expect("the command starts")
}

#[test]
fn hash_and_create_end_quietly_when_the_reader_of_stdout_has_gone() {
    let small = reference_dir().join("small.txt");
    let output = run_into_closed_pipe(cinesync().arg("hash").arg(&small).arg(&small));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");

    // A file that cannot be hashed still fails the run, pipe or not.
    let output = run_into_closed_pipe(cinesync().args(["hash", "/no/such/file"]).arg(&small));
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "/no/such/file: error: No such file or directory (os error 2)\n"
    );

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("new.csc");
    let output = run_into_closed_pipe(cinesync().arg("create").arg(&small).arg("-o").arg(&out));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    let session = cinesync::Session::load_path(&out).unwrap().session;
    assert_eq!(session.media_files().next().unwrap().name, "small.txt");

    for args in [&["inspect"][..], &["inspect", "--json"], &["notes"]] {
        let output = run_into_closed_pipe(cinesync().args(args).arg(example_session()));
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr(&output)
        );
        assert_eq!(stderr(&output), "", "{args:?}");
    }
}

#[test]
fn create_and_notes_write_to_standard_output_for_dash() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(cinesync().current_dir(dir.path()).args([
        "create",
        "https://example.com/a/sh010.mov",
        "-o",
        "-",
    ]));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    let session: cinesync::Session = stdout(&output).parse().unwrap();
    let files: Vec<_> = session.media_files().collect();
    assert_eq!(files.len(), 1);
    assert_eq!(
        (files[0].name.as_str(), files[0].locators.url.as_deref()),
        ("sh010.mov", Some("https://example.com/a/sh010.mov"))
    );
    assert!(stdout(&output).starts_with("<?xml"), "{}", stdout(&output));

    let output = run(cinesync()
        .current_dir(dir.path())
        .args(["notes", "-o", "-"])
        .arg(reference_session("basic.csc")));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output).lines().next(),
        Some("Media File,Frame,Notes")
    );
    // Nothing was written under the name `-`.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
