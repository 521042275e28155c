//! Syntax errors in a compact-syntax schema.

use crate::location::Location;

/// A compact-syntax schema that cannot be parsed: where, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} at {location}")]
pub struct SyntaxError {
    location: Location,
    message: String,
}

impl SyntaxError {
    /// An error at `location` saying `message`.
    pub fn new(location: Location, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            location,
            message: message.into(),
        }
    }

    /// Where in the schema text the error is.
    pub fn location(&self) -> Location {
        self.location
    }

    /// What is wrong, without the location.
    pub fn message(&self) -> &str {
        &self.message
    }
}
