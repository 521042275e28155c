//! Loading the reference session files written by cineSync, and writing them back.

use cinesync::{DrawingObject, ErrorKind, MediaKind, Session, StereoType, WarningKind};

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
    assert!(
        !session.media[2].play_range.unwrap().play_only_range
            || session.media[2].play_range.unwrap().in_frame == 10
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
