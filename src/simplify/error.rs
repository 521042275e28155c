//! Schemas that cannot be used: syntax errors, files that cannot be read, and violations of
//! the RELAX NG rules (undefined references, conflicting combines, section 7 restrictions).

use std::fmt;

use crate::datatypes::DatatypeError;
use crate::location::Location;
use crate::rnc::SyntaxError;

/// A schema that cannot be used, with every problem found in it.
///
/// Each problem names the schema file and, when it concerns schema text, the line:column.
#[derive(Debug)]
pub struct SchemaError {
    problems: Vec<SchemaProblem>,
}

/// One problem with a schema.
#[derive(Debug)]
pub struct SchemaProblem {
    /// The schema file, as it was named (the top file's name, or an `include` href).
    pub file: String,
    /// Where in the file, when the problem concerns its text.
    pub location: Option<Location>,
    /// What is wrong.
    pub kind: SchemaErrorKind,
}

/// What is wrong with a schema.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SchemaErrorKind {
    /// The compact syntax cannot be parsed.
    #[error("{}", .0.message())]
    Syntax(SyntaxError),
    /// A schema file (the schema itself, or one it includes) cannot be read.
    #[error("cannot read \"{href}\": {source}")]
    Io {
        /// The file as the schema names it.
        href: String,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A datatype cannot be used (unknown library, type or parameter, bad facet).
    #[error("{0}")]
    Datatype(DatatypeError),
    /// The schema breaks a rule of RELAX NG.
    #[error("{0}")]
    Rule(String),
}

impl SchemaError {
    /// An error made of one problem.
    pub fn single(problem: SchemaProblem) -> SchemaError {
        SchemaError {
            problems: vec![problem],
        }
    }

    pub(crate) fn from_problems(problems: Vec<SchemaProblem>) -> SchemaError {
        SchemaError { problems }
    }

    /// Every problem found, in the order of the schema text where possible.
    pub fn problems(&self) -> &[SchemaProblem] {
        &self.problems
    }
}

impl fmt::Display for SchemaProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some(location) => write!(f, "{}:{location}: {}", self.file, self.kind),
            None => write!(f, "{}: {}", self.file, self.kind),
        }
    }
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.split_first() {
            None => f.write_str("the schema cannot be used"),
            Some((first, [])) => write!(f, "{first}"),
            Some((first, rest)) => write!(f, "{first} (and {} more problems)", rest.len()),
        }
    }
}

impl std::error::Error for SchemaError {}

/// Something in a schema that is allowed but probably not meant, such as a definition
/// that nothing refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaWarning {
    /// The schema file.
    pub file: String,
    /// Where in it.
    pub location: Location,
    /// What was noticed.
    pub message: String,
}

impl fmt::Display for SchemaWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.location, self.message)
    }
}
