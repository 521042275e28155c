//! Validation against a RELAX NG schema, by derivatives (James Clark, "An algorithm for
//! RELAX NG validation"), with interned patterns and memoised derivatives so that time is
//! linear in the document.
//!
//! A [`Validator`] consumes a stream of events (start tag with its attributes, text, end
//! tag) from one of two sources: a parsed `roxmltree` document ([`Validator::validate_document`],
//! so one parse can serve the session loader too), or a streaming pull parser
//! ([`Validator::validate_reader`]) that never builds a tree. Both give the same problems
//! at the same positions.

mod deriv;
mod engine;
mod expected;
mod memo;
mod report;
mod run;
mod stream;
mod tracked;
mod tree;

use std::io::Read;
use std::path::Path;

pub use self::report::{Problem, ProblemKind, Report, MAX_LISTED_PROBLEMS};

use self::engine::Engine;
use self::run::Run;
use crate::error::{Error, Result};
use crate::location::TextIndex;
use crate::simplify::{PatternId, Simplified};

/// A validator for one schema. It remembers the derivatives it computes, so one validator
/// reused for many documents gets faster; it is cheap to make one per thread.
#[derive(Debug, Clone)]
pub struct Validator {
    engine: Engine,
    start: PatternId,
}

impl Validator {
    pub(crate) fn new(simplified: &Simplified) -> Validator {
        Validator {
            engine: Engine::new(simplified.store.clone()),
            start: simplified.start,
        }
    }

    /// Validates a parsed document.
    pub fn validate_document(&mut self, document: &roxmltree::Document<'_>) -> Report {
        let positions = TextIndex::new(document.input_text());
        let mut run = Run::new(&mut self.engine, self.start, Some(&positions));
        tree::walk(document, &mut run);
        run.finish()
    }

    /// Validates XML text, streaming (no tree is built).
    ///
    /// Errors: the text is not well-formed XML or uses a DOCTYPE.
    pub fn validate_str(&mut self, text: &str) -> Result<Report> {
        self.validate_reader(text.as_bytes())
    }

    /// Validates XML read from `input`, streaming: memory does not grow with its size.
    ///
    /// Errors: the input cannot be read, is not UTF-8 or UTF-16 with a byte-order mark, is
    /// not well-formed XML, or uses a DOCTYPE.
    pub fn validate_reader(&mut self, input: impl Read) -> Result<Report> {
        let mut run = Run::new(&mut self.engine, self.start, None);
        stream::validate_stream(input, &mut run)?;
        Ok(run.finish())
    }

    /// Validates the XML file at `path`, streaming.
    pub fn validate_path(&mut self, path: &Path) -> Result<Report> {
        let file =
            std::fs::File::open(path).map_err(|error| Error::io(Some(path.to_owned()), error))?;
        self.validate_reader(file)
            .map_err(|error| error.with_path(path))
    }

    /// How many derivatives the validator has remembered.
    pub fn memo_size(&self) -> usize {
        self.engine.memo.len()
    }
}
