//! The "pro" viewing state of a media file: zoom, pixel ratio, mask and colour grading.

use serde::Serialize;

use super::extra::Extra;
use super::geometry::{Point, Ratio};

/// How far the viewer is zoomed in, and where.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ZoomState {
    /// The point of the image at the centre of the view.
    pub center: Point,
    /// The magnification, greater than 0.
    pub scale_factor: f64,
    /// Unknown content of the `zoomState` element, its centre and scale factor.
    #[serde(skip)]
    pub extra: Extra,
}

/// The pixel aspect ratio of the source and the one it is shown at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PixelRatio {
    /// The pixel ratio of the media.
    pub source: Ratio,
    /// The pixel ratio to display it at.
    pub target: Ratio,
    /// Unknown content of the `pixelRatio` element and its two ratios.
    #[serde(skip)]
    pub extra: Extra,
}

/// A framing mask laid over the image.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mask {
    /// The mask's opacity, from 0 to 1.
    pub alpha: f64,
    /// The centre of the unmasked area.
    pub center: Point,
    /// The aspect ratio of the unmasked area.
    pub ratio: Ratio,
    /// The size of the unmasked area, greater than 0.
    pub scale_factor: f64,
    /// Unknown content of the `mask` element, its centre, ratio and scale factor.
    #[serde(skip)]
    pub extra: Extra,
}

/// Colour correction applied in the viewer. Every part is optional; an empty
/// `<colorGrading/>` is a value with every field `None`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ColorGrading {
    /// Offsets added to each channel, each from -0.2 to 0.2.
    pub offset: Option<ColorOffset>,
    /// Multipliers for all channels and each channel, each from e^-1 to e.
    pub brightness: Option<Brightness>,
    /// Saturation multiplier, from e^-1 to e.
    pub saturation: Option<f64>,
    /// Gamma, from e^-1 to e.
    pub gamma: Option<f64>,
    /// Contrast multiplier, from e^-1 to e.
    pub contrast: Option<f64>,
    /// Whether a linear-to-log conversion is applied.
    pub linear_to_log: Option<bool>,
    /// The path of a lookup table file.
    pub lut_path: Option<String>,
    /// Unknown content of the `colorGrading` element and of each of its parts.
    #[serde(skip)]
    pub extra: Extra,
}

/// Per-channel offsets of a [`ColorGrading`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ColorOffset {
    /// Red offset.
    pub red: f64,
    /// Green offset.
    pub green: f64,
    /// Blue offset.
    pub blue: f64,
}

/// Brightness multipliers of a [`ColorGrading`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Brightness {
    /// Multiplier for all channels.
    pub rgb: f64,
    /// Red multiplier.
    pub red: f64,
    /// Green multiplier.
    pub green: f64,
    /// Blue multiplier.
    pub blue: f64,
}
