//! Small value types shared by drawings and "pro" state: points, ratios, colours.

use serde::Serialize;

/// A point in normalised frame coordinates (0..1 across the image, but not bounded).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Point {
    /// Horizontal position.
    pub x: f64,
    /// Vertical position.
    pub y: f64,
}

impl Point {
    /// Makes a point.
    pub fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }
}

/// A width-to-height ratio, as in pixel aspect ratios and mask ratios.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Ratio {
    /// The width part; must be greater than 0.
    pub width: f64,
    /// The height part; must be greater than 0.
    pub height: f64,
}

impl Ratio {
    /// Makes a ratio.
    pub fn new(width: f64, height: f64) -> Ratio {
        Ratio { width, height }
    }
}

/// A colour as `#RRGGBB` text with an opacity from 0 to 1.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColorAlpha {
    /// The colour, `#RRGGBB` (hexadecimal digits of either case).
    pub color: String,
    /// The opacity, from 0 (transparent) to 1 (opaque).
    pub alpha: f64,
}

impl ColorAlpha {
    /// Makes a colour with an opacity.
    pub fn new(color: impl Into<String>, alpha: f64) -> ColorAlpha {
        ColorAlpha {
            color: color.into(),
            alpha,
        }
    }
}

/// True when `text` is a colour of the form `#RRGGBB`.
pub fn is_color(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 7 && bytes[0] == b'#' && bytes[1..].iter().all(u8::is_ascii_hexdigit)
}
