//! XML Schema regular expressions (the `pattern` facet), translated to the `regex` crate.
//!
//! The grammar is the one jing accepts (XSD 1.0 part 2, appendix F): a pattern always
//! matches the whole value, `^` and `$` are ordinary characters, there are no anchors,
//! backreferences, lazy quantifiers or `(?` groups, and character classes may subtract
//! (`[a-z-[aeiou]]`). Every character class is computed here as a set of code points from
//! jing's own tables (see [`super::tables`]) and written out as explicit ranges, so `\p{Lu}`,
//! `\w` or `\i` match what they match in jing, whatever Unicode version the `regex` crate
//! has.

mod charset;

use std::fmt;

use regex::{Regex, RegexBuilder};

use super::tables;
use charset::CharSet;

/// How much memory one compiled pattern may take; a bigger one is refused.
const SIZE_LIMIT: usize = 4 << 20;
/// How much memory one pattern's lazy DFA may use while matching.
const DFA_SIZE_LIMIT: usize = 2 << 20;
/// How deeply groups and class subtractions may nest.
const MAX_DEPTH: usize = 100;

/// A compiled `pattern`: the XSD source and the regex it became.
#[derive(Debug, Clone)]
pub(crate) struct XsdRegex {
    source: String,
    regex: Regex,
}

impl PartialEq for XsdRegex {
    fn eq(&self, other: &XsdRegex) -> bool {
        self.source == other.source
    }
}

/// Why a pattern was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RegexError {
    /// Not an XSD regular expression; `position` counts characters from 0.
    Syntax {
        /// What is wrong.
        message: &'static str,
        /// Where, in characters.
        position: usize,
    },
    /// A valid pattern whose compiled form would take more memory than allowed.
    TooLarge,
}

impl fmt::Display for RegexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegexError::Syntax { message, position } => {
                write!(f, "{message} at character {}", position + 1)
            }
            RegexError::TooLarge => f.write_str("the regular expression is too large"),
        }
    }
}

impl XsdRegex {
    /// Compiles an XSD pattern.
    pub(crate) fn compile(pattern: &str) -> Result<XsdRegex, RegexError> {
        let translated = translate(pattern)?;
        let regex = RegexBuilder::new(&translated)
            .size_limit(SIZE_LIMIT)
            .dfa_size_limit(DFA_SIZE_LIMIT)
            .build()
            .map_err(|error| match error {
                regex::Error::CompiledTooBig(_) => RegexError::TooLarge,
                _ => RegexError::Syntax {
                    message: "unsupported regular expression",
                    position: 0,
                },
            })?;
        Ok(XsdRegex {
            source: pattern.to_owned(),
            regex,
        })
    }

    /// The pattern as the schema wrote it.
    pub(crate) fn source(&self) -> &str {
        &self.source
    }

    /// Whether the whole of `text` matches.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        self.regex.is_match(text)
    }
}

/// The `regex` crate's form of an XSD pattern, anchored at both ends.
pub(crate) fn translate(pattern: &str) -> Result<String, RegexError> {
    let mut translator = Translator {
        chars: pattern.chars().collect(),
        pos: 0,
        depth: 0,
        out: String::with_capacity(pattern.len() * 2 + 16),
    };
    translator.out.push_str("\\A(?:");
    translator.regexp()?;
    if translator.cur().is_some() {
        return Err(translator.error("unexpected character"));
    }
    translator.out.push_str(")\\z");
    Ok(translator.out)
}

/// A set and, when it holds exactly one character written as such, that character (only
/// those may bound a range).
type ClassItem = (CharSet, Option<char>);

struct Translator {
    chars: Vec<char>,
    pos: usize,
    depth: usize,
    out: String,
}

impl Translator {
    fn cur(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn advance(&mut self) {
        self.pos += 1;
    }

    fn error(&self, message: &'static str) -> RegexError {
        RegexError::Syntax {
            message,
            position: self.pos,
        }
    }

    fn expect(&self, c: char, message: &'static str) -> Result<(), RegexError> {
        if self.cur() == Some(c) {
            Ok(())
        } else {
            Err(self.error(message))
        }
    }

    fn enter(&mut self) -> Result<(), RegexError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("groups or classes nested too deeply"));
        }
        Ok(())
    }

    fn regexp(&mut self) -> Result<(), RegexError> {
        self.branch()?;
        while self.cur() == Some('|') {
            self.out.push('|');
            self.advance();
            self.branch()?;
        }
        Ok(())
    }

    fn branch(&mut self) -> Result<(), RegexError> {
        while self.atom()? {
            self.quantifier()?;
            // Each class is written out in full (`\p{L}` is hundreds of ranges), so a long
            // hostile pattern could take much memory before the regex crate's own limit.
            if self.out.len() > SIZE_LIMIT {
                return Err(RegexError::TooLarge);
            }
        }
        Ok(())
    }

    fn quantifier(&mut self) -> Result<(), RegexError> {
        match self.cur() {
            Some(c @ ('*' | '?' | '+')) => {
                self.out.push(c);
                self.advance();
            }
            Some('{') => {
                self.advance();
                self.quantity()?;
                self.expect('}', "expected \"}\"")?;
                self.advance();
            }
            _ => {}
        }
        Ok(())
    }

    fn quantity(&mut self) -> Result<(), RegexError> {
        let lower = self.quantity_number()?;
        self.out.push('{');
        self.out.push_str(&lower);
        if self.cur() == Some(',') {
            self.advance();
            self.out.push(',');
            if self.cur() != Some('}') {
                let upper = self.quantity_number()?;
                if (upper.len(), upper.as_str()) < (lower.len(), lower.as_str()) {
                    return Err(self.error("the upper bound is less than the lower bound"));
                }
                // jing (Java) caps bounds at 2^31 - 1: a bigger upper bound is no bound.
                if (upper.len(), upper.as_str()) <= (10, "2147483647") {
                    self.out.push_str(&upper);
                }
            }
        }
        self.out.push('}');
        Ok(())
    }

    /// Digits up to `,` or `}`, without leading zeros.
    fn quantity_number(&mut self) -> Result<String, RegexError> {
        let mut digits = String::new();
        loop {
            match self.cur() {
                Some(c) if c.is_ascii_digit() => digits.push(c),
                _ => return Err(self.error("expected a digit")),
            }
            self.advance();
            if matches!(self.cur(), Some(',' | '}')) {
                break;
            }
        }
        let trimmed = digits.trim_start_matches('0');
        Ok(if trimmed.is_empty() { "0" } else { trimmed }.to_owned())
    }

    fn atom(&mut self) -> Result<bool, RegexError> {
        match self.cur() {
            None | Some('?' | '*' | '+' | ')' | '{' | '}' | '|' | ']') => Ok(false),
            Some('(') => {
                self.enter()?;
                self.advance();
                self.out.push_str("(?:");
                self.regexp()?;
                self.expect(')', "expected \")\"")?;
                self.advance();
                self.out.push(')');
                self.depth -= 1;
                Ok(true)
            }
            Some('\\') => {
                self.advance();
                let (set, _) = self.escape()?;
                set.write_regex_class(&mut self.out);
                Ok(true)
            }
            Some('[') => {
                self.advance();
                let set = self.class_expr()?;
                set.write_regex_class(&mut self.out);
                Ok(true)
            }
            Some('.') => {
                self.advance();
                dot().write_regex_class(&mut self.out);
                Ok(true)
            }
            Some(c) => {
                self.advance();
                write_literal(&mut self.out, c);
                Ok(true)
            }
        }
    }

    /// After a backslash.
    fn escape(&mut self) -> Result<ClassItem, RegexError> {
        let c = self.cur().ok_or_else(|| self.error("incomplete escape"))?;
        let single = match c {
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            '\\' | '|' | '.' | '-' | '^' | '?' | '*' | '+' | '(' | ')' | '{' | '}' | '[' | ']' => {
                Some(c)
            }
            _ => None,
        };
        if let Some(single) = single {
            self.advance();
            return Ok((CharSet::single(single), Some(single)));
        }
        let set = match c {
            's' => spaces(),
            'S' => spaces().complement(),
            'i' => CharSet::from_table(tables::REGEX_I),
            'I' => CharSet::from_table(tables::REGEX_I).complement(),
            'c' => CharSet::from_table(tables::REGEX_C),
            'C' => CharSet::from_table(tables::REGEX_C).complement(),
            'd' => CharSet::from_table(tables::CAT_ND),
            'D' => CharSet::from_table(tables::CAT_ND).complement(),
            'w' => not_word().complement(),
            'W' => not_word(),
            'p' | 'P' => {
                self.advance();
                let set = self.property()?;
                return Ok((if c == 'P' { set.complement() } else { set }, None));
            }
            _ => return Err(self.error("unknown escape")),
        };
        self.advance();
        Ok((set, None))
    }

    /// After `\p` or `\P`: `{Name}`.
    fn property(&mut self) -> Result<CharSet, RegexError> {
        self.expect('{', "expected \"{\"")?;
        self.advance();
        let start = self.pos;
        loop {
            match self.cur() {
                Some('}') => break,
                Some(c) if c.is_ascii_alphanumeric() || c == '-' => self.advance(),
                _ => return Err(self.error("expected \"}\"")),
            }
        }
        let name: String = self
            .chars
            .get(start..self.pos)
            .unwrap_or(&[])
            .iter()
            .collect();
        let set = property_set(&name).ok_or(RegexError::Syntax {
            message: "unknown category or block",
            position: start,
        })?;
        self.advance();
        Ok(set)
    }

    /// After `[`, up to and including the matching `]`.
    fn class_expr(&mut self) -> Result<CharSet, RegexError> {
        self.enter()?;
        let negated = self.cur() == Some('^');
        if negated {
            self.advance();
        }
        let mut set = CharSet::default();
        loop {
            let (mut item, lower) = self.class_item()?;
            if self.cur() == Some('-') {
                self.advance();
                if self.cur() == Some('[') {
                    set = set.union(&item);
                    break;
                }
                let (_, upper) = self.class_item()?;
                let (Some(lo), Some(hi)) = (lower, upper) else {
                    return Err(self.error("a range must be between two single characters"));
                };
                if lo > hi {
                    return Err(self.error("the range's end is before its start"));
                }
                item = CharSet::range(lo, hi);
                if self.cur() == Some('-') {
                    self.advance();
                    self.expect('[', "expected \"[\" after \"-\"")?;
                    set = set.union(&item);
                    break;
                }
            }
            set = set.union(&item);
            if self.cur() == Some(']') {
                break;
            }
        }
        if negated {
            set = set.complement();
        }
        if self.cur() == Some('[') {
            self.advance();
            let subtracted = self.class_expr()?;
            set = set.subtract(&subtracted);
            self.expect(']', "expected \"]\" after a subtraction")?;
        }
        self.advance();
        self.depth -= 1;
        Ok(set)
    }

    fn class_item(&mut self) -> Result<ClassItem, RegexError> {
        match self.cur() {
            None => Err(self.error("expected \"]\"")),
            Some('\\') => {
                self.advance();
                self.escape()
            }
            Some('[' | ']' | '-') => Err(self.error("\"[\", \"]\" and \"-\" must be escaped here")),
            Some(c) => {
                self.advance();
                Ok((CharSet::single(c), Some(c)))
            }
        }
    }
}

fn write_literal(out: &mut String, c: char) {
    if c.is_ascii_alphanumeric() {
        out.push(c);
    } else {
        CharSet::single(c).write_regex_class(out);
    }
}

fn dot() -> CharSet {
    CharSet::single('\n')
        .union(&CharSet::single('\r'))
        .complement()
}

fn spaces() -> CharSet {
    CharSet::from_table(&[(0x20, 0x20), (0x9, 0xA), (0xD, 0xD)])
}

/// `\W`: punctuation, separators and "other" characters.
fn not_word() -> CharSet {
    property_set("P")
        .unwrap_or_default()
        .union(&property_set("Z").unwrap_or_default())
        .union(&property_set("C").unwrap_or_default())
}

/// The set named in `\p{name}`: a category (`L`, `Lu`…) or a block (`IsBasicLatin`…).
fn property_set(name: &str) -> Option<CharSet> {
    if let Some(block) = name.strip_prefix("Is").filter(|_| name.len() > 2) {
        return tables::BLOCKS
            .iter()
            .find(|(known, _)| *known == block)
            .map(|(_, ranges)| CharSet::from_table(ranges));
    }
    let tables: &[&[(u32, u32)]] = match name {
        "L" => &[
            tables::CAT_LU,
            tables::CAT_LL,
            tables::CAT_LT,
            tables::CAT_LM,
            tables::CAT_LO,
        ],
        "M" => &[tables::CAT_MN, tables::CAT_MC, tables::CAT_ME],
        "N" => &[tables::CAT_ND, tables::CAT_NL, tables::CAT_NO],
        "P" => &[tables::CAT_P],
        "Z" => &[tables::CAT_ZS, tables::CAT_ZL, tables::CAT_ZP],
        "S" => &[
            tables::CAT_SM,
            tables::CAT_SC,
            tables::CAT_SK,
            tables::CAT_SO,
        ],
        "C" => &[
            tables::CAT_CC,
            tables::CAT_CF,
            tables::CAT_CO,
            tables::CAT_CN,
        ],
        _ => &[sub_category(name)?],
    };
    Some(CharSet::from_tables(tables))
}

fn sub_category(name: &str) -> Option<&'static [(u32, u32)]> {
    Some(match name {
        "Lu" => tables::CAT_LU,
        "Ll" => tables::CAT_LL,
        "Lt" => tables::CAT_LT,
        "Lm" => tables::CAT_LM,
        "Lo" => tables::CAT_LO,
        "Mn" => tables::CAT_MN,
        "Mc" => tables::CAT_MC,
        "Me" => tables::CAT_ME,
        "Nd" => tables::CAT_ND,
        "Nl" => tables::CAT_NL,
        "No" => tables::CAT_NO,
        "Pc" => tables::CAT_PC,
        "Pd" => tables::CAT_PD,
        "Ps" => tables::CAT_PS,
        "Pe" => tables::CAT_PE,
        "Pi" => tables::CAT_PI,
        "Pf" => tables::CAT_PF,
        "Po" => tables::CAT_PO,
        "Zs" => tables::CAT_ZS,
        "Zl" => tables::CAT_ZL,
        "Zp" => tables::CAT_ZP,
        "Sm" => tables::CAT_SM,
        "Sc" => tables::CAT_SC,
        "Sk" => tables::CAT_SK,
        "So" => tables::CAT_SO,
        "Cc" => tables::CAT_CC,
        "Cf" => tables::CAT_CF,
        "Co" => tables::CAT_CO,
        "Cn" => tables::CAT_CN,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, text: &str) -> bool {
        match XsdRegex::compile(pattern) {
            Ok(regex) => regex.is_match(text),
            Err(error) => panic!("{pattern}: {error}"),
        }
    }

    #[test]
    fn patterns_are_anchored_and_caret_dollar_are_literal() {
        assert!(matches("a", "a"));
        assert!(!matches("a", "ba"));
        assert!(!matches("a", "ab"));
        assert!(matches("^a$", "^a$"));
        assert!(!matches("^a$", "a"));
        assert!(matches("", ""));
        assert!(matches("a|", ""));
    }

    #[test]
    fn dot_excludes_only_newlines() {
        assert!(matches(".", "\t"));
        assert!(matches(".", "😀"));
        assert!(!matches(".", "\n"));
        assert!(!matches(".", "\r"));
    }

    #[test]
    fn classes_escapes_and_subtraction() {
        assert!(matches("[a-z-[aeiou]]+", "bcd"));
        assert!(!matches("[a-z-[aeiou]]+", "bad"));
        assert!(matches("[^a-c]", "d"));
        assert!(matches("\\d{2,3}", "123"));
        assert!(!matches("\\d{2,3}", "1234"));
        assert!(matches("\\p{Lu}\\P{Lu}", "Ab"));
        assert!(matches("\\p{IsBasicLatin}*", "abc~"));
        assert!(!matches("\\p{IsBasicLatin}", "é"));
        assert!(matches("\\i\\c*", "_a-1"));
        assert!(matches("[\\-\\[\\]]{3}", "-[]"));
        assert!(matches("\\w\\W", "a "));
    }

    #[test]
    fn refuses_what_xsd_forbids() {
        for bad in [
            "\\b",
            "(?:a)",
            "\\1",
            "[a",
            "a{2,1}",
            "(a",
            "a**",
            "*a",
            "\\p{Foo}",
            "[]",
            "[a-]",
            "[-a]",
            "a{,2}",
            "\\p{IsFoo}",
            "a}",
            "a]",
            "[z-a]",
            "[\\d-z]",
            "\\",
        ] {
            assert!(
                matches!(XsdRegex::compile(bad), Err(RegexError::Syntax { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn bounds_nesting_and_size() {
        let deep = format!("{}a{}", "(".repeat(200), ")".repeat(200));
        assert!(XsdRegex::compile(&deep).is_err());
        assert_eq!(
            XsdRegex::compile("\\p{L}{1000}{1000}").err(),
            Some(RegexError::Syntax {
                message: "unexpected character",
                position: 11
            })
        );
        assert_eq!(
            XsdRegex::compile("(\\p{L}{1000}){1000}").err(),
            Some(RegexError::TooLarge)
        );
        assert_eq!(
            XsdRegex::compile(&"\\p{L}".repeat(10_000)).err(),
            Some(RegexError::TooLarge)
        );
    }
}
