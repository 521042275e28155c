//! A simplified schema written down, to be read back without parsing or simplifying.
//!
//! The cineSync session schema is embedded in the binary in this form as well as in the
//! compact syntax: reading it back costs a fraction of a millisecond where parsing the
//! compact syntax with pest costs several, which is most of `cinesync validate`'s
//! start-up. A test keeps the frozen form equal to what the compact syntax gives.

use super::builder::{Patterns, SchemaNamespaces};
use super::pattern::{ElementDef, NameClass, Pattern, PatternId};
use super::Simplified;
use crate::datatypes::{DatatypeBuilder, NoNamespaces};

/// Everything in a simplified schema, in the order it was made.
#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Frozen {
    namespaces: Vec<String>,
    locals: Vec<String>,
    name_classes: Vec<NameClass>,
    datatypes: Vec<FrozenDatatype>,
    values: Vec<FrozenValue>,
    elements: Vec<ElementDef>,
    patterns: Vec<Pattern>,
    start: PatternId,
}

/// A datatype as it was built: library, type and parameters.
#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct FrozenDatatype {
    library: String,
    name: String,
    params: Vec<(String, String)>,
}

/// A `value` pattern's value, as written.
#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct FrozenValue {
    datatype: u32,
    lexical: String,
    namespaces: Vec<(String, String)>,
}

impl Frozen {
    /// The frozen form of a schema; `None` when it cannot be frozen (a parameter whose
    /// value depends on namespace prefixes, or warnings to keep).
    #[cfg(test)]
    pub fn of(simplified: &Simplified) -> Option<Frozen> {
        if !simplified.warnings.is_empty() {
            return None;
        }
        let store = &simplified.store;
        let datatypes = (0..store.datatype_count())
            .map(|index| {
                let datatype = store.datatype_at(index);
                let (library, name, params) = datatype.spec();
                (!datatype.needs_context() || params.is_empty()).then(|| FrozenDatatype {
                    library: library.to_owned(),
                    name: name.to_owned(),
                    params: params.to_vec(),
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let values = (0..store.value_count())
            .map(|index| {
                let value = store.value_at(index);
                FrozenValue {
                    datatype: value.datatype.0,
                    lexical: value.lexical.clone(),
                    namespaces: value.namespaces.bindings().to_vec(),
                }
            })
            .collect();
        Some(Frozen {
            namespaces: store.names.namespaces().map(str::to_owned).collect(),
            locals: store.names.locals().map(str::to_owned).collect(),
            name_classes: (0..store.name_class_count())
                .map(|index| {
                    store
                        .name_class(super::pattern::NameClassId(index as u32))
                        .clone()
                })
                .collect(),
            datatypes,
            values,
            elements: store.elements().map(|(_, def)| def).collect(),
            patterns: (3..store.pattern_count())
                .map(|index| store.get(PatternId(index as u32)).clone())
                .collect(),
            start: simplified.start,
        })
    }

    /// The schema again. `None` when the frozen form does not make sense (it was written
    /// by another version, or damaged): callers then parse the compact syntax instead.
    pub fn thaw(self) -> Option<Simplified> {
        let mut store = Patterns::new();
        for namespace in &self.namespaces {
            store.names.add_namespace(namespace);
        }
        for local in &self.locals {
            store.names.add_local(local);
        }
        for (index, name_class) in self.name_classes.into_iter().enumerate() {
            (store.add_name_class(name_class).0 as usize == index).then_some(())?;
        }
        for spec in &self.datatypes {
            let mut builder = DatatypeBuilder::new(&spec.library, &spec.name).ok()?;
            for (name, value) in &spec.params {
                builder.add_param(name, value, &NoNamespaces).ok()?;
            }
            store.push_datatype(builder.finish().ok()?);
        }
        for value in self.values {
            let namespaces = SchemaNamespaces::new(value.namespaces);
            let datatype = store.datatype_by_index(value.datatype as usize)?.clone();
            let parsed = datatype.value(&value.lexical, &namespaces).ok()?;
            store.push_value(value.datatype, parsed, value.lexical, namespaces);
        }
        store.push_elements(self.elements);
        for (index, pattern) in self.patterns.into_iter().enumerate() {
            (store.intern_frozen(pattern)?.0 as usize == index + 3).then_some(())?;
        }
        (self.start.index() < store.pattern_count()).then_some(())?;
        Some(Simplified {
            store,
            start: self.start,
            warnings: Vec::new(),
        })
    }
}
