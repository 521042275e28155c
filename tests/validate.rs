//! The validator: messages, positions and element paths; both event sources agree; the
//! embedded schema on the reference sessions; scale and pathological schemas.

use cinesync::schema::{session_v3, Report, Schema};

use crate::util::reference_text;

const SESSION_OPEN: &str = r#"<session xmlns="http://www.cinesync.com/ns/session/3.0" version="3" sessionFeatures="standard">"#;

/// Each problem as `LINE:COL: PATH: MESSAGE`.
fn lines(report: &Report) -> Vec<String> {
    report.problems().iter().map(ToString::to_string).collect()
}

/// Validates `xml` with both event sources, asserts they agree, and gives the problems.
fn problems(schema: &Schema, xml: &str) -> Vec<String> {
    let streamed = schema.validate_str(xml).expect("well-formed");
    let document = roxmltree::Document::parse(xml).expect("well-formed");
    let walked = schema.validate_document(&document);
    assert_eq!(
        lines(&streamed),
        lines(&walked),
        "the two sources disagree on {xml}"
    );
    lines(&streamed)
}

fn session_problems(body: &str) -> Vec<String> {
    problems(session_v3(), &format!("{SESSION_OPEN}\n{body}\n</session>"))
}

#[test]
fn reference_sessions_have_the_documented_verdicts() {
    for valid in [
        "basic.csc",
        "pro.csc",
        "groups-and-drawings.csc",
        "group-movie.csc",
        "url-locators.csc",
        "newer-version-4.csc",
    ] {
        assert_eq!(
            problems(session_v3(), &reference_text(valid)),
            Vec::<String>::new(),
            "{valid}"
        );
    }
    assert_eq!(
        problems(session_v3(), &reference_text("broken-features.csc")),
        [
            r#"2:69: /session: attribute "sessionFeatures": "awesome" is not one of "standard", "pro""#
        ]
    );
    assert_eq!(
        problems(session_v3(), &reference_text("broken-namespace.csc")),
        [concat!(
            r#"2:1: /session: element "{http://www.cinesync.com/ns/session/5.0}session" is not allowed here; "#,
            r#"expected "{http://www.cinesync.com/ns/session/3.0}session""#
        )]
    );
}

#[test]
fn every_independent_problem_is_reported_with_place_and_path() {
    let found = session_problems(concat!(
        "  <media currentFrame=\"0\">\n",
        "    <name></name>\n",
        "    <foo/>\n",
        "  </media>\n",
        "  <media><name>x</name><locators><path>/a</path></locators>\n",
        "    <playRange><inFrame value=\"1\"/><outFrame value=\"x\"/></playRange>\n",
        "    <annotation frame=\"2\"><line color=\"#12345g\" alpha=\"1.5\" thickness=\"0.1\"/></annotation>\n",
        "    <annotation/>\n",
        "  </media>\n",
        "  text here",
    ));
    assert_eq!(
        found,
        [
            r#"2:10: /session/media[1]: attribute "currentFrame": "0" is less than the minimum 1"#,
            r#"3:11: /session/media[1]/name[1]: element "name": "" is shorter than the minimum length 1"#,
            concat!(
                r#"4:5: /session/media[1]/foo[1]: element "foo" is not allowed here; expected one of "#,
                r#""annotation", "colorGrading", "group", "locators", "mask", "notes", "pixelRatio", "playRange", "zoomState""#
            ),
            r#"5:3: /session/media[1]: element "media": missing required element "locators""#,
            r#"7:46: /session/media[2]/playRange[1]/outFrame[1]: attribute "value": "x" is not a valid integer"#,
            r#"7:57: /session/media[2]/playRange[1]: element "playRange": missing required element "playOnlyRange""#,
            concat!(
                r##"8:33: /session/media[2]/annotation[1]/line[1]: attribute "color": "#12345g" "##,
                r##"does not match the pattern "#[0-9a-fA-F]{6}""##
            ),
            r#"8:49: /session/media[2]/annotation[1]/line[1]: attribute "alpha": "1.5" is greater than the maximum 1"#,
            r#"8:27: /session/media[2]/annotation[1]/line[1]: element "line": missing required element "point""#,
            r#"9:5: /session/media[2]/annotation[2]: element "annotation": missing required attribute "frame""#,
            r#"11:3: /session: element "session": text is not allowed here"#,
        ]
    );
}

#[test]
fn an_element_out_of_place_is_still_checked_against_its_own_definition() {
    // <name> belongs in <media>, not <session>: reported once, and its content is still
    // checked against the definition of <name>.
    let found = session_problems("  <name></name>");
    assert_eq!(
        found,
        [
            concat!(
                r#"2:3: /session/name[1]: element "name" is not allowed here; expected one of "#,
                r#""chat", "group", "media", "notes", "stereo""#
            ),
            r#"2:9: /session/name[1]: element "name": "" is shorter than the minimum length 1"#,
        ]
    );
}

#[test]
fn unknown_attributes_and_missing_attributes_name_the_element() {
    let schema = Schema::parse_rnc(
        r#"element shot { attribute frame { xsd:integer }, attribute take { text }?, empty }"#,
    )
    .unwrap();
    assert_eq!(
        problems(&schema, r#"<shot colour="red"/>"#),
        [
            r#"1:7: /shot: element "shot": attribute "colour" is not allowed"#,
            r#"1:1: /shot: element "shot": missing required attribute "frame""#,
        ]
    );
    assert_eq!(
        problems(&schema, "<shot frame='1'>\n  <take/>\n</shot>"),
        [r#"2:3: /shot/take[1]: element "take" is not allowed here; no element is allowed here"#]
    );
}

#[test]
fn choices_say_which_names_would_do() {
    let schema = Schema::parse_rnc(
        "element a { (element b { empty } | element c { empty }), (attribute x { \"1\" } | attribute y { \"2\" }) }",
    )
    .unwrap();
    assert_eq!(
        problems(&schema, "<a></a>"),
        [
            r#"1:1: /a: element "a": missing one of the attributes "x", "y""#,
            r#"1:4: /a: element "a": missing one of the elements "b", "c""#,
        ]
    );
}

#[test]
fn whitespace_text_and_empty_content_follow_relax_ng_rules() {
    let schema = Schema::parse_rnc(
        "element r { element e { empty }, element t { text }, element d { xsd:int }, element l { list { xsd:int* } } }",
    )
    .unwrap();
    for valid in [
        "<r><e/><t/><d>1</d><l/></r>",
        "<r>\n  <e> </e>\n  <t></t>\n  <d> 7 </d>\n  <l> 1  2 </l>\n</r>",
        "<r><e><!-- c --></e><t>a<!-- c -->b</t><d>4<?pi x?>2</d><l></l></r>",
    ] {
        assert_eq!(problems(&schema, valid), Vec::<String>::new(), "{valid}");
    }
    assert_eq!(
        problems(&schema, "<r><e>x</e><t/><d/><l>1 z</l></r>"),
        [
            r#"1:7: /r/e[1]: element "e": text is not allowed here"#,
            r#"1:16: /r/d[1]: element "d": "" is not a valid int"#,
            r#"1:23: /r/l[1]: element "l": "1 z" is not a valid list"#,
        ]
    );
}

#[test]
fn long_values_are_shortened_in_messages() {
    let value = "x".repeat(10_000);
    let found = session_problems(&format!("  <media currentFrame=\"{value}\"/>"));
    assert!(found[0].starts_with(&format!(
        "2:10: /session/media[1]: attribute \"currentFrame\": \"{}…\" is not a valid integer",
        "x".repeat(40)
    )));
    assert!(found.iter().all(|line| line.len() < 300), "{found:?}");
}

#[test]
fn a_large_generated_session_with_a_hundred_thousand_media_validates() {
    let mut session = cinesync::Session::new();
    for shot in 0..100_000 {
        session.media.push(
            cinesync::MediaFile::from_locator(&format!("/shows/nrth/sh{shot:06}.exr"))
                .expect("a path")
                .into(),
        );
    }
    let xml = session.to_xml().expect("writes");
    let mut validator = session_v3().validator();
    let report = validator.validate_str(&xml).expect("well-formed");
    assert!(report.is_valid(), "{:?}", report.problems().first());
    // Derivatives are memoised per pattern, not per document node.
    assert!(validator.memo_size() < 1_000, "{}", validator.memo_size());
}

#[test]
fn interleaves_of_many_optional_parts_do_not_blow_up() {
    // 24 optional elements in any order: 2^24 possible states, of which a document visits
    // a handful. Memoised derivatives over interned patterns keep the work linear.
    let parts: Vec<String> = (0..24)
        .map(|i| format!("element e{i} {{ empty }}*"))
        .collect();
    let schema = Schema::parse_rnc(&format!("element r {{ {} }}", parts.join(" & "))).unwrap();
    let children: String = (0..20_000)
        .map(|i| format!("<e{}/>", (i * 7) % 24))
        .collect();
    let mut validator = schema.validator();
    let report = validator
        .validate_str(&format!("<r>{children}</r>"))
        .unwrap();
    assert!(report.is_valid());
    assert!(validator.memo_size() < 5_000, "{}", validator.memo_size());
    // Ambiguous repetition, the classic exponential case for backtracking validators.
    let schema = Schema::parse_rnc(
        "element r { (element a { empty } | (element a { empty }, element a { empty }))*, element b { empty } }",
    )
    .unwrap();
    let many_a = "<a/>".repeat(50_000);
    assert!(schema
        .validate_str(&format!("<r>{many_a}<b/></r>"))
        .unwrap()
        .is_valid());
    assert!(!schema
        .validate_str(&format!("<r>{many_a}</r>"))
        .unwrap()
        .is_valid());
}

#[test]
fn the_report_lists_a_bounded_number_of_problems() {
    let schema = Schema::parse_rnc("element r { empty }").unwrap();
    let children = "<x/>".repeat(5_000);
    let report = schema.validate_str(&format!("<r>{children}</r>")).unwrap();
    assert_eq!(
        report.problems().len(),
        cinesync::schema::MAX_LISTED_PROBLEMS
    );
    assert_eq!(report.count(), 5_000);
}

#[test]
fn documents_that_are_not_well_formed_are_errors_with_positions() {
    for (xml, message) in [
        ("<a><b></a>", "not well-formed XML: ill-formed document: expected `</b>`, but `</a>` was found at 1:7"),
        ("<a>", "not well-formed XML: the document ends before the root element is closed at 1:4"),
        ("<a/><b/>", "not well-formed XML: a second root element at 1:5"),
        ("<a/>x", "not well-formed XML: text after the root element at 1:5"),
        ("<a>&nope;</a>", "not well-formed XML: unknown entity \"&nope;\" at 1:4"),
        ("<a x='<'/>", "not well-formed XML: \"<\" is not allowed in an attribute value at 1:4"),
        ("<a>]]></a>", "not well-formed XML: \"]]>\" is not allowed in text at 1:4"),
        ("<p:a/>", "not well-formed XML: the prefix \"p\" is not declared at 1:1"),
        ("<1a/>", "not well-formed XML: \"1a\" is not a valid element name at 1:1"),
        (
            "<!DOCTYPE a [<!ENTITY x 'y'>]><a/>",
            "not well-formed XML: a DOCTYPE is not allowed (entity declarations and external entities are refused) at 1:1",
        ),
        ("", "not well-formed XML: the document has no root element at 1:1"),
    ] {
        let error = session_v3().validate_str(xml).unwrap_err();
        assert_eq!(error.to_string(), message, "{xml:?}");
        assert!(error.is_invalid_input());
    }
}
