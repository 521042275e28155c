//! [`Value`]: a value of a datatype kept after its text is gone (a schema's `value`
//! pattern, a facet's limit).

use super::xsd::datetime::Instant;
use super::xsd::numeric::Decimal;
use super::xsd::Parsed;

/// A value in a datatype's value space, as written in a schema's `value` pattern.
///
/// Made by [`Datatype::value`](super::Datatype::value) and compared with document text by
/// [`Datatype::matches_value`](super::Datatype::matches_value).
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    repr: Repr,
}

#[derive(Debug, Clone, PartialEq)]
enum Repr {
    Text(String),
    QName {
        ns: String,
        local: String,
    },
    Bool(bool),
    /// The decimal's text, read again when compared (reading borrows, so this cannot fail).
    Decimal(String),
    Float(f32),
    Double(f64),
    Instant(Instant),
    Duration(String),
    Hex(String, usize),
    Base64(String, usize),
    List(String, usize),
}

impl Value {
    /// Keeps what was read.
    pub(crate) fn from_parsed(parsed: &Parsed<'_>, text: &str) -> Value {
        let repr = match *parsed {
            Parsed::Text(text) => Repr::Text(text.to_owned()),
            Parsed::QName { ns, local } => Repr::QName {
                ns: ns.to_owned(),
                local: local.to_owned(),
            },
            Parsed::Bool(b) => Repr::Bool(b),
            Parsed::Decimal(_) => Repr::Decimal(text.to_owned()),
            Parsed::Float(f) => Repr::Float(f),
            Parsed::Double(d) => Repr::Double(d),
            Parsed::Instant(i) => Repr::Instant(i),
            Parsed::Duration(text) => Repr::Duration(text.to_owned()),
            Parsed::Hex(digits, n) => Repr::Hex(digits.to_owned(), n),
            Parsed::Base64(text, n) => Repr::Base64(text.to_owned(), n),
            Parsed::List(text, n) => Repr::List(text.to_owned(), n),
        };
        Value { repr }
    }

    /// The value as a double, for a `float` or `double`.
    pub(crate) fn as_number(&self) -> Option<f64> {
        match self.repr {
            Repr::Float(f) => Some(f64::from(f)),
            Repr::Double(d) => Some(d),
            _ => None,
        }
    }

    /// The value, to compare.
    pub(crate) fn as_parsed(&self) -> Parsed<'_> {
        match &self.repr {
            Repr::Text(text) => Parsed::Text(text),
            Repr::QName { ns, local } => Parsed::QName { ns, local },
            Repr::Bool(b) => Parsed::Bool(*b),
            Repr::Decimal(text) => Decimal::parse(text).map_or(Parsed::Text(text), Parsed::Decimal),
            Repr::Float(f) => Parsed::Float(*f),
            Repr::Double(d) => Parsed::Double(*d),
            Repr::Instant(i) => Parsed::Instant(*i),
            Repr::Duration(text) => Parsed::Duration(text),
            Repr::Hex(digits, n) => Parsed::Hex(digits, *n),
            Repr::Base64(text, n) => Parsed::Base64(text, *n),
            Repr::List(text, n) => Parsed::List(text, *n),
        }
    }
}
