//! The namespaces and local names a schema mentions, as small keys.

use rustc_hash::FxHashMap;

use super::pattern::NameKey;

/// Every namespace URI and local name that appears in the schema's name classes, each
/// with a key. Names a document uses that the schema never mentions get
/// [`NameKey::OTHER`].
#[derive(Debug, Clone, Default)]
pub struct NameTable {
    namespaces: Vec<Box<str>>,
    namespace_keys: FxHashMap<Box<str>, u32>,
    locals: Vec<Box<str>>,
    local_keys: FxHashMap<Box<str>, u32>,
}

impl NameTable {
    /// The key of `uri`, adding it when it is new (while the schema is being built).
    pub fn add_namespace(&mut self, uri: &str) -> u32 {
        add(&mut self.namespaces, &mut self.namespace_keys, uri)
    }

    /// The key of `local`, adding it when it is new (while the schema is being built).
    pub fn add_local(&mut self, local: &str) -> u32 {
        add(&mut self.locals, &mut self.local_keys, local)
    }

    /// The key of a local name in a document.
    pub fn local_key(&self, local: &str) -> u32 {
        self.local_keys
            .get(local)
            .copied()
            .unwrap_or(NameKey::OTHER)
    }

    /// The key of a namespace in a document.
    pub fn namespace_key(&self, namespace: &str) -> u32 {
        self.namespace_keys
            .get(namespace)
            .copied()
            .unwrap_or(NameKey::OTHER)
    }

    /// Every namespace URI, in key order.
    #[cfg(test)]
    pub fn namespaces(&self) -> impl Iterator<Item = &str> {
        self.namespaces.iter().map(|uri| &**uri)
    }

    /// Every local name, in key order.
    #[cfg(test)]
    pub fn locals(&self) -> impl Iterator<Item = &str> {
        self.locals.iter().map(|local| &**local)
    }

    /// The namespace URI of a key the schema mentions.
    pub fn namespace(&self, key: u32) -> Option<&str> {
        self.namespaces.get(key as usize).map(|uri| &**uri)
    }

    /// The local name of a key the schema mentions.
    pub fn local(&self, key: u32) -> Option<&str> {
        self.locals.get(key as usize).map(|local| &**local)
    }
}

fn add(names: &mut Vec<Box<str>>, keys: &mut FxHashMap<Box<str>, u32>, name: &str) -> u32 {
    if let Some(&key) = keys.get(name) {
        return key;
    }
    let key = u32::try_from(names.len()).unwrap_or(NameKey::OTHER - 1);
    names.push(name.into());
    keys.insert(name.into(), key);
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_names_share_the_other_key() {
        let mut table = NameTable::default();
        let ns = table.add_namespace("urn:a");
        let local = table.add_local("x");
        assert_eq!(
            (table.namespace_key("urn:a"), table.local_key("x")),
            (ns, local)
        );
        assert_eq!(table.namespace_key("urn:b"), NameKey::OTHER);
        assert_eq!(table.local_key("y"), NameKey::OTHER);
        assert_eq!(table.add_namespace("urn:a"), ns);
        assert_eq!(table.namespace(ns), Some("urn:a"));
        assert_eq!(table.local(local), Some("x"));
    }
}
