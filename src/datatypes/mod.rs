//! Datatype libraries for RELAX NG: the builtin library (`string`, `token`) and the W3C XML
//! Schema datatypes (`xsd:integer { minInclusive = "1" }` and so on).
//!
//! A schema names a datatype by library URI and local name; [`DatatypeBuilder`] looks it
//! up, takes its parameters (facets) one by one and [`DatatypeBuilder::finish`]es into a
//! [`Datatype`] that checks values ([`Datatype::check`]) and compares them with the values
//! written in a schema ([`Datatype::value`], [`Datatype::matches_value`]).
//!
//! INTERFACE STUB: only the builtin library is here; the XSD library replaces this file.

use std::fmt;

/// The URI of the W3C XML Schema datatype library.
pub const XSD_LIBRARY: &str = "http://www.w3.org/2001/XMLSchema-datatypes";

/// The URI of RELAX NG's builtin library (`string` and `token`): the empty string.
pub const BUILTIN_LIBRARY: &str = "";

/// The namespace bindings in scope where a value is written: a `QName` value needs them.
pub trait NamespaceContext {
    /// The namespace URI bound to `prefix` (`""` asks for the default namespace), or `None`
    /// when the prefix is not bound.
    fn resolve(&self, prefix: &str) -> Option<&str>;
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
#[derive(Debug, Clone)]
pub struct DatatypeBuilder {
    kind: Kind,
}

/// A finished datatype with its facets.
#[derive(Debug, Clone, PartialEq)]
pub struct Datatype {
    kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    String,
    Token,
}

/// A value in a datatype's value space, as written in a schema's `value` pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    normalized: String,
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
}

impl DatatypeBuilder {
    /// Finds the type `local_name` in the library `library`.
    pub fn new(library: &str, local_name: &str) -> Result<DatatypeBuilder, DatatypeError> {
        let kind = match (library, local_name) {
            (BUILTIN_LIBRARY, "string") => Kind::String,
            (BUILTIN_LIBRARY, "token") => Kind::Token,
            (BUILTIN_LIBRARY, _) => {
                return Err(DatatypeError::UnknownType {
                    library: library.to_owned(),
                    name: local_name.to_owned(),
                })
            }
            _ => {
                return Err(DatatypeError::UnknownLibrary {
                    uri: library.to_owned(),
                })
            }
        };
        Ok(DatatypeBuilder { kind })
    }

    /// Adds a parameter (a facet such as `minInclusive`); `context` resolves prefixes in
    /// its value.
    pub fn add_param(
        &mut self,
        name: &str,
        _value: &str,
        _context: &dyn NamespaceContext,
    ) -> Result<(), DatatypeError> {
        Err(DatatypeError::UnknownParam {
            datatype: format!("{:?}", self.kind).to_lowercase(),
            param: name.to_owned(),
        })
    }

    /// The finished datatype, once every parameter has been added.
    pub fn finish(self) -> Result<Datatype, DatatypeError> {
        Ok(Datatype { kind: self.kind })
    }
}

impl Datatype {
    /// Checks that `text` is a value of this datatype.
    pub fn check(&self, _text: &str, _context: &dyn NamespaceContext) -> Result<(), Rejection> {
        Ok(())
    }

    /// The value that `text` (written in a schema's `value` pattern) stands for.
    pub fn value(&self, text: &str, _context: &dyn NamespaceContext) -> Result<Value, Rejection> {
        Ok(Value {
            normalized: self.normalize(text),
        })
    }

    /// Whether `text` (from a document) is the value `value`.
    pub fn matches_value(
        &self,
        value: &Value,
        text: &str,
        _context: &dyn NamespaceContext,
    ) -> bool {
        self.normalize(text) == value.normalized
    }

    /// Whether [`Datatype::check`] and [`Datatype::matches_value`] look at the namespace
    /// context (so a caller can skip building one).
    pub fn needs_context(&self) -> bool {
        false
    }

    /// How the datatype takes part in ID/IDREF checking.
    pub fn id_type(&self) -> IdType {
        IdType::Null
    }

    fn normalize(&self, text: &str) -> String {
        match self.kind {
            Kind::String => text.to_owned(),
            Kind::Token => text.split_ascii_whitespace().collect::<Vec<_>>().join(" "),
        }
    }
}

impl fmt::Display for Datatype {
    /// The datatype as a schema writes it: `string`, `xsd:integer { minInclusive = "1" }`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            Kind::String => f.write_str("string"),
            Kind::Token => f.write_str("token"),
        }
    }
}
