//! Memoised derivatives: one table per derivative, keyed by interned pattern (and name),
//! kept for the life of a [`super::Validator`] so that every document it validates
//! profits from the work done for the ones before (after jing's `PatternMemo`).
//!
//! Names are keys of the schema's name table, where every name the schema does not
//! mention is the same key: the tables are bounded by the schema, not by the documents.

use rustc_hash::FxHashMap;

use crate::simplify::pattern::{NameKey, PatternId};

/// The memo tables of one validator.
#[derive(Debug, Clone, Default)]
pub(crate) struct Memo {
    pub start_tag_open: FxHashMap<(PatternId, NameKey), PatternId>,
    pub attribute_name: FxHashMap<(PatternId, NameKey), PatternId>,
    pub start_tag_close: FxHashMap<PatternId, PatternId>,
    pub start_tag_close_recovering: FxHashMap<PatternId, PatternId>,
    pub end_tag: FxHashMap<PatternId, PatternId>,
    pub any_text: FxHashMap<PatternId, PatternId>,
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
