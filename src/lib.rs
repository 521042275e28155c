//! `cinesync`: a toolkit for [cineSync](https://www.cinesync.com) pipelines.
//!
//! cineSync connects to a studio pipeline three ways, and this crate covers each:
//!
//! - **Session files** (`.csc`): [`Session`] types every part of a cineSync 3 session:
//!   the playlist ([`Media`], [`MediaFile`], group movies), notes, frame annotations with
//!   their drawings ([`DrawingObject`]), and "pro" state (zoom, pixel ratio, mask, colour
//!   grading, stereo, chat). Loading reports position and element path on every error and
//!   keeps unknown content from newer cineSync versions; writing is deterministic and
//!   atomic ([`Session::save`]).
//! - **Commands** ([`commands`]): `cinesync:` URLs to join or start a session, open a file,
//!   or run a script; built, parsed and handed to the system's handler.
//! - **Events** ([`EventHandler`]): the arguments and session that cineSync hands to an
//!   event script, the frames it saved ([`SavedFrames`]), and the notes exported to CSV
//!   or JSON ([`export`]).
//!
//! # Reading, changing and writing a session
//!
//! ```
//! use cinesync::{FrameAnnotation, Session};
//!
//! let xml = r#"<session xmlns="http://www.cinesync.com/ns/session/3.0" version="3" sessionFeatures="standard">
//!   <media><name>sh010.mov</name><locators><path>/shows/sh010.mov</path></locators></media>
//! </session>"#;
//! let loaded = Session::load_str(xml)?;
//! assert!(loaded.warnings.is_empty());
//! let mut session = loaded.session;
//!
//! let shot = session.media[0].as_file_mut().expect("a media file");
//! shot.annotations.insert(12, FrameAnnotation::with_notes("Hold for two more frames"));
//! let dir = tempfile::tempdir()?;
//! session.save(&dir.path().join("review.csc"))?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Building a session from media
//!
//! ```
//! use cinesync::{MediaFile, Session};
//!
//! let mut session = Session::new();
//! for media in ["https://example.com/sh010_v3.mov", "e74db5de61fa5483c541a3a3056f22d158b44ace"] {
//!     session.media.push(MediaFile::from_locator(media)?.into());
//! }
//! assert!(session.to_xml()?.contains("<shortHash>e74db5de61fa5483c541a3a3056f22d158b44ace</shortHash>"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Short hashes
//!
//! [`short_hash`] computes the fingerprint cineSync uses to find a media file on each
//! participant's disk.
//!
//! The library never prints: problems come back as [`Error`] values and load
//! [`Warning`]s, which the `cinesync` command renders for people.

#![warn(missing_docs)]
// Input must never panic the library: no unwrap, expect or panic outside tests.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod atomic;
pub mod commands;
pub mod datatypes;
mod error;
mod event_handler;
pub mod export;
pub mod generate;
mod location;
pub mod rnc;
pub mod schema;
mod session;
mod short_hash;
mod simplify;
mod validate;
pub mod xml;

pub use crate::atomic::write_atomically;
pub use crate::error::{Error, ErrorKind, Result};
pub use crate::event_handler::{EventError, EventHandler, SaveFormat, SavedFrames, OFFLINE_KEY};
pub use crate::location::{ElementPath, Location, TextIndex};
pub use crate::session::{
    is_color, Arrow, Brightness, Chat, Circle, ColorAlpha, ColorGrading, ColorOffset,
    DrawingObject, Erase, Extra, ExtraAttribute, ExtraElement, ExtraNode, FrameAnnotation,
    GroupMovie, Line, LinePoint, Loaded, Locators, Mask, Media, MediaFile, MediaKind, PixelRatio,
    PlayRange, Point, Ratio, Separation, Session, SessionFeatures, Stereo, StereoType, TextBox,
    Warning, WarningKind, ZoomState, MAX_LOAD_BYTES,
};
pub use crate::short_hash::{is_short_hash, short_hash};
pub use crate::xml::write::WriteOptions;

/// The README's code, compiled as a doctest so that it cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
