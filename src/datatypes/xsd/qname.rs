//! `QName` (and `NOTATION`, which jing treats the same): `prefix:local` or `local`, the
//! prefix resolved in the context where the value is written; an unprefixed name takes the
//! default namespace. The `xml` prefix is always bound.

use super::names::is_qname;
use crate::datatypes::NamespaceContext;

/// The namespace bound to `xml` in every document.
pub(crate) const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";

/// Why a text is not a QName.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QNameError<'a> {
    /// Not of the form `NCName` or `NCName:NCName`.
    Lexical,
    /// The prefix is not bound.
    UndeclaredPrefix(&'a str),
}

/// The (namespace URI, local name) of `text`, already collapsed.
pub(crate) fn resolve<'a>(
    text: &'a str,
    context: &'a dyn NamespaceContext,
) -> Result<(&'a str, &'a str), QNameError<'a>> {
    if !is_qname(text) {
        return Err(QNameError::Lexical);
    }
    match text.split_once(':') {
        None => Ok((context.resolve("").unwrap_or(""), text)),
        Some((prefix, local)) => {
            let ns = context
                .resolve(prefix)
                .or((prefix == "xml").then_some(XML_NAMESPACE))
                .ok_or(QNameError::UndeclaredPrefix(prefix))?;
            Ok((ns, local))
        }
    }
}
