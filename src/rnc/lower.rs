//! Lowering: pest's pairs to the syntax tree, one function per grammar rule.
//!
//! The lowering also makes the checks the grammar leaves to it, for clearer messages:
//! one binary operator per pattern, a datatype exception standing alone, and no
//! following annotation on a top-level pattern. Annotations and documentation are
//! skipped. Recursion follows the nesting of brackets, which [`super::depth`] bounds;
//! long chains (`a | b | …`) are loops.

use pest::iterators::{Pair, Pairs};
use pest_derive::Parser;

use super::ast::{
    Body, Combine, DatatypeName, Declaration, GrammarItem, NameClass, NameClassKind, NamespaceUri,
    Param, Pattern, PatternKind, SchemaFile, Span,
};
use super::error::SyntaxError;
use super::escape::{Unescaped, ESCAPED_LINE_FEED};

/// The parser generated from `rnc.pest`.
#[derive(Parser)]
#[grammar = "rnc/rnc.pest"]
pub(crate) struct RncParser;

type Result<T> = std::result::Result<T, SyntaxError>;

/// Lowers the pairs of one file, mapping spans back to the original text.
pub(crate) struct Lowerer<'a> {
    original: &'a str,
    unescaped: &'a Unescaped,
}

/// Rules that carry nothing for the tree: punctuation, keywords and annotations.
fn is_noise(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::documentation
            | Rule::initial_annotation
            | Rule::follow_annotation
            | Rule::annotation_element_not_keyword
            | Rule::open_brace
            | Rule::close_brace
            | Rule::open_paren
            | Rule::close_paren
            | Rule::assign
            | Rule::minus
            | Rule::EOI
            | Rule::element_keyword
            | Rule::attribute_keyword
            | Rule::list_keyword
            | Rule::mixed_keyword
            | Rule::grammar_keyword
            | Rule::external_keyword
            | Rule::parent_keyword
            | Rule::namespace_keyword
            | Rule::default_keyword
            | Rule::datatypes_keyword
            | Rule::inherit_keyword
            | Rule::include_keyword
            | Rule::div_keyword
            | Rule::start_keyword
    )
}

/// The children of `pair` that carry something for the tree.
fn significant<'i>(pair: Pair<'i, Rule>) -> impl Iterator<Item = Pair<'i, Rule>> {
    pair.into_inner().filter(|p| !is_noise(p.as_rule()))
}

/// The end of the last token of `pair`: its last descendant is a token (a rule of no
/// rules), whose span has no trailing white space.
fn last_token_end(pair: &Pair<'_, Rule>) -> usize {
    let mut last = pair.clone();
    while let Some(child) = last.clone().into_inner().next_back() {
        last = child;
    }
    last.as_span().end()
}

/// True when the initial annotation `pair` holds annotation elements.
fn has_elements(pair: &Pair<'_, Rule>) -> bool {
    pair.clone()
        .into_inner()
        .any(|c| c.as_rule() == Rule::annotation_element)
}

/// The text of an identifier, without the `\` that quotes a keyword.
fn identifier(pair: &Pair<'_, Rule>) -> String {
    let text = pair.as_str();
    text.strip_prefix('\\').unwrap_or(text).to_owned()
}

/// A binary operator as written, for messages.
fn operator_text(rule: Rule) -> &'static str {
    match rule {
        Rule::choice_operator => "|",
        Rule::interleave_operator => "&",
        _ => ",",
    }
}

/// A pattern as its particles and operators are lowered.
#[derive(Default)]
struct Chain {
    /// The particles, in order.
    particles: Vec<Pattern>,
    /// The binary operator between them (all the same).
    operator: Option<Rule>,
    /// The span of the `-` of the first particle with a datatype exception.
    except: Option<Span>,
}

/// A datatype pattern as its children are lowered.
#[derive(Default)]
struct Data {
    /// The datatype.
    datatype: Option<DatatypeName>,
    /// Its parameters, in order.
    params: Vec<Param>,
    /// The pattern after `-`.
    except: Option<Box<Pattern>>,
    /// The span of the `-`.
    minus: Option<Span>,
}

/// A particle as its children are lowered.
#[derive(Default)]
struct Particle {
    /// The primary pattern, with its `?`, `*` or `+` once read.
    pattern: Option<Pattern>,
    /// The span of the `-` of a datatype exception.
    except: Option<Span>,
    /// True when the initial annotations hold annotation elements.
    element_annotations: bool,
}

impl<'a> Lowerer<'a> {
    /// A lowerer for one file: `original` as written, `unescaped` as the grammar read it.
    pub(crate) fn new(original: &'a str, unescaped: &'a Unescaped) -> Lowerer<'a> {
        Lowerer {
            original,
            unescaped,
        }
    }

    /// The span of `pair` in the original text, without the white space and comments
    /// that pest counts in a rule ending in `?` or `*`.
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        self.unescaped
            .original_span(pair.as_span().start(), last_token_end(pair))
    }

    /// An error about `pair`, located at its start in the original text.
    pub(crate) fn error(&self, pair: &Pair<'_, Rule>, message: impl Into<String>) -> SyntaxError {
        let span = self.span(pair);
        SyntaxError::at_original(self.original, span.start, message).with_span(span)
    }

    fn unexpected(&self, pair: &Pair<'_, Rule>) -> SyntaxError {
        // The grammar rules this out; an error is still better than a panic.
        self.error(
            pair,
            "internal error: the parser read this in an unexpected way",
        )
    }

    /// `top_level`: the declarations, then a pattern or grammar content.
    pub(crate) fn top_level(&self, pair: Pair<'_, Rule>) -> Result<SchemaFile> {
        let mut declarations = Vec::new();
        let mut items = Vec::new();
        let mut pattern = None;
        for child in significant(pair) {
            match child.as_rule() {
                Rule::namespace_decl => declarations.push(self.namespace_decl(child)?),
                Rule::default_namespace_decl => {
                    declarations.push(self.default_namespace_decl(child)?)
                }
                Rule::datatypes_decl => declarations.push(self.datatypes_decl(child)?),
                Rule::pattern => pattern = Some(self.pattern(child, true)?),
                _ => self.grammar_content(child, &mut items)?,
            }
        }
        let body = match pattern {
            Some(pattern) => Body::Pattern(pattern),
            None => Body::Grammar(items),
        };
        Ok(SchemaFile { declarations, body })
    }

    /// `namespace_decl`: `namespace prefix = uri`.
    fn namespace_decl(&self, pair: Pair<'_, Rule>) -> Result<Declaration> {
        let span = self.span(&pair);
        let mut prefix = String::new();
        let mut uri = NamespaceUri::Inherit;
        for child in significant(pair) {
            match child.as_rule() {
                Rule::identifier_or_keyword => prefix = identifier(&child),
                _ => uri = self.namespace_uri_literal(child)?,
            }
        }
        Ok(Declaration::Namespace { prefix, uri, span })
    }

    /// `default_namespace_decl`: `default namespace [prefix] = uri`.
    fn default_namespace_decl(&self, pair: Pair<'_, Rule>) -> Result<Declaration> {
        let span = self.span(&pair);
        let mut prefix = None;
        let mut uri = NamespaceUri::Inherit;
        for child in significant(pair) {
            match child.as_rule() {
                Rule::identifier_or_keyword => prefix = Some(identifier(&child)),
                _ => uri = self.namespace_uri_literal(child)?,
            }
        }
        Ok(Declaration::DefaultNamespace { prefix, uri, span })
    }

    /// `datatypes_decl`: `datatypes prefix = "uri"`.
    fn datatypes_decl(&self, pair: Pair<'_, Rule>) -> Result<Declaration> {
        let span = self.span(&pair);
        let mut prefix = String::new();
        let mut uri = String::new();
        for child in significant(pair) {
            match child.as_rule() {
                Rule::identifier_or_keyword => prefix = identifier(&child),
                _ => uri = self.literal(child),
            }
        }
        Ok(Declaration::Datatypes { prefix, uri, span })
    }

    /// `namespace_uri_literal`: a literal or `inherit`.
    fn namespace_uri_literal(&self, pair: Pair<'_, Rule>) -> Result<NamespaceUri> {
        let inner = pair.into_inner().next();
        Ok(match inner {
            Some(literal) if literal.as_rule() == Rule::literal => {
                NamespaceUri::Literal(self.literal(literal))
            }
            _ => NamespaceUri::Inherit,
        })
    }

    /// `pattern`: particles joined by one kind of binary operator.
    fn pattern(&self, pair: Pair<'_, Rule>, top_level: bool) -> Result<Pattern> {
        let mut chain = Chain::default();
        for child in pair.into_inner() {
            self.pattern_child(child, top_level, &mut chain)?;
        }
        match chain.except {
            Some(minus) if chain.particles.len() > 1 => Err(self.except_needs_parentheses(minus)),
            _ => self.join(chain.operator, chain.particles),
        }
    }

    /// One particle or operator of a pattern, added to `chain`.
    fn pattern_child(
        &self,
        child: Pair<'_, Rule>,
        top_level: bool,
        chain: &mut Chain,
    ) -> Result<()> {
        if child.as_rule() != Rule::particle {
            chain.operator = Some(self.same_operator(chain.operator, &child)?);
            return Ok(());
        }
        let (particle, minus) = self.particle(child, top_level)?;
        chain.except = chain.except.or(minus);
        chain.particles.push(particle);
        Ok(())
    }

    /// The operator of a pattern so far, once `next` is added: all must be the same.
    fn same_operator(&self, first: Option<Rule>, next: &Pair<'_, Rule>) -> Result<Rule> {
        let rule = next.as_rule();
        match first {
            Some(first) if first != rule => Err(self.error(
                next,
                format!(
                    "cannot mix \"{}\" and \"{}\" without parentheses",
                    operator_text(first),
                    operator_text(rule)
                ),
            )),
            _ => Ok(rule),
        }
    }

    /// One particle, or the group, interleave or choice of several.
    fn join(&self, operator: Option<Rule>, mut particles: Vec<Pattern>) -> Result<Pattern> {
        let kind = match operator {
            None => return particles.pop().ok_or_else(|| self.missing("a pattern")),
            Some(Rule::choice_operator) => PatternKind::Choice,
            Some(Rule::interleave_operator) => PatternKind::Interleave,
            Some(_) => PatternKind::Group,
        };
        let span = Span {
            start: particles.first().map_or(0, |p| p.span.start),
            end: particles.last().map_or(0, |p| p.span.end),
        };
        Ok(Pattern {
            kind: kind(particles),
            span,
        })
    }

    fn missing(&self, what: &str) -> SyntaxError {
        SyntaxError::at_original(self.original, 0, format!("expected {what}"))
    }

    fn except_needs_parentheses(&self, minus: Span) -> SyntaxError {
        SyntaxError::at_original(
            self.original,
            minus.start,
            "parentheses required around a datatype with a \"-\" exception",
        )
        .with_span(minus)
    }

    /// `particle`: a primary pattern and an optional `?`, `*` or `+`. Also gives the span
    /// of the `-` of a datatype exception, which must then stand alone.
    fn particle(&self, pair: Pair<'_, Rule>, top_level: bool) -> Result<(Pattern, Option<Span>)> {
        let mut particle = Particle::default();
        for child in pair.into_inner() {
            self.particle_child(child, top_level, &mut particle)?;
        }
        match particle.pattern {
            Some(pattern) => Ok((pattern, particle.except)),
            None => Err(self.missing("a pattern")),
        }
    }

    /// One child of a particle, added to what `particle` holds so far.
    ///
    /// The lowering recurses through here: every arm is one call, so that a debug build
    /// keeps the frame small.
    fn particle_child(
        &self,
        child: Pair<'_, Rule>,
        top_level: bool,
        particle: &mut Particle,
    ) -> Result<()> {
        match child.as_rule() {
            Rule::documentation => Ok(()),
            Rule::initial_annotation => {
                particle.element_annotations = has_elements(&child);
                Ok(())
            }
            Rule::follow_annotation => self.check_follow_annotation(&child, top_level),
            Rule::optional_operator | Rule::zero_or_more_operator | Rule::one_or_more_operator => {
                self.occurrence(&child, particle)
            }
            Rule::data_pattern => self.particle_data(child, particle),
            Rule::value_pattern if top_level && particle.element_annotations => {
                Err(self.error(&child, "a top-level value cannot have annotation elements"))
            }
            _ => self.particle_primary(child, top_level, particle),
        }
    }

    /// A datatype as the primary pattern of a particle, with the span of its `-`.
    fn particle_data(&self, pair: Pair<'_, Rule>, particle: &mut Particle) -> Result<()> {
        let (pattern, minus) = self.data_pattern(pair)?;
        particle.pattern = Some(pattern);
        particle.except = minus;
        Ok(())
    }

    /// Any other primary pattern of a particle.
    fn particle_primary(
        &self,
        pair: Pair<'_, Rule>,
        top_level: bool,
        particle: &mut Particle,
    ) -> Result<()> {
        particle.pattern = Some(self.primary(pair, top_level)?);
        Ok(())
    }

    /// Refuses a following annotation (`>>`) on a top-level pattern, which has no place
    /// to go in the XML syntax.
    fn check_follow_annotation(&self, pair: &Pair<'_, Rule>, top_level: bool) -> Result<()> {
        if top_level {
            return Err(self.error(
                pair,
                "a top-level pattern cannot have following annotations",
            ));
        }
        Ok(())
    }

    /// `?`, `*` or `+` (the rule of `operator`) applied to the particle's pattern.
    fn occurrence(&self, operator: &Pair<'_, Rule>, particle: &mut Particle) -> Result<()> {
        if let Some(minus) = particle.except {
            return Err(self.except_needs_parentheses(minus));
        }
        let inner = particle
            .pattern
            .take()
            .ok_or_else(|| self.unexpected(operator))?;
        let span = Span {
            start: inner.span.start,
            end: self.span(operator).end,
        };
        let inner = Box::new(inner);
        let kind = match operator.as_rule() {
            Rule::optional_operator => PatternKind::Optional(inner),
            Rule::zero_or_more_operator => PatternKind::ZeroOrMore(inner),
            _ => PatternKind::OneOrMore(inner),
        };
        particle.pattern = Some(Pattern { kind, span });
        Ok(())
    }

    /// A primary pattern: dispatches on its rule.
    ///
    /// The lowering recurses through here: every arm is one call in tail position, so
    /// that a debug build keeps the frame small.
    fn primary(&self, pair: Pair<'_, Rule>, top_level: bool) -> Result<Pattern> {
        match pair.as_rule() {
            Rule::element_pattern | Rule::attribute_pattern => self.named_pattern(pair),
            Rule::list_pattern | Rule::mixed_pattern => self.braced_pattern(pair),
            Rule::grammar_pattern => self.grammar_pattern(pair),
            Rule::paren_pattern => self.paren_pattern(pair, top_level),
            Rule::data_pattern | Rule::simple_data_pattern => self.data_only(pair),
            _ => self.leaf_pattern(pair),
        }
    }

    /// A primary pattern with no pattern inside: a reference, a keyword, a value or
    /// `external`.
    fn leaf_pattern(&self, pair: Pair<'_, Rule>) -> Result<Pattern> {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::external_ref => self.external_ref(pair),
            Rule::parent_ref => PatternKind::ParentRef(self.last_identifier(pair)),
            Rule::ref_pattern => PatternKind::Ref(self.last_identifier(pair)),
            Rule::empty_pattern => PatternKind::Empty,
            Rule::text_pattern => PatternKind::Text,
            Rule::not_allowed_pattern => PatternKind::NotAllowed,
            Rule::value_pattern => self.value_pattern(pair)?,
            _ => return Err(self.unexpected(&pair)),
        };
        Ok(Pattern { kind, span })
    }

    /// `grammar_pattern`: `grammar { … }`.
    fn grammar_pattern(&self, pair: Pair<'_, Rule>) -> Result<Pattern> {
        let span = self.span(&pair);
        let items = self.grammar_items(pair)?;
        Ok(Pattern {
            kind: PatternKind::Grammar(items),
            span,
        })
    }

    /// The grammar content inside the braces of `pair` (`grammar`, `div`, `include`).
    fn grammar_items(&self, pair: Pair<'_, Rule>) -> Result<Vec<GrammarItem>> {
        let mut items = Vec::new();
        for child in significant(pair) {
            self.grammar_content(child, &mut items)?;
        }
        Ok(items)
    }

    /// A datatype pattern, where its exception's `-` needs no check.
    fn data_only(&self, pair: Pair<'_, Rule>) -> Result<Pattern> {
        Ok(self.data_pattern(pair)?.0)
    }

    /// `element_pattern` and `attribute_pattern`: a name class and a braced pattern.
    fn named_pattern(&self, pair: Pair<'_, Rule>) -> Result<Pattern> {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let mut name = None;
        let mut content = None;
        for child in significant(pair) {
            match child.as_rule() {
                Rule::name_class => name = Some(self.name_class(child)?),
                _ => content = Some(Box::new(self.pattern(child, false)?)),
            }
        }
        let (Some(name), Some(content)) = (name, content) else {
            return Err(self.missing("a name class and a pattern"));
        };
        let kind = match rule {
            Rule::element_pattern => PatternKind::Element(name, content),
            _ => PatternKind::Attribute(name, content),
        };
        Ok(Pattern { kind, span })
    }

    /// `list_pattern` and `mixed_pattern`: the braced pattern.
    fn braced_pattern(&self, pair: Pair<'_, Rule>) -> Result<Pattern> {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let mut content = None;
        for child in significant(pair) {
            content = Some(Box::new(self.pattern(child, false)?));
        }
        let content = content.ok_or_else(|| self.missing("a pattern"))?;
        let kind = match rule {
            Rule::list_pattern => PatternKind::List(content),
            _ => PatternKind::Mixed(content),
        };
        Ok(Pattern { kind, span })
    }

    /// `paren_pattern`: the pattern inside, spanning the parentheses.
    fn paren_pattern(&self, pair: Pair<'_, Rule>, top_level: bool) -> Result<Pattern> {
        let span = self.span(&pair);
        let outer = pair.clone();
        match significant(pair).next() {
            Some(child) => Ok(Pattern {
                span,
                ..self.pattern(child, top_level)?
            }),
            None => Err(self.unexpected(&outer)),
        }
    }

    /// The name of `parent_ref` and `ref_pattern`.
    fn last_identifier(&self, pair: Pair<'_, Rule>) -> String {
        significant(pair)
            .last()
            .map(|p| identifier(&p))
            .unwrap_or_default()
    }

    /// `external_ref`: `external "uri" [inherit = prefix]`.
    fn external_ref(&self, pair: Pair<'_, Rule>) -> PatternKind {
        let mut href = String::new();
        let mut inherit = None;
        for child in significant(pair) {
            match child.as_rule() {
                Rule::literal => href = self.literal(child),
                _ => inherit = Some(self.inherit(child)),
            }
        }
        PatternKind::External { href, inherit }
    }

    /// `inherit`: the prefix of `inherit = prefix`.
    fn inherit(&self, pair: Pair<'_, Rule>) -> String {
        self.last_identifier(pair)
    }

    /// `value_pattern`: `[datatype] "value"`.
    fn value_pattern(&self, pair: Pair<'_, Rule>) -> Result<PatternKind> {
        let mut datatype = None;
        let mut value = String::new();
        for child in significant(pair) {
            match child.as_rule() {
                Rule::datatype_name => datatype = Some(self.datatype_name(child)?),
                _ => value = self.literal(child),
            }
        }
        Ok(PatternKind::Value { datatype, value })
    }

    /// `data_pattern` and `simple_data_pattern`: a datatype, its params and its
    /// exception; also the span of the exception's `-`.
    fn data_pattern(&self, pair: Pair<'_, Rule>) -> Result<(Pattern, Option<Span>)> {
        let span = self.span(&pair);
        let mut data = Data::default();
        for child in significant(pair) {
            self.data_child(child, &mut data)?;
        }
        let datatype = data.datatype.ok_or_else(|| self.missing("a datatype"))?;
        let kind = PatternKind::Data {
            datatype,
            params: data.params,
            except: data.except,
        };
        Ok((Pattern { kind, span }, data.minus))
    }

    /// One child of a datatype pattern, added to `data`.
    fn data_child(&self, child: Pair<'_, Rule>, data: &mut Data) -> Result<()> {
        match child.as_rule() {
            Rule::datatype_name => data.datatype = Some(self.datatype_name(child)?),
            Rule::params => data.params = self.params(child)?,
            _ => return self.data_except(child, data),
        }
        Ok(())
    }

    /// The exception of a datatype pattern, added to `data`.
    fn data_except(&self, pair: Pair<'_, Rule>, data: &mut Data) -> Result<()> {
        let (pattern, minus) = self.except_pattern(pair)?;
        data.except = Some(Box::new(pattern));
        data.minus = Some(minus);
        Ok(())
    }

    /// `params`: the parameters inside braces.
    fn params(&self, pair: Pair<'_, Rule>) -> Result<Vec<Param>> {
        significant(pair).map(|param| self.param(param)).collect()
    }

    /// `param`: `name = "value"`.
    fn param(&self, pair: Pair<'_, Rule>) -> Result<Param> {
        let mut name = None;
        let mut value = None;
        for child in significant(pair) {
            match child.as_rule() {
                Rule::identifier_or_keyword => name = Some((identifier(&child), self.span(&child))),
                _ => value = Some((self.literal(child.clone()), self.span(&child))),
            }
        }
        match (name, value) {
            (Some((name, start)), Some((value, end))) => Ok(Param {
                name,
                value,
                span: Span {
                    start: start.start,
                    end: end.end,
                },
            }),
            _ => Err(self.missing("a parameter")),
        }
    }

    /// `except_pattern`: the pattern after `-`, and the span of the `-`.
    fn except_pattern(&self, pair: Pair<'_, Rule>) -> Result<(Pattern, Span)> {
        let mut minus = None;
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::minus => minus = Some(self.span(&child)),
                Rule::documentation | Rule::initial_annotation => {}
                _ => return self.except_primary(child, minus),
            }
        }
        Err(self.missing("a pattern"))
    }

    /// The primary pattern of an exception, with the span of its `-`.
    fn except_primary(&self, pair: Pair<'_, Rule>, minus: Option<Span>) -> Result<(Pattern, Span)> {
        let pattern = self.primary(pair, false)?;
        let minus = minus.unwrap_or(pattern.span);
        Ok((pattern, minus))
    }

    /// `datatype_name`: `prefix:local`, `string` or `token`.
    fn datatype_name(&self, pair: Pair<'_, Rule>) -> Result<DatatypeName> {
        let outer = pair.clone();
        let inner = pair
            .into_inner()
            .next()
            .ok_or_else(|| self.unexpected(&outer))?;
        Ok(match inner.as_rule() {
            Rule::string_keyword => DatatypeName::String,
            Rule::token_keyword => DatatypeName::Token,
            _ => {
                let (prefix, local) = inner.as_str().split_once(':').unwrap_or_default();
                DatatypeName::Prefixed {
                    prefix: prefix.to_owned(),
                    local: local.to_owned(),
                    span: self.span(&inner),
                }
            }
        })
    }

    /// One item of grammar content (or include content), appended to `items`;
    /// annotations are skipped.
    ///
    /// The lowering recurses through here: every arm is one call, so that a debug build
    /// keeps the frame small.
    fn grammar_content(&self, pair: Pair<'_, Rule>, items: &mut Vec<GrammarItem>) -> Result<()> {
        let item = match pair.as_rule() {
            Rule::start => self.start(pair),
            Rule::define => self.define(pair),
            Rule::div | Rule::include_div => self.div(pair),
            Rule::include => self.include(pair),
            _ => return Ok(()),
        };
        items.push(item?);
        Ok(())
    }

    /// `div` and `include_div`: `div { … }`.
    fn div(&self, pair: Pair<'_, Rule>) -> Result<GrammarItem> {
        Ok(GrammarItem::Div(self.grammar_items(pair)?))
    }

    /// `start`: `start = pattern`.
    fn start(&self, pair: Pair<'_, Rule>) -> Result<GrammarItem> {
        let span = self.span(&pair);
        let (_, combine, pattern) = self.definition(pair)?;
        Ok(GrammarItem::Start {
            combine,
            pattern,
            span,
        })
    }

    /// `define`: `name = pattern`.
    fn define(&self, pair: Pair<'_, Rule>) -> Result<GrammarItem> {
        let span = self.span(&pair);
        let (name, combine, pattern) = self.definition(pair)?;
        Ok(GrammarItem::Define {
            name,
            combine,
            pattern,
            span,
        })
    }

    /// The name, assignment method and pattern of `start` or `define`.
    fn definition(&self, pair: Pair<'_, Rule>) -> Result<(String, Combine, Pattern)> {
        let outer = pair.clone();
        let mut name = String::new();
        let mut combine = Combine::Assign;
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::identifier => name = identifier(&child),
                Rule::choice_assign => combine = Combine::Choice,
                Rule::interleave_assign => combine = Combine::Interleave,
                Rule::pattern => return Ok((name, combine, self.pattern(child, false)?)),
                _ => {}
            }
        }
        Err(self.unexpected(&outer))
    }

    /// `include`: `include "uri" [inherit = prefix] [{ … }]`.
    fn include(&self, pair: Pair<'_, Rule>) -> Result<GrammarItem> {
        let span = self.span(&pair);
        let mut href = String::new();
        let mut inherit = None;
        let mut overrides = Vec::new();
        for child in significant(pair) {
            match child.as_rule() {
                Rule::literal => href = self.literal(child),
                Rule::inherit => inherit = Some(self.inherit(child)),
                _ => self.grammar_content(child, &mut overrides)?,
            }
        }
        Ok(GrammarItem::Include {
            href,
            inherit,
            overrides,
            span,
        })
    }

    /// `name_class`: an exception, one basic name class, or a choice of them.
    fn name_class(&self, pair: Pair<'_, Rule>) -> Result<NameClass> {
        let mut choices = Vec::new();
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::documentation
                | Rule::initial_annotation
                | Rule::follow_annotation
                | Rule::choice_operator => {}
                Rule::basic_name_class => choices.push(self.basic_name_class(child)?),
                _ => choices.push(self.simple_name_class(child)?),
            }
        }
        if choices.len() > 1 {
            let span = Span {
                start: choices.first().map_or(0, |c| c.span.start),
                end: choices.last().map_or(0, |c| c.span.end),
            };
            return Ok(NameClass {
                kind: NameClassKind::Choice(choices),
                span,
            });
        }
        choices.pop().ok_or_else(|| self.missing("a name class"))
    }

    /// `basic_name_class`: a simple name class after its annotations.
    fn basic_name_class(&self, pair: Pair<'_, Rule>) -> Result<NameClass> {
        let outer = pair.clone();
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::documentation | Rule::initial_annotation => {}
                _ => return self.simple_name_class(child),
            }
        }
        Err(self.unexpected(&outer))
    }

    /// A name, `p:*`, `*`, a parenthesised name class, or `*`/`p:*` with an exception.
    fn simple_name_class(&self, pair: Pair<'_, Rule>) -> Result<NameClass> {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::name => NameClassKind::Name {
                prefix: None,
                local: identifier(&pair),
            },
            Rule::cname => {
                let (prefix, local) = pair.as_str().split_once(':').unwrap_or_default();
                NameClassKind::Name {
                    prefix: Some(prefix.to_owned()),
                    local: local.to_owned(),
                }
            }
            Rule::ns_name => NameClassKind::NsName {
                prefix: pair.as_str().trim_end_matches(":*").to_owned(),
                except: None,
            },
            Rule::any_name => NameClassKind::AnyName { except: None },
            Rule::paren_name_class => {
                let outer = pair.clone();
                return match significant(pair).next() {
                    Some(inner) => Ok(NameClass {
                        span,
                        ..self.name_class(inner)?
                    }),
                    None => Err(self.unexpected(&outer)),
                };
            }
            Rule::open_name_except => return self.open_name_except(pair),
            _ => return Err(self.unexpected(&pair)),
        };
        Ok(NameClass { kind, span })
    }

    /// `open_name_except`: `*` or `p:*`, then `- name-class`.
    fn open_name_except(&self, pair: Pair<'_, Rule>) -> Result<NameClass> {
        let outer = pair.clone();
        let mut open = None;
        let mut except = None;
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::follow_annotation => {}
                Rule::except_name_class => {
                    let inner = significant(child.clone())
                        .next()
                        .ok_or_else(|| self.unexpected(&child))?;
                    except = Some(Box::new(self.basic_name_class(inner)?));
                }
                _ => open = Some(self.simple_name_class(child)?),
            }
        }
        let (Some(open), Some(except)) = (open, except) else {
            return Err(self.unexpected(&outer));
        };
        let span = Span {
            start: open.span.start,
            end: except.span.end,
        };
        let kind = match open.kind {
            NameClassKind::NsName { prefix, .. } => NameClassKind::NsName {
                prefix,
                except: Some(except),
            },
            _ => NameClassKind::AnyName {
                except: Some(except),
            },
        };
        Ok(NameClass { kind, span })
    }

    /// `literal`: the segments' contents joined.
    fn literal(&self, pair: Pair<'_, Rule>) -> String {
        let mut value = String::new();
        for segment in pair.into_inner() {
            if segment.as_rule() == Rule::literal_segment {
                value.push_str(&literal_segment(segment.as_str()));
            }
        }
        value
    }
}

/// The content of one quoted segment, with escaped line feeds made line feeds again.
fn literal_segment(text: &str) -> String {
    let quotes = if text.starts_with("\"\"\"") || text.starts_with("'''") {
        3
    } else {
        1
    };
    let inner = text
        .get(quotes..text.len().saturating_sub(quotes))
        .unwrap_or_default();
    inner.replace(ESCAPED_LINE_FEED, "\n")
}

/// Parses `unescaped` with the generated parser, giving pest's pairs or pest's error.
pub(crate) fn parse_pairs(
    unescaped: &Unescaped,
) -> std::result::Result<Pairs<'_, Rule>, Box<pest::error::Error<Rule>>> {
    use pest::Parser;
    RncParser::parse(Rule::top_level, &unescaped.text).map_err(Box::new)
}
