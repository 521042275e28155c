//! What validation found: a [`Report`] of [`Problem`]s, each with its position, element
//! path and a message a person can act on.

use std::fmt;

use crate::location::{ElementPath, Location};

/// The result of validating one document: every problem found (up to a limit).
///
/// An empty report means the document is valid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    problems: Vec<Problem>,
    unlisted: usize,
}

/// How many problems one report lists; past that they are only counted, so that a huge
/// invalid file still validates in bounded memory.
pub const MAX_LISTED_PROBLEMS: usize = 1_000;

impl Report {
    /// True when no problem was found.
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }

    /// The problems, in document order.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// How many problems were found beyond those listed.
    pub fn unlisted(&self) -> usize {
        self.unlisted
    }

    /// How many problems were found in all.
    pub fn count(&self) -> usize {
        self.problems.len() + self.unlisted
    }

    pub(crate) fn push(&mut self, problem: Problem) {
        if self.problems.len() < MAX_LISTED_PROBLEMS {
            self.problems.push(problem);
        } else {
            self.unlisted += 1;
        }
    }
}

/// One way in which a document does not match the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where the offending start tag, attribute, text or end tag begins.
    pub location: Location,
    /// The element concerned.
    pub path: ElementPath,
    /// What is wrong.
    pub kind: ProblemKind,
}

impl Problem {
    /// The message, without position or path.
    pub fn message(&self) -> String {
        self.kind.to_string()
    }
}

impl fmt::Display for Problem {
    /// `LINE:COL: PATH: MESSAGE`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.location, self.path, self.kind)
    }
}

/// What is wrong, with what was found and what the schema allows. Names are quoted as
/// they should be shown: the local name, or `{namespace}local` where namespaces differ.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProblemKind {
    /// An element that the schema does not allow where it is.
    ElementNotAllowed {
        /// The element.
        name: String,
        /// The elements that could come here instead.
        expected: Vec<String>,
    },
    /// An element ends before some required content.
    MissingContent {
        /// The element.
        element: String,
        /// Elements it still needs (all of them, or one of them).
        missing: Vec<String>,
        /// True when any one of `missing` would do.
        one_of: bool,
    },
    /// An attribute that the schema does not allow on its element.
    AttributeNotAllowed {
        /// The element.
        element: String,
        /// The attribute.
        name: String,
    },
    /// An attribute whose value the schema does not allow.
    AttributeValue {
        /// The attribute.
        name: String,
        /// Its value (shortened when long).
        value: String,
        /// Why not, as a phrase after the value: `is not one of "standard", "pro"`.
        reason: String,
    },
    /// Required attributes that are missing.
    MissingAttributes {
        /// The element.
        element: String,
        /// The attributes (all of them, or one of them).
        missing: Vec<String>,
        /// True when any one of `missing` would do.
        one_of: bool,
    },
    /// Text where the schema allows none.
    TextNotAllowed {
        /// The element holding it.
        element: String,
    },
    /// Text that is not a value the schema allows.
    TextValue {
        /// The element holding it.
        element: String,
        /// The text (shortened when long).
        value: String,
        /// Why not, as a phrase after the value.
        reason: String,
    },
    /// An ID value used twice.
    DuplicateId {
        /// The value.
        value: String,
    },
    /// An IDREF to an ID no element has.
    UnknownId {
        /// The value.
        value: String,
    },
}

fn quoted_list(names: &[String]) -> String {
    names
        .iter()
        .map(|name| format!("\"{name}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn plural(word: &str, count: usize) -> String {
    if count == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemKind::ElementNotAllowed { name, expected } => match expected.as_slice() {
                [] => write!(
                    f,
                    "element \"{name}\" is not allowed here; no element is allowed here"
                ),
                [one] => write!(
                    f,
                    "element \"{name}\" is not allowed here; expected \"{one}\""
                ),
                many => write!(
                    f,
                    "element \"{name}\" is not allowed here; expected one of {}",
                    quoted_list(many)
                ),
            },
            ProblemKind::MissingContent {
                element,
                missing,
                one_of,
            } => match (missing.as_slice(), one_of) {
                ([], _) => write!(f, "element \"{element}\": content is incomplete"),
                (many, true) if many.len() > 1 => write!(
                    f,
                    "element \"{element}\": missing one of the elements {}",
                    quoted_list(many)
                ),
                (many, _) => write!(
                    f,
                    "element \"{element}\": missing required {} {}",
                    plural("element", many.len()),
                    quoted_list(many)
                ),
            },
            ProblemKind::AttributeNotAllowed { element, name } => {
                write!(
                    f,
                    "element \"{element}\": attribute \"{name}\" is not allowed"
                )
            }
            ProblemKind::AttributeValue {
                name,
                value,
                reason,
            } => write!(f, "attribute \"{name}\": \"{value}\" {reason}"),
            ProblemKind::MissingAttributes {
                element,
                missing,
                one_of,
            } => match (missing.as_slice(), one_of) {
                ([], _) => write!(f, "element \"{element}\": missing required attributes"),
                (many, true) if many.len() > 1 => write!(
                    f,
                    "element \"{element}\": missing one of the attributes {}",
                    quoted_list(many)
                ),
                (many, _) => write!(
                    f,
                    "element \"{element}\": missing required {} {}",
                    plural("attribute", many.len()),
                    quoted_list(many)
                ),
            },
            ProblemKind::TextNotAllowed { element } => {
                write!(f, "element \"{element}\": text is not allowed here")
            }
            ProblemKind::TextValue {
                element,
                value,
                reason,
            } => write!(f, "element \"{element}\": \"{value}\" {reason}"),
            ProblemKind::DuplicateId { value } => {
                write!(f, "the ID \"{value}\" is used more than once")
            }
            ProblemKind::UnknownId { value } => {
                write!(f, "no element has the ID \"{value}\"")
            }
        }
    }
}

/// Shortens a value for a message: at most 40 characters, `…` marking a cut, and control
/// characters escaped, so that no input can make a message huge or unreadable.
pub(crate) fn shorten(value: &str) -> String {
    const MAX: usize = 40;
    let mut shown = String::new();
    for (count, c) in value.chars().enumerate() {
        if count == MAX {
            shown.push('…');
            break;
        }
        match c {
            '\n' => shown.push_str("\\n"),
            '\r' => shown.push_str("\\r"),
            '\t' => shown.push_str("\\t"),
            c if c.is_control() => shown.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => shown.push(c),
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_cut_and_controls_escaped() {
        assert_eq!(shorten("a\nb\u{1}"), "a\\nb\\u{1}");
        let long = "x".repeat(10_000);
        assert_eq!(shorten(&long), format!("{}…", "x".repeat(40)));
    }

    #[test]
    fn messages_read_as_sentences() {
        let kind = ProblemKind::AttributeValue {
            name: "sessionFeatures".into(),
            value: "awesome".into(),
            reason: "is not one of \"standard\", \"pro\"".into(),
        };
        assert_eq!(
            kind.to_string(),
            "attribute \"sessionFeatures\": \"awesome\" is not one of \"standard\", \"pro\""
        );
        let missing = ProblemKind::MissingContent {
            element: "media".into(),
            missing: vec!["locators".into()],
            one_of: false,
        };
        assert_eq!(
            missing.to_string(),
            "element \"media\": missing required element \"locators\""
        );
    }
}
