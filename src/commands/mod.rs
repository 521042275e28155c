//! Commands: the `cinesync:` URLs that join or start a session, open a session file, or
//! run a script configured in cineSync.
//!
//! [`Command::to_url`] builds the URL byte for byte as the official libraries did;
//! [`Command::parse`] reads one back. [`open_command`] and [`open_session`] hand a URL to
//! the system's `cinesync:` handler through an [`Opener`], which tests and dry runs can
//! replace with a [`RecordingOpener`].
//!
//! ```
//! use cinesync::commands::{Command, FileMode};
//!
//! let open = Command::OpenFile { path: "/shows/review 3.csc".into(), mode: FileMode::Merge };
//! let url = open.to_url()?;
//! assert_eq!(url, "cinesync://file/merge?path=%2Fshows%2Freview+3.csc");
//! assert_eq!(Command::parse(&url)?, open);
//! # Ok::<(), cinesync::commands::UrlError>(())
//! ```

mod encode;
mod error;
mod open;
mod parse;
mod query;

use serde::Serialize;

pub use self::error::{UrlError, UrlPart};
pub use self::open::{
    open_command, open_session, session_file_name, OpenError, OpenedSession, Opener,
    RecordingOpener, SystemOpener,
};
pub use self::query::ScriptQuery;

use self::encode::{quote, quote_plus};

/// Whether a session file opened in cineSync is added to the current session or replaces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileMode {
    /// Add the file's contents to the current session (`cinesync://file/merge`).
    #[default]
    Merge,
    /// Replace the current session with the file (`cinesync://file/replace`).
    Replace,
}

impl FileMode {
    /// `merge` or `replace`, as in the URL.
    pub fn as_str(self) -> &'static str {
        match self {
            FileMode::Merge => "merge",
            FileMode::Replace => "replace",
        }
    }
}

/// Something a `cinesync:` URL asks cineSync to do.
///
/// As JSON (serde), each command is an object whose `command` member names the kind:
/// `{"command":"join","key":"ABCD1234"}`,
/// `{"command":"new","username":"ana","password":null}`,
/// `{"command":"file","path":"/a.csc","mode":"merge"}`,
/// `{"command":"script","name":"Export","query":{"raw":"a=1","pairs":[["a","1"]]}}`.
///
/// ```
/// use cinesync::commands::{Command, ScriptQuery};
///
/// let join = Command::Join { key: "ABCD 1234".into() };
/// assert_eq!(join.to_url()?, "cinesync://session/ABCD%201234");
///
/// let new = Command::NewSession { username: Some("ana@studio".into()), password: Some("p&w".into()) };
/// assert_eq!(new.to_url()?, "cinesync://session/new?username=ana%40studio&password=p%26w");
///
/// let script = Command::RunScript { name: "Export/CSV".into(), query: Some(ScriptQuery::new("to=a%20b")) };
/// assert_eq!(script.to_url()?, "cinesync://script/Export/CSV?to=a%20b");
///
/// assert_eq!(Command::parse("cinesync://session/ABCD%201234")?, join);
/// assert_eq!(
///     serde_json::to_string(&join).unwrap(),
///     r#"{"command":"join","key":"ABCD 1234"}"#
/// );
/// # Ok::<(), cinesync::commands::UrlError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "command")]
pub enum Command {
    /// Join the session with this key.
    #[serde(rename = "join")]
    Join {
        /// The session key (must not be empty, nor `new`).
        key: String,
    },
    /// Start a new session, optionally logged in as a user.
    #[serde(rename = "new")]
    NewSession {
        /// The user to log in as; empty counts as not given.
        username: Option<String>,
        /// The user's password; empty counts as not given, and it is dropped without a
        /// username.
        password: Option<String>,
    },
    /// Open a session file.
    #[serde(rename = "file")]
    OpenFile {
        /// The file's path as cineSync should see it (must not be empty).
        path: String,
        /// Merge into the current session or replace it.
        mode: FileMode,
    },
    /// Run a script configured in cineSync's preferences.
    #[serde(rename = "script")]
    RunScript {
        /// The script's name as configured (must not be empty).
        name: String,
        /// The query string handed to the script; empty counts as not given. It goes into
        /// the URL as given, but for what a URL query cannot hold, such as `#` (see
        /// [`ScriptQuery`]).
        query: Option<ScriptQuery>,
    },
}

impl Command {
    /// The `cinesync:` URL for this command, exactly as `formats.md` specifies.
    ///
    /// Fails when the session key, file path or script name is empty, or when the key is
    /// `new` (whose URL would start a new session instead).
    pub fn to_url(&self) -> Result<String, UrlError> {
        match self {
            Command::Join { key } => join_url(key),
            Command::NewSession { username, password } => {
                Ok(new_session_url(username.as_deref(), password.as_deref()))
            }
            Command::OpenFile { path, mode } => file_url(path, *mode),
            Command::RunScript { name, query } => script_url(name, query.as_ref()),
        }
    }

    /// Reads a `cinesync:` URL.
    ///
    /// Escapes may use either case of hex digits, and `+` in a file path is a space. The
    /// result is normalised as [`Command::to_url`] would write it: an empty username,
    /// password or query, and a password without a username, become `None`, and a space
    /// or non-ASCII text in a script query is percent-encoded (see [`ScriptQuery`]). Fails, naming
    /// the part at fault ([`UrlError::part`]), on another scheme, an unknown kind or file
    /// mode, a missing or empty key, path or script name, a malformed escape, text that
    /// does not decode to UTF-8, or anything a command URL does not have (an unknown or
    /// repeated parameter, a query on a join URL, a fragment, a user name or port).
    ///
    /// ```
    /// use cinesync::commands::{Command, FileMode, UrlPart};
    ///
    /// let command = Command::parse("cinesync://file/replace?path=%2fa%2Fb+c.csc")?;
    /// assert_eq!(command, Command::OpenFile { path: "/a/b c.csc".into(), mode: FileMode::Replace });
    /// assert_eq!(Command::parse("cinesync://play/x").unwrap_err().part(), UrlPart::Kind);
    /// # Ok::<(), cinesync::commands::UrlError>(())
    /// ```
    pub fn parse(url: &str) -> Result<Command, UrlError> {
        parse::parse(url)
    }
}

impl std::str::FromStr for Command {
    type Err = UrlError;

    fn from_str(url: &str) -> Result<Command, UrlError> {
        Command::parse(url)
    }
}

/// Fails with [`UrlError::Empty`] naming `part` when `text` is empty.
fn require(text: &str, part: UrlPart) -> Result<&str, UrlError> {
    if text.is_empty() {
        Err(UrlError::Empty { part })
    } else {
        Ok(text)
    }
}

fn join_url(key: &str) -> Result<String, UrlError> {
    if require(key, UrlPart::SessionKey)? == "new" {
        return Err(UrlError::ReservedKey);
    }
    Ok(format!("cinesync://session/{}", quote(key)))
}

fn new_session_url(username: Option<&str>, password: Option<&str>) -> String {
    let mut url = String::from("cinesync://session/new");
    if let Some(username) = given(username) {
        url.push_str("?username=");
        url.push_str(&quote(username));
        if let Some(password) = given(password) {
            url.push_str("&password=");
            url.push_str(&quote(password));
        }
    }
    url
}

/// `text` when it is given and not empty.
fn given(text: Option<&str>) -> Option<&str> {
    text.filter(|text| !text.is_empty())
}

fn file_url(path: &str, mode: FileMode) -> Result<String, UrlError> {
    let path = require(path, UrlPart::FilePath)?;
    Ok(format!(
        "cinesync://file/{}?path={}",
        mode.as_str(),
        quote_plus(path)
    ))
}

fn script_url(name: &str, query: Option<&ScriptQuery>) -> Result<String, UrlError> {
    let mut url = format!(
        "cinesync://script/{}",
        quote(require(name, UrlPart::ScriptName)?)
    );
    if let Some(query) = query.filter(|query| !query.is_empty()) {
        url.push('?');
        url.push_str(query.as_str());
    }
    Ok(url)
}
