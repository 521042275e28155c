//! `startTagCloseDeriv`: once a start tag has no more attributes, every attribute still
//! required makes its alternative impossible. The recovering variant, used after a
//! "missing attribute" error, treats the missing attributes as given instead.

use crate::simplify::pattern::{Flags, Pattern, PatternId};
use crate::validate::engine::Engine;

impl Engine {
    /// The derivative of `p` by the end of the attributes.
    pub fn start_tag_close(&mut self, p: PatternId) -> PatternId {
        self.close(p, false)
    }

    /// Like [`Engine::start_tag_close`], but missing attributes are forgiven.
    pub fn start_tag_close_recovering(&mut self, p: PatternId) -> PatternId {
        self.close(p, true)
    }

    fn close(&mut self, p: PatternId, recovering: bool) -> PatternId {
        if !self.store.flags(p).contains(Flags::HAS_ATTRIBUTES) {
            return p;
        }
        let memo = if recovering {
            &self.memo.start_tag_close_recovering
        } else {
            &self.memo.start_tag_close
        };
        if let Some(known) = memo.get(p) {
            return known;
        }
        let result = self.compute_close(p, recovering);
        let memo = if recovering {
            &mut self.memo.start_tag_close_recovering
        } else {
            &mut self.memo.start_tag_close
        };
        memo.insert(p, result);
        result
    }

    fn compute_close(&mut self, p: PatternId, recovering: bool) -> PatternId {
        match self.pattern(p).clone() {
            Pattern::After(content, rest) => {
                let content = self.close(content, recovering);
                self.store.after(content, rest)
            }
            Pattern::Choice(alternatives) => {
                let closed = alternatives
                    .iter()
                    .map(|&alternative| self.close(alternative, recovering))
                    .collect();
                self.store.choice_of(closed)
            }
            Pattern::Group(first, second) => {
                let first = self.close(first, recovering);
                let second = self.close(second, recovering);
                self.store.group(first, second)
            }
            Pattern::Interleave(operands) => {
                let closed: Vec<PatternId> = operands
                    .iter()
                    .map(|&operand| self.close(operand, recovering))
                    .collect();
                self.store.interleave_of(&closed)
            }
            Pattern::OneOrMore(inner) => {
                let inner = self.close(inner, recovering);
                self.store.one_or_more(inner)
            }
            Pattern::Attribute(..) if recovering => PatternId::EMPTY,
            Pattern::Attribute(..) => PatternId::NOT_ALLOWED,
            Pattern::Empty
            | Pattern::NotAllowed
            | Pattern::Text
            | Pattern::List(_)
            | Pattern::Data(_)
            | Pattern::DataExcept(..)
            | Pattern::Value(_)
            | Pattern::Element(_) => p,
        }
    }
}
