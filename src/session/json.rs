//! The JSON shape of the model (`cinesync inspect --json`), as specified in the
//! project's formats reference: every key always present, `null` or empty when absent.

use std::collections::BTreeMap;

use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};

use super::annotation::{DrawingObject, FrameAnnotation};
use super::media::{Locators, Media, MediaKind};
use super::Session;

impl Serialize for Session {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let features = match &self.declared_features {
            Some(declared) => declared.as_str(),
            None => self.features().as_str(),
        };
        let mut out = serializer.serialize_struct("Session", 8)?;
        out.serialize_field("version", &self.version)?;
        out.serialize_field("session_features", features)?;
        out.serialize_field("user_data", &self.user_data)?;
        out.serialize_field("groups", &self.groups)?;
        out.serialize_field("notes", &self.notes)?;
        out.serialize_field("chat", &self.chat.as_ref().map(|chat| &chat.raw))?;
        out.serialize_field("stereo", &self.stereo)?;
        out.serialize_field("media", &self.media)?;
        out.end()
    }
}

impl Serialize for Media {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let no_locators = Locators::default();
        let no_annotations = BTreeMap::new();
        let (kind, group, file) = match &self.kind {
            MediaKind::File(file) => ("file", None, Some(file)),
            MediaKind::GroupMovie(movie) => ("group_movie", Some(&movie.group), None),
        };
        let mut out = serializer.serialize_struct("Media", 16)?;
        out.serialize_field("kind", kind)?;
        out.serialize_field("name", &file.map(|f| &f.name))?;
        out.serialize_field("group", &group)?;
        out.serialize_field("locators", file.map_or(&no_locators, |f| &f.locators))?;
        out.serialize_field("user_data", &self.user_data)?;
        out.serialize_field("active", &self.active)?;
        out.serialize_field("current_frame", &self.current_frame)?;
        out.serialize_field("groups", &self.groups)?;
        out.serialize_field("play_range", &self.play_range)?;
        out.serialize_field("notes", file.map_or("", |f| f.notes.as_str()))?;
        out.serialize_field("zoom_state", &file.and_then(|f| f.zoom_state.as_ref()))?;
        out.serialize_field("pixel_ratio", &file.and_then(|f| f.pixel_ratio.as_ref()))?;
        out.serialize_field("mask", &file.and_then(|f| f.mask.as_ref()))?;
        out.serialize_field(
            "color_grading",
            &file.and_then(|f| f.color_grading.as_ref()),
        )?;
        let annotations = file.map_or(&no_annotations, |f| &f.annotations);
        out.serialize_field("annotations", &Annotations(annotations))?;
        out.end()
    }
}

/// Annotations as a list sorted by frame, each with its frame number.
struct Annotations<'a>(&'a BTreeMap<u32, FrameAnnotation>);

impl Serialize for Annotations<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut list = serializer.serialize_seq(Some(self.0.len()))?;
        for (frame, annotation) in self.0 {
            list.serialize_element(&AnnotationAt {
                frame: *frame,
                annotation,
            })?;
        }
        list.end()
    }
}

struct AnnotationAt<'a> {
    frame: u32,
    annotation: &'a FrameAnnotation,
}

impl Serialize for AnnotationAt<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let objects: &[DrawingObject] = &self.annotation.objects;
        let mut out = serializer.serialize_struct("FrameAnnotation", 3)?;
        out.serialize_field("frame", &self.frame)?;
        out.serialize_field("notes", &self.annotation.notes)?;
        out.serialize_field("objects", objects)?;
        out.end()
    }
}
