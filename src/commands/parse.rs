//! Reading a `cinesync:` URL back into a [`Command`].
//!
//! The `url` crate checks the URL as a whole: scheme, host, authority and fragment. The
//! path and query are then read from the text itself, because the URL standard resolves
//! `.` and `..` path segments (`cinesync://session/a/../b` would become `/b`), and a key,
//! script name or query must come back exactly as it was written.

use url::Url;

use super::encode::{check_escapes, decode};
use super::error::{UrlError, UrlPart};
use super::query::ScriptQuery;
use super::{Command, FileMode};

/// The path and query of a URL, as written (escapes still in place).
struct RawParts<'a> {
    path: &'a str,
    query: Option<&'a str>,
}

/// Parses a `cinesync:` URL; see [`Command::parse`].
pub(super) fn parse(input: &str) -> Result<Command, UrlError> {
    let url = Url::parse(input).map_err(|error| UrlError::Syntax {
        message: error.to_string(),
    })?;
    check_shape(&url)?;
    let kind = url.host_str().unwrap_or_default();
    let cleaned = clean(input);
    let raw = raw_parts(&cleaned);
    match kind.to_ascii_lowercase().as_str() {
        "session" => session(&raw),
        "file" => file(&raw),
        "script" => script(&raw),
        _ => Err(UrlError::Kind {
            found: kind.to_owned(),
        }),
    }
}

/// Checks the scheme, and that there is no user name, password, port or fragment.
fn check_shape(url: &Url) -> Result<(), UrlError> {
    if url.scheme() != "cinesync" {
        return Err(UrlError::Scheme {
            found: url.scheme().to_owned(),
        });
    }
    if !url.username().is_empty() || url.password().is_some() || url.port().is_some() {
        return Err(UrlError::Unexpected {
            part: UrlPart::Authority,
            found: url.authority().to_owned(),
        });
    }
    match url.fragment() {
        Some(fragment) => Err(UrlError::Unexpected {
            part: UrlPart::Fragment,
            found: format!("#{fragment}"),
        }),
        None => Ok(()),
    }
}

/// The text as the URL parser reads it: without leading and trailing spaces and control
/// characters, and without tabs and line breaks anywhere.
fn clean(input: &str) -> String {
    input
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// Splits `scheme://host/path?query#fragment` (already checked by the URL parser) into
/// the raw path and query.
fn raw_parts(cleaned: &str) -> RawParts<'_> {
    let after_scheme = cleaned.split_once("://").map_or("", |(_, rest)| rest);
    let after_host = after_scheme
        .find(['/', '?', '#'])
        .map_or("", |at| &after_scheme[at..]);
    let before_fragment = after_host
        .split_once('#')
        .map_or(after_host, |(before, _)| before);
    match before_fragment.split_once('?') {
        Some((path, query)) => RawParts {
            path,
            query: Some(query).filter(|query| !query.is_empty()),
        },
        None => RawParts {
            path: before_fragment,
            query: None,
        },
    }
}

/// The text after the path's leading `/`: `Missing` when there is no path at all, `Empty`
/// when there is nothing after the `/`.
fn path_text<'a>(raw: &RawParts<'a>, part: UrlPart) -> Result<&'a str, UrlError> {
    match raw.path.strip_prefix('/') {
        None => Err(UrlError::Missing { part }),
        Some("") => Err(UrlError::Empty { part }),
        Some(text) => Ok(text),
    }
}

/// `cinesync://session/KEY` or `cinesync://session/new?username=…&password=…`.
fn session(raw: &RawParts<'_>) -> Result<Command, UrlError> {
    let key = path_text(raw, UrlPart::SessionKey)?;
    if key == "new" {
        return new_session(raw.query);
    }
    if let Some(query) = raw.query {
        return Err(UrlError::Unexpected {
            part: UrlPart::Query,
            found: query.to_owned(),
        });
    }
    let key = decode(key, UrlPart::SessionKey, false)?;
    if key == "new" {
        return Err(UrlError::ReservedKey);
    }
    Ok(Command::Join { key })
}

/// The query of a new-session URL. An empty username or password counts as not given, and
/// so does a password without a username.
fn new_session(query: Option<&str>) -> Result<Command, UrlError> {
    let [username, password] = parameters(query, ["username", "password"])?;
    let username = non_empty(username, UrlPart::Username)?;
    let password = match username {
        Some(_) => non_empty(password, UrlPart::Password)?,
        None => None,
    };
    Ok(Command::NewSession { username, password })
}

/// Decodes an optional parameter value, an empty one counting as not given.
fn non_empty(raw: Option<&str>, part: UrlPart) -> Result<Option<String>, UrlError> {
    let decoded = raw.map(|raw| decode(raw, part, false)).transpose()?;
    Ok(decoded.filter(|text| !text.is_empty()))
}

/// `cinesync://file/merge?path=…` or `cinesync://file/replace?path=…`.
fn file(raw: &RawParts<'_>) -> Result<Command, UrlError> {
    let mode = match path_text(raw, UrlPart::FileMode)? {
        "merge" => FileMode::Merge,
        "replace" => FileMode::Replace,
        other => {
            return Err(UrlError::FileMode {
                found: other.to_owned(),
            })
        }
    };
    let [path] = parameters(raw.query, ["path"])?;
    let path = path.ok_or(UrlError::Missing {
        part: UrlPart::FilePath,
    })?;
    let path = decode(path, UrlPart::FilePath, true)?;
    if path.is_empty() {
        return Err(UrlError::Empty {
            part: UrlPart::FilePath,
        });
    }
    Ok(Command::OpenFile { path, mode })
}

/// `cinesync://script/NAME`, with the query kept as written.
fn script(raw: &RawParts<'_>) -> Result<Command, UrlError> {
    let name = decode(
        path_text(raw, UrlPart::ScriptName)?,
        UrlPart::ScriptName,
        false,
    )?;
    let query = match raw.query {
        Some(query) => {
            check_escapes(query, UrlPart::Query)?;
            Some(ScriptQuery::new(query))
        }
        None => None,
    };
    Ok(Command::RunScript { name, query })
}

/// The raw values of the parameters `names` in `query`, in the order of `names`. Any other
/// parameter, or one given twice, is an error; empty `&`-separated pieces are skipped.
fn parameters<'a, const N: usize>(
    query: Option<&'a str>,
    names: [&str; N],
) -> Result<[Option<&'a str>; N], UrlError> {
    let mut values = [None; N];
    for piece in query.unwrap_or_default().split('&') {
        if piece.is_empty() {
            continue;
        }
        let (name, value) = piece.split_once('=').unwrap_or((piece, ""));
        let name = decode(name, UrlPart::Parameter, true)?;
        let Some(slot) = names.iter().position(|known| *known == name) else {
            return Err(UrlError::Unexpected {
                part: UrlPart::Parameter,
                found: name,
            });
        };
        if values[slot].replace(value).is_some() {
            return Err(UrlError::Repeated { name });
        }
    }
    Ok(values)
}
