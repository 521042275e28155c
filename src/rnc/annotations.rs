//! The rules annotations must follow, checked before the tree drops them.
//!
//! The tree keeps no annotation, so the checks the compact syntax makes of them (jing's
//! `CompactSyntax.jj` makes the same) happen here, on pest's pairs: every prefix is
//! declared and not bound to `inherit`; an annotation directly on a schema construct is
//! not in the RELAX NG namespace; an attribute of initial annotations has a namespace;
//! no attribute is named `xmlns` or is in the `xmlns` namespace; no element of
//! annotation has the same attribute twice.

use std::collections::{HashMap, HashSet};

use pest::iterators::{Pair, Pairs};

use super::ast::{Declaration, NamespaceUri};
use super::error::SyntaxError;
use super::lower::{Lowerer, Rule};

/// The namespace of the predeclared `xml` prefix.
const XML: &str = "http://www.w3.org/XML/1998/namespace";
/// The RELAX NG namespace, which annotations may not use.
const RELAX_NG: &str = "http://relaxng.org/ns/structure/1.0";
/// The namespace of namespace declarations, which no attribute may have.
const XMLNS: &str = "http://www.w3.org/2000/xmlns";

/// The longest name a message quotes, in characters.
const MAX_NAME: usize = 32;

type Result<T> = std::result::Result<T, SyntaxError>;

/// Checks every annotation among `pairs` against the prefixes of `declarations`.
pub(crate) fn check(
    pairs: Pairs<'_, Rule>,
    declarations: &[Declaration],
    lowerer: &Lowerer<'_>,
) -> Result<()> {
    let checker = Checker {
        namespaces: namespaces(declarations),
        lowerer,
    };
    for pair in pairs.flatten() {
        match pair.as_rule() {
            Rule::initial_annotation => checker.initial_annotation(pair)?,
            Rule::annotation_element_not_keyword => checker.element(pair, false)?,
            Rule::follow_annotation => {
                for element in pair.into_inner() {
                    if element.as_rule() == Rule::annotation_element {
                        checker.element(element, false)?;
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The namespace of each declared prefix, `None` for `inherit`.
fn namespaces(declarations: &[Declaration]) -> HashMap<&str, Option<&str>> {
    let mut map = HashMap::from([("xml", Some(XML))]);
    for declaration in declarations {
        let (prefix, uri) = match declaration {
            Declaration::Namespace { prefix, uri, .. } => (prefix, uri),
            Declaration::DefaultNamespace {
                prefix: Some(prefix),
                uri,
                ..
            } => (prefix, uri),
            Declaration::DefaultNamespace { prefix: None, .. } | Declaration::Datatypes { .. } => {
                continue
            }
        };
        let uri = match uri {
            NamespaceUri::Literal(uri) => Some(uri.as_str()),
            NamespaceUri::Inherit => None,
        };
        map.insert(prefix.as_str(), uri);
    }
    map
}

/// A name quoted for a message, shortened when long.
fn quoted(name: &str) -> String {
    super::error::quoted(name, MAX_NAME)
}

struct Checker<'a> {
    namespaces: HashMap<&'a str, Option<&'a str>>,
    lowerer: &'a Lowerer<'a>,
}

impl Checker<'_> {
    fn error(&self, pair: &Pair<'_, Rule>, message: String) -> SyntaxError {
        self.lowerer.error(pair, message)
    }

    /// The namespace of the prefix of the CName `name`: declared, and not `inherit`.
    fn namespace(&self, name: &Pair<'_, Rule>) -> Result<(String, String)> {
        let (prefix, local) = name.as_str().split_once(':').unwrap_or_default();
        match self.namespaces.get(prefix) {
            None => Err(self.error(name, format!("undeclared prefix {}", quoted(prefix)))),
            Some(None) => Err(self.error(
                name,
                format!(
                    "an annotation cannot use an inherited namespace (prefix {} is bound to inherit)",
                    quoted(prefix)
                ),
            )),
            Some(Some(uri)) => Ok(((*uri).to_owned(), local.to_owned())),
        }
    }

    /// `initial_annotation`: prefixed attributes, then elements, on a schema construct.
    fn initial_annotation(&self, pair: Pair<'_, Rule>) -> Result<()> {
        let mut seen = HashSet::new();
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::prefixed_annotation_attribute => {
                    if let Some(name) = child.into_inner().next() {
                        let (uri, local) = self.namespace(&name)?;
                        self.foreign(&name, &uri)?;
                        if uri.is_empty() {
                            return Err(self.error(
                                &name,
                                "an attribute of initial annotations must have a namespace"
                                    .to_owned(),
                            ));
                        }
                        self.attribute(&name, uri, local, &mut seen)?;
                    }
                }
                Rule::annotation_element => self.element(child, false)?,
                _ => {}
            }
        }
        Ok(())
    }

    /// An element of annotation: its name (in a foreign namespace unless `nested`), its
    /// attributes and the elements inside.
    fn element(&self, pair: Pair<'_, Rule>, nested: bool) -> Result<()> {
        let mut seen = HashSet::new();
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::cname => {
                    let (uri, _) = self.namespace(&child)?;
                    if !nested {
                        self.foreign(&child, &uri)?;
                    }
                }
                Rule::annotation_attribute => self.nested_attribute(child, &mut seen)?,
                Rule::annotation_element => self.element(child, true)?,
                _ => {}
            }
        }
        Ok(())
    }

    /// An attribute of an element of annotation, prefixed or not.
    fn nested_attribute(
        &self,
        pair: Pair<'_, Rule>,
        seen: &mut HashSet<(String, String)>,
    ) -> Result<()> {
        let Some(name) = pair.into_inner().next() else {
            return Ok(());
        };
        if name.as_rule() == Rule::cname {
            let (uri, local) = self.namespace(&name)?;
            return self.attribute(&name, uri, local, seen);
        }
        let local = name.as_str().strip_prefix('\\').unwrap_or(name.as_str());
        if local == "xmlns" {
            return Err(self.error(
                &name,
                "an annotation attribute cannot be named \"xmlns\"".to_owned(),
            ));
        }
        self.attribute(&name, String::new(), local.to_owned(), seen)
    }

    /// One more attribute `{uri}local` of an attribute list holding `seen`.
    fn attribute(
        &self,
        name: &Pair<'_, Rule>,
        uri: String,
        local: String,
        seen: &mut HashSet<(String, String)>,
    ) -> Result<()> {
        if uri == XMLNS {
            return Err(self.error(
                name,
                "an annotation attribute cannot be in the xmlns namespace".to_owned(),
            ));
        }
        if !seen.insert((uri, local)) {
            return Err(self.error(
                name,
                format!("duplicate annotation attribute {}", quoted(name.as_str())),
            ));
        }
        Ok(())
    }

    /// Refuses the RELAX NG namespace for an annotation directly on a schema construct.
    fn foreign(&self, name: &Pair<'_, Rule>, uri: &str) -> Result<()> {
        if uri == RELAX_NG {
            return Err(self.error(
                name,
                "an annotation cannot be in the RELAX NG namespace".to_owned(),
            ));
        }
        Ok(())
    }
}
