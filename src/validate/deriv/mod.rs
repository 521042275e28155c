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
