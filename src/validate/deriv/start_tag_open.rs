//! `startTagOpenDeriv`: what remains of a pattern once an element of a name starts. Each
//! alternative of the result is `after(content of the element, what follows it)`.

use crate::simplify::pattern::{NameKey, Pattern, PatternId};
use crate::validate::engine::{Engine, Then};

impl Engine {
    /// The derivative of `p` by the start of an element named `name`.
    pub fn start_tag_open(&mut self, p: PatternId, name: NameKey) -> PatternId {
        if let Some(known) = self.memo.start_tag_open.get(p, name) {
            return known;
        }
        let result = self.compute_start_tag_open(p, name);
        self.memo.start_tag_open.insert(p, name, result);
        result
    }

    fn compute_start_tag_open(&mut self, p: PatternId, name: NameKey) -> PatternId {
        match self.pattern(p).clone() {
            Pattern::Choice(alternatives) => {
                let derived = alternatives
                    .iter()
                    .map(|&alternative| self.start_tag_open(alternative, name))
                    .collect();
                self.store.choice_of(derived)
            }
            Pattern::Element(element) => {
                let def = self.store.element(element);
                if self.store.name_class_contains(def.name_class, name) {
                    self.store.after(def.content, PatternId::EMPTY)
                } else {
                    PatternId::NOT_ALLOWED
                }
            }
            Pattern::Interleave(operands) => {
                self.interleave_derivative(p, &operands, |engine, operand| {
                    engine.start_tag_open(operand, name)
                })
            }
            Pattern::OneOrMore(inner) => self.one_or_more_derivative(p, inner, |engine, inner| {
                engine.start_tag_open(inner, name)
            }),
            Pattern::Group(first, second) => {
                let derived = self.start_tag_open(first, name);
                let through_first = self.apply_after(derived, Then::GroupWith(second));
                if self.store.nullable(first) {
                    let through_second = self.start_tag_open(second, name);
                    self.store.choice(through_first, through_second)
                } else {
                    through_first
                }
            }
            Pattern::After(content, rest) => {
                let derived = self.start_tag_open(content, name);
                self.apply_after(derived, Then::After(rest))
            }
            Pattern::Empty
            | Pattern::NotAllowed
            | Pattern::Text
            | Pattern::List(_)
            | Pattern::Data(_)
            | Pattern::DataExcept(..)
            | Pattern::Value(_)
            | Pattern::Attribute(..) => PatternId::NOT_ALLOWED,
        }
    }
}
