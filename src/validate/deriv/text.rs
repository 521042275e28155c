//! `textDeriv`: what remains of a pattern after a piece of text, and `valueMatch` for
//! attribute values. A pattern that reaches no datatype has the same derivative for any
//! text, which is memoised; the others are computed, since values rarely repeat.

use crate::datatypes::NamespaceContext;
use crate::simplify::pattern::{Flags, Pattern, PatternId};
use crate::validate::engine::Engine;

/// XML's whitespace: space, tab, carriage return, line feed.
pub(crate) fn is_whitespace(text: &str) -> bool {
    text.bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

impl Engine {
    /// The derivative of `p` by the text `text`.
    pub fn text(&mut self, p: PatternId, text: &str, context: &dyn NamespaceContext) -> PatternId {
        if !self.store.flags(p).contains(Flags::TEXT_DEPENDENT) {
            if let Some(known) = self.memo.any_text.get(p) {
                return known;
            }
            let result = self.compute_text(p, text, context);
            self.memo.any_text.insert(p, result);
            return result;
        }
        self.compute_text(p, text, context)
    }

    fn compute_text(
        &mut self,
        p: PatternId,
        text: &str,
        context: &dyn NamespaceContext,
    ) -> PatternId {
        match self.pattern(p).clone() {
            Pattern::Choice(alternatives) => {
                let derived = alternatives
                    .iter()
                    .map(|&alternative| self.text(alternative, text, context))
                    .collect();
                self.store.choice_of(derived)
            }
            Pattern::Interleave(operands) => {
                let mut derived = Vec::new();
                for (index, &operand) in operands.iter().enumerate() {
                    let inner = self.text(operand, text, context);
                    if inner == PatternId::NOT_ALLOWED {
                        continue;
                    }
                    let others = self.interleave_without(p, index);
                    derived.push(self.store.interleave(inner, others));
                }
                self.store.choice_of(derived)
            }
            Pattern::Group(first, second) => {
                let derived = self.text(first, text, context);
                let through_first = self.store.group(derived, second);
                if self.store.nullable(first) {
                    let through_second = self.text(second, text, context);
                    self.store.choice(through_first, through_second)
                } else {
                    through_first
                }
            }
            Pattern::After(content, rest) => {
                let derived = self.text(content, text, context);
                self.store.after(derived, rest)
            }
            Pattern::OneOrMore(inner) => {
                let derived = self.text(inner, text, context);
                let again = self.store.optional(p);
                self.store.group(derived, again)
            }
            Pattern::Text => PatternId::TEXT,
            Pattern::Value(value) => {
                let def = self.store.value(value);
                let datatype = self.store.datatype(def.datatype);
                if datatype.matches_value(&def.value, text, context) {
                    PatternId::EMPTY
                } else {
                    PatternId::NOT_ALLOWED
                }
            }
            Pattern::Data(datatype) => {
                if self.store.datatype(datatype).check(text, context).is_ok() {
                    PatternId::EMPTY
                } else {
                    PatternId::NOT_ALLOWED
                }
            }
            Pattern::DataExcept(datatype, except) => {
                let allowed = self.store.datatype(datatype).check(text, context).is_ok();
                if allowed && !self.value_matches(except, text, context) {
                    PatternId::EMPTY
                } else {
                    PatternId::NOT_ALLOWED
                }
            }
            Pattern::List(items) => {
                if self.list_matches(items, text, context) {
                    PatternId::EMPTY
                } else {
                    PatternId::NOT_ALLOWED
                }
            }
            Pattern::Empty | Pattern::NotAllowed | Pattern::Attribute(..) | Pattern::Element(_) => {
                PatternId::NOT_ALLOWED
            }
        }
    }

    /// Clark's `valueMatch`: whether `value` (an attribute value, or the whole text of a
    /// data element) matches `p`.
    pub fn value_matches(
        &mut self,
        p: PatternId,
        value: &str,
        context: &dyn NamespaceContext,
    ) -> bool {
        match self.pattern(p) {
            Pattern::Data(datatype) => {
                return self.store.datatype(*datatype).check(value, context).is_ok()
            }
            Pattern::Text => return true,
            _ => {}
        }
        if self.store.nullable(p) && is_whitespace(value) {
            return true;
        }
        let derived = self.text(p, value, context);
        self.store.nullable(derived)
    }

    fn list_matches(
        &mut self,
        items: PatternId,
        text: &str,
        context: &dyn NamespaceContext,
    ) -> bool {
        let mut p = items;
        for token in text
            .split([' ', '\t', '\r', '\n'])
            .filter(|token| !token.is_empty())
        {
            p = self.text(p, token, context);
            if p == PatternId::NOT_ALLOWED {
                return false;
            }
        }
        self.store.nullable(p)
    }
}
