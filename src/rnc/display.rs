//! The syntax tree printed back as compact syntax.
//!
//! The printer writes what parses back to the same tree (spans aside): parentheses only
//! where the syntax needs them, a `\` before identifiers that are keywords, and literals
//! split with `~` (or written with `\x{…}`) where a quote or line break would end them.

use std::fmt::{self, Display, Formatter, Write};

use super::ast::{
    Body, Combine, DatatypeName, Declaration, GrammarItem, NameClass, NameClassKind, NamespaceUri,
    Param, Pattern, PatternKind, SchemaFile,
};

/// The reserved words, which an identifier must quote with `\`.
const KEYWORDS: [&str; 19] = [
    "attribute",
    "default",
    "datatypes",
    "div",
    "element",
    "empty",
    "external",
    "grammar",
    "include",
    "inherit",
    "list",
    "mixed",
    "namespace",
    "notAllowed",
    "parent",
    "start",
    "string",
    "text",
    "token",
];

impl Display for SchemaFile {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        for declaration in &self.declarations {
            writeln!(f, "{declaration}")?;
        }
        match &self.body {
            Body::Pattern(pattern) => writeln!(f, "{pattern}"),
            Body::Grammar(items) => {
                for item in items {
                    write_item(f, item, 0)?;
                    f.write_char('\n')?;
                }
                Ok(())
            }
        }
    }
}

impl Display for Declaration {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Declaration::Namespace { prefix, uri, .. } => {
                write!(f, "namespace {prefix} = {uri}")
            }
            Declaration::DefaultNamespace {
                prefix: Some(prefix),
                uri,
                ..
            } => write!(f, "default namespace {prefix} = {uri}"),
            Declaration::DefaultNamespace { uri, .. } => write!(f, "default namespace = {uri}"),
            Declaration::Datatypes { prefix, uri, .. } => {
                write!(f, "datatypes {prefix} = {}", Literal(uri))
            }
        }
    }
}

impl Display for NamespaceUri {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            NamespaceUri::Literal(uri) => Literal(uri).fmt(f),
            NamespaceUri::Inherit => f.write_str("inherit"),
        }
    }
}

impl Display for GrammarItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write_item(f, self, 0)
    }
}

/// Writes `item` at `indent` levels (the first line is not indented).
fn write_item(f: &mut Formatter<'_>, item: &GrammarItem, indent: usize) -> fmt::Result {
    match item {
        GrammarItem::Start {
            combine, pattern, ..
        } => write!(
            f,
            "start {} {}",
            combine_text(*combine),
            Indented(pattern, indent)
        ),
        GrammarItem::Define {
            name,
            combine,
            pattern,
            ..
        } => write!(
            f,
            "{} {} {}",
            Identifier(name),
            combine_text(*combine),
            Indented(pattern, indent)
        ),
        GrammarItem::Div(items) => {
            f.write_str("div ")?;
            write_block(f, items, indent)
        }
        GrammarItem::Include {
            href,
            inherit,
            overrides,
            ..
        } => {
            write!(f, "include {}", Literal(href))?;
            if let Some(prefix) = inherit {
                write!(f, " inherit = {prefix}")?;
            }
            if overrides.is_empty() {
                return Ok(());
            }
            f.write_char(' ')?;
            write_block(f, overrides, indent)
        }
    }
}

/// Writes `{`, the items one a line, and `}`.
fn write_block(f: &mut Formatter<'_>, items: &[GrammarItem], indent: usize) -> fmt::Result {
    f.write_char('{')?;
    for item in items {
        write!(f, "\n{:width$}", "", width = 2 * (indent + 1))?;
        write_item(f, item, indent + 1)?;
    }
    if !items.is_empty() {
        write!(f, "\n{:width$}", "", width = 2 * indent)?;
    }
    f.write_char('}')
}

fn combine_text(combine: Combine) -> &'static str {
    match combine {
        Combine::Assign => "=",
        Combine::Choice => "|=",
        Combine::Interleave => "&=",
    }
}

impl Display for Pattern {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        Indented(self, 0).fmt(f)
    }
}

/// A pattern whose nested grammars are indented `.1` levels.
struct Indented<'a>(&'a Pattern, usize);

impl Display for Indented<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let Indented(pattern, indent) = *self;
        let at = |p| Indented(p, indent);
        match &pattern.kind {
            PatternKind::Element(name, content) => {
                write!(f, "element {name} {{ {} }}", at(content))
            }
            PatternKind::Attribute(name, content) => {
                write!(f, "attribute {name} {{ {} }}", at(content))
            }
            PatternKind::Group(items) => write_operands(f, items, ", ", indent),
            PatternKind::Interleave(items) => write_operands(f, items, " & ", indent),
            PatternKind::Choice(items) => write_operands(f, items, " | ", indent),
            PatternKind::Optional(inner) => write!(f, "{}?", Operand(inner, indent, true)),
            PatternKind::ZeroOrMore(inner) => write!(f, "{}*", Operand(inner, indent, true)),
            PatternKind::OneOrMore(inner) => write!(f, "{}+", Operand(inner, indent, true)),
            PatternKind::List(content) => write!(f, "list {{ {} }}", at(content)),
            PatternKind::Mixed(content) => write!(f, "mixed {{ {} }}", at(content)),
            PatternKind::Ref(name) => Identifier(name).fmt(f),
            PatternKind::ParentRef(name) => write!(f, "parent {}", Identifier(name)),
            PatternKind::Empty => f.write_str("empty"),
            PatternKind::Text => f.write_str("text"),
            PatternKind::NotAllowed => f.write_str("notAllowed"),
            PatternKind::Value {
                datatype: None,
                value,
            } => Literal(value).fmt(f),
            PatternKind::Value {
                datatype: Some(datatype),
                value,
            } => write!(f, "{datatype} {}", Literal(value)),
            PatternKind::Data {
                datatype,
                params,
                except,
            } => {
                datatype.fmt(f)?;
                if !params.is_empty() {
                    f.write_str(" {")?;
                    for param in params {
                        write!(f, " {param}")?;
                    }
                    f.write_str(" }")?;
                }
                match except {
                    Some(except) => write!(f, " - {}", Operand(except, indent, true)),
                    None => Ok(()),
                }
            }
            PatternKind::External { href, inherit } => {
                write!(f, "external {}", Literal(href))?;
                match inherit {
                    Some(prefix) => write!(f, " inherit = {prefix}"),
                    None => Ok(()),
                }
            }
            PatternKind::Grammar(items) => {
                f.write_str("grammar ")?;
                write_block(f, items, indent)
            }
        }
    }
}

/// Writes `items` joined by `separator`, each in parentheses where it needs them.
fn write_operands(
    f: &mut Formatter<'_>,
    items: &[Pattern],
    separator: &str,
    indent: usize,
) -> fmt::Result {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(separator)?;
        }
        Operand(item, indent, false).fmt(f)?;
    }
    Ok(())
}

/// A pattern as the operand of a binary operator (`.2` false) or of `?`, `*`, `+` or a
/// datatype's `-` (`.2` true), in parentheses where it would not parse back alone.
struct Operand<'a>(&'a Pattern, usize, bool);

impl Display for Operand<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let Operand(pattern, indent, postfix) = *self;
        let needs_parentheses = match &pattern.kind {
            PatternKind::Group(_) | PatternKind::Interleave(_) | PatternKind::Choice(_) => true,
            PatternKind::Data { except, .. } => except.is_some(),
            PatternKind::Optional(_) | PatternKind::ZeroOrMore(_) | PatternKind::OneOrMore(_) => {
                postfix
            }
            _ => false,
        };
        if needs_parentheses {
            write!(f, "({})", Indented(pattern, indent))
        } else {
            Indented(pattern, indent).fmt(f)
        }
    }
}

impl Display for DatatypeName {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            DatatypeName::String => f.write_str("string"),
            DatatypeName::Token => f.write_str("token"),
            DatatypeName::Prefixed { prefix, local, .. } => write!(f, "{prefix}:{local}"),
        }
    }
}

impl Display for Param {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{} = {}", self.name, Literal(&self.value))
    }
}

impl Display for NameClass {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match &self.kind {
            NameClassKind::Name {
                prefix: Some(prefix),
                local,
            } => write!(f, "{prefix}:{local}"),
            NameClassKind::Name {
                prefix: None,
                local,
            } => f.write_str(local),
            NameClassKind::NsName { prefix, except } => {
                write!(f, "{prefix}:*")?;
                write_name_except(f, except.as_deref())
            }
            NameClassKind::AnyName { except } => {
                f.write_char('*')?;
                write_name_except(f, except.as_deref())
            }
            NameClassKind::Choice(choices) => {
                for (i, choice) in choices.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" | ")?;
                    }
                    BasicNameClass(choice).fmt(f)?;
                }
                Ok(())
            }
        }
    }
}

fn write_name_except(f: &mut Formatter<'_>, except: Option<&NameClass>) -> fmt::Result {
    match except {
        Some(except) => write!(f, " - {}", BasicNameClass(except)),
        None => Ok(()),
    }
}

/// A name class where no `|` or exception may stand without parentheses.
struct BasicNameClass<'a>(&'a NameClass);

impl Display for BasicNameClass<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let needs_parentheses = match &self.0.kind {
            NameClassKind::Choice(_) => true,
            NameClassKind::NsName { except, .. } | NameClassKind::AnyName { except } => {
                except.is_some()
            }
            NameClassKind::Name { .. } => false,
        };
        if needs_parentheses {
            write!(f, "({})", self.0)
        } else {
            self.0.fmt(f)
        }
    }
}

/// An identifier, with a `\` when it is a keyword.
struct Identifier<'a>(&'a str);

impl Display for Identifier<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if KEYWORDS.contains(&self.0) {
            f.write_char('\\')?;
        }
        f.write_str(self.0)
    }
}

/// A literal whose value is `.0`: quoted segments joined by `~` where one quote would not
/// do, line breaks and backslashes written as `\x{…}`.
struct Literal<'a>(&'a str);

impl Display for Literal<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let mut quote = None;
        for c in self.0.chars() {
            let current = match (quote, c) {
                (Some(q), c) if q != c => q,
                (Some(q), _) => {
                    write!(f, "{q} ~ ")?;
                    if q == '"' {
                        '\''
                    } else {
                        '"'
                    }
                }
                (None, '"') => '\'',
                (None, _) => '"',
            };
            if quote != Some(current) {
                f.write_char(current)?;
                quote = Some(current);
            }
            match c {
                '\\' | '\n' | '\r' => write!(f, "\\x{{{:X}}}", u32::from(c))?,
                c if c.is_control() => write!(f, "\\x{{{:X}}}", u32::from(c))?,
                c => f.write_char(c)?,
            }
        }
        let q = quote.unwrap_or('"');
        if quote.is_none() {
            f.write_char(q)?;
        }
        f.write_char(q)
    }
}
