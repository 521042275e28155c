//! Frame annotations: notes and drawings on one frame of a media file.

use serde::Serialize;

use super::extra::{Extra, ExtraElement};
use super::geometry::{ColorAlpha, Point};

/// The notes and drawings on one frame of a media file. The frame number is the key of
/// [`MediaFile::annotations`](crate::MediaFile::annotations).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrameAnnotation {
    /// The frame's notes; empty when there are none.
    pub notes: String,
    /// The drawing objects, in the order they were drawn (an eraser stroke only erases
    /// what comes before it). Unknown elements of the annotation are kept here too, as
    /// [`DrawingObject::Unknown`], so that they keep their place among the drawings.
    pub objects: Vec<DrawingObject>,
    /// Unknown attributes and comments of the `annotation` element, and unknown content
    /// of its `notes`.
    pub extra: Extra,
}

impl FrameAnnotation {
    /// An annotation holding only notes.
    pub fn with_notes(notes: impl Into<String>) -> FrameAnnotation {
        FrameAnnotation {
            notes: notes.into(),
            ..FrameAnnotation::default()
        }
    }

    /// True when the annotation holds neither notes nor drawings.
    pub fn is_empty(&self) -> bool {
        self.notes.is_empty() && self.objects.is_empty()
    }
}

/// One drawing object of a frame annotation.
///
/// In `cinesync inspect --json` each object is tagged with its `"type"` (see the formats
/// reference); an unknown one is `{"type": "unknown", "namespace": "urn:x"|null, "name":
/// "future", "attributes": […], "children": […]}` (see [`ExtraElement`]). The notes
/// exports and the saved-frame lookup count an unknown object as a drawing object.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum DrawingObject {
    /// A pen stroke.
    Line(Line),
    /// An eraser stroke, erasing what was drawn before it.
    Erase(Erase),
    /// An ellipse inside a rectangle.
    Circle(Circle),
    /// An arrow from a start to an end point.
    Arrow(Arrow),
    /// A text box.
    Text(TextBox),
    /// An element of the annotation that this toolkit does not know (a drawing kind of a
    /// later cineSync version, say), kept in its place among the drawings and written
    /// back unless strict v3 output is asked for.
    Unknown(ExtraElement),
}

impl DrawingObject {
    /// The object's identifier, when it has one (for an unknown object, its unqualified
    /// `id` attribute).
    pub fn id(&self) -> Option<&str> {
        match self {
            DrawingObject::Line(line) => line.id.as_deref(),
            DrawingObject::Erase(erase) => erase.id.as_deref(),
            DrawingObject::Circle(circle) => circle.id.as_deref(),
            DrawingObject::Arrow(arrow) => arrow.id.as_deref(),
            DrawingObject::Text(text) => text.id.as_deref(),
            DrawingObject::Unknown(element) => element
                .attributes
                .iter()
                .find(|attribute| attribute.namespace.is_none() && attribute.name == "id")
                .map(|attribute| attribute.value.as_str()),
        }
    }

    /// The (local) element name the object has in a session file.
    pub fn element_name(&self) -> &str {
        match self {
            DrawingObject::Line(_) => "line",
            DrawingObject::Erase(_) => "erase",
            DrawingObject::Circle(_) => "circle",
            DrawingObject::Arrow(_) => "arrow",
            DrawingObject::Text(_) => "text",
            DrawingObject::Unknown(element) => &element.name,
        }
    }
}

/// A point of a pen stroke, with an optional opacity of its own.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LinePoint {
    /// Horizontal position.
    pub x: f64,
    /// Vertical position.
    pub y: f64,
    /// The point's opacity, from 0 to 1, when it has one.
    pub alpha: Option<f64>,
}

/// A pen stroke.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    /// The identifier cineSync gave the stroke.
    pub id: Option<String>,
    /// The colour, `#RRGGBB`.
    pub color: String,
    /// The opacity, from 0 to 1.
    pub alpha: f64,
    /// The pen width, greater than 0.
    pub thickness: f64,
    /// The points of the stroke; at least one.
    pub points: Vec<LinePoint>,
    /// Unknown content of the `line` element and of its points (`parts["point"]`).
    #[serde(skip)]
    pub extra: Extra,
}

/// An eraser stroke.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Erase {
    /// The identifier cineSync gave the stroke.
    pub id: Option<String>,
    /// The eraser width, greater than 0.
    pub thickness: f64,
    /// The points of the stroke; at least one.
    pub points: Vec<Point>,
    /// Unknown content of the `erase` element and of its points (`parts["point"]`).
    #[serde(skip)]
    pub extra: Extra,
}

/// An ellipse drawn inside the rectangle from `start` to `end`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Circle {
    /// The identifier cineSync gave the shape.
    pub id: Option<String>,
    /// The colour, `#RRGGBB`.
    pub color: String,
    /// The opacity, from 0 to 1.
    pub alpha: f64,
    /// One corner of the bounding rectangle.
    pub start: Point,
    /// The opposite corner.
    pub end: Point,
    /// Unknown content of the `circle` element and of its start and end points.
    #[serde(skip)]
    pub extra: Extra,
}

/// An arrow from `start` to `end`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Arrow {
    /// The identifier cineSync gave the shape.
    pub id: Option<String>,
    /// The colour, `#RRGGBB`.
    pub color: String,
    /// The opacity, from 0 to 1.
    pub alpha: f64,
    /// Where the arrow starts.
    pub start: Point,
    /// Where the arrow ends.
    pub end: Point,
    /// cineSync's "special" arrow style, when set.
    pub special: Option<bool>,
    /// Whether the arrow head is drawn on the other side, when set.
    pub flip_side: Option<bool>,
    /// Whether the arrow points backwards, when set.
    pub reverse: Option<bool>,
    /// Unknown content of the `arrow` element, its points and its flags.
    #[serde(skip)]
    pub extra: Extra,
}

/// A text box.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextBox {
    /// The identifier cineSync gave the box.
    pub id: Option<String>,
    /// One corner of the box.
    pub start: Point,
    /// The opposite corner.
    pub end: Point,
    /// The box's fill.
    pub background: ColorAlpha,
    /// The text colour.
    pub foreground: ColorAlpha,
    /// The text, which may hold newlines.
    pub text: String,
    /// Unknown content of the `text` element, its points, colours and paragraph.
    #[serde(skip)]
    pub extra: Extra,
}
