//! Writing the model as session XML: always version 3, in a fixed order, indented, with
//! everything escaped that XML needs and numbers written so they read back exactly.

use std::collections::BTreeMap;
use std::io::Write as _;

use xmlwriter::{Indent, Options, XmlWriter};

use super::SESSION_NAMESPACE;
use crate::session::{
    ColorGrading, DrawingObject, Extra, ExtraAttribute, ExtraElement, ExtraNode, FrameAnnotation,
    GroupMovie, Locators, Mask, Media, MediaFile, MediaKind, PixelRatio, PlayRange, Point, Ratio,
    Session, Stereo, ZoomState, TEXT_ANCHOR,
};

/// The namespace that the `xml:` prefix is bound to without declaration.
const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";

/// How to write a session.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Write a strict cineSync 3 file: drop the unknown attributes, elements and text
    /// that were kept from the input (see [`Extra`]), unknown drawing objects included.
    /// Comments are kept: they are part of any XML file.
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
    /// reads back unchanged; the kept content of the element (`part`) goes back at its
    /// offsets in the text.
    fn text_element(&mut self, name: &str, text: &str, part: &Extra) {
        self.xml.start_element(name);
        self.extra_attributes(part);
        if text.is_empty() && part.children.is_empty() {
            self.xml.end_element();
            return;
        }
        self.xml.set_preserve_whitespaces(true);
        let mut written = 0;
        for (anchor, node) in &part.children {
            let mut at = match anchor {
                None => 0,
                Some((name, offset)) if name == TEXT_ANCHOR => *offset,
                Some(_) => text.len(),
            }
            .clamp(written, text.len());
            while !text.is_char_boundary(at) {
                at += 1;
            }
            self.text_piece(&text[written..at]);
            written = at;
            self.node(node, true);
        }
        self.text_piece(&text[written..]);
        self.xml.end_element();
        self.xml.set_preserve_whitespaces(false);
    }

    fn text_piece(&mut self, text: &str) {
        if !text.is_empty() {
            self.xml.write_text_fmt(format_args!("{}", Escaped(text)));
        }
    }

    /// Ends a leaf element (one whose known content is attributes): writes the kept
    /// attributes and children of `part`, then the end tag.
    fn end_leaf(&mut self, part: &Extra) {
        self.extra_attributes(part);
        for (_, node) in &part.children {
            self.node(node, false);
        }
        self.xml.end_element();
    }

    fn value_element(&mut self, name: &str, part: &Extra, write_value: impl FnOnce(&mut Self)) {
        self.xml.start_element(name);
        write_value(self);
        self.end_leaf(part);
    }

    fn bool_element(&mut self, name: &str, value: bool, part: &Extra) {
        self.value_element(name, part, |w| w.boolean("value", value));
    }

    fn float_element(&mut self, name: &str, value: f64, part: &Extra) {
        self.value_element(name, part, |w| w.number("value", value));
    }

    fn point(&mut self, name: &str, point: Point, part: &Extra) {
        self.xml.start_element(name);
        self.number("x", point.x);
        self.number("y", point.y);
        self.end_leaf(part);
    }

    fn ratio(&mut self, name: &str, ratio: Ratio, part: &Extra) {
        self.xml.start_element(name);
        self.number("width", ratio.width);
        self.number("height", ratio.height);
        self.end_leaf(part);
    }

    /// Writes a known child that the element holds at most once, with its kept content
    /// from `extra`, then the unknown children anchored after it.
    fn once<T>(
        &mut self,
        children: &mut Children<'_>,
        name: &'static str,
        value: Option<T>,
        write: impl FnOnce(&mut Self, T, &Extra),
    ) {
        if let Some(value) = value {
            write(self, value, part(children.extra, name, 0));
            self.after(children, name, 0);
        }
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
        let extra = &session.extra;
        let mut children = self.open_children(extra);
        for (index, group) in session.groups.iter().enumerate() {
            self.text_element("group", group, part(extra, "group", index));
            self.after(&mut children, "group", index);
        }
        for (index, media) in session.media.iter().enumerate() {
            self.media(media);
            self.after(&mut children, "media", index);
        }
        let notes = written_notes(&session.notes, extra);
        self.once(&mut children, "notes", notes, |w, notes, part| {
            w.text_element("notes", notes, part)
        });
        self.once(
            &mut children,
            "chat",
            session.chat.as_ref(),
            |w, chat, part| w.text_element("chat", &chat.raw, part),
        );
        self.once(
            &mut children,
            "stereo",
            session.stereo.as_ref(),
            |w, stereo, _| w.stereo(stereo),
        );
        self.close_children(children);
        self.xml.end_element();
    }

    fn stereo(&mut self, stereo: &Stereo) {
        self.xml.start_element("stereo");
        self.boolean("enabled", stereo.enabled);
        self.attribute("type", stereo.kind.as_str());
        let mut children = self.open_children(&stereo.extra);
        let flags = [
            ("anamorphic", stereo.anamorphic),
            ("anaglyph", stereo.anaglyph),
            ("grayscale", stereo.grayscale),
        ];
        for (name, value) in flags {
            self.once(&mut children, name, value, |w, value, part| {
                w.bool_element(name, value, part)
            });
        }
        self.once(
            &mut children,
            "separation",
            stereo.separation,
            |w, separation, part| {
                w.xml.start_element("separation");
                w.number("annotation", separation.annotation);
                w.number("image", separation.image);
                w.end_leaf(part);
            },
        );
        self.close_children(children);
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
        let extra = &media.extra;
        let mut children = self.open_children(extra);
        match &media.kind {
            MediaKind::File(file) => {
                self.once(&mut children, "name", Some(&file.name), |w, name, part| {
                    w.text_element("name", name, part)
                });
                self.once(
                    &mut children,
                    "locators",
                    Some(&file.locators),
                    |w, locators, _| w.locators(locators),
                );
            }
            MediaKind::GroupMovie(movie) => {
                self.once(
                    &mut children,
                    "groupMovie",
                    Some(movie),
                    |w, movie, part| w.group_movie(movie, part),
                );
            }
        }
        self.once(
            &mut children,
            "playRange",
            media.play_range,
            |w, range, part| w.play_range(range, part),
        );
        for (index, group) in media.groups.iter().enumerate() {
            self.text_element("group", group, part(extra, "group", index));
            self.after(&mut children, "group", index);
        }
        if let MediaKind::File(file) = &media.kind {
            self.media_file_state(file, &mut children);
        }
        self.close_children(children);
        self.xml.end_element();
    }

    fn group_movie(&mut self, movie: &GroupMovie, part: &Extra) {
        self.xml.start_element("groupMovie");
        let mut children = self.open_children(part);
        self.once(
            &mut children,
            "group",
            Some(&movie.group),
            |w, group, part| w.text_element("group", group, part),
        );
        self.close_children(children);
        self.xml.end_element();
    }

    fn locators(&mut self, locators: &Locators) {
        self.xml.start_element("locators");
        let mut children = self.open_children(&locators.extra);
        let kinds = [
            ("path", &locators.path),
            ("shortHash", &locators.short_hash),
            ("url", &locators.url),
        ];
        for (name, value) in kinds {
            self.once(&mut children, name, value.as_ref(), |w, value, part| {
                w.text_element(name, value, part)
            });
        }
        self.close_children(children);
        self.xml.end_element();
    }

    fn play_range(&mut self, range: PlayRange, part: &Extra) {
        self.xml.start_element("playRange");
        let mut children = self.open_children(part);
        let frames = [("inFrame", range.in_frame), ("outFrame", range.out_frame)];
        for (name, frame) in frames {
            self.once(&mut children, name, Some(frame), |w, frame, part| {
                w.value_element(name, part, |w| w.whole("value", u64::from(frame)))
            });
        }
        let only = Some(range.play_only_range);
        self.once(&mut children, "playOnlyRange", only, |w, value, part| {
            w.bool_element("playOnlyRange", value, part)
        });
        self.close_children(children);
        self.xml.end_element();
    }

    fn media_file_state(&mut self, file: &MediaFile, children: &mut Children<'_>) {
        let notes = written_notes(&file.notes, children.extra);
        self.once(children, "notes", notes, |w, notes, part| {
            w.text_element("notes", notes, part)
        });
        self.once(
            children,
            "zoomState",
            file.zoom_state.as_ref(),
            |w, zoom, _| w.zoom_state(zoom),
        );
        self.once(
            children,
            "pixelRatio",
            file.pixel_ratio.as_ref(),
            |w, ratio, _| w.pixel_ratio(ratio),
        );
        self.once(children, "mask", file.mask.as_ref(), |w, mask, _| {
            w.mask(mask)
        });
        self.once(
            children,
            "colorGrading",
            file.color_grading.as_ref(),
            |w, grading, _| w.color_grading(grading),
        );
        for (frame, annotation) in &file.annotations {
            self.annotation(*frame, annotation);
            self.after(children, "annotation", *frame as usize);
        }
    }

    fn zoom_state(&mut self, zoom: &ZoomState) {
        self.xml.start_element("zoomState");
        let mut children = self.open_children(&zoom.extra);
        self.once(
            &mut children,
            "center",
            Some(zoom.center),
            |w, center, part| w.point("center", center, part),
        );
        self.once(
            &mut children,
            "scaleFactor",
            Some(zoom.scale_factor),
            |w, scale, part| w.float_element("scaleFactor", scale, part),
        );
        self.close_children(children);
        self.xml.end_element();
    }

    fn pixel_ratio(&mut self, pixel_ratio: &PixelRatio) {
        self.xml.start_element("pixelRatio");
        let mut children = self.open_children(&pixel_ratio.extra);
        let ratios = [
            ("source", pixel_ratio.source),
            ("target", pixel_ratio.target),
        ];
        for (name, ratio) in ratios {
            self.once(&mut children, name, Some(ratio), |w, ratio, part| {
                w.ratio(name, ratio, part)
            });
        }
        self.close_children(children);
        self.xml.end_element();
    }

    fn mask(&mut self, mask: &Mask) {
        self.xml.start_element("mask");
        self.number("alpha", mask.alpha);
        let mut children = self.open_children(&mask.extra);
        self.once(
            &mut children,
            "center",
            Some(mask.center),
            |w, center, part| w.point("center", center, part),
        );
        self.once(
            &mut children,
            "ratio",
            Some(mask.ratio),
            |w, ratio, part| w.ratio("ratio", ratio, part),
        );
        self.once(
            &mut children,
            "scaleFactor",
            Some(mask.scale_factor),
            |w, scale, part| w.float_element("scaleFactor", scale, part),
        );
        self.close_children(children);
        self.xml.end_element();
    }

    fn color_grading(&mut self, grading: &ColorGrading) {
        self.xml.start_element("colorGrading");
        let mut children = self.open_children(&grading.extra);
        self.once(
            &mut children,
            "offset",
            grading.offset,
            |w, offset, part| {
                w.xml.start_element("offset");
                w.number("red", offset.red);
                w.number("green", offset.green);
                w.number("blue", offset.blue);
                w.end_leaf(part);
            },
        );
        self.once(
            &mut children,
            "brightness",
            grading.brightness,
            |w, brightness, part| {
                w.xml.start_element("brightness");
                w.number("rgb", brightness.rgb);
                w.number("red", brightness.red);
                w.number("green", brightness.green);
                w.number("blue", brightness.blue);
                w.end_leaf(part);
            },
        );
        let factors = [
            ("saturation", grading.saturation),
            ("gamma", grading.gamma),
            ("contrast", grading.contrast),
        ];
        for (name, value) in factors {
            self.once(&mut children, name, value, |w, value, part| {
                w.float_element(name, value, part)
            });
        }
        self.once(
            &mut children,
            "linearToLog",
            grading.linear_to_log,
            |w, value, part| w.bool_element("linearToLog", value, part),
        );
        self.once(
            &mut children,
            "lutPath",
            grading.lut_path.as_ref(),
            |w, path, part| w.value_element("lutPath", part, |w| w.attribute("value", path)),
        );
        self.close_children(children);
        self.xml.end_element();
    }

    fn annotation(&mut self, frame: u32, annotation: &FrameAnnotation) {
        self.xml.start_element("annotation");
        self.whole("frame", u64::from(frame));
        let mut children = self.open_children(&annotation.extra);
        let notes = written_notes(&annotation.notes, &annotation.extra);
        self.once(&mut children, "notes", notes, |w, notes, part| {
            w.text_element("notes", notes, part)
        });
        // Drawing objects anchor by element name and count among their namesakes.
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for object in &annotation.objects {
            self.drawing(object);
            if children.waiting() {
                let name = object.element_name();
                let index = match counts.iter_mut().find(|(seen, _)| *seen == name) {
                    Some((_, count)) => {
                        *count += 1;
                        *count - 1
                    }
                    None => {
                        counts.push((name, 1));
                        0
                    }
                };
                self.after(&mut children, name, index);
            }
        }
        self.close_children(children);
        self.xml.end_element();
    }

    fn object_start(&mut self, name: &str, id: Option<&str>) {
        self.xml.start_element(name);
        if let Some(id) = id {
            self.attribute("id", id);
        }
    }

    fn color_alpha_attributes(&mut self, color: &str, alpha: f64) {
        self.attribute("color", color);
        self.number("alpha", alpha);
    }

    fn drawing(&mut self, object: &DrawingObject) {
        let extra = match object {
            DrawingObject::Line(line) => {
                self.object_start("line", line.id.as_deref());
                self.color_alpha_attributes(&line.color, line.alpha);
                self.number("thickness", line.thickness);
                &line.extra
            }
            DrawingObject::Erase(erase) => {
                self.object_start("erase", erase.id.as_deref());
                self.number("thickness", erase.thickness);
                &erase.extra
            }
            DrawingObject::Circle(circle) => {
                self.object_start("circle", circle.id.as_deref());
                self.color_alpha_attributes(&circle.color, circle.alpha);
                &circle.extra
            }
            DrawingObject::Arrow(arrow) => {
                self.object_start("arrow", arrow.id.as_deref());
                self.color_alpha_attributes(&arrow.color, arrow.alpha);
                &arrow.extra
            }
            DrawingObject::Text(text) => {
                self.object_start("text", text.id.as_deref());
                &text.extra
            }
            DrawingObject::Unknown(element) => {
                if self.keep_extra {
                    self.extra_element(element, Some(SESSION_NAMESPACE), false);
                }
                return;
            }
        };
        let mut children = self.open_children(extra);
        match object {
            DrawingObject::Line(line) => {
                let parts = extra.parts.get("point");
                for (index, point) in line.points.iter().enumerate() {
                    self.xml.start_element("point");
                    self.number("x", point.x);
                    self.number("y", point.y);
                    if let Some(alpha) = point.alpha {
                        self.number("alpha", alpha);
                    }
                    self.end_leaf(part_at(parts, index));
                    self.after(&mut children, "point", index);
                }
            }
            DrawingObject::Erase(erase) => {
                let parts = extra.parts.get("point");
                for (index, point) in erase.points.iter().enumerate() {
                    self.point("point", *point, part_at(parts, index));
                    self.after(&mut children, "point", index);
                }
            }
            DrawingObject::Circle(circle) => self.corners(&mut children, circle.start, circle.end),
            DrawingObject::Arrow(arrow) => {
                self.corners(&mut children, arrow.start, arrow.end);
                let flags = [
                    ("special", arrow.special),
                    ("flipSide", arrow.flip_side),
                    ("reverse", arrow.reverse),
                ];
                for (name, value) in flags {
                    self.once(&mut children, name, value, |w, value, part| {
                        w.bool_element(name, value, part)
                    });
                }
            }
            DrawingObject::Text(text) => {
                self.corners(&mut children, text.start, text.end);
                let colours = [
                    ("background", &text.background),
                    ("foreground", &text.foreground),
                ];
                for (name, value) in colours {
                    self.once(&mut children, name, Some(value), |w, value, part| {
                        w.xml.start_element(name);
                        w.color_alpha_attributes(&value.color, value.alpha);
                        w.end_leaf(part);
                    });
                }
                self.once(&mut children, "p", Some(&text.text), |w, text, part| {
                    w.text_element("p", text, part)
                });
            }
            DrawingObject::Unknown(_) => {}
        }
        self.close_children(children);
        self.xml.end_element();
    }

    fn corners(&mut self, children: &mut Children<'_>, start: Point, end: Point) {
        for (name, point) in [("startPoint", start), ("endPoint", end)] {
            self.once(children, name, Some(point), |w, point, part| {
                w.point(name, point, part)
            });
        }
    }

    /// Writes the kept attributes of an element (after its known ones), unless strict.
    fn extra_attributes(&mut self, extra: &Extra) {
        if self.keep_extra {
            self.foreign_attributes(&extra.attributes);
        }
    }

    /// Starts writing the children of an element with kept content `extra`: writes its
    /// kept attributes and the kept children anchored before every known child, and
    /// returns the others, to be written by [`Writer::after`] and
    /// [`Writer::close_children`].
    fn open_children<'m>(&mut self, extra: &'m Extra) -> Children<'m> {
        self.extra_attributes(extra);
        let mut waiting: BTreeMap<(&'m str, usize), Vec<usize>> = BTreeMap::new();
        for (index, (anchor, node)) in extra.children.iter().enumerate() {
            match anchor {
                None => self.node(node, false),
                Some((name, at)) => waiting.entry((name.as_str(), *at)).or_default().push(index),
            }
        }
        Children { extra, waiting }
    }

    /// Writes the kept children anchored after the known child `name` number `index`.
    fn after<'m>(&mut self, children: &mut Children<'m>, name: &'m str, index: usize) {
        if !children.waiting() {
            return;
        }
        if let Some(indexes) = children.waiting.remove(&(name, index)) {
            for index in indexes {
                self.node(&children.extra.children[index].1, false);
            }
        }
    }

    /// Writes the kept children whose anchor the model no longer has, in document order.
    fn close_children(&mut self, children: Children<'_>) {
        let mut rest: Vec<usize> = children.waiting.into_values().flatten().collect();
        rest.sort_unstable();
        for index in rest {
            self.node(&children.extra.children[index].1, false);
        }
    }

    /// Writes a kept node: comments always, elements and text unless strict.
    /// `preserving` says whether the enclosing element keeps whitespace as is.
    fn node(&mut self, node: &ExtraNode, preserving: bool) {
        match node {
            ExtraNode::Comment(text) => self.xml.write_comment(text),
            ExtraNode::Element(element) if self.keep_extra => {
                self.extra_element(element, Some(SESSION_NAMESPACE), preserving)
            }
            ExtraNode::Text(text) if self.keep_extra => self.text_piece(text),
            ExtraNode::Element(_) | ExtraNode::Text(_) => {}
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
                ExtraNode::Text(text) => self.text_piece(text),
                ExtraNode::Comment(text) => self.xml.write_comment(text),
            }
        }
        self.xml.end_element();
        self.xml.set_preserve_whitespaces(preserving);
    }
}

/// The kept children of an element being written that wait for their anchor.
struct Children<'m> {
    /// The element's kept content.
    extra: &'m Extra,
    /// Indexes into `extra.children` of the children not yet written, by anchor.
    waiting: BTreeMap<(&'m str, usize), Vec<usize>>,
}

impl Children<'_> {
    fn waiting(&self) -> bool {
        !self.waiting.is_empty()
    }
}

/// Nothing kept: the part of a known child that has none.
static NOTHING: Extra = Extra {
    attributes: Vec::new(),
    children: Vec::new(),
    parts: BTreeMap::new(),
};

/// The kept content of the known child `name` number `index` of an element.
fn part<'m>(extra: &'m Extra, name: &str, index: usize) -> &'m Extra {
    extra.part(name, index).unwrap_or(&NOTHING)
}

/// [`part`] among the parts of one name.
fn part_at(parts: Option<&BTreeMap<usize, Extra>>, index: usize) -> &Extra {
    parts
        .and_then(|by_index| by_index.get(&index))
        .unwrap_or(&NOTHING)
}

/// The notes to write: none when they are empty and hold nothing kept.
fn written_notes<'m>(notes: &'m str, extra: &Extra) -> Option<&'m str> {
    (!notes.is_empty() || extra.part("notes", 0).is_some()).then_some(notes)
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
