//! The rules a session model must follow to be written as a file cineSync opens (and that
//! the v3 schema accepts). The first broken rule is reported with the field's path through
//! the model, such as `media[2].play_range` (indexes count from 0, as in Rust).

use super::annotation::{DrawingObject, FrameAnnotation};
use super::extra::{Extra, ExtraAttribute, ExtraElement, ExtraNode};
use super::geometry::{is_color, ColorAlpha, Point, Ratio};
use super::media::{Locators, Media, MediaFile, MediaKind, PlayRange};
use super::pro::{ColorGrading, Mask, PixelRatio, ZoomState};
use super::stereo::Stereo;
use super::Session;
use crate::error::{Error, Result};

/// Lower and upper bounds of the schema's float types, compared in single precision as
/// `xsd:float` values are.
const ALPHA: (f32, f32) = (0.0, 1.0);
const COLOR_OFFSET: (f32, f32) = (-0.2, 0.2);
// The schema's own bounds, exp(-1) and exp(1) rounded to six places, not std's E.
#[allow(clippy::approx_constant)]
const COLOR_EXPONENT: (f32, f32) = (0.367879, 2.718282);
const UNIT: (f32, f32) = (-1.0, 1.0);

pub(crate) fn check_session(session: &Session) -> Result<()> {
    text("user_data", &session.user_data)?;
    text("notes", &session.notes)?;
    if let Some(token) = &session.hash_token {
        text("hash_token", token)?;
    }
    if let Some(chat) = &session.chat {
        text("chat", &chat.raw)?;
    }
    groups("groups", &session.groups)?;
    if let Some(stereo) = &session.stereo {
        check_stereo(stereo)?;
    }
    for (index, media) in session.media.iter().enumerate() {
        check_media(&format!("media[{index}]"), media)?;
    }
    let parts = [
        ("group", session.groups.len()),
        ("notes", 1),
        ("chat", one(session.chat.is_some())),
    ];
    extra("extra", &session.extra, &parts)
}

fn check_stereo(stereo: &Stereo) -> Result<()> {
    if let Some(separation) = &stereo.separation {
        bounded("stereo.separation.annotation", separation.annotation, UNIT)?;
        bounded("stereo.separation.image", separation.image, UNIT)?;
    }
    let parts = [
        ("anamorphic", one(stereo.anamorphic.is_some())),
        ("anaglyph", one(stereo.anaglyph.is_some())),
        ("grayscale", one(stereo.grayscale.is_some())),
        ("separation", one(stereo.separation.is_some())),
    ];
    extra("stereo.extra", &stereo.extra, &parts)
}

fn check_media(field: &str, media: &Media) -> Result<()> {
    text(&format!("{field}.user_data"), &media.user_data)?;
    frame(&format!("{field}.current_frame"), media.current_frame)?;
    groups(&format!("{field}.groups"), &media.groups)?;
    if let Some(range) = &media.play_range {
        play_range(&format!("{field}.play_range"), range)?;
    }
    match &media.kind {
        MediaKind::File(file) => check_file(field, file)?,
        MediaKind::GroupMovie(movie) => non_empty(&format!("{field}.group"), &movie.group)?,
    }
    let file = one(media.as_file().is_some());
    let parts = [
        ("name", file),
        ("notes", file),
        ("group", media.groups.len()),
        ("playRange", one(media.play_range.is_some())),
        ("groupMovie", one(media.as_group_movie().is_some())),
    ];
    extra(&format!("{field}.extra"), &media.extra, &parts)
}

fn play_range(field: &str, range: &PlayRange) -> Result<()> {
    frame(&format!("{field}.in_frame"), range.in_frame)?;
    frame(&format!("{field}.out_frame"), range.out_frame)?;
    if range.in_frame > range.out_frame {
        return Err(Error::invalid(
            field,
            format!(
                "in frame {} is after out frame {}",
                range.in_frame, range.out_frame
            ),
        ));
    }
    Ok(())
}

fn check_file(field: &str, file: &MediaFile) -> Result<()> {
    non_empty(&format!("{field}.name"), &file.name)?;
    locators(&format!("{field}.locators"), &file.locators)?;
    text(&format!("{field}.notes"), &file.notes)?;
    if let Some(zoom) = &file.zoom_state {
        zoom_state(&format!("{field}.zoom_state"), zoom)?;
    }
    if let Some(ratio) = &file.pixel_ratio {
        pixel_ratio(&format!("{field}.pixel_ratio"), ratio)?;
    }
    if let Some(mask) = &file.mask {
        check_mask(&format!("{field}.mask"), mask)?;
    }
    if let Some(grading) = &file.color_grading {
        color_grading(&format!("{field}.color_grading"), grading)?;
    }
    for (number, annotation) in &file.annotations {
        check_annotation(
            &format!("{field}.annotations[{number}]"),
            *number,
            annotation,
        )?;
    }
    Ok(())
}

fn locators(field: &str, locators: &Locators) -> Result<()> {
    if locators.is_empty() {
        return Err(Error::invalid(
            field,
            "a media file needs at least one locator (path, short hash or URL)",
        ));
    }
    if let Some(path) = &locators.path {
        non_empty(&format!("{field}.path"), path)?;
    }
    if let Some(url) = &locators.url {
        non_empty(&format!("{field}.url"), url)?;
    }
    if let Some(hash) = &locators.short_hash {
        let length = hash.chars().count();
        if length != 40 {
            return Err(Error::invalid(
                format!("{field}.short_hash"),
                format!("a short hash has 40 characters, this one has {length}"),
            ));
        }
        text(&format!("{field}.short_hash"), hash)?;
    }
    let parts = [
        ("path", one(locators.path.is_some())),
        ("shortHash", one(locators.short_hash.is_some())),
        ("url", one(locators.url.is_some())),
    ];
    extra(&format!("{field}.extra"), &locators.extra, &parts)
}

fn zoom_state(field: &str, zoom: &ZoomState) -> Result<()> {
    point(&format!("{field}.center"), zoom.center)?;
    positive(&format!("{field}.scale_factor"), zoom.scale_factor)?;
    let parts = [("center", 1), ("scaleFactor", 1)];
    extra(&format!("{field}.extra"), &zoom.extra, &parts)
}

fn pixel_ratio(field: &str, pixel_ratio: &PixelRatio) -> Result<()> {
    ratio(&format!("{field}.source"), pixel_ratio.source)?;
    ratio(&format!("{field}.target"), pixel_ratio.target)?;
    let parts = [("source", 1), ("target", 1)];
    extra(&format!("{field}.extra"), &pixel_ratio.extra, &parts)
}

fn check_mask(field: &str, mask: &Mask) -> Result<()> {
    bounded(&format!("{field}.alpha"), mask.alpha, ALPHA)?;
    point(&format!("{field}.center"), mask.center)?;
    ratio(&format!("{field}.ratio"), mask.ratio)?;
    positive(&format!("{field}.scale_factor"), mask.scale_factor)?;
    let parts = [("center", 1), ("ratio", 1), ("scaleFactor", 1)];
    extra(&format!("{field}.extra"), &mask.extra, &parts)
}

fn color_grading(field: &str, grading: &ColorGrading) -> Result<()> {
    if let Some(offset) = &grading.offset {
        for (name, value) in [
            ("red", offset.red),
            ("green", offset.green),
            ("blue", offset.blue),
        ] {
            bounded(&format!("{field}.offset.{name}"), value, COLOR_OFFSET)?;
        }
    }
    if let Some(b) = &grading.brightness {
        for (name, value) in [
            ("rgb", b.rgb),
            ("red", b.red),
            ("green", b.green),
            ("blue", b.blue),
        ] {
            bounded(&format!("{field}.brightness.{name}"), value, COLOR_EXPONENT)?;
        }
    }
    for (name, value) in [
        ("saturation", grading.saturation),
        ("gamma", grading.gamma),
        ("contrast", grading.contrast),
    ] {
        if let Some(value) = value {
            bounded(&format!("{field}.{name}"), value, COLOR_EXPONENT)?;
        }
    }
    if let Some(lut) = &grading.lut_path {
        non_empty(&format!("{field}.lut_path"), lut)?;
    }
    let parts = [
        ("offset", one(grading.offset.is_some())),
        ("brightness", one(grading.brightness.is_some())),
        ("saturation", one(grading.saturation.is_some())),
        ("gamma", one(grading.gamma.is_some())),
        ("contrast", one(grading.contrast.is_some())),
        ("linearToLog", one(grading.linear_to_log.is_some())),
        ("lutPath", one(grading.lut_path.is_some())),
    ];
    extra(&format!("{field}.extra"), &grading.extra, &parts)
}

fn check_annotation(field: &str, number: u32, annotation: &FrameAnnotation) -> Result<()> {
    frame(field, number)?;
    text(&format!("{field}.notes"), &annotation.notes)?;
    for (index, object) in annotation.objects.iter().enumerate() {
        drawing(&format!("{field}.objects[{index}]"), object)?;
    }
    extra(
        &format!("{field}.extra"),
        &annotation.extra,
        &[("notes", 1)],
    )
}

fn drawing(field: &str, object: &DrawingObject) -> Result<()> {
    let known_id = match object {
        DrawingObject::Unknown(element) => return extra_element(field, element),
        known => known.id(),
    };
    if let Some(id) = known_id {
        non_empty(&format!("{field}.id"), id)?;
    }
    match object {
        DrawingObject::Line(line) => {
            color_alpha(field, &ColorAlpha::new(line.color.as_str(), line.alpha))?;
            positive(&format!("{field}.thickness"), line.thickness)?;
            at_least_one_point(field, line.points.len())?;
            for (index, p) in line.points.iter().enumerate() {
                let at = format!("{field}.points[{index}]");
                point(&at, Point::new(p.x, p.y))?;
                if let Some(alpha) = p.alpha {
                    bounded(&format!("{at}.alpha"), alpha, ALPHA)?;
                }
            }
            extra(
                &format!("{field}.extra"),
                &line.extra,
                &[("point", line.points.len())],
            )
        }
        DrawingObject::Erase(erase) => {
            positive(&format!("{field}.thickness"), erase.thickness)?;
            at_least_one_point(field, erase.points.len())?;
            for (index, p) in erase.points.iter().enumerate() {
                point(&format!("{field}.points[{index}]"), *p)?;
            }
            extra(
                &format!("{field}.extra"),
                &erase.extra,
                &[("point", erase.points.len())],
            )
        }
        DrawingObject::Circle(circle) => {
            color_alpha(field, &ColorAlpha::new(circle.color.as_str(), circle.alpha))?;
            rectangle(field, circle.start, circle.end)?;
            extra(&format!("{field}.extra"), &circle.extra, CORNERS)
        }
        DrawingObject::Arrow(arrow) => {
            color_alpha(field, &ColorAlpha::new(arrow.color.as_str(), arrow.alpha))?;
            rectangle(field, arrow.start, arrow.end)?;
            let parts = [
                CORNERS[0],
                CORNERS[1],
                ("special", one(arrow.special.is_some())),
                ("flipSide", one(arrow.flip_side.is_some())),
                ("reverse", one(arrow.reverse.is_some())),
            ];
            extra(&format!("{field}.extra"), &arrow.extra, &parts)
        }
        DrawingObject::Text(text_box) => {
            rectangle(field, text_box.start, text_box.end)?;
            color_alpha(&format!("{field}.background"), &text_box.background)?;
            color_alpha(&format!("{field}.foreground"), &text_box.foreground)?;
            text(&format!("{field}.text"), &text_box.text)?;
            let parts = [
                CORNERS[0],
                CORNERS[1],
                ("background", 1),
                ("foreground", 1),
                ("p", 1),
            ];
            extra(&format!("{field}.extra"), &text_box.extra, &parts)
        }
        DrawingObject::Unknown(_) => Ok(()),
    }
}

/// The parts of a circle, an arrow and a text box that every one has.
const CORNERS: &[(&str, usize)] = &[("startPoint", 1), ("endPoint", 1)];

fn at_least_one_point(field: &str, count: usize) -> Result<()> {
    if count == 0 {
        return Err(Error::invalid(
            format!("{field}.points"),
            "a stroke needs at least one point",
        ));
    }
    Ok(())
}

fn rectangle(field: &str, start: Point, end: Point) -> Result<()> {
    point(&format!("{field}.start"), start)?;
    point(&format!("{field}.end"), end)
}

fn color_alpha(field: &str, value: &ColorAlpha) -> Result<()> {
    if !is_color(&value.color) {
        return Err(Error::invalid(
            format!("{field}.color"),
            format!("{:?} is not a colour of the form #RRGGBB", value.color),
        ));
    }
    bounded(&format!("{field}.alpha"), value.alpha, ALPHA)
}

fn ratio(field: &str, ratio: Ratio) -> Result<()> {
    positive(&format!("{field}.width"), ratio.width)?;
    positive(&format!("{field}.height"), ratio.height)
}

fn point(field: &str, point: Point) -> Result<()> {
    finite(&format!("{field}.x"), point.x)?;
    finite(&format!("{field}.y"), point.y)?;
    Ok(())
}

fn frame(field: &str, frame: u32) -> Result<()> {
    if frame < 1 {
        return Err(Error::invalid(
            field,
            format!("frame numbers start at 1, found {frame}"),
        ));
    }
    Ok(())
}

/// A single-precision float: finite and inside its range once rounded to 32 bits.
fn finite(field: &str, value: f64) -> Result<f32> {
    let single = value as f32;
    if !single.is_finite() {
        return Err(Error::invalid(
            field,
            format!("{value} is not a finite single-precision number"),
        ));
    }
    Ok(single)
}

fn positive(field: &str, value: f64) -> Result<()> {
    if finite(field, value)? <= 0.0 {
        return Err(Error::invalid(
            field,
            format!("{value} must be greater than 0"),
        ));
    }
    Ok(())
}

fn bounded(field: &str, value: f64, (low, high): (f32, f32)) -> Result<()> {
    let single = finite(field, value)?;
    if !(low..=high).contains(&single) {
        return Err(Error::invalid(
            field,
            format!("{value} is outside {low}..={high}"),
        ));
    }
    Ok(())
}

fn groups(field: &str, groups: &[String]) -> Result<()> {
    for (index, group) in groups.iter().enumerate() {
        non_empty(&format!("{field}[{index}]"), group)?;
    }
    Ok(())
}

fn non_empty(field: &str, value: &str) -> Result<()> {
    if value.is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    text(field, value)
}

/// Text must consist of characters XML 1.0 can hold.
fn text(field: &str, value: &str) -> Result<()> {
    match value.chars().find(|&c| !is_xml_char(c)) {
        Some(c) => Err(Error::invalid(
            field,
            format!("character U+{:04X} cannot be written in XML", c as u32),
        )),
        None => Ok(()),
    }
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Checks kept content: names and characters that XML can hold, comments that can be
/// written, and parts that name a known child the model has (`parts` lists how many
/// children of each name there are; a part of any other name has no child to go with).
fn extra(field: &str, kept: &Extra, parts: &[(&str, usize)]) -> Result<()> {
    extra_attributes(field, &kept.attributes)?;
    for (_, node) in &kept.children {
        extra_node(field, node)?;
    }
    for (name, by_index) in &kept.parts {
        let count = parts
            .iter()
            .find(|(known, _)| known == name)
            .map_or(0, |(_, count)| *count);
        for (index, part) in by_index {
            let at = format!("{field}.parts[{name:?}][{index}]");
            if *index >= count {
                return Err(Error::invalid(
                    at,
                    format!("kept content for `{name}` number {index}, but there are {count}"),
                ));
            }
            extra(&at, part, sub_parts(name))?;
        }
    }
    Ok(())
}

/// The known children of the parts that have some: a play range and a group movie.
fn sub_parts(name: &str) -> &'static [(&'static str, usize)] {
    match name {
        "playRange" => &[("inFrame", 1), ("outFrame", 1), ("playOnlyRange", 1)],
        "groupMovie" => &[("group", 1)],
        _ => &[],
    }
}

/// 1 when an optional part is there, else 0.
fn one(present: bool) -> usize {
    usize::from(present)
}

fn extra_attributes(field: &str, attributes: &[ExtraAttribute]) -> Result<()> {
    for attribute in attributes {
        xml_name(field, &attribute.name)?;
        text(&format!("{field}.{}", attribute.name), &attribute.value)?;
    }
    Ok(())
}

fn extra_node(field: &str, node: &ExtraNode) -> Result<()> {
    match node {
        ExtraNode::Element(element) => extra_element(field, element),
        ExtraNode::Text(content) => text(field, content),
        ExtraNode::Comment(content) => {
            if content.contains("--") || content.ends_with('-') {
                return Err(Error::invalid(
                    field,
                    format!("comment {content:?} holds `--` or ends with `-`, which XML forbids"),
                ));
            }
            text(field, content)
        }
    }
}

fn extra_element(field: &str, element: &ExtraElement) -> Result<()> {
    xml_name(field, &element.name)?;
    extra_attributes(field, &element.attributes)?;
    element
        .children
        .iter()
        .try_for_each(|child| extra_node(field, child))
}

/// A local name must be a name XML accepts (checked loosely: no markup characters).
fn xml_name(field: &str, name: &str) -> Result<()> {
    let bad = |c: char| c.is_whitespace() || "<>&\"'=/:!?".contains(c) || !is_xml_char(c);
    let first_ok = name
        .chars()
        .next()
        .is_some_and(|c| !c.is_ascii_digit() && c != '-' && c != '.');
    if !first_ok || name.chars().any(bad) {
        return Err(Error::invalid(
            field,
            format!("{name:?} is not an XML name"),
        ));
    }
    Ok(())
}
