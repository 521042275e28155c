//! The simplified form of a schema: patterns and name classes as small values over ids.
//!
//! Patterns are hash-consed: two equal patterns always have the same [`PatternId`], so a
//! pattern can be compared, hashed and memoised by its id alone. Elements are the one
//! exception: each `element` of the schema is its own [`ElementId`], whose content is set
//! once the whole grammar is known, which is how recursive definitions close their loops.

/// The id of an interned pattern (`notAllowed` by default).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct PatternId(pub(crate) u32);

impl Default for PatternId {
    fn default() -> PatternId {
        PatternId::NOT_ALLOWED
    }
}

/// The id of an interned name class.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct NameClassId(pub(crate) u32);

/// The id of one `element` pattern of the schema.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct ElementId(pub(crate) u32);

/// The id of a datatype (with its parameters) used by the schema.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct DatatypeId(pub(crate) u32);

/// The id of a `value` pattern's value.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct ValueId(pub(crate) u32);

impl PatternId {
    /// `empty`: the empty sequence.
    pub const EMPTY: PatternId = PatternId(0);
    /// `notAllowed`: nothing.
    pub const NOT_ALLOWED: PatternId = PatternId(1);
    /// `text`: any text, including none.
    pub const TEXT: PatternId = PatternId(2);

    pub(crate) fn index(self) -> usize {
        self.0 as usize
    }
}

/// A pattern of the simplified grammar, and the derivative patterns built while validating.
///
/// `Choice` holds its alternatives sorted and de-duplicated, `Interleave` its operands
/// sorted (an interleave is commutative), and `Group` nests to the right, so that patterns
/// that mean the same thing in the same way share one id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Pattern {
    /// The empty sequence.
    Empty,
    /// Matches nothing.
    NotAllowed,
    /// Any text.
    Text,
    /// One of two or more alternatives.
    Choice(Box<[PatternId]>),
    /// Two or more patterns in any interleaving.
    Interleave(Box<[PatternId]>),
    /// The first pattern, then the second.
    Group(PatternId, PatternId),
    /// One or more repetitions.
    OneOrMore(PatternId),
    /// A whitespace-separated list of tokens matching the pattern.
    List(PatternId),
    /// A value of a datatype.
    Data(DatatypeId),
    /// A value of a datatype that does not match the pattern.
    DataExcept(DatatypeId, PatternId),
    /// One particular value.
    Value(ValueId),
    /// An attribute whose name is in the name class and whose value matches the pattern.
    Attribute(NameClassId, PatternId),
    /// An element of the schema.
    Element(ElementId),
    /// Validation state: the content still to match in the current element, then what
    /// follows the element (James Clark's `after`).
    After(PatternId, PatternId),
}

/// A name: a namespace and a local name, as keys into the schema's [`NameTable`].
///
/// A namespace or local name that the schema never mentions maps to [`NameKey::OTHER`]:
/// all such names behave alike in every name class, which keeps memo tables bounded by
/// the schema, whatever names a document uses.
///
/// [`NameTable`]: super::names::NameTable
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct NameKey {
    /// The namespace's key.
    pub namespace: u32,
    /// The local name's key.
    pub local: u32,
}

impl NameKey {
    /// The key of a namespace or local name the schema does not mention.
    pub const OTHER: u32 = u32::MAX;
}

/// A name class of the simplified grammar.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum NameClass {
    /// Any name, minus the exception.
    AnyName {
        /// The names taken out.
        except: Option<NameClassId>,
    },
    /// Any name in one namespace, minus the exception.
    NsName {
        /// The namespace's key.
        namespace: u32,
        /// The names taken out.
        except: Option<NameClassId>,
    },
    /// One name.
    Name(NameKey),
    /// Either name class.
    Choice(NameClassId, NameClassId),
}

/// An element of the schema: its name class and its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ElementDef {
    /// The names the element may have.
    pub name_class: NameClassId,
    /// What it contains (attributes included).
    pub content: PatternId,
}

/// Facts about a pattern computed once, when it is interned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Flags(u8);

impl Flags {
    /// The pattern matches the empty sequence (no attributes, no content).
    pub(crate) const NULLABLE: Flags = Flags(1);
    /// The text derivative depends on the text (a datatype or value can be reached
    /// without entering an element or attribute).
    pub(crate) const TEXT_DEPENDENT: Flags = Flags(2);
    /// An attribute pattern can be reached without entering an element (start-tag-close
    /// and attribute derivatives are the identity / nothing otherwise).
    pub(crate) const HAS_ATTRIBUTES: Flags = Flags(4);

    pub(crate) fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }

    pub(crate) fn union(self, other: Flags) -> Flags {
        Flags(self.0 | other.0)
    }

    pub(crate) fn without(self, other: Flags) -> Flags {
        Flags(self.0 & !other.0)
    }
}
