//! pest's errors in words a person understands: what was expected, what was found.
//!
//! pest reports the rules it tried at the furthest position it reached. Each rule becomes
//! a phrase (`a pattern`, `"}"`, `end of file`); optional annotations, which can stand
//! almost anywhere, are left out.

use pest::error::{ErrorVariant, InputLocation};

use super::error::{quoted, SyntaxError};
use super::escape::Unescaped;
use super::lower::Rule;

/// The most expected phrases a message lists.
const MAX_EXPECTED: usize = 8;

/// The longest token text a message quotes, in characters.
const MAX_FOUND: usize = 32;

/// The syntax error for pest's `error` on `unescaped`, located in `original`.
pub(crate) fn from_pest(
    error: &pest::error::Error<Rule>,
    original: &str,
    unescaped: &Unescaped,
) -> SyntaxError {
    let offset = match error.location {
        InputLocation::Pos(at) => at,
        InputLocation::Span((start, _)) => start,
    };
    let at = unescaped.original_offset(offset);
    let rest = unescaped.text.get(offset..).unwrap_or_default();
    let message = match &error.variant {
        // pest's own limits: the stack guard, or a call limit set for the whole process.
        ErrorVariant::CustomError { message } if message.contains("call limit") => {
            "the schema is too large to parse".to_owned()
        }
        ErrorVariant::CustomError { .. } => "the schema is nested too deeply to parse".to_owned(),
        ErrorVariant::ParsingError { .. } if is_unterminated_literal(rest) => {
            "unterminated literal".to_owned()
        }
        ErrorVariant::ParsingError { positives, .. } => {
            format!("expected {}, found {}", expected(positives), found(rest))
        }
    };
    SyntaxError::at_original(original, at, message)
}

/// The phrase for what `rule` stands for, or `None` for an optional annotation.
fn phrase(rule: Rule) -> Option<&'static str> {
    use Rule::*;
    Some(match rule {
        pattern | particle | element_pattern | attribute_pattern | list_pattern | mixed_pattern
        | grammar_pattern | external_ref | parent_ref | empty_pattern | text_pattern
        | not_allowed_pattern | paren_pattern | value_pattern | data_pattern
        | simple_data_pattern | ref_pattern | datatype_name | element_keyword
        | attribute_keyword | list_keyword | mixed_keyword | grammar_keyword | external_keyword
        | parent_keyword | empty_keyword | text_keyword | not_allowed_keyword | string_keyword
        | token_keyword => "a pattern",
        name_class | basic_name_class | open_name_except | paren_name_class | name | ns_name
        | any_name => "a name class",
        start | define | div | include | include_div | start_keyword | div_keyword
        | include_keyword => "a definition",
        top_level => "a pattern or a definition",
        namespace_decl | default_namespace_decl | datatypes_decl => "a declaration",
        namespace_keyword => "\"namespace\"",
        default_keyword => "\"default\"",
        datatypes_keyword => "\"datatypes\"",
        annotation_element_not_keyword | annotation_element => "an annotation element",
        annotation_attribute | prefixed_annotation_attribute => "an annotation attribute",
        documentation | initial_annotation | annotation_open | follow_annotation | follow => {
            return None
        }
        identifier => "an identifier",
        identifier_or_keyword => "a name",
        cname => "a prefixed name",
        literal | literal_segment => "a literal",
        namespace_uri_literal => "a literal or \"inherit\"",
        inherit | inherit_keyword => "\"inherit\"",
        params => "\"{\"",
        param => "a parameter",
        except_pattern | except_name_class | minus => "\"-\"",
        assign => "\"=\"",
        choice_assign => "\"|=\"",
        interleave_assign => "\"&=\"",
        choice_operator => "\"|\"",
        interleave_operator => "\"&\"",
        group_operator => "\",\"",
        optional_operator => "\"?\"",
        zero_or_more_operator => "\"*\"",
        one_or_more_operator => "\"+\"",
        open_brace => "\"{\"",
        close_brace => "\"}\"",
        open_paren => "\"(\"",
        close_paren => "\")\"",
        open_bracket => "\"[\"",
        close_bracket => "\"]\"",
        tilde => "\"~\"",
        EOI => "end of file",
        _ => "something else",
    })
}

/// "a, b or c" for the rules pest expected.
fn expected(positives: &[Rule]) -> String {
    let mut phrases: Vec<&str> = Vec::new();
    for &rule in positives {
        if let Some(p) = phrase(rule) {
            if !phrases.contains(&p) {
                phrases.push(p);
            }
        }
    }
    if phrases.is_empty() {
        phrases.push(if positives.is_empty() {
            "something else"
        } else {
            "an annotation"
        });
    }
    // Where a definition may stand, its name is "an identifier" and an annotation element
    // may stand too: "a definition" says what matters. A "(" starts a pattern or a name
    // class. Words come first, then punctuation, then the end of the file.
    let mut redundant = Vec::new();
    if phrases.contains(&"a definition") {
        redundant.extend(["an identifier", "an annotation element"]);
    }
    if phrases.contains(&"a pattern") || phrases.contains(&"a name class") {
        redundant.push("\"(\"");
    }
    phrases.retain(|p| !redundant.contains(p));
    phrases.sort_by_key(|p| match p.chars().next() {
        Some('"') => 1,
        _ if *p == "end of file" => 2,
        _ => 0,
    });
    phrases.truncate(MAX_EXPECTED);
    match phrases.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// What stands at the start of `rest`, for "found …".
fn found(rest: &str) -> String {
    let Some(first) = rest.chars().next() else {
        return "end of file".to_owned();
    };
    if first == '"' || first == '\'' {
        return "a literal".to_owned();
    }
    if rest.starts_with("##") {
        return "a documentation comment".to_owned();
    }
    for operator in ["|=", "&=", ">>"] {
        if rest.starts_with(operator) {
            return format!("\"{operator}\"");
        }
    }
    let word: String = rest
        .chars()
        .take_while(|&c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | '\\' | '*'))
        .take(MAX_FOUND + 1)
        .collect();
    if word.chars().count() > 1 || first.is_alphanumeric() {
        return quoted(&word, MAX_FOUND);
    }
    match first {
        '\r' => "an escaped carriage return".to_owned(),
        c if c.is_control() || c.is_whitespace() => format!("U+{:04X}", u32::from(c)),
        c => format!("\"{c}\""),
    }
}

/// True when `rest` starts a literal segment that does not end (on its line, for a
/// one-line literal).
fn is_unterminated_literal(rest: &str) -> bool {
    let Some(quote) = rest.chars().next().filter(|&c| c == '"' || c == '\'') else {
        return false;
    };
    let triple: String = std::iter::repeat_n(quote, 3).collect();
    if let Some(body) = rest.strip_prefix(triple.as_str()) {
        return !body.contains(triple.as_str());
    }
    let body = rest.get(1..).unwrap_or_default();
    match body.find([quote, '\n']) {
        Some(at) => body.get(at..).is_some_and(|s| s.starts_with('\n')),
        None => true,
    }
}
