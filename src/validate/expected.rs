//! What a pattern would have accepted: the names of elements and attributes that could
//! come next, and those still required, for messages.

use crate::simplify::pattern::{NameClass, NameClassId, Pattern, PatternId};
use crate::validate::engine::Engine;

/// Names still required by a pattern: all of them, or (`one_of`) any one.
#[derive(Debug, Default)]
pub(crate) struct Required {
    pub names: Vec<NameClassId>,
    pub one_of: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Element,
    Attribute,
}

impl Engine {
    /// The name classes of the elements that could start in `p`.
    pub fn possible_elements(&self, p: PatternId) -> Vec<NameClassId> {
        let mut found = Vec::new();
        let mut stack = vec![p];
        let mut seen = rustc_hash::FxHashSet::default();
        while let Some(p) = stack.pop() {
            if !seen.insert(p) {
                continue;
            }
            match self.pattern(p) {
                Pattern::Element(element) => found.push(self.store.element(*element).name_class),
                Pattern::Choice(items) | Pattern::Interleave(items) => stack.extend(items.iter()),
                Pattern::OneOrMore(inner) | Pattern::After(inner, _) => stack.push(*inner),
                Pattern::Group(first, second) => {
                    stack.push(*first);
                    if self.store.nullable(*first) {
                        stack.push(*second);
                    }
                }
                Pattern::Empty
                | Pattern::NotAllowed
                | Pattern::Text
                | Pattern::List(_)
                | Pattern::Data(_)
                | Pattern::DataExcept(..)
                | Pattern::Value(_)
                | Pattern::Attribute(..) => {}
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The elements `p` still requires before it can end.
    pub fn required_elements(&self, p: PatternId) -> Required {
        self.required(p, Kind::Element)
    }

    /// The attributes `p` still requires.
    pub fn required_attributes(&self, p: PatternId) -> Required {
        self.required(p, Kind::Attribute)
    }

    fn required(&self, p: PatternId, kind: Kind) -> Required {
        let mut required = Required::default();
        self.collect_required(p, kind, &mut required, 0);
        required.names.dedup();
        required
    }

    fn collect_required(&self, p: PatternId, kind: Kind, into: &mut Required, depth: usize) {
        // Patterns are a DAG, and content nests only as deep as the document: shallow.
        if depth > 64 {
            return;
        }
        match self.pattern(p) {
            Pattern::Element(element) if kind == Kind::Element => {
                into.names.push(self.store.element(*element).name_class)
            }
            Pattern::Attribute(name_class, _) if kind == Kind::Attribute => {
                into.names.push(*name_class)
            }
            Pattern::Group(first, second) => {
                self.collect_required(*first, kind, into, depth + 1);
                self.collect_required(*second, kind, into, depth + 1);
            }
            Pattern::Interleave(items) => {
                for &item in items.iter() {
                    self.collect_required(item, kind, into, depth + 1);
                }
            }
            Pattern::OneOrMore(inner) | Pattern::After(inner, _) => {
                self.collect_required(*inner, kind, into, depth + 1)
            }
            Pattern::Choice(items) => {
                if items.iter().any(|&item| self.store.nullable(item)) {
                    return;
                }
                let each: Vec<Required> = items
                    .iter()
                    .map(|&item| {
                        let mut one = Required::default();
                        self.collect_required(item, kind, &mut one, depth + 1);
                        one
                    })
                    .collect();
                if each.iter().any(|one| one.names.is_empty()) {
                    return;
                }
                let same = each.windows(2).all(|pair| pair[0].names == pair[1].names);
                for one in each {
                    into.names.extend(one.names);
                }
                into.one_of |= !same;
                into.names.sort_unstable();
                into.names.dedup();
            }
            Pattern::Element(_)
            | Pattern::Attribute(..)
            | Pattern::Empty
            | Pattern::NotAllowed
            | Pattern::Text
            | Pattern::List(_)
            | Pattern::Data(_)
            | Pattern::DataExcept(..)
            | Pattern::Value(_) => {}
        }
    }

    /// The namespaces of the names in a name class, for deciding how to show names.
    pub fn name_class_namespaces(&self, id: NameClassId, into: &mut Vec<String>) {
        match *self.store.name_class(id) {
            NameClass::Name(key) => into.push(
                self.store
                    .names
                    .namespace(key.namespace)
                    .unwrap_or("")
                    .to_owned(),
            ),
            NameClass::NsName { namespace, .. } => into.push(
                self.store
                    .names
                    .namespace(namespace)
                    .unwrap_or("")
                    .to_owned(),
            ),
            NameClass::AnyName { .. } => {}
            NameClass::Choice(first, second) => {
                self.name_class_namespaces(first, into);
                self.name_class_namespaces(second, into);
            }
        }
    }

    /// A name class as a message shows it: `local`, `{namespace}local` when `qualify`,
    /// `{namespace}*`, or `*`; choices as several names.
    pub fn show_name_class(&self, id: NameClassId, qualify: bool, into: &mut Vec<String>) {
        match *self.store.name_class(id) {
            NameClass::Name(key) => {
                let namespace = self.store.names.namespace(key.namespace).unwrap_or("");
                let local = self.store.names.local(key.local).unwrap_or("");
                into.push(show_name(namespace, local, qualify));
            }
            NameClass::NsName { namespace, .. } => {
                let namespace = self.store.names.namespace(namespace).unwrap_or("");
                into.push(format!("{{{namespace}}}*"));
            }
            NameClass::AnyName { .. } => into.push("*".to_owned()),
            NameClass::Choice(first, second) => {
                self.show_name_class(first, qualify, into);
                self.show_name_class(second, qualify, into);
            }
        }
    }
}

/// A name as a message shows it: the local name, or `{namespace}local` when names in the
/// message are in different namespaces.
pub(crate) fn show_name(namespace: &str, local: &str, qualify: bool) -> String {
    if qualify && !namespace.is_empty() {
        format!("{{{namespace}}}{local}")
    } else {
        local.to_owned()
    }
}
