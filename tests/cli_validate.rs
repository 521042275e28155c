//! `cinesync validate`: output, exit statuses, `--schema`, `--json`, standard input.

use std::io::Write;
use std::process::Stdio;

use crate::util::{cinesync, reference_session, run, stderr, stdout};

#[test]
fn valid_files_print_valid_and_exit_zero() {
    let basic = reference_session("basic.csc");
    let output = run(cinesync().arg("validate").arg(&basic));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), format!("{}: valid\n", basic.display()));
}

#[test]
fn an_invalid_file_prints_each_problem_and_exits_one() {
    let basic = reference_session("basic.csc");
    let broken = reference_session("broken-features.csc");
    let output = run(cinesync().arg("validate").arg(&basic).arg(&broken));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        format!(
            "{}: valid\n{}:2:69: error: /session: attribute \"sessionFeatures\": \"awesome\" is not one of \"standard\", \"pro\"\n",
            basic.display(),
            broken.display()
        )
    );
}

#[test]
fn a_file_that_is_not_well_formed_is_invalid() {
    let dir = tempfile::tempdir().unwrap();
    let truncated = dir.path().join("truncated.csc");
    std::fs::write(&truncated, "<session>\n  <media>").unwrap();
    let output = run(cinesync().arg("validate").arg(&truncated));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        format!(
            "{}:2:10: error: not well-formed XML: the document ends before the root element is closed\n",
            truncated.display()
        )
    );
}

#[test]
fn a_missing_file_is_trouble_and_the_others_are_still_checked() {
    let basic = reference_session("basic.csc");
    let output = run(cinesync()
        .arg("validate")
        .arg("/no/such/file.csc")
        .arg(&basic));
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "/no/such/file.csc: error: No such file or directory (os error 2)\n"
    );
    assert_eq!(stdout(&output), format!("{}: valid\n", basic.display()));
}

#[test]
fn another_schema_can_be_given_and_its_errors_are_trouble() {
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("shot.rnc");
    std::fs::write(
        &schema,
        "element shot { attribute frame { xsd:integer } }\n",
    )
    .unwrap();
    let good = dir.path().join("good.xml");
    std::fs::write(&good, "<shot frame='3'/>").unwrap();
    let bad = dir.path().join("bad.xml");
    std::fs::write(&bad, "<shot frame='three'/>").unwrap();
    let output = run(cinesync()
        .arg("validate")
        .arg("--schema")
        .arg(&schema)
        .arg(&good)
        .arg(&bad));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        format!(
            "{}: valid\n{}:1:7: error: /shot: attribute \"frame\": \"three\" is not a valid integer\n",
            good.display(),
            bad.display()
        )
    );

    std::fs::write(&schema, "start = element shot { undefined }\n").unwrap();
    let output = run(cinesync()
        .arg("validate")
        .arg("--schema")
        .arg(&schema)
        .arg(&good));
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!(
            "{}:1:24: error: reference to undefined pattern \"undefined\"\n",
            schema.display()
        )
    );
}

#[test]
fn json_output_describes_every_file() {
    let basic = reference_session("basic.csc");
    let broken = reference_session("broken-features.csc");
    let output = run(cinesync()
        .args(["validate", "--json"])
        .arg(&basic)
        .arg(&broken));
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json[0]["file"], basic.display().to_string());
    assert_eq!(json[0]["valid"], true);
    assert_eq!(json[1]["valid"], false);
    assert_eq!(
        json[1]["problems"][0],
        serde_json::json!({
            "line": 2,
            "column": 69,
            "path": "/session",
            "message": "attribute \"sessionFeatures\": \"awesome\" is not one of \"standard\", \"pro\"",
        })
    );
}

#[test]
fn standard_input_is_read_once() {
    let mut child = cinesync()
        .args(["validate", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            std::fs::read(reference_session("pro.csc"))
                .unwrap()
                .as_slice(),
        )
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "<stdin>: valid\n");

    let output = run(cinesync().args(["validate", "-", "-"]));
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: standard input (-) can be read only once\n"
    );
}

#[test]
fn many_files_are_reported_in_the_order_given() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for index in 0..40 {
        let path = dir.path().join(format!("s{index:02}.csc"));
        let features = if index % 7 == 3 {
            "awesome"
        } else {
            "standard"
        };
        std::fs::write(
            &path,
            format!("<session xmlns=\"http://www.cinesync.com/ns/session/3.0\" version=\"3\" sessionFeatures=\"{features}\"/>"),
        )
        .unwrap();
        files.push(path);
    }
    let output = run(cinesync().arg("validate").args(&files));
    assert_eq!(output.status.code(), Some(1));
    let printed = stdout(&output);
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines.len(), 40);
    for (index, line) in lines.iter().enumerate() {
        let name = files[index].display().to_string();
        if index % 7 == 3 {
            assert!(line.starts_with(&format!("{name}:1:")), "{line}");
        } else {
            assert_eq!(*line, format!("{name}: valid"));
        }
    }
}
