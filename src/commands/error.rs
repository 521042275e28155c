//! The error of building or parsing a `cinesync:` URL, naming the part that is wrong.

use std::fmt;

/// A part of a `cinesync:` URL, or of the command it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UrlPart {
    /// The whole text (it is not a URL at all).
    Url,
    /// The scheme before `:`, which must be `cinesync`.
    Scheme,
    /// The host: `session`, `file` or `script`.
    Kind,
    /// User name, password or port before the host, which command URLs never have.
    Authority,
    /// The session key of a join command.
    SessionKey,
    /// The `username` parameter of a new-session command.
    Username,
    /// The `password` parameter of a new-session command.
    Password,
    /// `merge` or `replace` in a file command.
    FileMode,
    /// The `path` parameter of a file command.
    FilePath,
    /// The name of a script.
    ScriptName,
    /// The query string after `?`.
    Query,
    /// A `name=value` parameter of the query.
    Parameter,
    /// The fragment after `#`, which command URLs never have.
    Fragment,
}

impl UrlPart {
    /// The part's name as messages say it: `session key`, `file path`, …
    pub fn as_str(self) -> &'static str {
        match self {
            UrlPart::Url => "URL",
            UrlPart::Scheme => "scheme",
            UrlPart::Kind => "command kind",
            UrlPart::Authority => "authority",
            UrlPart::SessionKey => "session key",
            UrlPart::Username => "username",
            UrlPart::Password => "password",
            UrlPart::FileMode => "file mode",
            UrlPart::FilePath => "file path",
            UrlPart::ScriptName => "script name",
            UrlPart::Query => "query",
            UrlPart::Parameter => "parameter",
            UrlPart::Fragment => "fragment",
        }
    }
}

impl fmt::Display for UrlPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a command cannot become a URL, or a text is not a command URL.
///
/// Every variant names the [`UrlPart`] at fault; see [`UrlError::part`].
///
/// ```
/// use cinesync::commands::{Command, UrlPart};
///
/// let error = Command::parse("cinesync://file/merge?path=%G0").unwrap_err();
/// assert_eq!(error.part(), UrlPart::FilePath);
/// assert_eq!(error.to_string(), "file path: malformed percent-escape `%G0`");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UrlError {
    /// The text is not a URL.
    #[error("URL: {message}")]
    Syntax {
        /// What the URL parser found.
        message: String,
    },
    /// The scheme is not `cinesync`.
    #[error("scheme: expected `cinesync`, found `{found}`")]
    Scheme {
        /// The scheme the URL has.
        found: String,
    },
    /// The host is not a known command kind.
    #[error("command kind: expected `session`, `file` or `script`, found `{found}`")]
    Kind {
        /// The host the URL has (empty when it has none).
        found: String,
    },
    /// The file command's mode is neither `merge` nor `replace`.
    #[error("file mode: expected `merge` or `replace`, found `{found}`")]
    FileMode {
        /// The path the URL has.
        found: String,
    },
    /// A required part is missing.
    #[error("{part}: missing")]
    Missing {
        /// The part that is missing.
        part: UrlPart,
    },
    /// A part that must not be empty is empty.
    #[error("{part}: empty")]
    Empty {
        /// The empty part.
        part: UrlPart,
    },
    /// A `%` is not followed by two hexadecimal digits.
    #[error("{part}: malformed percent-escape `{escape}`")]
    Escape {
        /// The part holding the escape.
        part: UrlPart,
        /// The `%` and at most two characters after it.
        escape: String,
    },
    /// The percent-decoded bytes are not UTF-8 text.
    #[error("{part}: the decoded bytes are not UTF-8 text")]
    NotUtf8 {
        /// The part that does not decode.
        part: UrlPart,
    },
    /// Something the command URL cannot have: a query on a join URL, an unknown or repeated
    /// parameter, a fragment, a user name or port.
    #[error("{part}: unexpected `{found}`")]
    Unexpected {
        /// The part concerned.
        part: UrlPart,
        /// What was found.
        found: String,
    },
    /// A query parameter is given more than once.
    #[error("parameter: `{name}` is given more than once")]
    Repeated {
        /// The parameter's name.
        name: String,
    },
    /// The session key `new` would build the URL that starts a new session.
    #[error("session key: `new` cannot be joined: its URL starts a new session")]
    ReservedKey,
}

impl UrlError {
    /// The part of the URL or command that is wrong.
    pub fn part(&self) -> UrlPart {
        match self {
            UrlError::Syntax { .. } => UrlPart::Url,
            UrlError::Scheme { .. } => UrlPart::Scheme,
            UrlError::Kind { .. } => UrlPart::Kind,
            UrlError::FileMode { .. } => UrlPart::FileMode,
            UrlError::ReservedKey => UrlPart::SessionKey,
            UrlError::Repeated { .. } => UrlPart::Parameter,
            UrlError::Missing { part }
            | UrlError::Empty { part }
            | UrlError::Escape { part, .. }
            | UrlError::NotUtf8 { part }
            | UrlError::Unexpected { part, .. } => *part,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_stay_small() {
        assert!(std::mem::size_of::<UrlError>() <= 40);
        assert!(std::mem::size_of::<Result<super::super::Command, UrlError>>() <= 80);
    }

    #[test]
    fn every_error_names_its_part_first() {
        let errors = [
            UrlError::Syntax {
                message: "m".into(),
            },
            UrlError::Scheme { found: "f".into() },
            UrlError::Kind { found: "f".into() },
            UrlError::FileMode { found: "f".into() },
            UrlError::Missing {
                part: UrlPart::Query,
            },
            UrlError::Repeated { name: "n".into() },
            UrlError::ReservedKey,
        ];
        for error in errors {
            let message = error.to_string();
            assert!(message.starts_with(error.part().as_str()), "{message}");
        }
    }
}
