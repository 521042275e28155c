//! Events from a parsed `roxmltree` document: one parse can serve both the session
//! loader and the validator.
//!
//! The walk is iterative, so that a deep document cannot overflow the stack.

use roxmltree::{Document, Node, NodeType};

use super::run::{Name, Position, Run};
use crate::datatypes::NamespaceContext;

/// The namespace bindings in scope at an element.
struct InScope<'a, 'input>(Node<'a, 'input>);

impl NamespaceContext for InScope<'_, '_> {
    fn resolve(&self, prefix: &str) -> Option<&str> {
        let prefix = (!prefix.is_empty()).then_some(prefix);
        self.0.lookup_namespace_uri(prefix)
    }
}

/// Feeds every element, attribute and text of `document` to `run`, in document order.
pub(crate) fn walk(document: &Document<'_>, run: &mut Run<'_>) {
    let text = document.input_text();
    let root = document.root_element();
    let mut stack: Vec<(Node<'_, '_>, bool)> = vec![(root, false)];
    while let Some((node, children_done)) = stack.pop() {
        if children_done {
            run.end_element(Position::Offset(end_tag_offset(text, node)), &InScope(node));
            continue;
        }
        match node.node_type() {
            NodeType::Element => {
                start(node, run);
                stack.push((node, true));
                let children: Vec<Node<'_, '_>> = node.children().collect();
                stack.extend(children.into_iter().rev().map(|child| (child, false)));
            }
            NodeType::Text => {
                run.text(
                    node.text().unwrap_or(""),
                    Position::Offset(node.range().start),
                );
            }
            NodeType::Root | NodeType::Comment | NodeType::PI => {}
        }
    }
}

fn start(node: Node<'_, '_>, run: &mut Run<'_>) {
    let name = node.tag_name();
    let at = Position::Offset(node.range().start);
    run.start_element(
        Name {
            namespace: name.namespace().unwrap_or(""),
            local: name.name(),
        },
        at,
    );
    let scope = InScope(node);
    for attribute in node.attributes() {
        let name = Name {
            namespace: attribute.namespace().unwrap_or(""),
            local: attribute.name(),
        };
        let at = Position::Offset(attribute.range_qname().start);
        run.attribute(name, attribute.value(), at, &scope);
    }
    run.end_attributes(at);
}

/// Where an element's end tag starts; an empty-element tag `<x/>` is its own end.
fn end_tag_offset(text: &str, node: Node<'_, '_>) -> usize {
    let range = node.range();
    let element = &text[range.clone()];
    if element.ends_with("/>") && !node.has_children() {
        return range.start;
    }
    element
        .rfind("</")
        .map_or(range.start, |at| range.start + at)
}
