//! Finding the frames cineSync saved: `NAME-FFFFF.EXT`, then `NAME-FFFFF (2).EXT`, …

use std::path::{Component, Path, PathBuf};

use crate::session::MediaFile;

/// The image format cineSync saves annotated frames in (`--save-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SaveFormat {
    /// `--save-format=JPEG`, files ending in `.jpg`.
    Jpeg,
    /// `--save-format=PNG`, files ending in `.png`.
    Png,
}

impl SaveFormat {
    /// The format named as cineSync names it (`JPEG` or `PNG`, exactly).
    ///
    /// ```
    /// use cinesync::SaveFormat;
    /// assert_eq!(SaveFormat::from_name("PNG"), Some(SaveFormat::Png));
    /// assert_eq!(SaveFormat::from_name("png"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<SaveFormat> {
        match name {
            "JPEG" => Some(SaveFormat::Jpeg),
            "PNG" => Some(SaveFormat::Png),
            _ => None,
        }
    }

    /// The name cineSync uses: `JPEG` or `PNG`.
    pub fn name(self) -> &'static str {
        match self {
            SaveFormat::Jpeg => "JPEG",
            SaveFormat::Png => "PNG",
        }
    }

    /// The file extension of saved frames, without the dot: `jpg` or `png`.
    ///
    /// ```
    /// assert_eq!(cinesync::SaveFormat::Jpeg.extension(), "jpg");
    /// ```
    pub fn extension(self) -> &'static str {
        match self {
            SaveFormat::Jpeg => "jpg",
            SaveFormat::Png => "png",
        }
    }
}

/// The folder cineSync saves annotated frames into, and their format: finds the saved
/// image of a media file's frame.
///
/// ```
/// use cinesync::{DrawingObject, Erase, FrameAnnotation, MediaFile, SaveFormat, SavedFrames};
/// # use cinesync::Locators;
///
/// let dir = tempfile::tempdir()?;
/// std::fs::write(dir.path().join("sh010.mov-00012.png"), b"")?;
/// std::fs::write(dir.path().join("sh010.mov-00012 (2).png"), b"")?;
///
/// let mut shot = MediaFile::new("sh010.mov", Locators::path("/shows/sh010.mov"));
/// let mut drawn = FrameAnnotation::default();
/// drawn.objects.push(DrawingObject::Erase(Erase { id: None, thickness: 0.01, points: vec![], extra: Default::default() }));
/// shot.annotations.insert(12, drawn);
///
/// let saved = SavedFrames::new(dir.path(), SaveFormat::Png);
/// assert_eq!(saved.find(&shot, 12), Some(dir.path().join("sh010.mov-00012 (2).png")));
/// assert_eq!(saved.find(&shot, 13), None);
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedFrames {
    dir: PathBuf,
    format: SaveFormat,
}

impl SavedFrames {
    /// Saved frames in `dir`, in `format`.
    pub fn new(dir: impl Into<PathBuf>, format: SaveFormat) -> SavedFrames {
        SavedFrames {
            dir: dir.into(),
            format,
        }
    }

    /// The save folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The image format.
    pub fn format(&self) -> SaveFormat {
        self.format
    }

    /// The saved image of `frame` of `media`: the highest version (`NAME-FFFFF.EXT`,
    /// `NAME-FFFFF (2).EXT`, …) that exists in the folder.
    ///
    /// `None` when the frame has no drawing objects, when no such file exists, or when the
    /// media name could lead outside the save folder (it holds `/`, `\`, a NUL or a
    /// control character, `:` on Windows, or is `.` or `..`): such names are refused,
    /// never cleaned up, so that a frame is never matched to another media's image.
    pub fn find(&self, media: &MediaFile, frame: u32) -> Option<PathBuf> {
        if !has_drawings(media, frame) {
            return None;
        }
        self.find_among(&self.file_names(), media, frame)
    }

    /// The names of the files in the save folder (none when it cannot be read), for
    /// finding many frames with one look at the folder.
    pub(crate) fn file_names(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        entries
            .filter_map(|entry| entry.ok())
            .filter(|entry| entry.file_type().is_ok_and(|kind| !kind.is_dir()))
            .filter_map(|entry| entry.file_name().into_string().ok())
            .collect()
    }

    /// [`SavedFrames::find`] among the `names` of the save folder's files.
    pub(crate) fn find_among(
        &self,
        names: &[String],
        media: &MediaFile,
        frame: u32,
    ) -> Option<PathBuf> {
        if !has_drawings(media, frame) {
            return None;
        }
        let stem = file_stem(&media.name, frame)?;
        let extension = self.format.extension();
        let version = names
            .iter()
            .filter_map(|name| version_of(name, &stem, extension))
            .max()?;
        Some(self.dir.join(file_name(&stem, version, extension)))
    }
}

/// Whether `frame` of `media` has drawing objects.
fn has_drawings(media: &MediaFile, frame: u32) -> bool {
    media
        .annotations
        .get(&frame)
        .is_some_and(|annotation| !annotation.objects.is_empty())
}

/// `NAME-FFFFF`, or `None` when `name` is not a plain file name.
fn file_stem(name: &str, frame: u32) -> Option<String> {
    // `:` names a drive or a stream on Windows; elsewhere it is an ordinary character.
    let hostile =
        |c: char| matches!(c, '/' | '\\') || (cfg!(windows) && c == ':') || c.is_control();
    if name.is_empty() || name == "." || name == ".." || name.contains(hostile) {
        return None;
    }
    let stem = format!("{name}-{frame:05}");
    let mut components = Path::new(&stem).components();
    match (components.next(), components.next()) {
        (Some(Component::Normal(_)), None) => Some(stem),
        _ => None,
    }
}

/// The file name of a version: 1 is `STEM.EXT`, N is `STEM (N).EXT`.
fn file_name(stem: &str, version: u32, extension: &str) -> String {
    if version == 1 {
        format!("{stem}.{extension}")
    } else {
        format!("{stem} ({version}).{extension}")
    }
}

/// The version a file name stands for, when it is one of `STEM.EXT`, `STEM (N).EXT`.
fn version_of(file: &str, stem: &str, extension: &str) -> Option<u32> {
    let rest = file
        .strip_prefix(stem)?
        .strip_suffix(extension)?
        .strip_suffix('.')?;
    if rest.is_empty() {
        return Some(1);
    }
    let digits = rest.strip_prefix(" (")?.strip_suffix(')')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.starts_with('0') {
        return None;
    }
    digits.parse().ok().filter(|&version| version >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_read_from_file_names() {
        assert_eq!(version_of("a.mov-00001.jpg", "a.mov-00001", "jpg"), Some(1));
        assert_eq!(
            version_of("a.mov-00001 (2).jpg", "a.mov-00001", "jpg"),
            Some(2)
        );
        assert_eq!(
            version_of("a.mov-00001 (12).jpg", "a.mov-00001", "jpg"),
            Some(12)
        );
        assert_eq!(
            version_of("a.mov-00001 (1).jpg", "a.mov-00001", "jpg"),
            None
        );
        assert_eq!(
            version_of("a.mov-00001 (02).jpg", "a.mov-00001", "jpg"),
            None
        );
        assert_eq!(version_of("a.mov-00001 ().jpg", "a.mov-00001", "jpg"), None);
        assert_eq!(
            version_of("a.mov-00001 (2).png", "a.mov-00001", "jpg"),
            None
        );
        assert_eq!(version_of("a.mov-000012.jpg", "a.mov-00001", "jpg"), None);
        assert_eq!(version_of("a.mov-00001(2).jpg", "a.mov-00001", "jpg"), None);
    }

    #[test]
    fn frame_numbers_are_padded_to_five_digits_and_may_be_longer() {
        assert_eq!(file_stem("a.mov", 7).as_deref(), Some("a.mov-00007"));
        assert_eq!(file_stem("a.mov", 123456).as_deref(), Some("a.mov-123456"));
    }

    #[test]
    fn names_that_could_leave_the_folder_are_refused() {
        for name in [
            "../x", "a/b", "a\\b", "..", ".", "", "a\0b", "a\nb", "/etc/x",
        ] {
            assert_eq!(file_stem(name, 1), None, "{name:?}");
        }
        if cfg!(windows) {
            assert_eq!(file_stem("C:x", 1), None);
        } else {
            assert_eq!(
                file_stem("sh010: v2.mov", 1).as_deref(),
                Some("sh010: v2.mov-00001")
            );
        }
        assert_eq!(file_stem("..x", 1).as_deref(), Some("..x-00001"));
    }
}
