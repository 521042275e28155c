//! Writing the model as session XML: always version 3, in a fixed order, indented, with
//! everything escaped that XML needs and numbers written so they read back exactly.

use std::io::Write as _;

use xmlwriter::{Indent, Options, XmlWriter};

use super::SESSION_NAMESPACE;
use crate::session::{
    ColorAlpha, ColorGrading, DrawingObject, Extra, ExtraAttribute, ExtraElement, ExtraNode,
    FrameAnnotation, Locators, Mask, Media, MediaFile, MediaKind, PixelRatio, PlayRange, Point,
    Ratio, Session, Stereo, ZoomState,
};

/// The namespace that the `xml:` prefix is bound to without declaration.
const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";

/// How to write a session.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Write a strict cineSync 3 file: drop the unknown attributes and elements that were
    /// kept from the input (see [`Extra`]).
    pub strict_v3: bool,
}

/// Writes a session that has passed [`Session::check`].
pub(crate) fn write_session(session: &Session, options: &WriteOptions) -> String {
    let mut writer = Writer::new(options);
    writer.session(session);
    writer.finish()
}

struct Writer {
    xml: XmlWriter,
    keep_extra: bool,
}

impl Writer {
    fn new(options: &WriteOptions) -> Writer {
        let xml_options = Options {
            indent: Indent::Spaces(4),
            ..Options::default()
        };
        let mut xml = XmlWriter::new(xml_options);
        xml.write_declaration();
        Writer {
            xml,
            keep_extra: !options.strict_v3,
        }
    }

    fn finish(self) -> String {
        self.xml.end_document()
    }

    fn attribute(&mut self, name: &str, value: &str) {
        self.xml
            .write_attribute_raw(name, |buffer| escape_attribute(value, buffer));
    }

    fn number(&mut self, name: &str, value: f64) {
        // Rust's shortest round-trip formatting; never an exponent, never "inf" (checked).
        self.xml.write_attribute_raw(name, |buffer| {
            let _ = write!(buffer, "{value}");
        });
    }

    fn whole(&mut self, name: &str, value: u64) {
        self.xml.write_attribute_raw(name, |buffer| {
            let _ = write!(buffer, "{value}");
        });
    }

    fn boolean(&mut self, name: &str, value: bool) {
        self.attribute(name, if value { "true" } else { "false" });
    }

    /// An element holding only text, written without indentation inside so the text
    /// reads back unchanged.
    fn text_element(&mut self, name: &str, text: &str) {
        self.xml.start_element(name);
        if !text.is_empty() {
            self.xml.set_preserve_whitespaces(true);
            self.xml.write_text_fmt(format_args!("{}", Escaped(text)));
            self.xml.end_element();
            self.xml.set_preserve_whitespaces(false);
        } else {
            self.xml.end_element();
        }
    }

    fn value_element(&mut self, name: &str, write_value: impl FnOnce(&mut Self)) {
        self.xml.start_element(name);
        write_value(self);
        self.xml.end_element();
    }

    fn bool_element(&mut self, name: &str, value: bool) {
        self.value_element(name, |w| w.boolean("value", value));
    }

    fn float_element(&mut self, name: &str, value: f64) {
        self.value_element(name, |w| w.number("value", value));
    }

    fn point(&mut self, name: &str, point: Point) {
        self.xml.start_element(name);
        self.number("x", point.x);
        self.number("y", point.y);
        self.xml.end_element();
    }

    fn ratio(&mut self, name: &str, ratio: Ratio) {
        self.xml.start_element(name);
        self.number("width", ratio.width);
        self.number("height", ratio.height);
        self.xml.end_element();
    }

    fn session(&mut self, session: &Session) {
        self.xml.start_element("session");
        self.attribute("xmlns", SESSION_NAMESPACE);
        self.whole("version", 3);
        self.attribute("sessionFeatures", session.features().as_str());
        if !session.user_data.is_empty() {
            self.attribute("userData", &session.user_data);
        }
        if let Some(token) = &session.hash_token {
            self.attribute("hashToken", token);
        }
        self.extra_attributes(&session.extra);
        for group in &session.groups {
            self.text_element("group", group);
        }
        for media in &session.media {
            self.media(media);
        }
        if !session.notes.is_empty() {
            self.text_element("notes", &session.notes);
        }
        if let Some(chat) = &session.chat {
            self.text_element("chat", &chat.raw);
        }
        if let Some(stereo) = &session.stereo {
            self.stereo(stereo);
        }
        self.extra_elements(&session.extra);
        self.xml.end_element();
    }

    fn stereo(&mut self, stereo: &Stereo) {
        self.xml.start_element("stereo");
        self.boolean("enabled", stereo.enabled);
        self.attribute("type", stereo.kind.as_str());
        self.extra_attributes(&stereo.extra);
        let flags = [
            ("anamorphic", stereo.anamorphic),
            ("anaglyph", stereo.anaglyph),
            ("grayscale", stereo.grayscale),
        ];
        for (name, value) in flags {
            if let Some(value) = value {
                self.bool_element(name, value);
            }
        }
        if let Some(separation) = &stereo.separation {
            self.xml.start_element("separation");
            self.number("annotation", separation.annotation);
            self.number("image", separation.image);
            self.xml.end_element();
        }
        self.extra_elements(&stereo.extra);
        self.xml.end_element();
    }

    fn media(&mut self, media: &Media) {
        self.xml.start_element("media");
        if !media.user_data.is_empty() {
            self.attribute("userData", &media.user_data);
        }
        if media.active {
            self.boolean("active", true);
        }
        if media.current_frame != 1 {
            self.whole("currentFrame", u64::from(media.current_frame));
        }
        self.extra_attributes(&media.extra);
        match &media.kind {
            MediaKind::File(file) => {
                self.text_element("name", &file.name);
                self.locators(&file.locators);
            }
            MediaKind::GroupMovie(movie) => {
                self.xml.start_element("groupMovie");
                self.text_element("group", &movie.group);
                self.xml.end_element();
            }
        }
        if let Some(range) = &media.play_range {
            self.play_range(range);
        }
        for group in &media.groups {
            self.text_element("group", group);
        }
        if let MediaKind::File(file) = &media.kind {
            self.media_file_state(file);
        }
        self.extra_elements(&media.extra);
        self.xml.end_element();
    }

    fn locators(&mut self, locators: &Locators) {
        self.xml.start_element("locators");
        self.extra_attributes(&locators.extra);
        if let Some(path) = &locators.path {
            self.text_element("path", path);
        }
        if let Some(hash) = &locators.short_hash {
            self.text_element("shortHash", hash);
        }
        if let Some(url) = &locators.url {
            self.text_element("url", url);
        }
        self.extra_elements(&locators.extra);
        self.xml.end_element();
    }

    fn play_range(&mut self, range: &PlayRange) {
        self.xml.start_element("playRange");
        self.value_element("inFrame", |w| w.whole("value", u64::from(range.in_frame)));
        self.value_element("outFrame", |w| w.whole("value", u64::from(range.out_frame)));
        self.bool_element("playOnlyRange", range.play_only_range);
        self.xml.end_element();
    }

    fn media_file_state(&mut self, file: &MediaFile) {
        if !file.notes.is_empty() {
            self.text_element("notes", &file.notes);
        }
        if let Some(zoom) = &file.zoom_state {
            self.zoom_state(zoom);
        }
        if let Some(ratio) = &file.pixel_ratio {
            self.pixel_ratio(ratio);
        }
        if let Some(mask) = &file.mask {
            self.mask(mask);
        }
        if let Some(grading) = &file.color_grading {
            self.color_grading(grading);
        }
        for (frame, annotation) in &file.annotations {
            self.annotation(*frame, annotation);
        }
    }

    fn zoom_state(&mut self, zoom: &ZoomState) {
        self.xml.start_element("zoomState");
        self.extra_attributes(&zoom.extra);
        self.point("center", zoom.center);
        self.float_element("scaleFactor", zoom.scale_factor);
        self.extra_elements(&zoom.extra);
        self.xml.end_element();
    }

    fn pixel_ratio(&mut self, pixel_ratio: &PixelRatio) {
        self.xml.start_element("pixelRatio");
        self.extra_attributes(&pixel_ratio.extra);
        self.ratio("source", pixel_ratio.source);
        self.ratio("target", pixel_ratio.target);
        self.extra_elements(&pixel_ratio.extra);
        self.xml.end_element();
    }

    fn mask(&mut self, mask: &Mask) {
        self.xml.start_element("mask");
        self.number("alpha", mask.alpha);
        self.extra_attributes(&mask.extra);
        self.point("center", mask.center);
        self.ratio("ratio", mask.ratio);
        self.float_element("scaleFactor", mask.scale_factor);
        self.extra_elements(&mask.extra);
        self.xml.end_element();
    }

    fn color_grading(&mut self, grading: &ColorGrading) {
        self.xml.start_element("colorGrading");
        self.extra_attributes(&grading.extra);
        if let Some(offset) = &grading.offset {
            self.xml.start_element("offset");
            self.number("red", offset.red);
            self.number("green", offset.green);
            self.number("blue", offset.blue);
            self.xml.end_element();
        }
        if let Some(brightness) = &grading.brightness {
            self.xml.start_element("brightness");
            self.number("rgb", brightness.rgb);
            self.number("red", brightness.red);
            self.number("green", brightness.green);
            self.number("blue", brightness.blue);
            self.xml.end_element();
        }
        let factors = [
            ("saturation", grading.saturation),
            ("gamma", grading.gamma),
            ("contrast", grading.contrast),
        ];
        for (name, value) in factors {
            if let Some(value) = value {
                self.float_element(name, value);
            }
        }
        if let Some(value) = grading.linear_to_log {
            self.bool_element("linearToLog", value);
        }
        if let Some(path) = &grading.lut_path {
            self.value_element("lutPath", |w| w.attribute("value", path));
        }
        self.extra_elements(&grading.extra);
        self.xml.end_element();
    }

    fn annotation(&mut self, frame: u32, annotation: &FrameAnnotation) {
        self.xml.start_element("annotation");
        self.whole("frame", u64::from(frame));
        self.extra_attributes(&annotation.extra);
        if !annotation.notes.is_empty() {
            self.text_element("notes", &annotation.notes);
        }
        for object in &annotation.objects {
            self.drawing(object);
        }
        self.extra_elements(&annotation.extra);
        self.xml.end_element();
    }

    fn object_start(&mut self, object: &DrawingObject) {
        self.xml.start_element(object.element_name());
        if let Some(id) = object.id() {
            self.attribute("id", id);
        }
    }

    fn color_alpha_attributes(&mut self, color: &str, alpha: f64) {
        self.attribute("color", color);
        self.number("alpha", alpha);
    }

    fn drawing(&mut self, object: &DrawingObject) {
        self.object_start(object);
        let extra = match object {
            DrawingObject::Line(line) => {
                self.color_alpha_attributes(&line.color, line.alpha);
                self.number("thickness", line.thickness);
                self.extra_attributes(&line.extra);
                for point in &line.points {
                    self.xml.start_element("point");
                    self.number("x", point.x);
                    self.number("y", point.y);
                    if let Some(alpha) = point.alpha {
                        self.number("alpha", alpha);
                    }
                    self.xml.end_element();
                }
                &line.extra
            }
            DrawingObject::Erase(erase) => {
                self.number("thickness", erase.thickness);
                self.extra_attributes(&erase.extra);
                for point in &erase.points {
                    self.point("point", *point);
                }
                &erase.extra
            }
            DrawingObject::Circle(circle) => {
                self.color_alpha_attributes(&circle.color, circle.alpha);
                self.extra_attributes(&circle.extra);
                self.point("startPoint", circle.start);
                self.point("endPoint", circle.end);
                &circle.extra
            }
            DrawingObject::Arrow(arrow) => {
                self.color_alpha_attributes(&arrow.color, arrow.alpha);
                self.extra_attributes(&arrow.extra);
                self.point("startPoint", arrow.start);
                self.point("endPoint", arrow.end);
                let flags = [
                    ("special", arrow.special),
                    ("flipSide", arrow.flip_side),
                    ("reverse", arrow.reverse),
                ];
                for (name, value) in flags {
                    if let Some(value) = value {
                        self.bool_element(name, value);
                    }
                }
                &arrow.extra
            }
            DrawingObject::Text(text) => {
                self.extra_attributes(&text.extra);
                self.point("startPoint", text.start);
                self.point("endPoint", text.end);
                self.color_alpha_element("background", &text.background);
                self.color_alpha_element("foreground", &text.foreground);
                self.text_element("p", &text.text);
                &text.extra
            }
        };
        self.extra_elements(extra);
        self.xml.end_element();
    }

    fn color_alpha_element(&mut self, name: &str, value: &ColorAlpha) {
        self.xml.start_element(name);
        self.color_alpha_attributes(&value.color, value.alpha);
        self.xml.end_element();
    }

    fn extra_attributes(&mut self, extra: &Extra) {
        if self.keep_extra {
            self.foreign_attributes(&extra.attributes);
        }
    }

    fn extra_elements(&mut self, extra: &Extra) {
        if self.keep_extra {
            for element in &extra.elements {
                self.extra_element(element, Some(SESSION_NAMESPACE), false);
            }
        }
    }

    /// Writes attributes, declaring a prefix for each namespace they use.
    fn foreign_attributes(&mut self, attributes: &[ExtraAttribute]) {
        let mut prefixes: Vec<&str> = Vec::new();
        for attribute in attributes {
            match attribute.namespace.as_deref() {
                None => self.attribute(&attribute.name, &attribute.value),
                Some(XML_NAMESPACE) => {
                    self.attribute(&format!("xml:{}", attribute.name), &attribute.value)
                }
                Some(namespace) => {
                    let index = match prefixes.iter().position(|known| *known == namespace) {
                        Some(index) => index,
                        None => {
                            prefixes.push(namespace);
                            self.attribute(&format!("xmlns:ns{}", prefixes.len() - 1), namespace);
                            prefixes.len() - 1
                        }
                    };
                    self.attribute(&format!("ns{index}:{}", attribute.name), &attribute.value);
                }
            }
        }
    }

    /// Writes a kept element, redeclaring the default namespace where it changes.
    /// `preserving` says whether an enclosing element already keeps whitespace as is.
    fn extra_element(
        &mut self,
        element: &ExtraElement,
        default_namespace: Option<&str>,
        preserving: bool,
    ) {
        self.xml.start_element(&element.name);
        let namespace = element.namespace.as_deref();
        if namespace != default_namespace {
            self.attribute("xmlns", namespace.unwrap_or(""));
        }
        self.foreign_attributes(&element.attributes);
        // Text is content: around it, indentation would change what reads back.
        let has_text = element
            .children
            .iter()
            .any(|child| matches!(child, ExtraNode::Text(_)));
        let preserve = preserving || has_text;
        self.xml.set_preserve_whitespaces(preserve);
        for child in &element.children {
            match child {
                ExtraNode::Element(inner) => self.extra_element(inner, namespace, preserve),
                ExtraNode::Text(text) => self.xml.write_text_fmt(format_args!("{}", Escaped(text))),
            }
        }
        self.xml.end_element();
        self.xml.set_preserve_whitespaces(preserving);
    }
}

/// Text content escaped for XML (`&`, `<`, `>` and carriage returns).
struct Escaped<'a>(&'a str);

impl std::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(['&', '<', '>', '\r']) {
            f.write_str(&rest[..at])?;
            f.write_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                _ => "&#13;",
            })?;
            rest = &rest[at + 1..];
        }
        f.write_str(rest)
    }
}

/// An attribute value escaped so that it reads back unchanged, whitespace included.
fn escape_attribute(value: &str, buffer: &mut Vec<u8>) {
    for byte in value.bytes() {
        match byte {
            b'&' => buffer.extend_from_slice(b"&amp;"),
            b'<' => buffer.extend_from_slice(b"&lt;"),
            b'>' => buffer.extend_from_slice(b"&gt;"),
            b'"' => buffer.extend_from_slice(b"&quot;"),
            b'\n' => buffer.extend_from_slice(b"&#10;"),
            b'\r' => buffer.extend_from_slice(b"&#13;"),
            b'\t' => buffer.extend_from_slice(b"&#9;"),
            other => buffer.push(other),
        }
    }
}
