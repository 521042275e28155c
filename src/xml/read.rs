//! Reading a parsed session document into the model.
//!
//! Every element is read by one function. Attributes and elements the model does not know
//! are kept in the element's [`Extra`] (or, inside small leaf elements, dropped) and
//! reported as warnings; content that cannot be typed is an error with its position and
//! element path.

use std::collections::btree_map::Entry;

use roxmltree::{Attribute, Node};

use super::SESSION_NAMESPACE;
use crate::error::{Error, ErrorKind, Result};
use crate::location::{ElementPath, Location, TextIndex};
use crate::session::{
    Arrow, Brightness, Chat, Circle, ColorAlpha, ColorGrading, ColorOffset, DrawingObject, Erase,
    Extra, ExtraAttribute, ExtraElement, ExtraNode, FrameAnnotation, GroupMovie, Line, LinePoint,
    Loaded, Locators, Mask, Media, MediaFile, MediaKind, PixelRatio, PlayRange, Point, Ratio,
    Separation, Session, Stereo, StereoType, TextBox, Warning, WarningKind, ZoomState,
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

/// The local name of an element in the session namespace, or `None` for any other element.
fn our_name<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    (node.tag_name().namespace() == Some(SESSION_NAMESPACE)).then(|| node.tag_name().name())
}

/// The name of an unqualified attribute, or `None` for a namespaced one.
fn plain_name<'a>(attribute: &Attribute<'a, '_>) -> Option<&'a str> {
    attribute.namespace().is_none().then(|| attribute.name())
}

fn child_elements<'a, 'input>(node: Node<'a, 'input>) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children().filter(Node::is_element)
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

fn required_attribute<'a>(node: Node<'a, '_>, name: &str) -> Result<Attribute<'a, 'a>> {
    node.attributes()
        .find(|attribute| plain_name(attribute) == Some(name))
        .ok_or_else(|| {
            error_at(
                node,
                format!(
                    "element `{}` is missing attribute `{name}`",
                    node.tag_name().name()
                ),
            )
        })
}

fn optional_attribute<'a>(node: Node<'a, '_>, name: &str) -> Option<Attribute<'a, 'a>> {
    node.attributes()
        .find(|attribute| plain_name(attribute) == Some(name))
}

fn required_child<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Result<Node<'a, 'input>> {
    child_elements(node)
        .find(|child| our_name(*child) == Some(name))
        .ok_or_else(|| {
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

fn float_attribute(node: Node<'_, '_>, name: &str) -> Result<f64> {
    parse_float(node, &required_attribute(node, name)?)
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

fn point_of(node: Node<'_, '_>) -> Result<Point> {
    Ok(Point::new(
        float_attribute(node, "x")?,
        float_attribute(node, "y")?,
    ))
}

fn ratio_of(node: Node<'_, '_>) -> Result<Ratio> {
    Ok(Ratio::new(
        float_attribute(node, "width")?,
        float_attribute(node, "height")?,
    ))
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

    /// Keeps an unknown attribute of an element that has an [`Extra`].
    fn keep_attribute(
        &mut self,
        node: Node<'_, '_>,
        attribute: &Attribute<'_, '_>,
        extra: &mut Extra,
    ) {
        let name = expanded_name(attribute.namespace(), attribute.name());
        self.warn(node, WarningKind::UnknownAttribute { name });
        extra.attributes.push(extra_attribute(attribute));
    }

    /// Keeps an unknown child element of an element that has an [`Extra`].
    fn keep_element(&mut self, child: Node<'_, '_>, extra: &mut Extra) {
        let name = expanded_name(child.tag_name().namespace(), child.tag_name().name());
        self.warn(child, WarningKind::UnknownElement { name });
        extra.elements.push(extra_element(child));
    }

    /// Reports every attribute of a leaf element except `known` as dropped.
    fn drop_other_attributes(&mut self, node: Node<'_, '_>, known: &[&str]) {
        for attribute in node.attributes() {
            if !plain_name(&attribute).is_some_and(|name| known.contains(&name)) {
                let what = format!(
                    "unknown attribute `{}`",
                    expanded_name(attribute.namespace(), attribute.name())
                );
                self.warn(node, WarningKind::Dropped { what });
            }
        }
    }

    /// Reports every child element of a leaf element except `known` as dropped.
    fn drop_other_children(&mut self, node: Node<'_, '_>, known: &[&str]) {
        for child in child_elements(node) {
            if !our_name(child).is_some_and(|name| known.contains(&name)) {
                let what = format!(
                    "unknown element `{}`",
                    expanded_name(child.tag_name().namespace(), child.tag_name().name())
                );
                self.warn(child, WarningKind::Dropped { what });
            }
        }
    }

    /// Reports non-blank text directly inside an element that holds only elements.
    fn drop_stray_text(&mut self, node: Node<'_, '_>) {
        for text in node.children().filter(Node::is_text) {
            if !text.text().unwrap_or_default().trim().is_empty() {
                self.warn(
                    node,
                    WarningKind::Dropped {
                        what: "text between elements".to_owned(),
                    },
                );
            }
        }
    }

    /// The text content of a text-only element; child elements are reported as dropped.
    fn text_of(&mut self, node: Node<'_, '_>) -> String {
        self.drop_other_attributes(node, &[]);
        self.drop_other_children(node, &[]);
        let mut texts = node
            .children()
            .filter(Node::is_text)
            .filter_map(|text| text.text());
        let first = texts.next().unwrap_or_default().to_owned();
        texts.fold(first, |mut all, more| {
            all.push_str(more);
            all
        })
    }

    /// The `value` attribute of a leaf element like `<inFrame value="40"/>`.
    fn value_attribute<'a>(&mut self, node: Node<'a, '_>) -> Result<Attribute<'a, 'a>> {
        self.drop_other_attributes(node, &["value"]);
        self.drop_other_children(node, &[]);
        required_attribute(node, "value")
    }

    fn bool_value(&mut self, node: Node<'_, '_>) -> Result<bool> {
        let attribute = self.value_attribute(node)?;
        parse_bool(node, &attribute)
    }

    fn float_value(&mut self, node: Node<'_, '_>) -> Result<f64> {
        let attribute = self.value_attribute(node)?;
        parse_float(node, &attribute)
    }

    fn frame_value(&mut self, node: Node<'_, '_>) -> Result<u32> {
        let attribute = self.value_attribute(node)?;
        parse_frame(node, &attribute)
    }

    fn point(&mut self, node: Node<'_, '_>) -> Result<Point> {
        self.drop_other_attributes(node, &["x", "y"]);
        self.drop_other_children(node, &[]);
        point_of(node)
    }

    fn ratio(&mut self, node: Node<'_, '_>) -> Result<Ratio> {
        self.drop_other_attributes(node, &["width", "height"]);
        self.drop_other_children(node, &[]);
        ratio_of(node)
    }

    /// Sets an optional field once; a second element of the same name is dropped with a warning.
    fn set_once<T>(&mut self, node: Node<'_, '_>, slot: &mut Option<T>, value: T) {
        if slot.is_some() {
            let what = format!("a second `{}` element", node.tag_name().name());
            self.warn(node, WarningKind::Dropped { what });
        } else {
            *slot = Some(value);
        }
    }

    fn session(&mut self, node: Node<'_, '_>) -> Result<Session> {
        let mut session = Session::new();
        let version_attribute = required_attribute(node, "version")?;
        session.version = self.version(node, &version_attribute)?;
        for attribute in node.attributes() {
            match plain_name(&attribute) {
                Some("version") => {}
                Some("sessionFeatures") => {
                    session.declared_features = Some(attribute.value().to_owned())
                }
                Some("hashToken") => session.hash_token = Some(attribute.value().to_owned()),
                Some("userData") => session.user_data = attribute.value().to_owned(),
                _ => self.keep_attribute(node, &attribute, &mut session.extra),
            }
        }
        self.drop_stray_text(node);
        let mut notes = None;
        let mut chat = None;
        let mut stereo = None;
        for child in child_elements(node) {
            match our_name(child) {
                Some("group") => session.groups.push(self.text_of(child)),
                Some("notes") => {
                    let text = self.text_of(child);
                    self.set_once(child, &mut notes, text);
                }
                Some("chat") => {
                    let raw = self.text_of(child);
                    self.set_once(child, &mut chat, Chat { raw });
                }
                Some("stereo") => {
                    let value = self.stereo(child)?;
                    self.set_once(child, &mut stereo, value);
                }
                Some("media") => session.media.push(self.media(child)?),
                _ => self.keep_element(child, &mut session.extra),
            }
        }
        session.notes = notes.unwrap_or_default();
        session.chat = chat;
        session.stereo = stereo;
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
        let enabled_attribute = required_attribute(node, "enabled")?;
        let type_attribute = required_attribute(node, "type")?;
        let kind = StereoType::from_name(type_attribute.value().trim()).ok_or_else(|| {
            attribute_error(
                node,
                &type_attribute,
                format!(
                    "attribute `type`: {:?} is not one of `side-by-side`, `composite`, `interlaced`",
                    type_attribute.value()
                ),
            )
        })?;
        let mut stereo = Stereo {
            enabled: parse_bool(node, &enabled_attribute)?,
            kind,
            anamorphic: None,
            anaglyph: None,
            grayscale: None,
            separation: None,
            extra: Extra::default(),
        };
        for attribute in node.attributes() {
            if !matches!(plain_name(&attribute), Some("enabled" | "type")) {
                self.keep_attribute(node, &attribute, &mut stereo.extra);
            }
        }
        self.drop_stray_text(node);
        for child in child_elements(node) {
            match our_name(child) {
                Some("anamorphic") => {
                    let value = self.bool_value(child)?;
                    self.set_once(child, &mut stereo.anamorphic, value);
                }
                Some("anaglyph") => {
                    let value = self.bool_value(child)?;
                    self.set_once(child, &mut stereo.anaglyph, value);
                }
                Some("grayscale") => {
                    let value = self.bool_value(child)?;
                    self.set_once(child, &mut stereo.grayscale, value);
                }
                Some("separation") => {
                    self.drop_other_attributes(child, &["annotation", "image"]);
                    self.drop_other_children(child, &[]);
                    let separation = Separation {
                        annotation: float_attribute(child, "annotation")?,
                        image: float_attribute(child, "image")?,
                    };
                    self.set_once(child, &mut stereo.separation, separation);
                }
                _ => self.keep_element(child, &mut stereo.extra),
            }
        }
        Ok(stereo)
    }

    fn media(&mut self, node: Node<'_, '_>) -> Result<Media> {
        let is_group_movie =
            child_elements(node).any(|child| our_name(child) == Some("groupMovie"));
        let kind = if is_group_movie {
            MediaKind::GroupMovie(GroupMovie {
                group: String::new(),
            })
        } else {
            required_child(node, "name")?;
            required_child(node, "locators")?;
            MediaKind::File(MediaFile::new(String::new(), Locators::default()))
        };
        let mut media = Media::new(kind);
        for attribute in node.attributes() {
            match plain_name(&attribute) {
                Some("userData") => media.user_data = attribute.value().to_owned(),
                Some("active") => media.active = parse_bool(node, &attribute)?,
                Some("currentFrame") => media.current_frame = parse_frame(node, &attribute)?,
                _ => self.keep_attribute(node, &attribute, &mut media.extra),
            }
        }
        self.drop_stray_text(node);
        let mut play_range = None;
        for child in child_elements(node) {
            match (our_name(child), &mut media.kind) {
                (Some("group"), _) => media.groups.push(self.text_of(child)),
                (Some("playRange"), _) => {
                    let range = self.play_range(child)?;
                    self.set_once(child, &mut play_range, range);
                }
                (Some("groupMovie"), MediaKind::GroupMovie(movie)) => {
                    movie.group = self.group_movie(child)?
                }
                (Some(name), MediaKind::File(file)) => {
                    if !self.media_file_part(child, name, file)? {
                        self.keep_element(child, &mut media.extra);
                    }
                }
                _ => self.keep_element(child, &mut media.extra),
            }
        }
        media.play_range = play_range;
        Ok(media)
    }

    /// Reads one child of a media file's `media` element; false when the child is not a
    /// part of a media file.
    fn media_file_part(
        &mut self,
        child: Node<'_, '_>,
        name: &str,
        file: &mut MediaFile,
    ) -> Result<bool> {
        match name {
            "name" => file.name = self.text_of(child),
            "locators" => file.locators = self.locators(child),
            "notes" => file.notes = self.text_of(child),
            "zoomState" => {
                let zoom = self.zoom_state(child)?;
                self.set_once(child, &mut file.zoom_state, zoom);
            }
            "pixelRatio" => {
                let ratio = self.pixel_ratio(child)?;
                self.set_once(child, &mut file.pixel_ratio, ratio);
            }
            "mask" => {
                let mask = self.mask(child)?;
                self.set_once(child, &mut file.mask, mask);
            }
            "colorGrading" => {
                let grading = self.color_grading(child)?;
                self.set_once(child, &mut file.color_grading, grading);
            }
            "annotation" => self.annotation(child, file)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn group_movie(&mut self, node: Node<'_, '_>) -> Result<String> {
        self.drop_other_attributes(node, &[]);
        self.drop_other_children(node, &["group"]);
        let group = required_child(node, "group")?;
        Ok(self.text_of(group))
    }

    fn play_range(&mut self, node: Node<'_, '_>) -> Result<PlayRange> {
        self.drop_other_attributes(node, &[]);
        self.drop_other_children(node, &["inFrame", "outFrame", "playOnlyRange"]);
        Ok(PlayRange {
            in_frame: self.frame_value(required_child(node, "inFrame")?)?,
            out_frame: self.frame_value(required_child(node, "outFrame")?)?,
            play_only_range: self.bool_value(required_child(node, "playOnlyRange")?)?,
        })
    }

    fn locators(&mut self, node: Node<'_, '_>) -> Locators {
        let mut locators = Locators::default();
        for attribute in node.attributes() {
            self.keep_attribute(node, &attribute, &mut locators.extra);
        }
        self.drop_stray_text(node);
        for child in child_elements(node) {
            let slot = match our_name(child) {
                Some("path") => &mut locators.path,
                Some("shortHash") => &mut locators.short_hash,
                Some("url") => &mut locators.url,
                _ => {
                    self.keep_element(child, &mut locators.extra);
                    continue;
                }
            };
            let value = self.text_of(child);
            if slot.is_some() {
                let kind = child.tag_name().name().to_owned();
                self.warn(child, WarningKind::DuplicateLocator { kind });
            } else {
                *slot = Some(value);
            }
        }
        locators
    }

    fn zoom_state(&mut self, node: Node<'_, '_>) -> Result<ZoomState> {
        let mut extra = Extra::default();
        self.keep_unknown(node, &[], &["center", "scaleFactor"], &mut extra);
        Ok(ZoomState {
            center: self.point(required_child(node, "center")?)?,
            scale_factor: self.float_value(required_child(node, "scaleFactor")?)?,
            extra,
        })
    }

    fn pixel_ratio(&mut self, node: Node<'_, '_>) -> Result<PixelRatio> {
        let mut extra = Extra::default();
        self.keep_unknown(node, &[], &["source", "target"], &mut extra);
        Ok(PixelRatio {
            source: self.ratio(required_child(node, "source")?)?,
            target: self.ratio(required_child(node, "target")?)?,
            extra,
        })
    }

    fn mask(&mut self, node: Node<'_, '_>) -> Result<Mask> {
        let mut extra = Extra::default();
        self.keep_unknown(
            node,
            &["alpha"],
            &["center", "ratio", "scaleFactor"],
            &mut extra,
        );
        Ok(Mask {
            alpha: float_attribute(node, "alpha")?,
            center: self.point(required_child(node, "center")?)?,
            ratio: self.ratio(required_child(node, "ratio")?)?,
            scale_factor: self.float_value(required_child(node, "scaleFactor")?)?,
            extra,
        })
    }

    /// Keeps the attributes and child elements of `node` that are not in the known lists.
    fn keep_unknown(
        &mut self,
        node: Node<'_, '_>,
        attributes: &[&str],
        elements: &[&str],
        extra: &mut Extra,
    ) {
        for attribute in node.attributes() {
            if !plain_name(&attribute).is_some_and(|name| attributes.contains(&name)) {
                self.keep_attribute(node, &attribute, extra);
            }
        }
        self.drop_stray_text(node);
        for child in child_elements(node) {
            if !our_name(child).is_some_and(|name| elements.contains(&name)) {
                self.keep_element(child, extra);
            }
        }
    }

    fn color_grading(&mut self, node: Node<'_, '_>) -> Result<ColorGrading> {
        let mut grading = ColorGrading::default();
        for attribute in node.attributes() {
            self.keep_attribute(node, &attribute, &mut grading.extra);
        }
        self.drop_stray_text(node);
        for child in child_elements(node) {
            match our_name(child) {
                Some("offset") => {
                    let offset = self.color_offset(child)?;
                    self.set_once(child, &mut grading.offset, offset);
                }
                Some("brightness") => {
                    let brightness = self.brightness(child)?;
                    self.set_once(child, &mut grading.brightness, brightness);
                }
                Some("saturation") => {
                    let value = self.float_value(child)?;
                    self.set_once(child, &mut grading.saturation, value);
                }
                Some("gamma") => {
                    let value = self.float_value(child)?;
                    self.set_once(child, &mut grading.gamma, value);
                }
                Some("contrast") => {
                    let value = self.float_value(child)?;
                    self.set_once(child, &mut grading.contrast, value);
                }
                Some("linearToLog") => {
                    let value = self.bool_value(child)?;
                    self.set_once(child, &mut grading.linear_to_log, value);
                }
                Some("lutPath") => {
                    let value = self.value_attribute(child)?.value().to_owned();
                    self.set_once(child, &mut grading.lut_path, value);
                }
                _ => self.keep_element(child, &mut grading.extra),
            }
        }
        Ok(grading)
    }

    fn color_offset(&mut self, node: Node<'_, '_>) -> Result<ColorOffset> {
        self.drop_other_attributes(node, &["red", "green", "blue"]);
        self.drop_other_children(node, &[]);
        Ok(ColorOffset {
            red: float_attribute(node, "red")?,
            green: float_attribute(node, "green")?,
            blue: float_attribute(node, "blue")?,
        })
    }

    fn brightness(&mut self, node: Node<'_, '_>) -> Result<Brightness> {
        self.drop_other_attributes(node, &["rgb", "red", "green", "blue"]);
        self.drop_other_children(node, &[]);
        Ok(Brightness {
            rgb: float_attribute(node, "rgb")?,
            red: float_attribute(node, "red")?,
            green: float_attribute(node, "green")?,
            blue: float_attribute(node, "blue")?,
        })
    }

    fn annotation(&mut self, node: Node<'_, '_>, file: &mut MediaFile) -> Result<()> {
        let frame = parse_frame(node, &required_attribute(node, "frame")?)?;
        let mut annotation = FrameAnnotation::default();
        for attribute in node.attributes() {
            if plain_name(&attribute) != Some("frame") {
                self.keep_attribute(node, &attribute, &mut annotation.extra);
            }
        }
        self.drop_stray_text(node);
        for child in child_elements(node) {
            match our_name(child) {
                Some("notes") => annotation.notes = self.text_of(child),
                Some(name) => match self.drawing(child, name)? {
                    Some(object) => annotation.objects.push(object),
                    None => self.keep_element(child, &mut annotation.extra),
                },
                None => self.keep_element(child, &mut annotation.extra),
            }
        }
        match file.annotations.entry(frame) {
            Entry::Vacant(slot) => {
                slot.insert(annotation);
            }
            Entry::Occupied(mut existing) => {
                self.warn(node, WarningKind::MergedAnnotation { frame });
                merge_annotation(existing.get_mut(), annotation);
            }
        }
        Ok(())
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

    fn object_id(node: Node<'_, '_>) -> Option<String> {
        optional_attribute(node, "id").map(|attribute| attribute.value().to_owned())
    }

    fn line(&mut self, node: Node<'_, '_>) -> Result<Line> {
        let mut extra = Extra::default();
        self.keep_unknown(
            node,
            &["id", "color", "alpha", "thickness"],
            &["point"],
            &mut extra,
        );
        let points = self.points(node, |reader, point| {
            reader.drop_other_attributes(point, &["x", "y", "alpha"]);
            reader.drop_other_children(point, &[]);
            let alpha = match optional_attribute(point, "alpha") {
                Some(attribute) => Some(parse_float(point, &attribute)?),
                None => None,
            };
            let at = point_of(point)?;
            Ok(LinePoint {
                x: at.x,
                y: at.y,
                alpha,
            })
        })?;
        Ok(Line {
            id: Self::object_id(node),
            color: required_attribute(node, "color")?.value().to_owned(),
            alpha: float_attribute(node, "alpha")?,
            thickness: float_attribute(node, "thickness")?,
            points,
            extra,
        })
    }

    fn erase(&mut self, node: Node<'_, '_>) -> Result<Erase> {
        let mut extra = Extra::default();
        self.keep_unknown(node, &["id", "thickness"], &["point"], &mut extra);
        let points = self.points(node, |reader, point| reader.point(point))?;
        Ok(Erase {
            id: Self::object_id(node),
            thickness: float_attribute(node, "thickness")?,
            points,
            extra,
        })
    }

    fn points<T>(
        &mut self,
        node: Node<'_, '_>,
        mut read: impl FnMut(&mut Self, Node<'_, '_>) -> Result<T>,
    ) -> Result<Vec<T>> {
        let points = child_elements(node)
            .filter(|child| our_name(*child) == Some("point"))
            .map(|point| read(self, point))
            .collect::<Result<Vec<T>>>()?;
        if points.is_empty() {
            return Err(error_at(
                node,
                format!("element `{}` has no `point`", node.tag_name().name()),
            ));
        }
        Ok(points)
    }

    fn circle(&mut self, node: Node<'_, '_>) -> Result<Circle> {
        let mut extra = Extra::default();
        self.keep_unknown(
            node,
            &["id", "color", "alpha"],
            &["startPoint", "endPoint"],
            &mut extra,
        );
        Ok(Circle {
            id: Self::object_id(node),
            color: required_attribute(node, "color")?.value().to_owned(),
            alpha: float_attribute(node, "alpha")?,
            start: self.point(required_child(node, "startPoint")?)?,
            end: self.point(required_child(node, "endPoint")?)?,
            extra,
        })
    }

    fn arrow(&mut self, node: Node<'_, '_>) -> Result<Arrow> {
        let mut extra = Extra::default();
        let parts = ["startPoint", "endPoint", "special", "flipSide", "reverse"];
        self.keep_unknown(node, &["id", "color", "alpha"], &parts, &mut extra);
        let flag = |reader: &mut Self, name: &str| -> Result<Option<bool>> {
            match child_elements(node).find(|child| our_name(*child) == Some(name)) {
                Some(child) => reader.bool_value(child).map(Some),
                None => Ok(None),
            }
        };
        Ok(Arrow {
            id: Self::object_id(node),
            color: required_attribute(node, "color")?.value().to_owned(),
            alpha: float_attribute(node, "alpha")?,
            start: self.point(required_child(node, "startPoint")?)?,
            end: self.point(required_child(node, "endPoint")?)?,
            special: flag(self, "special")?,
            flip_side: flag(self, "flipSide")?,
            reverse: flag(self, "reverse")?,
            extra,
        })
    }

    fn text_box(&mut self, node: Node<'_, '_>) -> Result<TextBox> {
        let mut extra = Extra::default();
        let parts = ["startPoint", "endPoint", "background", "foreground", "p"];
        self.keep_unknown(node, &["id"], &parts, &mut extra);
        Ok(TextBox {
            id: Self::object_id(node),
            start: self.point(required_child(node, "startPoint")?)?,
            end: self.point(required_child(node, "endPoint")?)?,
            background: self.color_alpha(required_child(node, "background")?)?,
            foreground: self.color_alpha(required_child(node, "foreground")?)?,
            text: self.text_of(required_child(node, "p")?),
            extra,
        })
    }

    fn color_alpha(&mut self, node: Node<'_, '_>) -> Result<ColorAlpha> {
        self.drop_other_attributes(node, &["color", "alpha"]);
        self.drop_other_children(node, &[]);
        Ok(ColorAlpha::new(
            required_attribute(node, "color")?.value(),
            float_attribute(node, "alpha")?,
        ))
    }
}

fn merge_annotation(into: &mut FrameAnnotation, more: FrameAnnotation) {
    if !more.notes.is_empty() {
        if !into.notes.is_empty() {
            into.notes.push('\n');
        }
        into.notes.push_str(&more.notes);
    }
    into.objects.extend(more.objects);
    into.extra.attributes.extend(more.extra.attributes);
    into.extra.elements.extend(more.extra.elements);
}

fn extra_attribute(attribute: &Attribute<'_, '_>) -> ExtraAttribute {
    ExtraAttribute {
        namespace: attribute.namespace().map(str::to_owned),
        name: attribute.name().to_owned(),
        value: attribute.value().to_owned(),
    }
}

/// Copies an unknown element. Whitespace between child elements is indentation, not
/// content, and is left out (the writer indents anew).
fn extra_element(node: Node<'_, '_>) -> ExtraElement {
    let has_elements = node.children().any(|child| child.is_element());
    let children = node
        .children()
        .filter_map(|child| {
            if child.is_element() {
                Some(ExtraNode::Element(extra_element(child)))
            } else if child.is_text() {
                let text = child.text().unwrap_or_default();
                (!(has_elements && text.trim().is_empty()))
                    .then(|| ExtraNode::Text(text.to_owned()))
            } else {
                None
            }
        })
        .collect();
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
