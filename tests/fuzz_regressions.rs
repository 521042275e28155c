//! What the fuzzers found (see FUZZING.md), each kept as a test of the fixed behaviour.

use cinesync::schema::{session_v3, ProblemKind, Schema};
use cinesync::Location;

/// Where the first problem is, validated from a tree and streamed; both must agree.
fn first_problem_location(schema: &Schema, xml: &str) -> Location {
    let document = cinesync::xml::parse_document(xml).unwrap();
    let from_tree = schema.validate_document(&document);
    let streamed = schema.validate_str(xml).unwrap();
    assert_eq!(
        from_tree, streamed,
        "the two event sources disagree on {xml:?}"
    );
    let first = &from_tree.problems()[0];
    assert!(
        matches!(first.kind, ProblemKind::TextNotAllowed { .. }),
        "{}",
        first.message()
    );
    first.location
}

fn at(line: u32, column: u32) -> Location {
    Location { line, column }
}

/// validate_session, first hour: misplaced text after CRLF line ends was placed one
/// column too early by the tree source, which took offsets into roxmltree's normalised
/// text (CRLF read as LF) for offsets into the source.
#[test]
fn text_problems_are_placed_alike_after_crlf_references_and_cdata() {
    let schema = Schema::parse_rnc("element a { element b { empty }* }").unwrap();
    let cases = [
        ("<a>\r\n\t\tx<b/></a>", at(2, 3)),
        ("<a>\r\n\r\n  x</a>", at(3, 3)),
        ("<a>&#32;\r\n&#x9;&#65;</a>", at(2, 6)),
        ("<a> &amp;</a>", at(1, 5)),
        ("<a><![CDATA[\r\n x]]></a>", at(2, 2)),
        ("<a>\r\n <![CDATA[ ]]>\r\n y</a>", at(3, 2)),
        ("<a><b/>\r\n <!-- c -->\r\n z<b/></a>", at(3, 2)),
    ];
    for (xml, expected) in cases {
        assert_eq!(first_problem_location(&schema, xml), expected, "{xml:?}");
    }
}

/// The same finding on a session file, as cineSync writes them on Windows (CRLF).
#[test]
fn a_session_with_crlf_line_ends_reports_stray_text_at_its_first_character() {
    let xml = "<session xmlns=\"http://www.cinesync.com/ns/session/3.0\" version=\"3\" sessionFeatures=\"standard\">\r\n\
               \t<media>\r\n\t\t<name>a.mov</name>\r\n\t\t<locators><path>/a.mov</path></locators>\r\n\
               \t\tstray</media>\r\n</session>\r\n";
    assert_eq!(first_problem_location(session_v3(), xml), at(5, 3));
}

/// validate_session, second run: the stream gave text to datatypes with its carriage
/// returns as written, where XML reads `\r\n` and a lone `\r` as `\n` (and roxmltree does).
#[test]
fn carriage_returns_in_text_are_read_as_line_feeds_by_both_sources() {
    let schema =
        Schema::parse_rnc(r#"element a { element v { xsd:string { pattern = "x\ny\n" } }* }"#)
            .unwrap();
    for xml in [
        "<a><v>x\r\ny\r</v></a>",
        "<a><v>x\ny\n</v></a>",
        "<a><v><![CDATA[x\ry\r\n]]></v></a>",
    ] {
        let document = cinesync::xml::parse_document(xml).unwrap();
        assert!(schema.validate_document(&document).is_valid(), "{xml:?}");
        assert!(schema.validate_str(xml).unwrap().is_valid(), "{xml:?}");
    }
    let wrong = "<a><v>x\r\r\ny</v></a>";
    let document = cinesync::xml::parse_document(wrong).unwrap();
    let streamed = schema.validate_str(wrong).unwrap();
    assert_eq!(schema.validate_document(&document), streamed);
    assert!(!streamed.is_valid());
}
