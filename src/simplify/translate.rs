//! Translation from syntax trees to the raw schema: prefixes resolved, datatypes built,
//! `?`, `*` and `mixed` rewritten, grammars and their definitions collected, `include` and
//! `external` files loaded in place.
//!
//! Problems are collected, not returned at the first: a schema author sees every undefined
//! prefix and bad facet in one run.

use rustc_hash::{FxHashMap, FxHashSet};

use super::builder::{Patterns, SchemaNamespaces};
use super::error::{SchemaErrorKind, SchemaProblem};
use super::pattern::{NameClass, NameClassId, NameKey};
use super::raw::{DefineId, Origin, Raw, RawArena, RawId, RawValue};
use super::{FileId, SchemaFiles, SourceFile};
use crate::datatypes::{DatatypeBuilder, BUILTIN_LIBRARY, XSD_LIBRARY};
use crate::location::Location;
use crate::rnc::ast::{
    Body, Combine, DatatypeName, Declaration, GrammarItem, NameClassKind, NamespaceUri, Param,
    Pattern as Syntax, PatternKind, SchemaFile, Span,
};

/// The namespace bound to the `xml` prefix in every schema.
pub const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";

/// The namespace of namespace declarations, which no attribute pattern may name.
const XMLNS_NAMESPACE: &str = "http://www.w3.org/2000/xmlns";

/// How deeply patterns may nest (and files include each other) before the schema is
/// refused: far beyond any real schema, well within the stack.
const MAX_DEPTH: usize = 500;

/// The id of a grammar (each `grammar { … }`, and the implicit one of each file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GrammarId(pub(crate) u32);

/// A grammar's scope: its definitions, its start and the grammar around it.
#[derive(Debug)]
pub struct Grammar {
    /// The grammar that `parent` refers to.
    pub parent: Option<GrammarId>,
    /// Its `start`.
    pub start: DefineId,
    /// Its definitions by name.
    pub defines: FxHashMap<String, DefineId>,
    /// Where the grammar is written.
    pub origin: Origin,
}

/// One definition (or `start`) with the parts that combine into it.
#[derive(Debug)]
pub struct Define {
    /// The name; `None` for `start`.
    pub name: Option<String>,
    /// The grammar it belongs to.
    pub grammar: GrammarId,
    /// Each `=`, `|=` or `&=` part, in order.
    pub parts: Vec<Part>,
    /// Where it is first referred to, for "undefined" errors.
    pub first_reference: Option<Origin>,
}

/// One part of a definition.
#[derive(Debug, Clone, Copy)]
pub struct Part {
    /// How it combines.
    pub combine: Combine,
    /// Its pattern.
    pub pattern: RawId,
    /// Where it is written.
    pub origin: Origin,
}

/// Everything translation produces.
#[derive(Debug, Default)]
pub struct Translated {
    /// The schema files, the top one first.
    pub sources: Vec<SourceFile>,
    /// The raw patterns.
    pub raw: RawArena,
    /// Name classes, names, and (later) the simplified patterns.
    pub store: Patterns,
    /// Every grammar; the first is the top file's.
    pub grammars: Vec<Grammar>,
    /// Every definition.
    pub defines: Vec<Define>,
    /// Problems found.
    pub problems: Vec<SchemaProblem>,
}

impl Translated {
    /// Records a problem at a place in the schema.
    pub fn report(&mut self, origin: Origin, kind: SchemaErrorKind) {
        let source = &self.sources[origin.file.0 as usize];
        let location = Location::of_offset(&source.text, origin.span.start);
        self.problems.push(SchemaProblem {
            file: source.name.clone(),
            location: Some(location),
            kind,
        });
    }

    /// Records a broken rule at a place in the schema.
    pub fn rule(&mut self, origin: Origin, message: impl Into<String>) {
        self.report(origin, SchemaErrorKind::Rule(message.into()));
    }
}

/// The prefixes, default namespace and datatype libraries in force in one file.
#[derive(Debug, Clone)]
struct Environment {
    file: FileId,
    namespaces: Vec<(String, String)>,
    default_namespace: String,
    datatypes: Vec<(String, String)>,
    grammar: Option<GrammarId>,
}

/// Names that an `include` overrides, and which of them the included file turned out to
/// define.
#[derive(Debug, Default)]
struct Overrides {
    names: FxHashSet<Option<String>>,
    found: FxHashSet<Option<String>>,
}

struct Translator<'a> {
    files: &'a dyn SchemaFiles,
    out: Translated,
    open_files: Vec<String>,
    depth: usize,
}

/// Translates a top schema file (already parsed) and everything it includes.
pub fn translate(files: &dyn SchemaFiles, top: SourceFile, parsed: SchemaFile) -> Translated {
    let mut translator = Translator {
        files,
        out: Translated::default(),
        open_files: vec![top.name.clone()],
        depth: 0,
    };
    translator.out.sources.push(top);
    let file = FileId(0);
    let env = translator.environment(file, &parsed.declarations, "");
    let whole = Origin {
        file,
        span: Span {
            start: 0,
            end: translator.out.sources[0].text.len(),
        },
    };
    let grammar = translator.new_grammar(None, whole);
    match parsed.body {
        Body::Grammar(items) => {
            let env = Environment {
                grammar: Some(grammar),
                ..env
            };
            translator.grammar_items(&env, &items, &mut Overrides::default());
        }
        Body::Pattern(pattern) => {
            let start = translator.pattern(&env, &pattern);
            let origin = translator.origin(&env, pattern.span);
            let start_define = translator.out.grammars[grammar.0 as usize].start;
            translator.out.defines[start_define.0 as usize]
                .parts
                .push(Part {
                    combine: Combine::Assign,
                    pattern: start,
                    origin,
                });
        }
    }
    translator.out
}

impl Translator<'_> {
    fn problem(&mut self, origin: Origin, kind: SchemaErrorKind) {
        self.out.report(origin, kind);
    }

    fn rule(&mut self, origin: Origin, message: impl Into<String>) {
        self.out
            .report(origin, SchemaErrorKind::Rule(message.into()));
    }

    fn origin(&self, env: &Environment, span: Span) -> Origin {
        Origin {
            file: env.file,
            span,
        }
    }

    fn environment(
        &mut self,
        file: FileId,
        declarations: &[Declaration],
        inherited: &str,
    ) -> Environment {
        let mut env = Environment {
            file,
            namespaces: vec![("xml".to_owned(), XML_NAMESPACE.to_owned())],
            default_namespace: inherited.to_owned(),
            datatypes: vec![("xsd".to_owned(), XSD_LIBRARY.to_owned())],
            grammar: None,
        };
        for declaration in declarations {
            self.declare(&mut env, declaration, inherited);
        }
        env
    }

    fn declare(&mut self, env: &mut Environment, declaration: &Declaration, inherited: &str) {
        let resolve = |uri: &NamespaceUri| match uri {
            NamespaceUri::Literal(uri) => uri.clone(),
            NamespaceUri::Inherit => inherited.to_owned(),
        };
        match declaration {
            Declaration::Namespace { prefix, uri, span } => {
                let uri = resolve(uri);
                self.check_xml_prefix(env, prefix, &uri, *span);
                env.namespaces.push((prefix.clone(), uri));
            }
            Declaration::DefaultNamespace { prefix, uri, span } => {
                let uri = resolve(uri);
                if let Some(prefix) = prefix {
                    self.check_xml_prefix(env, prefix, &uri, *span);
                    env.namespaces.push((prefix.clone(), uri.clone()));
                }
                env.default_namespace = uri;
            }
            Declaration::Datatypes { prefix, uri, span } => {
                if prefix == "xsd" && uri != XSD_LIBRARY {
                    let origin = self.origin(env, *span);
                    self.rule(
                        origin,
                        format!("the prefix \"xsd\" can only be bound to \"{XSD_LIBRARY}\""),
                    );
                }
                env.datatypes.push((prefix.clone(), uri.clone()));
            }
        }
    }

    fn check_xml_prefix(&mut self, env: &Environment, prefix: &str, uri: &str, span: Span) {
        let wrong = (prefix == "xml") != (uri == XML_NAMESPACE);
        if wrong {
            let origin = self.origin(env, span);
            self.rule(
                origin,
                format!("the prefix \"xml\" is bound to \"{XML_NAMESPACE}\" and that namespace to no other prefix"),
            );
        }
    }

    fn new_grammar(&mut self, parent: Option<GrammarId>, origin: Origin) -> GrammarId {
        let id = GrammarId(self.out.grammars.len() as u32);
        let start = self.new_define(None, id);
        self.out.grammars.push(Grammar {
            parent,
            start,
            defines: FxHashMap::default(),
            origin,
        });
        id
    }

    fn new_define(&mut self, name: Option<String>, grammar: GrammarId) -> DefineId {
        self.out.defines.push(Define {
            name,
            grammar,
            parts: Vec::new(),
            first_reference: None,
        });
        DefineId(self.out.defines.len() as u32 - 1)
    }

    /// The definition `name` of `grammar`, created on first use.
    fn define_named(&mut self, grammar: GrammarId, name: &str) -> DefineId {
        if let Some(&id) = self.out.grammars[grammar.0 as usize].defines.get(name) {
            return id;
        }
        let id = self.new_define(Some(name.to_owned()), grammar);
        self.out.grammars[grammar.0 as usize]
            .defines
            .insert(name.to_owned(), id);
        id
    }

    fn grammar_items(
        &mut self,
        env: &Environment,
        items: &[GrammarItem],
        overrides: &mut Overrides,
    ) {
        for item in items {
            self.grammar_item(env, item, overrides);
        }
    }

    fn grammar_item(&mut self, env: &Environment, item: &GrammarItem, overrides: &mut Overrides) {
        let Some(grammar) = env.grammar else {
            return;
        };
        match item {
            GrammarItem::Start {
                combine,
                pattern,
                span,
            } => {
                if overrides.names.contains(&None) {
                    overrides.found.insert(None);
                    return;
                }
                let start = self.out.grammars[grammar.0 as usize].start;
                self.add_part(env, start, *combine, pattern, *span);
            }
            GrammarItem::Define {
                name,
                combine,
                pattern,
                span,
            } => {
                let key = Some(name.clone());
                if overrides.names.contains(&key) {
                    overrides.found.insert(key);
                    return;
                }
                let define = self.define_named(grammar, name);
                self.add_part(env, define, *combine, pattern, *span);
            }
            GrammarItem::Div(items) => self.grammar_items(env, items, overrides),
            GrammarItem::Include {
                href,
                inherit,
                overrides: own,
                span,
            } => self.include(env, href, inherit.as_deref(), own, *span, overrides),
        }
    }

    fn add_part(
        &mut self,
        env: &Environment,
        define: DefineId,
        combine: Combine,
        pattern: &Syntax,
        span: Span,
    ) {
        let pattern = self.pattern(env, pattern);
        let origin = self.origin(env, span);
        self.out.defines[define.0 as usize].parts.push(Part {
            combine,
            pattern,
            origin,
        });
    }

    /// `include "href" { overrides }`: the included grammar's components join this grammar,
    /// except those that the block overrides, which must exist in the included file.
    fn include(
        &mut self,
        env: &Environment,
        href: &str,
        inherit: Option<&str>,
        own: &[GrammarItem],
        span: Span,
        outer: &mut Overrides,
    ) {
        let origin = self.origin(env, span);
        let Some(inherited) = self.inherited_namespace(env, inherit, origin) else {
            return;
        };
        let Some((file, parsed)) = self.load(env, href, origin) else {
            return;
        };
        let items = match parsed.body {
            Body::Grammar(items) => items,
            Body::Pattern(Syntax {
                kind: PatternKind::Grammar(items),
                ..
            }) => items,
            Body::Pattern(_) => {
                self.rule(
                    origin,
                    format!("the included file \"{href}\" is not a grammar"),
                );
                self.open_files.pop();
                return;
            }
        };
        let mut names: FxHashSet<Option<String>> = outer.names.clone();
        let mut own_names = Vec::new();
        collect_component_names(own, &mut own_names);
        names.extend(own_names.iter().cloned());
        let mut inner = Overrides {
            names,
            found: FxHashSet::default(),
        };
        let included_env = Environment {
            grammar: env.grammar,
            ..self.environment(file, &parsed.declarations, &inherited)
        };
        self.grammar_items(&included_env, &items, &mut inner);
        self.open_files.pop();
        for name in own_names.iter() {
            if !inner.found.contains(name) {
                let what = match name {
                    Some(name) => format!("a definition of \"{name}\""),
                    None => "a start".to_owned(),
                };
                self.rule(
                    origin,
                    format!("the include block overrides {what}, but \"{href}\" has none"),
                );
            }
        }
        for name in inner.found {
            if outer.names.contains(&name) {
                outer.found.insert(name);
            }
        }
        self.grammar_items(env, own, outer);
    }

    fn inherited_namespace(
        &mut self,
        env: &Environment,
        inherit: Option<&str>,
        origin: Origin,
    ) -> Option<String> {
        match inherit {
            None => Some(env.default_namespace.clone()),
            Some(prefix) => match lookup(&env.namespaces, prefix) {
                Some(uri) => Some(uri.to_owned()),
                None => {
                    self.rule(origin, format!("undeclared namespace prefix \"{prefix}\""));
                    None
                }
            },
        }
    }

    /// Reads and parses a file named by `include` or `external`, guarding against loops;
    /// the caller pops `open_files` when done with it.
    fn load(
        &mut self,
        env: &Environment,
        href: &str,
        origin: Origin,
    ) -> Option<(FileId, SchemaFile)> {
        let from = self.out.sources[env.file.0 as usize].name.clone();
        let (name, text) = match self.files.read(href, &from) {
            Ok(found) => found,
            Err(source) => {
                self.problem(
                    origin,
                    SchemaErrorKind::Io {
                        href: href.to_owned(),
                        source,
                    },
                );
                return None;
            }
        };
        if self.open_files.contains(&name) {
            self.rule(origin, format!("\"{href}\" includes itself"));
            return None;
        }
        if self.open_files.len() >= MAX_DEPTH {
            self.rule(origin, "files include each other too deeply");
            return None;
        }
        let parsed = crate::rnc::parse(&text);
        let file = FileId(self.out.sources.len() as u32);
        self.out.sources.push(SourceFile {
            name: name.clone(),
            text,
        });
        match parsed {
            Ok(parsed) => {
                self.open_files.push(name);
                Some((file, parsed))
            }
            Err(error) => {
                let location = error.location();
                self.out.problems.push(SchemaProblem {
                    file: name,
                    location: Some(location),
                    kind: SchemaErrorKind::Syntax(error),
                });
                None
            }
        }
    }

    fn pattern(&mut self, env: &Environment, pattern: &Syntax) -> RawId {
        let origin = self.origin(env, pattern.span);
        if self.depth >= MAX_DEPTH {
            self.rule(origin, "patterns nest too deeply");
            return self.out.raw.add(Raw::NotAllowed, origin);
        }
        self.depth += 1;
        let raw = self.pattern_kind(env, &pattern.kind, origin);
        self.depth -= 1;
        self.out.raw.add(raw, origin)
    }

    fn patterns(&mut self, env: &Environment, patterns: &[Syntax]) -> Vec<RawId> {
        patterns
            .iter()
            .map(|pattern| self.pattern(env, pattern))
            .collect()
    }

    fn pattern_kind(&mut self, env: &Environment, kind: &PatternKind, origin: Origin) -> Raw {
        match kind {
            PatternKind::Element(name_class, content) => {
                let name_class = self.name_class(env, name_class, false);
                Raw::Element(name_class, self.pattern(env, content))
            }
            PatternKind::Attribute(name_class, value) => {
                let name_class = self.name_class(env, name_class, true);
                Raw::Attribute(name_class, self.pattern(env, value))
            }
            PatternKind::Group(items) => Raw::Group(self.patterns(env, items)),
            PatternKind::Interleave(items) => Raw::Interleave(self.patterns(env, items)),
            PatternKind::Choice(items) => Raw::Choice(self.patterns(env, items)),
            PatternKind::Optional(inner) => {
                let inner = self.pattern(env, inner);
                Raw::Choice(vec![inner, self.out.raw.add(Raw::Empty, origin)])
            }
            PatternKind::ZeroOrMore(inner) => {
                let inner = self.pattern(env, inner);
                let repeated = self.out.raw.add(Raw::OneOrMore(inner), origin);
                Raw::Choice(vec![repeated, self.out.raw.add(Raw::Empty, origin)])
            }
            PatternKind::OneOrMore(inner) => Raw::OneOrMore(self.pattern(env, inner)),
            PatternKind::List(inner) => Raw::List(self.pattern(env, inner)),
            PatternKind::Mixed(inner) => {
                let text = self.out.raw.add(Raw::Text, origin);
                Raw::Interleave(vec![text, self.pattern(env, inner)])
            }
            PatternKind::Ref(name) => self.reference(env, name, false, origin),
            PatternKind::ParentRef(name) => self.reference(env, name, true, origin),
            PatternKind::Empty => Raw::Empty,
            PatternKind::Text => Raw::Text,
            PatternKind::NotAllowed => Raw::NotAllowed,
            PatternKind::Value { datatype, value } => {
                self.value(env, datatype.as_ref(), value, origin)
            }
            PatternKind::Data {
                datatype,
                params,
                except,
            } => self.data(env, datatype, params, except.as_deref(), origin),
            PatternKind::External { href, inherit } => {
                self.external(env, href, inherit.as_deref(), origin)
            }
            PatternKind::Grammar(items) => {
                let grammar = self.new_grammar(env.grammar, origin);
                let inner = Environment {
                    grammar: Some(grammar),
                    ..env.clone()
                };
                self.grammar_items(&inner, items, &mut Overrides::default());
                Raw::Ref(self.out.grammars[grammar.0 as usize].start)
            }
        }
    }

    fn reference(&mut self, env: &Environment, name: &str, parent: bool, origin: Origin) -> Raw {
        let grammar = match (env.grammar, parent) {
            (Some(grammar), false) => Some(grammar),
            (Some(grammar), true) => self.out.grammars[grammar.0 as usize].parent,
            (None, _) => None,
        };
        let Some(grammar) = grammar else {
            let message = if parent {
                format!("\"parent {name}\" is not inside a nested grammar")
            } else {
                format!("reference to \"{name}\" outside a grammar")
            };
            self.rule(origin, message);
            return Raw::NotAllowed;
        };
        let define = self.define_named(grammar, name);
        let first = &mut self.out.defines[define.0 as usize].first_reference;
        first.get_or_insert(origin);
        Raw::Ref(define)
    }

    fn external(
        &mut self,
        env: &Environment,
        href: &str,
        inherit: Option<&str>,
        origin: Origin,
    ) -> Raw {
        let Some(inherited) = self.inherited_namespace(env, inherit, origin) else {
            return Raw::NotAllowed;
        };
        let Some((file, parsed)) = self.load(env, href, origin) else {
            return Raw::NotAllowed;
        };
        let external_env = self.environment(file, &parsed.declarations, &inherited);
        let raw = match parsed.body {
            Body::Pattern(pattern) => Raw::Ref(self.external_start(&external_env, &pattern)),
            Body::Grammar(items) => {
                let whole = self.origin(&external_env, Span::default());
                let grammar = self.new_grammar(None, whole);
                let inner = Environment {
                    grammar: Some(grammar),
                    ..external_env
                };
                self.grammar_items(&inner, &items, &mut Overrides::default());
                Raw::Ref(self.out.grammars[grammar.0 as usize].start)
            }
        };
        self.open_files.pop();
        raw
    }

    /// The pattern of an `external` file that is a single pattern, as the start of a
    /// grammar of its own.
    fn external_start(&mut self, env: &Environment, pattern: &Syntax) -> DefineId {
        let origin = self.origin(env, pattern.span);
        let grammar = self.new_grammar(None, origin);
        let start = self.out.grammars[grammar.0 as usize].start;
        let body = self.pattern(env, pattern);
        self.out.defines[start.0 as usize].parts.push(Part {
            combine: Combine::Assign,
            pattern: body,
            origin,
        });
        start
    }

    fn value(
        &mut self,
        env: &Environment,
        datatype: Option<&DatatypeName>,
        lexical: &str,
        origin: Origin,
    ) -> Raw {
        let builder = match datatype {
            None => DatatypeBuilder::new(BUILTIN_LIBRARY, "token"),
            Some(name) => match self.datatype_builder(env, name, origin) {
                Some(builder) => Ok(builder),
                None => return Raw::NotAllowed,
            },
        };
        let namespaces = schema_namespaces(env);
        let datatype = match builder.and_then(DatatypeBuilder::finish) {
            Ok(datatype) => datatype,
            Err(error) => {
                self.problem(origin, SchemaErrorKind::Datatype(error));
                return Raw::NotAllowed;
            }
        };
        match datatype.value(lexical, &namespaces) {
            Ok(value) => Raw::Value(Box::new(RawValue {
                datatype,
                value,
                lexical: lexical.to_owned(),
                namespaces,
            })),
            Err(rejection) => {
                self.rule(
                    origin,
                    format!(
                        "the value \"{lexical}\" {} for {datatype}",
                        rejection.phrase()
                    ),
                );
                Raw::NotAllowed
            }
        }
    }

    fn data(
        &mut self,
        env: &Environment,
        name: &DatatypeName,
        params: &[Param],
        except: Option<&Syntax>,
        origin: Origin,
    ) -> Raw {
        let except = except.map(|except| self.pattern(env, except));
        let Some(mut builder) = self.datatype_builder(env, name, origin) else {
            return Raw::NotAllowed;
        };
        let namespaces = schema_namespaces(env);
        for param in params {
            if let Err(error) = builder.add_param(&param.name, &param.value, &namespaces) {
                let origin = self.origin(env, param.span);
                self.problem(origin, SchemaErrorKind::Datatype(error));
                return Raw::NotAllowed;
            }
        }
        match builder.finish() {
            Ok(datatype) => Raw::Data(datatype, except),
            Err(error) => {
                self.problem(origin, SchemaErrorKind::Datatype(error));
                Raw::NotAllowed
            }
        }
    }

    fn datatype_builder(
        &mut self,
        env: &Environment,
        name: &DatatypeName,
        origin: Origin,
    ) -> Option<DatatypeBuilder> {
        let (library, local, origin) = match name {
            DatatypeName::String => (BUILTIN_LIBRARY, "string", origin),
            DatatypeName::Token => (BUILTIN_LIBRARY, "token", origin),
            DatatypeName::Prefixed {
                prefix,
                local,
                span,
            } => {
                let origin = self.origin(env, *span);
                match lookup(&env.datatypes, prefix) {
                    Some(library) => (library, local.as_str(), origin),
                    None => {
                        self.rule(origin, format!("undeclared datatypes prefix \"{prefix}\""));
                        return None;
                    }
                }
            }
        };
        match DatatypeBuilder::new(library, local) {
            Ok(builder) => Some(builder),
            Err(error) => {
                self.problem(origin, SchemaErrorKind::Datatype(error));
                None
            }
        }
    }

    /// Translates a name class; names without a prefix are in the default namespace for
    /// elements and in no namespace for attributes.
    fn name_class(
        &mut self,
        env: &Environment,
        name_class: &crate::rnc::ast::NameClass,
        attribute: bool,
    ) -> NameClassId {
        let origin = self.origin(env, name_class.span);
        let translated = match &name_class.kind {
            NameClassKind::Name { prefix, local } => {
                let namespace = match prefix {
                    None if attribute => String::new(),
                    None => env.default_namespace.clone(),
                    Some(prefix) => self.namespace_of(env, prefix, origin),
                };
                if attribute {
                    self.check_attribute_name(&namespace, Some(local), origin);
                }
                let key = NameKey {
                    namespace: self.out.store.names.add_namespace(&namespace),
                    local: self.out.store.names.add_local(local),
                };
                NameClass::Name(key)
            }
            NameClassKind::NsName { prefix, except } => {
                let namespace = self.namespace_of(env, prefix, origin);
                if attribute {
                    self.check_attribute_name(&namespace, None, origin);
                }
                let except = except.as_ref().map(|except| {
                    self.check_except(env, except, false);
                    self.name_class(env, except, attribute)
                });
                NameClass::NsName {
                    namespace: self.out.store.names.add_namespace(&namespace),
                    except,
                }
            }
            NameClassKind::AnyName { except } => {
                let except = except.as_ref().map(|except| {
                    self.check_except(env, except, true);
                    self.name_class(env, except, attribute)
                });
                NameClass::AnyName { except }
            }
            NameClassKind::Choice(choices) => {
                let mut ids = choices
                    .iter()
                    .map(|choice| self.name_class(env, choice, attribute));
                let first = ids.next();
                let rest: Vec<NameClassId> = ids.collect();
                let Some(first) = first else {
                    return self
                        .out
                        .store
                        .add_name_class(NameClass::AnyName { except: None });
                };
                return rest.into_iter().fold(first, |acc, next| {
                    self.out.store.add_name_class(NameClass::Choice(acc, next))
                });
            }
        };
        self.out.store.add_name_class(translated)
    }

    fn namespace_of(&mut self, env: &Environment, prefix: &str, origin: Origin) -> String {
        match lookup(&env.namespaces, prefix) {
            Some(uri) => uri.to_owned(),
            None => {
                self.rule(origin, format!("undeclared namespace prefix \"{prefix}\""));
                String::new()
            }
        }
    }

    /// Specification 4.16: no attribute may be named `xmlns` or be in the namespace of
    /// namespace declarations.
    fn check_attribute_name(&mut self, namespace: &str, local: Option<&str>, origin: Origin) {
        if namespace == XMLNS_NAMESPACE {
            self.rule(
                origin,
                format!("an attribute cannot be in the namespace \"{XMLNS_NAMESPACE}\""),
            );
        } else if namespace.is_empty() && local == Some("xmlns") {
            self.rule(origin, "an attribute cannot be named \"xmlns\"");
        }
    }

    /// Specification 4.16: the exception of `*` must not hold `*`; the exception of `ns:*`
    /// must hold neither `*` nor `ns:*`.
    fn check_except(
        &mut self,
        env: &Environment,
        except: &crate::rnc::ast::NameClass,
        of_any_name: bool,
    ) {
        let mut stack = vec![except];
        while let Some(name_class) = stack.pop() {
            match &name_class.kind {
                NameClassKind::AnyName { .. } => {
                    let origin = self.origin(env, name_class.span);
                    self.rule(
                        origin,
                        "\"*\" cannot appear in the exception of a name class",
                    );
                }
                NameClassKind::NsName { .. } if !of_any_name => {
                    let origin = self.origin(env, name_class.span);
                    self.rule(
                        origin,
                        "\"ns:*\" cannot appear in the exception of \"ns:*\"",
                    );
                }
                NameClassKind::Choice(choices) => stack.extend(choices),
                NameClassKind::Name { .. } | NameClassKind::NsName { .. } => {}
            }
        }
    }
}

fn lookup<'e>(bindings: &'e [(String, String)], prefix: &str) -> Option<&'e str> {
    bindings
        .iter()
        .rev()
        .find(|(bound, _)| bound == prefix)
        .map(|(_, uri)| uri.as_str())
}

fn schema_namespaces(env: &Environment) -> SchemaNamespaces {
    let mut bindings = env.namespaces.clone();
    bindings.push((String::new(), env.default_namespace.clone()));
    SchemaNamespaces::new(bindings)
}

/// The names of the definitions (and `None` for start) among grammar components, divs
/// included.
fn collect_component_names(items: &[GrammarItem], into: &mut Vec<Option<String>>) {
    for item in items {
        match item {
            GrammarItem::Start { .. } => into.push(None),
            GrammarItem::Define { name, .. } => into.push(Some(name.clone())),
            GrammarItem::Div(items) => collect_component_names(items, into),
            GrammarItem::Include { .. } => {}
        }
    }
}
