//! `cinesync`: read, write and validate cineSync session files, build and open
//! `cinesync:` URLs, and write event handlers.
//!
//! (The crate overview grows with each area; see the README for now.)

mod atomic;
mod error;
mod location;
mod session;
mod short_hash;
pub mod xml;

pub use crate::atomic::write_atomically;
pub use crate::error::{Error, ErrorKind, Result};
pub use crate::location::{ElementPath, Location};
pub use crate::session::{
    is_color, Arrow, Brightness, Chat, Circle, ColorAlpha, ColorGrading, ColorOffset, DrawingObject, Erase, Extra,
    ExtraAttribute, ExtraElement, ExtraNode, FrameAnnotation, GroupMovie, Line, LinePoint, Loaded, Locators, Mask,
    Media, MediaFile, MediaKind, PixelRatio, PlayRange, Point, Ratio, Separation, Session, SessionFeatures, Stereo,
    StereoType, TextBox, Warning, WarningKind, ZoomState,
};
pub use crate::short_hash::{is_short_hash, short_hash};
pub use crate::xml::write::WriteOptions;
