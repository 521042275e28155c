//! Stereo (3D) viewing settings of a session.

use serde::Serialize;

use super::extra::Extra;

/// How a session shows stereo media.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stereo {
    /// Whether stereo viewing is on.
    pub enabled: bool,
    /// How the two eyes are combined.
    #[serde(rename = "type")]
    pub kind: StereoType,
    /// Whether the media is anamorphic, when set.
    pub anamorphic: Option<bool>,
    /// Whether anaglyph display is used, when set.
    pub anaglyph: Option<bool>,
    /// Whether the anaglyph is shown in grey, when set.
    pub grayscale: Option<bool>,
    /// How far apart the eyes are shown, when set.
    pub separation: Option<Separation>,
    /// Unknown content of the `stereo` element, its flags and its separation.
    #[serde(skip)]
    pub extra: Extra,
}

/// The stereo display modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StereoType {
    /// The two eyes side by side.
    SideBySide,
    /// The two eyes composited.
    Composite,
    /// The two eyes interlaced line by line.
    Interlaced,
}

impl StereoType {
    /// The value as written in a session file.
    pub fn as_str(self) -> &'static str {
        match self {
            StereoType::SideBySide => "side-by-side",
            StereoType::Composite => "composite",
            StereoType::Interlaced => "interlaced",
        }
    }

    /// Reads the value written in a session file.
    pub fn from_name(text: &str) -> Option<StereoType> {
        match text {
            "side-by-side" => Some(StereoType::SideBySide),
            "composite" => Some(StereoType::Composite),
            "interlaced" => Some(StereoType::Interlaced),
            _ => None,
        }
    }
}

/// The separation of the two eyes, for annotations and for the image, each from -1 to 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Separation {
    /// Separation of annotations.
    pub annotation: f64,
    /// Separation of the image.
    pub image: f64,
}
