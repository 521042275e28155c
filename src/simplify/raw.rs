//! The schema after translation from syntax: every file loaded, every prefix resolved,
//! every `mixed`, `?` and `*` rewritten, but references not yet resolved.
//!
//! Each node keeps where it was written, so that the checks on references and the
//! restrictions of the RELAX NG specification (section 7) can point at the source.

use super::pattern::NameClassId;
use crate::datatypes::{Datatype, Value};
use crate::simplify::builder::SchemaNamespaces;
use crate::simplify::FileId;

/// The id of a node in the [`RawArena`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RawId(pub(crate) u32);

/// The id of a definition (or a grammar's `start`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DefineId(pub(crate) u32);

/// A pattern of the translated schema.
#[derive(Debug, Clone)]
pub enum Raw {
    /// `empty`
    Empty,
    /// `notAllowed`
    NotAllowed,
    /// `text`
    Text,
    /// Alternatives.
    Choice(Vec<RawId>),
    /// Interleaved patterns.
    Interleave(Vec<RawId>),
    /// A sequence.
    Group(Vec<RawId>),
    /// One or more.
    OneOrMore(RawId),
    /// `list { … }`
    List(RawId),
    /// A datatype, optionally minus an exception.
    Data(Datatype, Option<RawId>),
    /// A value.
    Value(Box<RawValue>),
    /// An attribute.
    Attribute(NameClassId, RawId),
    /// An element.
    Element(NameClassId, RawId),
    /// A reference to a definition.
    Ref(DefineId),
}

/// A `value` pattern's parts.
#[derive(Debug, Clone)]
pub struct RawValue {
    /// The datatype.
    pub datatype: Datatype,
    /// The value.
    pub value: Value,
    /// The literal as written.
    pub lexical: String,
    /// The prefixes in scope where it is written.
    pub namespaces: SchemaNamespaces,
}

/// Where a node was written: a file and a byte range in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Origin {
    /// The file.
    pub file: FileId,
    /// The bytes.
    pub span: crate::rnc::ast::Span,
}

/// The nodes of the translated schema.
#[derive(Debug, Default)]
pub struct RawArena {
    nodes: Vec<(Raw, Origin)>,
}

impl RawArena {
    /// Adds a node.
    pub fn add(&mut self, raw: Raw, origin: Origin) -> RawId {
        self.nodes.push((raw, origin));
        RawId(self.nodes.len() as u32 - 1)
    }

    /// A node.
    pub fn get(&self, id: RawId) -> &Raw {
        &self.nodes[id.0 as usize].0
    }

    /// Where a node was written.
    pub fn origin(&self, id: RawId) -> Origin {
        self.nodes[id.0 as usize].1
    }

    /// The children of a node that are patterns (not through references).
    pub fn children(&self, id: RawId) -> Vec<RawId> {
        match self.get(id) {
            Raw::Empty | Raw::NotAllowed | Raw::Text | Raw::Value(_) | Raw::Ref(_) => Vec::new(),
            Raw::Choice(items) | Raw::Interleave(items) | Raw::Group(items) => items.clone(),
            Raw::OneOrMore(inner)
            | Raw::List(inner)
            | Raw::Attribute(_, inner)
            | Raw::Element(_, inner) => vec![*inner],
            Raw::Data(_, except) => except.iter().copied().collect(),
        }
    }
}
