//! The W3C XML Schema datatypes as jing 20220510 has them: the types, what each reads, how
//! values compare, and which facets apply.

mod bignum;
pub(crate) mod binary;
pub(crate) mod datetime;
pub(crate) mod duration;
pub(crate) mod names;
pub(crate) mod numeric;
pub(crate) mod qname;
pub(crate) mod uri;

use super::whitespace::{words, WhiteSpace};
use super::{IdType, NamespaceContext};
use datetime::{DateKind, Instant};
use numeric::Decimal;

/// What a type reads, before any facet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Primitive {
    /// Any text (`string`, `normalizedString`, `token`, the builtin types).
    String,
    /// `Name`.
    Name,
    /// `NCName`, `ID`, `IDREF`.
    NcName,
    /// `NMTOKEN`.
    Nmtoken,
    /// `language`.
    Language,
    /// `ENTITY`: an NCName declared as an unparsed entity.
    Entity,
    /// `QName`, `NOTATION`.
    QName,
    /// `anyURI`.
    AnyUri,
    /// `boolean`.
    Boolean,
    /// `decimal`.
    Decimal,
    /// `integer` and the types derived from it.
    Integer,
    /// `float`.
    Float,
    /// `double`.
    Double,
    /// `dateTime`, `date`, `time`, `g*`.
    Date(DateKind),
    /// `duration`.
    Duration,
    /// `hexBinary`.
    HexBinary,
    /// `base64Binary`.
    Base64Binary,
    /// `NMTOKENS`, `IDREFS`, `ENTITIES`: a list of the item type.
    List(Item),
}

/// The item type of a list type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Item {
    /// `NMTOKENS`.
    Nmtoken,
    /// `IDREFS`.
    NcName,
    /// `ENTITIES`.
    Entity,
}

/// What a length facet counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Measure {
    /// Characters (Unicode scalar values).
    Characters,
    /// Octets of binary data.
    Octets,
    /// Items of a list.
    Items,
}

/// A restriction that a derived type adds to its base.
#[derive(Debug, Clone, Copy)]
pub(crate) enum BuiltinFacet {
    /// `minInclusive`.
    Min(&'static str),
    /// `maxInclusive`.
    Max(&'static str),
    /// `minLength`.
    MinLength(usize),
}

/// An XSD type: how it is built from a primitive.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TypeDef {
    pub(crate) name: &'static str,
    pub(crate) primitive: Primitive,
    pub(crate) white_space: WhiteSpace,
    pub(crate) id_type: IdType,
    pub(crate) facets: &'static [BuiltinFacet],
}

const fn def(name: &'static str, primitive: Primitive) -> TypeDef {
    TypeDef {
        name,
        primitive,
        white_space: WhiteSpace::Collapse,
        id_type: IdType::Null,
        facets: &[],
    }
}

const fn ranged(name: &'static str, facets: &'static [BuiltinFacet]) -> TypeDef {
    TypeDef {
        facets,
        ..def(name, Primitive::Integer)
    }
}

const fn with_id(def: TypeDef, id_type: IdType) -> TypeDef {
    TypeDef { id_type, ..def }
}

const fn list(name: &'static str, item: Item) -> TypeDef {
    TypeDef {
        facets: &[BuiltinFacet::MinLength(1)],
        ..def(name, Primitive::List(item))
    }
}

use BuiltinFacet::{Max, Min};

/// Every type of jing's XSD library.
const TYPES: &[TypeDef] = &[
    TypeDef {
        white_space: WhiteSpace::Preserve,
        ..def("string", Primitive::String)
    },
    TypeDef {
        white_space: WhiteSpace::Replace,
        ..def("normalizedString", Primitive::String)
    },
    def("token", Primitive::String),
    def("language", Primitive::Language),
    def("Name", Primitive::Name),
    def("NCName", Primitive::NcName),
    def("NMTOKEN", Primitive::Nmtoken),
    list("NMTOKENS", Item::Nmtoken),
    with_id(def("ID", Primitive::NcName), IdType::Id),
    with_id(def("IDREF", Primitive::NcName), IdType::Idref),
    with_id(list("IDREFS", Item::NcName), IdType::Idrefs),
    def("ENTITY", Primitive::Entity),
    list("ENTITIES", Item::Entity),
    def("QName", Primitive::QName),
    def("NOTATION", Primitive::QName),
    def("anyURI", Primitive::AnyUri),
    def("boolean", Primitive::Boolean),
    def("decimal", Primitive::Decimal),
    def("integer", Primitive::Integer),
    ranged("nonPositiveInteger", &[Max("0")]),
    ranged("negativeInteger", &[Max("-1")]),
    ranged(
        "long",
        &[Min("-9223372036854775808"), Max("9223372036854775807")],
    ),
    ranged("int", &[Min("-2147483648"), Max("2147483647")]),
    ranged("short", &[Min("-32768"), Max("32767")]),
    ranged("byte", &[Min("-128"), Max("127")]),
    ranged("nonNegativeInteger", &[Min("0")]),
    ranged("unsignedLong", &[Min("0"), Max("18446744073709551615")]),
    ranged("unsignedInt", &[Min("0"), Max("4294967295")]),
    ranged("unsignedShort", &[Min("0"), Max("65535")]),
    ranged("unsignedByte", &[Min("0"), Max("255")]),
    ranged("positiveInteger", &[Min("1")]),
    def("float", Primitive::Float),
    def("double", Primitive::Double),
    def("dateTime", Primitive::Date(DateKind::DateTime)),
    def("time", Primitive::Date(DateKind::Time)),
    def("date", Primitive::Date(DateKind::Date)),
    def("gYearMonth", Primitive::Date(DateKind::GYearMonth)),
    def("gYear", Primitive::Date(DateKind::GYear)),
    def("gMonthDay", Primitive::Date(DateKind::GMonthDay)),
    def("gDay", Primitive::Date(DateKind::GDay)),
    def("gMonth", Primitive::Date(DateKind::GMonth)),
    def("duration", Primitive::Duration),
    TypeDef {
        // jing handles the whitespace of binary types itself, so patterns see it.
        white_space: WhiteSpace::Preserve,
        ..def("hexBinary", Primitive::HexBinary)
    },
    TypeDef {
        white_space: WhiteSpace::Preserve,
        ..def("base64Binary", Primitive::Base64Binary)
    },
];

/// The XSD type called `name`.
pub(crate) fn lookup(name: &str) -> Option<&'static TypeDef> {
    TYPES.iter().find(|def| def.name == name)
}

/// A value read from text: views into the text where the value needs them.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Parsed<'a> {
    /// Text compared as it is (after whitespace handling).
    Text(&'a str),
    /// A resolved QName.
    QName {
        /// The namespace URI (`""` for none).
        ns: &'a str,
        /// The local name.
        local: &'a str,
    },
    /// A boolean.
    Bool(bool),
    /// A decimal or integer.
    Decimal(Decimal<'a>),
    /// A float.
    Float(f32),
    /// A double.
    Double(f64),
    /// A date/time.
    Instant(Instant),
    /// A duration, as its text (read again when compared: order facets on durations are
    /// rare, and the fields would make every value big).
    Duration(&'a str),
    /// `hexBinary`: the digits and the octet count.
    Hex(&'a str, usize),
    /// `base64Binary`: the text and the octet count.
    Base64(&'a str, usize),
    /// A list: the collapsed text and the item count.
    List(&'a str, usize),
}

/// Why text is not a value of a primitive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Invalid<'a> {
    /// Not in the lexical space.
    Lexical,
    /// A QName whose prefix is not bound.
    UndeclaredPrefix(&'a str),
    /// An ENTITY that is not an unparsed entity.
    NotAnEntity(&'a str),
}

impl Primitive {
    /// Reads `text`, whitespace already handled.
    pub(crate) fn parse<'a>(
        self,
        text: &'a str,
        context: &'a dyn NamespaceContext,
    ) -> Result<Parsed<'a>, Invalid<'a>> {
        let lexical = |ok: bool, parsed: Parsed<'a>| {
            if ok {
                Ok(parsed)
            } else {
                Err(Invalid::Lexical)
            }
        };
        match self {
            Primitive::String => Ok(Parsed::Text(text)),
            Primitive::Name => lexical(names::is_name(text), Parsed::Text(text)),
            Primitive::NcName => lexical(names::is_ncname(text), Parsed::Text(text)),
            Primitive::Nmtoken => lexical(names::is_nmtoken(text), Parsed::Text(text)),
            Primitive::Language => lexical(names::is_language(text), Parsed::Text(text)),
            Primitive::AnyUri => lexical(uri::is_uri(text), Parsed::Text(text)),
            Primitive::Entity => entity(text, context).map(Parsed::Text),
            Primitive::QName => match qname::resolve(text, context) {
                Ok((ns, local)) => Ok(Parsed::QName { ns, local }),
                Err(qname::QNameError::Lexical) => Err(Invalid::Lexical),
                Err(qname::QNameError::UndeclaredPrefix(p)) => Err(Invalid::UndeclaredPrefix(p)),
            },
            Primitive::Boolean => match text {
                "true" | "1" => Ok(Parsed::Bool(true)),
                "false" | "0" => Ok(Parsed::Bool(false)),
                _ => Err(Invalid::Lexical),
            },
            Primitive::Decimal => Decimal::parse(text)
                .map(Parsed::Decimal)
                .ok_or(Invalid::Lexical),
            Primitive::Integer => Decimal::parse(text)
                .filter(Decimal::is_integer)
                .map(Parsed::Decimal)
                .ok_or(Invalid::Lexical),
            Primitive::Float => numeric::parse_float(text)
                .map(Parsed::Float)
                .ok_or(Invalid::Lexical),
            Primitive::Double => numeric::parse_double(text)
                .map(Parsed::Double)
                .ok_or(Invalid::Lexical),
            Primitive::Date(kind) => datetime::parse(kind, text)
                .map(Parsed::Instant)
                .ok_or(Invalid::Lexical),
            Primitive::Duration => match duration::parse(text) {
                Some(_) => Ok(Parsed::Duration(text)),
                None => Err(Invalid::Lexical),
            },
            Primitive::HexBinary => binary::hex_len(text)
                .map(|n| Parsed::Hex(binary::hex_digits(text), n))
                .ok_or(Invalid::Lexical),
            Primitive::Base64Binary => binary::base64_len(text)
                .map(|n| Parsed::Base64(text, n))
                .ok_or(Invalid::Lexical),
            Primitive::List(item) => parse_list(item, text, context),
        }
    }

    /// What length facets count, if the type has a length.
    pub(crate) fn measure(self) -> Option<Measure> {
        match self {
            Primitive::String
            | Primitive::Name
            | Primitive::NcName
            | Primitive::Nmtoken
            | Primitive::Language
            | Primitive::Entity
            | Primitive::AnyUri => Some(Measure::Characters),
            Primitive::HexBinary | Primitive::Base64Binary => Some(Measure::Octets),
            Primitive::List(_) => Some(Measure::Items),
            _ => None,
        }
    }

    /// Whether order facets (`minInclusive`…) apply.
    pub(crate) fn is_ordered(self) -> bool {
        matches!(
            self,
            Primitive::Decimal
                | Primitive::Integer
                | Primitive::Float
                | Primitive::Double
                | Primitive::Date(_)
                | Primitive::Duration
        )
    }

    /// Whether `totalDigits` and `fractionDigits` apply.
    pub(crate) fn is_decimal(self) -> bool {
        matches!(self, Primitive::Decimal | Primitive::Integer)
    }

    /// Whether reading a value looks at the context.
    pub(crate) fn needs_context(self) -> bool {
        matches!(
            self,
            Primitive::QName | Primitive::Entity | Primitive::List(Item::Entity)
        )
    }
}

fn entity<'a>(text: &'a str, context: &dyn NamespaceContext) -> Result<&'a str, Invalid<'a>> {
    if !names::is_ncname(text) {
        return Err(Invalid::Lexical);
    }
    if !context.is_unparsed_entity(text) {
        return Err(Invalid::NotAnEntity(text));
    }
    Ok(text)
}

fn parse_list<'a>(
    item: Item,
    text: &'a str,
    context: &'a dyn NamespaceContext,
) -> Result<Parsed<'a>, Invalid<'a>> {
    let mut count = 0;
    for word in words(text) {
        count += 1;
        let valid = match item {
            Item::Nmtoken => names::is_nmtoken(word),
            Item::NcName => names::is_ncname(word),
            Item::Entity => names::is_ncname(word),
        };
        if !valid {
            return Err(Invalid::Lexical);
        }
    }
    if item == Item::Entity {
        for word in words(text) {
            entity(word, context)?;
        }
    }
    Ok(Parsed::List(text, count))
}

impl Parsed<'_> {
    /// The length a length facet sees.
    pub(crate) fn length(&self) -> usize {
        match *self {
            Parsed::Text(text) => text.chars().count(),
            Parsed::Hex(_, n) | Parsed::Base64(_, n) | Parsed::List(_, n) => n,
            _ => 0,
        }
    }

    /// Value equality, jing's `sameValue`.
    pub(crate) fn same(&self, other: &Parsed<'_>) -> bool {
        match (self, other) {
            (Parsed::Text(a), Parsed::Text(b)) | (Parsed::List(a, _), Parsed::List(b, _)) => a == b,
            (Parsed::QName { ns: na, local: la }, Parsed::QName { ns: nb, local: lb }) => {
                na == nb && la == lb
            }
            (Parsed::Bool(a), Parsed::Bool(b)) => a == b,
            (Parsed::Decimal(a), Parsed::Decimal(b)) => a == b,
            (Parsed::Float(a), Parsed::Float(b)) => {
                numeric::same_float(f64::from(*a), f64::from(*b))
            }
            (Parsed::Double(a), Parsed::Double(b)) => numeric::same_float(*a, *b),
            (Parsed::Instant(a), Parsed::Instant(b)) => a == b,
            (Parsed::Duration(a), Parsed::Duration(b)) => {
                durations(a, b).is_some_and(|(a, b)| duration::same(&a, &b))
            }
            (Parsed::Hex(a, _), Parsed::Hex(b, _)) => a.eq_ignore_ascii_case(b),
            (Parsed::Base64(a, _), Parsed::Base64(b, _)) => binary::same_base64(a, b),
            _ => false,
        }
    }

    /// Whether `self` is less than `other` in the type's order (`false` when unordered).
    pub(crate) fn less(&self, other: &Parsed<'_>) -> bool {
        match (self, other) {
            (Parsed::Decimal(a), Parsed::Decimal(b)) => a < b,
            (Parsed::Float(a), Parsed::Float(b)) => a < b,
            (Parsed::Double(a), Parsed::Double(b)) => a < b,
            (Parsed::Instant(a), Parsed::Instant(b)) => datetime::less(a, b),
            (Parsed::Duration(a), Parsed::Duration(b)) => {
                durations(a, b).is_some_and(|(a, b)| duration::less(&a, &b))
            }
            _ => false,
        }
    }

    /// Digits for `totalDigits` and `fractionDigits` (decimals only).
    pub(crate) fn digits(&self) -> Option<(usize, usize)> {
        match self {
            Parsed::Decimal(d) => Some((d.total_digits(), d.fraction_digits())),
            _ => None,
        }
    }
}

fn durations<'a, 'b>(
    a: &'a str,
    b: &'b str,
) -> Option<(duration::Duration<'a>, duration::Duration<'b>)> {
    Some((duration::parse(a)?, duration::parse(b)?))
}
