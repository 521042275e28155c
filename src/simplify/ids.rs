//! The ID-type rules of RELAX NG DTD compatibility (section 4 of that specification), which
//! jing applies to every schema using `xsd:ID`, `xsd:IDREF` or `xsd:IDREFS`:
//!
//! - a datatype with an ID type is the whole value of an attribute, never element content
//!   or part of a larger value;
//! - such an attribute has one name, on an element with one name;
//! - an attribute of an element is of one ID type wherever the schema mentions it.

use rustc_hash::{FxHashMap, FxHashSet};

use super::pattern::{NameClass, NameClassId, NameKey};
use super::raw::{DefineId, Raw, RawId};
use super::translate::Translated;
use crate::datatypes::IdType;

/// Checks the ID-type rules on everything `start` reaches.
pub fn check(translated: &mut Translated, bodies: &[Option<RawId>], start: DefineId) {
    let Some(body) = bodies[start.0 as usize] else {
        return;
    };
    let mut checker = Checker {
        translated,
        bodies,
        seen: FxHashSet::default(),
        types: FxHashMap::default(),
        violations: Vec::new(),
    };
    checker.walk(body, None, false);
    for (at, message) in std::mem::take(&mut checker.violations) {
        let origin = checker.translated.raw.origin(at);
        checker.translated.rule(origin, message);
    }
}

struct Checker<'a> {
    translated: &'a mut Translated,
    bodies: &'a [Option<RawId>],
    seen: FxHashSet<(RawId, Option<NameClassId>, bool)>,
    types: FxHashMap<(NameKey, NameKey), IdType>,
    violations: Vec<(RawId, String)>,
}

impl Checker<'_> {
    /// Walks a pattern inside the element named by `element` (`None` at the top);
    /// `attribute_value` is true for the pattern that is the whole value of an attribute.
    fn walk(&mut self, id: RawId, element: Option<NameClassId>, attribute_value: bool) {
        if !self.seen.insert((id, element, attribute_value)) {
            return;
        }
        let raw = self.translated.raw.get(id).clone();
        match raw {
            Raw::Element(name_class, content) => {
                stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
                    self.walk(content, Some(name_class), false)
                })
            }
            Raw::Attribute(name_class, value) => {
                self.attribute(id, element, name_class, value);
                self.walk(value, element, true);
            }
            Raw::Ref(define) => {
                if let Some(body) = self.bodies.get(define.0 as usize).copied().flatten() {
                    self.walk(body, element, attribute_value);
                }
            }
            Raw::Data(ref datatype, except) => {
                if datatype.id_type() != IdType::Null && !attribute_value {
                    self.misplaced(id);
                }
                if let Some(except) = except {
                    self.walk(except, element, false);
                }
            }
            Raw::Value(ref value) => {
                if value.datatype.id_type() != IdType::Null && !attribute_value {
                    self.misplaced(id);
                }
            }
            Raw::Choice(items) | Raw::Interleave(items) | Raw::Group(items) => {
                for item in items {
                    self.walk(item, element, false);
                }
            }
            Raw::OneOrMore(inner) | Raw::List(inner) => self.walk(inner, element, false),
            Raw::Empty | Raw::NotAllowed | Raw::Text => {}
        }
    }

    fn misplaced(&mut self, at: RawId) {
        self.violations.push((
            at,
            "an ID, IDREF or IDREFS datatype must be the whole value of an attribute".to_owned(),
        ));
    }

    fn attribute(
        &mut self,
        at: RawId,
        element: Option<NameClassId>,
        name_class: NameClassId,
        value: RawId,
    ) {
        let id_type = self.id_type_of(value);
        let names = element
            .and_then(|element| Some((self.single_name(element)?, self.single_name(name_class)?)));
        match names {
            Some(key) => {
                let known = *self.types.entry(key).or_insert(id_type);
                if known != id_type {
                    self.violations.push((
                        at,
                        "this attribute has a different ID type elsewhere in the schema".to_owned(),
                    ));
                }
            }
            None if id_type != IdType::Null => self.violations.push((
                at,
                "an attribute with an ID type must have one name, on an element with one name"
                    .to_owned(),
            )),
            None => {}
        }
    }

    /// The ID type of an attribute's value: that of its datatype when the value is one
    /// datatype or value, else none.
    fn id_type_of(&self, mut value: RawId) -> IdType {
        for _ in 0..self.bodies.len() + 1 {
            match self.translated.raw.get(value) {
                Raw::Data(datatype, _) => return datatype.id_type(),
                Raw::Value(value) => return value.datatype.id_type(),
                Raw::Ref(define) => match self.bodies.get(define.0 as usize).copied().flatten() {
                    Some(body) => value = body,
                    None => return IdType::Null,
                },
                _ => return IdType::Null,
            }
        }
        IdType::Null
    }

    fn single_name(&self, name_class: NameClassId) -> Option<NameKey> {
        match *self.translated.store.name_class(name_class) {
            NameClass::Name(key) => Some(key),
            NameClass::AnyName { .. } | NameClass::NsName { .. } | NameClass::Choice(..) => None,
        }
    }
}
