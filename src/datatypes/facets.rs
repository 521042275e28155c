//! Facets: the restrictions a type's parameters (and a derived type's definition) add, and
//! the phrases that say a value breaks one.

use std::borrow::Cow;

use super::value::Value;
use super::xsd::{Measure, Parsed};
use super::xsd_regex::XsdRegex;
use super::Rejection;

/// Which length facet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LengthKind {
    /// `length`.
    Exact,
    /// `minLength`.
    Min,
    /// `maxLength`.
    Max,
}

/// Which order facet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BoundKind {
    /// `minInclusive`.
    MinInclusive,
    /// `minExclusive`.
    MinExclusive,
    /// `maxInclusive`.
    MaxInclusive,
    /// `maxExclusive`.
    MaxExclusive,
}

/// One restriction, checked in the order the schema gave them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Facet {
    /// A length facet.
    Length {
        kind: LengthKind,
        limit: usize,
        measure: Measure,
    },
    /// `pattern`: the whitespace-normalised text must match.
    Pattern(XsdRegex),
    /// An order facet with its limit, and the limit as written (for messages).
    Bound {
        kind: BoundKind,
        limit: Value,
        written: String,
    },
    /// `totalDigits`, counted as jing counts them.
    TotalDigits(usize),
    /// `fractionDigits`.
    FractionDigits(usize),
}

/// At most this many characters of schema text go into a phrase.
const SHOWN_CHARS: usize = 40;

/// `text`, cut short (with an ellipsis) when it is long, to keep phrases bounded.
pub(crate) fn shorten(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(SHOWN_CHARS) {
        None => Cow::Borrowed(text),
        Some((end, _)) => Cow::Owned(format!("{}…", &text[..end])),
    }
}

impl Facet {
    /// Whether the value (its normalised text and what was read from it) passes.
    pub(crate) fn check(&self, text: &str, value: &Parsed<'_>) -> Result<(), Rejection> {
        match self {
            Facet::Length {
                kind,
                limit,
                measure,
            } => check_length(*kind, *limit, *measure, value.length()),
            Facet::Pattern(regex) => {
                if regex.is_match(text) {
                    Ok(())
                } else {
                    Err(Rejection::new(format!(
                        "does not match the pattern \"{}\"",
                        shorten(regex.source())
                    )))
                }
            }
            Facet::Bound {
                kind,
                limit,
                written,
            } => check_bound(*kind, limit, written, value),
            Facet::TotalDigits(max) => match value.digits() {
                Some((total, _)) if total > *max => {
                    Err(Rejection::new(format!("has more than {max} total digits")))
                }
                _ => Ok(()),
            },
            Facet::FractionDigits(max) => match value.digits() {
                Some((_, fraction)) if fraction > *max => Err(Rejection::new(format!(
                    "has more than {max} fraction digits"
                ))),
                _ => Ok(()),
            },
        }
    }
}

fn check_length(
    kind: LengthKind,
    limit: usize,
    measure: Measure,
    actual: usize,
) -> Result<(), Rejection> {
    let ok = match kind {
        LengthKind::Exact => actual == limit,
        LengthKind::Min => actual >= limit,
        LengthKind::Max => actual <= limit,
    };
    if ok {
        return Ok(());
    }
    let phrase = match (measure, kind) {
        (Measure::Items, LengthKind::Exact) => format!("does not have exactly {limit} items"),
        (Measure::Items, LengthKind::Min) => format!("has fewer than the minimum {limit} items"),
        (Measure::Items, LengthKind::Max) => format!("has more than the maximum {limit} items"),
        (_, LengthKind::Exact) => format!("does not have the length {limit}"),
        (_, LengthKind::Min) => format!("is shorter than the minimum length {limit}"),
        (_, LengthKind::Max) => format!("is longer than the maximum length {limit}"),
    };
    let unit = if measure == Measure::Octets {
        " octets"
    } else {
        ""
    };
    Err(Rejection::new(phrase + unit))
}

/// jing's rules: inclusive bounds pass when the limit is less or the values are the same;
/// exclusive ones only when the limit is less. So `NaN` is outside every bound.
fn check_bound(
    kind: BoundKind,
    limit: &Value,
    written: &str,
    value: &Parsed<'_>,
) -> Result<(), Rejection> {
    // Floats (the common case in session files) compare without the generic dispatch.
    let ok = match (limit.as_number(), value) {
        (Some(limit), Parsed::Float(v)) => number_in_bound(kind, limit, f64::from(*v)),
        (Some(limit), Parsed::Double(v)) => number_in_bound(kind, limit, *v),
        _ => in_bound(kind, &limit.as_parsed(), value),
    };
    if ok {
        Ok(())
    } else {
        Err(bound_rejection(kind, &limit.as_parsed(), written, value))
    }
}

fn number_in_bound(kind: BoundKind, limit: f64, value: f64) -> bool {
    match kind {
        BoundKind::MinInclusive => limit <= value || (limit.is_nan() && value.is_nan()),
        BoundKind::MinExclusive => limit < value,
        BoundKind::MaxInclusive => value <= limit || (limit.is_nan() && value.is_nan()),
        BoundKind::MaxExclusive => value < limit,
    }
}

fn in_bound(kind: BoundKind, limit: &Parsed<'_>, value: &Parsed<'_>) -> bool {
    match kind {
        BoundKind::MinInclusive => limit.less(value) || value.same(limit),
        BoundKind::MinExclusive => limit.less(value),
        BoundKind::MaxInclusive => value.less(limit) || value.same(limit),
        BoundKind::MaxExclusive => value.less(limit),
    }
}

fn bound_rejection(
    kind: BoundKind,
    limit: &Parsed<'_>,
    written: &str,
    value: &Parsed<'_>,
) -> Rejection {
    let written = shorten(written);
    let phrase = match kind {
        BoundKind::MinInclusive if value.less(limit) => {
            format!("is less than the minimum {written}")
        }
        BoundKind::MaxInclusive if limit.less(value) => {
            format!("is greater than the maximum {written}")
        }
        BoundKind::MinInclusive => format!("cannot be compared with the minimum {written}"),
        BoundKind::MaxInclusive => format!("cannot be compared with the maximum {written}"),
        BoundKind::MinExclusive => format!("is not greater than {written}"),
        BoundKind::MaxExclusive => format!("is not less than {written}"),
    };
    Rejection::new(phrase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_bounds_long_text() {
        assert_eq!(shorten("abc"), "abc");
        let long = "é".repeat(100);
        assert_eq!(shorten(&long).chars().count(), SHOWN_CHARS + 1);
    }

    #[test]
    fn length_phrases() {
        let phrase = |kind, measure, actual| {
            check_length(kind, 2, measure, actual)
                .err()
                .map(|r| r.phrase().to_owned())
        };
        assert_eq!(phrase(LengthKind::Min, Measure::Characters, 2), None);
        assert_eq!(
            phrase(LengthKind::Min, Measure::Characters, 1).as_deref(),
            Some("is shorter than the minimum length 2")
        );
        assert_eq!(
            phrase(LengthKind::Max, Measure::Octets, 3).as_deref(),
            Some("is longer than the maximum length 2 octets")
        );
        assert_eq!(
            phrase(LengthKind::Exact, Measure::Items, 3).as_deref(),
            Some("does not have exactly 2 items")
        );
    }
}
