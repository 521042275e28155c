//! [`DatatypeBuilder`]: finding a type and adding its parameters as jing does.

use super::facets::{shorten, BoundKind, Facet, LengthKind};
use super::fast::FloatBounds;
use super::value::Value;
use super::xsd::{self, BuiltinFacet, Parsed, Primitive};
use super::xsd_regex::XsdRegex;
use super::{
    builtin, Datatype, DatatypeBuilder, DatatypeError, IdType, NamespaceContext, BUILTIN_LIBRARY,
    XSD_LIBRARY,
};

impl DatatypeBuilder {
    /// Finds the type `local_name` in the library `library`.
    pub fn new(library: &str, local_name: &str) -> Result<DatatypeBuilder, DatatypeError> {
        let unknown_type = || DatatypeError::UnknownType {
            library: library.to_owned(),
            name: local_name.to_owned(),
        };
        let datatype = match library {
            BUILTIN_LIBRARY => {
                let (name, white_space) = builtin::lookup(local_name).ok_or_else(unknown_type)?;
                Datatype {
                    builtin: true,
                    name,
                    primitive: Primitive::String,
                    white_space,
                    id_type: IdType::Null,
                    facets: Vec::new(),
                    params: Vec::new(),
                    float_bounds: None,
                }
            }
            XSD_LIBRARY => {
                let def = xsd::lookup(local_name).ok_or_else(unknown_type)?;
                Datatype {
                    builtin: false,
                    name: def.name,
                    primitive: def.primitive,
                    white_space: def.white_space,
                    id_type: def.id_type,
                    facets: def.facets.iter().map(builtin_facet).collect(),
                    params: Vec::new(),
                    float_bounds: None,
                }
            }
            _ => {
                return Err(DatatypeError::UnknownLibrary {
                    uri: library.to_owned(),
                })
            }
        };
        Ok(DatatypeBuilder { datatype })
    }

    /// Adds a parameter (a facet such as `minInclusive`); `context` resolves prefixes in
    /// its value. As in jing, an order facet's value must be a value of the type as
    /// restricted so far, and each parameter adds to the others (two `pattern`s must both
    /// match).
    pub fn add_param(
        &mut self,
        name: &str,
        value: &str,
        context: &dyn NamespaceContext,
    ) -> Result<(), DatatypeError> {
        let facet = self.facet(name, value, context)?;
        self.datatype.facets.push(facet);
        self.datatype
            .params
            .push((name.to_owned(), value.to_owned()));
        Ok(())
    }

    /// The finished datatype, once every parameter has been added.
    pub fn finish(mut self) -> Result<Datatype, DatatypeError> {
        self.datatype.float_bounds =
            FloatBounds::of(&self.datatype.primitive, &self.datatype.facets);
        Ok(self.datatype)
    }

    fn facet(
        &self,
        name: &str,
        value: &str,
        context: &dyn NamespaceContext,
    ) -> Result<Facet, DatatypeError> {
        if self.datatype.builtin {
            return Err(self.unknown(name));
        }
        let bound = |kind| self.bound(kind, name, value, context);
        match name {
            "pattern" => XsdRegex::compile(value)
                .map(Facet::Pattern)
                .map_err(|error| bad_value(name, value, error.to_string())),
            "minInclusive" => bound(BoundKind::MinInclusive),
            "minExclusive" => bound(BoundKind::MinExclusive),
            "maxInclusive" => bound(BoundKind::MaxInclusive),
            "maxExclusive" => bound(BoundKind::MaxExclusive),
            "length" => self.length(LengthKind::Exact, name, value),
            "minLength" => self.length(LengthKind::Min, name, value),
            "maxLength" => self.length(LengthKind::Max, name, value),
            "totalDigits" => self.digits(name, value, 1).map(Facet::TotalDigits),
            "fractionDigits" => self.digits(name, value, 0).map(Facet::FractionDigits),
            "enumeration" => Err(DatatypeError::ForbiddenParam {
                param: name.to_owned(),
                reason: "use a value pattern instead".to_owned(),
            }),
            "whiteSpace" => Err(DatatypeError::ForbiddenParam {
                param: name.to_owned(),
                reason: "each type's whitespace handling is fixed".to_owned(),
            }),
            _ => Err(self.unknown(name)),
        }
    }

    fn unknown(&self, param: &str) -> DatatypeError {
        DatatypeError::UnknownParam {
            datatype: self.datatype.qualified_name(),
            param: param.to_owned(),
        }
    }

    fn inapplicable(&self, param: &str, reason: &str) -> DatatypeError {
        DatatypeError::InapplicableParam {
            datatype: self.datatype.qualified_name(),
            param: param.to_owned(),
            reason: reason.to_owned(),
        }
    }

    fn bound(
        &self,
        kind: BoundKind,
        name: &str,
        value: &str,
        context: &dyn NamespaceContext,
    ) -> Result<Facet, DatatypeError> {
        if !self.datatype.primitive.is_ordered() {
            return Err(self.inapplicable(name, "the type has no order"));
        }
        let limit = self
            .datatype
            .value(value, context)
            .map_err(|rejection| bad_value(name, value, rejection.phrase))?;
        Ok(Facet::Bound {
            kind,
            limit,
            written: value.to_owned(),
        })
    }

    fn length(&self, kind: LengthKind, name: &str, value: &str) -> Result<Facet, DatatypeError> {
        let measure = self
            .datatype
            .primitive
            .measure()
            .ok_or_else(|| self.inapplicable(name, "the type has no length"))?;
        let limit = count_param(value, 0)
            .ok_or_else(|| bad_value(name, value, "must be a non-negative integer".to_owned()))?;
        Ok(Facet::Length {
            kind,
            limit,
            measure,
        })
    }

    fn digits(&self, name: &str, value: &str, min: usize) -> Result<usize, DatatypeError> {
        if !self.datatype.primitive.is_decimal() {
            return Err(self.inapplicable(name, "the type is not derived from decimal"));
        }
        count_param(value, min).ok_or_else(|| {
            let what = if min == 0 { "non-negative" } else { "positive" };
            bad_value(name, value, format!("must be a {what} integer"))
        })
    }
}

fn bad_value(param: &str, value: &str, reason: String) -> DatatypeError {
    DatatypeError::BadParamValue {
        param: param.to_owned(),
        value: shorten(value).into_owned(),
        reason,
    }
}

/// A length or digit count as jing reads it: a decimal without fraction digits (`+1`,
/// `01`, `1.` and `-0` are fine, `1.0` is not), at least `min`; numbers too big for a Java
/// `int` stand for its largest value.
pub(crate) fn count_param(value: &str, min: usize) -> Option<usize> {
    let trimmed = value.trim_matches(|c: char| c <= ' ');
    let decimal = xsd::numeric::Decimal::parse(trimmed)?;
    if decimal.fraction_digits() > 0 {
        return tiny_fraction_quirk(trimmed).then_some(i32::MAX as usize);
    }
    let unsigned = trimmed.trim_start_matches(['+', '-']).trim_end_matches('.');
    let digits = unsigned.trim_start_matches('0');
    if trimmed.starts_with('-') && !digits.is_empty() {
        return None;
    }
    let count = if digits.len() > 10 {
        i32::MAX as usize
    } else {
        digits
            .parse::<u64>()
            .map_or(0, |n| n.min(i32::MAX as u64) as usize)
    };
    (count >= min).then_some(count)
}

/// jing reads a count through Java's `BigDecimal.toString`, which writes a single-digit
/// value below 10^-6 in exponent form (`0.0000001` is `1E-7`): with neither a point nor a
/// leading minus, jing takes it as a number too big for an `int`, so as the largest one.
fn tiny_fraction_quirk(text: &str) -> bool {
    let (sign, unsigned) = match text.strip_prefix(['+', '-']) {
        Some(rest) => (text.as_bytes().first().copied(), rest),
        None => (None, text),
    };
    let Some((int, frac)) = unsigned.split_once('.') else {
        return false;
    };
    let unscaled = frac.trim_start_matches('0');
    int.bytes().all(|b| b == b'0')
        && frac.len() > 6
        && unscaled.len() <= 1
        && (sign != Some(b'-') || unscaled.is_empty())
}

/// A derived type's own restriction as a facet (the limits are valid integers).
fn builtin_facet(facet: &BuiltinFacet) -> Facet {
    let bound = |kind, written: &'static str| Facet::Bound {
        kind,
        limit: Value::from_parsed(
            &xsd::numeric::Decimal::parse(written).map_or(Parsed::Text(written), Parsed::Decimal),
            written,
        ),
        written: written.to_owned(),
    };
    match *facet {
        BuiltinFacet::Min(written) => bound(BoundKind::MinInclusive, written),
        BuiltinFacet::Max(written) => bound(BoundKind::MaxInclusive, written),
        BuiltinFacet::MinLength(limit) => Facet::Length {
            kind: LengthKind::Min,
            limit,
            measure: xsd::Measure::Items,
        },
    }
}
