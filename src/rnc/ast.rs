//! The syntax tree of one RELAX NG compact-syntax file, as written.
//!
//! The tree keeps names as written (prefixes unresolved) and drops annotations and
//! documentation comments, which do not change what a schema accepts. Resolving prefixes,
//! loading `include` and `external` files and combining definitions is the job of
//! [`crate::simplify`]. Every node that can be the subject of an error carries the [`Span`]
//! of its text in the original file (before `\x{…}` escapes were replaced).

/// A range of bytes in the original text of a schema file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset just past the last byte.
    pub end: usize,
}

/// One schema file: its declarations and its body.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaFile {
    /// The `namespace`, `default namespace` and `datatypes` declarations, in order.
    pub declarations: Vec<Declaration>,
    /// A single pattern, or the content of an implicit grammar.
    pub body: Body,
}

/// A declaration at the top of a file.
#[derive(Debug, Clone, PartialEq)]
pub enum Declaration {
    /// `namespace prefix = "uri"` (or `= inherit`).
    Namespace {
        /// The prefix being bound.
        prefix: String,
        /// The namespace it is bound to.
        uri: NamespaceUri,
        /// The whole declaration.
        span: Span,
    },
    /// `default namespace [prefix] = "uri"` (or `= inherit`).
    DefaultNamespace {
        /// The prefix also bound to the namespace, when one is given.
        prefix: Option<String>,
        /// The default namespace.
        uri: NamespaceUri,
        /// The whole declaration.
        span: Span,
    },
    /// `datatypes prefix = "uri"`.
    Datatypes {
        /// The prefix being bound.
        prefix: String,
        /// The datatype library's URI.
        uri: String,
        /// The whole declaration.
        span: Span,
    },
}

/// The right-hand side of a namespace declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NamespaceUri {
    /// A literal URI (possibly empty: the null namespace).
    Literal(String),
    /// `inherit`: the namespace inherited from the including file.
    Inherit,
}

/// The body of a file.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// The file is one pattern.
    Pattern(Pattern),
    /// The file is the content of a grammar (start, definitions, divs, includes).
    Grammar(Vec<GrammarItem>),
}

/// One component of a grammar.
#[derive(Debug, Clone, PartialEq)]
pub enum GrammarItem {
    /// `start = pattern` (or `|=`, `&=`).
    Start {
        /// How this part combines with other parts of `start`.
        combine: Combine,
        /// The pattern.
        pattern: Pattern,
        /// The whole component.
        span: Span,
    },
    /// `name = pattern` (or `|=`, `&=`).
    Define {
        /// The defined name.
        name: String,
        /// How this part combines with other parts of the same definition.
        combine: Combine,
        /// The pattern.
        pattern: Pattern,
        /// The whole component.
        span: Span,
    },
    /// `div { … }`: a group of components, no different from writing them in place.
    Div(Vec<GrammarItem>),
    /// `include "href" [inherit = prefix] [{ … }]`.
    Include {
        /// The URI of the included file, as written.
        href: String,
        /// The prefix whose namespace the included file inherits, when `inherit = prefix`
        /// is given (otherwise it inherits the default namespace).
        inherit: Option<String>,
        /// Components that override those of the included file (start, definitions, divs).
        overrides: Vec<GrammarItem>,
        /// The whole component.
        span: Span,
    },
}

/// The assignment method of a definition or start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Combine {
    /// `=`
    Assign,
    /// `|=`
    Choice,
    /// `&=`
    Interleave,
}

/// A pattern with the span of its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// What the pattern is.
    pub kind: PatternKind,
    /// Where it is written.
    pub span: Span,
}

/// The kinds of pattern the compact syntax can write.
#[derive(Debug, Clone, PartialEq)]
pub enum PatternKind {
    /// `element name-class { pattern }`
    Element(NameClass, Box<Pattern>),
    /// `attribute name-class { pattern }`
    Attribute(NameClass, Box<Pattern>),
    /// `p1, p2, …` (two or more).
    Group(Vec<Pattern>),
    /// `p1 & p2 & …` (two or more).
    Interleave(Vec<Pattern>),
    /// `p1 | p2 | …` (two or more).
    Choice(Vec<Pattern>),
    /// `p?`
    Optional(Box<Pattern>),
    /// `p*`
    ZeroOrMore(Box<Pattern>),
    /// `p+`
    OneOrMore(Box<Pattern>),
    /// `list { pattern }`
    List(Box<Pattern>),
    /// `mixed { pattern }`
    Mixed(Box<Pattern>),
    /// A reference to a definition of the current grammar.
    Ref(String),
    /// `parent name`: a reference to a definition of the enclosing grammar.
    ParentRef(String),
    /// `empty`
    Empty,
    /// `text`
    Text,
    /// `notAllowed`
    NotAllowed,
    /// A literal value: `"v"`, `string "v"`, `token "v"` or `prefix:name "v"`.
    Value {
        /// The datatype; `None` when the literal stands alone (the builtin `token`).
        datatype: Option<DatatypeName>,
        /// The literal, with `~` concatenations joined.
        value: String,
    },
    /// A datatype with optional parameters and an optional `- pattern` exception.
    Data {
        /// The datatype.
        datatype: DatatypeName,
        /// `{ name = "value" … }`, in order.
        params: Vec<Param>,
        /// The pattern after `-`, if any.
        except: Option<Box<Pattern>>,
    },
    /// `external "href" [inherit = prefix]`: the pattern of another file.
    External {
        /// The URI of the file, as written.
        href: String,
        /// The prefix whose namespace the file inherits, if given.
        inherit: Option<String>,
    },
    /// `grammar { … }`: a nested grammar.
    Grammar(Vec<GrammarItem>),
}

/// The name of a datatype.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DatatypeName {
    /// The builtin `string`.
    String,
    /// The builtin `token`.
    Token,
    /// `prefix:local`, resolved through a `datatypes` declaration (or the predeclared `xsd`).
    Prefixed {
        /// The prefix.
        prefix: String,
        /// The type's name in its library.
        local: String,
        /// Where the name is written.
        span: Span,
    },
}

/// A datatype parameter, `name = "value"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// The parameter's name.
    pub name: String,
    /// Its value, with `~` concatenations joined.
    pub value: String,
    /// Where the parameter is written.
    pub span: Span,
}

/// A name class with the span of its text.
#[derive(Debug, Clone, PartialEq)]
pub struct NameClass {
    /// What the name class is.
    pub kind: NameClassKind,
    /// Where it is written.
    pub span: Span,
}

/// The kinds of name class.
#[derive(Debug, Clone, PartialEq)]
pub enum NameClassKind {
    /// One name: `local` (an identifier or keyword) or `prefix:local`.
    Name {
        /// The prefix, when the name is written `prefix:local`.
        prefix: Option<String>,
        /// The local name.
        local: String,
    },
    /// `prefix:*`, optionally `- name-class`.
    NsName {
        /// The prefix.
        prefix: String,
        /// The names taken out.
        except: Option<Box<NameClass>>,
    },
    /// `*`, optionally `- name-class`.
    AnyName {
        /// The names taken out.
        except: Option<Box<NameClass>>,
    },
    /// `nc1 | nc2 | …` (two or more).
    Choice(Vec<NameClass>),
}
