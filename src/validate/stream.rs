//! Events from a stream of bytes, read with quick-xml's namespace-aware pull parser: no
//! tree is built, and memory does not grow with the document.
//!
//! quick-xml is lenient; the checks it leaves out that well-formedness needs are made
//! here: names, characters, references, text outside the root element, a second root,
//! `]]>` in text, `<` in attribute values, undeclared prefixes, the XML declaration's
//! place and encoding. A DOCTYPE is refused, as by the tree loader.

use std::borrow::Cow;
use std::io::{BufRead, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{QName, ResolveResult};
use quick_xml::reader::NsReader;
use quick_xml::XmlVersion;

use super::run::{Name, Position, Run};
use crate::datatypes::NamespaceContext;
use crate::error::{Error, ErrorKind, Result};
use crate::location::Location;
use crate::xml::chars::{first_invalid_char, is_qname, is_xml_char};

const BUFFER_SIZE: usize = 64 * 1024;

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
    };
    source.events(run)
}

struct Source<R: Read> {
    reader: NsReader<Tracked<R>>,
    depth: usize,
    seen_root: bool,
    first_event: bool,
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
            let at = self.reader.get_ref().location();
            buffer.clear();
            let event = match self.reader.read_event_into(&mut buffer) {
                Ok(event) => event,
                Err(error) => return Err(self.parse_error(at, &error)),
            };
            let first = std::mem::take(&mut self.first_event);
            match event {
                Event::Start(tag) => {
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
                    run.text(&data, Position::At(at));
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
        let message = match error {
            quick_xml::Error::Io(io) => {
                return Error::io(None, std::io::Error::new(io.kind(), io.to_string()))
            }
            other => other.to_string(),
        };
        not_well_formed(at, message)
    }

    fn text(&mut self, text: &str, at: Location, run: &mut Run<'_>) -> Result<()> {
        if self.depth == 0 {
            if super::deriv::is_whitespace(text) {
                return Ok(());
            }
            let place = if self.seen_root { "after" } else { "before" };
            return Err(not_well_formed(
                at,
                format!("text {place} the root element"),
            ));
        }
        if let Some(offset) = text.find("]]>") {
            let location = Location::advance(at, &text.as_bytes()[..offset]);
            return Err(not_well_formed(location, "\"]]>\" is not allowed in text"));
        }
        check_chars(text, at)?;
        run.text(text, Position::At(at));
        Ok(())
    }

    fn start(&self, tag: &BytesStart<'_>, at: Location, run: &mut Run<'_>) -> Result<()> {
        if self.depth == 0 && self.seen_root {
            return Err(not_well_formed(at, "a second root element"));
        }
        let name = tag.name();
        let qname = utf8(name.as_ref(), at)?;
        if !is_qname(&qname) {
            return Err(not_well_formed(
                at,
                format!("\"{qname}\" is not a valid element name"),
            ));
        }
        if qname.starts_with("xmlns:") {
            return Err(not_well_formed(
                at,
                "the prefix \"xmlns\" cannot name an element",
            ));
        }
        let (namespace, _) = self.reader.resolver().resolve_element(tag.name());
        let namespace = namespace_of(namespace, &qname, at)?;
        let local = qname.split_once(':').map_or(&*qname, |(_, local)| local);
        run.start_element(
            Name {
                namespace: &namespace,
                local,
            },
            Position::At(at),
        );
        self.attributes(tag, at, run)?;
        run.end_attributes(Position::At(at));
        Ok(())
    }

    fn attributes(&self, tag: &BytesStart<'_>, at: Location, run: &mut Run<'_>) -> Result<()> {
        // Positions are found by walking the tag once, from attribute to attribute.
        let raw: &[u8] = tag;
        let mut cursor = (0usize, Location::advance(at, b"<"));
        for attribute in tag.attributes() {
            let attribute = attribute.map_err(|error| {
                let offset = attribute_error_offset(&error).min(raw.len());
                not_well_formed(
                    Location::advance(cursor.1, &raw[cursor.0..offset.max(cursor.0)]),
                    error.to_string(),
                )
            })?;
            let key = attribute.key.as_ref();
            let offset = (key.as_ptr() as usize)
                .saturating_sub(raw.as_ptr() as usize)
                .min(raw.len());
            let location = Location::advance(cursor.1, &raw[cursor.0.min(offset)..offset]);
            cursor = (offset, location);
            let qname = utf8(key, location)?;
            if !is_qname(&qname) {
                return Err(not_well_formed(
                    location,
                    format!("\"{qname}\" is not a valid attribute name"),
                ));
            }
            let raw_value = utf8(&attribute.value, location)?;
            if raw_value.contains('<') {
                return Err(not_well_formed(
                    location,
                    "\"<\" is not allowed in an attribute value",
                ));
            }
            let value = attribute
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|error| not_well_formed(location, error.to_string()))?;
            check_chars(&value, location)?;
            if qname == "xmlns" || qname.starts_with("xmlns:") {
                check_namespace_declaration(&qname, &value, location)?;
                continue;
            }
            let (namespace, _) = self.reader.resolver().resolve_attribute(QName(key));
            let namespace = namespace_of(namespace, &qname, location)?;
            let local = qname.split_once(':').map_or(&*qname, |(_, local)| local);
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

/// The namespace of a resolved name; an undeclared prefix is not well-formed.
fn namespace_of<'r>(
    resolved: ResolveResult<'r>,
    qname: &str,
    at: Location,
) -> Result<Cow<'r, str>> {
    match resolved {
        ResolveResult::Bound(namespace) => utf8(namespace.into_inner(), at),
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
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
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

/// A buffered reader that knows the line and column of the next byte it hands out, by
/// counting the bytes its consumer has consumed.
struct Tracked<R> {
    inner: R,
    buffer: Box<[u8]>,
    start: usize,
    end: usize,
    location: Location,
}

impl<R: Read> Tracked<R> {
    fn new(inner: R) -> Tracked<R> {
        Tracked {
            inner,
            buffer: vec![0; BUFFER_SIZE].into_boxed_slice(),
            start: 0,
            end: 0,
            location: Location::new(1, 1),
        }
    }

    fn location(&self) -> Location {
        self.location
    }
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, into: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let count = available.len().min(into.len());
        into[..count].copy_from_slice(&available[..count]);
        self.consume(count);
        Ok(count)
    }
}

impl<R: Read> BufRead for Tracked<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.start == self.end {
            self.start = 0;
            self.end = loop {
                match self.inner.read(&mut self.buffer) {
                    Ok(count) => break count,
                    Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(error) => return Err(error),
                }
            };
        }
        Ok(&self.buffer[self.start..self.end])
    }

    fn consume(&mut self, amount: usize) {
        let end = (self.start + amount).min(self.end);
        self.location = Location::advance(self.location, &self.buffer[self.start..end]);
        self.start = end;
    }
}
