//! The derivatives of James Clark's algorithm, one per file, each a method of
//! [`super::engine::Engine`] with an exhaustive `match` over [`Pattern`] kinds.
//!
//! [`Pattern`]: crate::simplify::pattern::Pattern

mod attribute;
mod end_tag;
mod start_tag_close;
mod start_tag_open;
mod text;

pub(crate) use text::is_whitespace;

use crate::simplify::pattern::PatternId;
use crate::validate::engine::{Engine, Then};

impl Engine {
    /// The derivative of the interleave `p` (of `operands`) by a start tag or an attribute,
    /// where `derive` is that derivative: one operand takes the event, the others wait.
    fn interleave_derivative(
        &mut self,
        p: PatternId,
        operands: &[PatternId],
        mut derive: impl FnMut(&mut Engine, PatternId) -> PatternId,
    ) -> PatternId {
        let mut derived = Vec::new();
        for (index, &operand) in operands.iter().enumerate() {
            let inner = derive(self, operand);
            if inner == PatternId::NOT_ALLOWED {
                continue;
            }
            let others = self.interleave_without(p, index);
            derived.push(self.apply_after(inner, Then::InterleaveWith(others)));
        }
        self.store.choice_of(derived)
    }

    /// The derivative of `p = oneOrMore(inner)` by a start tag or an attribute, where
    /// `derive` is that derivative: `inner` takes the event, then `p` may repeat.
    fn one_or_more_derivative(
        &mut self,
        p: PatternId,
        inner: PatternId,
        derive: impl FnOnce(&mut Engine, PatternId) -> PatternId,
    ) -> PatternId {
        let derived = derive(self, inner);
        let again = self.store.optional(p);
        self.apply_after(derived, Then::GroupWith(again))
    }
}
