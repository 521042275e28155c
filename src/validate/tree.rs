//! Events from a parsed `roxmltree` document: one parse can serve both the session
//! loader and the validator.
//!
//! The walk is iterative, so that a deep document cannot overflow the stack.

use roxmltree::{Document, Node, NodeType};

use super::deriv::is_whitespace;
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
                // Scanned from the start of the text on: a node that roxmltree joined
                // from text and CDATA has the range of its first piece only.
                let start = node.range().start;
                let piece = node.text().unwrap_or("");
                let at = if is_whitespace(piece) {
                    start
                } else {
                    start + first_significant(&text[start..])
                };
                run.text(piece, Position::Offset(at));
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

/// The byte offset, in the source of a text node, of its first character that is not
/// whitespace: past spaces, tabs and line ends, whitespace character references (`&#32;`,
/// `&#x9;`, …) and CDATA markers. roxmltree's text has its references resolved and its
/// line ends normalised, so offsets into it are not offsets into the source.
fn first_significant(source: &str) -> usize {
    const CDATA_START: &str = "<![CDATA[";
    let mut at = 0;
    while let Some(&byte) = source.as_bytes().get(at) {
        let rest = &source[at..];
        let skip = match byte {
            b' ' | b'\t' | b'\r' | b'\n' => 1,
            b'&' => whitespace_reference_len(rest),
            b'<' if rest.starts_with(CDATA_START) => CDATA_START.len(),
            // Outside a CDATA section "]]>" is not allowed, so this one closes a section.
            b']' if rest.starts_with("]]>") => 3,
            _ => 0,
        };
        if skip == 0 {
            break;
        }
        at += skip;
    }
    at
}

/// The length of the character reference at the start of `text` when it stands for
/// whitespace, else 0.
fn whitespace_reference_len(text: &str) -> usize {
    let Some(end) = text.find(';') else {
        return 0;
    };
    let code = match text[..end].strip_prefix("&#x") {
        Some(hex) => u32::from_str_radix(hex, 16).ok(),
        None => text[..end]
            .strip_prefix("&#")
            .and_then(|decimal| decimal.parse().ok()),
    };
    match code {
        Some(0x20 | 0x9 | 0xA | 0xD) => end + 1,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::first_significant;

    #[test]
    fn the_first_significant_character_is_found_in_the_source() {
        assert_eq!(first_significant("x"), 0);
        assert_eq!(first_significant("\r\n\t\tx"), 4);
        assert_eq!(first_significant(" &#32;&#x9;&#xA;x"), 16);
        assert_eq!(first_significant("&#65;"), 0);
        assert_eq!(first_significant("&amp;"), 0);
        assert_eq!(first_significant("<![CDATA[ \n]]> <![CDATA[x]]>"), 24);
        assert_eq!(first_significant(" ]x"), 1);
        assert_eq!(first_significant("  "), 2);
    }
}
