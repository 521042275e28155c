//! Media in a session's playlist: media files and group movies.

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

use serde::Serialize;

use super::annotation::FrameAnnotation;
use super::extra::Extra;
use super::pro::{ColorGrading, Mask, PixelRatio, ZoomState};
use crate::short_hash::{is_short_hash, short_hash};

/// One entry of the playlist: a media file or a group movie, with the state both share.
#[derive(Debug, Clone, PartialEq)]
pub struct Media {
    /// Free text a script attached to the media; empty when there is none.
    pub user_data: String,
    /// Whether this is the media being shown.
    pub active: bool,
    /// The frame the player is on (1 when the file does not say).
    pub current_frame: u32,
    /// The groups the media belongs to.
    pub groups: Vec<String>,
    /// The range the player loops over, when set.
    pub play_range: Option<PlayRange>,
    /// What the entry is.
    pub kind: MediaKind,
    /// Unknown content of the `media` element and of its small parts: name, groups,
    /// notes, play range (and its frames), group movie (and its group).
    pub extra: Extra,
}

/// What a playlist entry is.
// Group movies are rare and small; boxing media files would cost every file an allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum MediaKind {
    /// A movie or image sequence.
    File(MediaFile),
    /// All media of a group, played as one movie (a "pro" feature).
    GroupMovie(GroupMovie),
}

impl Media {
    /// A playlist entry with default state (not active, frame 1, no groups, no range).
    pub fn new(kind: MediaKind) -> Media {
        Media {
            user_data: String::new(),
            active: false,
            current_frame: 1,
            groups: Vec::new(),
            play_range: None,
            kind,
            extra: Extra::default(),
        }
    }

    /// A group movie of `group`.
    pub fn group_movie(group: impl Into<String>) -> Media {
        Media::new(MediaKind::GroupMovie(GroupMovie {
            group: group.into(),
        }))
    }

    /// The media file, when the entry is one.
    pub fn as_file(&self) -> Option<&MediaFile> {
        match &self.kind {
            MediaKind::File(file) => Some(file),
            MediaKind::GroupMovie(_) => None,
        }
    }

    /// The media file, mutably, when the entry is one.
    pub fn as_file_mut(&mut self) -> Option<&mut MediaFile> {
        match &mut self.kind {
            MediaKind::File(file) => Some(file),
            MediaKind::GroupMovie(_) => None,
        }
    }

    /// The group movie, when the entry is one.
    pub fn as_group_movie(&self) -> Option<&GroupMovie> {
        match &self.kind {
            MediaKind::File(_) => None,
            MediaKind::GroupMovie(movie) => Some(movie),
        }
    }
}

impl From<MediaFile> for Media {
    fn from(file: MediaFile) -> Media {
        Media::new(MediaKind::File(file))
    }
}

/// A group movie: every media file of a group, played one after the other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupMovie {
    /// The group whose media make up the movie; must not be empty.
    pub group: String,
}

/// The range of frames the player loops over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PlayRange {
    /// The first frame, at least 1.
    pub in_frame: u32,
    /// The last frame, at least `in_frame`.
    pub out_frame: u32,
    /// Whether playback stays inside the range.
    pub play_only_range: bool,
}

/// A movie or image sequence and everything said and drawn about it.
///
/// ```
/// use cinesync::{FrameAnnotation, MediaFile};
///
/// // From one string, as the official libraries did: this one is a URL.
/// let mut shot = MediaFile::from_locator("https://example.com/dailies/sh010_v3.mov")?;
/// assert_eq!(shot.name, "sh010_v3.mov");
/// assert_eq!(shot.locators.url.as_deref(), Some("https://example.com/dailies/sh010_v3.mov"));
///
/// shot.notes = "Grade is close; check the sky.".into();
/// shot.annotations.insert(12, FrameAnnotation::with_notes("Pop on the left edge"));
/// assert_eq!(shot.annotations[&12].notes, "Pop on the left edge");
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct MediaFile {
    /// The name shown in the playlist; must not be empty.
    pub name: String,
    /// Where cineSync finds the file; at least one locator must be set.
    pub locators: Locators,
    /// Notes on the media; empty when there are none.
    pub notes: String,
    /// Zoom, when set (a "pro" feature).
    pub zoom_state: Option<ZoomState>,
    /// Pixel aspect ratio, when set (a "pro" feature).
    pub pixel_ratio: Option<PixelRatio>,
    /// Framing mask, when set (a "pro" feature).
    pub mask: Option<Mask>,
    /// Colour correction, when set (a "pro" feature).
    pub color_grading: Option<ColorGrading>,
    /// Notes and drawings, by frame number.
    pub annotations: BTreeMap<u32, FrameAnnotation>,
}

impl MediaFile {
    /// A media file with a name and locators and nothing else.
    pub fn new(name: impl Into<String>, locators: Locators) -> MediaFile {
        MediaFile {
            name: name.into(),
            locators,
            notes: String::new(),
            zoom_state: None,
            pixel_ratio: None,
            mask: None,
            color_grading: None,
            annotations: BTreeMap::new(),
        }
    }

    /// A media file from one string, guessing the kind of locator as the official
    /// libraries did:
    /// - the path of an existing file gives its absolute path and its short hash;
    /// - text with a scheme and a host (`https://host/…`) is a URL;
    /// - 40 hexadecimal digits are a short hash;
    /// - anything else is a path.
    ///
    /// The name is the last part of the path, or of the URL's path (percent-decoded).
    /// Fails only when an existing file cannot be read for hashing.
    pub fn from_locator(text: &str) -> io::Result<MediaFile> {
        let path = Path::new(text);
        if path.is_file() {
            let absolute = std::path::absolute(path)?;
            let mut locators = Locators::path(absolute.to_string_lossy());
            locators.short_hash = Some(short_hash(&absolute)?);
            return Ok(MediaFile::new(base_name(text), locators));
        }
        if let Some(url) = url_with_host(text) {
            let name = url_file_name(&url).unwrap_or_else(|| text.to_owned());
            return Ok(MediaFile::new(name, Locators::url(text)));
        }
        if is_short_hash(text) {
            return Ok(MediaFile::new(text, Locators::short_hash(text)));
        }
        Ok(MediaFile::new(base_name(text), Locators::path(text)))
    }
}

fn url_with_host(text: &str) -> Option<url::Url> {
    url::Url::parse(text).ok().filter(|url| url.has_host())
}

fn url_file_name(url: &url::Url) -> Option<String> {
    let last = url
        .path_segments()?
        .rev()
        .find(|segment| !segment.is_empty())?;
    Some(
        percent_encoding::percent_decode_str(last)
            .decode_utf8_lossy()
            .into_owned(),
    )
}

/// The last part of a path written with `/` or `\` separators.
fn base_name(text: &str) -> String {
    let trimmed = text.trim_end_matches(['/', '\\']);
    let name = trimmed.rsplit(['/', '\\']).next().unwrap_or(trimmed);
    if name.is_empty() {
        text.to_owned()
    } else {
        name.to_owned()
    }
}

/// Where cineSync can find a media file: a path, a short hash, a URL, or several.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Locators {
    /// A file path on the participant's machine.
    pub path: Option<String>,
    /// The file's short hash (see [`short_hash`](crate::short_hash())), 40 hex digits.
    pub short_hash: Option<String>,
    /// A URL to fetch the file from.
    pub url: Option<String>,
    /// Unknown content of the `locators` element and of each locator.
    #[serde(skip)]
    pub extra: Extra,
}

impl Locators {
    /// Locators holding only a path.
    pub fn path(path: impl Into<String>) -> Locators {
        Locators {
            path: Some(path.into()),
            ..Locators::default()
        }
    }

    /// Locators holding only a short hash.
    pub fn short_hash(hash: impl Into<String>) -> Locators {
        Locators {
            short_hash: Some(hash.into()),
            ..Locators::default()
        }
    }

    /// Locators holding only a URL.
    pub fn url(url: impl Into<String>) -> Locators {
        Locators {
            url: Some(url.into()),
            ..Locators::default()
        }
    }

    /// True when no locator is set.
    pub fn is_empty(&self) -> bool {
        self.path.is_none() && self.short_hash.is_none() && self.url.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locator_text_is_classified_like_the_official_libraries() {
        let url =
            MediaFile::from_locator("ftp://user@host.example/a/CountdownBlue%2001.png").unwrap();
        assert_eq!(url.name, "CountdownBlue 01.png");
        assert_eq!(
            url.locators,
            Locators::url("ftp://user@host.example/a/CountdownBlue%2001.png")
        );

        let hash = "e74db5de61fa5483c541a3a3056f22d158b44ace";
        let by_hash = MediaFile::from_locator(hash).unwrap();
        assert_eq!(
            (by_hash.name.as_str(), by_hash.locators),
            (hash, Locators::short_hash(hash))
        );

        let missing = MediaFile::from_locator("/no/such/dir/shot 010.mov").unwrap();
        assert_eq!(missing.name, "shot 010.mov");
        assert_eq!(
            missing.locators,
            Locators::path("/no/such/dir/shot 010.mov")
        );

        let windows = MediaFile::from_locator(r"C:\movies\a.mov").unwrap();
        assert_eq!(windows.name, "a.mov");

        // A scheme without a host ("mailto:", "C:" on Windows) is not a URL.
        assert_eq!(
            MediaFile::from_locator("urn:isbn:123").unwrap().locators,
            Locators::path("urn:isbn:123")
        );
    }

    #[test]
    fn an_existing_file_gets_its_absolute_path_and_short_hash() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("clip.mov");
        std::fs::write(&file, b"frames").unwrap();
        let media = MediaFile::from_locator(file.to_str().unwrap()).unwrap();
        assert_eq!(media.name, "clip.mov");
        assert_eq!(media.locators.path.as_deref(), file.to_str());
        assert_eq!(media.locators.short_hash, Some(short_hash(&file).unwrap()));
    }
}
