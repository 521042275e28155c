//! Validating one document: the state that follows the stream of events (start tag,
//! attributes, end of start tag, text, end tag), reports each problem with its position
//! and element path, and recovers so that the next independent problem is found too.
//!
//! Recovery, after jing's: an element that is not allowed is validated against the
//! elements of that name elsewhere in the schema (or skipped when there are none) and
//! then ignored; a bad attribute is ignored; a bad value is taken as if it were right;
//! missing attributes and content are taken as given.

use rustc_hash::FxHashSet;

use super::engine::Engine;
use super::report::{shorten, Problem, ProblemKind, Report};
use crate::datatypes::{IdType, NamespaceContext, NoNamespaces};
use crate::location::{ElementPath, Location, TextIndex};
use crate::simplify::pattern::{Flags, NameClassId, NameKey, Pattern, PatternId};
use crate::validate::deriv::is_whitespace;
use crate::validate::expected::show_name;

/// The longest text a datatype is asked to read (an element whose content is a value):
/// 64 MiB, far beyond any real value, so that validation runs in bounded memory.
pub const MAX_VALUE_TEXT: usize = 64 * 1024 * 1024;

/// A name in a document: namespace URI and local name.
#[derive(Debug, Clone, Copy)]
pub struct Name<'a> {
    /// The namespace URI (`""` for none).
    pub namespace: &'a str,
    /// The local name.
    pub local: &'a str,
}

/// Where an event is: already a line and column, or a byte offset into the text that
/// the run's [`TextIndex`] turns into one when a problem needs it.
#[derive(Debug, Clone, Copy)]
pub enum Position {
    /// A line and column.
    At(Location),
    /// A byte offset into the document text.
    Offset(usize),
}

#[derive(Debug, Default)]
struct Frame {
    namespace: String,
    local: String,
    index: usize,
    children: Vec<ChildCount>,
    had_child_elements: bool,
    parent_pattern: PatternId,
}

/// How many children of one name an element has had so far. Names the schema mentions
/// are told apart by key; the others by their text, kept only for them.
#[derive(Debug)]
struct ChildCount {
    key: NameKey,
    unknown: Option<(String, String)>,
    count: usize,
}

impl ChildCount {
    fn is(&self, key: NameKey, name: Name<'_>) -> bool {
        self.key == key
            && self
                .unknown
                .as_ref()
                .is_none_or(|(namespace, local)| namespace == name.namespace && local == name.local)
    }
}

/// The state of validating one document.
pub struct Run<'a> {
    engine: &'a mut Engine,
    positions: Option<&'a TextIndex<'a>>,
    current: PatternId,
    frames: Vec<Frame>,
    depth: usize,
    skipping: usize,
    text: String,
    text_pending: bool,
    text_whitespace: bool,
    text_at: Position,
    report: Report,
    ids: FxHashSet<String>,
    idrefs: Vec<(String, Position, ElementPath)>,
    last_namespace: (String, u32),
    no_namespace: u32,
    streaming: bool,
    failure: Option<crate::Error>,
}

impl<'a> Run<'a> {
    /// A run starting at `start`; `positions` resolves [`Position::Offset`]s (a run
    /// without them is a streaming one).
    pub fn new(
        engine: &'a mut Engine,
        start: PatternId,
        positions: Option<&'a TextIndex<'a>>,
    ) -> Run<'a> {
        let no_namespace = engine.store.names.namespace_key("");
        Run {
            engine,
            positions,
            current: start,
            frames: Vec::new(),
            depth: 0,
            skipping: 0,
            text: String::new(),
            text_pending: false,
            text_whitespace: true,
            text_at: Position::Offset(0),
            report: Report::default(),
            ids: FxHashSet::default(),
            idrefs: Vec::new(),
            last_namespace: (String::new(), no_namespace),
            no_namespace,
            streaming: positions.is_none(),
            failure: None,
        }
    }

    fn location(&self, position: Position) -> Location {
        match (position, self.positions) {
            (Position::At(location), _) => location,
            (Position::Offset(offset), Some(index)) => index.location(offset),
            (Position::Offset(_), None) => Location::default(),
        }
    }

    fn path(&self) -> ElementPath {
        let mut path = ElementPath::default();
        for (depth, frame) in self.frames[..self.depth].iter().enumerate() {
            if depth == 0 {
                path = ElementPath::root(&frame.local);
            } else {
                path.push(&frame.local, frame.index);
            }
        }
        path
    }

    fn problem(&mut self, at: Position, kind: ProblemKind) {
        let problem = Problem {
            location: self.location(at),
            path: self.path(),
            kind,
        };
        self.report.push(problem);
    }

    fn frame(&self) -> Option<&Frame> {
        self.depth.checked_sub(1).map(|top| &self.frames[top])
    }

    fn element_name(&self) -> String {
        self.frame()
            .map(|frame| frame.local.clone())
            .unwrap_or_default()
    }

    /// The start of an element's start tag.
    pub fn start_element(&mut self, name: Name<'_>, at: Position) {
        if self.skipping > 0 {
            self.skipping += 1;
            return;
        }
        self.flush_text();
        let key = self.key(name);
        let index = self.count_child(key, name);
        self.push_frame(name, index);
        let next = self.engine.start_tag_open(self.current, key);
        if next != PatternId::NOT_ALLOWED {
            self.current = next;
            return;
        }
        let expected = self.engine.possible_elements(self.current);
        let (shown, expected) = self.show_names(name, &expected);
        self.problem(
            at,
            ProblemKind::ElementNotAllowed {
                name: shown,
                expected,
            },
        );
        let content = self.recovery_content(key);
        let recovered = self.engine.store.after(content, self.current);
        self.enter(recovered);
    }

    fn count_child(&mut self, key: NameKey, name: Name<'_>) -> usize {
        let Some(top) = self.depth.checked_sub(1) else {
            return 1;
        };
        let parent = &mut self.frames[top];
        parent.had_child_elements = true;
        if let Some(counter) = parent
            .children
            .iter_mut()
            .find(|counter| counter.is(key, name))
        {
            counter.count += 1;
            return counter.count;
        }
        let known = key.namespace != NameKey::OTHER && key.local != NameKey::OTHER;
        parent.children.push(ChildCount {
            key,
            unknown: (!known).then(|| (name.namespace.to_owned(), name.local.to_owned())),
            count: 1,
        });
        1
    }

    /// The key of a name; the namespace of the previous name is remembered, since
    /// documents rarely change namespace.
    fn key(&mut self, name: Name<'_>) -> NameKey {
        if name.namespace.is_empty() {
            return NameKey {
                namespace: self.no_namespace,
                local: self.engine.store.names.local_key(name.local),
            };
        }
        if self.last_namespace.0 != name.namespace {
            self.last_namespace.0.clear();
            self.last_namespace.0.push_str(name.namespace);
            self.last_namespace.1 = self.engine.store.names.namespace_key(name.namespace);
        }
        NameKey {
            namespace: self.last_namespace.1,
            local: self.engine.store.names.local_key(name.local),
        }
    }

    fn push_frame(&mut self, name: Name<'_>, index: usize) {
        if self.frames.len() == self.depth {
            self.frames.push(Frame::default());
        }
        let parent_pattern = self.current;
        let frame = &mut self.frames[self.depth];
        frame.namespace.clear();
        frame.namespace.push_str(name.namespace);
        frame.local.clear();
        frame.local.push_str(name.local);
        frame.index = index;
        frame.children.clear();
        frame.had_child_elements = false;
        frame.parent_pattern = parent_pattern;
        self.depth += 1;
    }

    /// Moves to `next`, or skips the element's content when nothing can be matched there.
    fn enter(&mut self, next: PatternId) {
        if next == PatternId::NOT_ALLOWED {
            self.skipping = 1;
        } else {
            self.current = next;
        }
    }

    /// The content of every element of the schema that may have this name: what an
    /// element that is not allowed where it is gets validated against.
    fn recovery_content(&mut self, key: NameKey) -> PatternId {
        let contents: Vec<PatternId> = self
            .engine
            .store
            .elements()
            .filter(|(_, def)| self.engine.store.name_class_contains(def.name_class, key))
            .map(|(_, def)| def.content)
            .collect();
        self.engine.store.choice_of(contents)
    }

    /// One attribute of the current start tag.
    pub fn attribute(
        &mut self,
        name: Name<'_>,
        value: &str,
        at: Position,
        context: &dyn NamespaceContext,
    ) {
        if self.skipping > 0 {
            return;
        }
        let key = self.key(name);
        let next = self.engine.attribute(self.current, key, value, context);
        if next != PatternId::NOT_ALLOWED {
            if self.engine.store.uses_ids() {
                self.note_ids(key, value, at);
            }
            self.current = next;
            return;
        }
        let by_name = self.engine.attribute_name(self.current, key);
        if by_name == PatternId::NOT_ALLOWED {
            let element = self.element_name();
            let qualify = !name.namespace.is_empty();
            self.problem(
                at,
                ProblemKind::AttributeNotAllowed {
                    element,
                    name: show_name(name.namespace, name.local, qualify),
                },
            );
            return;
        }
        let reason = self.explain_values(by_name, value, context);
        self.problem(
            at,
            ProblemKind::AttributeValue {
                name: show_name(name.namespace, name.local, !name.namespace.is_empty()),
                value: shorten(value),
                reason,
            },
        );
        self.current = self.engine.attribute_ignoring_value(self.current, key);
    }

    /// Records IDs and IDREFs of an attribute whose value matched an ID-typed datatype.
    fn note_ids(&mut self, key: NameKey, value: &str, at: Position) {
        let by_name = self.engine.attribute_name(self.current, key);
        let id_type = (0..self.engine.store.alternative_count(by_name))
            .filter_map(|index| {
                match *self
                    .engine
                    .pattern(self.engine.store.alternative(by_name, index))
                {
                    Pattern::After(value_pattern, _) => match *self.engine.pattern(value_pattern) {
                        Pattern::Data(datatype) => {
                            Some(self.engine.store.datatype(datatype).id_type())
                        }
                        _ => None,
                    },
                    _ => None,
                }
            })
            .find(|id_type| *id_type != IdType::Null);
        match id_type {
            Some(IdType::Id) => {
                let value = value.trim_matches([' ', '\t', '\r', '\n']);
                if !self.ids.insert(value.to_owned()) {
                    self.problem(
                        at,
                        ProblemKind::DuplicateId {
                            value: shorten(value),
                        },
                    );
                }
            }
            Some(IdType::Idref | IdType::Idrefs) => {
                let path = self.path();
                for token in value
                    .split([' ', '\t', '\r', '\n'])
                    .filter(|token| !token.is_empty())
                {
                    self.idrefs.push((token.to_owned(), at, path.clone()));
                }
            }
            Some(IdType::Null) | None => {}
        }
    }

    /// The end of the current start tag (`>` or `/>`).
    pub fn end_attributes(&mut self, at: Position) {
        if self.skipping > 0 {
            return;
        }
        let next = self.engine.start_tag_close(self.current);
        if next != PatternId::NOT_ALLOWED {
            self.current = next;
            return;
        }
        let required = self.engine.required_attributes(self.current);
        let missing = self.show_name_classes(&required.names, false);
        let element = self.element_name();
        self.problem(
            at,
            ProblemKind::MissingAttributes {
                element,
                missing,
                one_of: required.one_of,
            },
        );
        let recovered = self.engine.start_tag_close_recovering(self.current);
        self.enter(recovered);
    }

    /// A piece of text (character data, CDATA, a reference); pieces between two tags are
    /// joined, and comments and processing instructions are not events at all.
    ///
    /// Text is kept only where a datatype must read it; a streaming run keeps at most
    /// [`MAX_VALUE_TEXT`] bytes of it and past that fails (see [`Run::failure`]) rather
    /// than hold the text in memory.
    ///
    /// `at` is where the piece's first character that is not whitespace stands in the
    /// source (its start when it is all whitespace): only the source knows, since `piece`
    /// has its references resolved and its line ends normalised.
    pub fn text(&mut self, piece: &str, at: Position) {
        if self.skipping > 0 || self.depth == 0 || self.failure.is_some() {
            return;
        }
        if !self.text_pending {
            self.text_pending = true;
            self.text_whitespace = true;
            self.text_at = at;
            self.text.clear();
        }
        if self.text_whitespace && !is_whitespace(piece) {
            // Problems with text point at its first character that is not whitespace.
            self.text_at = at;
            self.text_whitespace = false;
        }
        if self
            .engine
            .store
            .flags(self.current)
            .contains(Flags::TEXT_DEPENDENT)
        {
            if self.streaming && self.text.len() + piece.len() > MAX_VALUE_TEXT {
                self.failure = Some(
                    crate::ErrorKind::Limit {
                        location: self.location(self.text_at),
                        message: format!(
                            "the text of element \"{}\" is longer than the {} MiB a value may have",
                            self.element_name(),
                            MAX_VALUE_TEXT / (1024 * 1024)
                        ),
                    }
                    .into(),
                );
                return;
            }
            self.text.push_str(piece);
        }
    }

    /// Why a streaming run cannot go on, once it cannot.
    pub fn failure(&mut self) -> Option<crate::Error> {
        self.failure.take()
    }

    /// Text before a child element: whitespace is ignored; other text must be allowed.
    fn flush_text(&mut self) {
        if !std::mem::take(&mut self.text_pending) || self.text_whitespace {
            return;
        }
        let text = std::mem::take(&mut self.text);
        let next = self.engine.text(self.current, &text, &NoNamespaces);
        if next == PatternId::NOT_ALLOWED {
            self.text_problem(&text);
        } else {
            self.current = next;
        }
        self.text = text;
    }

    fn text_problem(&mut self, text: &str) {
        let element = self.element_name();
        let kind = if self
            .engine
            .store
            .flags(self.current)
            .contains(Flags::TEXT_DEPENDENT)
        {
            let reason = self.explain_values(self.current, text, &NoNamespaces);
            ProblemKind::TextValue {
                element,
                value: shorten(text),
                reason,
            }
        } else {
            ProblemKind::TextNotAllowed { element }
        };
        self.problem(self.text_at, kind);
    }

    /// An element's end tag (for `<x/>`, right after its attributes).
    pub fn end_element(&mut self, at: Position, context: &dyn NamespaceContext) {
        if self.skipping > 0 {
            self.skipping -= 1;
            if self.skipping == 0 {
                self.depth -= 1;
                self.current = self.frames[self.depth].parent_pattern;
            }
            return;
        }
        let had_children = self.frame().is_some_and(|frame| frame.had_child_elements);
        let mut reported = false;
        if had_children {
            self.flush_text();
        } else {
            reported = self.whole_text(at, context);
        }
        let next = self.engine.end_tag(self.current);
        if next == PatternId::NOT_ALLOWED {
            if !reported {
                self.missing_content(at);
            }
            self.current = self.engine.end_tag_recovering(self.current);
        } else {
            self.current = next;
        }
        self.text_pending = false;
        self.depth = self.depth.saturating_sub(1);
        if self.current == PatternId::NOT_ALLOWED {
            self.current = self.frames[self.depth].parent_pattern;
        }
    }

    /// The text of an element without child elements, matched as one value (whitespace
    /// alone may also count as no text at all). Returns whether a problem was reported.
    fn whole_text(&mut self, end: Position, context: &dyn NamespaceContext) -> bool {
        let pending = std::mem::take(&mut self.text_pending);
        if !pending {
            self.text_at = end;
        }
        let whitespace = !pending || self.text_whitespace;
        let text = if pending {
            std::mem::take(&mut self.text)
        } else {
            String::new()
        };
        let derived = self.engine.text(self.current, &text, context);
        let next = if whitespace {
            self.engine.store.choice(self.current, derived)
        } else {
            derived
        };
        let mut reported = false;
        if next == PatternId::NOT_ALLOWED {
            self.text_problem(&text);
            reported = true;
        } else if whitespace && derived == PatternId::NOT_ALLOWED {
            // Whitespace or nothing, where a value is required: the end tag will fail;
            // say what was wrong with the value rather than that content is missing.
            let ends = self.engine.end_tag(self.current) != PatternId::NOT_ALLOWED;
            let dependent = self
                .engine
                .store
                .flags(self.current)
                .contains(Flags::TEXT_DEPENDENT);
            if !ends && dependent && self.engine.required_elements(self.current).names.is_empty() {
                self.text_problem(&text);
                reported = true;
            }
        } else {
            self.current = next;
        }
        self.text = text;
        reported
    }

    fn missing_content(&mut self, at: Position) {
        let required = self.engine.required_elements(self.current);
        let missing = self.show_name_classes(&required.names, self.qualify_names(&required.names));
        let element = self.element_name();
        self.problem(
            at,
            ProblemKind::MissingContent {
                element,
                missing,
                one_of: required.one_of,
            },
        );
    }

    /// The end of the document: IDREFs are checked against the IDs seen.
    pub fn finish(mut self) -> Report {
        let idrefs = std::mem::take(&mut self.idrefs);
        for (value, at, path) in idrefs {
            if !self.ids.contains(&value) {
                let problem = Problem {
                    location: self.location(at),
                    path,
                    kind: ProblemKind::UnknownId {
                        value: shorten(&value),
                    },
                };
                self.report.push(problem);
            }
        }
        self.report
    }

    /// Why `value` matches none of the value patterns among `p`'s alternatives (each an
    /// `after(value pattern, rest)`, or the value patterns themselves).
    fn explain_values(
        &mut self,
        p: PatternId,
        value: &str,
        context: &dyn NamespaceContext,
    ) -> String {
        let mut values = Vec::new();
        let mut reasons = Vec::new();
        let mut stack = vec![p];
        while let Some(p) = stack.pop() {
            match self.engine.pattern(p).clone() {
                Pattern::After(content, _) => stack.push(content),
                Pattern::Choice(items) => stack.extend(items.iter().rev()),
                Pattern::Group(first, second) => {
                    stack.push(first);
                    if self.engine.store.nullable(first) {
                        stack.push(second);
                    }
                }
                Pattern::Interleave(items) => stack.extend(items.iter().rev()),
                Pattern::OneOrMore(inner) => stack.push(inner),
                Pattern::Value(id) => values.push(format!(
                    "\"{}\"",
                    shorten(&self.engine.store.value(id).lexical)
                )),
                Pattern::Data(datatype) | Pattern::DataExcept(datatype, _) => {
                    let datatype = self.engine.store.datatype(datatype);
                    match datatype.check(value, context) {
                        Err(rejection) => reasons.push(rejection.phrase().to_owned()),
                        Ok(()) => reasons.push(format!("is excluded from {datatype}")),
                    }
                }
                Pattern::List(_) => reasons.push("is not a valid list".to_owned()),
                Pattern::Text
                | Pattern::Empty
                | Pattern::NotAllowed
                | Pattern::Attribute(..)
                | Pattern::Element(_) => {}
            }
        }
        values.dedup();
        reasons.dedup();
        match values.len() {
            0 => {}
            1 => reasons.insert(0, format!("is not {}", values[0])),
            _ => reasons.insert(0, format!("is not one of {}", values.join(", "))),
        }
        if reasons.is_empty() {
            "is not allowed here".to_owned()
        } else {
            reasons.join(" and ")
        }
    }

    /// Whether names in a message must show their namespaces: when they are not all in
    /// the namespace of the current element.
    fn qualify_names(&self, names: &[NameClassId]) -> bool {
        let mut namespaces = Vec::new();
        for &name in names {
            self.engine.name_class_namespaces(name, &mut namespaces);
        }
        let here = self
            .frame()
            .map(|frame| frame.namespace.as_str())
            .unwrap_or("");
        namespaces.iter().any(|namespace| namespace != here)
    }

    fn show_name_classes(&self, names: &[NameClassId], qualify: bool) -> Vec<String> {
        let mut shown = Vec::new();
        for &name in names {
            self.engine.show_name_class(name, qualify, &mut shown);
        }
        shown.sort();
        shown.dedup();
        shown
    }

    /// A found element and the expected ones, qualified when their namespaces differ.
    fn show_names(&self, found: Name<'_>, expected: &[NameClassId]) -> (String, Vec<String>) {
        let mut namespaces = Vec::new();
        for &name in expected {
            self.engine.name_class_namespaces(name, &mut namespaces);
        }
        let qualify = namespaces
            .iter()
            .any(|namespace| namespace != found.namespace);
        (
            show_name(found.namespace, found.local, qualify),
            self.show_name_classes(expected, qualify),
        )
    }
}
