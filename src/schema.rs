//! RELAX NG schemas: the embedded cineSync session schema, and any schema in the compact
//! syntax, ready to validate documents.
//!
//! ```
//! use cinesync::schema::{session_v3, Schema};
//!
//! let report = session_v3().validate_str(
//!     r#"<session xmlns="http://www.cinesync.com/ns/session/3.0" version="3" sessionFeatures="awesome"/>"#,
//! )?;
//! assert_eq!(
//!     report.problems()[0].message(),
//!     r#"attribute "sessionFeatures": "awesome" is not one of "standard", "pro""#
//! );
//!
//! let schema = Schema::parse_rnc(r#"element shot { attribute frame { xsd:integer { minInclusive = "1" } } }"#)?;
//! assert!(schema.validate_str(r#"<shot frame="12"/>"#)?.is_valid());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::Read;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::error::{Error, Result};
use crate::simplify::frozen::Frozen;
use crate::simplify::{self, FileSystem, NoFiles, Simplified, SourceFile};
pub use crate::simplify::{
    SchemaError, SchemaErrorKind, SchemaFiles, SchemaProblem, SchemaWarning,
};
pub use crate::validate::{Problem, ProblemKind, Report, Validator, MAX_LISTED_PROBLEMS};

/// The compact-syntax text of the cineSync 3 session schema embedded in the crate.
pub const SESSION_V3_RNC: &str = include_str!("../schema/session-v3.rnc");

/// The same schema simplified and frozen (see `simplify::frozen`), which reads back in a
/// fraction of the time parsing takes; a test keeps it equal to [`SESSION_V3_RNC`].
const SESSION_V3_FROZEN: &str = include_str!("../schema/session-v3.frozen.json");

/// A schema, parsed and simplified, ready to validate documents.
///
/// Cloning is cheap (the schema is shared). Each `validate_*` method makes a fresh
/// [`Validator`]; to validate many documents, make one with [`Schema::validator`] and
/// reuse it, so that derivatives computed for one document serve the next.
#[derive(Debug, Clone)]
pub struct Schema {
    simplified: Arc<Simplified>,
}

impl Schema {
    /// Parses a schema written in the compact syntax. It cannot `include` other files: use
    /// [`Schema::load_rnc`] for that.
    pub fn parse_rnc(text: &str) -> Result<Schema, SchemaError> {
        Schema::parse_rnc_with("schema", text, &NoFiles)
    }

    /// Parses a compact-syntax schema named `name` (the name shown in errors), reading the
    /// files it includes through `files`.
    pub fn parse_rnc_with(
        name: &str,
        text: &str,
        files: &dyn SchemaFiles,
    ) -> Result<Schema, SchemaError> {
        let top = SourceFile {
            name: name.to_owned(),
            text: text.to_owned(),
        };
        let simplified = simplify::simplify(top, files)?;
        Ok(Schema {
            simplified: Arc::new(simplified),
        })
    }

    /// Reads and parses a compact-syntax schema file, and the files it includes
    /// (relative to it).
    pub fn load_rnc(path: &Path) -> Result<Schema, SchemaError> {
        let name = path.display().to_string();
        let text = std::fs::read(path)
            .map_err(|source| io_problem(&name, source))
            .and_then(|bytes| {
                crate::xml::decode_utf8(bytes).map_err(|error| {
                    io_problem(
                        &name,
                        std::io::Error::new(std::io::ErrorKind::InvalidData, error.to_string()),
                    )
                })
            })?;
        Schema::parse_rnc_with(&name, &text, &FileSystem)
    }

    /// A validator for this schema, to reuse for many documents.
    pub fn validator(&self) -> Validator {
        Validator::new(&self.simplified)
    }

    /// Things the schema allows but probably does not mean (unused definitions).
    pub fn warnings(&self) -> &[SchemaWarning] {
        &self.simplified.warnings
    }

    /// Validates a parsed document.
    pub fn validate_document(&self, document: &roxmltree::Document<'_>) -> Report {
        self.validator().validate_document(document)
    }

    /// Validates XML text, streaming. Errors: the text is not well-formed XML.
    pub fn validate_str(&self, text: &str) -> Result<Report> {
        self.validator().validate_str(text)
    }

    /// Validates XML from a reader, streaming. Errors: reading fails, or the input is
    /// not well-formed XML.
    pub fn validate_reader(&self, input: impl Read) -> Result<Report> {
        self.validator().validate_reader(input)
    }

    /// Validates an XML file, streaming.
    pub fn validate_path(&self, path: &Path) -> Result<Report, Error> {
        self.validator().validate_path(path)
    }
}

fn io_problem(name: &str, source: std::io::Error) -> SchemaError {
    SchemaError::single(SchemaProblem {
        file: name.to_owned(),
        location: None,
        kind: SchemaErrorKind::Io {
            href: name.to_owned(),
            source,
        },
    })
}

/// The cineSync 3 session schema ([`SESSION_V3_RNC`]), made once.
pub fn session_v3() -> &'static Schema {
    static SCHEMA: OnceLock<Schema> = OnceLock::new();
    SCHEMA.get_or_init(|| match thaw_session_v3() {
        Some(simplified) => Schema {
            simplified: Arc::new(simplified),
        },
        None => parse_session_v3(),
    })
}

fn thaw_session_v3() -> Option<Simplified> {
    serde_json::from_str::<Frozen>(SESSION_V3_FROZEN)
        .ok()?
        .thaw()
}

fn parse_session_v3() -> Schema {
    // The embedded schema is part of the crate, not input: a test proves it parses.
    #[allow(clippy::expect_used)]
    Schema::parse_rnc_with("session-v3.rnc", SESSION_V3_RNC, &NoFiles)
        .expect("the embedded session schema is valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_schema_parses_without_warnings() {
        assert!(parse_session_v3().warnings().is_empty());
    }

    /// The frozen schema must be what the compact syntax gives. After changing the
    /// schema, `CINESYNC_BLESS=1 cargo test --lib frozen` writes it again.
    #[test]
    fn the_frozen_session_schema_is_the_compact_one() {
        let parsed = parse_session_v3();
        let frozen = Frozen::of(&parsed.simplified).expect("the session schema can be frozen");
        let written = serde_json::to_string(&frozen).expect("serialises") + "\n";
        if std::env::var_os("CINESYNC_BLESS").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/session-v3.frozen.json");
            std::fs::write(path, &written).expect("writes the frozen schema");
            return;
        }
        assert!(
            written == SESSION_V3_FROZEN,
            "schema/session-v3.frozen.json is stale: run CINESYNC_BLESS=1 cargo test --lib frozen"
        );
        let thawed = thaw_session_v3().expect("the frozen schema reads back");
        assert_eq!(Frozen::of(&thawed), Some(frozen));
    }
}
