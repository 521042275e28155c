//! The RELAX NG compact syntax: parsing one schema file into a syntax tree.
//!
//! [`parse`] reads the text of one `.rnc` file (the 2002 OASIS compact syntax) into an
//! [`ast::SchemaFile`]. It does not follow `include` or `external`, and does not resolve
//! prefixes: that is [`crate::simplify`]'s work.
//!
//! Parsing runs in six steps: the `\x{…}` escapes are replaced (`escape.rs`), bracket
//! nesting is bounded ([`MAX_DEPTH`]), comments are blanked (`comments.rs`), the pest grammar (`rnc.pest`) reads the text, the
//! lowering (`lower.rs`) turns pest's pairs into the tree, and the annotations it drops
//! are checked (`annotations.rs`). The tree prints back as compact syntax with `Display`.
//!
//! The parser accepts and refuses what jing's (and so trang's) parser does, with these
//! differences:
//! - Brackets nested deeper than [`MAX_DEPTH`] are refused; jing has no limit but runs
//!   out of stack somewhere past a few thousand levels.
//! - Names use the XML 1.0 fifth-edition name characters, as XML parsers do today; jing
//!   uses the second edition's tables, which leave out many characters outside ASCII
//!   (`😀`, U+FEFF, a combining mark such as U+0483 at the start of a name).
//! - Prefixes of names, datatypes and `inherit =` are kept as written, and nothing is
//!   checked of what they stand for (declared, bound to the right namespace), nor of
//!   name-class exceptions (`* - *`): the simplifier does that, as the tree keeps all of
//!   it. The prefixes of annotations, which the tree drops, are checked here.

mod annotations;
pub mod ast;
mod comments;
mod depth;
mod display;
mod error;
mod escape;
mod expected;
mod lower;

pub use depth::MAX_DEPTH;
pub use error::SyntaxError;

/// Parses the text of one compact-syntax schema file.
///
/// Errors carry the line:column where parsing stopped and what was expected there, in
/// the text as written.
///
/// ```
/// use cinesync::rnc::{self, ast::{Body, GrammarItem}};
///
/// let schema = rnc::parse("start = element notes { text }")?;
/// let Body::Grammar(items) = &schema.body else { panic!("a grammar") };
/// assert!(matches!(items[0], GrammarItem::Start { .. }));
/// assert_eq!(schema.to_string(), "start = element notes { text }\n");
///
/// let error = rnc::parse("start = element notes { }").unwrap_err();
/// assert_eq!(error.to_string(), "expected a pattern, found \"}\" at 1:25");
/// # Ok::<(), rnc::SyntaxError>(())
/// ```
pub fn parse(text: &str) -> Result<ast::SchemaFile, SyntaxError> {
    let mut unescaped = escape::unescape(text)?;
    depth::check(text, &unescaped)?;
    comments::blank(&mut unescaped.text);
    let pairs = lower::parse_pairs(&unescaped)
        .map_err(|error| expected::from_pest(&error, text, &unescaped))?;
    let lowerer = lower::Lowerer::new(text, &unescaped);
    let Some(top_level) = pairs.clone().next() else {
        return Err(SyntaxError::at_original(
            text,
            0,
            "expected a pattern or a definition",
        ));
    };
    let schema = lowerer.top_level(top_level)?;
    annotations::check(pairs, &schema.declarations, &lowerer)?;
    Ok(schema)
}
