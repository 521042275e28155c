//! The query string of a script command, kept as given and readable as decoded pairs.

use serde::ser::{Serialize, SerializeStruct, Serializer};

/// The query string of a `cinesync://script/NAME?QUERY` URL.
///
/// The text is kept exactly as given (it goes into the URL as is, so it should already be
/// percent-encoded); [`ScriptQuery::pairs`] decodes it as `application/x-www-form-urlencoded`.
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
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ScriptQuery(String);

impl ScriptQuery {
    /// A query from its raw text (without the `?`).
    pub fn new(raw: impl Into<String>) -> ScriptQuery {
        ScriptQuery(raw.into())
    }

    /// The raw text, as it appears after `?`.
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
        ScriptQuery(raw)
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
