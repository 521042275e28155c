//! Property tests: any session built through the API writes a file that loads back equal,
//! and that the cineSync schema accepts (checked with jing, the reference validator).

use std::collections::BTreeMap;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

use cinesync::{
    Arrow, Brightness, Chat, Circle, ColorAlpha, ColorGrading, ColorOffset, DrawingObject, Erase,
    FrameAnnotation, Line, LinePoint, Locators, Mask, Media, MediaFile, MediaKind, PixelRatio,
    PlayRange, Point, Ratio, Separation, Session, Stereo, StereoType, TextBox, ZoomState,
};

use crate::util::{jing_verdicts, reference_dir};

/// Text of any characters XML can hold, markup and whitespace included.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 _.-]{0,12}",
        "[ -~]{0,16}",
        "[\t\n\r &<>\"'é✓日本\u{1F3AC}]{0,10}",
        any::<String>().prop_map(|s| s
            .chars()
            .filter(|&c| c != '\u{FFFE}' && c != '\u{FFFF}' && (c >= ' ' || "\t\n\r".contains(c)))
            .collect()),
    ]
}

fn non_empty_text() -> impl Strategy<Value = String> {
    text().prop_map(|s| if s.is_empty() { "x".to_owned() } else { s })
}

fn unit_f32() -> impl Strategy<Value = f64> {
    (0.0f32..=1.0).prop_map(f64::from)
}

fn coordinate() -> impl Strategy<Value = f64> {
    prop_oneof![(-2.0f64..2.0), (-1e6f32..1e6).prop_map(f64::from)]
}

fn positive() -> impl Strategy<Value = f64> {
    1e-6f64..1e4
}

fn point() -> impl Strategy<Value = Point> {
    (coordinate(), coordinate()).prop_map(|(x, y)| Point::new(x, y))
}

fn ratio() -> impl Strategy<Value = Ratio> {
    (positive(), positive()).prop_map(|(w, h)| Ratio::new(w, h))
}

fn color() -> impl Strategy<Value = String> {
    "#[0-9a-fA-F]{6}"
}

fn color_alpha() -> impl Strategy<Value = ColorAlpha> {
    (color(), unit_f32()).prop_map(|(c, a)| ColorAlpha::new(c, a))
}

fn id() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(non_empty_text())
}

fn drawing() -> impl Strategy<Value = DrawingObject> {
    let line_point = (coordinate(), coordinate(), proptest::option::of(unit_f32()))
        .prop_map(|(x, y, alpha)| LinePoint { x, y, alpha });
    prop_oneof![
        (
            id(),
            color_alpha(),
            positive(),
            prop::collection::vec(line_point, 1..6)
        )
            .prop_map(|(id, ca, thickness, points)| {
                DrawingObject::Line(Line {
                    id,
                    color: ca.color,
                    alpha: ca.alpha,
                    thickness,
                    points,
                    extra: Default::default(),
                })
            }),
        (id(), positive(), prop::collection::vec(point(), 1..4)).prop_map(
            |(id, thickness, points)| DrawingObject::Erase(Erase {
                id,
                thickness,
                points,
                extra: Default::default()
            })
        ),
        (id(), color_alpha(), point(), point()).prop_map(|(id, ca, start, end)| {
            DrawingObject::Circle(Circle {
                id,
                color: ca.color,
                alpha: ca.alpha,
                start,
                end,
                extra: Default::default(),
            })
        }),
        (
            id(),
            color_alpha(),
            point(),
            point(),
            proptest::option::of(any::<bool>()),
            proptest::option::of(any::<bool>())
        )
            .prop_map(
                |(id, ca, start, end, special, reverse)| DrawingObject::Arrow(Arrow {
                    id,
                    color: ca.color,
                    alpha: ca.alpha,
                    start,
                    end,
                    special,
                    flip_side: special.map(|s| !s),
                    reverse,
                    extra: Default::default(),
                })
            ),
        (id(), point(), point(), color_alpha(), color_alpha(), text()).prop_map(
            |(id, start, end, background, foreground, text)| {
                DrawingObject::Text(TextBox {
                    id,
                    start,
                    end,
                    background,
                    foreground,
                    text,
                    extra: Default::default(),
                })
            }
        ),
    ]
}

fn annotations() -> impl Strategy<Value = BTreeMap<u32, FrameAnnotation>> {
    let annotation =
        (text(), prop::collection::vec(drawing(), 0..4)).prop_map(|(notes, objects)| {
            FrameAnnotation {
                notes,
                objects,
                extra: Default::default(),
            }
        });
    prop::collection::btree_map(1u32..=u32::MAX, annotation, 0..4)
}

fn exponent_range() -> impl Strategy<Value = f64> {
    (0.367_88f32..2.7).prop_map(f64::from)
}

fn color_grading() -> impl Strategy<Value = ColorGrading> {
    let offset = (-0.2f32..0.2, -0.2f32..0.2, -0.2f32..0.2).prop_map(|(r, g, b)| ColorOffset {
        red: r.into(),
        green: g.into(),
        blue: b.into(),
    });
    let brightness = (
        exponent_range(),
        exponent_range(),
        exponent_range(),
        exponent_range(),
    )
        .prop_map(|(rgb, red, green, blue)| Brightness {
            rgb,
            red,
            green,
            blue,
        });
    (
        proptest::option::of(offset),
        proptest::option::of(brightness),
        proptest::option::of(exponent_range()),
        proptest::option::of(exponent_range()),
        proptest::option::of(any::<bool>()),
        proptest::option::of(non_empty_text()),
    )
        .prop_map(
            |(offset, brightness, saturation, gamma, linear_to_log, lut_path)| ColorGrading {
                offset,
                brightness,
                saturation,
                gamma,
                contrast: saturation,
                linear_to_log,
                lut_path,
                extra: Default::default(),
            },
        )
}

fn locators() -> impl Strategy<Value = Locators> {
    (
        proptest::option::of(non_empty_text()),
        proptest::option::of("[0-9a-f]{40}"),
        proptest::option::of(non_empty_text()),
    )
        .prop_map(|(path, short_hash, url)| {
            let mut locators = Locators {
                path,
                short_hash,
                url,
                extra: Default::default(),
            };
            if locators.is_empty() {
                locators.path = Some("/fallback.mov".to_owned());
            }
            locators
        })
}

fn media_file() -> impl Strategy<Value = MediaFile> {
    (
        non_empty_text(),
        locators(),
        text(),
        proptest::option::of((point(), positive())),
        proptest::option::of((ratio(), ratio())),
        proptest::option::of((unit_f32(), point(), ratio(), positive())),
        proptest::option::of(color_grading()),
        annotations(),
    )
        .prop_map(
            |(name, locators, notes, zoom, pixel, mask, color_grading, annotations)| MediaFile {
                name,
                locators,
                notes,
                zoom_state: zoom.map(|(center, scale_factor)| ZoomState {
                    center,
                    scale_factor,
                    extra: Default::default(),
                }),
                pixel_ratio: pixel.map(|(source, target)| PixelRatio {
                    source,
                    target,
                    extra: Default::default(),
                }),
                mask: mask.map(|(alpha, center, ratio, scale_factor)| Mask {
                    alpha,
                    center,
                    ratio,
                    scale_factor,
                    extra: Default::default(),
                }),
                color_grading,
                annotations,
            },
        )
}

fn media() -> impl Strategy<Value = Media> {
    let kind = prop_oneof![
        4 => media_file().prop_map(MediaKind::File),
        1 => non_empty_text().prop_map(|group| MediaKind::GroupMovie(cinesync::GroupMovie { group })),
    ];
    let range =
        (1u32..1000, 0u32..1000, any::<bool>()).prop_map(|(in_frame, length, play_only_range)| {
            PlayRange {
                in_frame,
                out_frame: in_frame + length,
                play_only_range,
            }
        });
    (
        kind,
        text(),
        any::<bool>(),
        1u32..=u32::MAX,
        prop::collection::vec(non_empty_text(), 0..3),
        proptest::option::of(range),
    )
        .prop_map(
            |(kind, user_data, active, current_frame, groups, play_range)| {
                let mut media = Media::new(kind);
                media.user_data = user_data;
                media.active = active;
                media.current_frame = current_frame;
                media.groups = groups;
                media.play_range = play_range;
                media
            },
        )
}

fn stereo() -> impl Strategy<Value = Stereo> {
    let kind = prop_oneof![
        Just(StereoType::SideBySide),
        Just(StereoType::Composite),
        Just(StereoType::Interlaced)
    ];
    let separation = (-1.0f32..=1.0, -1.0f32..=1.0).prop_map(|(a, i)| Separation {
        annotation: a.into(),
        image: i.into(),
    });
    (
        any::<bool>(),
        kind,
        proptest::option::of(any::<bool>()),
        proptest::option::of(separation),
    )
        .prop_map(|(enabled, kind, anamorphic, separation)| Stereo {
            enabled,
            kind,
            anamorphic,
            anaglyph: anamorphic.map(|a| !a),
            grayscale: None,
            separation,
            extra: Default::default(),
        })
}

fn session() -> impl Strategy<Value = Session> {
    (
        text(),
        prop::collection::vec(non_empty_text(), 0..3),
        text(),
        proptest::option::of("[A-Za-z0-9%]{0,30}"),
        proptest::option::of(stereo()),
        prop::collection::vec(media(), 0..5),
    )
        .prop_map(|(user_data, groups, notes, chat, stereo, media)| {
            let mut session = Session::new();
            session.user_data = user_data;
            session.groups = groups;
            session.notes = notes;
            session.chat = chat.map(|raw| Chat { raw });
            session.stereo = stereo;
            session.media = media;
            session
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn written_sessions_load_back_equal(session in session()) {
        let xml = session.to_xml().unwrap();
        let loaded = Session::load_str(&xml).unwrap();
        prop_assert_eq!(loaded.warnings, vec![]);
        let mut expected = session.clone();
        expected.declared_features = Some(session.features().as_str().to_owned());
        prop_assert_eq!(loaded.session, expected);
    }
}

/// Saves each session into a temporary folder and asserts that jing accepts every file.
fn assert_jing_accepts(sessions: impl IntoIterator<Item = (String, Session)>) {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<_> = sessions
        .into_iter()
        .map(|(name, session)| {
            let path = dir.path().join(name);
            session.save(&path).unwrap();
            path
        })
        .collect();
    let schema = reference_dir().join("session-v3-schema.rnc");
    let Some(verdicts) = jing_verdicts(&schema, &files) else {
        return;
    };
    let invalid: Vec<_> = verdicts
        .iter()
        .filter(|(_, verdict)| verdict.is_err())
        .collect();
    assert!(
        invalid.is_empty(),
        "jing rejects written sessions: {invalid:#?}"
    );
}

#[test]
fn api_built_sessions_are_schema_valid_according_to_jing() {
    let mut runner = TestRunner::deterministic();
    let strategy = session();
    let sessions = (0..60).map(|index| {
        (
            format!("generated-{index}.csc"),
            strategy.new_tree(&mut runner).unwrap().current(),
        )
    });
    assert_jing_accepts(sessions);
}

#[test]
fn reference_samples_written_back_stay_schema_valid() {
    let names = [
        "basic.csc",
        "pro.csc",
        "groups-and-drawings.csc",
        "group-movie.csc",
        "url-locators.csc",
        "broken-features.csc",
    ];
    let sessions = names.iter().map(|name| {
        (
            name.to_string(),
            Session::load_path(&crate::util::reference_session(name))
                .unwrap()
                .session,
        )
    });
    assert_jing_accepts(sessions);
}

#[test]
fn generated_benchmark_sessions_are_schema_valid() {
    let sessions = [(1, 2_000), (2, 100_000), (3, 300_000)].map(|(seed, size)| {
        (
            format!("generated-{seed}.csc"),
            cinesync::generate::generate(seed, size),
        )
    });
    assert_jing_accepts(sessions);
}
