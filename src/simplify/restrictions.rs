//! The restrictions of RELAX NG section 7, checked on the part of the schema that `start`
//! reaches, as the simplified form sees it (references to non-element definitions
//! expanded, `notAllowed` and `empty` propagated as in sections 4.20 and 4.21).
//!
//! - 7.1 prohibited paths: no attribute or element inside an attribute, no element, text,
//!   list or interleave inside a list, only data and values in `data - except`, only
//!   elements at the top of `start`, no attribute in a repeated group; an attribute with a
//!   wildcard name must be repeated;
//! - 7.2 content types: data cannot be mixed with elements or text in a sequence;
//! - 7.3 no attribute may be allowed twice in one group or interleave;
//! - 7.4 the two sides of an interleave cannot share element names or both hold text.

use rustc_hash::{FxHashMap, FxHashSet};

use super::builder::Patterns;
use super::pattern::{NameClass, NameClassId, NameKey};
use super::raw::{DefineId, Raw, RawId};
use super::translate::Translated;

/// What a pattern becomes when `notAllowed` and `empty` are propagated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Simple {
    Empty,
    NotAllowed,
    Other,
}

/// Where in the schema a pattern is, as far as section 7.1 cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
struct Context {
    attribute: bool,
    one_or_more: bool,
    one_or_more_group: bool,
    list: bool,
    data_except: bool,
    start: bool,
}

/// The content type of section 7.2, ordered as the specification orders them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum ContentType {
    Empty,
    Complex,
    Simple,
}

impl ContentType {
    fn groupable(self, other: ContentType) -> bool {
        self == ContentType::Empty
            || other == ContentType::Empty
            || (self == ContentType::Complex && other == ContentType::Complex)
    }
}

struct Checker<'a> {
    translated: &'a mut Translated,
    bodies: &'a [Option<RawId>],
    simple: FxHashMap<RawId, Simple>,
    content_types: FxHashMap<RawId, Option<ContentType>>,
    visited: FxHashSet<(RawId, Context)>,
    elements_done: FxHashSet<RawId>,
}

/// Checks section 7 on everything `start` reaches and records each violation.
pub fn check(translated: &mut Translated, bodies: &[Option<RawId>], start: DefineId) {
    let Some(body) = bodies[start.0 as usize] else {
        return;
    };
    let mut checker = Checker {
        translated,
        bodies,
        simple: FxHashMap::default(),
        content_types: FxHashMap::default(),
        visited: FxHashSet::default(),
        elements_done: FxHashSet::default(),
    };
    let start_context = Context {
        start: true,
        ..Context::default()
    };
    checker.walk(body, start_context);
}

impl Checker<'_> {
    fn raw(&self, id: RawId) -> &Raw {
        self.translated.raw.get(id)
    }

    fn body(&self, define: DefineId) -> Option<RawId> {
        self.bodies.get(define.0 as usize).copied().flatten()
    }

    fn violation(&mut self, id: RawId, message: &str) {
        let origin = self.translated.raw.origin(id);
        self.translated.rule(origin, message);
    }

    fn simple(&mut self, id: RawId) -> Simple {
        if let Some(&known) = self.simple.get(&id) {
            return known;
        }
        // A loop through references is reported elsewhere; meanwhile it counts as a pattern.
        self.simple.insert(id, Simple::Other);
        let result = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.compute_simple(id));
        self.simple.insert(id, result);
        result
    }

    fn compute_simple(&mut self, id: RawId) -> Simple {
        match self.raw(id).clone() {
            Raw::Empty => Simple::Empty,
            Raw::NotAllowed => Simple::NotAllowed,
            Raw::Text | Raw::Data(..) | Raw::Value(_) | Raw::Element(..) => Simple::Other,
            Raw::Attribute(_, inner) | Raw::List(inner) => match self.simple(inner) {
                Simple::NotAllowed => Simple::NotAllowed,
                _ => Simple::Other,
            },
            Raw::OneOrMore(inner) => self.simple(inner),
            Raw::Group(items) | Raw::Interleave(items) => {
                let kinds: Vec<Simple> = items.iter().map(|&item| self.simple(item)).collect();
                if kinds.contains(&Simple::NotAllowed) {
                    Simple::NotAllowed
                } else if kinds.iter().all(|&kind| kind == Simple::Empty) {
                    Simple::Empty
                } else {
                    Simple::Other
                }
            }
            Raw::Choice(items) => {
                let kinds: Vec<Simple> = items.iter().map(|&item| self.simple(item)).collect();
                let remaining: Vec<Simple> = kinds
                    .into_iter()
                    .filter(|&kind| kind != Simple::NotAllowed)
                    .collect();
                if remaining.is_empty() {
                    Simple::NotAllowed
                } else if remaining.iter().all(|&kind| kind == Simple::Empty) {
                    Simple::Empty
                } else {
                    Simple::Other
                }
            }
            Raw::Ref(define) => match self.body(define) {
                Some(body) => self.simple(body),
                None => Simple::Other,
            },
        }
    }

    /// The children that survive simplification.
    fn live_children(&mut self, id: RawId) -> Vec<RawId> {
        let raw = self.raw(id).clone();
        let children = self.translated.raw.children(id);
        match raw {
            Raw::Group(_) | Raw::Interleave(_) => children
                .into_iter()
                .filter(|&child| self.simple(child) != Simple::Empty)
                .collect(),
            Raw::Choice(_) => children
                .into_iter()
                .filter(|&child| self.simple(child) != Simple::NotAllowed)
                .collect(),
            Raw::Data(..) => children
                .into_iter()
                .filter(|&child| self.simple(child) != Simple::NotAllowed)
                .collect(),
            _ => children,
        }
    }

    fn walk(&mut self, id: RawId, context: Context) {
        if self.simple(id) == Simple::NotAllowed || !self.visited.insert((id, context)) {
            return;
        }
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.walk_node(id, context));
    }

    fn walk_node(&mut self, id: RawId, context: Context) {
        let raw = self.raw(id).clone();
        if let Some(message) = prohibited(&raw, context) {
            self.violation(id, message);
            return;
        }
        match raw {
            Raw::Ref(define) => {
                if let Some(body) = self.body(define) {
                    self.walk(body, context);
                }
            }
            Raw::Element(_, content) => self.element(id, content),
            Raw::Attribute(name_class, value) => {
                if !context.one_or_more && self.is_infinite(name_class) {
                    self.violation(
                        id,
                        "an attribute with a wildcard name must be inside \"+\" or \"*\"",
                    );
                }
                self.content_type_of_value(value);
                let inner = Context {
                    attribute: true,
                    ..context
                };
                self.walk(value, inner);
            }
            Raw::Group(_) | Raw::Interleave(_) => {
                let inner = Context {
                    one_or_more_group: context.one_or_more_group || context.one_or_more,
                    ..context
                };
                let children = self.live_children(id);
                self.check_attribute_overlap(&children);
                if matches!(raw, Raw::Interleave(_)) {
                    self.check_interleave(&children);
                }
                for child in children {
                    self.walk(child, inner);
                }
            }
            Raw::OneOrMore(inner) => {
                let repeated = Context {
                    one_or_more: true,
                    ..context
                };
                self.walk(inner, repeated);
            }
            Raw::List(inner) => {
                let in_list = Context {
                    list: true,
                    ..context
                };
                self.walk(inner, in_list);
            }
            Raw::Data(_, Some(except)) => {
                let in_except = Context {
                    data_except: true,
                    ..context
                };
                self.walk(except, in_except);
            }
            Raw::Choice(_) => {
                for child in self.live_children(id) {
                    self.walk(child, context);
                }
            }
            Raw::Data(_, None) | Raw::Value(_) | Raw::Empty | Raw::NotAllowed | Raw::Text => {}
        }
    }

    /// Element content starts a fresh context, and must have a content type.
    fn element(&mut self, id: RawId, content: RawId) {
        if !self.elements_done.insert(id) {
            return;
        }
        if self.content_type(content).is_none() {
            self.violation(
                id,
                "the content of this element mixes data with elements or text",
            );
        }
        self.walk(content, Context::default());
    }

    fn content_type_of_value(&mut self, value: RawId) {
        if self.content_type(value).is_none() {
            self.violation(value, "the value of this attribute mixes data with text");
        }
    }

    fn content_type(&mut self, id: RawId) -> Option<ContentType> {
        if let Some(&known) = self.content_types.get(&id) {
            return known;
        }
        self.content_types.insert(id, Some(ContentType::Complex));
        let result = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.compute_content_type(id));
        self.content_types.insert(id, result);
        result
    }

    fn compute_content_type(&mut self, id: RawId) -> Option<ContentType> {
        match self.raw(id).clone() {
            Raw::Value(_) | Raw::Data(..) | Raw::List(_) => Some(ContentType::Simple),
            Raw::Text | Raw::Element(..) => Some(ContentType::Complex),
            Raw::Empty | Raw::NotAllowed | Raw::Attribute(..) => Some(ContentType::Empty),
            Raw::Ref(define) => match self.body(define) {
                Some(body) => self.content_type(body),
                None => Some(ContentType::Empty),
            },
            Raw::OneOrMore(inner) => {
                let inner = self.content_type(inner)?;
                inner.groupable(inner).then_some(inner)
            }
            Raw::Choice(_) => {
                let mut result = Some(ContentType::Empty);
                for child in self.live_children(id) {
                    let child = self.content_type(child);
                    result = result.zip(child).map(|(a, b)| a.max(b));
                }
                result
            }
            Raw::Group(_) | Raw::Interleave(_) => {
                let mut result = ContentType::Empty;
                for child in self.live_children(id) {
                    let child = self.content_type(child)?;
                    if !result.groupable(child) {
                        return None;
                    }
                    result = result.max(child);
                }
                Some(result)
            }
        }
    }

    /// What occurs in a pattern without entering elements or attribute values: the name
    /// classes of its attributes, of its elements, and whether it holds text.
    fn occurrences(&mut self, id: RawId) -> Occurrences {
        let mut found = Occurrences::default();
        let mut stack = vec![id];
        let mut seen = FxHashSet::default();
        while let Some(id) = stack.pop() {
            if !seen.insert(id) || self.simple(id) == Simple::NotAllowed {
                continue;
            }
            match self.raw(id).clone() {
                Raw::Attribute(name_class, _) => found.attributes.push((name_class, id)),
                Raw::Element(name_class, _) => found.elements.push(name_class),
                Raw::Text => found.text = true,
                Raw::Ref(define) => stack.extend(self.body(define)),
                Raw::Group(_) | Raw::Interleave(_) | Raw::Choice(_) | Raw::OneOrMore(_) => {
                    stack.extend(self.live_children(id))
                }
                Raw::List(_) | Raw::Data(..) | Raw::Value(_) | Raw::Empty | Raw::NotAllowed => {}
            }
        }
        found
    }

    fn check_attribute_overlap(&mut self, children: &[RawId]) {
        let occurrences: Vec<Occurrences> = children
            .iter()
            .map(|&child| self.occurrences(child))
            .collect();
        for (index, earlier) in occurrences.iter().enumerate() {
            for later in &occurrences[index + 1..] {
                for &(first, _) in &earlier.attributes {
                    if let Some(&(_, at)) = later
                        .attributes
                        .iter()
                        .find(|(second, _)| overlap(&self.translated.store, first, *second))
                    {
                        self.violation(at, "this attribute may appear twice in one element");
                        return;
                    }
                }
            }
        }
    }

    fn check_interleave(&mut self, children: &[RawId]) {
        let occurrences: Vec<(RawId, Occurrences)> = children
            .iter()
            .map(|&child| (child, self.occurrences(child)))
            .collect();
        for (index, (_, earlier)) in occurrences.iter().enumerate() {
            for (at, later) in &occurrences[index + 1..] {
                if earlier.text && later.text {
                    self.violation(*at, "both sides of an interleave (\"&\") hold text");
                    return;
                }
                let shared = earlier.elements.iter().any(|&first| {
                    later
                        .elements
                        .iter()
                        .any(|&second| overlap(&self.translated.store, first, second))
                });
                if shared {
                    self.violation(
                        *at,
                        "both sides of an interleave (\"&\") allow an element of the same name",
                    );
                    return;
                }
            }
        }
    }

    fn is_infinite(&self, name_class: NameClassId) -> bool {
        match *self.translated.store.name_class(name_class) {
            NameClass::AnyName { .. } | NameClass::NsName { .. } => true,
            NameClass::Name(_) => false,
            NameClass::Choice(first, second) => self.is_infinite(first) || self.is_infinite(second),
        }
    }
}

#[derive(Debug, Default)]
struct Occurrences {
    attributes: Vec<(NameClassId, RawId)>,
    elements: Vec<NameClassId>,
    text: bool,
}

/// The section 7.1 rule that a pattern breaks in a context, if any.
fn prohibited(raw: &Raw, context: Context) -> Option<&'static str> {
    let in_except = context.data_except;
    match raw {
        Raw::Attribute(..) if context.attribute => Some("an attribute cannot contain an attribute"),
        Raw::Attribute(..) if context.list => Some("a list cannot contain an attribute"),
        Raw::Attribute(..) if in_except => Some("a data exception cannot contain an attribute"),
        Raw::Attribute(..) if context.start => Some("start cannot be an attribute"),
        Raw::Attribute(..) if context.one_or_more_group => {
            Some("an attribute cannot be repeated inside a repeated group or interleave")
        }
        Raw::Element(..) if context.attribute => Some("an attribute cannot contain an element"),
        Raw::Element(..) if context.list => Some("a list cannot contain an element"),
        Raw::Element(..) if in_except => Some("a data exception cannot contain an element"),
        Raw::Text if context.list => Some("a list cannot contain text"),
        Raw::Text if in_except => Some("a data exception cannot contain text"),
        Raw::Text if context.start => Some("start cannot be text"),
        Raw::List(_) if context.list => Some("a list cannot contain a list"),
        Raw::List(_) if in_except => Some("a data exception cannot contain a list"),
        Raw::List(_) if context.start => Some("start cannot be a list"),
        Raw::Interleave(_) if context.list => Some("a list cannot contain an interleave"),
        Raw::Interleave(_) if in_except => Some("a data exception cannot contain an interleave"),
        Raw::Interleave(_) if context.start => Some("start cannot be an interleave"),
        Raw::Group(_) if in_except => Some("a data exception cannot contain a group"),
        Raw::Group(_) if context.start => Some("start cannot be a group"),
        Raw::OneOrMore(_) if in_except => Some("a data exception cannot contain a repetition"),
        Raw::OneOrMore(_) if context.start => Some("start cannot be a repetition"),
        Raw::Empty if in_except => Some("a data exception cannot contain empty"),
        Raw::Empty if context.start => Some("start cannot be empty"),
        Raw::Data(..) if context.start => Some("start cannot be data"),
        Raw::Value(_) if context.start => Some("start cannot be a value"),
        _ => None,
    }
}

/// Whether two name classes share a name: tries each name either mentions, and for
/// wildcards a name that neither mentions (jing's `OverlapDetector`).
pub fn overlap(store: &Patterns, first: NameClassId, second: NameClassId) -> bool {
    let mut candidates = Vec::new();
    representatives(store, first, &mut candidates);
    representatives(store, second, &mut candidates);
    candidates.iter().any(|&name| {
        store.name_class_contains(first, name) && store.name_class_contains(second, name)
    })
}

fn representatives(store: &Patterns, id: NameClassId, into: &mut Vec<NameKey>) {
    match *store.name_class(id) {
        NameClass::AnyName { except } => {
            into.push(NameKey {
                namespace: NameKey::OTHER,
                local: NameKey::OTHER,
            });
            if let Some(except) = except {
                representatives(store, except, into);
            }
        }
        NameClass::NsName { namespace, except } => {
            into.push(NameKey {
                namespace,
                local: NameKey::OTHER,
            });
            if let Some(except) = except {
                representatives(store, except, into);
            }
        }
        NameClass::Name(key) => into.push(key),
        NameClass::Choice(first, second) => {
            representatives(store, first, into);
            representatives(store, second, into);
        }
    }
}
