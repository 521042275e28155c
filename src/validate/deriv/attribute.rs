//! The attribute derivative, in two steps so that the step by name can be memoised:
//! `attribute_name` gives alternatives `after(value pattern, what remains)`, and
//! `attribute` keeps the remainders whose value pattern matches the value.

use crate::datatypes::NamespaceContext;
use crate::simplify::pattern::{Flags, NameKey, Pattern, PatternId};
use crate::validate::engine::{Engine, Then};

impl Engine {
    /// The derivative of `p` by an attribute named `name` with the value `value`.
    pub fn attribute(
        &mut self,
        p: PatternId,
        name: NameKey,
        value: &str,
        context: &dyn NamespaceContext,
    ) -> PatternId {
        let by_name = self.attribute_name(p, name);
        // The common case, one attribute of that name allowed: no choice to build.
        if let Pattern::After(value_pattern, rest) = *self.pattern(by_name) {
            return if self.value_matches(value_pattern, value, context) {
                rest
            } else {
                PatternId::NOT_ALLOWED
            };
        }
        let mut remaining = Vec::new();
        for index in 0..self.store.alternative_count(by_name) {
            let alternative = self.store.alternative(by_name, index);
            if let Pattern::After(value_pattern, rest) = *self.pattern(alternative) {
                if self.value_matches(value_pattern, value, context) {
                    remaining.push(rest);
                }
            }
        }
        self.store.choice_of(remaining)
    }

    /// What remains of `p` once an attribute named `name` is matched, whatever its value:
    /// for recovering from a bad value.
    pub fn attribute_ignoring_value(&mut self, p: PatternId, name: NameKey) -> PatternId {
        let by_name = self.attribute_name(p, name);
        let mut remaining = Vec::new();
        for index in 0..self.store.alternative_count(by_name) {
            let alternative = self.store.alternative(by_name, index);
            if let Pattern::After(_, rest) = *self.pattern(alternative) {
                remaining.push(rest);
            }
        }
        self.store.choice_of(remaining)
    }

    /// The derivative of `p` by an attribute's name: a choice of `after(value pattern,
    /// remainder)`, or `notAllowed` when no attribute of that name is allowed.
    pub fn attribute_name(&mut self, p: PatternId, name: NameKey) -> PatternId {
        if !self.store.flags(p).contains(Flags::HAS_ATTRIBUTES) {
            return PatternId::NOT_ALLOWED;
        }
        if let Some(known) = self.memo.attribute_name.get(p, name) {
            return known;
        }
        let result = self.compute_attribute_name(p, name);
        self.memo.attribute_name.insert(p, name, result);
        result
    }

    fn compute_attribute_name(&mut self, p: PatternId, name: NameKey) -> PatternId {
        match self.pattern(p).clone() {
            Pattern::After(content, rest) => {
                let derived = self.attribute_name(content, name);
                self.apply_after(derived, Then::After(rest))
            }
            Pattern::Choice(alternatives) => {
                let derived = alternatives
                    .iter()
                    .map(|&alternative| self.attribute_name(alternative, name))
                    .collect();
                self.store.choice_of(derived)
            }
            Pattern::Group(first, second) => {
                let in_first = self.attribute_name(first, name);
                let in_first = self.apply_after(in_first, Then::GroupWith(second));
                let in_second = self.attribute_name(second, name);
                let in_second = self.apply_after(in_second, Then::GroupAfter(first));
                self.store.choice(in_first, in_second)
            }
            Pattern::Interleave(operands) => {
                self.interleave_derivative(p, &operands, |engine, operand| {
                    engine.attribute_name(operand, name)
                })
            }
            Pattern::OneOrMore(inner) => self.one_or_more_derivative(p, inner, |engine, inner| {
                engine.attribute_name(inner, name)
            }),
            Pattern::Attribute(name_class, value) => {
                if self.store.name_class_contains(name_class, name) {
                    self.store.after(value, PatternId::EMPTY)
                } else {
                    PatternId::NOT_ALLOWED
                }
            }
            Pattern::Empty
            | Pattern::NotAllowed
            | Pattern::Text
            | Pattern::List(_)
            | Pattern::Data(_)
            | Pattern::DataExcept(..)
            | Pattern::Value(_)
            | Pattern::Element(_) => PatternId::NOT_ALLOWED,
        }
    }
}
