//! The rules a model must follow to be written, and saving that never loses a file.

use cinesync::{
    ColorAlpha, DrawingObject, ErrorKind, FrameAnnotation, Locators, Media, MediaFile, PlayRange,
    Point, Session, TextBox,
};

fn one_file_session(file: MediaFile) -> Session {
    let mut session = Session::new();
    session.media.push(file.into());
    session
}

fn rejection(session: &Session) -> (String, String) {
    match session.to_xml().unwrap_err().into_kind() {
        ErrorKind::Invalid { field, message } => (field, message),
        other => panic!("expected an invalid-model error, got {other:?}"),
    }
}

#[test]
fn each_rule_names_the_field() {
    let good = MediaFile::new("a.mov", Locators::path("/a.mov"));

    let mut session = one_file_session(MediaFile::new("", Locators::path("/a.mov")));
    assert_eq!(
        rejection(&session),
        ("media[0].name".into(), "must not be empty".into())
    );

    session = one_file_session(MediaFile::new("a.mov", Locators::default()));
    assert_eq!(
        rejection(&session),
        (
            "media[0].locators".into(),
            "a media file needs at least one locator (path, short hash or URL)".into()
        )
    );

    session = one_file_session(MediaFile::new("a.mov", Locators::short_hash("abc")));
    assert_eq!(
        rejection(&session),
        (
            "media[0].locators.short_hash".into(),
            "a short hash has 40 characters, this one has 3".into()
        )
    );

    session = one_file_session(good.clone());
    session.media[0].play_range = Some(PlayRange {
        in_frame: 50,
        out_frame: 40,
        play_only_range: false,
    });
    assert_eq!(
        rejection(&session),
        (
            "media[0].play_range".into(),
            "in frame 50 is after out frame 40".into()
        )
    );

    session.media[0].play_range = None;
    session.media[0].current_frame = 0;
    assert_eq!(
        rejection(&session),
        (
            "media[0].current_frame".into(),
            "frame numbers start at 1, found 0".into()
        )
    );

    session = one_file_session(good.clone());
    session.media.push(Media::group_movie(""));
    assert_eq!(
        rejection(&session),
        ("media[1].group".into(), "must not be empty".into())
    );

    let mut drawn = good.clone();
    drawn.annotations.insert(
        3,
        FrameAnnotation {
            objects: vec![DrawingObject::Text(TextBox {
                id: None,
                start: Point::new(0.0, 0.0),
                end: Point::new(1.0, 1.0),
                background: ColorAlpha::new("#12345", 1.0),
                foreground: ColorAlpha::new("#ffffff", 1.0),
                text: "hi".into(),
                extra: Default::default(),
            })],
            ..FrameAnnotation::default()
        },
    );
    session = one_file_session(drawn.clone());
    assert_eq!(
        rejection(&session),
        (
            "media[0].annotations[3].objects[0].background.color".into(),
            "\"#12345\" is not a colour of the form #RRGGBB".into()
        )
    );

    if let DrawingObject::Text(text) = &mut drawn.annotations.get_mut(&3).unwrap().objects[0] {
        text.background = ColorAlpha::new("#123456", 1.5);
    }
    session = one_file_session(drawn);
    assert_eq!(
        rejection(&session),
        (
            "media[0].annotations[3].objects[0].background.alpha".into(),
            "1.5 is outside 0..=1".into()
        )
    );

    let mut frame_zero = good;
    frame_zero
        .annotations
        .insert(0, FrameAnnotation::with_notes("x"));
    session = one_file_session(frame_zero);
    assert_eq!(
        rejection(&session),
        (
            "media[0].annotations[0]".into(),
            "frame numbers start at 1, found 0".into()
        )
    );

    session = Session::new();
    session.notes = "bell \u{7}".into();
    assert_eq!(
        rejection(&session),
        (
            "notes".into(),
            "character U+0007 cannot be written in XML".into()
        )
    );
}

#[test]
fn the_error_message_reads_as_a_sentence() {
    let session = one_file_session(MediaFile::new("", Locators::path("/a.mov")));
    assert_eq!(
        session.to_xml().unwrap_err().to_string(),
        "cannot write the session: media[0].name: must not be empty"
    );
}

#[test]
fn a_failed_save_leaves_the_previous_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("review.csc");
    let good = one_file_session(MediaFile::new("a.mov", Locators::path("/a.mov")));
    good.save(&target).unwrap();
    let before = std::fs::read(&target).unwrap();

    let bad = one_file_session(MediaFile::new("", Locators::path("/a.mov")));
    assert!(bad.save(&target).is_err());
    assert_eq!(std::fs::read(&target).unwrap(), before);

    // A save into a folder that does not exist fails with the path in the message.
    let missing = dir.path().join("no-such-folder").join("x.csc");
    let error = good.save(&missing).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with(&missing.display().to_string()),
        "{error}"
    );

    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        [std::ffi::OsString::from("review.csc")],
        "no temporary file is left behind"
    );
}

#[test]
fn escaping_keeps_every_character() {
    let mut session = Session::new();
    session.user_data = "a\"b'c<d>&e\nf\tg\rh  i".into();
    session.notes = "  <b>&amp;</b>\r\n]]> \t ".into();
    let loaded = Session::load_str(&session.to_xml().unwrap())
        .unwrap()
        .session;
    assert_eq!(loaded.user_data, session.user_data);
    assert_eq!(loaded.notes, session.notes);
}

#[test]
fn floats_read_back_to_the_same_value() {
    let mut file = MediaFile::new("a.mov", Locators::path("/a.mov"));
    file.zoom_state = Some(cinesync::ZoomState {
        center: Point::new(0.1 + 0.2, -1.0e-30),
        scale_factor: 1.0 / 3.0,
        extra: Default::default(),
    });
    let session = one_file_session(file);
    let xml = session.to_xml().unwrap();
    let loaded = Session::load_str(&xml).unwrap().session;
    let zoom = loaded.media[0]
        .as_file()
        .unwrap()
        .zoom_state
        .clone()
        .unwrap();
    assert_eq!(zoom.center.x.to_bits(), (0.1f64 + 0.2).to_bits());
    assert_eq!(zoom.center.y, -1.0e-30);
    assert_eq!(zoom.scale_factor, 1.0 / 3.0);
}

#[test]
fn content_errors_carry_position_and_element_path() {
    let xml = "<session xmlns=\"http://www.cinesync.com/ns/session/3.0\" version=\"3\" sessionFeatures=\"standard\">\n\
               <media><name>a</name><locators><path>/a</path></locators></media>\n\
               <media><name>b</name><locators><path>/b</path></locators>\n\
               <annotation frame=\"-4\"/></media></session>";
    let error = Session::load_str(xml).unwrap_err();
    assert_eq!(
        error.to_string(),
        "/session/media[2]/annotation[1]: attribute `frame`: \"-4\" is not a frame number (a whole number from 1 to 4294967295) at 4:20"
    );
    let missing_name = Session::load_str(
        "<session xmlns=\"http://www.cinesync.com/ns/session/3.0\" version=\"3\" sessionFeatures=\"standard\"><media><locators><path>/b</path></locators></media></session>",
    )
    .unwrap_err();
    assert_eq!(
        missing_name.to_string(),
        "/session/media[1]: element `media` is missing element `name` at 1:96"
    );
}

#[test]
fn nesting_is_accepted_to_the_limit_and_refused_beyond_it() {
    let session_at = |depth: usize| {
        format!(
            "<session xmlns=\"http://www.cinesync.com/ns/session/3.0\" version=\"3\" sessionFeatures=\"standard\">{}{}</session>",
            "<x>".repeat(depth - 1),
            "</x>".repeat(depth - 1)
        )
    };
    // Within the limit, the unknown content is kept and written back (in a 2 MiB test thread).
    let loaded = Session::load_str(&session_at(256)).unwrap();
    assert_eq!(loaded.warnings.len(), 1);
    let written = loaded.session.to_xml().unwrap();
    assert_eq!(Session::load_str(&written).unwrap().session, loaded.session);

    let error = Session::load_str(&session_at(100_000)).unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::Limit { .. }));
    assert_eq!(
        error.to_string(),
        "the input exceeds a limit: elements nest deeper than 256 levels at 1:861"
    );
}

#[test]
fn a_flood_of_unknown_elements_lists_a_thousand_warnings_and_counts_the_rest() {
    let xml = format!(
        "<session xmlns=\"http://www.cinesync.com/ns/session/3.0\" version=\"3\" sessionFeatures=\"standard\">\n{}</session>",
        "<x/>\n".repeat(200_000)
    );
    let loaded = Session::load_str(&xml).unwrap();
    assert_eq!(
        loaded.session.extra.children.len(),
        200_000,
        "every unknown element is kept"
    );
    assert_eq!(loaded.warnings.len(), 1_001);
    assert_eq!(loaded.warnings[999].to_string(), "/session/x[1000]: unknown element `{http://www.cinesync.com/ns/session/3.0}x` kept at 1001:1");
    assert_eq!(
        loaded.warnings[1_000].to_string(),
        "/session: 199000 more warnings like the ones above were not listed at 1:1"
    );
}

#[test]
fn kept_content_must_name_a_part_the_model_has_and_be_writable() {
    use cinesync::{Extra, ExtraNode};

    let mut file = MediaFile::new("a.mov", Locators::path("/a.mov"));
    let mut annotation = FrameAnnotation::default();
    let mut extra = Extra::default();
    extra.parts.entry("point".into()).or_default().insert(
        2,
        Extra {
            children: vec![(None, ExtraNode::Comment(" pen lifted ".into()))],
            ..Extra::default()
        },
    );
    annotation
        .objects
        .push(DrawingObject::Erase(cinesync::Erase {
            id: None,
            thickness: 0.1,
            points: vec![Point::new(0.0, 0.0), Point::new(1.0, 1.0)],
            extra,
        }));
    file.annotations.insert(4, annotation);
    let mut session = one_file_session(file);
    // The third point is gone: its kept content has nowhere to go.
    assert_eq!(
        rejection(&session),
        (
            "media[0].annotations[4].objects[0].extra.parts[\"point\"][2]".into(),
            "kept content for `point` number 2, but there are 2".into()
        )
    );

    let objects = &mut session.media[0]
        .as_file_mut()
        .unwrap()
        .annotations
        .get_mut(&4)
        .unwrap()
        .objects;
    let DrawingObject::Erase(erase) = &mut objects[0] else {
        panic!("an erase")
    };
    erase.points.push(Point::new(2.0, 2.0));
    assert!(session
        .to_xml()
        .unwrap()
        .contains("<point x=\"2\" y=\"2\">\n                    <!-- pen lifted -->\n                </point>"));

    session
        .extra
        .children
        .push((None, ExtraNode::Comment("a--b".into())));
    assert_eq!(
        rejection(&session),
        (
            "extra".into(),
            "comment \"a--b\" holds `--` or ends with `-`, which XML forbids".into()
        )
    );
}

#[test]
fn kept_content_in_text_goes_to_a_character_boundary_or_the_end() {
    use cinesync::{Extra, ExtraNode};

    let mut session = Session::new();
    session.notes = "é!".into();
    let comment =
        |anchor: Option<(String, usize)>, text: &str| (anchor, ExtraNode::Comment(text.into()));
    let part = Extra {
        children: vec![
            comment(None, "start"),
            // Byte 1 is inside `é`: the comment goes after it.
            comment(Some(("#text".into(), 1)), "inside"),
            comment(Some(("#text".into(), 99)), "past"),
            comment(Some(("media".into(), 0)), "no such text anchor"),
        ],
        ..Extra::default()
    };
    session
        .extra
        .parts
        .entry("notes".into())
        .or_default()
        .insert(0, part);
    let xml = session.to_xml().unwrap();
    assert!(
        xml.contains(
            "<notes><!--start-->é<!--inside-->!<!--past--><!--no such text anchor--></notes>"
        ),
        "{xml}"
    );
    let loaded = Session::load_str(&xml).unwrap().session;
    assert_eq!(loaded.notes, "é!");
}
