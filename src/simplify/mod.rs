//! Simplification: from the syntax of a schema (and the files it includes) to the
//! interned patterns that the validator derives.
//!
//! The passes, each in its own file, run in order:
//! 1. [`translate`]: syntax to raw patterns: files loaded, prefixes resolved, datatypes
//!    built, grammars and definitions collected;
//! 2. [`combine`]: the parts of each definition combined (`|=`, `&=`), duplicates refused;
//! 3. [`references`]: undefined references, recursion outside elements, unreachable
//!    definitions (a warning);
//! 4. [`restrictions`]: the rules of RELAX NG section 7, and [`ids`]: the ID-type rules of
//!    DTD compatibility;
//! 5. [`build`]: interned patterns, through the smart constructors of [`builder`].

pub mod build;
pub mod builder;
pub mod combine;
pub mod error;
pub mod frozen;
pub mod ids;
pub mod names;
pub mod pattern;
pub mod raw;
pub mod references;
pub mod restrictions;
pub mod translate;

use std::path::{Path, PathBuf};

pub use self::builder::Patterns;
pub use self::error::{SchemaError, SchemaErrorKind, SchemaProblem, SchemaWarning};
pub use self::pattern::PatternId;

/// The id of one schema file among those a schema is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct FileId(pub(crate) u32);

/// A schema file's name and text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name shown in messages (and used to resolve files it includes).
    pub name: String,
    /// The text.
    pub text: String,
}

/// Where the files named by `include` and `external` come from.
pub trait SchemaFiles {
    /// Reads the file that `href` names, from the file named `from`. Returns the file's
    /// name (unique per file: it is how include loops are found) and its text.
    fn read(&self, href: &str, from: &str) -> std::io::Result<(String, String)>;
}

/// Reads included files from the file system, relative to the including file's folder.
#[derive(Debug, Clone, Copy, Default)]
pub struct FileSystem;

impl SchemaFiles for FileSystem {
    fn read(&self, href: &str, from: &str) -> std::io::Result<(String, String)> {
        let path = resolve_href(href, from);
        let bytes = std::fs::read(&path)?;
        let text = crate::xml::decode_utf8(bytes).map_err(|error| {
            std::io::Error::new(std::io::ErrorKind::InvalidData, error.to_string())
        })?;
        Ok((path.display().to_string(), text))
    }
}

/// Refuses every `include` and `external`: for schemas given as text alone.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoFiles;

impl SchemaFiles for NoFiles {
    fn read(&self, href: &str, _from: &str) -> std::io::Result<(String, String)> {
        Err(std::io::Error::new(
            std::io::ErrorKind::Unsupported,
            format!("a schema given as text cannot include \"{href}\"; load it from a file"),
        ))
    }
}

/// The path an `include` href names: a `file:` URL, or a path (percent-escapes decoded)
/// relative to the including file's folder.
fn resolve_href(href: &str, from: &str) -> PathBuf {
    if let Ok(url) = url::Url::parse(href) {
        if let Ok(path) = url.to_file_path() {
            return path;
        }
    }
    let decoded = percent_encoding::percent_decode_str(href).decode_utf8_lossy();
    let relative = Path::new(decoded.as_ref());
    match Path::new(from).parent() {
        Some(folder) if relative.is_relative() => folder.join(relative),
        _ => relative.to_path_buf(),
    }
}

/// A simplified schema: its patterns and start, and warnings about it.
#[derive(Debug, Clone)]
pub struct Simplified {
    /// The patterns.
    pub store: Patterns,
    /// The start pattern.
    pub start: PatternId,
    /// Things allowed but probably not meant.
    pub warnings: Vec<SchemaWarning>,
}

/// Parses and simplifies a schema whose top file is `top`, reading included files
/// through `files`.
pub fn simplify(top: SourceFile, files: &dyn SchemaFiles) -> Result<Simplified, SchemaError> {
    let parsed = match crate::rnc::parse(&top.text) {
        Ok(parsed) => parsed,
        Err(error) => {
            return Err(SchemaError::single(SchemaProblem {
                file: top.name,
                location: Some(error.location()),
                kind: SchemaErrorKind::Syntax(error),
            }))
        }
    };
    let mut translated = translate::translate(files, top, parsed);
    let bodies = combine::combine_definitions(&mut translated);
    let start = translated.grammars[0].start;
    let (reached, warnings) = references::reachable(&translated, &bodies, start);
    references::check_recursion(&mut translated, &bodies, &reached);
    if translated.problems.is_empty() {
        restrictions::check(&mut translated, &bodies, start);
        ids::check(&mut translated, &bodies, start);
    }
    if !translated.problems.is_empty() {
        let mut problems = std::mem::take(&mut translated.problems);
        problems.sort_by(|a, b| (&a.file, a.location).cmp(&(&b.file, b.location)));
        return Err(SchemaError::from_problems(problems));
    }
    let start = build::build(&mut translated, &bodies, start);
    Ok(Simplified {
        store: translated.store,
        start,
        warnings,
    })
}
