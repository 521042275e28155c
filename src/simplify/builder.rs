//! The pattern store: an arena of interned patterns with smart constructors that keep
//! every pattern in a canonical form (after jing's `PatternBuilder`).
//!
//! The constructors apply the algebra that keeps derivatives small: `notAllowed` absorbs
//! groups and interleaves and vanishes from choices, `empty` vanishes from groups and
//! interleaves, choices are flat sorted sets without duplicates, and `after` with
//! `notAllowed` on either side is `notAllowed`. Without this, validating against an
//! interleave-heavy schema can grow exponentially.

use rustc_hash::FxHashMap;

use super::names::NameTable;
use super::pattern::{
    DatatypeId, ElementDef, ElementId, Flags, NameClass, NameClassId, NameKey, Pattern, PatternId,
    ValueId,
};
use crate::datatypes::{Datatype, NamespaceContext, Value};

/// A value written in a schema's `value` pattern, with what is needed to compare it.
#[derive(Debug, Clone)]
pub struct ValueDef {
    /// Its datatype.
    pub datatype: DatatypeId,
    /// Its value, as the datatype parsed it.
    pub value: Value,
    /// The literal as written, for messages.
    pub lexical: String,
    /// The namespace bindings where it was written (a `QName` value needs them).
    pub namespaces: SchemaNamespaces,
}

/// The prefixes bound where a value is written in a schema.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchemaNamespaces {
    bindings: Vec<(String, String)>,
}

impl SchemaNamespaces {
    /// Bindings from (prefix, URI) pairs; `""` is the default namespace.
    pub fn new(bindings: Vec<(String, String)>) -> SchemaNamespaces {
        SchemaNamespaces { bindings }
    }

    /// The (prefix, URI) pairs.
    #[cfg(test)]
    pub fn bindings(&self) -> &[(String, String)] {
        &self.bindings
    }
}

impl NamespaceContext for SchemaNamespaces {
    fn resolve(&self, prefix: &str) -> Option<&str> {
        self.bindings
            .iter()
            .rev()
            .find(|(bound, _)| bound == prefix)
            .map(|(_, uri)| uri.as_str())
    }
}

/// The arena of patterns, name classes, elements, datatypes and values of one schema.
///
/// A validator clones the schema's store and adds the derivative patterns it builds.
#[derive(Debug, Clone)]
pub struct Patterns {
    patterns: Vec<Pattern>,
    flags: Vec<Flags>,
    interned: FxHashMap<Pattern, PatternId>,
    name_classes: Vec<NameClass>,
    interned_name_classes: FxHashMap<NameClass, NameClassId>,
    elements: Vec<ElementDef>,
    datatypes: Vec<Datatype>,
    values: Vec<ValueDef>,
    uses_ids: bool,
    /// The namespaces and local names of the schema.
    pub names: NameTable,
}

impl Default for Patterns {
    fn default() -> Patterns {
        Patterns::new()
    }
}

impl Patterns {
    /// A store holding only `empty`, `notAllowed` and `text`.
    pub fn new() -> Patterns {
        let mut store = Patterns {
            patterns: Vec::new(),
            flags: Vec::new(),
            interned: FxHashMap::default(),
            name_classes: Vec::new(),
            interned_name_classes: FxHashMap::default(),
            elements: Vec::new(),
            datatypes: Vec::new(),
            values: Vec::new(),
            uses_ids: false,
            names: NameTable::default(),
        };
        for (pattern, id) in [
            (Pattern::Empty, PatternId::EMPTY),
            (Pattern::NotAllowed, PatternId::NOT_ALLOWED),
            (Pattern::Text, PatternId::TEXT),
        ] {
            let interned = store.intern(pattern);
            debug_assert_eq!(interned, id);
        }
        store
    }

    /// How many patterns there are (the constants included).
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// How many name classes there are.
    #[cfg(test)]
    pub fn name_class_count(&self) -> usize {
        self.name_classes.len()
    }

    /// How many datatypes there are.
    #[cfg(test)]
    pub fn datatype_count(&self) -> usize {
        self.datatypes.len()
    }

    /// How many values there are.
    #[cfg(test)]
    pub fn value_count(&self) -> usize {
        self.values.len()
    }

    /// Datatype number `index`.
    #[cfg(test)]
    pub fn datatype_at(&self, index: usize) -> &Datatype {
        &self.datatypes[index]
    }

    /// Datatype number `index`, if there is one.
    pub fn datatype_by_index(&self, index: usize) -> Option<&Datatype> {
        self.datatypes.get(index)
    }

    /// Value number `index`.
    #[cfg(test)]
    pub fn value_at(&self, index: usize) -> &ValueDef {
        &self.values[index]
    }

    /// Appends a datatype, as a frozen schema is read back.
    pub(crate) fn push_datatype(&mut self, datatype: Datatype) {
        self.uses_ids |= datatype.id_type() != crate::datatypes::IdType::Null;
        self.datatypes.push(datatype);
    }

    /// Appends a value, as a frozen schema is read back.
    pub(crate) fn push_value(
        &mut self,
        datatype: u32,
        value: Value,
        lexical: String,
        namespaces: SchemaNamespaces,
    ) {
        self.values.push(ValueDef {
            datatype: DatatypeId(datatype),
            value,
            lexical,
            namespaces,
        });
    }

    /// Appends elements, as a frozen schema is read back.
    pub(crate) fn push_elements(&mut self, elements: Vec<ElementDef>) {
        self.elements.extend(elements);
    }

    /// Interns a pattern read back from a frozen schema, whose parts must already be
    /// there; `None` when one is not.
    pub(crate) fn intern_frozen(&mut self, pattern: Pattern) -> Option<PatternId> {
        let count = self.patterns.len();
        let known = |id: &PatternId| id.index() < count;
        let sound = match &pattern {
            Pattern::Empty | Pattern::NotAllowed | Pattern::Text => true,
            Pattern::Choice(items) | Pattern::Interleave(items) => items.iter().all(known),
            Pattern::Group(a, b) | Pattern::After(a, b) => known(a) && known(b),
            Pattern::OneOrMore(a) | Pattern::List(a) => known(a),
            Pattern::Data(datatype) => (datatype.0 as usize) < self.datatypes.len(),
            Pattern::DataExcept(datatype, a) => {
                (datatype.0 as usize) < self.datatypes.len() && known(a)
            }
            Pattern::Value(value) => (value.0 as usize) < self.values.len(),
            Pattern::Attribute(name_class, a) => {
                (name_class.0 as usize) < self.name_classes.len() && known(a)
            }
            Pattern::Element(element) => (element.0 as usize) < self.elements.len(),
        };
        sound.then(|| self.intern(pattern))
    }

    /// The pattern with this id.
    pub fn get(&self, id: PatternId) -> &Pattern {
        &self.patterns[id.index()]
    }

    pub(crate) fn flags(&self, id: PatternId) -> Flags {
        self.flags[id.index()]
    }

    /// Whether the pattern matches empty content with no attributes.
    pub fn nullable(&self, id: PatternId) -> bool {
        self.flags(id).contains(Flags::NULLABLE)
    }

    /// The name class with this id.
    pub fn name_class(&self, id: NameClassId) -> &NameClass {
        &self.name_classes[id.0 as usize]
    }

    /// The element with this id.
    pub fn element(&self, id: ElementId) -> ElementDef {
        self.elements[id.0 as usize]
    }

    /// Every element of the schema.
    pub fn elements(&self) -> impl Iterator<Item = (ElementId, ElementDef)> + '_ {
        self.elements
            .iter()
            .enumerate()
            .map(|(index, def)| (ElementId(index as u32), *def))
    }

    /// The datatype with this id.
    pub fn datatype(&self, id: DatatypeId) -> &Datatype {
        &self.datatypes[id.0 as usize]
    }

    /// The value with this id.
    pub fn value(&self, id: ValueId) -> &ValueDef {
        &self.values[id.0 as usize]
    }

    fn intern(&mut self, pattern: Pattern) -> PatternId {
        if let Some(&id) = self.interned.get(&pattern) {
            return id;
        }
        let id = PatternId(u32::try_from(self.patterns.len()).unwrap_or(u32::MAX));
        let flags = self.compute_flags(&pattern);
        self.patterns.push(pattern.clone());
        self.flags.push(flags);
        self.interned.insert(pattern, id);
        id
    }

    fn compute_flags(&self, pattern: &Pattern) -> Flags {
        // A sequence or interleave is nullable when all its parts are; it reaches text or
        // attributes when any part does.
        let all = |ids: &[PatternId]| {
            let reached = ids.iter().fold(Flags::default(), |acc, &id| {
                acc.union(self.flags(id).without(Flags::NULLABLE))
            });
            if ids.iter().all(|&id| self.nullable(id)) {
                reached.union(Flags::NULLABLE)
            } else {
                reached
            }
        };
        match pattern {
            Pattern::Empty | Pattern::Text => Flags::NULLABLE,
            Pattern::NotAllowed | Pattern::Element(_) => Flags::default(),
            Pattern::Choice(alternatives) => alternatives
                .iter()
                .fold(Flags::default(), |acc, &id| acc.union(self.flags(id))),
            Pattern::Interleave(operands) => all(operands),
            Pattern::Group(first, second) => all(&[*first, *second]),
            Pattern::OneOrMore(inner) => self.flags(*inner),
            Pattern::List(_) | Pattern::Data(_) | Pattern::DataExcept(..) | Pattern::Value(_) => {
                Flags::TEXT_DEPENDENT
            }
            Pattern::Attribute(..) => Flags::HAS_ATTRIBUTES,
            Pattern::After(content, _) => self.flags(*content).without(Flags::NULLABLE),
        }
    }

    /// `p1 | p2`.
    pub fn choice(&mut self, first: PatternId, second: PatternId) -> PatternId {
        if first == second || second == PatternId::NOT_ALLOWED {
            return first;
        }
        if first == PatternId::NOT_ALLOWED {
            return second;
        }
        self.choice_of(vec![first, second])
    }

    /// The choice of any number of alternatives (`notAllowed` when there are none).
    pub fn choice_of(&mut self, members: Vec<PatternId>) -> PatternId {
        let mut alternatives = Vec::with_capacity(members.len());
        for member in members {
            self.push_alternatives(member, &mut alternatives);
        }
        alternatives.retain(|&id| id != PatternId::NOT_ALLOWED);
        alternatives.sort_unstable();
        alternatives.dedup();
        // `empty | p` is `p` when `p` already matches the empty sequence.
        if alternatives.len() > 1
            && alternatives[0] == PatternId::EMPTY
            && alternatives[1..].iter().any(|&id| self.nullable(id))
        {
            alternatives.remove(0);
        }
        match alternatives.len() {
            0 => PatternId::NOT_ALLOWED,
            1 => alternatives[0],
            _ => self.intern(Pattern::Choice(alternatives.into_boxed_slice())),
        }
    }

    fn push_alternatives(&self, id: PatternId, into: &mut Vec<PatternId>) {
        match self.get(id) {
            Pattern::Choice(alternatives) => into.extend_from_slice(alternatives),
            _ => into.push(id),
        }
    }

    /// How many alternatives a pattern has: its members when it is a choice, else one.
    pub fn alternative_count(&self, id: PatternId) -> usize {
        match self.get(id) {
            Pattern::Choice(alternatives) => alternatives.len(),
            _ => 1,
        }
    }

    /// Alternative `index` of a pattern (see [`Patterns::alternative_count`]).
    pub fn alternative(&self, id: PatternId, index: usize) -> PatternId {
        match self.get(id) {
            Pattern::Choice(alternatives) => alternatives[index],
            _ => id,
        }
    }

    /// `p1 & p2`.
    pub fn interleave(&mut self, first: PatternId, second: PatternId) -> PatternId {
        if first == PatternId::NOT_ALLOWED || second == PatternId::NOT_ALLOWED {
            return PatternId::NOT_ALLOWED;
        }
        if first == PatternId::EMPTY {
            return second;
        }
        if second == PatternId::EMPTY {
            return first;
        }
        let mut operands = Vec::new();
        self.push_operands(first, &mut operands);
        self.push_operands(second, &mut operands);
        operands.sort_unstable();
        // `text & text` is `text`.
        let mut seen_text = false;
        operands.retain(|&id| {
            let duplicate_text = id == PatternId::TEXT && seen_text;
            seen_text |= id == PatternId::TEXT;
            !duplicate_text
        });
        if operands.len() == 1 {
            return operands[0];
        }
        self.intern(Pattern::Interleave(operands.into_boxed_slice()))
    }

    /// The interleave of operands (`empty` when there are none).
    pub fn interleave_of(&mut self, operands: &[PatternId]) -> PatternId {
        operands
            .iter()
            .fold(PatternId::EMPTY, |acc, &id| self.interleave(acc, id))
    }

    fn push_operands(&self, id: PatternId, into: &mut Vec<PatternId>) {
        match self.get(id) {
            Pattern::Interleave(operands) => into.extend_from_slice(operands),
            _ => into.push(id),
        }
    }

    /// `p1, p2`.
    pub fn group(&mut self, first: PatternId, second: PatternId) -> PatternId {
        if first == PatternId::NOT_ALLOWED || second == PatternId::NOT_ALLOWED {
            return PatternId::NOT_ALLOWED;
        }
        if first == PatternId::EMPTY {
            return second;
        }
        if second == PatternId::EMPTY {
            return first;
        }
        if let Pattern::Group(head, tail) = *self.get(first) {
            let rest = self.group(tail, second);
            return self.group(head, rest);
        }
        self.intern(Pattern::Group(first, second))
    }

    /// `p+`.
    pub fn one_or_more(&mut self, inner: PatternId) -> PatternId {
        match self.get(inner) {
            Pattern::NotAllowed | Pattern::Empty | Pattern::Text | Pattern::OneOrMore(_) => inner,
            _ => self.intern(Pattern::OneOrMore(inner)),
        }
    }

    /// `p?`, that is `p | empty`.
    pub fn optional(&mut self, inner: PatternId) -> PatternId {
        self.choice(inner, PatternId::EMPTY)
    }

    /// `list { p }`.
    pub fn list(&mut self, inner: PatternId) -> PatternId {
        if inner == PatternId::NOT_ALLOWED {
            return inner;
        }
        self.intern(Pattern::List(inner))
    }

    /// A datatype (stored once however often it is used).
    pub fn data(&mut self, datatype: Datatype) -> PatternId {
        let id = self.add_datatype(datatype);
        self.intern(Pattern::Data(id))
    }

    /// A datatype minus the values matching `except`.
    pub fn data_except(&mut self, datatype: Datatype, except: PatternId) -> PatternId {
        let id = self.add_datatype(datatype);
        if except == PatternId::NOT_ALLOWED {
            return self.intern(Pattern::Data(id));
        }
        self.intern(Pattern::DataExcept(id, except))
    }

    /// Whether any datatype of the schema is an ID, IDREF or IDREFS (which a validator
    /// must then track).
    pub fn uses_ids(&self) -> bool {
        self.uses_ids
    }

    fn add_datatype(&mut self, datatype: Datatype) -> DatatypeId {
        self.uses_ids |= datatype.id_type() != crate::datatypes::IdType::Null;
        let index = match self.datatypes.iter().position(|known| *known == datatype) {
            Some(index) => index,
            None => {
                self.datatypes.push(datatype);
                self.datatypes.len() - 1
            }
        };
        DatatypeId(index as u32)
    }

    /// A `value` pattern.
    pub fn value_pattern(
        &mut self,
        datatype: Datatype,
        value: Value,
        lexical: String,
        namespaces: SchemaNamespaces,
    ) -> PatternId {
        let datatype = self.add_datatype(datatype);
        let existing = self.values.iter().position(|known| {
            known.datatype == datatype && known.lexical == lexical && known.namespaces == namespaces
        });
        let index = existing.unwrap_or_else(|| {
            self.values.push(ValueDef {
                datatype,
                value,
                lexical,
                namespaces,
            });
            self.values.len() - 1
        });
        self.intern(Pattern::Value(ValueId(index as u32)))
    }

    /// An attribute.
    pub fn attribute(&mut self, name_class: NameClassId, value: PatternId) -> PatternId {
        self.intern(Pattern::Attribute(name_class, value))
    }

    /// A new element whose content is set later with [`Patterns::set_content`].
    pub fn new_element(&mut self, name_class: NameClassId) -> (ElementId, PatternId) {
        let id = ElementId(self.elements.len() as u32);
        self.elements.push(ElementDef {
            name_class,
            content: PatternId::NOT_ALLOWED,
        });
        (id, self.intern(Pattern::Element(id)))
    }

    /// Sets the content of an element made by [`Patterns::new_element`].
    pub fn set_content(&mut self, element: ElementId, content: PatternId) {
        self.elements[element.0 as usize].content = content;
    }

    /// `after(p1, p2)`: validation state inside an element.
    pub fn after(&mut self, content: PatternId, rest: PatternId) -> PatternId {
        if content == PatternId::NOT_ALLOWED || rest == PatternId::NOT_ALLOWED {
            return PatternId::NOT_ALLOWED;
        }
        self.intern(Pattern::After(content, rest))
    }

    /// Interns a name class.
    pub fn add_name_class(&mut self, name_class: NameClass) -> NameClassId {
        if let Some(&id) = self.interned_name_classes.get(&name_class) {
            return id;
        }
        let id = NameClassId(self.name_classes.len() as u32);
        self.name_classes.push(name_class.clone());
        self.interned_name_classes.insert(name_class, id);
        id
    }

    /// Whether a name is in a name class.
    pub fn name_class_contains(&self, id: NameClassId, name: NameKey) -> bool {
        match *self.name_class(id) {
            NameClass::AnyName { except } => {
                except.is_none_or(|except| !self.name_class_contains(except, name))
            }
            NameClass::NsName { namespace, except } => {
                namespace == name.namespace
                    && except.is_none_or(|except| !self.name_class_contains(except, name))
            }
            NameClass::Name(key) => key == name && key.local != NameKey::OTHER,
            NameClass::Choice(first, second) => {
                self.name_class_contains(first, name) || self.name_class_contains(second, name)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn element(store: &mut Patterns, local: &str) -> PatternId {
        let key = NameKey {
            namespace: store.names.add_namespace(""),
            local: store.names.add_local(local),
        };
        let name_class = store.add_name_class(NameClass::Name(key));
        store.new_element(name_class).1
    }

    #[test]
    fn choices_are_flat_sorted_sets() {
        let mut store = Patterns::new();
        let (a, b, c) = (
            element(&mut store, "a"),
            element(&mut store, "b"),
            element(&mut store, "c"),
        );
        let ab = store.choice(a, b);
        let nested = store.choice_of(vec![c, ab, PatternId::NOT_ALLOWED, a]);
        assert_eq!(
            store.get(nested),
            &Pattern::Choice(vec![a, b, c].into_boxed_slice())
        );
        assert_eq!(store.choice(ab, c), nested);
        assert_eq!(store.choice_of(Vec::new()), PatternId::NOT_ALLOWED);
        // `empty` is absorbed by a nullable alternative.
        let text_or_empty = store.choice(PatternId::TEXT, PatternId::EMPTY);
        assert_eq!(text_or_empty, PatternId::TEXT);
    }

    #[test]
    fn interleaves_and_groups_have_one_form() {
        let mut store = Patterns::new();
        let (a, b, c) = (
            element(&mut store, "a"),
            element(&mut store, "b"),
            element(&mut store, "c"),
        );
        let ab = store.interleave(a, b);
        let left = store.interleave(ab, c);
        let bc = store.interleave(b, c);
        let right = store.interleave(a, bc);
        assert_eq!(left, right);
        assert_eq!(
            store.interleave(PatternId::TEXT, PatternId::TEXT),
            PatternId::TEXT
        );
        assert_eq!(
            store.interleave(a, PatternId::NOT_ALLOWED),
            PatternId::NOT_ALLOWED
        );
        let ab = store.group(a, b);
        let left = store.group(ab, c);
        let bc = store.group(b, c);
        assert_eq!(left, store.group(a, bc));
        assert_eq!(store.group(PatternId::EMPTY, a), a);
        assert_eq!(
            store.after(PatternId::NOT_ALLOWED, a),
            PatternId::NOT_ALLOWED
        );
    }

    #[test]
    fn flags_say_what_a_pattern_reaches() {
        let mut store = Patterns::new();
        let a = element(&mut store, "a");
        let any = store.add_name_class(NameClass::AnyName { except: None });
        let attribute = store.attribute(any, PatternId::TEXT);
        let optional = store.optional(attribute);
        assert!(store.nullable(optional));
        assert!(store.flags(optional).contains(Flags::HAS_ATTRIBUTES));
        let group = store.group(a, PatternId::TEXT);
        assert!(!store.nullable(group));
        assert!(!store.flags(group).contains(Flags::TEXT_DEPENDENT));
    }
}
