//! The crate's error type for reading and writing session files.

use std::path::PathBuf;

use crate::location::{ElementPath, Location};

/// An error from reading, checking or writing a session file.
///
/// The kind says what went wrong; [`Error::location`] says where in the input, when the
/// error concerns input text.
#[derive(Debug)]
pub struct Error(Box<ErrorKind>);

/// What went wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading or writing a file or stream failed.
    #[error("{}{source}", path.as_ref().map(|p| format!("{}: ", p.display())).unwrap_or_default())]
    Io {
        /// The file concerned, when there is one.
        path: Option<PathBuf>,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The input is not well-formed XML, or uses XML features this toolkit refuses
    /// (a DOCTYPE with entities, for example).
    #[error("not well-formed XML: {message} at {location}")]
    Xml {
        /// Where the parser stopped.
        location: Location,
        /// What the parser found.
        message: String,
    },
    /// The input exceeds a limit this toolkit sets to stay safe (nesting depth, for example).
    #[error("the input exceeds a limit: {message} at {location}")]
    Limit {
        /// Where the limit was passed.
        location: Location,
        /// Which limit, and by what.
        message: String,
    },
    /// The input is not UTF-8 text (or UTF-16 text with a byte-order mark), in a way
    /// that has no position (a UTF-16 file of an odd number of bytes, for example).
    #[error("the input is not UTF-8 text: {message}")]
    Encoding {
        /// What is wrong with the bytes.
        message: String,
    },
    /// The input holds a byte that UTF-8 text cannot hold there.
    #[error("the input is not UTF-8 text: byte {offset} (0x{byte:02X}) is not valid UTF-8 at {location}")]
    InvalidUtf8 {
        /// Where the byte is: the line and column it would have in the text before it.
        location: Location,
        /// Its offset in the input, counted in bytes from 0 (a byte-order mark included).
        offset: usize,
        /// The byte.
        byte: u8,
    },
    /// The root element is not a cineSync session.
    #[error("the root element must be `session` in namespace `{expected}`, found `{found}` at {location}")]
    WrongRoot {
        /// Where the root element starts.
        location: Location,
        /// The root element's name, as `{namespace}name`.
        found: String,
        /// The namespace a session must use.
        expected: &'static str,
    },
    /// Some content cannot be read into the session model: a missing required part or a
    /// value of the wrong form.
    #[error("{path}: {message} at {location}")]
    Content {
        /// Where the offending element or attribute starts.
        location: Location,
        /// The element concerned.
        path: ElementPath,
        /// What was expected and what was found.
        message: String,
    },
    /// The in-memory model breaks a rule of the session format and cannot be written.
    #[error("cannot write the session: {field}: {message}")]
    Invalid {
        /// The field at fault, as a path through the model (`media[2].play_range`).
        field: String,
        /// The rule that is broken.
        message: String,
    },
}

impl Error {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// Unwraps the kind.
    pub fn into_kind(self) -> ErrorKind {
        *self.0
    }

    /// Where in the input the error is, when it concerns input text.
    pub fn location(&self) -> Option<Location> {
        match &*self.0 {
            ErrorKind::Xml { location, .. }
            | ErrorKind::Limit { location, .. }
            | ErrorKind::InvalidUtf8 { location, .. }
            | ErrorKind::WrongRoot { location, .. }
            | ErrorKind::Content { location, .. } => Some(*location),
            ErrorKind::Io { .. } | ErrorKind::Encoding { .. } | ErrorKind::Invalid { .. } => None,
        }
    }

    /// True when the error is about the input or the model (as opposed to I/O).
    pub fn is_invalid_input(&self) -> bool {
        !matches!(&*self.0, ErrorKind::Io { .. })
    }

    pub(crate) fn io(path: Option<PathBuf>, source: std::io::Error) -> Error {
        ErrorKind::Io { path, source }.into()
    }

    /// The same error, naming `path` as the file when it concerns I/O on no named file.
    pub(crate) fn with_path(self, path: &std::path::Path) -> Error {
        match self.into_kind() {
            ErrorKind::Io { path: None, source } => Error::io(Some(path.to_owned()), source),
            other => other.into(),
        }
    }

    pub(crate) fn content(
        location: Location,
        path: &ElementPath,
        message: impl Into<String>,
    ) -> Error {
        ErrorKind::Content {
            location,
            path: path.clone(),
            message: message.into(),
        }
        .into()
    }

    pub(crate) fn invalid(field: impl Into<String>, message: impl Into<String>) -> Error {
        ErrorKind::Invalid {
            field: field.into(),
            message: message.into(),
        }
        .into()
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error(Box::new(kind))
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &*self.0 {
            ErrorKind::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The result type of this crate's session functions.
pub type Result<T, E = Error> = std::result::Result<T, E>;
