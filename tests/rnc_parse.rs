//! The compact-syntax parser: pinned fixtures (and trang's verdicts on them), the cineSync
//! schema, spans and locations through escapes, deep nesting, error size, and printing
//! random trees back and forth.

use std::path::{Path, PathBuf};

use cinesync::rnc::ast::{
    Body, Combine, DatatypeName, Declaration, GrammarItem, NameClass, NameClassKind, NamespaceUri,
    Param, Pattern, PatternKind, SchemaFile, Span,
};
use cinesync::rnc::{self, MAX_DEPTH};
use proptest::prelude::*;

use crate::util;

// ---------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------

/// The folder of the syntax fixtures.
fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rnc-syntax")
}

/// One fixture as the catalogue (`README.md`) lists it.
#[derive(Debug)]
struct Fixture {
    /// The file name, `name.rnc`.
    file: String,
    /// trang's recorded verdict.
    trang_accepts: bool,
}

impl Fixture {
    fn path(&self) -> PathBuf {
        fixtures_dir().join(&self.file)
    }

    /// The file holding the expected printout (`.out`) or error message (`.err`).
    fn expected_path(&self) -> PathBuf {
        let extension = if self.trang_accepts { "out" } else { "err" };
        self.path().with_extension(extension)
    }
}

/// The catalogue's lines: "- `name.rnc` (trang: accepts|refuses): what it shows".
fn catalogue() -> Vec<Fixture> {
    let readme = std::fs::read_to_string(fixtures_dir().join("README.md")).expect("README.md");
    readme
        .lines()
        .filter_map(|line| line.strip_prefix("- `"))
        .map(|rest| {
            let (file, rest) = rest.split_once('`').expect("a closing backquote");
            let trang_accepts = if rest.starts_with(" (trang: accepts)") {
                true
            } else {
                assert!(rest.starts_with(" (trang: refuses)"), "verdict of {file}");
                false
            };
            Fixture {
                file: file.to_owned(),
                trang_accepts,
            }
        })
        .collect()
}

/// What the parser makes of a fixture: the tree printed back, or the error message.
fn outcome(text: &str) -> Result<String, String> {
    rnc::parse(text)
        .map(|schema| schema.to_string())
        .map_err(|error| error.to_string())
}

#[test]
fn every_fixture_is_catalogued_once_with_its_expectation() {
    let catalogue = catalogue();
    let mut listed: Vec<&str> = catalogue.iter().map(|f| f.file.as_str()).collect();
    listed.sort_unstable();
    let mut on_disk: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("fixture folder")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".rnc"))
        .collect();
    on_disk.sort_unstable();
    assert_eq!(listed, on_disk, "README.md lists every .rnc once");
    for fixture in &catalogue {
        assert!(
            fixture.expected_path().exists(),
            "{} has its {}",
            fixture.file,
            fixture.expected_path().display()
        );
        let other =
            fixture
                .path()
                .with_extension(if fixture.trang_accepts { "err" } else { "out" });
        assert!(
            !other.exists(),
            "{} has no {}",
            fixture.file,
            other.display()
        );
    }
    assert!(catalogue.len() >= 70, "{} fixtures", catalogue.len());
}

/// Set `RNC_BLESS=1` to write the expectations afresh (then review the diff).
#[test]
fn fixtures_parse_to_their_pinned_printout_or_error() {
    let bless = std::env::var_os("RNC_BLESS").is_some();
    let mut failures = Vec::new();
    for fixture in catalogue() {
        let text = std::fs::read_to_string(fixture.path()).expect("fixture text");
        let got = outcome(&text);
        if got.is_ok() != fixture.trang_accepts {
            failures.push(format!(
                "{}: trang {}, we say {got:?}",
                fixture.file,
                if fixture.trang_accepts {
                    "accepts"
                } else {
                    "refuses"
                }
            ));
            continue;
        }
        let got = match got {
            Ok(printed) => printed,
            Err(message) => format!("{message}\n"),
        };
        if bless {
            std::fs::write(fixture.expected_path(), &got).expect("bless");
            continue;
        }
        let expected = std::fs::read_to_string(fixture.expected_path()).unwrap_or_default();
        if got != expected {
            failures.push(format!(
                "{}:\n--- expected\n{expected}--- got\n{got}",
                fixture.file
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn accepted_fixtures_print_back_to_the_same_tree() {
    for fixture in catalogue().iter().filter(|f| f.trang_accepts) {
        let text = std::fs::read_to_string(fixture.path()).expect("fixture text");
        let mut first = rnc::parse(&text).expect("accepted");
        let printed = first.to_string();
        let mut second =
            rnc::parse(&printed).unwrap_or_else(|e| panic!("{}: {e} in\n{printed}", fixture.file));
        clear_spans(&mut first);
        clear_spans(&mut second);
        assert_eq!(first, second, "{}", fixture.file);
    }
}

/// Runs trang (Debian's `trang`) on every fixture and compares with the recorded verdicts.
#[test]
fn fixtures_agree_with_trang() {
    let probe = std::process::Command::new("trang").output();
    if let Err(error) = probe {
        assert!(
            std::env::var_os("CI").is_none(),
            "trang is required under CI: {error}"
        );
        eprintln!("SKIPPED: trang is not installed ({error}); install Debian's `trang` to compare verdicts");
        return;
    }
    let out = tempfile::tempdir().expect("temporary folder");
    let fixtures = catalogue();
    let verdicts: Vec<(String, bool, bool)> = std::thread::scope(|scope| {
        let halves: Vec<_> = fixtures
            .chunks(fixtures.len().div_ceil(2))
            .map(|chunk| {
                let out = out.path();
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|fixture| {
                            let target = out.join(fixture.file.replace(".rnc", ".rng"));
                            let status = std::process::Command::new("trang")
                                .args(["-I", "rnc", "-O", "rng"])
                                .arg(fixture.path())
                                .arg(target)
                                .output()
                                .expect("trang runs");
                            (
                                fixture.file.clone(),
                                fixture.trang_accepts,
                                status.status.success(),
                            )
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        halves
            .into_iter()
            .flat_map(|h| h.join().expect("trang thread"))
            .collect()
    });
    let wrong: Vec<String> = verdicts
        .iter()
        .filter(|(_, recorded, now)| recorded != now)
        .map(|(file, recorded, _)| format!("{file}: recorded accepts={recorded}"))
        .collect();
    assert!(wrong.is_empty(), "trang now disagrees: {wrong:?}");
}

// ---------------------------------------------------------------------------------------
// The cineSync schema
// ---------------------------------------------------------------------------------------

fn reference_schema() -> (String, SchemaFile) {
    let path = util::reference_dir().join("session-v3-schema.rnc");
    let text = std::fs::read_to_string(path).expect("the reference schema");
    let schema = rnc::parse(&text).unwrap_or_else(|e| panic!("{e}"));
    (text, schema)
}

fn definitions<'a>(schema: &'a SchemaFile, wanted: &str) -> Vec<(&'a Combine, &'a Pattern)> {
    let Body::Grammar(items) = &schema.body else {
        panic!("the schema is a grammar")
    };
    items
        .iter()
        .filter_map(|item| match item {
            GrammarItem::Define {
                name,
                combine,
                pattern,
                ..
            } if name == wanted => Some((combine, pattern)),
            _ => None,
        })
        .collect()
}

#[test]
fn the_cinesync_schema_parses_to_its_definitions() {
    let (text, schema) = reference_schema();
    let [Declaration::DefaultNamespace { prefix, uri, span }] = schema.declarations.as_slice()
    else {
        panic!("one declaration: {:?}", schema.declarations)
    };
    assert_eq!(prefix.as_deref(), Some("csc"));
    assert_eq!(
        uri,
        &NamespaceUri::Literal("http://www.cinesync.com/ns/session/3.0".to_owned())
    );
    assert_eq!(
        &text[span.start..span.end],
        "default namespace csc = \"http://www.cinesync.com/ns/session/3.0\""
    );

    let Body::Grammar(items) = &schema.body else {
        panic!("a grammar")
    };
    assert_eq!(items.len(), 52);
    let starts: Vec<&GrammarItem> = items
        .iter()
        .filter(|i| matches!(i, GrammarItem::Start { .. }))
        .collect();
    let [GrammarItem::Start {
        combine: Combine::Assign,
        pattern,
        ..
    }] = starts.as_slice()
    else {
        panic!("one start")
    };
    assert_eq!(pattern.kind, PatternKind::Ref("eSession".to_owned()));

    let media = definitions(&schema, "eMedia");
    assert_eq!(media.len(), 2);
    assert!(media.iter().all(|(c, _)| **c == Combine::Choice));
    let ratio = definitions(&schema, "aRatio");
    assert_eq!(ratio.len(), 2);
    assert!(ratio.iter().all(|(c, _)| **c == Combine::Interleave));
    assert_eq!(definitions(&schema, "eObject").len(), 5);
}

#[test]
fn the_cinesync_schema_keeps_datatype_params_and_spans() {
    let (text, schema) = reference_schema();
    let found = definitions(&schema, "tColorExp");
    let [(Combine::Assign, color_exp)] = found.as_slice() else {
        panic!("tColorExp once")
    };
    let PatternKind::Data {
        datatype:
            DatatypeName::Prefixed {
                prefix,
                local,
                span,
            },
        params,
        except: None,
    } = &color_exp.kind
    else {
        panic!("a datatype: {color_exp:?}")
    };
    assert_eq!((prefix.as_str(), local.as_str()), ("xsd", "float"));
    assert_eq!(&text[span.start..span.end], "xsd:float");
    let params: Vec<(&str, &str)> = params
        .iter()
        .map(|p| (p.name.as_str(), p.value.as_str()))
        .collect();
    assert_eq!(
        params,
        [("minInclusive", "0.367879"), ("maxInclusive", "2.718282")]
    );
    assert_eq!(
        &text[color_exp.span.start..color_exp.span.end],
        "xsd:float { minInclusive = \"0.367879\" maxInclusive = \"2.718282\" }"
    );

    let found = definitions(&schema, "tColor");
    let [(_, color)] = found.as_slice() else {
        panic!("tColor once")
    };
    let PatternKind::Data { params, .. } = &color.kind else {
        panic!("a datatype")
    };
    assert_eq!(params[0].name, "pattern");
    assert_eq!(params[0].value, "#[0-9a-fA-F]{6}");

    let found = definitions(&schema, "tBool");
    let [(_, booleans)] = found.as_slice() else {
        panic!("tBool once")
    };
    let PatternKind::Choice(values) = &booleans.kind else {
        panic!("a choice")
    };
    let values: Vec<&PatternKind> = values.iter().map(|v| &v.kind).collect();
    assert_eq!(
        values,
        [
            &PatternKind::Value {
                datatype: None,
                value: "true".to_owned()
            },
            &PatternKind::Value {
                datatype: None,
                value: "false".to_owned()
            }
        ]
    );
}

#[test]
fn the_cinesync_schema_prints_back_to_the_same_tree() {
    let (_, mut schema) = reference_schema();
    let mut again = rnc::parse(&schema.to_string()).expect("the printout parses");
    clear_spans(&mut schema);
    clear_spans(&mut again);
    assert_eq!(schema, again);
}

// ---------------------------------------------------------------------------------------
// Spans and locations in the original text
// ---------------------------------------------------------------------------------------

fn only_start(schema: &SchemaFile) -> &Pattern {
    match &schema.body {
        Body::Grammar(items) => match items.as_slice() {
            [GrammarItem::Start { pattern, .. }] => pattern,
            other => panic!("one start: {other:?}"),
        },
        Body::Pattern(pattern) => panic!("a grammar, not {pattern:?}"),
    }
}

#[test]
fn spans_cover_escapes_in_the_original_text() {
    let text = "\\x{73}tart = element \\x{61}b\\x{1F600} { \"\\x{41}\" }";
    let schema = rnc::parse(text).expect("parses");
    let element = only_start(&schema);
    assert_eq!(&text[element.span.start..element.span.end], &text[13..]);
    let PatternKind::Element(name, content) = &element.kind else {
        panic!("an element")
    };
    assert_eq!(
        name.kind,
        NameClassKind::Name {
            prefix: None,
            local: "ab😀".to_owned()
        }
    );
    assert_eq!(&text[name.span.start..name.span.end], "\\x{61}b\\x{1F600}");
    assert_eq!(&text[content.span.start..content.span.end], "\"\\x{41}\"");
}

#[test]
fn errors_are_located_in_the_original_text() {
    let error = rnc::parse("\\x{73}tart = element \\x{61} { }").unwrap_err();
    assert_eq!(error.to_string(), "expected a pattern, found \"}\" at 1:31");
    assert_eq!(error.location(), cinesync::Location::new(1, 31));
    assert_eq!(error.span(), Span { start: 30, end: 30 });
    let error = rnc::parse("start = element a {\r\n  \"é\" ,\r\n\r}").unwrap_err();
    assert_eq!(error.to_string(), "expected a pattern, found \"}\" at 4:1");
    let error = rnc::parse("start = element a { \"é\" \\x{7C}\\x{7C} }").unwrap_err();
    assert_eq!(error.to_string(), "expected a pattern, found \"|\" at 1:31");
}

#[test]
fn mixing_operators_points_at_the_second_operator() {
    let error = rnc::parse("start = element a {\n  b,\n  c | d }").unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot mix \",\" and \"|\" without parentheses at 3:5"
    );
    assert_eq!(
        error.message(),
        "cannot mix \",\" and \"|\" without parentheses"
    );
}

#[test]
fn literal_values_join_segments_and_escaped_line_feeds() {
    let schema = rnc::parse("start = \"a\" ~ 'b\\x{A}c' ~ \"\"\"d\r\ne\"\"\"").expect("parses");
    assert_eq!(
        only_start(&schema).kind,
        PatternKind::Value {
            datatype: None,
            value: "ab\ncd\ne".to_owned()
        }
    );
}

// ---------------------------------------------------------------------------------------
// Size: deep nesting, long chains, bounded errors
// ---------------------------------------------------------------------------------------

#[test]
fn ten_thousand_nested_parentheses_are_refused_not_overflowed() {
    let text = format!("start = {}empty{}", "(".repeat(10_000), ")".repeat(10_000));
    let error = rnc::parse(&text).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "brackets are nested more than {MAX_DEPTH} deep at 1:{}",
            9 + MAX_DEPTH
        )
    );
}

/// A debug build needs under 768 KiB of stack at the deepest nesting allowed; 1 MiB here
/// leaves a margin (threads get 2 MiB by default).
#[test]
fn nesting_up_to_the_limit_parses_in_a_small_stack() {
    let n = MAX_DEPTH;
    let cases = [
        format!("start = {}empty{}", "(".repeat(n), ")".repeat(n)),
        format!(
            "start = {}empty{}",
            "element a { ".repeat(n),
            " }".repeat(n)
        ),
        format!(
            "start = element {}a{} {{ empty }}",
            "(".repeat(n - 1),
            ")".repeat(n - 1)
        ),
        format!(
            "{}start = empty{}",
            "start = grammar { ".repeat(n),
            " }".repeat(n)
        ),
        format!(
            "namespace x = \"u\"\nstart = {}{} empty",
            "x:y [ ".repeat(n).replacen("x:y ", "", 1),
            "]".repeat(n)
        ),
        format!(
            "start = {}\"a\"{}",
            "xsd:string - (".repeat(n),
            ")".repeat(n)
        ),
        format!(
            "include \"a\" {{ {}start = empty{} }}",
            "div { ".repeat(n - 1),
            " }".repeat(n - 1)
        ),
    ];
    for text in cases {
        let outcome = std::thread::Builder::new()
            .stack_size(1024 * 1024)
            .spawn(move || rnc::parse(&text).map(|_| ()).map_err(|e| e.to_string()))
            .expect("thread")
            .join()
            .expect("no overflow");
        assert_eq!(outcome, Ok(()));
    }
}

#[test]
fn a_hundred_thousand_choices_parse_as_one_choice() {
    let text = format!("start = {}", vec!["empty"; 100_000].join(" | "));
    let schema = rnc::parse(&text).expect("parses");
    let PatternKind::Choice(choices) = &only_start(&schema).kind else {
        panic!("a choice")
    };
    assert_eq!(choices.len(), 100_000);
    let text = format!("start = {}", vec!["\"a\""; 100_000].join(" ~ "));
    let schema = rnc::parse(&text).expect("parses");
    let PatternKind::Value { value, .. } = &only_start(&schema).kind else {
        panic!("a value")
    };
    assert_eq!(value.len(), 100_000);
}

#[test]
fn errors_are_bounded_in_size() {
    let long_name = "a".repeat(1_000_000);
    let cases = [
        format!("start = element a {{ empty {long_name} }}"),
        format!(
            "start = element a {{ \"\\x{{{}41}}\" }}",
            "0".repeat(100_000)
        ),
        format!("start = element a {{ \"\\x{{{}}}\" }}", "F".repeat(100_000)),
        format!("start = element a {{ {} }}", "x:".repeat(100_000)),
    ];
    for text in &cases[..1] {
        let error = rnc::parse(text).unwrap_err();
        assert!(error.to_string().len() < 200, "{error}");
        assert!(error.to_string().ends_with("a…\" at 1:27"), "{error}");
    }
    for text in &cases[1..] {
        if let Err(error) = rnc::parse(text) {
            assert!(error.to_string().len() < 200, "{error}");
        }
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    let samples = [
        "", "\\", "\\x", "\\x{", "\"", "'''", "\"\"\"", "[", "]", "#", "##", "\u{FEFF}", "\r",
        ">>", "-", "*", "a:", ":*", "\\x{A}", "\\x{D}", "{", "}", "element", "|=", "~",
    ];
    for a in samples {
        for b in samples {
            for c in samples {
                let _ = rnc::parse(&format!("{a}{b}{c}"));
                let _ = rnc::parse(&format!("start = {a} {b}{c}"));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Printing random trees and parsing them back
// ---------------------------------------------------------------------------------------

/// Sets every span of `schema` to the empty span at 0, to compare trees by content.
fn clear_spans(schema: &mut SchemaFile) {
    for declaration in &mut schema.declarations {
        match declaration {
            Declaration::Namespace { span, .. }
            | Declaration::DefaultNamespace { span, .. }
            | Declaration::Datatypes { span, .. } => *span = Span::default(),
        }
    }
    match &mut schema.body {
        Body::Pattern(pattern) => clear_pattern(pattern),
        Body::Grammar(items) => items.iter_mut().for_each(clear_item),
    }
}

fn clear_item(item: &mut GrammarItem) {
    match item {
        GrammarItem::Start { pattern, span, .. } | GrammarItem::Define { pattern, span, .. } => {
            *span = Span::default();
            clear_pattern(pattern);
        }
        GrammarItem::Div(items) => items.iter_mut().for_each(clear_item),
        GrammarItem::Include {
            overrides, span, ..
        } => {
            *span = Span::default();
            overrides.iter_mut().for_each(clear_item);
        }
    }
}

fn clear_pattern(pattern: &mut Pattern) {
    pattern.span = Span::default();
    match &mut pattern.kind {
        PatternKind::Element(name, content) | PatternKind::Attribute(name, content) => {
            clear_name_class(name);
            clear_pattern(content);
        }
        PatternKind::Group(items) | PatternKind::Interleave(items) | PatternKind::Choice(items) => {
            items.iter_mut().for_each(clear_pattern)
        }
        PatternKind::Optional(inner)
        | PatternKind::ZeroOrMore(inner)
        | PatternKind::OneOrMore(inner)
        | PatternKind::List(inner)
        | PatternKind::Mixed(inner) => clear_pattern(inner),
        PatternKind::Value { datatype, .. } => {
            if let Some(datatype) = datatype {
                clear_datatype(datatype);
            }
        }
        PatternKind::Data {
            datatype,
            params,
            except,
        } => {
            clear_datatype(datatype);
            params.iter_mut().for_each(|p| p.span = Span::default());
            if let Some(except) = except {
                clear_pattern(except);
            }
        }
        PatternKind::Grammar(items) => items.iter_mut().for_each(clear_item),
        PatternKind::Ref(_)
        | PatternKind::ParentRef(_)
        | PatternKind::Empty
        | PatternKind::Text
        | PatternKind::NotAllowed
        | PatternKind::External { .. } => {}
    }
}

fn clear_datatype(datatype: &mut DatatypeName) {
    if let DatatypeName::Prefixed { span, .. } = datatype {
        *span = Span::default();
    }
}

fn clear_name_class(name: &mut NameClass) {
    name.span = Span::default();
    match &mut name.kind {
        NameClassKind::Name { .. } => {}
        NameClassKind::NsName { except, .. } | NameClassKind::AnyName { except } => {
            if let Some(except) = except {
                clear_name_class(except);
            }
        }
        NameClassKind::Choice(choices) => choices.iter_mut().for_each(clear_name_class),
    }
}

fn at(kind: PatternKind) -> Pattern {
    Pattern {
        kind,
        span: Span::default(),
    }
}

fn name_at(kind: NameClassKind) -> NameClass {
    NameClass {
        kind,
        span: Span::default(),
    }
}

/// Names, keywords among them (which identifiers must quote).
fn identifier() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("a".to_owned()),
        Just("b.c-d_1".to_owned()),
        Just("élan".to_owned()),
        Just("element".to_owned()),
        Just("start".to_owned()),
        Just("inherit".to_owned()),
        Just("string".to_owned()),
    ]
}

/// Literal values with quotes, line breaks, backslashes and would-be escapes.
fn literal() -> impl Strategy<Value = String> {
    "[a\"' \n\r\t\\\\#~x{}é]{0,8}"
}

fn datatype() -> impl Strategy<Value = DatatypeName> {
    prop_oneof![
        Just(DatatypeName::String),
        Just(DatatypeName::Token),
        (identifier(), identifier()).prop_map(|(prefix, local)| DatatypeName::Prefixed {
            prefix,
            local,
            span: Span::default()
        }),
    ]
}

fn params() -> impl Strategy<Value = Vec<Param>> {
    prop::collection::vec(
        (identifier(), literal()).prop_map(|(name, value)| Param {
            name,
            value,
            span: Span::default(),
        }),
        0..3,
    )
}

fn name_class() -> impl Strategy<Value = NameClass> {
    let leaf = prop_oneof![
        (prop::option::of(identifier()), identifier())
            .prop_map(|(prefix, local)| name_at(NameClassKind::Name { prefix, local })),
        identifier().prop_map(|prefix| name_at(NameClassKind::NsName {
            prefix,
            except: None
        })),
        Just(name_at(NameClassKind::AnyName { except: None })),
    ];
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 2..4)
                .prop_map(|choices| name_at(NameClassKind::Choice(choices))),
            inner
                .clone()
                .prop_map(|except| name_at(NameClassKind::AnyName {
                    except: Some(Box::new(except))
                })),
            (identifier(), inner).prop_map(|(prefix, except)| name_at(NameClassKind::NsName {
                prefix,
                except: Some(Box::new(except))
            })),
        ]
    })
}

fn leaf_pattern() -> impl Strategy<Value = Pattern> {
    prop_oneof![
        Just(at(PatternKind::Empty)),
        Just(at(PatternKind::Text)),
        Just(at(PatternKind::NotAllowed)),
        identifier().prop_map(|n| at(PatternKind::Ref(n))),
        identifier().prop_map(|n| at(PatternKind::ParentRef(n))),
        (prop::option::of(datatype()), literal())
            .prop_map(|(datatype, value)| at(PatternKind::Value { datatype, value })),
        (datatype(), params()).prop_map(|(datatype, params)| at(PatternKind::Data {
            datatype,
            params,
            except: None
        })),
        (literal(), prop::option::of(identifier()))
            .prop_map(|(href, inherit)| at(PatternKind::External { href, inherit })),
    ]
}

fn pattern() -> BoxedStrategy<Pattern> {
    leaf_pattern()
        .prop_recursive(4, 24, 3, |inner| {
            let items = prop::collection::vec(inner.clone(), 2..4);
            prop_oneof![
                (name_class(), inner.clone())
                    .prop_map(|(n, p)| at(PatternKind::Element(n, Box::new(p)))),
                (name_class(), inner.clone())
                    .prop_map(|(n, p)| at(PatternKind::Attribute(n, Box::new(p)))),
                items.clone().prop_map(|i| at(PatternKind::Group(i))),
                items.clone().prop_map(|i| at(PatternKind::Interleave(i))),
                items.prop_map(|i| at(PatternKind::Choice(i))),
                inner
                    .clone()
                    .prop_map(|p| at(PatternKind::Optional(Box::new(p)))),
                inner
                    .clone()
                    .prop_map(|p| at(PatternKind::ZeroOrMore(Box::new(p)))),
                inner
                    .clone()
                    .prop_map(|p| at(PatternKind::OneOrMore(Box::new(p)))),
                inner
                    .clone()
                    .prop_map(|p| at(PatternKind::List(Box::new(p)))),
                inner
                    .clone()
                    .prop_map(|p| at(PatternKind::Mixed(Box::new(p)))),
                (datatype(), params(), inner.clone()).prop_map(|(datatype, params, except)| at(
                    PatternKind::Data {
                        datatype,
                        params,
                        except: Some(Box::new(except))
                    }
                )),
                prop::collection::vec(definition(inner), 0..3)
                    .prop_map(|items| at(PatternKind::Grammar(items))),
            ]
        })
        .boxed()
}

fn combine() -> impl Strategy<Value = Combine> {
    prop_oneof![
        Just(Combine::Assign),
        Just(Combine::Choice),
        Just(Combine::Interleave)
    ]
}

/// A start or a definition of `pattern`.
fn definition(pattern: BoxedStrategy<Pattern>) -> BoxedStrategy<GrammarItem> {
    prop_oneof![
        (combine(), pattern.clone()).prop_map(|(combine, pattern)| GrammarItem::Start {
            combine,
            pattern,
            span: Span::default()
        }),
        (identifier(), combine(), pattern).prop_map(|(name, combine, pattern)| {
            GrammarItem::Define {
                name,
                combine,
                pattern,
                span: Span::default(),
            }
        }),
    ]
    .boxed()
}

fn grammar_item() -> impl Strategy<Value = GrammarItem> {
    let single = definition(pattern());
    let overrides = prop::collection::vec(
        prop_oneof![
            single.clone(),
            prop::collection::vec(single.clone(), 0..2).prop_map(GrammarItem::Div),
        ],
        0..3,
    );
    let include = (literal(), prop::option::of(identifier()), overrides)
        .prop_map(|(href, inherit, overrides)| GrammarItem::Include {
            href,
            inherit,
            overrides,
            span: Span::default(),
        })
        .boxed();
    prop_oneof![
        3 => single.clone(),
        1 => include.clone(),
        1 => prop::collection::vec(prop_oneof![single, include], 0..3)
            .prop_map(GrammarItem::Div),
    ]
}

fn declaration() -> impl Strategy<Value = Declaration> {
    let uri = prop_oneof![
        literal().prop_map(NamespaceUri::Literal),
        Just(NamespaceUri::Inherit)
    ];
    prop_oneof![
        (identifier(), uri.clone()).prop_map(|(prefix, uri)| Declaration::Namespace {
            prefix,
            uri,
            span: Span::default()
        }),
        (prop::option::of(identifier()), uri).prop_map(|(prefix, uri)| {
            Declaration::DefaultNamespace {
                prefix,
                uri,
                span: Span::default(),
            }
        }),
        (identifier(), literal()).prop_map(|(prefix, uri)| Declaration::Datatypes {
            prefix,
            uri,
            span: Span::default()
        }),
    ]
}

fn schema_file() -> impl Strategy<Value = SchemaFile> {
    let body = prop_oneof![
        pattern().prop_map(Body::Pattern),
        // An empty file is not a schema: a grammar body has at least one component.
        prop::collection::vec(grammar_item(), 1..4).prop_map(Body::Grammar),
    ];
    (prop::collection::vec(declaration(), 0..3), body)
        .prop_map(|(declarations, body)| SchemaFile { declarations, body })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn printed_trees_parse_back_equal(schema in schema_file()) {
        let printed = schema.to_string();
        let mut parsed = rnc::parse(&printed)
            .map_err(|e| TestCaseError::fail(format!("{e} in\n{printed}")))?;
        clear_spans(&mut parsed);
        prop_assert_eq!(parsed, schema, "printed as\n{}", printed);
    }
}

/// Tokens of the compact syntax, and pieces of tokens, to make soups of.
fn token_soup() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        prop::sample::select(vec![
            "element",
            "attribute",
            "start",
            "=",
            "|=",
            "&=",
            "{",
            "}",
            "(",
            ")",
            "[",
            "]",
            "|",
            "&",
            ",",
            "?",
            "*",
            "+",
            "-",
            "~",
            ">>",
            "\"v\"",
            "'v'",
            "\"\"\"v\n\"\"\"",
            "\"",
            "a",
            "x:y",
            "x:*",
            "\\text",
            "## doc\n",
            "# c\n",
            "\n",
            "\\x{41}",
            "\\x{",
            "\\x{D}",
            "namespace",
            "default",
            "datatypes",
            "inherit",
            "include",
            "div",
            "grammar",
            "external",
            "parent",
            "list",
            "mixed",
            "empty",
            "text",
            "notAllowed",
            "string",
            "token",
            "xsd:int",
            "\r\n",
            "\u{FEFF}",
        ])
        .prop_map(str::to_owned),
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(token, 0..40).prop_map(|tokens| tokens.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn token_soups_give_a_tree_or_a_readable_error(text in token_soup()) {
        if let Err(error) = rnc::parse(&text) {
            let message = error.message();
            let expected = message.split(", found").next().unwrap_or_default();
            prop_assert!(!expected.contains('_'), "a rule name in {message}");
            prop_assert!(!message.contains("something else"), "{message}");
            prop_assert!(!message.contains("internal error"), "{message}");
            prop_assert!(message.len() < 300, "{message}");
        }
    }

    #[test]
    fn any_text_gives_a_tree_or_an_error(text in any::<String>()) {
        let _ = rnc::parse(&text);
    }
}

/// pest's own stack guard (native on this target) turns a stack too small for the
/// nesting allowed into an error, not an overflow.
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
#[test]
fn a_thread_with_too_little_stack_gets_an_error() {
    let text = format!(
        "start = {}empty{}",
        "(".repeat(MAX_DEPTH),
        ")".repeat(MAX_DEPTH)
    );
    let outcome = std::thread::Builder::new()
        .stack_size(80 * 1024)
        .spawn(move || rnc::parse(&text).map(|_| ()).map_err(|e| e.to_string()))
        .expect("thread")
        .join()
        .expect("no overflow");
    let message = outcome.unwrap_err();
    assert!(
        message.starts_with("the schema is nested too deeply to parse at 1:"),
        "{message}"
    );
}
