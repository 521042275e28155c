//! The last pass: the raw schema becomes interned patterns, references expanded, each
//! element made once and its content filled in afterwards (which closes recursive loops).

use rustc_hash::FxHashMap;

use super::pattern::{ElementId, PatternId};
use super::raw::{DefineId, Raw, RawId};
use super::translate::Translated;

struct Builder<'a> {
    translated: &'a mut Translated,
    bodies: &'a [Option<RawId>],
    built: FxHashMap<RawId, PatternId>,
    pending: Vec<(ElementId, RawId)>,
}

/// Builds the pattern of `start` into `translated.store` and returns it.
///
/// Call only once the schema has no problems: every reference then has a body and no
/// definition refers to itself outside an element.
pub fn build(translated: &mut Translated, bodies: &[Option<RawId>], start: DefineId) -> PatternId {
    let mut builder = Builder {
        translated,
        bodies,
        built: FxHashMap::default(),
        pending: Vec::new(),
    };
    let start = builder.define(start);
    while let Some((element, content)) = builder.pending.pop() {
        let content = builder.pattern(content);
        builder.translated.store.set_content(element, content);
    }
    start
}

impl Builder<'_> {
    fn store(&mut self) -> &mut super::Patterns {
        &mut self.translated.store
    }

    fn define(&mut self, define: DefineId) -> PatternId {
        match self.bodies.get(define.0 as usize).copied().flatten() {
            Some(body) => self.pattern(body),
            None => PatternId::NOT_ALLOWED,
        }
    }

    fn pattern(&mut self, id: RawId) -> PatternId {
        if let Some(&built) = self.built.get(&id) {
            return built;
        }
        let built = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.make(id));
        self.built.insert(id, built);
        built
    }

    fn make(&mut self, id: RawId) -> PatternId {
        let raw = self.translated.raw.get(id).clone();
        match raw {
            Raw::Empty => PatternId::EMPTY,
            Raw::NotAllowed => PatternId::NOT_ALLOWED,
            Raw::Text => PatternId::TEXT,
            Raw::Choice(items) => {
                let items: Vec<PatternId> = items.iter().map(|&item| self.pattern(item)).collect();
                self.store().choice_of(items)
            }
            Raw::Interleave(items) => {
                let items: Vec<PatternId> = items.iter().map(|&item| self.pattern(item)).collect();
                self.store().interleave_of(&items)
            }
            Raw::Group(items) => {
                let items: Vec<PatternId> = items.iter().map(|&item| self.pattern(item)).collect();
                items
                    .into_iter()
                    .rev()
                    .fold(PatternId::EMPTY, |rest, item| {
                        self.store().group(item, rest)
                    })
            }
            Raw::OneOrMore(inner) => {
                let inner = self.pattern(inner);
                self.store().one_or_more(inner)
            }
            Raw::List(inner) => {
                let inner = self.pattern(inner);
                self.store().list(inner)
            }
            Raw::Data(datatype, None) => self.store().data(datatype),
            Raw::Data(datatype, Some(except)) => {
                let except = self.pattern(except);
                self.store().data_except(datatype, except)
            }
            Raw::Value(value) => {
                let value = *value;
                self.store().value_pattern(
                    value.datatype,
                    value.value,
                    value.lexical,
                    value.namespaces,
                )
            }
            Raw::Attribute(name_class, value) => {
                let value = self.pattern(value);
                self.store().attribute(name_class, value)
            }
            Raw::Element(name_class, content) => {
                let (element, pattern) = self.store().new_element(name_class);
                self.pending.push((element, content));
                pattern
            }
            Raw::Ref(define) => self.define(define),
        }
    }
}
