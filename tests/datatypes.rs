//! The datatype library against jing: every case of the verdict table in `cases.rs` gets
//! the verdict jing 20220510 gives, and, where jing is installed, jing still gives it.

mod cases;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use cases::{DIVERGENT_SCHEMAS, QNAME_CASES, SCHEMA_CASES, VALUE_CASES};
use cinesync::datatypes::{
    Datatype, DatatypeBuilder, DatatypeError, NamespaceContext, BUILTIN_LIBRARY, XSD_LIBRARY,
};

/// Prefix bindings: the schema's (`p`, `q`) or a document root's `xmlns` attributes.
struct Prefixes(Vec<(String, String)>);

impl NamespaceContext for Prefixes {
    fn resolve(&self, prefix: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(p, _)| p == prefix)
            .map(|(_, ns)| ns.as_str())
    }
}

const SCHEMA_NAMESPACES: &str = "namespace p = \"urn:p\"\nnamespace q = \"urn:q\"\n\
    namespace d = \"urn:d\"\ndatatypes x = \"urn:unknown\"\n";

/// The library the schema binds to the prefix `x`, which nobody knows.
const UNKNOWN_LIBRARY: &str = "urn:unknown";

fn schema_context() -> Prefixes {
    Prefixes(vec![
        ("p".to_owned(), "urn:p".to_owned()),
        ("q".to_owned(), "urn:q".to_owned()),
    ])
}

/// The bindings of `xmlns:p="urn:p" xmlns="urn:d"`.
fn document_context(xmlns: &str) -> Prefixes {
    let bindings = xmlns
        .split_whitespace()
        .filter_map(|attribute| {
            let (name, value) = attribute.split_once('=')?;
            let prefix = name.strip_prefix("xmlns")?.trim_start_matches(':');
            Some((prefix.to_owned(), value.trim_matches('"').to_owned()))
        })
        .collect();
    Prefixes(bindings)
}

/// A datatype or `value` pattern as the compact syntax writes it.
#[derive(Debug)]
struct Expr {
    library: &'static str,
    name: String,
    params: Vec<(String, String)>,
    value: Option<String>,
}

/// Decodes the compact syntax's `\x{HEX}` escapes, as jing does before anything else.
fn unescape(source: &str) -> String {
    let mut out = String::new();
    let mut rest = source;
    while let Some(at) = rest.find("\\x{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 3..];
        let end = after.find('}').expect("a closed escape");
        let code = u32::from_str_radix(&after[..end], 16).expect("hex digits");
        out.push(char::from_u32(code).expect("a character"));
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

fn tokens(source: &str) -> Vec<String> {
    let source = unescape(source);
    let mut tokens = Vec::new();
    let mut chars = source.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '"' || c == '\'' {
            chars.next();
            let literal: String = chars.by_ref().take_while(|&d| d != c).collect();
            tokens.push(format!("\"{literal}"));
        } else if "{}=".contains(c) {
            tokens.push(chars.next().map(String::from).unwrap_or_default());
        } else {
            let mut word = String::new();
            while let Some(&d) = chars.peek() {
                if d.is_whitespace() || "{}=\"'".contains(d) {
                    break;
                }
                word.push(d);
                chars.next();
            }
            tokens.push(word);
        }
    }
    tokens
}

fn parse_expr(source: &str) -> Expr {
    let tokens = tokens(source);
    let mut tokens = tokens.iter().map(String::as_str).peekable();
    let (library, name) = match tokens.peek() {
        Some(t) if t.starts_with('"') => (BUILTIN_LIBRARY, "token".to_owned()),
        Some(_) => {
            let t = tokens.next().unwrap_or_default();
            match (t.strip_prefix("xsd:"), t.strip_prefix("x:")) {
                (Some(name), _) => (XSD_LIBRARY, name.to_owned()),
                (_, Some(name)) => (UNKNOWN_LIBRARY, name.to_owned()),
                _ => (BUILTIN_LIBRARY, t.to_owned()),
            }
        }
        None => panic!("empty expression"),
    };
    let mut expr = Expr {
        library,
        name,
        params: Vec::new(),
        value: None,
    };
    while let Some(token) = tokens.next() {
        match token {
            "{" | "}" => {}
            literal if literal.starts_with('"') => {
                expr.value = Some(literal[1..].to_owned());
            }
            param => {
                assert_eq!(tokens.next(), Some("="), "{source}");
                let value = tokens.next().expect("a parameter value");
                expr.params.push((param.to_owned(), value[1..].to_owned()));
            }
        }
    }
    expr
}

fn build(expr: &Expr) -> Result<Datatype, DatatypeError> {
    let mut builder = DatatypeBuilder::new(expr.library, &expr.name)?;
    for (name, value) in &expr.params {
        builder.add_param(name, value, &schema_context())?;
    }
    builder.finish()
}

/// Our verdict on `text` in a document with `xmlns`; `Err` when the schema is refused.
fn our_verdict(source: &str, xmlns: &str, text: &str) -> Result<bool, String> {
    let expr = parse_expr(source);
    let datatype = build(&expr).map_err(|error| error.to_string())?;
    let document = document_context(xmlns);
    match &expr.value {
        None => Ok(datatype.check(text, &document).is_ok()),
        Some(literal) => {
            let value = datatype
                .value(literal, &schema_context())
                .map_err(|rejection| format!("\"{literal}\" {rejection}"))?;
            Ok(datatype.matches_value(&value, text, &document))
        }
    }
}

/// Every value case as (datatype, xmlns, text, verdict).
fn value_cases() -> Vec<(&'static str, &'static str, &'static str, bool)> {
    let mut all = Vec::new();
    for (datatype, texts) in VALUE_CASES {
        for (text, verdict) in texts.iter() {
            all.push((*datatype, "", *text, *verdict));
        }
    }
    all.extend_from_slice(QNAME_CASES);
    all
}

#[test]
fn the_table_is_large() {
    let count = value_cases().len() + SCHEMA_CASES.len();
    assert!(count >= 700, "{count} cases");
}

#[test]
fn verdicts_match_the_table() {
    let mut wrong = String::new();
    for (datatype, xmlns, text, verdict) in value_cases() {
        match our_verdict(datatype, xmlns, text) {
            Ok(ours) if ours == verdict => {}
            Ok(ours) => {
                let _ = writeln!(
                    wrong,
                    "{datatype} [{xmlns}] {text:?}: ours {ours}, jing {verdict}"
                );
            }
            Err(error) => {
                let _ = writeln!(wrong, "{datatype}: refused: {error}");
            }
        }
    }
    assert!(wrong.is_empty(), "verdicts differ from jing's:\n{wrong}");
}

#[test]
fn schema_errors_match_the_table() {
    let mut wrong = String::new();
    for (source, refused) in SCHEMA_CASES {
        let expr = parse_expr(source);
        let ours = build(&expr).and_then(|datatype| match &expr.value {
            Some(literal) => datatype
                .value(literal, &schema_context())
                .map(|_| ())
                .map_err(|rejection| DatatypeError::BadParamValue {
                    param: "value".to_owned(),
                    value: literal.clone(),
                    reason: rejection.to_string(),
                }),
            None => Ok(()),
        });
        let expected = *refused || DIVERGENT_SCHEMAS.contains(source);
        if ours.is_err() != expected {
            let _ = writeln!(wrong, "{source}: ours {ours:?}, jing refuses: {refused}");
        }
    }
    assert!(
        wrong.is_empty(),
        "schema verdicts differ from jing's:\n{wrong}"
    );
}

/// Text as element content: markup escaped, CR as a reference (a parser turns a raw CR
/// into LF).
fn escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            _ => out.push(c),
        }
    }
    out
}

/// Runs jing on a schema and documents; the paths it reported an error for, or `None` when
/// jing is not installed (fatal under CI).
fn run_jing(schema: &Path, documents: &[PathBuf]) -> Option<String> {
    let output = match Command::new("jing")
        .arg("-i")
        .arg("-c")
        .arg(schema)
        .args(documents)
        .output()
    {
        Ok(output) => output,
        Err(error) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "jing is required under CI: {error}"
            );
            eprintln!("SKIPPED: jing is not installed ({error}); install Debian's `jing` to compare verdicts");
            return None;
        }
    };
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn jing_value_disagreements(dir: &Path) -> Option<String> {
    let cases = value_cases();
    let mut schema = String::from(SCHEMA_NAMESPACES);
    schema.push_str("start = element (t | p:t | d:t) {\n    ");
    let mut documents = Vec::new();
    for (i, (datatype, xmlns, text, _)) in cases.iter().enumerate() {
        if i > 0 {
            schema.push_str("\n  | ");
        }
        let _ = write!(schema, "element (c{i} | p:c{i} | d:c{i}) {{ {datatype} }}");
        let path = dir.join(format!("d{i}.xml"));
        let document = format!("<t {xmlns}><c{i}>{}</c{i}></t>", escape(text));
        std::fs::write(&path, document).expect("the document is written");
        documents.push(path);
    }
    schema.push_str("\n}\n");
    let schema_path = dir.join("values.rnc");
    std::fs::write(&schema_path, schema).expect("the schema is written");
    let report = run_jing(&schema_path, &documents)?;
    let schema_prefix = format!("{}:", schema_path.display());
    assert!(
        !report.lines().any(|line| line.starts_with(&schema_prefix)),
        "jing refused the value schema:\n{report}"
    );
    let mut wrong = String::new();
    for ((datatype, xmlns, text, verdict), path) in cases.iter().zip(&documents) {
        let prefix = format!("{}:", path.display());
        let accepted = !report.lines().any(|line| line.starts_with(&prefix));
        if accepted != *verdict {
            let _ = writeln!(
                wrong,
                "{datatype} [{xmlns}] {text:?}: jing says {accepted}, the table {verdict}"
            );
        }
    }
    Some(wrong)
}

fn jing_schema_disagreements(dir: &Path) -> Option<String> {
    let mut schema = String::from(SCHEMA_NAMESPACES);
    schema.push_str("start = element t { empty }\n");
    let first_line = schema.lines().count() + 1;
    for (i, (source, _)) in SCHEMA_CASES.iter().enumerate() {
        let _ = writeln!(schema, "  | element e{i} {{ {source} }}");
    }
    let schema_path = dir.join("errors.rnc");
    std::fs::write(&schema_path, schema).expect("the schema is written");
    let document = dir.join("empty.xml");
    std::fs::write(&document, "<t/>").expect("the document is written");
    let report = run_jing(&schema_path, &[document])?;
    let prefix = format!("{}:", schema_path.display());
    let refused_lines: Vec<usize> = report
        .lines()
        .filter_map(|line| line.strip_prefix(&prefix)?.split(':').next()?.parse().ok())
        .collect();
    let mut wrong = String::new();
    for (i, (source, refused)) in SCHEMA_CASES.iter().enumerate() {
        let jing_refuses = refused_lines.contains(&(first_line + i));
        if jing_refuses != *refused {
            let _ = writeln!(
                wrong,
                "{source}: jing refuses: {jing_refuses}, the table: {refused}"
            );
        }
    }
    Some(wrong)
}

#[test]
fn jing_agrees_with_the_table() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (Some(values), Some(schemas)) = (
        jing_value_disagreements(dir.path()),
        jing_schema_disagreements(dir.path()),
    ) else {
        return;
    };
    assert!(
        values.is_empty() && schemas.is_empty(),
        "jing disagrees with the table:\n{values}{schemas}"
    );
}
