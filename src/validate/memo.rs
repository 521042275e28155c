//! Memoised derivatives: one table per derivative, keyed by interned pattern (and name),
//! kept for the life of a [`super::Validator`] so that every document it validates
//! profits from the work done for the ones before (after jing's `PatternMemo`).
//!
//! Names are keys of the schema's name table, where every name the schema does not
//! mention is the same key: the tables are bounded by the schema, not by the documents.

use crate::simplify::pattern::{NameKey, PatternId};

/// The memo tables of one validator.
#[derive(Debug, Clone, Default)]
pub(crate) struct Memo {
    pub start_tag_open: PerPatternAndName,
    pub attribute_name: PerPatternAndName,
    pub start_tag_close: PerPattern,
    pub start_tag_close_recovering: PerPattern,
    pub end_tag: PerPattern,
    pub any_text: PerPattern,
}

/// A derivative that depends on the pattern alone, kept in a slot per pattern: an index
/// instead of a hash lookup on every element.
#[derive(Debug, Clone, Default)]
pub(crate) struct PerPattern {
    slots: Vec<Option<PatternId>>,
    filled: usize,
}

impl PerPattern {
    pub fn get(&self, p: PatternId) -> Option<PatternId> {
        self.slots.get(p.index()).copied().flatten()
    }

    pub fn insert(&mut self, p: PatternId, derived: PatternId) {
        if self.slots.len() <= p.index() {
            self.slots.resize(p.index() + 1, None);
        }
        if self.slots[p.index()].replace(derived).is_none() {
            self.filled += 1;
        }
    }

    pub fn len(&self) -> usize {
        self.filled
    }
}

/// A derivative by a name, kept per pattern in a short list: a pattern meets few names,
/// so a scan of its list beats hashing the pair (jing's `PatternMemo` keeps a map per
/// pattern the same way).
#[derive(Debug, Clone, Default)]
pub(crate) struct PerPatternAndName {
    slots: Vec<Vec<(NameKey, PatternId)>>,
    filled: usize,
}

impl PerPatternAndName {
    pub fn get(&self, p: PatternId, name: NameKey) -> Option<PatternId> {
        self.slots
            .get(p.index())?
            .iter()
            .find(|(known, _)| *known == name)
            .map(|&(_, derived)| derived)
    }

    pub fn insert(&mut self, p: PatternId, name: NameKey, derived: PatternId) {
        if self.slots.len() <= p.index() {
            self.slots.resize_with(p.index() + 1, Vec::new);
        }
        self.slots[p.index()].push((name, derived));
        self.filled += 1;
    }

    pub fn len(&self) -> usize {
        self.filled
    }
}

impl Memo {
    /// How many derivatives are stored.
    pub fn len(&self) -> usize {
        self.start_tag_open.len()
            + self.attribute_name.len()
            + self.start_tag_close.len()
            + self.start_tag_close_recovering.len()
            + self.end_tag.len()
            + self.any_text.len()
    }
}
