//! Loading the reference session files written by cineSync, and writing them back.

use cinesync::{
    DrawingObject, ErrorKind, MediaKind, PlayRange, Session, StereoType, WarningKind, WriteOptions,
};
use serde_json::json;

use crate::util::{reference_session, reference_text};

fn load(name: &str) -> Session {
    let loaded = Session::load_path(&reference_session(name)).expect("the sample loads");
    assert_eq!(loaded.warnings, vec![], "{name} loads without warnings");
    loaded.session
}

#[test]
fn basic_sample_has_every_field() {
    let session = load("basic.csc");
    assert_eq!(session.version, 3);
    assert_eq!(session.declared_features.as_deref(), Some("standard"));
    assert_eq!(session.user_data, "sessionUserData blah bloo blee");
    assert_eq!(session.notes, "These are my session notes.\nnewline.");
    assert_eq!(session.media.len(), 3);

    let first = &session.media[0];
    let file = first.as_file().unwrap();
    assert_eq!(file.name, "024b_fn_079_v01_1-98.mov");
    assert_eq!(
        file.locators.path.as_deref(),
        Some("/Volumes/Scratch/test_files/movies/024b_fn_079_v01_1-98.mov")
    );
    assert_eq!(
        (
            file.locators.short_hash.as_deref(),
            file.locators.url.as_deref()
        ),
        (None, None)
    );
    let range = first.play_range.unwrap();
    assert_eq!(
        (range.in_frame, range.out_frame, range.play_only_range),
        (40, 50, true)
    );
    assert!(!first.active);
    assert_eq!(first.current_frame, 1);

    let second = &session.media[1];
    assert!(second.active);
    assert_eq!(second.current_frame, 65);
    let file = second.as_file().unwrap();
    assert_eq!(
        file.locators.url.as_deref(),
        Some("http://example.com/test_files/movies/sample_mpeg4.mp4")
    );
    assert_eq!(
        file.locators.short_hash.as_deref(),
        Some("e74db5de61fa5483c541a3a3056f22d158b44ace")
    );

    let third = &session.media[2];
    assert_eq!(third.user_data, "myPrivateInfo");
    let file = third.as_file().unwrap();
    assert_eq!(file.name, "Test_MH 2fps.mov");
    assert_eq!(file.notes, "These notes on the last movie.");
    assert_eq!(file.annotations.len(), 1);
    assert_eq!(
        file.annotations[&1].notes,
        "This is a note on the first frame of the last movie."
    );
    assert!(file.annotations[&1].objects.is_empty());
}

#[test]
fn pro_sample_types_every_pro_element() {
    let session = load("pro.csc");
    assert_eq!(session.features().as_str(), "pro");
    let file = session.media[0].as_file().unwrap();
    let ratio = file.pixel_ratio.as_ref().unwrap();
    assert_eq!((ratio.source.width, ratio.source.height), (1.0, 1.42));
    assert_eq!((ratio.target.width, ratio.target.height), (1.0, 1.0));
    let mask = file.mask.as_ref().unwrap();
    assert_eq!(mask.alpha, 0.719895);
    assert_eq!((mask.ratio.width, mask.ratio.height), (4.0, 3.0));
    assert_eq!(mask.scale_factor, 0.362335);
    assert_eq!((mask.center.x, mask.center.y), (0.5, 0.5));
    let grading = file.color_grading.as_ref().unwrap();
    let offset = grading.offset.unwrap();
    assert_eq!((offset.red, offset.green, offset.blue), (0.0, 0.0, 0.0));
    assert_eq!(grading.brightness.unwrap().rgb, 1.0);
    assert_eq!(grading.saturation, Some(1.306146));
    assert_eq!(grading.contrast, Some(0.856175));
    assert_eq!(grading.gamma, Some(1.0));
    assert_eq!(grading.linear_to_log, Some(false));
    assert_eq!(
        grading.lut_path.as_deref(),
        Some("/Users/jonathon/Documents/Streams/cineSync/common/lut/k2383_sRGB_ll.itx")
    );
    let zoom = file.zoom_state.as_ref().unwrap();
    assert_eq!(
        (zoom.center.x, zoom.center.y, zoom.scale_factor),
        (0.552451, 0.476493, 1.8)
    );
    assert_eq!(file.annotations[&24].notes, "funny chars>>");

    // An empty <colorGrading /> is a grading whose parts are all absent.
    let second = session.media[1].as_file().unwrap();
    assert_eq!(
        second.color_grading,
        Some(cinesync::ColorGrading::default())
    );
    let third = session.media[2].as_file().unwrap();
    assert_eq!(third.color_grading.as_ref().unwrap().lut_path, None);
    assert_eq!(
        session.media[2].play_range,
        Some(PlayRange {
            in_frame: 10,
            out_frame: 11,
            play_only_range: true
        })
    );
}

#[test]
fn pro_sample_json_has_the_documented_shape() {
    let session = load("pro.csc");
    let json = serde_json::to_value(&session).unwrap();
    let first = &json["media"][0];
    assert_eq!(
        first["zoom_state"],
        json!({"center": {"x": 0.552451, "y": 0.476493}, "scale_factor": 1.8})
    );
    assert_eq!(
        first["pixel_ratio"],
        json!({"source": {"width": 1.0, "height": 1.42}, "target": {"width": 1.0, "height": 1.0}})
    );
    assert_eq!(
        first["mask"],
        json!({"alpha": 0.719895, "center": {"x": 0.5, "y": 0.5},
               "ratio": {"width": 4.0, "height": 3.0}, "scale_factor": 0.362335})
    );
    assert_eq!(
        first["color_grading"],
        json!({"offset": {"red": 0.0, "green": 0.0, "blue": 0.0},
               "brightness": {"rgb": 1.0, "red": 1.0, "green": 1.0, "blue": 1.0},
               "saturation": 1.306146, "gamma": 1.0, "contrast": 0.856175, "linear_to_log": false,
               "lut_path": "/Users/jonathon/Documents/Streams/cineSync/common/lut/k2383_sRGB_ll.itx"})
    );
    assert_eq!(
        first["play_range"],
        json!({"in_frame": 39, "out_frame": 49, "play_only_range": true})
    );

    let second = &json["media"][1];
    // An empty <colorGrading /> is an object whose values are all null.
    assert_eq!(
        second["color_grading"],
        json!({"offset": null, "brightness": null, "saturation": null, "gamma": null,
               "contrast": null, "linear_to_log": null, "lut_path": null})
    );
    assert_eq!(
        second["zoom_state"],
        json!({"center": {"x": 0.5, "y": 0.5}, "scale_factor": 1.0})
    );
    assert_eq!(
        second["mask"],
        json!({"alpha": 1.0, "center": {"x": 0.5, "y": 0.5},
               "ratio": {"width": 1.0, "height": 1.0}, "scale_factor": 1.0})
    );
    assert_eq!(
        second["pixel_ratio"],
        json!({"source": {"width": 1.0, "height": 1.0}, "target": {"width": 1.0, "height": 1.0}})
    );
}

#[test]
fn drawing_objects_json_has_the_documented_shape() {
    let session = load("groups-and-drawings.csc");
    let json = serde_json::to_value(&session).unwrap();
    let annotations = json["media"][0]["annotations"].as_array().unwrap();
    let frame = |number: u64| {
        annotations
            .iter()
            .find(|annotation| annotation["frame"] == number)
            .unwrap()
    };
    let frame_1 = &frame(1)["objects"];
    assert_eq!(
        frame_1[0],
        json!({"type": "circle", "id": "f64b9682-44cf-4102-9d7d-791098b58942:53",
               "color": "#0500ff", "alpha": 1.0,
               "start": {"x": 0.574331, "y": 0.438424}, "end": {"x": 0.635272, "y": 0.591133}})
    );
    assert_eq!(
        frame_1[1],
        json!({"type": "arrow", "id": "f64b9682-44cf-4102-9d7d-791098b58942:51",
               "color": "#0500ff", "alpha": 1.0,
               "start": {"x": 0.578024, "y": 0.430213}, "end": {"x": 0.578947, "y": 0.426929},
               "special": false, "flip_side": null, "reverse": null})
    );
    assert_eq!(
        frame_1[3],
        json!({"type": "line", "id": "5e53e0b7-da8e-46cb-86c6-fd9a18415e38:0",
               "color": "#0500ff", "alpha": 1.0, "thickness": 0.0025,
               "points": [{"x": 0.123005, "y": 0.861702, "alpha": 1.0},
                          {"x": 0.123005, "y": 0.861702, "alpha": 1.0}]})
    );
    let frame_38 = &frame(38)["objects"];
    assert_eq!(
        frame_38[0],
        json!({"type": "text", "id": "f64b9682-44cf-4102-9d7d-791098b58942:22",
               "start": {"x": 0.624192, "y": 0.326765}, "end": {"x": 0.79132, "y": 0.093596},
               "background": {"color": "#383854", "alpha": 1.0},
               "foreground": {"color": "#ffffff", "alpha": 1.0},
               "text": "please delay the camera move to frame 45"})
    );
    assert_eq!(
        frame_38[3],
        json!({"type": "erase", "id": "b22b86fb-2e9e-4a97-92cc-2950e3fce6b3:11", "thickness": 0.0025,
               "points": [{"x": 0.392544, "y": 0.138402}, {"x": 0.391082, "y": 0.134503},
                          {"x": 0.385234, "y": 0.130604}, {"x": 0.377924, "y": 0.128655},
                          {"x": 0.36769, "y": 0.126706}]})
    );
}

#[test]
fn drawings_keep_document_order_kinds_and_coordinates() {
    let session = load("groups-and-drawings.csc");
    assert_eq!(session.groups, ["Countdown", "Empty group", "royalty_free"]);
    let file = session.media[0].as_file().unwrap();
    assert_eq!(
        file.locators.path.as_deref(),
        Some(
            r"C:\Documents and Settings\Jonathon Mah\Desktop\test_files\movies\024b_fn_079_v01_1-98.mov"
        )
    );
    let frame_1 = &file.annotations[&1].objects;
    let kinds: Vec<&str> = frame_1.iter().map(DrawingObject::element_name).collect();
    assert_eq!(
        kinds,
        ["circle", "arrow", "arrow", "line", "line", "line", "line", "line"]
    );
    let DrawingObject::Circle(circle) = &frame_1[0] else {
        panic!("a circle first")
    };
    assert_eq!(
        circle.id.as_deref(),
        Some("f64b9682-44cf-4102-9d7d-791098b58942:53")
    );
    assert_eq!((circle.color.as_str(), circle.alpha), ("#0500ff", 1.0));
    assert_eq!(
        (circle.start.x, circle.start.y, circle.end.x, circle.end.y),
        (0.574331, 0.438424, 0.635272, 0.591133)
    );
    let DrawingObject::Arrow(plain) = &frame_1[1] else {
        panic!("an arrow second")
    };
    assert_eq!(
        (plain.special, plain.flip_side, plain.reverse),
        (Some(false), None, None)
    );
    let DrawingObject::Arrow(flipped) = &frame_1[2] else {
        panic!("an arrow third")
    };
    assert_eq!(
        (flipped.special, flipped.flip_side, flipped.reverse),
        (Some(true), Some(true), Some(true))
    );
    let DrawingObject::Line(line) = &frame_1[6] else {
        panic!("lines after")
    };
    assert_eq!(line.thickness, 0.04);
    assert_eq!(
        (line.points[0].x, line.points[0].y, line.points[0].alpha),
        (0.05, 0.822222, Some(1.0))
    );

    let frame_38 = &file.annotations[&38].objects;
    let kinds: Vec<&str> = frame_38.iter().map(DrawingObject::element_name).collect();
    // The eraser stroke stays between the lines it was drawn between.
    assert_eq!(&kinds[..5], ["text", "text", "line", "erase", "line"]);
    let DrawingObject::Text(text) = &frame_38[1] else {
        panic!("text")
    };
    assert_eq!(text.text, "something with a\nnewline or\ntwo");
    assert_eq!(
        (
            text.foreground.color.as_str(),
            text.background.color.as_str()
        ),
        ("#fabcea", "#383854")
    );
    let DrawingObject::Line(stroke) = &frame_38[2] else {
        panic!("line")
    };
    assert_eq!(stroke.points.len(), 20);
    let DrawingObject::Erase(erase) = &frame_38[3] else {
        panic!("erase")
    };
    assert_eq!((erase.thickness, erase.points.len()), (0.0025, 5));
    assert_eq!((erase.points[4].x, erase.points[4].y), (0.367690, 0.126706));

    let total: usize = session
        .media_files()
        .flat_map(|f| f.annotations.values())
        .map(|a| a.objects.len())
        .sum();
    let in_text = reference_text("groups-and-drawings.csc");
    let expected: usize = ["<line ", "<erase ", "<circle ", "<arrow ", "<text "]
        .iter()
        .map(|tag| in_text.matches(tag).count())
        .sum();
    assert_eq!(total, expected);
}

#[test]
fn group_movie_and_url_samples() {
    let session = load("group-movie.csc");
    assert_eq!(session.groups, ["myGroup"]);
    assert_eq!(session.media[0].groups, ["myGroup"]);
    let MediaKind::GroupMovie(movie) = &session.media[2].kind else {
        panic!("a group movie")
    };
    assert_eq!(movie.group, "myGroup");
    assert_eq!(
        session.features().as_str(),
        "pro",
        "a group movie makes the session pro"
    );

    let urls = load("url-locators.csc");
    let found: Vec<_> = urls
        .media_files()
        .map(|f| (f.name.as_str(), f.locators.url.as_deref().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "When You Were Young.mov",
                "http://movies.apple.com/media/us/quicktime/guide/hd/480p/whenyouwereyoung_m480p.mov"
            ),
            ("CountdownBlue_01-00148.png", "ftp://rollye@ftp.rsrhq.com/CountdownBlue_01-00148.png"),
        ]
    );
    assert!(urls.media[0].active);
}

#[test]
fn newer_version_loads_with_a_warning() {
    let loaded = Session::load_path(&reference_session("newer-version-4.csc")).unwrap();
    assert_eq!(loaded.session.version, 4);
    assert_eq!(loaded.session.notes, "These are my session notes.");
    assert_eq!(loaded.warnings.len(), 1);
    assert_eq!(
        loaded.warnings[0].kind,
        WarningKind::NewerVersion { version: 4 }
    );
    assert_eq!(loaded.warnings[0].location.to_string(), "2:1");
    // Written back as version 3.
    let xml = loaded.session.to_xml().unwrap();
    assert!(xml.contains(r#"version="3""#), "{xml}");
}

#[test]
fn unknown_features_load_and_are_derived_on_write() {
    let session = load("broken-features.csc");
    assert_eq!(session.declared_features.as_deref(), Some("awesome"));
    let xml = session.to_xml().unwrap();
    assert!(xml.contains(r#"sessionFeatures="standard""#), "{xml}");
}

#[test]
fn wrong_namespace_is_an_error_naming_the_expected_one() {
    let error = Session::load_path(&reference_session("broken-namespace.csc")).unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::WrongRoot { .. }));
    assert_eq!(
        error.to_string(),
        "the root element must be `session` in namespace `http://www.cinesync.com/ns/session/3.0`, \
         found `{http://www.cinesync.com/ns/session/5.0}session` at 2:1"
    );
}

#[test]
fn every_good_sample_survives_a_round_trip() {
    for name in [
        "basic.csc",
        "pro.csc",
        "groups-and-drawings.csc",
        "group-movie.csc",
        "url-locators.csc",
        "newer-version-4.csc",
        "broken-features.csc",
    ] {
        let first = Session::load_path(&reference_session(name))
            .unwrap()
            .session;
        let written = first.to_xml().unwrap();
        let second = Session::load_str(&written).unwrap();
        assert_eq!(second.warnings, vec![], "{name}");
        let mut expected = first.clone();
        expected.version = 3;
        expected.declared_features = Some(first.features().as_str().to_owned());
        assert_eq!(second.session, expected, "{name} after a round trip");
        // Writing is deterministic.
        assert_eq!(
            second.session.to_xml().unwrap(),
            written,
            "{name} writes the same bytes twice"
        );
    }
}

#[test]
fn stereo_and_chat_are_typed() {
    let xml = r#"<session xmlns="http://www.cinesync.com/ns/session/3.0" version="3" sessionFeatures="pro">
        <chat>Tom%3A%20looks%20good%0AAnna%3A%20%E2%9C%93</chat>
        <stereo enabled="true" type="interlaced"><anamorphic value="true"/><separation annotation="-0.54" image="0.002"/></stereo>
    </session>"#;
    let session = Session::load_str(xml).unwrap().session;
    let chat = session.chat.as_ref().unwrap();
    assert_eq!(chat.raw, "Tom%3A%20looks%20good%0AAnna%3A%20%E2%9C%93");
    assert_eq!(chat.decoded(), "Tom: looks good\nAnna: ✓");
    let stereo = session.stereo.as_ref().unwrap();
    assert_eq!(
        (stereo.enabled, stereo.kind),
        (true, StereoType::Interlaced)
    );
    assert_eq!((stereo.anamorphic, stereo.anaglyph), (Some(true), None));
    let separation = stereo.separation.unwrap();
    assert_eq!((separation.annotation, separation.image), (-0.54, 0.002));
    let json = serde_json::to_value(&session).unwrap();
    assert_eq!(
        json["stereo"],
        serde_json::json!({"enabled": true, "type": "interlaced", "anamorphic": true, "anaglyph": null,
                           "grayscale": null, "separation": {"annotation": -0.54, "image": 0.002}})
    );
    assert_eq!(
        Session::load_str(&session.to_xml().unwrap())
            .unwrap()
            .session,
        session
    );
}

#[test]
fn unknown_content_is_kept_reported_and_written_back_unless_strict() {
    let xml = r#"<session xmlns="http://www.cinesync.com/ns/session/3.0" xmlns:x="urn:studio" version="3" sessionFeatures="standard" fromScript="true">
  <media framesPerSecond="24" x:shot="042_0150">
    <name>a.mov</name><locators><path>/a.mov</path></locators>
    <colorSpace name="ACEScg"><note>linear</note></colorSpace>
  </media>
</session>"#;
    let loaded = Session::load_str(xml).unwrap();
    let described: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        described,
        [
            "/session: unknown attribute `fromScript` kept at 1:1",
            "/session/media[1]: unknown attribute `framesPerSecond` kept at 2:3",
            "/session/media[1]: unknown attribute `{urn:studio}shot` kept at 2:3",
            "/session/media[1]/colorSpace[1]: unknown element `{http://www.cinesync.com/ns/session/3.0}colorSpace` kept at 4:5",
        ]
    );
    let session = loaded.session;
    let written = session.to_xml().unwrap();
    assert!(written.contains(r#"fromScript="true""#), "{written}");
    assert!(
        written.contains(r#"framesPerSecond="24" xmlns:ns0="urn:studio" ns0:shot="042_0150""#),
        "{written}"
    );
    assert!(
        written.contains(r#"<colorSpace name="ACEScg">"#),
        "{written}"
    );
    let again = Session::load_str(&written).unwrap();
    assert_eq!(again.session, session);
    assert_eq!(again.warnings.len(), 4);

    let strict = session
        .to_xml_with(&cinesync::WriteOptions { strict_v3: true })
        .unwrap();
    assert!(
        !strict.contains("fromScript")
            && !strict.contains("colorSpace")
            && !strict.contains("urn:studio"),
        "{strict}"
    );
    assert_eq!(Session::load_str(&strict).unwrap().warnings, vec![]);
}

const HEAD: &str = r#"<session xmlns="http://www.cinesync.com/ns/session/3.0" version="3" sessionFeatures="standard">"#;
const NS: &str = "http://www.cinesync.com/ns/session/3.0";

fn strict(session: &Session) -> String {
    session
        .to_xml_with(&WriteOptions { strict_v3: true })
        .unwrap()
}

/// Writes `session`, asserts that the file loads back equal (with the same warnings but
/// for what the first load dropped) and writes the same bytes again, and returns it.
fn written_back(session: &Session) -> String {
    let written = session.to_xml().unwrap();
    let again = Session::load_str(&written).unwrap().session;
    let mut expected = session.clone();
    expected.declared_features = Some(session.features().as_str().to_owned());
    assert_eq!(again, expected, "{written}");
    assert_eq!(again.to_xml().unwrap(), written);
    written
}

#[test]
fn unknown_elements_keep_their_place_among_their_siblings() {
    // A `future` drawing between two eraser strokes, a `playlistFolder` between two media,
    // and a `mirror` after the short hash, which cineSync wrote after the URL.
    let xml = format!(
        r#"{HEAD}
  <media><name>a.mov</name><locators><path>/a.mov</path></locators>
    <annotation frame="3">
      <erase thickness="0.01"><point x="0.1" y="0.2"/></erase>
      <future kind="blob">soon</future>
      <erase thickness="0.02"><point x="0.3" y="0.4"/></erase>
    </annotation>
  </media>
  <playlistFolder name="dailies"/>
  <media><name>b.mov</name><locators><url>https://example.com/b.mov</url><shortHash>e74db5de61fa5483c541a3a3056f22d158b44ace</shortHash><mirror/></locators></media>
</session>"#
    );
    let loaded = Session::load_str(&xml).unwrap();
    let described: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        described,
        [
            format!("/session/media[1]/annotation[1]/future[1]: unknown element `{{{NS}}}future` kept at 5:7"),
            format!("/session/playlistFolder[1]: unknown element `{{{NS}}}playlistFolder` kept at 9:3"),
            format!("/session/media[2]/locators[1]/mirror[1]: unknown element `{{{NS}}}mirror` kept at 10:137"),
        ]
    );
    let session = loaded.session;
    let objects = &session.media[0].as_file().unwrap().annotations[&3].objects;
    let kinds: Vec<&str> = objects.iter().map(DrawingObject::element_name).collect();
    assert_eq!(kinds, ["erase", "future", "erase"]);
    assert_eq!(
        session.extra.children[0].0,
        Some(("media".to_owned(), 0)),
        "the folder follows the first media"
    );

    assert_eq!(
        written_back(&session),
        r#"<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<session xmlns="http://www.cinesync.com/ns/session/3.0" version="3" sessionFeatures="standard">
    <media>
        <name>a.mov</name>
        <locators>
            <path>/a.mov</path>
        </locators>
        <annotation frame="3">
            <erase thickness="0.01">
                <point x="0.1" y="0.2"/>
            </erase>
            <future kind="blob">soon</future>
            <erase thickness="0.02">
                <point x="0.3" y="0.4"/>
            </erase>
        </annotation>
    </media>
    <playlistFolder name="dailies"/>
    <media>
        <name>b.mov</name>
        <locators>
            <shortHash>e74db5de61fa5483c541a3a3056f22d158b44ace</shortHash>
            <mirror/>
            <url>https://example.com/b.mov</url>
        </locators>
    </media>
</session>
"#
    );
    let strict = strict(&session);
    assert!(
        !strict.contains("future")
            && !strict.contains("playlistFolder")
            && !strict.contains("mirror"),
        "{strict}"
    );
    assert_eq!(Session::load_str(&strict).unwrap().warnings, vec![]);
}

#[test]
fn an_unknown_drawing_object_is_typed_in_json_and_counts_as_a_drawing() {
    let xml = format!(
        r#"{HEAD}<media><name>a.mov</name><locators><path>/a.mov</path></locators>
    <annotation frame="3"><future id="f:1" xmlns:x="urn:x" x:kind="blob">soon<x:part/></future></annotation>
  </media></session>"#
    );
    let session = Session::load_str(&xml).unwrap().session;
    let object = &session.media[0].as_file().unwrap().annotations[&3].objects[0];
    assert_eq!(
        (object.element_name(), object.id()),
        ("future", Some("f:1"))
    );
    let json = serde_json::to_value(&session).unwrap();
    assert_eq!(
        json["media"][0]["annotations"][0]["objects"],
        json!([{"type": "unknown", "namespace": NS, "name": "future",
                "attributes": [{"namespace": null, "name": "id", "value": "f:1"},
                               {"namespace": "urn:x", "name": "kind", "value": "blob"}],
                "children": [{"text": "soon"},
                             {"element": {"namespace": "urn:x", "name": "part",
                                          "attributes": [], "children": []}}]}])
    );
    let notes = cinesync::export::notes(&session, true);
    assert_eq!(
        notes.len(),
        1,
        "a frame holding only an unknown object is a drawn frame"
    );
    assert_eq!((notes[0].frame, notes[0].drawing_objects), (Some(3), 1));
    written_back(&session);
    // Strict output leaves the annotation empty.
    assert!(strict(&session).contains(r#"<annotation frame="3"/>"#));
}

#[test]
fn unknown_content_of_small_elements_is_kept_and_written_back() {
    let xml = format!(
        r##"{HEAD}
  <group>g<tag/></group>
  <media><name>a.mov</name><locators><path>/a.mov</path></locators>
    <playRange><inFrame value="1" extra="e"/><outFrame value="2"/><playOnlyRange value="true"><why/></playOnlyRange></playRange>
    <zoomState><center x="0.5" y="0.5" z="1"/><scaleFactor value="2" unit="x"/></zoomState>
    <annotation frame="1">
      <notes>before <b>bold</b> after</notes>
      <line color="#ffffff" alpha="1" thickness="0.1"><point x=".1" y=".2" extra="e"/><point x="0.3" y="0.4" alpha="0.5" pressure="0.7"/></line>
      <text><startPoint x="0" y="0"/><endPoint x="1" y="1" w="2"/><background color="#000000" alpha="1" blur="3"/><foreground color="#ffffff" alpha="1"/><p>Hello <i>you</i></p></text>
    </annotation>
  </media>
  <media><groupMovie><group kind="shots">g</group></groupMovie></media>
</session>"##
    );
    let loaded = Session::load_str(&xml).unwrap();
    let described: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        described,
        [
            format!("/session/group[1]/tag[1]: unknown element `{{{NS}}}tag` kept at 2:11"),
            "/session/media[1]/playRange[1]/inFrame[1]: unknown attribute `extra` kept at 4:16".to_owned(),
            format!("/session/media[1]/playRange[1]/playOnlyRange[1]/why[1]: unknown element `{{{NS}}}why` kept at 4:95"),
            "/session/media[1]/zoomState[1]/center[1]: unknown attribute `z` kept at 5:16".to_owned(),
            "/session/media[1]/zoomState[1]/scaleFactor[1]: unknown attribute `unit` kept at 5:47".to_owned(),
            format!("/session/media[1]/annotation[1]/notes[1]/b[1]: unknown element `{{{NS}}}b` kept at 7:21"),
            "/session/media[1]/annotation[1]/line[1]/point[1]: unknown attribute `extra` kept at 8:55".to_owned(),
            "/session/media[1]/annotation[1]/line[1]/point[2]: unknown attribute `pressure` kept at 8:87".to_owned(),
            "/session/media[1]/annotation[1]/text[1]/endPoint[1]: unknown attribute `w` kept at 9:38".to_owned(),
            "/session/media[1]/annotation[1]/text[1]/background[1]: unknown attribute `blur` kept at 9:67".to_owned(),
            format!("/session/media[1]/annotation[1]/text[1]/p[1]/i[1]: unknown element `{{{NS}}}i` kept at 9:163"),
            "/session/media[2]/groupMovie[1]/group[1]: unknown attribute `kind` kept at 12:22".to_owned(),
        ]
    );
    let session = loaded.session;
    let file = session.media[0].as_file().unwrap();
    assert_eq!(file.annotations[&1].notes, "before  after");
    let DrawingObject::Line(line) = &file.annotations[&1].objects[0] else {
        panic!("a line")
    };
    assert_eq!((line.points[0].x, line.points[0].y), (0.1, 0.2));
    assert_eq!(
        line.extra.part("point", 0).unwrap().attributes,
        [cinesync::ExtraAttribute {
            namespace: None,
            name: "extra".into(),
            value: "e".into()
        }]
    );
    let in_frame = session.media[0]
        .extra
        .part("playRange", 0)
        .unwrap()
        .part("inFrame", 0);
    assert_eq!(in_frame.unwrap().attributes[0].name, "extra");
    // Kept on the line, a point's unknown content costs the point nothing.
    assert_eq!(std::mem::size_of::<cinesync::Point>(), 16);
    assert_eq!(std::mem::size_of::<cinesync::LinePoint>(), 32);

    assert_eq!(
        written_back(&session),
        r##"<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<session xmlns="http://www.cinesync.com/ns/session/3.0" version="3" sessionFeatures="pro">
    <group>g<tag/></group>
    <media>
        <name>a.mov</name>
        <locators>
            <path>/a.mov</path>
        </locators>
        <playRange>
            <inFrame value="1" extra="e"/>
            <outFrame value="2"/>
            <playOnlyRange value="true">
                <why/>
            </playOnlyRange>
        </playRange>
        <zoomState>
            <center x="0.5" y="0.5" z="1"/>
            <scaleFactor value="2" unit="x"/>
        </zoomState>
        <annotation frame="1">
            <notes>before <b>bold</b> after</notes>
            <line color="#ffffff" alpha="1" thickness="0.1">
                <point x="0.1" y="0.2" extra="e"/>
                <point x="0.3" y="0.4" alpha="0.5" pressure="0.7"/>
            </line>
            <text>
                <startPoint x="0" y="0"/>
                <endPoint x="1" y="1" w="2"/>
                <background color="#000000" alpha="1" blur="3"/>
                <foreground color="#ffffff" alpha="1"/>
                <p>Hello <i>you</i></p>
            </text>
        </annotation>
    </media>
    <media>
        <groupMovie>
            <group kind="shots">g</group>
        </groupMovie>
    </media>
</session>
"##
    );
    let strict = strict(&session);
    for gone in [
        "<tag", "extra=", "<why", "z=", "unit=", "<b>", "pressure", "w=", "blur", "<i>", "kind=",
    ] {
        assert!(!strict.contains(gone), "{gone} in {strict}");
    }
    assert!(strict.contains("<notes>before  after</notes>"), "{strict}");
    assert_eq!(Session::load_str(&strict).unwrap().warnings, vec![]);
}

#[test]
fn comments_keep_their_place_and_processing_instructions_are_reported() {
    let xml = format!(
        r##"<!-- made by a script -->
{HEAD}
  <!-- playlist -->
  <media><name>a<!--v2-->.mov</name><locators><path>/a.mov</path></locators>
    <annotation frame="2">
      <line color="#ffffff" alpha="1" thickness="0.1"><point x="0" y="0"/></line>
      <!-- then erased -->
      <erase thickness="0.5"><point x="0" y="0"/></erase>
    </annotation>
    <?render fast?>
    <annotation frame="2">
      <line color="#ffffff" alpha="1" thickness="0.1"><point x="1" y="1"/></line>
      <!-- after the second line -->
    </annotation>
  </media>
</session>"##
    );
    let loaded = Session::load_str(&xml).unwrap();
    let described: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        described,
        [
            "/: a comment outside the `session` element dropped at 1:1",
            "/session/media[1]: processing instruction `render` dropped at 10:5",
            "/session/media[1]/annotation[2]: a second annotation for frame 2 was merged into the first at 11:5",
        ]
    );
    let session = loaded.session;
    let file = session.media[0].as_file().unwrap();
    assert_eq!(file.name, "a.mov");
    assert_eq!(
        written_back(&session),
        r##"<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<session xmlns="http://www.cinesync.com/ns/session/3.0" version="3" sessionFeatures="standard">
    <!-- playlist -->
    <media>
        <name>a<!--v2-->.mov</name>
        <locators>
            <path>/a.mov</path>
        </locators>
        <annotation frame="2">
            <line color="#ffffff" alpha="1" thickness="0.1">
                <point x="0" y="0"/>
            </line>
            <!-- then erased -->
            <erase thickness="0.5">
                <point x="0" y="0"/>
            </erase>
            <line color="#ffffff" alpha="1" thickness="0.1">
                <point x="1" y="1"/>
            </line>
            <!-- after the second line -->
        </annotation>
    </media>
</session>
"##
    );
    // Comments are XML, not unknown content: strict output keeps them.
    assert_eq!(strict(&session), session.to_xml().unwrap());
}

#[test]
fn what_cannot_be_kept_is_dropped_with_a_warning() {
    let xml = format!(
        r#"{HEAD}
  <media><name>a.mov</name><name>b.mov</name><locators><path>/a.mov</path></locators><locators><url>http://x/</url></locators>
    <zoomState><center x="0" y="0">stray</center><scaleFactor value="1"/><scaleFactor value="2"/></zoomState>
  </media>
</session>"#
    );
    let loaded = Session::load_str(&xml).unwrap();
    let described: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        described,
        [
            "/session/media[1]/name[2]: a second `name` element dropped at 2:28",
            "/session/media[1]/locators[2]: a second `locators` element dropped at 2:86",
            "/session/media[1]/zoomState[1]/center[1]: text between elements dropped at 3:36",
            "/session/media[1]/zoomState[1]/scaleFactor[2]: a second `scaleFactor` element dropped at 3:74",
        ]
    );
    let file = loaded.session.media[0].as_file().unwrap();
    assert_eq!(
        (file.name.as_str(), &file.locators),
        ("a.mov", &cinesync::Locators::path("/a.mov"))
    );
    assert_eq!(file.zoom_state.as_ref().unwrap().scale_factor, 1.0);
}
