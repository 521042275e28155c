//! `endTagDeriv`: at an element's end tag, the alternatives whose content is complete
//! continue with what follows the element.

use crate::simplify::pattern::{Pattern, PatternId};
use crate::validate::engine::Engine;

impl Engine {
    /// The derivative of `p` by an end tag.
    pub fn end_tag(&mut self, p: PatternId) -> PatternId {
        if let Some(known) = self.memo.end_tag.get(p) {
            return known;
        }
        let result = self.continuations(p, true);
        self.memo.end_tag.insert(p, result);
        result
    }

    /// What follows the element in every alternative, complete or not: for recovering
    /// from an element that ends too early.
    pub fn end_tag_recovering(&mut self, p: PatternId) -> PatternId {
        self.continuations(p, false)
    }

    fn continuations(&mut self, p: PatternId, only_complete: bool) -> PatternId {
        let mut rests = Vec::new();
        for index in 0..self.store.alternative_count(p) {
            let alternative = self.store.alternative(p, index);
            match *self.pattern(alternative) {
                Pattern::After(content, rest) => {
                    if !only_complete || self.store.nullable(content) {
                        rests.push(rest);
                    }
                }
                Pattern::Empty
                | Pattern::NotAllowed
                | Pattern::Text
                | Pattern::Choice(_)
                | Pattern::Interleave(_)
                | Pattern::Group(..)
                | Pattern::OneOrMore(_)
                | Pattern::List(_)
                | Pattern::Data(_)
                | Pattern::DataExcept(..)
                | Pattern::Value(_)
                | Pattern::Attribute(..)
                | Pattern::Element(_) => {}
            }
        }
        self.store.choice_of(rests)
    }
}
