//! The query string of a script command, as it goes into the URL, readable as decoded
//! pairs.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::encode::escape_query;

/// The query string of a `cinesync://script/NAME?QUERY` URL.
///
/// The text goes into the URL as given (so it should already be percent-encoded), with
/// one exception: what a URL query cannot hold is percent-encoded when the query is made.
/// That is a `#` (it would end the query and start a fragment, so every URL reader,
/// cineSync included, would cut the query there), a space, a control character, `"`, `<`,
/// `>`, any character outside ASCII, and a `%` that does not start an escape of two
/// hexadecimal digits. The decoded [`ScriptQuery::pairs`] are the same either way, and a
/// query that is already fit for a URL is kept byte for byte, as the official libraries
/// did; escaping rather than refusing means that `a=1#2` reaches the script as `a` =
/// `1#2` instead of producing a URL that cannot be read back.
///
/// [`ScriptQuery::pairs`] decodes the query as `application/x-www-form-urlencoded`.
///
/// ```
/// use cinesync::commands::ScriptQuery;
///
/// let query = ScriptQuery::new("shot=sh%20010&take=3+b");
/// assert_eq!(query.as_str(), "shot=sh%20010&take=3+b");
/// assert_eq!(
///     query.pairs(),
///     [("shot".to_owned(), "sh 010".to_owned()), ("take".to_owned(), "3 b".to_owned())]
/// );
///
/// // What a URL query cannot hold is escaped; the pairs mean the same.
/// let query = ScriptQuery::new("note=take 2#best&pct=50%");
/// assert_eq!(query.as_str(), "note=take%202%23best&pct=50%25");
/// assert_eq!(
///     query.pairs(),
///     [("note".to_owned(), "take 2#best".to_owned()), ("pct".to_owned(), "50%".to_owned())]
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ScriptQuery(String);

impl ScriptQuery {
    /// A query from its raw text (without the `?`), with what a URL query cannot hold
    /// percent-encoded (see [`ScriptQuery`]).
    pub fn new(raw: impl AsRef<str>) -> ScriptQuery {
        ScriptQuery(escape_query(raw.as_ref()))
    }

    /// The text as it appears after `?` in the URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when the query has no text (and so counts as not given).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The `name=value` pairs, in order, with `+` read as a space and escapes decoded
    /// (bytes that are not UTF-8 become U+FFFD).
    pub fn pairs(&self) -> Vec<(String, String)> {
        url::form_urlencoded::parse(self.0.as_bytes())
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .collect()
    }
}

impl From<&str> for ScriptQuery {
    fn from(raw: &str) -> ScriptQuery {
        ScriptQuery::new(raw)
    }
}

impl From<String> for ScriptQuery {
    fn from(raw: String) -> ScriptQuery {
        ScriptQuery::new(raw)
    }
}

/// Serialises as `{"raw": "a=1&b=2", "pairs": [["a", "1"], ["b", "2"]]}`.
impl Serialize for ScriptQuery {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("ScriptQuery", 2)?;
        state.serialize_field("raw", &self.0)?;
        state.serialize_field("pairs", &self.pairs())?;
        state.end()
    }
}
