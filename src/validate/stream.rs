//! Events from a stream of bytes, read with quick-xml's namespace-aware pull parser: no
//! tree is built, and memory does not grow with the document.
//!
//! quick-xml is lenient; the checks it leaves out that well-formedness needs are made
//! here: names, characters, references, text outside the root element, a second root,
//! `]]>` in text, `<` in attribute values, undeclared prefixes, the XML declaration's
//! place and encoding. A DOCTYPE is refused, as by the tree loader.

use std::borrow::Cow;
use std::io::Read;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{QName, ResolveResult};
use quick_xml::reader::NsReader;
use quick_xml::XmlVersion;

use super::run::{Name, Position, Run};
use super::tracked::{BadByte, TooLong, Tracked};
use crate::datatypes::NamespaceContext;
use crate::error::{Error, ErrorKind, Result};
use crate::location::Location;
use crate::xml::chars::{first_invalid_char, is_qname, is_xml_char};

const BUFFER_SIZE: usize = 64 * 1024;

/// The deepest nesting the streaming source reads. The validator itself has no limit (it
/// keeps one small frame per level, no recursion), but quick-xml counts levels in 16
/// bits and overflows past 65,535; this stops well before.
pub const MAX_STREAM_DEPTH: usize = 16_384;

/// Reads `input` as XML and feeds its events to `run`.
///
/// Errors: the input is not well-formed, not UTF-8 (or UTF-16 with a byte-order mark),
/// uses a DOCTYPE, or cannot be read.
pub(crate) fn validate_stream(input: impl Read, run: &mut Run<'_>) -> Result<()> {
    let tracked = Tracked::new(crate::xml::encoding::utf8_reader(input)?);
    let mut reader = NsReader::from_reader(tracked);
    reader.config_mut().check_comments = true;
    let mut source = Source {
        reader,
        depth: 0,
        seen_root: false,
        first_event: true,
        valid_names: RecentNames::default(),
        element_namespace: (Vec::new(), String::new()),
    };
    source.events(run)
}

struct Source<R: Read> {
    reader: NsReader<Tracked<R>>,
    depth: usize,
    seen_root: bool,
    first_event: bool,
    valid_names: RecentNames,
    element_namespace: (Vec<u8>, String),
}

fn not_well_formed(location: Location, message: impl Into<String>) -> Error {
    ErrorKind::Xml {
        location,
        message: message.into(),
    }
    .into()
}

impl<R: Read> Source<R> {
    fn events(&mut self, run: &mut Run<'_>) -> Result<()> {
        let mut buffer = Vec::with_capacity(BUFFER_SIZE);
        loop {
            self.reader.get_mut().start_event();
            let at = self.reader.get_mut().location();
            buffer.clear();
            let event = match self.reader.read_event_into(&mut buffer) {
                Ok(event) => event,
                Err(error) => return Err(self.parse_error(at, &error)),
            };
            if let Some(failure) = run.failure() {
                return Err(failure);
            }
            let first = std::mem::take(&mut self.first_event);
            match event {
                Event::Start(tag) => {
                    if self.depth >= MAX_STREAM_DEPTH {
                        return Err(ErrorKind::Limit {
                            location: at,
                            message: format!("elements nest deeper than {MAX_STREAM_DEPTH} levels"),
                        }
                        .into());
                    }
                    self.start(&tag, at, run)?;
                    self.depth += 1;
                }
                Event::Empty(tag) => {
                    self.start(&tag, at, run)?;
                    let context = Scope(self.reader.resolver());
                    run.end_element(Position::At(at), &context);
                    self.end_of_root();
                }
                Event::End(_) => {
                    // quick-xml has checked that the name matches the start tag.
                    self.depth = self.depth.saturating_sub(1);
                    let context = Scope(self.reader.resolver());
                    run.end_element(Position::At(at), &context);
                    self.end_of_root();
                }
                Event::Text(text) => {
                    let text = utf8(&text, at)?;
                    self.text(&text, at, run)?;
                }
                Event::CData(data) => {
                    let data = utf8(&data, at)?;
                    if self.depth == 0 {
                        return Err(not_well_formed(at, "CDATA outside the root element"));
                    }
                    check_chars(&data, at)?;
                    let content = Location::advance(at, b"<![CDATA[");
                    give_text(&data, content, super::deriv::is_whitespace(&data), run);
                }
                Event::GeneralRef(reference) => {
                    let name = utf8(&reference, at)?;
                    if self.depth == 0 {
                        return Err(not_well_formed(at, "a reference outside the root element"));
                    }
                    let resolved = resolve_reference(&name)
                        .ok_or_else(|| not_well_formed(at, format!("unknown entity \"&{name};\"")))?;
                    let mut utf8_buffer = [0u8; 4];
                    run.text(resolved.encode_utf8(&mut utf8_buffer), Position::At(at));
                }
                Event::Decl(declaration) if first => check_declaration(&declaration, at)?,
                Event::Decl(_) => {
                    return Err(not_well_formed(
                        at,
                        "the XML declaration must come first in the document",
                    ))
                }
                Event::PI(instruction) => {
                    let target = instruction.target();
                    if target.eq_ignore_ascii_case(b"xml") {
                        return Err(not_well_formed(at, "a processing instruction cannot be named \"xml\""));
                    }
                }
                Event::Comment(_) => {}
                Event::DocType(_) => {
                    return Err(not_well_formed(
                        at,
                        "a DOCTYPE is not allowed (entity declarations and external entities are refused)",
                    ))
                }
                Event::Eof => return self.end_of_document(at),
            }
        }
    }

    fn end_of_root(&mut self) {
        if self.depth == 0 {
            self.seen_root = true;
        }
    }

    fn end_of_document(&self, at: Location) -> Result<()> {
        if self.depth > 0 {
            return Err(not_well_formed(
                at,
                "the document ends before the root element is closed",
            ));
        }
        if !self.seen_root {
            return Err(not_well_formed(at, "the document has no root element"));
        }
        Ok(())
    }

    fn parse_error(&self, at: Location, error: &quick_xml::Error) -> Error {
        match error {
            quick_xml::Error::Io(io) => input_error(io),
            other => not_well_formed(at, other.to_string()),
        }
    }

    fn text(&mut self, text: &str, at: Location, run: &mut Run<'_>) -> Result<()> {
        let whitespace = super::deriv::is_whitespace(text);
        if self.depth == 0 {
            if whitespace {
                return Ok(());
            }
            let place = if self.seen_root { "after" } else { "before" };
            return Err(not_well_formed(
                at,
                format!("text {place} the root element"),
            ));
        }
        if !whitespace {
            if memchr::memchr(b'>', text.as_bytes()).is_some() {
                if let Some(offset) = memchr::memmem::find(text.as_bytes(), b"]]>") {
                    let location = Location::advance(at, &text.as_bytes()[..offset]);
                    return Err(not_well_formed(location, "\"]]>\" is not allowed in text"));
                }
            }
            check_chars(text, at)?;
        }
        give_text(text, at, whitespace, run);
        Ok(())
    }

    fn start(&mut self, tag: &BytesStart<'_>, at: Location, run: &mut Run<'_>) -> Result<()> {
        if self.depth == 0 && self.seen_root {
            return Err(not_well_formed(at, "a second root element"));
        }
        // The tag's text (name and attributes), checked as UTF-8 once: names and values
        // are slices of it.
        let raw: &[u8] = tag;
        let places = TagPlaces::new(at, raw);
        let text = utf8_str(raw, places.base)?;
        let qname = text.get(..tag.name().as_ref().len()).unwrap_or(text);
        self.valid_names.check(qname, at, "element")?;
        if qname.starts_with("xmlns:") {
            return Err(not_well_formed(
                at,
                "the prefix \"xmlns\" cannot name an element",
            ));
        }
        let (resolved, _) = self.reader.resolver().resolve_element(tag.name());
        // Elements mostly share a namespace: its text is checked once and kept.
        let namespace = match resolved {
            ResolveResult::Bound(bytes) if bytes.as_ref() == self.element_namespace.0 => {
                Cow::Borrowed(self.element_namespace.1.as_str())
            }
            ResolveResult::Bound(bytes) => {
                let text = namespace_text(bytes.as_ref(), at)?;
                self.element_namespace = (bytes.as_ref().to_vec(), text.into_owned());
                Cow::Borrowed(self.element_namespace.1.as_str())
            }
            other => namespace_of(other, qname, at)?,
        };
        let local = split_qname(qname).1;
        run.start_element(
            Name {
                namespace: &namespace,
                local,
            },
            Position::At(at),
        );
        self.attributes(tag, text, &places, run)?;
        run.end_attributes(Position::At(at));
        Ok(())
    }

    fn attributes(
        &mut self,
        tag: &BytesStart<'_>,
        text: &str,
        places: &TagPlaces<'_>,
        run: &mut Run<'_>,
    ) -> Result<()> {
        let raw: &[u8] = tag;
        let mut seen = SeenNames::default();
        // quick-xml's own duplicate check is quadratic; `seen` is not.
        for attribute in tag.attributes().with_checks(false) {
            let attribute = attribute.map_err(|error| {
                let offset = attribute_error_offset(&error).min(raw.len());
                not_well_formed(places.at(offset), error.to_string())
            })?;
            let key_offset = offset_in(raw, attribute.key.as_ref());
            let location = places.at(key_offset);
            let qname = text
                .get(key_offset..key_offset + attribute.key.as_ref().len())
                .unwrap_or_default();
            self.valid_names.check(qname, location, "attribute")?;
            if !seen.insert(qname) {
                return Err(not_well_formed(
                    location,
                    format!("the attribute \"{qname}\" appears twice"),
                ));
            }
            let value_offset = offset_in(raw, &attribute.value);
            let raw_value = text
                .get(value_offset..value_offset + attribute.value.len())
                .unwrap_or_default();
            let value = attribute_value(&attribute, raw_value, location)?;
            if qname == "xmlns" || qname.starts_with("xmlns:") {
                check_namespace_declaration(qname, &value, location)?;
                continue;
            }
            let (namespace, local) = match split_qname(qname) {
                (None, local) => (Cow::Borrowed(""), local),
                (Some(_), local) => {
                    let (namespace, _) = self
                        .reader
                        .resolver()
                        .resolve_attribute(QName(attribute.key.as_ref()));
                    (namespace_of(namespace, qname, location)?, local)
                }
            };
            let context = Scope(self.reader.resolver());
            run.attribute(
                Name {
                    namespace: &namespace,
                    local,
                },
                &value,
                Position::At(location),
                &context,
            );
        }
        Ok(())
    }
}

/// The value of an attribute, normalised as XML says (references replaced, each
/// whitespace character a space); most values need nothing and are borrowed.
fn attribute_value<'a>(
    attribute: &quick_xml::events::attributes::Attribute<'a>,
    raw: &'a str,
    at: Location,
) -> Result<Cow<'a, str>> {
    // Values are short: one plain pass beats several searches.
    let (mut less_than, mut to_normalise, mut unusual) = (false, false, false);
    for b in raw.bytes() {
        less_than |= b == b'<';
        to_normalise |= matches!(b, b'&' | b'\t' | b'\n' | b'\r');
        unusual |= !(0x20..0xEF).contains(&b);
    }
    if less_than {
        return Err(not_well_formed(
            at,
            "\"<\" is not allowed in an attribute value",
        ));
    }
    let value = if !to_normalise {
        Cow::Borrowed(raw)
    } else {
        Cow::Owned(
            attribute
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|error| not_well_formed(at, error.to_string()))?
                .into_owned(),
        )
    };
    // Only control characters (or references, which may stand for one) and the bytes that
    // start U+FFFE, U+FFFF or astral characters need the full check.
    if unusual || to_normalise {
        check_chars(&value, at)?;
    }
    Ok(value)
}

/// The attribute names of one start tag, for refusing duplicates in linear time.
#[derive(Default)]
struct SeenNames<'a> {
    few: Vec<&'a str>,
    many: rustc_hash::FxHashSet<&'a str>,
}

impl<'a> SeenNames<'a> {
    /// Adds a name; false when it was already there.
    fn insert(&mut self, name: &'a str) -> bool {
        const FEW: usize = 16;
        if self.few.len() < FEW {
            if self.few.contains(&name) {
                return false;
            }
            self.few.push(name);
            return true;
        }
        if self.many.is_empty() {
            self.many.extend(self.few.iter().copied());
        }
        self.many.insert(name)
    }
}

/// Where each byte of a start tag's text is. Most tags are ASCII on one line, where a
/// byte's column is just counted; others are walked.
struct TagPlaces<'a> {
    base: Location,
    simple: bool,
    raw: &'a [u8],
}

impl<'a> TagPlaces<'a> {
    fn new(at: Location, raw: &'a [u8]) -> TagPlaces<'a> {
        TagPlaces {
            base: Location::advance(at, b"<"),
            simple: raw.is_ascii() && memchr::memchr(b'\n', raw).is_none(),
            raw,
        }
    }

    fn at(&self, offset: usize) -> Location {
        if self.simple {
            let mut location = self.base;
            location.column = location.column.saturating_add(offset as u32);
            return location;
        }
        Location::advance(self.base, &self.raw[..offset.min(self.raw.len())])
    }
}

/// An error from reading the input: a byte that is not UTF-8, UTF-16 that cannot be
/// decoded (both invalid input), or the operating system's trouble.
fn input_error(io: &std::io::Error) -> Error {
    if let Some(bad) = io
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<BadByte>())
    {
        return ErrorKind::InvalidUtf8 {
            location: bad.location,
            offset: usize::try_from(bad.offset).unwrap_or(usize::MAX),
            byte: bad.byte,
        }
        .into();
    }
    if let Some(too_long) = io
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<TooLong>())
    {
        return ErrorKind::Limit {
            location: too_long.location,
            message: too_long.to_string(),
        }
        .into();
    }
    if io.kind() == std::io::ErrorKind::InvalidData {
        return ErrorKind::Encoding {
            message: io.to_string(),
        }
        .into();
    }
    Error::io(None, std::io::Error::new(io.kind(), io.to_string()))
}

/// A QName's prefix (if any) and local name. (A byte search: `str::split_once` costs
/// more than the rest of the name's handling.)
fn split_qname(qname: &str) -> (Option<&str>, &str) {
    match qname.bytes().position(|b| b == b':') {
        Some(colon) => (
            qname.get(..colon),
            qname.get(colon + 1..).unwrap_or_default(),
        ),
        None => (None, qname),
    }
}

/// The offset of `part` within `whole`, which it is a slice of.
fn offset_in(whole: &[u8], part: &[u8]) -> usize {
    (part.as_ptr() as usize)
        .saturating_sub(whole.as_ptr() as usize)
        .min(whole.len())
}

/// Names found valid lately: documents use a few names over and over, and a hit costs
/// one comparison where checking a name costs a walk over its characters.
#[derive(Default)]
struct RecentNames {
    slots: [Option<Box<str>>; 32],
}

impl RecentNames {
    /// Refuses a name that is not a QName.
    fn check(&mut self, qname: &str, at: Location, what: &str) -> Result<()> {
        let bytes = qname.as_bytes();
        let slot = (bytes.len() * 7 + bytes.first().map_or(0, |&b| usize::from(b))) % 32;
        if self.slots[slot].as_deref() == Some(qname) {
            return Ok(());
        }
        if !is_qname(qname) {
            return Err(not_well_formed(
                at,
                format!("\"{qname}\" is not a valid {what} name"),
            ));
        }
        if qname.len() <= 64 {
            self.slots[slot] = Some(qname.into());
        }
        Ok(())
    }
}

fn attribute_error_offset(error: &quick_xml::events::attributes::AttrError) -> usize {
    use quick_xml::events::attributes::AttrError;
    match *error {
        AttrError::ExpectedEq(at)
        | AttrError::ExpectedValue(at)
        | AttrError::UnquotedValue(at)
        | AttrError::ExpectedQuote(at, _)
        | AttrError::Duplicated(at, _) => at,
    }
}

/// A namespace URI as its declaration gives it: quick-xml keeps the attribute's raw text,
/// so references and whitespace are normalised here, as for any attribute value.
fn namespace_text(raw: &[u8], at: Location) -> Result<Cow<'_, str>> {
    let text = utf8_str(raw, at)?;
    if !text
        .bytes()
        .any(|b| matches!(b, b'&' | b'\t' | b'\n' | b'\r'))
    {
        return Ok(Cow::Borrowed(text));
    }
    let unescaped = quick_xml::escape::unescape(text)
        .map_err(|error| not_well_formed(at, error.to_string()))?;
    Ok(Cow::Owned(unescaped.replace(['\t', '\n', '\r'], " ")))
}

/// The namespace of a resolved name; an undeclared prefix is not well-formed.
fn namespace_of<'r>(
    resolved: ResolveResult<'r>,
    qname: &str,
    at: Location,
) -> Result<Cow<'r, str>> {
    match resolved {
        ResolveResult::Bound(namespace) => namespace_text(namespace.into_inner(), at),
        ResolveResult::Unbound => Ok(Cow::Borrowed("")),
        ResolveResult::Unknown(_) => {
            let prefix = qname.split_once(':').map_or("", |(prefix, _)| prefix);
            Err(not_well_formed(
                at,
                format!("the prefix \"{prefix}\" is not declared"),
            ))
        }
    }
}

fn check_namespace_declaration(qname: &str, value: &str, at: Location) -> Result<()> {
    const XML: &str = "http://www.w3.org/XML/1998/namespace";
    const XMLNS: &str = "http://www.w3.org/2000/xmlns/";
    let prefix = qname.strip_prefix("xmlns:");
    let problem = match prefix {
        Some("xmlns") => Some("the prefix \"xmlns\" cannot be declared"),
        Some("xml") if value != XML => {
            Some("the prefix \"xml\" cannot be bound to another namespace")
        }
        Some(other) if other != "xml" && value == XML => {
            Some("only the prefix \"xml\" can be bound to the XML namespace")
        }
        Some(_) if value.is_empty() => Some("a prefix cannot be bound to the empty namespace"),
        _ if value == XMLNS => Some("no prefix can be bound to the xmlns namespace"),
        _ => None,
    };
    match problem {
        Some(message) => Err(not_well_formed(at, message)),
        None => Ok(()),
    }
}

fn check_declaration(declaration: &quick_xml::events::BytesDecl<'_>, at: Location) -> Result<()> {
    let version = declaration
        .version()
        .map_err(|error| not_well_formed(at, error.to_string()))?;
    if !matches!(version.as_ref(), b"1.0" | b"1.1") {
        return Err(not_well_formed(at, "the XML version must be 1.0"));
    }
    if let Some(encoding) = declaration.encoding() {
        let encoding = encoding.map_err(|error| not_well_formed(at, error.to_string()))?;
        let name = String::from_utf8_lossy(&encoding).to_ascii_uppercase();
        if !matches!(
            name.as_str(),
            "UTF-8" | "UTF8" | "UTF-16" | "US-ASCII" | "ASCII"
        ) {
            return Err(not_well_formed(
                at,
                format!("the encoding \"{name}\" is not supported; use UTF-8"),
            ));
        }
    }
    Ok(())
}

/// The character a reference stands for: a predefined entity or a character reference.
fn resolve_reference(name: &str) -> Option<char> {
    let code = match name {
        "lt" => return Some('<'),
        "gt" => return Some('>'),
        "amp" => return Some('&'),
        "apos" => return Some('\''),
        "quot" => return Some('"'),
        _ => {
            let number = name.strip_prefix('#')?;
            match number.strip_prefix('x') {
                Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                    u32::from_str_radix(hex, 16).ok()?
                }
                Some(_) => return None,
                None if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) => {
                    number.parse().ok()?
                }
                None => return None,
            }
        }
    };
    char::from_u32(code).filter(|&c| is_xml_char(c))
}

/// Gives `run` the text `raw`, written at `at` (`whitespace` says whether it is all
/// whitespace): placed at its first character that is not whitespace, and with its line
/// ends normalised as XML requires (`\r\n` and a lone `\r` read as `\n`, as roxmltree
/// reads them).
fn give_text(raw: &str, at: Location, whitespace: bool, run: &mut Run<'_>) {
    let at = if whitespace {
        at
    } else {
        let rest = raw.trim_start_matches([' ', '\t', '\r', '\n']);
        Location::advance(at, &raw.as_bytes()[..raw.len() - rest.len()])
    };
    if memchr::memchr(b'\r', raw.as_bytes()).is_none() {
        run.text(raw, Position::At(at));
    } else {
        run.text(
            &raw.replace("\r\n", "\n").replace('\r', "\n"),
            Position::At(at),
        );
    }
}

fn check_chars(text: &str, at: Location) -> Result<()> {
    match first_invalid_char(text) {
        None => Ok(()),
        Some(c) => {
            let offset = text.find(c).unwrap_or(0);
            Err(not_well_formed(
                Location::advance(at, &text.as_bytes()[..offset]),
                format!("the character U+{:04X} is not allowed in XML", c as u32),
            ))
        }
    }
}

fn utf8<'b>(bytes: &'b [u8], at: Location) -> Result<Cow<'b, str>> {
    utf8_str(bytes, at).map(Cow::Borrowed)
}

/// Bytes as text. `Tracked` has checked that the input is UTF-8, so this only fails on a
/// slice that cuts a character, which quick-xml never makes.
fn utf8_str(bytes: &[u8], at: Location) -> Result<&str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(error) => {
            let location = Location::advance(at, &bytes[..error.valid_up_to()]);
            Err(ErrorKind::Encoding {
                message: format!(
                    "invalid UTF-8 byte 0x{:02X} at {location}",
                    bytes.get(error.valid_up_to()).copied().unwrap_or(0)
                ),
            }
            .into())
        }
    }
}

/// The namespace bindings in scope, for `QName` values.
struct Scope<'r>(&'r quick_xml::name::NamespaceResolver);

impl NamespaceContext for Scope<'_> {
    fn resolve(&self, prefix: &str) -> Option<&str> {
        let probe = if prefix.is_empty() {
            "x".to_owned()
        } else {
            format!("{prefix}:x")
        };
        match self.0.resolve_element(QName(probe.as_bytes())).0 {
            ResolveResult::Bound(namespace) => std::str::from_utf8(namespace.into_inner()).ok(),
            ResolveResult::Unbound | ResolveResult::Unknown(_) => match prefix {
                "xml" => Some("http://www.w3.org/XML/1998/namespace"),
                _ => None,
            },
        }
    }
}
