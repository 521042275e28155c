//! Content the model does not know: attributes and elements added by later cineSync
//! versions or other tools, kept so that writing the session puts them back.

/// Unknown attributes and child elements of one element of the session file.
///
/// The loader fills it and reports each item as a [`Warning`](crate::Warning); the writer
/// writes the attributes after the known ones and the elements after the known children,
/// unless strict v3 output is asked for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extra {
    /// Unknown attributes, in document order.
    pub attributes: Vec<ExtraAttribute>,
    /// Unknown child elements, in document order.
    pub elements: Vec<ExtraElement>,
}

impl Extra {
    /// True when nothing unknown was kept.
    pub fn is_empty(&self) -> bool {
        self.attributes.is_empty() && self.elements.is_empty()
    }
}

/// An attribute the model does not know.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtraAttribute {
    /// The attribute's namespace URI; `None` for an unqualified attribute.
    pub namespace: Option<String>,
    /// The local name.
    pub name: String,
    /// The value, with entities resolved.
    pub value: String,
}

/// An element the model does not know, kept whole.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtraElement {
    /// The element's namespace URI; `None` when it has none.
    pub namespace: Option<String>,
    /// The local name.
    pub name: String,
    /// Its attributes, in document order.
    pub attributes: Vec<ExtraAttribute>,
    /// Its content: elements and text, in document order.
    pub children: Vec<ExtraNode>,
}

/// A piece of the content of an [`ExtraElement`].
#[derive(Debug, Clone, PartialEq)]
pub enum ExtraNode {
    /// A child element.
    Element(ExtraElement),
    /// Character data.
    Text(String),
}
