//! Content the model does not know: attributes, elements and comments added by later
//! cineSync versions or other tools, kept with their place in the tree so that writing the
//! session puts them back where they stood.

use std::collections::BTreeMap;

use serde::Serialize;

/// The content of one element of the session file that the model has no field for.
///
/// The loader fills it and reports each unknown attribute and element as a
/// [`Warning`](crate::Warning) (comments are kept without one: they are XML, not content
/// the model lacks). The writer puts everything back: the attributes after the known
/// ones, each child where its anchor says. With
/// [`WriteOptions::strict_v3`](crate::WriteOptions::strict_v3) it drops the attributes,
/// elements and text and keeps only the comments.
///
/// The small known children that have no field for unknown content of their own (points,
/// value elements such as `<inFrame value="40"/>`, text-only elements such as `<notes>`,
/// the parts of a play range or a group movie) keep theirs in [`Extra::parts`] of the
/// nearest element that has an `Extra`: a line holds the unknown content of its points,
/// a media entry that of its name, groups, play range and group movie. Keeping it there
/// costs a point nothing when it has none.
///
/// When you remove or reorder known children (points of a line, groups), move or remove
/// their entries in [`Extra::parts`] too: [`Session::check`](crate::Session::check)
/// refuses a part that names a child the model does not have, rather than drop it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extra {
    /// Unknown attributes, in document order.
    pub attributes: Vec<ExtraAttribute>,
    /// Unknown child elements and comments, in document order, each with its anchor:
    /// the place where it stood among the known content of the element.
    ///
    /// - `None`: before every known child (or at the start of the text of a text-only
    ///   element such as `<notes>`);
    /// - `Some((name, index))`: right after the known child element with local name
    ///   `name` that is number `index` (from 0) among the known siblings of that name.
    ///   Drawing objects count by element name, unknown ones included; an `annotation`
    ///   of a media file is identified by its frame number instead;
    /// - `Some(("#text", offset))`: in a text-only element, after the first `offset`
    ///   bytes of the text (at the end when the text is shorter, at the next character
    ///   boundary when the offset falls inside a character).
    ///
    /// When the model has no such sibling any more, the child is written after the last
    /// known one.
    pub children: Vec<(Option<(String, usize)>, ExtraNode)>,
    /// The unknown content of known children that have no `Extra` of their own, by
    /// element name and then by the child's 0-based index among the known siblings of
    /// that name (so `parts["point"][&3]` belongs to the fourth point of a line).
    pub parts: BTreeMap<String, BTreeMap<usize, Extra>>,
}

impl Extra {
    /// True when nothing unknown was kept.
    pub fn is_empty(&self) -> bool {
        self.attributes.is_empty() && self.children.is_empty() && self.parts.is_empty()
    }

    /// The kept content of the known child `name` number `index` (counted from 0 among
    /// the known children of that name), when it has any.
    pub fn part(&self, name: &str, index: usize) -> Option<&Extra> {
        self.parts.get(name)?.get(&index)
    }
}

/// The anchor name of a place in the text of a text-only element (see [`Extra::children`]).
pub(crate) const TEXT_ANCHOR: &str = "#text";

/// An attribute the model does not know.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExtraAttribute {
    /// The attribute's namespace URI; `None` for an unqualified attribute.
    pub namespace: Option<String>,
    /// The local name.
    pub name: String,
    /// The value, with entities resolved.
    pub value: String,
}

/// An element the model does not know, kept whole.
///
/// In `cinesync inspect --json` (as an unknown drawing object, see
/// [`DrawingObject::Unknown`](crate::DrawingObject::Unknown)) it is
/// `{"namespace": "urn:x"|null, "name": "future", "attributes": [{"namespace": null,
/// "name": "a", "value": "1"}], "children": [{"text": "…"}, {"comment": "…"},
/// {"element": {…}}]}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExtraElement {
    /// The element's namespace URI; `None` when it has none.
    pub namespace: Option<String>,
    /// The local name.
    pub name: String,
    /// Its attributes, in document order.
    pub attributes: Vec<ExtraAttribute>,
    /// Its content: elements, text and comments, in document order.
    pub children: Vec<ExtraNode>,
}

/// A piece of kept content.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExtraNode {
    /// An element.
    Element(ExtraElement),
    /// Character data.
    Text(String),
    /// An XML comment: the text between `<!--` and `-->`.
    Comment(String),
}
