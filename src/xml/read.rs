//! Reading a parsed session document into the model.
//!
//! Every element is read by one function. What the model does not know is kept with its
//! place in the tree: unknown attributes and children (elements and comments) in the
//! [`Extra`] of the element, anchored after the known sibling they followed; the unknown
//! content of small known children (points, value elements, text-only elements) in
//! [`Extra::parts`] of the nearest element that has an `Extra`; unknown elements of an
//! annotation among its drawing objects. Unknown attributes and elements are reported as
//! warnings. Processing instructions, text between elements and second copies of
//! elements that the model holds once are dropped, each with a warning. Content that
//! cannot be typed is an error with its position and element path.

use std::collections::btree_map::Entry;

use roxmltree::{Attribute, Node, NodeType};

use super::SESSION_NAMESPACE;
use crate::error::{Error, ErrorKind, Result};
use crate::location::{ElementPath, Location, TextIndex};
use crate::session::{
    Arrow, Brightness, Chat, Circle, ColorAlpha, ColorGrading, ColorOffset, DrawingObject, Erase,
    Extra, ExtraAttribute, ExtraElement, ExtraNode, FrameAnnotation, GroupMovie, Line, LinePoint,
    Loaded, Locators, Mask, Media, MediaFile, MediaKind, PixelRatio, PlayRange, Point, Ratio,
    Separation, Session, Stereo, StereoType, TextBox, Warning, WarningKind, ZoomState, TEXT_ANCHOR,
};

/// The format version this toolkit reads and writes.
const SUPPORTED_VERSION: u64 = 3;

pub(crate) fn read_session(document: &roxmltree::Document<'_>) -> Result<Loaded> {
    let root = document.root_element();
    if root.tag_name().namespace() != Some(SESSION_NAMESPACE) || root.tag_name().name() != "session"
    {
        return Err(ErrorKind::WrongRoot {
            location: location_of(root),
            found: expanded_name(root.tag_name().namespace(), root.tag_name().name()),
            expected: SESSION_NAMESPACE,
        }
        .into());
    }
    let mut reader = Reader {
        positions: TextIndex::new(document.input_text()),
        warnings: Vec::new(),
        unlisted_warnings: 0,
    };
    // Comments and processing instructions around the root element have no place in the
    // model (only the content of `session` has one).
    for outside in document.root().children() {
        let what = match outside.node_type() {
            NodeType::Comment => "a comment outside the `session` element".to_owned(),
            NodeType::PI => format!(
                "processing instruction `{}` outside the `session` element",
                outside.pi().map_or("", |pi| pi.target)
            ),
            _ => continue,
        };
        reader.warn(outside, WarningKind::Dropped { what });
    }
    let session = reader.session(root)?;
    if reader.unlisted_warnings > 0 {
        let count = reader.unlisted_warnings;
        reader.warnings.push(Warning {
            location: location_of(root),
            path: path_of(root),
            kind: WarningKind::Unlisted { count },
        });
    }
    Ok(Loaded {
        session,
        warnings: reader.warnings,
    })
}

/// How many warnings one load lists; past that they are only counted, so that a file of a
/// million unknown elements loads in linear time.
const MAX_LISTED_WARNINGS: usize = 1_000;

struct Reader<'a> {
    positions: TextIndex<'a>,
    warnings: Vec<Warning>,
    unlisted_warnings: usize,
}

/// What one element being read holds beyond the model's fields, and the known children
/// seen so far, which anchor the unknown ones.
#[derive(Default)]
struct Unknown<'n> {
    extra: Extra,
    /// The last known child: its name and index among the known children of that name.
    last: Option<(&'n str, usize)>,
    /// How many known children of each name were seen.
    counts: Vec<(&'n str, usize)>,
}

impl<'n> Unknown<'n> {
    /// Records a known child and returns its index among the known children of its name.
    fn known(&mut self, name: &'n str) -> usize {
        let index = match self.counts.iter_mut().find(|(seen, _)| *seen == name) {
            Some((_, count)) => {
                *count += 1;
                *count - 1
            }
            None => {
                self.counts.push((name, 1));
                0
            }
        };
        self.last = Some((name, index));
        index
    }

    /// Records a known child that is identified by `index` instead of by count.
    fn known_as(&mut self, name: &'n str, index: usize) {
        self.last = Some((name, index));
    }

    /// How many known children named `name` were seen.
    fn count(&self, name: &str) -> usize {
        self.counts
            .iter()
            .find(|(seen, _)| *seen == name)
            .map_or(0, |(_, count)| *count)
    }

    /// Records a known child `name` and keeps the unknown content it held.
    fn known_with(&mut self, name: &'n str, part: Extra) {
        let index = self.known(name);
        keep_part(&mut self.extra, name, index, part);
    }
}

/// Keeps the unknown content of the known child `name` number `index` in its parent's
/// [`Extra::parts`].
fn keep_part(extra: &mut Extra, name: &str, index: usize, part: Extra) {
    if !part.is_empty() {
        extra
            .parts
            .entry(name.to_owned())
            .or_default()
            .insert(index, part);
    }
}

/// The local name of an element in the session namespace, or `None` for any other element
/// and for every other kind of node.
fn our_name<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    (node.is_element() && node.tag_name().namespace() == Some(SESSION_NAMESPACE))
        .then(|| node.tag_name().name())
}

/// The name of an unqualified attribute, or `None` for a namespaced one.
fn plain_name<'a>(attribute: &Attribute<'a, '_>) -> Option<&'a str> {
    attribute.namespace().is_none().then(|| attribute.name())
}

fn expanded_name(namespace: Option<&str>, name: &str) -> String {
    match namespace {
        Some(uri) => format!("{{{uri}}}{name}"),
        None => name.to_owned(),
    }
}

fn location_of(node: Node<'_, '_>) -> Location {
    node.document().text_pos_at(node.range().start).into()
}

fn path_of(node: Node<'_, '_>) -> ElementPath {
    let mut lineage: Vec<Node<'_, '_>> = node.ancestors().filter(Node::is_element).collect();
    lineage.reverse();
    let mut path = ElementPath::default();
    for (depth, element) in lineage.into_iter().enumerate() {
        let name = element.tag_name().name();
        if depth == 0 {
            path = ElementPath::root(name);
        } else {
            let same_name_before = element
                .prev_siblings()
                .skip(1)
                .filter(|sibling| sibling.is_element() && sibling.tag_name() == element.tag_name())
                .count();
            path.push(name, same_name_before + 1);
        }
    }
    path
}

fn error_at(node: Node<'_, '_>, message: impl Into<String>) -> Error {
    Error::content(location_of(node), &path_of(node), message)
}

fn attribute_error(
    node: Node<'_, '_>,
    attribute: &Attribute<'_, '_>,
    message: impl Into<String>,
) -> Error {
    let location = node
        .document()
        .text_pos_at(attribute.range_value().start)
        .into();
    Error::content(location, &path_of(node), message)
}

/// A required attribute found by [`Reader::attributes`], or the error that it is missing.
fn required<'a>(
    node: Node<'_, '_>,
    attribute: Option<Attribute<'a, 'a>>,
    name: &str,
) -> Result<Attribute<'a, 'a>> {
    attribute.ok_or_else(|| {
        error_at(
            node,
            format!(
                "element `{}` is missing attribute `{name}`",
                node.tag_name().name()
            ),
        )
    })
}

/// A required child read into `slot`, or the error that it is missing.
fn required_child<T>(node: Node<'_, '_>, slot: Option<T>, name: &str) -> Result<T> {
    slot.ok_or_else(|| {
        error_at(
            node,
            format!(
                "element `{}` is missing element `{name}`",
                node.tag_name().name()
            ),
        )
    })
}

/// Parses an `xsd:float`-like number: the XSD spellings `INF`, `-INF` and `NaN` as well as
/// Rust's.
fn parse_float(node: Node<'_, '_>, attribute: &Attribute<'_, '_>) -> Result<f64> {
    let text = attribute.value().trim();
    let value = match text {
        "INF" | "+INF" => Ok(f64::INFINITY),
        "-INF" => Ok(f64::NEG_INFINITY),
        other => other.parse::<f64>(),
    };
    value.map_err(|_| {
        attribute_error(
            node,
            attribute,
            format!(
                "attribute `{}`: {:?} is not a number",
                attribute.name(),
                attribute.value()
            ),
        )
    })
}

/// A required number attribute.
fn float(node: Node<'_, '_>, attribute: Option<Attribute<'_, '_>>, name: &str) -> Result<f64> {
    parse_float(node, &required(node, attribute, name)?)
}

fn parse_frame(node: Node<'_, '_>, attribute: &Attribute<'_, '_>) -> Result<u32> {
    let text = attribute.value().trim();
    text.strip_prefix('+')
        .unwrap_or(text)
        .parse::<u32>()
        .map_err(|_| {
            attribute_error(
                node,
                attribute,
                format!(
                    "attribute `{}`: {:?} is not a frame number (a whole number from 1 to {})",
                    attribute.name(),
                    attribute.value(),
                    u32::MAX
                ),
            )
        })
}

fn parse_bool(node: Node<'_, '_>, attribute: &Attribute<'_, '_>) -> Result<bool> {
    match attribute.value().trim() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(attribute_error(
            node,
            attribute,
            format!(
                "attribute `{}`: {:?} is not `true` or `false`",
                attribute.name(),
                attribute.value()
            ),
        )),
    }
}

/// The value of an optional attribute, owned.
fn owned(attribute: Option<Attribute<'_, '_>>) -> Option<String> {
    attribute.map(|attribute| attribute.value().to_owned())
}

impl Reader<'_> {
    fn warn(&mut self, node: Node<'_, '_>, kind: WarningKind) {
        if self.warnings.len() >= MAX_LISTED_WARNINGS {
            self.unlisted_warnings += 1;
            return;
        }
        self.warnings.push(Warning {
            location: self.positions.location(node.range().start),
            path: path_of(node),
            kind,
        });
    }

    /// The unqualified attributes `names` of `node`, in that order, each `None` when
    /// absent; every other attribute is kept in `extra`, with a warning.
    fn attributes<'n, const N: usize>(
        &mut self,
        node: Node<'n, '_>,
        names: [&str; N],
        extra: &mut Extra,
    ) -> [Option<Attribute<'n, 'n>>; N] {
        let mut found = [None; N];
        for attribute in node.attributes() {
            let known = plain_name(&attribute)
                .and_then(|name| names.iter().position(|known| *known == name));
            match known {
                Some(index) => found[index] = Some(attribute),
                None => {
                    let name = expanded_name(attribute.namespace(), attribute.name());
                    self.warn(node, WarningKind::UnknownAttribute { name });
                    extra.attributes.push(extra_attribute(&attribute));
                }
            }
        }
        found
    }

    /// Keeps or reports a child node that the model has no field for: an unknown element
    /// is kept (with a warning) and a comment kept, both after the last known child; a
    /// processing instruction or non-blank text is dropped with a warning.
    fn other(&mut self, child: Node<'_, '_>, unknown: &mut Unknown<'_>) {
        let last = unknown.last;
        let anchor = move || last.map(|(name, index)| (name.to_owned(), index));
        self.other_at(child, anchor, &mut unknown.extra);
    }

    /// [`Reader::other`] with the anchor given.
    fn other_at(
        &mut self,
        child: Node<'_, '_>,
        anchor: impl FnOnce() -> Option<(String, usize)>,
        extra: &mut Extra,
    ) {
        if let Some(node) = self.extra_node(child) {
            extra.children.push((anchor(), node));
        }
    }

    /// Copies a node of unknown content: an element (with a warning) or a comment. A
    /// processing instruction, or text that is not blank, is dropped with a warning;
    /// blank text is indentation and is left out.
    fn extra_node(&mut self, node: Node<'_, '_>) -> Option<ExtraNode> {
        match node.node_type() {
            NodeType::Element => Some(ExtraNode::Element(self.unknown_element(node))),
            NodeType::Comment => Some(ExtraNode::Comment(node.text().unwrap_or_default().into())),
            NodeType::PI => {
                let target = node.pi().map_or("", |pi| pi.target);
                let what = format!("processing instruction `{target}`");
                self.warn(node, WarningKind::Dropped { what });
                None
            }
            NodeType::Text => {
                if !node.text().unwrap_or_default().trim().is_empty() {
                    let what = "text between elements".to_owned();
                    self.warn(node, WarningKind::Dropped { what });
                }
                None
            }
            NodeType::Root => None,
        }
    }

    /// Reports an unknown element and copies it whole.
    fn unknown_element(&mut self, node: Node<'_, '_>) -> ExtraElement {
        let name = expanded_name(node.tag_name().namespace(), node.tag_name().name());
        self.warn(node, WarningKind::UnknownElement { name });
        self.extra_element(node)
    }

    /// Copies an unknown element whole. Whitespace between child elements is indentation,
    /// not content, and is left out (the writer indents anew). Warnings are given for
    /// the element itself and for what inside it is dropped, not for its descendants.
    fn extra_element(&mut self, node: Node<'_, '_>) -> ExtraElement {
        let has_elements = node.children().any(|child| child.is_element());
        let mut children = Vec::new();
        for child in node.children() {
            match child.node_type() {
                NodeType::Element => children.push(ExtraNode::Element(self.extra_element(child))),
                NodeType::Text => {
                    let text = child.text().unwrap_or_default();
                    if !(has_elements && text.trim().is_empty()) {
                        children.push(ExtraNode::Text(text.to_owned()));
                    }
                }
                _ => children.extend(self.extra_node(child)),
            }
        }
        ExtraElement {
            namespace: node.tag_name().namespace().map(str::to_owned),
            name: node.tag_name().name().to_owned(),
            attributes: node
                .attributes()
                .map(|attribute| extra_attribute(&attribute))
                .collect(),
            children,
        }
    }

    /// Reads the children of a leaf element, whose known content is attributes only:
    /// everything in it is kept or reported (see [`Reader::other`]).
    fn leaf_children(&mut self, node: Node<'_, '_>, extra: &mut Extra) {
        for child in node.children() {
            self.other_at(child, || None, extra);
        }
    }

    /// The text of a text-only element, and its unknown content: unknown child elements
    /// and comments are anchored at their offset in the text.
    fn text_of(&mut self, node: Node<'_, '_>) -> (String, Extra) {
        let mut extra = Extra::default();
        let [] = self.attributes(node, [], &mut extra);
        let mut text = String::new();
        for child in node.children() {
            if child.is_text() {
                text.push_str(child.text().unwrap_or_default());
            } else {
                let offset = text.len();
                self.other_at(child, || Some((TEXT_ANCHOR.to_owned(), offset)), &mut extra);
            }
        }
        (text, extra)
    }

    /// The `value` attribute of a leaf element like `<inFrame value="40"/>`.
    fn value_attribute<'n>(&mut self, node: Node<'n, '_>) -> Result<(Attribute<'n, 'n>, Extra)> {
        let mut extra = Extra::default();
        let [value] = self.attributes(node, ["value"], &mut extra);
        self.leaf_children(node, &mut extra);
        Ok((required(node, value, "value")?, extra))
    }

    fn bool_value(&mut self, node: Node<'_, '_>) -> Result<(bool, Extra)> {
        let (attribute, extra) = self.value_attribute(node)?;
        Ok((parse_bool(node, &attribute)?, extra))
    }

    fn float_value(&mut self, node: Node<'_, '_>) -> Result<(f64, Extra)> {
        let (attribute, extra) = self.value_attribute(node)?;
        Ok((parse_float(node, &attribute)?, extra))
    }

    fn frame_value(&mut self, node: Node<'_, '_>) -> Result<(u32, Extra)> {
        let (attribute, extra) = self.value_attribute(node)?;
        Ok((parse_frame(node, &attribute)?, extra))
    }

    /// A leaf element whose known content is the number attributes `names`.
    fn numbers<const N: usize>(
        &mut self,
        node: Node<'_, '_>,
        names: [&str; N],
    ) -> Result<([f64; N], Extra)> {
        let mut extra = Extra::default();
        let attributes = self.attributes(node, names, &mut extra);
        self.leaf_children(node, &mut extra);
        let mut values = [0.0; N];
        for ((value, attribute), name) in values.iter_mut().zip(attributes).zip(names) {
            *value = float(node, attribute, name)?;
        }
        Ok((values, extra))
    }

    fn point(&mut self, node: Node<'_, '_>) -> Result<(Point, Extra)> {
        let ([x, y], extra) = self.numbers(node, ["x", "y"])?;
        Ok((Point::new(x, y), extra))
    }

    fn ratio(&mut self, node: Node<'_, '_>) -> Result<(Ratio, Extra)> {
        let ([width, height], extra) = self.numbers(node, ["width", "height"])?;
        Ok((Ratio::new(width, height), extra))
    }

    fn color_alpha(&mut self, node: Node<'_, '_>) -> Result<(ColorAlpha, Extra)> {
        let mut extra = Extra::default();
        let [color, alpha] = self.attributes(node, ["color", "alpha"], &mut extra);
        self.leaf_children(node, &mut extra);
        let color = required(node, color, "color")?.value();
        Ok((ColorAlpha::new(color, float(node, alpha, "alpha")?), extra))
    }

    /// Sets a field that an element holds once, recording the child as known and keeping
    /// its unknown content; a second one is dropped with a warning.
    fn once<'n, T>(
        &mut self,
        child: Node<'n, '_>,
        slot: &mut Option<T>,
        (value, part): (T, Extra),
        unknown: &mut Unknown<'n>,
    ) {
        if slot.is_some() {
            self.drop_second(child);
        } else {
            *slot = Some(value);
            unknown.known_with(child.tag_name().name(), part);
        }
    }

    /// Reports a second copy of an element that the model holds once.
    fn drop_second(&mut self, child: Node<'_, '_>) {
        let what = format!("a second `{}` element", child.tag_name().name());
        self.warn(child, WarningKind::Dropped { what });
    }

    /// Reads a text-only element that the model holds once, such as `notes`. An empty one
    /// with nothing unknown in it is the same as none (the writer leaves it out).
    fn notes_once<'n>(
        &mut self,
        child: Node<'n, '_>,
        slot: &mut Option<String>,
        unknown: &mut Unknown<'n>,
    ) {
        let (text, part) = self.text_of(child);
        if !text.is_empty() || !part.is_empty() {
            self.once(child, slot, (text, part), unknown);
        }
    }

    fn session(&mut self, node: Node<'_, '_>) -> Result<Session> {
        let mut session = Session::new();
        let mut unknown = Unknown::default();
        let [version, features, hash_token, user_data] = self.attributes(
            node,
            ["version", "sessionFeatures", "hashToken", "userData"],
            &mut unknown.extra,
        );
        session.version = self.version(node, &required(node, version, "version")?)?;
        session.declared_features = owned(features);
        session.hash_token = owned(hash_token);
        session.user_data = owned(user_data).unwrap_or_default();
        let mut notes = None;
        let mut chat = None;
        let mut stereo = None;
        for child in node.children() {
            match our_name(child) {
                Some("group") => {
                    let (group, part) = self.text_of(child);
                    session.groups.push(group);
                    unknown.known_with("group", part);
                }
                Some("notes") => self.notes_once(child, &mut notes, &mut unknown),
                Some("chat") => {
                    let (raw, part) = self.text_of(child);
                    self.once(child, &mut chat, (Chat { raw }, part), &mut unknown);
                }
                Some("stereo") => {
                    let value = self.stereo(child)?;
                    self.once(child, &mut stereo, (value, Extra::default()), &mut unknown);
                }
                Some("media") => {
                    session.media.push(self.media(child)?);
                    unknown.known("media");
                }
                _ => self.other(child, &mut unknown),
            }
        }
        session.notes = notes.unwrap_or_default();
        session.chat = chat;
        session.stereo = stereo;
        session.extra = unknown.extra;
        Ok(session)
    }

    fn version(&mut self, node: Node<'_, '_>, attribute: &Attribute<'_, '_>) -> Result<u64> {
        let version = attribute.value().trim().parse::<u64>().map_err(|_| {
            attribute_error(
                node,
                attribute,
                format!(
                    "attribute `version`: {:?} is not a whole number",
                    attribute.value()
                ),
            )
        })?;
        if version < SUPPORTED_VERSION {
            return Err(attribute_error(
                node,
                attribute,
                format!("session format version {version} is not supported; this toolkit reads version {SUPPORTED_VERSION} and later"),
            ));
        }
        if version > SUPPORTED_VERSION {
            self.warn(node, WarningKind::NewerVersion { version });
        }
        Ok(version)
    }

    fn stereo(&mut self, node: Node<'_, '_>) -> Result<Stereo> {
        let mut unknown = Unknown::default();
        let [enabled, kind] = self.attributes(node, ["enabled", "type"], &mut unknown.extra);
        let enabled = parse_bool(node, &required(node, enabled, "enabled")?)?;
        let kind_attribute = required(node, kind, "type")?;
        let kind = StereoType::from_name(kind_attribute.value().trim()).ok_or_else(|| {
            attribute_error(
                node,
                &kind_attribute,
                format!(
                    "attribute `type`: {:?} is not one of `side-by-side`, `composite`, `interlaced`",
                    kind_attribute.value()
                ),
            )
        })?;
        let mut stereo = Stereo {
            enabled,
            kind,
            anamorphic: None,
            anaglyph: None,
            grayscale: None,
            separation: None,
            extra: Extra::default(),
        };
        for child in node.children() {
            match our_name(child) {
                Some("anamorphic") => {
                    let value = self.bool_value(child)?;
                    self.once(child, &mut stereo.anamorphic, value, &mut unknown);
                }
                Some("anaglyph") => {
                    let value = self.bool_value(child)?;
                    self.once(child, &mut stereo.anaglyph, value, &mut unknown);
                }
                Some("grayscale") => {
                    let value = self.bool_value(child)?;
                    self.once(child, &mut stereo.grayscale, value, &mut unknown);
                }
                Some("separation") => {
                    let ([annotation, image], part) =
                        self.numbers(child, ["annotation", "image"])?;
                    let separation = Separation { annotation, image };
                    self.once(
                        child,
                        &mut stereo.separation,
                        (separation, part),
                        &mut unknown,
                    );
                }
                _ => self.other(child, &mut unknown),
            }
        }
        stereo.extra = unknown.extra;
        Ok(stereo)
    }

    fn media(&mut self, node: Node<'_, '_>) -> Result<Media> {
        let is_group_movie = node
            .children()
            .any(|child| our_name(child) == Some("groupMovie"));
        let kind = if is_group_movie {
            MediaKind::GroupMovie(GroupMovie {
                group: String::new(),
            })
        } else {
            MediaKind::File(MediaFile::new(String::new(), Locators::default()))
        };
        let mut media = Media::new(kind);
        let mut unknown = Unknown::default();
        let [user_data, active, current_frame] = self.attributes(
            node,
            ["userData", "active", "currentFrame"],
            &mut unknown.extra,
        );
        media.user_data = owned(user_data).unwrap_or_default();
        if let Some(active) = active {
            media.active = parse_bool(node, &active)?;
        }
        if let Some(frame) = current_frame {
            media.current_frame = parse_frame(node, &frame)?;
        }
        let mut play_range = None;
        let mut file_parts = FileParts::default();
        for child in node.children() {
            match (our_name(child), &mut media.kind) {
                (Some("group"), _) => {
                    let (group, part) = self.text_of(child);
                    media.groups.push(group);
                    unknown.known_with("group", part);
                }
                (Some("playRange"), _) => {
                    let range = self.play_range(child)?;
                    self.once(child, &mut play_range, range, &mut unknown);
                }
                (Some("groupMovie"), MediaKind::GroupMovie(movie)) => {
                    let (group, part) = self.group_movie(child)?;
                    if unknown.count("groupMovie") > 0 {
                        self.drop_second(child);
                    } else {
                        movie.group = group;
                        unknown.known_with("groupMovie", part);
                    }
                }
                (Some(name), MediaKind::File(file)) => {
                    if !self.media_file_part(child, name, file, &mut file_parts, &mut unknown)? {
                        self.other(child, &mut unknown);
                    }
                }
                _ => self.other(child, &mut unknown),
            }
        }
        if let MediaKind::File(file) = &mut media.kind {
            file.name = required_child(node, file_parts.name, "name")?;
            file.locators = required_child(node, file_parts.locators, "locators")?;
            file.notes = file_parts.notes.unwrap_or_default();
        }
        media.play_range = play_range;
        media.extra = unknown.extra;
        Ok(media)
    }

    /// Reads one child of a media file's `media` element; false when the child is not a
    /// part of a media file.
    fn media_file_part<'n>(
        &mut self,
        child: Node<'n, '_>,
        name: &str,
        file: &mut MediaFile,
        parts: &mut FileParts,
        unknown: &mut Unknown<'n>,
    ) -> Result<bool> {
        match name {
            "name" => {
                let name = self.text_of(child);
                self.once(child, &mut parts.name, name, unknown);
            }
            "locators" => {
                let locators = self.locators(child);
                self.once(
                    child,
                    &mut parts.locators,
                    (locators, Extra::default()),
                    unknown,
                );
            }
            "notes" => self.notes_once(child, &mut parts.notes, unknown),
            "zoomState" => {
                let zoom = self.zoom_state(child)?;
                self.once(
                    child,
                    &mut file.zoom_state,
                    (zoom, Extra::default()),
                    unknown,
                );
            }
            "pixelRatio" => {
                let ratio = self.pixel_ratio(child)?;
                self.once(
                    child,
                    &mut file.pixel_ratio,
                    (ratio, Extra::default()),
                    unknown,
                );
            }
            "mask" => {
                let mask = self.mask(child)?;
                self.once(child, &mut file.mask, (mask, Extra::default()), unknown);
            }
            "colorGrading" => {
                let grading = self.color_grading(child)?;
                self.once(
                    child,
                    &mut file.color_grading,
                    (grading, Extra::default()),
                    unknown,
                );
            }
            "annotation" => {
                let frame = self.annotation(child, file)?;
                unknown.known_as("annotation", frame as usize);
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn group_movie(&mut self, node: Node<'_, '_>) -> Result<(String, Extra)> {
        let mut unknown = Unknown::default();
        let [] = self.attributes(node, [], &mut unknown.extra);
        let mut group = None;
        for child in node.children() {
            match our_name(child) {
                Some("group") => {
                    let value = self.text_of(child);
                    self.once(child, &mut group, value, &mut unknown);
                }
                _ => self.other(child, &mut unknown),
            }
        }
        Ok((required_child(node, group, "group")?, unknown.extra))
    }

    fn play_range(&mut self, node: Node<'_, '_>) -> Result<(PlayRange, Extra)> {
        let mut unknown = Unknown::default();
        let [] = self.attributes(node, [], &mut unknown.extra);
        let (mut in_frame, mut out_frame, mut play_only_range) = (None, None, None);
        for child in node.children() {
            match our_name(child) {
                Some("inFrame") => {
                    let value = self.frame_value(child)?;
                    self.once(child, &mut in_frame, value, &mut unknown);
                }
                Some("outFrame") => {
                    let value = self.frame_value(child)?;
                    self.once(child, &mut out_frame, value, &mut unknown);
                }
                Some("playOnlyRange") => {
                    let value = self.bool_value(child)?;
                    self.once(child, &mut play_only_range, value, &mut unknown);
                }
                _ => self.other(child, &mut unknown),
            }
        }
        let range = PlayRange {
            in_frame: required_child(node, in_frame, "inFrame")?,
            out_frame: required_child(node, out_frame, "outFrame")?,
            play_only_range: required_child(node, play_only_range, "playOnlyRange")?,
        };
        Ok((range, unknown.extra))
    }

    fn locators(&mut self, node: Node<'_, '_>) -> Locators {
        let mut locators = Locators::default();
        let mut unknown = Unknown::default();
        let [] = self.attributes(node, [], &mut unknown.extra);
        for child in node.children() {
            let slot = match our_name(child) {
                Some("path") => &mut locators.path,
                Some("shortHash") => &mut locators.short_hash,
                Some("url") => &mut locators.url,
                _ => {
                    self.other(child, &mut unknown);
                    continue;
                }
            };
            let (value, part) = self.text_of(child);
            if slot.is_some() {
                let kind = child.tag_name().name().to_owned();
                self.warn(child, WarningKind::DuplicateLocator { kind });
            } else {
                *slot = Some(value);
                unknown.known_with(child.tag_name().name(), part);
            }
        }
        locators.extra = unknown.extra;
        locators
    }

    fn zoom_state(&mut self, node: Node<'_, '_>) -> Result<ZoomState> {
        let mut unknown = Unknown::default();
        let [] = self.attributes(node, [], &mut unknown.extra);
        let (mut center, mut scale_factor) = (None, None);
        for child in node.children() {
            match our_name(child) {
                Some("center") => {
                    let value = self.point(child)?;
                    self.once(child, &mut center, value, &mut unknown);
                }
                Some("scaleFactor") => {
                    let value = self.float_value(child)?;
                    self.once(child, &mut scale_factor, value, &mut unknown);
                }
                _ => self.other(child, &mut unknown),
            }
        }
        Ok(ZoomState {
            center: required_child(node, center, "center")?,
            scale_factor: required_child(node, scale_factor, "scaleFactor")?,
            extra: unknown.extra,
        })
    }

    fn pixel_ratio(&mut self, node: Node<'_, '_>) -> Result<PixelRatio> {
        let mut unknown = Unknown::default();
        let [] = self.attributes(node, [], &mut unknown.extra);
        let (mut source, mut target) = (None, None);
        for child in node.children() {
            match our_name(child) {
                Some("source") => {
                    let value = self.ratio(child)?;
                    self.once(child, &mut source, value, &mut unknown);
                }
                Some("target") => {
                    let value = self.ratio(child)?;
                    self.once(child, &mut target, value, &mut unknown);
                }
                _ => self.other(child, &mut unknown),
            }
        }
        Ok(PixelRatio {
            source: required_child(node, source, "source")?,
            target: required_child(node, target, "target")?,
            extra: unknown.extra,
        })
    }

    fn mask(&mut self, node: Node<'_, '_>) -> Result<Mask> {
        let mut unknown = Unknown::default();
        let [alpha] = self.attributes(node, ["alpha"], &mut unknown.extra);
        let alpha = float(node, alpha, "alpha")?;
        let (mut center, mut ratio, mut scale_factor) = (None, None, None);
        for child in node.children() {
            match our_name(child) {
                Some("center") => {
                    let value = self.point(child)?;
                    self.once(child, &mut center, value, &mut unknown);
                }
                Some("ratio") => {
                    let value = self.ratio(child)?;
                    self.once(child, &mut ratio, value, &mut unknown);
                }
                Some("scaleFactor") => {
                    let value = self.float_value(child)?;
                    self.once(child, &mut scale_factor, value, &mut unknown);
                }
                _ => self.other(child, &mut unknown),
            }
        }
        Ok(Mask {
            alpha,
            center: required_child(node, center, "center")?,
            ratio: required_child(node, ratio, "ratio")?,
            scale_factor: required_child(node, scale_factor, "scaleFactor")?,
            extra: unknown.extra,
        })
    }

    fn color_grading(&mut self, node: Node<'_, '_>) -> Result<ColorGrading> {
        let mut grading = ColorGrading::default();
        let mut unknown = Unknown::default();
        let [] = self.attributes(node, [], &mut unknown.extra);
        for child in node.children() {
            match our_name(child) {
                Some("offset") => {
                    let ([red, green, blue], part) =
                        self.numbers(child, ["red", "green", "blue"])?;
                    let offset = ColorOffset { red, green, blue };
                    self.once(child, &mut grading.offset, (offset, part), &mut unknown);
                }
                Some("brightness") => {
                    let ([rgb, red, green, blue], part) =
                        self.numbers(child, ["rgb", "red", "green", "blue"])?;
                    let brightness = Brightness {
                        rgb,
                        red,
                        green,
                        blue,
                    };
                    self.once(
                        child,
                        &mut grading.brightness,
                        (brightness, part),
                        &mut unknown,
                    );
                }
                Some("saturation") => {
                    let value = self.float_value(child)?;
                    self.once(child, &mut grading.saturation, value, &mut unknown);
                }
                Some("gamma") => {
                    let value = self.float_value(child)?;
                    self.once(child, &mut grading.gamma, value, &mut unknown);
                }
                Some("contrast") => {
                    let value = self.float_value(child)?;
                    self.once(child, &mut grading.contrast, value, &mut unknown);
                }
                Some("linearToLog") => {
                    let value = self.bool_value(child)?;
                    self.once(child, &mut grading.linear_to_log, value, &mut unknown);
                }
                Some("lutPath") => {
                    let (path, part) = self.value_attribute(child)?;
                    let value = (path.value().to_owned(), part);
                    self.once(child, &mut grading.lut_path, value, &mut unknown);
                }
                _ => self.other(child, &mut unknown),
            }
        }
        grading.extra = unknown.extra;
        Ok(grading)
    }

    /// Reads an annotation into `file` and returns its frame number.
    fn annotation(&mut self, node: Node<'_, '_>, file: &mut MediaFile) -> Result<u32> {
        let mut unknown = Unknown::default();
        let [frame] = self.attributes(node, ["frame"], &mut unknown.extra);
        let frame = parse_frame(node, &required(node, frame, "frame")?)?;
        let mut annotation = FrameAnnotation::default();
        let mut notes = None;
        for child in node.children() {
            match our_name(child) {
                Some("notes") => self.notes_once(child, &mut notes, &mut unknown),
                name if child.is_element() => {
                    let object = match name {
                        Some(name) => self.drawing(child, name)?,
                        None => None,
                    };
                    let object = match object {
                        Some(object) => object,
                        None => DrawingObject::Unknown(self.unknown_element(child)),
                    };
                    unknown.known(child.tag_name().name());
                    annotation.objects.push(object);
                }
                _ => self.other(child, &mut unknown),
            }
        }
        annotation.notes = notes.unwrap_or_default();
        annotation.extra = unknown.extra;
        match file.annotations.entry(frame) {
            Entry::Vacant(slot) => {
                slot.insert(annotation);
            }
            Entry::Occupied(mut existing) => {
                self.warn(node, WarningKind::MergedAnnotation { frame });
                merge_annotation(existing.get_mut(), annotation);
            }
        }
        Ok(frame)
    }

    fn drawing(&mut self, node: Node<'_, '_>, name: &str) -> Result<Option<DrawingObject>> {
        let object = match name {
            "line" => DrawingObject::Line(self.line(node)?),
            "erase" => DrawingObject::Erase(self.erase(node)?),
            "circle" => DrawingObject::Circle(self.circle(node)?),
            "arrow" => DrawingObject::Arrow(self.arrow(node)?),
            "text" => DrawingObject::Text(self.text_box(node)?),
            _ => return Ok(None),
        };
        Ok(Some(object))
    }

    fn line(&mut self, node: Node<'_, '_>) -> Result<Line> {
        let mut unknown = Unknown::default();
        let [id, color, alpha, thickness] = self.attributes(
            node,
            ["id", "color", "alpha", "thickness"],
            &mut unknown.extra,
        );
        let points = self.points(node, &mut unknown, |reader, point| {
            let mut extra = Extra::default();
            let [x, y, alpha] = reader.attributes(point, ["x", "y", "alpha"], &mut extra);
            reader.leaf_children(point, &mut extra);
            let alpha = match alpha {
                Some(attribute) => Some(parse_float(point, &attribute)?),
                None => None,
            };
            let x = float(point, x, "x")?;
            let y = float(point, y, "y")?;
            Ok((LinePoint { x, y, alpha }, extra))
        })?;
        Ok(Line {
            id: owned(id),
            color: required(node, color, "color")?.value().to_owned(),
            alpha: float(node, alpha, "alpha")?,
            thickness: float(node, thickness, "thickness")?,
            points,
            extra: unknown.extra,
        })
    }

    fn erase(&mut self, node: Node<'_, '_>) -> Result<Erase> {
        let mut unknown = Unknown::default();
        let [id, thickness] = self.attributes(node, ["id", "thickness"], &mut unknown.extra);
        let points = self.points(node, &mut unknown, Self::point)?;
        Ok(Erase {
            id: owned(id),
            thickness: float(node, thickness, "thickness")?,
            points,
            extra: unknown.extra,
        })
    }

    /// The `point` children of a stroke, each with its unknown content kept in the
    /// stroke's [`Extra::parts`]; at least one.
    fn points<'n, T>(
        &mut self,
        node: Node<'n, '_>,
        unknown: &mut Unknown<'n>,
        mut read: impl FnMut(&mut Self, Node<'n, '_>) -> Result<(T, Extra)>,
    ) -> Result<Vec<T>> {
        let mut points = Vec::new();
        for child in node.children() {
            if our_name(child) == Some("point") {
                let (point, part) = read(self, child)?;
                points.push(point);
                unknown.known_with("point", part);
            } else {
                self.other(child, unknown);
            }
        }
        if points.is_empty() {
            return Err(error_at(
                node,
                format!("element `{}` has no `point`", node.tag_name().name()),
            ));
        }
        Ok(points)
    }

    /// The start and end points of a shape, read by [`Reader::shape_part`].
    fn corners(node: Node<'_, '_>, corners: [Option<Point>; 2]) -> Result<(Point, Point)> {
        let [start, end] = corners;
        Ok((
            required_child(node, start, "startPoint")?,
            required_child(node, end, "endPoint")?,
        ))
    }

    /// Reads a `startPoint` or `endPoint` child into `corners`; false for any other child.
    fn shape_part<'n>(
        &mut self,
        child: Node<'n, '_>,
        corners: &mut [Option<Point>; 2],
        unknown: &mut Unknown<'n>,
    ) -> Result<bool> {
        let slot = match our_name(child) {
            Some("startPoint") => &mut corners[0],
            Some("endPoint") => &mut corners[1],
            _ => return Ok(false),
        };
        let value = self.point(child)?;
        self.once(child, slot, value, unknown);
        Ok(true)
    }

    fn circle(&mut self, node: Node<'_, '_>) -> Result<Circle> {
        let mut unknown = Unknown::default();
        let [id, color, alpha] =
            self.attributes(node, ["id", "color", "alpha"], &mut unknown.extra);
        let mut corners = [None, None];
        for child in node.children() {
            if !self.shape_part(child, &mut corners, &mut unknown)? {
                self.other(child, &mut unknown);
            }
        }
        let (start, end) = Self::corners(node, corners)?;
        Ok(Circle {
            id: owned(id),
            color: required(node, color, "color")?.value().to_owned(),
            alpha: float(node, alpha, "alpha")?,
            start,
            end,
            extra: unknown.extra,
        })
    }

    fn arrow(&mut self, node: Node<'_, '_>) -> Result<Arrow> {
        let mut unknown = Unknown::default();
        let [id, color, alpha] =
            self.attributes(node, ["id", "color", "alpha"], &mut unknown.extra);
        let mut corners = [None, None];
        let (mut special, mut flip_side, mut reverse) = (None, None, None);
        for child in node.children() {
            let flag = match our_name(child) {
                Some("special") => &mut special,
                Some("flipSide") => &mut flip_side,
                Some("reverse") => &mut reverse,
                _ => {
                    if !self.shape_part(child, &mut corners, &mut unknown)? {
                        self.other(child, &mut unknown);
                    }
                    continue;
                }
            };
            let value = self.bool_value(child)?;
            self.once(child, flag, value, &mut unknown);
        }
        let (start, end) = Self::corners(node, corners)?;
        Ok(Arrow {
            id: owned(id),
            color: required(node, color, "color")?.value().to_owned(),
            alpha: float(node, alpha, "alpha")?,
            start,
            end,
            special,
            flip_side,
            reverse,
            extra: unknown.extra,
        })
    }

    fn text_box(&mut self, node: Node<'_, '_>) -> Result<TextBox> {
        let mut unknown = Unknown::default();
        let [id] = self.attributes(node, ["id"], &mut unknown.extra);
        let mut corners = [None, None];
        let (mut background, mut foreground, mut text) = (None, None, None);
        for child in node.children() {
            match our_name(child) {
                Some("background") => {
                    let value = self.color_alpha(child)?;
                    self.once(child, &mut background, value, &mut unknown);
                }
                Some("foreground") => {
                    let value = self.color_alpha(child)?;
                    self.once(child, &mut foreground, value, &mut unknown);
                }
                Some("p") => {
                    let value = self.text_of(child);
                    self.once(child, &mut text, value, &mut unknown);
                }
                _ => {
                    if !self.shape_part(child, &mut corners, &mut unknown)? {
                        self.other(child, &mut unknown);
                    }
                }
            }
        }
        let (start, end) = Self::corners(node, corners)?;
        Ok(TextBox {
            id: owned(id),
            start,
            end,
            background: required_child(node, background, "background")?,
            foreground: required_child(node, foreground, "foreground")?,
            text: required_child(node, text, "p")?,
            extra: unknown.extra,
        })
    }
}

/// The parts of a media file that must be there, gathered while reading its children.
#[derive(Default)]
struct FileParts {
    name: Option<String>,
    locators: Option<Locators>,
    notes: Option<String>,
}

/// Merges a second annotation of a frame into the first: notes joined by a newline,
/// drawings appended, unknown content kept with anchors moved past the first one's.
fn merge_annotation(into: &mut FrameAnnotation, mut more: FrameAnnotation) {
    for (anchor, _) in &mut more.extra.children {
        if let Some((name, index)) = anchor {
            if name != "notes" {
                *index += into
                    .objects
                    .iter()
                    .filter(|object| object.element_name() == name)
                    .count();
            }
        }
    }
    let joined = !into.notes.is_empty() && !more.notes.is_empty();
    let shift = into.notes.len() + usize::from(joined);
    if let Some(mut notes) = more
        .extra
        .parts
        .remove("notes")
        .and_then(|mut by_index| by_index.remove(&0))
    {
        for (anchor, _) in &mut notes.children {
            *anchor = Some((
                TEXT_ANCHOR.to_owned(),
                shift + anchor.as_ref().map_or(0, |(_, offset)| *offset),
            ));
        }
        let slot = into
            .extra
            .parts
            .entry("notes".to_owned())
            .or_default()
            .entry(0)
            .or_default();
        slot.attributes.extend(notes.attributes);
        slot.children.extend(notes.children);
    }
    if joined {
        into.notes.push('\n');
    }
    into.notes.push_str(&more.notes);
    into.objects.extend(more.objects);
    into.extra.attributes.extend(more.extra.attributes);
    into.extra.children.extend(more.extra.children);
}

fn extra_attribute(attribute: &Attribute<'_, '_>) -> ExtraAttribute {
    ExtraAttribute {
        namespace: attribute.namespace().map(str::to_owned),
        name: attribute.name().to_owned(),
        value: attribute.value().to_owned(),
    }
}
