//! The derivative engine: a pattern store and the memo tables that go with it.
//!
//! Each derivative lives in its own file under `deriv/` as methods of [`Engine`].

use super::memo::Memo;
use crate::simplify::pattern::{Pattern, PatternId};
use crate::simplify::Patterns;

/// The patterns of a schema and the derivatives computed from them so far.
#[derive(Debug, Clone)]
pub(crate) struct Engine {
    pub store: Patterns,
    pub memo: Memo,
}

/// What to do with the pattern that follows the content of an `after`: the function
/// `applyAfter` applies to each alternative's second half.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Then {
    /// `x` becomes `group(x, p)`.
    GroupWith(PatternId),
    /// `x` becomes `group(p, x)`.
    GroupAfter(PatternId),
    /// `x` becomes `interleave(x, p)`.
    InterleaveWith(PatternId),
    /// `x` becomes `after(x, p)`.
    After(PatternId),
}

impl Engine {
    pub fn new(store: Patterns) -> Engine {
        Engine {
            store,
            memo: Memo::default(),
        }
    }

    pub fn pattern(&self, id: PatternId) -> &Pattern {
        self.store.get(id)
    }

    fn then(&mut self, then: Then, x: PatternId) -> PatternId {
        match then {
            Then::GroupWith(p) => self.store.group(x, p),
            Then::GroupAfter(p) => self.store.group(p, x),
            Then::InterleaveWith(p) => self.store.interleave(x, p),
            Then::After(p) => self.store.after(x, p),
        }
    }

    /// James Clark's `applyAfter`: every alternative of `p` is an `after(content, rest)`;
    /// `rest` is transformed by `then`.
    pub fn apply_after(&mut self, p: PatternId, then: Then) -> PatternId {
        let mut result = Vec::new();
        for index in 0..self.store.alternative_count(p) {
            let alternative = self.store.alternative(p, index);
            if let Pattern::After(content, rest) = *self.pattern(alternative) {
                let rest = self.then(then, rest);
                result.push(self.store.after(content, rest));
            }
        }
        self.store.choice_of(result)
    }

    /// The operands of an interleave other than the one at `index`, interleaved.
    pub fn interleave_without(&mut self, p: PatternId, index: usize) -> PatternId {
        let Pattern::Interleave(operands) = self.pattern(p) else {
            return PatternId::EMPTY;
        };
        let others: Vec<PatternId> = operands
            .iter()
            .enumerate()
            .filter(|&(at, _)| at != index)
            .map(|(_, &id)| id)
            .collect();
        self.store.interleave_of(&others)
    }
}
