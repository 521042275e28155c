//! A shortcut for the check session files make millions of times: an `xsd:float` with only
//! order facets (coordinates, opacities, scale factors). It only ever says "valid"; any
//! other value takes the general path, which also words the rejection.

use super::facets::{BoundKind, Facet};
use super::xsd::numeric::parse_float;
use super::xsd::Primitive;

/// The bounds of a float type, as numbers.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FloatBounds {
    bounds: Vec<(BoundKind, f32)>,
}

impl FloatBounds {
    /// The bounds of a type, when it is a float with order facets alone.
    pub(crate) fn of(primitive: &Primitive, facets: &[Facet]) -> Option<FloatBounds> {
        if !matches!(primitive, Primitive::Float) {
            return None;
        }
        let bounds = facets
            .iter()
            .map(|facet| match facet {
                // The limit was read as a float, so narrowing it back is exact.
                Facet::Bound { kind, limit, .. } => limit.as_number().map(|n| (*kind, n as f32)),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()?;
        Some(FloatBounds { bounds })
    }

    /// True when `text` is surely a valid value: a float without surrounding whitespace,
    /// not NaN, within every bound.
    pub(crate) fn accepts(&self, text: &str) -> bool {
        let Some(value) = parse_float(text) else {
            return false;
        };
        !value.is_nan()
            && self.bounds.iter().all(|&(kind, limit)| match kind {
                BoundKind::MinInclusive => limit <= value,
                BoundKind::MinExclusive => limit < value,
                BoundKind::MaxInclusive => value <= limit,
                BoundKind::MaxExclusive => value < limit,
            })
    }
}
