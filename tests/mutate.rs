//! A seeded mutator for XML documents, to make near-miss documents for differential tests.
//!
//! [`Mutator::new`] reads a well-formed document into a small owned tree; [`Mutator::mutant`]
//! applies one to three [`Operation`]s chosen by a seed and serializes the result. The same
//! document and seed always give the same mutant. Mutants stay well-formed: names keep
//! (or gain) the namespace declarations they need, text and attribute values are escaped,
//! and no operation makes a duplicate attribute. The mutator never writes a character
//! outside the Basic Multilingual Plane (Debian's jing mis-decodes a 4-byte UTF-8 character
//! that straddles its 2048-byte read buffer).

#![allow(dead_code)]

use std::fmt::Write as _;

/// The namespace of the `xml` prefix, bound in every document.
const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";

/// The namespace of unknown elements and attributes that the mutator adds.
const MUTANT_NAMESPACE: &str = "urn:example:mutant";

/// Values across facet boundaries and lexical edge cases of numbers, booleans, colours,
/// short hashes and the session schema's enumerations.
const EDGE_VALUES: &[&str] = &[
    "0",
    "1",
    "-1",
    "2",
    "3",
    "4",
    "0.2",
    "0.2000001",
    "-0.2",
    "-0.2000001",
    "0.367879",
    "0.367878",
    "2.718282",
    "2.718283",
    "NaN",
    "INF",
    "-INF",
    "+INF",
    "1e",
    "1e5",
    "1E-5",
    "",
    " 1 ",
    "+1",
    "01",
    "1.0",
    ".5",
    "3.4028235e38",
    "3.4028236e38",
    "99999999999999999999",
    "-99999999999999999999",
    "true",
    "True",
    "false",
    "#12345g",
    "#ABCDEF",
    "#abcdef",
    "#abcde",
    "standard",
    "pro",
    "awesome",
    "side-by-side",
    "composite",
    "interlaced",
    "a < b & \"c\" 'd' > e",
    "caf\u{e9} \u{2713}",
    "  ",
];

/// 41 hexadecimal digits: cut to 39, 40 or 41 characters around a short hash's length.
const HEX_41: &str = "e74db5de61fa5483c541a3a3056f22d158b44ace0";

/// Namespaces that replace the root's: a newer version, look-alikes, none at all.
const OTHER_ROOT_NAMESPACES: &[&str] = &[
    "http://www.cinesync.com/ns/session/5.0",
    "http://www.cinesync.com/ns/session/3.0/",
    "HTTP://www.cinesync.com/ns/session/3.0",
    "urn:example:other",
    "",
];

/// One way of changing a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Operation {
    /// Remove an element (never the root).
    DropElement,
    /// Insert a copy of an element right after it.
    DuplicateElement,
    /// Move an element to another position among its parent's children.
    MoveElement,
    /// Swap two sibling elements.
    SwapSiblings,
    /// Remove an attribute.
    DropAttribute,
    /// Copy an attribute onto a sibling element.
    CopyAttributeToSibling,
    /// Add an attribute that no schema expects (in no namespace or in another namespace).
    AddUnknownAttribute,
    /// Add an element that no schema expects.
    AddUnknownElement,
    /// Give an element the name of one of its siblings.
    RenameToSibling,
    /// Give an element a name no schema expects (another case, a suffix, another word).
    RenameToUnknown,
    /// Keep an element's local name but move it to another namespace (or to none).
    RenameToOtherNamespace,
    /// Set an attribute to an edge-case value.
    ChangeAttributeValue,
    /// Set the text of a text-only element to an edge-case value.
    ChangeText,
    /// Put text (sometimes only whitespace) into an element without children.
    TextIntoEmpty,
    /// Replace the namespace of the root element (and maybe of every element sharing it).
    ReplaceRootNamespace,
    /// Insert a comment, sometimes splitting a text node: never changes a verdict.
    InsertComment,
    /// Insert a processing instruction, sometimes splitting a text node: never changes a
    /// verdict.
    InsertProcessingInstruction,
}

impl Operation {
    /// Every operation, each with the weight it has when a seed chooses: value changes are
    /// the most productive ones, so they come up more often.
    pub const WEIGHTED: &'static [(Operation, u32)] = &[
        (Operation::DropElement, 2),
        (Operation::DuplicateElement, 2),
        (Operation::MoveElement, 1),
        (Operation::SwapSiblings, 1),
        (Operation::DropAttribute, 2),
        (Operation::CopyAttributeToSibling, 1),
        (Operation::AddUnknownAttribute, 1),
        (Operation::AddUnknownElement, 1),
        (Operation::RenameToSibling, 1),
        (Operation::RenameToUnknown, 1),
        (Operation::RenameToOtherNamespace, 1),
        (Operation::ChangeAttributeValue, 6),
        (Operation::ChangeText, 4),
        (Operation::TextIntoEmpty, 1),
        (Operation::ReplaceRootNamespace, 1),
        (Operation::InsertComment, 1),
        (Operation::InsertProcessingInstruction, 1),
    ];

    /// Whether the operation leaves every RELAX NG verdict as it was: comments and
    /// processing instructions are not part of RELAX NG's data model.
    pub fn is_neutral(self) -> bool {
        matches!(
            self,
            Operation::InsertComment | Operation::InsertProcessingInstruction
        )
    }
}

/// A mutated document and what was done to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Mutant {
    /// The serialized document.
    pub xml: String,
    /// The operations applied, in order, each with a description of where.
    pub operations: Vec<(Operation, String)>,
}

impl Mutant {
    /// Whether every operation applied is neutral (the verdict must not change).
    pub fn is_neutral(&self) -> bool {
        self.operations
            .iter()
            .all(|(operation, _)| operation.is_neutral())
    }

    /// The operations as one line, for reports.
    pub fn describe(&self) -> String {
        let parts: Vec<&str> = self.operations.iter().map(|(_, what)| &**what).collect();
        parts.join("; ")
    }
}

/// Mutates the text of a well-formed document with a seed: a shortcut for
/// [`Mutator::new`] and [`Mutator::mutant`].
pub fn mutate(xml: &str, seed: u64) -> Result<Mutant, roxmltree::Error> {
    Ok(Mutator::new(xml)?.mutant(seed))
}

/// A document read once, to make many mutants of.
#[derive(Debug, Clone)]
pub struct Mutator {
    document: Document,
}

impl Mutator {
    /// Reads a well-formed document (no DTD).
    pub fn new(xml: &str) -> Result<Self, roxmltree::Error> {
        let parsed = roxmltree::Document::parse(xml)?;
        Ok(Mutator {
            document: Document::from_roxmltree(&parsed),
        })
    }

    /// The document serialized again without any change.
    pub fn unchanged(&self) -> String {
        self.document.to_xml()
    }

    /// One to three operations chosen by `seed`, applied and serialized.
    pub fn mutant(&self, seed: u64) -> Mutant {
        let mut rng = fastrand::Rng::with_seed(seed);
        let count = match rng.u32(0..10) {
            0..=6 => 1,
            7..=8 => 2,
            _ => 3,
        };
        self.apply(&mut rng, count, &|rng| weighted_operation(rng))
    }

    /// `count` operations chosen by `seed` among `operations` only.
    pub fn mutant_with(&self, seed: u64, count: usize, operations: &[Operation]) -> Mutant {
        assert!(
            !operations.is_empty(),
            "at least one operation to choose from"
        );
        let mut rng = fastrand::Rng::with_seed(seed);
        self.apply(&mut rng, count, &|rng| {
            operations[rng.usize(..operations.len())]
        })
    }

    /// Applies `count` operations picked by `pick`; an operation that does not apply to the
    /// document (no attribute to drop, say) is replaced by another pick.
    fn apply(
        &self,
        rng: &mut fastrand::Rng,
        count: usize,
        pick: &dyn Fn(&mut fastrand::Rng) -> Operation,
    ) -> Mutant {
        let mut document = self.document.clone();
        let mut operations = Vec::new();
        let mut attempts = 0;
        while operations.len() < count && attempts < 100 {
            attempts += 1;
            let operation = pick(rng);
            if let Some(what) = document.apply(operation, rng) {
                operations.push((operation, what));
            }
        }
        Mutant {
            xml: document.to_xml(),
            operations,
        }
    }
}

/// Picks an operation by [`Operation::WEIGHTED`].
fn weighted_operation(rng: &mut fastrand::Rng) -> Operation {
    let total: u32 = Operation::WEIGHTED.iter().map(|(_, weight)| weight).sum();
    let mut ticket = rng.u32(0..total);
    for &(operation, weight) in Operation::WEIGHTED {
        if ticket < weight {
            return operation;
        }
        ticket -= weight;
    }
    unreachable!("the ticket is below the total weight")
}

/// A value for an attribute or a text: an edge case, a short-hash-like string, or the
/// original value changed a little.
fn edge_value(rng: &mut fastrand::Rng, original: &str) -> String {
    match rng.u32(0..10) {
        0..=5 => EDGE_VALUES[rng.usize(..EDGE_VALUES.len())].to_owned(),
        6 => HEX_41[..39 + rng.usize(0..=2)].to_owned(),
        7 => "x".repeat(39 + rng.usize(0..=2)),
        _ => {
            let trimmed = original.trim();
            match rng.u32(0..6) {
                0 => format!(" {original} "),
                1 => format!("{trimmed}0"),
                2 => format!("-{trimmed}"),
                3 => trimmed.to_uppercase(),
                4 => {
                    let mut shorter = trimmed.to_owned();
                    shorter.pop();
                    shorter
                }
                _ => format!("{trimmed} {trimmed}"),
            }
        }
    }
}

/// A namespace-qualified name.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Name {
    /// The namespace URI; `None` for no namespace.
    namespace: Option<String>,
    /// The local name.
    local: String,
}

impl Name {
    fn of(namespace: Option<&str>, local: &str) -> Self {
        Name {
            namespace: namespace.map(str::to_owned),
            local: local.to_owned(),
        }
    }
}

/// An attribute of the owned tree.
#[derive(Debug, Clone, PartialEq)]
struct Attribute {
    name: Name,
    value: String,
}

/// An element of the owned tree.
#[derive(Debug, Clone, PartialEq)]
struct Element {
    name: Name,
    /// The namespace declarations written on this element in the source (prefix, URI);
    /// kept so that QName values in text and attributes still resolve.
    declarations: Vec<(Option<String>, String)>,
    attributes: Vec<Attribute>,
    children: Vec<Node>,
}

/// A child of an element, or of the document outside the root.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    Element(Element),
    Text(String),
    Comment(String),
    ProcessingInstruction { target: String, data: String },
}

/// The owned tree: the root element and the comments and processing instructions around it.
#[derive(Debug, Clone, PartialEq)]
struct Document {
    before: Vec<Node>,
    root: Element,
    after: Vec<Node>,
}

/// Where an element is: the child indices from the root down (the root is `[]`).
type ElementPath = Vec<usize>;

impl Document {
    fn from_roxmltree(parsed: &roxmltree::Document) -> Self {
        let root = parsed.root_element();
        let mut before = Vec::new();
        let mut after = Vec::new();
        let mut seen_root = false;
        for child in parsed.root().children() {
            if child == root {
                seen_root = true;
            } else if let Some(node) = Node::from_roxmltree(child, None) {
                if seen_root {
                    after.push(node);
                } else {
                    before.push(node);
                }
            }
        }
        Document {
            before,
            root: Element::from_roxmltree(root, None),
            after,
        }
    }

    /// Serializes the document with an XML declaration.
    fn to_xml(&self) -> String {
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let mut scope = Scope::default();
        for node in &self.before {
            node.write(&mut out, &mut scope);
            out.push('\n');
        }
        self.root.write(&mut out, &mut scope);
        for node in &self.after {
            out.push('\n');
            node.write(&mut out, &mut scope);
        }
        out.push('\n');
        out
    }

    fn element(&self, path: &[usize]) -> &Element {
        path.iter().fold(&self.root, |element, &index| {
            match &element.children[index] {
                Node::Element(child) => child,
                _ => unreachable!("paths lead to elements"),
            }
        })
    }

    fn element_mut(&mut self, path: &[usize]) -> &mut Element {
        path.iter().fold(&mut self.root, |element, &index| {
            match &mut element.children[index] {
                Node::Element(child) => child,
                _ => unreachable!("paths lead to elements"),
            }
        })
    }

    /// A readable location of an element: local names with 1-based positions among
    /// same-named siblings, like `session/media[2]/name`.
    fn describe(&self, path: &[usize]) -> String {
        let mut out = self.root.name.local.clone();
        let mut element = &self.root;
        for &index in path {
            let Node::Element(child) = &element.children[index] else {
                unreachable!("paths lead to elements")
            };
            let position = element.children[..index]
                .iter()
                .filter(|node| matches!(node, Node::Element(e) if e.name == child.name))
                .count()
                + 1;
            let _ = write!(out, "/{}[{position}]", child.name.local);
            element = child;
        }
        out
    }

    /// Picks one element among those that `keep` accepts, uniformly; returns its path.
    fn pick_path(
        &self,
        rng: &mut fastrand::Rng,
        keep: impl Fn(&[usize], &Element) -> bool,
    ) -> Option<ElementPath> {
        let mut count = 0;
        visit(&self.root, &mut Vec::new(), &mut |path, element| {
            count += usize::from(keep(path, element));
        });
        if count == 0 {
            return None;
        }
        let mut wanted = rng.usize(..count);
        let mut chosen = None;
        visit(&self.root, &mut Vec::new(), &mut |path, element| {
            if chosen.is_none() && keep(path, element) {
                if wanted == 0 {
                    chosen = Some(path.to_vec());
                } else {
                    wanted -= 1;
                }
            }
        });
        chosen
    }

    /// Applies one operation; `None` when it has nothing to work on in this document.
    fn apply(&mut self, operation: Operation, rng: &mut fastrand::Rng) -> Option<String> {
        match operation {
            Operation::DropElement => self.drop_element(rng),
            Operation::DuplicateElement => self.duplicate_element(rng),
            Operation::MoveElement => self.move_element(rng),
            Operation::SwapSiblings => self.swap_siblings(rng),
            Operation::DropAttribute => self.drop_attribute(rng),
            Operation::CopyAttributeToSibling => self.copy_attribute_to_sibling(rng),
            Operation::AddUnknownAttribute => self.add_unknown_attribute(rng),
            Operation::AddUnknownElement => self.add_unknown_element(rng),
            Operation::RenameToSibling => self.rename_to_sibling(rng),
            Operation::RenameToUnknown => self.rename_to_unknown(rng),
            Operation::RenameToOtherNamespace => self.rename_to_other_namespace(rng),
            Operation::ChangeAttributeValue => self.change_attribute_value(rng),
            Operation::ChangeText => self.change_text(rng),
            Operation::TextIntoEmpty => self.text_into_empty(rng),
            Operation::ReplaceRootNamespace => self.replace_root_namespace(rng),
            Operation::InsertComment => {
                let text = ["", " a comment ", "-", "x--y", "<&>"][rng.usize(..5)];
                self.insert_misc(rng, Node::Comment(text.to_owned()), "comment")
            }
            Operation::InsertProcessingInstruction => {
                let (target, data) =
                    [("mutant", ""), ("pi", "a=\"1\" <&>"), ("x-y", "?")][rng.usize(..3)];
                let node = Node::ProcessingInstruction {
                    target: target.to_owned(),
                    data: data.to_owned(),
                };
                self.insert_misc(rng, node, "processing instruction")
            }
        }
    }

    fn drop_element(&mut self, rng: &mut fastrand::Rng) -> Option<String> {
        let path = self.pick_path(rng, |path, _| !path.is_empty())?;
        let what = format!("drop element {}", self.describe(&path));
        let (index, parent) = path.split_last()?;
        self.element_mut(parent).children.remove(*index);
        Some(what)
    }

    fn duplicate_element(&mut self, rng: &mut fastrand::Rng) -> Option<String> {
        let path = self.pick_path(rng, |path, _| !path.is_empty())?;
        let what = format!("duplicate element {}", self.describe(&path));
        let (index, parent) = path.split_last()?;
        let copy = self.element(&path).clone();
        self.element_mut(parent)
            .children
            .insert(index + 1, Node::Element(copy));
        Some(what)
    }

    fn move_element(&mut self, rng: &mut fastrand::Rng) -> Option<String> {
        let path = self.pick_path(rng, |path, _| !path.is_empty())?;
        let (&index, parent_path) = path.split_last()?;
        let what = self.describe(&path);
        let parent = self.element_mut(parent_path);
        if parent.children.len() < 2 {
            return None;
        }
        let node = parent.children.remove(index);
        let mut target = rng.usize(..parent.children.len());
        if target >= index {
            target += 1;
        }
        parent.children.insert(target, node);
        Some(format!(
            "move element {what} from child {index} to child {target}"
        ))
    }

    fn swap_siblings(&mut self, rng: &mut fastrand::Rng) -> Option<String> {
        let parent_path = self.pick_path(rng, |_, element| element_children(element).len() >= 2)?;
        let parent = self.element_mut(&parent_path);
        let children = element_children(parent);
        let first = rng.usize(..children.len());
        let mut second = rng.usize(..children.len() - 1);
        if second >= first {
            second += 1;
        }
        let (a, b) = (children[first], children[second]);
        parent.children.swap(a, b);
        Some(format!(
            "swap children {a} and {b} of {}",
            self.describe(&parent_path)
        ))
    }

    fn drop_attribute(&mut self, rng: &mut fastrand::Rng) -> Option<String> {
        let path = self.pick_path(rng, |_, element| !element.attributes.is_empty())?;
        let what = self.describe(&path);
        let element = self.element_mut(&path);
        let removed = element
            .attributes
            .remove(rng.usize(..element.attributes.len()));
        Some(format!("drop attribute {} of {what}", removed.name.local))
    }

    fn copy_attribute_to_sibling(&mut self, rng: &mut fastrand::Rng) -> Option<String> {
        let path = self.pick_path(rng, |path, element| {
            !path.is_empty() && !element.attributes.is_empty()
        })?;
        let (&index, parent_path) = path.split_last()?;
        let element = self.element(&path);
        let attribute = element.attributes[rng.usize(..element.attributes.len())].clone();
        let siblings: Vec<usize> = element_children(self.element(parent_path))
            .into_iter()
            .filter(|&sibling| sibling != index)
            .collect();
        if siblings.is_empty() {
            return None;
        }
        let mut sibling_path = parent_path.to_vec();
        sibling_path.push(siblings[rng.usize(..siblings.len())]);
        let what = format!(
            "copy attribute {}=\"{}\" onto {}",
            attribute.name.local,
            attribute.value,
            self.describe(&sibling_path)
        );
        self.element_mut(&sibling_path).set_attribute(attribute);
        Some(what)
    }

    fn add_unknown_attribute(&mut self, rng: &mut fastrand::Rng) -> Option<String> {
        let path = self.pick_path(rng, |_, _| true)?;
        let name = match rng.u32(0..3) {
            0 => Name::of(None, "unknown"),
            1 => Name::of(None, "clientFeatures"),
            _ => Name::of(Some(MUTANT_NAMESPACE), "extra"),
        };
        let what = format!("add attribute {} to {}", name.local, self.describe(&path));
        let element = self.element_mut(&path);
        if element.attributes.iter().any(|a| a.name == name) {
            return None;
        }
        element.attributes.push(Attribute {
            name,
            value: "1".to_owned(),
        });
        Some(what)
    }

    fn add_unknown_element(&mut self, rng: &mut fastrand::Rng) -> Option<String> {
        let path = self.pick_path(rng, |_, _| true)?;
        let what = self.describe(&path);
        let element = self.element_mut(&path);
        let name = match rng.u32(0..3) {
            0 => Name {
                namespace: element.name.namespace.clone(),
                local: "unknown".to_owned(),
            },
            1 => Name::of(None, "unknown"),
            _ => Name::of(Some(MUTANT_NAMESPACE), "extra"),
        };
        let local = name.local.clone();
        let position = rng.usize(..=element.children.len());
        element.children.insert(
            position,
            Node::Element(Element {
                name,
                declarations: Vec::new(),
                attributes: Vec::new(),
                children: Vec::new(),
            }),
        );
        Some(format!(
            "add element {local} into {what} at child {position}"
        ))
    }

    fn rename_to_sibling(&mut self, rng: &mut fastrand::Rng) -> Option<String> {
        let path = self.pick_path(rng, |path, _| !path.is_empty())?;
        let (&index, parent_path) = path.split_last()?;
        let name = self.element(&path).name.clone();
        let parent = self.element(parent_path);
        let others: Vec<Name> = element_children(parent)
            .into_iter()
            .filter_map(|i| match &parent.children[i] {
                Node::Element(e) if i != index && e.name != name => Some(e.name.clone()),
                _ => None,
            })
            .collect();
        if others.is_empty() {
            return None;
        }
        let new = others[rng.usize(..others.len())].clone();
        let what = format!(
            "rename {} to its sibling's name {}",
            self.describe(&path),
            new.local
        );
        self.element_mut(&path).name = new;
        Some(what)
    }

    fn rename_to_unknown(&mut self, rng: &mut fastrand::Rng) -> Option<String> {
        let path = self.pick_path(rng, |_, _| true)?;
        let what = self.describe(&path);
        let element = self.element_mut(&path);
        let local = &element.name.local;
        let new = match rng.u32(0..3) {
            0 => {
                let mut chars = local.chars();
                let first = chars.next().map(|c| {
                    if c.is_uppercase() {
                        c.to_lowercase().collect::<String>()
                    } else {
                        c.to_uppercase().collect::<String>()
                    }
                });
                format!("{}{}", first.unwrap_or_default(), chars.as_str())
            }
            1 => format!("{local}s"),
            _ => "renamed".to_owned(),
        };
        let message = format!("rename {what} to {new}");
        element.name.local = new;
        Some(message)
    }

    fn rename_to_other_namespace(&mut self, rng: &mut fastrand::Rng) -> Option<String> {
        let path = self.pick_path(rng, |_, _| true)?;
        let what = self.describe(&path);
        let element = self.element_mut(&path);
        let new = match (&element.name.namespace, rng.bool()) {
            (Some(_), true) => None,
            _ => Some(MUTANT_NAMESPACE.to_owned()),
        };
        let message = format!(
            "move {what} to namespace {:?}",
            new.as_deref().unwrap_or("")
        );
        element.name.namespace = new;
        Some(message)
    }

    fn change_attribute_value(&mut self, rng: &mut fastrand::Rng) -> Option<String> {
        let path = self.pick_path(rng, |_, element| !element.attributes.is_empty())?;
        let what = self.describe(&path);
        let element = self.element_mut(&path);
        let index = rng.usize(..element.attributes.len());
        let attribute = &mut element.attributes[index];
        let value = edge_value(rng, &attribute.value);
        let message = format!(
            "set attribute {} of {what} from {:?} to {value:?}",
            attribute.name.local, attribute.value
        );
        attribute.value = value;
        Some(message)
    }

    fn change_text(&mut self, rng: &mut fastrand::Rng) -> Option<String> {
        let path = self.pick_path(rng, |_, element| {
            !element.children.is_empty()
                && element
                    .children
                    .iter()
                    .all(|node| matches!(node, Node::Text(_)))
        })?;
        let what = self.describe(&path);
        let element = self.element_mut(&path);
        let original: String = element
            .children
            .iter()
            .map(|node| match node {
                Node::Text(text) => text.as_str(),
                _ => "",
            })
            .collect();
        let value = edge_value(rng, &original);
        let message = format!("set text of {what} from {original:?} to {value:?}");
        element.children = if value.is_empty() {
            Vec::new()
        } else {
            vec![Node::Text(value)]
        };
        Some(message)
    }

    fn text_into_empty(&mut self, rng: &mut fastrand::Rng) -> Option<String> {
        let path = self.pick_path(rng, |_, element| element.children.is_empty())?;
        let text = ["x", " ", "\n  ", "0"][rng.usize(..4)];
        let what = format!("put text {text:?} into {}", self.describe(&path));
        self.element_mut(&path)
            .children
            .push(Node::Text(text.to_owned()));
        Some(what)
    }

    fn replace_root_namespace(&mut self, rng: &mut fastrand::Rng) -> Option<String> {
        let old = self.root.name.namespace.clone();
        let choices: Vec<&str> = OTHER_ROOT_NAMESPACES
            .iter()
            .copied()
            .filter(|uri| Some(*uri) != old.as_deref() && !(uri.is_empty() && old.is_none()))
            .collect();
        let uri = choices[rng.usize(..choices.len())];
        let new = (!uri.is_empty()).then(|| uri.to_owned());
        let everywhere = rng.bool();
        if everywhere {
            rename_namespace(&mut self.root, &old, &new);
        } else {
            self.root.name.namespace = new;
        }
        Some(format!(
            "replace the root namespace {:?} by {uri:?}{}",
            old.as_deref().unwrap_or(""),
            if everywhere { " everywhere" } else { "" }
        ))
    }

    /// Inserts a comment or processing instruction among an element's children, splitting
    /// a text node in two at times, or before or after the root element.
    fn insert_misc(&mut self, rng: &mut fastrand::Rng, node: Node, kind: &str) -> Option<String> {
        if rng.u32(0..8) == 0 {
            if rng.bool() {
                self.before.push(node);
                return Some(format!("insert a {kind} before the root"));
            }
            self.after.push(node);
            return Some(format!("insert a {kind} after the root"));
        }
        let path = self.pick_path(rng, |_, _| true)?;
        let what = self.describe(&path);
        let element = self.element_mut(&path);
        let texts: Vec<usize> = (0..element.children.len())
            .filter(|&i| matches!(&element.children[i], Node::Text(t) if t.chars().count() >= 2))
            .collect();
        if !texts.is_empty() && rng.bool() {
            let index = texts[rng.usize(..texts.len())];
            let Node::Text(text) = &element.children[index] else {
                unreachable!("the index is a text node")
            };
            let chars = text.chars().count();
            let split = text
                .char_indices()
                .nth(rng.usize(1..chars))
                .map_or(text.len(), |(at, _)| at);
            let (head, tail) = (text[..split].to_owned(), text[split..].to_owned());
            element
                .children
                .splice(index..=index, [Node::Text(head), node, Node::Text(tail)]);
            return Some(format!("insert a {kind} inside the text of {what}"));
        }
        let position = rng.usize(..=element.children.len());
        element.children.insert(position, node);
        Some(format!("insert a {kind} into {what} at child {position}"))
    }
}

/// Calls `f` with the path of `element` and of every element below it, in document order.
fn visit(element: &Element, path: &mut ElementPath, f: &mut dyn FnMut(&[usize], &Element)) {
    f(path, element);
    for (index, child) in element.children.iter().enumerate() {
        if let Node::Element(child) = child {
            path.push(index);
            visit(child, path, f);
            path.pop();
        }
    }
}

/// The indices of an element's element children.
fn element_children(element: &Element) -> Vec<usize> {
    (0..element.children.len())
        .filter(|&i| matches!(element.children[i], Node::Element(_)))
        .collect()
}

/// Moves every element in namespace `old` to namespace `new`.
fn rename_namespace(element: &mut Element, old: &Option<String>, new: &Option<String>) {
    if &element.name.namespace == old {
        element.name.namespace = new.clone();
    }
    for child in &mut element.children {
        if let Node::Element(child) = child {
            rename_namespace(child, old, new);
        }
    }
}

impl Element {
    fn from_roxmltree(node: roxmltree::Node, parent: Option<roxmltree::Node>) -> Self {
        let inherited: Vec<(Option<&str>, &str)> = parent
            .map(|parent| {
                parent
                    .namespaces()
                    .map(|ns| (ns.name(), ns.uri()))
                    .collect()
            })
            .unwrap_or_default();
        let declarations = node
            .namespaces()
            .map(|ns| (ns.name(), ns.uri()))
            .filter(|binding| binding.0 != Some("xml") && !inherited.contains(binding))
            .map(|(prefix, uri)| (prefix.map(str::to_owned), uri.to_owned()))
            .collect();
        let attributes = node
            .attributes()
            .map(|attribute| Attribute {
                name: Name::of(attribute.namespace(), attribute.name()),
                value: attribute.value().to_owned(),
            })
            .collect();
        let children = node
            .children()
            .filter_map(|child| Node::from_roxmltree(child, Some(node)))
            .collect();
        Element {
            name: Name::of(node.tag_name().namespace(), node.tag_name().name()),
            declarations,
            attributes,
            children,
        }
    }

    /// Sets an attribute, replacing one of the same name.
    fn set_attribute(&mut self, attribute: Attribute) {
        match self
            .attributes
            .iter_mut()
            .find(|a| a.name == attribute.name)
        {
            Some(existing) => existing.value = attribute.value,
            None => self.attributes.push(attribute),
        }
    }

    /// Writes the element, declaring whatever namespaces its names need.
    fn write(&self, out: &mut String, scope: &mut Scope) {
        let mark = scope.bindings.len();
        scope.bindings.extend(self.declarations.iter().cloned());
        let mut declared = self.declarations.clone();
        let tag = scope.element_name(&self.name, &mut declared);
        let attributes: Vec<(String, &str)> = self
            .attributes
            .iter()
            .map(|attribute| {
                (
                    scope.attribute_name(&attribute.name, &mut declared),
                    attribute.value.as_str(),
                )
            })
            .collect();
        let _ = write!(out, "<{tag}");
        for (prefix, uri) in &declared {
            match prefix {
                Some(prefix) => out.push_str(&format!(" xmlns:{prefix}=\"")),
                None => out.push_str(" xmlns=\""),
            }
            escape_attribute(out, uri);
            out.push('"');
        }
        for (name, value) in attributes {
            let _ = write!(out, " {name}=\"");
            escape_attribute(out, value);
            out.push('"');
        }
        if self.children.is_empty() {
            out.push_str("/>");
        } else {
            out.push('>');
            for child in &self.children {
                child.write(out, scope);
            }
            let _ = write!(out, "</{tag}>");
        }
        scope.bindings.truncate(mark);
    }
}

impl Node {
    fn from_roxmltree(node: roxmltree::Node, parent: Option<roxmltree::Node>) -> Option<Self> {
        match node.node_type() {
            roxmltree::NodeType::Element => {
                Some(Node::Element(Element::from_roxmltree(node, parent)))
            }
            roxmltree::NodeType::Text => Some(Node::Text(node.text()?.to_owned())),
            roxmltree::NodeType::Comment => Some(Node::Comment(node.text()?.to_owned())),
            roxmltree::NodeType::PI => {
                let pi = node.pi()?;
                Some(Node::ProcessingInstruction {
                    target: pi.target.to_owned(),
                    data: pi.value.unwrap_or("").to_owned(),
                })
            }
            roxmltree::NodeType::Root => None,
        }
    }

    fn write(&self, out: &mut String, scope: &mut Scope) {
        match self {
            Node::Element(element) => element.write(out, scope),
            Node::Text(text) => escape_text(out, text),
            Node::Comment(text) => {
                // A comment must not hold `--` nor end with `-`.
                let mut safe = text.replace("--", "- -");
                if safe.ends_with('-') {
                    safe.push(' ');
                }
                let _ = write!(out, "<!--{safe}-->");
            }
            Node::ProcessingInstruction { target, data } => {
                let data = data.replace("?>", "? >");
                if data.is_empty() {
                    let _ = write!(out, "<?{target}?>");
                } else {
                    let _ = write!(out, "<?{target} {data}?>");
                }
            }
        }
    }
}

/// The namespace bindings in scope while writing: innermost last.
#[derive(Debug, Default)]
struct Scope {
    bindings: Vec<(Option<String>, String)>,
}

impl Scope {
    /// The URI bound to a prefix (`None`: the default namespace); `""` when unbound.
    fn lookup(&self, prefix: Option<&str>) -> &str {
        self.bindings
            .iter()
            .rev()
            .find(|(p, _)| p.as_deref() == prefix)
            .map_or("", |(_, uri)| uri.as_str())
    }

    /// A prefix (not the default) currently bound to `uri`.
    fn prefix_for(&self, uri: &str) -> Option<String> {
        self.bindings
            .iter()
            .rev()
            .filter_map(|(prefix, _)| prefix.as_deref())
            .find(|prefix| self.lookup(Some(prefix)) == uri)
            .map(str::to_owned)
    }

    /// Binds a namespace on the element being written: in scope and in its declarations.
    fn declare(
        &mut self,
        prefix: Option<String>,
        uri: &str,
        declared: &mut Vec<(Option<String>, String)>,
    ) {
        declared.retain(|(p, _)| *p != prefix);
        declared.push((prefix.clone(), uri.to_owned()));
        self.bindings.push((prefix, uri.to_owned()));
    }

    /// The qualified name to write for an element, declaring the default namespace when
    /// no binding in scope gives the right one.
    fn element_name(
        &mut self,
        name: &Name,
        declared: &mut Vec<(Option<String>, String)>,
    ) -> String {
        let uri = name.namespace.as_deref().unwrap_or("");
        if self.lookup(None) == uri {
            return name.local.clone();
        }
        if !uri.is_empty() {
            if let Some(prefix) = self.prefix_for(uri) {
                return format!("{prefix}:{}", name.local);
            }
        }
        self.declare(None, uri, declared);
        name.local.clone()
    }

    /// The qualified name to write for an attribute, declaring a prefix when none in scope
    /// is bound to its namespace.
    fn attribute_name(
        &mut self,
        name: &Name,
        declared: &mut Vec<(Option<String>, String)>,
    ) -> String {
        let Some(uri) = name.namespace.as_deref() else {
            return name.local.clone();
        };
        if uri == XML_NAMESPACE {
            return format!("xml:{}", name.local);
        }
        if let Some(prefix) = self.prefix_for(uri) {
            return format!("{prefix}:{}", name.local);
        }
        let prefix = (0..)
            .map(|n| format!("m{n}"))
            .find(|prefix| self.lookup(Some(prefix)).is_empty())
            .unwrap_or_default();
        self.declare(Some(prefix.clone()), uri, declared);
        format!("{prefix}:{}", name.local)
    }
}

/// Writes text content: `&`, `<` and `>` escaped, carriage returns as references so that
/// they survive line-end normalisation.
fn escape_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

/// Writes an attribute value for double quotes: whitespace other than spaces as
/// references so that attribute-value normalisation gives the value back.
fn escape_attribute(out: &mut String, value: &str) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}
