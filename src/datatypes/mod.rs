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

mod builder;
mod builtin;
mod facets;
mod fast;
// Generated: kept six ranges a line.
#[rustfmt::skip]
mod tables;
mod value;
mod whitespace;
mod xsd;
mod xsd_regex;

use std::fmt;

use facets::{shorten, Facet};
pub use value::Value;
use whitespace::WhiteSpace;
use xsd::{Invalid, Parsed, Primitive};

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
    /// For a float with order facets only, the shortcut that checks most values.
    float_bounds: Option<fast::FloatBounds>,
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

impl Datatype {
    /// Checks that `text` is a value of this datatype.
    pub fn check(&self, text: &str, context: &dyn NamespaceContext) -> Result<(), Rejection> {
        if self
            .float_bounds
            .as_ref()
            .is_some_and(|bounds| bounds.accepts(text))
        {
            return Ok(());
        }
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

    /// The library, type name and parameters the datatype was built from, to build it
    /// again (a frozen schema keeps datatypes this way).
    #[cfg(test)]
    pub(crate) fn spec(&self) -> (&'static str, &'static str, &[(String, String)]) {
        let library = if self.builtin {
            BUILTIN_LIBRARY
        } else {
            XSD_LIBRARY
        };
        (library, self.name, &self.params)
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
