//! Datatype libraries for RELAX NG: the builtin library (`string`, `token`) and the W3C XML
//! Schema datatypes (`xsd:integer { minInclusive = "1" }` and so on).
//!
//! A schema names a datatype by library URI and local name; [`DatatypeBuilder`] looks it
//! up, takes its parameters (facets) one by one and [`DatatypeBuilder::finish`]es into a
//! [`Datatype`] that checks values ([`Datatype::check`]) and compares them with the values
//! written in a schema ([`Datatype::value`], [`Datatype::matches_value`]).
//!
//! Every verdict follows jing 20220510, the reference validator, including where jing
//! parts from the XSD specification: `enumeration` and `whiteSpace` are refused as
//! parameters; several `pattern`s must all match; a facet's value must satisfy the facets
//! before it; `totalDigits` counts trailing zeros of the fraction; `anyURI` accepts spaces
//! and non-ASCII; `ENTITY` accepts only names the context declares as unparsed entities;
//! XML names are those of XML 1.0 fourth edition; date/times follow Java's calendar.

mod builtin;
mod facets;
mod tables;
mod value;
mod whitespace;
mod xsd;
mod xsd_regex;

use std::fmt;

use facets::{shorten, BoundKind, Facet, LengthKind};
pub use value::Value;
use whitespace::WhiteSpace;
use xsd::{BuiltinFacet, Invalid, Parsed, Primitive};
use xsd_regex::XsdRegex;

/// The URI of the W3C XML Schema datatype library.
pub const XSD_LIBRARY: &str = "http://www.w3.org/2001/XMLSchema-datatypes";

/// The URI of RELAX NG's builtin library (`string` and `token`): the empty string.
pub const BUILTIN_LIBRARY: &str = "";

/// The namespace bindings in scope where a value is written: a `QName` value needs them.
pub trait NamespaceContext {
    /// The namespace URI bound to `prefix` (`""` asks for the default namespace), or `None`
    /// when the prefix is not bound.
    fn resolve(&self, prefix: &str) -> Option<&str>;

    /// Whether `name` is an unparsed entity declared in the document's DTD, which an
    /// `xsd:ENTITY` value must be. Without a DTD there is none (the default).
    fn is_unparsed_entity(&self, _name: &str) -> bool {
        false
    }
}

/// A context that binds no prefix at all (and no default namespace).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoNamespaces;

impl NamespaceContext for NoNamespaces {
    fn resolve(&self, _prefix: &str) -> Option<&str> {
        None
    }
}

/// A datatype being built: found by library and name, then given its parameters.
///
/// ```
/// use cinesync::datatypes::{DatatypeBuilder, NoNamespaces, XSD_LIBRARY};
///
/// let mut builder = DatatypeBuilder::new(XSD_LIBRARY, "integer")?;
/// builder.add_param("minInclusive", "1", &NoNamespaces)?;
/// let frame = builder.finish()?;
/// assert_eq!(frame.to_string(), r#"xsd:integer { minInclusive = "1" }"#);
/// assert!(frame.check("24", &NoNamespaces).is_ok());
///
/// // A facet's value must be a value of the type.
/// let mut bad = DatatypeBuilder::new(XSD_LIBRARY, "integer")?;
/// assert!(bad.add_param("minInclusive", "abc", &NoNamespaces).is_err());
/// # Ok::<(), cinesync::datatypes::DatatypeError>(())
/// ```
#[derive(Debug, Clone)]
pub struct DatatypeBuilder {
    datatype: Datatype,
}

/// A finished datatype with its facets: checks text and compares values.
///
/// ```
/// use cinesync::datatypes::{DatatypeBuilder, NoNamespaces, XSD_LIBRARY};
///
/// let mut builder = DatatypeBuilder::new(XSD_LIBRARY, "float")?;
/// builder.add_param("minInclusive", "0", &NoNamespaces)?;
/// builder.add_param("maxInclusive", "1", &NoNamespaces)?;
/// let opacity = builder.finish()?;
///
/// assert!(opacity.check(" 0.5 ", &NoNamespaces).is_ok());
/// let rejection = opacity.check("1.5", &NoNamespaces).unwrap_err();
/// assert_eq!(rejection.phrase(), "is greater than the maximum 1");
/// assert_eq!(
///     opacity.check("1e", &NoNamespaces).unwrap_err().phrase(),
///     "is not a valid float"
/// );
///
/// // Values compare in the value space: 1.0 and 1 are the same float.
/// let one = opacity.value("1.0", &NoNamespaces).unwrap();
/// assert!(opacity.matches_value(&one, "1", &NoNamespaces));
/// # Ok::<(), cinesync::datatypes::DatatypeError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Datatype {
    builtin: bool,
    name: &'static str,
    primitive: Primitive,
    white_space: WhiteSpace,
    id_type: IdType,
    /// The type's own restrictions first, then the parameters', in order.
    facets: Vec<Facet>,
    /// The parameters as written, for `Display`.
    params: Vec<(String, String)>,
}

/// How a datatype treats IDs, for the ID/IDREF checks of RELAX NG DTD compatibility.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdType {
    /// An ordinary datatype.
    Null,
    /// `xsd:ID`: the value must be unique in the document.
    Id,
    /// `xsd:IDREF`: the value must be the ID of some element.
    Idref,
    /// `xsd:IDREFS`: a list of IDREFs.
    Idrefs,
}

/// Why a value is not in a datatype: a phrase such as `is not a valid integer` or
/// `is less than the minimum 1`, written to follow the quoted value in a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    phrase: String,
}

impl Rejection {
    /// A rejection saying `phrase`.
    pub fn new(phrase: impl Into<String>) -> Rejection {
        Rejection {
            phrase: phrase.into(),
        }
    }

    /// The phrase.
    pub fn phrase(&self) -> &str {
        &self.phrase
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.phrase)
    }
}

/// A datatype a schema cannot use: an unknown library, type or parameter, or a bad
/// parameter value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DatatypeError {
    /// No library with this URI is known.
    #[error("unknown datatype library \"{uri}\"")]
    UnknownLibrary {
        /// The library's URI.
        uri: String,
    },
    /// The library has no type of this name.
    #[error("datatype library \"{library}\" has no type \"{name}\"")]
    UnknownType {
        /// The library's URI.
        library: String,
        /// The type's name.
        name: String,
    },
    /// The type takes no parameter of this name (or no parameters at all).
    #[error("datatype \"{datatype}\" does not take the parameter \"{param}\"")]
    UnknownParam {
        /// The type.
        datatype: String,
        /// The parameter.
        param: String,
    },
    /// The parameter's value is not acceptable.
    #[error("bad value \"{value}\" for parameter \"{param}\": {reason}")]
    BadParamValue {
        /// The parameter.
        param: String,
        /// Its value.
        value: String,
        /// Why it is refused.
        reason: String,
    },
    /// An XSD facet that RELAX NG does not allow as a parameter: `enumeration` (a `value`
    /// pattern does that) and `whiteSpace` (fixed by the type).
    #[error("the facet \"{param}\" is not allowed as a parameter: {reason}")]
    ForbiddenParam {
        /// The parameter.
        param: String,
        /// Why, and what to do instead.
        reason: String,
    },
    /// A facet that exists but does not apply to this type, such as `minInclusive` on a
    /// type without order or `length` on a number.
    #[error("datatype \"{datatype}\" does not take the parameter \"{param}\": {reason}")]
    InapplicableParam {
        /// The type.
        datatype: String,
        /// The parameter.
        param: String,
        /// Why it does not apply.
        reason: String,
    },
}

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
    pub fn finish(self) -> Result<Datatype, DatatypeError> {
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
fn count_param(value: &str, min: usize) -> Option<usize> {
    let trimmed = value.trim_matches(|c: char| c <= ' ');
    let decimal = xsd::numeric::Decimal::parse(trimmed)?;
    if decimal.fraction_digits() > 0 {
        return None;
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

impl Datatype {
    /// Checks that `text` is a value of this datatype.
    pub fn check(&self, text: &str, context: &dyn NamespaceContext) -> Result<(), Rejection> {
        let normalized = self.white_space.apply(text);
        self.read(&normalized, context).map(|_| ())
    }

    /// The value that `text` (written in a schema's `value` pattern) stands for.
    pub fn value(&self, text: &str, context: &dyn NamespaceContext) -> Result<Value, Rejection> {
        let normalized = self.white_space.apply(text);
        let parsed = self.read(&normalized, context)?;
        Ok(Value::from_parsed(&parsed, &normalized))
    }

    /// Whether `text` (from a document) is the value `value`.
    pub fn matches_value(&self, value: &Value, text: &str, context: &dyn NamespaceContext) -> bool {
        let normalized = self.white_space.apply(text);
        self.read(&normalized, context)
            .is_ok_and(|parsed| value.as_parsed().same(&parsed))
    }

    /// Whether [`Datatype::check`] and [`Datatype::matches_value`] look at the namespace
    /// context (so a caller can skip building one).
    pub fn needs_context(&self) -> bool {
        self.primitive.needs_context()
    }

    /// How the datatype takes part in ID/IDREF checking.
    pub fn id_type(&self) -> IdType {
        self.id_type
    }

    /// The type's name as a schema writes it: `string`, `token`, `xsd:integer`.
    pub fn qualified_name(&self) -> String {
        if self.builtin {
            self.name.to_owned()
        } else {
            format!("xsd:{}", self.name)
        }
    }

    fn read<'a>(
        &self,
        text: &'a str,
        context: &'a dyn NamespaceContext,
    ) -> Result<Parsed<'a>, Rejection> {
        let parsed = self
            .primitive
            .parse(text, context)
            .map_err(|invalid| self.rejection(invalid))?;
        for facet in &self.facets {
            facet.check(text, &parsed)?;
        }
        Ok(parsed)
    }

    fn rejection(&self, invalid: Invalid<'_>) -> Rejection {
        match invalid {
            Invalid::Lexical => Rejection::new(format!("is not a valid {}", self.name)),
            Invalid::UndeclaredPrefix(prefix) => Rejection::new(format!(
                "uses the undeclared prefix \"{}\"",
                shorten(prefix)
            )),
            Invalid::NotAnEntity(name) => Rejection::new(match self.primitive {
                Primitive::List(_) => format!(
                    "contains \"{}\", which is not declared as an unparsed entity",
                    shorten(name)
                ),
                _ => "is not declared as an unparsed entity".to_owned(),
            }),
        }
    }
}

impl fmt::Display for Datatype {
    /// The datatype as a schema writes it: `string`, `xsd:integer { minInclusive = "1" }`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.qualified_name())?;
        if self.params.is_empty() {
            return Ok(());
        }
        f.write_str(" {")?;
        for (name, value) in &self.params {
            write!(f, " {name} = \"")?;
            let mut chars = value.chars().peekable();
            while let Some(c) = chars.next() {
                // RNC reads `\x{..}` as an escape anywhere, so a backslash before `x` is one.
                let escape =
                    matches!(c, '"' | '\n' | '\r') || (c == '\\' && chars.peek() == Some(&'x'));
                if escape {
                    write!(f, "\\x{{{:x}}}", u32::from(c))?;
                } else {
                    write!(f, "{c}")?;
                }
            }
            f.write_str("\"")?;
        }
        f.write_str(" }")
    }
}

#[cfg(test)]
mod tests;
